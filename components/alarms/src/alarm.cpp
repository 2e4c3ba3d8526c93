#include "vigil/alarms/alarm.h"

namespace vigil::alarms {

bool canMove(Alarm::State from, Alarm::State to)
{
    switch (from) {
    case Alarm::State::New:
        return to != Alarm::State::New;
    case Alarm::State::Acknowledged:
        return to == Alarm::State::Handled || to == Alarm::State::FalseAlarm;
    case Alarm::State::Handled:
    case Alarm::State::FalseAlarm:
        return false;
    }
    return false;
}

std::optional<Alarm> moved(const Alarm &alarm, Alarm::State to, const QString &note,
                           const QString &operatorName, const QDateTime &at)
{
    if (!canMove(alarm.state, to))
        return std::nullopt;
    Alarm next = alarm;
    const QDateTime utc = at.toUTC();
    next.state = to;
    if (to == Alarm::State::Acknowledged || !next.acknowledgedAt.isValid()) {
        // Closing a new alarm at once acknowledges it too.
        next.acknowledgedAt = utc;
        next.acknowledgedBy = operatorName;
    }
    if (to == Alarm::State::Handled || to == Alarm::State::FalseAlarm) {
        next.closedAt = utc;
        next.closedBy = operatorName;
    }
    return withNote(next, note, operatorName, utc);
}

Alarm withNote(const Alarm &alarm, const QString &note, const QString &operatorName, const QDateTime &at)
{
    Alarm next = alarm;
    const QString trimmed = note.trimmed();
    if (!trimmed.isEmpty()) {
        const QString line = QStringLiteral("%1 %2: %3")
                                 .arg(at.toUTC().toString(Qt::ISODate),
                                      operatorName.isEmpty() ? QStringLiteral("-") : operatorName, trimmed);
        next.notes = next.notes.isEmpty() ? line : next.notes + QLatin1Char('\n') + line;
    }
    return next;
}

QString stateWord(Alarm::State state)
{
    switch (state) {
    case Alarm::State::New:
        return QStringLiteral("new");
    case Alarm::State::Acknowledged:
        return QStringLiteral("acknowledged");
    case Alarm::State::Handled:
        return QStringLiteral("handled");
    case Alarm::State::FalseAlarm:
        return QStringLiteral("false-alarm");
    }
    return QStringLiteral("new");
}

std::optional<Alarm::State> stateFromWord(const QString &word)
{
    for (Alarm::State s :
         {Alarm::State::New, Alarm::State::Acknowledged, Alarm::State::Handled, Alarm::State::FalseAlarm})
        if (stateWord(s) == word)
            return s;
    return std::nullopt;
}

} // namespace vigil::alarms
