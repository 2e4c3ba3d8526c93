// Export against real files made with the ffmpeg CLI at test time (20 s, H.264 1 s GOP, AAC audio): the MP4's
// duration by ffprobe is within one GOP of the asked range, it starts at 0, its .sha256 passes `sha256sum
// -c`; a cancelled export leaves no file; a camera's range across Matroska segments (named like the
// Recorder's, cut by the ffmpeg segment muxer) comes out as one MP4; the Exporter object reports progress and
// the result.
#include "media_check.h"
#include "vigil/recording/exporter.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::recording;

namespace {
video::MediaSource fileSource(const QString &path)
{
    video::MediaSource s;
    s.url = QUrl::fromLocalFile(path);
    return s;
}
} // namespace

class TstExporter : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_source; // 20 s, 1 s GOP, H.264 + AAC

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_source = m_dir.filePath(QStringLiteral("source.mp4"));
        QByteArray out;
        const int rc = test::run(QStringLiteral("ffmpeg"),
                                 {QStringLiteral("-nostdin"),
                                  QStringLiteral("-v"),
                                  QStringLiteral("error"),
                                  QStringLiteral("-f"),
                                  QStringLiteral("lavfi"),
                                  QStringLiteral("-i"),
                                  QStringLiteral("testsrc2=size=320x240:rate=25"),
                                  QStringLiteral("-f"),
                                  QStringLiteral("lavfi"),
                                  QStringLiteral("-i"),
                                  QStringLiteral("sine=frequency=440:sample_rate=48000"),
                                  QStringLiteral("-t"),
                                  QStringLiteral("20"),
                                  QStringLiteral("-c:v"),
                                  QStringLiteral("libx264"),
                                  QStringLiteral("-preset"),
                                  QStringLiteral("ultrafast"),
                                  QStringLiteral("-g"),
                                  QStringLiteral("25"),
                                  QStringLiteral("-keyint_min"),
                                  QStringLiteral("25"),
                                  QStringLiteral("-sc_threshold"),
                                  QStringLiteral("0"),
                                  QStringLiteral("-pix_fmt"),
                                  QStringLiteral("yuv420p"),
                                  QStringLiteral("-c:a"),
                                  QStringLiteral("aac"),
                                  QStringLiteral("-y"),
                                  m_source},
                                 &out);
        QVERIFY2(rc == 0, out.constData());
    }

    void rangeOfAFile_data()
    {
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::newRow("5.5-12.3") << 5.5 << 12.3;
        QTest::newRow("0-4") << 0.0 << 4.0;
        QTest::newRow("on a key frame 10-15") << 10.0 << 15.0;
        QTest::newRow("to the end 17-99") << 17.0 << 99.0;
    }
    void rangeOfAFile()
    {
        QFETCH(double, from);
        QFETCH(double, to);
        const QString out = m_dir.filePath(QStringLiteral("range.mp4"));
        std::vector<double> seen;
        const ExportResult r = exportMedia(ExportRequest::forMedia(fileSource(m_source), from, to, out),
                                           [&](double p) { seen.push_back(p); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.path, out);
        QVERIFY(!QFileInfo::exists(out + QStringLiteral(".part")));
        QVERIFY(!seen.empty());
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), 1.0);

        const double asked = std::min(to, 20.0) - from;
        const test::Probe p = test::ffprobe(out);
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.videoCodec, QStringLiteral("h264"));
        QVERIFY2(std::abs(p.duration - asked) <= 1.0 + 0.05,
                 qPrintable(QStringLiteral("asked %1 s, got %2 s").arg(asked).arg(p.duration)));
        QVERIFY2(p.duration >= asked - 0.1, "the export starts at the key frame at or before --from");
        QVERIFY2(std::abs(p.startTime) < 0.05, qPrintable(QString::number(p.startTime)));
        QVERIFY2(
            std::abs(double(r.durationMs) / 1000.0 - p.duration) < 0.1,
            qPrintable(QStringLiteral("reported %1 ms, ffprobe %2 s").arg(r.durationMs).arg(p.duration)));
        QString errors;
        QVERIFY2(test::decodesCleanly(out, &errors), qPrintable(errors));

        // The checksum file: sha256sum format, checked by sha256sum itself from the export's folder.
        QCOMPARE(r.sha256Path, out + QStringLiteral(".sha256"));
        QFile sum(r.sha256Path);
        QVERIFY(sum.open(QIODevice::ReadOnly));
        QCOMPARE(sum.readAll(), (r.sha256 + QStringLiteral("  range.mp4\n")).toLatin1());
        QByteArray check;
        QCOMPARE(test::run(QStringLiteral("sha256sum"),
                           {QStringLiteral("-c"), QStringLiteral("range.mp4.sha256")}, &check, m_dir.path()),
                 0);
        QVERIFY2(check.contains("range.mp4: OK"), check.constData());
    }

    void bFramesKeepTheirOrder_data()
    {
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::newRow("near the start (read from it)") << 2.5 << 7.5;
        QTest::newRow("far in (seek)") << 21.5 << 26.5;
    }
    void bFramesKeepTheirOrder()
    {
        // Cameras' main streams often carry B-frames (pts after dts), and Matroska stores no decode times:
        // the rebased times must stay valid, after a seek too.
        QFETCH(double, from);
        QFETCH(double, to);
        const QString src = m_dir.filePath(QStringLiteral("bframes.mkv"));
        if (!QFileInfo::exists(src)) {
            QByteArray log;
            QCOMPARE(test::run(QStringLiteral("ffmpeg"),
                               {QStringLiteral("-nostdin"),
                                QStringLiteral("-v"),
                                QStringLiteral("error"),
                                QStringLiteral("-f"),
                                QStringLiteral("lavfi"),
                                QStringLiteral("-i"),
                                QStringLiteral("testsrc2=size=320x240:rate=25"),
                                QStringLiteral("-t"),
                                QStringLiteral("30"),
                                QStringLiteral("-c:v"),
                                QStringLiteral("libx264"),
                                QStringLiteral("-preset"),
                                QStringLiteral("veryfast"),
                                QStringLiteral("-bf"),
                                QStringLiteral("2"),
                                QStringLiteral("-g"),
                                QStringLiteral("25"),
                                QStringLiteral("-sc_threshold"),
                                QStringLiteral("0"),
                                QStringLiteral("-pix_fmt"),
                                QStringLiteral("yuv420p"),
                                QStringLiteral("-y"),
                                src},
                               &log),
                     0);
        }
        const QString out = m_dir.filePath(QStringLiteral("bframes.mp4"));
        const ExportResult r = exportMedia(ExportRequest::forMedia(fileSource(src), from, to, out));
        QVERIFY2(r.ok, qPrintable(r.error));
        const test::Probe p = test::ffprobe(out);
        QVERIFY2(p.ok && p.duration >= (to - from) - 0.1 && p.duration <= (to - from) + 1.05,
                 qPrintable(QStringLiteral("%1 s %2").arg(p.duration).arg(p.error)));
        QString errors;
        QVERIFY2(test::decodesCleanly(out, &errors), qPrintable(errors));
    }

    void faststartPutsTheIndexFirst()
    {
        const QString out = m_dir.filePath(QStringLiteral("faststart.mp4"));
        const ExportResult r = exportMedia(ExportRequest::forMedia(fileSource(m_source), 2, 8, out));
        QVERIFY2(r.ok, qPrintable(r.error));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(4096);
        QVERIFY(head.indexOf("moov") >= 0);
        QVERIFY(head.indexOf("moov") < head.indexOf("mdat") || head.indexOf("mdat") < 0);
    }

    void cancelLeavesNoFile()
    {
        const QString out = m_dir.filePath(QStringLiteral("cancelled.mp4"));
        std::atomic<bool> cancel{false};
        double at = 0;
        const ExportResult r = exportMedia(
            ExportRequest::forMedia(fileSource(m_source), 0, 20, out),
            [&](double p) {
                if (p >= 0.3 && !cancel) {
                    at = p;
                    cancel = true;
                }
            },
            &cancel);
        QVERIFY(at >= 0.3 && at < 1.0);
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(!QFileInfo::exists(out));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral(".part")));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral(".sha256")));
    }

    void failuresSaySomething()
    {
        const QString out = m_dir.filePath(QStringLiteral("never.mp4"));
        ExportResult r = exportMedia(
            ExportRequest::forMedia(fileSource(m_dir.filePath(QStringLiteral("missing.mkv"))), 0, 5, out));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("missing.mkv")), qPrintable(r.error));
        QVERIFY(!QFileInfo::exists(out));
        r = exportMedia(ExportRequest::forSegments({}, {}, {}, out));
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
        r = exportMedia(ExportRequest::forMedia(fileSource(m_source), 0, 5,
                                                m_dir.filePath(QStringLiteral("no/such/dir/x.mp4"))));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("Check")), qPrintable(r.error));
    }

    void rangeAcrossSegments()
    {
        // 4 s Matroska segments (1 s GOP: cut exactly), named as the Recorder names them.
        QTemporaryDir root;
        const QDir cam(root.filePath(QStringLiteral("cam09")));
        QVERIFY(cam.mkpath(QStringLiteral(".")));
        QByteArray log;
        QCOMPARE(test::run(QStringLiteral("ffmpeg"),
                           {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                            QStringLiteral("-i"), m_source, QStringLiteral("-c"), QStringLiteral("copy"),
                            QStringLiteral("-f"), QStringLiteral("segment"), QStringLiteral("-segment_time"),
                            QStringLiteral("4"), QStringLiteral("-segment_format"),
                            QStringLiteral("matroska"), QStringLiteral("-reset_timestamps"),
                            QStringLiteral("1"), cam.filePath(QStringLiteral("s%02d.mkv"))},
                           &log),
                 0);
        const QDateTime t0(QDate(2026, 12, 6), QTime(22, 0, 0), Qt::UTC);
        const QStringList parts = cam.entryList({QStringLiteral("s*.mkv")}, QDir::Files, QDir::Name);
        QCOMPARE(parts.size(), 5);
        for (int i = 0; i < parts.size(); ++i)
            QVERIFY(QFile::rename(cam.filePath(parts[i]), cam.filePath(segmentFileName(t0.addSecs(4 * i)))));

        const QList<Segment> segs = RecordingIndex::scan(root.path(), QStringLiteral("cam09"));
        QCOMPARE(segs.size(), 5);
        for (const Segment &s : segs) {
            QVERIFY(!s.open);
            QVERIFY2(std::abs(s.durationMs() - 4000) <= 100, qPrintable(QString::number(s.durationMs())));
        }
        const QDateTime from = t0.addMSecs(3500), to = t0.addMSecs(13200);
        const QString out = m_dir.filePath(defaultExportFileName(QStringLiteral("cam09"), from, to));
        QCOMPARE(QFileInfo(out).fileName(), QStringLiteral("cam09_20261206T220003Z_20261206T220013Z.mp4"));
        const ExportRequest req = ExportRequest::forSegments(segs, from, to, out);
        QCOMPARE(req.pieces.size(), 4); // 0-4 (from 3.5), 4-8, 8-12, 12-16 (to 1.2)
        QCOMPARE(req.pieces.first().fromMs, 3500);
        QCOMPARE(req.pieces.last().toMs, 1200);
        const ExportResult r = exportMedia(req);
        QVERIFY2(r.ok, qPrintable(r.error));
        const test::Probe p = test::ffprobe(out);
        QVERIFY2(p.ok, qPrintable(p.error));
        QVERIFY2(std::abs(p.duration - 9.7) <= 1.05, qPrintable(QString::number(p.duration)));
        QString errors;
        QVERIFY2(test::decodesCleanly(out, &errors), qPrintable(errors));
    }

    void exporterObjectRunsOnItsThread()
    {
        Exporter e;
        QSignalSpy done(&e, &Exporter::finished);
        QSignalSpy progress(&e, &Exporter::progressChanged);
        const QString out = m_dir.filePath(QStringLiteral("object.mp4"));
        QVERIFY(e.start(ExportRequest::forMedia(fileSource(m_source), 1, 19, out)));
        QVERIFY(e.isRunning());
        QVERIFY(!e.start(ExportRequest::forMedia(fileSource(m_source), 1, 2, out))); // one at a time
        QVERIFY(done.wait(30000));
        QVERIFY(!e.isRunning());
        const auto r = done.first().first().value<ExportResult>();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(e.progress(), 1.0);
        QVERIFY(progress.count() >= 1);
        QVERIFY(QFileInfo::exists(out) && QFileInfo::exists(out + QStringLiteral(".sha256")));
    }
};

QTEST_GUILESS_MAIN(TstExporter)
#include "tst_exporter.moc"
