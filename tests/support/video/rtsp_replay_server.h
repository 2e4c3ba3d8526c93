#pragma once
// A loopback RTSP server that serves a real recording for replay tests: GStreamer's ONVIF RTSP server
// (gst_rtsp_onvif_server_new + an ONVIF media factory with replay support) on 127.0.0.1, ephemeral port,
// playing an MP4 file (qtdemux ! h264parse ! rtph264pay) that is seekable: PLAY with Range npt seeks the
// file, PAUSE pauses it, Rate-Control: no makes it send as fast as the client reads.
//
// It stands in for both kinds of replay server:
// - a platform's playback URL (Range: npt=, no ONVIF headers);
// - an ONVIF Profile G device's replay URI: the recording is said to start at `recordingStart` (UTC), and
//   a PLAY with "Range: clock=T-" is answered as the device would, by playing from T - recordingStart
//   (the request's Range is rewritten to npt before GStreamer parses it). A request without
//   "Require: onvif-replay" is refused there when `requireOnvifReplay` is set.
// Every request's method and its replay headers are recorded for the test to check.
//
// Thread: the server runs a GLib main loop on its own thread; public methods are thread-safe.
#include <QtCore/QDateTime>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <memory>

namespace vigil::test {

struct ReplayRequest
{
    QString method;      // OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER
    QString range;       // Range header as received ("" when absent)
    QString require;     // Require header
    QString rateControl; // Rate-Control header
    QString scale;       // Scale header
};

struct ReplayServerOptions
{
    QString file; // an H.264 MP4 (tests/support/video/marked_recording.h makes one)
    QString path = QStringLiteral("/replay/rec1");
    QDateTime recordingStart = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
    bool requireOnvifReplay = false; // 551 for a PLAY/DESCRIBE without Require: onvif-replay
};

class RtspReplayServer
{
public:
    explicit RtspReplayServer(ReplayServerOptions options);
    ~RtspReplayServer();
    RtspReplayServer(const RtspReplayServer &) = delete;
    RtspReplayServer &operator=(const RtspReplayServer &) = delete;

    bool start(QString *error = nullptr);
    QUrl url() const; // rtsp://127.0.0.1:PORT/replay/rec1
    QList<ReplayRequest> requests() const;
    QStringList problems() const; // what a correct client would not have done

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace vigil::test
