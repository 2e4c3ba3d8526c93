#include "vigil/map/camera_layer.h"

#include "vigil/map/geo_index.h"
#include "vigil/map/map_view.h"

#include "vigil/core/health_role.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFutureWatcher>

#include <algorithm>
#include <numbers>

namespace vigil::map {

namespace {

constexpr double kClusterCellPx = 56;
constexpr double kDotRadius = 7;
constexpr double kPickRadius = 11;
constexpr double kConeLength = 60; // px
constexpr double kConeZoom = 14;
constexpr qint64 kSliceNs = 8'000'000; // model rows read per event-loop turn: about half a frame

struct IndexResult
{
    QList<QPointF> world0;
    std::shared_ptr<const CameraGrid> grid;
};

IndexResult buildIndex(const QList<GeoPoint> &positions, Datum datum)
{
    IndexResult r;
    r.world0.reserve(positions.size());
    for (const GeoPoint &p : positions)
        r.world0.append(geoToWorld(toDatum(p, datum), 0));
    r.grid = std::make_shared<const CameraGrid>(r.world0, kClusterCellPx);
    return r;
}

} // namespace

CameraLayer::Health CameraLayer::parseHealth(const QString &word)
{
    namespace h = vigil::core::health;
    if (word == h::kLive)
        return Health::Live;
    if (word == h::kOffline)
        return Health::Offline;
    if (word == h::kAlarm)
        return Health::Alarm;
    return Health::Unknown;
}

QRgb CameraLayer::healthColour(Health health)
{
    switch (health) {
    case Health::Live:
        return premultipliedRgba(0x2e, 0xcc, 0x71, 255);
    case Health::Offline:
        return premultipliedRgba(0x95, 0x9c, 0xa6, 255);
    case Health::Alarm:
        return premultipliedRgba(0xe7, 0x3c, 0x3c, 255);
    case Health::Unknown:
        break;
    }
    return premultipliedRgba(0x2c, 0x3e, 0x50, 255); // not known: dark slate, unlike any unit
}

CameraLayer::CameraLayer(QQuickItem *parent)
    : MapLayer(parent)
{
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, &CameraLayer::readSlice);
}

CameraLayer::~CameraLayer() = default;

void CameraLayer::setModel(QAbstractItemModel *model)
{
    if (model == m_model)
        return;
    for (const auto &c : std::as_const(m_modelConnections))
        disconnect(c);
    m_modelConnections.clear();
    m_model = model;
    if (model) {
        auto changed = [this] {
            m_modelDirty = true;
            polish();
        };
        m_modelConnections = {
            connect(model, &QAbstractItemModel::modelReset, this, changed),
            connect(model, &QAbstractItemModel::rowsInserted, this, changed),
            connect(model, &QAbstractItemModel::rowsRemoved, this, changed),
            connect(model, &QAbstractItemModel::rowsMoved, this, changed),
            connect(model, &QAbstractItemModel::layoutChanged, this, changed),
            connect(model, &QAbstractItemModel::dataChanged, this,
                    [this, changed](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                    const QList<int> &roles) {
                        const int health = loadingSet() ? m_readRoles.health : m_healthRole;
                        if (!m_modelDirty && health >= 0 && roles.size() == 1 && roles.first() == health)
                            recolour(topLeft, bottomRight);
                        else
                            changed();
                    }),
        };
    }
    m_modelDirty = true;
    reloadFromModel(); // at once, so cameraCount is right before the first frame
    emit modelChanged();
}

void CameraLayer::updatePolish()
{
    if (m_modelDirty)
        reloadFromModel();
}

void CameraLayer::reloadFromModel()
{
    m_modelDirty = false;
    m_idRole = -1;
    m_healthRole = -1;
    m_sliceTimer.stop();
    m_incoming.clear();
    if (!m_model) {
        setCameras({});
        return;
    }
    const QHash<int, QByteArray> names = m_model->roleNames();
    auto role = [&names](const char *name) {
        return names.key(QByteArray(name), -1);
    };
    m_readRoles = Roles{
        role("cameraId"),  role("name"),         role("hasPosition"), role("latitude"),
        role("longitude"), role("directionDeg"), role("fovDeg"),      role(vigil::core::health::kRoleName)};
    m_sliceRow = 0;
    const int rows = m_model->rowCount();
    m_incoming.reserve(rows);
    if (rows >= m_asyncThreshold)
        setLoading(true);
    readSlice(); // a county's cameras at once, so cameraCount is right before the first frame
}

void CameraLayer::readSlice()
{
    if (!m_model) {
        m_sliceTimer.stop();
        return;
    }
    const Roles &r = m_readRoles;
    const int rows = m_model->rowCount();
    const bool sliced = rows >= m_asyncThreshold;
    QElapsedTimer clock;
    clock.start();
    for (; m_sliceRow < rows; ++m_sliceRow) {
        if (sliced && (m_sliceRow & 255) == 0 && clock.nsecsElapsed() > kSliceNs) {
            m_sliceTimer.start(); // the rest after the event loop had its turn
            return;
        }
        const QModelIndex i = m_model->index(m_sliceRow, 0);
        if (r.has >= 0 && !i.data(r.has).toBool())
            continue;
        const double lat = i.data(r.lat).toDouble();
        const double lon = i.data(r.lon).toDouble();
        if (qIsNaN(lat) || qIsNaN(lon))
            continue;
        m_incoming.append(MapCamera{i.data(r.id).toString(),
                                    i.data(r.name).toString(),
                                    {lat, lon},
                                    r.dir >= 0 ? i.data(r.dir).toDouble() : 0.0,
                                    r.fov >= 0 ? i.data(r.fov).toDouble() : 0.0,
                                    r.health >= 0 ? i.data(r.health).toString() : QString()});
    }
    m_sliceTimer.stop();
    setCameras(std::exchange(m_incoming, {}));
    m_idRole = r.id;
    m_healthRole = r.health;
}

void CameraLayer::setLoading(bool on)
{
    if (on == m_loading)
        return;
    m_loading = on;
    emit loadingChanged();
}

void CameraLayer::recolour(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!m_model)
        return;
    const bool loading = loadingSet();
    const int idRole = loading ? m_readRoles.id : m_idRole;
    const int healthRole = loading ? m_readRoles.health : m_healthRole;
    if (idRole < 0 || healthRole < 0)
        return;
    bool changed = false;
    for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
        const QModelIndex i = m_model->index(r, 0);
        const QString id = i.data(idRole).toString();
        if (loading) {
            // Read before the change, or held by the worker: applied when the set is adopted.
            m_pendingHealth.insert(id, i.data(healthRole).toString());
            continue;
        }
        const int at = m_rows.value(id, -1);
        if (at < 0)
            continue; // no position: not on the map
        Entry &e = m_cameras[at];
        e.camera.health = i.data(healthRole).toString();
        const Health health = parseHealth(e.camera.health);
        if (health != e.health) {
            e.health = health;
            changed = true;
        }
    }
    if (changed)
        markDirty();
}

CameraLayer::Loaded CameraLayer::load(QList<MapCamera> cameras, vigil::map::Datum datum)
{
    Loaded out;
    out.cameras.reserve(cameras.size());
    out.rows.reserve(cameras.size());
    QList<QPointF> world0;
    world0.reserve(cameras.size());
    for (MapCamera &c : cameras) {
        out.rows.insert(c.id, int(out.cameras.size()));
        const Health health = parseHealth(c.health);
        const QPointF w = geoToWorld(toDatum(c.position, datum), 0);
        world0.append(w);
        out.cameras.append(Entry{std::move(c), w, health});
    }
    out.grid = std::make_shared<const CameraGrid>(world0, kClusterCellPx);
    return out;
}

void CameraLayer::setCameras(QList<MapCamera> cameras)
{
    ++m_generation;
    m_indexing = false;
    const Datum datum = map() ? map()->coreDatum() : Datum::Wgs84;
    if (cameras.size() >= m_asyncThreshold) {
        // A province: entries, id index and grid on a worker; the current cameras stay until it is done.
        setLoading(true);
        const quint64 generation = m_generation;
        m_loadGeneration = generation;
        auto *watcher = new QFutureWatcher<Loaded>(this);
        connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation, datum] {
            watcher->deleteLater();
            if (generation == m_generation)
                adopt(watcher->result(), datum);
        });
        watcher->setFuture(QtConcurrent::run(&CameraLayer::load, std::move(cameras), datum));
        return;
    }
    // A county: the same work at once, so cameraCount and the grid are ready before the first frame.
    adopt(load(std::move(cameras), datum), datum);
}

void CameraLayer::adopt(Loaded loaded, vigil::map::Datum datum)
{
    m_loadGeneration = 0;
    // The old set is freed on a worker: 400,000 names and ids are tens of milliseconds of free().
    auto old = std::make_shared<std::pair<QList<Entry>, QHash<QString, int>>>(std::move(m_cameras),
                                                                              std::move(m_rows));
    if (old->first.size() >= m_asyncThreshold)
        (void)QtConcurrent::run([old]() mutable { old.reset(); });
    old.reset();
    m_cameras = std::move(loaded.cameras);
    m_rows = std::move(loaded.rows);
    m_grid = std::move(loaded.grid);
    m_projectedDatum = m_grid ? int(datum) : -1;
    m_lastClusters.clear();
    for (auto it = m_pendingHealth.cbegin(); it != m_pendingHealth.cend(); ++it) {
        const int at = m_rows.value(it.key(), -1);
        if (at >= 0) {
            m_cameras[at].camera.health = it.value();
            m_cameras[at].health = parseHealth(it.value());
        }
    }
    m_pendingHealth.clear();
    if (!m_sliceTimer.isActive())
        setLoading(false);
    emit camerasChanged();
    markDirty();
}

void CameraLayer::rebuildIndex(vigil::map::Datum datum)
{
    if (m_cameras.size() < m_asyncThreshold) {
        reproject(datum);
        return;
    }
    if (m_indexing && m_indexingDatum == int(datum))
        return;
    m_indexing = true;
    m_indexingDatum = int(datum);
    QList<GeoPoint> positions;
    positions.reserve(m_cameras.size());
    for (const Entry &e : std::as_const(m_cameras))
        positions.append(e.camera.position);
    auto *watcher = new QFutureWatcher<IndexResult>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcher<IndexResult>::finished, this, [this, watcher, generation, datum] {
        watcher->deleteLater();
        if (generation != m_generation || m_indexingDatum != int(datum))
            return; // the cameras or the datum changed meanwhile: a newer build is on its way
        IndexResult r = watcher->result();
        for (qsizetype i = 0; i < m_cameras.size(); ++i)
            m_cameras[i].world0 = r.world0[i];
        m_grid = std::move(r.grid);
        m_projectedDatum = int(datum);
        m_indexing = false;
        markDirty();
    });
    watcher->setFuture(QtConcurrent::run(buildIndex, std::move(positions), datum));
}

void CameraLayer::reproject(vigil::map::Datum datum)
{
    if (m_projectedDatum == int(datum))
        return;
    QList<QPointF> world0;
    world0.reserve(m_cameras.size());
    for (Entry &e : m_cameras) {
        e.world0 = geoToWorld(toDatum(e.camera.position, datum), 0);
        world0.append(e.world0);
    }
    m_grid = std::make_shared<const CameraGrid>(world0, kClusterCellPx);
    m_projectedDatum = int(datum);
}

void CameraLayer::setSpatialIndexEnabled(bool on)
{
    m_useGrid = on;
    markDirty();
}

void CameraLayer::setSelectedCameraId(const QString &id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    emit selectedCameraIdChanged();
    markDirty();
}

void CameraLayer::setClusterBelowZoom(qreal zoom)
{
    if (qFuzzyCompare(zoom, m_clusterBelowZoom))
        return;
    m_clusterBelowZoom = zoom;
    emit clusterBelowZoomChanged();
    markDirty();
}

bool CameraLayer::clustering() const
{
    return map() && map()->zoomLevel() < m_clusterBelowZoom;
}

QList<CameraLayer::Cluster> CameraLayer::clusterAtZoom(double zoom, const QRectF &region0) const
{
    // Cells are fixed in world space at the integer zoom, so clusters do not jump while panning.
    const double cellWorld0 = kClusterCellPx / std::exp2(std::floor(zoom));
    QHash<qint64, int> cellIndex;
    QList<Cluster> clusters;
    for (int i = 0; i < m_cameras.size(); ++i) {
        const QPointF w = m_cameras[i].world0;
        if (!region0.contains(w))
            continue;
        const qint64 cx = qint64(std::floor(w.x() / cellWorld0));
        const qint64 cy = qint64(std::floor(w.y() / cellWorld0));
        const qint64 key = (cx << 32) ^ cy;
        auto it = cellIndex.find(key);
        if (it == cellIndex.end()) {
            cellIndex.insert(key, int(clusters.size()));
            clusters.append(Cluster{w, 1, i});
        } else {
            Cluster &c = clusters[it.value()];
            c.world0 = (c.world0 * c.count + w) / (c.count + 1);
            ++c.count;
        }
    }
    return clusters;
}

QList<CameraLayer::Cluster> CameraLayer::clusterFromGrid(double zoom, const QRectF &region0) const
{
    QList<Cluster> clusters;
    const QList<CameraGrid::Cell> cells = m_grid->cellsIn(CameraGrid::levelForZoom(zoom), region0);
    clusters.reserve(cells.size());
    for (const CameraGrid::Cell &c : cells)
        clusters.append(Cluster{c.mean, c.count(), m_grid->order()[c.begin]});
    return clusters;
}

template<typename Visit>
void CameraLayer::forEachCameraIn(const QRectF &region0, double zoom, Visit &&visit) const
{
    if (m_useGrid && m_grid) {
        const QList<int> &order = m_grid->order();
        for (const CameraGrid::Cell &c : m_grid->cellsIn(CameraGrid::levelForZoom(zoom), region0)) {
            for (int k = c.begin; k < c.end; ++k) {
                const Entry &e = m_cameras[order[k]];
                if (region0.contains(e.world0))
                    visit(e);
            }
        }
        return;
    }
    for (const Entry &e : m_cameras) {
        if (region0.contains(e.world0))
            visit(e);
    }
}

void CameraLayer::drawCamera(const BuildContext &ctx, Geometry &out, const Entry &e) const
{
    const QRgb outline = premultipliedRgba(255, 255, 255, 255);
    const QRgb shadow = premultipliedRgba(0, 0, 0, 90);
    const QRgb selectedRing = premultipliedRgba(0xf1, 0xc4, 0x0f, 255);
    const QPointF p = ctx.local(e.world0);
    if (ctx.zoom >= kConeZoom && e.camera.fovDeg > 0) {
        // A fan from the camera in its viewing direction (0 = north, clockwise).
        const QRgb inner = premultipliedRgba(0xf1, 0xc4, 0x0f, 110);
        const QRgb outer = premultipliedRgba(0xf1, 0xc4, 0x0f, 15);
        const int steps = 8;
        const double start = (e.camera.directionDeg - e.camera.fovDeg / 2) * std::numbers::pi / 180;
        const double step = e.camera.fovDeg / steps * std::numbers::pi / 180;
        for (int s = 0; s < steps; ++s) {
            const double a0 = start + s * step;
            const double a1 = a0 + step;
            const QPointF q0 = p + QPointF(std::sin(a0), -std::cos(a0)) * kConeLength;
            const QPointF q1 = p + QPointF(std::sin(a1), -std::cos(a1)) * kConeLength;
            const qsizetype n = out.blended.size();
            out.blended.resize(n + 3);
            out.blended[n].set(float(p.x()), float(p.y()), uchar(qRed(inner)), uchar(qGreen(inner)),
                               uchar(qBlue(inner)), uchar(qAlpha(inner)));
            out.blended[n + 1].set(float(q0.x()), float(q0.y()), uchar(qRed(outer)), uchar(qGreen(outer)),
                                   uchar(qBlue(outer)), uchar(qAlpha(outer)));
            out.blended[n + 2].set(float(q1.x()), float(q1.y()), uchar(qRed(outer)), uchar(qGreen(outer)),
                                   uchar(qBlue(outer)), uchar(qAlpha(outer)));
        }
    }
    if (e.camera.id == m_selected)
        addDisc(out, p, kDotRadius + 6, selectedRing, 16);
    addDisc(out, p + QPointF(0, 1.5), kDotRadius + 2.5, shadow);
    addDisc(out, p, kDotRadius + 2, outline, 12);
    addDisc(out, p, kDotRadius, healthColour(e.health), 12);
}

void CameraLayer::buildVertices(const BuildContext &ctx, Geometry &out)
{
    if (m_projectedDatum != int(ctx.datum)) {
        if (m_cameras.size() < m_asyncThreshold) {
            reproject(ctx.datum);
        } else {
            // Called while the GUI thread waits (render thread): start the worker from the GUI thread.
            QMetaObject::invokeMethod(
                this, [this, datum = ctx.datum] { rebuildIndex(datum); }, Qt::QueuedConnection);
            if (m_projectedDatum < 0) {
                m_lastClusters.clear();
                m_lastClusterCount = 0;
                return; // nothing projected yet: drawn when the worker is done
            }
        }
    }
    const QRgb outline = premultipliedRgba(255, 255, 255, 255);
    const QRgb shadow = premultipliedRgba(0, 0, 0, 90);
    const QRgb selectedRing = premultipliedRgba(0xf1, 0xc4, 0x0f, 255);
    if (ctx.zoom < m_clusterBelowZoom) {
        m_lastClusters = m_useGrid && m_grid ? clusterFromGrid(ctx.zoom, ctx.region0)
                                             : clusterAtZoom(ctx.zoom, ctx.region0);
        m_lastClusterScale = ctx.scale;
        m_lastClusterCount = 0;
        for (const Cluster &c : std::as_const(m_lastClusters)) {
            const QPointF p = ctx.local(c.world0);
            if (c.count == 1) {
                const Entry &e = m_cameras[c.first];
                addDisc(out, p + QPointF(0, 1.5), kDotRadius + 2.5, shadow);
                addDisc(out, p, kDotRadius + 2, e.camera.id == m_selected ? selectedRing : outline, 12);
                addDisc(out, p, kDotRadius, healthColour(e.health), 12);
                continue;
            }
            ++m_lastClusterCount;
            // Size grows with the log of the count: 2 -> 12 px, 100 -> 27 px, 10,000 -> 45 px; the count is
            // written on it.
            const double r = 9 + 2.7 * std::log2(double(c.count));
            addDisc(out, p + QPointF(0, 2), r + 3, shadow, 20);
            addDisc(out, p, r + 3, premultipliedRgba(0x34, 0x98, 0xdb, 110), 20);
            addDisc(out, p, r, premultipliedRgba(0x21, 0x6f, 0xb0, 235), 20);
            addLabel(out, p,
                     c.count < 1000 ? QString::number(c.count) : QString::number(c.count / 1000) + u'k');
        }
        return;
    }
    m_lastClusters.clear();
    m_lastClusterCount = 0;
    forEachCameraIn(ctx.region0, ctx.zoom, [&](const Entry &e) { drawCamera(ctx, out, e); });
}

QString CameraLayer::cameraAt(qreal x, qreal y) const
{
    if (!map())
        return {};
    const QPointF at(x, y);
    if (clustering()) {
        for (const Cluster &c : m_lastClusters) {
            if (c.count != 1)
                continue;
            const QPointF p = map()->worldToItem(c.world0);
            if (std::hypot(p.x() - at.x(), p.y() - at.y()) <= kPickRadius)
                return m_cameras.value(c.first).camera.id;
        }
        return {};
    }
    const QPointF target0 =
        map()->centerWorld0() + (at - QPointF(width() / 2, height() / 2)) / std::exp2(map()->zoomLevel());
    const double radius0 = kPickRadius / std::exp2(map()->zoomLevel());
    QString best;
    double bestD = radius0;
    qsizetype bestRow = -1;
    const auto datum = map()->coreDatum();
    if (m_projectedDatum != int(datum)) {
        // Not yet drawn in this datum: project each camera for this question.
        for (const Entry &e : m_cameras) {
            const QPointF w = geoToWorld(toDatum(e.camera.position, datum), 0);
            const double d = std::hypot(w.x() - target0.x(), w.y() - target0.y());
            if (d <= bestD) {
                bestD = d;
                best = e.camera.id;
            }
        }
        return best;
    }
    const QRectF around(target0 - QPointF(radius0, radius0), QSizeF(2 * radius0, 2 * radius0));
    forEachCameraIn(around, map()->zoomLevel(), [&](const Entry &e) {
        const double d = std::hypot(e.world0.x() - target0.x(), e.world0.y() - target0.y());
        const qsizetype row = &e - m_cameras.constData();
        if (d < bestD || (d == bestD && row > bestRow)) { // as a scan in row order with <=: the last wins
            bestD = d;
            bestRow = row;
        }
    });
    if (bestRow >= 0)
        best = m_cameras[bestRow].camera.id;
    return best;
}

QString CameraLayer::cameraHealth(const QString &id) const
{
    namespace h = vigil::core::health;
    const int row = m_rows.value(id, -1);
    switch (row >= 0 ? m_cameras[row].health : Health::Unknown) {
    case Health::Live:
        return h::kLive;
    case Health::Offline:
        return h::kOffline;
    case Health::Alarm:
        return h::kAlarm;
    case Health::Unknown:
        break;
    }
    return h::kUnknown;
}

QColor CameraLayer::cameraColour(const QString &id) const
{
    const int row = m_rows.value(id, -1);
    return QColor::fromRgba(qUnpremultiply(healthColour(row >= 0 ? m_cameras[row].health : Health::Unknown)));
}

QString CameraLayer::cameraName(const QString &id) const
{
    const int row = m_rows.value(id, -1);
    return row >= 0 ? m_cameras[row].camera.name : QString();
}

QVariantList CameraLayer::camerasNear(double latitude, double longitude, double radiusM, int max) const
{
    QList<GeoPoint> points;
    points.reserve(m_cameras.size());
    for (const Entry &e : m_cameras)
        points.append(e.camera.position);
    QVariantList out;
    for (const GeoNeighbour &n : GeoIndex::withinRadius(points, {latitude, longitude}, radiusM, max)) {
        const MapCamera &c = m_cameras[n.index].camera;
        out.append(QVariantMap{{QStringLiteral("cameraId"), c.id},
                               {QStringLiteral("name"), c.name},
                               {QStringLiteral("distance"), n.distanceM}});
    }
    return out;
}

int CameraLayer::clusterSizeAt(qreal x, qreal y) const
{
    if (!map())
        return 0;
    if (!clustering())
        return cameraAt(x, y).isEmpty() ? 0 : 1;
    for (const Cluster &c : m_lastClusters) {
        const QPointF p = map()->worldToItem(c.world0);
        const double r = c.count == 1 ? kPickRadius : 12 + 2.7 * std::log2(double(c.count));
        if (std::hypot(p.x() - x, p.y() - y) <= r)
            return c.count;
    }
    return 0;
}

} // namespace vigil::map
