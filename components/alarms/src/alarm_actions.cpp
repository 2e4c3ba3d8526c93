#include "vigil/alarms/alarm_actions.h"

namespace vigil::alarms {

AlarmActionExecutor::AlarmActionExecutor(QObject *parent)
    : QObject(parent)
{}

QStringList AlarmActionExecutor::execute(const QList<RuleAction> &actions, const Alarm &alarm)
{
    QStringList done;
    for (const RuleAction &a : actions) {
        switch (a.kind) {
        case RuleAction::Kind::RecallScene:
            if (!m_hooks.recallScene)
                done.append(
                    QStringLiteral("scene \"%1\" not recalled: no wall to recall it on").arg(a.scene));
            else if (m_hooks.recallScene(a.scene))
                done.append(QStringLiteral("scene \"%1\" recalled").arg(a.scene));
            else
                done.append(
                    QStringLiteral("scene \"%1\" not recalled: there is no scene of that name (save one "
                                   "or fix the rule)")
                        .arg(a.scene));
            break;
        case RuleAction::Kind::ShowCameras: {
            const int shown = m_hooks.showCameras ? m_hooks.showCameras(a.screen, a.startTile, a.cameras) : 0;
            done.append(QStringLiteral("%1 of %2 cameras shown on %3 from tile %4")
                            .arg(shown)
                            .arg(a.cameras.size())
                            .arg(a.screen.isEmpty() ? QStringLiteral("the console") : a.screen)
                            .arg(a.startTile + 1));
            break;
        }
        case RuleAction::Kind::PtzPreset:
            emit ptzPresetRequested(a.ptzCamera, a.preset, alarm.id);
            done.append(QStringLiteral("PTZ camera %1 asked to go to preset %2").arg(a.ptzCamera, a.preset));
            break;
        case RuleAction::Kind::Record:
            emit recordRequested(a.cameras, a.recordMinutes, a.preAlarmSeconds, alarm.id);
            done.append(QStringLiteral("recording of %1 asked for %2 min (from %3 s before)")
                            .arg(a.cameras.join(QLatin1String(", ")))
                            .arg(a.recordMinutes)
                            .arg(a.preAlarmSeconds));
            break;
        }
    }
    return done;
}

} // namespace vigil::alarms
