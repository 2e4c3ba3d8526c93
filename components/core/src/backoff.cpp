#include "vigil/core/backoff.h"

#include <algorithm>
#include <cstdint>

namespace vigil::core {

Backoff::Backoff(ms initial, ms cap, double factor, double jitter)
    : m_initial(initial)
    , m_cap(std::max(cap, initial))
    , m_factor(std::max(1.0, factor))
    , m_jitter(std::clamp(jitter, 0.0, 0.5))
    , m_current(double(initial.count()))
    , m_state(reinterpret_cast<std::uintptr_t>(this) | 1u)
{}

Backoff::ms Backoff::next()
{
    const double base = std::min(m_current, double(m_cap.count()));
    m_current = std::min(m_current * m_factor, double(m_cap.count()));
    ++m_attempts;
    // xorshift64: spreads reconnects of many tiles so a recovering server is not hit by all at once.
    m_state ^= m_state << 13;
    m_state ^= m_state >> 7;
    m_state ^= m_state << 17;
    const double unit = double(m_state % 10001) / 10000.0; // [0, 1]
    const double factor = 1.0 + m_jitter * (2.0 * unit - 1.0);
    const double delay = std::min(base * factor, double(m_cap.count()));
    return ms(static_cast<std::int64_t>(delay));
}

void Backoff::reset()
{
    m_current = double(m_initial.count());
    m_attempts = 0;
}

} // namespace vigil::core
