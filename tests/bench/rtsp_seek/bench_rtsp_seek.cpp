// bench_rtsp_seek: how long from a seek request to the first frame of the asked second in the slot, for a
// recording served over RTSP (our GStreamer replay server on 127.0.0.1 playing an H.264 MP4 640x360@25 with a
// key frame every second), N seeks to random whole seconds while playing; which second is on screen is read
// from the picture (tests/support/video/marked_recording.h). One RTSP session for all seeks: each costs a
// PAUSE and a PLAY with Range: npt=. Baselines in the same run, each a fresh process and RTSP session per
// seek: `ffmpeg -ss T -i rtsp://... -frames:v 1 -f null -` (the CLI's RTSP seek: the same PLAY Range) and
// `ffprobe` of the URL (connect + DESCRIBE/SETUP/PLAY + stream analysis: the cost of a fresh session).
// Prints median and p95; fails only when a seek never lands.
#include "bench_support.h"
#include "marked_recording.h"
#include "rtsp_replay_server.h"
#include "vigil/video/frame_source.h"
#include "vigil/video/video_player.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>

using namespace vigil;

class BenchRtspSeek : public QObject
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
        const QString err = test::makeMarkedRecording(path, QStringLiteral("h264"), 30,
                                                      {QStringLiteral("-g"), QStringLiteral("25"),
                                                       QStringLiteral("-sc_threshold"), QStringLiteral("0")});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        test::ReplayServerOptions so;
        so.file = path;
        test::RtspReplayServer server(so);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const QString url = server.url().toString();

        std::atomic<int> seekDone{0};
        std::atomic<bool> failed{false};
        video::FrameSource::Options o;
        o.source.url = server.url();
        const std::int64_t openNs = video::monotonicNs();
        auto src =
            video::replayFrameSourceFactory()(o, [&](video::FrameSource *, const video::SourceEvent &e) {
                if (e.kind == video::SourceEvent::SeekDone)
                    ++seekDone;
                if (e.kind == video::SourceEvent::Error)
                    failed = true;
            });
        QVERIFY(bench::waitFor([&] { return src->slot().framesPut() > 0 || failed; }, 15000));
        const double openMs = double(video::monotonicNs() - openNs) / 1e6;
        QVERIFY(!failed);

        QRandomGenerator rng(11);
        std::vector<int> targets;
        for (int i = 0; i < seeks; ++i)
            targets.push_back(1 + int(rng.bounded(27)));
        std::vector<double> engineMs, ffmpegMs, ffprobeMs;
        for (int target : targets) {
            bench::waitMs(300); // a pause between seeks, as an operator's would be (not a wait for anything)
            src->slot().take();
            const std::int64_t t0 = video::monotonicNs();
            src->seek(std::int64_t(target) * 1000);
            std::int64_t landedNs = 0;
            const bool ok = bench::waitFor(
                [&] {
                    if (auto e = src->slot().take()) {
                        if (test::frameIndexOf(e->frame) / test::kMarkedFps == target) {
                            landedNs = e->receivedNs;
                            return true;
                        }
                    }
                    return false;
                },
                10000);
            QVERIFY2(ok, qPrintable(QStringLiteral("the seek to %1 s never showed second %1").arg(target)));
            engineMs.push_back(double(landedNs - t0) / 1e6);
        }
        src->requestStop();
        const auto timed = [](const QString &program, const QStringList &args) {
            QElapsedTimer t;
            t.start();
            QProcess p;
            p.start(program, args);
            p.waitForFinished(30000);
            return p.exitCode() == 0 ? double(t.nsecsElapsed()) / 1e6 : -1.0;
        };
        for (int target : targets) {
            const double ms = timed(
                QStringLiteral("ffmpeg"),
                {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                 QStringLiteral("-rtsp_transport"), QStringLiteral("tcp"), QStringLiteral("-ss"),
                 QString::number(target), QStringLiteral("-i"), url, QStringLiteral("-frames:v"),
                 QStringLiteral("1"), QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
            QVERIFY2(ms >= 0, "ffmpeg -ss on the RTSP URL failed");
            ffmpegMs.push_back(ms);
            const double probe =
                timed(QStringLiteral("ffprobe"),
                      {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-rtsp_transport"),
                       QStringLiteral("tcp"), QStringLiteral("-show_streams"), url});
            if (probe >= 0)
                ffprobeMs.push_back(probe);
        }
        std::printf(
            "# bench_rtsp_seek: H.264 640x360@25 over RTSP/TCP from 127.0.0.1 (key frame every 1 s), %d "
            "seeks to random seconds while playing, %d cores\n",
            seeks, QThread::idealThreadCount());
        std::printf("replay engine, open -> first frame: %.0f ms\n", openMs);
        std::printf("replay engine, seek (PAUSE + PLAY Range: npt) -> first frame of the asked second in the "
                    "slot: median %.0f ms, p95 %.0f ms, max %.0f ms\n",
                    bench::percentile(engineMs, 0.5), bench::percentile(engineMs, 0.95),
                    *std::max_element(engineMs.begin(), engineMs.end()));
        std::printf("baseline, ffmpeg -ss T -i rtsp://... -frames:v 1 (new process and RTSP session each): "
                    "median %.0f ms, p95 %.0f ms\n",
                    bench::percentile(ffmpegMs, 0.5), bench::percentile(ffmpegMs, 0.95));
        if (!ffprobeMs.empty())
            std::printf(
                "baseline, ffprobe -show_streams rtsp://... (a fresh session's setup): median %.0f ms, "
                "p95 %.0f ms\n",
                bench::percentile(ffprobeMs, 0.5), bench::percentile(ffprobeMs, 0.95));
        std::printf("ratio engine/ffmpeg (medians): %.2f\n",
                    bench::percentile(engineMs, 0.5) / std::max(1.0, bench::percentile(ffmpegMs, 0.5)));
        std::fflush(stdout);
        QVERIFY(video::VideoPlayer::waitForWorkers(10000));
    }
};

QTEST_MAIN(BenchRtspSeek)
#include "bench_rtsp_seek.moc"
