#include "vigil/cameras/keyring_credential_store.h"

#include "credentials_json.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#if VIGIL_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace vigil::cameras {

namespace {
#if VIGIL_HAVE_KEYCHAIN
// Runs `job` to its end in a local event loop, at most `timeoutMs`. False on timeout (the job then deletes
// itself whenever it ends).
bool runJob(QKeychain::Job *job, int timeoutMs)
{
    job->setAutoDelete(false);
    QEventLoop loop;
    bool done = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!done) {
        QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
        return false;
    }
    return true;
}
#endif
} // namespace

KeyringCredentialStore::KeyringCredentialStore(QString service, QString key, QHash<QString, QString> secrets)
    : m_service(std::move(service))
    , m_key(std::move(key))
    , m_secrets(std::move(secrets))
    , m_context(std::make_unique<QObject>())
{}

KeyringCredentialStore::~KeyringCredentialStore()
{
    if (m_flushOnDestroy && (m_writing || m_dirty)) {
        QString error;
        if (!flush(2000, &error))
            qCWarning(vigilCameras).noquote() << "keyring: last password change may be lost:" << error;
    }
}

std::unique_ptr<KeyringCredentialStore>
KeyringCredentialStore::open(const QString &service, const QString &key, int timeoutMs, QString *why)
{
#if VIGIL_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setKey(key);
    job->setInsecureFallback(false); // never a plaintext file behind our back
    if (!runJob(job, timeoutMs)) {
        if (why)
            *why = QStringLiteral("the OS keyring did not answer within %1 ms").arg(timeoutMs);
        return nullptr;
    }
    std::unique_ptr<QKeychain::ReadPasswordJob> owned(job);
    QHash<QString, QString> secrets;
    switch (job->error()) {
    case QKeychain::NoError:
        if (!detail::credentialsFromJson(job->textData().toUtf8(), &secrets)) {
            if (why)
                *why = QStringLiteral("the keyring entry %1/%2 is not Vigil's JSON").arg(service, key);
            return nullptr;
        }
        break;
    case QKeychain::EntryNotFound:
        break; // a keyring that works, with no Vigil passwords yet
    default:
        if (why)
            *why = QStringLiteral("the OS keyring refused (%1)").arg(job->errorString());
        return nullptr;
    }
    return std::unique_ptr<KeyringCredentialStore>(
        new KeyringCredentialStore(service, key, std::move(secrets)));
#else
    Q_UNUSED(service)
    Q_UNUSED(key)
    Q_UNUSED(timeoutMs)
    if (why)
        *why = QStringLiteral("Vigil was built without qtkeychain");
    return nullptr;
#endif
}

std::optional<QString> KeyringCredentialStore::password(const QString &ref) const
{
    const auto it = m_secrets.constFind(ref);
    if (it == m_secrets.cend())
        return std::nullopt;
    return *it;
}

bool KeyringCredentialStore::setPassword(const QString &ref, const QString &password, QString *)
{
    m_secrets.insert(ref, password);
    scheduleWrite();
    return true;
}

bool KeyringCredentialStore::remove(const QString &ref, QString *)
{
    if (m_secrets.remove(ref) > 0)
        scheduleWrite();
    return true;
}

void KeyringCredentialStore::scheduleWrite()
{
    m_dirty = true;
    if (!m_writing)
        startWrite();
}

void KeyringCredentialStore::startWrite()
{
#if VIGIL_HAVE_KEYCHAIN
    m_dirty = false;
    m_writing = true;
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(m_key);
    job->setInsecureFallback(false);
    job->setTextData(QString::fromUtf8(detail::credentialsToJson(m_secrets, QJsonDocument::Compact)));
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, m_context.get(), [this](QKeychain::Job *j) {
        m_writing = false;
        ++m_writesDone;
        if (j->error() != QKeychain::NoError) {
            m_lastWriteError = tr("The camera passwords could not be saved in the system keyring (%1). They "
                                  "work until Vigil closes; unlock the keyring and change a camera to retry.")
                                   .arg(j->errorString());
            qCWarning(vigilCameras).noquote() << "keyring write failed:" << j->errorString();
            if (m_onWriteFailed)
                m_onWriteFailed(m_lastWriteError);
        } else if (!m_lastWriteError.isEmpty()) {
            m_lastWriteError.clear();
            if (m_onWriteFailed)
                m_onWriteFailed({}); // saved again: the warning goes
        }
        if (m_dirty)
            startWrite();
    });
    job->start();
#else
    m_dirty = false;
#endif
}

bool KeyringCredentialStore::flush(int timeoutMs, QString *error)
{
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (!m_writing && !m_dirty)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (m_writing || m_dirty) {
        poll.start();
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (m_writing || m_dirty) {
        if (error)
            *error = QStringLiteral("the keyring write did not finish within %1 ms").arg(timeoutMs);
        return false;
    }
    if (!m_lastWriteError.isEmpty()) {
        if (error)
            *error = m_lastWriteError;
        return false;
    }
    return true;
}

bool KeyringCredentialStore::erase(int timeoutMs, QString *error)
{
    if (!flush(timeoutMs, error))
        return false;
    m_secrets.clear();
#if VIGIL_HAVE_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(m_key);
    job->setInsecureFallback(false);
    if (!runJob(job, timeoutMs)) {
        if (error)
            *error = QStringLiteral("the keyring did not answer within %1 ms").arg(timeoutMs);
        return false;
    }
    std::unique_ptr<QKeychain::Job> owned(job);
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        if (error)
            *error = job->errorString();
        return false;
    }
#endif
    return true;
}

void KeyringCredentialStore::moveToThread(QThread *thread)
{
    m_context->moveToThread(thread);
}

CredentialStoreChoice chooseCredentialStore(const QString &filePath, const QString &mode, int timeoutMs)
{
    const QString path =
        filePath.isEmpty() ? QDir(core::configDir()).filePath(QStringLiteral("credentials.json")) : filePath;
    QString m = (mode.isEmpty() ? qEnvironmentVariable("VIGIL_CREDENTIAL_STORE") : mode).trimmed().toLower();
    if (m.isEmpty())
        m = QStringLiteral("auto");

    CredentialStoreChoice choice;
    if (m == QLatin1String("file")) {
        choice.reason = QStringLiteral("the file store was asked for (VIGIL_CREDENTIAL_STORE=file)");
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    } else if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        choice.reason =
            QStringLiteral("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no keyring");
#endif
    } else if (choice.keyringFailed = true;
               auto keyring = KeyringCredentialStore::open(KeyringCredentialStore::defaultService(),
                                                           KeyringCredentialStore::defaultKey(), timeoutMs,
                                                           &choice.reason)) {
        // Move passwords a file store kept (an earlier start without a keyring) into the keyring. The file's
        // entries win: it is only written while no keyring answered, so an entry there is newer than the
        // keyring's (a password changed on a start without D-Bus must not fall back to the old one).
        if (QFile::exists(path) || QFile::exists(path + QStringLiteral(".bak"))) {
            const FileCredentialStore file(path);
            const QStringList refs = file.refs();
            for (const QString &ref : refs) {
                keyring->setPassword(ref, file.password(ref).value_or(QString()));
                ++choice.migrated;
            }
            QString error;
            if (!keyring->flush(timeoutMs, &error)) {
                choice.reason =
                    QStringLiteral("the keyring did not take the passwords of %1 (%2)").arg(path, error);
                choice.migrated = 0;
                keyring->dropPendingOnDestroy(); // flush() waited already: no second wait on the GUI thread
                keyring.reset();
            } else {
                QFile::remove(path);
                QFile::remove(path + QStringLiteral(".bak"));
                qCInfo(vigilCameras).noquote()
                    << "moved" << choice.migrated << "camera passwords from" << path << "into the OS keyring";
            }
        }
        if (keyring) {
            choice.store = std::move(keyring);
            choice.kind = CredentialStoreKind::Keyring;
            choice.reason.clear();
            choice.keyringFailed = false;
            return choice;
        }
    }
    choice.store = std::make_unique<FileCredentialStore>(path);
    choice.kind = CredentialStoreKind::File;
    return choice;
}

void loadCredentialsInBackground(CameraDirectory *directory, const QString &filePath, const QString &mode,
                                 int timeoutMs)
{
    directory->beginCredentialsLoad();
    QThread *gui = QThread::currentThread();
    QPointer<CameraDirectory> target(directory);
    core::WorkerThreads::start(QStringLiteral("credentials-open"), [=] {
        QElapsedTimer timer;
        timer.start();
        auto choice =
            std::make_shared<CredentialStoreChoice>(chooseCredentialStore(filePath, mode, timeoutMs));
        if (auto *keyring = dynamic_cast<KeyringCredentialStore *>(choice->store.get()))
            keyring->moveToThread(gui); // its write results must arrive on the GUI thread
        const qint64 ms = timer.elapsed();
        core::postToApp([target, choice, ms, filePath] {
            if (!target)
                return;
            const QString path = filePath.isEmpty()
                                     ? QDir(core::configDir()).filePath(QStringLiteral("credentials.json"))
                                     : filePath;
            QString warning;
            if (choice->kind == CredentialStoreKind::Keyring) {
                qCInfo(vigilCameras).noquote()
                    << QStringLiteral(
                           "camera passwords in the OS keyring (read in %1 ms in the background)%2")
                           .arg(ms)
                           .arg(choice->migrated > 0
                                    ? QStringLiteral(" (%1 moved there from credentials.json)")
                                          .arg(choice->migrated)
                                    : QString());
            } else {
                qCInfo(vigilCameras).noquote() << "camera passwords in" << path
                                               << "(owner-only file), not the OS keyring:" << choice->reason;
                if (choice->keyringFailed)
                    warning =
                        CameraDirectory::tr(
                            "The system keyring did not answer, so camera passwords are kept in the file %1, "
                            "readable only by you. To keep them in the keyring, unlock it (or start it) and "
                            "restart Vigil.")
                            .arg(path);
                if (auto *file = dynamic_cast<FileCredentialStore *>(choice->store.get());
                    file && !file->loadError().isEmpty())
                    warning = warning.isEmpty() ? file->loadError() : warning + u'\n' + file->loadError();
            }
            target->finishCredentialsLoad(std::move(choice->store), warning);
        });
    });
}

} // namespace vigil::cameras
