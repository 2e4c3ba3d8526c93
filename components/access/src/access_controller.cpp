#include "vigil/access/access_controller.h"

#include "access_logging.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QDir>
#include <QtCore/QPointer>
#include <QtQml/QJSEngine>
#include <QtQml/QQmlEngine>

Q_LOGGING_CATEGORY(vigilAccess, "vigil.access")

namespace vigil::access {

namespace {
AccessController *s_instance = nullptr;
} // namespace

// --- AuditModel --------------------------------------------------------------------------------------------

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &e = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return e.id;
    case TimeRole:
        return e.time;
    case TimeTextRole:
        return e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Qt::DisplayRole:
    case DetailRole:
        return e.detail;
    case UserRole:
        return e.user;
    case KindRole:
        return e.kind;
    case RefusedRole:
        return e.refused;
    default:
        return {};
    }
}

QHash<int, QByteArray> AuditModel::roleNames() const
{
    return {{IdRole, "entryId"}, {TimeRole, "time"},     {TimeTextRole, "timeText"}, {UserRole, "user"},
            {KindRole, "kind"},  {DetailRole, "detail"}, {RefusedRole, "refused"}};
}

void AuditModel::setEntries(const QList<AuditEntry> &rows)
{
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (countChanges)
        emit countChanged();
}

// --- AccessController --------------------------------------------------------------------------------------

AccessController::AccessController(const QString &usersPath, const QString &auditPath, QObject *parent)
    : QObject(parent)
    , m_users(usersPath)
    , m_log(std::make_unique<AuditLog>(
          auditPath.isEmpty() ? QDir(core::configDir()).filePath(QStringLiteral("audit.db")) : auditPath))
    , m_auditModel(new AuditModel(this))
{
    connect(m_log.get(), &AuditLog::problem, this, &AccessController::setAuditError);
    connect(m_log.get(), &AuditLog::written, this, &AccessController::auditWritten);
    m_loginTick.setInterval(1000);
    connect(&m_loginTick, &QTimer::timeout, this, [this] {
        if (loginWaitSeconds() == 0)
            m_loginTick.stop();
        emit loginWaitChanged();
    });
    m_users.load();
    setMode(Mode::Normal);
}

AccessController::~AccessController()
{
    if (s_instance == this)
        setInstance(nullptr);
}

AccessController *AccessController::create(QQmlEngine *qmlEngine, QJSEngine *)
{
    if (!s_instance) {
        // A QML test or tool that did not install one: an unrestricted controller of the engine's own.
        qCWarning(vigilAccess)
            << "Access::create() before AccessController::setInstance(); using a fresh one";
        auto *own = new AccessController({}, {}, qmlEngine);
        QJSEngine::setObjectOwnership(own, QJSEngine::CppOwnership);
        setInstance(own);
        return own;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void AccessController::setInstance(AccessController *instance)
{
    s_instance = instance;
    setAuditSink(instance);
}

AccessController *AccessController::instance()
{
    return s_instance;
}

void AccessController::setMode(Mode mode)
{
    if (mode == Mode::Demo && (!m_users.isEmpty() || m_users.damaged())) {
        // This PC has users: the demo must not be a way round their passwords (an administrator could
        // add users or change settings), so it asks for a login as Vigil always does here.
        qCInfo(vigilAccess) << "demo mode on a PC with users: logging in as usual";
        mode = Mode::Normal;
    }
    m_mode = mode;
    switch (mode) {
    case Mode::Kiosk:
        setUser(QStringLiteral("kiosk"), Role::Kiosk, false);
        break;
    case Mode::Demo:
        setUser(QStringLiteral("demo"), Role::Administrator, false);
        break;
    case Mode::Village:
        setUser(QStringLiteral("village"), Role::Operator, false);
        break;
    case Mode::Normal:
        if (m_users.isEmpty() && !m_users.damaged())
            setUser(qEnvironmentVariable("USER", QStringLiteral("local")), Role::Administrator, false);
        else
            setUser({}, std::nullopt, false);
        break;
    }
}

void AccessController::setUser(const QString &name, std::optional<Role> role, bool loggedIn)
{
    {
        QMutexLocker lock(&m_userMutex);
        m_user = name;
    }
    m_loggedIn = loggedIn;
    m_role.store(role ? int(*role) : -1);
    emit stateChanged();
}

bool AccessController::loginRequired() const
{
    return m_mode == Mode::Normal && m_role.load() < 0;
}

QString AccessController::userName() const
{
    QMutexLocker lock(&m_userMutex);
    return m_user;
}

std::optional<Role> AccessController::currentRole() const
{
    const int r = m_role.load();
    return r < 0 ? std::nullopt : std::optional<Role>(Role(r));
}

QString AccessController::role() const
{
    const auto r = currentRole();
    return r ? roleWord(*r) : QString();
}

QString AccessController::roleName() const
{
    const auto r = currentRole();
    return r ? access::roleName(*r) : QString();
}

bool AccessController::allows(Action action) const
{
    const auto r = currentRole();
    return r && allowed(*r, action);
}

bool AccessController::can(const QString &action) const
{
    const auto a = actionFromWord(action);
    return a && allows(*a);
}

QString AccessController::refusal(Action action) const
{
    QString what;
    switch (action) {
    case Action::Wall:
        what = tr("change the wall");
        break;
    case Action::Ptz:
        what = tr("steer cameras");
        break;
    case Action::Playback:
        what = tr("play back recordings");
        break;
    case Action::Export:
        what = tr("export recordings");
        break;
    case Action::Settings:
        what = tr("change the settings or the cameras");
        break;
    case Action::Exit:
        what = tr("close Vigil");
        break;
    case Action::AlarmHandling:
        what = tr("handle alarms");
        break;
    case Action::ManageUsers:
        what = tr("manage users or read the audit log");
        break;
    }
    const auto r = currentRole();
    if (!r)
        return tr("Log in first: nobody is logged in, so nobody may %1.").arg(what);
    return tr("A user with the role “%1” may not %2. Log in as an operator or administrator, or ask one.")
        .arg(access::roleName(*r), what);
}

void AccessController::record(QStringView kind, const QString &detail, bool refused)
{
    AuditEntry e;
    e.user = userName();
    e.kind = kind.toString();
    e.detail = detail;
    e.refused = refused;
    m_log->append(std::move(e));
}

void AccessController::login(const QString &name, const QString &password)
{
    if (m_checking)
        return;
    if (m_users.damaged()) {
        emit loginFinished(false, m_users.error());
        return;
    }
    if (const QString wait = refuseWhileWaiting(name); !wait.isEmpty()) {
        emit loginFinished(false, wait);
        return;
    }
    m_checking = true;
    emit checkingChanged();
    QPointer<AccessController> self(this);
    const std::optional<User> user = m_users.find(name);
    core::WorkerThreads::start(QStringLiteral("access-login"), [self, user, name, password] {
        const bool ok = user && UserStore::verifyHash(user->passwordHash, password);
        core::postToApp([self, user, name, ok] {
            if (!self)
                return;
            self->m_checking = false;
            emit self->checkingChanged();
            if (!ok) {
                emit self->loginFinished(false, self->loginFailed(name));
                return;
            }
            self->loginSucceeded(*user);
            emit self->loginFinished(true, {});
        });
    });
}

bool AccessController::loginNow(const QString &name, const QString &password, QString *why)
{
    if (const QString wait = refuseWhileWaiting(name); !wait.isEmpty()) {
        if (why)
            *why = wait;
        return false;
    }
    const std::optional<User> user = m_users.verify(name, password);
    if (!user) {
        const QString text = loginFailed(name);
        if (why)
            *why = text;
        return false;
    }
    loginSucceeded(*user);
    return true;
}

int AccessController::loginWaitSeconds() const
{
    return m_loginThrottle.waitSeconds();
}

QString AccessController::refuseWhileWaiting(const QString &name)
{
    const int wait = loginWaitSeconds();
    if (wait == 0)
        return {};
    m_log->append({0,
                   {},
                   name.trimmed(),
                   QStringLiteral("login"),
                   QStringLiteral("not tried: %1 s to wait after %2 wrong logins")
                       .arg(wait)
                       .arg(m_loginThrottle.failures()),
                   true});
    return tr("Too many wrong logins. Try again in %n second(s).", nullptr, wait);
}

QString AccessController::loginFailed(const QString &name)
{
    m_log->append({0,
                   {},
                   name.trimmed(),
                   QStringLiteral("login"),
                   QStringLiteral("wrong user name or password"),
                   true});
    const int delay = m_loginThrottle.failed();
    qCWarning(vigilAccess).noquote() << "wrong login, failures in a row:" << m_loginThrottle.failures()
                                     << (delay > 0 ? QStringLiteral("- next try in %1 s").arg(delay)
                                                   : QString());
    if (delay == 0)
        return tr("Wrong user name or password. Check them and try again.");
    m_loginTick.start();
    emit loginWaitChanged();
    return tr("Wrong user name or password. Too many wrong tries: wait %n second(s) before the next.",
              nullptr, delay);
}

void AccessController::loginSucceeded(const User &user)
{
    m_loginThrottle.succeeded();
    setUser(user.name, user.role, true);
    record(u"login", QStringLiteral("logged in as %1").arg(roleWord(user.role)), false);
}

void AccessController::logout()
{
    if (m_mode != Mode::Normal)
        return;
    record(u"logout", QStringLiteral("logged out"), false);
    if (m_users.isEmpty() && !m_users.damaged())
        setMode(Mode::Normal); // no users: back to the implicit administrator
    else
        setUser({}, std::nullopt, false);
}

QVariantList AccessController::users() const
{
    QVariantList out;
    const QString me = userName();
    for (const User &u : m_users.users())
        out.append(QVariantMap{{QStringLiteral("name"), u.name},
                               {QStringLiteral("role"), roleWord(u.role)},
                               {QStringLiteral("roleName"), access::roleName(u.role)},
                               {QStringLiteral("you"), m_loggedIn && u.name == me}});
    return out;
}

QVariantList AccessController::roles() const
{
    QVariantList out;
    for (Role r : {Role::Administrator, Role::Operator, Role::Viewer, Role::Kiosk})
        out.append(QVariantMap{{QStringLiteral("word"), roleWord(r)},
                               {QStringLiteral("name"), access::roleName(r)}});
    return out;
}

QString AccessController::requireAdmin(const QString &what)
{
    QString why;
    if (!permit(Action::ManageUsers, u"users", what, &why))
        return why;
    return {};
}

QString AccessController::addUser(const QString &name, const QString &role, const QString &password)
{
    const QString detail = QStringLiteral("add user %1 (%2)").arg(name.trimmed(), role);
    if (const QString why = requireAdmin(detail); !why.isEmpty())
        return why;
    const auto r = roleFromWord(role);
    if (!r)
        return tr("Choose a role for the user.");
    QString why;
    if (!m_users.addUser(name, *r, password, &why))
        return why;
    record(u"users", detail, false);
    emit usersChanged();
    return {};
}

QString AccessController::removeUser(const QString &name)
{
    const QString detail = QStringLiteral("remove user %1").arg(name);
    if (const QString why = requireAdmin(detail); !why.isEmpty())
        return why;
    if (m_loggedIn && name.compare(userName(), Qt::CaseInsensitive) == 0)
        return tr("You cannot remove the user you are logged in as.");
    QString why;
    if (!m_users.removeUser(name, &why))
        return why;
    record(u"users", detail, false);
    emit usersChanged();
    return {};
}

QString AccessController::setRole(const QString &name, const QString &role)
{
    const QString detail = QStringLiteral("set the role of %1 to %2").arg(name, role);
    if (const QString why = requireAdmin(detail); !why.isEmpty())
        return why;
    const auto r = roleFromWord(role);
    if (!r)
        return tr("Choose a role for the user.");
    QString why;
    if (!m_users.setRole(name, *r, &why))
        return why;
    record(u"users", detail, false);
    if (m_loggedIn && name.compare(userName(), Qt::CaseInsensitive) == 0)
        setUser(userName(), *r, true);
    emit usersChanged();
    return {};
}

QString AccessController::resetPassword(const QString &name, const QString &password)
{
    const QString detail = QStringLiteral("reset the password of %1").arg(name);
    if (const QString why = requireAdmin(detail); !why.isEmpty())
        return why;
    QString why;
    if (!m_users.setPassword(name, password, &why))
        return why;
    record(u"users", detail, false);
    return {};
}

AuditFilter AccessController::filterFrom(double fromMs, double toMs, const QString &user, const QString &kind)
{
    AuditFilter f;
    if (fromMs > 0)
        f.from = QDateTime::fromMSecsSinceEpoch(qint64(fromMs), Qt::UTC);
    if (toMs > 0)
        f.to = QDateTime::fromMSecsSinceEpoch(qint64(toMs), Qt::UTC);
    f.user = user.trimmed();
    f.kind = kind.trimmed();
    return f;
}

void AccessController::queryAudit(double fromMs, double toMs, const QString &user, const QString &kind)
{
    if (!allows(Action::ManageUsers)) {
        m_auditModel->setEntries({});
        return;
    }
    AuditFilter f = filterFrom(fromMs, toMs, user, kind);
    f.limit = kAuditRows;
    m_querying = true;
    emit queryingChanged();
    QPointer<AccessController> self(this);
    m_log->query(f, [self](const QList<AuditEntry> &rows, const QString &error) {
        if (!self)
            return;
        self->m_auditModel->setEntries(rows);
        self->m_querying = false;
        emit self->queryingChanged();
        if (!error.isEmpty())
            self->setAuditError(error);
    });
}

void AccessController::exportAuditCsv(const QUrl &file, double fromMs, double toMs, const QString &user,
                                      const QString &kind)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (const QString why = requireAdmin(QStringLiteral("export the audit log to %1").arg(path));
        !why.isEmpty()) {
        emit exportFinished(false, why);
        return;
    }
    if (path.isEmpty()) {
        emit exportFinished(false, tr("Choose a file to export to."));
        return;
    }
    QPointer<AccessController> self(this);
    m_log->exportCsv(
        filterFrom(fromMs, toMs, user, kind), path, [self, path](int rows, const QString &error) {
            if (!self)
                return;
            if (!error.isEmpty()) {
                emit self->exportFinished(false, error);
                return;
            }
            self->record(u"audit", QStringLiteral("exported %1 entries to %2").arg(rows).arg(path), false);
            emit self->exportFinished(true, tr("%n audit entries written to %1.", nullptr, rows).arg(path));
        });
}

QString AccessController::refuse(const QString &action, const QString &detail)
{
    const auto a = actionFromWord(action);
    record(action, detail, true);
    return a ? refusal(*a) : QString();
}

QStringList AccessController::kinds() const
{
    return {QStringLiteral("login"),  QStringLiteral("logout"), QStringLiteral("users"),
            QStringLiteral("wall"),   QStringLiteral("ptz"),    QStringLiteral("playback"),
            QStringLiteral("export"), QStringLiteral("alarm"),  QStringLiteral("audit")};
}

void AccessController::setAuditError(const QString &text)
{
    if (m_auditError == text)
        return;
    m_auditError = text;
    emit auditErrorChanged();
}

} // namespace vigil::access
