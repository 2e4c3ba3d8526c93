// An operator's export is allowed and a viewer's refused — by RecordingService::exportRange itself, not only
// by the hidden QML button — and both appear in the audit log with who and what.
#include "vigil/access/access_controller.h"
#include "vigil/app/recording_service.h"

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil;

class TstExportAccess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QDateTime m_t0 = QDateTime(QDate(2026, 12, 6), QTime(14, 0, 0), Qt::UTC);

    QList<access::AuditEntry> exportEntries(access::AccessController &c)
    {
        QList<access::AuditEntry> out;
        bool done = false;
        access::AuditFilter f;
        f.kind = QStringLiteral("export");
        [&] {
            QVERIFY2(c.auditLog()->flush(), "audit entries not written");
        }();
        c.auditLog()->query(f, [&](const QList<access::AuditEntry> &rows, const QString &) {
            out = rows;
            done = true;
        });
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        }();
        std::reverse(out.begin(), out.end()); // oldest first
        return out;
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg is not installed (scripts/setup-deps.sh installs it)");
        QVERIFY(m_dir.isValid());
        qputenv("VIGIL_RECORDINGS_DIR", m_dir.filePath(QStringLiteral("rec")).toUtf8());
        qputenv("VIGIL_CONFIG_DIR", m_dir.filePath(QStringLiteral("config")).toUtf8());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("rec/cam01"))));
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                      QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("testsrc2=size=320x180:rate=25:duration=6"), QStringLiteral("-c:v"),
                      QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                      QStringLiteral("-g"), QStringLiteral("25"),
                      m_dir.filePath(QStringLiteral("rec/cam01/20261206T140000.000.mkv"))});
        QVERIFY(ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0);
        access::UserStore users(m_dir.filePath(QStringLiteral("config/users.json")));
        QVERIFY(users.load());
        QVERIFY(
            users.addUser(QStringLiteral("admin"), access::Role::Administrator, QStringLiteral("password0")));
        QVERIFY(users.addUser(QStringLiteral("li"), access::Role::Operator, QStringLiteral("password1")));
        QVERIFY(users.addUser(QStringLiteral("wang"), access::Role::Viewer, QStringLiteral("password2")));
    }

    void operatorExportsViewerIsRefused()
    {
        access::AccessController control{QString()}; // users.json and audit.db in VIGIL_CONFIG_DIR
        access::AccessController::setInstance(&control);
        QVERIFY(control.loginRequired());
        app::RecordingService service(nullptr, {m_dir.filePath(QStringLiteral("rec"))});
        QSignalSpy finished(&service, &app::RecordingService::exportFinished);
        const double from = double(m_t0.addSecs(1).toMSecsSinceEpoch());
        const double to = double(m_t0.addSecs(4).toMSecsSinceEpoch());

        // Nobody logged in: refused too.
        QVERIFY(!service.exportRange({QStringLiteral("cam01")}, from, to));
        QVERIFY(finished.last().at(0).toString().contains(QStringLiteral("Log in first")));

        // The operator: allowed and written.
        QVERIFY(control.loginNow(QStringLiteral("li"), QStringLiteral("password1")));
        QVERIFY(service.exportRange({QStringLiteral("cam01")}, from, to));
        QTRY_VERIFY_WITH_TIMEOUT(!service.exporting(), 60000);
        QCOMPARE(finished.last().at(1).toBool(), true);
        QCOMPARE(QDir(service.exportDir()).entryList({QStringLiteral("cam01_*.mp4")}).size(), 1);

        // The viewer: refused by exportRange itself, with a sentence that says why; nothing written.
        control.logout();
        QVERIFY(control.loginNow(QStringLiteral("wang"), QStringLiteral("password2")));
        QVERIFY(!service.exportRange({QStringLiteral("cam01")}, from, to));
        QVERIFY(!service.exporting());
        QCOMPARE(finished.last().at(1).toBool(), false);
        const QString why = finished.last().at(0).toString();
        QVERIFY2(why.contains(QStringLiteral("Viewer")) && why.contains(QStringLiteral("export")),
                 qPrintable(why));
        QCOMPARE(QDir(service.exportDir()).entryList({QStringLiteral("cam01_*.mp4")}).size(), 1);

        // Both in the audit log, with who, what and the outcome.
        const QList<access::AuditEntry> rows = exportEntries(control);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).refused, true); // nobody
        QCOMPARE(rows.at(0).user, QString());
        QCOMPARE(rows.at(1).user, QStringLiteral("li"));
        QVERIFY(!rows.at(1).refused);
        QVERIFY2(rows.at(1).detail.startsWith(QStringLiteral("started: cam01 from 2026-12-06T14:00:01Z")),
                 qPrintable(rows.at(1).detail));
        QCOMPARE(rows.at(2).user, QStringLiteral("li"));
        QVERIFY2(rows.at(2).detail.startsWith(QStringLiteral("finished: 1 of 1 cameras")),
                 qPrintable(rows.at(2).detail));
        QCOMPARE(rows.at(3).user, QStringLiteral("wang"));
        QVERIFY(rows.at(3).refused);
        QVERIFY(rows.at(3).detail.contains(QStringLiteral("cam01")));
        access::AccessController::setInstance(nullptr);
    }
};

QTEST_MAIN(TstExportAccess)
#include "tst_export_access.moc"
