#pragma once
// `vigilctl backend cameras|live|recordings|units|alarms ...`: ask a video platform ("site") for its camera
// tree, a live URL or recordings, or listen to its push (units, alarms: JSON lines), with
// the same library (vigil_backend) and error sentences as the UI; JSON on stdout; credentials in stream URLs
// redacted unless --show-secrets. Kinds: "ours" (the Vigil API); zlm, wvp and artemis are not supported yet.
// Exit codes: 0 ok (also --help), 1 the platform call failed (the JSON says why), 2 usage error.
#include <QtCore/QStringList>

class QIODevice;

namespace vigil::vigilctl {

// args: {"vigilctl", "<subcommand>", ...} (the program name first, "backend" already removed).
int runBackend(const QStringList &args);
int runBackend(const QStringList &args, QIODevice *out, QIODevice *err);

} // namespace vigil::vigilctl
