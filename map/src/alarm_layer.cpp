#include "vigil/map/alarm_layer.h"

#include "vigil/map/map_view.h"

#include <algorithm>

namespace vigil::map {

namespace {

constexpr double kDotRadius = 9;
constexpr double kHaloRadius = 22;
constexpr double kPickRadius = 14;

} // namespace

QList<AlarmMarker> alarmMarkers(const QList<MapAlarm> &alarms,
                                const QHash<QString, GeoPoint> &cameraPositions)
{
    QList<AlarmMarker> out;
    for (const MapAlarm &a : alarms) {
        const bool isNew = a.state == QLatin1String("new");
        if (!isNew && a.state != QLatin1String("acknowledged"))
            continue; // handled or a false alarm: off the map
        GeoPoint at;
        if (a.hasPosition) {
            at = a.position;
        } else {
            const auto it = cameraPositions.constFind(a.cameraId);
            if (a.cameraId.isEmpty() || it == cameraPositions.cend())
                continue; // no place known
            at = it.value();
        }
        out.append({a.id, at, isNew, a.priority});
    }
    return out;
}

AlarmLayer::AlarmLayer(QQuickItem *parent)
    : MapLayer(parent)
{
    m_blinkTimer.setInterval(500);
    connect(&m_blinkTimer, &QTimer::timeout, this, [this] {
        m_blinkOn = !m_blinkOn;
        emit blinkOnChanged();
        markDirty();
    });
}

AlarmLayer::~AlarmLayer() = default;

QList<QMetaObject::Connection> AlarmLayer::watch(QAbstractItemModel *model, bool *dirty)
{
    auto changed = [this, dirty] {
        *dirty = true;
        if (window())
            polish(); // once per frame, however many rows changed
        else
            updatePolish(); // not shown: no frame to wait for (the data is read at once)
    };
    return {
        connect(model, &QAbstractItemModel::modelReset, this, changed),
        connect(model, &QAbstractItemModel::rowsInserted, this, changed),
        connect(model, &QAbstractItemModel::rowsRemoved, this, changed),
        connect(model, &QAbstractItemModel::rowsMoved, this, changed),
        connect(model, &QAbstractItemModel::layoutChanged, this, changed),
        connect(model, &QAbstractItemModel::dataChanged, this,
                [model, changed](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                    // A camera model's health changes often and moves nothing: only places and states count.
                    static const QList<QByteArray> kRoles{"alarmState", "hasPosition", "lat",
                                                          "lon",        "cameraId",    "latitude",
                                                          "longitude",  "priority"};
                    const QHash<int, QByteArray> names = model->roleNames();
                    if (roles.isEmpty() || std::any_of(roles.cbegin(), roles.cend(), [&names](int r) {
                            return kRoles.contains(names.value(r));
                        }))
                        changed();
                }),
    };
}

void AlarmLayer::setModel(QAbstractItemModel *model)
{
    if (model == m_model)
        return;
    for (const auto &c : std::as_const(m_modelConnections))
        disconnect(c);
    m_model = model;
    m_modelConnections = model ? watch(model, &m_alarmsDirty) : QList<QMetaObject::Connection>{};
    reloadAlarms();
    emit modelChanged();
}

void AlarmLayer::setCameraModel(QAbstractItemModel *model)
{
    if (model == m_cameraModel)
        return;
    for (const auto &c : std::as_const(m_cameraConnections))
        disconnect(c);
    m_cameraModel = model;
    m_cameraConnections = model ? watch(model, &m_camerasDirty) : QList<QMetaObject::Connection>{};
    reloadCameras();
    emit cameraModelChanged();
}

void AlarmLayer::updatePolish()
{
    if (m_camerasDirty)
        reloadCameras();
    if (m_alarmsDirty)
        reloadAlarms();
}

void AlarmLayer::reloadAlarms()
{
    m_alarmsDirty = false;
    QList<MapAlarm> alarms;
    if (m_model) {
        const QHash<int, QByteArray> names = m_model->roleNames();
        auto role = [&names](const char *name) {
            return names.key(QByteArray(name), -1);
        };
        const int idRole = role("alarmId");
        const int stateRole = role("alarmState");
        const int priorityRole = role("priority");
        const int cameraRole = role("cameraId");
        const int hasRole = role("hasPosition");
        const int latRole = role("lat");
        const int lonRole = role("lon");
        const int rows = m_model->rowCount();
        for (int r = 0; r < rows; ++r) {
            const QModelIndex i = m_model->index(r, 0);
            MapAlarm a;
            a.id = i.data(idRole).toLongLong();
            a.state = i.data(stateRole).toString();
            if (a.state != QLatin1String("new") && a.state != QLatin1String("acknowledged"))
                continue;
            a.priority = priorityRole >= 0 ? i.data(priorityRole).toInt() : 3;
            a.cameraId = i.data(cameraRole).toString();
            a.hasPosition = hasRole >= 0 && i.data(hasRole).toBool();
            a.position = {i.data(latRole).toDouble(), i.data(lonRole).toDouble()};
            alarms.append(a);
        }
    }
    setAlarms(std::move(alarms));
}

void AlarmLayer::reloadCameras()
{
    m_camerasDirty = false;
    QHash<QString, GeoPoint> positions;
    if (m_cameraModel) {
        const QHash<int, QByteArray> names = m_cameraModel->roleNames();
        auto role = [&names](const char *name) {
            return names.key(QByteArray(name), -1);
        };
        const int idRole = role("cameraId");
        const int hasRole = role("hasPosition");
        const int latRole = role("latitude");
        const int lonRole = role("longitude");
        const int rows = m_cameraModel->rowCount();
        for (int r = 0; r < rows; ++r) {
            const QModelIndex i = m_cameraModel->index(r, 0);
            if (hasRole >= 0 && !i.data(hasRole).toBool())
                continue;
            const double lat = i.data(latRole).toDouble();
            const double lon = i.data(lonRole).toDouble();
            if (!qIsNaN(lat) && !qIsNaN(lon))
                positions.insert(i.data(idRole).toString(), {lat, lon});
        }
    }
    setCameraPositions(std::move(positions));
}

void AlarmLayer::setAlarms(QList<MapAlarm> alarms)
{
    m_alarms = std::move(alarms);
    rebuildMarkers();
}

void AlarmLayer::setCameraPositions(QHash<QString, GeoPoint> positions)
{
    m_cameraPositions = std::move(positions);
    rebuildMarkers();
}

void AlarmLayer::rebuildMarkers()
{
    m_markers = alarmMarkers(m_alarms, m_cameraPositions);
    emit markersChanged();
    updateBlinkTimer();
    markDirty();
}

void AlarmLayer::updateBlinkTimer()
{
    const bool anyNew =
        std::any_of(m_markers.cbegin(), m_markers.cend(), [](const AlarmMarker &m) { return m.blinking; });
    const bool run = anyNew && isVisible();
    if (run == m_blinkTimer.isActive())
        return;
    if (run) {
        m_blinkTimer.start();
    } else {
        m_blinkTimer.stop();
        if (!m_blinkOn) {
            m_blinkOn = true; // stopped: steady and bright
            emit blinkOnChanged();
        }
    }
    emit blinkingChanged();
}

void AlarmLayer::itemChange(ItemChange change, const ItemChangeData &value)
{
    MapLayer::itemChange(change, value);
    if (change == ItemVisibleHasChanged)
        updateBlinkTimer();
}

void AlarmLayer::setSelectedAlarmId(double id)
{
    const qint64 v = qint64(id);
    if (v == m_selected)
        return;
    m_selected = v;
    emit selectedAlarmIdChanged();
    markDirty();
}

void AlarmLayer::setBlinkIntervalMs(int ms)
{
    ms = std::max(100, ms);
    if (ms == m_blinkTimer.interval())
        return;
    m_blinkTimer.setInterval(ms);
    emit blinkIntervalMsChanged();
}

void AlarmLayer::buildVertices(const BuildContext &ctx, Geometry &out)
{
    const QRgb outline = premultipliedRgba(255, 255, 255, 255);
    const QRgb selectedRing = premultipliedRgba(0xf1, 0xc4, 0x0f, 255);
    const QRgb red = premultipliedRgba(0xe7, 0x3c, 0x3c, 255);
    const QRgb redDim = premultipliedRgba(0x96, 0x28, 0x28, 200);
    const QRgb halo = premultipliedRgba(0xe7, 0x3c, 0x3c, 90);
    const QRgb amber = premultipliedRgba(0xf3, 0x9c, 0x12, 255);
    const QRgb shadow = premultipliedRgba(0, 0, 0, 90);
    // Oldest first, so the newest alarm at a spot is on top (markers are newest first).
    for (auto it = m_markers.crbegin(); it != m_markers.crend(); ++it) {
        const QPointF w0 = geoToWorld(toDatum(it->position, ctx.datum), 0);
        if (!ctx.region0.contains(w0))
            continue;
        const QPointF p = ctx.local(w0);
        if (it->id == m_selected)
            addDisc(out, p, kDotRadius + 8, selectedRing, 20);
        if (it->blinking && m_blinkOn)
            addDisc(out, p, kHaloRadius, halo, 24);
        addDisc(out, p + QPointF(0, 1.5), kDotRadius + 2.5, shadow, 16);
        addDisc(out, p, kDotRadius + 2, outline, 16);
        addDisc(out, p, kDotRadius, it->blinking ? (m_blinkOn ? red : redDim) : amber, 16);
        // An exclamation mark: the alarm, not a camera.
        addQuadLine(out, p + QPointF(0, -5), p + QPointF(0, 1.5), 2.6, outline, outline);
        addDisc(out, p + QPointF(0, 4.5), 1.5, outline, 8);
    }
}

double AlarmLayer::alarmAt(qreal x, qreal y) const
{
    if (!map())
        return -1;
    const auto datum = map()->coreDatum();
    for (const AlarmMarker &m : m_markers) { // newest first: the one drawn on top
        const QPointF p = map()->worldToItem(geoToWorld(toDatum(m.position, datum), 0));
        if (std::hypot(p.x() - x, p.y() - y) <= kPickRadius)
            return double(m.id);
    }
    return -1;
}

QVariantList AlarmLayer::drawnAlarms() const
{
    QVariantList out;
    for (const AlarmMarker &m : m_markers)
        out.append(QVariantMap{{QStringLiteral("alarmId"), double(m.id)},
                               {QStringLiteral("latitude"), m.position.lat},
                               {QStringLiteral("longitude"), m.position.lon},
                               {QStringLiteral("blinking"), m.blinking},
                               {QStringLiteral("priority"), m.priority}});
    return out;
}

} // namespace vigil::map
