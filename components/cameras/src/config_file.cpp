#include "config_file.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

namespace vigil::cameras::detail {

bool restrictToOwner(const QString &path)
{
    constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
            return false;
    }
    return QFile::setPermissions(path, kOwnerOnly);
}

} // namespace vigil::cameras::detail
