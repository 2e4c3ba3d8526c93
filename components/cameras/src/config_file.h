#pragma once
// Helpers around vigil::core's atomic config files, private to vigil_cameras. Thread: any.
#include <QtCore/QString>

namespace vigil::cameras::detail {

// Makes `path` readable by its owner only (0600), creating it empty when missing, so that QSaveFile (which
// keeps an existing file's permissions) never exposes a secret even for a moment.
bool restrictToOwner(const QString &path);

} // namespace vigil::cameras::detail
