#pragma once
// Where Vigil keeps its files (XDG). Tests point VIGIL_CONFIG_DIR / VIGIL_CACHE_DIR elsewhere.
#include <QtCore/QString>

namespace vigil::core {
QString configDir();   // $VIGIL_CONFIG_DIR or ~/.config/vigil
QString cacheDir();    // $VIGIL_CACHE_DIR or ~/.cache/vigil
QString picturesDir(); // ~/Pictures/Vigil (snapshots)
} // namespace vigil::core
