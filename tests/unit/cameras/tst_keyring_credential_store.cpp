// KeyringCredentialStore and the start-up choice between the OS keyring and the 0600 file.
// The keyring cases talk to a real Secret Service: ctest runs this test through tests/support/with-keyring.sh
// (a private D-Bus session and a throwaway GNOME Keyring); without it they skip and say why. The fallback
// cases need no keyring: no session bus, a bus nobody listens on, or the file store asked for.
#include "vigil/cameras/credential_store.h"
#include "vigil/cameras/keyring_credential_store.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QScopeGuard>
#include <QtCore/QTemporaryDir>
#include <QtDBus/QDBusConnection>
#include <QtDBus/QDBusConnectionInterface>
#include <QtDBus/QDBusReply>
#include <QtTest/QtTest>

#include <csignal>
#include <sys/types.h>

using namespace vigil::cameras;

namespace {
// Sets an environment variable for one scope.
class EnvGuard
{
public:
    EnvGuard(const char *name, const QByteArray *value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value)
            qputenv(name, *value);
        else
            qunsetenv(name);
    }
    ~EnvGuard()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

const QString kService = QStringLiteral("Vigil-test");
const QString kKey = QStringLiteral("camera-credentials-test");
} // namespace

class TstKeyringCredentialStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    bool haveKeyring() const { return qEnvironmentVariable("VIGIL_KEYRING_TEST") == QLatin1String("1"); }

    // The cases that change DBUS_SESSION_BUS_ADDRESS run in a child process of this test: D-Bus libraries
    // keep the first session connection (good or failed) for the life of the process. True in the child.
    static bool inChild(const char *function)
    {
        if (qEnvironmentVariableIsSet("VIGIL_KEYRING_CHILD"))
            return true;
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VIGIL_KEYRING_CHILD"), QStringLiteral("1"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(function)});
        const bool finished = child.waitForFinished(30000);
        const QByteArray out = child.readAll();
        if (!finished || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
            qWarning().noquote() << out;
        [&] {
            QVERIFY2(finished, "the child test did not finish");
            QCOMPARE(child.exitCode(), 0);
            QVERIFY(out.contains(QByteArray("PASS   : TstKeyringCredentialStore::") + function + "()"));
        }();
        return false;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fileWhenNoSessionBus()
    {
        if (!inChild("fileWhenNoSessionBus"))
            return;
        EnvGuard bus("DBUS_SESSION_BUS_ADDRESS", nullptr);
        const QString path = m_dir.filePath(QStringLiteral("nobus.json"));
        const CredentialStoreChoice c = chooseCredentialStore(path, QStringLiteral("auto"), 2000);
        QCOMPARE(c.kind, CredentialStoreKind::File);
        QVERIFY2(c.reason.contains(QLatin1String("D-Bus")), qPrintable(c.reason));
        auto *file = dynamic_cast<FileCredentialStore *>(c.store.get());
        QVERIFY(file);
        QCOMPARE(file->path(), path);
        QVERIFY(c.store->setPassword(QStringLiteral("r"), QStringLiteral("pw")));
        QVERIFY(QFile::exists(path)); // the fallback works as before: 0600 file
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void fileWhenNobodyAnswers()
    {
        if (!inChild("fileWhenNobodyAnswers"))
            return;
        // A session bus address nobody listens on: the keyring is tried, fails fast, the file is used.
        const QByteArray dead = "unix:path=" + m_dir.filePath(QStringLiteral("no-bus-here")).toUtf8();
        EnvGuard bus("DBUS_SESSION_BUS_ADDRESS", &dead);
        QElapsedTimer t;
        t.start();
        const CredentialStoreChoice c =
            chooseCredentialStore(m_dir.filePath(QStringLiteral("dead.json")), QStringLiteral("auto"), 3000);
        QCOMPARE(c.kind, CredentialStoreKind::File);
        QVERIFY(!c.reason.isEmpty());
        QVERIFY(dynamic_cast<FileCredentialStore *>(c.store.get()));
        QVERIFY2(t.elapsed() < 3500, qPrintable(QString::number(t.elapsed())));
    }

    void fileWhenAskedFor()
    {
        const CredentialStoreChoice c =
            chooseCredentialStore(m_dir.filePath(QStringLiteral("asked.json")), QStringLiteral("file"));
        QCOMPARE(c.kind, CredentialStoreKind::File);
        QVERIFY(c.reason.contains(QLatin1String("VIGIL_CREDENTIAL_STORE=file")));
    }

    void storeReadBackRemove()
    {
        if (!haveKeyring())
            QSKIP("no Secret Service here: run through tests/support/with-keyring.sh (packages dbus-daemon, "
                  "gnome-keyring)");
        QString why;
        auto store = KeyringCredentialStore::open(kService, kKey, 5000, &why);
        QVERIFY2(store, qPrintable(why));
        QVERIFY(store->erase());
        QVERIFY(store->setPassword(QStringLiteral("cam-1"), QStringLiteral("p@ss:w0rd/#1 密码")));
        QVERIFY(store->setPassword(QStringLiteral("cam-2"), QStringLiteral("second")));
        // Answers from memory at once; the keyring is written behind (one write, then one more).
        QCOMPARE(store->password(QStringLiteral("cam-1")).value_or(QString()),
                 QStringLiteral("p@ss:w0rd/#1 密码"));
        QString error;
        QVERIFY2(store->flush(5000, &error), qPrintable(error));
        QVERIFY(store->writesDone() >= 1 && store->writesDone() <= 2);

        // A second store reads what the first wrote: it is in the keyring, not only in memory.
        auto again = KeyringCredentialStore::open(kService, kKey, 5000, &why);
        QVERIFY2(again, qPrintable(why));
        QCOMPARE(again->password(QStringLiteral("cam-1")).value_or(QString()),
                 QStringLiteral("p@ss:w0rd/#1 密码"));
        QCOMPARE(again->password(QStringLiteral("cam-2")).value_or(QString()), QStringLiteral("second"));

        QVERIFY(store->remove(QStringLiteral("cam-1")));
        QVERIFY(!store->password(QStringLiteral("cam-1")));
        QVERIFY2(store->flush(5000, &error), qPrintable(error));
        auto third = KeyringCredentialStore::open(kService, kKey, 5000, &why);
        QVERIFY2(third, qPrintable(why));
        QVERIFY(!third->password(QStringLiteral("cam-1")));
        QCOMPARE(third->password(QStringLiteral("cam-2")).value_or(QString()), QStringLiteral("second"));

        QVERIFY(third->erase());
        auto empty = KeyringCredentialStore::open(kService, kKey, 5000, &why);
        QVERIFY2(empty, qPrintable(why));
        QVERIFY(empty->refs().isEmpty());
    }

    void keyringChosenAndFileMigrated()
    {
        if (!haveKeyring())
            QSKIP("no Secret Service here: run through tests/support/with-keyring.sh");
        // Passwords a file store kept on an earlier start move into the keyring; the file goes away.
        const QString path = m_dir.filePath(QStringLiteral("migrate.json"));
        {
            FileCredentialStore file(path);
            QVERIFY(file.setPassword(QStringLiteral("old-cam"), QStringLiteral("old-secret")));
            QVERIFY(file.setPassword(QStringLiteral("old-cam-2"), QStringLiteral("other")));
        }
        QVERIFY(QFile::exists(path));
        CredentialStoreChoice c = chooseCredentialStore(path, QStringLiteral("auto"), 5000);
        QCOMPARE(c.kind, CredentialStoreKind::Keyring);
        QVERIFY(c.reason.isEmpty());
        QCOMPARE(c.migrated, 2);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".bak")));
        QCOMPARE(c.store->password(QStringLiteral("old-cam")).value_or(QString()),
                 QStringLiteral("old-secret"));
        c.store.reset();
        QString why;
        auto fresh = KeyringCredentialStore::open(KeyringCredentialStore::defaultService(),
                                                  KeyringCredentialStore::defaultKey(), 5000, &why);
        QVERIFY2(fresh, qPrintable(why));
        QCOMPARE(fresh->password(QStringLiteral("old-cam-2")).value_or(QString()), QStringLiteral("other"));
        QVERIFY(fresh->erase());
    }

    void fileEntryWinsOnMigration()
    {
        if (!haveKeyring())
            QSKIP("no Secret Service here: run through tests/support/with-keyring.sh");
        // Start 1 had the keyring: cam1 = A. Start 2 had no D-Bus, so the operator's change of cam1 to B went
        // into the file. Start 3 has the keyring again: B (the newer) must survive, not A.
        QString why;
        {
            auto keyring = KeyringCredentialStore::open(KeyringCredentialStore::defaultService(),
                                                        KeyringCredentialStore::defaultKey(), 5000, &why);
            QVERIFY2(keyring, qPrintable(why));
            QVERIFY(keyring->erase());
            QVERIFY(keyring->setPassword(QStringLiteral("cam1"), QStringLiteral("A-old")));
            QVERIFY(keyring->setPassword(QStringLiteral("cam-keyring-only"), QStringLiteral("K")));
            QString error;
            QVERIFY2(keyring->flush(5000, &error), qPrintable(error));
        }
        const QString path = m_dir.filePath(QStringLiteral("newer.json"));
        {
            FileCredentialStore file(path);
            QVERIFY(file.setPassword(QStringLiteral("cam1"), QStringLiteral("B-new")));
            QVERIFY(file.setPassword(QStringLiteral("cam2"), QStringLiteral("C")));
        }
        CredentialStoreChoice c = chooseCredentialStore(path, QStringLiteral("auto"), 5000);
        QCOMPARE(c.kind, CredentialStoreKind::Keyring);
        QCOMPARE(c.migrated, 2);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(c.store->password(QStringLiteral("cam1")).value_or(QString()), QStringLiteral("B-new"));
        c.store.reset();
        // What the keyring holds now, read back by a fresh store.
        auto fresh = KeyringCredentialStore::open(KeyringCredentialStore::defaultService(),
                                                  KeyringCredentialStore::defaultKey(), 5000, &why);
        QVERIFY2(fresh, qPrintable(why));
        QCOMPARE(fresh->password(QStringLiteral("cam1")).value_or(QString()), QStringLiteral("B-new"));
        QCOMPARE(fresh->password(QStringLiteral("cam2")).value_or(QString()), QStringLiteral("C"));
        QCOMPARE(fresh->password(QStringLiteral("cam-keyring-only")).value_or(QString()),
                 QStringLiteral("K"));
        QVERIFY(fresh->erase());
    }

    void abandonedWriteDoesNotBlockTheDestructor()
    {
        if (!haveKeyring())
            QSKIP("no Secret Service here: run through tests/support/with-keyring.sh");
        // The start-up migration's flush() timed out (a keyring that answered the read, then hung): the store
        // is dropped for the file. Its destructor must not block the GUI thread a second time (2 s).
        QString why;
        auto store = KeyringCredentialStore::open(kService, kKey, 5000, &why);
        QVERIFY2(store, qPrintable(why));
        const QDBusReply<uint> pid =
            QDBusConnection::sessionBus().interface()->servicePid(QStringLiteral("org.freedesktop.secrets"));
        QVERIFY2(pid.isValid() && pid.value() > 0, qPrintable(pid.error().message()));
        QCOMPARE(::kill(pid_t(pid.value()), SIGSTOP), 0); // the keyring hangs
        auto resume = qScopeGuard([&] { ::kill(pid_t(pid.value()), SIGCONT); });
        QVERIFY(store->setPassword(QStringLiteral("cam"), QStringLiteral("pw")));
        QString error;
        QVERIFY(!store->flush(300, &error));
        QVERIFY2(error.contains(QLatin1String("did not finish")), qPrintable(error));
        store->dropPendingOnDestroy();
        QElapsedTimer t;
        t.start();
        store.reset();
        QVERIFY2(t.elapsed() < 500, qPrintable(QString::number(t.elapsed())));
        resume.dismiss();
        ::kill(pid_t(pid.value()), SIGCONT);
        // The keyring still works afterwards (the abandoned write may or may not have landed).
        auto again = KeyringCredentialStore::open(kService, kKey, 5000, &why);
        QVERIFY2(again, qPrintable(why));
        QVERIFY(again->erase());
    }
};

QTEST_MAIN(TstKeyringCredentialStore)
#include "tst_keyring_credential_store.moc"
