// TrackHistory on real SQLite files: append/fetch round trip and reopening, batched writes (waited for on
// the counter), playback reading the past from the file after a "restart" (a new store with empty rings),
// retention by age and by size (the oldest first), a writer process killed with SIGKILL (every fix it had
// reported committed is in the reopened file, which passes integrity_check), and a damaged file moved aside.
#include "vigil/map/track_history.h"
#include "vigil/map/track_player.h"
#include "vigil/map/track_store.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::map;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000; // some UTC instant in 2026

// The tests' fixes are from 2026 or 1970: retention at open (30 days behind the clock) must keep them.
TrackHistoryOptions keepAll()
{
    TrackHistoryOptions o;
    o.maxAgeMs = 1LL << 60;
    return o;
}

TrackFix fixAt(qint64 t, int i)
{
    return TrackFix::make(t, {30.5 + i * 1e-5, 120.1 + i * 2e-5}, (i * 7) % 360, (i % 30) * 1.5);
}

// The file as another reader sees it (its own connection, as after a restart).
class Reader
{
public:
    explicit Reader(const QString &path)
        : m_name(QStringLiteral("reader-%1").arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~Reader()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql) || !q.next())
            return QStringLiteral("error: %1").arg(q.lastError().text());
        return q.value(0);
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_ok = false;
};

QList<TrackFix> fetchNow(TrackHistory &h, const QString &unit, qint64 from, qint64 to,
                         QString *error = nullptr)
{
    QList<TrackFix> out;
    bool done = false;
    QObject context;
    h.fetch(unit, from, to, &context, [&](const QList<TrackFix> &fixes, const QString &e) {
        out = fixes;
        if (error)
            *error = e;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning("fetch did not answer");
    return out;
}

} // namespace

class TstTrackHistory : public QObject
{
    Q_OBJECT

private slots:
    void appendFetchRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tracks.db"));
        QList<TrackFix> a, b;
        for (int i = 0; i < 300; ++i)
            a.append(fixAt(kT0 + i * 1000, i));
        for (int i = 0; i < 120; ++i)
            b.append(fixAt(kT0 + i * 2000 + 500, i + 1000));
        {
            TrackHistory h(path, keepAll());
            h.append(QStringLiteral("car-1"), a);
            for (const TrackFix &f : b)
                h.append(QStringLiteral("巡逻-2"), f);
            QCOMPARE(fetchNow(h, QStringLiteral("car-1"), kT0, kT0 + 299'000), a);
            QCOMPARE(fetchNow(h, QStringLiteral("car-1"), kT0 + 10'000, kT0 + 20'000), a.mid(10, 11));
            QCOMPARE(fetchNow(h, QStringLiteral("巡逻-2"), 0, std::numeric_limits<qint64>::max()), b);
            QVERIFY(fetchNow(h, QStringLiteral("nobody"), 0, kT0 * 2).isEmpty());
            // Same unit and time: the newer fix replaces the stored one.
            TrackFix moved = a[5];
            moved.latE7 += 100;
            h.append(QStringLiteral("car-1"), moved);
            QCOMPARE(fetchNow(h, QStringLiteral("car-1"), a[5].timeMs, a[5].timeMs), QList<TrackFix>{moved});
            a[5] = moved;
            QVERIFY(h.lastError().isEmpty());
            QVERIFY(h.notice().isEmpty());
        }
        // Reopened: everything is still there.
        TrackHistory again(path, keepAll());
        QCOMPARE(fetchNow(again, QStringLiteral("car-1"), 0, kT0 * 2), a);
        QCOMPARE(fetchNow(again, QStringLiteral("巡逻-2"), 0, kT0 * 2), b);
        // removeUnit forgets the unit, in order with the appends around it.
        again.removeUnit(QStringLiteral("car-1"));
        again.append(QStringLiteral("car-1"), a.last());
        QCOMPARE(fetchNow(again, QStringLiteral("car-1"), 0, kT0 * 2), QList<TrackFix>{a.last()});
    }

    void batchedWritesLand()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tracks.db"));
        TrackHistory h(path, keepAll());
        QSignalSpy committed(&h, &TrackHistory::committed);
        constexpr int kUnits = 50, kSeconds = 200;
        for (int s = 0; s < kSeconds; ++s)
            for (int u = 0; u < kUnits; ++u)
                h.append(QStringLiteral("unit-%1").arg(u), fixAt(kT0 + s * 1000, s));
        QCOMPARE(h.appendedCount(), kUnits * kSeconds);
        QTRY_VERIFY_WITH_TIMEOUT(
            !committed.isEmpty() && committed.last().at(0).toLongLong() == qint64(kUnits * kSeconds), 20000);
        QCOMPARE(h.committedCount(), qint64(kUnits * kSeconds));
        // Batched: far fewer transactions than fixes.
        QVERIFY2(committed.size() < kUnits * kSeconds / 10, qPrintable(QString::number(committed.size())));
        Reader r(path);
        QVERIFY(r.ok());
        QCOMPARE(r.value(QStringLiteral("SELECT COUNT(*) FROM fixes")).toLongLong(),
                 qint64(kUnits * kSeconds));
        QCOMPARE(r.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(h.droppedCount(), 0);
    }

    // Playback after a restart: the rings are empty, the past comes from the file, new fixes join it.
    void playbackReadsHistoryAfterRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tracks.db"));
        QList<TrackFix> before;
        {
            TrackHistory h(path, keepAll());
            TrackStore store;
            store.setHistory(&h);
            for (int i = 0; i < 600; ++i) {
                before.append(fixAt(kT0 + i * 1000, i));
                QVERIFY(store.record(QStringLiteral("car-7"), before.last().timeMs, before.last().position(),
                                     before.last().headingDeg(), before.last().speedMps()));
            }
            QVERIFY(h.flush());
        }
        TrackHistory h(path, keepAll());
        TrackStore store; // a new process: nothing in memory
        store.setHistory(&h);
        TrackPlayer player;
        QSignalSpy loading(&player, &TrackPlayer::loadingChanged);
        player.setStore(&store);
        player.setUnitId(QStringLiteral("car-7"));
        QVERIFY(player.loading());
        QTRY_VERIFY(!player.loading());
        QCOMPARE(player.track(), before);
        QCOMPARE(player.startTime().toMSecsSinceEpoch(), kT0);
        // A live fix after the restart joins the replayed track.
        const TrackFix live = fixAt(kT0 + 700'000, 700);
        store.record(QStringLiteral("car-7"), live.timeMs, live.position(), live.headingDeg(),
                     live.speedMps());
        QCOMPARE(player.fixCount(), 601);
        QCOMPARE(player.track().last(), live);
        // A range inside the past only.
        player.setRange(QDateTime::fromMSecsSinceEpoch(kT0 + 100'000, Qt::UTC),
                        QDateTime::fromMSecsSinceEpoch(kT0 + 199'000, Qt::UTC));
        QTRY_VERIFY(!player.loading());
        QCOMPARE(player.track(), before.mid(100, 100));
    }

    void retentionByAge()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tracks.db"));
        TrackHistory h(path, keepAll());
        QSignalSpy retained(&h, &TrackHistory::retained);
        QTRY_COMPARE(retained.size(), 1); // the pass at open: nothing to do
        QCOMPARE(retained.at(0).at(0).toLongLong(), 0);
        constexpr qint64 kDay = 24LL * 3600 * 1000;
        const qint64 now = kT0 + 10 * kDay;
        for (int d = 0; d <= 10; ++d)
            for (int u = 0; u < 3; ++u)
                h.append(QStringLiteral("car-%1").arg(u), fixAt(kT0 + d * kDay, d));
        h.setRetention(4 * kDay + 1, 1LL << 40);
        h.applyRetention(now);
        QTRY_COMPARE(retained.size(), 2);
        QCOMPARE(retained.at(1).at(0).toLongLong(), 3 * 6); // days 0..5 are older than 4 days (+1 ms)
        const QList<TrackFix> left = fetchNow(h, QStringLiteral("car-1"), 0, now);
        QCOMPARE(left.size(), 5);
        QCOMPARE(left.first().timeMs, kT0 + 6 * kDay);
        QCOMPARE(left.last().timeMs, now);
    }

    void retentionBySizeOldestFirst()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tracks.db"));
        TrackHistory h(path, keepAll());
        QSignalSpy retained(&h, &TrackHistory::retained);
        QTRY_COMPARE(retained.size(), 1);
        constexpr int kUnits = 20, kSeconds = 2000;
        for (int s = 0; s < kSeconds; ++s)
            for (int u = 0; u < kUnits; ++u)
                h.append(QStringLiteral("unit-%1").arg(u), fixAt(kT0 + s * 1000, s + u));
        QVERIFY(h.flush(20000));
        Reader r(path);
        const auto used = [&r] {
            return (r.value(QStringLiteral("PRAGMA page_count")).toLongLong() -
                    r.value(QStringLiteral("PRAGMA freelist_count")).toLongLong()) *
                   r.value(QStringLiteral("PRAGMA page_size")).toLongLong();
        };
        const qint64 full = used();
        QVERIFY2(full > 1'000'000, qPrintable(QString::number(full)));
        const qint64 limit = full / 3;
        h.setRetention(1LL << 50, limit);
        h.applyRetention(kT0 + kSeconds * 1000);
        QTRY_COMPARE(retained.size(), 2);
        const qint64 deleted = retained.at(1).at(0).toLongLong();
        QVERIFY2(deleted > 0, "nothing was deleted");
        QVERIFY2(used() <= limit, qPrintable(QStringLiteral("%1 > %2").arg(used()).arg(limit)));
        // Oldest first: what is left is exactly every fix at or after the oldest one left.
        const qint64 count = r.value(QStringLiteral("SELECT COUNT(*) FROM fixes")).toLongLong();
        const qint64 oldest = r.value(QStringLiteral("SELECT MIN(t) FROM fixes")).toLongLong();
        QCOMPARE(count + deleted, qint64(kUnits) * kSeconds);
        QCOMPARE(count, qint64(kUnits) * ((kT0 + kSeconds * 1000 - oldest) / 1000));
        QCOMPARE(r.value(QStringLiteral("SELECT MAX(t) FROM fixes")).toLongLong(),
                 kT0 + (kSeconds - 1) * 1000);
        QVERIFY(oldest > kT0);
    }

    void survivesKill9()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tracks.db"));
        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QStringLiteral(VIGIL_TRACK_HISTORY_WRITER), {path});
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        qint64 reported = 0;
        QByteArray pending;
        // Wait for several transactions, then kill it in the middle of writing more.
        QVERIFY(QTest::qWaitFor(
            [&] {
                pending += writer.readAllStandardOutput();
                qsizetype nl;
                while ((nl = pending.indexOf('\n')) >= 0) {
                    const QByteArray line = pending.left(nl);
                    pending.remove(0, nl + 1);
                    if (line.startsWith("committed "))
                        reported = std::max(reported, line.mid(10).toLongLong());
                }
                return reported >= 30'000 || writer.state() == QProcess::NotRunning;
            },
            30000));
        QCOMPARE(writer.state(), QProcess::Running);
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        // Lines printed before the kill that the loop above had not read yet.
        pending += writer.readAllStandardOutput();
        for (const QByteArray &line : pending.split('\n'))
            if (line.startsWith("committed "))
                reported = std::max(reported, line.mid(10).toLongLong());
        {
            Reader r(path);
            QVERIFY(r.ok());
            QCOMPARE(r.value(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            // Fix i was written at i seconds, in order: the first `reported` are all there.
            const qint64 stored = r.value(QStringLiteral("SELECT COUNT(*) FROM fixes")).toLongLong();
            QVERIFY2(stored >= reported, qPrintable(QStringLiteral("%1 < %2").arg(stored).arg(reported)));
            QCOMPARE(r.value(QStringLiteral("SELECT COUNT(*) FROM fixes WHERE t < %1").arg(reported * 1000))
                         .toLongLong(),
                     reported);
        }
        // And the app opens it as it is (nothing moved aside).
        TrackHistory h(path, keepAll());
        const QList<TrackFix> car3 = fetchNow(h, QStringLiteral("car-3"), 0, reported * 1000 - 1);
        QCOMPARE(car3.size(), (reported + 6) / 10); // i < reported with i % 10 == 3
        QVERIFY(h.notice().isEmpty());
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("tracks.db.corrupt-*")}).size(), 0);
    }

    void damagedFileMovedAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tracks.db"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("this is not a database ").repeated(500));
        }
        TrackHistory h(path, keepAll());
        QSignalSpy problem(&h, &TrackHistory::problem);
        QTRY_VERIFY(!problem.isEmpty());
        QVERIFY2(problem.first().at(0).toString().contains(QStringLiteral("kept as")),
                 qPrintable(problem.first().at(0).toString()));
        QCOMPARE(h.notice(), problem.first().at(0).toString());
        QVERIFY2(h.lastError().isEmpty(), qPrintable(h.lastError()));
        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("tracks.db.corrupt-*")});
        QCOMPARE(kept.size(), 1);
        QCOMPARE(QFileInfo(dir.filePath(kept.first())).size(), qint64(23 * 500)); // kept as it was
        // The new file works.
        h.append(QStringLiteral("car-1"), fixAt(kT0, 1));
        QCOMPARE(fetchNow(h, QStringLiteral("car-1"), 0, kT0).size(), 1);
    }

    // A folder that cannot hold the file: a clear error, and appends are harmless.
    void unwritableFolder()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        TrackHistory h(dir.filePath(QStringLiteral("file/tracks.db"))); // a folder under a file
        QSignalSpy problem(&h, &TrackHistory::problem);
        QTRY_VERIFY(!problem.isEmpty());
        QVERIFY2(h.lastError().contains(QStringLiteral("cannot be opened")), qPrintable(h.lastError()));
        h.append(QStringLiteral("car-1"), fixAt(kT0, 1));
        QVERIFY(h.flush());
        QCOMPARE(h.committedCount(), 0);
        QString error;
        QVERIFY(fetchNow(h, QStringLiteral("car-1"), 0, kT0, &error).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstTrackHistory)
#include "tst_track_history.moc"
