// Recording CPU per camera: N Recorders (remux to Matroska, 60 s segments) in this process on N streams of
// vigil-demo-server (its own process, so its CPU is not ours), then N ffmpeg CLI processes copying the same
// streams to Matroska, each measured by CPU time (/proc/<pid>/stat) over the same window length after a
// warm-up. Prints % of one core per camera, the measured bitrate and % per 2 Mbit/s.
#include "bench_support.h"
#include "vigil/core/worker_threads.h"
#include "vigil/recording/recorder.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>

#include <cstdio>
#include <memory>

using namespace vigil;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({QStringLiteral("server"), QStringLiteral("vigil-demo-server"), QStringLiteral("path")});
    p.addOption(
        {QStringLiteral("cameras"), QStringLiteral("streams"), QStringLiteral("n"), QStringLiteral("4")});
    p.addOption(
        {QStringLiteral("seconds"), QStringLiteral("window"), QStringLiteral("s"), QStringLiteral("20")});
    p.addOption({QStringLiteral("clip-seconds"), QStringLiteral("demo clip length"), QStringLiteral("s"),
                 QStringLiteral("20")});
    p.addOption({QStringLiteral("sub"), QStringLiteral("record the sub streams (640x360) instead of main")});
    p.process(app);
    const int cameras = std::max(1, p.value(QStringLiteral("cameras")).toInt());
    const int seconds = std::max(1, p.value(QStringLiteral("seconds")).toInt());
    const bool main = !p.isSet(QStringLiteral("sub"));

    bench::DemoServer server;
    server.path = p.value(QStringLiteral("server"));
    server.cameras = cameras;
    server.clipSeconds = p.value(QStringLiteral("clip-seconds")).toInt();
    if (!server.start())
        return 1;
    QTemporaryDir dir;

    // --- ours
    std::vector<std::unique_ptr<recording::Recorder>> recs;
    for (int i = 0; i < cameras; ++i) {
        recording::RecorderOptions o;
        o.root = dir.filePath(QStringLiteral("vigil"));
        o.cameraId = QStringLiteral("cam%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        o.source.url = server.url(i, main);
        recs.push_back(std::make_unique<recording::Recorder>(o));
        recs.back()->start();
    }
    const bool recording = bench::waitFor(
        [&] {
            for (auto &r : recs)
                if (r->bytesWritten() == 0)
                    return false;
            return true;
        },
        30000);
    if (!recording) {
        std::fprintf(stderr, "bench_record: not every recorder started (%s)\n",
                     qPrintable(recs.front()->lastError()));
        return 1;
    }
    bench::waitMs(2000);
    const qint64 self = QCoreApplication::applicationPid();
    auto bytes = [&] {
        qint64 n = 0;
        for (auto &r : recs)
            n += r->bytesWritten();
        return n;
    };
    const double c0 = bench::processCpuSeconds(self);
    const qint64 b0 = bytes();
    QElapsedTimer t;
    t.start();
    bench::waitMs(seconds * 1000);
    const double oursCpu = 100.0 * (bench::processCpuSeconds(self) - c0) / (double(t.nsecsElapsed()) / 1e9);
    const double mbps = double(bytes() - b0) * 8 / 1e6 / (double(t.nsecsElapsed()) / 1e9) / cameras;
    for (auto &r : recs)
        r->stop();
    bench::waitFor(
        [&] {
            return std::all_of(recs.begin(), recs.end(),
                               [](auto &r) { return r->currentSegment().isEmpty(); });
        },
        10000);
    recs.clear();
    core::WorkerThreads::wait(5000, u"recording");

    // --- the ffmpeg CLI, same streams, same window
    std::vector<std::unique_ptr<QProcess>> procs;
    for (int i = 0; i < cameras; ++i) {
        auto proc = std::make_unique<QProcess>();
        proc->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        proc->start(QStringLiteral("ffmpeg"),
                    {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                     QStringLiteral("-rtsp_transport"), QStringLiteral("tcp"), QStringLiteral("-i"),
                     server.url(i, main).toString(), QStringLiteral("-c"), QStringLiteral("copy"),
                     QStringLiteral("-f"), QStringLiteral("matroska"), QStringLiteral("-y"),
                     dir.filePath(QStringLiteral("ffmpeg%1.mkv").arg(i))});
        procs.push_back(std::move(proc));
    }
    bench::waitMs(3000);
    auto cliCpu = [&] {
        double s = 0;
        for (auto &proc : procs)
            s += bench::processCpuSeconds(proc->processId());
        return s;
    };
    const double f0 = cliCpu();
    t.restart();
    bench::waitMs(seconds * 1000);
    const double ffCpu = 100.0 * (cliCpu() - f0) / (double(t.nsecsElapsed()) / 1e9);
    for (auto &proc : procs) {
        proc->terminate();
        proc->waitForFinished(5000);
    }

    const double perCamOurs = oursCpu / cameras, perCamCli = ffCpu / cameras;
    std::printf("%d %s streams, %.2f Mbit/s each, %d s window\n", cameras,
                main ? "main 1280x720" : "sub 640x360", mbps, seconds);
    std::printf("%-36s %6.2f %% of a core per camera  %6.2f %% per 2 Mbit/s\n",
                "vigil Recorder (whole process)", perCamOurs, mbps > 0 ? perCamOurs * 2 / mbps : 0.0);
    std::printf("%-36s %6.2f %% of a core per camera  %6.2f %% per 2 Mbit/s\n", "ffmpeg -c copy -f matroska",
                perCamCli, mbps > 0 ? perCamCli * 2 / mbps : 0.0);
    std::printf("ratio vigil/ffmpeg %.2f (goal: < 1 %% of a core per 2 Mbit/s camera)\n",
                perCamCli > 0 ? perCamOurs / perCamCli : 0.0);
    std::printf(
        "(\"per 2 Mbit/s\" scales linearly from the measured bitrate; remuxing costs mostly per packet, so\n"
        " compare --sub with main at the same frame rate before trusting it for a higher bitrate)\n");
    return 0;
}
