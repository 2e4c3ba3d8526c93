#pragma once
// PtzInputRules: what the operator's gestures on a tile mean for the camera, as pure logic — no device, no
// timer, no thread — so every rule is unit-tested on its own. Each gesture returns a PtzAction (send this
// move, send a Stop, or nothing); OnvifPtzController sends it through the PtzCommandQueue.
//
// The rules:
//  - hold: an arrow of the pad, a held key or a drag moves the camera until the operator lets go;
//  - drag: the velocity grows with the pointer's offset from where it was pressed (dragVelocity()), and only
//    a real change of velocity is sent;
//  - keys: arrows pan/tilt and +/= and - zoom while held, combined (a diagonal), auto-repeat changes nothing;
//  - wheel: a notch zooms for kZoomStepMs (at most kMaxZoomSteps notches at once), then zoomStepDone() —
//    after the controller's timer — stops, or resumes what is still held;
//  - let go: every way the operator lets go (release, cancel, focus loss, PTZ off) ends in a Stop when the
//    camera was moving, and in nothing when it was not; a late release after it sends nothing more.
// Velocities are -1..1: pan right +, tilt up +, zoom in +. Keys, arrows and the wheel move at speed().
//
// Thread: any thread, one at a time (the controller uses it on the GUI thread).
#include <QtCore/QPointF>

#include <optional>
#include <set>

namespace vigil::ptz {

struct Velocity
{
    double pan = 0;
    double tilt = 0;
    double zoom = 0;
    bool isZero() const { return pan == 0 && tilt == 0 && zoom == 0; }
    friend bool operator==(const Velocity &, const Velocity &) = default;
};

// What the camera must be told after a gesture.
struct PtzAction
{
    enum class Kind
    {
        None, // nothing to send
        Move, // a ContinuousMove at `velocity` (all zero: a move that stands still, not a Stop)
        Stop,
    };
    Kind kind = Kind::None;
    Velocity velocity;
    // > 0: a wheel zoom began; call PtzInputRules::zoomStepDone() after this many ms.
    int zoomStopAfterMs = 0;

    static PtzAction none() { return {}; }
    static PtzAction move(Velocity v) { return {Kind::Move, v, 0}; }
    static PtzAction stop() { return {Kind::Stop, {}, 0}; }
    friend bool operator==(const PtzAction &, const PtzAction &) = default;
};

class PtzInputRules
{
public:
    // Drag on the picture: pan/tilt velocity for a pointer `dx`,`dy` pixels from where it was pressed on an
    // area `width` x `height`. Half the area's size is full speed; a small dead zone (kDeadZone of that)
    // keeps a click from moving; results are clamped to -1..1 and rounded to steps of kVelocityStep (so a
    // drag sends a new move only when the velocity really changes). Screen y grows down, tilt up is +.
    static constexpr double kDeadZone = 0.06;
    static constexpr double kVelocityStep = 0.05;
    static QPointF dragVelocity(double dx, double dy, double width, double height);
    // How long one wheel notch zooms before the stop, and how many notches of one wheel event count.
    static constexpr int kZoomStepMs = 250;
    static constexpr int kMaxZoomSteps = 4;
    // The speed of arrows, keys and the wheel: kMinSpeed..kMaxSpeed.
    static constexpr double kMinSpeed = 0.05;
    static constexpr double kMaxSpeed = 1.0;
    static constexpr double kDefaultSpeed = 0.5;

    double speed() const { return m_speed; }
    // Clamped to kMinSpeed..kMaxSpeed; true when the speed changed. Applies from the next gesture.
    bool setSpeed(double speed);

    // A move was sent and no Stop after it: the camera is (or is about to be) moving.
    bool moving() const { return m_moving; }
    // The last move sent (re-sent while moving() so the device's move Timeout never runs out mid-hold).
    Velocity sent() const { return m_sent; }
    // A wheel zoom is under way: zoomStepDone() is due.
    bool zoomStepPending() const { return m_zoomPending; }

    // An explicit move (a pad arrow held): held until stop() or letGo(); outlives a wheel zoom.
    PtzAction move(Velocity v);
    // Stop now (always sends a Stop, even when nothing seemed to move).
    PtzAction stop();
    // The pointer, pressed on the picture, is now `dx`,`dy` from where it was pressed.
    PtzAction dragTo(double dx, double dy, double width, double height);
    // Qt::Key values; nullopt for a key that is not a PTZ key (arrows, +, = and -).
    std::optional<PtzAction> keyPress(int key);
    std::optional<PtzAction> keyRelease(int key);
    // `steps` wheel notches (sign = direction): zoom at speed() for kZoomStepMs per notch; what is held goes
    // on afterwards.
    PtzAction zoomStep(int steps);
    // The wheel zoom's time is up: resume what is held, else stop. Nothing when no zoom is pending.
    PtzAction zoomStepDone();
    // The operator let go (release, cancel, focus loss, overlay hidden): forget held keys and drag, end a
    // wheel zoom, and stop if moving. Safe to call any time.
    PtzAction letGo();
    // The controller steers another camera: forget everything held. True when the old camera was moving
    // (it must still be sent a Stop).
    bool reset();

private:
    PtzAction hold(Velocity v); // the operator's move: resumed after a wheel zoom
    PtzAction send(Velocity v);
    PtzAction stopIfMoving();
    PtzAction applyKeys();

    double m_speed = kDefaultSpeed;
    bool m_moving = false;
    bool m_zoomPending = false;
    Velocity m_held; // what the operator holds; {} = nothing
    Velocity m_sent; // the last move sent
    QPointF m_dragVelocity;
    std::set<int> m_keys;
};

} // namespace vigil::ptz
