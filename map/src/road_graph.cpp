#include "vigil/map/road_graph.h"

#include "vigil/map/map_features.h"

#include <QtCore/QHash>

#include <algorithm>
#include <numbers>
#include <queue>

namespace vigil::map {

namespace {

qint64 vertexKey(GeoPoint p)
{
    // ~1 m buckets, as the simulator's junctions: roads that share a vertex in the data meet there.
    return (qint64(std::llround(p.lat * 1e5)) << 32) ^ qint64(std::llround(p.lon * 1e5) & 0xffffffff);
}

// Local flat metres around an origin (equirectangular): exact enough for the nearest point on a segment a
// few hundred metres long; lengths themselves are great-circle.
struct Local
{
    GeoPoint origin;
    double mPerDegLat;
    double mPerDegLon;
    explicit Local(GeoPoint o)
        : origin(o)
        , mPerDegLat(kEarthRadiusM * std::numbers::pi / 180)
        , mPerDegLon(mPerDegLat * std::cos(o.lat * std::numbers::pi / 180))
    {}
    QPointF to(GeoPoint p) const
    {
        return {(p.lon - origin.lon) * mPerDegLon, (p.lat - origin.lat) * mPerDegLat};
    }
};

} // namespace

RoadGraph RoadGraph::fromPolylines(const QList<QList<GeoPoint>> &lines)
{
    RoadGraph g;
    QHash<qint64, int> nodeOf;
    auto nodeFor = [&](GeoPoint p) {
        const qint64 key = vertexKey(p);
        const auto it = nodeOf.constFind(key);
        if (it != nodeOf.cend())
            return it.value();
        const int n = int(g.m_nodes.size());
        g.m_nodes.append(p);
        g.m_adjacent.append(QList<Edge>());
        nodeOf.insert(key, n);
        return n;
    };
    for (const QList<GeoPoint> &line : lines) {
        for (qsizetype i = 0; i + 1 < line.size(); ++i) {
            const int a = nodeFor(line[i]);
            const int b = nodeFor(line[i + 1]);
            if (a == b)
                continue; // a repeated vertex
            const double length = greatCircleDistance(g.m_nodes[a], g.m_nodes[b]);
            g.m_segments.append({a, b, length});
            g.m_adjacent[a].append({b, length});
            g.m_adjacent[b].append({a, length});
        }
    }
    return g;
}

const RoadGraph &RoadGraph::demo()
{
    static const RoadGraph graph = [] {
        QList<QList<GeoPoint>> roads;
        for (const MapFeature &f : demoCounty().features)
            if (f.isRoad() && f.points.size() >= 2)
                roads.append(f.points);
        return fromPolylines(roads);
    }();
    return graph;
}

RoadSnap RoadGraph::snap(GeoPoint p, double maxSnapM) const
{
    RoadSnap best;
    double bestD2 = maxSnapM * maxSnapM;
    const Local local(p);
    for (int s = 0; s < int(m_segments.size()); ++s) {
        const Segment &seg = m_segments[s];
        const QPointF a = local.to(m_nodes[seg.a]);
        const QPointF b = local.to(m_nodes[seg.b]);
        const QPointF ab = b - a;
        const double len2 = QPointF::dotProduct(ab, ab);
        const double t = len2 > 0 ? std::clamp(-QPointF::dotProduct(a, ab) / len2, 0.0, 1.0) : 0.0;
        const QPointF q = a + ab * t;
        const double d2 = QPointF::dotProduct(q, q);
        if (d2 > bestD2)
            continue;
        bestD2 = d2;
        best.valid = true;
        best.segment = s;
        best.nodeA = seg.a;
        best.nodeB = seg.b;
        const GeoPoint na = m_nodes[seg.a];
        const GeoPoint nb = m_nodes[seg.b];
        best.point = {na.lat + (nb.lat - na.lat) * t, na.lon + (nb.lon - na.lon) * t};
        best.toAM = seg.lengthM * t;
        best.toBM = seg.lengthM * (1 - t);
    }
    if (best.valid)
        best.offRoadM = greatCircleDistance(p, best.point);
    return best;
}

RoadGraph::Distances RoadGraph::distancesFrom(const RoadSnap &origin) const
{
    Distances out;
    out.origin = origin;
    out.metres.fill(kNoRoad, m_nodes.size());
    out.previous.fill(-1, m_nodes.size());
    if (!origin.valid || origin.nodeA < 0 || origin.nodeA >= nodeCount() || origin.nodeB >= nodeCount())
        return out;
    using Item = std::pair<double, int>; // (metres, node)
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    out.metres[origin.nodeA] = origin.toAM;
    out.metres[origin.nodeB] = std::min(out.metres[origin.nodeB], origin.toBM);
    queue.emplace(out.metres[origin.nodeA], origin.nodeA);
    queue.emplace(out.metres[origin.nodeB], origin.nodeB);
    while (!queue.empty()) {
        const auto [d, n] = queue.top();
        queue.pop();
        if (d > out.metres[n])
            continue; // a stale entry
        for (const Edge &e : m_adjacent[n]) {
            const double next = d + e.lengthM;
            if (next < out.metres[e.to]) {
                out.metres[e.to] = next;
                out.previous[e.to] = n;
                queue.emplace(next, e.to);
            }
        }
    }
    return out;
}

double RoadGraph::roadDistance(const Distances &from, const RoadSnap &to) const
{
    if (!from.origin.valid || !to.valid || from.metres.size() != m_nodes.size())
        return kNoRoad;
    double best = std::min(from.metres[to.nodeA] + to.toAM, from.metres[to.nodeB] + to.toBM);
    if (from.origin.segment == to.segment) // both on one segment: straight along it
        best = std::min(best, std::abs(from.origin.toAM - to.toAM));
    return best;
}

QList<GeoPoint> RoadGraph::path(const Distances &from, const RoadSnap &to) const
{
    const double total = roadDistance(from, to);
    if (total == kNoRoad)
        return {};
    if (from.origin.segment == to.segment && std::abs(from.origin.toAM - to.toAM) <= total)
        return {from.origin.point, to.point};
    // Walk back from the better end of the target's segment to the origin's segment.
    const bool viaA = from.metres[to.nodeA] + to.toAM <= from.metres[to.nodeB] + to.toBM;
    QList<GeoPoint> reversed{to.point};
    for (int n = viaA ? to.nodeA : to.nodeB; n >= 0; n = from.previous[n])
        reversed.append(m_nodes[n]);
    reversed.append(from.origin.point);
    std::reverse(reversed.begin(), reversed.end());
    return reversed;
}

RoadRoute RoadGraph::route(GeoPoint from, GeoPoint to, bool withPath, double maxSnapM) const
{
    RoadRoute r;
    const RoadSnap a = snap(from, maxSnapM);
    const RoadSnap b = snap(to, maxSnapM);
    if (!a.valid || !b.valid)
        return r;
    const Distances d = distancesFrom(a);
    const double metres = roadDistance(d, b);
    if (metres == kNoRoad)
        return r;
    r.found = true;
    r.roadM = metres;
    r.offRoadM = a.offRoadM + b.offRoadM;
    if (withPath)
        r.path = path(d, b);
    return r;
}

double etaSeconds(double metres, double speedKmh)
{
    if (!(speedKmh > 0) || !std::isfinite(metres))
        return kNoRoad;
    return metres / (speedKmh / 3.6);
}

} // namespace vigil::map
