#include "vigil/core/paths.h"

#include <QtCore/QDir>
#include <QtCore/QStandardPaths>

namespace vigil::core {

namespace {
QString fromEnvOr(const char *var, QStandardPaths::StandardLocation loc, const QString &leaf)
{
    const QString env = qEnvironmentVariable(var);
    if (!env.isEmpty())
        return env;
    return QDir(QStandardPaths::writableLocation(loc)).filePath(leaf);
}
} // namespace

QString configDir()
{
    return fromEnvOr("VIGIL_CONFIG_DIR", QStandardPaths::GenericConfigLocation, QStringLiteral("vigil"));
}
QString cacheDir()
{
    return fromEnvOr("VIGIL_CACHE_DIR", QStandardPaths::GenericCacheLocation, QStringLiteral("vigil"));
}
QString picturesDir()
{
    return fromEnvOr("VIGIL_PICTURES_DIR", QStandardPaths::PicturesLocation, QStringLiteral("Vigil"));
}

QString recordingsDir()
{
    return fromEnvOr("VIGIL_RECORDINGS_DIR", QStandardPaths::MoviesLocation, QStringLiteral("Vigil"));
}

} // namespace vigil::core
