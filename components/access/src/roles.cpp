#include "vigil/access/roles.h"

#include <QtCore/QCoreApplication>

#include <array>
#include <utility>

namespace vigil::access {

namespace {

constexpr std::array<std::pair<Action, const char *>, 8> kActions{{
    {Action::Wall, "wall"},
    {Action::Ptz, "ptz"},
    {Action::Playback, "playback"},
    {Action::Export, "export"},
    {Action::Settings, "settings"},
    {Action::Exit, "exit"},
    {Action::AlarmHandling, "alarms"},
    {Action::ManageUsers, "users"},
}};

constexpr std::array<std::pair<Role, const char *>, 4> kRoles{{
    {Role::Administrator, "administrator"},
    {Role::Operator, "operator"},
    {Role::Viewer, "viewer"},
    {Role::Kiosk, "kiosk"},
}};

} // namespace

bool allowed(Role role, Action action)
{
    switch (role) {
    case Role::Administrator:
        return true;
    case Role::Operator:
        return action != Action::Settings && action != Action::ManageUsers;
    case Role::Viewer:
        return action == Action::Wall || action == Action::Playback || action == Action::Exit;
    case Role::Kiosk:
        return false; // the kiosk's tour runs by itself; leaving it is the kiosk PIN's business
    }
    return false;
}

QString roleWord(Role role)
{
    for (const auto &[r, word] : kRoles)
        if (r == role)
            return QString::fromLatin1(word);
    return {};
}

std::optional<Role> roleFromWord(QStringView word)
{
    for (const auto &[r, w] : kRoles)
        if (word == QLatin1String(w))
            return r;
    return std::nullopt;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Administrator:
        return QCoreApplication::translate("vigil::access", "Administrator");
    case Role::Operator:
        return QCoreApplication::translate("vigil::access", "Operator");
    case Role::Viewer:
        return QCoreApplication::translate("vigil::access", "Viewer");
    case Role::Kiosk:
        return QCoreApplication::translate("vigil::access", "Kiosk");
    }
    return {};
}

QString actionWord(Action action)
{
    for (const auto &[a, word] : kActions)
        if (a == action)
            return QString::fromLatin1(word);
    return {};
}

std::optional<Action> actionFromWord(QStringView word)
{
    for (const auto &[a, w] : kActions)
        if (word == QLatin1String(w))
            return a;
    return std::nullopt;
}

} // namespace vigil::access
