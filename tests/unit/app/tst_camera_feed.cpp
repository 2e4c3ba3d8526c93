// CameraFeed tells CameraHealth how the camera it shows is doing: a real CameraFeed playing a camera whose
// RTSP port refuses connections (a real socket on 127.0.0.1, nothing listening) turns the camera Offline, and
// the camera goes back to Unknown when the tile is gone.
#include "vigil/alarms/camera_health.h"
#include "vigil/app/camera_feed.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"

#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using vigil::alarms::CameraHealth;
using vigil::app::CameraFeed;

class TestCameraFeed : public QObject
{
    Q_OBJECT

private slots:
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

QTEST_MAIN(TestCameraFeed)
#include "tst_camera_feed.moc"
