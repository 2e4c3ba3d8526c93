#pragma once
// PlaybackClock: the one clock that drives synchronized playback. Every camera of a playback session is told
// where it should be from this clock, so N cameras stay in lockstep without talking to each other.
//
// The clock is a value: the time "now" (a monotonic ms count, e.g. QElapsedTimer) is passed in, which keeps
// it pure and lets tests drive it without waiting. Thread: any (value type).
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace vigil::playback {

class PlaybackClock
{
public:
    static constexpr double kMinRate = 1.0 / 16;
    static constexpr double kMaxRate = 16;

    // Recording time (UTC epoch ms) at monotonic time `nowMs`.
    std::int64_t position(std::int64_t nowMs) const
    {
        if (m_paused)
            return m_anchorPosition;
        return m_anchorPosition + std::int64_t(std::llround(double(nowMs - m_anchorNow) * m_rate));
    }
    bool paused() const { return m_paused; }
    double rate() const { return m_rate; }

    void seek(std::int64_t positionMs, std::int64_t nowMs)
    {
        m_anchorPosition = positionMs;
        m_anchorNow = nowMs;
    }
    void setPaused(bool paused, std::int64_t nowMs)
    {
        if (paused == m_paused)
            return;
        reanchor(nowMs);
        m_paused = paused;
    }
    // Clamped to [kMinRate, kMaxRate]; the position does not jump.
    void setRate(double rate, std::int64_t nowMs)
    {
        reanchor(nowMs);
        m_rate = std::clamp(rate, kMinRate, kMaxRate);
    }

private:
    void reanchor(std::int64_t nowMs)
    {
        m_anchorPosition = position(nowMs);
        m_anchorNow = nowMs;
    }

    std::int64_t m_anchorPosition = 0;
    std::int64_t m_anchorNow = 0;
    double m_rate = 1.0;
    bool m_paused = true;
};

} // namespace vigil::playback
