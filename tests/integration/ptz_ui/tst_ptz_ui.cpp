// PTZ from a wall tile, end to end: the real Main.qml under Xvfb, tile 1 showing a camera added from a
// loopback ONVIF device (with PTZ) whose stream is the demo site's real RTSP clip. Every operator gesture is
// checked by what the device RECEIVES: an arrow held -> ContinuousMove with the right sign, let go -> Stop;
// the same for a drag on the picture, the wheel, the keys (auto-repeat ignored), and for each way of letting
// go without a release: the window losing activation, a cancelled press, PTZ turned off, the tile's camera
// changing, Esc. Presets: the menu lists the device's presets, goes to one (its token), saves and removes.
// The speed slider on the pad sets the speed of every later move, and it is a saved setting. Screenshots of
// the overlay (and the presets popup) are kept in VIGIL_SCREENSHOT_DIR for people to look at.
#include "loopback_device.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/qml_modules.h"
#include "vigil/app/session.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/demo/demo_site.h"
#include "vigil/devices/device_probe.h"
#include "vigil/ptz/ptz_controller.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtGui/QWheelEvent>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlProperty>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtTest/QtTest>

#include <memory>

using namespace vigil;

namespace {
constexpr auto kUser = "operator";
constexpr auto kPassword = "p@ss:w0rd/#1";

// The item called `name`; a visible one when there are several (every tile has its own buttons and menu).
QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    QQuickItem *found = nullptr;
    QList<QQuickItem *> stack{root};
    while (!stack.isEmpty()) {
        QQuickItem *item = stack.takeLast();
        if (item->objectName() == name) {
            if (item->isVisible())
                return item;
            if (!found)
                found = item;
        }
        stack += item->childItems();
    }
    return found;
}

// A helper's QVERIFY only returns from the helper: stop the test function too.
#define CHECKED(call)                                                                                        \
    do {                                                                                                     \
        call;                                                                                                \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

struct Velocity
{
    double pan = 0, tilt = 0, zoom = 0;
};
Velocity velocity(const QByteArray &body)
{
    static const QRegularExpression pt(QStringLiteral(R"re(PanTilt[^>]*x="([-0-9.]+)" y="([-0-9.]+)")re"));
    static const QRegularExpression z(QStringLiteral(R"re(Zoom[^>]*x="([-0-9.]+)")re"));
    const auto a = pt.match(QString::fromUtf8(body));
    const auto b = z.match(QString::fromUtf8(body));
    return {a.captured(1).toDouble(), a.captured(2).toDouble(), b.captured(1).toDouble()};
}
} // namespace

class TstPtzUi : public QObject
{
    Q_OBJECT
    QTemporaryDir m_config;
    std::unique_ptr<demo::DemoSite> m_site;
    std::unique_ptr<onvif::test::LoopbackDevice> m_device;
    std::unique_ptr<cameras::CameraDirectory> m_directory;
    std::unique_ptr<wall::WallStore> m_wall;
    std::unique_ptr<wall::WallScreenSet> m_screens;
    std::unique_ptr<app::Session> m_session;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    QString m_cameraId;
    qsizetype m_mark = 0; // PTZ requests before the current test

    // PTZ requests received since the current test began.
    QList<onvif::test::ReceivedRequest> ptzRequests() const
    {
        QList<onvif::test::ReceivedRequest> out;
        for (const auto &r : m_device->requests())
            if (r.ns == QLatin1String("http://www.onvif.org/ver20/ptz/wsdl"))
                out << r;
        return out.mid(m_mark);
    }
    QStringList ops() const
    {
        QStringList out;
        for (const auto &r : ptzRequests())
            out << r.operation;
        return out;
    }
    Velocity lastMove() const
    {
        const auto all = ptzRequests();
        for (auto it = all.rbegin(); it != all.rend(); ++it)
            if (it->operation == QLatin1String("ContinuousMove"))
                return velocity(it->body);
        return {};
    }
    QQuickItem *item(const QString &name) const { return findItem(m_window->contentItem(), name); }
    QPoint centreOf(QQuickItem *i) const
    {
        return i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint();
    }
    bool shown(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i && i->isVisible();
    }
    QQuickItem *tile() const { return item(QStringLiteral("tile0")); }
    QQuickItem *overlay() const { return item(QStringLiteral("ptzOverlay")); }
    bool ptzShown() const
    {
        QQuickItem *o = overlay();
        return o && o->isVisible();
    }
    void hoverTile() { QTest::mouseMove(m_window, centreOf(tile()) + QPoint(0, 40)); }
    // Turns PTZ on with the tile's PTZ button (shown on hover) and gives the overlay the keyboard.
    void turnPtzOn()
    {
        if (ptzShown())
            return;
        hoverTile();
        QQuickItem *button = item(QStringLiteral("tilePtzButton"));
        QVERIFY(button);
        QTRY_VERIFY(button->isVisible());
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(button));
        QTRY_VERIFY(ptzShown());
    }
    void focusOverlay()
    {
        // A click on the picture (no drag) gives the overlay the keyboard and moves nothing.
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(tile()) - QPoint(60, 0));
        QTRY_VERIFY(overlay()->hasActiveFocus());
    }
    // Waits until the latest ContinuousMove received carries this velocity (a drag sends a few on the way).
    void waitForMoveThenCheck(double pan, double tilt, double zoom)
    {
        const auto matches = [&](const Velocity &v) {
            return qFuzzyCompare(1 + v.pan, 1 + pan) && qFuzzyCompare(1 + v.tilt, 1 + tilt) &&
                   qFuzzyCompare(1 + v.zoom, 1 + zoom);
        };
        QTRY_VERIFY2_WITH_TIMEOUT(ops().contains(QStringLiteral("ContinuousMove")) && matches(lastMove()),
                                  qPrintable(QStringLiteral("last move sent %1,%2,%3")
                                                 .arg(lastMove().pan)
                                                 .arg(lastMove().tilt)
                                                 .arg(lastMove().zoom)),
                                  5000);
    }
    void waitForStop()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!ops().isEmpty() && ops().last() == QLatin1String("Stop"), 5000);
    }
    // The PTZ operations received since the test began are exactly these (the message lists what came).
    void expectOps(const QStringList &expected) const
    {
        const QStringList got = ops();
        QVERIFY2(got == expected,
                 qPrintable(QStringLiteral("received [%1], expected [%2]")
                                .arg(got.join(QStringLiteral(", ")), expected.join(QStringLiteral(", ")))));
    }
    ptz::OnvifPtzController *ptzOf(QQuickItem *tileItem) const
    {
        return qvariant_cast<ptz::OnvifPtzController *>(tileItem->property("ptz"));
    }
    // "Nothing more was sent" needs a positive marker after it: a later command. The controller sends its
    // commands in order, so once this GetPresets has reached the device, anything queued before it (a Stop or
    // a move that must not be there) has too. Then ops() is compared whole.
    void sendMarker()
    {
        const qsizetype before = ops().count(QStringLiteral("GetPresets"));
        ptzOf(tile())->refreshPresets();
        QTRY_COMPARE_WITH_TIMEOUT(ops().count(QStringLiteral("GetPresets")), before + 1, 5000);
    }
    // Waits for `frames` more frames drawn by the window, so a screenshot shows what the last events changed
    // (the live video keeps the window drawing; update() asks for a frame anyway).
    void waitForFrames(int frames = 2)
    {
        QSignalSpy swapped(m_window, &QQuickWindow::frameSwapped);
        m_window->update();
        QTRY_VERIFY_WITH_TIMEOUT(swapped.count() >= frames, 5000);
    }
    bool saveShot(const QString &name)
    {
        const QImage shot = m_window->grabWindow();
        const QString out =
            qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) + QLatin1Char('/') + name;
        qInfo("screenshot: %s", qPrintable(out));
        return shot.save(out);
    }

private slots:
    void initTestCase()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        QQuickStyle::setStyle(QStringLiteral("Basic"));

        demo::DemoSiteOptions so;
        so.cameraCount = 1;
        so.clipSeconds = 4;
        so.user = QString::fromLatin1(kUser);
        so.password = QString::fromLatin1(kPassword);
        so.cacheDir = qEnvironmentVariable("VIGIL_PTZ_TEST_CACHE",
                                           QDir::temp().filePath(QStringLiteral("vigil-ptz-test")));
        m_site = std::make_unique<demo::DemoSite>(so);
        QString error;
        QVERIFY2(m_site->prepare(&error), qPrintable(error));
        QVERIFY2(m_site->start(&error), qPrintable(error));

        onvif::test::DeviceOptions o;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        o.rtspUrl = QStringLiteral("rtsp://127.0.0.1:%1/cam01/{profile}").arg(m_site->port());
        m_device = std::make_unique<onvif::test::LoopbackDevice>(o);
        QVERIFY(m_device->start());

        m_directory =
            std::make_unique<cameras::CameraDirectory>(std::make_unique<cameras::MemoryCredentialStore>());
        cameras::CameraDirectory::setInstance(m_directory.get());
        devices::OnvifDeviceProbe probe;
        probe.test(QStringLiteral("127.0.0.1:%1").arg(m_device->port()), o.user, o.password);
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(), devices::OnvifDeviceProbe::Status::Ready, 10000);
        m_cameraId =
            probe.addToDirectory(m_directory.get(), QStringLiteral("Loopback dome"), QStringLiteral("ONVIF"));
        QVERIFY2(!m_cameraId.isEmpty(), qPrintable(probe.lastError()));

        m_wall = std::make_unique<wall::WallStore>(m_directory.get());
        wall::WallStore::setInstance(m_wall.get());
        m_screens = std::make_unique<wall::WallScreenSet>(m_wall.get());
        wall::WallScreenSet::setInstance(m_screens.get());
        m_session = std::make_unique<app::Session>(false, nullptr);
        app::Session::setInstance(m_session.get());

        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Vigil/Views/Main.qml")));
        QCOMPARE(m_engine->rootObjects().size(), 1);
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        m_window->resize(1600, 900);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));

        m_wall->setLayout(QStringLiteral("4"));
        m_wall->assignCamera(0, m_cameraId);
        QTRY_VERIFY(tile() && tile()->property("cameraId").toString() == m_cameraId);
    }

    void init()
    {
        m_mark = 0;
        if (m_device)
            m_mark = ptzRequests().size();
        // A held move is re-sent every half of its Timeout (5 s by default): on a loaded machine that could
        // add a ContinuousMove to a test's ops(), which are compared whole. No re-send within a test.
        if (m_window && tile())
            if (auto *ptz = ptzOf(tile()))
                ptz->setMoveTimeout(10 * 60 * 1000);
    }

    // Each test ends only when everything it started is done. The race this closes: a command may send more
    // after the request a test waits for (RemovePreset, like SetPreset, re-reads the list with GetPresets),
    // and the next test's init() took its mark before that GetPresets arrived, so it counted as the next
    // test's, e.g. "received [GetPresets, ContinuousMove, Stop, ...]" in turningPtzOffWhileMovingStops
    // (1 run in 3, then 1 in 13, here). busy() turns false once every queued command has its answer.
    void cleanup()
    {
        if (!m_window || !tile())
            return;
        if (auto *ptz = ptzOf(tile()))
            QTRY_VERIFY_WITH_TIMEOUT(!ptz->busy(), 5000);
    }

    void ptzButtonShowsTheOverlayOverTheLivePicture()
    {
        QVERIFY(!ptzShown());
        auto *feed = qvariant_cast<app::CameraFeed *>(tile()->property("feed"));
        QVERIFY(feed);
        QTRY_VERIFY_WITH_TIMEOUT(feed->player()->status() == video::VideoPlayer::Status::Playing &&
                                     feed->player()->stats().framesShown > 10,
                                 15000);
        CHECKED(turnPtzOn());
        QVERIFY(ops().isEmpty()); // turning PTZ on sends nothing
        hoverTile();
        QTRY_VERIFY(shown(QStringLiteral("tilePtzButton"))); // the hover buttons are up...
        CHECKED(waitForFrames());                            // ...and drawn, for the picture
        QVERIFY(saveShot(QStringLiteral("ptz-tile.png")));
        // The pad is drawn over the picture, and the picture is live (not black) around it.
        QQuickItem *pad = item(QStringLiteral("ptzPad"));
        QVERIFY(pad && pad->isVisible());
        const QImage shot = m_window->grabWindow();
        const QRectF t = tile()->mapRectToScene(QRectF(0, 0, tile()->width(), tile()->height()));
        const QImage img = shot.copy(t.toRect().adjusted(0, 0, -int(pad->width()) - 10, 0));
        qint64 lit = 0, total = 0;
        for (int y = 0; y < img.height(); y += 4)
            for (int x = 0; x < img.width(); x += 4, ++total)
                lit += qGray(img.pixel(x, y)) > 24;
        QVERIFY2(lit > total / 2,
                 qPrintable(QStringLiteral("only %1 of %2 samples lit").arg(lit).arg(total)));
    }

    void arrowHeldMovesAndReleaseStops_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<double>("pan");
        QTest::addColumn<double>("tilt");
        QTest::addColumn<double>("zoom");
        QTest::newRow("up") << QStringLiteral("ptzUp") << 0.0 << 0.5 << 0.0;
        QTest::newRow("down") << QStringLiteral("ptzDown") << 0.0 << -0.5 << 0.0;
        QTest::newRow("left") << QStringLiteral("ptzLeft") << -0.5 << 0.0 << 0.0;
        QTest::newRow("right") << QStringLiteral("ptzRight") << 0.5 << 0.0 << 0.0;
        QTest::newRow("up-left") << QStringLiteral("ptzUpLeft") << -0.5 << 0.5 << 0.0;
        QTest::newRow("down-right") << QStringLiteral("ptzDownRight") << 0.5 << -0.5 << 0.0;
        QTest::newRow("zoom in") << QStringLiteral("ptzZoomIn") << 0.0 << 0.0 << 0.5;
        QTest::newRow("zoom out") << QStringLiteral("ptzZoomOut") << 0.0 << 0.0 << -0.5;
    }
    void arrowHeldMovesAndReleaseStops()
    {
        QFETCH(QString, button);
        QFETCH(double, pan);
        QFETCH(double, tilt);
        QFETCH(double, zoom);
        CHECKED(turnPtzOn());
        QQuickItem *b = item(button);
        QVERIFY(b && b->isVisible());
        QTest::mousePress(m_window, Qt::LeftButton, {}, centreOf(b));
        CHECKED(waitForMoveThenCheck(pan, tilt, zoom));
        QVERIFY(!ops().contains(QStringLiteral("Stop"))); // still held
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, centreOf(b));
        CHECKED(waitForStop());
        QCOMPARE(ops().count(QStringLiteral("Stop")), 1);
    }

    void homeButton()
    {
        CHECKED(turnPtzOn());
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(item(QStringLiteral("ptzHome"))));
        QTRY_COMPARE_WITH_TIMEOUT(ops(), QStringList{QStringLiteral("GotoHomePosition")}, 5000);
    }

    void dragOnThePictureMovesWithTheOffset()
    {
        CHECKED(turnPtzOn());
        const QPoint start = centreOf(tile()) - QPoint(100, 0);
        QTest::mousePress(m_window, Qt::LeftButton, {}, start);
        // A quarter of the tile right and up = half speed right and up.
        const QPoint to = start + QPoint(int(tile()->width() / 4), -int(tile()->height() / 4));
        for (int i = 1; i <= 4; ++i)
            QTest::mouseMove(m_window, start + (to - start) * i / 4);
        CHECKED(waitForMoveThenCheck(0.5, 0.5, 0));
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, to);
        CHECKED(waitForStop());
    }

    void wheelZoomsBrieflyThenStops()
    {
        CHECKED(turnPtzOn());
        const QPointF pos = centreOf(tile());
        QWheelEvent wheel(pos, m_window->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(m_window, &wheel);
        CHECKED(waitForMoveThenCheck(0, 0, 0.5));
        CHECKED(waitForStop()); // nobody let go of anything: the wheel's own stop
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop")}));
    }

    void keysMoveWhileHeldAutoRepeatIgnored()
    {
        CHECKED(turnPtzOn());
        CHECKED(focusOverlay());
        QTest::keyPress(m_window, Qt::Key_Left);
        CHECKED(waitForMoveThenCheck(-0.5, 0, 0));
        // X11 auto-repeat: release+press pairs flagged as repeats must not stop the camera.
        for (int i = 0; i < 3; ++i) {
            QTest::simulateEvent(m_window, false, Qt::Key_Left, Qt::NoModifier, QString(), true);
            QTest::simulateEvent(m_window, true, Qt::Key_Left, Qt::NoModifier, QString(), true);
        }
        CHECKED(sendMarker());
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("GetPresets")}));
        QVERIFY(ptzOf(tile())->moving());
        QTest::keyRelease(m_window, Qt::Key_Left);
        CHECKED(waitForStop());
        QTest::keyClick(m_window, Qt::Key_Plus); // "+" zooms in while held
        QTRY_COMPARE_WITH_TIMEOUT(ops().count(QStringLiteral("Stop")), 2, 5000);
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("GetPresets"),
                                      QStringLiteral("Stop"), QStringLiteral("ContinuousMove"),
                                      QStringLiteral("Stop")}));
        QCOMPARE(velocity(ptzRequests().at(3).body).zoom, 0.5);
    }

    void windowDeactivationWhilePressedStops()
    {
        CHECKED(turnPtzOn());
        QQuickItem *b = item(QStringLiteral("ptzRight"));
        QTest::mousePress(m_window, Qt::LeftButton, {}, centreOf(b));
        CHECKED(waitForMoveThenCheck(0.5, 0, 0));
        {
            QWindow other;
            other.setGeometry(1700, 900, 100, 100);
            other.show();
            other.requestActivate();
            QTRY_VERIFY_WITH_TIMEOUT(!m_window->isActive(), 5000);
            CHECKED(waitForStop()); // the operator still holds the button, but the window has lost focus
            QTest::mouseRelease(m_window, Qt::LeftButton, {}, centreOf(b));
            CHECKED(sendMarker()); // the late release sent nothing
            CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                          QStringLiteral("GetPresets")}));
        }
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void keyHeldThenWindowDeactivatedStops()
    {
        CHECKED(turnPtzOn());
        CHECKED(focusOverlay());
        QTest::keyPress(m_window, Qt::Key_Down);
        CHECKED(waitForMoveThenCheck(0, -0.5, 0));
        {
            QWindow other;
            other.setGeometry(1700, 900, 100, 100);
            other.show();
            other.requestActivate();
            QTRY_VERIFY_WITH_TIMEOUT(!m_window->isActive(), 5000);
            CHECKED(waitForStop()); // the key's release will go to the other window
        }
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QTest::keyRelease(m_window, Qt::Key_Down); // late: nothing more is sent
        CHECKED(sendMarker());
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                      QStringLiteral("GetPresets")}));
    }

    void cancelledPressStops()
    {
        CHECKED(turnPtzOn());
        QQuickItem *b = item(QStringLiteral("ptzUp"));
        QTest::mousePress(m_window, Qt::LeftButton, {}, centreOf(b));
        CHECKED(waitForMoveThenCheck(0, 0.5, 0));
        // The button loses its mouse grab without a release (as when a popup or a flickable takes it over):
        // Qt Quick sends it an ungrab and the button emits canceled().
        b->ungrabMouse();
        CHECKED(waitForStop());
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, centreOf(b));
        CHECKED(sendMarker()); // the release after the cancel sent nothing
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                      QStringLiteral("GetPresets")}));
    }

    void presetsGoSaveRemove()
    {
        CHECKED(turnPtzOn());
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(item(QStringLiteral("ptzPresetsButton"))));
        QQuickItem *go = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((go = item(QStringLiteral("ptzPresetGo_2"))) && go->isVisible(), 5000);
        QCOMPARE(go->property("text").toString(), QStringLiteral("Car park"));
        QVERIFY(saveShot(QStringLiteral("ptz-presets.png")));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(go));
        QTRY_VERIFY_WITH_TIMEOUT(ops().contains(QStringLiteral("GotoPreset")), 5000);
        const auto gotoReq = ptzRequests().last();
        QCOMPARE(gotoReq.operation, QStringLiteral("GotoPreset"));
        QVERIFY2(QRegularExpression(QStringLiteral("PresetToken>2<"))
                     .match(QString::fromUtf8(gotoReq.body))
                     .hasMatch(),
                 gotoReq.body.constData());

        // Save the current view under a name, then remove preset 1.
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(item(QStringLiteral("ptzPresetsButton"))));
        QQuickItem *name = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((name = item(QStringLiteral("ptzPresetName"))) && name->isVisible(), 5000);
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(name));
        QTRY_VERIFY(name->hasActiveFocus());
        for (const char c : {'D', 'o', 'c', 'k'})
            QTest::keyClick(m_window, c);
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(item(QStringLiteral("ptzPresetSave"))));
        QTRY_VERIFY_WITH_TIMEOUT(ops().contains(QStringLiteral("SetPreset")), 5000);
        const auto setReq = ptzRequests().at(ops().indexOf(QStringLiteral("SetPreset")));
        QVERIFY2(setReq.body.contains("Dock"), setReq.body.constData());
        QQuickItem *remove = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((remove = item(QStringLiteral("ptzPresetRemove_1"))) && remove->isVisible(),
                                 5000);
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(remove));
        QTRY_VERIFY_WITH_TIMEOUT(ops().contains(QStringLiteral("RemovePreset")), 5000);
        const auto removeReq = ptzRequests().at(ops().indexOf(QStringLiteral("RemovePreset")));
        QVERIFY2(removeReq.body.contains("PresetToken>1<"), removeReq.body.constData());
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!shown(QStringLiteral("ptzPresetName")));
        QVERIFY(!ops().contains(QStringLiteral("ContinuousMove")));
        QVERIFY2(m_device->problems().isEmpty(), qPrintable(m_device->problems().join(QLatin1Char('\n'))));
    }

    void turningPtzOffWhileMovingStops()
    {
        CHECKED(turnPtzOn());
        CHECKED(focusOverlay());
        QTest::keyPress(m_window, Qt::Key_Right);
        CHECKED(waitForMoveThenCheck(0.5, 0, 0));
        // The PTZ button takes no keyboard focus, so this is the "PTZ off" path alone.
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(item(QStringLiteral("tilePtzButton"))));
        QTRY_VERIFY(!ptzShown());
        CHECKED(waitForStop());
        QTest::keyRelease(m_window, Qt::Key_Right);
        CHECKED(sendMarker()); // the key's release after PTZ went off sent nothing
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                      QStringLiteral("GetPresets")}));
    }

    // Esc leaves PTZ mode (the overlay has the keys), and a move held at that moment stops.
    void escapeLeavesPtzMode()
    {
        CHECKED(turnPtzOn());
        CHECKED(focusOverlay());
        QTest::keyPress(m_window, Qt::Key_Left);
        CHECKED(waitForMoveThenCheck(-0.5, 0, 0));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!ptzShown());
        QVERIFY(!tile()->property("ptzMode").toBool());
        CHECKED(waitForStop());
        QTest::keyRelease(m_window, Qt::Key_Left);
        CHECKED(sendMarker()); // the key's release after Esc sent nothing
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                      QStringLiteral("GetPresets")}));
    }

    // The slider on the pad sets the speed of the arrows, keys and wheel: a setting (Session.ptzSpeed,
    // settings.json) that every tile follows. It takes no keyboard focus, so the keys go on steering.
    void speedSliderSetsTheSpeed()
    {
        CHECKED(turnPtzOn());
        CHECKED(focusOverlay());
        QQuickItem *slider = item(QStringLiteral("ptzSpeedSlider"));
        QVERIFY(slider && slider->isVisible());
        QCOMPARE(slider->property("value").toDouble(), 0.5);
        auto *ptz = ptzOf(tile());
        QSignalSpy speedChanged(m_session.get(), &app::Session::ptzSpeedChanged);
        // Press at 80 % of the track: the handle jumps there (snapped to 5 % steps).
        const QPointF at(slider->width() * 0.8, slider->height() / 2);
        QTest::mouseClick(m_window, Qt::LeftButton, {}, slider->mapToScene(at).toPoint());
        QTRY_COMPARE(speedChanged.count(), 1);
        const double speed = m_session->ptzSpeed();
        QVERIFY2(speed > 0.65 && speed < 0.95, qPrintable(QString::number(speed)));
        QCOMPARE(slider->property("value").toDouble(), speed);
        QCOMPARE(ptz->speed(), speed);
        QVERIFY(overlay()->hasActiveFocus()); // the slider did not take the keys
        QVERIFY(ops().isEmpty());             // nor did it move the camera

        QTest::keyPress(m_window, Qt::Key_Up);
        CHECKED(waitForMoveThenCheck(0, speed, 0));
        QTest::keyRelease(m_window, Qt::Key_Up);
        CHECKED(waitForStop());
        QQuickItem *right = item(QStringLiteral("ptzRight"));
        QTest::mousePress(m_window, Qt::LeftButton, {}, centreOf(right));
        CHECKED(waitForMoveThenCheck(speed, 0, 0));
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, centreOf(right));
        CHECKED(waitForStop());

        // Saved for the next start.
        const QString settings = m_session->settingsPath();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(settings), 5000);
        QFile f(settings);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("ptzSpeed")).toDouble(),
                 speed);

        // Back to the default (the other tests expect it): the slider and the controller follow the setting.
        m_session->setPtzSpeed(0.5);
        QCOMPARE(ptz->speed(), 0.5);
        QCOMPARE(slider->property("value").toDouble(), 0.5);
        QTest::keyClick(m_window, Qt::Key_Escape); // the keys are still the pad's
        QTRY_VERIFY(!ptzShown());
    }

    void tileMenuTurnsPtzOn()
    {
        QVERIFY(!ptzShown());
        QTest::mouseClick(m_window, Qt::RightButton, {}, centreOf(tile()));
        QQuickItem *entry = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((entry = item(QStringLiteral("ptzItem"))) && entry->isVisible(), 5000);
        QVERIFY(entry->isEnabled());
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(entry));
        QTRY_VERIFY(ptzShown());
        // Right-click in PTZ mode still opens the menu, where the entry is checked.
        QTest::mouseClick(m_window, Qt::RightButton, {}, centreOf(tile()));
        QTRY_VERIFY(shown(QStringLiteral("ptzItem")));
        QVERIFY(item(QStringLiteral("ptzItem"))->property("checked").toBool());
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!shown(QStringLiteral("ptzItem")));
        // The check mark follows PTZ whichever control changed it: off with the tile's PTZ button, the menu
        // says off.
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(item(QStringLiteral("tilePtzButton"))));
        QTRY_VERIFY(!ptzShown());
        QTest::mouseClick(m_window, Qt::RightButton, {}, centreOf(tile()));
        QTRY_VERIFY(shown(QStringLiteral("ptzItem")));
        QVERIFY(!item(QStringLiteral("ptzItem"))->property("checked").toBool());
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!shown(QStringLiteral("ptzItem")));
        QVERIFY(ops().isEmpty());
    }

    void changingTheTilesCameraStops()
    {
        CHECKED(turnPtzOn());
        QTest::mousePress(m_window, Qt::LeftButton, {}, centreOf(item(QStringLiteral("ptzDown"))));
        CHECKED(waitForMoveThenCheck(0, -0.5, 0));
        m_wall->clearTile(0); // e.g. a tour or an alarm puts another camera there
        CHECKED(waitForStop());
        QTRY_VERIFY(!ptzShown());
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, centreOf(tile()));
        CHECKED(expectOps(QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop")}));
        // Back: PTZ starts off for the (new) camera.
        m_wall->assignCamera(0, m_cameraId);
        QTRY_COMPARE(tile()->property("cameraId").toString(), m_cameraId);
        QVERIFY(!ptzShown());
    }

    // On a 4x4 wall the pad shrinks and stays inside the tile, and the hint becomes a short "PTZ".
    void smallTileKeepsThePadInside()
    {
        m_wall->setLayout(QStringLiteral("16"));
        QCOMPARE(m_wall->tileCount(), 16);
        QTRY_COMPARE(tile()->property("cameraId").toString(), m_cameraId);
        QVERIFY(!ptzShown());
        CHECKED(turnPtzOn());
        QQuickItem *pad = item(QStringLiteral("ptzPad"));
        QVERIFY(pad && pad->isVisible());
        const QRectF t = tile()->mapRectToScene(QRectF(0, 0, tile()->width(), tile()->height()));
        const QRectF p = pad->mapRectToScene(QRectF(0, 0, pad->width(), pad->height()));
        QVERIFY2(t.contains(p), qPrintable(QStringLiteral("pad %1x%2 on a %3x%4 tile")
                                               .arg(p.width())
                                               .arg(p.height())
                                               .arg(t.width())
                                               .arg(t.height())));
        QCOMPARE(item(QStringLiteral("ptzStatusText"))->property("text").toString(), QStringLiteral("PTZ"));
        hoverTile();
        QTRY_VERIFY(shown(QStringLiteral("tilePtzButton")));
        CHECKED(waitForFrames());
        QVERIFY(saveShot(QStringLiteral("ptz-small-tile.png")));
        QVERIFY(ops().isEmpty());
    }

    // A fixed ONVIF camera (a device whose profiles have no PTZ configuration: real Hikvision Media2
    // profiles; no PTZ flag) on the next tile: once the device has been asked, its hover buttons come up
    // without PTZ and its menu's "PTZ control" is disabled, while the PTZ camera beside it keeps its
    // controls.
    void cameraWithoutPtzHasNoPtzControls()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        onvif::test::DeviceOptions o;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        onvif::test::LoopbackDevice bullet(o);
        QVERIFY(bullet.start());
        bullet.serveFile(
            QStringLiteral("Media2-GetProfiles"),
            QDir(onvif::test::capturesDir()).filePath(QStringLiteral("hikvision/Media2-GetProfiles.xml")));
        m_wall->setLayout(QStringLiteral("4"));
        QTRY_COMPARE(tile()->property("cameraId").toString(), m_cameraId);
        cameras::Camera fixed = *m_directory->camera(m_cameraId); // same picture, the password is stored
        QVERIFY(fixed.ptz);                                       // the loopback dome, as probed
        fixed.id = QStringLiteral("fixed-bullet");
        fixed.name = QStringLiteral("Fixed bullet");
        fixed.deviceUrl = bullet.deviceUrl();
        fixed.ptz = false;
        QVERIFY(m_directory->addCamera(fixed));
        m_wall->assignCamera(1, fixed.id);
        QQuickItem *fixedTile = item(QStringLiteral("tile1"));
        QTRY_VERIFY(fixedTile && fixedTile->property("cameraId").toString() == fixed.id);
        auto *ptz = ptzOf(fixedTile);
        QVERIFY(ptz);
        // The device is asked (GetProfiles reaches it), and its answer is in (the check is over): no PTZ.
        QTRY_VERIFY_WITH_TIMEOUT(bullet.operations().contains(QStringLiteral("GetProfiles")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!ptz->checkingPtz(), 5000);
        QVERIFY(!ptz->available());
        CHECKED(turnPtzOn()); // the dome's pad stays up, for the picture

        QTest::mouseMove(m_window, centreOf(fixedTile) + QPoint(0, 40));
        QQuickItem *menuButton = findItem(fixedTile, QStringLiteral("tileMenuButton"));
        QVERIFY(menuButton);
        QTRY_VERIFY(menuButton->isVisible()); // the hover buttons are up...
        QQuickItem *ptzButton = findItem(fixedTile, QStringLiteral("tilePtzButton"));
        QVERIFY(ptzButton);
        QVERIFY(!ptzButton->isVisible());                                        // ...without PTZ
        QVERIFY(findItem(tile(), QStringLiteral("tilePtzButton"))->isVisible()); // the dome keeps it
        CHECKED(waitForFrames());
        QVERIFY(saveShot(QStringLiteral("ptz-fixed-camera.png")));

        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(menuButton));
        QQuickItem *ptzItem = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((ptzItem = item(QStringLiteral("ptzItem"))) && ptzItem->isVisible(), 5000);
        QVERIFY(!ptzItem->isEnabled());
        CHECKED(waitForFrames());
        QVERIFY(saveShot(QStringLiteral("ptz-fixed-camera-menu.png")));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!shown(QStringLiteral("ptzItem")));
        QVERIFY(ops().isEmpty());
        m_wall->clearTile(1);
        QVERIFY(!m_directory->camera(QStringLiteral("fixed-bullet"))->ptz);
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        video::VideoPlayer::waitForWorkers(5000);
        app::Session::setInstance(nullptr);
        wall::WallScreenSet::setInstance(nullptr);
        wall::WallStore::setInstance(nullptr);
        cameras::CameraDirectory::setInstance(nullptr);
        m_session.reset();
        m_screens.reset();
        m_wall.reset();
        m_directory.reset();
        m_device.reset();
        m_site.reset();
    }
};

QTEST_MAIN(TstPtzUi)
#include "tst_ptz_ui.moc"
