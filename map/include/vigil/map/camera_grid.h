#pragma once
// CameraGrid: an immutable multi-level grid over points in zoom-0 world coordinates (0..256), for drawing,
// clustering and picking hundreds of thousands of cameras without scanning them all every frame.
//
// Points are sorted once by the Morton (Z-order) code of their cell at the finest level; the cell of a level
// above is that code shifted right by two bits per level, so every cell of every level is one contiguous run
// of that order, found by two binary searches, and prefix sums of the positions give its mean at once. A
// level's cell is `cellPx / 2^level` world units wide: level floor(zoom) gives cells of cellPx..2*cellPx
// screen pixels (CameraLayer's clusters). A query costs two binary searches per cell of the region, whatever
// the number of points: a 1280x800 view's region is about 5,000 cells. Building 400,000 points is one sort:
// build it on a worker and hand the const grid to the GUI thread.
// Thread: build anywhere; a built grid is read-only and may be read from any thread.
#include <QtCore/QList>
#include <QtCore/QPointF>
#include <QtCore/QRectF>

namespace vigil::map {

class CameraGrid
{
public:
    static constexpr int kFinestLevel = 20;

    struct Cell
    {
        quint64 code = 0; // Morton code of the cell at its level
        int begin = 0;    // run [begin, end) of order()
        int end = 0;
        QPointF mean; // mean world-0 position of its points
        int count() const { return end - begin; }
    };

    CameraGrid() = default;
    // points: world-0 positions (index = the caller's row). cellPx: a level-0 cell's width in world units
    // (CameraLayer: its cluster cell in screen pixels).
    CameraGrid(const QList<QPointF> &points, double cellPx);

    bool isEmpty() const { return m_order.isEmpty(); }
    int pointCount() const { return int(m_order.size()); }
    double cellWorld0(int level) const;
    // Indices of the points, sorted by finest cell: a cell's points are order()[begin, end).
    const QList<int> &order() const { return m_order; }
    // Cells of `level` (clamped to 0..kFinestLevel) that intersect `region0`, in Morton order.
    QList<Cell> cellsIn(int level, const QRectF &region0) const;
    // The level whose cells CameraLayer clusters by at this zoom.
    static int levelForZoom(double zoom);

private:
    QList<int> m_order;
    QList<quint64> m_codes; // finest Morton code of m_order[i], ascending
    QList<double> m_sumX;   // prefix sums of the positions in m_order: [i] = sum of the first i
    QList<double> m_sumY;
    double m_cellPx = 56;
};

} // namespace vigil::map
