// Village mode (issue 13), end to end: the real Main.qml under Xvfb with the demo site's RTSP cameras, in
// village mode as main() sets it (Session.village before QML loads, access Mode::Village, unattended players,
// app::VillageMode with a recording service). Users exist, yet no login shows. A saved 16-tile wall shows as
// 9 tiles and the big-button bar offers the layouts 1, 4 and 9 only; every tile plays the sub stream, a
// maximized one too; the wall's cameras record; the self-check line reaches the log once every tile is live
// (waited on, never slept). The screenshot is kept for people to look at (VIGIL_SCREENSHOT_DIR/village.png).
#include "demo_wall_app.h"
#include "vigil/access/access_controller.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/recording_service.h"
#include "vigil/app/village.h"
#include "vigil/core/worker_threads.h"
#include "vigil/video/video_player.h"

#include <QtCore/QMutex>
#include <QtQuick/QQuickItem>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
QMutex g_logMutex;
QStringList g_selfChecks; // the self-check lines logged (category vigil.app)
QtMessageHandler g_previous = nullptr;
void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (context.category && QByteArray(context.category) == "vigil.app" &&
        text.startsWith(QLatin1String("village self-check:"))) {
        QMutexLocker lock(&g_logMutex);
        g_selfChecks.append(text);
    }
    if (g_previous)
        g_previous(type, context, text);
}
QString lastSelfCheck()
{
    QMutexLocker lock(&g_logMutex);
    return g_selfChecks.isEmpty() ? QString() : g_selfChecks.last();
}

// Every QObject under the window (Repeater delegates are visual children only).
QList<QObject *> everyObject(QQuickWindow *window)
{
    QList<QObject *> out;
    QSet<QObject *> seen;
    QList<QObject *> stack{window->contentItem()};
    while (!stack.isEmpty()) {
        QObject *o = stack.takeLast();
        if (!o || seen.contains(o))
            continue;
        seen.insert(o);
        out.append(o);
        stack += o->children();
        if (auto *item = qobject_cast<QQuickItem *>(o)) {
            const auto kids = item->childItems();
            for (QQuickItem *k : kids)
                stack.append(k);
        }
    }
    return out;
}

QQuickItem *itemNamed(QQuickWindow *window, const QString &name)
{
    for (QObject *o : everyObject(window)) {
        if (o->objectName() == name)
            return qobject_cast<QQuickItem *>(o);
    }
    return nullptr;
}

QStringList namesStartingWith(QQuickWindow *window, const QString &prefix)
{
    QStringList out;
    for (QObject *o : everyObject(window)) {
        auto *item = qobject_cast<QQuickItem *>(o);
        if (item && item->isVisible() && o->objectName().startsWith(prefix))
            out.append(o->objectName());
    }
    out.sort();
    return out;
}

QStringList openPopups(QQuickWindow *window)
{
    QStringList out;
    for (QObject *o : everyObject(window)) {
        if (o->inherits("QQuickPopup") && o->property("visible").toBool())
            out.append(o->objectName().isEmpty() ? QString::fromLatin1(o->metaObject()->className())
                                                 : o->objectName());
    }
    return out;
}

void click(QQuickWindow *window, QQuickItem *item)
{
    QTest::mouseClick(window, Qt::LeftButton, {},
                      item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint());
}
} // namespace

class TstVillageWall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { g_previous = qInstallMessageHandler(captureLog); }
    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void capsSubStreamsNoLoginSelfCheck()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        test::DemoWallApp app;
        QTemporaryDir data;
        QVERIFY(data.isValid());

        // Users exist: outside village mode the login would come first.
        access::AccessController access(data.filePath(QStringLiteral("users.json")),
                                        data.filePath(QStringLiteral("audit.db")));
        QVERIFY(access
                    .addUser(QStringLiteral("admin"), QStringLiteral("administrator"),
                             QStringLiteral("password0"))
                    .isEmpty());
        access.setMode(access::AccessController::Mode::Normal);
        QVERIFY(access.loginRequired());
        access::AccessController::setInstance(&access);

        // As main() does for --village, before QML loads.
        app.session.setVillage(true);
        access.setMode(access::AccessController::Mode::Village);
        video::VideoPlayer::setUnattended(true);
        app.wallStore.setLayout(QStringLiteral("16")); // a wall saved before the PC became a village's
        app::RecordingService::Options ro;
        ro.root = data.filePath(QStringLiteral("rec"));
        ro.quotaBytes = 300'000'000;
        app::RecordingService recordings(&app.directory, ro);
        app::RecordingService::setInstance(&recordings);
        app::VillageMode::Options vo;
        vo.firstSelfCheckMs = vo.selfCheckIntervalMs = 1000;
        app::VillageMode village(&app.wallStore, &app.directory, &recordings, vo);
        village.start();
        QCOMPARE(app.wallStore.layoutId(), QStringLiteral("9"));

        app.start(QSize(1280, 720), 9);
        if (QTest::currentTestFailed())
            return;
        QQuickWindow *window = app.window;

        // No login, an operator; nothing open over the wall.
        QVERIFY(!access.loginRequired());
        QCOMPARE(access.role(), QStringLiteral("operator"));
        QVERIFY2(openPopups(window).isEmpty(), qPrintable(openPopups(window).join(u',')));

        // The big-button bar instead of the toolbar: the layouts 1, 4, 9 and nothing above 9 tiles.
        QQuickItem *bar = itemNamed(window, QStringLiteral("villageBar"));
        QVERIFY(bar && bar->isVisible());
        QVERIFY(bar->height() >= 80);
        QQuickItem *picker = itemNamed(window, QStringLiteral("layoutPicker"));
        QVERIFY(!picker || !picker->isVisible());
        QCOMPARE(namesStartingWith(window, QStringLiteral("villageLayout_")),
                 QStringList({"villageLayout_1", "villageLayout_4", "villageLayout_9"}));
        QCOMPARE(app.wallStore.tileCount(), 9);
        auto tileItems = [window] {
            static const QRegularExpression tileName(QStringLiteral("^tile\\d+$"));
            return namesStartingWith(window, QStringLiteral("tile")).filter(tileName);
        };
        QTRY_COMPARE_WITH_TIMEOUT(tileItems().size(), 9, 5000);
        QVERIFY(!itemNamed(window, QStringLiteral("tile9")));
        QQuickItem *four = itemNamed(window, QStringLiteral("villageLayout_4"));
        QVERIFY(four && four->height() >= 64 && four->width() >= 100); // a finger's size
        click(window, four);
        QCOMPARE(app.wallStore.layoutId(), QStringLiteral("4"));
        click(window, itemNamed(window, QStringLiteral("villageLayout_9")));
        QCOMPARE(app.wallStore.layoutId(), QStringLiteral("9"));
        app.wallStore.setLayout(QStringLiteral("16")); // any other way in is refused too
        QCOMPARE(app.wallStore.tileCount(), 9);

        // Every tile on the sub stream, playing.
        QCOMPARE(app.wallStore.shownCameras().size(), 9);
        QList<app::CameraFeed *> feeds = test::feedsIn(window->contentItem());
        feeds.removeIf([](app::CameraFeed *f) { return f->cameraId().isEmpty(); });
        QCOMPARE(feeds.size(), 9);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(feeds.begin(), feeds.end(),
                                             [](app::CameraFeed *f) {
                                                 return f->player()->hasFrame() &&
                                                        f->activeRole() == QLatin1String("sub");
                                             }),
                                 60000);
        for (app::CameraFeed *f : std::as_const(feeds))
            QCOMPARE(f->role(), QStringLiteral("sub"));
        // A maximized tile, the whole window: still the sub stream.
        app.wallStore.toggleMaximize(0);
        QCOMPARE(app.wallStore.maximizedTile(), 0);
        QQuickItem *tile0 = itemNamed(window, QStringLiteral("tile0"));
        QVERIFY(tile0);
        app::CameraFeed *feed0 = tile0->findChild<app::CameraFeed *>();
        QVERIFY(feed0);
        QTRY_VERIFY_WITH_TIMEOUT(tile0->width() > window->width() / 2, 5000);
        QCOMPARE(feed0->role(), QStringLiteral("sub"));
        app.wallStore.toggleMaximize(0);

        // The wall's cameras record.
        QTRY_COMPARE_WITH_TIMEOUT(recordings.recordingCameras().size(), 9, 10000);
        QQuickItem *recording = itemNamed(window, QStringLiteral("villageRecording"));
        QVERIFY(recording && recording->isVisible());

        // The self-check line in the log, once every tile is live (a line a second here).
        QTRY_VERIFY2_WITH_TIMEOUT(lastSelfCheck().contains(QStringLiteral(" tiles_live=9/9 layout=9 ")),
                                  qPrintable(lastSelfCheck()), 30000);
        QVERIFY2(lastSelfCheck().contains(QStringLiteral(" recording=9/9 ")), qPrintable(lastSelfCheck()));
        QVERIFY2(lastSelfCheck().contains(QStringLiteral(" rec_budget_gb=0.30 ")),
                 qPrintable(lastSelfCheck()));

        // Look at it.
        QVERIFY(test::waitForFrameDrawn(window));
        const QString out =
            qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/village.png");
        QVERIFY(window->grabWindow().save(out));
        qInfo("screenshot: %s", qPrintable(out));

        // The last minutes and back to live, by the big buttons.
        QQuickItem *replay = itemNamed(window, QStringLiteral("villageReplay"));
        QVERIFY(replay && replay->isVisible());
        click(window, replay);
        QTRY_COMPARE_WITH_TIMEOUT(window->property("view").toString(), QStringLiteral("playback"), 5000);
        click(window, itemNamed(window, QStringLiteral("villageLive")));
        QTRY_COMPARE_WITH_TIMEOUT(window->property("view").toString(), QStringLiteral("wall"), 5000);

        app.close();
        recordings.shutdown();
        app::RecordingService::setInstance(nullptr);
        access::AccessController::setInstance(nullptr);
        video::VideoPlayer::setUnattended(false);
        QVERIFY(video::VideoPlayer::waitForWorkers(5000));
        QVERIFY(core::WorkerThreads::wait(10000, u"recording"));
    }
};

QTEST_MAIN(TstVillageWall)
#include "tst_village_wall.moc"
