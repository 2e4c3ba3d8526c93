#pragma once
// `vigilctl recordings | export | record`: local recordings from the command line, with the same library
// (vigil_recording) and error sentences as the UI; JSON on stdout; passwords never printed.
//   recordings ROOT CAMERA --kind local [--from T --to T]   segments on disk with start, end, playback URL
//   export URL-or-FILE --from S --to S -o FILE.mp4          stream copy of [S, S] seconds + FILE.mp4.sha256
//   record URL CAMERA-ID --root DIR --seconds N [--segment-seconds S]   records N seconds, then stops cleanly
// Exit codes: 0 ok (also --help, usage on stdout), 1 the operation failed (the JSON says why), 2 usage error.
#include <QtCore/QStringList>

namespace vigil::vigilctl {

// args: {"vigilctl", ...} (the program name first, the command already removed).
int runRecordings(const QStringList &args);
int runExport(const QStringList &args);
int runRecord(const QStringList &args);

} // namespace vigil::vigilctl
