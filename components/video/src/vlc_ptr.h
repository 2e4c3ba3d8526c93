#pragma once
// RAII for libVLC 3 handles: each handle type gets an alias that releases it with its own function. A
// factory checks for nullptr (libvlc_errmsg() says why) and never hands out a half-built object.
// libvlc_media_player_release() of a playing player stops it first, which blocks: release players only on a
// worker thread (VlcSource's), never on the GUI thread. Thread: as the wrapped handle.
#include <vlc/vlc.h>

#include <memory>

namespace vigil::video::vlc {

template<auto Fn> struct Releaser
{
    template<typename T> void operator()(T *p) const noexcept
    {
        if (p)
            Fn(p);
    }
};

using MediaPtr = std::unique_ptr<libvlc_media_t, Releaser<&libvlc_media_release>>;
using PlayerPtr = std::unique_ptr<libvlc_media_player_t, Releaser<&libvlc_media_player_release>>;

} // namespace vigil::video::vlc
