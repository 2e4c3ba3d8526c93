// OnvifPtzController: the tile's PTZ, its four parts together. Commands reach the loopback device in order,
// moves coalesce, a stop is never lost (not even when the controller is destroyed mid-move), presets refresh,
// and a camera found through the directory (deviceUrl + credential store + PTZ flag) is steerable, one
// without the flag is not, one whose password the keyring has not given yet is not logged in to until it has.
// The operator-input rules (held keys, wheel zoom, letGo) are checked against the same device: what was sent,
// with which sign, and that every "let go" ends in a Stop (the rules alone: tst_ptz_input_rules).
//
// No fixed waits: each test waits for what the device received (its operations list) or for a signal. A
// check that something was NOT sent waits for a later marker instead: a command sent after it on the same
// queue (which keeps order), or, for what a timer would send, a second controller on another device whose
// own timer, started later with the same interval, has fired.
#include "loopback_device.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/core/worker_threads.h"
#include "vigil/devices/camera_builder.h"
#include "vigil/onvif/client.h"
#include "vigil/ptz/capability_cache.h"
#include "vigil/ptz/ptz_controller.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>
#include <thread>
#include <tuple>
#include <vector>

using namespace vigil;
using namespace vigil::onvif;
using vigil::ptz::OnvifPtzController;
using vigil::ptz::PtzInputRules;

namespace {
QStringList ptzOps(const test::LoopbackDevice &d)
{
    QStringList out;
    for (const auto &r : d.requests())
        if (r.ns == QLatin1String("http://www.onvif.org/ver20/ptz/wsdl"))
            out << r.operation;
    return out;
}

// The pan, tilt and zoom of a ContinuousMove body.
std::tuple<double, double, double> velocity(const QByteArray &body)
{
    static const QRegularExpression pt(QStringLiteral(R"re(PanTilt[^>]*x="([-0-9.]+)" y="([-0-9.]+)")re"));
    static const QRegularExpression z(QStringLiteral(R"re(Zoom[^>]*x="([-0-9.]+)")re"));
    const auto a = pt.match(QString::fromUtf8(body));
    const auto b = z.match(QString::fromUtf8(body));
    return {a.captured(1).toDouble(), a.captured(2).toDouble(), b.captured(1).toDouble()};
}
QList<QByteArray> moves(const test::LoopbackDevice &d)
{
    QList<QByteArray> out;
    for (const auto &r : d.requests())
        if (r.operation == QLatin1String("ContinuousMove"))
            out << r.body;
    return out;
}
using V = std::tuple<double, double, double>;
// The velocities of the moves received, in order.
QList<V> velocities(const test::LoopbackDevice &d)
{
    QList<V> out;
    for (const QByteArray &m : moves(d))
        out << velocity(m);
    return out;
}
// `later` was received after `earlier` (both present).
bool receivedAfter(const QList<V> &list, const V &earlier, const V &later)
{
    const qsizetype i = list.indexOf(earlier);
    return i >= 0 && list.indexOf(later, i + 1) > i;
}

// A positive marker for "nothing more was sent": GetPresets goes through the controller's queue behind
// everything queued before it, so once the device has it, anything that was going to be sent before has been.
void sendMarker(OnvifPtzController &p, const test::LoopbackDevice &d)
{
    const qsizetype before = d.operations().count(QStringLiteral("GetPresets"));
    p.refreshPresets();
    QTRY_COMPARE_WITH_TIMEOUT(d.operations().count(QStringLiteral("GetPresets")), before + 1, 5000);
}

} // namespace

class TstPtzController : public QObject
{
    Q_OBJECT

private slots:
    void commandsInOrderAndPresets()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.setDevice(d.deviceUrl(), o.user, o.password);
        QVERIFY(p.available());
        p.move(0.5, 0, 0);
        p.move(0.6, 0, 0); // may coalesce with the first
        p.move(0.7, 0.1, 0);
        p.stop();
        p.gotoPreset(QStringLiteral("2"));
        p.home();
        p.refreshPresets();
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY2(p.lastError().isEmpty(), qPrintable(p.lastError()));
        const QStringList ops = ptzOps(d);
        QVERIFY2(ops.mid(ops.size() - 4) ==
                     (QStringList{QStringLiteral("Stop"), QStringLiteral("GotoPreset"),
                                  QStringLiteral("GotoHomePosition"), QStringLiteral("GetPresets")}),
                 qPrintable(ops.join(QLatin1Char(','))));
        QVERIFY(ops.count(QStringLiteral("ContinuousMove")) >= 1);
        QVERIFY(ops.count(QStringLiteral("ContinuousMove")) <= 3);
        // The last move sent carries the latest velocity.
        QByteArray lastMove;
        for (const auto &r : d.requests())
            if (r.operation == QLatin1String("ContinuousMove"))
                lastMove = r.body;
        QVERIFY(lastMove.contains("x=\"0.700\" y=\"0.100\""));
        QCOMPARE(p.presetNames(), (QStringList{QStringLiteral("Gate"), QStringLiteral("Car park")}));
        QCOMPARE(p.presetTokens(), (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
        QVERIFY(
            std::all_of(done.begin(), done.end(), [](const QList<QVariant> &a) { return a.at(1).toBool(); }));
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
    }

    void stopReachesTheCameraWhenTheTileGoesAway()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        {
            OnvifPtzController p;
            p.setDevice(d.deviceUrl(), o.user, o.password);
            p.move(0, -1, 0);
        } // destroyed mid-move: never blocks, and still stops the camera
        QTRY_VERIFY_WITH_TIMEOUT(ptzOps(d).contains(QStringLiteral("Stop")), 5000);
        QCOMPARE(ptzOps(d).last(), QStringLiteral("Stop"));
    }

    // At exit the tiles go away with the QML engine; main() then waits for the PTZ workers so the Stops they
    // queued reach the cameras before the process ends (detached threads die with it). The device answers
    // Stop slowly, so the Stops are still in flight when the controllers are gone.
    void waitForWorkersLetsTheLastStopsOut()
    {
        test::DeviceOptions o;
        o.misbehaviour = test::Misbehaviour::Slow;
        o.misbehaveOn = QStringLiteral("Stop");
        o.slowMs = 700;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        {
            std::vector<std::unique_ptr<OnvifPtzController>> tiles;
            for (int i = 0; i < 3; ++i) {
                tiles.push_back(std::make_unique<OnvifPtzController>());
                tiles.back()->setDevice(d.deviceUrl(), o.user, o.password);
                tiles.back()->move(0.1 * (i + 1), 0, 0);
            }
        } // the engine is destroyed: each controller queues its Stop
        QElapsedTimer t;
        t.start();
        QVERIFY(OnvifPtzController::waitForWorkers(10000));
        QVERIFY2(t.elapsed() >= 600, qPrintable(QString::number(t.elapsed()))); // it did wait for the answers
        QCOMPARE(ptzOps(d).count(QStringLiteral("Stop")), 3);
        QVERIFY(OnvifPtzController::waitForWorkers(0)); // nothing left
    }

    // A tile destroyed while its command's answer is being posted back: the worker posts to the application
    // object, never to the controller (which may be freed between a check and the post). Many rounds, each
    // deleting the controller just as the device has received its command.
    void destroyingRightAfterACommandIsSafe()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        for (int i = 0; i < 150; ++i) {
            auto *p = new OnvifPtzController;
            p->setDevice(d.deviceUrl(), o.user, o.password, QStringLiteral("profile_1"));
            const qsizetype before = d.requests().size();
            p->home();
            QElapsedTimer t;
            t.start();
            while (d.requests().size() == before && t.elapsed() < 5000)
                std::this_thread::yield();
            if (i % 3 == 1)
                QThread::usleep(50 * (i % 7)); // around the time the answer comes back
            delete p;
            if (i % 10 == 0)
                QCoreApplication::processEvents();
        }
        QVERIFY(OnvifPtzController::waitForWorkers(10000));
        QCoreApplication::processEvents(); // the late results are dropped
        QCOMPARE(d.operations().count(QStringLiteral("GotoHomePosition")), 150);
    }

    // Every move carries a Timeout, so a camera that misses the Stop stops by itself; while the operator
    // holds the move it is re-sent every half Timeout, and never after the Stop.
    void heldMoveCarriesATimeoutAndIsResent()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        p.move(0.5, 0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY2(moves(d).first().contains("<Timeout>PT10.000S</Timeout>"), moves(d).first().constData());
        p.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);

        p.setMoveTimeout(600); // re-sent every 300 ms
        QVERIFY(p.keyPress(Qt::Key_Up));
        QTRY_VERIFY_WITH_TIMEOUT(moves(d).size() >= 4, 5000); // the press, then two re-sends at least
        QVERIFY(p.moving());
        const auto held = moves(d).mid(1);
        for (const QByteArray &m : held) {
            QCOMPARE(velocity(m), std::make_tuple(0.0, 0.5, 0.0));
            QVERIFY(m.contains("<Timeout>PT0.600S</Timeout>"));
        }
        QVERIFY(p.keyRelease(Qt::Key_Up));
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QCOMPARE(ptzOps(d).last(), QStringLiteral("Stop"));
        const qsizetype sent = moves(d).size();

        // Nothing after the Stop. The clock: a second controller, on another device, holding a move with the
        // same re-send interval from now on. Once it has re-sent twice, a re-send timer of `p` still running
        // would have fired too; the marker then flushes whatever it queued.
        test::LoopbackDevice clockDevice(o);
        QVERIFY(clockDevice.start());
        OnvifPtzController clock;
        clock.setDevice(clockDevice.deviceUrl(), o.user, o.password);
        clock.setMoveTimeout(600);
        clock.move(0.3, 0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(moves(clockDevice).size() >= 3, 5000);
        clock.letGo();
        sendMarker(p, d);
        QCOMPARE(moves(d).size(), sent);
        QCOMPARE(ptzOps(d).mid(ptzOps(d).size() - 2),
                 (QStringList{QStringLiteral("Stop"), QStringLiteral("GetPresets")}));
    }

    // A Stop the camera did not take is sent once more (then reported).
    void failedStopIsRetried()
    {
        test::DeviceOptions o;
        o.misbehaviour = test::Misbehaviour::HtmlPage;
        o.misbehaveOn = QStringLiteral("Stop");
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.move(0, 0.5, 0);
        p.stop();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 5000);
        QVERIFY(!done.at(1).at(1).toBool());
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                         QStringLiteral("Stop")}));
        // The same when the tile goes away mid-move.
        {
            OnvifPtzController gone;
            gone.setDevice(d.deviceUrl(), o.user, o.password);
            gone.move(0.5, 0, 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(ptzOps(d).count(QStringLiteral("Stop")), 4, 5000);
    }

    // A wheel notch while a key (or drag) is held: the held move goes on after the zoom, no Stop.
    void wheelDuringAHeldKeyResumesIt()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        QVERIFY(p.keyPress(Qt::Key_Left));
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        p.zoomStep(1);
        // The wheel's time is up: the held key's move is sent again, after the zoom.
        const V left{-0.5, 0.0, 0.0}, zoomIn{0.0, 0.0, 0.5};
        QTRY_VERIFY_WITH_TIMEOUT(receivedAfter(velocities(d), zoomIn, left), 5000);
        QVERIFY(p.moving());
        sendMarker(p, d); // no Stop queued behind it either
        QVERIFY(!ptzOps(d).contains(QStringLiteral("Stop")));
        QCOMPARE(velocities(d).last(), left);
        // Same for a drag: the camera drags on, and letting go stops it.
        QVERIFY(p.keyRelease(Qt::Key_Left));
        p.dragTo(100, 0, 400, 200);
        p.zoomStep(-1);
        const V right{0.5, 0.0, 0.0}, zoomOut{0.0, 0.0, -0.5};
        QTRY_VERIFY_WITH_TIMEOUT(receivedAfter(velocities(d), zoomOut, right), 5000);
        QVERIFY(p.moving());
        QCOMPARE(velocities(d).last(), right);
        p.letGo();
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QCOMPARE(ptzOps(d).last(), QStringLiteral("Stop"));
    }

    // Tiles showing the same unflagged camera at once share one check; a device that did not answer is not
    // asked again on every showing (each used to start its own thread).
    void ptzCheckIsSharedAndFailuresAreRemembered()
    {
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        o.misbehaviour = test::Misbehaviour::Slow;
        o.misbehaveOn = QStringLiteral("GetServices");
        o.slowMs = 300;
        test::LoopbackDevice dome(o);
        QVERIFY(dome.start());
        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        store->setPassword(QStringLiteral("ref-1"), o.password);
        store->setPassword(QStringLiteral("ref-2"), QStringLiteral("wrong"));
        cameras::CameraDirectory dir(std::move(store));
        cameras::Camera cam;
        cam.id = QStringLiteral("dome");
        cam.name = QStringLiteral("Dome");
        cam.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:1/main")), {}, 0, {}}};
        cam.user = o.user;
        cam.credentialRef = QStringLiteral("ref-1");
        cam.deviceUrl = dome.deviceUrl();
        QVERIFY(dir.addCamera(cam));
        ptz::PtzCapabilityCache cache; // this test's own: nothing known from other tests' devices
        std::vector<std::unique_ptr<OnvifPtzController>> tiles;
        for (int i = 0; i < 4; ++i) {
            tiles.push_back(std::make_unique<OnvifPtzController>());
            tiles.back()->setCapabilityCache(&cache);
            tiles.back()->setCameraId(QStringLiteral("dome"), &dir);
        }
        for (const auto &t : tiles)
            QTRY_VERIFY_WITH_TIMEOUT(t->available(), 5000);
        QCOMPARE(dome.operations().count(QStringLiteral("GetServices")), 1);
        QCOMPARE(cache.checksStarted(), 1);

        test::DeviceOptions lo;
        test::LoopbackDevice locked(lo);
        QVERIFY(locked.start());
        cameras::Camera other = cam;
        other.id = QStringLiteral("locked");
        other.credentialRef = QStringLiteral("ref-2");
        other.deviceUrl = locked.deviceUrl();
        other.ptz = false;
        QVERIFY(dir.addCamera(other));
        tiles.front()->setCameraId(QStringLiteral("locked"), &dir);
        QVERIFY(tiles.front()->checkingPtz());
        QTRY_VERIFY_WITH_TIMEOUT(!tiles.front()->checkingPtz(), 5000); // the failure is in
        QVERIFY(!locked.operations().isEmpty());
        const qsizetype asked = locked.requests().size();
        // Shown again, in every tile: the failure is remembered, so no check starts (a check would start a
        // thread and set checkingPtz at once) and nothing can reach the device.
        const quint64 threads = core::WorkerThreads::startedCount();
        for (const auto &t : tiles) {
            t->setCameraId(QStringLiteral("locked"), &dir);
            QVERIFY(!t->checkingPtz());
            QVERIFY(!t->available());
        }
        QCOMPARE(core::WorkerThreads::startedCount(), threads);
        QCOMPARE(locked.requests().size(), asked);
    }

    void dragSendsOnlyChangesAndStopsInTheDeadZone()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        p.dragTo(2, 2, 400, 200); // dead zone: nothing
        QVERIFY(!p.moving());
        p.dragTo(100, -50, 400, 200);
        QVERIFY(p.moving());
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        p.dragTo(101, -50, 400, 200); // same velocity after rounding: nothing sent
        QVERIFY(!p.busy());
        p.dragTo(0, 0, 400, 200); // back to the origin: stop
        QVERIFY(!p.moving());
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop")}));
        const auto [pan, tilt, zoom] = velocity(moves(d).first());
        QCOMPARE(pan, 0.5);
        QCOMPARE(tilt, 0.5);
        QCOMPARE(zoom, 0.0);
    }

    void keysMoveWhileHeldAndStopWhenReleased()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        QVERIFY(!p.keyPress(Qt::Key_A));
        QVERIFY(p.keyPress(Qt::Key_Left));
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY(p.keyPress(Qt::Key_Left)); // auto-repeat: nothing new
        QVERIFY(!p.busy());
        QVERIFY(p.keyPress(Qt::Key_Up)); // diagonal
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY(p.keyRelease(Qt::Key_Left));
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY(p.keyRelease(Qt::Key_Up));
        QVERIFY(!p.moving());
        QVERIFY(p.keyPress(Qt::Key_Equal)); // zoom in
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY(p.keyRelease(Qt::Key_Equal));
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("ContinuousMove"),
                                         QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                         QStringLiteral("ContinuousMove"), QStringLiteral("Stop")}));
        const auto m = moves(d);
        QCOMPARE(velocity(m.at(0)), std::make_tuple(-0.5, 0.0, 0.0));
        QCOMPARE(velocity(m.at(1)), std::make_tuple(-0.5, 0.5, 0.0));
        QCOMPARE(velocity(m.at(2)), std::make_tuple(0.0, 0.5, 0.0));
        QCOMPARE(velocity(m.at(3)), std::make_tuple(0.0, 0.0, 0.5));
    }

    void wheelZoomsThenStops()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        p.zoomStep(-1);
        QVERIFY(p.moving());
        QTRY_VERIFY_WITH_TIMEOUT(ptzOps(d).contains(QStringLiteral("Stop")), 5000);
        QVERIFY(!p.moving());
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop")}));
        QCOMPARE(velocity(moves(d).first()), std::make_tuple(0.0, 0.0, -0.5));
        // An arrow pressed during a wheel zoom is not cut short by the wheel's stop. The clock: a wheel notch
        // on a second controller (another device), given after this one's: once its own stop is in, this
        // one's would have come too; the marker flushes it.
        test::LoopbackDevice clockDevice(o);
        QVERIFY(clockDevice.start());
        OnvifPtzController clock;
        clock.setDevice(clockDevice.deviceUrl(), o.user, o.password);
        p.zoomStep(1);
        p.move(0.5, 0, 0);
        clock.zoomStep(1);
        QTRY_VERIFY_WITH_TIMEOUT(ptzOps(clockDevice).contains(QStringLiteral("Stop")), 5000);
        QVERIFY(p.moving());
        sendMarker(p, d);
        QCOMPARE(ptzOps(d).count(QStringLiteral("Stop")), 1);
        p.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QCOMPARE(ptzOps(d).last(), QStringLiteral("Stop"));
        QCOMPARE(ptzOps(d).count(QStringLiteral("Stop")), 2);
    }

    void letGoStopsOnlyAMovingCamera()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        p.letGo(); // nothing moving: nothing sent
        QVERIFY(!p.busy());
        QVERIFY(p.keyPress(Qt::Key_Down));
        p.letGo(); // e.g. the window lost focus with the key held
        QVERIFY(!p.moving());
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY(p.keyRelease(Qt::Key_Down)); // the late release sends nothing more
        QVERIFY(!p.busy());
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop")}));
    }

    void changingTheCameraStopsTheOldOne()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        test::LoopbackDevice other(o);
        QVERIFY(other.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, o.password);
        p.move(0, 0.5, 0);
        p.setDevice(other.deviceUrl(), o.user, o.password);
        QVERIFY(!p.moving());
        QTRY_VERIFY_WITH_TIMEOUT(ptzOps(d).contains(QStringLiteral("Stop")), 5000);
        QCOMPARE(ptzOps(d).last(), QStringLiteral("Stop"));
        QVERIFY(ptzOps(other).isEmpty()); // no thread or request before the first command
    }

    void wrongPasswordAndNoAddress()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, QStringLiteral("nope"));
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.home();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        QVERIFY(!done.first().at(1).toBool());
        QVERIFY(p.lastError().contains(QLatin1String("password")));
        OnvifPtzController none;
        QVERIFY(!none.available());
        none.stop();
        QVERIFY(!none.lastError().isEmpty());
    }

    void cameraFromTheDirectory()
    {
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifClient client(d.deviceUrl(), o.user, o.password);
        const auto described = client.describe();
        QVERIFY(described.ok());
        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        store->setPassword(QStringLiteral("ref-1"), o.password);
        cameras::CameraDirectory dir(std::move(store));
        QVERIFY(dir.addCamera(devices::toCamera(described.value, o.user, QStringLiteral("ref-1"))));
        // deviceUrl survives a save and reload (cameras.json), without credentials.
        cameras::CameraDirectory reloaded(std::make_unique<cameras::MemoryCredentialStore>());
        QVERIFY(reloaded.load());
        QCOMPARE(reloaded.camera(QStringLiteral("onvif-LOOP0001"))->deviceUrl, d.deviceUrl());
        QVERIFY(reloaded.camera(QStringLiteral("onvif-LOOP0001"))->ptz); // so is the PTZ flag

        OnvifPtzController p;
        p.setCameraId(QStringLiteral("onvif-LOOP0001"), &dir);
        QVERIFY(p.available());
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.home();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        QVERIFY2(done.first().at(1).toBool(), qPrintable(p.lastError()));
    }

    // At start-up the keyring is read in the background. A camera whose password it has not given yet is not
    // logged in to (a login without the password could count as a failed attempt and lock the account): no
    // controls, no PTZ check, a command is refused with a sentence; when the keyring answers, the controls
    // come (flagged camera) or the check starts (unflagged camera), with the password it gave.
    void waitsForThePasswordFromTheKeyring()
    {
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        test::LoopbackDevice dome(o);
        QVERIFY(dome.start());
        test::LoopbackDevice unflagged(o);
        QVERIFY(unflagged.start());
        cameras::Camera cam;
        cam.id = QStringLiteral("dome");
        cam.name = QStringLiteral("Dome");
        cam.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:1/main")), {}, 0, {}}};
        cam.user = o.user;
        cam.deviceUrl = dome.deviceUrl();
        cam.ptz = true;
        cameras::Camera old = cam;
        old.id = QStringLiteral("old");
        old.deviceUrl = unflagged.deviceUrl();
        old.ptz = false;
        {
            // An earlier run saved the cameras, their passwords in the keyring.
            cameras::CameraDirectory earlier(std::make_unique<cameras::MemoryCredentialStore>());
            QVERIFY2(earlier.putCamera(cam, o.password), qPrintable(earlier.lastError()));
            QVERIFY2(earlier.putCamera(old, o.password), qPrintable(earlier.lastError()));
        }
        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        dir.beginCredentialsLoad();
        QVERIFY(dir.load());
        QVERIFY(dir.waitingForPassword(QStringLiteral("dome")));

        ptz::PtzCapabilityCache cache;
        OnvifPtzController p;
        p.setCapabilityCache(&cache);
        OnvifPtzController q;
        q.setCapabilityCache(&cache);
        QSignalSpy availability(&p, &OnvifPtzController::availableChanged);
        const quint64 threads = core::WorkerThreads::startedCount();
        p.setCameraId(QStringLiteral("dome"), &dir);
        q.setCameraId(QStringLiteral("old"), &dir);
        QVERIFY(p.waitingForPassword());
        QVERIFY(!p.available());
        QVERIFY(!q.checkingPtz());
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.home();
        QCOMPARE(done.count(), 1);
        QVERIFY(!done.at(0).at(1).toBool());
        QVERIFY2(p.lastError().contains(QLatin1String("keyring")), qPrintable(p.lastError()));
        // No queue and no check were started: nothing can have reached either device.
        QCOMPARE(core::WorkerThreads::startedCount(), threads);
        QCOMPARE(cache.checksStarted(), 0);
        QVERIFY(dome.requests().isEmpty());
        QVERIFY(unflagged.requests().isEmpty());

        auto keyring = std::make_unique<cameras::MemoryCredentialStore>();
        QVERIFY(keyring->setPassword(dir.camera(QStringLiteral("dome"))->credentialRef, o.password));
        QVERIFY(keyring->setPassword(dir.camera(QStringLiteral("old"))->credentialRef, o.password));
        dir.finishCredentialsLoad(std::move(keyring));
        QVERIFY(!p.waitingForPassword());
        QVERIFY(p.available());
        QCOMPARE(availability.count(), 1);
        QVERIFY(q.checkingPtz()); // the unflagged camera is asked now, with the password
        QTRY_VERIFY_WITH_TIMEOUT(q.available(), 5000);
        p.home();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 5000);
        QVERIFY2(done.at(1).at(1).toBool(), qPrintable(p.lastError()));
        QCOMPARE(dome.authFailures(), 0);
        QCOMPARE(unflagged.authFailures(), 0);
    }

    // A directory camera with an ONVIF address and no PTZ flag is asked once (GetServices, GetProfiles). A
    // fixed camera (real Axis and Hikvision profiles without a PTZ configuration) stays without controls: not
    // available, and a command sent anyway fails without reaching the device; it is not asked again this
    // session. A PTZ camera saved before the flag existed becomes available and the flag is saved.
    void cameraWithoutThePtzFlagIsAskedOnce()
    {
        if (test::capturesDir().isEmpty())
            QSKIP("ONVIF captures not found: set VIGIL_SHARED_DIR to the folder holding onvif-captures/");
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        test::LoopbackDevice dome(o);
        QVERIFY(dome.start());
        test::LoopbackDevice bullet(o);
        QVERIFY(bullet.start());
        const QDir captures(test::capturesDir());
        bullet.serveFile(QStringLiteral("GetProfiles"),
                         captures.filePath(QStringLiteral("axis/GetProfiles.xml")));
        bullet.serveFile(QStringLiteral("Media2-GetProfiles"),
                         captures.filePath(QStringLiteral("hikvision/Media2-GetProfiles.xml")));
        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        store->setPassword(QStringLiteral("ref-1"), o.password);
        cameras::CameraDirectory dir(std::move(store));
        cameras::Camera old; // as an older cameras.json has it: an address, no flag
        old.id = QStringLiteral("old-dome");
        old.name = QStringLiteral("Old dome");
        old.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:1/main")), {}, 0, {}}};
        old.user = o.user;
        old.credentialRef = QStringLiteral("ref-1");
        old.deviceUrl = dome.deviceUrl();
        cameras::Camera fixed = old;
        fixed.id = QStringLiteral("fixed");
        fixed.name = QStringLiteral("Fixed");
        fixed.deviceUrl = bullet.deviceUrl();
        QVERIFY(dir.addCamera(old));
        QVERIFY(dir.addCamera(fixed));

        ptz::PtzCapabilityCache cache; // this test's own: nothing known from other tests' devices
        OnvifPtzController p;
        p.setCapabilityCache(&cache);
        QSignalSpy availability(&p, &OnvifPtzController::availableChanged);
        p.setCameraId(QStringLiteral("fixed"), &dir);
        QVERIFY(!p.available());
        QVERIFY(p.checkingPtz());
        QTRY_VERIFY_WITH_TIMEOUT(!p.checkingPtz(), 5000); // the answer is in
        QVERIFY(bullet.operations().contains(QStringLiteral("GetProfiles")));
        QVERIFY(!p.available());
        QCOMPARE(availability.count(), 0);
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        const quint64 threads = core::WorkerThreads::startedCount();
        p.home();
        QCOMPARE(done.count(), 1); // refused at once...
        QVERIFY(!done.at(0).at(1).toBool());
        QVERIFY2(p.lastError().contains(QLatin1String("PTZ")), qPrintable(p.lastError()));
        QCOMPARE(core::WorkerThreads::startedCount(), threads); // ...without a queue: nothing can be sent
        QVERIFY(ptzOps(bullet).isEmpty());
        QVERIFY(!dir.camera(QStringLiteral("fixed"))->ptz);

        // The old dome: unavailable at first, available once the device has answered; the flag is saved.
        p.setCameraId(QStringLiteral("old-dome"), &dir);
        QVERIFY(!p.available());
        QTRY_VERIFY_WITH_TIMEOUT(p.available(), 5000);
        QCOMPARE(availability.count(), 1);
        QVERIFY(dir.camera(QStringLiteral("old-dome"))->ptz);
        cameras::CameraDirectory reloaded(std::make_unique<cameras::MemoryCredentialStore>());
        QVERIFY(reloaded.load());
        QVERIFY(reloaded.camera(QStringLiteral("old-dome"))->ptz);
        QVERIFY(!reloaded.camera(QStringLiteral("fixed"))->ptz);
        p.home();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 5000);
        QVERIFY2(done.at(1).at(1).toBool(), qPrintable(p.lastError()));

        // Back to the fixed camera, in another tile too: the answer is known, the device is not asked again.
        const qsizetype asked = bullet.requests().size();
        const quint64 before = core::WorkerThreads::startedCount();
        p.setCameraId(QStringLiteral("fixed"), &dir);
        QVERIFY(!p.available());
        QVERIFY(!p.checkingPtz());
        OnvifPtzController other;
        other.setCapabilityCache(&cache);
        other.setCameraId(QStringLiteral("fixed"), &dir);
        QVERIFY(!other.available());
        QVERIFY(!other.checkingPtz());
        QCOMPARE(core::WorkerThreads::startedCount(), before); // no check, so nothing can reach the device
        QCOMPARE(bullet.requests().size(), asked);
        // A direct device (tests, vigilctl) is steerable as before.
        p.setDevice(bullet.deviceUrl(), o.user, o.password);
        QVERIFY(p.available());
    }
};

QTEST_GUILESS_MAIN(TstPtzController)
#include "tst_ptz_controller.moc"
