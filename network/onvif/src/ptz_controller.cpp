#include "vigil/onvif/ptz_controller.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/worker_threads.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/network/logging.h"
#include "vigil/onvif/client.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QPointer>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread> // std::this_thread::sleep_for

namespace vigil::onvif {

namespace {
// The command queues' thread name, the prefix waitForWorkers() waits on.
constexpr QStringView kQueueThread = u"ptz-queue";
} // namespace

// The command queue. Shared with the worker thread, so the controller may die first.
struct OnvifPtzController::Worker
{
    struct Command
    {
        bool isMove = false;
        std::function<void(OnvifClient &, QString &profile)> run;
    };
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Command> queue;
    bool quit = false;

    // Returns true when `c` replaced a waiting move (which then never runs).
    bool push(Command c)
    {
        bool merged = false;
        {
            std::lock_guard lock(mutex);
            // A newer move replaces a move still waiting: the camera only needs the latest velocity. Stops
            // and other commands are never merged or dropped.
            merged = c.isMove && !queue.empty() && queue.back().isMove;
            if (merged)
                queue.back() = std::move(c);
            else
                queue.push_back(std::move(c));
        }
        wake.notify_one();
        return merged;
    }
    void finish()
    {
        {
            std::lock_guard lock(mutex);
            quit = true;
        }
        wake.notify_all();
    }
};

namespace {
// A Stop that failed (a dropped packet, a busy camera) is sent once more: a camera that missed it keeps
// moving until its move's Timeout.
Result<bool> stopWithRetry(OnvifClient &c, const QString &profile)
{
    auto r = c.stop(profile);
    if (!r.ok() && r.error.category() != ErrorCategory::Auth) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        r = c.stop(profile);
    }
    return r;
}
} // namespace

OnvifPtzController::OnvifPtzController(QObject *parent)
    : QObject(parent)
{
    m_zoomStop.setSingleShot(true);
    connect(&m_zoomStop, &QTimer::timeout, this, &OnvifPtzController::zoomStepDone);
    m_keepMoving.setInterval(m_moveTimeoutMs / 2);
    connect(&m_keepMoving, &QTimer::timeout, this, [this] {
        if (m_moving)
            sendMove(m_sent);
    });
}

OnvifPtzController::~OnvifPtzController()
{
    if (!m_worker)
        return;
    if (m_moving) // the operator's "let go" must reach the camera even if the tile goes away
        m_worker->push({false, [](OnvifClient &c, QString &profile) {
                            stopWithRetry(c, profile);
                        }});
    m_worker->finish(); // the worker sends what is queued, then exits; nobody waits for it
}

void OnvifPtzController::setCameraId(const QString &id)
{
    setCameraId(id, cameras::CameraDirectory::instance());
}

void OnvifPtzController::setCameraId(const QString &id, cameras::CameraDirectory *directory)
{
    const bool wasAvailable = available();
    m_cameraId = id;
    m_deviceUrl.clear();
    m_user.clear();
    m_password.clear();
    m_profileToken.clear();
    m_ptz = false;
    ++m_generation;
    setCheckingPtz(false); // a check still running for the previous camera no longer counts
    m_directory = directory;
    if (directory) {
        if (const auto cam = directory->camera(id))
            m_ptz = cam->ptz;
        if (const auto login = directory->deviceLogin(id)) {
            m_deviceUrl = login->deviceUrl;
            m_user = login->user;
            m_password = login->password;
        }
    }
    if (!m_ptz && m_deviceUrl.isValid() && !m_deviceUrl.isEmpty())
        askDeviceForPtz();
    restartWorker();
    emit cameraIdChanged();
    if (wasAvailable != available())
        emit availableChanged();
}

void OnvifPtzController::setDevice(const QUrl &deviceUrl, const QString &user, const QString &password,
                                   const QString &profileToken)
{
    const bool wasAvailable = available();
    m_deviceUrl = deviceUrl;
    m_user = user;
    m_password = password;
    m_profileToken = profileToken;
    m_ptz = true; // the caller knows what it asked for
    ++m_generation;
    setCheckingPtz(false);
    m_directory.clear();
    restartWorker();
    if (wasAvailable != available())
        emit availableChanged();
}

namespace {
// What devices answered about PTZ this session, by device address (GUI thread only): a wall or a tour
// showing the same camera again does not ask again. A device that did not answer (unreachable, wrong
// password) is asked again after kPtzRetryMs, not on every showing; while a check runs, other tiles showing
// the same camera wait for its answer instead of starting their own.
constexpr qint64 kPtzRetryMs = 3 * 60 * 1000;
struct PtzChecks
{
    QHash<QString, bool> answers;
    QHash<QString, QDeadlineTimer> failed;                                       // asked again once expired
    QHash<QString, QList<QPair<QPointer<OnvifPtzController>, quint64>>> waiting; // in flight
};
PtzChecks &ptzChecks()
{
    static PtzChecks checks;
    return checks;
}
} // namespace

void OnvifPtzController::askDeviceForPtz()
{
    PtzChecks &checks = ptzChecks();
    const QString key = m_deviceUrl.toString();
    if (const auto it = checks.answers.constFind(key); it != checks.answers.constEnd()) {
        m_ptz = *it;
        return;
    }
    if (const auto it = checks.failed.constFind(key); it != checks.failed.constEnd()) {
        if (!it->hasExpired())
            return;
        checks.failed.erase(it);
    }
    const bool inFlight = checks.waiting.contains(key);
    checks.waiting[key].append({QPointer<OnvifPtzController>(this), m_generation});
    setCheckingPtz(true);
    if (inFlight)
        return;
    auto check = [key, url = m_deviceUrl, user = m_user, password = m_password] {
        OnvifClient client(url, user, password);
        bool answered = false;
        bool hasPtz = false;
        if (const auto services = client.discoverServices(); services.ok()) {
            answered = true;
            if (!services.value.ptz.isEmpty()) {
                const auto profiles = client.profiles();
                answered = profiles.ok();
                hasPtz = profilesHavePtz(profiles.value);
            }
        }
        core::postToApp([key, answered, hasPtz] {
            PtzChecks &all = ptzChecks();
            if (answered)
                all.answers.insert(key, hasPtz);
            else
                all.failed.insert(key, QDeadlineTimer(kPtzRetryMs));
            const auto waiting = all.waiting.take(key);
            for (const auto &[controller, generation] : waiting)
                if (controller)
                    controller->ptzAnswered(generation, answered && hasPtz);
        });
    };
    core::WorkerThreads::start(QStringLiteral("ptz-check"), std::move(check));
}

void OnvifPtzController::ptzAnswered(quint64 generation, bool hasPtz)
{
    if (generation != m_generation)
        return;
    setCheckingPtz(false);
    if (!hasPtz || m_ptz)
        return;
    m_ptz = true;
    // Saved, so the next start knows without asking.
    if (m_directory && !m_directory->setCameraPtz(m_cameraId, true))
        qCWarning(vigilOnvif) << "could not save the PTZ flag of" << m_cameraId << ":"
                              << m_directory->lastError();
    emit availableChanged();
}

void OnvifPtzController::setCheckingPtz(bool checking)
{
    if (m_checkingPtz == checking)
        return;
    m_checkingPtz = checking;
    emit checkingPtzChanged();
}

void OnvifPtzController::restartWorker()
{
    m_zoomStop.stop();
    m_keepMoving.stop();
    m_keys.clear();
    m_dragVelocity = {};
    m_held = {};
    if (m_worker) {
        if (m_moving) // the old camera must stop before we forget it
            m_worker->push({false, [](OnvifClient &c, QString &profile) {
                                stopWithRetry(c, profile);
                            }});
        m_worker->finish();
    }
    m_worker.reset();
    setMoving(false);
    if (!m_presets.isEmpty()) {
        m_presets.clear();
        emit presetsChanged();
    }
}

// The worker thread starts on the first command, so a wall of ONVIF tiles that are never steered holds no
// threads.
void OnvifPtzController::ensureWorker()
{
    if (m_worker || !available())
        return;
    m_worker = std::make_shared<Worker>();
    // The thread holds its own reference to the queue.
    auto run = [w = m_worker, url = m_deviceUrl, user = m_user, password = m_password,
                profile = m_profileToken]() mutable {
        OnvifClient client(url, user, password);
        for (;;) {
            Worker::Command c;
            {
                std::unique_lock lock(w->mutex);
                w->wake.wait(lock, [&w] { return w->quit || !w->queue.empty(); });
                if (w->queue.empty())
                    break;
                c = std::move(w->queue.front());
                w->queue.pop_front();
            }
            c.run(client, profile);
        }
    };
    core::WorkerThreads::start(kQueueThread.toString(), std::move(run));
}

bool OnvifPtzController::waitForWorkers(int timeoutMs)
{
    return core::WorkerThreads::wait(timeoutMs, kQueueThread);
}

void OnvifPtzController::enqueue(const QString &command, bool isMove, Fn fn)
{
    ensureWorker();
    if (!m_worker) {
        setLastError(m_deviceUrl.isEmpty()
                         ? tr("This camera has no ONVIF address, so it cannot be steered from Vigil.")
                         : tr("This camera has no PTZ, so it cannot be steered from Vigil."));
        emit commandFinished(command, false);
        return;
    }
    QPointer<OnvifPtzController> self(this);
    auto run = [self, command, fn = std::move(fn)](OnvifClient &client, QString &profile) {
        Error e;
        // The first command finds the PTZ profile: the best-ranked profile that has a PTZ configuration.
        if (profile.isEmpty()) {
            const auto profiles = client.profiles();
            if (!profiles.ok())
                e = profiles.error;
            const QList<MediaProfile> ranked = rankProfiles(profiles.value);
            for (const MediaProfile &p : ranked)
                if (profile.isEmpty() && !p.ptzConfigurationToken.isEmpty())
                    profile = p.token;
            if (profile.isEmpty() && !ranked.isEmpty())
                profile = ranked.first().token;
        }
        std::optional<QList<Preset>> presets;
        if (!e.isError())
            e = fn(client, profile, &presets);
        core::postToApp([self, command, e, presets] {
            if (self)
                self->finished(command, e, presets);
        });
    };
    // A move merged into a waiting one reports once, for both.
    if (!m_worker->push({isMove, std::move(run)})) {
        ++m_pending;
        if (m_pending == 1)
            emit busyChanged();
    }
}

void OnvifPtzController::finished(const QString &command, const Error &error,
                                  const std::optional<QList<Preset>> &presets)
{
    --m_pending;
    if (m_pending == 0)
        emit busyChanged();
    setLastError(error.message);
    if (presets) {
        m_presets = *presets;
        emit presetsChanged();
    }
    emit commandFinished(command, !error.isError());
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
    for (const Preset &p : m_presets)
        out << (p.name.isEmpty() ? p.token : p.name);
    return out;
}

QStringList OnvifPtzController::presetTokens() const
{
    QStringList out;
    for (const Preset &p : m_presets)
        out << p.token;
    return out;
}

void OnvifPtzController::setMoving(bool moving)
{
    if (m_moving == moving)
        return;
    m_moving = moving;
    emit movingChanged();
}

void OnvifPtzController::setSpeed(double speed)
{
    speed = std::clamp(speed, 0.05, 1.0);
    if (qFuzzyCompare(m_speed, speed))
        return;
    m_speed = speed;
    emit speedChanged();
}

void OnvifPtzController::setMoveTimeout(int timeoutMs)
{
    m_moveTimeoutMs = std::max(timeoutMs, 200);
    m_keepMoving.setInterval(m_moveTimeoutMs / 2);
}

void OnvifPtzController::move(double pan, double tilt, double zoom)
{
    m_zoomStop.stop(); // an explicit move outlives a wheel zoom
    holdMove({pan, tilt, zoom});
}

void OnvifPtzController::holdMove(Velocity v)
{
    m_held = v;
    sendMove(v);
}

void OnvifPtzController::sendMove(Velocity v)
{
    const bool moving = v.pan != 0 || v.tilt != 0 || v.zoom != 0;
    setMoving(moving);
    m_sent = v;
    // The device stops by itself after the move's Timeout unless the move is sent again: a camera whose
    // Stop got lost does not keep turning for ever. Re-sent at half the Timeout while held.
    if (moving)
        m_keepMoving.start();
    else
        m_keepMoving.stop();
    enqueue(QStringLiteral("move"), true,
            [v, timeoutMs = m_moveTimeoutMs](OnvifClient &c, const QString &profile, auto *) {
                return c.continuousMove(profile, v.pan, v.tilt, v.zoom, timeoutMs).error;
            });
}

void OnvifPtzController::stop()
{
    m_zoomStop.stop();
    m_keepMoving.stop();
    m_held = {};
    setMoving(false);
    enqueue(QStringLiteral("stop"), false,
            [](OnvifClient &c, const QString &profile, auto *) { return stopWithRetry(c, profile).error; });
}

void OnvifPtzController::zoomStepDone()
{
    // A drag, key or arrow still held goes on at its own velocity once the wheel's zoom is over.
    if (m_held.pan != 0 || m_held.tilt != 0 || m_held.zoom != 0)
        sendMove(m_held);
    else
        stop();
}

void OnvifPtzController::letGo()
{
    m_keys.clear();
    m_dragVelocity = {};
    m_held = {};
    m_zoomStop.stop();
    if (m_moving)
        stop();
}

QPointF OnvifPtzController::dragVelocity(double dx, double dy, double width, double height)
{
    const auto axis = [](double offset, double size) {
        if (size <= 0)
            return 0.0;
        const double v = offset / (size / 2);
        if (std::abs(v) < kDeadZone)
            return 0.0;
        return std::round(std::clamp(v, -1.0, 1.0) / kVelocityStep) * kVelocityStep;
    };
    return {0.0 + axis(dx, width), 0.0 - axis(dy, height)}; // "0.0 +" turns -0 into 0
}

void OnvifPtzController::dragTo(double dx, double dy, double width, double height)
{
    const QPointF v = dragVelocity(dx, dy, width, height);
    if (v == m_dragVelocity)
        return; // same velocity: nothing new to tell the camera
    m_dragVelocity = v;
    m_zoomStop.stop();
    if (v.isNull()) {
        if (m_moving)
            stop();
        return;
    }
    holdMove({v.x(), v.y(), 0});
}

namespace {
int ptzKey(int key)
{
    switch (key) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_Plus:
    case Qt::Key_Minus:
        return key;
    case Qt::Key_Equal: // "+" without Shift on most layouts
        return Qt::Key_Plus;
    default:
        return 0;
    }
}
} // namespace

bool OnvifPtzController::keyPress(int key)
{
    key = ptzKey(key);
    if (!key)
        return false;
    if (m_keys.insert(key).second) // a key already held (auto-repeat) changes nothing
        applyKeys();
    return true;
}

bool OnvifPtzController::keyRelease(int key)
{
    key = ptzKey(key);
    if (!key)
        return false;
    if (m_keys.erase(key))
        applyKeys();
    return true;
}

void OnvifPtzController::applyKeys()
{
    const auto held = [this](int key) {
        return m_keys.count(key) ? 1.0 : 0.0;
    };
    const double pan = (held(Qt::Key_Right) - held(Qt::Key_Left)) * m_speed;
    const double tilt = (held(Qt::Key_Up) - held(Qt::Key_Down)) * m_speed;
    const double zoom = (held(Qt::Key_Plus) - held(Qt::Key_Minus)) * m_speed;
    m_zoomStop.stop();
    if (pan == 0 && tilt == 0 && zoom == 0) {
        if (m_moving)
            stop();
        return;
    }
    holdMove({pan, tilt, zoom});
}

void OnvifPtzController::zoomStep(int steps)
{
    if (steps == 0)
        return;
    sendMove({0, 0, steps > 0 ? m_speed : -m_speed}); // not held: what was held resumes after it
    // A QTimer, not a device-side Timeout: the stop must be an explicit Stop the camera cannot miss.
    m_zoomStop.start(kZoomStepMs * std::min(std::abs(steps), 4));
}

void OnvifPtzController::gotoPreset(const QString &token)
{
    enqueue(QStringLiteral("gotoPreset"), false, [token](OnvifClient &c, const QString &profile, auto *) {
        return c.gotoPreset(profile, token).error;
    });
}

void OnvifPtzController::home()
{
    enqueue(QStringLiteral("home"), false,
            [](OnvifClient &c, const QString &profile, auto *) { return c.gotoHomePosition(profile).error; });
}

void OnvifPtzController::refreshPresets()
{
    enqueue(QStringLiteral("presets"), false,
            [](OnvifClient &c, const QString &profile, std::optional<QList<Preset>> *out) {
                const auto r = c.presets(profile);
                if (r.ok())
                    *out = r.value;
                return r.error;
            });
}

void OnvifPtzController::setPreset(const QString &name)
{
    enqueue(QStringLiteral("setPreset"), false,
            [name](OnvifClient &c, const QString &profile, std::optional<QList<Preset>> *out) {
                const auto r = c.setPreset(profile, name);
                if (!r.ok())
                    return r.error;
                const auto list = c.presets(profile);
                if (list.ok())
                    *out = list.value;
                return Error{};
            });
}

void OnvifPtzController::removePreset(const QString &token)
{
    enqueue(QStringLiteral("removePreset"), false,
            [token](OnvifClient &c, const QString &profile, std::optional<QList<Preset>> *out) {
                const auto r = c.removePreset(profile, token);
                if (!r.ok())
                    return r.error;
                const auto list = c.presets(profile);
                if (list.ok())
                    *out = list.value;
                return Error{};
            });
}

} // namespace vigil::onvif
