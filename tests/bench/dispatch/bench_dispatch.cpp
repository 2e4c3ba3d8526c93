// bench_dispatch: how long "the nearest 5 units and their road ETAs" takes for one alarm, with the demo's 24
// simulated units and with 10,000, on the demo county's road graph. Ours: dispatchCandidates() — the units'
// k-d tree (GeoIndex) and one Dijkstra search from the alarm's place answering all five units. Baseline: a
// scan of every unit by great-circle distance and one Dijkstra per unit (RoadGraph::route). Alarm places are
// random points of the county. Prints medians and 95th percentiles in microseconds, and checks the two
// agree. Never pass/fail.
#include "vigil/map/dispatch.h"
#include "vigil/map/map_features.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace vigil::map;

namespace {

struct Stats
{
    double median = 0;
    double p95 = 0;
};

Stats stats(QList<double> us)
{
    std::sort(us.begin(), us.end());
    if (us.isEmpty())
        return {};
    return {us[us.size() / 2], us[std::min<qsizetype>(us.size() - 1, us.size() * 95 / 100)]};
}

struct Baseline
{
    QString unitId;
    double straightM;
    bool byRoad;
    double roadM;
};

// Every unit's distance, the k smallest, then a route search per unit.
QList<Baseline> bruteForce(const UnitsModel &units, const RoadGraph &roads, GeoPoint place, int k)
{
    QList<std::pair<double, int>> all;
    all.reserve(units.count());
    for (int i = 0; i < units.count(); ++i)
        all.append({greatCircleDistance(units.units()[i].position, place), i});
    const int n = std::min<int>(k, int(all.size()));
    std::partial_sort(all.begin(), all.begin() + n, all.end());
    QList<Baseline> out;
    for (int i = 0; i < n; ++i) {
        const PatrolUnit &u = units.units()[all[i].second];
        const RoadRoute r = roads.route(u.position, place);
        out.append({u.id, all[i].first, r.found, r.found ? r.totalM() : 0});
    }
    return out;
}

void run(int unitCount, int alarms, const RoadGraph &roads)
{
    UnitsModel units;
    UnitSimulator sim;
    sim.setUnitCount(unitCount);
    sim.setModel(&units);
    const FeatureSet &county = demoCounty();
    QRandomGenerator rng(42);
    QList<GeoPoint> places;
    for (int i = 0; i < alarms; ++i)
        places.append({county.south + rng.generateDouble() * (county.north - county.south),
                       county.west + rng.generateDouble() * (county.east - county.west)});

    QList<double> ours, oursNearest, base, baseNearest, rebuild;
    int disagreements = 0, byRoad = 0, total = 0;
    QElapsedTimer t;
    for (const GeoPoint &p : std::as_const(places)) {
        // The units moved since the last alarm (1 Hz GPS): the first query rebuilds the k-d tree.
        sim.step(1);
        t.start();
        units.nearestUnits(p, 1);
        rebuild.append(t.nsecsElapsed() / 1e3);

        t.start();
        const QList<DispatchCandidate> a = dispatchCandidates(units, roads, p, 5, kDefaultAssumedSpeedKmh);
        ours.append(t.nsecsElapsed() / 1e3);
        t.start();
        const QList<GeoNeighbour> nn = units.nearestUnits(p, 5);
        oursNearest.append(t.nsecsElapsed() / 1e3);

        t.start();
        const QList<Baseline> b = bruteForce(units, roads, p, 5);
        base.append(t.nsecsElapsed() / 1e3);
        t.start();
        QList<double> d(units.count());
        for (int i = 0; i < units.count(); ++i)
            d[i] = greatCircleDistance(units.units()[i].position, p);
        std::partial_sort(d.begin(), d.begin() + std::min<qsizetype>(5, d.size()), d.end());
        baseNearest.append(t.nsecsElapsed() / 1e3);

        Q_UNUSED(nn);
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
            ++total;
            byRoad += a[i].byRoad ? 1 : 0;
            if (std::abs(a[i].straightM - b[i].straightM) > 0.01 || a[i].byRoad != b[i].byRoad ||
                (a[i].byRoad && std::abs(a[i].roadM - b[i].roadM) > 0.5))
                ++disagreements;
        }
        if (a.size() != b.size())
            ++disagreements;
    }
    const Stats o = stats(ours), on = stats(oursNearest), bb = stats(base), bn = stats(baseNearest),
                rb = stats(rebuild);
    std::printf("%6d units, %d alarms: nearest 5 + road ETAs  ours median %8.1f us (p95 %8.1f)   brute force "
                "median %9.1f us (p95 %9.1f)\n",
                unitCount, alarms, o.median, o.p95, bb.median, bb.p95);
    std::printf("%6s        nearest 5 only: k-d tree %6.1f us   scan %8.1f us   k-d tree rebuild after a GPS "
                "tick %8.1f us\n",
                "", on.median, bn.median, rb.median);
    std::printf("%6s        %d of %d listed units reached by road; %d disagreements with the baseline\n", "",
                byRoad, total, disagreements);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption alarmsOption(QStringLiteral("alarms"), QStringLiteral("Alarm places per run."),
                                          QStringLiteral("n"), QStringLiteral("300"));
    const QCommandLineOption unitsOption(QStringLiteral("units"),
                                         QStringLiteral("Comma-separated unit counts (default 24,10000)."),
                                         QStringLiteral("list"), QStringLiteral("24,10000"));
    parser.addOptions({alarmsOption, unitsOption});
    parser.process(app);
    const int alarms = std::max(1, parser.value(alarmsOption).toInt());
    const RoadGraph &roads = RoadGraph::demo();
    std::printf("demo road graph: %d nodes, %d segments; ETA at %.0f km/h\n", roads.nodeCount(),
                roads.segmentCount(), kDefaultAssumedSpeedKmh);
    for (const QString &n : parser.value(unitsOption).split(QLatin1Char(',')))
        run(std::max(1, n.toInt()), alarms, roads);
    return 0;
}
