#pragma once
// Export: a time range of one recording source — a local camera's segments, or any URL or file libavformat
// opens — to one MP4, stream copy only (+faststart), timestamps rebased to start at 0, cut at the key frame
// at or before `from`. A SHA-256 checksum file `<file>.sha256` ("<hex>  <name>\n", sha256sum -c compatible)
// is written beside it. The MP4 is written as `<file>.part` and renamed when complete: a cancelled or failed
// export leaves no output file. Audio whose codec MP4 cannot carry (G.711 from cameras) is left out and said
// so.
//
// exportMedia() is the blocking engine (for a worker thread or vigilctl); Exporter runs it on its own thread
// and reports to the GUI thread. Thread: exportMedia any thread; Exporter GUI thread.
#include "vigil/recording/recording_index.h"
#include "vigil/video/media_source.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <atomic>
#include <functional>
#include <memory>

namespace vigil::recording {

// One piece of media: [fromMs, toMs] counted from the start of that media (toMs < 0 = to its end).
struct ExportPiece
{
    video::MediaSource source;
    qint64 fromMs = 0;
    qint64 toMs = -1;
};

struct ExportRequest
{
    QList<ExportPiece> pieces; // played one after another into one file
    QString outputPath;        // .mp4

    // [fromS, toS] seconds from the start of one URL or file.
    static ExportRequest forMedia(const video::MediaSource &source, double fromS, double toS,
                                  const QString &outputPath);
    // [from, to] (UTC) across a local camera's segments (RecordingIndex::scan()).
    static ExportRequest forSegments(const QList<Segment> &segments, const QDateTime &from,
                                     const QDateTime &to, const QString &outputPath);
};

struct ExportResult
{
    Q_GADGET
    Q_PROPERTY(bool ok MEMBER ok)
    Q_PROPERTY(bool cancelled MEMBER cancelled)
    Q_PROPERTY(QString path MEMBER path)
    Q_PROPERTY(QString sha256Path MEMBER sha256Path)
    Q_PROPERTY(QString sha256 MEMBER sha256)
    Q_PROPERTY(qint64 durationMs MEMBER durationMs)
    Q_PROPERTY(qint64 bytes MEMBER bytes)
    Q_PROPERTY(QString note MEMBER note)
    Q_PROPERTY(QString error MEMBER error)

public:
    bool ok = false;
    bool cancelled = false;
    QString path;       // the MP4 ("" when not written)
    QString sha256Path; // the checksum file
    QString sha256;     // hex
    qint64 durationMs = 0;
    qint64 bytes = 0;
    QString note;  // e.g. which audio was left out ("" = none)
    QString error; // translated sentence: what failed and what to do
};

// "<camera>_<from>_<to>.mp4" with times as yyyyMMdd'T'HHmmss'Z' (UTC), safe in any file system.
QString defaultExportFileName(const QString &cameraId, const QDateTime &from, const QDateTime &to);

// Blocking. progress(0..1) is called on the calling thread now and then; `cancel` (may be null) is polled,
// also inside blocking reads.
ExportResult exportMedia(const ExportRequest &request, const std::function<void(double)> &progress = {},
                         const std::atomic<bool> *cancel = nullptr);

class Exporter : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit Exporter(QObject *parent = nullptr);
    ~Exporter() override; // cancels a running export (its worker removes the partial file)

    // Starts one export on a worker thread ("recording-export"). False if one is already running.
    bool start(const ExportRequest &request);
    Q_INVOKABLE void cancel();

    bool isRunning() const { return m_running; }
    double progress() const { return m_progress; }
    QString lastError() const { return m_last.error; }
    ExportResult lastResult() const { return m_last; }

signals:
    void runningChanged();
    void progressChanged();
    void lastErrorChanged();
    void finished(const vigil::recording::ExportResult &result);

private:
    struct Job;
    std::shared_ptr<Job> m_job;
    bool m_running = false;
    double m_progress = 0;
    ExportResult m_last;
};

} // namespace vigil::recording
