#include "vigil/ptz/command_queue.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/worker_threads.h"
#include "vigil/onvif/client.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread> // std::this_thread::sleep_for

namespace vigil::ptz {

using onvif::Error;
using onvif::OnvifClient;
using onvif::Preset;

PtzCommand PtzCommand::of(Kind kind, const QString &argument)
{
    PtzCommand c;
    c.kind = kind;
    c.argument = argument;
    return c;
}

PtzCommand PtzCommand::move(double pan, double tilt, double zoom, int timeoutMs)
{
    PtzCommand c = of(Kind::Move);
    c.pan = pan;
    c.tilt = tilt;
    c.zoom = zoom;
    c.timeoutMs = timeoutMs;
    return c;
}

QString PtzCommand::name() const
{
    switch (kind) {
    case Kind::Move:
        return QStringLiteral("move");
    case Kind::Stop:
        return QStringLiteral("stop");
    case Kind::GotoPreset:
        return QStringLiteral("gotoPreset");
    case Kind::Home:
        return QStringLiteral("home");
    case Kind::Presets:
        return QStringLiteral("presets");
    case Kind::SetPreset:
        return QStringLiteral("setPreset");
    case Kind::RemovePreset:
        return QStringLiteral("removePreset");
    }
    return {};
}

// The queue itself, shared by the owner (GUI thread) and the worker.
struct PtzCommandQueue::Shared
{
    struct Item
    {
        PtzCommand command;
        Done done;
    };
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Item> items;
    bool quit = false;
};

namespace {

// A Stop that failed (a dropped packet, a busy camera) is sent once more: a camera that missed it keeps
// moving until its move's Timeout. A refused login is not retried (cameras lock accounts).
Error stopWithRetry(OnvifClient &c, const QString &profile)
{
    auto r = c.stop(profile);
    if (!r.ok() && r.error.category() != onvif::ErrorCategory::Auth) {
        std::this_thread::sleep_for(std::chrono::milliseconds(PtzCommandQueue::kStopRetryDelayMs));
        r = c.stop(profile);
    }
    return r.error;
}

// Then the list shown is the device's own (a SetPreset/RemovePreset answer does not carry it).
Error readPresets(OnvifClient &c, const QString &profile, PtzResult &out)
{
    const auto list = c.presets(profile);
    if (list.ok())
        out.presets = list.value;
    return list.error;
}

PtzResult run(OnvifClient &c, const QString &profile, const PtzCommand &command)
{
    PtzResult out;
    switch (command.kind) {
    case PtzCommand::Kind::Move:
        out.error =
            c.continuousMove(profile, command.pan, command.tilt, command.zoom, command.timeoutMs).error;
        break;
    case PtzCommand::Kind::Stop:
        out.error = stopWithRetry(c, profile);
        break;
    case PtzCommand::Kind::GotoPreset:
        out.error = c.gotoPreset(profile, command.argument).error;
        break;
    case PtzCommand::Kind::Home:
        out.error = c.gotoHomePosition(profile).error;
        break;
    case PtzCommand::Kind::Presets:
        out.error = readPresets(c, profile, out);
        break;
    case PtzCommand::Kind::SetPreset:
        out.error = c.setPreset(profile, command.argument).error;
        if (!out.error.isError())
            readPresets(c, profile, out); // saved either way; a failed re-read only leaves the old list
        break;
    case PtzCommand::Kind::RemovePreset:
        out.error = c.removePreset(profile, command.argument).error;
        if (!out.error.isError())
            readPresets(c, profile, out);
        break;
    }
    return out;
}

// The PTZ profile: the best-ranked profile that has a PTZ configuration, else the best-ranked one.
Error findProfile(OnvifClient &c, QString &profile)
{
    const auto profiles = c.profiles();
    const QList<onvif::MediaProfile> ranked = onvif::rankProfiles(profiles.value);
    for (const onvif::MediaProfile &p : ranked)
        if (profile.isEmpty() && !p.ptzConfigurationToken.isEmpty())
            profile = p.token;
    if (profile.isEmpty() && !ranked.isEmpty())
        profile = ranked.first().token;
    return profiles.error;
}

} // namespace

PtzCommandQueue::PtzCommandQueue(PtzDevice device)
    : m_shared(std::make_shared<Shared>())
    , m_deviceUrl(device.deviceUrl)
{
    // The thread holds its own reference to the queue, and the device (with its password) only there.
    auto work = [s = m_shared, device = std::move(device)]() mutable {
        OnvifClient client(device.deviceUrl, device.user, device.password);
        QString profile = device.profileToken;
        for (;;) {
            Shared::Item item;
            {
                std::unique_lock lock(s->mutex);
                s->wake.wait(lock, [&s] { return s->quit || !s->items.empty(); });
                if (s->items.empty())
                    break;
                item = std::move(s->items.front());
                s->items.pop_front();
            }
            PtzResult result;
            if (profile.isEmpty())
                result.error = findProfile(client, profile);
            if (!result.error.isError())
                result = run(client, profile, item.command);
            if (item.done)
                core::postToApp([done = std::move(item.done), result = std::move(result)] { done(result); });
        }
    };
    core::WorkerThreads::start(kThreadName.toString(), std::move(work));
}

PtzCommandQueue::~PtzCommandQueue()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->quit = true;
    }
    m_shared->wake.notify_all();
}

bool PtzCommandQueue::push(PtzCommand command, Done done)
{
    bool merged = false;
    {
        std::lock_guard lock(m_shared->mutex);
        merged = command.kind == PtzCommand::Kind::Move && !m_shared->items.empty() &&
                 m_shared->items.back().command.kind == PtzCommand::Kind::Move;
        if (merged)
            m_shared->items.back() = {std::move(command), std::move(done)};
        else
            m_shared->items.push_back({std::move(command), std::move(done)});
    }
    m_shared->wake.notify_one();
    return !merged;
}

bool PtzCommandQueue::waitForWorkers(int timeoutMs)
{
    return core::WorkerThreads::wait(timeoutMs, kThreadName);
}

} // namespace vigil::ptz
