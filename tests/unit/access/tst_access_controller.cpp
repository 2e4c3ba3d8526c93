// AccessController (the `Access` singleton and the app's AuditSink): the modes (no users, users, demo, kiosk,
// a damaged users file), logins (worker and direct, audited either way), the gate that the other rooms ask
// through access::permit(), and user management for administrators only.
#include "vigil/access/access_controller.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::access;

class TstAccessController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    struct Paths
    {
        QString users, audit;
    };
    Paths fresh()
    {
        ++m_n;
        return {m_dir.filePath(QStringLiteral("users%1.json").arg(m_n)),
                m_dir.filePath(QStringLiteral("audit%1.db").arg(m_n))};
    }
    struct NewUser
    {
        QString name;
        Role role;
        QString password;
    };
    // Fresh paths whose users file holds `users` (written through a UserStore, as an administrator would).
    Paths freshWith(std::initializer_list<NewUser> users)
    {
        const Paths p = fresh();
        UserStore s(p.users);
        s.load();
        for (const NewUser &u : users) {
            if (!s.addUser(u.name, u.role, u.password))
                qFatal("could not add the test user %s", qPrintable(u.name));
        }
        return p;
    }
    static QList<AuditEntry> entries(AccessController &c, const QString &kind = {})
    {
        c.auditLog()->flush();
        QList<AuditEntry> out;
        bool done = false;
        AuditFilter f;
        f.kind = kind;
        c.auditLog()->query(f, [&](const QList<AuditEntry> &rows, const QString &) {
            out = rows;
            done = true;
        });
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        }();
        return out;
    }

private slots:
    void cleanup() { AccessController::setInstance(nullptr); }

    void noUsersMeansNoLogin()
    {
        const Paths p = fresh();
        AccessController c(p.users, p.audit);
        QVERIFY(!c.loginRequired());
        QCOMPARE(c.role(), QStringLiteral("administrator"));
        QVERIFY(c.canSettings() && c.canManageUsers() && c.canExport());
        QVERIFY(!c.userName().isEmpty());
        // The first user: an administrator. The session goes on; the next start asks.
        QCOMPARE(c.addUser(QStringLiteral("admin"), QStringLiteral("operator"), QStringLiteral("password0"))
                     .contains(QStringLiteral("administrator")),
                 true);
        QCOMPARE(
            c.addUser(QStringLiteral("admin"), QStringLiteral("administrator"), QStringLiteral("password0")),
            QString());
        QVERIFY(c.hasUsers());
        QVERIFY(!c.loginRequired());
        AccessController next(p.users, p.audit + QStringLiteral("-2"));
        QVERIFY(next.loginRequired());
        QVERIFY(!next.canExit() && !next.canPlayback()); // nobody logged in: nothing
    }

    void loginWrongThenRight()
    {
        const Paths p =
            freshWith({{QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0")},
                       {QStringLiteral("li"), Role::Operator, QStringLiteral("password1")}});
        AccessController c(p.users, p.audit);
        AccessController::setInstance(&c);
        QVERIFY(c.loginRequired());
        QSignalSpy finished(&c, &AccessController::loginFinished);
        c.login(QStringLiteral("li"), QStringLiteral("wrong-password"));
        QVERIFY(c.checking());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(finished.last().at(1).toString().contains(QStringLiteral("Wrong user name or password")));
        QVERIFY(c.loginRequired());
        c.login(QStringLiteral("li"), QStringLiteral("password1"));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QVERIFY(!c.loginRequired());
        QCOMPARE(c.userName(), QStringLiteral("li"));
        QCOMPARE(c.role(), QStringLiteral("operator"));
        QVERIFY(c.canPtz() && c.canExport() && !c.canSettings() && !c.canManageUsers());
        QVERIFY(c.can(QStringLiteral("playback")));
        QVERIFY(!c.can(QStringLiteral("users")));

        // An operator may not manage users: refused, said, and audited.
        QVERIFY(c.addUser(QStringLiteral("x"), QStringLiteral("viewer"), QStringLiteral("password9"))
                    .contains(QStringLiteral("Operator")));
        QCOMPARE(c.userStore().users().size(), 2);

        const QList<AuditEntry> logins = entries(c, QStringLiteral("login"));
        QCOMPARE(logins.size(), 2);
        QCOMPARE(logins.at(1).refused, true); // oldest: the wrong password
        QCOMPARE(logins.at(1).user, QStringLiteral("li"));
        QCOMPARE(logins.at(0).refused, false);
        const QList<AuditEntry> users = entries(c, QStringLiteral("users"));
        QCOMPARE(users.size(), 1);
        QVERIFY(users.first().refused);
        QCOMPARE(users.first().user, QStringLiteral("li"));

        c.logout();
        QVERIFY(c.loginRequired());
        QCOMPARE(entries(c, QStringLiteral("logout")).size(), 1);
    }

    // Two wrong logins are free; the third starts a 5 s wait in which even the right password is not tried
    // (audited as refused), then a try goes ahead and a right one resets the count.
    void wrongLoginsMakeTheDialogWait()
    {
        const Paths p =
            freshWith({{QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0")},
                       {QStringLiteral("li"), Role::Operator, QStringLiteral("password1")}});
        AccessController c(p.users, p.audit);
        QSignalSpy finished(&c, &AccessController::loginFinished);
        QSignalSpy waitChanged(&c, &AccessController::loginWaitChanged);
        for (int i = 1; i <= 2; ++i) {
            c.login(i == 2 ? QStringLiteral("nobody") : QStringLiteral("li"),
                    QStringLiteral("guess%1").arg(i));
            QVERIFY(finished.wait(10000));
            QCOMPARE(finished.last().at(0).toBool(), false);
            QCOMPARE(c.loginFailures(), i);
            QCOMPARE(c.loginWaitSeconds(), 0);
        }
        c.login(QStringLiteral("li"), QStringLiteral("guess3"));
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.last().at(1).toString().contains(QStringLiteral("wait 5 second")));
        QVERIFY(c.loginWaitSeconds() > 0 && c.loginWaitSeconds() <= 5);
        QVERIFY(!waitChanged.isEmpty());

        // Within the wait: refused at once, without checking the password (no worker: `checking` stays off).
        QString why;
        QVERIFY(!c.loginNow(QStringLiteral("li"), QStringLiteral("password1"), &why));
        QVERIFY2(why.contains(QStringLiteral("Try again in")), qPrintable(why));
        c.login(QStringLiteral("li"), QStringLiteral("password1"));
        QVERIFY(!c.checking());
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(c.loginRequired());
        QCOMPARE(c.loginFailures(), 3); // a refused try does not count as a wrong password

        // The countdown reaches 0 (the dialog is told each second), then the right password gets in.
        QTRY_COMPARE_WITH_TIMEOUT(c.loginWaitSeconds(), 0, 7000);
        QVERIFY(c.loginNow(QStringLiteral("li"), QStringLiteral("password1"), &why));
        QCOMPARE(c.loginFailures(), 0);
        QCOMPARE(c.loginWaitSeconds(), 0);

        const QList<AuditEntry> logins = entries(c, QStringLiteral("login"));
        QCOMPARE(logins.size(), 6); // 3 wrong, 2 not tried, 1 in
        QCOMPARE(std::count_if(
                     logins.begin(), logins.end(),
                     [](const AuditEntry &e) { return e.detail.startsWith(QStringLiteral("not tried")); }),
                 2);
        QCOMPARE(logins.first().refused, false);
    }

    void gateThroughTheSink()
    {
        const Paths p =
            freshWith({{QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0")},
                       {QStringLiteral("wang"), Role::Viewer, QStringLiteral("password2")}});
        AccessController c(p.users, p.audit);
        AccessController::setInstance(&c);
        QVERIFY(c.loginNow(QStringLiteral("wang"), QStringLiteral("password2")));
        QString why;
        QVERIFY(!permit(Action::Ptz, u"ptz", QStringLiteral("cam01: move"), &why));
        QVERIFY2(why.contains(QStringLiteral("Viewer")), qPrintable(why));
        QVERIFY(permit(Action::Playback, u"playback", QStringLiteral("cam01")));
        audit(u"wall", QStringLiteral("layout 4"));
        const QList<AuditEntry> ptz = entries(c, QStringLiteral("ptz"));
        QCOMPARE(ptz.size(), 1);
        QVERIFY(ptz.first().refused);
        QCOMPARE(ptz.first().user, QStringLiteral("wang"));
        QCOMPARE(entries(c, QStringLiteral("wall")).size(), 1);
        QCOMPARE(entries(c, QStringLiteral("playback")).size(), 0); // allowed: the caller audits what it did
        // Uninstalled: the default sink allows everything and records nothing.
        AccessController::setInstance(nullptr);
        QVERIFY(permit(Action::Ptz, u"ptz", QStringLiteral("cam01: move")));
    }

    void modes()
    {
        const Paths p =
            freshWith({{QStringLiteral("admin"), Role::Administrator, QStringLiteral("password0")}});
        AccessController c(p.users, p.audit);
        QVERIFY(c.loginRequired());
        // The demo on a PC with users is no way round their passwords: it asks for a login.
        c.setMode(AccessController::Mode::Demo);
        QVERIFY(c.loginRequired());
        QCOMPARE(c.role(), QString());
        QSignalSpy finished(&c, &AccessController::loginFinished);
        c.login(QStringLiteral("admin"), QStringLiteral("wrong"));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(c.loginRequired());
        c.login(QStringLiteral("admin"), QStringLiteral("password0"));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(c.role(), QStringLiteral("administrator"));
        QCOMPARE(c.userName(), QStringLiteral("admin"));
        c.setMode(AccessController::Mode::Kiosk);
        QVERIFY(!c.loginRequired());
        QCOMPARE(c.role(), QStringLiteral("kiosk"));
        QVERIFY(!c.canPtz() && !c.canPlayback() && !c.canExport() && !c.canSettings() && !c.canExit());
        c.logout(); // not in kiosk mode
        QCOMPARE(c.role(), QStringLiteral("kiosk"));
        // Village mode: users exist, yet no login; an implicit operator who may watch and play back only.
        c.setMode(AccessController::Mode::Village);
        QVERIFY(!c.loginRequired());
        QCOMPARE(c.role(), QStringLiteral("operator"));
        QCOMPARE(c.userName(), QStringLiteral("village"));
        QVERIFY(c.canPlayback() && !c.canSettings() && !c.canManageUsers());
        c.logout(); // nothing to log out of
        QVERIFY(!c.loginRequired());
        QCOMPARE(c.role(), QStringLiteral("operator"));
    }

    // The demo on a PC without users (the README's first command on a fresh machine) asks nothing.
    void demoWithoutUsersNeedsNoLogin()
    {
        QTemporaryDir dir;
        AccessController c(dir.filePath(QStringLiteral("users.json")),
                           dir.filePath(QStringLiteral("audit.db")));
        c.setMode(AccessController::Mode::Demo);
        QVERIFY(!c.loginRequired());
        QCOMPARE(c.role(), QStringLiteral("administrator"));
        QCOMPARE(c.userName(), QStringLiteral("demo"));
    }

    void damagedUsersFileLocks()
    {
        const Paths p = fresh();
        {
            QFile f(p.users);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{ broken");
        }
        AccessController c(p.users, p.audit);
        QVERIFY(c.loginRequired()); // never "no users, so no login"
        QVERIFY(!c.usersError().isEmpty());
        QSignalSpy finished(&c, &AccessController::loginFinished);
        c.login(QStringLiteral("admin"), QStringLiteral("password0"));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(finished.first().at(1).toString(), c.usersError());
    }
};

QTEST_GUILESS_MAIN(TstAccessController)
#include "tst_access_controller.moc"
