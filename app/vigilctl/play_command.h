#pragma once
// `vigilctl play URL [--seek SECONDS] [--rate R] [--seconds N]`: opens a recording (a file path or an http(s)
// URL) with Vigil's recorded engine (libVLC), seeks, plays N seconds of wall time at the rate and prints
// JSON: first_media_time_s (the media time of the first frame shown after the seek), frames_decoded,
// effective_rate (media seconds advanced per wall second), width, height, ... On failure a JSON error.
// Exit codes: 0 ok (also --help), 1 the recording could not be played (the JSON says why), 2 usage error.
#include <QtCore/QStringList>

namespace vigil::vigilctl {

// args: {"vigilctl", ...} (the program name first, "play" already removed).
int runPlay(const QStringList &args);

} // namespace vigil::vigilctl
