// Tile math round trips, GCJ-02 reference points, great-circle distance.
#include "vigil/map/geo.h"

#include <QtTest/QtTest>

using namespace vigil::map;

class TstGeo : public QObject
{
    Q_OBJECT
private slots:
    void worldOrigin()
    {
        QCOMPARE(geoToWorld({0, 0}, 0), QPointF(128, 128));
        const QPointF nw = geoToWorld({kMaxLatitude, -180}, 3);
        QVERIFY(std::abs(nw.x()) < 1e-6 && std::abs(nw.y()) < 1e-3);
        QCOMPARE(worldSize(1.5), 256 * std::exp2(1.5));
    }
    void roundTrip_data()
    {
        QTest::addColumn<double>("lat");
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("zoom");
        QTest::newRow("wukang z16") << 30.5442 << 119.9718 << 16.0;
        QTest::newRow("fractional") << 30.5442 << 119.9718 << 12.37;
        QTest::newRow("south-west") << -33.8688 << -70.6693 << 7.5;
        QTest::newRow("near limit") << 85.0 << 179.999 << 20.0;
        QTest::newRow("z1") << 10.0 << 10.0 << 1.0;
    }
    void roundTrip()
    {
        QFETCH(double, lat);
        QFETCH(double, lon);
        QFETCH(double, zoom);
        const QPointF w = geoToWorld({lat, lon}, zoom);
        const GeoPoint back = worldToGeo(w, zoom);
        QVERIFY2(std::abs(back.lat - lat) < 1e-9 && std::abs(back.lon - lon) < 1e-9,
                 qPrintable(QStringLiteral("%1,%2").arg(back.lat, 0, 'f', 12).arg(back.lon, 0, 'f', 12)));
        // The tile that contains the point has it between its corners.
        const TileId t = tileAt({lat, lon}, int(zoom));
        QVERIFY(t.isValid());
        const GeoPoint nw = tileNorthWest(t);
        const GeoPoint se = tileNorthWest({t.z, t.x + 1, t.y + 1});
        QVERIFY(lat <= nw.lat && lat >= se.lat);
        QVERIFY(lon >= nw.lon && lon <= se.lon);
    }
    void knownTiles_data()
    {
        QTest::addColumn<double>("lat");
        QTest::addColumn<double>("lon");
        QTest::addColumn<int>("z");
        QTest::addColumn<int>("x");
        QTest::addColumn<int>("y");
        // Reference values from the OSM wiki's slippy-map formula (computed independently).
        QTest::newRow("origin z0") << 0.0 << 0.0 << 0 << 0 << 0;
        QTest::newRow("origin z1") << 0.0 << 0.0 << 1 << 1 << 1;
        QTest::newRow("wukang z10") << 30.5442 << 119.9718 << 10 << 853 << 420;
        QTest::newRow("wukang z16") << 30.5442 << 119.9718 << 16 << 54608 << 26923;
        QTest::newRow("berlin z12") << 52.52 << 13.405 << 12 << 2200 << 1343;
    }
    void knownTiles()
    {
        QFETCH(double, lat);
        QFETCH(double, lon);
        QFETCH(int, z);
        QFETCH(int, x);
        QFETCH(int, y);
        QCOMPARE(tileAt({lat, lon}, z), (TileId{z, x, y}));
    }
    void tileHelpers()
    {
        QCOMPARE((TileId{16, 54608, 26923}.parent()), (TileId{15, 27304, 13461}));
        QCOMPARE(flipY(3, 0), 7);
        QCOMPARE(flipY(3, flipY(3, 5)), 5);
        QVERIFY(!(TileId{2, 4, 0}.isValid()));
        QCOMPARE((TileId{3, 1, 2}.key()), QStringLiteral("3/1/2"));
        // ~2.4 km per pixel at the equator at z0 for 256 px tiles is 156543 m.
        QVERIFY(std::abs(metersPerPixel(0, 0) - 156543.034) < 0.01);
    }
    void gcj02Reference_data()
    {
        QTest::addColumn<double>("wgsLat");
        QTest::addColumn<double>("wgsLon");
        QTest::addColumn<double>("gcjLat");
        QTest::addColumn<double>("gcjLon");
        // Published reference points from the eviltransform project's test suites (googollee/eviltransform).
        QTest::newRow("shanghai") << 31.1774276 << 121.5272106 << 31.17530398364597 << 121.531541859215;
        QTest::newRow("shenzhen") << 22.543847 << 113.912316 << 22.540796131694766 << 113.9171764808363;
        QTest::newRow("beijing") << 39.911954 << 116.377817 << 39.91334545536069 << 116.38404722455657;
    }
    void gcj02Reference()
    {
        QFETCH(double, wgsLat);
        QFETCH(double, wgsLon);
        QFETCH(double, gcjLat);
        QFETCH(double, gcjLon);
        const GeoPoint g = wgs84ToGcj02({wgsLat, wgsLon});
        // 1e-6 degrees is ~0.1 m: the published values were made with a slightly different Earth radius.
        QVERIFY2(std::abs(g.lat - gcjLat) < 1e-6 && std::abs(g.lon - gcjLon) < 1e-6,
                 qPrintable(QStringLiteral("%1,%2").arg(g.lat, 0, 'f', 9).arg(g.lon, 0, 'f', 9)));
        const GeoPoint w = gcj02ToWgs84({gcjLat, gcjLon});
        QVERIFY(std::abs(w.lat - wgsLat) < 1e-6 && std::abs(w.lon - wgsLon) < 1e-6);
        // Our own inverse of our own forward is exact to ~1e-9 degrees (0.1 mm).
        const GeoPoint back = gcj02ToWgs84(g);
        QVERIFY(std::abs(back.lat - wgsLat) < 1e-9 && std::abs(back.lon - wgsLon) < 1e-9);
        QVERIFY(greatCircleDistance(g, {wgsLat, wgsLon}) > 100); // the shift is hundreds of metres
    }
    void gcj02OutsideChina()
    {
        const GeoPoint paris{48.8566, 2.3522};
        QCOMPARE(wgs84ToGcj02(paris), paris);
        QCOMPARE(gcj02ToWgs84(paris), paris);
        QCOMPARE(toDatum(paris, Datum::Gcj02), paris);
        const GeoPoint wukang{30.5442, 119.9718};
        QCOMPARE(toDatum(wukang, Datum::Wgs84), wukang);
        const GeoPoint back = fromDatum(toDatum(wukang, Datum::Gcj02), Datum::Gcj02);
        QVERIFY(greatCircleDistance(back, wukang) < 0.001);
    }
    void distance_data()
    {
        QTest::addColumn<double>("lat1");
        QTest::addColumn<double>("lon1");
        QTest::addColumn<double>("lat2");
        QTest::addColumn<double>("lon2");
        QTest::addColumn<double>("metres");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("same point") << 30.5 << 120.0 << 30.5 << 120.0 << 0.0 << 1e-9;
        // One degree of latitude on the mean sphere: pi/180 * R.
        QTest::newRow("1 deg lat") << 0.0 << 0.0 << 1.0 << 0.0 << 111195.08 << 0.01;
        QTest::newRow("antipodes") << 0.0 << 0.0 << 0.0 << 180.0 << 20015114.4 << 1.0;
        QTest::newRow("across antimeridian") << 0.0 << 179.5 << 0.0 << -179.5 << 111195.08 << 0.01;
        // Paris-London ~ 343.5 km (sphere).
        QTest::newRow("paris-london") << 48.8566 << 2.3522 << 51.5074 << -0.1278 << 343560.0 << 500.0;
    }
    void distance()
    {
        QFETCH(double, lat1);
        QFETCH(double, lon1);
        QFETCH(double, lat2);
        QFETCH(double, lon2);
        QFETCH(double, metres);
        QFETCH(double, tolerance);
        const double d = greatCircleDistance({lat1, lon1}, {lat2, lon2});
        QVERIFY2(std::abs(d - metres) <= tolerance, qPrintable(QString::number(d, 'f', 3)));
    }
};

QTEST_APPLESS_MAIN(TstGeo)
#include "tst_geo.moc"
