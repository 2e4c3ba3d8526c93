#pragma once
// FrameSource: the seam between a VideoPlayer and the engine that makes its frames.
//
// An engine (the FFmpeg live session; the libVLC recorded engine for files and HTTP; the RTSP replay engine)
// opens one source, decodes on threads of its own and puts each decoded frame into its FrameSlot, from which
// the FramePacer hands the newest one to the player's sink. It reports what happens (opened, first frame,
// error) through the event callback given to the factory. The player knows nothing else about the engine, so
// a fake engine (tests/support/video) drives the player's state machine in tests without a server.
//
// Contract for implementations:
// - the factory starts the work and returns at once (the GUI thread never waits on a socket or a decoder);
// - events may come from any thread, never after requestStop() has returned, and at most one Error (after an
//   Error the source is finished);
// - a source with an end (a file, a recording over HTTP) reports EndOfMedia once it has shown its last frame;
//   it is not finished: it keeps its last frame and position, and seek() plays on from the asked position.
//   A live source never reports it (its end is an Error: the stream closed);
// - positionMs() is the media time of the newest frame put into the slot; after seek() the engine reports
//   SeekDone when the first frame at (or just after) the asked position is in the slot;
// - requestStop() never blocks; the engine may finish closing in the background;
// - slot(), info() and the transport calls are safe from any thread.
// Thread: see each method.
#include "vigil/video/frame_slot.h"
#include "vigil/video/media_source.h"

#include <QtCore/QString>

#include <cstdint>
#include <functional>
#include <memory>

namespace vigil::video {

struct SourceEvent
{
    enum Kind
    {
        Opened,     // the source answered and the stream is set up (RTSP handshake done, file opened)
        FirstFrame, // the first decoded frame is in the slot
        Error,      // the source failed and is finished; averror says why
        EndOfMedia, // a source with an end has shown its last frame (see the contract above)
        SeekDone    // after seek(): the first frame at the asked position is in the slot (positionMs() says
                    // which)
    };
    Kind kind;
    int averror = 0; // FFmpeg-style error code for Error (stream_error.h turns it into a sentence)
    QString detail;  // codec name, or the engine's error text (already redacted)
};

struct SourceInfo
{
    QString codec;
    int width = 0;
    int height = 0;
    std::int64_t bytesReceived = 0;
    std::int64_t framesDecoded = 0;
    std::int64_t decodeErrors = 0;
    std::int64_t packetsSkipped =
        0;                   // not decoded: key frames only (degraded) or waiting for the next key frame
    double openMs = 0;       // start -> source opened
    double firstFrameMs = 0; // start -> first decoded frame
};

class FrameSource
{
public:
    struct Options
    {
        MediaSource source;
        int connectTimeoutMs = 10000; // open (DNS, TCP, RTSP handshake)
        int readTimeoutMs = 8000; // no data for this long -> Error (the player's watchdog is usually sooner)
        int decoderThreads = 1;   // tiles are many: keep threads few
        std::int64_t startMs =
            0; // a source with a timeline (a recording) starts here; live sources ignore it
        // RTSP replay only: the ONVIF replay URI of a recording that starts at this UTC epoch ms; seeks go as
        // Range: clock= (with Require: onvif-replay). -1: a platform's playback URL (Range: npt=).
        std::int64_t replayClockStartMs = -1;
    };
    // What an engine can do besides play; a live camera can do none of it.
    enum Capability
    {
        CanPause = 1,
        CanSeek = 2,
        CanChangeRate = 4,
        CanStepFrame = 8,
    };
    using EventFn = std::function<void(FrameSource *, const SourceEvent &)>;

    FrameSource();
    virtual ~FrameSource();
    FrameSource(const FrameSource &) = delete;
    FrameSource &operator=(const FrameSource &) = delete;

    // Unique per process, never reused (unlike the address): late events of retired sources are told apart.
    std::uint64_t id() const { return m_id; }

    // Any thread. Stops delivering events before it returns; closing may finish later in the background.
    virtual void requestStop() = 0;
    virtual FrameSlot &slot() = 0;
    virtual SourceInfo info() const = 0;

    // Transport, where capabilities() says the engine can (otherwise ignored). Any thread.
    virtual int capabilities() const { return 0; }
    virtual void setPaused(bool) {}
    virtual void seek(std::int64_t /*positionMs*/) {}
    virtual void setRate(double) {}
    // Shows the next frame and pauses (a paused source stays paused).
    virtual void stepFrame() {}
    // Media time of the newest frame put into the slot, in ms; -1 when the source has no timeline (live) or
    // no frame yet. Any thread.
    virtual std::int64_t positionMs() const { return -1; }
    // Length of the media in ms; -1 when unknown or unbounded (live). Any thread.
    virtual std::int64_t durationMs() const { return -1; }
    // Decode only key frames (the decoders cannot keep up: a small tile still moves, at the stream's key
    // frame rate, and costs a fraction). Back to every frame from the next key frame on, so nothing is
    // smeared. Engines that cannot ignore it. Any thread.
    virtual void setKeyFramesOnly(bool) {}

private:
    const std::uint64_t m_id;
};

// Opens a source and starts it; returns at once. The callback is called as the contract above says.
using FrameSourceFactory =
    std::function<std::shared_ptr<FrameSource>(const FrameSource::Options &, FrameSource::EventFn)>;

// The FFmpeg live engine (RTSP and anything else libavformat opens).
FrameSourceFactory liveFrameSourceFactory();
// The libVLC 3 recorded engine (vlc_source.h): local files (MP4, MKV, ...) and HTTP(S) sources (HTTP-MP4,
// HLS). Pause, seek (accurate on local files), rate 1/16..16 and frame step. Options::source.url is a file
// URL (QUrl::fromLocalFile) or an http(s) URL.
FrameSourceFactory recordedFrameSourceFactory();
// The FFmpeg RTSP replay engine (rtsp_replay_source.h): a recording served over RTSP (a platform's playback
// URL, an ONVIF replay URI). Pause, seek (PLAY with a Range), rate where the server lets us pace (ONVIF).
FrameSourceFactory replayFrameSourceFactory();

} // namespace vigil::video
