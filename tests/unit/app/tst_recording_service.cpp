// RecordingService: the export of a marked range across cameras (one has a recording, one has none: the
// sentence says which), the refusals, and the playback lookup over the same folder. Real files: a segment
// made with the ffmpeg CLI in Vigil's layout, exported by the recording room's Exporter, measured by ffprobe.
#include "vigil/app/recording_service.h"
#include "vigil/playback/playback_session.h"
#include "vigil/video/video_player.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil;

class TstRecordingService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QDateTime m_t0 = QDateTime(QDate(2026, 12, 6), QTime(14, 0, 0), Qt::UTC);

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg is not installed (scripts/setup-deps.sh installs it)");
        QVERIFY(m_dir.isValid());
        qputenv("VIGIL_RECORDINGS_DIR", m_dir.filePath(QStringLiteral("rec")).toUtf8());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("rec/cam01"))));
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                      QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("testsrc2=size=320x180:rate=25:duration=8"), QStringLiteral("-c:v"),
                      QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                      QStringLiteral("-g"), QStringLiteral("25"),
                      m_dir.filePath(QStringLiteral("rec/cam01/20261206T140000.000.mkv"))});
        QVERIFY(ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0);
    }

    void exportsTheMarkedRange()
    {
        app::RecordingService service(nullptr, {m_dir.filePath(QStringLiteral("rec"))});
        QSignalSpy finished(&service, &app::RecordingService::exportFinished);
        QVERIFY(service.exportRange({QStringLiteral("cam01"), QStringLiteral("cam02")},
                                    double(m_t0.addSecs(2).toMSecsSinceEpoch()),
                                    double(m_t0.addSecs(5).toMSecsSinceEpoch())));
        QVERIFY(service.exporting());
        QVERIFY(finished.wait(60000));
        QVERIFY(!service.exporting());
        const QString text = finished.first().at(0).toString();
        QCOMPARE(finished.first().at(1).toBool(), false); // cam02 recorded nothing
        QVERIFY2(text.contains(QStringLiteral("cam02 has no recording")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Exported 1 of 2")), qPrintable(text));

        const QStringList files = QDir(service.exportDir()).entryList({QStringLiteral("cam01_*.mp4")});
        QCOMPARE(files.size(), 1);
        const QString mp4 = QDir(service.exportDir()).filePath(files.first());
        QVERIFY(QFile::exists(mp4 + QStringLiteral(".sha256")));
        QProcess check;
        check.setWorkingDirectory(service.exportDir());
        check.start(QStringLiteral("sha256sum"),
                    {QStringLiteral("-c"), files.first() + QStringLiteral(".sha256")});
        QVERIFY(check.waitForFinished(30000));
        QCOMPARE(check.exitCode(), 0);
        QProcess probe;
        probe.start(QStringLiteral("ffprobe"),
                    {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                     QStringLiteral("format=duration"), QStringLiteral("-of"), QStringLiteral("csv=p=0"),
                     mp4});
        QVERIFY(probe.waitForFinished(30000));
        const double duration = probe.readAllStandardOutput().trimmed().toDouble();
        // 3 s asked; the cut falls on the key frame at or before the start (1 s GOP).
        QVERIFY2(duration >= 2.9 && duration <= 4.1, qPrintable(QString::number(duration)));
    }

    void refusals()
    {
        app::RecordingService service(nullptr, {m_dir.filePath(QStringLiteral("rec"))});
        QSignalSpy finished(&service, &app::RecordingService::exportFinished);
        const double t = double(m_t0.toMSecsSinceEpoch());
        QVERIFY(!service.exportRange({QStringLiteral("cam01")}, t, t));                      // empty range
        QVERIFY(!service.exportRange({}, t, t + 1000));                                      // no camera
        QVERIFY(!service.exportRange({QStringLiteral("cam01")}, t, t + 25.0 * 3600 * 1000)); // over a day
        QCOMPARE(finished.size(), 3);
        QVERIFY(!service.exporting());
        // Without a camera directory nothing can be recorded, and the sentence says which camera.
        QVERIFY(!service.start(QStringLiteral("cam01")));
        QVERIFY(service.lastError().contains(QStringLiteral("cam01")));
        QVERIFY(!service.start(QStringLiteral("../etc")));
    }

    void playbackLookupFindsTheSegments()
    {
        app::RecordingService service(nullptr, {m_dir.filePath(QStringLiteral("rec"))});
        service.installPlaybackLookup();
        playback::PlaybackSession session; // takes the default lookup just installed
        QSignalSpy loaded(&session, &playback::PlaybackSession::recordingsLoaded);
        session.open({QStringLiteral("cam01")}, {}, double(m_t0.addSecs(3).toMSecsSinceEpoch()), false);
        QVERIFY(loaded.wait(10000));
        const QVariantList rows = session.timeline()->rows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toMap().value(QStringLiteral("spans")).toList().size(), 1);
        session.close();
        playback::PlaybackSession::setDefaultRecordingLookup({});
    }

    // The recorded engine's worker may still be loading VLC's plugins: it must be gone before the process
    // exits (a plugin loaded while GLib is being torn down aborted this test once in CI).
    void cleanupTestCase() { QVERIFY(video::VideoPlayer::waitForWorkers(10000)); }
};

QTEST_MAIN(TstRecordingService)
#include "tst_recording_service.moc"
