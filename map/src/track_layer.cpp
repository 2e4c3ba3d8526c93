#include "vigil/map/track_layer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vigil::map {

namespace {

constexpr double kLineWidth = 4;
constexpr double kCasingWidth = 7;
constexpr double kMinStepPx = 1.5;     // points closer than this to the last one drawn are skipped
constexpr double kLabelSpacingPx = 60; // between label centres
constexpr double kJoinAngle = 0.5;     // radians: sharper turns get a round join
constexpr double kMarkerLength = 15;
constexpr double kMarkerWidth = 10;
constexpr int kMaxLabels = 5000;

} // namespace

TrackLayer::TrackLayer(QQuickItem *parent)
    : MapLayer(parent)
{}

TrackLayer::~TrackLayer() = default;

void TrackLayer::setPlayer(TrackPlayer *player)
{
    if (player == m_player)
        return;
    if (m_player)
        disconnect(m_player, nullptr, this, nullptr);
    m_player = player;
    if (player) {
        connect(player, &TrackPlayer::trackChanged, this, &TrackLayer::takeTrack);
        connect(player, &TrackPlayer::positionChanged, this, &TrackLayer::takeCursor);
        connect(player, &QObject::destroyed, this, [this] {
            m_player = nullptr;
            takeTrack();
        });
    }
    takeTrack();
    emit playerChanged();
}

void TrackLayer::setLabelIntervalSeconds(int seconds)
{
    seconds = std::max(10, seconds);
    if (seconds == m_labelIntervalS)
        return;
    m_labelIntervalS = seconds;
    takeTrack();
    emit labelIntervalSecondsChanged();
}

void TrackLayer::setKeepMarkerInView(bool keep)
{
    if (keep == m_keepMarkerInView)
        return;
    m_keepMarkerInView = keep;
    emit keepMarkerInViewChanged();
}

void TrackLayer::takeTrack()
{
    m_track = m_player ? m_player->track() : QList<TrackFix>();
    m_labels.clear();
    if (m_track.size() >= 2) {
        // Whole intervals of local time ("12:35", not 04:35 UTC on a Beijing console).
        const qint64 first = m_track.first().timeMs;
        const qint64 last = m_track.last().timeMs;
        const qint64 offsetMs =
            qint64(QDateTime::fromMSecsSinceEpoch(first, Qt::UTC).toLocalTime().offsetFromUtc()) * 1000;
        const qint64 step = qint64(m_labelIntervalS) * 1000;
        const bool seconds = m_labelIntervalS % 60 != 0;
        qint64 t = ((first + offsetMs + step - 1) / step) * step - offsetMs;
        for (; t <= last && m_labels.size() < kMaxLabels; t += step) {
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toLocalTime();
            m_labels.append({sampleTrack(m_track, t).position,
                             local.toString(seconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"))});
        }
    }
    takeCursor();
}

void TrackLayer::takeCursor()
{
    m_cursor = m_player ? m_player->sample() : TrackSample();
    m_cursorMs = m_player ? m_player->positionMs() : 0;
    if (m_keepMarkerInView && m_cursor.valid && m_player->playing() && map() && isVisible()) {
        const QGeoCoordinate c(m_cursor.position.lat, m_cursor.position.lon);
        const QPointF p = map()->fromCoordinate(c);
        const double mx = map()->width() * 0.1, my = map()->height() * 0.1;
        if (!QRectF(mx, my, map()->width() - 2 * mx, map()->height() - 2 * my).contains(p))
            map()->setCenter(c);
    }
    markDirty();
}

void TrackLayer::buildVertices(const BuildContext &ctx, Geometry &out)
{
    m_lastLabelCount = 0;
    m_lastSegmentCount = 0;
    if (m_track.isEmpty())
        return;
    const QRectF region =
        QRectF(ctx.local(ctx.region0.topLeft()), ctx.local(ctx.region0.bottomRight())).normalized();
    auto toLocal = [&ctx](GeoPoint p) {
        return ctx.local(geoToWorld(toDatum(p, ctx.datum), 0));
    };

    // The polyline in item pixels, with the cursor as a vertex of its own: segments up to it are "played".
    struct Point
    {
        QPointF p;
        bool played;
    };
    QList<Point> points;
    points.reserve(m_track.size() + 1);
    const QPointF cursor = m_cursor.valid ? toLocal(m_cursor.position) : QPointF();
    auto add = [&points](QPointF p, bool played, bool force) {
        if (!force && !points.isEmpty()) {
            const QPointF d = p - points.last().p;
            if (std::abs(d.x()) + std::abs(d.y()) < kMinStepPx && points.last().played == played)
                return;
        }
        points.append({p, played});
    };
    bool cursorAdded = !m_cursor.valid;
    for (qsizetype i = 0; i < m_track.size(); ++i) {
        const TrackFix &f = m_track[i];
        if (!cursorAdded && double(f.timeMs) > m_cursorMs) {
            add(cursor, true, true);
            cursorAdded = true;
        }
        add(toLocal(f.position()), double(f.timeMs) <= m_cursorMs, i == 0 || i == m_track.size() - 1);
    }

    auto visible = [&region](QPointF a, QPointF b) {
        const QRectF box =
            QRectF(a, b).normalized().adjusted(-kCasingWidth, -kCasingWidth, kCasingWidth, kCasingWidth);
        return box.intersects(region);
    };
    const QRgb casing = premultipliedRgba(255, 255, 255, 210);
    const QRgb played = premultipliedRgba(0xc2, 0x18, 0x5b, 255);
    const QRgb ahead = premultipliedRgba(0xc2, 0x18, 0x5b, 110);
    // Casing under the whole line, then the line; sharp turns get round joins so thick lines do not gape.
    for (int pass = 0; pass < 2; ++pass) {
        const double width = pass == 0 ? kCasingWidth : kLineWidth;
        for (qsizetype i = 1; i < points.size(); ++i) {
            const QPointF a = points[i - 1].p, b = points[i].p;
            if (!visible(a, b))
                continue;
            const QRgb colour = pass == 0 ? casing : (points[i].played ? played : ahead);
            addQuadLine(out, a, b, width, colour, colour);
            m_lastSegmentCount += pass;
            if (i + 1 < points.size()) {
                const QPointF d1 = b - a, d2 = points[i + 1].p - b;
                const double turn = std::abs(
                    std::atan2(d1.x() * d2.y() - d1.y() * d2.x(), d1.x() * d2.x() + d1.y() * d2.y()));
                if (turn > kJoinAngle)
                    addDisc(out, b, width / 2, colour, 8);
            }
        }
    }

    // Time labels: a dot on the track and the time on a dark tag above it.
    QList<QPointF> placed;
    for (const Label &l : std::as_const(m_labels)) {
        const QPointF p = toLocal(l.position);
        if (!region.contains(p))
            continue;
        const bool crowded = std::any_of(placed.cbegin(), placed.cend(), [p](QPointF q) {
            return std::hypot(p.x() - q.x(), p.y() - q.y()) < kLabelSpacingPx;
        });
        if (crowded)
            continue;
        placed.append(p);
        addDisc(out, p, 4.5, premultipliedRgba(255, 255, 255, 255), 10);
        addDisc(out, p, 3, premultipliedRgba(0x26, 0x32, 0x38, 255), 10);
        const QPointF c = p + QPointF(0, -17);
        const double w = 10.0 * double(l.text.size()) - 5.0 * double(l.text.count(u':')) + 10, h = 18;
        const QRgb tag = premultipliedRgba(0x26, 0x32, 0x38, 215);
        const QPointF tl = c - QPointF(w / 2, h / 2), br = c + QPointF(w / 2, h / 2);
        addTriangle(out, tl, QPointF(br.x(), tl.y()), QPointF(tl.x(), br.y()), tag);
        addTriangle(out, QPointF(tl.x(), br.y()), QPointF(br.x(), tl.y()), br, tag);
        addLabel(out, c, l.text);
        ++m_lastLabelCount;
    }

    // Start and end.
    const QPointF start = toLocal(m_track.first().position());
    const QPointF end = toLocal(m_track.last().position());
    addDisc(out, start, 8, premultipliedRgba(255, 255, 255, 255), 16);
    addDisc(out, start, 6, premultipliedRgba(0x2e, 0x7d, 0x32, 255), 16);
    if (m_track.size() >= 2) {
        addDisc(out, end, 8, premultipliedRgba(255, 255, 255, 255), 16);
        addDisc(out, end, 6, premultipliedRgba(0xc6, 0x28, 0x28, 255), 16);
    }

    // The replay marker: an arrow along the interpolated heading, dark outline under a yellow body.
    if (m_cursor.valid) {
        const double a = m_cursor.headingDeg * std::numbers::pi / 180;
        const QPointF fwd(std::sin(a), -std::cos(a));
        const QPointF side(-fwd.y(), fwd.x());
        const QPointF tip = cursor + fwd * kMarkerLength;
        const QPointF left = cursor - fwd * (kMarkerLength * 0.6) + side * kMarkerWidth;
        const QPointF right = cursor - fwd * (kMarkerLength * 0.6) - side * kMarkerWidth;
        const QPointF notch = cursor - fwd * (kMarkerLength * 0.2);
        const QRgb outline = premultipliedRgba(0x26, 0x32, 0x38, 255);
        addTriangle(out, tip + fwd * 3.5, left - fwd * 2.0 + side * 3.0, notch - fwd * 3.0, outline);
        addTriangle(out, tip + fwd * 3.5, notch - fwd * 3.0, right - fwd * 2.0 - side * 3.0, outline);
        const QRgb body = premultipliedRgba(0xff, 0xd6, 0x00, 255);
        addTriangle(out, tip, left, notch, body);
        addTriangle(out, tip, notch, right, body);
    }
}

} // namespace vigil::map
