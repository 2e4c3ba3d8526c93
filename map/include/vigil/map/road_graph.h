#pragma once
// RoadGraph: a road network as an undirected graph for "how far by road" and "how long to get there" — the
// dispatch list's ETA. Built from road polylines (the demo county's roads, map_features.h): every vertex is a
// node, every polyline segment an edge weighted by its great-circle length; polylines that share a vertex
// (within ~1 m) meet there, and nowhere else (two roads that merely cross on the map, a bridge over a road,
// do not connect). A point off the network is snapped to the nearest point of the nearest segment; the
// legs to and from the road count as straight lines. Shortest paths are Dijkstra's, from one origin to every
// node at once, so one alarm's ETAs for several units cost one search.
// Thread: any (a const graph may be queried from several threads).
#include "vigil/map/geo.h"

#include <QtCore/QList>

#include <limits>

namespace vigil::map {

inline constexpr double kNoRoad = std::numeric_limits<double>::infinity();

// Where a point meets the road network.
struct RoadSnap
{
    bool valid = false;  // false: no road within the limit (or an empty graph)
    GeoPoint point;      // the nearest point on a segment
    double offRoadM = 0; // straight line from the query point to `point`
    int segment = -1;
    int nodeA = -1; // the segment's ends
    int nodeB = -1;
    double toAM = 0; // along the segment from `point` to nodeA / nodeB
    double toBM = 0;
};

struct RoadRoute
{
    bool found = false;   // false: no road near one end, or the two ends are on networks that do not meet
    double roadM = 0;     // along the roads, between the two snapped points
    double offRoadM = 0;  // the two straight legs to and from the road
    QList<GeoPoint> path; // start's snap -> nodes -> end's snap (when asked for)
    double totalM() const { return roadM + offRoadM; }
};

class RoadGraph
{
public:
    RoadGraph() = default;
    static RoadGraph fromPolylines(const QList<QList<GeoPoint>> &lines);
    // The demo county's roads (built once, on first use).
    static const RoadGraph &demo();

    int nodeCount() const { return int(m_nodes.size()); }
    int segmentCount() const { return int(m_segments.size()); }
    GeoPoint node(int i) const { return m_nodes.at(i); }

    // The nearest point of the network to p, if within maxSnapM metres.
    RoadSnap snap(GeoPoint p, double maxSnapM = 1000) const;

    // Dijkstra from a snapped origin: metres along the roads to every node (kNoRoad when unreachable), and
    // each node's predecessor on its shortest path (-1 at the origin's segment ends).
    struct Distances
    {
        RoadSnap origin;
        QList<double> metres;
        QList<int> previous;
    };
    Distances distancesFrom(const RoadSnap &origin) const;
    // Metres along the roads from the search's origin to a snapped point (kNoRoad when unreachable).
    double roadDistance(const Distances &from, const RoadSnap &to) const;
    // The road path from the search's origin to `to` (origin's snap first), empty when unreachable.
    QList<GeoPoint> path(const Distances &from, const RoadSnap &to) const;

    // One route between two points (a search of its own).
    RoadRoute route(GeoPoint from, GeoPoint to, bool withPath = false, double maxSnapM = 1000) const;

private:
    struct Segment
    {
        int a;
        int b;
        double lengthM;
    };
    struct Edge
    {
        int to;
        double lengthM;
    };
    QList<GeoPoint> m_nodes;
    QList<Segment> m_segments;
    QList<QList<Edge>> m_adjacent;
};

// Seconds to cover `metres` at `speedKmh` (a stated assumption, e.g. 40 km/h in town); +inf for no road or
// a speed <= 0.
double etaSeconds(double metres, double speedKmh);

} // namespace vigil::map
