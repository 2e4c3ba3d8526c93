#include "vigil/playback/timeline_model.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>

#include <algorithm>

namespace vigil::playback {

TimelineModel::TimelineModel(QObject *parent)
    : QObject(parent)
{
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    m_window = {now - 60 * 60 * 1000, now};
    m_cursorMs = now;
}

void TimelineModel::setWidth(double width)
{
    width = std::max(1.0, width);
    if (qFuzzyCompare(width, m_width))
        return;
    m_width = width;
    emit windowChanged();
    emit cursorXChanged();
    emit rowsChanged();
}

void TimelineModel::setCursorMs(double ms)
{
    const auto t = std::int64_t(ms);
    if (t == m_cursorMs)
        return;
    m_cursorMs = t;
    emit cursorChanged();
    emit cursorXChanged();
}

double TimelineModel::cursorX() const
{
    return timeToX(m_window, m_width, m_cursorMs);
}

void TimelineModel::setWindow(TimeWindow window)
{
    if (window.length() <= 0 || window == m_window)
        return;
    m_window = window;
    emit windowChanged();
    emit cursorXChanged();
    emit rowsChanged();
}

void TimelineModel::setUtcOffsetSeconds(int seconds)
{
    m_offsetSet = true;
    if (seconds == m_utcOffsetSeconds)
        return;
    m_utcOffsetSeconds = seconds;
    emit windowChanged();
}

void TimelineModel::setRows(QList<Row> rows)
{
    m_rows = std::move(rows);
    emit rowsChanged();
}

void TimelineModel::setMarks(QList<Mark> marks)
{
    m_marks = std::move(marks);
    emit rowsChanged();
}

QVariantList TimelineModel::ticks() const
{
    const int offset =
        m_offsetSet ? m_utcOffsetSeconds : QDateTime::fromMSecsSinceEpoch(m_window.startMs).offsetFromUtc();
    QVariantList out;
    for (const Tick &tick : ticksFor(m_window, m_width, offset))
        out.append(QVariantMap{{QStringLiteral("x"), timeToX(m_window, m_width, tick.timeMs)},
                               {QStringLiteral("major"), tick.major},
                               {QStringLiteral("label"), tick.label}});
    return out;
}

QVariantList TimelineModel::rows() const
{
    QVariantList out;
    for (const Row &row : m_rows) {
        QVariantList spans;
        for (const Span &span : row.spans) {
            if (span.endMs <= m_window.startMs || span.startMs >= m_window.endMs)
                continue;
            const double x0 = timeToX(m_window, m_width, std::max(span.startMs, m_window.startMs));
            const double x1 = timeToX(m_window, m_width, std::min(span.endMs, m_window.endMs));
            // At a 7-day zoom a 2 s clip is a fraction of a pixel: keep it visible.
            spans.append(
                QVariantMap{{QStringLiteral("x"), x0}, {QStringLiteral("width"), std::max(1.0, x1 - x0)}});
        }
        out.append(QVariantMap{{QStringLiteral("label"), row.label}, {QStringLiteral("spans"), spans}});
    }
    return out;
}

QVariantList TimelineModel::marks() const
{
    QVariantList out;
    for (const Mark &mark : m_marks) {
        if (mark.timeMs < m_window.startMs || mark.timeMs > m_window.endMs)
            continue;
        out.append(QVariantMap{{QStringLiteral("x"), timeToX(m_window, m_width, mark.timeMs)},
                               {QStringLiteral("label"), mark.label}});
    }
    return out;
}

QString TimelineModel::windowLabel() const
{
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(m_window.startMs);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(m_window.endMs);
    const QString format =
        m_window.length() < 60 * 1000 * 10 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    if (start.date() == end.date())
        return start.toString(QStringLiteral("yyyy-MM-dd ")) + start.toString(format) +
               QStringLiteral(" – ") + end.toString(format);
    return start.toString(QStringLiteral("yyyy-MM-dd ")) + start.toString(format) + QStringLiteral(" – ") +
           end.toString(QStringLiteral("yyyy-MM-dd ")) + end.toString(format);
}

void TimelineModel::zoomAt(double x, double factor)
{
    setWindow(zoomAround(m_window, xToTime(m_window, m_width, x), factor));
}

void TimelineModel::panBy(double dxPx)
{
    const std::int64_t delta = xToTime(m_window, m_width, dxPx) - m_window.startMs;
    setWindow({m_window.startMs - delta, m_window.endMs - delta});
}

double TimelineModel::timeAt(double x) const
{
    return double(xToTime(m_window, m_width, x));
}

double TimelineModel::xAt(double ms) const
{
    return timeToX(m_window, m_width, std::int64_t(ms));
}

void TimelineModel::reveal(double ms)
{
    const auto t = std::int64_t(ms);
    if (t >= m_window.startMs && t <= m_window.endMs)
        return;
    setWindow(centredOn(m_window, t));
}

void TimelineModel::showSpan(double lengthMs)
{
    const auto length = std::clamp(std::int64_t(lengthMs), kMinWindowMs, kMaxWindowMs);
    setWindow(centredOn({0, length}, m_cursorMs));
}

} // namespace vigil::playback
