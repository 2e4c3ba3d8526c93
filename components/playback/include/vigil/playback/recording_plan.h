#pragma once
// Where a camera's recordings are at a given time: the pure part of "play every camera at the clock's time".
// A camera's recording is a list of playable pieces (local segments, a platform's record files, one ONVIF
// replay URL), each covering a span of recording time. Thread: any (values and pure functions).
#include "vigil/playback/timeline.h"

#include <QtCore/QList>
#include <QtCore/QString>

#include <cstdint>

namespace vigil::playback {

struct RecordingPiece
{
    std::int64_t startMs = 0; // recording time (UTC epoch ms) of the piece's first frame
    std::int64_t endMs = 0;
    QString url; // file path or URL the recorded engine opens (no credentials)
    friend bool operator==(const RecordingPiece &, const RecordingPiece &) = default;
};

// What a player should play at recording time t: piece `index` (into the list sorted by start) from
// `offsetMs` into it, or nothing (index -1: "no recording" — the camera rejoins at nextStartMs, if any).
struct Cue
{
    int index = -1;
    std::int64_t offsetMs = 0;
    std::int64_t nextStartMs = -1;
    friend bool operator==(const Cue &, const Cue &) = default;
};

// Pieces sorted by start; where two overlap, the later one wins from its start.
QList<RecordingPiece> sortedPieces(QList<RecordingPiece> pieces);
Cue cueAt(const QList<RecordingPiece> &sorted, std::int64_t t);
// The spans the pieces cover, merged (joinGapMs as mergeSpans), for the timeline.
QList<Span> spansOf(const QList<RecordingPiece> &pieces, std::int64_t joinGapMs = 1000);

// What a synchronized player should do, given where the clock says it should be and where its last shown
// frame is (both recording time). Small drift is corrected by playing a little faster or slower, large drift
// (or a player on the wrong piece) by seeking: a seek costs a key-frame decode, a rate nudge costs nothing.
struct SyncStep
{
    enum Kind
    {
        Keep, // within tolerance: play at the clock's rate
        Nudge,
        Seek
    };
    Kind kind = Keep;
    double rate = 1.0; // for Keep and Nudge
    friend bool operator==(const SyncStep &, const SyncStep &) = default;
};
inline constexpr std::int64_t kSyncToleranceMs = 40; // one frame at 25 fps
inline constexpr std::int64_t kSyncSeekBeyondMs =
    400; // further than this: seek (a seek in a file costs ~30 ms)
SyncStep syncStep(std::int64_t clockMs, std::int64_t shownMs, double clockRate);

} // namespace vigil::playback
