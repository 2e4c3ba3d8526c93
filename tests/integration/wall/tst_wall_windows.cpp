// Issue 12, every screen: the real console (Main.qml) and a wall window on each of two X screens of one Xvfb
// (VIGIL_XVFB_SCREENS), each window on its own QScreen, full screen, driven by its own store. Each wall
// window's tiles are cut out of a grab of that window and must show their own camera's colour; a scene saved
// and recalled from the console puts both screens back; a screen that goes away takes its window (and its
// players) down and keeps its wall, and comes back showing the same cameras. Xvfb cannot unplug a monitor:
// the loss and the return are QGuiApplication's own screenRemoved / screenAdded signals, emitted here.
#include "demo_wall_app.h"
#include "vigil/app/camera_drag.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/wall_windows.h"
#include "vigil/demo/demo_site.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"

#include <QtGui/QScreen>
#include <QtPositioning/QGeoCoordinate>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
// Feeds of `window` playing a camera with more than a few frames shown.
int playing(QQuickWindow *window)
{
    const auto feeds = test::feedsIn(window->contentItem());
    return int(std::count_if(feeds.begin(), feeds.end(), [](app::CameraFeed *f) {
        return !f->cameraId().isEmpty() && f->player()->status() == video::VideoPlayer::Status::Playing &&
               f->player()->stats().framesShown > 5;
    }));
}
// The item named `name` under `root` in the visual tree (list rows are delegates: not QObject children).
QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    QList<QQuickItem *> stack{root};
    while (!stack.isEmpty()) {
        QQuickItem *item = stack.takeLast();
        if (item->objectName() == name)
            return item;
        stack += item->childItems();
    }
    return nullptr;
}
} // namespace

class TstWallWindows : public QObject
{
    Q_OBJECT

    // Every playing tile of `window` shows its own camera's colour, not black and not another camera's.
    void checkTiles(QQuickWindow *window, const QString &name, int expected)
    {
        const auto demoCams = demo::DemoSite::cameras(4);
        const QImage shot = window->grabWindow();
        const QString out =
            qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) + QLatin1Char('/') + name;
        QVERIFY(shot.save(out));
        qInfo("screenshot: %s", qPrintable(out));
        const qreal dpr = shot.devicePixelRatio();
        int checked = 0;
        for (app::CameraFeed *feed : test::feedsIn(window->contentItem())) {
            if (feed->cameraId().isEmpty())
                continue;
            auto *tile = qobject_cast<QQuickItem *>(feed->parent());
            QVERIFY(tile);
            const QRectF r = tile->mapRectToScene(QRectF(0, 0, tile->width(), tile->height()));
            const QImage img = shot.copy(QRectF(r.topLeft() * dpr, r.size() * dpr).toRect());
            QHash<QString, qint64> near;
            qint64 lit = 0, total = 0;
            for (int y = 0; y < img.height(); y += 3) {
                for (int x = 0; x < img.width(); x += 3) {
                    const QRgb p = img.pixel(x, y);
                    ++total;
                    lit += qGray(p) > 24 ? 1 : 0;
                    for (const auto &c : demoCams)
                        near[c.id] += test::colourDistance(p, c.colour) < 60 ? 1 : 0;
                }
            }
            QVERIFY2(double(lit) / double(total) > 0.5, qPrintable(feed->cameraId() + " is mostly black"));
            for (const auto &c : demoCams) {
                if (c.id != feed->cameraId())
                    QVERIFY2(near.value(c.id) < near.value(feed->cameraId()),
                             qPrintable(QStringLiteral("%1 shows %2's colour").arg(feed->cameraId(), c.id)));
            }
            ++checked;
        }
        QCOMPARE(checked, expected);
    }

private slots:
    void wallWindowOnEveryScreen()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        const QList<QScreen *> screens = QGuiApplication::screens();
        if (screens.size() < 2)
            QSKIP("needs two screens (VIGIL_XVFB_SCREENS=\"WxH WxH\" for with-xvfb.sh)");
        test::DemoWallApp app;
        app.start(QSize(1200, 700));
        if (QTest::currentTestFailed())
            return;
        app.wallStore.setLayout(QStringLiteral("1"));
        app.wallStore.assignCamera(0, QStringLiteral("cam01"));

        app::WallWindows windows(&app.directory, &app.screens);
        QCOMPARE(windows.open({0, 1}), 2);
        QCOMPARE(app.screens.count(), 2);
        const QStringList keys = windows.keys();
        QCOMPARE(keys.size(), 2);
        QVERIFY(keys.at(0) != keys.at(1)); // two identical Xvfb screens still get two keys
        const QList<QQuickWindow *> shown = windows.windows();
        QCOMPARE(shown.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(QTest::qWaitForWindowExposed(shown.at(i)));
            QCOMPARE(shown.at(i)->screen(), screens.at(i));
            QCOMPARE(shown.at(i)->size(), screens.at(i)->geometry().size()); // full screen
            QVERIFY(shown.at(i)->flags().testFlag(Qt::FramelessWindowHint));
        }

        // Each window is driven by its own store: screen 1 a 2x2 wall, screen 2 one big tile.
        wall::WallStore *left = app.screens.store(keys.at(0));
        wall::WallStore *right = app.screens.store(keys.at(1));
        QVERIFY(left && right && left != right && left != &app.wallStore);
        left->setLayout(QStringLiteral("4"));
        for (int i = 0; i < 4; ++i)
            left->assignCamera(i, QStringLiteral("cam0%1").arg(i + 1));
        right->setLayout(QStringLiteral("1"));
        right->assignCamera(0, QStringLiteral("cam03"));
        QTRY_COMPARE_WITH_TIMEOUT(playing(shown.at(0)), 4, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(playing(shown.at(1)), 1, 20000);
        checkTiles(shown.at(0), QStringLiteral("wall-screen1.png"), 4);
        checkTiles(shown.at(1), QStringLiteral("wall-screen2.png"), 1);
        if (QTest::currentTestFailed())
            return;

        // A scene from the console: saved, everything changed, recalled -> both screens as they were.
        QVERIFY(app.screens.saveScene(QStringLiteral("Normal")));
        left->setLayout(QStringLiteral("9"));
        right->assignCamera(0, QStringLiteral("cam04"));
        QTRY_COMPARE_WITH_TIMEOUT(test::feedsIn(shown.at(1)->contentItem()).value(0)->cameraId(),
                                  QStringLiteral("cam04"), 5000);
        QVERIFY(app.screens.recallScene(QStringLiteral("Normal")));
        QCOMPARE(left->layoutId(), QStringLiteral("4"));
        QTRY_COMPARE_WITH_TIMEOUT(playing(shown.at(0)), 4, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(playing(shown.at(1)) == 1 &&
                                     test::feedsIn(shown.at(1)->contentItem()).value(0)->cameraId() ==
                                         QStringLiteral("cam03"),
                                 20000);

        // A scene tour from the console's Scenes menu (whole-wall patrol): it starts on the next scene at
        // once and both screens switch; the menu's stop item ends it and the wall stays as it is.
        right->assignCamera(0, QStringLiteral("cam04"));
        QVERIFY(app.screens.saveScene(QStringLiteral("Other")));
        QVERIFY(app.screens.recallScene(QStringLiteral("Normal")));
        QObject *tourItem = app.window->findChild<QObject *>(QStringLiteral("sceneTourItem_10"));
        QObject *stopItem = app.window->findChild<QObject *>(QStringLiteral("stopSceneTourItem"));
        QVERIFY(tourItem && stopItem);
        QVERIFY(QMetaObject::invokeMethod(tourItem, "triggered"));
        QVERIFY(app.screens.sceneTourActive());
        QCOMPARE(app.screens.sceneTourDwell(), 10);
        QCOMPARE(app.screens.currentScene(), QStringLiteral("Other"));
        QCOMPARE(right->state().cameraAt(0), QStringLiteral("cam04"));
        // (cam04 plays on screen 1 already: its demo clip is made, so it is on screen within the dwell)
        QTRY_VERIFY2_WITH_TIMEOUT(
            playing(shown.at(1)) == 1 &&
                test::feedsIn(shown.at(1)->contentItem()).value(0)->cameraId() == QStringLiteral("cam04"),
            qPrintable(QStringLiteral("playing %1, feed %2, store %3, scene %4")
                           .arg(playing(shown.at(1)))
                           .arg(test::feedsIn(shown.at(1)->contentItem()).value(0)->cameraId(),
                                right->state().cameraAt(0), app.screens.currentScene())),
            9000);
        QVERIFY(QMetaObject::invokeMethod(stopItem, "triggered"));
        QVERIFY(!app.screens.sceneTourActive());
        QCOMPARE(right->state().cameraAt(0), QStringLiteral("cam04"));
        QVERIFY(app.screens.recallScene(QStringLiteral("Normal")));
        QTRY_VERIFY_WITH_TIMEOUT(playing(shown.at(1)) == 1 &&
                                     test::feedsIn(shown.at(1)->contentItem()).value(0)->cameraId() ==
                                         QStringLiteral("cam03"),
                                 20000);

        // Screen 2 goes away: its window closes, its wall stays; it comes back showing the same camera.
        QSignalSpy changed(&windows, &app::WallWindows::windowsChanged);
        emit qApp->screenRemoved(screens.at(1));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(windows.windowCount(), 1);
        QVERIFY(!app.screens.screens().at(1).toMap().value(QStringLiteral("connected")).toBool());
        QCOMPARE(right->state().cameraAt(0), QStringLiteral("cam03"));
        emit qApp->screenAdded(screens.at(1));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(windows.windowCount(), 2);
        QVERIFY(app.screens.screens().at(1).toMap().value(QStringLiteral("connected")).toBool());
        QQuickWindow *back = windows.windows().at(1);
        QVERIFY(QTest::qWaitForWindowExposed(back));
        QCOMPARE(back->screen(), screens.at(1));
        QTRY_COMPARE_WITH_TIMEOUT(playing(back), 1, 20000);
        checkTiles(back, QStringLiteral("wall-screen2-back.png"), 1);

        windows.closeAll();
        QCOMPARE(windows.windowCount(), 0);
        QVERIFY(QFile::exists(right->filePath()));
    }

    // A camera dragged from the console's camera list onto a tile of a wall window on another screen: the
    // tile under the pointer is highlighted there while the button is down, the release puts the camera on
    // it (that screen's store), and it plays. Xvfb's X screens each begin at (0, 0) (its RandR has no
    // monitors to split one screen), so the wall window is opened on the second screen only and the pointer
    // goes to a point of it that lies outside the console window.
    void cameraDraggedOntoAnotherScreen()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        if (QGuiApplication::screens().size() < 2)
            QSKIP("needs two screens (VIGIL_XVFB_SCREENS=\"WxH WxH\" for with-xvfb.sh)");
        test::DemoWallApp app;
        app.start(QSize(640, 420));
        if (QTest::currentTestFailed())
            return;
        app.window->setPosition(0, 0);
        app::WallWindows windows(&app.directory, &app.screens);
        app.cameraDrag.setWallWindows(&windows);
        QCOMPARE(windows.open({1}), 1);
        QQuickWindow *wallWindow = windows.windows().value(0);
        QVERIFY(wallWindow && QTest::qWaitForWindowExposed(wallWindow));
        wall::WallStore *store = app.screens.store(windows.keys().value(0));
        QVERIFY(store);
        store->setLayout(QStringLiteral("4"));
        for (int i = 0; i < 4; ++i)
            store->assignCamera(i, {});

        // The row of cam02 in the console's list, and tile 4 (bottom right) of the wall window.
        QQuickItem *row = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (row = findItem(app.window->contentItem(), QStringLiteral("camera_cam02"))) && row->isVisible() &&
                row->width() > 0,
            10000);
        const QPoint pressAt = row->mapToScene(QPointF(row->width() / 2, row->height() / 2)).toPoint();
        const QSize ws = wallWindow->size();
        const QPoint globalTarget = wallWindow->mapToGlobal(QPoint(ws.width() * 3 / 4, ws.height() * 3 / 4));
        const QPoint target = app.window->mapFromGlobal(globalTarget);
        QVERIFY2(!QRect(QPoint(0, 0), app.window->size()).contains(target),
                 "the point on the wall window must lie outside the console");

        // Sideways out of the list first (as a hand does: the list itself scrolls on vertical drags), past
        // the drag threshold, then on to the target.
        const wall::WallState consoleBefore = app.wallStore.state();
        QTest::mousePress(app.window, Qt::LeftButton, {}, pressAt);
        for (int step = 1; step <= 5; ++step)
            QTest::mouseMove(app.window, pressAt + QPoint(6 * step, 0));
        QTRY_VERIFY_WITH_TIMEOUT(app.cameraDrag.active(), 5000);
        const QPoint start = pressAt + QPoint(30, 0);
        for (int step = 1; step <= 10; ++step)
            QTest::mouseMove(app.window, start + (target - start) * step / 10);
        QCOMPARE(app.cameraDrag.cameraId(), QStringLiteral("cam02"));
        QTRY_COMPARE_WITH_TIMEOUT(app.cameraDrag.hoverTile(), 3, 5000);
        QCOMPARE(app.cameraDrag.hoverScreen(), windows.keys().value(0));
        auto *view = wallWindow->findChild<QQuickItem *>(QStringLiteral("wallView"));
        QVERIFY(view);
        QCOMPARE(view->property("dropHighlight").toInt(), 3);
        QVERIFY(test::waitForFrameDrawn(wallWindow));
        const QString shot = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) +
                             QStringLiteral("/wall-drag-hover.png");
        QVERIFY(wallWindow->grabWindow().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));

        QSignalSpy dropped(&app.cameraDrag, &app::CameraDrag::dropped);
        QTest::mouseRelease(app.window, Qt::LeftButton, {}, target);
        QCOMPARE(dropped.size(), 1);
        qInfo("dropped: %s", qPrintable(dropped.first().first().toString()));
        QVERIFY(!app.cameraDrag.active());
        QCOMPARE(view->property("dropHighlight").toInt(), -1);
        QCOMPARE(store->state().cameraAt(3), QStringLiteral("cam02"));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(store->state().cameraAt(i), QString()); // only the tile under the pointer
        QVERIFY(app.wallStore.state() == consoleBefore);     // the console's own wall is untouched
        QTRY_COMPARE_WITH_TIMEOUT(playing(wallWindow), 1, 20000);
        checkTiles(wallWindow, QStringLiteral("wall-drag-dropped.png"), 1);

        // From the map: the console shows the map, cam03's marker is dragged onto tile 2 (top right) of the
        // wall window; the map does not pan under the drag.
        app.window->setProperty("view", QStringLiteral("map"));
        QQuickItem *pane = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((pane = findItem(app.window->contentItem(), QStringLiteral("mapPane"))) &&
                                     pane->isVisible() && pane->width() > 0,
                                 10000);
        // The demo's offline basemap is made on first use (a busy overlay covers the map until then).
        QTRY_VERIFY_WITH_TIMEOUT(!pane->property("source").toString().isEmpty(), 120000);
        auto *mapView = pane->property("map").value<QQuickItem *>();
        auto *cameraLayer = pane->property("cameraLayer").value<QQuickItem *>();
        QVERIFY(mapView && cameraLayer);
        QVERIFY(app.cameraDrag.hasTargets());
        const auto cam03 = app.directory.camera(QStringLiteral("cam03"));
        QVERIFY(cam03 && cam03->position);
        mapView->setProperty("zoomLevel", 17); // street level: one marker per camera
        mapView->setProperty("center",
                             QVariant::fromValue(QGeoCoordinate(cam03->position->lat, cam03->position->lon)));
        QPointF marker;
        QVERIFY(QMetaObject::invokeMethod(
            mapView, "fromCoordinate", Q_RETURN_ARG(QPointF, marker),
            Q_ARG(QGeoCoordinate, QGeoCoordinate(cam03->position->lat, cam03->position->lon))));
        QString under;
        QTRY_VERIFY_WITH_TIMEOUT(
            (QMetaObject::invokeMethod(cameraLayer, "cameraAt", Q_RETURN_ARG(QString, under),
                                       Q_ARG(qreal, marker.x()), Q_ARG(qreal, marker.y())),
             under == QLatin1String("cam03")),
            5000);
        const QVariant centreBefore = mapView->property("center");
        const QPoint markerAt = mapView->mapToScene(marker).toPoint();
        const QPoint tile2 =
            app.window->mapFromGlobal(wallWindow->mapToGlobal(QPoint(ws.width() * 3 / 4, ws.height() / 4)));
        QTest::mousePress(app.window, Qt::LeftButton, {}, markerAt);
        for (int step = 1; step <= 10; ++step)
            QTest::mouseMove(app.window, markerAt + (tile2 - markerAt) * step / 10);
        QTRY_COMPARE_WITH_TIMEOUT(app.cameraDrag.hoverTile(), 1, 5000);
        QCOMPARE(app.cameraDrag.cameraId(), QStringLiteral("cam03"));
        auto *plate = findItem(app.window->contentItem(), QStringLiteral("mapDragPlate"));
        QVERIFY(plate && plate->isVisible()); // the camera follows the pointer over the map
        QVERIFY(test::waitForFrameDrawn(app.window));
        const QString consoleShot = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) +
                                    QStringLiteral("/console-map-drag.png");
        QVERIFY(app.window->grabWindow().save(consoleShot));
        qInfo("screenshot: %s", qPrintable(consoleShot));
        QTest::mouseRelease(app.window, Qt::LeftButton, {}, tile2);
        QCOMPARE(dropped.size(), 2);
        QCOMPARE(store->state().cameraAt(1), QStringLiteral("cam03"));
        QCOMPARE(mapView->property("center"), centreBefore);
        QTRY_COMPARE_WITH_TIMEOUT(playing(wallWindow), 2, 20000);
        checkTiles(wallWindow, QStringLiteral("wall-drag-from-map.png"), 2);
        QVERIFY(!plate->isVisible());

        // From the list beside the map, released on the console itself: no wall screen takes it (its own
        // drop areas decide), and the map's plate stays hidden (the list's own plate follows the pointer).
        QTest::mousePress(app.window, Qt::LeftButton, {}, pressAt);
        for (int step = 1; step <= 5; ++step)
            QTest::mouseMove(app.window, pressAt + QPoint(6 * step, 0));
        QTRY_VERIFY_WITH_TIMEOUT(app.cameraDrag.active(), 5000);
        QVERIFY(!plate->isVisible());
        QTest::mouseRelease(app.window, Qt::LeftButton, {}, pressAt + QPoint(30, 0));
        app.window->setProperty("view", QStringLiteral("wall"));
        QVERIFY(!app.cameraDrag.active());
        QCOMPARE(dropped.size(), 2);
        windows.closeAll();
    }
};

QTEST_MAIN(TstWallWindows)
#include "tst_wall_windows.moc"
