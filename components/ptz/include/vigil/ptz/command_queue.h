#pragma once
// PtzCommandQueue: the commands for one PTZ device, sent in order by one worker thread ("ptz-queue", through
// core::WorkerThreads) that speaks ONVIF through onvif::OnvifClient.
//  - A move pushed while another move still waits replaces it: the camera only needs the latest velocity.
//    Stops and the other commands are never merged or dropped, so "let go" always reaches the camera.
//  - A Stop the device did not take (a dropped packet, a busy camera) is sent once more.
//  - The first command finds the PTZ profile (the best-ranked media profile with a PTZ configuration) unless
//    the device came with one.
//  - Each command's `done` runs on the application's (GUI) thread, posted to the application object; the
//    caller guards what it captures (a QPointer).
//  - The destructor never waits: the worker sends what is still queued, then ends. waitForWorkers() at exit
//    lets those last commands (a tile's final Stop) go out.
//
// Thread: construct, push() and destroy on one thread (the GUI thread); the worker owns the OnvifClient.
#include "vigil/onvif/soap.h"
#include "vigil/onvif/types.h"

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringView>
#include <QtCore/QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace vigil::ptz {

// One thing to tell the camera.
struct PtzCommand
{
    enum class Kind
    {
        Move, // ContinuousMove at pan/tilt/zoom (-1..1) with a Timeout of timeoutMs
        Stop,
        GotoPreset,   // argument: the preset token
        Home,         // GotoHomePosition
        Presets,      // GetPresets
        SetPreset,    // argument: the new preset's name; then GetPresets
        RemovePreset, // argument: the preset token; then GetPresets
    };
    Kind kind = Kind::Stop;
    double pan = 0;
    double tilt = 0;
    double zoom = 0;
    int timeoutMs = 0;
    QString argument;

    static PtzCommand of(Kind kind, const QString &argument = {});
    static PtzCommand move(double pan, double tilt, double zoom, int timeoutMs);
    static PtzCommand stop() { return of(Kind::Stop); }
    static PtzCommand home() { return of(Kind::Home); }
    static PtzCommand presets() { return of(Kind::Presets); }
    static PtzCommand gotoPreset(const QString &token) { return of(Kind::GotoPreset, token); }
    static PtzCommand setPreset(const QString &name) { return of(Kind::SetPreset, name); }
    static PtzCommand removePreset(const QString &token) { return of(Kind::RemovePreset, token); }

    // "move", "stop", "gotoPreset", "home", "presets", "setPreset", "removePreset" (the controller's
    // commandFinished names).
    QString name() const;
};

struct PtzResult
{
    onvif::Error error;
    std::optional<QList<onvif::Preset>> presets; // the device's list, when the command read it
};

// Where a queue sends to. Contains the password: never log it.
struct PtzDevice
{
    QUrl deviceUrl;
    QString user;
    QString password;
    QString profileToken; // empty: the best-ranked profile with a PTZ configuration
};

class PtzCommandQueue
{
public:
    using Done = std::function<void(const PtzResult &)>;

    // Starts the worker thread.
    explicit PtzCommandQueue(PtzDevice device);
    // Never waits: what is queued is still sent, then the worker ends.
    ~PtzCommandQueue();
    PtzCommandQueue(const PtzCommandQueue &) = delete;
    PtzCommandQueue &operator=(const PtzCommandQueue &) = delete;

    const QUrl &deviceUrl() const { return m_deviceUrl; }

    // Queues `command`; `done` (may be empty) runs on the GUI thread once it was sent. Returns false when the
    // command, a move, replaced a move still waiting: that one is never sent and its `done` never runs.
    bool push(PtzCommand command, Done done = {});

    // The worker threads' name: what waitForWorkers() waits for.
    static constexpr QStringView kThreadName = u"ptz-queue";
    // How long a failed Stop waits before it is sent again.
    static constexpr int kStopRetryDelayMs = 200;
    // Blocks until every queue's worker has sent what was queued and ended (those of live queues never end),
    // at most `timeoutMs`; false on timeout. For main() after the QML engine is gone, and tests.
    static bool waitForWorkers(int timeoutMs);

    struct Shared;

private:
    std::shared_ptr<Shared> m_shared; // also held by the worker, so the queue may die first
    QUrl m_deviceUrl;
};

} // namespace vigil::ptz
