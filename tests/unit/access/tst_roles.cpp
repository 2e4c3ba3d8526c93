// The role table as a table: every (role, action) pair, so a change of the rules shows up here line by line.
#include "vigil/access/roles.h"

#include <QtTest/QtTest>

using namespace vigil::access;

Q_DECLARE_METATYPE(vigil::access::Role)
Q_DECLARE_METATYPE(vigil::access::Action)

class TstRoles : public QObject
{
    Q_OBJECT

private slots:
    void table_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<Action>("action");
        QTest::addColumn<bool>("allowed");
        const Action actions[] = {Action::Wall,     Action::Ptz,  Action::Playback,      Action::Export,
                                  Action::Settings, Action::Exit, Action::AlarmHandling, Action::ManageUsers};
        //                 wall  ptz    playb  export settg  exit   alarms users
        const bool administrator[] = {true, true, true, true, true, true, true, true};
        const bool op[] = {true, true, true, true, false, true, true, false};
        const bool viewer[] = {true, false, true, false, false, true, false, false};
        const bool kiosk[] = {false, false, false, false, false, false, false, false};
        const std::pair<Role, const bool *> rows[] = {{Role::Administrator, administrator},
                                                      {Role::Operator, op},
                                                      {Role::Viewer, viewer},
                                                      {Role::Kiosk, kiosk}};
        for (const auto &[role, expected] : rows)
            for (int i = 0; i < 8; ++i)
                QTest::addRow("%s may %s", qPrintable(roleWord(role)), qPrintable(actionWord(actions[i])))
                    << role << actions[i] << expected[i];
    }
    void table()
    {
        QFETCH(Role, role);
        QFETCH(Action, action);
        QFETCH(bool, allowed);
        QCOMPARE(vigil::access::allowed(role, action), allowed);
    }

    void wordsRoundTrip()
    {
        for (Role r : {Role::Administrator, Role::Operator, Role::Viewer, Role::Kiosk}) {
            QCOMPARE(roleFromWord(roleWord(r)), r);
            QVERIFY(!roleName(r).isEmpty());
        }
        for (Action a : {Action::Wall, Action::Ptz, Action::Playback, Action::Export, Action::Settings,
                         Action::Exit, Action::AlarmHandling, Action::ManageUsers})
            QCOMPARE(actionFromWord(actionWord(a)), a);
        QVERIFY(!roleFromWord(u"root"));
        QVERIFY(!roleFromWord(u"Administrator")); // stored words are exact
        QVERIFY(!actionFromWord(u"fly"));
    }
};

QTEST_GUILESS_MAIN(TstRoles)
#include "tst_roles.moc"
