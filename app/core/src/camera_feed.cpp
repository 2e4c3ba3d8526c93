#include "vigil/app/camera_feed.h"

#include "vigil/alarms/camera_health.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"
#include "vigil/sites/site_manager.h"
#include "vigil/sites/stream_relays.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QPointer>
#include <QtCore/QRegularExpression>

namespace vigil::app {

CameraFeed::CameraFeed(QObject *parent)
    : QObject(parent)
{
    connect(&m_player, &video::VideoPlayer::videoSinkChanged, this, &CameraFeed::videoSinkChanged);
    connect(&m_player, &video::VideoPlayer::statusChanged, this, &CameraFeed::reportHealth);
    connect(&m_player, &video::VideoPlayer::preloadReady, this, [this] {
        if (!m_preloadCameraId.isEmpty())
            emit preloadReady(m_preloadCameraId);
    });
    connect(&m_player, &video::VideoPlayer::preloadFailed, this, [this](const QString &error) {
        const QString id = std::exchange(m_preloadCameraId, {});
        if (!id.isEmpty())
            emit preloadFailed(id, error);
    });
    if (auto *dir = directory()) {
        // A camera edited, removed or (demo) added later: resolve again. Cheap, and rare.
        connect(dir, &QAbstractItemModel::dataChanged, this, &CameraFeed::apply);
        connect(dir, &QAbstractItemModel::rowsInserted, this, &CameraFeed::apply);
        connect(dir, &QAbstractItemModel::rowsRemoved, this, &CameraFeed::apply);
        connect(dir, &QAbstractItemModel::modelReset, this, &CameraFeed::apply);
        connect(dir, &cameras::CameraDirectory::credentialsPendingChanged, this, &CameraFeed::apply);
    }
    if (auto *manager = sites::SiteManager::instance()) {
        // The relay answered for a camera ("" = every camera: a relay was set or changed).
        connect(manager->relays(), &sites::StreamRelays::relayChanged, this, [this](const QString &id) {
            if (id.isEmpty() || id == m_cameraId)
                apply();
        });
    }
}

void CameraFeed::setRelayState(bool pending, bool relayed, const QString &error)
{
    if (pending == m_relayPending && relayed == m_relayed && error == m_relayError)
        return;
    m_relayPending = pending;
    m_relayed = relayed;
    m_relayError = error;
    emit relayChanged();
}

std::optional<video::MediaSource>
CameraFeed::sourceFor(const QString &cameraId, const cameras::ResolvedStream &resolved, bool reportRelay)
{
    video::MediaSource source;
    source.url = resolved.url;
    source.user = resolved.user;
    source.password = resolved.password;
    source.privacyMasks = resolved.privacyMasks;
    auto *manager = sites::SiteManager::instance();
    const sites::StreamRelays::Answer relay =
        manager ? manager->relays()->resolve(cameraId, resolved) : sites::StreamRelays::Answer{};
    using State = sites::StreamRelays::State;
    if (reportRelay)
        setRelayState(relay.state == State::Pending, relay.state == State::Relayed,
                      relay.state == State::Refused ? relay.error : QString());
    switch (relay.state) {
    case State::Pending:
        return std::nullopt;
    case State::Relayed:
        source.url = relay.url; // the relay holds the camera's credentials, not the viewer
        source.user.clear();
        source.password.clear();
        break;
    case State::Direct:
    case State::Refused:
        break;
    }
    return source;
}

void CameraFeed::setTileArea(double area)
{
    if (qFuzzyCompare(area + 1, m_player.displayArea() + 1))
        return;
    m_player.setDisplayArea(area);
    emit tileAreaChanged();
}

CameraFeed::~CameraFeed()
{
    alarms::CameraHealth::instance()->forget(this);
}

namespace {
alarms::CameraHealth::FeedState feedState(video::VideoPlayer::Status status)
{
    using S = video::VideoPlayer::Status;
    using F = alarms::CameraHealth::FeedState;
    switch (status) {
    case S::Idle:
        return F::Gone;
    case S::Playing:
        return F::Playing;
    case S::Failed:
    case S::Stalled:
    case S::Reconnecting:
        return F::Failing;
    case S::Connecting:
    case S::Buffering:
        break;
    }
    return F::Pending;
}
} // namespace

void CameraFeed::reportHealth()
{
    alarms::CameraHealth::instance()->report(this, m_playingCameraId, feedState(m_player.status()));
}

cameras::CameraDirectory *CameraFeed::directory() const
{
    return cameras::CameraDirectory::instance();
}

void CameraFeed::setCameraId(const QString &id)
{
    if (m_cameraId == id)
        return;
    m_cameraId = id;
    emit cameraIdChanged();
    apply();
}

void CameraFeed::setRole(const QString &role)
{
    if (m_role == role)
        return;
    m_role = role;
    emit roleChanged();
    apply();
}

void CameraFeed::setVideoSink(QVideoSink *sink)
{
    m_player.setVideoSink(sink);
}

void CameraFeed::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    emit activeChanged();
    apply();
}

void CameraFeed::apply()
{
    auto *dir = directory();
    const auto camera = dir && !m_cameraId.isEmpty() ? dir->camera(m_cameraId) : std::nullopt;
    const QString name = camera ? camera->name : QString();
    if (name != m_cameraName) {
        m_cameraName = name;
        emit cameraNameChanged();
    }
    const auto resolved = camera ? dir->resolve(m_cameraId, m_role) : std::nullopt;
    if (camera && camera->streams.isEmpty() && m_active)
        dir->requestStreams(m_cameraId); // a platform camera whose URL is asked for when played
    const QString activeRole = resolved ? resolved->role : QString();
    if (activeRole != m_activeRole) {
        m_activeRole = activeRole;
        emit activeRoleChanged();
    }
    // Never log in without the password (a camera may count it as a failed attempt): wait for the keyring.
    const bool waiting = resolved && dir->waitingForPassword(m_cameraId);
    if (waiting != m_waitingForKeyring) {
        m_waitingForKeyring = waiting;
        emit waitingForKeyringChanged();
    }
    const std::optional<video::MediaSource> relayed =
        resolved && m_active && !waiting ? sourceFor(m_cameraId, *resolved, true) : std::nullopt;
    if (!resolved || !m_active || waiting)
        setRelayState(false, false, {});
    if (!relayed) {      // nothing to play, or its relay is being asked (relayChanged follows)
        m_player.stop(); // drops a pre-connection too
        m_preloadCameraId.clear();
        m_playingCameraId.clear();
        reportHealth();
        return;
    }
    const video::MediaSource &source = *relayed;
    // Another stream of the same camera switches seamlessly; another camera clears the picture first —
    // unless it was pre-connected (a tour's next camera) and has its first frame: then it is shown at once.
    const bool sameCamera = m_playingCameraId == m_cameraId;
    if (!sameCamera && !m_preloadCameraId.isEmpty()) {
        const bool take = m_preloadCameraId == m_cameraId && m_player.isPreloadReady();
        m_preloadCameraId.clear();
        if (take && m_player.commitPreload()) {
            m_playingCameraId = m_cameraId;
            // The pre-connection used the role of its time; a different one now follows seamlessly.
            m_player.setSource(source, video::VideoPlayer::SwitchMode::Seamless);
            reportHealth();
            return;
        }
        m_player.cancelPreload();
    }
    m_playingCameraId = m_cameraId;
    m_player.setSource(source, sameCamera ? video::VideoPlayer::SwitchMode::Seamless
                                          : video::VideoPlayer::SwitchMode::Clean);
    if (m_player.desiredState() != video::VideoPlayer::DesiredState::Playing)
        m_player.play();
    reportHealth();
}

bool CameraFeed::preloadCamera(const QString &cameraId)
{
    auto *dir = directory();
    const auto resolved = dir && !cameraId.isEmpty() ? dir->resolve(cameraId, m_role) : std::nullopt;
    const std::optional<video::MediaSource> relayed =
        resolved && m_active && !dir->waitingForPassword(cameraId) ? sourceFor(cameraId, *resolved, false)
                                                                   : std::nullopt;
    if (!relayed) { // (also while its relay is being asked: the switch is then the usual clean one)
        cancelPreload();
        return false;
    }
    const video::MediaSource &source = *relayed;
    if (m_preloadCameraId == cameraId && m_player.hasPreload() && m_player.preloadSource() == source)
        return true; // already under way
    m_preloadCameraId = cameraId;
    m_player.preload(source);
    return true;
}

void CameraFeed::cancelPreload()
{
    m_preloadCameraId.clear();
    m_player.cancelPreload();
}

QString CameraFeed::saveSnapshot()
{
    const QString dirPath = core::picturesDir();
    if (!QDir().mkpath(dirPath)) {
        qCWarning(vigilApp) << "cannot create snapshot folder" << dirPath;
        return {};
    }
    QString base = m_cameraName.isEmpty() ? m_cameraId : m_cameraName;
    base.replace(QRegularExpression(QStringLiteral(R"([/\\:*?"<>|\s]+)")), QStringLiteral("_"));
    const QString file = QDir(dirPath).filePath(
        QStringLiteral("%1_%2.png")
            .arg(base, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
    const QImage image = m_player.snapshotImage();
    if (image.isNull()) {
        qCWarning(vigilApp) << "no picture to snapshot for" << m_cameraId;
        return {};
    }
    core::WorkerThreads::start(QStringLiteral("snapshot-png"),
                               [self = QPointer<CameraFeed>(this), image, file] {
                                   const bool ok = image.save(file, "PNG");
                                   core::postToApp([self, file, ok] {
                                       if (ok)
                                           qCInfo(vigilApp) << "snapshot saved" << file;
                                       else
                                           qCWarning(vigilApp) << "snapshot could not be written:" << file;
                                       if (self)
                                           emit self->snapshotSaved(file, ok);
                                   });
                               });
    return file;
}

} // namespace vigil::app
