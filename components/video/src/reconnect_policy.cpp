#include "reconnect_policy.h"

namespace vigil::video {

ReconnectPolicy::Failure ReconnectPolicy::classify(const QString &code)
{
    if (code == QLatin1String("refused") || code == QLatin1String("unreachable") ||
        code == QLatin1String("timeout"))
        return Failure::Unreachable;
    if (code == QLatin1String("auth") || code == QLatin1String("forbidden"))
        return Failure::Auth;
    if (code == QLatin1String("unsupported-codec") || code == QLatin1String("not-playable"))
        return Failure::Unsupported;
    if (code == QLatin1String("not-found") || code == QLatin1String("no-video") ||
        code == QLatin1String("rejected") || code == QLatin1String("no-file"))
        return Failure::Rejected;
    return Failure::Broken; // ended, invalid-data, io, stalled, and anything new: worth trying again
}

std::optional<ReconnectPolicy::ms> ReconnectPolicy::next(Failure failure, bool unattended)
{
    switch (failure) {
    case Failure::Unreachable:
        return m_unreachable.next();
    case Failure::Broken:
        return m_broken.next();
    case Failure::Rejected:
        return m_rejected.next();
    case Failure::Auth:
        if (unattended)
            return m_unattendedAuth.next();
        break;
    case Failure::Unsupported:
        if (unattended)
            return m_unattendedUnsupported.next();
        break;
    }
    return std::nullopt;
}

void ReconnectPolicy::reset()
{
    m_unreachable.reset();
    m_broken.reset();
    m_rejected.reset();
    m_unattendedAuth.reset();
    m_unattendedUnsupported.reset();
}

void ReconnectPolicy::setSeed(std::uint64_t seed)
{
    m_unreachable.setSeed(seed);
    m_broken.setSeed(seed * 3 + 1);
    m_rejected.setSeed(seed * 5 + 2);
    m_unattendedAuth.setSeed(seed * 7 + 3);
    m_unattendedUnsupported.setSeed(seed * 11 + 4);
}

} // namespace vigil::video
