#include "vigil/playback/timeline.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>

#include <algorithm>
#include <cmath>

namespace vigil::playback {

QList<Span> mergeSpans(QList<Span> spans, std::int64_t joinGapMs)
{
    spans.removeIf([](const Span &s) { return s.endMs <= s.startMs; });
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.startMs < b.startMs; });
    QList<Span> merged;
    for (const Span &s : std::as_const(spans)) {
        if (!merged.isEmpty() && s.startMs <= merged.last().endMs + joinGapMs)
            merged.last().endMs = std::max(merged.last().endMs, s.endMs);
        else
            merged.append(s);
    }
    return merged;
}

QList<Span> gapsIn(const QList<Span> &spans, Span window)
{
    QList<Span> gaps;
    std::int64_t cursor = window.startMs;
    for (const Span &s : spans) {
        if (s.endMs <= cursor)
            continue;
        if (s.startMs >= window.endMs)
            break;
        if (s.startMs > cursor)
            gaps.append({cursor, s.startMs});
        cursor = std::max(cursor, s.endMs);
    }
    if (cursor < window.endMs)
        gaps.append({cursor, window.endMs});
    return gaps;
}

int spanAt(const QList<Span> &spans, std::int64_t t)
{
    // The last span starting at or before t is the only one that can hold it.
    auto it = std::upper_bound(spans.begin(), spans.end(), t,
                               [](std::int64_t value, const Span &s) { return value < s.startMs; });
    if (it == spans.begin())
        return -1;
    --it;
    return it->contains(t) ? int(it - spans.begin()) : -1;
}

std::optional<std::int64_t> nextStartAfter(const QList<Span> &spans, std::int64_t t)
{
    auto it = std::upper_bound(spans.begin(), spans.end(), t,
                               [](std::int64_t value, const Span &s) { return value < s.startMs; });
    if (it == spans.end())
        return std::nullopt;
    return it->startMs;
}

TimeWindow zoomAround(TimeWindow window, std::int64_t anchorMs, double factor)
{
    if (window.length() <= 0 || !(factor > 0))
        return window;
    const double length =
        std::clamp(double(window.length()) * factor, double(kMinWindowMs), double(kMaxWindowMs));
    // The anchor keeps its fraction of the window.
    const double fraction = std::clamp(double(anchorMs - window.startMs) / double(window.length()), 0.0, 1.0);
    const auto start = std::int64_t(std::llround(double(anchorMs) - fraction * length));
    return {start, start + std::int64_t(std::llround(length))};
}

TimeWindow centredOn(TimeWindow window, std::int64_t t)
{
    const std::int64_t half = window.length() / 2;
    return {t - half, t - half + window.length()};
}

double timeToX(TimeWindow window, double width, std::int64_t t)
{
    if (window.length() <= 0)
        return 0;
    return double(t - window.startMs) * width / double(window.length());
}

std::int64_t xToTime(TimeWindow window, double width, double x)
{
    if (width <= 0)
        return window.startMs;
    return window.startMs + std::int64_t(std::llround(x * double(window.length()) / width));
}

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

struct Step
{
    std::int64_t major;
    std::int64_t minor;
};

// Steps an operator reads at a glance; each minor step divides its major step.
constexpr Step kSteps[] = {
    {kSecond, 0},
    {5 * kSecond, kSecond},
    {10 * kSecond, 5 * kSecond},
    {30 * kSecond, 10 * kSecond},
    {kMinute, 10 * kSecond},
    {5 * kMinute, kMinute},
    {10 * kMinute, 5 * kMinute},
    {30 * kMinute, 10 * kMinute},
    {kHour, 15 * kMinute},
    {3 * kHour, kHour},
    {6 * kHour, kHour},
    {12 * kHour, 3 * kHour},
    {kDay, 6 * kHour},
};

Step stepFor(TimeWindow window, double width, double minMajorSpacingPx)
{
    if (window.length() <= 0 || width <= 0)
        return kSteps[std::size(kSteps) - 1];
    const double msPerPx = double(window.length()) / width;
    for (const Step &step : kSteps) {
        if (double(step.major) / msPerPx >= minMajorSpacingPx)
            return step;
    }
    return kSteps[std::size(kSteps) - 1];
}

// The first multiple of step (in local time) at or after t.
std::int64_t alignUp(std::int64_t t, std::int64_t step, std::int64_t offsetMs)
{
    const std::int64_t local = t + offsetMs;
    std::int64_t aligned = (local / step) * step;
    if (aligned < local)
        aligned += step;
    return aligned - offsetMs;
}

QString labelFor(std::int64_t t, std::int64_t majorStep, int utcOffsetSeconds)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, QTimeZone(utcOffsetSeconds));
    const bool midnight = local.time() == QTime(0, 0);
    if (majorStep >= kDay || (midnight && majorStep >= kMinute))
        return local.toString(QStringLiteral("MM-dd"));
    if (majorStep < kMinute)
        return local.toString(QStringLiteral("HH:mm:ss"));
    return local.toString(QStringLiteral("HH:mm"));
}

} // namespace

std::int64_t majorStepMs(TimeWindow window, double width, double minMajorSpacingPx)
{
    return stepFor(window, width, minMajorSpacingPx).major;
}

QList<Tick> ticksFor(TimeWindow window, double width, int utcOffsetSeconds, double minMajorSpacingPx)
{
    QList<Tick> ticks;
    if (window.length() <= 0 || width <= 0)
        return ticks;
    const Step step = stepFor(window, width, minMajorSpacingPx);
    const std::int64_t offsetMs = std::int64_t(utcOffsetSeconds) * 1000;
    const std::int64_t unit = step.minor > 0 ? step.minor : step.major;
    for (std::int64_t t = alignUp(window.startMs, unit, offsetMs); t <= window.endMs; t += unit) {
        const bool major = (t + offsetMs) % step.major == 0;
        ticks.append({t, major, major ? labelFor(t, step.major, utcOffsetSeconds) : QString()});
    }
    return ticks;
}

} // namespace vigil::playback
