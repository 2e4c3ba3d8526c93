#include "vigil/core/backoff.h"

#include <algorithm>
#include <cstdint>

namespace vigil::core {

namespace {

// splitmix64's finaliser: every bit of the seed moves every bit of the state (never 0, which xorshift can't
// leave).
std::uint64_t scramble(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x ? x : 1;
}

} // namespace

Backoff::Backoff(ms initial, ms cap, double factor, double jitter)
    : m_initial(initial)
    , m_cap(std::max(cap, initial))
    , m_factor(std::max(1.0, factor))
    , m_jitter(std::clamp(jitter, 0.0, 0.5))
    , m_current(double(initial.count()))
    , m_state(scramble(reinterpret_cast<std::uintptr_t>(this)))
{}

void Backoff::setSeed(std::uint64_t seed)
{
    m_state = scramble(seed);
}

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
    // Uniform over base ± jitter, the top cut at the cap: at the cap the delays spread over [base - jitter,
    // cap] instead of half of them landing on the cap itself (which would put those tiles back in step).
    const double lo = base * (1.0 - m_jitter);
    const double hi = std::max(lo, std::min(base * (1.0 + m_jitter), double(m_cap.count())));
    const double delay = lo + unit * (hi - lo);
    return ms(static_cast<std::int64_t>(delay));
}

void Backoff::reset()
{
    m_current = double(m_initial.count());
    m_attempts = 0;
}

} // namespace vigil::core
