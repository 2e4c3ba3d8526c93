// VideoPlayer's state machine against real sockets that fail (a closed loopback port). The playing paths are
// covered by tests/integration/video against a real RTSP server.
#include "vigil/video/video_player.h"

#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

using namespace vigil::video;
using S = VideoPlayer::Status;

namespace {
quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort(); // closed again when s goes out of scope
}
MediaSource source(quint16 port, const QString &password = QStringLiteral("s3cr3t!"))
{
    MediaSource m;
    m.url = QUrl(QStringLiteral("rtsp://127.0.0.1:%1/cam01/main").arg(port));
    m.user = QStringLiteral("admin");
    m.password = password;
    return m;
}
} // namespace

class TstVideoPlayer : public QObject
{
    Q_OBJECT
private slots:
    void idleByDefault()
    {
        VideoPlayer p;
        QCOMPARE(p.status(), S::Idle);
        QCOMPARE(p.desiredState(), VideoPlayer::DesiredState::Stopped);
        QVERIFY(!p.hasFrame());
        QVERIFY(p.lastError().isEmpty());
    }
    void playWithoutSourceSaysSo()
    {
        VideoPlayer p;
        p.play();
        QCOMPARE(p.desiredState(), VideoPlayer::DesiredState::Playing);
        QCOMPARE(p.status(), S::Idle);
        QVERIFY(!p.lastError().isEmpty());
    }
    void refusedConnectionRetriesWithoutLeakingThePassword()
    {
        VideoPlayer p;
        QSignalSpy statusSpy(&p, &VideoPlayer::statusChanged);
        p.setSource(source(closedPort()));
        QVERIFY(!p.displaySource().contains(QStringLiteral("s3cr3t")));
        QVERIFY(!p.displaySource().contains(QStringLiteral("admin")));
        p.play();
        QCOMPARE(p.status(), S::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(p.status(), S::Reconnecting, 5000);
        QCOMPARE(p.errorCategory(), VideoPlayer::ErrorCategory::Transient);
        QVERIFY2(p.lastError().contains(QStringLiteral("refused")), qPrintable(p.lastError()));
        QVERIFY(!p.lastError().contains(QStringLiteral("s3cr3t")));
        // It keeps trying (backoff starts at 0.5 s): a second attempt happens by itself.
        const int before = statusSpy.count();
        QTRY_VERIFY_WITH_TIMEOUT(statusSpy.count() > before, 5000);
        p.stop();
        QCOMPARE(p.status(), S::Idle);
        QVERIFY(p.lastError().isEmpty());
    }
    void stopIsImmediateEvenWhileConnecting()
    {
        // A blackholed address would hang a naive client; stop() must return at once and the worker must end.
        VideoPlayer p;
        MediaSource m;
        m.url = QUrl(QStringLiteral("rtsp://192.0.2.1:554/x")); // TEST-NET-1: no route, nothing answers
        p.setSource(m);
        p.play();
        QElapsedTimer t;
        t.start();
        p.stop();
        QVERIFY(t.elapsed() < 100);
        QCOMPARE(p.status(), S::Idle);
    }
    void setSourceWhileStoppedDoesNotStart()
    {
        VideoPlayer p;
        p.setSource(source(closedPort()));
        QCOMPARE(p.status(), S::Idle);
        QCOMPARE(p.desiredState(), VideoPlayer::DesiredState::Stopped);
    }
    void openUrlMovesCredentialsOutAndRejectsJunk()
    {
        VideoPlayer p;
        QVERIFY(!p.openUrl(QStringLiteral("not a url")));
        QCOMPARE(p.errorCategory(), VideoPlayer::ErrorCategory::Fatal);
        QVERIFY(!p.lastError().isEmpty());
        QVERIFY(!p.openUrl(QStringLiteral("file:///etc/passwd")));
        const quint16 port = closedPort();
        QVERIFY(p.openUrl(QStringLiteral("rtsp://admin:hunter2@127.0.0.1:%1/live").arg(port)));
        QCOMPARE(p.source().user, QStringLiteral("admin"));
        QCOMPARE(p.source().password, QStringLiteral("hunter2"));
        QVERIFY(p.source().url.userInfo().isEmpty());
        QVERIFY(!p.displaySource().contains(QStringLiteral("hunter2")));
        QCOMPARE(p.desiredState(), VideoPlayer::DesiredState::Playing);
        QTRY_COMPARE_WITH_TIMEOUT(p.status(), S::Reconnecting, 5000);
    }
    void snapshotWithoutFrameFails()
    {
        VideoPlayer p;
        QVERIFY(!p.saveSnapshot(QDir::temp().filePath(QStringLiteral("vigil-none.png"))));
    }
};

QTEST_GUILESS_MAIN(TstVideoPlayer)
#include "tst_video_player.moc"
