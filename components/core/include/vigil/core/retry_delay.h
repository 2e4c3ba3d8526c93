#pragma once
// How a prompt for a secret (the kiosk PIN pad, the login dialog) refuses new tries after wrong ones in a
// row: none after the first and the second, 5 s after the third, doubling per further failure, capped at
// 5 minutes. A person who mistyped waits seconds; a script guessing gets ~300 tries a day, not thousands a
// second. SecretThrottle keeps the count and the wait on the monotonic clock (setting the PC's clock back
// does not shorten it). Plain value, no thread of its own; the owner's thread only.
#include <QtCore/QDeadlineTimer>

#include <algorithm>

namespace vigil::core {

constexpr int wrongSecretDelaySeconds(int failures)
{
    constexpr int kFree = 3, kFirst = 5, kCap = 300;
    if (failures < kFree)
        return 0;
    const int doublings = std::min(failures - kFree, 16);
    return std::min(kFirst << doublings, kCap);
}

class SecretThrottle
{
public:
    // One more wrong secret: the seconds to wait now (0: none yet).
    int failed()
    {
        ++m_failures;
        const int delay = wrongSecretDelaySeconds(m_failures);
        if (delay > 0)
            m_retryAt.setRemainingTime(qint64(delay) * 1000);
        return delay;
    }
    // The right secret: the count and any wait are forgotten.
    void succeeded()
    {
        m_failures = 0;
        m_retryAt = QDeadlineTimer(QDeadlineTimer::Forever);
    }
    // Whole seconds before the next try is accepted, rounded up (0: now).
    int waitSeconds() const
    {
        if (m_retryAt.isForever() || m_retryAt.hasExpired())
            return 0;
        return int((m_retryAt.remainingTime() + 999) / 1000);
    }
    int failures() const { return m_failures; }

private:
    int m_failures = 0;
    QDeadlineTimer m_retryAt{QDeadlineTimer::Forever};
};

} // namespace vigil::core
