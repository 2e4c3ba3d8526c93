#pragma once
// `vigilctl onvif ...`: discover, info, ptz and events for field technicians commissioning cameras. Same
// library (vigil_onvif) and error sentences as the UI; JSON on stdout; passwords never printed.
// Exit codes: 0 ok (also --help, which prints the usage on stdout), 1 the operation failed (the JSON says
// why), 2 usage error (the usage on stderr).
#include <QtCore/QStringList>

class QIODevice;

namespace vigil::vigilctl {

// args: {"vigilctl", "<subcommand>", ...} (the program name first, "onvif" already removed).
int runOnvif(const QStringList &args);
// The same, writing to the given devices (tests).
int runOnvif(const QStringList &args, QIODevice *out, QIODevice *err);

} // namespace vigil::vigilctl
