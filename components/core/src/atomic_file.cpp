#include "vigil/core/atomic_file.h"

#include "vigil/core/logging.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QSaveFile>

namespace vigil::core {

bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create directory %1").arg(info.absolutePath());
        return false;
    }
    // Keep the last good version before replacing it (copy, so the main file is never absent).
    if (info.exists()) {
        const QString bak = path + QStringLiteral(".bak");
        QFile old(path);
        if (old.open(QIODevice::ReadOnly)) {
            const QByteArray previous = old.readAll();
            QSaveFile b(bak);
            if (b.open(QIODevice::WriteOnly) && b.write(previous) == previous.size() && b.commit())
                QFile::setPermissions(bak, QFile::permissions(path));
        }
    }
    // QSaveFile writes a temp file beside the target, flushes and fsyncs it, then renames it over the target.
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    if (f.write(data) != data.size()) {
        if (error)
            *error = f.errorString();
        f.cancelWriting();
        return false;
    }
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

namespace {
QString readAll(const QString &path, QByteArray *out)
{
    QFile f(path);
    if (!f.exists())
        return QStringLiteral("missing");
    if (!f.open(QIODevice::ReadOnly))
        return f.errorString();
    *out = f.readAll();
    return {};
}
} // namespace

LoadedFile readFileWithBackup(const QString &path, Validator validate)
{
    LoadedFile result;
    QByteArray data;
    QString why = readAll(path, &data);
    const bool mainExists = QFileInfo::exists(path);
    if (why.isEmpty() && validate)
        why = validate(data);
    if (why.isEmpty()) {
        result.data = data;
        result.exists = true;
        return result;
    }
    if (mainExists) {
        result.error = why;
        const QString stamp = path + QStringLiteral(".corrupt-") +
                              QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
        QString keep = stamp;
        for (int n = 2; QFileInfo::exists(keep); ++n) // two rejections in one second keep both files
            keep = stamp + QLatin1Char('-') + QString::number(n);
        // Moved, not copied: the next save then has no damaged main file to back up over the good .bak.
        if (QFile::rename(path, keep))
            result.keptAs = keep;
        qCWarning(vigilConfig).noquote()
            << "config file" << path << "is unusable (" << why << "); kept as"
            << (result.keptAs.isEmpty() ? QStringLiteral("(could not move it)") : keep)
            << "and trying the backup";
    }
    QByteArray bak;
    const QString bakPath = path + QStringLiteral(".bak");
    QString bakWhy = readAll(bakPath, &bak);
    if (bakWhy.isEmpty() && validate)
        bakWhy = validate(bak);
    if (bakWhy.isEmpty()) {
        result.data = bak;
        result.exists = true;
        result.fromBackup = true;
        return result;
    }
    result.exists = mainExists && result.keptAs.isEmpty();
    return result;
}

} // namespace vigil::core
