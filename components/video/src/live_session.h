#pragma once
// LiveSession: the FFmpeg live engine behind the FrameSource seam; one demux+decode worker for one live
// stream (RTSP and anything else libavformat opens).
//
// Runs on a "video-live" worker thread (core::WorkerThreads) that keeps the session alive through a
// shared_ptr until it has closed the stream, so requestStop() never blocks the caller (the GUI thread must
// not wait on a socket). An interrupt callback aborts any blocking FFmpeg call when stop is requested or when
// no data arrived before the deadline, so a dead camera never hangs a thread or shutdown. Decoded frames go
// into the session's FrameSlot.
//
// Thread: start()/requestStop()/slot()/info() from any thread; the event callback runs on the worker thread
// and is never called after requestStop() has returned.
#include "vigil/video/frame_source.h"

#include <atomic>
#include <mutex>

namespace vigil::video {

class LiveSession : public FrameSource, public std::enable_shared_from_this<LiveSession>
{
public:
    static std::shared_ptr<LiveSession> start(Options options, EventFn onEvent);
    ~LiveSession() override;

    void requestStop() override;
    bool stopRequested() const { return m_stop.load(); }
    FrameSlot &slot() override { return m_slot; }
    SourceInfo info() const override;
    void setKeyFramesOnly(bool on) override { m_keyFramesOnly.store(on, std::memory_order_relaxed); }

    // For application shutdown and tests: waits until every session's worker has finished (or the timeout).
    static bool waitForAllStopped(int timeoutMs);
    static int runningCount();

private:
    LiveSession(Options options, EventFn onEvent);
    void run() noexcept;
    int runStream();
    void emitEvent(const SourceEvent &e);
    static int interruptCallback(void *opaque) noexcept;

    Options m_options;
    EventFn m_onEvent;
    std::mutex m_eventMutex;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_keyFramesOnly{false};
    std::atomic<std::int64_t> m_deadlineNs{0};
    std::int64_t m_startNs = 0;
    FrameSlot m_slot;
    mutable std::mutex m_infoMutex;
    SourceInfo m_info;
};

// Installs FFmpeg's log callback (routed to vigil.video, redacted) and network init, once per process.
void initFfmpegOnce();

} // namespace vigil::video
