// The audit log on real SQLite files: append and query by filter, UPDATE/DELETE refused by the file itself,
// CSV quoting (commas, quotes, newlines, formulas), entries that survive a reopen, the worker-backed AuditLog
// (append from several threads, flush, query, CSV export) and a damaged file moved aside.
#include "vigil/access/audit_log.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtTest/QtTest>

using namespace vigil::access;

class TstAuditLog : public QObject
{
    Q_OBJECT

    QDateTime m_t0 = QDateTime(QDate(2026, 12, 6), QTime(8, 0, 0), Qt::UTC);

    AuditEntry entry(int minutes, const QString &user, const QString &kind, const QString &detail,
                     bool refused = false) const
    {
        return {0, m_t0.addSecs(60 * minutes), user, kind, detail, refused};
    }

private slots:
    void appendAndQuery()
    {
        QTemporaryDir dir;
        AuditDatabase db;
        QVERIFY2(db.open(dir.filePath(QStringLiteral("audit.db"))), qPrintable(db.error()));
        QVERIFY(db.append(
            {entry(0, QStringLiteral("li"), QStringLiteral("login"), QStringLiteral("logged in")),
             entry(1, QStringLiteral("li"), QStringLiteral("wall"), QStringLiteral("layout 9")),
             entry(2, QStringLiteral("wang"), QStringLiteral("export"), QStringLiteral("cam01"), true),
             entry(3, QStringLiteral("wang"), QStringLiteral("ptz"), QStringLiteral("cam02: move")),
             entry(4, QStringLiteral("li"), QStringLiteral("export"), QStringLiteral("cam01"))}));
        QCOMPARE(db.count(), 5);

        QList<AuditEntry> all = db.query({});
        QCOMPARE(all.size(), 5);
        QCOMPARE(all.first().detail, QStringLiteral("cam01")); // newest first
        QCOMPARE(all.first().time, m_t0.addSecs(240));
        QVERIFY(all.first().id > all.last().id);

        AuditFilter byUser;
        byUser.user = QStringLiteral("WANG"); // case-insensitive
        QCOMPARE(db.query(byUser).size(), 2);
        AuditFilter byKind;
        byKind.kind = QStringLiteral("export");
        const QList<AuditEntry> exports = db.query(byKind);
        QCOMPARE(exports.size(), 2);
        QCOMPARE(exports.at(1).refused, true);
        QCOMPARE(exports.at(0).refused, false);
        AuditFilter byTime; // [08:01, 08:03)
        byTime.from = m_t0.addSecs(60);
        byTime.to = m_t0.addSecs(180);
        const QList<AuditEntry> window = db.query(byTime);
        QCOMPARE(window.size(), 2);
        QCOMPARE(window.at(0).kind, QStringLiteral("export"));
        QCOMPARE(window.at(1).kind, QStringLiteral("wall"));
        AuditFilter all3;
        all3.user = QStringLiteral("li");
        all3.kind = QStringLiteral("export");
        all3.from = m_t0;
        QCOMPARE(db.query(all3).size(), 1);
        AuditFilter limited;
        limited.limit = 2;
        QCOMPARE(db.query(limited).size(), 2);
    }

    void updateAndDeleteRefused()
    {
        QTemporaryDir dir;
        AuditDatabase db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("audit.db"))));
        QVERIFY(db.append(
            {entry(0, QStringLiteral("li"), QStringLiteral("login"), QStringLiteral("logged in"))}));
        QString error = db.execForTest(QStringLiteral("UPDATE audit SET user = 'someone else'"));
        QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
        error = db.execForTest(QStringLiteral("DELETE FROM audit"));
        QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
        QCOMPARE(db.count(), 1);
        QCOMPARE(db.query({}).first().user, QStringLiteral("li"));
        // Nobody logged in (a null user) is stored as "", not refused as NULL with the rest of its batch.
        QVERIFY(db.append({{0, m_t0, QString(), QStringLiteral("export"), QStringLiteral("refused"), true},
                           entry(1, QStringLiteral("li"), QStringLiteral("wall"), QStringLiteral("x"))}));
        QCOMPARE(db.count(), 3);
        // Inserting stays possible (that is what append does).
        QCOMPARE(db.execForTest(QStringLiteral(
                     "INSERT INTO audit (time_ms, user, kind, detail) VALUES (0, 'x', 'login', 'y')")),
                 QString());
    }

    void survivesReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.db"));
        {
            AuditDatabase db;
            QVERIFY(db.open(path));
            QVERIFY(db.append({entry(0, QStringLiteral("李"), QStringLiteral("alarm"),
                                     QStringLiteral("告警 7: handled"))}));
        }
        AuditDatabase db;
        QVERIFY(db.open(path));
        QVERIFY(db.notice().isEmpty());
        const QList<AuditEntry> rows = db.query({});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().user, QStringLiteral("李"));
        QCOMPARE(rows.first().detail, QStringLiteral("告警 7: handled"));
        // The triggers came back with the file.
        QVERIFY(!db.execForTest(QStringLiteral("DELETE FROM audit")).isEmpty());
    }

    void damagedFileMovedAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.db"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        AuditDatabase db;
        QVERIFY2(db.open(path), qPrintable(db.error()));
        QVERIFY2(db.notice().contains(QStringLiteral("kept as")), qPrintable(db.notice()));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("audit.db.corrupt-*")}).size(), 1);
        QVERIFY(db.append({entry(0, QStringLiteral("li"), QStringLiteral("login"), QStringLiteral("x"))}));
    }

    void csvQuoting_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("csv");
        QTest::newRow("plain") << QStringLiteral("layout 9") << QStringLiteral("layout 9");
        QTest::newRow("comma") << QStringLiteral("cam01,cam02") << QStringLiteral("\"cam01,cam02\"");
        QTest::newRow("quote") << QStringLiteral("scene \"night\"")
                               << QStringLiteral("\"scene \"\"night\"\"\"");
        QTest::newRow("newline") << QStringLiteral("line 1\nline 2") << QStringLiteral("\"line 1\nline 2\"");
        QTest::newRow("cr") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
        QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"x\")")
                                 << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("minus") << QStringLiteral("-1") << QStringLiteral("'-1");
        QTest::newRow("chinese") << QStringLiteral("北门") << QStringLiteral("北门");
        QTest::newRow("empty") << QString() << QString();
    }
    void csvQuoting()
    {
        QFETCH(QString, field);
        QFETCH(QString, csv);
        QCOMPARE(csvField(field), csv);
    }

    void csvDocument()
    {
        const QByteArray csv = auditCsv(
            {entry(0, QStringLiteral("li"), QStringLiteral("export"), QStringLiteral("a,b\n\"c\""), true)});
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"
                               "time (UTC),user,kind,detail,outcome\r\n"));
        QVERIFY2(csv.endsWith("2026-12-06T08:00:00.000Z,li,export,\"a,b\n\"\"c\"\"\",refused\r\n"),
                 csv.constData());
    }

    void workerAppendsFromThreadsAndExports()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.db"));
        {
            AuditLog log(path);
            constexpr int kThreads = 4;
            constexpr int kEach = 250;
            QList<QThread *> threads;
            for (int t = 0; t < kThreads; ++t)
                threads.append(QThread::create([&log, t] {
                    for (int i = 0; i < kEach; ++i)
                        log.append({0,
                                    {},
                                    QStringLiteral("user%1").arg(t),
                                    QStringLiteral("wall"),
                                    QStringLiteral("step %1").arg(i),
                                    false});
                }));
            for (QThread *th : threads)
                th->start();
            for (QThread *th : threads) {
                QVERIFY(th->wait(10000));
                delete th;
            }
            QVERIFY(log.flush(10000));
            QVERIFY2(log.lastError().isEmpty(), qPrintable(log.lastError()));

            QList<AuditEntry> got;
            bool done = false;
            AuditFilter f;
            f.user = QStringLiteral("user2");
            log.query(f, [&](const QList<AuditEntry> &rows, const QString &) {
                got = rows;
                done = true;
            });
            QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
            QCOMPARE(got.size(), kEach);
            QCOMPARE(got.first().detail, QStringLiteral("step 249")); // this thread's order kept

            int rows = -1;
            QString error;
            const QString csvPath = dir.filePath(QStringLiteral("out/audit.csv"));
            QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("out"))));
            log.exportCsv(f, csvPath, [&](int n, const QString &e) {
                rows = n;
                error = e;
            });
            QTRY_COMPARE_WITH_TIMEOUT(rows, kEach, 10000);
            QVERIFY(error.isEmpty());
            QFile csv(csvPath);
            QVERIFY(csv.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = csv.readAll().split('\n');
            QCOMPARE(lines.size(), kEach + 2);                  // header + rows + the empty rest
            QVERIFY(lines.at(1).contains("user2,wall,step 0")); // oldest first
            QCOMPARE(QDir(dir.filePath(QStringLiteral("out"))).entryList(QDir::Files).size(), 1); // no .bak

            // A CSV file that cannot be written: the error says so.
            rows = -1;
            log.exportCsv(f, dir.filePath(QStringLiteral("no/such/folder/a.csv")),
                          [&](int n, const QString &e) {
                              rows = n;
                              error = e;
                          });
            QTRY_VERIFY_WITH_TIMEOUT(rows >= 0, 10000);
            QVERIFY2(error.contains(QStringLiteral("could not be written")), qPrintable(error));
            log.append(
                {0, {}, QStringLiteral("last"), QStringLiteral("logout"), QStringLiteral("bye"), false});
        } // the destructor writes what is queued
        AuditDatabase db;
        QVERIFY(db.open(path));
        QCOMPARE(db.count(), 1001);
    }
};

QTEST_GUILESS_MAIN(TstAuditLog)
#include "tst_audit_log.moc"
