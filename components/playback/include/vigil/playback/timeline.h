#pragma once
// The playback timeline as values and pure functions: recorded spans and their gaps, the visible time window
// (zoom from 1 minute to 7 days, pan, time <-> pixel) and the tick marks with their labels. TimelineModel
// (timeline_model.h) is the thin QML face over these; everything that can be wrong is here and unit tested.
//
// Times are UTC milliseconds since the epoch (QDateTime::toMSecsSinceEpoch). Labels are in the operator's
// time zone, given as an offset so tests do not depend on the machine's zone.
// Thread: any (values and pure functions).
#include <QtCore/QList>
#include <QtCore/QString>

#include <cstdint>
#include <optional>

namespace vigil::playback {

// A half-open time range [startMs, endMs).
struct Span
{
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;

    std::int64_t length() const { return endMs - startMs; }
    bool contains(std::int64_t t) const { return t >= startMs && t < endMs; }
    friend bool operator==(const Span &, const Span &) = default;
};

// Sorted by start, overlapping spans and spans closer than joinGapMs merged (segments of one recording touch
// or leave a few hundred ms between them: that is not a gap an operator wants to see). Empty spans dropped.
QList<Span> mergeSpans(QList<Span> spans, std::int64_t joinGapMs = 0);

// The parts of `window` that no span covers (spans as mergeSpans returns them).
QList<Span> gapsIn(const QList<Span> &spans, Span window);

// The index of the span that contains t, or -1 (spans sorted, as mergeSpans returns them).
int spanAt(const QList<Span> &spans, std::int64_t t);

// The start of the first span that begins after t (where a camera with a gap rejoins), if any.
std::optional<std::int64_t> nextStartAfter(const QList<Span> &spans, std::int64_t t);

// The visible part of the timeline.
struct TimeWindow
{
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;

    std::int64_t length() const { return endMs - startMs; }
    friend bool operator==(const TimeWindow &, const TimeWindow &) = default;
};

inline constexpr std::int64_t kMinWindowMs = 60 * 1000;                 // 1 minute
inline constexpr std::int64_t kMaxWindowMs = 7 * 24 * 60 * 60 * 1000LL; // 7 days

// Zooms by `factor` (< 1 zooms in) keeping `anchorMs` at the same place on screen; the length is clamped to
// [kMinWindowMs, kMaxWindowMs].
TimeWindow zoomAround(TimeWindow window, std::int64_t anchorMs, double factor);
// Moves the window so that `t` is in its middle, keeping its length.
TimeWindow centredOn(TimeWindow window, std::int64_t t);

double timeToX(TimeWindow window, double width, std::int64_t t);
std::int64_t xToTime(TimeWindow window, double width, double x);

struct Tick
{
    std::int64_t timeMs = 0;
    bool major = false;
    QString label; // only on major ticks: "14:30", "14:30:15", "12-06" (a new day shows its date)
    friend bool operator==(const Tick &, const Tick &) = default;
};

// Tick marks for the window: the smallest "nice" step (1 s, 5 s, 10 s, 30 s, 1 min, 5, 10, 30 min, 1 h, 3, 6,
// 12 h, 1 day) whose major ticks are at least minMajorSpacingPx apart, minor ticks between them (aligned in
// local time: a 1 h step falls on the hour of the operator's clock).
QList<Tick> ticksFor(TimeWindow window, double width, int utcOffsetSeconds, double minMajorSpacingPx = 90);

// The major step ticksFor() chose, in ms (for tests and for the label format).
std::int64_t majorStepMs(TimeWindow window, double width, double minMajorSpacingPx = 90);

} // namespace vigil::playback
