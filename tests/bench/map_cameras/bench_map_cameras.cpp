// Map cameras benchmark: 100,000 cameras (random over a province-sized box) through CameraLayer — model read
// (roles of a plain list model), first geometry build at cluster zoom and at street zoom, picking — and the
// nearest-10 query (GeoIndex k-d tree vs a brute-force scan) on the same points. Prints figures, no
// pass/fail. Usage (under Xvfb): bench_map_cameras [--cameras 100000] [--queries 2000]
#include "vigil/map/camera_layer.h"
#include "vigil/map/geo_index.h"
#include "vigil/map/map_view.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QRandomGenerator>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickWindow>

#include <algorithm>
#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)

using namespace vigil::map;

namespace {

// The shape of the camera directory's model (same role names), without its files and credentials.
class CameraRows : public QAbstractListModel
{
public:
    explicit CameraRows(QList<MapCamera> rows)
        : m_rows(std::move(rows))
    {}
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const MapCamera &c = m_rows[index.row()];
        switch (role) {
        case Qt::UserRole + 1:
            return c.id;
        case Qt::UserRole + 2:
            return c.name;
        case Qt::UserRole + 3:
            return true;
        case Qt::UserRole + 4:
            return c.position.lat;
        case Qt::UserRole + 5:
            return c.position.lon;
        case Qt::UserRole + 6:
            return c.directionDeg;
        case Qt::UserRole + 7:
            return c.fovDeg;
        default:
            return {};
        }
    }
    QHash<int, QByteArray> roleNames() const override
    {
        return {{Qt::UserRole + 1, "cameraId"},    {Qt::UserRole + 2, "name"},
                {Qt::UserRole + 3, "hasPosition"}, {Qt::UserRole + 4, "latitude"},
                {Qt::UserRole + 5, "longitude"},   {Qt::UserRole + 6, "directionDeg"},
                {Qt::UserRole + 7, "fovDeg"}};
    }

private:
    QList<MapCamera> m_rows;
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

// Renders one frame after a change and returns the layer's build time.
double frameBuildMs(QQuickWindow *window, CameraLayer *layer)
{
    QEventLoop loop;
    QObject::connect(window, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit);
    window->requestUpdate();
    loop.exec();
    return layer->lastBuildMs();
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("cameras"), QStringLiteral("Number of cameras."), QStringLiteral("n"),
                      QStringLiteral("100000")});
    parser.addOption({QStringLiteral("queries"), QStringLiteral("Nearest-10 queries."), QStringLiteral("n"),
                      QStringLiteral("2000")});
    parser.process(app);
    const int count = parser.value(QStringLiteral("cameras")).toInt();
    const int queries = parser.value(QStringLiteral("queries")).toInt();

    // Zhejiang-sized box, denser around the demo county (a third of the cameras within ~20 km).
    QRandomGenerator rng(2026);
    QList<MapCamera> cams;
    QList<GeoPoint> points;
    cams.reserve(count);
    for (int i = 0; i < count; ++i) {
        GeoPoint p;
        if (i % 3 == 0)
            p = {30.54 + (rng.generateDouble() - 0.5) * 0.4, 119.965 + (rng.generateDouble() - 0.5) * 0.4};
        else
            p = {27.0 + rng.generateDouble() * 4.2, 118.0 + rng.generateDouble() * 4.8};
        cams.append({QStringLiteral("cam-%1").arg(i), QStringLiteral("Camera %1").arg(i), p,
                     rng.generateDouble() * 360, 60, QString()});
        points.append(p);
    }
    CameraRows model(cams);

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQuick
        import Vigil.Map
        Window { width: 1280; height: 800; visible: true
            MapView { objectName: "map"; anchors.fill: parent; CameraLayer { objectName: "cameras" } } })",
                      QUrl(QStringLiteral("qrc:/bench.qml")));
    std::unique_ptr<QObject> root(component.create());
    if (!root) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 2;
    }
    auto *window = qobject_cast<QQuickWindow *>(root.get());
    auto *view = root->findChild<MapView *>(QStringLiteral("map"));
    auto *layer = root->findChild<CameraLayer *>(QStringLiteral("cameras"));
    view->setZoomLevel(8);
    view->setCenter(QGeoCoordinate(29.1, 120.4));
    frameBuildMs(window, layer);

    std::printf("map_cameras: %d cameras, window 1280x800, platform %s\n", count,
                qPrintable(QGuiApplication::platformName()));
    QElapsedTimer t;
    t.start();
    layer->setModel(&model);
    const double readMs = double(t.nsecsElapsed()) / 1e6;
    const double build8 = frameBuildMs(window, layer);
    const double total8 = double(t.nsecsElapsed()) / 1e6;
    std::printf("model read (roles) %.1f ms; first build at zoom 8 (clusters: %d discs) %.1f ms; "
                "model to first frame %.1f ms\n",
                readMs, layer->lastClusterCount(), build8, total8);
    view->setZoomLevel(11);
    const double build11 = frameBuildMs(window, layer);
    std::printf("rebuild at zoom 11 (clusters: %d discs) %.1f ms\n", layer->lastClusterCount(), build11);
    view->setCenter(QGeoCoordinate(30.54, 119.965));
    view->setZoomLevel(16);
    const double build16 = frameBuildMs(window, layer);
    std::printf("rebuild at zoom 16 (street, cones; %d vertices) %.1f ms\n", layer->lastVertexCount(),
                build16);
    QList<double> pick;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer p;
        p.start();
        (void)layer->cameraAt(rng.bounded(1280), rng.bounded(800));
        pick.append(double(p.nsecsElapsed()) / 1e3);
    }
    std::printf("cameraAt() pick median %.0f us (scan of all cameras)\n", median(pick));

    GeoIndex index;
    t.restart();
    index.build(points);
    const double indexMs = double(t.nsecsElapsed()) / 1e6;
    QList<double> kd, brute;
    for (int q = 0; q < queries; ++q) {
        const GeoPoint p{27.0 + rng.generateDouble() * 4.2, 118.0 + rng.generateDouble() * 4.8};
        QElapsedTimer k;
        k.start();
        const auto near = index.nearest(p, 10);
        kd.append(double(k.nsecsElapsed()) / 1e3);
        if (q < 50) {
            k.restart();
            const auto want = GeoIndex::nearestBruteForce(points, p, 10);
            brute.append(double(k.nsecsElapsed()) / 1e3);
            if (want.first().index != near.first().index)
                std::printf("MISMATCH at query %d\n", q);
        }
    }
    std::printf(
        "nearest-10: index build %.1f ms; query median %.1f us, p99 %.1f us (%d queries); brute-force "
        "scan median %.0f us\n",
        indexMs, median(kd),
        [&] {
            auto v = kd;
            std::sort(v.begin(), v.end());
            return v[std::min<qsizetype>(v.size() - 1, v.size() * 99 / 100)];
        }(),
        queries, median(brute));
    return 0;
}
