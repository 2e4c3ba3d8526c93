#pragma once
// How long a prompt for a secret (the kiosk PIN pad, the login dialog) refuses new tries after `failures`
// wrong ones in a row: none after the first and the second, 5 s after the third, doubling per further
// failure, capped at 5 minutes. A person who mistyped waits seconds; a script guessing gets ~300 tries a day,
// not thousands a second.
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

} // namespace vigil::core
