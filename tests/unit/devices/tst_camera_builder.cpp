// toCamera(): a described ONVIF device (the loopback device, described by the real OnvifClient) becomes a
// camera-directory entry: a stable id from the serial number, ranked stream roles, no credentials in any URL,
// the PTZ flag from onvif::canPanTiltZoom(), and a name that falls back to the model, then the address.
#include "loopback_device.h"
#include "vigil/devices/camera_builder.h"
#include "vigil/onvif/client.h"

#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::onvif;

class TstCameraBuilder : public QObject
{
    Q_OBJECT

private slots:
    void cameraFromADescribedDevice()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifClient client(d.deviceUrl(), o.user, o.password);
        const auto r = client.describe();
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto cam = devices::toCamera(r.value, QStringLiteral("admin"), QStringLiteral("cred-1"));
        QCOMPARE(cam.id, QStringLiteral("onvif-LOOP0001"));
        QCOMPARE(cam.origin, devices::kOnvifOrigin.toString());
        QCOMPARE(cam.user, QStringLiteral("admin"));
        QCOMPARE(cam.credentialRef, QStringLiteral("cred-1"));
        QVERIFY(cam.stream(u"main") && cam.stream(u"sub"));
        QCOMPARE(cam.stream(u"main")->resolution, QSize(1280, 720));
        for (const auto &s : cam.streams)
            QVERIFY(s.url.userInfo().isEmpty());
        QVERIFY(cam.deviceUrl.userInfo().isEmpty());
        QCOMPARE(cam.ptz, canPanTiltZoom(r.value));
        QVERIFY(cam.ptz);
        QVERIFY2(cam.name.contains(QLatin1String("127.0.0.1")), qPrintable(cam.name));
        QCOMPARE(devices::toCamera(r.value, {}, {}, QStringLiteral("Gate")).name, QStringLiteral("Gate"));
    }

    void withoutSerialOrModel()
    {
        DeviceDescription device;
        device.deviceUrl = QUrl(QStringLiteral("http://user:pw@10.0.0.5:8080/onvif/device_service"));
        const auto cam = devices::toCamera(device, {}, {});
        QCOMPARE(cam.id, QStringLiteral("onvif-10.0.0.5-8080"));
        QCOMPARE(cam.name, QStringLiteral("10.0.0.5"));
        QVERIFY(cam.deviceUrl.userInfo().isEmpty());
        QVERIFY(!cam.ptz);
    }
};

QTEST_GUILESS_MAIN(TstCameraBuilder)
#include "tst_camera_builder.moc"
