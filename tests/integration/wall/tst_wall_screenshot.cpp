// Screenshot test: the real Main.qml with the real singletons and the in-process demo site, a 2x2 wall of
// four live streams drawn by VideoOutput through OpenGL (Mesa llvmpipe) under Xvfb. Each tile, cut out of the
// grabbed window, must be mostly non-black and show its own camera's colour (and not another's). The PNG is
// kept in the build directory (VIGIL_SCREENSHOT_DIR) for people to look at.
#include "demo_wall_app.h"
#include "vigil/alarms/camera_alarms.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/qml_modules.h"
#include "vigil/app/session.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_site.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QTemporaryDir>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtTest/QtTest>

using namespace vigil;

class TstWallScreenshot : public QObject
{
    Q_OBJECT
private slots:
    void twoByTwoWallShowsFourLiveCameras()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        test::DemoWallApp app;
        app.start(QSize(1600, 900));
        if (QTest::currentTestFailed())
            return;
        wall::WallStore &wallStore = app.wallStore;
        alarms::CameraAlarms &alarms = app.alarms;
        QQuickWindow *window = app.window;
        wallStore.setLayout(QStringLiteral("4"));
        QCOMPARE(wallStore.tileCount(), 4);

        const auto demoCams = demo::DemoSite::cameras(4);
        QList<app::CameraFeed *> feeds;
        QTRY_VERIFY_WITH_TIMEOUT((feeds = test::feedsIn(window->contentItem()), feeds.size() >= 4), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(feeds.begin(), feeds.end(),
                                               [](app::CameraFeed *f) {
                                                   return f->player()->status() ==
                                                              video::VideoPlayer::Status::Playing &&
                                                          f->player()->stats().framesShown > 10;
                                               }) == 4,
                                 15000);

        const QImage shot = window->grabWindow();
        const QString out =
            qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/wall-2x2.png");
        QVERIFY(shot.save(out));
        qInfo("screenshot: %s", qPrintable(out));
        const qreal dpr = shot.devicePixelRatio();

        int checked = 0;
        for (app::CameraFeed *feed : std::as_const(feeds)) {
            if (feed->cameraId().isEmpty())
                continue;
            auto *tile = qobject_cast<QQuickItem *>(feed->parent());
            QVERIFY(tile);
            const QRectF r = tile->mapRectToScene(QRectF(0, 0, tile->width(), tile->height()));
            const QImage img = shot.copy(QRectF(r.topLeft() * dpr, r.size() * dpr).toRect());
            const auto cam = std::find_if(demoCams.begin(), demoCams.end(), [&](const demo::DemoCamera &c) {
                return c.id == feed->cameraId();
            });
            QVERIFY(cam != demoCams.end());
            qint64 lit = 0, total = 0;
            QHash<QString, qint64> near;
            for (int y = 0; y < img.height(); y += 3)
                for (int x = 0; x < img.width(); x += 3) {
                    const QRgb p = img.pixel(x, y);
                    ++total;
                    if (qGray(p) > 24)
                        ++lit;
                    for (const auto &c : demoCams)
                        if (test::colourDistance(p, c.colour) < 60)
                            ++near[c.id];
                }
            const double litShare = double(lit) / double(total);
            const double ownShare = double(near.value(cam->id)) / double(total);
            QVERIFY2(litShare > 0.5, qPrintable(QStringLiteral("%1: only %2 % of the tile is not black")
                                                    .arg(cam->id)
                                                    .arg(100 * litShare, 0, 'f', 1)));
            QVERIFY2(ownShare > 0.02, qPrintable(QStringLiteral("%1: its colour %2 covers %3 % of the tile")
                                                     .arg(cam->id, cam->colour.name())
                                                     .arg(100 * ownShare, 0, 'f', 2)));
            for (const auto &c : demoCams)
                if (c.id != cam->id)
                    QVERIFY2(near.value(c.id) < near.value(cam->id),
                             qPrintable(QStringLiteral("%1 shows %2's colour").arg(cam->id, c.id)));
            ++checked;
        }
        QCOMPARE(checked, 4);

        // A snapshot is taken at once and written in the background; the tile says where when it is on disk.
        {
            QTemporaryDir pictures;
            qputenv("VIGIL_PICTURES_DIR", pictures.path().toUtf8());
            app::CameraFeed *feed = feeds.first();
            QSignalSpy saved(feed, &app::CameraFeed::snapshotSaved);
            auto *tile = feed->parent();
            QVERIFY(QMetaObject::invokeMethod(tile, "takeSnapshot"));
            QVERIFY(saved.wait(10000));
            QVERIFY(saved.first().at(1).toBool());
            const QString file = saved.first().at(0).toString();
            QVERIFY(file.startsWith(pictures.path()));
            const QImage png(file);
            QCOMPARE(png.size(), feed->player()->currentFrame().size());
            auto *toast = window->findChild<QObject *>(QStringLiteral("toastText"));
            QVERIFY(toast);
            QTRY_VERIFY(toast->property("text").toString().contains(file));
            qunsetenv("VIGIL_PICTURES_DIR");
        }

        // An ONVIF alarm (as CameraAlarms raises it from a camera's events) is announced in the window.
        emit alarms.alarmRaised(QStringLiteral("cam01"), QStringLiteral("East Gate"),
                                QStringLiteral("motion"), QDateTime::currentDateTimeUtc());
        auto *toastText = window->findChild<QObject *>(QStringLiteral("toastText"));
        QVERIFY(toastText);
        QTRY_VERIFY(
            toastText->property("text").toString().startsWith(QStringLiteral("Motion alarm: East Gate")));
        app.close();
        QVERIFY(video::VideoPlayer::waitForWorkers(5000));
    }
};

QTEST_MAIN(TstWallScreenshot)
#include "tst_wall_screenshot.moc"
