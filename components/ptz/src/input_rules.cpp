#include "vigil/ptz/input_rules.h"

#include <QtCore/qnamespace.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace vigil::ptz {

namespace {
// The PTZ meaning of a key: the key itself, Key_Plus for "=" ("+" without Shift on most layouts), 0 for a
// key that does not steer.
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
    case Qt::Key_Equal:
        return Qt::Key_Plus;
    default:
        return 0;
    }
}
} // namespace

QPointF PtzInputRules::dragVelocity(double dx, double dy, double width, double height)
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

bool PtzInputRules::setSpeed(double speed)
{
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    if (std::abs(m_speed - speed) < 1e-9)
        return false;
    m_speed = speed;
    return true;
}

PtzAction PtzInputRules::send(Velocity v)
{
    m_moving = !v.isZero();
    m_sent = v;
    return PtzAction::move(v);
}

PtzAction PtzInputRules::hold(Velocity v)
{
    m_held = v;
    return send(v);
}

PtzAction PtzInputRules::move(Velocity v)
{
    m_zoomPending = false; // an explicit move outlives a wheel zoom
    return hold(v);
}

PtzAction PtzInputRules::stop()
{
    m_zoomPending = false;
    m_held = {};
    m_moving = false;
    return PtzAction::stop();
}

PtzAction PtzInputRules::stopIfMoving()
{
    return m_moving ? stop() : PtzAction::none();
}

PtzAction PtzInputRules::dragTo(double dx, double dy, double width, double height)
{
    const QPointF v = dragVelocity(dx, dy, width, height);
    if (v == m_dragVelocity)
        return PtzAction::none(); // same velocity: nothing new to tell the camera
    m_dragVelocity = v;
    m_zoomPending = false;
    if (v.isNull())
        return stopIfMoving();
    return hold({v.x(), v.y(), 0});
}

std::optional<PtzAction> PtzInputRules::keyPress(int key)
{
    key = ptzKey(key);
    if (!key)
        return std::nullopt;
    if (!m_keys.insert(key).second)
        return PtzAction::none(); // a key already held (auto-repeat) changes nothing
    return applyKeys();
}

std::optional<PtzAction> PtzInputRules::keyRelease(int key)
{
    key = ptzKey(key);
    if (!key)
        return std::nullopt;
    if (!m_keys.erase(key))
        return PtzAction::none(); // released after a let-go: already stopped
    return applyKeys();
}

PtzAction PtzInputRules::applyKeys()
{
    const auto held = [this](int key) {
        return m_keys.count(key) ? 1.0 : 0.0;
    };
    const Velocity v{(held(Qt::Key_Right) - held(Qt::Key_Left)) * m_speed,
                     (held(Qt::Key_Up) - held(Qt::Key_Down)) * m_speed,
                     (held(Qt::Key_Plus) - held(Qt::Key_Minus)) * m_speed};
    m_zoomPending = false;
    if (v.isZero())
        return stopIfMoving();
    return hold(v);
}

PtzAction PtzInputRules::zoomStep(int steps)
{
    if (steps == 0)
        return PtzAction::none();
    PtzAction a = send({0, 0, steps > 0 ? m_speed : -m_speed}); // not held: what was held resumes after it
    // The controller's timer, not a device-side Timeout: the end must be an explicit Stop the camera cannot
    // miss.
    m_zoomPending = true;
    a.zoomStopAfterMs = kZoomStepMs * std::min(std::abs(steps), kMaxZoomSteps);
    return a;
}

PtzAction PtzInputRules::zoomStepDone()
{
    if (!m_zoomPending)
        return PtzAction::none();
    m_zoomPending = false;
    // A drag, key or arrow still held goes on at its own velocity once the wheel's zoom is over.
    if (!m_held.isZero())
        return send(m_held);
    return stop();
}

PtzAction PtzInputRules::letGo()
{
    m_keys.clear();
    m_dragVelocity = {};
    m_held = {};
    m_zoomPending = false;
    return stopIfMoving();
}

bool PtzInputRules::reset()
{
    const bool wasMoving = m_moving;
    m_keys.clear();
    m_dragVelocity = {};
    m_held = {};
    m_sent = {};
    m_zoomPending = false;
    m_moving = false;
    return wasMoving;
}

} // namespace vigil::ptz
