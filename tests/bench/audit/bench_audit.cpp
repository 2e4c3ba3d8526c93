// bench_audit: the audit log's cost, on a real SQLite file in a temporary folder.
//  1. AuditLog::append() as the GUI thread pays it (queue under a mutex): median and p99 µs per entry over
//     N entries, then the time until all N are written by the worker (batched transactions).
//  2. For comparison, one synchronous transaction per entry (what a naive "INSERT on the GUI thread" costs).
//  3. Queries over R entries (default 100,000): the table's newest 2000, one user, one kind in a day, and the
//     CSV of everything.
#include "vigil/access/audit_log.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace vigil::access;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5)));
}

AuditEntry sample(int i, const QDateTime &t0)
{
    static const char *const kinds[] = {"wall", "ptz", "login", "export", "alarm"};
    return {0,
            t0.addMSecs(qint64(i) * 1000),
            QStringLiteral("user%1").arg(i % 10),
            QString::fromLatin1(kinds[i % 5]),
            QStringLiteral("tile %1: camera cam%2").arg(i % 16).arg(i % 200),
            i % 97 == 0};
}

template<typename F> double timedMs(F &&fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.addHelpOption();
    const QCommandLineOption entriesOpt(QStringLiteral("entries"),
                                        QStringLiteral("Entries appended (10000)."), QStringLiteral("n"),
                                        QStringLiteral("10000"));
    const QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("Entries queried over (100000)."),
                                     QStringLiteral("n"), QStringLiteral("100000"));
    cli.addOptions({entriesOpt, rowsOpt});
    cli.process(app);
    const int n = std::max(1, cli.value(entriesOpt).toInt());
    const int rows = std::max(1, cli.value(rowsOpt).toInt());
    QTemporaryDir dir;
    const QDateTime t0 = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);

    // 1. append() through the worker.
    {
        AuditLog log(dir.filePath(QStringLiteral("append.db")));
        log.flush();
        std::vector<double> us;
        us.reserve(size_t(n));
        QElapsedTimer total;
        total.start();
        for (int i = 0; i < n; ++i) {
            AuditEntry e = sample(i, t0);
            QElapsedTimer t;
            t.start();
            log.append(std::move(e));
            us.push_back(double(t.nsecsElapsed()) / 1000.0);
        }
        const double callerMs = double(total.nsecsElapsed()) / 1e6;
        const bool flushed = log.flush(60000);
        const double writtenMs = double(total.nsecsElapsed()) / 1e6;
        std::printf(
            "append() on the caller's thread: median %.2f us, p99 %.2f us per entry; %d entries: %.1f ms "
            "on the caller, %.1f ms until written by the worker%s\n",
            percentile(us, 0.5), percentile(us, 0.99), n, callerMs, writtenMs,
            flushed ? "" : " (NOT all written)");
    }
    // 2. One synchronous transaction per entry, for comparison.
    {
        AuditDatabase db;
        db.open(dir.filePath(QStringLiteral("sync.db")));
        const int m = std::min(n, 2000);
        std::vector<double> us;
        for (int i = 0; i < m; ++i) {
            const AuditEntry e = sample(i, t0);
            QElapsedTimer t;
            t.start();
            db.append({e});
            us.push_back(double(t.nsecsElapsed()) / 1000.0);
        }
        std::printf("for comparison, one synchronous transaction per entry: median %.1f us, p99 %.1f us (%d "
                    "entries)\n",
                    percentile(us, 0.5), percentile(us, 0.99), m);
    }
    // 3. Queries over `rows` entries.
    {
        AuditDatabase db;
        db.open(dir.filePath(QStringLiteral("query.db")));
        QList<AuditEntry> batch;
        const double fillMs = timedMs([&] {
            for (int i = 0; i < rows; ++i) {
                batch.append(sample(i, t0));
                if (batch.size() == 10000 || i == rows - 1) {
                    db.append(batch);
                    batch.clear();
                }
            }
        });
        std::printf("filled %lld entries in %.0f ms\n", db.count(), fillMs);
        auto run = [&](const char *what, const AuditFilter &f) {
            std::vector<double> ms;
            int got = 0;
            for (int r = 0; r < 5; ++r)
                ms.push_back(timedMs([&] { got = int(db.query(f).size()); }));
            std::printf("query over %d entries, %s: median %.1f ms (%d rows)\n", rows, what,
                        percentile(ms, 0.5), got);
        };
        AuditFilter newest;
        newest.limit = 2000;
        run("the table's newest 2000", newest);
        AuditFilter user;
        user.user = QStringLiteral("user3");
        user.limit = 2000;
        run("one user, newest 2000", user);
        AuditFilter day;
        day.kind = QStringLiteral("ptz");
        day.from = t0.addDays(1);
        day.to = t0.addDays(2);
        run("one kind within one day", day);
        run("everything (what Export CSV reads)", {});
        const QList<AuditEntry> all = db.query({});
        QByteArray csv;
        const double csvMs = timedMs([&] { csv = auditCsv(all); });
        std::printf("CSV of %lld entries: %.1f ms, %.1f MB\n", qint64(all.size()), csvMs,
                    double(csv.size()) / 1e6);
    }
    return 0;
}
