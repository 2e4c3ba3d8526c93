#include "vigil/ptz/ptz_controller.h"

#include "vigil/access/audit_sink.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/ptz/capability_cache.h"

#include <QtCore/QPointer>

#include <algorithm>

namespace vigil::ptz {

OnvifPtzController::OnvifPtzController(QObject *parent)
    : QObject(parent)
    , m_cache(PtzCapabilityCache::shared())
{
    m_zoomStop.setSingleShot(true);
    connect(&m_zoomStop, &QTimer::timeout, this, [this] { apply(m_rules.zoomStepDone()); });
    m_keepMoving.setInterval(m_moveTimeoutMs / 2);
    connect(&m_keepMoving, &QTimer::timeout, this, [this] {
        if (m_rules.moving())
            apply(PtzAction::move(m_rules.sent()));
    });
    connect(&m_lookup, &PtzCameraLookup::loginReady, this, [this] {
        const bool wasAvailable = available();
        useLookup();
        if (wasAvailable != available())
            emit availableChanged();
    });
}

OnvifPtzController::~OnvifPtzController()
{
    // The operator's "let go" must reach the camera even if the tile goes away; the queue sends it after
    // what is queued, then its worker ends. Nobody waits for it.
    if (m_queue && m_rules.moving())
        m_queue->push(PtzCommand::stop());
}

void OnvifPtzController::setCameraId(const QString &id)
{
    setCameraId(id, cameras::CameraDirectory::instance());
}

void OnvifPtzController::setCameraId(const QString &id, cameras::CameraDirectory *directory)
{
    const bool wasAvailable = available();
    m_cameraId = id;
    resetDevice();
    m_lookup.lookUp(id, directory);
    if (m_lookup.ready())
        useLookup(); // else when the keyring has answered (loginReady)
    emit cameraIdChanged();
    if (wasAvailable != available())
        emit availableChanged();
}

void OnvifPtzController::setDevice(const QUrl &deviceUrl, const QString &user, const QString &password,
                                   const QString &profileToken)
{
    const bool wasAvailable = available();
    resetDevice();
    m_lookup.clear();
    m_device = {deviceUrl, user, password, profileToken};
    m_ptz = true; // the caller knows what it asked for
    if (wasAvailable != available())
        emit availableChanged();
}

void OnvifPtzController::setCapabilityCache(PtzCapabilityCache *cache)
{
    m_cache = cache ? cache : PtzCapabilityCache::shared();
}

void OnvifPtzController::resetDevice()
{
    ++m_generation;
    setCheckingPtz(false); // a check still running for the previous camera no longer counts
    m_zoomStop.stop();
    m_keepMoving.stop();
    if (m_rules.reset() && m_queue) // the old camera must stop before we forget it
        m_queue->push(PtzCommand::stop());
    m_queue.reset();
    syncMoving();
    m_device = {};
    m_ptz = false;
    if (!m_presets.isEmpty()) {
        m_presets.clear();
        emit presetsChanged();
    }
}

void OnvifPtzController::useLookup()
{
    const PtzCameraLookup::Target &t = m_lookup.target();
    m_device = {t.deviceUrl, t.user, t.password, {}};
    m_ptz = t.ptz;
    if (!m_ptz && t.hasAddress())
        askDeviceForPtz();
}

void OnvifPtzController::askDeviceForPtz()
{
    const PtzCapabilityCache::Device device{m_device.deviceUrl, m_device.user, m_device.password};
    const auto status = m_cache->ask(
        device, this, [this, generation = m_generation](bool hasPtz) { ptzAnswered(generation, hasPtz); });
    switch (status) {
    case PtzCapabilityCache::Status::HasPtz:
        m_ptz = true;
        break;
    case PtzCapabilityCache::Status::Checking:
        setCheckingPtz(true);
        break;
    case PtzCapabilityCache::Status::NoPtz:
    case PtzCapabilityCache::Status::FailedRecently:
        break;
    }
}

void OnvifPtzController::ptzAnswered(quint64 generation, bool hasPtz)
{
    if (generation != m_generation)
        return;
    setCheckingPtz(false);
    if (!hasPtz || m_ptz)
        return;
    m_ptz = true;
    m_lookup.recordPtz(true); // saved, so the next start knows without asking
    emit availableChanged();
}

void OnvifPtzController::setCheckingPtz(bool checking)
{
    if (m_checkingPtz == checking)
        return;
    m_checkingPtz = checking;
    emit checkingPtzChanged();
}

bool OnvifPtzController::waitForWorkers(int timeoutMs)
{
    return PtzCommandQueue::waitForWorkers(timeoutMs);
}

void OnvifPtzController::apply(const PtzAction &action)
{
    if (!m_rules.zoomStepPending())
        m_zoomStop.stop();
    else if (action.zoomStopAfterMs > 0)
        m_zoomStop.start(action.zoomStopAfterMs);
    // The device stops by itself after the move's Timeout unless the move is sent again: a camera whose Stop
    // got lost does not keep turning for ever. Re-sent at half the Timeout while moving.
    if (m_rules.moving()) {
        if (action.kind == PtzAction::Kind::Move)
            m_keepMoving.start();
    } else {
        m_keepMoving.stop();
    }
    syncMoving();
    switch (action.kind) {
    case PtzAction::Kind::None:
        break;
    case PtzAction::Kind::Move: {
        const Velocity &v = action.velocity;
        enqueue(PtzCommand::move(v.pan, v.tilt, v.zoom, m_moveTimeoutMs));
        break;
    }
    case PtzAction::Kind::Stop:
        enqueue(PtzCommand::stop());
        break;
    }
}

void OnvifPtzController::syncMoving()
{
    if (m_moving == m_rules.moving())
        return;
    m_moving = m_rules.moving();
    // Audited once per move, not per re-send; a refused move is audited as refused by enqueue() instead.
    if (m_moving && (m_automatic || access::auditSink().allows(access::Action::Ptz)))
        access::audit(u"ptz", QStringLiteral("%1: move").arg(m_cameraId));
    emit movingChanged();
}

void OnvifPtzController::enqueue(const PtzCommand &command)
{
    // The user's role must allow PTZ (a Stop and reading the presets always go through); refusals are
    // audited. Moves are audited when they start (syncMoving), the other steps here.
    const bool steers = command.kind != PtzCommand::Kind::Stop && command.kind != PtzCommand::Kind::Presets;
    const QString what =
        QStringLiteral("%1: %2 %3").arg(m_cameraId, command.name(), command.argument).trimmed();
    if (QString why; steers && !m_automatic && !access::permit(access::Action::Ptz, u"ptz", what, &why)) {
        setLastError(why);
        emit commandFinished(command.name(), false);
        return;
    }
    if (steers && command.kind != PtzCommand::Kind::Move)
        access::audit(u"ptz", what);
    // The worker starts on the first command, so a wall of ONVIF tiles that are never steered holds no
    // threads.
    if (!m_queue && available())
        m_queue = std::make_unique<PtzCommandQueue>(m_device);
    if (!m_queue) {
        if (m_lookup.waitingForPassword())
            setLastError(tr("The password of this camera is still being read from the keyring. Try again in "
                            "a moment."));
        else if (m_device.deviceUrl.isEmpty())
            setLastError(tr("This camera has no ONVIF address, so it cannot be steered from Vigil."));
        else
            setLastError(tr("This camera has no PTZ, so it cannot be steered from Vigil."));
        emit commandFinished(command.name(), false);
        return;
    }
    QPointer<OnvifPtzController> self(this);
    const QString name = command.name();
    // A move that replaced a waiting one reports once, for both.
    if (m_queue->push(command, [self, name](const PtzResult &result) {
            if (self)
                self->finished(name, result);
        })) {
        ++m_pending;
        if (m_pending == 1)
            emit busyChanged();
    }
}

void OnvifPtzController::finished(const QString &command, const PtzResult &result)
{
    --m_pending;
    if (m_pending == 0)
        emit busyChanged();
    setLastError(result.error.message);
    if (result.presets) {
        m_presets = *result.presets;
        emit presetsChanged();
    }
    emit commandFinished(command, !result.error.isError());
}

void OnvifPtzController::setLastError(const QString &e)
{
    if (m_lastError == e)
        return;
    m_lastError = e;
    emit lastErrorChanged();
}

QStringList OnvifPtzController::presetNames() const
{
    QStringList out;
    for (const onvif::Preset &p : m_presets)
        out << (p.name.isEmpty() ? p.token : p.name);
    return out;
}

QStringList OnvifPtzController::presetTokens() const
{
    QStringList out;
    for (const onvif::Preset &p : m_presets)
        out << p.token;
    return out;
}

void OnvifPtzController::setSpeed(double speed)
{
    if (m_rules.setSpeed(speed))
        emit speedChanged();
}

void OnvifPtzController::setMoveTimeout(int timeoutMs)
{
    m_moveTimeoutMs = std::max(timeoutMs, 200);
    m_keepMoving.setInterval(m_moveTimeoutMs / 2);
}

void OnvifPtzController::move(double pan, double tilt, double zoom)
{
    apply(m_rules.move({pan, tilt, zoom}));
}

void OnvifPtzController::stop()
{
    apply(m_rules.stop());
}

void OnvifPtzController::dragTo(double dx, double dy, double width, double height)
{
    apply(m_rules.dragTo(dx, dy, width, height));
}

bool OnvifPtzController::keyPress(int key)
{
    const auto action = m_rules.keyPress(key);
    if (action)
        apply(*action);
    return action.has_value();
}

bool OnvifPtzController::keyRelease(int key)
{
    const auto action = m_rules.keyRelease(key);
    if (action)
        apply(*action);
    return action.has_value();
}

void OnvifPtzController::zoomStep(int steps)
{
    apply(m_rules.zoomStep(steps));
}

void OnvifPtzController::letGo()
{
    apply(m_rules.letGo());
}

void OnvifPtzController::gotoPreset(const QString &token)
{
    enqueue(PtzCommand::gotoPreset(token));
}

void OnvifPtzController::home()
{
    enqueue(PtzCommand::home());
}

void OnvifPtzController::refreshPresets()
{
    enqueue(PtzCommand::presets());
}

void OnvifPtzController::setPreset(const QString &name)
{
    enqueue(PtzCommand::setPreset(name));
}

void OnvifPtzController::removePreset(const QString &token)
{
    enqueue(PtzCommand::removePreset(token));
}

} // namespace vigil::ptz
