#pragma once
// Where camera passwords live, apart from cameras.json. Cameras refer to a secret by `credentialRef`.
//
// The interface is deliberately small and synchronous so the file store can be swapped for the OS keyring
// (qtkeychain) later: a keyring store would read its entries once at startup into memory and write through
// asynchronously, keeping these calls non-blocking on the GUI thread.
//
// Secrets are never logged. Thread: GUI only (owned by the CameraDirectory).
#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <functional>
#include <optional>

namespace vigil::cameras {

class CredentialStore
{
public:
    virtual ~CredentialStore() = default;

    // The password stored under `ref`, or nullopt when there is none.
    virtual std::optional<QString> password(const QString &ref) const = 0;
    // Stores (or replaces) the password under `ref`. On failure returns false and a translated sentence in
    // `error`.
    virtual bool setPassword(const QString &ref, const QString &password, QString *error = nullptr) = 0;
    // Forgets `ref`. Removing a missing ref succeeds.
    virtual bool remove(const QString &ref, QString *error = nullptr) = 0;

    // Stores that write behind (the keyring) call `fn` on the GUI thread when a write failed, with the
    // operator's sentence (what failed, where the passwords are now, what to do), and with "" when a later
    // write succeeded again; the directory shows it in a banner.
    using WriteFailedFn = std::function<void(const QString &error)>;
    virtual void setWriteFailedHandler(WriteFailedFn fn) { (void)fn; }
};

// Keeps secrets in a JSON file (default: configDir()/credentials.json) readable by the owner only (0600),
// written atomically. Format: {"version": 1, "credentials": {"<ref>": {"password": "<secret>"}}}.
// The whole file is read once at construction; every change is written through at once.
class FileCredentialStore final : public CredentialStore
{
    Q_DECLARE_TR_FUNCTIONS(vigil::cameras::FileCredentialStore)

public:
    // `path` empty = configDir()/credentials.json.
    explicit FileCredentialStore(const QString &path = {});

    std::optional<QString> password(const QString &ref) const override;
    bool setPassword(const QString &ref, const QString &password, QString *error = nullptr) override;
    bool remove(const QString &ref, QString *error = nullptr) override;

    QString path() const { return m_path; }
    QStringList refs() const { return m_secrets.keys(); }
    // Why the file could not be read at startup (translated), empty when it was fine or absent.
    QString loadError() const { return m_loadError; }

private:
    bool write(const QHash<QString, QString> &secrets, QString *error);

    QString m_path;
    QHash<QString, QString> m_secrets;
    QString m_loadError;
};

// In memory only; for tests and for demo mode.
class MemoryCredentialStore final : public CredentialStore
{
public:
    std::optional<QString> password(const QString &ref) const override;
    bool setPassword(const QString &ref, const QString &password, QString *error = nullptr) override;
    bool remove(const QString &ref, QString *error = nullptr) override;

private:
    QHash<QString, QString> m_secrets;
};

} // namespace vigil::cameras
