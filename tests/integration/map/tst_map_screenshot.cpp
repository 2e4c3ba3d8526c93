// Screenshot of the real map window under Xvfb (OpenGL on llvmpipe): the demo county basemap rendered by our
// rasteriser into MBTiles, the 16 demo cameras (clusters off, FOV cones on), simulated patrol cars with
// trails. The cameras come as in the app: a CameraDirectory through CameraHealthModel, whose "health" role
// the camera layer reads, with the health board fed as tiles and alarms would. Saves map_screenshot.png next
// to the test binary (look at it) and checks pixels: basemap colours, camera health colours at camera
// positions, unit arrows; then an alarm on a live camera turns its dot red (map_screenshot_alarm.png). Then
// track playback: a unit's pre-simulated last half hour replayed to 60 % (map_track_screenshot.png): the
// track colour along it, the start marker, the replay marker at the player's position, time labels.
#include "vigil/alarms/camera_health.h"
#include "vigil/alarms/camera_health_model.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_site.h"
#include "vigil/map/camera_layer.h"
#include "vigil/map/demo_basemap.h"
#include "vigil/map/map_view.h"
#include "vigil/map/tile_store.h"
#include "vigil/map/track_layer.h"
#include "vigil/map/track_player.h"
#include "vigil/map/track_store.h"
#include "vigil/map/unit_layer.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"

#include <QtCore/QTemporaryDir>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtTest/QtTest>

#include <algorithm>
#include <vector>

Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)

using namespace vigil;

namespace {

bool near(QColor a, QColor b, int tolerance = 24)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

// Any pixel within `radius` of `at` close to `colour`.
bool colourAround(const QImage &image, QPointF at, QColor colour, int radius)
{
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = (at + QPointF(dx, dy)).toPoint();
            if (image.rect().contains(p) && near(image.pixelColor(p), colour))
                return true;
        }
    return false;
}

} // namespace

class TstMapScreenshot : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_dir.filePath(QStringLiteral("config")).toUtf8());
    }

    void mapWithCamerasAndUnits()
    {
        const QString tiles = m_dir.filePath(QStringLiteral("demo.mbtiles"));
        map::BasemapOptions options;
        options.minZoom = 13;
        options.maxZoom = 14;
        QString error;
        QVERIFY2(map::writeBasemap(tiles, map::demoCounty(), options, &error), qPrintable(error));

        QQmlEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        QQmlComponent component(&engine);
        component.setData(R"(
            import QtQuick
            import Vigil.Map
            Window {
                width: 1280; height: 900; visible: true; color: "black"
                MapPane { objectName: "pane"; anchors.fill: parent }
            })",
                          QUrl(QStringLiteral("qrc:/screenshot.qml")));
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString()));
        auto *window = qobject_cast<QQuickWindow *>(root.get());
        QVERIFY(window);
        auto *pane = root->findChild<QQuickItem *>(QStringLiteral("pane"));
        auto *view = root->findChild<map::MapView *>(QStringLiteral("mapView"));
        auto *cameras = root->findChild<map::CameraLayer *>(QStringLiteral("cameraLayer"));
        auto *unitLayer = root->findChild<map::UnitLayer *>(QStringLiteral("unitLayer"));
        QVERIFY(pane && view && cameras && unitLayer);

        // The directory holds the demo cameras; a tile plays each (cam07's stream fails), cam05 has an alarm.
        cameras::CameraDirectory directory(nullptr);
        QList<cameras::Camera> list;
        QList<map::MapCamera> cams;
        for (const demo::DemoCamera &d : demo::DemoSite::cameras(demo::DemoSite::kMaxCameras)) {
            cameras::Camera c;
            c.id = d.id;
            c.name = d.name;
            c.position = cameras::CameraPosition{d.latitude, d.longitude, d.directionDeg, d.fovDeg};
            c.streams = {cameras::StreamInfo{
                QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/x")), {}, 0, {}}};
            list.append(c);
            cams.append({d.id, d.name, {d.latitude, d.longitude}, d.directionDeg, d.fovDeg, {}});
        }
        directory.setDemoCameras(list);
        alarms::CameraHealth health(nullptr);
        std::vector<char> feeds(size_t(cams.size())); // one stand-in feed key per camera
        for (qsizetype i = 0; i < cams.size(); ++i)
            health.report(&feeds[size_t(i)], cams[i].id,
                          cams[i].id == u"cam07" ? alarms::CameraHealth::FeedState::Failing
                                                 : alarms::CameraHealth::FeedState::Playing);
        health.setAlarm(QStringLiteral("cam05"), true);
        alarms::CameraHealthModel healthModel;
        healthModel.setHealth(&health);
        healthModel.setSourceModel(&directory);
        cameras->setModel(&healthModel);
        QCOMPARE(cameras->cameraCount(), cams.size());
        cameras->setSelectedCameraId(QStringLiteral("cam02"));
        cameras->setClusterBelowZoom(12);

        map::UnitsModel units;
        units.setTrailLength(20);
        map::UnitSimulator sim;
        sim.setUnitCount(40);
        sim.setModel(&units);
        for (int i = 0; i < 20; ++i)
            sim.step(1.0);
        unitLayer->setModel(&units);

        view->setSource(tiles);
        const demo::DemoArea area = demo::DemoSite::area();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        view->fitToBounds(area.south, area.west, area.north, area.east, 10);
        view->setZoomLevel(14.3); // street level: FOV cones on
        view->setCenter(QGeoCoordinate(30.5450, 119.9640));
        QTRY_COMPARE_WITH_TIMEOUT(view->status(), map::MapView::Status::Ready, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            view->visibleTileCount() > 0 && view->loadedTileCount() == view->visibleTileCount(), 10000);
        QImage shot;
        // Grab until the frame has the tiles (the first grab may precede the upload).
        QTRY_VERIFY_WITH_TIMEOUT((shot = window->grabWindow(),
                                  colourAround(shot, QPointF(20, 20), QColor(0xf2, 0xef, 0xe9), 20) ||
                                      colourAround(shot, QPointF(20, 20), QColor(0xe6, 0xdc, 0xd0), 20)),
                                 10000);
        const QString out = QCoreApplication::applicationDirPath() + QStringLiteral("/map_screenshot.png");
        QVERIFY(shot.save(out));
        qInfo() << "screenshot:" << out;

        // Cameras on screen show their health colour at their position.
        const QColor live(0x2e, 0xcc, 0x71);
        const QColor alarm(0xe7, 0x3c, 0x3c);
        int liveSeen = 0;
        QString liveOnScreen; // not the selected one: its ring is yellow
        for (const auto &c : std::as_const(cams)) {
            const QPointF p = view->fromCoordinate(QGeoCoordinate(c.position.lat, c.position.lon));
            if (!QRectF(15, 15, view->width() - 30, view->height() - 30).contains(p))
                continue;
            const QColor want = c.id == u"cam05" ? alarm : c.id == u"cam07" ? QColor(0x95, 0x9c, 0xa6) : live;
            QVERIFY2(colourAround(shot, p, want, 3), qPrintable(c.id));
            QCOMPARE(cameras->cameraColour(c.id), want);
            if (want == live) {
                ++liveSeen;
                if (liveOnScreen.isEmpty() && c.id != u"cam02")
                    liveOnScreen = c.id;
            }
        }
        QVERIFY(liveSeen >= 6);
        QVERIFY(!liveOnScreen.isEmpty());

        // An alarm on a live camera: the board changes, the health role follows, the dot turns red.
        const auto &target = *std::find_if(cams.cbegin(), cams.cend(),
                                           [&](const map::MapCamera &c) { return c.id == liveOnScreen; });
        const QPointF at = view->fromCoordinate(QGeoCoordinate(target.position.lat, target.position.lon));
        QVERIFY(!colourAround(shot, at, alarm, 3));
        health.setAlarm(liveOnScreen, true);
        QCOMPARE(cameras->cameraHealth(liveOnScreen), QStringLiteral("alarm"));
        QImage alarmShot;
        QTRY_VERIFY_WITH_TIMEOUT((alarmShot = window->grabWindow(), colourAround(alarmShot, at, alarm, 3)),
                                 5000);
        QVERIFY(!colourAround(alarmShot, at, live, 3));
        const QString outAlarm =
            QCoreApplication::applicationDirPath() + QStringLiteral("/map_screenshot_alarm.png");
        QVERIFY(alarmShot.save(outAlarm));
        qInfo() << "screenshot:" << outAlarm << liveOnScreen << "in alarm";
        // Patrol arrows (blue "available") somewhere on screen.
        int unitPixels = 0;
        for (int y = 0; y < shot.height(); y += 2)
            for (int x = 0; x < shot.width(); x += 2)
                unitPixels += near(shot.pixelColor(x, y), QColor(0x1e, 0x88, 0xe5), 10) ? 1 : 0;
        QVERIFY2(unitPixels > 50, qPrintable(QString::number(unitPixels)));

        // County level: the cameras merge into clusters with their count written on them.
        cameras->setClusterBelowZoom(14);
        view->setZoomLevel(12.2);
        QTRY_VERIFY_WITH_TIMEOUT(cameras->lastClusterCount() > 0, 5000);
        // Sparse tile set: tiles outside the county never arrive, so wait for the queue to drain instead.
        QTRY_COMPARE_WITH_TIMEOUT(view->tileStore()->pendingCount(), 0, 10000);
        const QImage clusters = window->grabWindow();
        const QString out2 =
            QCoreApplication::applicationDirPath() + QStringLiteral("/map_screenshot_clusters.png");
        QVERIFY(clusters.save(out2));
        qInfo() << "screenshot:" << out2 << cameras->lastClusterCount() << "clusters";
    }

    void trackPlayback()
    {
        const QString tiles = m_dir.filePath(QStringLiteral("demo-track.mbtiles"));
        map::BasemapOptions options;
        options.minZoom = 13;
        options.maxZoom = 15;
        QString error;
        QVERIFY2(map::writeBasemap(tiles, map::demoCounty(), options, &error), qPrintable(error));

        QQmlEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        QQmlComponent component(&engine);
        component.setData(R"(
            import QtQuick
            import Vigil.Map
            Window {
                width: 1280; height: 900; visible: true; color: "black"
                UnitsModel { id: units; trailLength: 20 }
                TrackStore { id: tracks; model: units }
                UnitSimulator { model: units; trackStore: tracks; historySeconds: 1800; unitCount: 12 }
                MapPane { objectName: "pane"; anchors.fill: parent; unitsModel: units; trackStore: tracks }
            })",
                          QUrl(QStringLiteral("qrc:/track.qml")));
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString()));
        auto *window = qobject_cast<QQuickWindow *>(root.get());
        auto *pane = root->findChild<QQuickItem *>(QStringLiteral("pane"));
        auto *view = root->findChild<map::MapView *>(QStringLiteral("mapView"));
        auto *layer = root->findChild<map::TrackLayer *>(QStringLiteral("trackLayer"));
        QVERIFY(window && pane && view && layer);
        auto *player = pane->property("trackPlayer").value<map::TrackPlayer *>();
        QVERIFY(player);
        view->setSource(tiles);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_COMPARE_WITH_TIMEOUT(view->status(), map::MapView::Status::Ready, 10000);

        QVERIFY(QMetaObject::invokeMethod(pane, "openTrack", Q_ARG(QString, QStringLiteral("unit-003"))));
        QCOMPARE(player->unitId(), QStringLiteral("unit-003"));
        QVERIFY2(player->fixCount() > 800, qPrintable(QString::number(player->fixCount())));
        player->setRate(64);
        player->setProgress(0.6);
        QTRY_VERIFY_WITH_TIMEOUT(view->visibleTileCount() > 0 && view->tileStore()->pendingCount() == 0,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(layer->lastLabelCount() > 0, 5000);
        const QGeoCoordinate cursor = player->coordinate();
        const QPointF marker = view->fromCoordinate(cursor);
        QImage shot;
        QTRY_VERIFY_WITH_TIMEOUT(
            (shot = window->grabWindow(), colourAround(shot, marker, QColor(0xff, 0xd6, 0x00), 4)), 10000);
        const QString out =
            QCoreApplication::applicationDirPath() + QStringLiteral("/map_track_screenshot.png");
        QVERIFY(shot.save(out));
        qInfo() << "screenshot:" << out << player->fixCount() << "fixes," << layer->lastLabelCount()
                << "labels, zoom" << view->zoomLevel();

        // The track's colour along it (replayed part), the green start marker.
        int trackPixels = 0;
        for (int y = 0; y < shot.height(); y += 2)
            for (int x = 0; x < shot.width(); x += 2)
                trackPixels += near(shot.pixelColor(x, y), QColor(0xc2, 0x18, 0x5b), 16) ? 1 : 0;
        QVERIFY2(trackPixels > 100, qPrintable(QString::number(trackPixels)));
        const QPointF start = view->fromCoordinate(
            QGeoCoordinate(player->track().first().position().lat, player->track().first().position().lon));
        QVERIFY(colourAround(shot, start, QColor(0x2e, 0x7d, 0x32), 3));
        // Time label tags (dark slate) exist somewhere.
        int tagPixels = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x)
                tagPixels += near(shot.pixelColor(x, y), QColor(0x2b, 0x35, 0x3a), 10) ? 1 : 0;
        QVERIFY2(tagPixels > 200, qPrintable(QString::number(tagPixels)));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TstMapScreenshot)
#include "tst_map_screenshot.moc"
