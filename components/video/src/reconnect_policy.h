#pragma once
// ReconnectPolicy: when a player tries its source again after a failure, by what kind of failure it was.
//
// A camera that reboots or a server that restarts must be back on the wall within seconds of answering again,
// without hammering anything:
// - Unreachable (refused, no route, nothing answered in time): there is nothing to talk to yet, and a try
// costs
//   one TCP SYN, so try at a short steady interval, 1 s with ±30 % jitter (a site-wide power cut must not
//   make 400 cameras reconnect in lock-step when it ends). Picture back ≤ ~1.3 s + open + first key frame.
// - Broken (the source answered, then the stream ended, stalled or sent junk): a full RTSP handshake per try,
//   so back off exponentially from 0.5 s, capped at 4 s.
// - Rejected (no such stream, bad request, no video track): will not change by itself, but an NVR channel or
//   a booting camera may come back: 5 s doubling to 60 s.
// - Auth (wrong password, forbidden) and Unsupported (codec): never by themselves (cameras lock accounts
// after
//   a few wrong passwords); the operator retries by touching the tile (VideoPlayer::retryNow()).
// Unattended (kiosk mode: nobody is there to touch a tile), Auth and Unsupported are tried again by
// themselves too, but rarely: Auth every 10 minutes (±10 %: a few tries an hour cannot lock an account
// that allows several wrong passwords), Unsupported from 1 minute doubling to 10 (a camera whose settings
// are changed back comes back on the wall).
// The first frame resets everything. Thread: owner's (not synchronised).
#include "vigil/core/backoff.h"

#include <QtCore/QString>

#include <chrono>
#include <optional>

namespace vigil::video {

class ReconnectPolicy
{
public:
    using ms = std::chrono::milliseconds;
    enum class Failure
    {
        Unreachable,
        Broken,
        Rejected,
        Auth,
        Unsupported,
    };

    // From StreamError::code (stream_error.h); "stalled" is the player's own watchdog.
    static Failure classify(const QString &errorCode);

    // The delay before the next try, or nothing: wait for the operator (never when `unattended`).
    std::optional<ms> next(Failure failure, bool unattended = false);
    // After the first frame, or when the operator asks: the next failure starts from the shortest delay.
    void reset();
    void setSeed(std::uint64_t seed);

private:
    core::Backoff m_unreachable{ms(1000), ms(1000), 1.0, 0.3};
    core::Backoff m_broken{ms(500), ms(4000), 2.0, 0.2};
    core::Backoff m_rejected{ms(5000), ms(60000), 2.0, 0.2};
    core::Backoff m_unattendedAuth{ms(600000), ms(600000), 1.0, 0.1};
    core::Backoff m_unattendedUnsupported{ms(60000), ms(600000), 2.0, 0.2};
};

} // namespace vigil::video
