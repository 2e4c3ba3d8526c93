#pragma once
// The local recordings on disk, as a list of segments: `<root>/<cameraId>/<UTC start>.mkv`, the start time in
// the file name (yyyyMMdd'T'HHmmss.zzz, UTC), the end from the file's recorded duration — or, for a segment
// that has none (being written now, or cut short by a crash), the time of its last write.
//
// Name parsing, range filtering and time -> (segment, offset) are pure functions (no FFmpeg, no disk) and
// carry the unit tests. scan() touches the disk: one directory listing plus one header read per closed
// segment (cached per path, size and mtime, so a timeline refresh re-reads only new files). Thread: any;
// scan() does disk I/O, so never call it on the GUI thread for a large root.
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QStringView>

#include <functional>
#include <optional>

namespace vigil::recording {

inline constexpr char kSegmentSuffix[] = ".mkv";

struct Segment
{
    QString cameraId;
    QDateTime start; // UTC, from the file name
    QDateTime end;   // UTC: start + duration; for an open segment the time of the file's last write
    QString path;    // absolute
    qint64 bytes = 0;
    // No duration recorded in the file: the newest segment of a recorder that is writing it now, or one that
    // a crash or power cut interrupted (it plays up to its last complete cluster).
    bool open = false;

    qint64 durationMs() const { return start.msecsTo(end); }
    friend bool operator==(const Segment &, const Segment &) = default;
};

// "20261206T223012.345.mkv" for 2026-12-06 22:30:12.345 UTC.
QString segmentFileName(const QDateTime &startUtc);
// The UTC start written in a segment's file name (with or without directory); nullopt for any other name.
std::optional<QDateTime> parseSegmentFileName(QStringView fileName);

// The folder name of a camera under a recordings root: the id itself when it is a safe name, else with '/',
// '\\', ':' and control characters replaced by '_' and a leading '.' prefixed with '_' (an id can never
// reach outside the root). The Recorder writes there and scan() reads there.
QString cameraDirName(const QString &cameraId);

// Where time T is: in `segment`, `offsetMs` from its start.
struct Position
{
    Segment segment;
    qint64 offsetMs = 0;
};

class RecordingIndex
{
public:
    RecordingIndex() = delete;

    // What scan() learns about one file; fromFiles() turns these into segments (pure, unit-tested).
    struct FileFacts
    {
        QString path;
        qint64 bytes = 0;
        QDateTime modified;     // last write (UTC)
        qint64 durationMs = -1; // recorded duration; -1 = none (open segment)
    };
    // The recorded duration of a media file in ms, or -1 when the file records none. Reads the header only.
    using DurationProbe = std::function<qint64(const QString &path)>;
    static qint64 probeDurationMs(const QString &path); // libavformat, cached per (path, size, mtime)

    // Segments of <root>/<cameraId>, oldest first. Files whose names are not segment names are ignored.
    static QList<Segment> scan(const QString &root, const QString &cameraId,
                               const DurationProbe &probe = &RecordingIndex::probeDurationMs);
    // Camera ids that have a directory under root (sorted).
    static QStringList cameras(const QString &root);

    // Pure: facts -> segments, sorted by start. Files with foreign names are dropped.
    static QList<Segment> fromFiles(const QString &cameraId, QList<FileFacts> files);
    // Pure: the segments that overlap [from, to] (an invalid from/to is open-ended), in order.
    static QList<Segment> filter(const QList<Segment> &segments, const QDateTime &from, const QDateTime &to);
    // Pure: the segment that holds time t and the offset into it. In a gap (or before the first segment):
    // the next segment at offset 0, so playback jumps the gap; after the last one: nullopt.
    static std::optional<Position> locate(const QList<Segment> &segments, const QDateTime &t);
};

} // namespace vigil::recording
