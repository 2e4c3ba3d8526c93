#pragma once
// Opens a stream with the same engine the tiles use, decodes for a while and reports what it saw.
// Used by `vigilctl probe` and the "test" button of the add-camera dialog. Thread: any (blocks the caller).
#include "vigil/video/media_source.h"

#include <QtCore/QJsonObject>
#include <QtCore/QString>

namespace vigil::video {

struct ProbeReport
{
    bool ok = false;
    QString url;       // redacted
    QString status;    // "playing" or "failed"
    QString errorCode; // StreamError::code
    QString error;     // StreamError::text, the sentence the UI shows
    QString codec;
    int width = 0;
    int height = 0;
    double fps = 0;          // measured over the decoding period
    double openMs = 0;       // RTSP handshake
    double firstFrameMs = 0; // start -> first decoded frame
    qint64 framesDecoded = 0;
    double seconds = 0; // decoding period actually measured
    double bitrateKbps = 0;
};

// Decodes for `seconds` after the first frame; gives up after `timeoutMs` without a first frame.
ProbeReport probeStream(const MediaSource &source, double seconds, int timeoutMs = 10000);
QJsonObject toJson(const ProbeReport &report);

} // namespace vigil::video
