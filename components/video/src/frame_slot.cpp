#include "vigil/video/frame_slot.h"

#include <chrono>

namespace vigil::video {

std::int64_t monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void FrameSlot::setPrivacyMasks(const PrivacyMasks &masks)
{
    m_masker.setMasks(masks);
}

void FrameSlot::put(QVideoFrame frame, std::int64_t receivedNs)
{
    if (!m_masker.isEmpty() && !m_masker.apply(frame)) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    std::optional<Entry> replaced;
    {
        std::lock_guard lock(m_mutex);
        replaced.swap(m_entry);
        m_entry = Entry{std::move(frame), receivedNs};
    }
    // The replaced frame is released outside the lock (freeing frame memory can take a moment).
    if (replaced)
        m_dropped.fetch_add(1, std::memory_order_relaxed);
    m_put.fetch_add(1, std::memory_order_relaxed);
    m_lastPutNs.store(receivedNs, std::memory_order_relaxed);
}

std::optional<FrameSlot::Entry> FrameSlot::take()
{
    std::lock_guard lock(m_mutex);
    std::optional<Entry> out;
    out.swap(m_entry);
    return out;
}

} // namespace vigil::video
