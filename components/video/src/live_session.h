#pragma once
// LiveSession: one FFmpeg demux+decode worker for one live stream (RTSP and anything else libavformat opens).
//
// Owns a detached std::thread that keeps the session alive through a shared_ptr until it has closed the
// stream, so requestStop() never blocks the caller (the GUI thread must not wait on a socket). An interrupt
// callback aborts any blocking FFmpeg call when stop is requested or when no data arrived before the
// deadline, so a dead camera never hangs a thread or shutdown. Decoded frames go into the session's
// FrameSlot.
//
// Thread: start()/requestStop()/slot()/info() from any thread; the event callback runs on the worker thread
// and is never called after requestStop() has returned.
#include "frame_slot.h"
#include "vigil/video/media_source.h"

#include <QtCore/QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace vigil::video {

struct SessionEvent
{
    enum Kind
    {
        Opened,
        FirstFrame,
        Error
    };
    Kind kind;
    int averror = 0; // FFmpeg error code for Error
    QString detail;  // codec name, or FFmpeg's error text (already redacted)
};

struct SessionInfo
{
    QString codec;
    int width = 0;
    int height = 0;
    std::int64_t bytesReceived = 0;
    std::int64_t framesDecoded = 0;
    std::int64_t decodeErrors = 0;
    double openMs = 0;       // start -> stream opened (RTSP handshake done)
    double firstFrameMs = 0; // start -> first decoded frame
};

class LiveSession : public std::enable_shared_from_this<LiveSession>
{
public:
    struct Options
    {
        MediaSource source;
        int connectTimeoutMs = 10000; // open (DNS, TCP, RTSP handshake)
        int readTimeoutMs =
            8000;               // no packet for this long -> error (the player's watchdog is usually sooner)
        int decoderThreads = 1; // tiles are many: keep threads few
    };
    using EventFn = std::function<void(LiveSession *, const SessionEvent &)>;

    static std::shared_ptr<LiveSession> start(Options options, EventFn onEvent);
    ~LiveSession();

    void requestStop();
    bool stopRequested() const { return m_stop.load(); }
    // Unique per process, never reused (unlike the address): late events of retired sessions are told apart.
    std::uint64_t id() const { return m_id; }
    FrameSlot &slot() { return m_slot; }
    SessionInfo info() const;

    // For application shutdown and tests: waits until every session's worker has finished (or the timeout).
    static bool waitForAllStopped(int timeoutMs);
    static int runningCount();

private:
    LiveSession(Options options, EventFn onEvent);
    void run() noexcept;
    int runStream();
    void emitEvent(const SessionEvent &e);
    static int interruptCallback(void *opaque) noexcept;

    const std::uint64_t m_id;
    Options m_options;
    EventFn m_onEvent;
    std::mutex m_eventMutex;
    std::atomic<bool> m_stop{false};
    std::atomic<std::int64_t> m_deadlineNs{0};
    std::int64_t m_startNs = 0;
    FrameSlot m_slot;
    mutable std::mutex m_infoMutex;
    SessionInfo m_info;
};

// Installs FFmpeg's log callback (routed to vigil.video, redacted) and network init, once per process.
void initFfmpegOnce();

} // namespace vigil::video
