#pragma once
// UserStore: the local users (name, role, Argon2id password hash) in configDir()/users.json.
//
// Passwords are hashed with libsodium's crypto_pwhash_str (Argon2id, a random salt, libsodium's "interactive"
// limits: about 0.1 s and 64 MiB per hash) and checked with crypto_pwhash_str_verify; the password itself is
// never stored or logged. The file is written like the other config files (core::writeFileAtomically: temp
// file, fsync, rename, the previous version kept as users.json.bak), owner-only (0600). A damaged file is
// moved aside (users.json.corrupt-<time>, nothing lost), the backup is used when it is good, and error()
// says so; when neither can be read, damaged() is true and the app must not fall back to "no users, no
// login" (see AccessController).
//
// Thread: GUI only for the object. hashPassword()/verifyHash() are pure and slow (Argon2): call them on a
// worker where the GUI must not wait (AccessController does for logins).
#include "vigil/access/roles.h"

#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>

namespace vigil::access {

struct User
{
    QString name;
    Role role = Role::Viewer;
    QString passwordHash; // "$argon2id$v=19$m=...,t=...,p=1$salt$hash"
    friend bool operator==(const User &, const User &) = default;
};

class UserStore
{
public:
    static constexpr int kMinPasswordLength = 8;
    static constexpr int kMaxNameLength = 64;

    // `path`: the users file ("" = configDir()/users.json).
    explicit UserStore(const QString &path = {});

    // Reads the file (see the class comment). False when the file was damaged (error() says what happened);
    // a missing file is no error (no users yet).
    bool load();
    QString path() const { return m_path; }
    QString error() const { return m_error; }
    // The file exists but neither it nor its backup could be read: the users are unknown.
    bool damaged() const { return m_damaged; }

    const QList<User> &users() const { return m_users; }
    bool isEmpty() const { return m_users.isEmpty(); }
    std::optional<User> find(const QString &name) const; // names compare case-insensitively
    int administratorCount() const;

    // Each change is written at once; on failure nothing changes and `why` is a sentence for the user.
    // The last administrator cannot be removed or given another role (nobody could manage users any more).
    bool addUser(const QString &name, Role role, const QString &password, QString *why = nullptr);
    bool removeUser(const QString &name, QString *why = nullptr);
    bool setRole(const QString &name, Role role, QString *why = nullptr);
    bool setPassword(const QString &name, const QString &password, QString *why = nullptr);

    // The user when `name` exists and `password` matches its hash. Slow (Argon2id): not on the GUI thread
    // in the app.
    std::optional<User> verify(const QString &name, const QString &password) const;

    // Argon2id through libsodium; "" when hashing failed (out of memory), `why` says so.
    static QString hashPassword(const QString &password, QString *why = nullptr);
    static bool verifyHash(const QString &hash, const QString &password);
    // A sentence when the password is not acceptable (too short), else "".
    static QString passwordProblem(const QString &password);
    static QString nameProblem(const QString &name);

    // users.json's text for `users`, and the reverse ("" `why` when fine). Exposed for tests.
    static QByteArray toJson(const QList<User> &users);
    static std::optional<QList<User>> fromJson(const QByteArray &data, QString *why = nullptr);

private:
    bool save(const QList<User> &users, QString *why);
    int indexOf(const QString &name) const;

    QString m_path;
    QString m_error;
    bool m_damaged = false;
    QList<User> m_users;
};

} // namespace vigil::access
