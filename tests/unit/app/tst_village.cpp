// VillageMode (issue 13): the self-check line (exact text, its problems), the disk budget from the setting,
// and the wiring against the real wall store, camera directory and recording service: the wall capped at
// 1/4/9 and filled with the first nine cameras, those cameras recorded (and the set following the wall), the
// self-check logged at start and then at every interval (waited on, never slept).
#include "vigil/app/recording_service.h"
#include "vigil/app/village.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/worker_threads.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QMutex>
#include <QtCore/QStorageInfo>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
// What was logged in category vigil.app (any thread; read on the test's).
QMutex g_logMutex;
QStringList g_appLog;
QtMessageHandler g_previous = nullptr;
void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (context.category && QByteArray(context.category) == "vigil.app") {
        QMutexLocker lock(&g_logMutex);
        g_appLog.append(text);
    }
    if (g_previous)
        g_previous(type, context, text);
}
QStringList appLog()
{
    QMutexLocker lock(&g_logMutex);
    return g_appLog;
}

cameras::Camera camera(int i)
{
    cameras::Camera c;
    c.id = QStringLiteral("cam%1").arg(i, 2, 10, QLatin1Char('0'));
    c.name = QStringLiteral("Camera %1").arg(i);
    // Port 9 on loopback: nothing answers, so the recorders keep retrying and write nothing.
    c.streams = {
        {QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/%1/main").arg(c.id)), {}, 0, {}},
        {QStringLiteral("sub"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/%1/sub").arg(c.id)), {}, 0, {}}};
    return c;
}
} // namespace

class TstVillage : public QObject
{
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void initTestCase() { g_previous = qInstallMessageHandler(captureLog); }
    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qputenv("VIGIL_CONFIG_DIR", m_dir->filePath(QStringLiteral("config")).toUtf8());
        QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("config"))));
    }

    void cleanup()
    {
        // Recorders end on their workers once their service is gone.
        QVERIFY(core::WorkerThreads::wait(10000, u"recording"));
        QVERIFY(core::WorkerThreads::wait(10000, u"village"));
    }

    void selfCheckLine()
    {
        app::VillageSelfCheck c;
        c.utcMs = QDateTime(QDate(2026, 12, 7), QTime(3, 12, 0), Qt::UTC).toMSecsSinceEpoch();
        c.uptimeMs = ((3 * 24 + 4) * 60 + 12) * 60000LL + 59000; // 3 d 4 h 12 min 59 s
        c.layoutTiles = 9;
        c.tilesWithCamera = 9;
        c.tilesLive = 9;
        c.recordingWanted = 9;
        c.recordingNow = 9;
        c.recordUsedBytes = 41'200'000'000;
        c.recordBudgetBytes = 50'000'000'000;
        c.diskFreeBytes = 112'400'000'000;
        c.rssMb = 181.6;
        QVERIFY(c.problems().isEmpty());
        QCOMPARE(c.line(), QStringLiteral("village self-check: time=2026-12-07T03:12:00Z uptime=3d04h12m "
                                          "tiles_live=9/9 layout=9 recording=9/9 rec_used_gb=41.20 "
                                          "rec_budget_gb=50.00 disk_free_gb=112.40 rss_mb=182 status=ok"));

        c.tilesLive = 8;
        c.recordingNow = 7;
        c.diskFreeBytes = 9'000'000'000; // the budget still needs 8.8 GB, and 2 GB more must stay free
        QCOMPARE(c.problems(), QStringList({"tiles_offline", "not_recording", "disk_low"}));
        QVERIFY(c.line().endsWith(
            QStringLiteral(" disk_free_gb=9.00 rss_mb=182 status=warn problems=tiles_offline,not_recording,"
                           "disk_low")));
        QVERIFY(!c.line().contains(QLatin1Char('\n')));

        c.recordBudgetBytes = 0; // recording off: nothing to record, only the 2 GB margin counts
        c.recordingWanted = c.recordingNow = 0;
        c.tilesLive = 9;
        c.diskFreeBytes = -1;
        QVERIFY(c.problems().isEmpty());
        QVERIFY(c.line().contains(QStringLiteral("recording=0/0 rec_used_gb=41.20 rec_budget_gb=0.00 "
                                                 "disk_free_gb=unknown")));
        c.diskFreeBytes = 1'000'000'000;
        QCOMPARE(c.problems(), QStringList{QStringLiteral("disk_low")});
    }

    void recordBudgetFromTheSetting()
    {
        QCOMPARE(app::villageRecordBudgetBytes(-1), qint64(50'000'000'000)); // not set: the default
        QCOMPARE(app::villageRecordBudgetBytes(0), qint64(0));               // no recording
        QCOMPARE(app::villageRecordBudgetBytes(12.5), qint64(12'500'000'000));
        QCOMPARE(app::villageLayouts(), QStringList({"1", "4", "9"}));
    }

    // A 16-tile wall and twelve cameras: the wall shows 9 tiles; an empty wall gets the first nine cameras,
    // which record; the recorded set follows the wall; the self-check is logged a moment after start and
    // then at every interval.
    void capsFillsRecordsAndChecks()
    {
        cameras::CameraDirectory directory(std::make_unique<cameras::MemoryCredentialStore>());
        wall::WallStore wall(&directory);
        QVERIFY(wall.load());
        wall.setLayout(QStringLiteral("16"));
        QCOMPARE(wall.tileCount(), 16);
        app::RecordingService::Options ro;
        ro.root = m_dir->filePath(QStringLiteral("rec"));
        ro.quotaBytes = 1'000'000'000;
        app::RecordingService recordings(&directory, ro);
        app::VillageMode::Options vo;
        vo.firstSelfCheckMs = 100;
        vo.selfCheckIntervalMs = 300;
        app::VillageMode village(&wall, &directory, &recordings, vo);
        QSignalSpy checked(&village, &app::VillageMode::selfChecked);
        village.start();
        QCOMPARE(wall.layoutIds(), QStringList({"1", "4", "9"}));
        QCOMPARE(wall.layoutId(), QStringLiteral("9"));
        QCOMPARE(wall.tileCount(), 9);
        QVERIFY(recordings.recordingCameras().isEmpty()); // no camera yet

        QList<cameras::Camera> twelve;
        for (int i = 1; i <= 12; ++i)
            twelve.append(camera(i));
        directory.setDemoCameras(twelve); // the cameras arrive (the demo, a platform)
        QCOMPARE(wall.layoutId(), QStringLiteral("9"));
        QStringList firstNine;
        for (int i = 1; i <= 9; ++i)
            firstNine.append(camera(i).id);
        QCOMPARE(wall.shownCameras(), firstNine);
        QCOMPARE(village.camerasToRecord(), firstNine);
        QCOMPARE(recordings.recordingCameras(), firstNine);

        wall.setLayout(QStringLiteral("16")); // refused
        QCOMPARE(wall.tileCount(), 9);
        wall.setLayout(QStringLiteral("4")); // fewer tiles shown: the nine still record
        QCOMPARE(recordings.recordingCameras(), firstNine);
        wall.setLayout(QStringLiteral("9"));
        wall.assignCamera(0, camera(12).id); // cam01 leaves the wall, cam12 comes
        QStringList now = firstNine.mid(1);
        now.append(camera(12).id);
        now.sort();
        QCOMPARE(recordings.recordingCameras(), now);

        // The first self-check, then the next one an interval later: logged, one line each.
        QVERIFY(checked.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(checked.size() >= 2, 5000);
        const QString line = checked.first().first().toString();
        QVERIFY2(line.startsWith(QStringLiteral("village self-check: time=")), qPrintable(line));
        // No tile plays (nothing answers on port 9): a warning, with the reason.
        QVERIFY2(line.contains(QStringLiteral(" tiles_live=0/9 layout=9 recording=9/9 ")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral(" rec_budget_gb=1.00 ")), qPrintable(line));
        QVERIFY2(QRegularExpression(QStringLiteral(" disk_free_gb=\\d+\\.\\d\\d rss_mb=[1-9]\\d* "))
                     .match(line)
                     .hasMatch(),
                 qPrintable(line));
        // (disk_low too on a machine with less than the budget + 2 GB free where the recordings go)
        const bool lowDisk = QStorageInfo(m_dir->path()).bytesAvailable() < 3'000'000'000;
        QVERIFY2(line.endsWith(lowDisk ? QStringLiteral("status=warn problems=tiles_offline,disk_low")
                                       : QStringLiteral("status=warn problems=tiles_offline")),
                 qPrintable(line));
        QVERIFY2(appLog().contains(line), "the self-check line should be in the log (category vigil.app)");
        recordings.shutdown();
    }

    // Budget 0 (no recording service): nothing records; the operator's own wall is never refilled.
    void noBudgetNoRecordingAndTheOperatorsWallStays()
    {
        cameras::CameraDirectory directory(std::make_unique<cameras::MemoryCredentialStore>());
        directory.setDemoCameras({camera(1), camera(2), camera(3)});
        wall::WallStore wall(&directory);
        wall.setLayout(QStringLiteral("1"));
        wall.assignCamera(0, camera(3).id);
        app::VillageMode::Options vo;
        vo.firstSelfCheckMs = 0;
        app::VillageMode village(&wall, &directory, nullptr, vo);
        QSignalSpy checked(&village, &app::VillageMode::selfChecked);
        village.start();
        QCOMPARE(wall.layoutId(), QStringLiteral("1"));
        QCOMPARE(wall.shownCameras(), QStringList{camera(3).id}); // not replaced by the first cameras
        wall.clearTile(0);
        directory.setDemoCameras({camera(1), camera(2), camera(3), camera(4)});
        QVERIFY(wall.shownCameras().isEmpty()); // emptied by the operator: stays empty
        QVERIFY(checked.wait(5000));
        const QString line = checked.first().first().toString();
        QVERIFY2(line.contains(QStringLiteral(" tiles_live=0/0 layout=1 recording=0/0 rec_used_gb=0.00 "
                                              "rec_budget_gb=0.00 disk_free_gb=unknown ")),
                 qPrintable(line));
        QVERIFY2(line.endsWith(QStringLiteral("status=ok")), qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TstVillage)
#include "tst_village.moc"
