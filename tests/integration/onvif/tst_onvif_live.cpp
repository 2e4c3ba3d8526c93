// End to end on loopback: an ONVIF device whose GetStreamUri points at our real RTSP test server (DemoSite)
// is tested and added as a camera exactly as the Add-devices dialog will do it, and a VideoPlayer plays the
// camera's ranked streams (decoded frames asserted, sub and main sizes told apart).
#include "loopback_device.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/demo/demo_site.h"
#include "vigil/devices/device_probe.h"
#include "vigil/video/video_player.h"

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtMultimedia/QVideoSink>
#include <QtTest/QtTest>

using namespace vigil;
using S = video::VideoPlayer::Status;

namespace {
constexpr auto kUser = "operator";
constexpr auto kPassword = "p@ss:w0rd/#1";

} // namespace

class TstOnvifLive : public QObject
{
    Q_OBJECT
    std::unique_ptr<demo::DemoSite> m_site;
    QTemporaryDir m_config;

private slots:
    void initTestCase()
    {
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        demo::DemoSiteOptions o;
        o.cameraCount = 1;
        o.clipSeconds = 4;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        o.cacheDir = qEnvironmentVariable("VIGIL_ONVIF_TEST_CACHE",
                                          QDir::temp().filePath(QStringLiteral("vigil-onvif-test")));
        m_site = std::make_unique<demo::DemoSite>(o);
        QString error;
        QVERIFY2(m_site->prepare(&error), qPrintable(error));
        QVERIFY2(m_site->start(&error), qPrintable(error));
    }

    void deviceToCameraToPicture()
    {
        onvif::test::DeviceOptions o;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        // Generated profiles are "main" (1280x720) and "sub" (640x360), listed sub first.
        o.rtspUrl = QStringLiteral("rtsp://127.0.0.1:%1/cam01/{profile}").arg(m_site->port());
        onvif::test::LoopbackDevice device(o);
        QVERIFY(device.start());

        devices::OnvifDeviceProbe probe;
        probe.test(QStringLiteral("127.0.0.1:%1").arg(device.port()), o.user, o.password);
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(), devices::OnvifDeviceProbe::Status::Ready, 10000);

        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        cameras::CameraDirectory directory(std::move(store));
        const QString id =
            probe.addToDirectory(&directory, QStringLiteral("Loopback gate"), QStringLiteral("ONVIF"));
        QVERIFY2(!id.isEmpty(), qPrintable(probe.lastError()));
        QVERIFY2(device.problems().isEmpty(), qPrintable(device.problems().join(QLatin1Char('\n'))));

        const QColor colour = demo::DemoSite::cameras(1).first().colour;
        const std::pair<const char *, QSize> roles[] = {{"sub", demo::DemoSite::kSubSize},
                                                        {"main", demo::DemoSite::kMainSize}};
        for (const auto &[role, size] : roles) {
            const auto resolved = directory.resolve(id, QLatin1String(role));
            QVERIFY(resolved);
            QCOMPARE(resolved->role, QLatin1String(role));
            QVERIFY(resolved->url.userInfo().isEmpty());
            QCOMPARE(resolved->password, QString::fromLatin1(kPassword));

            QVideoSink sink;
            video::VideoPlayer player;
            player.setVideoSink(&sink);
            QSignalSpy frames(&player, &video::VideoPlayer::frameShown);
            video::MediaSource source;
            source.url = resolved->url;
            source.user = resolved->user;
            source.password = resolved->password;
            player.setSource(source);
            player.play();
            QTRY_COMPARE_WITH_TIMEOUT(player.status(), S::Playing, 8000);
            QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 5, 5000);
            const QImage img = player.currentFrame().toImage();
            QCOMPARE(img.size(), size);
            // The picture is cam01's: sample the flat reference region.
            const QRectF f = demo::DemoSite::referenceRegion();
            const QColor seen = img.pixelColor(int((f.x() + f.width() / 2) * img.width()),
                                               int((f.y() + f.height() / 2) * img.height()));
            const int d = std::abs(seen.red() - colour.red()) + std::abs(seen.green() - colour.green()) +
                          std::abs(seen.blue() - colour.blue());
            QVERIFY2(d < 80,
                     qPrintable(QStringLiteral("expected %1, saw %2").arg(colour.name(), seen.name())));
            QVERIFY(!player.displaySource().contains(QLatin1String("p@ss")));
        }
    }

    void cleanupTestCase() { m_site.reset(); }
};

QTEST_MAIN(TstOnvifLive)
#include "tst_onvif_live.moc"
