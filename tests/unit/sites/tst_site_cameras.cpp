// A platform's answer turned into the directory's cameras (vigil/sites/site_cameras.h): a table of the cases
// that decide what an operator sees — names, groups from the region tree, datums, URLs without passwords.
#include "vigil/backend/ours_client.h"
#include "vigil/map/geo.h"
#include "vigil/sites/site_cameras.h"

#include <QtTest/QtTest>

using namespace vigil;

namespace {

backend::Region region(const QString &id, const QString &name, const QString &nameEn, const QString &parent)
{
    return backend::Region{id, name, nameEn, parent};
}

backend::BackendCamera camera(const QString &id, const QString &regionId)
{
    backend::BackendCamera c;
    c.id = id;
    c.name = QStringLiteral("摄像机") + id;
    c.nameEn = QStringLiteral("Camera ") + id;
    c.regionId = regionId;
    return c;
}

// County -> two townships -> one village under the first.
QList<backend::Region> countyTree()
{
    return {region("county", "东林县", "Donglin County", ""),
            region("t1", "青石镇", "Qingshi Town", "county"), region("t2", "白沙镇", "Baisha Town", "county"),
            region("v1", "柳村", "Liu Village", "t1")};
}

} // namespace

class TstSiteCameras : public QObject
{
    Q_OBJECT
private slots:
    void regionPaths_data()
    {
        QTest::addColumn<QList<backend::Region>>("regions");
        QTest::addColumn<bool>("chinese");
        QTest::addColumn<QString>("regionId");
        QTest::addColumn<QString>("path");
        QTest::newRow("one root is left out") << countyTree() << true << "v1"
                                              << "青石镇 / 柳村";
        QTest::newRow("english names") << countyTree() << false << "v1"
                                       << "Qingshi Town / Liu Village";
        QTest::newRow("a township") << countyTree() << true << "t2"
                                    << "白沙镇";
        QTest::newRow("the root itself keeps its name") << countyTree() << true << "county"
                                                        << "东林县";
        QList<backend::Region> twoRoots = countyTree();
        twoRoots.append(region("other", "西山县", "", ""));
        twoRoots.append(region("ov", "石村", "", "other"));
        QTest::newRow("two roots are both named") << twoRoots << true << "v1"
                                                  << "东林县 / 青石镇 / 柳村";
        QTest::newRow("no english name: the platform's") << twoRoots << false << "ov"
                                                         << "西山县 / 石村";
        QList<backend::Region> orphan = countyTree();
        orphan.append(region("lost", "孤村", "", "gone"));
        QTest::newRow("missing parent starts a path") << orphan << true << "lost"
                                                      << "孤村";
        QList<backend::Region> cycle = {region("a", "甲", "", "b"), region("b", "乙", "", "a")};
        QTest::newRow("a parent cycle is cut") << cycle << true << "a"
                                               << "乙 / 甲";
    }
    void regionPaths()
    {
        QFETCH(QList<backend::Region>, regions);
        QFETCH(bool, chinese);
        QFETCH(QString, regionId);
        QFETCH(QString, path);
        QCOMPARE(sites::regionPaths(regions, chinese).value(regionId), path);
    }

    void cameras()
    {
        backend::CameraList list;
        list.regions = countyTree();
        backend::BackendCamera a = camera("c1", "v1");
        a.latitude = 30.5;
        a.longitude = 114.3;
        a.directionDeg = 90;
        a.fovDeg = 60;
        a.mainStream = "rtsp://admin:secret@10.0.0.5:554/main";
        a.subStream = "rtsp://10.0.0.5:554/sub";
        a.ptz = true;
        backend::BackendCamera b = camera("c2", "t2");
        b.latitude = 30.5;
        b.longitude = 114.3;
        b.datum = backend::Datum::Gcj02; // direction and fov unknown (NaN)
        b.nameEn.clear();
        b.status = backend::CameraStatus::Offline;
        backend::BackendCamera c = camera("c3", "nowhere"); // no position, no streams, unknown region
        backend::BackendCamera noId = camera("", "v1");
        list.cameras = {a, noId, b, c};

        sites::SiteCameraOptions options;
        options.idPrefix = "county:";
        options.origin = "site";
        options.chinese = false;
        const QList<cameras::Camera> out = sites::camerasFromPlatform(list, options);
        QCOMPARE(out.size(), 3); // the camera without an id is dropped

        QCOMPARE(out[0].id, "county:c1");
        QCOMPARE(out[0].name, "Camera c1");
        QCOMPARE(out[0].group, "Qingshi Town / Liu Village");
        QCOMPARE(out[0].origin, "site");
        QVERIFY(!out[0].ptz);        // no PTZ through a platform yet
        QVERIFY(out[0].platformPtz); // but the list's PTZ filter knows it is one
        QVERIFY(!out[0].offline);
        QVERIFY(out[1].offline); // the platform's status, for the "online only" filter
        QVERIFY(!out[1].platformPtz);
        QCOMPARE(out[0].streams.size(), 2);
        QCOMPARE(out[0].streams[0].role, "main");
        QCOMPARE(out[0].streams[0].url, QUrl("rtsp://10.0.0.5:554/main")); // the password is gone
        QVERIFY(out[0].streams[0].url.userInfo().isEmpty());
        QCOMPARE(out[0].streams[1].role, "sub");
        QVERIFY(out[0].position.has_value());
        QCOMPARE(out[0].position->lat, 30.5);
        QCOMPARE(out[0].position->lon, 114.3);
        QCOMPARE(out[0].position->directionDeg, 90.0);
        QCOMPARE(out[0].position->fovDeg, 60.0);

        QCOMPARE(out[1].name, "摄像机c2"); // no English name: the platform's own
        QCOMPARE(out[1].group, "Baisha Town");
        QVERIFY(out[1].streams.isEmpty());
        QVERIFY(out[1].position.has_value());
        const map::GeoPoint wgs = map::gcj02ToWgs84({30.5, 114.3});
        QCOMPARE(out[1].position->lat, wgs.lat);
        QCOMPARE(out[1].position->lon, wgs.lon);
        // GCJ-02 is a few hundred metres off WGS-84 in China: the conversion really happened.
        QVERIFY(map::greatCircleDistance({30.5, 114.3}, wgs) > 100);
        QCOMPARE(out[1].position->directionDeg, 0.0);
        QCOMPARE(out[1].position->fovDeg, 0.0);

        QCOMPARE(out[2].id, "county:c3");
        QCOMPARE(out[2].group, QString());
        QVERIFY(!out[2].position.has_value());

        options.chinese = true;
        options.idPrefix.clear();
        const QList<cameras::Camera> zh = sites::camerasFromPlatform(list, options);
        QCOMPARE(zh[0].id, "c1");
        QCOMPARE(zh[0].name, "摄像机c1");
        QCOMPARE(zh[0].group, "青石镇 / 柳村");
    }
};

QTEST_GUILESS_MAIN(TstSiteCameras)
#include "tst_site_cameras.moc"
