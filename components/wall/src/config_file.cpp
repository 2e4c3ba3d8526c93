#include "config_file.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

namespace vigil::wall::detail {

QString newestCorruptCopy(const QString &path)
{
    const QFileInfo info(path);
    const QStringList copies = info.dir().entryList({info.fileName() + QStringLiteral(".corrupt-*")},
                                                    QDir::Files, QDir::Name | QDir::Reversed);
    return copies.isEmpty() ? QString() : info.dir().filePath(copies.first());
}

void retireDamagedFile(const QString &path)
{
    const QString kept = newestCorruptCopy(path);
    if (kept.isEmpty())
        return;
    QFile a(path);
    QFile b(kept);
    if (a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly) && a.readAll() == b.readAll()) {
        a.close();
        QFile::remove(path);
    }
}

} // namespace vigil::wall::detail
