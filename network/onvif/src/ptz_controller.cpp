#include "vigil/onvif/ptz_controller.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/onvif/client.h"

#include <QtCore/QPointer>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace vigil::onvif {

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

OnvifPtzController::OnvifPtzController(QObject *parent)
    : QObject(parent)
{}

OnvifPtzController::~OnvifPtzController()
{
    if (!m_worker)
        return;
    if (m_moving) // the operator's "let go" must reach the camera even if the tile goes away
        m_worker->push({false, [](OnvifClient &c, QString &profile) {
                            c.stop(profile);
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
    if (directory) {
        if (const auto cam = directory->camera(id)) {
            m_deviceUrl = cam->deviceUrl;
            m_user = cam->user;
            if (!cam->credentialRef.isEmpty())
                m_password = directory->credentials()->password(cam->credentialRef).value_or(QString());
        }
    }
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
    restartWorker();
    if (wasAvailable != available())
        emit availableChanged();
}

void OnvifPtzController::restartWorker()
{
    if (m_worker) {
        if (m_moving)
            m_worker->push({false, [](OnvifClient &c, QString &profile) {
                                c.stop(profile);
                            }});
        m_worker->finish();
    }
    m_worker.reset();
    m_moving = false;
    if (!m_presets.isEmpty()) {
        m_presets.clear();
        emit presetsChanged();
    }
    if (!available())
        return;
    m_worker = std::make_shared<Worker>();
    // The thread holds its own reference to the queue.
    std::thread([w = m_worker, url = m_deviceUrl, user = m_user, password = m_password,
                 profile = m_profileToken]() mutable {
        OnvifClient client(url, user, password);
        for (;;) {
            Worker::Command c;
            {
                std::unique_lock lock(w->mutex);
                w->wake.wait(lock, [&w] { return w->quit || !w->queue.empty(); });
                if (w->queue.empty())
                    return;
                c = std::move(w->queue.front());
                w->queue.pop_front();
            }
            c.run(client, profile);
        }
    }).detach();
}

void OnvifPtzController::enqueue(const QString &command, bool isMove, Fn fn)
{
    if (!m_worker) {
        setLastError(tr("This camera has no ONVIF address, so it cannot be steered from Vigil."));
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
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, command, e, presets] {
                    if (self)
                        self->finished(command, e, presets);
                },
                Qt::QueuedConnection);
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

void OnvifPtzController::move(double pan, double tilt, double zoom)
{
    m_moving = pan != 0 || tilt != 0 || zoom != 0;
    enqueue(QStringLiteral("move"), true, [pan, tilt, zoom](OnvifClient &c, const QString &profile, auto *) {
        return c.continuousMove(profile, pan, tilt, zoom).error;
    });
}

void OnvifPtzController::stop()
{
    m_moving = false;
    enqueue(QStringLiteral("stop"), false,
            [](OnvifClient &c, const QString &profile, auto *) { return c.stop(profile).error; });
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
