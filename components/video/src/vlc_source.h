#pragma once
// VlcSource: the libVLC 3 recorded engine behind the FrameSource seam, for local files (MP4, MKV, ...) and
// HTTP(S) sources (HTTP-MP4, HLS). Pause, seek, rate 1/16..16 and frame step.
//
// Threads. Every libVLC call that may block (play, stop, release, and the transport calls, which take the
// player's input lock that stop() holds while it joins VLC's threads) runs on the source's own "video-vlc"
// worker, which keeps the source alive through a shared_ptr until it has stopped and released the player:
// the transport methods and requestStop() only queue a command and return at once. libVLC's own threads call
// the C trampolines: the vout thread the format/lock/unlock/display callbacks (they copy the frame into the
// FrameSlot, one frame-delivery path with the live engine), the input thread the event callback. Neither
// calls back into the player (except libvlc_video_get_size() in the format callback, see there) nor emits:
// events go through the EventFn, which posts. Events stop before requestStop() returns.
//
// Position. libVLC 3 gives no timestamp with a displayed picture and its "time" moves in 250 ms steps of the
// demuxer, so the engine counts frames from an anchor: the position asked (start or seek), on the frame
// grid, once VLC has finished buffering after the seek. VLC 3 seeks local files accurately (it decodes from
// the key frame before the asked time), but measured with 3.0.24: MP4 shows first one frame from up to five
// before the asked one (B-frames), then goes on from the asked frame, which is counted as the target; MKV
// lands on or a few frames before the asked frame. A repeated picture (VLC renders its last one again every
// ~70 ms when it has nothing new) is not counted: a fingerprint of the picture tells. Frames VLC skips by
// itself (a few after a rate change or when resuming from a frame step) are caught by comparing with VLC's
// clock each time it moves (every 250 ms). Late frames are not dropped (no-drop-late-frames, no hurry-up): a
// rate the CPU cannot sustain plays slower instead. Seeks wait until VLC's video output has settled after the
// start, and rate changes until 300 ms after a seek landed or playback resumed (VLC 3 otherwise plays frames
// from seconds earlier).
//
// Thread: all public methods from any thread.
#include "vigil/video/frame_source.h"

#include <QtMultimedia/QVideoFrame>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

struct libvlc_event_t;
struct libvlc_media_player_t;

namespace vigil::video {

class VlcSource : public FrameSource, public std::enable_shared_from_this<VlcSource>
{
public:
    static std::shared_ptr<VlcSource> start(Options options, EventFn onEvent);
    ~VlcSource() override;

    void requestStop() override;
    FrameSlot &slot() override { return m_slot; }
    SourceInfo info() const override;
    int capabilities() const override { return CanPause | CanSeek | CanChangeRate | CanStepFrame; }
    void setPaused(bool paused) override;
    void seek(std::int64_t positionMs) override;
    void setRate(double rate) override;
    void stepFrame() override;
    std::int64_t positionMs() const override { return m_positionMs.load(std::memory_order_relaxed); }
    std::int64_t durationMs() const override { return m_durationMs.load(std::memory_order_relaxed); }

    // For application shutdown, vigilctl and tests: waits until every source's worker has stopped and
    // released its player (or the timeout).
    static bool waitForAllStopped(int timeoutMs);
    static int runningCount();

    static constexpr double kMinRate = 1.0 / 16;
    static constexpr double kMaxRate = 16;

private:
    struct Command
    {
        enum Kind
        {
            Pause,
            Seek,
            Rate,
            Step
        } kind;
        std::int64_t value = 0;
        double rate = 1;
    };

    VlcSource(Options options, EventFn onEvent);
    void run() noexcept;
    void runPlayer();
    void execute(libvlc_media_player_t *mp, const Command &c);
    void idle(libvlc_media_player_t *mp);
    void waitSettled();
    void applyRateIfDue(libvlc_media_player_t *mp);
    void resync(libvlc_media_player_t *mp, std::int64_t now);
    void post(Command c);
    void emitEvent(const SourceEvent &e);
    void fail(int averror, const QString &detail);
    void beginSeek(std::int64_t targetMs);

    // libVLC trampolines (C callbacks: static, noexcept, never throw).
    static unsigned onFormat(void **opaque, char *chroma, unsigned *width, unsigned *height,
                             unsigned *pitches, unsigned *lines) noexcept;
    static void onCleanup(void *opaque) noexcept;
    static void *onLock(void *opaque, void **planes) noexcept;
    static void onUnlock(void *opaque, void *picture, void *const *planes) noexcept;
    static void onDisplay(void *opaque, void *picture) noexcept;
    static void onVlcEvent(const libvlc_event_t *event, void *opaque) noexcept;

    Options m_options;
    const std::int64_t m_startNs;
    FrameSlot m_slot;

    // Events: cleared by requestStop() under the mutex, so none is delivered after it returns.
    std::mutex m_eventMutex;
    EventFn m_onEvent;
    std::atomic<bool> m_failed{false};

    // Commands for the worker.
    std::mutex m_cmdMutex;
    std::condition_variable m_cmdCv;
    std::deque<Command> m_commands;
    std::atomic<bool> m_stop{false};

    libvlc_media_player_t *m_player = nullptr; // set by the worker before play(); read by the format callback
    std::atomic<bool> m_ended{false};          // VLC reached the end: the worker restarts it for a seek
    std::atomic<bool> m_opened{false};
    // Transport as the worker applied it (worker only).
    bool m_paused = false;
    double m_wantRate = 1;
    double m_vlcRate = 1;
    std::int64_t m_rateDueNs = 0;    // a deferred rate change is due then (0: none)
    std::int64_t m_rateHoldNs = 0;   // no resync before then (VLC's clock settles after a rate change)
    std::int64_t m_resyncHoldNs = 0; // until then VLC's time may be stale after a seek
    std::int64_t m_lastVlcMs = -2;   // VLC's time when last looked at

    // Frame path (vout thread only, except where atomic).
    int m_width = 0;
    int m_height = 0;
    QSize m_allocSize;
    unsigned m_pitches[3] = {};
    QVideoFrame m_pending; // mapped between lock and unlock, put into the slot by display
    bool m_pendingMapped = false;
    std::uint64_t m_pendingHash = 0;
    std::uint64_t m_lastHash = 0;
    bool m_lastHashValid = false;
    std::atomic<bool> m_firstShown{false};

    // Position (see the class comment). m_anchorSerial changes with every seek; the vout thread counts frames
    // from the anchor once VLC has finished buffering for it.
    std::atomic<std::int64_t> m_positionMs{-1};
    std::atomic<std::int64_t> m_durationMs{-1};
    std::atomic<std::int64_t> m_frameUs{40000};
    std::atomic<std::int64_t> m_seekTargetMs{0};
    std::atomic<std::int64_t> m_seekStartNs{0};
    std::atomic<bool> m_seeking{true}; // waiting for VLC's buffering to end after a seek or the start
    std::atomic<bool> m_bufferingStarted{false}; // VLC began buffering for the seek under way
    // Opening at startMs > 0: frames are held back until the worker's seek to startMs has landed (VLC 3 shows
    // the first frame of the file before its :start-time seek, so the worker seeks itself after it).
    std::atomic<bool> m_startPending{false};
    std::atomic<bool> m_needStartSeek{false};
    std::atomic<bool> m_startSeekIssued{false};
    std::atomic<bool> m_startIsSeek{false}; // a replay after the end: SeekDone when it lands
    std::atomic<std::int64_t> m_startTargetMs{0};
    std::atomic<std::int64_t> m_firstDisplayNs{0}; // of the current play (0: none yet)
    std::atomic<std::int64_t> m_settleNs{0};       // seeks wait until then (see waitSettled())
    std::atomic<std::int64_t> m_anchorReadyNs{0};
    bool m_landsEarly = true; // the container's seeks show the frame before the asked one first (const)
    std::atomic<bool> m_anchorReady{false};    // buffering ended: the next frame shown is the anchor
    std::atomic<bool> m_reportSeekDone{false}; // SeekDone is due with the anchor frame (seeks, not the start)
    std::atomic<std::int64_t> m_resyncAtNs{0};
    std::atomic<double> m_resyncRate{1};
    std::atomic<std::int64_t> m_resyncMs{-1}; // VLC's time: the next new frame starts counting from it
    std::int64_t m_anchorMs = 0;              // vout thread
    std::int64_t m_framesSinceAnchor = 0;     // vout thread
    std::int64_t m_targetAfterEarly = -1; // vout thread: MP4 landed early, its next new frame is the target

    mutable std::mutex m_infoMutex;
    SourceInfo m_info;
};

} // namespace vigil::video
