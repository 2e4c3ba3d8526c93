#include "vigil/map/camera_layer.h"

#include "vigil/map/geo_index.h"
#include "vigil/map/map_view.h"

#include "vigil/core/health_role.h"

#include <algorithm>
#include <numbers>

namespace vigil::map {

namespace {

constexpr double kClusterCellPx = 56;
constexpr double kDotRadius = 7;
constexpr double kPickRadius = 11;
constexpr double kConeLength = 60; // px
constexpr double kConeZoom = 14;

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
{}

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
                        if (!m_modelDirty && m_healthRole >= 0 && roles.size() == 1 &&
                            roles.first() == m_healthRole)
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
    if (!m_model) {
        setCameras({});
        return;
    }
    QList<MapCamera> cams;
    const QHash<int, QByteArray> names = m_model->roleNames();
    auto role = [&names](const char *name) {
        return names.key(QByteArray(name), -1);
    };
    const int idRole = role("cameraId");
    const int nameRole = role("name");
    const int hasRole = role("hasPosition");
    const int latRole = role("latitude");
    const int lonRole = role("longitude");
    const int dirRole = role("directionDeg");
    const int fovRole = role("fovDeg");
    const int healthRole = role(vigil::core::health::kRoleName);
    const int rows = m_model->rowCount();
    cams.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        const QModelIndex i = m_model->index(r, 0);
        if (hasRole >= 0 && !i.data(hasRole).toBool())
            continue;
        const double lat = i.data(latRole).toDouble();
        const double lon = i.data(lonRole).toDouble();
        if (qIsNaN(lat) || qIsNaN(lon))
            continue;
        cams.append(MapCamera{i.data(idRole).toString(),
                              i.data(nameRole).toString(),
                              {lat, lon},
                              dirRole >= 0 ? i.data(dirRole).toDouble() : 0.0,
                              fovRole >= 0 ? i.data(fovRole).toDouble() : 0.0,
                              healthRole >= 0 ? i.data(healthRole).toString() : QString()});
    }
    setCameras(std::move(cams));
    m_idRole = idRole;
    m_healthRole = healthRole;
}

void CameraLayer::recolour(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!m_model || m_idRole < 0)
        return;
    bool changed = false;
    for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
        const QModelIndex i = m_model->index(r, 0);
        const int at = m_rows.value(i.data(m_idRole).toString(), -1);
        if (at < 0)
            continue; // no position: not on the map
        Entry &e = m_cameras[at];
        e.camera.health = i.data(m_healthRole).toString();
        const Health health = parseHealth(e.camera.health);
        if (health != e.health) {
            e.health = health;
            changed = true;
        }
    }
    if (changed)
        markDirty();
}

void CameraLayer::setCameras(QList<MapCamera> cameras)
{
    m_cameras.clear();
    m_cameras.reserve(cameras.size());
    m_rows.clear();
    m_rows.reserve(cameras.size());
    for (MapCamera &c : cameras) {
        m_rows.insert(c.id, int(m_cameras.size()));
        const Health health = parseHealth(c.health);
        m_cameras.append(Entry{std::move(c), QPointF(), health});
    }
    m_projectedDatum = -1;
    emit camerasChanged();
    markDirty();
}

void CameraLayer::reproject(vigil::map::Datum datum)
{
    if (m_projectedDatum == int(datum))
        return;
    for (Entry &e : m_cameras)
        e.world0 = geoToWorld(toDatum(e.camera.position, datum), 0);
    m_projectedDatum = int(datum);
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

void CameraLayer::buildVertices(const BuildContext &ctx, Geometry &out)
{
    reproject(ctx.datum);
    const QRgb outline = premultipliedRgba(255, 255, 255, 255);
    const QRgb shadow = premultipliedRgba(0, 0, 0, 90);
    const QRgb selectedRing = premultipliedRgba(0xf1, 0xc4, 0x0f, 255);
    if (ctx.zoom < m_clusterBelowZoom) {
        m_lastClusters = clusterAtZoom(ctx.zoom, ctx.region0);
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
    const bool cones = ctx.zoom >= kConeZoom;
    for (const Entry &e : std::as_const(m_cameras)) {
        if (!ctx.region0.contains(e.world0))
            continue;
        const QPointF p = ctx.local(e.world0);
        if (cones && e.camera.fovDeg > 0) {
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
        const bool selected = e.camera.id == m_selected;
        if (selected)
            addDisc(out, p, kDotRadius + 6, selectedRing, 16);
        addDisc(out, p + QPointF(0, 1.5), kDotRadius + 2.5, shadow);
        addDisc(out, p, kDotRadius + 2, outline, 12);
        addDisc(out, p, kDotRadius, healthColour(e.health), 12);
    }
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
    const auto datum = map()->coreDatum();
    for (const Entry &e : m_cameras) {
        const QPointF w =
            m_projectedDatum == int(datum) ? e.world0 : geoToWorld(toDatum(e.camera.position, datum), 0);
        const double d = std::hypot(w.x() - target0.x(), w.y() - target0.y());
        if (d <= bestD) {
            bestD = d;
            best = e.camera.id;
        }
    }
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
