#pragma once
// AccessController: who is using Vigil and what they may do — the QML singleton `Access` and the app's
// AuditSink (audit_sink.h), through which every room records steps and asks before export and PTZ.
//
// Modes: with no users (a first start) Vigil works as before, no login, as an implicit administrator (the OS
// user's name in the log) who may create users on the Users & audit page; the first user must be an
// administrator. Once users exist, a login is required at start (`loginRequired`, the QML login dialog). The
// demo (`--demo`) runs as an implicit administrator without a login, and kiosk mode as the kiosk role (it is
// left with the kiosk PIN). Village mode (`--village`) runs as an implicit operator without a login: it
// starts at boot with nobody at the keyboard, and its operator may play back but not change settings or
// users. A damaged users file with no usable backup locks the console behind the login dialog with the reason
// (never "no users, so no login").
//
// Logins are checked on a worker (Argon2id takes about 0.1 s); `checking` is true meanwhile.
//
// Thread: GUI only, except record()/allows()/refusal() (AuditSink), which any thread may call.
#include "vigil/access/audit_log.h"
#include "vigil/access/audit_sink.h"
#include "vigil/access/roles.h"
#include "vigil/access/user_store.h"
#include "vigil/core/retry_delay.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtCore/QVariantList>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace vigil::access {

// The audit table's rows (the result of the last query), newest first. Thread: GUI only.
class AuditModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The audit table is Access.audit.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TimeRole, // QDateTime (UTC)
        TimeTextRole,
        UserRole,
        KindRole,
        DetailRole,
        RefusedRole,
    };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    void setEntries(const QList<AuditEntry> &rows);
    const QList<AuditEntry> &entries() const { return m_rows; }

signals:
    void countChanged();

private:
    QList<AuditEntry> m_rows;
};

class AccessController : public QObject, public AuditSink
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Access)
    QML_SINGLETON
    // The login dialog must show (users exist, nobody is logged in, not demo or kiosk).
    Q_PROPERTY(bool loginRequired READ loginRequired NOTIFY stateChanged)
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY stateChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY stateChanged)
    Q_PROPERTY(QString role READ role NOTIFY stateChanged)         // roleWord(), "" when nobody
    Q_PROPERTY(QString roleName READ roleName NOTIFY stateChanged) // translated
    Q_PROPERTY(bool canPtz READ canPtz NOTIFY stateChanged)
    Q_PROPERTY(bool canPlayback READ canPlayback NOTIFY stateChanged)
    Q_PROPERTY(bool canExport READ canExport NOTIFY stateChanged)
    Q_PROPERTY(bool canSettings READ canSettings NOTIFY stateChanged)
    Q_PROPERTY(bool canExit READ canExit NOTIFY stateChanged)
    Q_PROPERTY(bool canHandleAlarms READ canHandleAlarms NOTIFY stateChanged)
    Q_PROPERTY(bool canManageUsers READ canManageUsers NOTIFY stateChanged)
    Q_PROPERTY(bool hasUsers READ hasUsers NOTIFY usersChanged)
    // [{ name, role, roleName }] in the file's order.
    Q_PROPERTY(QVariantList users READ users NOTIFY usersChanged)
    // [{ word, name }] of the four roles, for pickers.
    Q_PROPERTY(QVariantList roles READ roles CONSTANT)
    // A sentence when the users file was damaged (and what was done about it); else "".
    Q_PROPERTY(QString usersError READ usersError NOTIFY usersChanged)
    Q_PROPERTY(bool checking READ checking NOTIFY checkingChanged)
    // From the third wrong login in a row the dialog refuses tries for a while
    // (core::wrongSecretDelaySeconds: 5 s, doubling, at most 5 minutes): the seconds left, counting down; 0 =
    // a try is taken now.
    Q_PROPERTY(int loginWaitSeconds READ loginWaitSeconds NOTIFY loginWaitChanged)
    Q_PROPERTY(vigil::access::AuditModel *audit READ audit CONSTANT)
    Q_PROPERTY(bool querying READ querying NOTIFY queryingChanged)
    // A sentence when the audit log cannot be written or was replaced; else "".
    Q_PROPERTY(QString auditError READ auditError NOTIFY auditErrorChanged)

public:
    enum class Mode
    {
        Normal,
        Demo,    // implicit administrator, no login; Normal when the PC has users (or a damaged file)
        Kiosk,   // the kiosk role, no login
        Village, // one PC by a village's big screen: an implicit operator, no login (watch, play back)
    };

    // `usersPath`/`auditPath`: "" = configDir()/users.json and configDir()/audit.db. Reads the users at once
    // (a small file); the audit log opens on its worker. Not default-constructible on purpose (as WallStore):
    // Qt 6.4's QML registration would prefer `new T` over create() and give QML a second, private controller.
    explicit AccessController(const QString &usersPath, const QString &auditPath = {},
                              QObject *parent = nullptr);
    ~AccessController() override;

    static AccessController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(AccessController *instance); // also installs it as the AuditSink
    static AccessController *instance();

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    bool loginRequired() const;
    bool loggedIn() const { return !m_user.isEmpty() && m_loggedIn; }
    QString userName() const;
    QString role() const;
    QString roleName() const;
    std::optional<Role> currentRole() const;
    bool canPtz() const { return allows(Action::Ptz); }
    bool canPlayback() const { return allows(Action::Playback); }
    bool canExport() const { return allows(Action::Export); }
    bool canSettings() const { return allows(Action::Settings); }
    bool canExit() const { return allows(Action::Exit); }
    bool canHandleAlarms() const { return allows(Action::AlarmHandling); }
    bool canManageUsers() const { return allows(Action::ManageUsers); }
    bool hasUsers() const { return !m_users.isEmpty(); }
    QVariantList users() const;
    QVariantList roles() const;
    QString usersError() const { return m_users.error(); }
    bool checking() const { return m_checking; }
    int loginWaitSeconds() const;
    int loginFailures() const { return m_loginThrottle.failures(); }
    AuditModel *audit() const { return m_auditModel; }
    bool querying() const { return m_querying; }
    QString auditError() const { return m_auditError; }
    AuditLog *auditLog() const { return m_log.get(); }
    UserStore &userStore() { return m_users; }

    // "ptz", "playback", "export", "settings", "exit", "alarms", "users", "wall" (actionWord()).
    Q_INVOKABLE bool can(const QString &action) const;
    // Checks the password on a worker; loginFinished(ok, message) follows. Audited either way.
    Q_INVOKABLE void login(const QString &name, const QString &password);
    // Synchronous login for tests and tools (blocks for one Argon2id check).
    bool loginNow(const QString &name, const QString &password, QString *why = nullptr);
    Q_INVOKABLE void logout();

    // Users (administrators only; each returns "" when done, else the sentence to show). Audited.
    Q_INVOKABLE QString addUser(const QString &name, const QString &role, const QString &password);
    Q_INVOKABLE QString removeUser(const QString &name);
    Q_INVOKABLE QString setRole(const QString &name, const QString &role);
    Q_INVOKABLE QString resetPassword(const QString &name, const QString &password);

    // Fills `audit` with the newest 2000 entries matching (times in ms since the epoch, <= 0 = no bound;
    // "" = any user / kind).
    Q_INVOKABLE void queryAudit(double fromMs, double toMs, const QString &user, const QString &kind);
    // Writes every matching entry to a CSV file (a path or a file: URL); exportFinished(ok, message).
    Q_INVOKABLE void exportAuditCsv(const QUrl &file, double fromMs, double toMs, const QString &user,
                                    const QString &kind);
    // Records a step taken in QML (opening playback) under the current user.
    Q_INVOKABLE void log(const QString &kind, const QString &detail) { record(kind, detail, false); }
    // For a step QML refused (the control was there but the role does not allow it): records it as refused
    // under the action's word with `detail`, and returns the sentence to show.
    Q_INVOKABLE QString refuse(const QString &action, const QString &detail);
    // The kinds of entries Vigil writes, for the filter.
    Q_INVOKABLE QStringList kinds() const;

    // AuditSink (any thread).
    void record(QStringView kind, const QString &detail, bool refused) override;
    bool allows(Action action) const override;
    QString refusal(Action action) const override;

    static constexpr int kAuditRows = 2000;

signals:
    void stateChanged();
    void usersChanged();
    void checkingChanged();
    void loginWaitChanged();
    void queryingChanged();
    void auditErrorChanged();
    void loginFinished(bool ok, const QString &message);
    void exportFinished(bool ok, const QString &message);
    // New entries are in the audit log (the table may read again).
    void auditWritten();

private:
    void setUser(const QString &name, std::optional<Role> role, bool loggedIn);
    // A try while the wait runs: audited as refused; the sentence to show. "" when a try may go ahead.
    QString refuseWhileWaiting(const QString &name);
    // A wrong password: audited, counted, the wait started when due; the sentence to show.
    QString loginFailed(const QString &name);
    void loginSucceeded(const User &user);
    QString requireAdmin(const QString &what);
    void setAuditError(const QString &text);
    static AuditFilter filterFrom(double fromMs, double toMs, const QString &user, const QString &kind);

    UserStore m_users;
    std::unique_ptr<AuditLog> m_log;
    AuditModel *m_auditModel = nullptr;
    Mode m_mode = Mode::Normal;
    mutable QMutex m_userMutex; // m_user for record() from other threads
    QString m_user;
    bool m_loggedIn = false;
    std::atomic<int> m_role{-1}; // Role, -1 = nobody
    bool m_checking = false;
    core::SecretThrottle m_loginThrottle; // wrong logins in a row, whoever's name was typed
    QTimer m_loginTick;                   // loginWaitChanged once a second while the wait runs
    bool m_querying = false;
    QString m_auditError;
};

} // namespace vigil::access
