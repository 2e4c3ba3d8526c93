#include "vigil/app/recording_service.h"

#include "vigil/access/audit_sink.h"
#include "vigil/sites/site_manager.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"
#include "vigil/playback/playback_session.h"
#include "vigil/recording/exporter.h"
#include "vigil/recording/recorder.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QDir>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimeZone>
#include <QtQml/QJSEngine>
#include <QtQml/QQmlEngine>

#include <algorithm>

namespace vigil::app {

namespace {
RecordingService *s_instance = nullptr;
}

struct RecordingService::Entry
{
    std::unique_ptr<recording::Recorder> recorder;
    QTimer stopTimer; // "record for M minutes"
};

RecordingService::RecordingService(cameras::CameraDirectory *directory, Options options, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_options(std::move(options))
{}

RecordingService::~RecordingService()
{
    if (s_instance == this)
        s_instance = nullptr;
}

RecordingService *RecordingService::create(QQmlEngine *engine, QJSEngine *)
{
    if (!s_instance) {
        // A QML test or tool without the app's service: one that records nothing (no camera directory).
        qCInfo(vigilApp) << "Recordings: no recording service installed; recording is off in this engine";
        return new RecordingService(nullptr, Options{core::recordingsDir()}, engine);
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void RecordingService::setInstance(RecordingService *service)
{
    s_instance = service;
}

RecordingService *RecordingService::instance()
{
    return s_instance;
}

QStringList RecordingService::recordingCameras() const
{
    QStringList ids;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        if (it.value()->recorder->isRecording())
            ids.append(it.key());
    ids.sort();
    return ids;
}

bool RecordingService::isRecording(const QString &cameraId) const
{
    const auto it = m_entries.constFind(cameraId);
    return it != m_entries.cend() && it.value()->recorder->isRecording();
}

bool RecordingService::start(const QString &cameraId, int minutes, int preSeconds)
{
    // Directory names on disk: a camera id is ours ("cam01", a UUID) but may come from a platform.
    static const QRegularExpression safeId(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    if (!safeId.match(cameraId).hasMatch() || cameraId.startsWith(QLatin1Char('.'))) {
        setLastError(
            tr("Camera %1 cannot be recorded: its id is not usable as a folder name.").arg(cameraId));
        return false;
    }
    auto it = m_entries.find(cameraId);
    if (it == m_entries.end()) {
        const auto stream =
            m_directory ? m_directory->resolve(cameraId, QStringLiteral("main")) : std::nullopt;
        if (!stream) {
            setLastError(tr("Camera %1 cannot be recorded: it is not in the camera list (or has no stream).")
                             .arg(cameraId));
            return false;
        }
        recording::RecorderOptions o;
        o.root = m_options.root;
        o.cameraId = cameraId;
        o.source.url = stream->url;
        o.source.user = stream->user;
        o.source.password = stream->password;
        o.segmentSeconds = m_options.segmentSeconds;
        o.quotaBytes = m_options.quotaBytes;
        o.preAlarmSeconds = m_options.preAlarmSeconds;
        auto entry = std::make_shared<Entry>();
        entry->recorder = std::make_unique<recording::Recorder>(o);
        entry->stopTimer.setSingleShot(true);
        recording::Recorder *recorder = entry->recorder.get();
        connect(recorder, &recording::Recorder::recordingChanged, this, [this, cameraId] {
            emit recordingCamerasChanged();
            emit statusChanged(cameraId);
        });
        connect(recorder, &recording::Recorder::stateChanged, this,
                [this, cameraId] { emit statusChanged(cameraId); });
        connect(recorder, &recording::Recorder::lastErrorChanged, this, [this, cameraId, recorder] {
            if (!recorder->lastError().isEmpty()) {
                qCWarning(vigilApp) << "recording of" << cameraId << ":" << recorder->lastError();
                setLastError(recorder->lastError());
            }
            emit statusChanged(cameraId);
        });
        connect(&entry->stopTimer, &QTimer::timeout, this, [this, cameraId] { stop(cameraId); });
        it = m_entries.insert(cameraId, entry);
    }
    Entry &entry = *it.value();
    if (minutes > 0)
        entry.stopTimer.start(minutes * 60 * 1000);
    else
        entry.stopTimer.stop();
    if (!entry.recorder->isRecording()) {
        qCInfo(vigilApp) << "recording" << cameraId << "to" << m_options.root
                         << (minutes > 0 ? QStringLiteral("for %1 min").arg(minutes) : QString());
        entry.recorder->start(preSeconds);
    }
    return true;
}

void RecordingService::stop(const QString &cameraId)
{
    const auto it = m_entries.find(cameraId);
    if (it == m_entries.end())
        return;
    it.value()->stopTimer.stop();
    if (it.value()->recorder->isRecording()) {
        qCInfo(vigilApp) << "recording of" << cameraId << "stopped";
        it.value()->recorder->stop();
    }
}

void RecordingService::shutdown()
{
    const bool any = !recordingCameras().isEmpty();
    m_entries.clear(); // each Recorder's destructor asks its worker to close the segment and end
    if (any)
        emit recordingCamerasChanged();
}

bool RecordingService::toggle(const QString &cameraId)
{
    if (isRecording(cameraId)) {
        stop(cameraId);
        return false;
    }
    return start(cameraId);
}

QString RecordingService::statusOf(const QString &cameraId) const
{
    const auto it = m_entries.constFind(cameraId);
    if (it == m_entries.cend() || !it.value()->recorder->isRecording())
        return {};
    const recording::Recorder &r = *it.value()->recorder;
    switch (r.state()) {
    case recording::Recorder::State::Recording:
        return tr("Recording");
    case recording::Recorder::State::Connecting:
    case recording::Recorder::State::Buffering:
        return tr("Recording: connecting…");
    case recording::Recorder::State::Reconnecting:
        return r.lastError().isEmpty() ? tr("Recording: reconnecting…")
                                       : tr("Recording: reconnecting — %1").arg(r.lastError());
    case recording::Recorder::State::Idle:
        break;
    }
    return tr("Recording");
}

struct RecordingService::ExportJob
{
    QStringList cameras;
    int next = 0; // cameras[next - 1] is being exported
    QDateTime from;
    QDateTime to;
    QString dir;
    std::unique_ptr<recording::Exporter> exporter;
    QStringList written;
    QStringList failed;
    bool cancelled = false;
};

bool RecordingService::exporting() const
{
    return m_export != nullptr;
}

double RecordingService::exportProgress() const
{
    if (!m_export || m_export->cameras.isEmpty())
        return 0;
    const double current = m_export->exporter ? m_export->exporter->progress() : 0;
    return std::clamp((double(std::max(0, m_export->next - 1)) + current) / double(m_export->cameras.size()),
                      0.0, 1.0);
}

QString RecordingService::exportDir() const
{
    return core::recordingsDir() + QStringLiteral("-exports");
}

bool RecordingService::exportRange(const QStringList &cameraIds, double fromMs, double toMs)
{
    const QString what =
        QStringLiteral("%1 from %2 to %3")
            .arg(cameraIds.join(QLatin1Char(',')),
                 QDateTime::fromMSecsSinceEpoch(qint64(fromMs), Qt::UTC).toString(Qt::ISODate),
                 QDateTime::fromMSecsSinceEpoch(qint64(toMs), Qt::UTC).toString(Qt::ISODate));
    if (QString why; !access::permit(access::Action::Export, u"export", what, &why)) {
        emit exportFinished(why, false); // refused for the user's role, and audited as refused
        return false;
    }
    if (m_export) {
        emit exportFinished(tr("An export is running; wait for it or cancel it first."), false);
        return false;
    }
    const qint64 length = qint64(toMs - fromMs);
    if (cameraIds.isEmpty() || length <= 0 || length > 24LL * 3600 * 1000) {
        emit exportFinished(
            tr("Mark the start and the end of what to export (at most 24 hours), then export."), false);
        return false;
    }
    if (!QDir().mkpath(exportDir())) {
        emit exportFinished(tr("The export folder %1 cannot be created. Check the disk and its permissions.")
                                .arg(exportDir()),
                            false);
        return false;
    }
    m_export = std::make_shared<ExportJob>();
    m_export->cameras = cameraIds;
    m_export->from = QDateTime::fromMSecsSinceEpoch(qint64(fromMs), Qt::UTC);
    m_export->to = QDateTime::fromMSecsSinceEpoch(qint64(toMs), Qt::UTC);
    m_export->dir = exportDir();
    qCInfo(vigilApp) << "exporting" << cameraIds << m_export->from << "to" << m_export->to << "into"
                     << m_export->dir;
    access::audit(u"export", QStringLiteral("started: %1 into %2").arg(what, m_export->dir));
    exportNext();
    return true;
}

void RecordingService::cancelExport()
{
    if (!m_export)
        return;
    m_export->cancelled = true;
    m_export->next = int(m_export->cameras.size());
    if (m_export->exporter)
        m_export->exporter->cancel(); // its finished() ends the job
    else
        exportNext();
}

void RecordingService::exportNext()
{
    const std::shared_ptr<ExportJob> job = m_export;
    if (!job)
        return;
    job->exporter.reset();
    if (job->next >= job->cameras.size()) {
        QString text;
        const bool ok = job->failed.isEmpty() && !job->cancelled;
        if (job->cancelled)
            text = tr("Export cancelled. Files already written stay in %1.").arg(job->dir);
        else if (ok)
            text = tr("Exported %n file(s) to %1, each with a SHA-256 checksum file beside it.", "",
                      int(job->written.size()))
                       .arg(job->dir);
        else
            text = tr("Exported %1 of %2 cameras to %3. Not exported: %4")
                       .arg(job->written.size())
                       .arg(job->cameras.size())
                       .arg(job->dir, job->failed.join(QStringLiteral("; ")));
        qCInfo(vigilApp).noquote() << text;
        access::audit(u"export", QStringLiteral("%1: %2 of %3 cameras written to %4")
                                     .arg(job->cancelled ? "cancelled"
                                          : ok           ? "finished"
                                                         : "incomplete")
                                     .arg(job->written.size())
                                     .arg(job->cameras.size())
                                     .arg(job->dir));
        m_export.reset();
        m_exportStatus = text;
        emit exportChanged();
        emit exportFinished(text, ok);
        return;
    }
    const QString cameraId = job->cameras.at(job->next++);
    m_exportStatus = tr("Exporting %1 (%2 of %3)…").arg(cameraId).arg(job->next).arg(job->cameras.size());
    emit exportChanged();
    // Which segments hold the range: a directory listing and header reads, off the GUI thread.
    const QString root = m_options.root;
    const std::weak_ptr<ExportJob> weak = job;
    QPointer<RecordingService> self(this);
    const QDateTime from = job->from;
    const QDateTime to = job->to;
    core::WorkerThreads::start(QStringLiteral("recordings-scan"), [root, cameraId, from, to, weak, self] {
        const QList<recording::Segment> segments =
            recording::RecordingIndex::filter(recording::RecordingIndex::scan(root, cameraId), from, to);
        core::postToApp([segments, cameraId, weak, self] {
            const auto live = weak.lock();
            if (!self || !live || self->m_export != live)
                return;
            if (segments.isEmpty() || live->cancelled) {
                if (!live->cancelled)
                    live->failed << tr("%1 has no recording in that range").arg(cameraId);
                self->exportNext();
                return;
            }
            live->exporter = std::make_unique<recording::Exporter>();
            recording::Exporter *exporter = live->exporter.get();
            connect(exporter, &recording::Exporter::progressChanged, self, &RecordingService::exportChanged);
            connect(exporter, &recording::Exporter::finished, self,
                    [self, weak, cameraId](const recording::ExportResult &result) {
                        const auto current = weak.lock();
                        if (!self || !current)
                            return;
                        if (result.ok)
                            current->written << result.path;
                        else if (!result.cancelled)
                            current->failed << QStringLiteral("%1 (%2)").arg(cameraId, result.error);
                        // Not from inside the exporter's own signal: it is destroyed by exportNext().
                        QTimer::singleShot(0, self, [self] {
                            if (self)
                                self->exportNext();
                        });
                    });
            const QString file =
                QDir(live->dir).filePath(recording::defaultExportFileName(cameraId, live->from, live->to));
            if (!exporter->start(
                    recording::ExportRequest::forSegments(segments, live->from, live->to, file))) {
                live->failed << tr("%1 could not be started").arg(cameraId);
                self->exportNext();
            }
        });
    });
}

void RecordingService::setLastError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

void RecordingService::installPlaybackLookup()
{
    const QString root = m_options.root;
    playback::PlaybackSession::setDefaultRecordingLookup(
        [root](const QString &cameraId, playback::Span range,
               std::function<void(QList<playback::RecordingPiece>, QString)> done) {
            // A platform camera: the platform's recordings, through its adapter.
            if (sites::SiteManager *sites = sites::SiteManager::instance();
                sites && sites->isSiteCamera(cameraId)) {
                sites->recordings(
                    cameraId, QDateTime::fromMSecsSinceEpoch(range.startMs, Qt::UTC),
                    QDateTime::fromMSecsSinceEpoch(range.endMs, Qt::UTC),
                    [done](const QList<backend::RecordingSegment> &segments, const QString &error) {
                        QList<playback::RecordingPiece> pieces;
                        for (const backend::RecordingSegment &s : segments) {
                            if (!s.url.isEmpty())
                                pieces.append({s.start.toMSecsSinceEpoch(), s.end.toMSecsSinceEpoch(),
                                               s.url.toString()});
                        }
                        done(pieces, pieces.isEmpty() ? error : QString());
                    });
                return;
            }
            // One directory listing plus a header read per new file: off the GUI thread.
            core::WorkerThreads::start(QStringLiteral("recordings-scan"), [root, cameraId, range, done] {
                const QList<recording::Segment> segments =
                    recording::RecordingIndex::filter(recording::RecordingIndex::scan(root, cameraId),
                                                      QDateTime::fromMSecsSinceEpoch(range.startMs, Qt::UTC),
                                                      QDateTime::fromMSecsSinceEpoch(range.endMs, Qt::UTC));
                QList<playback::RecordingPiece> pieces;
                for (const recording::Segment &s : segments)
                    pieces.append({s.start.toMSecsSinceEpoch(), s.end.toMSecsSinceEpoch(), s.path});
                core::postToApp([done, pieces] { done(pieces, QString()); });
            });
        });
}

} // namespace vigil::app
