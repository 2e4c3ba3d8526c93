// Synchronized playback: how far apart N cameras on one PlaybackSession clock show their frames, over a run,
// beside the same N players opened at the same time with no clock (what a client without sync shows). The
// recording is one H.264 file made here with the ffmpeg CLI (320x180, 25 fps, 1 s GOP), every camera a piece
// of it on the same span; the shown time of each camera is its engine's live position.
// Prints medians, p95 and maxima; not a pass/fail test. BENCH_TILES (default 16), BENCH_SECONDS (default 60).
#include "bench_support.h"
#include "vigil/playback/playback_session.h"
#include "vigil/video/video_player.h"

#include <QtCore/QDateTime>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtGui/QGuiApplication>
#include <QtMultimedia/QVideoSink>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace vigil;

namespace {

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

struct Spread
{
    std::vector<double> samples;
    void add(const std::vector<double> &shown)
    {
        if (shown.empty())
            return;
        const auto [lo, hi] = std::minmax_element(shown.begin(), shown.end());
        samples.push_back(*hi - *lo);
    }
    void print(const char *what) const
    {
        std::printf("%-34s spread median %6.0f ms  p95 %6.0f ms  max %6.0f ms  (%zu samples)\n", what,
                    bench::percentile(samples, 0.5), bench::percentile(samples, 0.95),
                    samples.empty() ? 0.0 : *std::max_element(samples.begin(), samples.end()),
                    samples.size());
    }
};

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const int tiles = std::min(envInt("BENCH_TILES", 16), playback::PlaybackSession::kMaxCameras);
    const int seconds = envInt("BENCH_SECONDS", 60);
    if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty()) {
        std::printf("SKIP: ffmpeg is not installed\n");
        return 0;
    }
    QTemporaryDir dir;
    const QString clip = dir.filePath(QStringLiteral("clip.mp4"));
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                  QStringLiteral("lavfi"), QStringLiteral("-i"),
                  QStringLiteral("testsrc2=size=320x180:rate=25:duration=%1").arg(seconds + 15),
                  QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                  QStringLiteral("ultrafast"), QStringLiteral("-g"), QStringLiteral("25"), clip});
    if (!ffmpeg.waitForFinished(300000) || ffmpeg.exitCode() != 0) {
        std::printf("FAIL: ffmpeg could not make the clip\n");
        return 1;
    }
    const std::int64_t t0 = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
    const std::int64_t length = std::int64_t(seconds + 15) * 1000;
    std::vector<std::unique_ptr<QVideoSink>> sinks;
    std::printf("playback sync: %d tiles, %d s, 320x180 H.264 25 fps (libVLC recorded engine)\n", tiles,
                seconds);

    // Both arms: wait until every player shows a position, then sample the positions every 100 ms for
    // `seconds` into `spread`; returns this process's CPU in cores over the sampling.
    const auto measure = [seconds](const std::function<std::vector<double>()> &positions, Spread &spread) {
        bench::waitFor(
            [&] {
                const std::vector<double> now = positions();
                return std::none_of(now.begin(), now.end(), [](double ms) { return ms < 0; });
            },
            30000);
        const double cpu0 = bench::processCpuSeconds(QCoreApplication::applicationPid());
        QElapsedTimer run;
        run.start();
        while (run.elapsed() < seconds * 1000) {
            bench::waitMs(100);
            spread.add(positions());
        }
        return (bench::processCpuSeconds(QCoreApplication::applicationPid()) - cpu0) /
               (double(run.elapsed()) / 1000);
    };

    // 1) One clock: the PlaybackSession.
    Spread synced;
    double syncedCpu = 0;
    {
        playback::PlaybackSession session;
        session.setRecordingLookup([&](const QString &, playback::Span, auto done) {
            done({{t0, t0 + length, clip}}, QString());
        });
        QStringList ids;
        for (int i = 0; i < tiles; ++i)
            ids << QStringLiteral("cam%1").arg(i);
        session.open(ids, {}, double(t0 + 1000), true);
        for (int i = 0; i < tiles; ++i) {
            sinks.push_back(std::make_unique<QVideoSink>());
            session.playerAt(i)->setVideoSink(sinks.back().get());
        }
        syncedCpu = measure(
            [&] {
                std::vector<double> shown;
                for (int i = 0; i < tiles; ++i)
                    shown.push_back(session.playerAt(i)->livePositionMs());
                return shown;
            },
            synced);
        session.close();
    }

    // 2) Baseline: the same players opened together, each on its own (no clock, no correction).
    Spread alone;
    double aloneCpu = 0;
    {
        std::vector<std::unique_ptr<video::VideoPlayer>> players;
        for (int i = 0; i < tiles; ++i) {
            players.push_back(std::make_unique<video::VideoPlayer>());
            players.back()->setVideoSink(sinks[size_t(i)].get());
            players.back()->openRecording(clip, 1000);
        }
        aloneCpu = measure(
            [&] {
                std::vector<double> shown;
                for (const auto &p : players)
                    shown.push_back(p->livePositionMs());
                return shown;
            },
            alone);
        for (auto &p : players)
            p->stop();
    }
    synced.print("one clock (PlaybackSession):");
    alone.print("baseline, players on their own:");
    std::printf("CPU of this process: %.0f %% of a core with the clock, %.0f %% without\n", syncedCpu * 100,
                aloneCpu * 100);
    if (!video::VideoPlayer::waitForWorkers(5000))
        std::printf("note: some players did not close within 5 s\n");
    return 0;
}
