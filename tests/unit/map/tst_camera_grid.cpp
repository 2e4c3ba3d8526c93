// CameraGrid against a scan: for random points (a dense county inside a sparse province), at every level and
// for random regions, the grid's cells are exactly the non-empty cells of a brute-force grouping of the
// points by `floor(world / cell)` that the region touches, with the same counts and mean positions, and each
// cell's run of order() holds exactly its points. Clamped edges, an empty grid and an empty region.
#include "vigil/map/camera_grid.h"
#include "vigil/map/geo.h"

#include <QtCore/QHash>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <cmath>

using vigil::map::CameraGrid;

namespace {

QList<QPointF> provincePoints(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<QPointF> points;
    for (int i = 0; i < n; ++i) {
        const vigil::map::GeoPoint p =
            i % 3 == 0
                ? vigil::map::GeoPoint{30.54 + (rng.generateDouble() - 0.5) * 0.4,
                                       119.965 + (rng.generateDouble() - 0.5) * 0.4}
                : vigil::map::GeoPoint{27.0 + rng.generateDouble() * 4.2, 118.0 + rng.generateDouble() * 4.8};
        points.append(vigil::map::geoToWorld(p, 0));
    }
    // Two cameras on one spot, as a pole with two cameras.
    points.append(points.first());
    return points;
}

struct Expected
{
    int count = 0;
    double sumX = 0;
    double sumY = 0;
    QList<int> members;
};

} // namespace

class TestCameraGrid : public QObject
{
    Q_OBJECT

private slots:
    void cellsMatchAScan()
    {
        const QList<QPointF> points = provincePoints(20000, 7);
        const CameraGrid grid(points, 56);
        QCOMPARE(grid.pointCount(), points.size());
        QRandomGenerator rng(11);
        for (int level = 0; level <= CameraGrid::kFinestLevel; level += 2) {
            const double cell = grid.cellWorld0(level);
            QCOMPARE(cell, 56 / std::exp2(level));
            QHash<QPair<qint64, qint64>, Expected> scan;
            for (int i = 0; i < points.size(); ++i) {
                Expected &e = scan[{qint64(std::floor(points[i].x() / cell)),
                                    qint64(std::floor(points[i].y() / cell))}];
                ++e.count;
                e.sumX += points[i].x();
                e.sumY += points[i].y();
                e.members.append(i);
            }
            for (int q = 0; q < 8; ++q) {
                // A view around a random point, a few cells wide at this level (the whole world at level 0).
                const QPointF c = points[rng.bounded(int(points.size()))];
                const double half = cell * (1 + rng.bounded(20));
                const QRectF region(c - QPointF(half, half * 0.6), QSizeF(2 * half, 1.2 * half));
                const qint64 x0 = qint64(std::floor(region.left() / cell));
                const qint64 x1 = qint64(std::floor(region.right() / cell));
                const qint64 y0 = qint64(std::floor(region.top() / cell));
                const qint64 y1 = qint64(std::floor(region.bottom() / cell));
                int want = 0;
                for (auto it = scan.cbegin(); it != scan.cend(); ++it) {
                    if (it.key().first >= x0 && it.key().first <= x1 && it.key().second >= y0 &&
                        it.key().second <= y1)
                        ++want;
                }
                const QList<CameraGrid::Cell> cells = grid.cellsIn(level, region);
                QCOMPARE(cells.size(), want);
                for (const CameraGrid::Cell &got : cells) {
                    const QPointF anyPoint = points[grid.order()[got.begin]];
                    const auto key = qMakePair(qint64(std::floor(anyPoint.x() / cell)),
                                               qint64(std::floor(anyPoint.y() / cell)));
                    QVERIFY(scan.contains(key));
                    const Expected &e = scan[key];
                    QCOMPARE(got.count(), e.count);
                    QVERIFY(std::abs(got.mean.x() - e.sumX / e.count) < 1e-9);
                    QVERIFY(std::abs(got.mean.y() - e.sumY / e.count) < 1e-9);
                    QList<int> members(grid.order().cbegin() + got.begin, grid.order().cbegin() + got.end);
                    std::sort(members.begin(), members.end());
                    QCOMPARE(members, e.members);
                }
            }
        }
    }

    void everyPointOnceAtEveryLevel()
    {
        const QList<QPointF> points = provincePoints(5000, 3);
        const CameraGrid grid(points, 56);
        QList<int> sorted = grid.order();
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < sorted.size(); ++i)
            QCOMPARE(sorted[i], i);
        const QRectF world(0, 0, 256, 256);
        for (int level = 0; level <= 6; ++level) { // the whole world is a few thousand cells up to level 6
            int total = 0;
            for (const CameraGrid::Cell &c : grid.cellsIn(level, world))
                total += c.count();
            QCOMPARE(total, points.size());
        }
    }

    void edgesAndEmpties()
    {
        QVERIFY(CameraGrid().cellsIn(3, QRectF(0, 0, 256, 256)).isEmpty());
        QVERIFY(CameraGrid().isEmpty());
        // Points on the world's edges and outside it (a bad position) are clamped into the edge cells.
        const CameraGrid grid({QPointF(0, 0), QPointF(256, 256), QPointF(-5, 300), QPointF(128, 128)}, 56);
        int total = 0;
        for (const CameraGrid::Cell &c : grid.cellsIn(4, QRectF(-10, -10, 300, 320)))
            total += c.count();
        QCOMPARE(total, 4);
        QVERIFY(grid.cellsIn(4, QRectF()).isEmpty());
        QCOMPARE(CameraGrid::levelForZoom(8.7), 8);
        QCOMPARE(CameraGrid::levelForZoom(-1), 0);
        QCOMPARE(CameraGrid::levelForZoom(40), CameraGrid::kFinestLevel);
    }
};

QTEST_GUILESS_MAIN(TestCameraGrid)
#include "tst_camera_grid.moc"
