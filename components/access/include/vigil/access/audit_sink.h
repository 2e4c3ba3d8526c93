#pragma once
// The one seam through which the other rooms (wall, ptz, alarms, recording, app) report what the operator did
// and ask whether the logged-in user may do it — without depending on vigil_access (users, SQLite, QML).
// Header only (CMake target vigil_audit_sink: Qt Core and nothing else).
//
//     access::audit(u"wall", QStringLiteral("layout 9"));                        // one line per hook
//     if (QString why; !access::permit(access::Action::Export, u"export", what, &why))
//         return refuse(why);                                                    // refused and audited
//
// Until the app installs a sink (setAuditSink), the default one records nothing and allows everything, so
// tests and vigilctl behave as before. The app's sink is vigil::access::AccessController.
//
// Thread: any thread may call audit()/permit(); the installed sink must be thread-safe for both (the app's
// posts to the audit log's worker and reads the role under a lock-free atomic).
#include <QtCore/QString>
#include <QtCore/QStringView>

#include <atomic>

namespace vigil::access {

// What a role may do (roles.h has the table). Wall and alarm steps are audited but everyone who sees them may
// do them, except the kiosk role.
enum class Action
{
    Wall,          // change layouts, tiles, tours, scenes
    Ptz,           // steer a camera, go to or edit presets
    Playback,      // open recorded video
    Export,        // write recorded video to files
    Settings,      // add, edit or remove cameras and devices; settings
    Exit,          // close the application
    AlarmHandling, // acknowledge, mark handled or false alarm
    ManageUsers,   // users, roles, passwords; read and export the audit log
};

class AuditSink
{
public:
    virtual ~AuditSink() = default;
    // `kind`: "login", "logout", "wall", "ptz", "export", "alarm", "users", "playback", ...; `detail`: one
    // line for the log's reader (never a password). `refused`: the action was refused for the user's role.
    virtual void record(QStringView kind, const QString &detail, bool refused)
    {
        Q_UNUSED(kind);
        Q_UNUSED(detail);
        Q_UNUSED(refused);
    }
    virtual bool allows(Action action) const
    {
        Q_UNUSED(action);
        return true;
    }
    // The translated sentence shown when `action` is refused (who is logged in, who may do it).
    virtual QString refusal(Action action) const
    {
        Q_UNUSED(action);
        return {};
    }
};

namespace detail {
inline AuditSink &noopSink()
{
    static AuditSink sink;
    return sink;
}
inline std::atomic<AuditSink *> &sinkSlot()
{
    static std::atomic<AuditSink *> slot{nullptr};
    return slot;
}
} // namespace detail

// The installed sink, never null. Install before anything may call it and uninstall (nullptr) before it dies.
inline AuditSink &auditSink()
{
    AuditSink *s = detail::sinkSlot().load(std::memory_order_acquire);
    return s ? *s : detail::noopSink();
}
inline void setAuditSink(AuditSink *sink)
{
    detail::sinkSlot().store(sink, std::memory_order_release);
}

// Records one step the user took.
inline void audit(QStringView kind, const QString &detail)
{
    auditSink().record(kind, detail, false);
}

// True when the user's role allows `action`. Otherwise records `detail` under `kind` as refused, fills `why`
// (a sentence for the user) and returns false. Does not record the allowed case: the caller audits what it
// then actually did.
inline bool permit(Action action, QStringView kind, const QString &detail, QString *why = nullptr)
{
    AuditSink &sink = auditSink();
    if (sink.allows(action))
        return true;
    sink.record(kind, detail, true);
    if (why)
        *why = sink.refusal(action);
    return false;
}

} // namespace vigil::access
