// bench_live_wall: how many live tiles this machine holds, and at what cost, next to the ffmpeg CLI decoding
// the very same streams in the same run. Prints figures; never passes or fails on them.
//
// Per N (tiles of 640x360@25 H.264 from vigil-demo-server, a separate process so its CPU is not ours):
//   pipeline  decode + deliver to QVideoSinks, no drawing
//   rendered  a real window (Xvfb + Mesa llvmpipe) with N VideoOutputs
//   ffmpeg    N x `ffmpeg -threads 1 -rtsp_transport tcp -i URL -f null -`
// and the time from assigning a camera to its first frame shown (median, p95 over --assignments).
#include "bench_support.h"
#include "vigil/video/video_player.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtMultimedia/QVideoSink>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickView>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

using vigil::video::MediaSource;
using vigil::video::VideoPlayer;
using namespace vigil::bench;

namespace {

constexpr double kFps = 25.0;

struct Result
{
    int n = 0;
    double minShown = 0, medianShown = 0; // frames shown / frames sent
    double minDecoded = 0;         // frames decoded / frames sent (lowest tile): tells pacer drops apart
    double procCpu = 0;            // % of one core
    double machineBusy = 0;        // % of the whole machine
    double rssPerTile = 0;         // MB
    double latP50 = 0, latP95 = 0; // ms, decoded -> handed to the sink
    double rendersPerSec = 0;      // rendered mode: window frames swapped per second
    bool ok = true;
};

class Bench
{
public:
    DemoServer server;
    int seconds = 30;

    QUrl url(int i) const { return server.url(i); }

    // Plays N streams into the given sinks and measures for `seconds`.
    Result measure(int n, const std::vector<QVideoSink *> &sinks, QQuickWindow *window, double rssBase)
    {
        Result r;
        r.n = n;
        std::vector<std::unique_ptr<VideoPlayer>> players;
        for (int i = 0; i < n; ++i) {
            auto p = std::make_unique<VideoPlayer>();
            p->setVideoSink(sinks[size_t(i)]);
            MediaSource s;
            s.url = url(i);
            p->setSource(s);
            p->play();
            players.push_back(std::move(p));
        }
        if (!waitFor(
                [&] {
                    return std::all_of(players.begin(), players.end(), [](auto &p) { return p->hasFrame(); });
                },
                20000)) {
            std::fprintf(stderr, "N=%d: not every tile showed a frame within 20 s\n", n);
            r.ok = false;
        }
        waitMs(2000); // warm-up
        std::vector<qint64> shown0, decoded0;
        for (auto &p : players) {
            shown0.push_back(p->framesShownTotal());
            decoded0.push_back(p->framesDecodedTotal());
            p->takeLatencySamples();
        }
        int swaps = 0;
        QMetaObject::Connection c;
        if (window)
            c = QObject::connect(window, &QQuickWindow::frameSwapped, [&] { ++swaps; });
        const double cpu0 = processCpuSeconds(QCoreApplication::applicationPid());
        const MachineCpu m0 = machineCpu();
        QElapsedTimer t;
        t.start();
        waitMs(seconds * 1000);
        const double elapsed = double(t.nsecsElapsed()) / 1e9;
        const double cpu1 = processCpuSeconds(QCoreApplication::applicationPid());
        const MachineCpu m1 = machineCpu();
        if (window)
            QObject::disconnect(c);

        std::vector<double> ratios, decodedRatios, lat;
        for (size_t i = 0; i < players.size(); ++i) {
            ratios.push_back(double(players[i]->framesShownTotal() - shown0[i]) / (kFps * elapsed));
            decodedRatios.push_back(double(players[i]->framesDecodedTotal() - decoded0[i]) /
                                    (kFps * elapsed));
            for (float v : players[i]->takeLatencySamples())
                lat.push_back(v);
        }
        r.minShown = *std::min_element(ratios.begin(), ratios.end());
        r.medianShown = percentile(ratios, 0.5);
        r.minDecoded = *std::min_element(decodedRatios.begin(), decodedRatios.end());
        r.procCpu = 100.0 * (cpu1 - cpu0) / elapsed;
        r.machineBusy =
            m1.total > m0.total ? 100.0 * double(m1.busy - m0.busy) / double(m1.total - m0.total) : 0;
        r.rssPerTile = (rssMb() - rssBase) / n;
        r.latP50 = percentile(lat, 0.5);
        r.latP95 = percentile(lat, 0.95);
        r.rendersPerSec = double(swaps) / elapsed;
        players.clear();
        VideoPlayer::waitForWorkers(5000);
        waitMs(500);
        return r;
    }

    Result pipeline(int n, double rssBase)
    {
        std::vector<std::unique_ptr<QVideoSink>> owned;
        std::vector<QVideoSink *> sinks;
        for (int i = 0; i < n; ++i) {
            owned.push_back(std::make_unique<QVideoSink>());
            sinks.push_back(owned.back().get());
        }
        return measure(n, sinks, nullptr, rssBase);
    }

    Result rendered(int n, double rssBase)
    {
        QQuickView view;
        view.setInitialProperties({{QStringLiteral("count"), n}});
        view.setResizeMode(QQuickView::SizeRootObjectToView);
        view.setSource(QUrl(QStringLiteral("qrc:/bench/Grid.qml")));
        view.resize(1600, 900);
        view.show();
        // Repeater delegates are visual children, not QObject children: walk the item tree.
        std::vector<QVideoSink *> sinks(size_t(n), nullptr);
        std::vector<QQuickItem *> stack{view.rootObject()};
        while (!stack.empty()) {
            QQuickItem *item = stack.back();
            stack.pop_back();
            const QString name = item->objectName();
            if (name.startsWith(QLatin1String("tile"))) {
                const int i = name.mid(4).toInt();
                if (i >= 0 && i < n)
                    sinks[size_t(i)] = item->property("videoSink").value<QVideoSink *>();
            }
            const auto children = item->childItems();
            stack.insert(stack.end(), children.begin(), children.end());
        }
        if (std::find(sinks.begin(), sinks.end(), nullptr) != sinks.end()) {
            std::fprintf(stderr, "rendered: VideoOutput sinks not found\n");
            return {};
        }
        waitFor([&] { return view.isExposed(); }, 5000);
        return measure(n, sinks, &view, rssBase);
    }

    // ffmpeg CLI decoding the same N streams: % of one core summed over the N processes.
    double ffmpegCpu(int n)
    {
        std::vector<QUrl> urls;
        for (int i = 0; i < n; ++i)
            urls.push_back(url(i));
        return vigil::bench::ffmpegCpu(urls, seconds);
    }

    // Time from play() on a new tile to its first frame handed to the sink.
    std::vector<double> firstFrames(int count)
    {
        std::vector<double> ms;
        for (int i = 0; i < count; ++i) {
            QVideoSink sink;
            VideoPlayer p;
            p.setVideoSink(&sink);
            MediaSource s;
            s.url = url(i);
            p.setSource(s);
            QElapsedTimer t;
            t.start();
            p.play();
            if (waitFor([&] { return p.hasFrame(); }, 10000))
                ms.push_back(double(t.nsecsElapsed()) / 1e6);
            p.stop();
        }
        VideoPlayer::waitForWorkers(5000);
        return ms;
    }
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_LOGGING_RULES", "vigil.*.info=false"); // before the application reads it
    QGuiApplication app(argc, argv);
    QCommandLineParser cli;
    cli.addHelpOption();
    cli.addOption(
        {QStringLiteral("server"), QStringLiteral("path to vigil-demo-server"), QStringLiteral("path")});
    cli.addOption({QStringLiteral("tiles"), QStringLiteral("tile counts"), QStringLiteral("list"),
                   QStringLiteral("1,4,9,16")});
    cli.addOption({QStringLiteral("seconds"), QStringLiteral("measurement per mode"), QStringLiteral("s"),
                   QStringLiteral("30")});
    cli.addOption({QStringLiteral("assignments"), QStringLiteral("first-frame samples"), QStringLiteral("n"),
                   QStringLiteral("20")});
    cli.addOption({QStringLiteral("no-render"), QStringLiteral("skip the rendered mode (no display)")});
    cli.addOption({QStringLiteral("cameras"),
                   QStringLiteral("distinct demo cameras served (tiles reuse them)"), QStringLiteral("n"),
                   QStringLiteral("16")});
    cli.addOption({QStringLiteral("clip-seconds"), QStringLiteral("demo clip loop length"),
                   QStringLiteral("s"), QStringLiteral("20")});
    cli.process(app);

    Bench b;
    b.server.path = cli.value(QStringLiteral("server"));
    b.seconds = std::max(1, cli.value(QStringLiteral("seconds")).toInt());
    b.server.cameras = std::clamp(cli.value(QStringLiteral("cameras")).toInt(), 1, 16);
    b.server.clipSeconds = std::max(2, cli.value(QStringLiteral("clip-seconds")).toInt());
    if (b.server.path.isEmpty() || !b.server.start())
        return 2;
    const bool render =
        !cli.isSet(QStringLiteral("no-render")) && QGuiApplication::platformName() == QLatin1String("xcb");

    std::printf(
        "# bench_live_wall: 640x360@25 H.264 sub streams from vigil-demo-server on 127.0.0.1:%u, %d s per "
        "mode, pacer tick %s ms, %ld cores\n",
        b.server.port, b.seconds,
        qgetenv("VIGIL_PACER_MS").isEmpty() ? "20" : qgetenv("VIGIL_PACER_MS").constData(),
        sysconf(_SC_NPROCESSORS_ONLN));
    std::printf(
        "# shown = frames handed to the sink / frames sent (25 fps x time), lowest tile and median; decoded "
        "= "
        "frames decoded / sent, lowest tile; CPU in %% of one core; machine = whole-machine busy %%\n");
    std::printf("%-9s %3s %10s %8s %8s %7s %9s %8s %8s %8s %9s %8s\n", "mode", "N", "shown min", "median",
                "decoded", "cpu%", "machine%", "MB/tile", "lat p50", "lat p95", "renders/s", "ffmpeg%");
    auto row = [](const char *mode, const Result &r, double ffmpeg) {
        std::printf("%-9s %3d %9.2f%% %7.2f%% %7.2f%% %7.1f %9.1f %8.1f %8.1f %8.1f %9.1f %8.1f", mode, r.n,
                    100 * r.minShown, 100 * r.medianShown, 100 * r.minDecoded, r.procCpu, r.machineBusy,
                    r.rssPerTile, r.latP50, r.latP95, r.rendersPerSec, ffmpeg);
    };
    const double rssBase = rssMb();
    for (const QString &item : cli.value(QStringLiteral("tiles")).split(QLatin1Char(','))) {
        const int n = std::clamp(item.toInt(), 1, 64);
        const double ff = b.ffmpegCpu(n);
        const Result p = b.pipeline(n, rssBase);
        row("pipeline", p, ff);
        std::printf("   pipeline/ffmpeg CPU = %.2f\n", ff > 0 ? p.procCpu / ff : 0.0);
        if (render) {
            row("rendered", b.rendered(n, rssBase), ff);
            std::printf("\n");
        }
        std::fflush(stdout);
    }
    const auto ff = b.firstFrames(std::max(1, cli.value(QStringLiteral("assignments")).toInt()));
    std::printf(
        "first frame after assigning a camera: median %.1f ms, p95 %.1f ms, max %.1f ms (%zu samples)\n",
        percentile(ff, 0.5), percentile(ff, 0.95), ff.empty() ? 0.0 : *std::max_element(ff.begin(), ff.end()),
        ff.size());
    return 0;
}
