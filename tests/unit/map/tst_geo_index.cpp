// GeoIndex (k-d tree on the unit sphere) against a brute-force scan on random data.
#include "vigil/map/geo_index.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QtTest>

using namespace vigil::map;

class TstGeoIndex : public QObject
{
    Q_OBJECT
private slots:
    void matchesBruteForce_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("spanDeg"); // points spread over a square of this size around the county
        QTest::newRow("empty") << 0 << 5 << 0.1;
        QTest::newRow("fewer than k") << 3 << 10 << 0.1;
        QTest::newRow("county 2000 k10") << 2000 << 10 << 0.1;
        QTest::newRow("province 10000 k1") << 10000 << 1 << 5.0;
        QTest::newRow("world 5000 k25") << 5000 << 25 << 360.0;
    }
    void matchesBruteForce()
    {
        QFETCH(int, count);
        QFETCH(int, k);
        QFETCH(double, spanDeg);
        QRandomGenerator rng(4242 + count);
        auto random = [&](double centre, double span, double lo, double hi) {
            return std::clamp(centre + (rng.generateDouble() - 0.5) * span, lo, hi);
        };
        QList<GeoPoint> points;
        for (int i = 0; i < count; ++i)
            points.append({random(30.54, spanDeg / 2, -89.9, 89.9), random(119.96, spanDeg, -180, 180)});
        GeoIndex index;
        index.build(points);
        QCOMPARE(index.size(), count);
        for (int q = 0; q < 200; ++q) {
            const GeoPoint p{random(30.54, spanDeg / 2, -89.9, 89.9), random(119.96, spanDeg, -180, 180)};
            const auto got = index.nearest(p, k);
            const auto want = GeoIndex::nearestBruteForce(points, p, k);
            QCOMPARE(got.size(), want.size());
            for (int i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].index, want[i].index);
                QCOMPARE(got[i].distanceM, want[i].distanceM);
                if (i > 0)
                    QVERIFY(got[i].distanceM >= got[i - 1].distanceM - 1e-6);
            }
        }
    }
    void duplicatesAndAntimeridian()
    {
        const QList<GeoPoint> points{{0, 179.9}, {0, -179.9}, {0, 170}, {0, -179.9}};
        GeoIndex index;
        index.build(points);
        const auto got = index.nearest({0, 180}, 3);
        QCOMPARE(got.size(), 3);
        QCOMPARE(got[0].index, 0); // all three at ~11 km; ties resolve by index
        QCOMPARE(got[1].index, 1);
        QCOMPARE(got[2].index, 3);
        QVERIFY(std::abs(got[0].distanceM - 11119.5) < 1);
    }
};

QTEST_APPLESS_MAIN(TstGeoIndex)
#include "tst_geo_index.moc"
