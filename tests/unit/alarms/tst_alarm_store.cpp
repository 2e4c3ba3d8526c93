// AlarmStore: alarms written to a real SQLite file on the store's worker, the list model mirroring it, the
// operator's steps persisted across reopening, refused steps, a damaged file moved aside, and the filter
// model. The pure state rules (canMove, moved) are tested as a table.
#include "vigil/alarms/alarm_database.h"
#include "vigil/alarms/alarm_filter_model.h"
#include "vigil/alarms/alarm_store.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace vigil::alarms;
using State = Alarm::State;

namespace {

Alarm make(const QString &type, const QString &source, int priority)
{
    Alarm a;
    a.type = type;
    a.source = source;
    a.cameraId = QStringLiteral("cam-a");
    a.priority = priority;
    a.text = QStringLiteral("zone 3 door");
    a.time = QDateTime(QDate(2026, 12, 6), QTime(21, 59, 58, 250), Qt::UTC);
    return a;
}

// Adds and waits for the store's answer; returns the id.
qint64 addAndWait(AlarmStore &store, const Alarm &a)
{
    qint64 id = -1;
    store.add(a, [&id](qint64 stored, const QString &) { id = stored; });
    if (!QTest::qWaitFor([&id] { return id != -1; }, 5000))
        return -1;
    return id;
}

qint64 rowsInFile(const QString &path)
{
    AlarmDatabase db;
    return db.open(path) ? db.count() : -1;
}

} // namespace

Q_DECLARE_METATYPE(State)

class TestAlarmStore : public QObject
{
    Q_OBJECT

private slots:
    void moves_data()
    {
        QTest::addColumn<State>("from");
        QTest::addColumn<State>("to");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("new -> acknowledged") << State::New << State::Acknowledged << true;
        QTest::newRow("new -> handled") << State::New << State::Handled << true;
        QTest::newRow("new -> false alarm") << State::New << State::FalseAlarm << true;
        QTest::newRow("new -> new") << State::New << State::New << false;
        QTest::newRow("acknowledged -> handled") << State::Acknowledged << State::Handled << true;
        QTest::newRow("acknowledged -> false alarm") << State::Acknowledged << State::FalseAlarm << true;
        QTest::newRow("acknowledged -> acknowledged") << State::Acknowledged << State::Acknowledged << false;
        QTest::newRow("acknowledged -> new") << State::Acknowledged << State::New << false;
        QTest::newRow("handled -> acknowledged") << State::Handled << State::Acknowledged << false;
        QTest::newRow("handled -> false alarm") << State::Handled << State::FalseAlarm << false;
        QTest::newRow("false alarm -> handled") << State::FalseAlarm << State::Handled << false;
    }

    void moves()
    {
        QFETCH(State, from);
        QFETCH(State, to);
        QFETCH(bool, allowed);
        QCOMPARE(canMove(from, to), allowed);
        Alarm a = make("intrusion", "host-1", 3);
        a.state = from;
        const QDateTime at(QDate(2026, 12, 6), QTime(22, 1), Qt::UTC);
        const auto next = moved(a, to, QStringLiteral("checked"), QStringLiteral("li"), at);
        QCOMPARE(next.has_value(), allowed);
        if (next) {
            QCOMPARE(next->state, to);
            QVERIFY(next->notes.endsWith(QLatin1String("li: checked")));
            QVERIFY(next->acknowledgedAt.isValid());
            QCOMPARE(next->closedAt.isValid(), to != State::Acknowledged);
        }
    }

    void persistsAcrossReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/alarms.db"));
        qint64 first = 0, second = 0;
        {
            AlarmStore store(path);
            QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QTRY_VERIFY_WITH_TIMEOUT(store.ready(), 5000);
            QCOMPARE(store.count(), 0);
            QVERIFY(store.notice().isEmpty());
            store.setOperatorName(QStringLiteral("li"));
            QSignalSpy added(&store, &AlarmStore::alarmAdded);
            first = addAndWait(store, make("intrusion", "host-1", 4));
            second = addAndWait(store, make("fire", "host-2", 5));
            QVERIFY(first > 0 && second > first);
            QCOMPARE(added.count(), 2);
            QCOMPARE(store.count(), 2);
            QCOMPARE(store.newCount(), 2);
            QCOMPARE(store.data(store.index(0), AlarmStore::IdRole).toLongLong(), second); // newest first

            QSignalSpy changed(&store, &AlarmStore::alarmChanged);
            QVERIFY(store.acknowledge(first, QStringLiteral("on my way")));
            QVERIFY(changed.wait(5000));
            QCOMPARE(store.data(store.index(1), AlarmStore::StateRole).toString(),
                     QStringLiteral("acknowledged"));
            QVERIFY(store.markFalseAlarm(first, QStringLiteral("a cat")));
            QVERIFY(changed.wait(5000));
            // A closed alarm cannot be acknowledged again; an unknown id is refused.
            QVERIFY(!store.acknowledge(first));
            QVERIFY(!store.acknowledge(9999));
            QCOMPARE(store.newCount(), 1);
        }
        QCOMPARE(rowsInFile(path), 2);
        AlarmStore again(path);
        QTRY_VERIFY_WITH_TIMEOUT(again.ready(), 5000);
        QCOMPARE(again.count(), 2);
        const auto a = again.alarm(first);
        QVERIFY(a.has_value());
        QCOMPARE(a->state, State::FalseAlarm);
        QCOMPARE(a->type, QStringLiteral("intrusion"));
        QCOMPARE(a->source, QStringLiteral("host-1"));
        QCOMPARE(a->cameraId, QStringLiteral("cam-a"));
        QCOMPARE(a->priority, 4);
        QCOMPARE(a->text, QStringLiteral("zone 3 door"));
        QCOMPARE(a->time, QDateTime(QDate(2026, 12, 6), QTime(21, 59, 58, 250), Qt::UTC));
        QCOMPARE(a->acknowledgedBy, QStringLiteral("li"));
        QCOMPARE(a->closedBy, QStringLiteral("li"));
        QVERIFY(a->acknowledgedAt.isValid() && a->closedAt.isValid());
        QVERIFY2(a->notes.contains(QLatin1String("li: on my way")) &&
                     a->notes.contains(QLatin1String("li: a cat")),
                 qPrintable(a->notes));
        QCOMPARE(again.alarm(second)->state, State::New);
    }

    void positionKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alarms.db"));
        Alarm a = make("panic", "110", 5);
        a.cameraId.clear();
        a.lon = 119.961234;
        a.lat = 30.541234;
        qint64 id = 0;
        {
            AlarmStore store(path);
            id = addAndWait(store, a);
            QVERIFY(id > 0);
        }
        AlarmStore again(path);
        QTRY_VERIFY_WITH_TIMEOUT(again.ready(), 5000);
        const auto back = again.alarm(id);
        QVERIFY(back && back->hasPosition());
        QCOMPARE(*back->lon, 119.961234);
        QCOMPARE(*back->lat, 30.541234);
        QVERIFY(back->cameraId.isEmpty());
    }

    // One alarm per (source, externalId): the same platform alarm added twice (pushed again after a
    // reconnect) is one row in the file and the model, the second add answers the first's id; another
    // source or no external id is a new alarm.
    void externalIdStoredOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alarms.db"));
        AlarmStore store(path);
        QTRY_VERIFY_WITH_TIMEOUT(store.ready(), 5000);
        QSignalSpy added(&store, &AlarmStore::alarmAdded);
        Alarm a = make("intrusion", "platform", 4);
        a.externalId = QStringLiteral("demo-1-7");
        const qint64 first = addAndWait(store, a);
        QVERIFY(first > 0);
        QCOMPARE(addAndWait(store, a), first);
        QCOMPARE(store.count(), 1);
        QCOMPARE(added.size(), 1);
        QCOMPARE(store.duplicates(), 1);
        QCOMPARE(store.alarm(first)->externalId, QStringLiteral("demo-1-7"));
        Alarm other = a;
        other.source = QStringLiteral("platform:county");
        QVERIFY(addAndWait(store, other) > first);
        Alarm plain = make("motion", "platform", 2);
        QVERIFY(addAndWait(store, plain) > 0);
        QVERIFY(addAndWait(store, plain) > 0); // no external id: every add is an alarm
        QCOMPARE(store.count(), 4);
        QCOMPARE(rowsInFile(path), 4);
    }

    // A file of schema 1 (no external_id) keeps its alarms and gains the column.
    void schemaOneFileMigrated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alarms.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE alarms (id INTEGER PRIMARY KEY AUTOINCREMENT, source "
                                          "TEXT NOT NULL, type TEXT NOT "
                                          "NULL, camera_id TEXT, zone TEXT, lon REAL, lat REAL, time TEXT "
                                          "NOT NULL, priority INTEGER NOT "
                                          "NULL, text TEXT, state TEXT NOT NULL, notes TEXT, acknowledged_at "
                                          "TEXT, acknowledged_by TEXT, "
                                          "closed_at TEXT, closed_by TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO alarms (source, type, time, priority, state) VALUES "
                                          "('onvif', 'motion', '2026-12-01T10:00:00.000Z', 2, 'handled')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        AlarmStore store(path);
        QTRY_VERIFY_WITH_TIMEOUT(store.ready(), 5000);
        QVERIFY2(store.notice().isEmpty(), qPrintable(store.notice())); // not taken for a damaged file
        QCOMPARE(store.count(), 1);
        QCOMPARE(store.alarms().first().state, State::Handled);
        Alarm a = make("sos", "platform", 5);
        a.externalId = QStringLiteral("x1");
        const qint64 id = addAndWait(store, a);
        QVERIFY(id > 1);
        QCOMPARE(addAndWait(store, a), id);
        QCOMPARE(rowsInFile(path), 2);
    }

    // Schema 3: an older file gains the pending_acks table (its alarms kept); pending acknowledgements are
    // one per (source, id), replaced when kept again, per source, oldest first, and survive a reopen.
    void pendingAcksTable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alarms.db"));
        {
            AlarmStore store(path); // schema 3 from scratch, then made to look like schema 2
            QTRY_VERIFY_WITH_TIMEOUT(store.ready(), 5000);
            QVERIFY(addAndWait(store, make("motion", "onvif", 2)) > 0);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE pending_acks")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));
        {
            vigil::alarms::AlarmDatabase db;
            QVERIFY2(db.open(path), qPrintable(db.error()));
            QVERIFY2(db.notice().isEmpty(), qPrintable(db.notice())); // migrated, not moved aside
            QCOMPARE(db.count(), 1);
            const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-12-07T10:00:00Z"), Qt::ISODate);
            QVERIFY(db.addPendingAck({QStringLiteral("platform:s-1"), QStringLiteral("A2"),
                                      QStringLiteral("n2"), t0.addSecs(60)}));
            QVERIFY(db.addPendingAck(
                {QStringLiteral("platform:s-1"), QStringLiteral("A1"), QStringLiteral("n1"), t0}));
            QVERIFY(db.addPendingAck(
                {QStringLiteral("platform:s-2"), QStringLiteral("A1"), QStringLiteral("x"), t0}));
            QVERIFY(db.addPendingAck(
                {QStringLiteral("platform:s-1"), QStringLiteral("A1"), QStringLiteral("n1b"), t0}));
        }
        vigil::alarms::AlarmDatabase db;
        QVERIFY(db.open(path));
        const QList<vigil::alarms::PendingAck> one = db.pendingAcks(QStringLiteral("platform:s-1"));
        QCOMPARE(one.size(), 2);
        QCOMPARE(one.at(0).externalId, QStringLiteral("A1"));
        QCOMPARE(one.at(0).note, QStringLiteral("n1b"));
        QCOMPARE(one.at(1).externalId, QStringLiteral("A2"));
        QCOMPARE(one.at(1).queuedAt.toUTC(),
                 QDateTime::fromString(QStringLiteral("2026-12-07T10:01:00Z"), Qt::ISODate).toUTC());
        QVERIFY(db.removePendingAck(QStringLiteral("platform:s-1"), QStringLiteral("A1")));
        QCOMPARE(db.pendingAcks(QStringLiteral("platform:s-1")).size(), 1);
        QCOMPARE(db.pendingAcks(QStringLiteral("platform:s-2")).size(), 1);
        QVERIFY(db.pendingAcks(QStringLiteral("platform")).isEmpty());
    }

    void damagedFileMovedAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alarms.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x')); // not SQLite
        f.close();
        AlarmStore store(path);
        QTRY_VERIFY_WITH_TIMEOUT(store.ready(), 5000);
        QVERIFY2(store.notice().contains(QLatin1String("damaged")), qPrintable(store.notice()));
        QVERIFY(store.lastError().isEmpty());
        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("alarms.db.corrupt-*")});
        QCOMPARE(kept.size(), 1);
        QCOMPARE(QFile(dir.filePath(kept.first())).size(), 4096); // nothing lost
        QVERIFY(addAndWait(store, make("intrusion", "host-1", 3)) > 0);
        QCOMPARE(rowsInFile(path), 1);
    }

    void filters()
    {
        QTemporaryDir dir;
        AlarmStore store(dir.filePath(QStringLiteral("alarms.db")));
        AlarmFilterModel filter;
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&store);
        const qint64 a = addAndWait(store, make("intrusion", "alarm-host-1", 2));
        addAndWait(store, make("fire", "alarm-host-2", 5));
        addAndWait(store, make("motion", "onvif", 3));
        QCOMPARE(filter.count(), 3);
        filter.setMinPriority(3);
        QCOMPARE(filter.count(), 2);
        filter.setSourceFilter(QStringLiteral("HOST"));
        QCOMPARE(filter.count(), 1);
        filter.setMinPriority(1);
        QCOMPARE(filter.count(), 2);
        QSignalSpy changed(&store, &AlarmStore::alarmChanged);
        QVERIFY(store.markHandled(a, {}));
        QVERIFY(changed.wait(5000));
        filter.setStateFilter(QStringLiteral("open"));
        QCOMPARE(filter.count(), 1);
        filter.setStateFilter(QStringLiteral("handled"));
        QCOMPARE(filter.count(), 1);
        QCOMPARE(filter.data(filter.index(0, 0), AlarmStore::IdRole).toLongLong(), a);
        filter.setSourceFilter({});
        filter.setStateFilter({});
        QCOMPARE(filter.count(), 3);
    }
};

QTEST_GUILESS_MAIN(TestAlarmStore)
#include "tst_alarm_store.moc"
