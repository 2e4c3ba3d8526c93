#include "vigil/playback/recording_plan.h"

#include <algorithm>
#include <cstdlib>

namespace vigil::playback {

QList<RecordingPiece> sortedPieces(QList<RecordingPiece> pieces)
{
    pieces.removeIf([](const RecordingPiece &p) { return p.endMs <= p.startMs || p.url.isEmpty(); });
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const RecordingPiece &a, const RecordingPiece &b) { return a.startMs < b.startMs; });
    return pieces;
}

Cue cueAt(const QList<RecordingPiece> &sorted, std::int64_t t)
{
    // The last piece starting at or before t is the one that plays at t (a later piece wins an overlap).
    auto it = std::upper_bound(sorted.begin(), sorted.end(), t,
                               [](std::int64_t value, const RecordingPiece &p) { return value < p.startMs; });
    Cue cue;
    if (it != sorted.end())
        cue.nextStartMs = it->startMs;
    if (it == sorted.begin())
        return cue;
    const auto previous = std::prev(it);
    if (t < previous->endMs) {
        cue.index = int(previous - sorted.begin());
        cue.offsetMs = t - previous->startMs;
    }
    return cue;
}

QList<Span> spansOf(const QList<RecordingPiece> &pieces, std::int64_t joinGapMs)
{
    QList<Span> spans;
    spans.reserve(pieces.size());
    for (const RecordingPiece &p : pieces)
        spans.append({p.startMs, p.endMs});
    return mergeSpans(spans, joinGapMs);
}

SyncStep syncStep(std::int64_t clockMs, std::int64_t shownMs, double clockRate)
{
    const std::int64_t behind = clockMs - shownMs; // > 0: the player is late
    // Tolerances grow with the rate: at 8x one frame of the stream is 8x as much recording time.
    const double scale = std::max(1.0, clockRate);
    if (double(std::llabs(behind)) <= double(kSyncToleranceMs) * scale)
        return {SyncStep::Keep, clockRate};
    if (double(std::llabs(behind)) > double(kSyncSeekBeyondMs) * scale)
        return {SyncStep::Seek, clockRate};
    // Catch up over about a second of wall time, at most half as fast again or half as slow.
    const double correction = std::clamp(double(behind) / (1000.0 * clockRate), -0.5, 0.5);
    return {SyncStep::Nudge, clockRate * (1.0 + correction)};
}

} // namespace vigil::playback
