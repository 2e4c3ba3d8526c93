// bench_scene_switch: a scene switch on a wall of 4 screens x 16 tiles (64 sub-stream tiles from the
// in-process demo site, 16 cameras), the real console and wall windows under one Xvfb with four X screens.
// Per switch: the time from recalling the scene until every one of the 64 tiles shows its new camera, live.
// Baseline in the same run: the same wall filled from empty (every tile connecting at once, nothing to
// replace). Prints figures (median, p95, max); fails only when the wall cannot be set up at all.
#include "bench_support.h"
#include "demo_wall_app.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/wall_windows.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"

#include <QtGui/QScreen>
#include <QtQuick/QQuickItem>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
QString camera(int i)
{
    return QStringLiteral("cam%1").arg(i % 16 + 1, 2, 10, QLatin1Char('0'));
}
} // namespace

class BenchSceneSwitch : public QObject
{
    Q_OBJECT
private slots:
    void sceneSwitch()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb") || QGuiApplication::screens().size() < 4)
            QSKIP(
                "needs four X screens: VIGIL_XVFB_SCREENS=\"960x540 960x540 960x540 960x540\" with-xvfb.sh");
        const int switches = qEnvironmentVariableIntValue("BENCH_SWITCHES") > 0
                                 ? qEnvironmentVariableIntValue("BENCH_SWITCHES")
                                 : 6;
        // Tiles per screen: 16 (the wall), or fewer for the smoke run (BENCH_TILES=4).
        const int tiles = qEnvironmentVariableIntValue("BENCH_TILES") > 0
                              ? qEnvironmentVariableIntValue("BENCH_TILES")
                              : 16;
        const QString layout = QString::number(tiles);
        test::DemoWallApp app;
        app.start(QSize(960, 540), 16);
        if (QTest::currentTestFailed())
            return;
        app::WallWindows windows(&app.directory, &app.screens);
        QCOMPARE(windows.open({0, 1, 2, 3}), 4);
        const QStringList keys = windows.keys();

        // What every tile should show: scene k puts camera (tile + 4 * screen + 8 * k) on each tile.
        auto fill = [&](int k) {
            for (int s = 0; s < 4; ++s) {
                wall::WallStore *store = app.screens.store(keys.at(s));
                store->setLayout(layout);
                for (int t = 0; t < tiles; ++t)
                    store->assignCamera(t, camera(t + 4 * s + 8 * k));
            }
        };
        // Every tile of every wall window plays the camera it should, and has shown a frame of it.
        auto allLive = [&](int k) {
            const QList<QQuickWindow *> shown = windows.windows();
            for (int s = 0; s < shown.size(); ++s) {
                const auto feeds = test::feedsIn(shown.at(s)->contentItem());
                int ok = 0;
                for (app::CameraFeed *f : feeds) {
                    auto *tile = f->parent();
                    const int t = tile ? tile->property("tileIndex").toInt() : -1;
                    if (t >= 0 && f->cameraId() == camera(t + 4 * s + 8 * k) && f->player()->hasFrame() &&
                        f->player()->status() == video::VideoPlayer::Status::Playing &&
                        f->player()->source().url.path().startsWith(QLatin1Char('/') + f->cameraId()))
                        ++ok;
                }
                if (ok < tiles)
                    return false;
            }
            return true;
        };

        QElapsedTimer t;
        std::vector<double> cold;
        for (int round = 0; round < 2; ++round) {
            for (const QString &key : keys) {
                app.screens.store(key)->setLayout(layout);
                for (int i = 0; i < tiles; ++i)
                    app.screens.store(key)->clearTile(i);
            }
            // Every wall tile has let go of its stream.
            QVERIFY(bench::waitFor(
                [&] {
                    for (QQuickWindow *w : windows.windows()) {
                        for (app::CameraFeed *f : test::feedsIn(w->contentItem())) {
                            if (f->player()->status() != video::VideoPlayer::Status::Idle)
                                return false;
                        }
                    }
                    return true;
                },
                10000));
            t.start();
            fill(round);
            QVERIFY2(bench::waitFor([&] { return allLive(round); }, 60000),
                     "the wall did not come up in 60 s");
            cold.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        QVERIFY(app.screens.saveScene(QStringLiteral("A"))); // round 1's wall: k = 1
        fill(0);
        QVERIFY(bench::waitFor([&] { return allLive(0); }, 60000));
        QVERIFY(app.screens.saveScene(QStringLiteral("B"))); // k = 0

        std::vector<double> ms;
        for (int i = 0; i < switches; ++i) {
            const bool toA = i % 2 == 0;
            bench::waitMs(
                1000); // a pause between switches, as an operator's would be (not a wait for anything)
            t.start();
            QVERIFY(app.screens.recallScene(toA ? QStringLiteral("A") : QStringLiteral("B")));
            QVERIFY2(bench::waitFor([&] { return allLive(toA ? 1 : 0); }, 60000),
                     "the scene did not come up in 60 s");
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::printf("# bench_scene_switch: 4 screens x %d tiles (sub-streams 640x360@25 from the in-process "
                    "demo site, 16 cameras), Xvfb + llvmpipe, %d cores\n",
                    tiles, QThread::idealThreadCount());
        std::printf(
            "scene switch, recall -> all %d tiles live: median %.0f ms, p95 %.0f ms, max %.0f ms (%zu "
            "switches)\n",
            4 * tiles, bench::percentile(ms, 0.5), bench::percentile(ms, 0.95),
            *std::max_element(ms.begin(), ms.end()), ms.size());
        std::printf("baseline, the same wall filled from empty: median %.0f ms, max %.0f ms (%zu fills)\n",
                    bench::percentile(cold, 0.5), *std::max_element(cold.begin(), cold.end()), cold.size());
        std::fflush(stdout);
        windows.closeAll();
    }
};

QTEST_MAIN(BenchSceneSwitch)
#include "bench_scene_switch.moc"
