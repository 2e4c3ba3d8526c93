#include "vigil/access/user_store.h"

#include "access_logging.h"
#include "vigil/core/atomic_file.h"
#include "vigil/core/paths.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <sodium.h>

namespace vigil::access {

namespace {

constexpr int kFileVersion = 1;
constexpr QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

QString tr(const char *text)
{
    return QCoreApplication::translate("vigil::access", text);
}

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0; // thread-safe, idempotent
    return ready;
}

QString validateUsersJson(const QByteArray &data)
{
    QString why;
    return UserStore::fromJson(data, &why) ? QString() : why;
}

// QSaveFile keeps an existing file's mode: make the file (and its backup) owner-only before hashes go in.
void restrictToOwner(const QString &path)
{
    if (!QFile::exists(path)) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return;
    }
    QFile::setPermissions(path, kOwnerOnly);
}

} // namespace

UserStore::UserStore(const QString &path)
    : m_path(path.isEmpty() ? QDir(core::configDir()).filePath(QStringLiteral("users.json")) : path)
{}

QByteArray UserStore::toJson(const QList<User> &users)
{
    QJsonArray list;
    for (const User &u : users)
        list.append(QJsonObject{{QStringLiteral("name"), u.name},
                                {QStringLiteral("role"), roleWord(u.role)},
                                {QStringLiteral("passwordHash"), u.passwordHash}});
    return QJsonDocument(
               QJsonObject{{QStringLiteral("version"), kFileVersion}, {QStringLiteral("users"), list}})
        .toJson(QJsonDocument::Indented);
}

std::optional<QList<User>> UserStore::fromJson(const QByteArray &data, QString *why)
{
    auto fail = [why](const QString &text) -> std::optional<QList<User>> {
        if (why)
            *why = text;
        return std::nullopt;
    };
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1 at byte %2)").arg(parse.errorString()).arg(parse.offset));
    if (!doc.isObject() || !doc.object().value(QStringLiteral("users")).isArray())
        return fail(QStringLiteral("no \"users\" list"));
    QList<User> users;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("users")).toArray()) {
        const QJsonObject o = v.toObject();
        User u;
        u.name = o.value(QStringLiteral("name")).toString();
        const std::optional<Role> role = roleFromWord(o.value(QStringLiteral("role")).toString());
        u.passwordHash = o.value(QStringLiteral("passwordHash")).toString();
        if (u.name.trimmed().isEmpty() || !role ||
            !u.passwordHash.startsWith(QLatin1String(crypto_pwhash_STRPREFIX)))
            return fail(QStringLiteral("user %1 has no name, an unknown role or no Argon2id hash")
                            .arg(users.size() + 1));
        u.role = *role;
        users.append(u);
    }
    if (why)
        why->clear();
    return users;
}

bool UserStore::load()
{
    m_error.clear();
    m_damaged = false;
    m_users.clear();
    const core::LoadedFile loaded = core::readFileWithBackup(m_path, &validateUsersJson);
    if (!loaded.keptAs.isEmpty())
        QFile::setPermissions(loaded.keptAs, kOwnerOnly);
    if (!loaded.exists && loaded.error.isEmpty())
        return true; // no users yet
    if (const auto users = fromJson(loaded.data); users && (loaded.error.isEmpty() || loaded.fromBackup)) {
        m_users = *users;
        if (!loaded.error.isEmpty()) {
            m_error =
                tr("The users file was damaged (%1); Vigil used its backup copy. Users added or changed "
                   "since then must be set again. The damaged file was kept as %2.")
                    .arg(loaded.error, loaded.keptAs);
            qCWarning(vigilAccess).noquote() << m_error;
            return false;
        }
        return true;
    }
    m_damaged = true;
    m_error =
        tr("The users file %1 is damaged (%2) and has no usable backup, so nobody can log in. It was kept "
           "as %3: restore it from a backup, or remove users.json and users.json.bak to start again without "
           "users.")
            .arg(m_path, loaded.error.isEmpty() ? QStringLiteral("unreadable") : loaded.error,
                 loaded.keptAs.isEmpty() ? m_path : loaded.keptAs);
    qCWarning(vigilAccess).noquote() << m_error;
    return false;
}

int UserStore::indexOf(const QString &name) const
{
    for (int i = 0; i < m_users.size(); ++i)
        if (m_users.at(i).name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

std::optional<User> UserStore::find(const QString &name) const
{
    const int i = indexOf(name);
    return i < 0 ? std::nullopt : std::optional<User>(m_users.at(i));
}

int UserStore::administratorCount() const
{
    return int(std::count_if(m_users.begin(), m_users.end(),
                             [](const User &u) { return u.role == Role::Administrator; }));
}

QString UserStore::passwordProblem(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return tr("The password must have at least %1 characters.").arg(kMinPasswordLength);
    return {};
}

QString UserStore::nameProblem(const QString &name)
{
    const QString n = name.trimmed();
    if (n.isEmpty())
        return tr("Enter a user name.");
    if (n.size() > kMaxNameLength)
        return tr("The user name is too long (at most %1 characters).").arg(kMaxNameLength);
    for (const QChar c : n)
        if (c.category() == QChar::Other_Control)
            return tr("The user name cannot contain control characters.");
    return {};
}

QString UserStore::hashPassword(const QString &password, QString *why)
{
    QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES] = {};
    const bool ok = sodiumReady() && crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()),
                                                       crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (!ok) {
        if (why)
            *why = tr("The password could not be hashed (not enough memory). Close other programs and try "
                      "again.");
        return {};
    }
    return QString::fromLatin1(out);
}

bool UserStore::verifyHash(const QString &hash, const QString &password)
{
    const QByteArray stored = hash.toLatin1();
    QByteArray utf8 = password.toUtf8();
    const bool ok = sodiumReady() && !stored.isEmpty() &&
                    crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return ok;
}

std::optional<User> UserStore::verify(const QString &name, const QString &password) const
{
    const std::optional<User> user = find(name);
    if (!user || !verifyHash(user->passwordHash, password))
        return std::nullopt;
    return user;
}

bool UserStore::save(const QList<User> &users, QString *why)
{
    QString error;
    restrictToOwner(m_path);
    if (QFile::exists(m_path))
        restrictToOwner(m_path + QStringLiteral(".bak"));
    if (!core::writeFileAtomically(m_path, toJson(users), &error)) {
        qCWarning(vigilAccess).noquote() << "cannot write" << m_path << error;
        if (why)
            *why =
                tr("The users could not be saved to %1 (%2). Check that the folder is writable and the disk "
                   "is not full, then try again.")
                    .arg(m_path, error);
        return false;
    }
    QFile::setPermissions(m_path, kOwnerOnly);
    m_users = users;
    return true;
}

bool UserStore::addUser(const QString &name, Role role, const QString &password, QString *why)
{
    auto fail = [why](const QString &text) {
        if (why)
            *why = text;
        return false;
    };
    if (m_damaged)
        return fail(m_error);
    if (const QString p = nameProblem(name); !p.isEmpty())
        return fail(p);
    if (indexOf(name) >= 0)
        return fail(tr("A user named “%1” exists already.").arg(name.trimmed()));
    if (m_users.isEmpty() && role != Role::Administrator)
        return fail(tr("The first user must be an administrator, so that someone can manage the users."));
    if (const QString p = passwordProblem(password); !p.isEmpty())
        return fail(p);
    const QString hash = hashPassword(password, why);
    if (hash.isEmpty())
        return false;
    QList<User> next = m_users;
    next.append({name.trimmed(), role, hash});
    return save(next, why);
}

bool UserStore::removeUser(const QString &name, QString *why)
{
    const int i = indexOf(name);
    if (i < 0) {
        if (why)
            *why = tr("There is no user named “%1”.").arg(name);
        return false;
    }
    if (m_users.at(i).role == Role::Administrator && administratorCount() == 1 && m_users.size() > 1) {
        if (why)
            *why = tr("“%1” is the last administrator: make another user an administrator first.")
                       .arg(m_users.at(i).name);
        return false;
    }
    QList<User> next = m_users;
    next.removeAt(i);
    return save(next, why);
}

bool UserStore::setRole(const QString &name, Role role, QString *why)
{
    const int i = indexOf(name);
    if (i < 0) {
        if (why)
            *why = tr("There is no user named “%1”.").arg(name);
        return false;
    }
    if (m_users.at(i).role == role)
        return true;
    if (m_users.at(i).role == Role::Administrator && administratorCount() == 1) {
        if (why)
            *why = tr("“%1” is the last administrator: make another user an administrator first.")
                       .arg(m_users.at(i).name);
        return false;
    }
    QList<User> next = m_users;
    next[i].role = role;
    return save(next, why);
}

bool UserStore::setPassword(const QString &name, const QString &password, QString *why)
{
    const int i = indexOf(name);
    if (i < 0) {
        if (why)
            *why = tr("There is no user named “%1”.").arg(name);
        return false;
    }
    if (const QString p = passwordProblem(password); !p.isEmpty()) {
        if (why)
            *why = p;
        return false;
    }
    const QString hash = hashPassword(password, why);
    if (hash.isEmpty())
        return false;
    QList<User> next = m_users;
    next[i].passwordHash = hash;
    return save(next, why);
}

} // namespace vigil::access
