#pragma once
// Camera passwords in the OS keyring (Secret Service such as GNOME Keyring or KWallet on Linux, Keychain on
// macOS, Credential Manager on Windows) through qtkeychain, with FileCredentialStore as the fallback where no
// keyring answers (CI, kiosks, a village PC without a desktop keyring).
//
// qtkeychain cannot list entries, so every secret lives in ONE keyring entry (service "Vigil", key
// "camera-credentials") holding the same JSON as credentials.json. As credential_store.h intends: open()
// reads it once at start-up (blocking, bounded by a timeout); afterwards password() answers from memory and
// setPassword()/remove() change memory at once and write the entry through asynchronously (one write in
// flight; changes made meanwhile follow in the next write). A failed write is logged and kept in
// lastWriteError(); the passwords stay usable for this session.
//
// Secrets are never logged. Thread: GUI only (qtkeychain reports on the thread that started the job).
#include "vigil/cameras/credential_store.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QThread>

#include <memory>

namespace vigil::cameras {

class KeyringCredentialStore final : public CredentialStore
{
    Q_DECLARE_TR_FUNCTIONS(vigil::cameras::KeyringCredentialStore)

public:
    static constexpr int kDefaultTimeoutMs = 5000;
    static QString defaultService() { return QStringLiteral("Vigil"); }
    static QString defaultKey() { return QStringLiteral("camera-credentials"); }

    // Reads the entry (a missing entry is an empty store). nullptr and `why` (English, for the log) when no
    // keyring answered within `timeoutMs` or it refused.
    static std::unique_ptr<KeyringCredentialStore> open(const QString &service, const QString &key,
                                                        int timeoutMs, QString *why);
    // Waits (bounded, 2 s) for a pending write, unless dropPendingOnDestroy() was called.
    ~KeyringCredentialStore() override;

    std::optional<QString> password(const QString &ref) const override;
    // Always succeeds at once (memory); the keyring is written behind.
    bool setPassword(const QString &ref, const QString &password, QString *error = nullptr) override;
    bool remove(const QString &ref, QString *error = nullptr) override;

    // Blocks (running an event loop) until every change is in the keyring. False and `error` on failure or
    // timeout. For start-up migration, shutdown and tests.
    bool flush(int timeoutMs = kDefaultTimeoutMs, QString *error = nullptr);
    // The destructor will not wait for a write still on its way (it may still land). For the start-up path
    // whose flush() already timed out: the GUI thread must not block a second time for the same keyring.
    void dropPendingOnDestroy() { m_flushOnDestroy = false; }
    // Deletes the whole entry from the keyring and forgets everything (tests; "forget all passwords").
    bool erase(int timeoutMs = kDefaultTimeoutMs, QString *error = nullptr);

    void setWriteFailedHandler(WriteFailedFn fn) override { m_onWriteFailed = std::move(fn); }
    // For a store opened on a worker thread (start-up never waits on the keyring on the GUI thread): call on
    // that thread before handing the store over, so write results arrive on `thread`.
    void moveToThread(QThread *thread);

    QStringList refs() const { return m_secrets.keys(); }
    QString lastWriteError() const { return m_lastWriteError; }
    int writesDone() const { return m_writesDone; }

private:
    KeyringCredentialStore(QString service, QString key, QHash<QString, QString> secrets);
    void scheduleWrite();
    void startWrite();

    QString m_service;
    QString m_key;
    QHash<QString, QString> m_secrets;
    std::unique_ptr<QObject> m_context; // receives job results; dies first, so no result outlives the store
    bool m_writing = false;
    bool m_dirty = false;
    bool m_flushOnDestroy = true;
    int m_writesDone = 0;
    QString m_lastWriteError;
    WriteFailedFn m_onWriteFailed;
};

enum class CredentialStoreKind
{
    Keyring,
    File
};

struct CredentialStoreChoice
{
    std::unique_ptr<CredentialStore> store;
    CredentialStoreKind kind = CredentialStoreKind::File;
    QString reason;   // why the file store was chosen (English, for the log); empty for the keyring
    int migrated = 0; // passwords moved from the file into the keyring at this start
    // A keyring was asked and did not take the passwords (no answer in time, refused, migration failed): the
    // operator is told (the file was not what they chose).
    bool keyringFailed = false;
};

// The store the app uses. The keyring when it answers, else FileCredentialStore(`filePath`) and the reason.
// `mode`: "auto" (default; also read from VIGIL_CREDENTIAL_STORE when empty), "file" or "keyring". On Linux
// without a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset) the keyring is not tried: there is none.
// When the keyring is chosen and the credentials file holds passwords, they are copied into the keyring (a
// file entry replaces the keyring's for the same camera: the file is the newer) and, once that write is
// confirmed, the file (and its .bak) is deleted: no plaintext passwords stay behind.
CredentialStoreChoice chooseCredentialStore(const QString &filePath = {}, const QString &mode = {},
                                            int timeoutMs = KeyringCredentialStore::kDefaultTimeoutMs);

class CameraDirectory;

// Start-up without the GUI thread waiting on the keyring (a keyring that hangs held the window back ~10 s):
// puts `directory` into credentialsPending, runs chooseCredentialStore(filePath, mode) on a worker thread
// ("credentials-open", core::WorkerThreads) and hands the store over on the GUI thread, with a warning banner
// when a keyring was asked and failed. Logs where the passwords are. Call on the GUI thread; the directory
// may be gone by the time the store is ready (then the store is dropped).
void loadCredentialsInBackground(CameraDirectory *directory, const QString &filePath = {},
                                 const QString &mode = {},
                                 int timeoutMs = KeyringCredentialStore::kDefaultTimeoutMs);

} // namespace vigil::cameras
