#pragma once
// Roles of local users and the one table of what each may do: allowed(role, action), a pure function tested
// as a table (tests/unit/access/tst_roles.cpp). Thread: any.
#include "vigil/access/audit_sink.h"

#include <QtCore/QString>
#include <QtCore/QStringView>

#include <optional>

namespace vigil::access {

enum class Role
{
    Administrator, // everything, and the users and the audit log
    Operator,      // the wall, PTZ, playback, export, alarms; not settings or users
    Viewer,        // watches: the wall and playback; no PTZ, export, alarm handling or settings
    Kiosk,         // a public display: nothing but what the kiosk shows; leaves only with the kiosk PIN
};

bool allowed(Role role, Action action);

// Stable words, as stored in users.json and the audit log: "administrator", "operator", "viewer", "kiosk".
QString roleWord(Role role);
std::optional<Role> roleFromWord(QStringView word);
// Translated name for the UI ("Administrator", ...).
QString roleName(Role role);

// Stable words of the actions, as QML asks for them: "wall", "ptz", "playback", "export", "settings", "exit",
// "alarms", "users".
QString actionWord(Action action);
std::optional<Action> actionFromWord(QStringView word);

} // namespace vigil::access
