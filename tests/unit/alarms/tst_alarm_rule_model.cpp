// AlarmRuleModel, the rules dialog's C++: problemOf() as a table (every refusal says what to fix, a good rule
// passes); each edit (add, change, duplicate, move, on/off, remove) as a table row that starts from the same
// three-rule file, goes through the model and is read back from the real file by a second AlarmCenter;
// refused edits leave the file as it was; the role gate and the audit lines through an AuditSink; a save that
// cannot be written; "Test rule" as a table; and a reload of the file resetting the rows.
#include "vigil/access/audit_sink.h"
#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/alarm_rule_model.h"
#include "vigil/cameras/camera_directory.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace vigil;
using namespace vigil::alarms;

namespace {

// Records what is audited; refuses Settings when told to.
class RecordingSink : public access::AuditSink
{
public:
    void record(QStringView kind, const QString &detail, bool refused) override
    {
        lines.append((refused ? QStringLiteral("refused ") : QString()) + kind.toString() +
                     QStringLiteral(": ") + detail);
    }
    bool allows(access::Action action) const override
    {
        return !(refuseSettings && action == access::Action::Settings);
    }
    QString refusal(access::Action) const override
    {
        return QStringLiteral("Only administrators may do this.");
    }

    QStringList lines;
    bool refuseSettings = false;
};

RuleAction sceneAction(const QString &scene)
{
    RuleAction a;
    a.kind = RuleAction::Kind::RecallScene;
    a.scene = scene;
    return a;
}

AlarmRule rule(const QString &name, const QString &type, QList<RuleAction> actions)
{
    AlarmRule r;
    r.name = name;
    r.type = type;
    r.actions = std::move(actions);
    return r;
}

QList<AlarmRule> threeRules()
{
    RuleAction show;
    show.kind = RuleAction::Kind::ShowCameras;
    show.cameras = {QStringLiteral("cam-a"), QStringLiteral("cam-b")};
    show.screen = QStringLiteral("2");
    show.startTile = 3;
    RuleAction ptz;
    ptz.kind = RuleAction::Kind::PtzPreset;
    ptz.ptzCamera = QStringLiteral("cam-b");
    ptz.preset = QStringLiteral("4");
    RuleAction record;
    record.kind = RuleAction::Kind::Record;
    record.recordMinutes = 3;
    record.preAlarmSeconds = 15;
    AlarmRule b = rule(QStringLiteral("B"), QStringLiteral("fire"), {show, ptz});
    b.minPriority = 4;
    AlarmRule c = rule(QStringLiteral("C"), {}, {record});
    c.zones = {QStringLiteral("north")};
    c.enabled = false;
    return {rule(QStringLiteral("A"), QStringLiteral("intrusion"), {sceneAction(QStringLiteral("Night"))}), b,
            c};
}

QStringList namesOf(const QList<AlarmRule> &rules)
{
    QStringList out;
    for (const AlarmRule &r : rules)
        out.append(r.name + (r.enabled ? QString() : QStringLiteral("(off)")));
    return out;
}

cameras::Camera camera(const char *id, const char *name)
{
    cameras::Camera c;
    c.id = QString::fromLatin1(id);
    c.name = QString::fromUtf8(name);
    c.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/") + c.id), {}, 0, {}}};
    return c;
}

} // namespace

class TestAlarmRuleModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        m_directory = std::make_unique<cameras::CameraDirectory>(nullptr);
        m_directory->setDemoCameras({camera("cam-a", "Gate north"), camera("cam-b", "Gate south")});
        access::setAuditSink(&m_sink);
    }
    void cleanupTestCase() { access::setAuditSink(nullptr); }
    void init()
    {
        m_sink.lines.clear();
        m_sink.refuseSettings = false;
    }

    void problemOf_data()
    {
        QTest::addColumn<QVariantMap>("change"); // keys of the rule's object to replace
        QTest::addColumn<QString>("problem");    // a part of the sentence; "" = the rule is fine

        const QVariantMap scene{{"do", "recall-scene"}, {"scene", "Night"}};
        QTest::newRow("good") << QVariantMap{} << QString();
        QTest::newRow("no name") << QVariantMap{{"name", "  "}} << QStringLiteral("Give the rule a name");
        QTest::newRow("name taken") << QVariantMap{{"name", "Taken"}}
                                    << QStringLiteral("already called “Taken”");
        QTest::newRow("empty match") << QVariantMap{{"type", ""}, {"minPriority", 1}}
                                     << QStringLiteral("would act on every alarm");
        QTest::newRow("any type but priority 4 is a match")
            << QVariantMap{{"type", ""}, {"minPriority", 4}} << QString();
        QTest::newRow("priority 6") << QVariantMap{{"minPriority", 6}} << QStringLiteral("1 to 5");
        QTest::newRow("match camera gone") << QVariantMap{{"cameras", QStringList{"cam-a", "cam-gone"}}}
                                           << QStringLiteral("“cam-gone” of the match");
        QTest::newRow("no action") << QVariantMap{{"actions", QVariantList{}}}
                                   << QStringLiteral("Add at least one action");
        QTest::newRow("scene not chosen")
            << QVariantMap{{"actions", QVariantList{QVariantMap{{"do", "recall-scene"}, {"scene", ""}}}}}
            << QStringLiteral("Action 1: choose the scene");
        QTest::newRow("scene gone") << QVariantMap{{"actions",
                                                    QVariantList{scene, QVariantMap{{"do", "recall-scene"},
                                                                                    {"scene", "Old"}}}}}
                                    << QStringLiteral("Action 2: scene “Old” no longer exists");
        QTest::newRow("show on a known screen")
            << QVariantMap{{"actions",
                            QVariantList{QVariantMap{
                                {"do", "show-cameras"}, {"screen", "screen-2"}, {"startTile", 64}}}}}
            << QString();
        QTest::newRow("show on an unknown screen")
            << QVariantMap{{"actions", QVariantList{QVariantMap{{"do", "show-cameras"}, {"screen", "7"}}}}}
            << QStringLiteral("screen “7” is not one of the wall screens");
        QTest::newRow("tile 65") << QVariantMap{{"actions", QVariantList{QVariantMap{{"do", "show-cameras"},
                                                                                     {"startTile", 65}}}}}
                                 << QStringLiteral("first tile must be 1 to 64");
        QTest::newRow("show a camera that is gone")
            << QVariantMap{{"actions", QVariantList{QVariantMap{{"do", "show-cameras"},
                                                                {"cameras", QStringList{"cam-x"}}}}}}
            << QStringLiteral("Action 1: camera “cam-x” is no longer");
        QTest::newRow("ptz without camera")
            << QVariantMap{{"actions", QVariantList{QVariantMap{{"do", "ptz-preset"}, {"preset", "1"}}}}}
            << QStringLiteral("choose the PTZ camera");
        QTest::newRow("ptz camera gone")
            << QVariantMap{{"actions", QVariantList{QVariantMap{
                                           {"do", "ptz-preset"}, {"camera", "cam-x"}, {"preset", "1"}}}}}
            << QStringLiteral("PTZ camera “cam-x” is no longer");
        QTest::newRow("ptz without preset")
            << QVariantMap{{"actions", QVariantList{QVariantMap{{"do", "ptz-preset"}, {"camera", "cam-b"}}}}}
            << QStringLiteral("enter the preset");
        QTest::newRow("record 0 minutes")
            << QVariantMap{{"actions", QVariantList{QVariantMap{{"do", "record"}, {"minutes", 0}}}}}
            << QStringLiteral("1 to 1440 minutes");
        QTest::newRow("record 3601 s before")
            << QVariantMap{{"actions", QVariantList{QVariantMap{
                                           {"do", "record"}, {"minutes", 5}, {"preAlarmSeconds", 3601}}}}}
            << QStringLiteral("0 to 3600 seconds");
        QTest::newRow("record the alarm's camera")
            << QVariantMap{{"actions", QVariantList{QVariantMap{
                                           {"do", "record"}, {"minutes", 5}, {"preAlarmSeconds", 30}}}}}
            << QString();
    }
    void problemOf()
    {
        QFETCH(QVariantMap, change);
        QFETCH(QString, problem);
        QVariantMap r{{"name", "Gate"},
                      {"type", "intrusion"},
                      {"actions", QVariantList{QVariantMap{{"do", "recall-scene"}, {"scene", "Night"}}}}};
        for (auto it = change.cbegin(); it != change.cend(); ++it)
            r.insert(it.key(), it.value());
        AlarmRuleModel model(nullptr);
        model.setDirectory(m_directory.get());
        model.setSources({[] { return QStringList{QStringLiteral("Night")}; },
                          [] {
                              return QVariantList{
                                  QVariantMap{{QStringLiteral("key"), QStringLiteral("screen-2")},
                                              {QStringLiteral("number"), 2}}};
                          }});
        const QString got =
            AlarmRuleModel::problemOf(ruleFromVariant(r), model.catalog(), {QStringLiteral("Taken")});
        if (problem.isEmpty())
            QCOMPARE(got, QString());
        else
            QVERIFY2(got.contains(problem), qPrintable(got));
    }

    // The object QML edits and the rule value are the same thing both ways.
    void variantRoundTrip()
    {
        for (const AlarmRule &r : threeRules())
            QCOMPARE(ruleFromVariant(ruleToVariant(r)), r);
    }

    void edits_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("row");
        QTest::addColumn<QVariant>("arg");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("after"); // the rules read back from the file
        QTest::addColumn<QString>("audit");     // a part of the audit line ("" = none)

        const QVariantMap good{
            {"name", "D"},
            {"type", "tamper"},
            {"sources", QStringList{"onvif"}},
            {"actions", QVariantList{QVariantMap{{"do", "recall-scene"}, {"scene", "Night"}}}}};
        QVariantMap goneScene = good;
        goneScene.insert(QStringLiteral("actions"),
                         QVariantList{QVariantMap{{"do", "recall-scene"}, {"scene", "Deleted"}}});
        QVariantMap renamed = good;
        renamed.insert(QStringLiteral("name"), QStringLiteral("B2"));
        QVariantMap keepName = good;
        keepName.insert(QStringLiteral("name"), QStringLiteral("A"));
        QVariantMap clash = good;
        clash.insert(QStringLiteral("name"), QStringLiteral("A"));
        const QStringList before{"A", "B", "C(off)"};

        QTest::newRow("add") << "save" << -1 << QVariant(good) << true << QStringList{"A", "B", "C(off)", "D"}
                             << QStringLiteral("rule \"D\" added: {");
        QTest::newRow("add, scene gone")
            << "save" << -1 << QVariant(goneScene) << false << before << QString();
        QTest::newRow("add, name taken") << "save" << -1 << QVariant(clash) << false << before << QString();
        QTest::newRow("change") << "save" << 1 << QVariant(renamed) << true
                                << QStringList{"A", "B2", "C(off)"} << QStringLiteral("rule \"B\" changed");
        QTest::newRow("change keeping its name")
            << "save" << 0 << QVariant(keepName) << true << before << QStringLiteral("rule \"A\" changed");
        QTest::newRow("duplicate") << "duplicate" << 0 << QVariant() << true
                                   << QStringList{"A", "A (copy)", "B", "C(off)"}
                                   << QStringLiteral("duplicated as \"A (copy)\"");
        QTest::newRow("remove") << "remove" << 1 << QVariant() << true << QStringList{"A", "C(off)"}
                                << QStringLiteral("rule \"B\" removed");
        QTest::newRow("remove a bad row") << "remove" << 3 << QVariant() << false << before << QString();
        QTest::newRow("turn on") << "enable" << 2 << QVariant(true) << true << QStringList{"A", "B", "C"}
                                 << QStringLiteral("turned on");
        QTest::newRow("turn off") << "enable" << 0 << QVariant(false) << true
                                  << QStringList{"A(off)", "B", "C(off)"} << QStringLiteral("turned off");
        QTest::newRow("move down") << "move" << 0 << QVariant(2) << true << QStringList{"B", "C(off)", "A"}
                                   << QStringLiteral("moved from 1 to 3");
        QTest::newRow("move up") << "move" << 2 << QVariant(1) << true << QStringList{"A", "C(off)", "B"}
                                 << QStringLiteral("moved from 3 to 2");
        QTest::newRow("move out of the list") << "move" << 0 << QVariant(3) << false << before << QString();
    }
    void edits()
    {
        QFETCH(QString, op);
        QFETCH(int, row);
        QFETCH(QVariant, arg);
        QFETCH(bool, ok);
        QFETCH(QStringList, after);
        QFETCH(QString, audit);

        QTemporaryDir dir;
        const QString rulesPath = dir.filePath(QStringLiteral("alarm_rules.json"));
        QString why;
        QVERIFY2(saveRules(rulesPath, threeRules(), &why), qPrintable(why));
        QByteArray fileBefore;
        {
            QFile f(rulesPath);
            QVERIFY(f.open(QIODevice::ReadOnly));
            fileBefore = f.readAll();
        }
        {
            AlarmCenter center(dir.filePath(QStringLiteral("alarms.db")), rulesPath);
            center.setCameraDirectory(m_directory.get());
            AlarmRuleModel *model = center.ruleModel();
            model->setSources({[] { return QStringList{QStringLiteral("Night")}; }, {}});
            QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(model->count(), 3);
            QSignalSpy countSpy(model, &AlarmRuleModel::countChanged);

            bool done = false;
            if (op == QLatin1String("save"))
                done = model->saveRule(row, arg.toMap());
            else if (op == QLatin1String("duplicate"))
                done = model->duplicateRule(row);
            else if (op == QLatin1String("remove"))
                done = model->removeRule(row);
            else if (op == QLatin1String("enable"))
                done = model->setRuleEnabled(row, arg.toBool());
            else if (op == QLatin1String("move"))
                done = model->moveRule(row, arg.toInt());
            QCOMPARE(done, ok);
            QCOMPARE(model->lastError().isEmpty(), ok);
            QCOMPARE(namesOf(center.rules()), after); // in force at once
            QCOMPARE(model->count(), int(after.size()));
            QCOMPARE(countSpy.size(), after.size() != 3 ? 1 : 0);
            for (int i = 0; i < model->rowCount(); ++i)
                QCOMPARE(model->data(model->index(i), AlarmRuleModel::NameRole).toString() +
                             (model->data(model->index(i), AlarmRuleModel::EnabledRole).toBool()
                                  ? QString()
                                  : QStringLiteral("(off)")),
                         after.at(i));
        }
        // The real file, read by a new center.
        AlarmCenter again(dir.filePath(QStringLiteral("alarms2.db")), rulesPath);
        QCOMPARE(again.rulesError(), QString());
        QCOMPARE(namesOf(again.rules()), after);
        QCOMPARE(again.ruleModel()->count(), int(after.size()));
        if (!ok) {
            QFile f(rulesPath);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), fileBefore); // a refused edit does not touch the file
        }
        if (op == QLatin1String("save") && ok)
            QCOMPARE(
                again.ruleModel()->rule(row < 0 ? 3 : row).value(QStringLiteral("sources")).toStringList(),
                QStringList{QStringLiteral("onvif")});
        if (audit.isEmpty()) {
            QCOMPARE(m_sink.lines, QStringList());
        } else {
            QCOMPARE(m_sink.lines.size(), 1);
            QVERIFY2(m_sink.lines.first().startsWith(QStringLiteral("alarm: ")),
                     qPrintable(m_sink.lines.first()));
            QVERIFY2(m_sink.lines.first().contains(audit), qPrintable(m_sink.lines.first()));
        }
    }

    // Not an administrator: nothing changes, the refusal is audited and said.
    void refusedForTheRole()
    {
        QTemporaryDir dir;
        const QString rulesPath = dir.filePath(QStringLiteral("alarm_rules.json"));
        QString why;
        QVERIFY(saveRules(rulesPath, threeRules(), &why));
        AlarmCenter center(dir.filePath(QStringLiteral("alarms.db")), rulesPath);
        m_sink.refuseSettings = true;
        QVERIFY(!center.ruleModel()->removeRule(0));
        QCOMPARE(center.ruleModel()->lastError(), QStringLiteral("Only administrators may do this."));
        QVERIFY(!center.ruleModel()->moveRule(0, 1));
        QVERIFY(!center.ruleModel()->saveRule(-1, center.ruleModel()->rule(0)));
        QCOMPARE(namesOf(center.rules()), (QStringList{"A", "B", "C(off)"}));
        QCOMPARE(m_sink.lines.size(), 3);
        QVERIFY2(m_sink.lines.first().startsWith(QStringLiteral("refused alarm: rule \"A\" removed")),
                 qPrintable(m_sink.lines.first()));
        AlarmCenter again(dir.filePath(QStringLiteral("alarms2.db")), rulesPath);
        QCOMPARE(namesOf(again.rules()), (QStringList{"A", "B", "C(off)"}));
    }

    // The file cannot be written (its folder is a file): the edit says so and what to check.
    void saveFails()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        AlarmCenter center(dir.filePath(QStringLiteral("alarms.db")),
                           dir.filePath(QStringLiteral("not-a-folder/alarm_rules.json")));
        AlarmRuleModel *model = center.ruleModel();
        QVERIFY(!model->saveRule(-1, ruleToVariant(threeRules().constFirst())));
        QVERIFY2(model->lastError().contains(QStringLiteral("could not be saved")),
                 qPrintable(model->lastError()));
        QCOMPARE(model->lastError(), center.rulesError());
        QCOMPARE(m_sink.lines.size(), 1);
        QVERIFY(m_sink.lines.first().contains(QStringLiteral("not saved")));
    }

    void testRule_data()
    {
        QTest::addColumn<int>("ruleIndex"); // of threeRules()
        QTest::addColumn<QVariantMap>("alarm");
        QTest::addColumn<bool>("matches");
        QTest::addColumn<QStringList>("lines");

        QTest::newRow("A: intrusion") << 0 << QVariantMap{{"type", "Intrusion"}, {"priority", 1}} << true
                                      << QStringList{"Recall scene “Night”"};
        QTest::newRow("A: fire") << 0 << QVariantMap{{"type", "fire"}} << false << QStringList{};
        QTest::newRow("B: fire at 4") << 1 << QVariantMap{{"type", "fire"}, {"priority", 4}} << true
                                      << QStringList{"Show Gate north, Gate south on screen 2 from tile 4",
                                                     "Move PTZ camera Gate south to preset 4"};
        QTest::newRow("B: fire at 3")
            << 1 << QVariantMap{{"type", "fire"}, {"priority", 3}} << false << QStringList{};
        // C is off: tested as if on. Its recording is of the alarm's camera.
        QTest::newRow("C: zone north, camera a")
            << 2 << QVariantMap{{"type", "x"}, {"zone", "north"}, {"cameraId", "cam-a"}} << true
            << QStringList{"Record Gate north for 3 min, from 15 s before the alarm"};
        QTest::newRow("C: zone north, no camera")
            << 2 << QVariantMap{{"type", "x"}, {"zone", "north"}} << true << QStringList{};
        QTest::newRow("C: zone south")
            << 2 << QVariantMap{{"zone", "south"}, {"cameraId", "cam-a"}} << false << QStringList{};
    }
    void testRule()
    {
        QFETCH(int, ruleIndex);
        QFETCH(QVariantMap, alarm);
        QFETCH(bool, matches);
        QFETCH(QStringList, lines);
        QTemporaryDir dir;
        AlarmCenter center(dir.filePath(QStringLiteral("alarms.db")), dir.filePath(QStringLiteral("r.json")));
        center.setCameraDirectory(m_directory.get());
        const QVariantMap result =
            center.ruleModel()->testRule(ruleToVariant(threeRules().at(ruleIndex)), alarm);
        QCOMPARE(result.value(QStringLiteral("matches")).toBool(), matches);
        QCOMPARE(result.value(QStringLiteral("lines")).toStringList(), lines);
        QVERIFY(!result.value(QStringLiteral("text")).toString().isEmpty());
        QCOMPARE(center.rules().size(), 0); // nothing saved, nothing in force
        QCOMPARE(m_sink.lines, QStringList());
    }

    // The file read again (AlarmCenter::reloadRules): the rows start over.
    void reloadResets()
    {
        QTemporaryDir dir;
        const QString rulesPath = dir.filePath(QStringLiteral("alarm_rules.json"));
        AlarmCenter center(dir.filePath(QStringLiteral("alarms.db")), rulesPath);
        AlarmRuleModel *model = center.ruleModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->count(), 0);
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        QSignalSpy count(model, &AlarmRuleModel::countChanged);
        QString why;
        QVERIFY(saveRules(rulesPath, threeRules(), &why));
        QVERIFY(center.reloadRules());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(count.size(), 1);
        QCOMPARE(model->count(), 3);
        QCOMPARE(model->data(model->index(1), AlarmRuleModel::MatchTextRole).toString(),
                 QStringLiteral("Alarm “fire” · priority 4 or more"));
        QCOMPARE(model->data(model->index(2), AlarmRuleModel::MatchTextRole).toString(),
                 QStringLiteral("Any alarm · at zone north"));
    }

private:
    QTemporaryDir m_config;
    std::unique_ptr<cameras::CameraDirectory> m_directory;
    RecordingSink m_sink;
};

QTEST_GUILESS_MAIN(TestAlarmRuleModel)

#include "tst_alarm_rule_model.moc"
