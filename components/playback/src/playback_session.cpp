#include "vigil/playback/playback_session.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"
#include "vigil/video/video_player.h"

#include <QtCore/QDir>
#include <QtCore/QRegularExpression>
#include <QtGui/QImage>

#include <QtCore/QDateTime>
#include <QtCore/QLoggingCategory>

#include <algorithm>
#include <cstdlib>

Q_LOGGING_CATEGORY(lcPlayback, "vigil.playback")

namespace vigil::playback {

namespace {
constexpr int kTickMs = 100;
// After an open or a seek the engine needs a moment to land; drift is not corrected meanwhile. An open
// settles from its first frame on (opening a file or an HTTP source takes 30..300 ms).
constexpr std::int64_t kSettleMs = 300;
constexpr std::int64_t kOpenTimeoutMs = 10000;
constexpr std::int64_t kLookupMarginMs = 24LL * 60 * 60 * 1000;

RecordingLookup &defaultLookup()
{
    static RecordingLookup lookup;
    return lookup;
}

MarkLookup &defaultMarkLookup()
{
    static MarkLookup lookup;
    return lookup;
}

MaskLookup &defaultMaskLookup()
{
    static MaskLookup lookup;
    return lookup;
}

// The sessions alive (GUI thread), for marksChanged().
std::vector<PlaybackSession *> &liveSessions()
{
    static std::vector<PlaybackSession *> sessions;
    return sessions;
}

QString clockText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}
} // namespace

struct PlaybackSession::Camera
{
    QString id;
    QString label;
    QList<RecordingPiece> pieces; // sorted
    std::unique_ptr<video::VideoPlayer> player;
    int current = -1; // the piece the player has open
    bool hasRecording = false;
    QString message;
    QString lookupError; // the last lookup failed: say so instead of "no recording"
    std::int64_t settleUntil = 0;
    bool opening = false;        // waiting for the first frame of a newly opened piece
    bool pauseOnLanding = false; // paused session: show the frame at the clock, then hold it
    std::int64_t landingMs = 0;  // recording time the player was sent to
    double appliedRate = 1.0;
    std::int64_t drift = 0;
};

PlaybackSession::PlaybackSession(QObject *parent)
    : QAbstractListModel(parent)
    , m_lookup(defaultLookup())
    , m_markLookup(defaultMarkLookup())
    , m_maskLookup(defaultMaskLookup())
{
    liveSessions().push_back(this);
    m_monotonic.start();
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &PlaybackSession::tick);
}

PlaybackSession::~PlaybackSession()
{
    auto &sessions = liveSessions();
    sessions.erase(std::remove(sessions.begin(), sessions.end(), this), sessions.end());
}

void PlaybackSession::marksChanged()
{
    for (PlaybackSession *session : liveSessions()) {
        if (session->m_cameras.empty())
            continue;
        session->lookupAround(session->m_clock.position(session->now()), false);
    }
}

void PlaybackSession::setRecordingLookup(RecordingLookup lookup)
{
    m_lookup = std::move(lookup);
}

void PlaybackSession::setDefaultRecordingLookup(RecordingLookup lookup)
{
    defaultLookup() = std::move(lookup);
}

void PlaybackSession::setMarkLookup(MarkLookup lookup)
{
    m_markLookup = std::move(lookup);
}

void PlaybackSession::setDefaultMarkLookup(MarkLookup lookup)
{
    defaultMarkLookup() = std::move(lookup);
}

void PlaybackSession::setMaskLookup(MaskLookup lookup)
{
    m_maskLookup = std::move(lookup);
}

void PlaybackSession::setDefaultMaskLookup(MaskLookup lookup)
{
    defaultMaskLookup() = std::move(lookup);
}

void PlaybackSession::updateMarks(Span range)
{
    QList<TimelineModel::Mark> marks;
    if (m_markLookup && !m_cameras.empty()) {
        QStringList ids;
        for (const auto &camera : m_cameras)
            ids.append(camera->id);
        marks = m_markLookup(ids, range);
        for (TimelineModel::Mark &mark : marks) {
            const auto it = std::find_if(m_cameras.begin(), m_cameras.end(),
                                         [&](const auto &camera) { return camera->id == mark.cameraId; });
            if (it != m_cameras.end())
                mark.label = QStringLiteral("%1: %2").arg((*it)->label, mark.label);
        }
    }
    m_timeline.setMarks(std::move(marks));
}

int PlaybackSession::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cameras.size());
}

QVariant PlaybackSession::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Camera &camera = *m_cameras[size_t(index.row())];
    switch (role) {
    case CameraIdRole:
        return camera.id;
    case LabelRole:
    case Qt::DisplayRole:
        return camera.label;
    case PlayerRole:
        return QVariant::fromValue(camera.player.get());
    case HasRecordingRole:
        return camera.hasRecording;
    case MessageRole:
        return camera.message;
    default:
        return {};
    }
}

QHash<int, QByteArray> PlaybackSession::roleNames() const
{
    return {{CameraIdRole, "cameraId"},
            {LabelRole, "label"},
            {PlayerRole, "player"},
            {HasRecordingRole, "hasRecording"},
            {MessageRole, "message"}};
}

double PlaybackSession::positionMs() const
{
    return double(m_clock.position(now()));
}

video::VideoPlayer *PlaybackSession::playerAt(int i) const
{
    return i >= 0 && i < count() ? m_cameras[size_t(i)]->player.get() : nullptr;
}

QList<std::int64_t> PlaybackSession::drifts() const
{
    QList<std::int64_t> out;
    for (const auto &camera : m_cameras)
        out.append(camera->drift);
    return out;
}

void PlaybackSession::open(const QStringList &cameraIds, const QStringList &labels, double atMs, bool playNow)
{
    close();
    const int n = std::min<int>(int(cameraIds.size()), kMaxCameras);
    if (n == 0)
        return;
    beginInsertRows({}, 0, n - 1);
    for (int i = 0; i < n; ++i) {
        auto camera = std::make_unique<Camera>();
        camera->id = cameraIds.at(i);
        camera->label = i < labels.size() && !labels.at(i).isEmpty() ? labels.at(i) : camera->id;
        camera->player = std::make_unique<video::VideoPlayer>();
        camera->message = tr("Looking for recordings…");
        m_cameras.push_back(std::move(camera));
    }
    endInsertRows();
    emit countChanged();

    const auto at = std::int64_t(atMs);
    m_clock.seek(at, now());
    m_clock.setPaused(!playNow, now());
    emit pausedChanged();
    m_timeline.setCursorMs(atMs);
    // Ten minutes around the start: a recording minutes long is readable at once; zoom out for days.
    m_timeline.setWindow(centredOn({0, 10 * 60 * 1000}, at));
    updateTimelineRows();
    lookupAround(at, true);
    m_tick.start();
    emit positionChanged();
}

void PlaybackSession::close()
{
    ++m_generation;
    m_tick.stop();
    if (m_pendingLookups != 0) {
        m_pendingLookups = 0;
        emit busyChanged();
    }
    if (m_cameras.empty())
        return;
    beginResetModel();
    // Each player stops its engine without waiting (the recorded engine releases libVLC off this thread).
    m_cameras.clear();
    endResetModel();
    emit countChanged();
    updateTimelineRows();
    updateMarks({});
}

void PlaybackSession::refresh()
{
    lookupAround(m_clock.position(now()), true);
}

void PlaybackSession::lookupAround(std::int64_t at, bool recordings)
{
    const Span range{at - kLookupMarginMs, at + kLookupMarginMs};
    if (recordings) {
        for (int i = 0; i < count(); ++i)
            lookup(i, range);
    }
    updateMarks(range);
}

void PlaybackSession::lookup(int i, Span range)
{
    if (!m_lookup) {
        setRowState(i, false, tr("No recordings are set up for this camera."));
        return;
    }
    ++m_pendingLookups;
    if (m_pendingLookups == 1)
        emit busyChanged();
    const quint64 generation = m_generation;
    QPointer<PlaybackSession> self(this);
    m_lookup(m_cameras[size_t(i)]->id, range,
             [self, generation, i](QList<RecordingPiece> pieces, QString error) {
                 if (!self || self->m_generation != generation || i >= self->count())
                     return;
                 Camera &camera = *self->m_cameras[size_t(i)];
                 camera.pieces = sortedPieces(std::move(pieces));
                 camera.lookupError = error;
                 if (!error.isEmpty()) {
                     qCWarning(lcPlayback) << "recordings of" << camera.id << "could not be read:" << error;
                     self->setLastError(error);
                     self->setRowState(i, false, error);
                 }
                 camera.current = -1; // reopen at the clock: the pieces may have changed
                 self->updateTimelineRows();
                 self->syncCamera(i, self->m_clock.position(self->now()), true);
                 if (--self->m_pendingLookups == 0) {
                     emit self->busyChanged();
                     emit self->recordingsLoaded();
                 }
             });
}

void PlaybackSession::play()
{
    if (!paused() || m_cameras.empty())
        return;
    m_clock.setPaused(false, now());
    for (int i = 0; i < count(); ++i) {
        Camera &camera = *m_cameras[size_t(i)];
        camera.pauseOnLanding = false;
        if (camera.current >= 0) {
            camera.player->setPaused(false);
            camera.settleUntil = now() + kSettleMs / 3;
        }
    }
    emit pausedChanged();
}

void PlaybackSession::pause()
{
    if (paused())
        return;
    m_clock.setPaused(true, now());
    for (const auto &camera : m_cameras)
        if (camera->current >= 0)
            camera->player->setPaused(true);
    emit pausedChanged();
    emit positionChanged();
}

void PlaybackSession::togglePause()
{
    paused() ? play() : pause();
}

void PlaybackSession::setRate(double rate)
{
    const double before = m_clock.rate();
    m_clock.setRate(rate, now());
    if (qFuzzyCompare(before, m_clock.rate()))
        return;
    for (const auto &camera : m_cameras) {
        camera->appliedRate = m_clock.rate();
        if (camera->current >= 0)
            camera->player->setRate(m_clock.rate());
    }
    emit rateChanged();
}

void PlaybackSession::seek(double ms)
{
    m_clock.seek(std::int64_t(ms), now());
    m_timeline.setCursorMs(ms);
    m_timeline.reveal(ms);
    for (int i = 0; i < count(); ++i)
        syncCamera(i, std::int64_t(ms), true);
    emit positionChanged();
}

void PlaybackSession::jumpBy(double deltaMs)
{
    seek(positionMs() + deltaMs);
}

void PlaybackSession::stepFrame()
{
    pause();
    // The clock goes to the frame the cameras show next: one frame after the newest one shown now.
    std::int64_t next = -1;
    for (const auto &camera : m_cameras) {
        if (camera->current < 0)
            continue;
        const double live = camera->player->livePositionMs();
        if (live >= 0)
            next = std::max(next, camera->pieces[camera->current].startMs + std::int64_t(live) + kFrameMs);
        camera->player->stepFrame();
    }
    m_clock.seek(next >= 0 ? next : m_clock.position(now()) + kFrameMs, now());
    m_timeline.setCursorMs(double(m_clock.position(now())));
    emit positionChanged();
}

void PlaybackSession::tick()
{
    std::int64_t t = m_clock.position(now());
    if (!paused()) {
        // Nobody has a recording here: jump the gap to where the first camera has one again.
        bool anyRecording = false;
        std::int64_t nextStart = -1;
        for (const auto &camera : m_cameras) {
            const Cue cue = cueAt(camera->pieces, t);
            anyRecording = anyRecording || cue.index >= 0;
            if (cue.nextStartMs > t && (nextStart < 0 || cue.nextStartMs < nextStart))
                nextStart = cue.nextStartMs;
        }
        if (!anyRecording && nextStart > t && m_pendingLookups == 0) {
            seek(double(nextStart));
            return;
        }
    }
    for (int i = 0; i < count(); ++i)
        syncCamera(i, t, false);
    m_timeline.setCursorMs(double(t));
    if (!paused())
        m_timeline.reveal(double(t));
    emit positionChanged();
}

void PlaybackSession::syncCamera(int i, std::int64_t t, bool force)
{
    Camera &camera = *m_cameras[size_t(i)];
    const Cue cue = cueAt(camera.pieces, t);
    if (cue.index < 0) {
        if (camera.current >= 0) {
            camera.player->stop();
            camera.current = -1;
        }
        camera.drift = 0;
        if (!camera.lookupError.isEmpty()) {
            setRowState(i, false, camera.lookupError);
        } else if (m_pendingLookups == 0 || !camera.pieces.isEmpty()) {
            const QString message = cue.nextStartMs >= 0
                                        ? tr("No recording at %1 — the next one starts at %2")
                                              .arg(clockText(t), clockText(cue.nextStartMs))
                                        : tr("No recording at %1").arg(clockText(t));
            setRowState(i, false, message);
        }
        return;
    }
    const RecordingPiece &piece = camera.pieces[cue.index];
    if (cue.index != camera.current) {
        camera.current = cue.index;
        camera.player->setRate(m_clock.rate());
        camera.appliedRate = m_clock.rate();
        camera.player->setRecordingMasks(m_maskLookup ? m_maskLookup(camera.id) : QList<QPolygonF>{});
        if (!camera.player->openRecording(piece.url, double(cue.offsetMs))) {
            setRowState(i, false, camera.player->lastError());
            return;
        }
        camera.opening = true;
        camera.settleUntil = now() + kOpenTimeoutMs;
        camera.pauseOnLanding = paused();
        camera.landingMs = t;
        setRowState(i, true, {});
        return;
    }
    if (force) {
        if (paused()) {
            // Let it play to the asked frame, then hold it (the engine shows nothing new while paused).
            camera.player->setPaused(false);
            camera.pauseOnLanding = true;
        }
        camera.player->seek(double(cue.offsetMs));
        camera.settleUntil = now() + kSettleMs;
        camera.landingMs = t;
        return;
    }
    const double shownOffset = camera.player->livePositionMs();
    const std::int64_t shown = shownOffset >= 0 ? piece.startMs + std::int64_t(shownOffset) : -1;
    if (camera.opening && shown >= 0 && camera.player->hasFrame()) {
        camera.opening = false; // the first frame is there: settle briefly, then correct what the open cost
        camera.settleUntil = std::min(camera.settleUntil, now() + kSettleMs);
    }
    if (camera.pauseOnLanding) {
        if (shown >= 0 && shown >= camera.landingMs - kFrameMs && camera.player->hasFrame()) {
            camera.player->setPaused(true);
            camera.pauseOnLanding = false;
        } else if (now() > camera.settleUntil + kSettleMs) {
            camera.player->setPaused(true); // the frame never came (a short piece): do not play on
            camera.pauseOnLanding = false;
        }
        return;
    }
    if (paused() || shown < 0 || now() < camera.settleUntil) {
        camera.drift = shown >= 0 && !paused() ? shown - t : camera.drift;
        return;
    }
    camera.drift = shown - t;
    const SyncStep step = syncStep(t, shown, m_clock.rate());
    if (step.kind == SyncStep::Seek) {
        qCDebug(lcPlayback) << camera.id << "is" << camera.drift << "ms off the clock: seeking";
        ++m_resyncSeeks;
        camera.player->seek(double(cue.offsetMs));
        camera.settleUntil = now() + kSettleMs;
        return;
    }
    if (std::abs(step.rate - camera.appliedRate) > 0.01 * m_clock.rate()) {
        camera.player->setRate(step.rate);
        camera.appliedRate = step.rate;
    }
}

QString PlaybackSession::saveSnapshot(int i)
{
    if (i < 0 || i >= count())
        return {};
    const Camera &camera = *m_cameras[size_t(i)];
    const QImage image = camera.player->snapshotImage();
    const QString dirPath = core::picturesDir();
    if (image.isNull() || !QDir().mkpath(dirPath))
        return {};
    QString base = camera.label;
    base.replace(QRegularExpression(QStringLiteral(R"([/\\:*?"<>|\s]+)")), QStringLiteral("_"));
    // The recording time of the frame shown, not the time of the click: the name is evidence.
    const double offset = camera.player->livePositionMs();
    const std::int64_t shown = camera.current >= 0 && offset >= 0
                                   ? camera.pieces[camera.current].startMs + std::int64_t(offset)
                                   : m_clock.position(now());
    const QString file = QDir(dirPath).filePath(QStringLiteral("%1_%2.png")
                                                    .arg(base, QDateTime::fromMSecsSinceEpoch(shown).toString(
                                                                   QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
    core::WorkerThreads::start(QStringLiteral("snapshot-png"),
                               [self = QPointer<PlaybackSession>(this), image, file] {
                                   const bool ok = image.save(file, "PNG");
                                   core::postToApp([self, file, ok] {
                                       if (ok)
                                           qCInfo(lcPlayback) << "snapshot saved" << file;
                                       else
                                           qCWarning(lcPlayback) << "snapshot could not be written:" << file;
                                       if (self)
                                           emit self->snapshotSaved(file, ok);
                                   });
                               });
    return file;
}

void PlaybackSession::setRowState(int i, bool hasRecording, const QString &message)
{
    Camera &camera = *m_cameras[size_t(i)];
    if (camera.hasRecording == hasRecording && camera.message == message)
        return;
    camera.hasRecording = hasRecording;
    camera.message = message;
    const QModelIndex row = index(i);
    emit dataChanged(row, row, {HasRecordingRole, MessageRole});
}

void PlaybackSession::setLastError(const QString &error)
{
    if (m_lastError == error)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

void PlaybackSession::updateTimelineRows()
{
    QList<TimelineModel::Row> rows;
    for (const auto &camera : m_cameras)
        rows.append({camera->label, spansOf(camera->pieces)});
    m_timeline.setRows(std::move(rows));
}

} // namespace vigil::playback
