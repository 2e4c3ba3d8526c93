#include "vigil/app/playback_marks.h"

#include <QtCore/QSet>

namespace vigil::app {

QList<playback::TimelineModel::Mark> alarmMarks(const QList<alarms::Alarm> &alarms,
                                                const QStringList &cameraIds, playback::Span range)
{
    const QSet<QString> ids(cameraIds.begin(), cameraIds.end());
    QList<playback::TimelineModel::Mark> marks;
    for (const alarms::Alarm &alarm : alarms) {
        if (marks.size() >= kMaxAlarmMarks)
            break;
        if (alarm.cameraId.isEmpty() || !ids.contains(alarm.cameraId) || !alarm.time.isValid())
            continue;
        const std::int64_t t = alarm.time.toMSecsSinceEpoch();
        if (t < range.startMs || t > range.endMs)
            continue;
        QString label =
            QStringLiteral("%1 %2").arg(alarm.time.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                                        alarm.type.isEmpty() ? QStringLiteral("alarm") : alarm.type);
        if (!alarm.text.isEmpty())
            label += QStringLiteral(" – ") + alarm.text;
        marks.append({t, label, alarm.cameraId});
    }
    return marks;
}

} // namespace vigil::app
