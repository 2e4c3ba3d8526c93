#pragma once
// Where Vigil keeps its files (XDG). Tests point VIGIL_CONFIG_DIR / VIGIL_CACHE_DIR elsewhere.
#include <QtCore/QString>

namespace vigil::core {
QString configDir();   // $VIGIL_CONFIG_DIR or ~/.config/vigil
QString cacheDir();    // $VIGIL_CACHE_DIR or ~/.cache/vigil
QString picturesDir(); // ~/Pictures/Vigil (snapshots)
QString
recordingsDir(); // $VIGIL_RECORDINGS_DIR or ~/Videos/Vigil (local recordings: <cameraId>/<UTC start>.mkv)
} // namespace vigil::core
