#include "vigil/map/geo_index.h"

#include <algorithm>
#include <numbers>

namespace vigil::map {

namespace {

std::array<double, 3> unitVector(GeoPoint p)
{
    constexpr double kDeg = std::numbers::pi / 180.0;
    const double lat = p.lat * kDeg;
    const double lon = p.lon * kDeg;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

double chord2(const std::array<double, 3> &a, const std::array<double, 3> &b)
{
    const double dx = a[0] - b[0];
    const double dy = a[1] - b[1];
    const double dz = a[2] - b[2];
    return dx * dx + dy * dy + dz * dz;
}

// Keeps `best` sorted ascending by (distance, index), at most k long.
void offer(QList<std::pair<double, int>> &best, int k, double d2, int index)
{
    const std::pair<double, int> item{d2, index};
    if (best.size() == k && !(item < best.back()))
        return;
    best.insert(std::upper_bound(best.begin(), best.end(), item), item);
    if (best.size() > k)
        best.removeLast();
}

} // namespace

void GeoIndex::build(const QList<GeoPoint> &points)
{
    m_points = points;
    m_nodes.clear();
    m_nodes.reserve(points.size());
    for (int i = 0; i < points.size(); ++i)
        m_nodes.append(Node{unitVector(points[i]), i});
    buildRange(0, int(m_nodes.size()), 0);
}

void GeoIndex::buildRange(int begin, int end, int depth)
{
    if (end - begin <= 1)
        return;
    const int axis = depth % 3;
    const int mid = begin + (end - begin) / 2;
    std::nth_element(m_nodes.begin() + begin, m_nodes.begin() + mid, m_nodes.begin() + end,
                     [axis](const Node &a, const Node &b) { return a.v[axis] < b.v[axis]; });
    buildRange(begin, mid, depth + 1);
    buildRange(mid + 1, end, depth + 1);
}

void GeoIndex::search(int begin, int end, int depth, const std::array<double, 3> &q, int k,
                      QList<std::pair<double, int>> &best) const
{
    if (begin >= end)
        return;
    const int axis = depth % 3;
    const int mid = begin + (end - begin) / 2;
    const Node &node = m_nodes[mid];
    offer(best, k, chord2(node.v, q), node.index);
    const double diff = q[axis] - node.v[axis];
    const bool leftFirst = diff < 0;
    if (leftFirst)
        search(begin, mid, depth + 1, q, k, best);
    else
        search(mid + 1, end, depth + 1, q, k, best);
    // The far side can only help if the splitting plane is closer than the current k-th best (<= so that
    // equal distances still resolve by index exactly like the brute force).
    if (best.size() < k || diff * diff <= best.back().first) {
        if (leftFirst)
            search(mid + 1, end, depth + 1, q, k, best);
        else
            search(begin, mid, depth + 1, q, k, best);
    }
}

QList<GeoNeighbour> GeoIndex::nearest(GeoPoint p, int k) const
{
    QList<GeoNeighbour> out;
    if (k <= 0 || m_nodes.isEmpty())
        return out;
    QList<std::pair<double, int>> best;
    best.reserve(k + 1);
    search(0, int(m_nodes.size()), 0, unitVector(p), k, best);
    out.reserve(best.size());
    for (const auto &[d2, index] : best)
        out.append(GeoNeighbour{index, greatCircleDistance(p, m_points[index])});
    return out;
}

QList<GeoNeighbour> GeoIndex::nearestBruteForce(const QList<GeoPoint> &points, GeoPoint p, int k)
{
    const auto q = unitVector(p);
    QList<std::pair<double, int>> all;
    all.reserve(points.size());
    for (int i = 0; i < points.size(); ++i)
        all.append({chord2(unitVector(points[i]), q), i});
    std::sort(all.begin(), all.end());
    QList<GeoNeighbour> out;
    for (int i = 0; i < std::min(k, int(all.size())); ++i)
        out.append(GeoNeighbour{all[i].second, greatCircleDistance(p, points[all[i].second])});
    return out;
}

QList<GeoNeighbour> GeoIndex::withinRadius(const QList<GeoPoint> &points, GeoPoint p, double radiusM, int max)
{
    QList<GeoNeighbour> out = nearestBruteForce(points, p, max);
    out.removeIf([radiusM](const GeoNeighbour &n) { return n.distanceM > radiusM; });
    return out;
}

} // namespace vigil::map
