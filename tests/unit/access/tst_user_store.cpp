// UserStore against real files: Argon2id round trip, wrong passwords, the rules (first user an administrator,
// the last administrator stays), a corrupt file kept aside with a clear error (and the backup used), atomic
// owner-only writes.
#include "vigil/access/user_store.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil::access;

class TstUserStore : public QObject
{
    Q_OBJECT

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static void writeAll(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
    }

private slots:
    void hashRoundTrip()
    {
        const QString hash = UserStore::hashPassword(QStringLiteral("correct horse 电池"));
        QVERIFY2(hash.startsWith(QLatin1String("$argon2id$")), qPrintable(hash));
        QVERIFY(!hash.contains(QStringLiteral("correct horse")));
        QVERIFY(UserStore::verifyHash(hash, QStringLiteral("correct horse 电池")));
        QVERIFY(!UserStore::verifyHash(hash, QStringLiteral("correct horse 电")));
        QVERIFY(!UserStore::verifyHash(hash, QString()));
        QVERIFY(!UserStore::verifyHash(QString(), QStringLiteral("x")));
        // A random salt: the same password hashes differently each time.
        QVERIFY(UserStore::hashPassword(QStringLiteral("correct horse 电池")) != hash);
    }

    void addVerifyAndReload()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.json"));
        UserStore store(path);
        QVERIFY(store.load()); // no file: no users, no error
        QVERIFY(store.isEmpty());
        QString why;
        QVERIFY(!store.addUser(QStringLiteral("li"), Role::Operator, QStringLiteral("password1"), &why));
        QVERIFY2(why.contains(QStringLiteral("administrator")), qPrintable(why)); // first must be admin
        QVERIFY(
            store.addUser(QStringLiteral("admin"), Role::Administrator, QStringLiteral("s3cret-pass"), &why));
        QVERIFY(store.addUser(QStringLiteral("li"), Role::Operator, QStringLiteral("password1"), &why));
        QVERIFY(!store.addUser(QStringLiteral("LI"), Role::Viewer, QStringLiteral("password2"), &why));
        QVERIFY(why.contains(QStringLiteral("exists")));
        QVERIFY(!store.addUser(QStringLiteral("wang"), Role::Viewer, QStringLiteral("short"), &why));
        QVERIFY(why.contains(QStringLiteral("8")));
        QVERIFY(!store.addUser(QStringLiteral("  "), Role::Viewer, QStringLiteral("password2"), &why));

        QVERIFY(store.verify(QStringLiteral("li"), QStringLiteral("password1")));
        QCOMPARE(store.verify(QStringLiteral("Li"), QStringLiteral("password1"))->role, Role::Operator);
        QVERIFY(!store.verify(QStringLiteral("li"), QStringLiteral("password2")));
        QVERIFY(!store.verify(QStringLiteral("nobody"), QStringLiteral("password1")));

        // The password is not in the file; the file is the owner's only.
        const QByteArray text = readAll(path);
        QVERIFY(!text.contains("password1"));
        QVERIFY(!text.contains("s3cret-pass"));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

        UserStore again(path);
        QVERIFY(again.load());
        QCOMPARE(again.users(), store.users());
        QVERIFY(again.verify(QStringLiteral("admin"), QStringLiteral("s3cret-pass")));

        // Changes: role, password, removal; the last administrator stays.
        QVERIFY(!again.setRole(QStringLiteral("admin"), Role::Viewer, &why));
        QVERIFY(why.contains(QStringLiteral("last administrator")));
        QVERIFY(!again.removeUser(QStringLiteral("admin"), &why));
        QVERIFY(again.setPassword(QStringLiteral("li"), QStringLiteral("new-password"), &why));
        QVERIFY(again.verify(QStringLiteral("li"), QStringLiteral("new-password")));
        QVERIFY(!again.verify(QStringLiteral("li"), QStringLiteral("password1")));
        QVERIFY(again.setRole(QStringLiteral("li"), Role::Administrator, &why));
        QVERIFY(again.setRole(QStringLiteral("admin"), Role::Viewer, &why)); // li is an administrator now
        QVERIFY(again.removeUser(QStringLiteral("admin"), &why));
        UserStore third(path);
        QVERIFY(third.load());
        QCOMPARE(third.users().size(), 1);
        QCOMPARE(third.users().first().name, QStringLiteral("li"));
    }

    void corruptFileKeptAsideAndBackupUsed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.json"));
        {
            UserStore store(path);
            QVERIFY(store.load());
            QVERIFY(store.addUser(QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0")));
            QVERIFY(store.addUser(QStringLiteral("li"), Role::Operator,
                                  QStringLiteral("password1"))); // .bak: admin
        }
        const QByteArray damaged = "{\"version\":1,\"users\":[{\"name\":\"admin\",";
        writeAll(path, damaged);
        UserStore store(path);
        QVERIFY(!store.load());
        QVERIFY(!store.damaged()); // the backup was good
        QVERIFY2(store.error().contains(QStringLiteral("backup")), qPrintable(store.error()));
        QCOMPARE(store.users().size(), 1);
        QVERIFY(store.verify(QStringLiteral("admin"), QStringLiteral("password0")));
        // Nothing lost: the damaged bytes are kept beside it, named in the error.
        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("users.json.corrupt-*")});
        QCOMPARE(kept.size(), 1);
        QCOMPARE(readAll(dir.filePath(kept.first())), damaged);
        QVERIFY(store.error().contains(kept.first()));
    }

    void corruptWithoutBackupLocks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.json"));
        writeAll(path, "not json at all");
        UserStore store(path);
        QVERIFY(!store.load());
        QVERIFY(store.damaged()); // never "no users, so no login"
        QVERIFY(store.isEmpty());
        QVERIFY2(store.error().contains(QStringLiteral("nobody can log in")), qPrintable(store.error()));
        QVERIFY(store.error().contains(QStringLiteral("corrupt")));
        QString why;
        QVERIFY(
            !store.addUser(QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0"), &why));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("users.json.corrupt-*")}).size(), 1);
    }

    void atomicWriteKeepsOldFileOnFailure()
    {
        QTemporaryDir dir;
        const QString sub = dir.filePath(QStringLiteral("cfg"));
        QVERIFY(QDir().mkpath(sub));
        const QString path = sub + QStringLiteral("/users.json");
        UserStore store(path);
        QVERIFY(store.load());
        QVERIFY(store.addUser(QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0")));
        const QByteArray before = readAll(path);
        // A read-only folder: the temp file cannot be made, the write fails, the old file is untouched and
        // the store did not change.
        QFile::setPermissions(sub, QFile::ReadOwner | QFile::ExeOwner);
        if (QFileInfo(sub).isWritable())
            QSKIP("running as root: a read-only folder is still writable");
        QString why;
        QVERIFY(!store.addUser(QStringLiteral("li"), Role::Operator, QStringLiteral("password1"), &why));
        QFile::setPermissions(sub, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(why.contains(QStringLiteral("could not be saved")));
        QCOMPARE(store.users().size(), 1);
        QCOMPARE(readAll(path), before);
    }

    void unwritablePlaceChangesNothing()
    {
        // The folder cannot be made (its parent is a file), even as root: the change is refused, the store
        // keeps what it had, and the sentence says what to do.
        QTemporaryDir dir;
        writeAll(dir.filePath(QStringLiteral("file")), "x");
        UserStore store(dir.filePath(QStringLiteral("file/users.json")));
        QVERIFY(store.load());
        QString why;
        QVERIFY(
            !store.addUser(QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0"), &why));
        QVERIFY2(why.contains(QStringLiteral("Check that the folder is writable")), qPrintable(why));
        QVERIFY(store.isEmpty());
    }

    void atomicWriteLeavesNoTempFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.json"));
        UserStore store(path);
        QVERIFY(store.load());
        QVERIFY(store.addUser(QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0")));
        QVERIFY(store.addUser(QStringLiteral("li"), Role::Viewer, QStringLiteral("password1")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files, QDir::Name),
                 QStringList({QStringLiteral("users.json"), QStringLiteral("users.json.bak")}));
        QCOMPARE(QFile::permissions(path + QStringLiteral(".bak")) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        QVERIFY(UserStore::fromJson(readAll(path + QStringLiteral(".bak")))); // the previous version, whole
    }
};

QTEST_GUILESS_MAIN(TstUserStore)
#include "tst_user_store.moc"
