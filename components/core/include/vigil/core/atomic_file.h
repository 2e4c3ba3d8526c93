#pragma once
// Config files that survive power cuts and bad edits. Thread: any (no shared state).
#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace vigil::core {

// Writes `data` to `path` atomically: temp file in the same directory, fsync, rename over the target.
// The previous content is kept as `path + ".bak"` first, with the same permissions (a 0600 secrets file keeps
// a 0600 backup). Returns false and fills `error` on failure; the old file is then untouched.
bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error = nullptr);

struct LoadedFile
{
    QByteArray data;
    bool exists = false;     // the main file or its backup was there
    bool fromBackup = false; // the main file was missing or rejected and the backup was used
    QString error;           // why the main file was rejected (empty when it was fine)
    QString keptAs;          // where the rejected main file was moved ("" when nothing was rejected)
};

// Reads `path`; if it is missing, unreadable or `validate` rejects it (returns a non-empty reason), falls
// back to `path.bak`. A rejected main file is MOVED to `path.corrupt-<timestamp>` (permissions kept), so
// nothing is lost and the next writeFileAtomically() cannot back the damaged bytes up over the good .bak.
using Validator = QString (*)(const QByteArray &);
LoadedFile readFileWithBackup(const QString &path, Validator validate);

} // namespace vigil::core
