// `vigil --demo` reads its cameras the way a real site's arrive: from the demo platform (our API, a real
// Beast server on 127.0.0.1) through OursClient and vigil_sites' mapping. What comes out must be the demo
// site's cameras — same ids, names, places and streams — or the demo wall, map and recordings would show
// other things.
#include "vigil/backend/ours_client.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/demo/demo_site.h"
#include "vigil/sites/site_cameras.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace vigil;

class TstDemoPlatformCameras : public QObject
{
    Q_OBJECT
private slots:
    void demoCamerasThroughThePlatform_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("chinese");
        QTest::newRow("nine, Chinese") << 9 << true;
        QTest::newRow("nine, English") << 9 << false;
        QTest::newRow("sixteen, Chinese") << 16 << true;
    }
    void demoCamerasThroughThePlatform()
    {
        QFETCH(int, count);
        QFETCH(bool, chinese);
        demo::DemoBackendOptions o;
        o.rtspBase = QUrl("rtsp://127.0.0.1:18554");
        o.cameraCount = count;
        o.unitCount = 0;
        demo::DemoBackend backend(o);
        QString error;
        QVERIFY2(backend.start(&error), qPrintable(error));

        backend::OursClient client(backend::OursSite{backend.baseUrl(), o.user, o.password});
        const backend::Result<backend::CameraList> list = client.cameras();
        QVERIFY2(list.ok(), qPrintable(list.error.message));
        sites::SiteCameraOptions options;
        options.origin = cameras::kDemoOrigin.toString();
        options.chinese = chinese;
        const QList<cameras::Camera> cams = sites::camerasFromPlatform(list.value, options);

        const QList<demo::DemoCamera> expected = demo::DemoSite::cameras(count);
        QCOMPARE(cams.size(), expected.size());
        for (int i = 0; i < cams.size(); ++i) {
            const cameras::Camera &c = cams.at(i);
            const demo::DemoCamera &d = expected.at(i);
            QCOMPARE(c.id, d.id);
            QCOMPARE(c.name, chinese ? d.nameZh : d.name);
            QCOMPARE(c.origin, QStringLiteral("demo"));
            // "Township / Village": the county (the tree's one root) is not repeated on every camera.
            const demo::DemoArea area = demo::DemoSite::area();
            QVERIFY2(c.group.count(QLatin1String(" / ")) == 1 &&
                         !c.group.startsWith(chinese ? area.nameZh : area.name),
                     qPrintable(c.group));
            QVERIFY(c.position.has_value());
            QVERIFY(qAbs(c.position->lat - d.latitude) < 1e-6);
            QVERIFY(qAbs(c.position->lon - d.longitude) < 1e-6);
            QCOMPARE(c.position->directionDeg, std::round(d.directionDeg));
            QCOMPARE(c.position->fovDeg, std::round(d.fovDeg));
            QCOMPARE(c.streams.size(), 2);
            QCOMPARE(c.streams.at(0).url, QUrl("rtsp://127.0.0.1:18554/" + d.id + "/main"));
            QCOMPARE(c.streams.at(1).url, QUrl("rtsp://127.0.0.1:18554/" + d.id + "/sub"));
        }
        // A second read when nothing changed: the region tree and one conditional request for the list (304).
        const backend::Result<backend::CameraList> again = client.cameras();
        QVERIFY(again.ok());
        QVERIFY(again.value.notModified);
        QCOMPARE(again.value.requests, 2);
        QCOMPARE(sites::camerasFromPlatform(again.value, options), cams);
        QCOMPARE(backend.logins(), 1);
        backend.stop();
    }

    void wrongPasswordSaysSo()
    {
        demo::DemoBackend backend;
        QString error;
        QVERIFY2(backend.start(&error), qPrintable(error));
        backend::OursClient client(backend::OursSite{backend.baseUrl(), "demo", "not-the-password"});
        const backend::Result<backend::CameraList> list = client.cameras();
        QVERIFY(!list.ok());
        QVERIFY(list.error.code == backend::ErrorCode::WrongCredentials);
        QVERIFY(!list.error.message.contains("not-the-password"));
    }
};

QTEST_GUILESS_MAIN(TstDemoPlatformCameras)
#include "tst_demo_platform_cameras.moc"
