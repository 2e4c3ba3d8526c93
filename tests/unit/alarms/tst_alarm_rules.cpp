// Linkage rules as pure functions: ruleMatches() and actionsForAlarm() over tables of rules and alarms, the
// JSON shape of alarm_rules.json (round trip and refusals), and the file itself (atomic save, a damaged file
// kept aside), plus the executor applying actions through injected functions; and alarmFromPush(), the
// mapping of a platform's pushed alarm into an Alarm, as a table.
#include "vigil/alarms/alarm_actions.h"
#include "vigil/alarms/alarm_rules.h"
#include "vigil/alarms/platform_alarms.h"
#include "vigil/backend/ours_push.h"
#include "vigil/map/geo.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimeZone>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil::alarms;

namespace {

Alarm alarm(const QString &type, const QString &source, const QString &camera, const QString &zone,
            int priority)
{
    Alarm a;
    a.id = 7;
    a.type = type;
    a.source = source;
    a.cameraId = camera;
    a.zone = zone;
    a.priority = priority;
    a.time = QDateTime(QDate(2026, 12, 6), QTime(22, 0), Qt::UTC);
    return a;
}

RuleAction scene(const QString &name)
{
    RuleAction a;
    a.kind = RuleAction::Kind::RecallScene;
    a.scene = name;
    return a;
}

RuleAction show(const QStringList &cameras, const QString &screen = {}, int startTile = 0)
{
    RuleAction a;
    a.kind = RuleAction::Kind::ShowCameras;
    a.cameras = cameras;
    a.screen = screen;
    a.startTile = startTile;
    return a;
}

RuleAction ptz(const QString &camera, const QString &preset)
{
    RuleAction a;
    a.kind = RuleAction::Kind::PtzPreset;
    a.ptzCamera = camera;
    a.preset = preset;
    return a;
}

RuleAction record(const QStringList &cameras, int minutes, int pre)
{
    RuleAction a;
    a.kind = RuleAction::Kind::Record;
    a.cameras = cameras;
    a.recordMinutes = minutes;
    a.preAlarmSeconds = pre;
    return a;
}

AlarmRule rule(const QString &type, const QStringList &sources, const QStringList &cameras,
               const QStringList &zones, int minPriority, const QList<RuleAction> &actions = {scene("S")})
{
    AlarmRule r;
    r.name = QStringLiteral("r");
    r.type = type;
    r.sources = sources;
    r.cameras = cameras;
    r.zones = zones;
    r.minPriority = minPriority;
    r.actions = actions;
    return r;
}

} // namespace

Q_DECLARE_METATYPE(AlarmRule)
Q_DECLARE_METATYPE(QList<AlarmRule>)
Q_DECLARE_METATYPE(QList<RuleAction>)

class TestAlarmRules : public QObject
{
    Q_OBJECT

private slots:
    void alarmFromPush_data()
    {
        using vigil::backend::PushMessage;
        QTest::addColumn<PushMessage>("message");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<bool>("chinese");
        QTest::addColumn<bool>("raised");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("cameraId");
        QTest::addColumn<double>("lon"); // NaN = no position
        QTest::addColumn<double>("lat");
        QTest::addColumn<int>("priority");
        QTest::addColumn<QString>("text");

        const double none = qQNaN();
        PushMessage cam;
        cam.type = PushMessage::Type::Alarm;
        cam.alarmId = QStringLiteral("demo-1-1");
        cam.alarmCameraId = QStringLiteral("cam03");
        cam.alarmKind = QStringLiteral("intrusion");
        cam.alarmPriority = 4;
        cam.alarmMessage = QStringLiteral("新乡路口：区域入侵");
        cam.alarmMessageEn = QStringLiteral("Intrusion at Xinxiang Road");
        cam.alarmTime = QDateTime(QDate(2026, 12, 7), QTime(5, 40), QTimeZone(8 * 3600));
        QTest::newRow("camera, Chinese") << cam << QString() << true << true << "intrusion"
                                         << "cam03" << none << none << 4 << "新乡路口：区域入侵";
        QTest::newRow("camera, English, site prefix")
            << cam << QStringLiteral("county/") << false << true << "intrusion"
            << "county/cam03" << none << none << 4 << "Intrusion at Xinxiang Road";
        PushMessage place = cam;
        place.alarmCameraId.clear();
        place.alarmKind = QStringLiteral("sos");
        place.alarmPriority = 0; // not given: by kind
        place.alarmMessageEn.clear();
        place.alarmMessage = QStringLiteral("村民一键报警");
        place.alarmLongitude = 113.9;
        place.alarmLatitude = 35.3;
        QTest::newRow("place, no priority, English missing")
            << place << QString() << false << true << "sos" << QString() << 113.9 << 35.3 << 5
            << "村民一键报警";
        PushMessage gcj = place;
        gcj.alarmDatum = vigil::backend::Datum::Gcj02;
        const vigil::map::GeoPoint wgs = vigil::map::gcj02ToWgs84({35.3, 113.9});
        QTest::newRow("place in GCJ-02") << gcj << QString() << true << true << "sos" << QString() << wgs.lon
                                         << wgs.lat << 5 << "村民一键报警";
        PushMessage bare;
        bare.type = PushMessage::Type::Alarm;
        bare.alarmId = QStringLiteral(" 42 ");
        bare.alarmPriority = 9; // out of range: by kind
        QTest::newRow("bare: kind and text missing")
            << bare << QString() << true << true << "alarm" << QString() << none << none << 3 << QString();
        PushMessage motion = bare;
        motion.alarmKind = QStringLiteral("motion");
        motion.alarmLongitude = 113.9; // half a position is none
        QTest::newRow("motion, half a position")
            << motion << QString() << true << true << "motion" << QString() << none << none << 2 << QString();
        PushMessage noId = cam;
        noId.alarmId = QStringLiteral("  ");
        QTest::newRow("no id") << noId << QString() << true << false << QString() << QString() << none << none
                               << 0 << QString();
        PushMessage units;
        units.type = PushMessage::Type::Units;
        QTest::newRow("not an alarm") << units << QString() << true << false << QString() << QString() << none
                                      << none << 0 << QString();
    }

    void alarmFromPush()
    {
        QFETCH(vigil::backend::PushMessage, message);
        QFETCH(QString, prefix);
        QFETCH(bool, chinese);
        QFETCH(bool, raised);
        PlatformAlarmOptions options;
        options.cameraIdPrefix = prefix;
        options.chinese = chinese;
        const std::optional<Alarm> a = vigil::alarms::alarmFromPush(message, options);
        QCOMPARE(a.has_value(), raised);
        if (!a)
            return;
        QFETCH(QString, type);
        QFETCH(QString, cameraId);
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(int, priority);
        QFETCH(QString, text);
        QCOMPARE(a->source, QStringLiteral("platform"));
        QCOMPARE(a->externalId, message.alarmId.trimmed());
        QCOMPARE(a->type, type);
        QCOMPARE(a->cameraId, cameraId);
        QCOMPARE(a->hasPosition(), !qIsNaN(lon));
        if (a->hasPosition()) {
            QVERIFY(qAbs(*a->lon - lon) < 1e-9);
            QVERIFY(qAbs(*a->lat - lat) < 1e-9);
        }
        QCOMPARE(a->priority, priority);
        QCOMPARE(a->text, text);
        QCOMPARE(a->state, Alarm::State::New);
        QCOMPARE(a->time, message.alarmTime.isValid() ? message.alarmTime.toUTC() : QDateTime());
        if (a->time.isValid())
            QCOMPARE(a->time.timeSpec(), Qt::UTC);
    }

    void matches_data()
    {
        QTest::addColumn<AlarmRule>("rule");
        QTest::addColumn<Alarm>("alarm");
        QTest::addColumn<bool>("expected");
        const Alarm intrusion = alarm("intrusion", "host-1", "cam-a", "east", 3);
        QTest::newRow("any type, anywhere") << rule("", {}, {}, {}, 1) << intrusion << true;
        QTest::newRow("star type") << rule("*", {}, {}, {}, 1) << intrusion << true;
        QTest::newRow("same type") << rule("intrusion", {}, {}, {}, 1) << intrusion << true;
        QTest::newRow("type case-insensitive") << rule("Intrusion", {}, {}, {}, 1) << intrusion << true;
        QTest::newRow("other type") << rule("fire", {}, {}, {}, 1) << intrusion << false;
        QTest::newRow("source in set") << rule("", {"host-2", "host-1"}, {}, {}, 1) << intrusion << true;
        QTest::newRow("source not in set") << rule("", {"host-2"}, {}, {}, 1) << intrusion << false;
        QTest::newRow("camera in set") << rule("", {}, {"cam-a"}, {}, 1) << intrusion << true;
        QTest::newRow("camera not in set") << rule("", {}, {"cam-b"}, {}, 1) << intrusion << false;
        QTest::newRow("zone in set") << rule("", {}, {}, {"east"}, 1) << intrusion << true;
        QTest::newRow("zone not in set") << rule("", {}, {}, {"west"}, 1) << intrusion << false;
        QTest::newRow("camera or zone: zone") << rule("", {}, {"cam-b"}, {"east"}, 1) << intrusion << true;
        QTest::newRow("camera or zone: neither")
            << rule("", {}, {"cam-b"}, {"west"}, 1) << intrusion << false;
        QTest::newRow("position alarm, camera set")
            << rule("", {}, {"cam-a"}, {}, 1) << alarm("intrusion", "host-1", "", "", 3) << false;
        QTest::newRow("priority equal") << rule("", {}, {}, {}, 3) << intrusion << true;
        QTest::newRow("priority below") << rule("", {}, {}, {}, 4) << intrusion << false;
        QTest::newRow("priority above") << rule("", {}, {}, {}, 2) << intrusion << true;
        QTest::newRow("all conditions")
            << rule("intrusion", {"host-1"}, {"cam-a"}, {}, 3) << intrusion << true;
        QTest::newRow("all but the source")
            << rule("intrusion", {"host-9"}, {"cam-a"}, {}, 3) << intrusion << false;
        AlarmRule off = rule("", {}, {}, {}, 1);
        off.enabled = false;
        QTest::newRow("disabled") << off << intrusion << false;
    }

    void matches()
    {
        QFETCH(AlarmRule, rule);
        QFETCH(Alarm, alarm);
        QFETCH(bool, expected);
        QCOMPARE(ruleMatches(rule, alarm), expected);
    }

    void actions_data()
    {
        QTest::addColumn<QList<AlarmRule>>("rules");
        QTest::addColumn<Alarm>("alarm");
        QTest::addColumn<QList<RuleAction>>("expected");
        const Alarm atCamera = alarm("intrusion", "host-1", "cam-a", "", 4);
        Alarm atPosition = alarm("intrusion", "host-1", "", "", 4);
        atPosition.lon = 119.96;
        atPosition.lat = 30.54;

        QTest::newRow("no rules") << QList<AlarmRule>{} << atCamera << QList<RuleAction>{};
        QTest::newRow("one scene") << QList<AlarmRule>{rule("intrusion", {}, {}, {}, 1, {scene("Gate")})}
                                   << atCamera << QList<RuleAction>{scene("Gate")};
        QTest::newRow("not matching") << QList<AlarmRule>{rule("fire", {}, {}, {}, 1, {scene("Gate")})}
                                      << atCamera << QList<RuleAction>{};
        QTest::newRow("rule order kept")
            << QList<AlarmRule>{rule("", {}, {}, {}, 1, {scene("A")}),
                                rule("intrusion", {}, {}, {}, 1, {ptz("ptz-1", "3"), scene("B")})}
            << atCamera << QList<RuleAction>{scene("A"), ptz("ptz-1", "3"), scene("B")};
        QTest::newRow("repeats dropped")
            << QList<AlarmRule>{rule("", {}, {}, {}, 1, {scene("A")}), rule("", {}, {}, {}, 1, {scene("A")})}
            << atCamera << QList<RuleAction>{scene("A")};
        QTest::newRow("the alarm's camera filled in")
            << QList<AlarmRule>{rule("", {}, {}, {}, 1, {show({}, "screen-2", 3), record({}, 5, 10)})}
            << atCamera << QList<RuleAction>{show({"cam-a"}, "screen-2", 3), record({"cam-a"}, 5, 10)};
        QTest::newRow("named cameras kept")
            << QList<AlarmRule>{rule("", {}, {}, {}, 1, {show({"cam-b", "cam-c"}, "", 0)})} << atCamera
            << QList<RuleAction>{show({"cam-b", "cam-c"}, "", 0)};
        QTest::newRow("no camera for a position alarm")
            << QList<AlarmRule>{rule("", {}, {}, {}, 1, {show({}), record({}, 5, 0), scene("Map")})}
            << atPosition << QList<RuleAction>{scene("Map")};
        QTest::newRow("priority gate") << QList<AlarmRule>{rule("", {}, {}, {}, 5, {scene("Urgent")}),
                                                           rule("", {}, {}, {}, 1, {scene("All")})}
                                       << atCamera << QList<RuleAction>{scene("All")};
    }

    void actions()
    {
        QFETCH(QList<AlarmRule>, rules);
        QFETCH(Alarm, alarm);
        QFETCH(QList<RuleAction>, expected);
        const QList<RuleAction> got = actionsForAlarm(rules, alarm);
        QCOMPARE(got.size(), expected.size());
        QVERIFY(got == expected);
    }

    void jsonRoundTrip()
    {
        AlarmRule r =
            rule("intrusion", {"host-1"}, {"cam-a"}, {"east"}, 2,
                 {scene("Gate"), show({"cam-b"}, "screen-2", 4), ptz("ptz-1", "3"), record({}, 10, 15)});
        r.name = QStringLiteral("Gate intrusion");
        AlarmRule any = rule("", {}, {}, {}, 1, {scene("All")});
        any.name = QStringLiteral("Everything");
        any.enabled = false;
        QString error;
        const QList<AlarmRule> back = rulesFromJson(rulesToJson({r, any}), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(back.size(), 2);
        QVERIFY(back.at(0) == r);
        QVERIFY(back.at(1) == any);
    }

    void jsonRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{") << "not valid JSON";
        QTest::newRow("no rules list") << QByteArray("{\"version\":1}") << "no \"rules\" list";
        QTest::newRow("no actions") << QByteArray(R"({"rules":[{"name":"x","actions":[]}]})")
                                    << "at least one";
        QTest::newRow("unknown action")
            << QByteArray(R"({"rules":[{"name":"x","actions":[{"do":"explode"}]}]})") << "Unknown action";
        QTest::newRow("scene without name")
            << QByteArray(R"({"rules":[{"name":"x","actions":[{"do":"recall-scene"}]}]})")
            << "needs a \"scene\"";
        QTest::newRow("priority 6")
            << QByteArray(R"({"rules":[{"minPriority":6,"actions":[{"do":"recall-scene","scene":"S"}]}]})")
            << "minPriority";
        QTest::newRow("tile 0") << QByteArray(
                                       R"({"rules":[{"actions":[{"do":"show-cameras","startTile":0}]}]})")
                                << "startTile";
        QTest::newRow("ptz without preset")
            << QByteArray(R"({"rules":[{"actions":[{"do":"ptz-preset","camera":"p"}]}]})") << "preset";
        QTest::newRow("record 0 minutes")
            << QByteArray(R"({"rules":[{"actions":[{"do":"record","minutes":0}]}]})") << "minutes";
        QTest::newRow("cameras not a list")
            << QByteArray(R"({"rules":[{"cameras":"cam-a","actions":[{"do":"recall-scene","scene":"S"}]}]})")
            << "lists of names";
    }

    void jsonRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(rulesFromJson(json, &error).isEmpty());
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void file()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("alarm_rules.json"));
        QVERIFY(loadRules(path).rules.isEmpty());
        QVERIFY(loadRules(path).notice.isEmpty()); // no file yet: no rules, nothing wrong

        const QList<AlarmRule> rules{rule("fire", {}, {}, {}, 1, {scene("Fire")})};
        QString error;
        QVERIFY2(saveRules(path, rules, &error), qPrintable(error));
        QVERIFY(loadRules(path).rules == rules);

        // A second save keeps the first as the backup; a damaged main file is kept aside and the backup used.
        const QList<AlarmRule> more{rule("fire", {}, {}, {}, 1, {scene("Fire")}), rule("", {}, {}, {}, 5)};
        QVERIFY(saveRules(path, more, &error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{ damaged");
        f.close();
        const LoadedRules loaded = loadRules(path);
        QVERIFY(loaded.rules == rules);
        QVERIFY2(loaded.notice.contains(QLatin1String("damaged")), qPrintable(loaded.notice));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("alarm_rules.json.corrupt-*")}).size(), 1);
    }

    void executor()
    {
        AlarmActionExecutor executor;
        QStringList recalled;
        QList<std::tuple<QString, int, QStringList>> shown;
        executor.setHooks({[&](const QString &s) {
                               recalled.append(s);
                               return s != QLatin1String("Missing");
                           },
                           [&](const QString &screen, int tile, const QStringList &cams) {
                               shown.append({screen, tile, cams});
                               return int(cams.size());
                           }});
        QSignalSpy ptzSpy(&executor, &AlarmActionExecutor::ptzPresetRequested);
        QSignalSpy recordSpy(&executor, &AlarmActionExecutor::recordRequested);
        const Alarm a = alarm("intrusion", "host-1", "cam-a", "", 3);
        const QStringList done =
            executor.execute({scene("Gate"), scene("Missing"), show({"cam-a", "cam-b"}, "screen-2", 2),
                              ptz("ptz-1", "3"), record({"cam-a"}, 5, 10)},
                             a);
        QCOMPARE(recalled, (QStringList{"Gate", "Missing"}));
        QCOMPARE(shown.size(), 1);
        QCOMPARE(std::get<0>(shown.at(0)), QStringLiteral("screen-2"));
        QCOMPARE(std::get<1>(shown.at(0)), 2);
        QCOMPARE(std::get<2>(shown.at(0)), (QStringList{"cam-a", "cam-b"}));
        QCOMPARE(ptzSpy.count(), 1);
        QCOMPARE(ptzSpy.at(0).at(0).toString(), QStringLiteral("ptz-1"));
        QCOMPARE(ptzSpy.at(0).at(1).toString(), QStringLiteral("3"));
        QCOMPARE(recordSpy.count(), 1);
        QCOMPARE(recordSpy.at(0).at(1).toInt(), 5);
        QCOMPARE(recordSpy.at(0).at(2).toInt(), 10);
        QCOMPARE(done.size(), 5);
        QVERIFY2(done.at(1).contains(QLatin1String("no scene of that name")), qPrintable(done.at(1)));
    }
};

QTEST_GUILESS_MAIN(TestAlarmRules)
#include "tst_alarm_rules.moc"
