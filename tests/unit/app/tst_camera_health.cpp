// CameraHealth: the per-camera status the map colours by. The rules (any feed playing = Live, only failing
// feeds = Offline, alarm overrides, withdrawn feeds = Unknown) on the board itself, then a real CameraFeed
// playing a camera whose RTSP port refuses connections (a real socket on 127.0.0.1, nothing listening).
#include "vigil/app/camera_feed.h"
#include "vigil/app/camera_health.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"

#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using vigil::app::CameraFeed;
using vigil::app::CameraHealth;
using PlayerStatus = vigil::video::VideoPlayer::Status;

class TestCameraHealth : public QObject
{
    Q_OBJECT

private slots:
    void rules()
    {
        CameraHealth board(nullptr);
        QSignalSpy spy(&board, &CameraHealth::statusChanged);
        int a = 0, b = 0; // two feeds (tiles)
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Unknown);

        board.report(&a, QStringLiteral("cam"), PlayerStatus::Connecting);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Unknown);
        QCOMPARE(spy.count(), 0);

        board.report(&a, QStringLiteral("cam"), PlayerStatus::Reconnecting);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Offline);
        QCOMPARE(spy.count(), 1);

        // Another tile plays the same camera (e.g. its other stream): the camera is live.
        board.report(&b, QStringLiteral("cam"), PlayerStatus::Playing);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Live);

        board.setAlarm(QStringLiteral("cam"), true);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Alarm);
        board.setAlarm(QStringLiteral("cam"), false);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Live);

        // Tile b moves to another camera: cam is back to its failing feed, "other" is connecting (unknown).
        board.report(&b, QStringLiteral("other"), PlayerStatus::Connecting);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Offline);
        QCOMPARE(board.statusOf(QStringLiteral("other")), CameraHealth::Unknown);

        board.forget(&a);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Unknown);
        QVERIFY(board.statuses().isEmpty());

        const auto last = spy.last();
        QCOMPARE(last.at(0).toString(), QStringLiteral("cam"));
        QCOMPARE(last.at(1).value<CameraHealth::Status>(), CameraHealth::Unknown);
    }

    void feedReportsRefusedCamera()
    {
        QTemporaryDir config;
        QVERIFY(config.isValid());
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        vigil::cameras::CameraDirectory directory(std::make_unique<vigil::cameras::MemoryCredentialStore>());
        vigil::cameras::CameraDirectory::setInstance(&directory);

        // A port that was just free: connecting is refused at once.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const QString id =
            directory.addRtspCamera(QStringLiteral("Dead gate"), {},
                                    QStringLiteral("rtsp://127.0.0.1:%1/live").arg(port), {}, {}, {});
        QVERIFY2(!id.isEmpty(), qPrintable(directory.lastError()));

        auto *board = CameraHealth::instance();
        {
            CameraFeed feed;
            feed.setCameraId(id);
            QTRY_COMPARE_WITH_TIMEOUT(board->statusOf(id), CameraHealth::Offline, 10000);
            QVERIFY(board->statuses().contains(id));
        }
        // The tile is gone: the client no longer knows anything about that camera.
        QCOMPARE(board->statusOf(id), CameraHealth::Unknown);
        vigil::cameras::CameraDirectory::setInstance(nullptr);
    }
};

QTEST_MAIN(TestCameraHealth)
#include "tst_camera_health.moc"
