// Recorder against the real demo RTSP server (GStreamer rtsp-server on 127.0.0.1, Digest auth, H.264 sub
// stream 640x360, 1 s GOP): closed segments play (ffprobe: H.264 video, duration > 0; ffmpeg decodes them
// without an error), the index reads them back, the quota deletes oldest first, a server that comes back is
// recorded again within 5 s, and the pre-alarm ring starts a recording in the past.
#include "media_check.h"
#include "vigil/demo/demo_site.h"
#include "vigil/recording/exporter.h"
#include "vigil/recording/recorder.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil;
using recording::Recorder;
using recording::RecordingIndex;

namespace {
constexpr auto kUser = "recorder";
constexpr auto kPassword = "p@ss:w0rd/#2";

QStringList segmentFiles(const QString &dir)
{
    QStringList out;
    for (const QString &n : QDir(dir).entryList({QStringLiteral("*.mkv")}, QDir::Files, QDir::Name))
        out.append(QDir(dir).filePath(n));
    return out;
}
qint64 totalBytes(const QString &dir)
{
    qint64 n = 0;
    for (const QFileInfo &fi : QDir(dir).entryInfoList({QStringLiteral("*.mkv")}, QDir::Files))
        n += fi.size();
    return n;
}
} // namespace

class TstRecorder : public QObject
{
    Q_OBJECT
    std::unique_ptr<demo::DemoSite> m_site;

    recording::RecorderOptions options(const QString &root, const QString &camera, int segmentSeconds)
    {
        recording::RecorderOptions o;
        o.root = root;
        o.cameraId = camera;
        o.source.url = m_site->streamUrl(QStringLiteral("cam01"), false);
        o.source.user = QString::fromLatin1(kUser);
        o.source.password = QString::fromLatin1(kPassword);
        o.segmentSeconds = segmentSeconds;
        return o;
    }
    // Stops and waits for the worker to have closed the open segment.
    static void stopAndWait(Recorder &r)
    {
        QSignalSpy stopped(&r, &Recorder::stopped);
        r.stop();
        QVERIFY(stopped.wait(10000));
        QCOMPARE(r.currentSegment(), QString());
    }

private slots:
    void initTestCase()
    {
        demo::DemoSiteOptions o;
        o.cameraCount = 2;
        o.clipSeconds = 4;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        o.cacheDir = qEnvironmentVariable("VIGIL_RECORDING_TEST_CACHE",
                                          QDir::temp().filePath(QStringLiteral("vigil-recording-test")));
        m_site = std::make_unique<demo::DemoSite>(o);
        QString error;
        QVERIFY2(m_site->prepare(&error), qPrintable(error));
        QVERIFY2(m_site->start(&error), qPrintable(error));
    }
    void cleanupTestCase() { m_site.reset(); }

    void closedSegmentsPlay()
    {
        QTemporaryDir root;
        Recorder r(options(root.path(), QStringLiteral("cam01"), 2));
        QSignalSpy closed(&r, &Recorder::segmentClosed);
        r.start();
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Recording, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(closed.count() >= 2, 15000);
        stopAndWait(r);
        QVERIFY(r.bytesWritten() > 0);
        QVERIFY2(r.lastError().isEmpty(), qPrintable(r.lastError()));
        const QStringList files = segmentFiles(root.filePath(QStringLiteral("cam01")));
        QCOMPARE(files, r.closedSegments());
        QVERIFY(files.size() >= 3);
        for (const QString &f : files) {
            const test::Probe p = test::ffprobe(f);
            QVERIFY2(p.ok, qPrintable(f + QLatin1Char(' ') + p.error));
            QCOMPARE(p.videoCodec, QStringLiteral("h264"));
            QVERIFY2(p.duration > 0, qPrintable(f));
            QString errors;
            QVERIFY2(test::decodesCleanly(f, &errors), qPrintable(f + QLatin1Char(' ') + errors));
        }
        // Cut at key frames after 2 s: the full segments (all but the last) last 2 s (1 s GOP, 25 fps).
        const auto segs = RecordingIndex::scan(root.path(), QStringLiteral("cam01"));
        QCOMPARE(segs.size(), files.size());
        for (int i = 0; i + 1 < segs.size(); ++i) {
            QVERIFY(!segs[i].open);
            QVERIFY2(segs[i].durationMs() >= 1900 && segs[i].durationMs() <= 3100,
                     qPrintable(QString::number(segs[i].durationMs())));
            // Back to back: the next segment starts where this one ends (same connection, media clock).
            QVERIFY2(qAbs(segs[i].end.msecsTo(segs[i + 1].start)) <= 100,
                     qPrintable(QStringLiteral("gap %1 ms").arg(segs[i].end.msecsTo(segs[i + 1].start))));
        }
        const auto at = RecordingIndex::locate(segs, segs[1].start.addMSecs(500));
        QVERIFY(at);
        QCOMPARE(at->segment.path, files[1]);
        QCOMPARE(at->offsetMs, 500);

        // The timeline's export: a range across the recorded segments comes out as one MP4 of that length
        // (within a GOP: it starts at the key frame at or before `from`).
        const QDateTime from = segs[0].start.addMSecs(500), to = segs[1].end.addMSecs(-300);
        const QString out =
            root.filePath(recording::defaultExportFileName(QStringLiteral("cam01"), from, to));
        const auto req = recording::ExportRequest::forSegments(segs, from, to, out);
        QCOMPARE(req.pieces.size(), 2);
        const auto exported = recording::exportMedia(req);
        QVERIFY2(exported.ok, qPrintable(exported.error));
        const test::Probe p = test::ffprobe(out);
        const double asked = double(from.msecsTo(to)) / 1000.0;
        QVERIFY2(
            p.ok && p.videoCodec == QLatin1String("h264") && p.duration >= asked - 0.1 &&
                p.duration <= asked + 1.05,
            qPrintable(QStringLiteral("asked %1 s, got %2 s %3").arg(asked).arg(p.duration).arg(p.error)));
        QString errors;
        QVERIFY2(test::decodesCleanly(out, &errors), qPrintable(errors));
    }

    void quotaDeletesOldestFirst()
    {
        // One segment's size first, then a budget of about two and a half segments.
        QTemporaryDir measure;
        qint64 segmentBytes = 0;
        {
            Recorder r(options(measure.path(), QStringLiteral("cam01"), 1));
            QSignalSpy closed(&r, &Recorder::segmentClosed);
            r.start();
            QTRY_VERIFY_WITH_TIMEOUT(closed.count() >= 2, 15000);
            stopAndWait(r);
            segmentBytes = QFileInfo(closed.at(1).at(0).toString()).size();
        }
        QVERIFY(segmentBytes > 0);
        const qint64 budget = segmentBytes * 5 / 2;
        QTemporaryDir root;
        auto o = options(root.path(), QStringLiteral("cam01"), 1);
        o.quotaBytes = budget;
        Recorder r(o);
        const QString dir = root.filePath(QStringLiteral("cam01"));
        QStringList everySegment; // in the order they were closed
        bool suffixAlways = true;
        qint64 worstClosedTotal = 0;
        connect(&r, &Recorder::segmentClosed, this, [&](const QString &path) {
            everySegment.append(path);
            // The files left are always the newest ones: nothing deleted out of order.
            QStringList closedNow; // the files on disk that are known to be closed
            for (const QString &f : segmentFiles(dir))
                if (everySegment.contains(f))
                    closedNow.append(f);
            suffixAlways =
                suffixAlways && everySegment.mid(everySegment.size() - closedNow.size()) == closedNow;
            qint64 closedTotal = 0;
            for (const QString &f : closedNow)
                closedTotal += QFileInfo(f).size();
            worstClosedTotal = std::max(worstClosedTotal, closedTotal);
        });
        r.start();
        QTRY_VERIFY_WITH_TIMEOUT(everySegment.size() >= 6, 30000);
        stopAndWait(r);
        const QStringList left = segmentFiles(dir);
        QVERIFY2(left.size() < everySegment.size(), "nothing was deleted");
        QVERIFY2(suffixAlways, "a segment was deleted before an older one");
        QCOMPARE(left, everySegment.mid(everySegment.size() - left.size()));
        QVERIFY2(totalBytes(dir) <= budget,
                 qPrintable(QStringLiteral("%1 bytes left, budget %2").arg(totalBytes(dir)).arg(budget)));
        // Closed segments beside the open one: within budget plus at most one segment's worth of slack (the
        // quota runs when a segment closes, counting the one just closed).
        QVERIFY2(worstClosedTotal <= budget + segmentBytes * 3 / 2,
                 qPrintable(QStringLiteral("%1 closed bytes, budget %2").arg(worstClosedTotal).arg(budget)));
        qInfo().noquote() << QStringLiteral("quota %1 bytes (segment ~%2): %3 segments written, %4 kept")
                                 .arg(budget)
                                 .arg(segmentBytes)
                                 .arg(everySegment.size())
                                 .arg(left.size());
    }

    void recordsAgainWithinFiveSecondsOfTheServerComingBack()
    {
        QTemporaryDir root;
        Recorder r(options(root.path(), QStringLiteral("cam01"), 2));
        const QString dir = root.filePath(QStringLiteral("cam01"));
        r.start();
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Recording, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(r.bytesWritten() > 0, 5000);
        m_site->stop();
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Reconnecting, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(r.currentSegment(), QString(), 5000); // the interrupted segment was closed
        QVERIFY(!r.lastError().isEmpty());
        const QStringList before = segmentFiles(dir);
        QVERIFY(!before.isEmpty());
        // The segment cut by the outage is closed properly: it plays.
        QString errors;
        QVERIFY2(test::decodesCleanly(before.last(), &errors), qPrintable(errors));

        QString error;
        QVERIFY2(m_site->start(&error), qPrintable(error));
        QElapsedTimer back;
        back.start();
        QTRY_VERIFY_WITH_TIMEOUT(segmentFiles(dir).size() > before.size(), 10000);
        const qint64 ms = back.elapsed();
        qInfo().noquote() << QStringLiteral("recording again %1 ms after the server came back").arg(ms);
        QVERIFY2(ms <= 5000, qPrintable(QStringLiteral("new segment after %1 ms").arg(ms)));
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Recording, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(r.lastError().isEmpty(), 5000);
        stopAndWait(r);
        for (const QString &f : segmentFiles(dir)) {
            const test::Probe p = test::ffprobe(f);
            QVERIFY2(p.ok && p.videoCodec == QLatin1String("h264"),
                     qPrintable(f + QLatin1Char(' ') + p.error));
        }
    }

    void wrongPasswordSaysSoAndWritesNothing()
    {
        QTemporaryDir root;
        auto o = options(root.path(), QStringLiteral("cam01"), 2);
        o.source.password = QStringLiteral("not-the-secret-42");
        Recorder r(o);
        r.start();
        QTRY_VERIFY_WITH_TIMEOUT(!r.lastError().isEmpty(), 10000);
        QCOMPARE(r.state(), Recorder::State::Reconnecting);
        QCOMPARE(r.status().lastErrorCode, QStringLiteral("auth"));
        QVERIFY2(!r.lastError().contains(QStringLiteral("not-the-secret-42")), qPrintable(r.lastError()));
        QVERIFY(!QDir(root.filePath(QStringLiteral("cam01"))).exists() ||
                segmentFiles(root.filePath(QStringLiteral("cam01"))).isEmpty());
        qInfo().noquote() << "wrong password:" << r.lastError();
        stopAndWait(r);
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Idle, 5000);
    }

    void preAlarmRingStartsInThePast()
    {
        QTemporaryDir root;
        auto o = options(root.path(), QStringLiteral("cam01"), 30);
        o.preAlarmSeconds = 3;
        Recorder r(o);
        r.setBuffering(true);
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Buffering, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(r.status().ringMs >= 3000, 15000);
        QVERIFY(segmentFiles(root.filePath(QStringLiteral("cam01"))).isEmpty()); // buffering writes nothing
        const QDateTime asked = QDateTime::currentDateTimeUtc();
        QSignalSpy closed(&r, &Recorder::segmentClosed);
        r.start(3);
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Recording, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(r.bytesWritten() > 0, 5000);
        stopAndWait(r);
        QCOMPARE(closed.count(), 1);
        const QString path = closed.at(0).at(0).toString();
        const auto start = recording::parseSegmentFileName(path);
        QVERIFY(start);
        const qint64 earlier = start->msecsTo(asked);
        qInfo().noquote()
            << QStringLiteral("pre-alarm: the recording starts %1 ms before it was asked for").arg(earlier);
        // At the key frame at or before now - 3 s: 3..4 s back (1 s GOP), a little slack for the clock
        // anchor.
        QVERIFY2(earlier >= 2500 && earlier <= 5000, qPrintable(QString::number(earlier)));
        const test::Probe p = test::ffprobe(path);
        QVERIFY2(p.ok && p.duration >= 2.9,
                 qPrintable(QStringLiteral("%1 s %2").arg(p.duration).arg(p.error)));
        // Still buffering after the stop (ring kept), and a second stop is answered too.
        QTRY_COMPARE_WITH_TIMEOUT(r.state(), Recorder::State::Buffering, 5000);
        stopAndWait(r);
    }
};

QTEST_GUILESS_MAIN(TstRecorder)
#include "tst_recorder.moc"
