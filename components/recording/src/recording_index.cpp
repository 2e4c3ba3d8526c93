#include "vigil/recording/recording_index.h"

#include "ff.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimeZone>

#include <algorithm>
#include <mutex>

namespace vigil::recording {

namespace {
const QString kNameFormat = QStringLiteral("yyyyMMdd'T'HHmmss.zzz");
} // namespace

QString segmentFileName(const QDateTime &startUtc)
{
    return startUtc.toUTC().toString(kNameFormat) + QLatin1String(kSegmentSuffix);
}

std::optional<QDateTime> parseSegmentFileName(QStringView fileName)
{
    const qsizetype slash = fileName.lastIndexOf(QLatin1Char('/'));
    if (slash >= 0)
        fileName = fileName.mid(slash + 1);
    static const QRegularExpression re(QStringLiteral("^(\\d{8}T\\d{6}\\.\\d{3})\\.mkv$"));
    const auto m = re.match(fileName.toString());
    if (!m.hasMatch())
        return std::nullopt;
    QDateTime t = QDateTime::fromString(m.captured(1), kNameFormat);
    if (!t.isValid())
        return std::nullopt;
    t.setTimeSpec(Qt::UTC);
    return t;
}

QString cameraDirName(const QString &cameraId)
{
    QString d = cameraId;
    for (QChar &c : d)
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char(':') ||
            c.category() == QChar::Other_Control)
            c = QLatin1Char('_');
    if (d.isEmpty() || d.startsWith(QLatin1Char('.')))
        d.prepend(QLatin1Char('_'));
    return d;
}

QList<Segment> RecordingIndex::fromFiles(const QString &cameraId, QList<FileFacts> files)
{
    QList<Segment> out;
    out.reserve(files.size());
    for (FileFacts &f : files) {
        const auto start = parseSegmentFileName(f.path);
        if (!start)
            continue;
        Segment s;
        s.cameraId = cameraId;
        s.start = *start;
        s.path = std::move(f.path);
        s.bytes = f.bytes;
        s.open = f.durationMs < 0;
        if (s.open) {
            const QDateTime m = f.modified.isValid() ? f.modified.toUTC() : s.start;
            s.end = std::max(m, s.start);
        } else {
            s.end = s.start.addMSecs(f.durationMs);
        }
        out.append(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const Segment &a, const Segment &b) { return a.start < b.start; });
    return out;
}

QList<Segment> RecordingIndex::filter(const QList<Segment> &segments, const QDateTime &from,
                                      const QDateTime &to)
{
    QList<Segment> out;
    for (const Segment &s : segments) {
        if (from.isValid() && s.end < from)
            continue;
        if (to.isValid() && s.start > to)
            continue;
        out.append(s);
    }
    return out;
}

std::optional<Position> RecordingIndex::locate(const QList<Segment> &segments, const QDateTime &t)
{
    // Segments are sorted by start; the holder is the last one starting at or before t.
    auto it = std::upper_bound(segments.cbegin(), segments.cend(), t,
                               [](const QDateTime &v, const Segment &s) { return v < s.start; });
    if (it != segments.cbegin()) {
        const Segment &s = *(it - 1);
        if (t < s.end || (s.open && t <= s.end))
            return Position{s, s.start.msecsTo(t)};
    }
    if (it == segments.cend())
        return std::nullopt;
    return Position{*it, 0}; // in a gap: the next recording
}

qint64 RecordingIndex::probeDurationMs(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return -1;
    const QString key = path + QLatin1Char('|') + QString::number(fi.size()) + QLatin1Char('|') +
                        QString::number(fi.lastModified().toMSecsSinceEpoch());
    static std::mutex mutex;
    static QHash<QString, qint64> cache;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.constFind(key); it != cache.constEnd())
            return *it;
    }
    ff::initOnce();
    AVFormatContext *raw = nullptr;
    qint64 ms = -1;
    const QByteArray local = QFile::encodeName(path);
    if (avformat_open_input(&raw, local.constData(), nullptr, nullptr) >= 0) {
        ff::InputPtr in(raw);
        if (in->duration != AV_NOPTS_VALUE && in->duration > 0)
            ms = in->duration / 1000;
    }
    std::lock_guard lock(mutex);
    if (cache.size() > 200000)
        cache.clear();
    // An open segment's size and mtime change with every write, so its entry is never hit again; a closed
    // one keeps its key.
    if (ms >= 0)
        cache.insert(key, ms);
    return ms;
}

QList<Segment> RecordingIndex::scan(const QString &root, const QString &cameraId, const DurationProbe &probe)
{
    const QDir dir(QDir(root).filePath(cameraDirName(cameraId)));
    QList<FileFacts> facts;
    const QFileInfoList infos =
        dir.entryInfoList({QStringLiteral("*") + QLatin1String(kSegmentSuffix)}, QDir::Files, QDir::Name);
    for (const QFileInfo &fi : infos) {
        if (!parseSegmentFileName(fi.fileName()))
            continue;
        FileFacts f;
        f.path = fi.absoluteFilePath();
        f.bytes = fi.size();
        f.modified = fi.lastModified().toUTC();
        f.durationMs = probe ? probe(f.path) : -1;
        facts.append(std::move(f));
    }
    return fromFiles(cameraId, std::move(facts));
}

QStringList RecordingIndex::cameras(const QString &root)
{
    return QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace vigil::recording
