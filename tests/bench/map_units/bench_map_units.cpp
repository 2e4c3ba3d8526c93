// Map benchmark: N simulated patrol units moving at 1 Hz while the map pans every frame, drawn
//   (a) "layer": by UnitLayer, one batched scene-graph node for all units, and
//   (b) "items": the baseline, one QML item per unit (a Repeater of rotated Rectangles bound to the view).
// Prints fps, frame-time percentiles, CPU and RSS for each. Figures only, no pass/fail.
// Usage (under Xvfb: tests/support/with-xvfb.sh): bench_map_units [--units 10000] [--seconds 10]
//        [--mode both|layer|items] [--trail 5] [--zoom 13.5]
#include "vigil/map/map_view.h"
#include "vigil/map/unit_layer.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickWindow>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)

using namespace vigil::map;

namespace {

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long rssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min<qsizetype>(v.size() - 1, qsizetype(p / 100.0 * double(v.size())))];
}

const char *kSceneLayer = R"(
import QtQuick
import Vigil.Map
Window {
    width: 1280; height: 800; visible: true
    MapView { objectName: "map"; anchors.fill: parent
        UnitLayer { objectName: "units" }
    }
})";

// The baseline: one Rectangle per unit; each binding re-evaluates on every pan or zoom.
const char *kSceneItems = R"(
import QtQuick
import QtPositioning
import Vigil.Map
Window {
    width: 1280; height: 800; visible: true
    MapView { id: map; objectName: "map"; anchors.fill: parent
        Repeater {
            objectName: "repeater"
            delegate: Rectangle {
                required property real latitude
                required property real longitude
                required property real heading
                readonly property point _at: { map.center; map.zoomLevel;
                    return map.fromCoordinate(QtPositioning.coordinate(latitude, longitude)) }
                x: _at.x - 6; y: _at.y - 6; width: 12; height: 12; radius: 2
                rotation: heading; color: "#1e88e5"; border.color: "white"; border.width: 1
            }
        }
    }
})";

struct Result
{
    QString mode;
    int frames = 0;
    double seconds = 0;
    double p50 = 0, p95 = 0, p99 = 0, worst = 0;
    double cpuPercent = 0;
    long rssMb = 0;
    double buildMs = 0;
    double setupMs = 0;
};

Result run(const QString &mode, int units, double seconds, int trail, double zoom)
{
    Result r;
    r.mode = mode;
    QElapsedTimer setup;
    setup.start();
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    UnitsModel model;
    model.setTrailLength(trail);
    UnitSimulator sim;
    sim.setUnitCount(units);
    sim.setModel(&model);
    QQmlComponent component(&engine);
    component.setData(mode == u"layer" ? kSceneLayer : kSceneItems, QUrl(QStringLiteral("qrc:/bench.qml")));
    std::unique_ptr<QObject> root(component.create());
    if (!root) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        std::exit(2);
    }
    auto *window = qobject_cast<QQuickWindow *>(root.get());
    auto *view = root->findChild<MapView *>(QStringLiteral("map"));
    auto *layer = root->findChild<UnitLayer *>(QStringLiteral("units"));
    if (layer)
        layer->setModel(&model);
    if (QObject *repeater = root->findChild<QObject *>(QStringLiteral("repeater")))
        repeater->setProperty("model", QVariant::fromValue(static_cast<QObject *>(&model)));
    view->setZoomLevel(zoom);
    view->setCenter(QGeoCoordinate(30.540, 119.965));
    // Wait for the first frame (item creation for the baseline happens here).
    QEventLoop first;
    QObject::connect(window, &QQuickWindow::frameSwapped, &first, &QEventLoop::quit);
    first.exec();
    r.setupMs = double(setup.elapsed());

    sim.setInterval(1000);
    sim.setRunning(true);
    QList<double> frameMs;
    QElapsedTimer clock;
    QElapsedTimer frameClock;
    int frame = 0;
    double buildSum = 0;
    int builds = 0;
    QEventLoop loop;
    // Pan a little every frame, on a slow circle, so every frame is a new view.
    QObject::connect(window, &QQuickWindow::frameSwapped, &loop, [&] {
        if (frame > 0)
            frameMs.append(double(frameClock.nsecsElapsed()) / 1e6);
        frameClock.restart();
        ++frame;
        if (layer && layer->lastBuildMs() > 0) {
            buildSum += layer->lastBuildMs();
            ++builds;
        }
        const double a = frame * 0.02;
        view->pan(3 * std::cos(a), 3 * std::sin(a));
        if (clock.elapsed() > seconds * 1000)
            loop.quit();
    });
    const double cpu0 = cpuSeconds();
    clock.start();
    frameClock.start();
    view->pan(1, 0);
    loop.exec();
    const double wall = double(clock.elapsed()) / 1000;
    sim.setRunning(false);
    r.frames = int(frameMs.size());
    r.seconds = wall;
    r.p50 = percentile(frameMs, 50);
    r.p95 = percentile(frameMs, 95);
    r.p99 = percentile(frameMs, 99);
    r.worst = frameMs.isEmpty() ? 0 : *std::max_element(frameMs.begin(), frameMs.end());
    r.cpuPercent = 100 * (cpuSeconds() - cpu0) / wall;
    r.rssMb = rssKb() / 1024;
    r.buildMs = builds ? buildSum / builds : 0;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("units"), QStringLiteral("Number of units."), QStringLiteral("n"),
                      QStringLiteral("10000")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds per mode."), QStringLiteral("s"),
                      QStringLiteral("10")});
    parser.addOption({QStringLiteral("mode"), QStringLiteral("both|layer|items"), QStringLiteral("mode"),
                      QStringLiteral("both")});
    parser.addOption({QStringLiteral("trail"), QStringLiteral("Trail fixes per unit."), QStringLiteral("n"),
                      QStringLiteral("5")});
    parser.addOption(
        {QStringLiteral("zoom"), QStringLiteral("Zoom level."), QStringLiteral("z"), QStringLiteral("13.5")});
    parser.process(app);
    const int units = parser.value(QStringLiteral("units")).toInt();
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();
    const QString mode = parser.value(QStringLiteral("mode"));
    std::printf("map_units: %d units at 1 Hz, panning every frame, %.0f s per mode, window 1280x800, "
                "platform %s, render loop %s\n",
                units, seconds, qPrintable(QGuiApplication::platformName()),
                qPrintable(qEnvironmentVariable("QSG_RENDER_LOOP", QStringLiteral("default"))));
    std::printf("%-6s %7s %7s %8s %8s %8s %8s %6s %7s %9s %9s\n", "mode", "frames", "fps", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "CPU%", "RSS MB", "build ms", "setup ms");
    QList<Result> results;
    for (const QString &m : {QStringLiteral("layer"), QStringLiteral("items")}) {
        if (mode != u"both" && mode != m)
            continue;
        const Result r = run(m, units, seconds, parser.value(QStringLiteral("trail")).toInt(),
                             parser.value(QStringLiteral("zoom")).toDouble());
        std::printf("%-6s %7d %7.1f %8.2f %8.2f %8.2f %8.2f %6.0f %7ld %9.2f %9.0f\n", qPrintable(r.mode),
                    r.frames, r.frames / r.seconds, r.p50, r.p95, r.p99, r.worst, r.cpuPercent, r.rssMb,
                    r.buildMs, r.setupMs);
        std::fflush(stdout);
        results.append(r);
    }
    if (results.size() == 2 && results[0].p50 > 0)
        std::printf("items/layer frame time: p50 %.1fx, p95 %.1fx\n", results[1].p50 / results[0].p50,
                    results[1].p95 / results[0].p95);
    return 0;
}
