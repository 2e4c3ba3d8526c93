#include "ff.h"
#include "vigil/recording/recorder.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

#include <algorithm>

namespace vigil::recording {

QuotaResult enforceQuota(const QString &root, qint64 budgetBytes, const QStringList &keep)
{
    struct File
    {
        QDateTime start;
        QString path;
        qint64 bytes = 0;
        bool newest = false;
    };
    std::vector<File> files;
    const QDir rootDir(root);
    for (const QString &camera : RecordingIndex::cameras(root)) {
        const QFileInfoList infos = QDir(rootDir.filePath(camera))
                                        .entryInfoList({QStringLiteral("*") + QLatin1String(kSegmentSuffix)},
                                                       QDir::Files, QDir::Name);
        const size_t first = files.size();
        for (const QFileInfo &fi : infos) {
            if (auto start = parseSegmentFileName(fi.fileName()))
                files.push_back({*start, fi.absoluteFilePath(), fi.size(), false});
        }
        if (files.size() > first) {
            auto newest = std::max_element(files.begin() + qsizetype(first), files.end(),
                                           [](const File &a, const File &b) { return a.start < b.start; });
            newest->newest = true; // may be open in a recorder (of this process or another)
        }
    }
    QuotaResult r;
    for (const File &f : files)
        r.bytesBefore += f.bytes;
    r.bytesAfter = r.bytesBefore;
    if (budgetBytes <= 0 || r.bytesBefore <= budgetBytes)
        return r;
    std::sort(files.begin(), files.end(), [](const File &a, const File &b) { return a.start < b.start; });
    for (const File &f : files) {
        if (r.bytesAfter <= budgetBytes)
            break;
        if (f.newest || keep.contains(f.path))
            continue;
        if (QFile::remove(f.path) || !QFileInfo::exists(f.path)) {
            r.bytesAfter -= f.bytes;
            r.deleted.append(f.path);
        } else {
            qCWarning(vigilRecording) << "quota: could not delete" << f.path;
        }
    }
    if (!r.deleted.isEmpty())
        qCInfo(vigilRecording).noquote()
            << QStringLiteral("quota: deleted %1 oldest segments under %2 (%3 -> %4 "
                              "bytes, budget %5)")
                   .arg(r.deleted.size())
                   .arg(root)
                   .arg(r.bytesBefore)
                   .arg(r.bytesAfter)
                   .arg(budgetBytes);
    return r;
}

} // namespace vigil::recording
