// VideoPlayer's state machine: against a fake engine that delivers frames, stalls and fails on command (the
// player, slot, pacer are real), and against real sockets that fail (a closed loopback port). The real
// engine's playing paths are covered by tests/integration/video against a real RTSP server.
#include "fake_frame_source.h"
#include "vigil/video/video_player.h"

#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

extern "C" {
#include <libavutil/error.h>
}

#include <cerrno>

using namespace vigil::video;
using vigil::video::test::FakeEngine;
using S = VideoPlayer::Status;
using C = VideoPlayer::ErrorCategory;

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
MediaSource fakeSource(const char *path)
{
    MediaSource m;
    m.url = QUrl(QStringLiteral("rtsp://10.1.2.3/") + QLatin1String(path));
    return m;
}
// The centre pixel of the frame on screen (the fake engine's frames are RGBA; read without a GPU).
QColor centre(const VideoPlayer &p)
{
    QVideoFrame f = p.currentFrame();
    if (!f.isValid() || !f.map(QVideoFrame::ReadOnly))
        return {};
    const uchar *px = f.bits(0) + (f.height() / 2) * f.bytesPerLine(0) + (f.width() / 2) * 4;
    const QColor c(px[0], px[1], px[2]);
    f.unmap();
    return c;
}
// A player on the fake engine, playing `path` with one frame of `colour` on screen.
void startPlaying(VideoPlayer &p, FakeEngine &engine, const char *path, const QColor &colour)
{
    p.setFrameSourceFactory(engine.factory());
    p.setSource(fakeSource(path));
    p.play();
    QVERIFY(engine.last());
    engine.last()->open();
    engine.last()->frame(colour);
    QTRY_COMPARE(p.status(), S::Playing);
    QTRY_COMPARE(centre(p), colour);
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
    // ---- the state machine on the fake engine ----

    void connectingBufferingPlaying()
    {
        FakeEngine engine;
        VideoPlayer p;
        p.setFrameSourceFactory(engine.factory());
        QSignalSpy shown(&p, &VideoPlayer::frameShown);
        p.setSource(fakeSource("a"));
        p.play();
        QCOMPARE(engine.openCount(), 1);
        QCOMPARE(engine.last()->options().source.url, fakeSource("a").url);
        QCOMPARE(p.status(), S::Connecting);
        engine.last()->open();
        QTRY_COMPARE(p.status(), S::Buffering);
        QVERIFY(!p.hasFrame());
        engine.last()->frame(Qt::red);
        QTRY_COMPARE(p.status(), S::Playing);
        QTRY_VERIFY(shown.count() >= 1);
        QVERIFY(p.hasFrame());
        QCOMPARE(centre(p), QColor(Qt::red));
        QCOMPARE(p.pendingRetryMs(), -1);
        p.stop();
        QVERIFY(engine.last()->stopped());
        QCOMPARE(p.status(), S::Idle);
        QVERIFY(!p.hasFrame());
    }

    void stallKeepsTheLastPictureAndReconnects()
    {
        FakeEngine engine;
        VideoPlayer p;
        p.setStallTimeoutMs(500);
        startPlaying(p, engine, "a", Qt::green);
        // No more frames: the watchdog calls it stalled, keeps the picture and the time it was taken.
        QTRY_COMPARE_WITH_TIMEOUT(p.status(), S::Stalled, 3000);
        QVERIFY(p.hasFrame());
        QCOMPARE(centre(p), QColor(Qt::green));
        QVERIFY(!p.lastFrameTime().isNull());
        QCOMPARE(p.errorCategory(), C::Transient);
        QVERIFY(engine.at(0)->stopped());
        // A broken stream is retried after 0.5 s, then backs off.
        QVERIFY2(p.pendingRetryMs() >= 400 && p.pendingRetryMs() <= 600,
                 qPrintable(QString::number(p.pendingRetryMs())));
        QTRY_COMPARE_WITH_TIMEOUT(engine.openCount(), 2, 3000);
        QCOMPARE(p.status(), S::Reconnecting);
        QCOMPARE(centre(p), QColor(Qt::green)); // still the last picture while reconnecting
        engine.last()->open();
        engine.last()->frame(Qt::blue);
        QTRY_COMPARE(p.status(), S::Playing);
        QTRY_COMPARE(centre(p), QColor(Qt::blue));
        QVERIFY(p.lastError().isEmpty());
    }

    void refusedIsRetriedWithinASecondForever()
    {
        FakeEngine engine;
        VideoPlayer p;
        p.setFrameSourceFactory(engine.factory());
        p.setSource(fakeSource("a"));
        p.play();
        for (int attempt = 1; attempt <= 4; ++attempt) {
            QTRY_COMPARE_WITH_TIMEOUT(engine.openCount(), attempt, 2000);
            engine.last()->fail(AVERROR(ECONNREFUSED));
            QTRY_COMPARE(p.status(), S::Reconnecting);
            QCOMPARE(p.errorCategory(), C::Transient);
            // The delay does not grow: a camera that is booting is shown within seconds of answering.
            QVERIFY2(p.pendingRetryMs() >= 700 && p.pendingRetryMs() <= 1000,
                     qPrintable(QString::number(p.pendingRetryMs())));
        }
    }

    void wrongPasswordWaitsForTheOperator()
    {
        FakeEngine engine;
        VideoPlayer p;
        p.setFrameSourceFactory(engine.factory());
        p.setSource(fakeSource("a"));
        p.play();
        engine.last()->fail(AVERROR_HTTP_UNAUTHORIZED);
        QTRY_COMPARE(p.status(), S::Failed);
        QCOMPARE(p.errorCategory(), C::Auth);
        QCOMPARE(p.pendingRetryMs(), -1); // never by itself: cameras lock accounts
        QCOMPARE(engine.openCount(), 1);
        p.retryNow(); // the operator touches the tile
        QCOMPARE(engine.openCount(), 2);
        QCOMPARE(p.status(), S::Connecting);
        p.retryNow(); // an attempt is under way: no second one
        QCOMPARE(engine.openCount(), 2);
    }

    void missingStreamIsAskedRarelyAndAtOnceWhenTouched()
    {
        FakeEngine engine;
        VideoPlayer p;
        p.setFrameSourceFactory(engine.factory());
        p.setSource(fakeSource("a"));
        p.play();
        engine.last()->fail(AVERROR_HTTP_NOT_FOUND);
        QTRY_COMPARE(p.status(), S::Failed);
        QCOMPARE(p.errorCategory(), C::Fatal);
        QVERIFY2(p.pendingRetryMs() >= 4000 && p.pendingRetryMs() <= 6000,
                 qPrintable(QString::number(p.pendingRetryMs())));
        p.retryNow();
        QCOMPARE(engine.openCount(), 2);
        QCOMPARE(p.pendingRetryMs(), -1);
    }

    void seamlessSwitchKeepsThePictureUntilTheNewFirstFrame()
    {
        FakeEngine engine;
        VideoPlayer p;
        startPlaying(p, engine, "main", Qt::red);
        p.setSource(fakeSource("sub"), VideoPlayer::SwitchMode::Seamless);
        QCOMPARE(engine.openCount(), 2);
        engine.at(1)->open();
        engine.at(0)->frame(Qt::red); // the old stream keeps playing meanwhile
        QTRY_COMPARE(p.framesShownTotal(), 2);
        QCOMPARE(p.status(), S::Playing);
        QVERIFY(!engine.at(0)->stopped());
        engine.at(1)->frame(Qt::yellow);
        QTRY_COMPARE(centre(p), QColor(Qt::yellow));
        QVERIFY(engine.at(0)->stopped());
        QCOMPARE(p.source().url, fakeSource("sub").url);
    }

    // The decode governor's switch reaches the stream shown now, one being switched to, and every later one.
    void keyFramesOnlyFollowsEverySource()
    {
        FakeEngine engine;
        VideoPlayer p;
        startPlaying(p, engine, "main", Qt::red);
        QSignalSpy changed(&p, &VideoPlayer::keyFramesOnlyChanged);
        QVERIFY(!engine.at(0)->keyFramesOnly());
        p.setKeyFramesOnly(true);
        p.setKeyFramesOnly(true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(engine.at(0)->keyFramesOnly());
        p.setSource(fakeSource("sub"), VideoPlayer::SwitchMode::Seamless);
        QVERIFY(engine.at(1)->keyFramesOnly());
        p.setKeyFramesOnly(false);
        QVERIFY(!engine.at(0)->keyFramesOnly());
        QVERIFY(!engine.at(1)->keyFramesOnly());
        QCOMPARE(changed.count(), 2);
    }

    void failedSeamlessSwitchStaysOnTheWorkingStream()
    {
        FakeEngine engine;
        VideoPlayer p;
        QSignalSpy failed(&p, &VideoPlayer::switchFailed);
        startPlaying(p, engine, "main", Qt::red);
        p.setSource(fakeSource("sub"));
        engine.at(1)->fail(AVERROR_HTTP_NOT_FOUND);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(p.source().url, fakeSource("main").url);
        QCOMPARE(p.status(), S::Playing);
        QVERIFY(!engine.at(0)->stopped());
        QCOMPARE(p.pendingRetryMs(), -1);
        engine.at(0)->frame(Qt::cyan);
        QTRY_COMPARE(centre(p), QColor(Qt::cyan));
    }

    void cleanSwitchClearsThePictureAtOnce()
    {
        FakeEngine engine;
        VideoPlayer p;
        startPlaying(p, engine, "cam1", Qt::red);
        p.setSource(fakeSource("cam2"), VideoPlayer::SwitchMode::Clean);
        QVERIFY(!p.hasFrame());
        QVERIFY(!p.currentFrame().isValid());
        QVERIFY(engine.at(0)->stopped());
        QCOMPARE(p.status(), S::Connecting);
    }

    void snapshotWithoutFrameFails()
    {
        VideoPlayer p;
        QVERIFY(!p.saveSnapshot(QDir::temp().filePath(QStringLiteral("vigil-none.png"))));
    }
};

QTEST_GUILESS_MAIN(TstVideoPlayer)
#include "tst_video_player.moc"
