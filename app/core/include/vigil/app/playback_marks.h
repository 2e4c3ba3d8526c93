#pragma once
// The playback timeline's alarm marks (issue 11: "alarm/motion marks drawn"): the stored alarms of the
// session's cameras inside a range, as marks at the alarm's time labelled with its time, type and text.
// main.cpp installs it as PlaybackSession's default mark lookup over the AlarmCenter's store (which keeps its
// alarms in memory, newest first). Pure; whatever thread owns the list.
#include "vigil/alarms/alarm.h"
#include "vigil/playback/timeline_model.h"

#include <QtCore/QList>
#include <QtCore/QStringList>

namespace vigil::app {

// At most this many marks (the newest): a timeline 1,600 px wide cannot show more apart.
inline constexpr int kMaxAlarmMarks = 1000;

QList<playback::TimelineModel::Mark> alarmMarks(const QList<alarms::Alarm> &alarms,
                                                const QStringList &cameraIds, playback::Span range);

} // namespace vigil::app
