#pragma once
// OnvifPtzController: PTZ of one camera for the tile controls (arrows, drag, keys, wheel). Commands run in
// order on the controller's own worker; consecutive moves coalesce (only the latest velocity is sent) and a
// stop is never dropped, so "let go" always reaches the camera. The camera's ONVIF address, user and password
// come from the camera directory (Camera::deviceUrl + credential store), or setDevice() for tests/vigilctl.
// `available` (the tile shows PTZ controls) needs the address and, for a directory camera, its PTZ flag
// (Camera::ptz, set when the device was added): an ONVIF camera without PTZ gets no controls. A directory
// camera with an address but no flag (a fixed camera, or one added before Vigil recorded the flag) is asked
// once per session in the background (GetServices, GetProfiles: a PTZ service and a profile with a PTZ
// configuration); when it has PTZ the controller becomes available and the flag is saved to the directory.
// `checkingPtz` is true while that check runs (so a test or the UI can tell "no PTZ" from "not known yet").
// Tiles showing the same camera share one check; a device that did not answer is asked again after 3 min.
//
// The operator's input rules live here too, so the tile's QML only wires events: drag offset -> velocity
// (dragTo), held keys -> velocity (keyPress/keyRelease), a wheel notch -> a short zoom (zoomStep), and
// letGo() for every "the operator let go" path (release, cancel, focus loss, overlay hidden): it stops the
// camera when it was moving.
//
// Thread: GUI only; the worker (started on the first command) talks to the device through OnvifClient and
// posts results back (dropped when the controller is gone). The destructor never waits: it queues a final
// Stop if a move was sent; at exit, after the tiles are gone, waitForWorkers() lets those Stops go out.
#include "vigil/onvif/soap.h"
#include "vigil/onvif/types.h"

#include <QtCore/QObject>
#include <QtCore/QPointF>
#include <QtCore/QPointer>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <optional>
#include <set>

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::onvif {

class OnvifClient;

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
    // Velocity (0..1] used by the arrows, keys and the wheel.
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

    bool available() const { return m_ptz && m_deviceUrl.isValid() && !m_deviceUrl.isEmpty(); }
    bool checkingPtz() const { return m_checkingPtz; }
    bool busy() const { return m_pending > 0; }
    QString lastError() const { return m_lastError; }
    QStringList presetNames() const;
    QStringList presetTokens() const;
    bool moving() const { return m_moving; }
    double speed() const { return m_speed; }
    void setSpeed(double speed);

    // Drag on the picture: pan/tilt velocity for a pointer `dx`,`dy` pixels from where it was pressed on an
    // area `width` x `height`. Half the area's size is full speed; a small dead zone (kDeadZone of that)
    // keeps a click from moving; results are clamped to -1..1 and rounded to steps of kVelocityStep (so a
    // drag sends a new move only when the velocity really changes). Screen y grows down, tilt up is +.
    static constexpr double kDeadZone = 0.06;
    static constexpr double kVelocityStep = 0.05;
    static QPointF dragVelocity(double dx, double dy, double width, double height);
    // How long one wheel notch zooms before the stop.
    static constexpr int kZoomStepMs = 250;

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

    // Operator input (see the class comment). dragTo() moves at dragVelocity() (stops inside the dead zone);
    // keyPress/keyRelease take Qt::Key values (arrows, +/=, -) and return false for other keys; zoomStep()
    // zooms `steps` notches (sign = direction) for kZoomStepMs, then stops.
    Q_INVOKABLE void dragTo(double dx, double dy, double width, double height);
    Q_INVOKABLE bool keyPress(int key);
    Q_INVOKABLE bool keyRelease(int key);
    Q_INVOKABLE void zoomStep(int steps);
    // The operator let go: forget held keys, end a wheel zoom, and stop if moving. Safe to call any time.
    Q_INVOKABLE void letGo();

    // Blocks until every worker thread has sent what was queued and ended (those of live controllers never
    // end), at most `timeoutMs`; false on timeout. For main() after the QML engine is destroyed, and tests.
    static bool waitForWorkers(int timeoutMs);

    struct Worker;

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
    void restartWorker();
    void ensureWorker();
    void setMoving(bool moving);
    struct Velocity
    {
        double pan = 0;
        double tilt = 0;
        double zoom = 0;
    };
    void holdMove(Velocity v); // the operator's move (arrow, drag, keys): resumed after a wheel zoom
    void sendMove(Velocity v);
    void zoomStepDone();
    void applyKeys();
    // `fn` runs on the worker with the resolved PTZ profile token; it may fill `presets` (then they replace
    // the list shown).
    using Fn = std::function<Error(OnvifClient &client, const QString &profile,
                                   std::optional<QList<Preset>> *presets)>;
    void enqueue(const QString &command, bool isMove, Fn fn);
    void finished(const QString &command, const Error &error, const std::optional<QList<Preset>> &presets);
    void setLastError(const QString &e);
    void askDeviceForPtz();
    void ptzAnswered(quint64 generation, bool hasPtz); // also when the device did not answer (hasPtz false)
    void setCheckingPtz(bool checking);

    QString m_cameraId;
    QUrl m_deviceUrl;
    QString m_user;
    QString m_password;
    QString m_profileToken;
    bool m_checkingPtz = false;
    bool m_ptz = false;       // the directory says the camera has PTZ (always true after setDevice())
    quint64 m_generation = 0; // bumped when the camera changes: late PTZ answers for the old one are dropped
    QPointer<cameras::CameraDirectory> m_directory;
    QString m_lastError;
    QList<Preset> m_presets;
    int m_pending = 0;
    bool m_moving = false;
    double m_speed = 0.5;
    QPointF m_dragVelocity;
    std::set<int> m_keys;
    QTimer m_zoomStop;
    Velocity m_held;     // what the operator holds; {} = nothing
    Velocity m_sent;     // the last move sent, re-sent by m_keepMoving
    QTimer m_keepMoving; // re-sends m_sent while moving
    int m_moveTimeoutMs = kMoveTimeoutMs;
    std::shared_ptr<Worker> m_worker;
};

} // namespace vigil::onvif
