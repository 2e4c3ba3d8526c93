// The alarm side of dispatch: AlarmCenter::recordDispatch() notes "Dispatched <unit>" on the alarm under the
// operator's name and the time, in the real SQLite file, so it survives a restart; a step right after it
// (Acknowledge before the note is stored) keeps the note; placeOf() gives the alarm's own lon/lat, else its
// camera's position from the directory, else nothing.
#include "vigil/alarms/alarm_center.h"
#include "vigil/cameras/camera_directory.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil;
using namespace vigil::alarms;

namespace {

qint64 raiseAndWait(AlarmCenter &center, const Alarm &a)
{
    qint64 id = -1;
    center.raise(a, [&id](qint64 stored, const QString &) { id = stored; });
    if (!QTest::qWaitFor([&id] { return id != -1; }, 5000))
        return -1;
    return id;
}

Alarm make(const QString &camera, std::optional<double> lat = {}, std::optional<double> lon = {})
{
    Alarm a;
    a.source = QStringLiteral("webhook:test");
    a.type = QStringLiteral("intrusion");
    a.cameraId = camera;
    a.lat = lat;
    a.lon = lon;
    a.priority = 4;
    a.time = QDateTime::currentDateTimeUtc();
    return a;
}

} // namespace

class TestAlarmDispatch : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_dir.path().toUtf8()); // the directory's camera file goes here
    }

    void dispatchNoteSurvivesRestart()
    {
        const QString db = m_dir.filePath(QStringLiteral("alarms.db"));
        const QString rules = m_dir.filePath(QStringLiteral("alarm_rules.json"));
        qint64 id = 0;
        {
            AlarmCenter center(db, rules);
            QTRY_VERIFY_WITH_TIMEOUT(center.store()->ready(), 5000);
            center.store()->setOperatorName(QStringLiteral("wang"));
            id = raiseAndWait(center, make({}, 30.5, 120.0));
            QVERIFY(id > 0);
            QSignalSpy changed(center.store(), &AlarmStore::alarmChanged);
            QVERIFY(center.recordDispatch(id, QStringLiteral("Patrol 7")));
            // Acknowledge at once, before the note is stored: it must build on the note, not overwrite it.
            QVERIFY(center.acknowledge(id, QStringLiteral("seen")));
            QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 5000);
            const Alarm now = *center.store()->alarm(id);
            QCOMPARE(now.state, Alarm::State::Acknowledged);
            QVERIFY2(now.notes.contains(QLatin1String("wang: Dispatched Patrol 7")), qPrintable(now.notes));
            QVERIFY2(now.notes.contains(QLatin1String("wang: seen")), qPrintable(now.notes));
            QCOMPARE(center.summaryOf(id).value(QStringLiteral("notes")).toString(), now.notes);
            // Refused: an unknown alarm, no call sign.
            QVERIFY(!center.recordDispatch(9999, QStringLiteral("Patrol 7")));
            QVERIFY(!center.recordDispatch(id, QStringLiteral("  ")));
        }
        AlarmCenter again(db, rules);
        QTRY_VERIFY_WITH_TIMEOUT(again.store()->ready(), 5000);
        const std::optional<Alarm> stored = again.store()->alarm(id);
        QVERIFY(stored.has_value());
        const QStringList lines = stored->notes.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        // "2026-12-07T01:52:10Z wang: Dispatched Patrol 7": when, who, which unit.
        QVERIFY2(QDateTime::fromString(lines[0].section(QLatin1Char(' '), 0, 0), Qt::ISODate).isValid(),
                 qPrintable(lines[0]));
        QVERIFY2(lines[0].endsWith(QLatin1String(" wang: Dispatched Patrol 7")), qPrintable(lines[0]));
        QCOMPARE(stored->state, Alarm::State::Acknowledged);
    }

    void placeOf()
    {
        cameras::CameraDirectory directory(nullptr);
        cameras::Camera cam;
        cam.id = QStringLiteral("cam-a");
        cam.name = QStringLiteral("Gate");
        cam.position = cameras::CameraPosition{30.54, 119.96, 0, 0};
        cameras::Camera blind;
        blind.id = QStringLiteral("cam-b");
        blind.name = QStringLiteral("No position");
        directory.setDemoCameras({cam, blind});

        AlarmCenter center(m_dir.filePath(QStringLiteral("place.db")),
                           m_dir.filePath(QStringLiteral("r.json")));
        center.setCameraDirectory(&directory);
        QTRY_VERIFY_WITH_TIMEOUT(center.store()->ready(), 5000);
        const qint64 own = raiseAndWait(center, make(QStringLiteral("cam-a"), 30.6, 120.1)); // own place wins
        const qint64 atCamera = raiseAndWait(center, make(QStringLiteral("cam-a")));
        const qint64 blindCamera = raiseAndWait(center, make(QStringLiteral("cam-b")));
        const qint64 nowhere = raiseAndWait(center, make({}));
        QVERIFY(own > 0 && atCamera > 0 && blindCamera > 0 && nowhere > 0);

        QVariantMap p = center.placeOf(own);
        QVERIFY(p.value(QStringLiteral("valid")).toBool());
        QCOMPARE(p.value(QStringLiteral("latitude")).toDouble(), 30.6);
        QCOMPARE(p.value(QStringLiteral("longitude")).toDouble(), 120.1);
        p = center.placeOf(atCamera);
        QVERIFY(p.value(QStringLiteral("valid")).toBool());
        QCOMPARE(p.value(QStringLiteral("latitude")).toDouble(), 30.54);
        QCOMPARE(p.value(QStringLiteral("longitude")).toDouble(), 119.96);
        QVERIFY(!center.placeOf(blindCamera).value(QStringLiteral("valid")).toBool());
        QVERIFY(!center.placeOf(nowhere).value(QStringLiteral("valid")).toBool());
        QVERIFY(!center.placeOf(12345).value(QStringLiteral("valid")).toBool());
        QVERIFY(!center.summaryOf(12345).value(QStringLiteral("found")).toBool());
        QCOMPARE(center.summaryOf(atCamera).value(QStringLiteral("state")).toString(), QStringLiteral("new"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestAlarmDispatch)
#include "tst_alarm_dispatch.moc"
