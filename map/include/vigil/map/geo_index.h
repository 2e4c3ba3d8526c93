#pragma once
// GeoIndex: k-nearest-neighbour queries by great-circle distance over a set of points (patrol units,
// cameras). A static k-d tree over unit vectors on the sphere: the straight-line (chord) distance between two
// unit vectors grows monotonically with the great-circle angle, so the k nearest by chord are exactly the k
// nearest by great-circle distance, with no special cases at the poles or the antimeridian. Rebuild after the
// points move (10,000 points build in about a millisecond). Thread: any; a const instance may be queried from
// several threads.
#include "vigil/map/geo.h"

#include <QtCore/QList>

#include <array>

namespace vigil::map {

struct GeoNeighbour
{
    int index = -1;       // index into the points given to build()
    double distanceM = 0; // great-circle distance in metres
};

class GeoIndex
{
public:
    void build(const QList<GeoPoint> &points);
    int size() const { return int(m_nodes.size()); }
    // The k nearest points to p, nearest first (ties in index order). Fewer when the index is smaller.
    QList<GeoNeighbour> nearest(GeoPoint p, int k) const;
    // The points within radiusM metres of p, nearest first, at most `max` (a scan: for a click's question,
    // "which cameras are around here", over a county's points).
    static QList<GeoNeighbour> withinRadius(const QList<GeoPoint> &points, GeoPoint p, double radiusM,
                                            int max);
    // Reference answer by scanning every point (tests and benchmarks).
    static QList<GeoNeighbour> nearestBruteForce(const QList<GeoPoint> &points, GeoPoint p, int k);

private:
    struct Node
    {
        std::array<double, 3> v; // unit vector
        int index;
    };
    void buildRange(int begin, int end, int depth);
    void search(int begin, int end, int depth, const std::array<double, 3> &q, int k,
                QList<std::pair<double, int>> &best) const;

    QList<Node> m_nodes; // implicit balanced tree: median of [begin, end) at the middle, split axis depth % 3
    QList<GeoPoint> m_points;
};

} // namespace vigil::map
