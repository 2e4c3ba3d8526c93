#include "vigil/map/unit_layer.h"

#include "vigil/map/map_view.h"

#include <QtQuick/QQuickWindow>

#include <numbers>

namespace vigil::map {

namespace {

constexpr double kArrowLength = 11; // px from centre to tip
constexpr double kArrowWidth = 7;
constexpr double kPickRadius = 12;
constexpr double kTrailWidth = 3;
constexpr qsizetype kOutlineLimit = 3000; // units in the built region

QRgb statusColour(PatrolUnit::Status s)
{
    switch (s) {
    case PatrolUnit::Status::Available:
        return premultipliedRgba(0x1e, 0x88, 0xe5, 255);
    case PatrolUnit::Status::Busy:
        return premultipliedRgba(0x8e, 0x44, 0xad, 255);
    case PatrolUnit::Status::Responding:
        return premultipliedRgba(0xf3, 0x9c, 0x12, 255);
    case PatrolUnit::Status::OffDuty:
        return premultipliedRgba(0x7f, 0x8c, 0x8d, 255);
    case PatrolUnit::Status::Emergency:
        return premultipliedRgba(0xe7, 0x4c, 0x3c, 255);
    }
    return premultipliedRgba(0x1e, 0x88, 0xe5, 255);
}

} // namespace

UnitLayer::UnitLayer(QQuickItem *parent)
    : MapLayer(parent)
{
    m_clock.start();
}

void UnitLayer::itemChange(ItemChange change, const ItemChangeData &value)
{
    MapLayer::itemChange(change, value);
    if (change != ItemSceneChange)
        return;
    disconnect(m_frameConnection);
    if (value.window) {
        // frameSwapped comes from the render thread; the queued connection brings it to the GUI thread, where
        // a glide still under way asks for the next frame.
        m_frameConnection = connect(
            value.window, &QQuickWindow::frameSwapped, this,
            [this] {
                if (!m_animating.load())
                    return;
                followStep();
                markDirty();
            },
            Qt::QueuedConnection);
    }
}

void UnitLayer::setInterpolationMs(int ms)
{
    ms = std::max(0, ms);
    if (ms == m_interpolationMs)
        return;
    m_interpolationMs = ms;
    emit interpolationMsChanged();
}

UnitLayer::~UnitLayer() = default;

void UnitLayer::setModel(UnitsModel *model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        auto changed = [this] {
            m_modelDirty = true;
            polish();
        };
        // positionsChanged comes once per batch; resets and removals also need a fresh snapshot.
        connect(model, &UnitsModel::positionsChanged, this, changed);
        connect(model, &QAbstractItemModel::modelReset, this, changed);
        connect(model, &QAbstractItemModel::rowsRemoved, this, changed);
        connect(model, &QObject::destroyed, this, changed);
    }
    m_modelDirty = true;
    polish();
    emit modelChanged();
}

void UnitLayer::updatePolish()
{
    if (m_modelDirty)
        snapshot();
}

void UnitLayer::snapshot()
{
    m_modelDirty = false;
    const qint64 now = m_clock.elapsed();
    // Where each unit is drawn right now, so a new fix glides on from there without a jump.
    QHash<QString, GeoPoint> shown;
    shown.reserve(m_units.size());
    for (const Entry &e : std::as_const(m_units)) {
        const double t =
            m_interpolationMs > 0 ? std::clamp(double(now - e.fixMs) / m_interpolationMs, 0.0, 1.0) : 1.0;
        shown.insert(e.id, {e.from.lat + (e.position.lat - e.from.lat) * t,
                            e.from.lon + (e.position.lon - e.from.lon) * t});
    }
    QHash<QString, GeoPoint> previous;
    previous.reserve(m_units.size());
    for (const Entry &e : std::as_const(m_units))
        previous.insert(e.id, e.position);
    m_units.clear();
    if (m_model) {
        const QList<PatrolUnit> &units = m_model->units();
        m_units.reserve(units.size());
        for (const PatrolUnit &u : units) {
            Entry e{u.id, u.position, float(u.headingDeg), u.status, u.trail, u.position, 0};
            const auto it = previous.constFind(u.id);
            if (it != previous.cend() && !(it.value() == u.position)) {
                e.from = shown.value(u.id);
                e.fixMs = now;
            }
            m_units.append(e);
        }
    }
    followStep();
    markDirty();
}

void UnitLayer::followStep()
{
    if (m_follow.isEmpty() || !map())
        return;
    // Centre on where the unit is drawn (mid-glide), so the view moves with the arrow, not in 1 s jumps.
    const qint64 now = m_clock.elapsed();
    for (const Entry &e : std::as_const(m_units)) {
        if (e.id != m_follow)
            continue;
        const double t =
            m_interpolationMs > 0 ? std::clamp(double(now - e.fixMs) / m_interpolationMs, 0.0, 1.0) : 1.0;
        map()->setCenter(QGeoCoordinate(e.from.lat + (e.position.lat - e.from.lat) * t,
                                        e.from.lon + (e.position.lon - e.from.lon) * t));
        return;
    }
}

void UnitLayer::setSelectedUnitId(const QString &id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    emit selectedUnitIdChanged();
    markDirty();
}

void UnitLayer::setFollowUnitId(const QString &id)
{
    if (id == m_follow)
        return;
    m_follow = id;
    emit followUnitIdChanged();
    m_modelDirty = true;
    polish();
}

void UnitLayer::setShowTrails(bool show)
{
    if (show == m_showTrails)
        return;
    m_showTrails = show;
    emit showTrailsChanged();
    markDirty();
}

void UnitLayer::buildVertices(const BuildContext &ctx, Geometry &out)
{
    const QRgb outline = premultipliedRgba(255, 255, 255, 255);
    const QRgb selectedRing = premultipliedRgba(0xf1, 0xc4, 0x0f, 255);
    // Level of detail: when thousands of arrows crowd the view, their outlines are mostly hidden under
    // neighbours anyway; dropping them halves the triangles a software rasteriser must set up.
    QList<QPointF> inView;
    inView.reserve(m_units.size());
    for (const Entry &u : std::as_const(m_units))
        inView.append(geoToWorld(toDatum(u.position, ctx.datum), 0));
    qsizetype visible = 0;
    for (const QPointF &w0 : std::as_const(inView))
        visible += ctx.region0.contains(w0) ? 1 : 0;
    const bool outlines = visible <= kOutlineLimit;
    const qint64 now = m_clock.elapsed();
    bool animating = false;
    if (outlines && m_interpolationMs > 0) {
        for (qsizetype i = 0; i < m_units.size(); ++i) {
            const Entry &u = m_units[i];
            const double t = std::clamp(double(now - u.fixMs) / m_interpolationMs, 0.0, 1.0);
            if (t >= 1.0)
                continue;
            animating = true;
            const GeoPoint p{u.from.lat + (u.position.lat - u.from.lat) * t,
                             u.from.lon + (u.position.lon - u.from.lon) * t};
            inView[i] = geoToWorld(toDatum(p, ctx.datum), 0);
        }
    }
    // One more frame after the last glide ends, so follow mode lands exactly on the newest fix.
    m_animating.store(animating || m_wasAnimating);
    m_wasAnimating = animating;
    // Trails first so every arrow sits on top of every trail. In a crowd only the selected and the followed
    // unit keep theirs (thousands of overlapping trails are a smear, and cost more than the arrows).
    if (m_showTrails && ctx.zoom >= 11) {
        for (qsizetype k = 0; k < m_units.size(); ++k) {
            const Entry &u = m_units[k];
            const qsizetype n = u.trail.size();
            if (n < 2 || (!outlines && u.id != m_selected && u.id != m_follow))
                continue;
            if (!ctx.region0.contains(inView[k]))
                continue;
            // The newest trail point is where the arrow is drawn (mid-glide), not the newest fix.
            auto pointAt = [&](qsizetype i) {
                return ctx.local(i == n - 1 ? inView[k] : geoToWorld(toDatum(u.trail[i], ctx.datum), 0));
            };
            QPointF prev = pointAt(0);
            for (qsizetype i = 1; i < n; ++i) {
                const QPointF next = pointAt(i);
                // Older segments fade out.
                const int a0 = int(200.0 * double(i - 1) / double(n - 1));
                const int a1 = int(200.0 * double(i) / double(n - 1));
                addQuadLine(out, prev, next, kTrailWidth, premultipliedRgba(0x1e, 0x88, 0xe5, a0),
                            premultipliedRgba(0x1e, 0x88, 0xe5, a1));
                prev = next;
            }
        }
    }
    for (qsizetype i = 0; i < m_units.size(); ++i) {
        const Entry &u = m_units[i];
        const QPointF w0 = inView[i];
        if (!ctx.region0.contains(w0))
            continue;
        const QPointF p = ctx.local(w0);
        const double a = double(u.headingDeg) * std::numbers::pi / 180;
        const QPointF fwd(std::sin(a), -std::cos(a));
        const QPointF side(-fwd.y(), fwd.x());
        if (u.id == m_selected)
            addDisc(out, p, kArrowLength + 6, selectedRing, 16);
        // One triangle and its white outline (a second, larger triangle below it): 2 triangles per unit
        // keeps 10,000 units within what a software rasteriser draws at frame rate (a notched arrow with
        // outline, 4 triangles, fell off a cliff there).
        const QPointF tip = p + fwd * kArrowLength;
        const QPointF left = p - fwd * (kArrowLength * 0.6) + side * kArrowWidth;
        const QPointF right = p - fwd * (kArrowLength * 0.6) - side * kArrowWidth;
        if (outlines)
            addTriangle(out, tip + fwd * 3.0, left - fwd * 1.5 + side * 2.5, right - fwd * 1.5 - side * 2.5,
                        outline);
        addTriangle(out, tip, left, right, statusColour(u.status));
    }
}

QString UnitLayer::unitAt(qreal x, qreal y) const
{
    if (!map())
        return {};
    QString best;
    double bestD = kPickRadius;
    for (const Entry &u : m_units) {
        const QPointF p = map()->worldToItem(map()->project0(u.position));
        const double d = std::hypot(p.x() - x, p.y() - y);
        if (d <= bestD) {
            bestD = d;
            best = u.id;
        }
    }
    return best;
}

} // namespace vigil::map
