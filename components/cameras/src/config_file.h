#pragma once
// Helpers around vigil::core's atomic config files, private to vigil_cameras. Thread: any.
// (Candidates for vigil_core: readFileWithBackup could report where it kept the damaged file.)
#include <QtCore/QString>

namespace vigil::cameras::detail {

// The newest "<path>.corrupt-<time>" copy left by readFileWithBackup, or "" when there is none.
QString newestCorruptCopy(const QString &path);

// After readFileWithBackup rejected `path` and kept a byte-identical .corrupt copy, removes `path` so that
// the next writeFileAtomically does not copy the damaged bytes over the good .bak. Does nothing without that
// copy.
void retireDamagedFile(const QString &path);

// Makes `path` readable by its owner only (0600), creating it empty when missing, so that QSaveFile (which
// keeps an existing file's permissions) never exposes a secret even for a moment.
bool restrictToOwner(const QString &path);

} // namespace vigil::cameras::detail
