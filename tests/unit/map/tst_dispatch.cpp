// Dispatch: an alarm at a known place lists the nearest units of a real UnitsModel (fixed positions) in
// order with their straight-line distances, road distances and ETAs over a small road graph (a unit on a
// road of its own has none: "straight line"); Patrol::dispatchUnit() marks the unit responding, follows it
// and announces it; a simulated car sent to the spot drives the road path there and stops.
#include "vigil/map/dispatch.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <numbers>

using namespace vigil::map;

namespace {

constexpr GeoPoint kOrigin{30.5, 120.0};
const double kMPerDegLat = kEarthRadiusM * std::numbers::pi / 180;

GeoPoint at(double east, double north)
{
    return {kOrigin.lat + north / kMPerDegLat,
            kOrigin.lon + east / (kMPerDegLat * std::cos(kOrigin.lat * std::numbers::pi / 180))};
}

PatrolUnit unit(const char *id, GeoPoint p, PatrolUnit::Status status = PatrolUnit::Status::Available)
{
    PatrolUnit u;
    u.id = QString::fromLatin1(id);
    u.callSign = QStringLiteral("Car ") + u.id;
    u.position = p;
    u.status = status;
    u.lastFix = QDateTime::currentDateTimeUtc();
    return u;
}

// The alarm is at the origin. A main road east-west through it, a branch north from it, and a short road
// of its own north-east that meets nothing.
RoadGraph roads()
{
    return RoadGraph::fromPolylines(
        {{at(-2000, 0), at(0, 0), at(4000, 0)}, {at(0, 0), at(0, 500)}, {at(500, 600), at(700, 600)}});
}

QList<PatrolUnit> fleet()
{
    return {unit("far", at(3000, 0)),
            unit("north", at(0, 200)),
            unit("west", at(-900, 0), PatrolUnit::Status::Busy),
            unit("island", at(600, 600)), // 848.5 m straight; its road meets no other
            unit("south", at(0, -450)),   // off the road: 450 m across to it
            unit("away", at(20000, 0))};
}

} // namespace

class TestDispatch : public QObject
{
    Q_OBJECT

private slots:
    void nearestInOrder_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QList<double>>("straight");
        QTest::addColumn<QList<double>>("road"); // -1: straight line only
        QTest::newRow("five") << 5 << QStringList{"north", "south", "island", "west", "far"}
                              << QList<double>{200, 450, std::hypot(600.0, 600.0), 900, 3000}
                              << QList<double>{200, 450, -1, 900, 3000};
        QTest::newRow("two") << 2 << QStringList{"north", "south"} << QList<double>{200, 450}
                             << QList<double>{200, 450};
        QTest::newRow("more than there are")
            << 10 << QStringList{"north", "south", "island", "west", "far", "away"}
            << QList<double>{200, 450, std::hypot(600.0, 600.0), 900, 3000, 20000}
            << QList<double>{200, 450, -1, 900, 3000, -1}; // away: > 1 km off
    }

    void nearestInOrder()
    {
        QFETCH(int, k);
        QFETCH(QStringList, ids);
        QFETCH(QList<double>, straight);
        QFETCH(QList<double>, road);
        UnitsModel units;
        QAbstractItemModelTester tester(&units, QAbstractItemModelTester::FailureReportingMode::QtTest);
        units.setUnits(fleet());
        const QList<DispatchCandidate> got = dispatchCandidates(units, roads(), at(0, 0), k, 40);
        QCOMPARE(got.size(), ids.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            const DispatchCandidate &c = got[i];
            QCOMPARE(c.unitId, ids[i]);
            QCOMPARE(c.callSign, QStringLiteral("Car ") + ids[i]);
            QVERIFY2(std::abs(c.straightM - straight[i]) < 1.0,
                     qPrintable(QStringLiteral("%1: %2").arg(c.unitId).arg(c.straightM)));
            QCOMPARE(c.byRoad, road[i] >= 0);
            if (c.byRoad) {
                QVERIFY2(std::abs(c.roadM - road[i]) < 1.0,
                         qPrintable(QStringLiteral("%1: %2").arg(c.unitId).arg(c.roadM)));
                QVERIFY(std::abs(c.etaS - road[i] / (40 / 3.6)) < 0.2);
            } else {
                QVERIFY(std::abs(c.etaS - c.straightM / (40 / 3.6)) < 0.01); // the straight line's ETA
            }
        }
        if (!got.isEmpty())
            QCOMPARE(got.first().status, PatrolUnit::Status::Available);
    }

    void noRoadsMeansStraightLines()
    {
        UnitsModel units;
        units.setUnits(fleet());
        const QList<DispatchCandidate> got = dispatchCandidates(units, RoadGraph{}, at(0, 0), 3, 40);
        QCOMPARE(got.size(), 3);
        for (const DispatchCandidate &c : got)
            QVERIFY(!c.byRoad);
        QVERIFY(dispatchCandidates(UnitsModel{}, roads(), at(0, 0), 5, 40).isEmpty());
    }

    void patrolDispatch()
    {
        Patrol patrol(nullptr);
        patrol.units()->setUnits(fleet());
        patrol.setRoads(roads());
        // QML's list: the same order and numbers, as maps.
        const QVariantList list = patrol.nearestUnits(kOrigin.lat, kOrigin.lon, 3);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list[0].toMap().value(QStringLiteral("unitId")).toString(), QStringLiteral("north"));
        QCOMPARE(list[2].toMap().value(QStringLiteral("byRoad")).toBool(), false);
        QCOMPARE(list[2].toMap().value(QStringLiteral("roadDistance")).toDouble(), -1.0);

        QSignalSpy dispatched(&patrol, &Patrol::dispatched);
        QSignalSpy follow(&patrol, &Patrol::followUnitIdChanged);
        QSignalSpy rows(patrol.units(), &QAbstractItemModel::dataChanged);
        QVERIFY(patrol.dispatchUnit(QStringLiteral("west"), kOrigin.lat, kOrigin.lon));
        const int row = patrol.units()->indexOf(QStringLiteral("west"));
        QCOMPARE(patrol.units()->data(patrol.units()->index(row), UnitsModel::StatusRole).toInt(),
                 int(UnitsModel::Responding));
        QCOMPARE(rows.count(), 1);
        QCOMPARE(patrol.followUnitId(), QStringLiteral("west"));
        QCOMPARE(follow.count(), 1);
        QCOMPARE(dispatched.count(), 1);
        QCOMPARE(dispatched.first().at(1).toString(), QStringLiteral("Car west"));
        QCOMPARE(patrol.callSignOf(QStringLiteral("west")), QStringLiteral("Car west"));
        // An unknown unit: refused, nothing changes.
        QVERIFY(!patrol.dispatchUnit(QStringLiteral("nobody"), kOrigin.lat, kOrigin.lon));
        QCOMPARE(dispatched.count(), 1);
        QCOMPARE(patrol.followUnitId(), QStringLiteral("west"));
        // The operator pans: follow mode ends.
        patrol.setFollowUnitId({});
        QCOMPARE(follow.count(), 2);
    }

    // In the demo, the car sent to an alarm drives the road path to it and stops there; also when the cars
    // reach the map through the demo platform (the simulator drives platformUnits(), the platform pushes them
    // and units() takes each batch: here fed by hand, the push itself is tst_backend_demo's).
    void simulatedCarDrivesToTheSpot_data()
    {
        QTest::addColumn<bool>("throughPlatform");
        QTest::newRow("simulator drives the map's units") << false;
        QTest::newRow("through the demo platform") << true;
    }
    void simulatedCarDrivesToTheSpot()
    {
        QFETCH(bool, throughPlatform);
        Patrol patrol(nullptr);
        patrol.startDemo(3, 60, throughPlatform);
        patrol.simulator()->setRunning(false); // steps by hand
        const auto push = [&] {
            if (throughPlatform)
                patrol.units()->applyBatch(patrol.platformUnits()->units());
        };
        QCOMPARE(patrol.platformUnits()->count(), throughPlatform ? 3 : 0);
        push();
        QCOMPARE(patrol.units()->count(), 3);
        QCOMPARE(patrol.tracks()->unitCount(), 3); // the minute of past, for track playback
        const PatrolUnit car = patrol.units()->units().first();
        // A spot on the demo roads about 1-3 km away from the car.
        const RoadGraph &g = patrol.roads();
        int target = -1;
        for (int n = 0; n < g.nodeCount() && target < 0; ++n) {
            const double d = greatCircleDistance(car.position, g.node(n));
            if (d > 1000 && d < 3000 && g.route(car.position, g.node(n)).found)
                target = n;
        }
        QVERIFY(target >= 0);
        const GeoPoint spot = g.node(target);
        const RoadRoute route = g.route(car.position, spot);
        QVERIFY(patrol.dispatchUnit(car.id, spot.lat, spot.lon));
        QCOMPARE(patrol.units()->units().first().status, PatrolUnit::Status::Responding);
        QVERIFY(!patrol.simulator()->hasArrived(car.id));
        const double seconds = route.totalM() / (patrol.assumedSpeedKmh() / 3.6);
        int steps = 0;
        while (!patrol.simulator()->hasArrived(car.id) && steps < 10000) {
            patrol.simulator()->step(1);
            push();
            ++steps;
        }
        QVERIFY(patrol.simulator()->hasArrived(car.id));
        // It took the road's time (give or take a step), not the straight line's.
        QVERIFY2(std::abs(steps - seconds) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(steps).arg(seconds)));
        const PatrolUnit there = patrol.units()->units().first();
        QVERIFY(greatCircleDistance(there.position, spot) < 1.0);
        QCOMPARE(there.status, PatrolUnit::Status::Responding);
        patrol.simulator()->step(5); // and stays
        push();
        QVERIFY(greatCircleDistance(patrol.units()->units().first().position, spot) < 1.0);
    }
};

QTEST_GUILESS_MAIN(TestDispatch)
#include "tst_dispatch.moc"
