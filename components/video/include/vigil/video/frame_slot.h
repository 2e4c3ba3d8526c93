#pragma once
// FrameSlot: the single "latest frame" hand-off between one decoder thread and the GUI thread.
// Frames are dropped (overwritten), never queued: a slow GUI never makes a decoder fall behind, and a stalled
// decoder never leaves old frames waiting. Counters are atomics for statistics and benchmarks.
// Thread: put() from the decoder thread, take() from the GUI thread; all methods are thread-safe.
#include "vigil/video/privacy_mask.h"

#include <QtMultimedia/QVideoFrame>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

namespace vigil::video {

std::int64_t monotonicNs();

class FrameSlot
{
public:
    struct Entry
    {
        QVideoFrame frame;
        std::int64_t receivedNs = 0; // when the decoder produced it (monotonicNs)
    };

    // The masks painted into every frame put() (privacy_mask.h). Set by the engine before its first put()
    // (from its MediaSource), so no unmasked frame ever enters the slot.
    void setPrivacyMasks(const PrivacyMasks &masks);
    // A frame that cannot be masked (unknown format) is dropped when the slot has masks: never shown bare.
    void put(QVideoFrame frame, std::int64_t receivedNs);
    std::optional<Entry> take();

    std::int64_t framesPut() const { return m_put.load(std::memory_order_relaxed); }
    std::int64_t framesDropped() const { return m_dropped.load(std::memory_order_relaxed); }
    std::int64_t lastPutNs() const { return m_lastPutNs.load(std::memory_order_relaxed); }

private:
    PrivacyMasker m_masker; // used by put() only (one producer), set before it
    std::mutex m_mutex;
    std::optional<Entry> m_entry;
    std::atomic<std::int64_t> m_put{0};
    std::atomic<std::int64_t> m_dropped{0};
    std::atomic<std::int64_t> m_lastPutNs{0};
};

} // namespace vigil::video
