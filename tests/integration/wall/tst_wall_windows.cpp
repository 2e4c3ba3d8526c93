// Issue 12, every screen: the real console (Main.qml) and a wall window on each of two X screens of one Xvfb
// (VIGIL_XVFB_SCREENS), each window on its own QScreen, full screen, driven by its own store. Each wall
// window's tiles are cut out of a grab of that window and must show their own camera's colour; a scene saved
// and recalled from the console puts both screens back; a screen that goes away takes its window (and its
// players) down and keeps its wall, and comes back showing the same cameras. Xvfb cannot unplug a monitor:
// the loss and the return are QGuiApplication's own screenRemoved / screenAdded signals, emitted here.
#include "demo_wall_app.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/wall_windows.h"
#include "vigil/demo/demo_site.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"

#include <QtGui/QScreen>
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
};

QTEST_MAIN(TstWallWindows)
#include "tst_wall_windows.moc"
