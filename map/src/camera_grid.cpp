#include "vigil/map/camera_grid.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vigil::map {

namespace {

// Spreads the low 32 bits of v to the even bits of the result.
quint64 spread(quint64 v)
{
    v &= 0xffffffffULL;
    v = (v | (v << 16)) & 0x0000ffff0000ffffULL;
    v = (v | (v << 8)) & 0x00ff00ff00ff00ffULL;
    v = (v | (v << 4)) & 0x0f0f0f0f0f0f0f0fULL;
    v = (v | (v << 2)) & 0x3333333333333333ULL;
    v = (v | (v << 1)) & 0x5555555555555555ULL;
    return v;
}

quint64 morton(quint64 cx, quint64 cy)
{
    return spread(cx) | (spread(cy) << 1);
}

} // namespace

CameraGrid::CameraGrid(const QList<QPointF> &points, double cellPx)
    : m_cellPx(cellPx)
{
    const int n = int(points.size());
    const double cell = cellWorld0(kFinestLevel);
    const double maxCell = std::ldexp(1.0, 31) - 1;
    QList<quint64> codeOf(n);
    for (int i = 0; i < n; ++i) {
        // World-0 coordinates are 0..256; clamp so an odd point cannot overflow a cell index.
        const double cx = std::clamp(std::floor(points[i].x() / cell), 0.0, maxCell);
        const double cy = std::clamp(std::floor(points[i].y() / cell), 0.0, maxCell);
        codeOf[i] = morton(quint64(cx), quint64(cy));
    }
    m_order.resize(n);
    std::iota(m_order.begin(), m_order.end(), 0);
    std::sort(m_order.begin(), m_order.end(),
              [&codeOf](int a, int b) { return codeOf[a] != codeOf[b] ? codeOf[a] < codeOf[b] : a < b; });
    m_codes.resize(n);
    m_sumX.resize(n + 1);
    m_sumY.resize(n + 1);
    m_sumX[0] = m_sumY[0] = 0;
    for (int i = 0; i < n; ++i) {
        const int p = m_order[i];
        m_codes[i] = codeOf[p];
        m_sumX[i + 1] = m_sumX[i] + points[p].x();
        m_sumY[i + 1] = m_sumY[i] + points[p].y();
    }
}

double CameraGrid::cellWorld0(int level) const
{
    return m_cellPx / std::exp2(std::clamp(level, 0, kFinestLevel));
}

int CameraGrid::levelForZoom(double zoom)
{
    return std::clamp(int(std::floor(zoom)), 0, kFinestLevel);
}

QList<CameraGrid::Cell> CameraGrid::cellsIn(int level, const QRectF &region0) const
{
    QList<Cell> out;
    if (m_order.isEmpty() || region0.isEmpty())
        return out;
    level = std::clamp(level, 0, kFinestLevel);
    const double cell = cellWorld0(level);
    const double maxCell = std::ldexp(1.0, 31 - (kFinestLevel - level)) - 1;
    const auto index = [&](double v) {
        return qint64(std::clamp(std::floor(v / cell), 0.0, maxCell));
    };
    const qint64 x0 = index(region0.left()), x1 = index(region0.right());
    const qint64 y0 = index(region0.top()), y1 = index(region0.bottom());
    const int shift = 2 * (kFinestLevel - level);
    auto from = m_codes.cbegin();
    for (qint64 cy = y0; cy <= y1; ++cy) {
        for (qint64 cx = x0; cx <= x1; ++cx) {
            const quint64 code = morton(quint64(cx), quint64(cy));
            const quint64 lo = code << shift;
            const quint64 hi = (code + 1) << shift;
            const auto b = std::lower_bound(m_codes.cbegin(), m_codes.cend(), lo);
            if (b == m_codes.cend() || *b >= hi)
                continue;
            const auto e = std::lower_bound(b, m_codes.cend(), hi);
            const int begin = int(b - from);
            const int end = int(e - from);
            const int count = end - begin;
            out.append(
                Cell{code, begin, end,
                     QPointF((m_sumX[end] - m_sumX[begin]) / count, (m_sumY[end] - m_sumY[begin]) / count)});
        }
    }
    return out;
}

} // namespace vigil::map
