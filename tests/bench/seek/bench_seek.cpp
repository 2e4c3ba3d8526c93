// bench_seek: how long from a seek request to the first frame of the asked second in the slot, on a local
// H.264 MP4 (640x360, 25 fps, key frame every 10 s: the worst case decodes up to 10 s of frames), for N seeks
// to random whole seconds while playing. Which second is on screen is read from the picture
// (tests/support/video/marked_recording.h). Baseline in the same run: the ffmpeg CLI decoding the first frame
// at the same positions (`ffmpeg -ss T -i file -frames:v 1 -f null -`, which includes starting a process and
// opening the file every time). Prints median and p95; fails only when a seek never lands.
#include "bench_support.h"
#include "marked_recording.h"
#include "vigil/video/frame_source.h"
#include "vigil/video/video_player.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <thread>

using namespace vigil;

class BenchSeek : public QObject
{
    Q_OBJECT
private slots:
    void seek()
    {
        const int seeks = qEnvironmentVariableIntValue("BENCH_SEEKS") > 0
                              ? qEnvironmentVariableIntValue("BENCH_SEEKS")
                              : 20;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("rec.mp4"));
        const QString err = test::makeMarkedRecording(path, QStringLiteral("h264"), 30);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        std::atomic<int> seekDone{0};
        std::atomic<bool> failed{false};
        video::FrameSource::Options o;
        o.source.url = QUrl::fromLocalFile(path);
        auto src =
            video::recordedFrameSourceFactory()(o, [&](video::FrameSource *, const video::SourceEvent &e) {
                if (e.kind == video::SourceEvent::SeekDone)
                    ++seekDone;
                if (e.kind == video::SourceEvent::Error)
                    failed = true;
            });
        QVERIFY(bench::waitFor([&] { return src->slot().framesPut() > 10 || failed; }, 15000));
        QVERIFY(!failed);

        QRandomGenerator rng(11);
        std::vector<int> targets;
        for (int i = 0; i < seeks; ++i)
            targets.push_back(1 + int(rng.bounded(27))); // 1..27 s: room to play on after landing
        std::vector<double> vlcMs, seekDoneMs, ffmpegMs;
        int landedEarly = 0;
        for (int target : targets) {
            bench::waitMs(300); // a pause between seeks, as an operator's would be (not a wait for anything)
            src->slot().take();
            const int done0 = seekDone;
            const std::int64_t t0 = video::monotonicNs();
            src->seek(std::int64_t(target) * 1000);
            std::int64_t landedNs = 0, doneNs = 0;
            int firstAfter = -1;
            const bool ok = bench::waitFor(
                [&] {
                    if (!doneNs && seekDone > done0)
                        doneNs = video::monotonicNs();
                    if (auto e = src->slot().take()) {
                        const int frame = test::frameIndexOf(e->frame);
                        if (doneNs && firstAfter < 0)
                            firstAfter = frame;
                        if (frame / test::kMarkedFps == target) {
                            landedNs = e->receivedNs;
                            return true;
                        }
                    }
                    return false;
                },
                10000);
            QVERIFY2(ok, qPrintable(QStringLiteral("the seek to %1 s never showed second %1").arg(target)));
            vlcMs.push_back(double(landedNs - t0) / 1e6);
            if (doneNs)
                seekDoneMs.push_back(double(doneNs - t0) / 1e6);
            if (firstAfter >= 0 && firstAfter < target * test::kMarkedFps)
                ++landedEarly;
        }
        src->requestStop();
        for (int target : targets) {
            QElapsedTimer t;
            t.start();
            QProcess p;
            p.start(QStringLiteral("ffmpeg"),
                    {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                     QStringLiteral("-ss"), QString::number(target), QStringLiteral("-i"), path,
                     QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-f"),
                     QStringLiteral("null"), QStringLiteral("-")});
            QVERIFY(p.waitForFinished(30000));
            ffmpegMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::printf(
            "# bench_seek: local H.264 MP4 640x360@25, key frame every 10 s, %d seeks to random seconds "
            "while playing, %d cores\n",
            seeks, QThread::idealThreadCount());
        std::printf(
            "libVLC engine, seek -> first frame of the asked second in the slot: median %.0f ms, p95 %.0f "
            "ms, max %.0f ms\n",
            bench::percentile(vlcMs, 0.5), bench::percentile(vlcMs, 0.95),
            *std::max_element(vlcMs.begin(), vlcMs.end()));
        if (!seekDoneMs.empty())
            std::printf(
                "libVLC engine, seek -> SeekDone (first frame after the seek): median %.0f ms, p95 %.0f ms; "
                "%d of %d seeks showed a frame before the asked second first\n",
                bench::percentile(seekDoneMs, 0.5), bench::percentile(seekDoneMs, 0.95), landedEarly, seeks);
        std::printf(
            "baseline, ffmpeg -ss T -i file -frames:v 1 -f null - (includes process start and file open): "
            "median %.0f ms, p95 %.0f ms\n",
            bench::percentile(ffmpegMs, 0.5), bench::percentile(ffmpegMs, 0.95));
        std::printf("ratio engine/ffmpeg (medians): %.2f\n",
                    bench::percentile(vlcMs, 0.5) / std::max(1.0, bench::percentile(ffmpegMs, 0.5)));
        std::fflush(stdout);
        QVERIFY(video::VideoPlayer::waitForWorkers(10000));
    }
};

QTEST_MAIN(BenchSeek)
#include "bench_seek.moc"
