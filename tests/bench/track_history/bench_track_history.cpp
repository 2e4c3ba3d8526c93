// bench_track_history: what keeping every fix in SQLite costs, on a real file in a temporary folder.
//  1. TrackHistory: U units at 1 Hz for M simulated minutes. Each simulated second the caller appends the
//     second's U fixes (as UnitsModel's batch arrives), then waits until the worker has written them, so the
//     worker writes the 1 Hz batches it would in real time (one transaction a second). Caller ns per fix
//     (median/p95 over the seconds), worker µs per fix, the file's size, and the fetch of one unit's last
//     hour (post to answer on the GUI thread; median/p95 over Q units).
//  2. Baselines in the same run: the in-memory TrackStore (record() per fix, track() of the same hour) and
//  one
//     synchronous INSERT transaction per fix (autocommit, WAL) for S fixes — a naive write on the caller.
#include "vigil/core/sqlite_file.h"
#include "vigil/map/track_history.h"
#include "vigil/map/track_store.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtSql/QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace vigil::map;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5)));
}

TrackFix fixOf(int unit, int second, qint64 t0)
{
    const double lat = 30.0 + (unit % 100) * 0.01 + second * 2e-5;
    const double lon = 120.0 + (unit / 100) * 0.01 + second * 1e-5;
    return TrackFix::make(t0 + qint64(second) * 1000, {lat, lon}, (unit + second) % 360, 8 + unit % 10);
}

double mib(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.addHelpOption();
    const QCommandLineOption unitsOpt(QStringLiteral("units"), QStringLiteral("Patrol units (10000)."),
                                      QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption minutesOpt(QStringLiteral("minutes"),
                                        QStringLiteral("Simulated minutes at 1 Hz (10)."),
                                        QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption queriesOpt(QStringLiteral("queries"),
                                        QStringLiteral("Units whose hour is read (200)."),
                                        QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption syncOpt(
        QStringLiteral("sync"), QStringLiteral("Fixes for the one-transaction-per-fix baseline (20000)."),
        QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption dirOpt(QStringLiteral("dir"),
                                    QStringLiteral("Folder for the files (a temporary one)."),
                                    QStringLiteral("path"));
    const QCommandLineOption batchOpt(
        QStringLiteral("batch-seconds"),
        QStringLiteral("Simulated seconds the caller appends before it waits for the "
                       "worker (1: one transaction a second, as in real time)."),
        QStringLiteral("n"), QStringLiteral("1"));
    cli.addOptions({unitsOpt, minutesOpt, queriesOpt, syncOpt, dirOpt, batchOpt});
    cli.process(app);
    const int units = std::max(1, cli.value(unitsOpt).toInt());
    const int seconds = std::max(1, cli.value(minutesOpt).toInt()) * 60;
    const int queries = std::max(1, cli.value(queriesOpt).toInt());
    const int syncFixes = std::max(1, cli.value(syncOpt).toInt());
    const int batchSeconds = std::max(1, cli.value(batchOpt).toInt());
    QTemporaryDir tmp;
    const QString dir = cli.isSet(dirOpt) ? cli.value(dirOpt) : tmp.path();
    QDir().mkpath(dir);
    // The run ends now, so that retention (30 days behind the clock) keeps it all.
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - qint64(seconds) * 1000;
    const qint64 fixes = qint64(units) * seconds;
    QStringList ids;
    for (int u = 0; u < units; ++u)
        ids.append(QStringLiteral("unit-%1").arg(u, 5, 10, QLatin1Char('0')));
    std::printf("track history: %d units x %d s at 1 Hz = %lld fixes\n", units, seconds,
                static_cast<long long>(fixes));

    // 1. TrackHistory.
    const QString path = QDir(dir).filePath(QStringLiteral("tracks.db"));
    QFile::remove(path);
    std::vector<double> callerNsPerFix;
    std::vector<double> queryMs;
    {
        TrackHistory history(path);
        history.flush();
        QElapsedTimer wall;
        wall.start();
        qint64 callerNs = 0;
        for (int s = 0; s < seconds; ++s) {
            QElapsedTimer t;
            t.start();
            for (int u = 0; u < units; ++u)
                history.append(ids[u], fixOf(u, s, t0));
            const qint64 ns = t.nsecsElapsed();
            callerNs += ns;
            callerNsPerFix.push_back(double(ns) / units);
            if ((s + 1) % batchSeconds == 0 || s + 1 == seconds)
                history.flush(600'000);
            if ((s + 1) % 60 == 0)
                std::fprintf(stderr, "  %d/%d simulated minutes written\n", (s + 1) / 60, seconds / 60);
        }
        const double wallS = double(wall.nsecsElapsed()) / 1e9;
        std::printf(
            "\n1. TrackHistory (SQLite, WAL, worker thread), the caller waits for the worker every %d "
            "s of %d fixes\n",
            batchSeconds, units);
        std::printf(
            "   caller append: mean %.0f ns/fix, per-second batch median %.0f ns/fix, p95 %.0f ns/fix\n",
            double(callerNs) / double(fixes), percentile(callerNsPerFix, 0.5),
            percentile(callerNsPerFix, 0.95));
        std::printf(
            "   worker write: %.2f us/fix wall, %.2f us/fix CPU (%.0f ms wall, %.0f ms CPU per 1 Hz batch of "
            "%d); whole run %.1f s wall\n",
            double(history.workerNanos()) / 1000.0 / double(fixes),
            double(history.workerCpuNanos()) / 1000.0 / double(fixes),
            double(history.workerNanos()) / 1e6 / seconds, double(history.workerCpuNanos()) / 1e6 / seconds,
            units, wallS);
        std::printf("   committed %lld, dropped %lld\n", static_cast<long long>(history.committedCount()),
                    static_cast<long long>(history.droppedCount()));
        std::printf("   on disk: %.1f MiB file + %.1f MiB WAL = %.1f bytes/fix\n", mib(fileSize(path)),
                    mib(fileSize(path + QStringLiteral("-wal"))),
                    double(fileSize(path) + fileSize(path + QStringLiteral("-wal"))) / double(fixes));

        // One unit's last hour (all of the run when it is shorter), read through the worker.
        QRandomGenerator rng(7);
        const qint64 end = t0 + qint64(seconds) * 1000;
        qint64 got = 0;
        for (int q = 0; q < queries; ++q) {
            const QString id = ids[int(rng.bounded(units))];
            bool done = false;
            QElapsedTimer t;
            t.start();
            history.fetch(id, end - 3'600'000, end, &app, [&](const QList<TrackFix> &f, const QString &) {
                got += f.size();
                done = true;
            });
            while (!done)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            queryMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::printf(
            "   one unit's hour (%lld fixes each): median %.2f ms, p95 %.2f ms (fetch to answer, %d units)\n",
            static_cast<long long>(got / queries), percentile(queryMs, 0.5), percentile(queryMs, 0.95),
            queries);
        // Retention on the full file (nothing is old enough: the cost of the check itself).
        QElapsedTimer r;
        r.start();
        bool retained = false;
        QObject::connect(&history, &TrackHistory::retained, &app, [&] { retained = true; });
        history.applyRetention();
        while (!retained)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        std::printf("   retention pass with nothing to remove: %.1f ms\n", double(r.nsecsElapsed()) / 1e6);
    }
    std::printf("   closed: %.1f MiB file (WAL checkpointed and removed at close)\n", mib(fileSize(path)));

    // 2a. In-memory TrackStore (today's), same data, memory bounds lifted.
    {
        TrackStore store;
        store.setRetentionMinutes(24 * 60);
        store.setMaxFixesPerUnit(std::max(7200, seconds + 1));
        store.setMaxTotalFixes(int(std::min<qint64>(fixes + 1, 2'000'000'000)));
        std::vector<double> perFix;
        for (int s = 0; s < seconds; ++s) {
            QElapsedTimer t;
            t.start();
            for (int u = 0; u < units; ++u) {
                const TrackFix f = fixOf(u, s, t0);
                store.record(ids[u], f.timeMs, f.position(), f.headingDeg(), f.speedMps());
            }
            perFix.push_back(double(t.nsecsElapsed()) / units);
        }
        QRandomGenerator rng(7);
        const qint64 end = t0 + qint64(seconds) * 1000;
        std::vector<double> ms;
        for (int q = 0; q < queries; ++q) {
            const QString id = ids[int(rng.bounded(units))];
            QElapsedTimer t;
            t.start();
            const QList<TrackFix> track = store.track(id, end - 3'600'000, end);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            Q_UNUSED(track);
        }
        std::printf("\n2a. Baseline: in-memory TrackStore (no persistence)\n");
        std::printf("   record(): median %.0f ns/fix, p95 %.0f ns/fix; %.1f MiB of rings\n",
                    percentile(perFix, 0.5), percentile(perFix, 0.95), mib(store.memoryBytes()));
        std::printf("   one unit's hour: median %.3f ms, p95 %.3f ms\n", percentile(ms, 0.5),
                    percentile(ms, 0.95));
    }

    // 2b. One synchronous transaction per fix on the caller's thread (what a naive INSERT costs the GUI).
    {
        const QString syncPath = QDir(dir).filePath(QStringLiteral("sync.db"));
        QFile::remove(syncPath);
        vigil::core::SqliteFile file(QStringLiteral("bench-sync"));
        const bool ok = file.open(syncPath, [](QSqlDatabase &db) {
            QSqlQuery q(db);
            return q.exec(
                       QStringLiteral("CREATE TABLE IF NOT EXISTS fixes (unit INTEGER NOT NULL, t INTEGER "
                                      "NOT NULL, lat INTEGER, lon INTEGER, heading INTEGER, speed INTEGER, "
                                      "PRIMARY KEY (unit, t)) WITHOUT ROWID"))
                       ? QString()
                       : QStringLiteral("schema");
        });
        if (!ok) {
            std::printf("2b. could not open %s\n", qPrintable(syncPath));
            return 1;
        }
        QSqlQuery q(file.database());
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO fixes VALUES (?, ?, ?, ?, ?, ?)"));
        std::vector<double> us;
        for (int i = 0; i < syncFixes; ++i) {
            const int u = i % units;
            const TrackFix f = fixOf(u, i / units, t0);
            QElapsedTimer t;
            t.start();
            q.bindValue(0, u);
            q.bindValue(1, f.timeMs);
            q.bindValue(2, f.latE7);
            q.bindValue(3, f.lonE7);
            q.bindValue(4, f.headingCdeg);
            q.bindValue(5, f.speedCmps);
            q.exec();
            us.push_back(double(t.nsecsElapsed()) / 1000.0);
        }
        double total = 0;
        for (double v : us)
            total += v;
        std::printf("\n2b. Baseline: one synchronous INSERT transaction per fix (WAL, synchronous=NORMAL), "
                    "%d fixes\n",
                    syncFixes);
        std::printf(
            "   caller: median %.1f us/fix, p95 %.1f us/fix, mean %.1f us/fix -> %.0f ms of GUI time per "
            "1 Hz batch of %d\n",
            percentile(us, 0.5), percentile(us, 0.95), total / double(us.size()),
            total / double(us.size()) * units / 1000.0, units);
    }
    return 0;
}
