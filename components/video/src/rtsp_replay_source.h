#pragma once
// RtspReplaySource: the RTSP replay engine behind the FrameSource seam. FFmpeg (libavformat's RTSP demuxer,
// the live engine's library) plays a recording served over RTSP: a platform's playback URL, or an ONVIF
// Profile G replay URI (GetReplayUri).
//
// Transport, as libavformat speaks it:
// - seek: avformat_seek_file() -> PAUSE, then PLAY with "Range: npt=S-" (the server's answer sets the RTP
//   time base, so frame pts are recording time); frames before the asked position are decoded, not shown;
// - pause / resume: av_read_pause() (PAUSE) and av_read_play() (PLAY without a Range: go on from there).
// ONVIF replay (Options::replayClockStartMs >= 0) adds what the ONVIF Streaming spec asks for and
// libavformat has no option for. libavformat writes its user_agent option verbatim after "User-Agent: " in
// every request, so extra header lines ride on it: "Require: onvif-replay" and "Rate-Control: no" on every
// request, and for a seek "Range: clock=<UTC>-" on a PLAY sent from the paused state (the only PLAY to
// which libavformat adds no Range of its own; a second Range line would lose to its npt one). With
// Rate-Control: no the device sends as fast as we read, so this engine paces frames by their pts (at the
// asked rate: the operator's speed costs the device nothing). libavformat reads only npt ranges back, so
// after a clock seek the position is counted from the asked time.
//
// Thread: a "video-replay" worker (core::WorkerThreads) owns the FFmpeg handles; the transport calls only
// queue a command for it. Any thread for the public methods; events come from the worker.
#include "vigil/video/frame_source.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace vigil::video {

class RtspReplaySource : public FrameSource, public std::enable_shared_from_this<RtspReplaySource>
{
public:
    static std::shared_ptr<RtspReplaySource> start(Options options, EventFn onEvent);
    ~RtspReplaySource() override;

    void requestStop() override;
    FrameSlot &slot() override { return m_slot; }
    SourceInfo info() const override;
    int capabilities() const override;
    void setPaused(bool paused) override;
    void seek(std::int64_t positionMs) override;
    void setRate(double rate) override;
    std::int64_t positionMs() const override { return m_positionMs.load(std::memory_order_relaxed); }
    std::int64_t durationMs() const override { return m_durationMs.load(std::memory_order_relaxed); }

    // "clock=20261101T000010.000Z-": the ONVIF Range for UTC epoch ms (exposed for tests).
    static QByteArray clockRange(std::int64_t utcMs);

private:
    RtspReplaySource(Options options, EventFn onEvent);
    void run() noexcept;
    int runStream();
    void emitEvent(const SourceEvent &e);
    static int interruptCallback(void *opaque) noexcept;

    Options m_options;
    EventFn m_onEvent;
    std::mutex m_eventMutex;
    std::atomic<bool> m_stop{false};
    std::atomic<std::int64_t> m_deadlineNs{0};
    std::int64_t m_startNs = 0;
    FrameSlot m_slot;
    mutable std::mutex m_infoMutex;
    SourceInfo m_info;
    std::atomic<std::int64_t> m_positionMs{-1};
    std::atomic<std::int64_t> m_durationMs{-1};

    // Commands for the worker.
    std::mutex m_cmdMutex;
    std::condition_variable m_cmdCv;
    std::optional<std::int64_t> m_seekMs;
    bool m_paused = false;
    double m_rate = 1;
};

} // namespace vigil::video
