#pragma once
// Alarm: one alarm from any source (ONVIF events, platform pushes, the webhook) as a value, and the rules of
// its life: new -> acknowledged -> handled / false alarm (an operator may also close a new alarm at once).
// Thread: any (values and pure functions).
#include <QtCore/QDateTime>
#include <QtCore/QMetaType>
#include <QtCore/QString>

#include <optional>

namespace vigil::alarms {

struct Alarm
{
    enum class State
    {
        New,
        Acknowledged,
        Handled,
        FalseAlarm,
    };

    qint64 id = 0;  // the store's (0 until stored)
    QString source; // "onvif", "webhook:<sender>", "platform" (the demo's) / "platform:<site>"
    // The sender's own id (a platform's alarm id), or empty. The store keeps one alarm per (source,
    // externalId): the same platform alarm pushed twice (after a reconnect) is one alarm.
    QString externalId;
    QString type;              // "motion", "tamper", "intrusion", ...
    QString cameraId;          // the place as a camera, or empty
    QString zone;              // the sender's zone, or empty
    std::optional<double> lon; // the place as WGS-84 degrees (both or neither)
    std::optional<double> lat;
    QDateTime time;   // when it happened (UTC)
    int priority = 3; // 1 (lowest) .. 5 (most urgent)
    QString text;
    State state = State::New;
    QString notes;            // the operators' notes, one line per note
    QDateTime acknowledgedAt; // UTC, invalid until then
    QString acknowledgedBy;
    QDateTime closedAt; // handled or false alarm (UTC)
    QString closedBy;

    bool hasPosition() const { return lon.has_value() && lat.has_value(); }
    bool isOpen() const { return state == State::New || state == State::Acknowledged; }
};

constexpr int kMinPriority = 1;
constexpr int kMaxPriority = 5;

// Whether an alarm in `from` may go to `to`.
bool canMove(Alarm::State from, Alarm::State to);

// The alarm after an operator moved it to `to` at `at`, with `note` appended to its notes
// ("2026-12-06 22:40 operator: note"). nullopt when the move is not allowed.
std::optional<Alarm> moved(const Alarm &alarm, Alarm::State to, const QString &note,
                           const QString &operatorName, const QDateTime &at);

// The alarm with `note` appended to its notes as a line "2026-12-06T22:40:00Z operator: note" (unchanged
// for an empty note). Any state: a closed alarm keeps taking notes.
Alarm withNote(const Alarm &alarm, const QString &note, const QString &operatorName, const QDateTime &at);

// The word of a state in the database and in QML ("new", "acknowledged", "handled", "false-alarm").
QString stateWord(Alarm::State state);
std::optional<Alarm::State> stateFromWord(const QString &word);

} // namespace vigil::alarms

Q_DECLARE_METATYPE(vigil::alarms::Alarm)
