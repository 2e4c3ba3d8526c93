#pragma once
// Helpers around vigil::core's atomic config files, private to vigil_wall (vigil_cameras has the same two;
// they belong in vigil_core once readFileWithBackup reports where it kept a damaged file). Thread: any.
#include <QtCore/QString>

namespace vigil::wall::detail {

// The newest "<path>.corrupt-<time>" copy left by readFileWithBackup, or "" when there is none.
QString newestCorruptCopy(const QString &path);

// After readFileWithBackup rejected `path` and kept a byte-identical .corrupt copy, removes `path` so that
// the next writeFileAtomically does not copy the damaged bytes over the good .bak.
void retireDamagedFile(const QString &path);

} // namespace vigil::wall::detail
