#pragma once
// AlarmActionExecutor: applies the actions a rule gave for an alarm (actionsForAlarm()). Thin on purpose:
// what changes the wall comes in as functions (the app passes WallScreenSet::recallScene and a
// show-cameras on the right WallStore; tests pass recorders), and what belongs to rooms the alarms know
// nothing of (steering a PTZ camera, recording) goes out as signals the app wires.
//
// Thread: GUI only.
#include "vigil/alarms/alarm_rules.h"

#include <QtCore/QObject>

#include <functional>

namespace vigil::alarms {

class AlarmActionExecutor : public QObject
{
    Q_OBJECT

public:
    struct Hooks
    {
        // Recalls a wall scene by name; false when there is none of that name.
        std::function<bool(const QString &scene)> recallScene;
        // Shows cameras on a screen ("" = the console's wall) from a tile (0-based); returns how many were
        // shown.
        std::function<int(const QString &screen, int startTile, const QStringList &cameraIds)> showCameras;
    };

    explicit AlarmActionExecutor(QObject *parent = nullptr);

    void setHooks(Hooks hooks) { m_hooks = std::move(hooks); }

    // Applies each action in order; returns one English line per action for the log (what was done, or
    // why not). A failed action does not stop the ones after it.
    QStringList execute(const QList<RuleAction> &actions, const Alarm &alarm);

signals:
    void ptzPresetRequested(const QString &cameraId, const QString &preset, qint64 alarmId);
    void recordRequested(const QStringList &cameraIds, int minutes, int preAlarmSeconds, qint64 alarmId);

private:
    Hooks m_hooks;
};

} // namespace vigil::alarms
