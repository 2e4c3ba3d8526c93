#pragma once
// Capped exponential backoff with optional jitter, for reconnecting to cameras and servers forever
// without hammering them. Thread: owner's (not synchronised).
#include <chrono>
#include <cstdint>

namespace vigil::core {

class Backoff
{
public:
    using ms = std::chrono::milliseconds;
    Backoff(ms initial = ms(500), ms cap = ms(30000), double factor = 2.0, double jitter = 0.1);

    // The delay to wait before the next attempt; each call grows the next delay up to the cap.
    ms next();
    // After a success: the next failure starts again from the initial delay.
    void reset();
    int attempts() const { return m_attempts; }
    ms cap() const { return m_cap; }

    // Deterministic jitter source for tests; default is a per-instance xorshift seeded from the address. The
    // seed is scrambled first (splitmix64): neighbouring seeds — tiles allocated side by side — must not give
    // neighbouring delays, or cameras that lost power together would still reconnect in step.
    void setSeed(std::uint64_t seed);

private:
    ms m_initial;
    ms m_cap;
    double m_factor;
    double m_jitter;
    double m_current;
    int m_attempts = 0;
    std::uint64_t m_state;
};

} // namespace vigil::core
