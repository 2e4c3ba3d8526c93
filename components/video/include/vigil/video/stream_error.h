#pragma once
// One table from engine error codes to what the operator reads, shared by the UI and vigilctl so both say the
// same thing. Thread: any.
#include "vigil/video/video_player.h"

#include <QtCore/QString>

namespace vigil::video {

struct StreamError
{
    VideoPlayer::ErrorCategory category = VideoPlayer::ErrorCategory::None;
    QString code; // stable machine word: auth, forbidden, not-found, refused, unreachable, timeout, ended,
                  // unsupported-codec, no-video, invalid-data, io; recordings: no-file,
                  // not-playable
    QString text; // translated sentence: what failed and what to do
};

// `averror` is an FFmpeg error code; `where` is host:port (no credentials) for the sentence; `detail` is the
// engine's own text or the codec name.
StreamError describeStreamError(int averror, const QString &where, const QString &detail = {});

} // namespace vigil::video
