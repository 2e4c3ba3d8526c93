// UnitsModel (model tester, fine-grained dataChanged, trails, nearest vs brute force, NMEA fixes) and the
// UnitSimulator driving it along the demo roads.
#include "vigil/map/map_features.h"
#include "vigil/map/nmea.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::map;

class TstUnitsModel : public QObject
{
    Q_OBJECT
private slots:
    void rowsAndRoles()
    {
        UnitsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &UnitsModel::countChanged);
        QVERIFY(model.addUnit({QStringLiteral("u1"),
                               QStringLiteral("Patrol 1"),
                               {30.54, 119.96},
                               90,
                               10,
                               PatrolUnit::Status::Available,
                               {},
                               {}}));
        QVERIFY(model.addUnit({QStringLiteral("u2"),
                               QStringLiteral("Patrol 2"),
                               {30.55, 119.97},
                               0,
                               0,
                               PatrolUnit::Status::Busy,
                               {},
                               {}}));
        QVERIFY(!model.addUnit({QStringLiteral("u1"), QStringLiteral("dup"), {}, 0, 0, {}, {}, {}}));
        QVERIFY(!model.addUnit({QString(), QStringLiteral("no id"), {}, 0, 0, {}, {}, {}}));
        QCOMPARE(model.count(), 2);
        QCOMPARE(count.size(), 2);
        const QModelIndex i = model.index(1);
        QCOMPARE(i.data(UnitsModel::UnitIdRole).toString(), QStringLiteral("u2"));
        QCOMPARE(i.data(UnitsModel::StatusRole).toInt(), int(UnitsModel::Busy));
        QCOMPARE(model.roleNames().value(UnitsModel::LatitudeRole), QByteArray("latitude"));
        QVERIFY(model.removeUnit(QStringLiteral("u1")));
        QCOMPARE(model.indexOf(QStringLiteral("u2")), 0);
    }
    void positionUpdateIsFineGrained()
    {
        UnitsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTrailLength(3);
        for (int i = 0; i < 5; ++i)
            model.addUnit({QStringLiteral("u%1").arg(i),
                           QStringLiteral("P%1").arg(i),
                           {30.5, 119.9 + i * 0.01},
                           0,
                           0,
                           PatrolUnit::Status::Available,
                           {},
                           {}});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        for (int k = 1; k <= 4; ++k)
            QVERIFY(model.updatePosition(QStringLiteral("u3"), {30.5 + k * 0.001, 119.93}, 45, 12,
                                         QDateTime::currentDateTimeUtc()));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 4);
        const auto args = changed.last();
        QCOMPARE(args.at(0).toModelIndex().row(), 3);
        QCOMPARE(args.at(1).toModelIndex().row(), 3);
        const auto roles = args.at(2).value<QList<int>>();
        QVERIFY(roles.contains(UnitsModel::LatitudeRole) && !roles.contains(UnitsModel::CallSignRole));
        const PatrolUnit &u = model.units().at(3);
        QCOMPARE(u.trail.size(), 3); // bounded
        QCOMPARE(u.trail.last(), u.position);
        QCOMPARE(u.headingDeg, 45.0);
        // NaN heading/speed (a GGA fix) keep the previous values.
        QVERIFY(model.updatePosition(QStringLiteral("u3"), {30.51, 119.93}, qQNaN(), qQNaN(), {}));
        QCOMPARE(model.units().at(3).headingDeg, 45.0);
        QVERIFY(!model.updatePosition(QStringLiteral("nope"), {}, 0, 0, {}));
    }
    // A platform's push batch: known units move (fine-grained, one positionsChanged), status and call sign
    // follow, new units are added, units missing from the batch stay, NaN heading/speed keep the last.
    void platformBatchMovesAddsAndKeeps()
    {
        UnitsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTrailLength(5);
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        model.applyBatch({{QStringLiteral("a"),
                           QStringLiteral("A"),
                           {30.50, 119.90},
                           qQNaN(),
                           qQNaN(),
                           PatrolUnit::Status::Available,
                           t0,
                           {}},
                          {QStringLiteral("b"),
                           QStringLiteral("B"),
                           {30.51, 119.91},
                           90,
                           8,
                           PatrolUnit::Status::Busy,
                           t0,
                           {}}});
        QCOMPARE(model.count(), 2);
        QCOMPARE(model.units().at(0).headingDeg, 0.0); // unknown at first: 0, not NaN
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy moved(&model, &UnitsModel::positionsChanged);
        model.applyBatch({{QStringLiteral("b"),
                           QStringLiteral("B"),
                           {30.52, 119.92},
                           qQNaN(),
                           qQNaN(),
                           PatrolUnit::Status::Responding,
                           t0.addSecs(1),
                           {}}});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(changed.size(), 2); // status, then position
        const PatrolUnit &b = model.units().at(1);
        QCOMPARE(b.position, (GeoPoint{30.52, 119.92}));
        QCOMPARE(b.status, PatrolUnit::Status::Responding);
        QCOMPARE(b.headingDeg, 90.0);
        QCOMPARE(b.lastFix, t0.addSecs(1));
        QCOMPARE(b.trail.size(), 2);
        QCOMPARE(model.units().at(0).position, (GeoPoint{30.50, 119.90})); // not in the batch: stays
        model.applyBatch({{QStringLiteral("c"),
                           QStringLiteral("C"),
                           {30.53, 119.93},
                           0,
                           0,
                           PatrolUnit::Status::Available,
                           t0,
                           {}}});
        QCOMPARE(model.count(), 3);
    }
    void nmeaFixMovesUnit()
    {
        UnitsModel model;
        model.addUnit({QStringLiteral("car"), QStringLiteral("Car"), {0, 0}, 0, 0, {}, {}, {}});
        const auto fix =
            parseNmeaSentence("$GNRMC,092751.000,A,3032.6580,N,11958.3150,E,21.6,45.3,231126,,,A*70");
        QVERIFY(fix);
        QVERIFY(model.applyNmeaFix(QStringLiteral("car"), *fix));
        const PatrolUnit &u = model.units().first();
        QVERIFY(std::abs(u.position.lat - 30.5443) < 1e-4);
        QCOMPARE(u.headingDeg, 45.3);
        QCOMPARE(u.lastFix, QDateTime(QDate(2026, 11, 23), QTime(9, 27, 51), Qt::UTC));
    }
    void nearestMatchesBruteForce()
    {
        UnitsModel model;
        QRandomGenerator rng(99);
        QList<PatrolUnit> units;
        QList<GeoPoint> points;
        for (int i = 0; i < 3000; ++i) {
            const GeoPoint p{30.495 + rng.generateDouble() * 0.09, 119.92 + rng.generateDouble() * 0.09};
            units.append({QStringLiteral("u%1").arg(i), QStringLiteral("P%1").arg(i), p, 0, 0, {}, {}, {}});
            points.append(p);
        }
        model.setUnits(units);
        for (int q = 0; q < 50; ++q) {
            const GeoPoint p{30.495 + rng.generateDouble() * 0.09, 119.92 + rng.generateDouble() * 0.09};
            const auto want = GeoIndex::nearestBruteForce(points, p, 10);
            const QVariantList got = model.nearest(p.lat, p.lon, 10);
            QCOMPARE(got.size(), 10);
            for (int i = 0; i < 10; ++i) {
                const QVariantMap m = got[i].toMap();
                QCOMPARE(m.value(QStringLiteral("unitId")).toString(), units[want[i].index].id);
                QCOMPARE(m.value(QStringLiteral("distance")).toDouble(), want[i].distanceM);
            }
        }
        // After units move, the index is rebuilt.
        model.updatePosition(QStringLiteral("u7"), {30.0, 119.0}, 0, 0, {});
        QCOMPARE(model.nearest(30.0, 119.0, 1).first().toMap().value(QStringLiteral("unitId")).toString(),
                 QStringLiteral("u7"));
    }
    void simulatorDrivesOnRoads()
    {
        UnitsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        UnitSimulator sim;
        sim.setUnitCount(20);
        sim.setModel(&model);
        QCOMPARE(model.count(), 20);
        const QList<PatrolUnit> before = model.units();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy batches(&model, &UnitsModel::positionsChanged);
        for (int s = 0; s < 30; ++s)
            sim.step(1.0);
        QCOMPARE(changed.size(), 20 * 30);
        QCOMPARE(batches.size(), 30);
        const FeatureSet &county = demoCounty();
        int moved = 0;
        for (int i = 0; i < model.count(); ++i) {
            const PatrolUnit &u = model.units()[i];
            // Still inside the demo county (roads end at its edge) ...
            QVERIFY(u.position.lat > county.south - 0.01 && u.position.lat < county.north + 0.01);
            QVERIFY(u.position.lon > county.west - 0.01 && u.position.lon < county.east + 0.01);
            // ... and no faster than the simulated speed allows.
            const double d = greatCircleDistance(before[i].position, u.position);
            QVERIFY(d <= 30 * 18.0 + 1);
            moved += d > 10 ? 1 : 0;
        }
        QVERIFY(moved >= 15);
        // Same seed, same run.
        UnitsModel model2;
        UnitSimulator sim2;
        sim2.setUnitCount(20);
        sim2.setModel(&model2);
        for (int s = 0; s < 30; ++s)
            sim2.step(1.0);
        QCOMPARE(model2.units()[5].position, model.units()[5].position);
    }
};

QTEST_GUILESS_MAIN(TstUnitsModel)
#include "tst_units_model.moc"
