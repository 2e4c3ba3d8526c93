// RoadGraph: shortest road distances (Dijkstra) on small known graphs, drawn in metres east/north of a point
// in the demo county and converted to WGS-84: a straight road, a bend, the shorter of two ways, a network
// in two pieces, roads that cross without a shared vertex (no junction) and with one, legs off the road,
// both ends on one segment, a point beyond the snapping limit, an empty graph. Snapping to the nearest point
// of the nearest segment, the path, and the ETA at an assumed speed are tables too. The demo county's roads
// are checked for being one connected network where the simulator drives.
#include "vigil/map/road_graph.h"

#include <QtTest/QTest>

#include <numbers>

using namespace vigil::map;

namespace {

constexpr GeoPoint kOrigin{30.5, 120.0};
const double kMPerDegLat = kEarthRadiusM * std::numbers::pi / 180;

GeoPoint at(QPointF metres)
{
    return {kOrigin.lat + metres.y() / kMPerDegLat,
            kOrigin.lon + metres.x() / (kMPerDegLat * std::cos(kOrigin.lat * std::numbers::pi / 180))};
}

QPointF metresOf(GeoPoint p)
{
    return {(p.lon - kOrigin.lon) * kMPerDegLat * std::cos(kOrigin.lat * std::numbers::pi / 180),
            (p.lat - kOrigin.lat) * kMPerDegLat};
}

using Lines = QList<QList<QPointF>>;

RoadGraph graph(const Lines &lines)
{
    QList<QList<GeoPoint>> geo;
    for (const QList<QPointF> &line : lines) {
        QList<GeoPoint> points;
        for (const QPointF &p : line)
            points.append(at(p));
        geo.append(points);
    }
    return RoadGraph::fromPolylines(geo);
}

const Lines kStraight{{{0, 0}, {1000, 0}}};
const Lines kBend{{{0, 0}, {1000, 0}, {1000, 1000}}};

} // namespace

class TestRoadGraph : public QObject
{
    Q_OBJECT

private slots:
    void route_data()
    {
        QTest::addColumn<Lines>("lines");
        QTest::addColumn<QPointF>("from");
        QTest::addColumn<QPointF>("to");
        QTest::addColumn<bool>("found");
        QTest::addColumn<double>("roadM");
        QTest::addColumn<double>("offRoadM");

        const double detour = 2 * std::hypot(500.0, 800.0); // 1886.8
        QTest::newRow("one road") << kStraight << QPointF(100, 0) << QPointF(900, 0) << true << 800.0 << 0.0;
        QTest::newRow("one segment, backwards")
            << kStraight << QPointF(900, 0) << QPointF(100, 0) << true << 800.0 << 0.0;
        QTest::newRow("round a bend")
            << kBend << QPointF(0, 0) << QPointF(1000, 1000) << true << 2000.0 << 0.0;
        QTest::newRow("the shorter of two ways")
            << Lines{{{0, 0}, {1000, 0}}, {{0, 0}, {500, 800}, {1000, 0}}} << QPointF(0, 0)
            << QPointF(1000, 0) << true << 1000.0 << 0.0;
        QTest::newRow("only the detour") << Lines{{{0, 0}, {500, 800}, {1000, 0}}, {{1000, 0}, {1500, 0}}}
                                         << QPointF(0, 0) << QPointF(1500, 0) << true << detour + 500 << 0.0;
        QTest::newRow("two pieces: no road path")
            << Lines{{{0, 0}, {1000, 0}}, {{0, 500}, {1000, 500}}} << QPointF(0, 0) << QPointF(1000, 500)
            << false << 0.0 << 0.0;
        QTest::newRow("crossing without a shared vertex: no junction")
            << Lines{{{0, -500}, {0, 500}}, {{-500, 0}, {500, 0}}} << QPointF(0, -500) << QPointF(500, 0)
            << false << 0.0 << 0.0;
        QTest::newRow("crossing at a shared vertex")
            << Lines{{{0, -500}, {0, 0}, {0, 500}}, {{-500, 0}, {0, 0}, {500, 0}}} << QPointF(0, -500)
            << QPointF(500, 0) << true << 1000.0 << 0.0;
        QTest::newRow("off the road at both ends")
            << kStraight << QPointF(200, 50) << QPointF(800, -30) << true << 600.0 << 80.0;
        QTest::newRow("beyond the snapping limit")
            << kStraight << QPointF(500, 2000) << QPointF(0, 0) << false << 0.0 << 0.0;
        QTest::newRow("no roads at all") << Lines{} << QPointF(0, 0) << QPointF(10, 0) << false << 0.0 << 0.0;
    }

    void route()
    {
        QFETCH(Lines, lines);
        QFETCH(QPointF, from);
        QFETCH(QPointF, to);
        QFETCH(bool, found);
        QFETCH(double, roadM);
        QFETCH(double, offRoadM);
        const RoadGraph g = graph(lines);
        const RoadRoute r = g.route(at(from), at(to), true, 1000);
        QCOMPARE(r.found, found);
        if (!found) {
            QVERIFY(r.path.isEmpty());
            return;
        }
        QVERIFY2(std::abs(r.roadM - roadM) < 0.5, qPrintable(QString::number(r.roadM)));
        QVERIFY2(std::abs(r.offRoadM - offRoadM) < 0.5, qPrintable(QString::number(r.offRoadM)));
        // The path runs from the start's snap to the end's, and is as long as the distance.
        QVERIFY(r.path.size() >= 2);
        double length = 0;
        for (qsizetype i = 0; i + 1 < r.path.size(); ++i)
            length += greatCircleDistance(r.path[i], r.path[i + 1]);
        QVERIFY2(std::abs(length - roadM) < 0.5, qPrintable(QString::number(length)));
        QVERIFY(greatCircleDistance(r.path.first(), g.snap(at(from)).point) < 0.01);
        QVERIFY(greatCircleDistance(r.path.last(), g.snap(at(to)).point) < 0.01);
        // Roads are two-way: the same distance back.
        const RoadRoute back = g.route(at(to), at(from));
        QVERIFY(back.found);
        QVERIFY(std::abs(back.roadM - r.roadM) < 0.01);
    }

    void snap_data()
    {
        QTest::addColumn<QPointF>("point");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QPointF>("snapped");
        QTest::addColumn<double>("offRoadM");
        QTest::addColumn<int>("segment");

        QTest::newRow("beside the first segment") << QPointF(300, 40) << true << QPointF(300, 0) << 40.0 << 0;
        QTest::newRow("beside the second") << QPointF(1100, 500) << true << QPointF(1000, 500) << 100.0 << 1;
        QTest::newRow("before the start: the end vertex")
            << QPointF(-50, -50) << true << QPointF(0, 0) << std::hypot(50.0, 50.0) << 0;
        QTest::newRow("past the end")
            << QPointF(1200, 1200) << true << QPointF(1000, 1000) << std::hypot(200.0, 200.0) << 1;
        QTest::newRow("on the road") << QPointF(1000, 250) << true << QPointF(1000, 250) << 0.0 << 1;
        QTest::newRow("too far") << QPointF(-1200, 500) << false << QPointF() << 0.0 << -1;
    }

    void snap()
    {
        QFETCH(QPointF, point);
        QFETCH(bool, valid);
        QFETCH(QPointF, snapped);
        QFETCH(double, offRoadM);
        QFETCH(int, segment);
        const RoadSnap s = graph(kBend).snap(at(point), 1000);
        QCOMPARE(s.valid, valid);
        if (!valid)
            return;
        const QPointF m = metresOf(s.point);
        QVERIFY2(std::hypot(m.x() - snapped.x(), m.y() - snapped.y()) < 0.5,
                 qPrintable(QStringLiteral("%1, %2").arg(m.x()).arg(m.y())));
        QVERIFY2(std::abs(s.offRoadM - offRoadM) < 0.5, qPrintable(QString::number(s.offRoadM)));
        QCOMPARE(s.segment, segment);
        QVERIFY(std::abs(s.toAM + s.toBM - 1000) < 0.5); // both segments are 1 km
    }

    void eta_data()
    {
        QTest::addColumn<double>("metres");
        QTest::addColumn<double>("speedKmh");
        QTest::addColumn<double>("seconds");
        QTest::newRow("1 km at 40 km/h") << 1000.0 << 40.0 << 90.0;
        QTest::newRow("here already") << 0.0 << 40.0 << 0.0;
        QTest::newRow("10 km at 60 km/h") << 10000.0 << 60.0 << 600.0;
        QTest::newRow("no speed") << 500.0 << 0.0 << kNoRoad;
        QTest::newRow("no road") << kNoRoad << 40.0 << kNoRoad;
    }

    void eta()
    {
        QFETCH(double, metres);
        QFETCH(double, speedKmh);
        QFETCH(double, seconds);
        const double got = etaSeconds(metres, speedKmh);
        if (std::isinf(seconds))
            QVERIFY(std::isinf(got));
        else
            QVERIFY2(std::abs(got - seconds) < 1e-6, qPrintable(QString::number(got)));
    }

    // One search from a place answers every unit: the same numbers as a search per pair.
    void oneSearchForMany()
    {
        const RoadGraph g = graph(Lines{
            {{0, 0}, {1000, 0}, {1000, 1000}}, {{1000, 0}, {2000, 0}}, {{0, 0}, {0, 1000}, {1000, 1000}}});
        const RoadSnap place = g.snap(at({500, 10}));
        const RoadGraph::Distances d = g.distancesFrom(place);
        for (const QPointF unit : {QPointF(1500, 0), QPointF(0, 800), QPointF(900, 1000), QPointF(520, 0)}) {
            const RoadSnap s = g.snap(at(unit));
            const RoadRoute pair = g.route(at({500, 10}), at(unit));
            QVERIFY(pair.found);
            QVERIFY(std::abs(g.roadDistance(d, s) - pair.roadM) < 0.01);
        }
    }

    void demoCountyIsOneNetwork()
    {
        const RoadGraph &g = RoadGraph::demo();
        QVERIFY(g.segmentCount() > 50);
        // Most of the network is reachable from any of its nodes (the simulator's cars drive all of it).
        const RoadGraph::Distances d = g.distancesFrom(g.snap(g.node(0), 10));
        const auto reachable =
            std::count_if(d.metres.cbegin(), d.metres.cend(), [](double m) { return m != kNoRoad; });
        qInfo("demo roads: %d nodes, %d segments, %lld reachable from node 0", g.nodeCount(),
              g.segmentCount(), qlonglong(reachable));
        QVERIFY(reachable > g.nodeCount() * 8 / 10);
    }
};

QTEST_GUILESS_MAIN(TestRoadGraph)
#include "tst_road_graph.moc"
