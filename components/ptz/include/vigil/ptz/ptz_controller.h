#pragma once
// OnvifPtzController (QML: Vigil.Ptz): PTZ of one camera for the tile controls (pad arrows, drag, keys,
// wheel, presets). The QML face of four parts, each its own class:
//  - PtzCameraLookup: the camera it steers, through the camera directory (address, login, PTZ flag; waits
//    for a password the keyring has not given yet);
//  - PtzCapabilityCache: for a camera saved without the PTZ flag, one check per device per session (retried
//    after 3 min when the device did not answer); when it has PTZ the controller becomes available and the
//    flag is saved to the directory;
//  - PtzInputRules: what each gesture means (hold, drag speed, wheel steps, keys, a Stop on every let-go);
//  - PtzCommandQueue: the commands, in order, on the device's worker (moves coalesce, a Stop is never
//    dropped), started on the first command so a wall of tiles that are never steered holds no threads.
// `available` (the tile shows PTZ controls) needs the address, the password and, for a directory camera, its
// PTZ flag. `checkingPtz` is true while the check runs (so a test or the UI can tell "no PTZ" from "not known
// yet").
//
// Thread: GUI only; results come back from the worker posted to the GUI thread (dropped when the controller
// is gone). The destructor never waits: it queues a final Stop if the camera was moving; at exit, after the
// tiles are gone, waitForWorkers() lets those Stops go out.
#include "vigil/onvif/types.h"
#include "vigil/ptz/camera_lookup.h"
#include "vigil/ptz/command_queue.h"
#include "vigil/ptz/input_rules.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::ptz {

class PtzCapabilityCache;

class OnvifPtzController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString cameraId READ cameraId WRITE setCameraId NOTIFY cameraIdChanged)
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    // The background PTZ check of a directory camera without the PTZ flag is running (see the class comment).
    Q_PROPERTY(bool checkingPtz READ checkingPtz NOTIFY checkingPtzChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QStringList presetNames READ presetNames NOTIFY presetsChanged)
    Q_PROPERTY(QStringList presetTokens READ presetTokens NOTIFY presetsChanged)
    // A move was sent and no stop after it: the camera is (or is about to be) moving.
    Q_PROPERTY(bool moving READ moving NOTIFY movingChanged)
    // Velocity (0.05..1) used by the arrows, keys and the wheel.
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged)

public:
    explicit OnvifPtzController(QObject *parent = nullptr);
    ~OnvifPtzController() override;

    QString cameraId() const { return m_cameraId; }
    // Looks the camera up in `directory` (the app's instance when null).
    void setCameraId(const QString &id);
    void setCameraId(const QString &id, cameras::CameraDirectory *directory);
    // Direct device (tests, tools). `profileToken` empty = the main ranked profile with PTZ.
    void setDevice(const QUrl &deviceUrl, const QString &user, const QString &password,
                   const QString &profileToken = {});
    // The cache of PTZ checks (default: PtzCapabilityCache::shared()). For tests.
    void setCapabilityCache(PtzCapabilityCache *cache);
    // Steered by Vigil itself (an alarm rule's preset), not by the user: not gated by the user's role.
    void setAutomatic(bool automatic) { m_automatic = automatic; }

    bool available() const { return m_ptz && m_device.deviceUrl.isValid() && !m_device.deviceUrl.isEmpty(); }
    bool checkingPtz() const { return m_checkingPtz; }
    bool busy() const { return m_pending > 0; }
    QString lastError() const { return m_lastError; }
    QStringList presetNames() const;
    QStringList presetTokens() const;
    bool moving() const { return m_moving; }
    double speed() const { return m_rules.speed(); }
    void setSpeed(double speed);
    // The directory is still reading this camera's password: not available until it has it.
    bool waitingForPassword() const { return m_lookup.waitingForPassword(); }

    // Every ContinuousMove carries this Timeout (the camera stops by itself after it) and is re-sent every
    // half of it while the move is held, so a camera that missed the Stop does not move for ever. A failed
    // Stop is sent once more. setMoveTimeout() is for tests.
    static constexpr int kMoveTimeoutMs = 10000;
    void setMoveTimeout(int timeoutMs);

    // Velocities -1..1 (pan right +, tilt up +, zoom in +). The camera moves until stop().
    Q_INVOKABLE void move(double pan, double tilt, double zoom = 0);
    Q_INVOKABLE void stop();
    Q_INVOKABLE void gotoPreset(const QString &token);
    Q_INVOKABLE void setPreset(const QString &name);
    Q_INVOKABLE void removePreset(const QString &token);
    Q_INVOKABLE void home();
    Q_INVOKABLE void refreshPresets();

    // Operator input, by PtzInputRules: dragTo() moves at PtzInputRules::dragVelocity() (stops inside the
    // dead zone); keyPress/keyRelease take Qt::Key values (arrows, +/=, -) and return false for other keys;
    // zoomStep() zooms `steps` notches (sign = direction) for PtzInputRules::kZoomStepMs each, then stops.
    Q_INVOKABLE void dragTo(double dx, double dy, double width, double height);
    Q_INVOKABLE bool keyPress(int key);
    Q_INVOKABLE bool keyRelease(int key);
    Q_INVOKABLE void zoomStep(int steps);
    // The operator let go: forget held keys, end a wheel zoom, and stop if moving. Safe to call any time.
    Q_INVOKABLE void letGo();

    // Blocks until every command queue's worker has sent what was queued and ended (those of live
    // controllers never end), at most `timeoutMs`; false on timeout. For main() after the QML engine is
    // destroyed, and tests.
    static bool waitForWorkers(int timeoutMs);

signals:
    void cameraIdChanged();
    void availableChanged();
    void checkingPtzChanged();
    void busyChanged();
    void lastErrorChanged();
    void presetsChanged();
    void movingChanged();
    void speedChanged();
    // One per finished command, for tests and status chips.
    void commandFinished(const QString &command, bool ok);

private:
    // Forgets the current device: stops the camera if it was moving, drops the queue and the presets.
    void resetDevice();
    // Takes the lookup's camera as the device (once its password is known); asks about PTZ if unflagged.
    void useLookup();
    void askDeviceForPtz();
    void ptzAnswered(quint64 generation, bool hasPtz);
    void setCheckingPtz(bool checking);
    void apply(const PtzAction &action);
    void syncMoving();
    void enqueue(const PtzCommand &command);
    void finished(const QString &command, const PtzResult &result);
    void setLastError(const QString &e);

    QString m_cameraId;
    PtzCameraLookup m_lookup;
    PtzCapabilityCache *m_cache;
    PtzDevice m_device; // where the queue sends to (empty until known)
    bool m_ptz = false; // the camera has PTZ (flag or check; always true after setDevice())
    bool m_checkingPtz = false;
    quint64 m_generation = 0; // bumped when the camera changes: late PTZ answers for the old one are dropped
    PtzInputRules m_rules;
    bool m_moving = false; // what `moving` last announced (m_rules.moving())
    QTimer m_zoomStop;     // ends a wheel zoom (PtzInputRules::zoomStepDone)
    QTimer m_keepMoving;   // re-sends the held move while moving
    int m_moveTimeoutMs = kMoveTimeoutMs;
    bool m_automatic = false;
    std::unique_ptr<PtzCommandQueue> m_queue;
    QString m_lastError;
    QList<onvif::Preset> m_presets;
    int m_pending = 0;
};

} // namespace vigil::ptz
