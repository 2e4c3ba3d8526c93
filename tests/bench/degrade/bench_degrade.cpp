// bench_degrade: "degrade, never freeze". One screen with a large tile and many small ones (default 1 + 72
// sub-stream tiles of 640x360@25 H.264 on a 9x9 wall), more than this machine can decode. Measured twice in
// the same run: with the decode governor off (every tile tries every frame) and on (the smallest tiles drop
// to key frames only until the decoders keep up). Per tile size: frames shown per second (median, lowest) and
// the longest gap between two frames shown on any tile of that size (goal: no tile older than 2 s); the
// process's CPU; beside the ffmpeg CLI decoding the same streams in the same run. Prints figures; never
// passes or fails.
#include "bench_support.h"
#include "vigil/video/decode_governor.h"
#include "vigil/video/video_player.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QThread>
#include <QtGui/QGuiApplication>
#include <QtMultimedia/QVideoSink>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickView>

#include <memory>

using namespace vigil::bench;
using vigil::video::DecodeGovernor;
using vigil::video::MediaSource;
using vigil::video::VideoPlayer;

namespace {

struct TileFigures
{
    std::vector<double> fps;
    double longestGapMs = 0;
};

struct ModeResult
{
    TileFigures large, small;
    double cpu = 0; // % of one core
    int degraded = 0;
    double load = 0; // the governor's reading at the end (it reads even when off)
};

ModeResult measure(QQuickView &view, const std::vector<QQuickItem *> &tiles, DemoServer &server,
                   bool governed, int settleSeconds, int seconds)
{
    DecodeGovernor governor;
    governor.setEnabled(governed);
    std::vector<std::unique_ptr<VideoPlayer>> players;
    for (size_t i = 0; i < tiles.size(); ++i) {
        auto p = std::make_unique<VideoPlayer>();
        p->setVideoSink(tiles[i]->property("videoSink").value<QVideoSink *>());
        p->setDisplayArea(tiles[i]->width() * tiles[i]->height());
        MediaSource s;
        s.url = server.url(int(i));
        p->setSource(s);
        p->play();
        players.push_back(std::move(p));
    }
    waitFor(
        [&] { return std::all_of(players.begin(), players.end(), [](auto &p) { return p->hasFrame(); }); },
        30000);
    waitMs(settleSeconds * 1000); // the governor settles (and, off, the wall reaches its steady state)

    std::vector<qint64> last(players.size(), 0), count(players.size(), 0);
    std::vector<double> gap(players.size(), 0);
    QElapsedTimer clock;
    clock.start();
    std::vector<QMetaObject::Connection> conns;
    for (size_t i = 0; i < players.size(); ++i) {
        conns.push_back(QObject::connect(players[i].get(), &VideoPlayer::frameShown, [&, i] {
            const qint64 now = clock.nsecsElapsed();
            gap[i] = std::max(gap[i], double(now - last[i]) / 1e6);
            last[i] = now;
            ++count[i];
        }));
    }
    const double cpu0 = processCpuSeconds(QCoreApplication::applicationPid());
    waitMs(seconds * 1000);
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    const double cpu1 = processCpuSeconds(QCoreApplication::applicationPid());
    for (auto &c : conns)
        QObject::disconnect(c);

    ModeResult r;
    r.cpu = 100.0 * (cpu1 - cpu0) / elapsed;
    r.degraded = governor.degradedCount();
    r.load = governor.lastLoad();
    for (size_t i = 0; i < players.size(); ++i) {
        // The gap still open at the end counts too: a frozen tile shows as one long gap.
        gap[i] = std::max(gap[i], double(clock.nsecsElapsed() - last[i]) / 1e6);
        TileFigures &f = i == 0 ? r.large : r.small;
        f.fps.push_back(double(count[i]) / elapsed);
        f.longestGapMs = std::max(f.longestGapMs, gap[i]);
    }
    players.clear();
    VideoPlayer::waitForWorkers(5000);
    waitMs(1000);
    Q_UNUSED(view);
    return r;
}

void printMode(const char *name, const ModeResult &r)
{
    auto row = [&](const char *size, const TileFigures &f) {
        std::printf("%-13s %-6s %5zu %9.1f %9.1f %12.0f", name, size, f.fps.size(), percentile(f.fps, 0.5),
                    f.fps.empty() ? 0.0 : *std::min_element(f.fps.begin(), f.fps.end()), f.longestGapMs);
    };
    row("large", r.large);
    std::printf(" %8.1f %9d %6.2f\n", r.cpu, r.degraded, r.load);
    row("small", r.small);
    std::printf("\n");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_LOGGING_RULES", "vigil.*.info=false");
    QGuiApplication app(argc, argv);
    QCommandLineParser cli;
    cli.addHelpOption();
    cli.addOption(
        {QStringLiteral("server"), QStringLiteral("path to vigil-demo-server"), QStringLiteral("path")});
    cli.addOption({QStringLiteral("grid"), QStringLiteral("wall of grid x grid cells"), QStringLiteral("n"),
                   QStringLiteral("9")});
    cli.addOption({QStringLiteral("big"), QStringLiteral("the large tile spans big x big cells"),
                   QStringLiteral("n"), QStringLiteral("3")});
    cli.addOption({QStringLiteral("seconds"), QStringLiteral("measurement per mode"), QStringLiteral("s"),
                   QStringLiteral("30")});
    cli.addOption({QStringLiteral("settle"), QStringLiteral("seconds before measuring"), QStringLiteral("s"),
                   QStringLiteral("15")});
    cli.addOption({QStringLiteral("cameras"), QStringLiteral("distinct demo cameras"), QStringLiteral("n"),
                   QStringLiteral("16")});
    cli.addOption({QStringLiteral("no-ffmpeg"), QStringLiteral("skip the ffmpeg baseline")});
    cli.process(app);
    if (QGuiApplication::platformName() != QLatin1String("xcb")) {
        std::fprintf(stderr, "bench_degrade draws real tiles: run it through tests/support/with-xvfb.sh\n");
        return 2;
    }
    DemoServer server;
    server.path = cli.value(QStringLiteral("server"));
    server.cameras = std::clamp(cli.value(QStringLiteral("cameras")).toInt(), 1, 16);
    server.clipSeconds = 20;
    if (server.path.isEmpty() || !server.start())
        return 2;
    const int grid = std::clamp(cli.value(QStringLiteral("grid")).toInt(), 2, 12);
    const int big = std::clamp(cli.value(QStringLiteral("big")).toInt(), 1, grid - 1);
    const int seconds = std::max(1, cli.value(QStringLiteral("seconds")).toInt());
    const int settle = std::max(0, cli.value(QStringLiteral("settle")).toInt());

    QQuickView view;
    view.setInitialProperties({{QStringLiteral("grid"), grid}, {QStringLiteral("big"), big}});
    view.setResizeMode(QQuickView::SizeRootObjectToView);
    view.setSource(QUrl(QStringLiteral("qrc:/bench/Mixed.qml")));
    view.resize(1600, 900);
    view.show();
    waitFor([&] { return view.isExposed(); }, 5000);
    const int n = 1 + grid * grid - big * big;
    std::vector<QQuickItem *> tiles(size_t(n), nullptr);
    for (QQuickItem *item : view.rootObject()->childItems()) {
        const QString name = item->objectName();
        if (name.startsWith(QLatin1String("tile")) && name.mid(4).toInt() < n)
            tiles[size_t(name.mid(4).toInt())] = item;
    }
    if (std::find(tiles.begin(), tiles.end(), nullptr) != tiles.end()) {
        std::fprintf(stderr, "tiles not found in Mixed.qml\n");
        return 2;
    }

    std::printf(
        "# bench_degrade: %d sub-stream tiles (640x360@25 H.264) on a 1600x900 window, 1 large (%.0fx%.0f) + "
        "%d small (%.0fx%.0f); %d s per mode after %d s to settle; %d cores\n",
        n, tiles[0]->width(), tiles[0]->height(), n - 1, tiles[1]->width(), tiles[1]->height(), seconds,
        settle, QThread::idealThreadCount());
    std::printf(
        "# fps = frames shown per second per tile (median, lowest); gap = longest time any tile of that size "
        "showed the same frame; cpu = %% of one core\n");
    std::printf("%-13s %-6s %5s %9s %9s %12s %8s %9s %6s\n", "mode", "tiles", "n", "fps med", "fps min",
                "gap max ms", "cpu%", "degraded", "load");
    const ModeResult off = measure(view, tiles, server, false, settle, seconds);
    printMode("governor off", off);
    const ModeResult on = measure(view, tiles, server, true, settle, seconds);
    printMode("governor on", on);
    if (!cli.isSet(QStringLiteral("no-ffmpeg"))) {
        std::vector<QUrl> urls;
        for (int i = 0; i < n; ++i)
            urls.push_back(server.url(i));
        const double ff = ffmpegCpu(urls, seconds);
        std::printf(
            "baseline: %d x ffmpeg -threads 1 decoding the same streams: %.1f %% of one core (all frames, "
            "no drawing)\n",
            n, ff);
    }
    std::printf("largest gap, small tiles: %.0f ms off -> %.0f ms on; large tile fps: %.1f off -> %.1f on\n",
                off.small.longestGapMs, on.small.longestGapMs, percentile(off.large.fps, 0.5),
                percentile(on.large.fps, 0.5));
    return 0;
}
