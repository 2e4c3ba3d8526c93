// Track playback benchmark: one simulated patrol car's last hour at 1 Hz (3,600 fixes along the demo roads,
// pre-simulated by UnitSimulator into a TrackStore), then
//   - store: fixes recorded per ms, range query (the whole hour, and a random 5-minute slice) in us,
//   - TrackPlayer: loading the hour (query + length + bounds) in ms,
//   - TrackLayer: geometry build time and vertices for the whole track at zooms 12, 14 and 16,
//   - replay at 64x with the view still: frames, fps, build ms per frame (the marker moves every frame, so
//   the
//     whole track is rebuilt each frame).
// Figures only, no pass/fail. Usage (under Xvfb: tests/support/with-xvfb.sh):
//   bench_map_track [--minutes 60] [--seconds 5]
#include "vigil/map/map_view.h"
#include "vigil/map/track_layer.h"
#include "vigil/map/track_player.h"
#include "vigil/map/track_store.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QRandomGenerator>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickWindow>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)

using namespace vigil::map;

namespace {

const char *kScene = R"(
import QtQuick
import Vigil.Map
Window {
    width: 1280; height: 800; visible: true
    MapView { objectName: "map"; anchors.fill: parent
        TrackLayer { objectName: "track" }
    }
})";

// Waits for the next frame and returns the layer's build time in it (0 if it did not rebuild).
double nextFrameBuildMs(QQuickWindow *window, TrackLayer *layer)
{
    QEventLoop loop;
    QObject::connect(window, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit);
    window->update();
    loop.exec();
    return layer->lastBuildMs();
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("minutes"), QStringLiteral("Track length (1 Hz fixes)."),
                      QStringLiteral("m"), QStringLiteral("60")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds of 64x replay."),
                      QStringLiteral("s"), QStringLiteral("5")});
    parser.process(app);
    const int minutes = std::max(1, parser.value(QStringLiteral("minutes")).toInt());
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();

    // The track: one car, `minutes` of history at 1 s steps.
    UnitsModel model;
    TrackStore store;
    store.setModel(&model);
    UnitSimulator sim;
    sim.setUnitCount(1);
    sim.setTrackStore(&store);
    sim.setHistorySeconds(minutes * 60);
    QElapsedTimer timer;
    timer.start();
    sim.setModel(&model);
    const double simMs = double(timer.nsecsElapsed()) / 1e6;
    const QString id = model.units().first().id;
    const int fixes = store.fixCountOf(id);
    std::printf("map_track: %d fixes (%d min at 1 Hz), platform %s, window 1280x800\n", fixes, minutes,
                qPrintable(QGuiApplication::platformName()));
    std::printf("simulate + record: %.1f ms; store memory %.1f KB (%zu bytes/fix)\n", simMs,
                double(store.memoryBytes()) / 1024, sizeof(TrackFix));

    // Recording rate into a fresh store, and queries.
    {
        const QList<TrackFix> all = store.track(id, 0, std::numeric_limits<qint64>::max());
        TrackStore fresh;
        timer.restart();
        for (int rep = 0; rep < 100; ++rep) {
            fresh.clear();
            for (const TrackFix &f : all)
                fresh.record(id, f.timeMs, f.position(), f.headingDeg(), f.speedMps());
        }
        const double recordMs = double(timer.nsecsElapsed()) / 1e6;
        std::printf("record(): %.0f fixes/ms\n", 100.0 * double(all.size()) / recordMs);
        timer.restart();
        constexpr int kQueries = 1000;
        qsizetype got = 0;
        for (int q = 0; q < kQueries; ++q)
            got += store.track(id, all.first().timeMs, all.last().timeMs).size();
        const double wholeUs = double(timer.nsecsElapsed()) / 1e3 / kQueries;
        QRandomGenerator rng(1);
        timer.restart();
        for (int q = 0; q < kQueries; ++q) {
            const qint64 from =
                all.first().timeMs + rng.bounded(qint64(all.last().timeMs - all.first().timeMs));
            got += store.track(id, from, from + 5 * 60'000).size();
        }
        const double sliceUs = double(timer.nsecsElapsed()) / 1e3 / kQueries;
        std::printf("track(): whole track %.1f us, 5-minute slice %.1f us (%lld fixes returned)\n", wholeUs,
                    sliceUs, qint64(got));
    }

    TrackPlayer player;
    player.setStore(&store);
    timer.restart();
    player.setUnitId(id);
    std::printf("TrackPlayer load: %.2f ms (%d fixes, %.1f km)\n", double(timer.nsecsElapsed()) / 1e6,
                player.fixCount(), player.lengthM() / 1000);

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent component(&engine);
    component.setData(kScene, QUrl(QStringLiteral("qrc:/bench.qml")));
    std::unique_ptr<QObject> root(component.create());
    if (!root) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 2;
    }
    auto *window = qobject_cast<QQuickWindow *>(root.get());
    auto *view = root->findChild<MapView *>(QStringLiteral("map"));
    auto *layer = root->findChild<TrackLayer *>(QStringLiteral("track"));
    layer->setPlayer(&player);
    player.setProgress(0.5);
    nextFrameBuildMs(window, layer); // the first frame: sizes the view (a fit before it would wait for it)
    std::printf("%-6s %9s %9s %9s %7s\n", "zoom", "build ms", "vertices", "segments", "labels");
    for (double zoom : {12.0, 14.0, 16.0}) {
        view->fitToBounds(player.south(), player.west(), player.north(), player.east(), 40);
        view->setZoomLevel(zoom);
        // Centre on the cursor so street-level zooms have track in view.
        view->setCenter(player.coordinate());
        double best = 1e9;
        for (int i = 0; i < 5; ++i) {
            player.setProgress(0.5 + i * 1e-4); // force a rebuild
            const double ms = nextFrameBuildMs(window, layer);
            if (ms > 0)
                best = std::min(best, ms);
        }
        std::printf("%-6.1f %9.2f %9d %9d %7d\n", view->zoomLevel(), best, layer->lastVertexCount(),
                    layer->lastSegmentCount(), layer->lastLabelCount());
        std::fflush(stdout);
    }

    // Replay at 64x over the whole track at county zoom: one rebuild per frame.
    view->fitToBounds(player.south(), player.west(), player.north(), player.east(), 40);
    player.setProgress(0);
    player.setRate(64);
    player.play();
    int frames = 0;
    double buildSum = 0, buildMax = 0;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QObject::connect(window, &QQuickWindow::frameSwapped, &loop, [&] {
        ++frames;
        buildSum += layer->lastBuildMs();
        buildMax = std::max(buildMax, layer->lastBuildMs());
        if (clock.elapsed() > seconds * 1000 || !player.playing())
            loop.quit();
    });
    loop.exec();
    const double wall = double(clock.elapsed()) / 1000;
    std::printf("replay 64x at zoom %.1f: %d frames in %.2f s (%.1f fps), build %.2f ms mean, %.2f ms max\n",
                view->zoomLevel(), frames, wall, frames / wall, frames ? buildSum / frames : 0.0, buildMax);
    return 0;
}
