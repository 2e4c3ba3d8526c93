// PtzInputRules alone, without a device or a timer: what each gesture tells the camera. Hold (pad arrows,
// keys, drag) moves until let go; a drag sends only real changes of velocity and stops in the dead zone; keys
// combine and ignore auto-repeat; the wheel zooms for a while per notch and then resumes what is held or
// stops; every let-go stops a moving camera once and nothing else; speed() applies to keys, arrows and wheel.
#include "vigil/ptz/input_rules.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace vigil::ptz;

Q_DECLARE_METATYPE(vigil::ptz::PtzAction)

namespace QTest {
template<> char *toString(const PtzAction &a)
{
    const char *kind = a.kind == PtzAction::Kind::None   ? "None"
                       : a.kind == PtzAction::Kind::Move ? "Move"
                                                         : "Stop";
    return qstrdup(QStringLiteral("%1(%2, %3, %4; zoom stop after %5 ms)")
                       .arg(QLatin1String(kind))
                       .arg(a.velocity.pan)
                       .arg(a.velocity.tilt)
                       .arg(a.velocity.zoom)
                       .arg(a.zoomStopAfterMs)
                       .toUtf8()
                       .constData());
}
} // namespace QTest

namespace {
PtzAction move(double pan, double tilt, double zoom)
{
    return PtzAction::move({pan, tilt, zoom});
}
PtzAction wheel(double zoom, int ms)
{
    PtzAction a = PtzAction::move({0, 0, zoom});
    a.zoomStopAfterMs = ms;
    return a;
}
const PtzAction kNone = PtzAction::none();
const PtzAction kStop = PtzAction::stop();
} // namespace

class TstPtzInputRules : public QObject
{
    Q_OBJECT

private slots:
    void dragVelocity_data()
    {
        QTest::addColumn<double>("dx");
        QTest::addColumn<double>("dy");
        QTest::addColumn<QPointF>("expected");
        // Area 400 x 200: half is 200 x 100 = full speed.
        QTest::newRow("click") << 0.0 << 0.0 << QPointF(0, 0);
        QTest::newRow("inside dead zone") << 10.0 << -5.0 << QPointF(0, 0);
        QTest::newRow("right") << 100.0 << 0.0 << QPointF(0.5, 0);
        QTest::newRow("left") << -100.0 << 0.0 << QPointF(-0.5, 0);
        QTest::newRow("up is tilt +") << 0.0 << -50.0 << QPointF(0, 0.5);
        QTest::newRow("down is tilt -") << 0.0 << 50.0 << QPointF(0, -0.5);
        QTest::newRow("clamped") << 1000.0 << 1000.0 << QPointF(1, -1);
        QTest::newRow("rounded to steps") << 61.0 << 0.0 << QPointF(0.3, 0);
    }
    void dragVelocity()
    {
        QFETCH(double, dx);
        QFETCH(double, dy);
        QFETCH(QPointF, expected);
        const QPointF v = PtzInputRules::dragVelocity(dx, dy, 400, 200);
        QVERIFY2(qAbs(v.x() - expected.x()) < 1e-9 && qAbs(v.y() - expected.y()) < 1e-9,
                 qPrintable(QStringLiteral("%1,%2").arg(v.x()).arg(v.y())));
        QVERIFY(!std::signbit(v.x()) || v.x() < 0); // never "-0"
        QVERIFY(!std::signbit(v.y()) || v.y() < 0);
        QCOMPARE(PtzInputRules::dragVelocity(50, 50, 0, 0), QPointF(0, 0));
    }

    void heldArrowMovesUntilLetGo()
    {
        PtzInputRules r;
        QVERIFY(!r.moving());
        QCOMPARE(r.move({0.5, 0, 0}), move(0.5, 0, 0));
        QVERIFY(r.moving());
        QCOMPARE(r.sent(), (Velocity{0.5, 0, 0}));
        QCOMPARE(r.letGo(), kStop);
        QVERIFY(!r.moving());
        QCOMPARE(r.letGo(), kNone); // a second let-go (release after cancel, focus loss...) sends nothing
    }

    void stopAlwaysSendsAndAZeroMoveIsNotAStop()
    {
        PtzInputRules r;
        QCOMPARE(r.stop(), kStop); // explicit: even when nothing seemed to move
        QCOMPARE(r.move({0, 0, 0}), move(0, 0, 0));
        QVERIFY(!r.moving());
        QCOMPARE(r.letGo(), kNone);
    }

    void dragSendsOnlyChangesAndStopsInTheDeadZone()
    {
        PtzInputRules r;
        QCOMPARE(r.dragTo(2, 2, 400, 200), kNone); // dead zone
        QVERIFY(!r.moving());
        QCOMPARE(r.dragTo(100, -50, 400, 200), move(0.5, 0.5, 0));
        QCOMPARE(r.dragTo(101, -50, 400, 200), kNone); // same velocity after rounding
        QCOMPARE(r.dragTo(200, -50, 400, 200), move(1, 0.5, 0));
        QCOMPARE(r.dragTo(0, 0, 400, 200), kStop); // back to the origin
        QVERIFY(!r.moving());
        QCOMPARE(r.dragTo(1, 0, 400, 200), kNone);
        QCOMPARE(r.letGo(), kNone); // the release
    }

    void keys_data()
    {
        // Each step: press (+) or release (-) of a key, and what must be sent. Speed 0.5.
        QTest::addColumn<QList<int>>("keys");
        QTest::addColumn<QList<PtzAction>>("expected");
        const int l = Qt::Key_Left, r = Qt::Key_Right, u = Qt::Key_Up, d = Qt::Key_Down;
        QTest::newRow("left held, released")
            << QList<int>{+l, -l} << QList<PtzAction>{move(-0.5, 0, 0), kStop};
        QTest::newRow("auto-repeat changes nothing")
            << QList<int>{+r, +r, +r, -r} << QList<PtzAction>{move(0.5, 0, 0), kNone, kNone, kStop};
        QTest::newRow("diagonal, then one let go")
            << QList<int>{+l, +u, -l, -u}
            << QList<PtzAction>{move(-0.5, 0, 0), move(-0.5, 0.5, 0), move(0, 0.5, 0), kStop};
        QTest::newRow("down is tilt -") << QList<int>{+d, -d} << QList<PtzAction>{move(0, -0.5, 0), kStop};
        QTest::newRow("= zooms in like +")
            << QList<int>{+Qt::Key_Equal, -Qt::Key_Equal} << QList<PtzAction>{move(0, 0, 0.5), kStop};
        QTest::newRow("+ then - cancel out: stop")
            << QList<int>{+Qt::Key_Plus, +Qt::Key_Minus, -Qt::Key_Plus, -Qt::Key_Minus}
            << QList<PtzAction>{move(0, 0, 0.5), kStop, move(0, 0, -0.5), kStop};
        QTest::newRow("opposite arrows: stop, then the other way")
            << QList<int>{+l, +r, -l, -r}
            << QList<PtzAction>{move(-0.5, 0, 0), kStop, move(0.5, 0, 0), kStop};
        QTest::newRow("release of a key never pressed") << QList<int>{-u} << QList<PtzAction>{kNone};
    }
    void keys()
    {
        QFETCH(QList<int>, keys);
        QFETCH(QList<PtzAction>, expected);
        PtzInputRules r;
        QCOMPARE(keys.size(), expected.size());
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const int key = std::abs(keys.at(i));
            const auto a = keys.at(i) > 0 ? r.keyPress(key) : r.keyRelease(key);
            QVERIFY(a.has_value());
            QCOMPARE(*a, expected.at(i));
        }
        QVERIFY(!r.moving());
    }

    void otherKeysAreNotPtzKeys()
    {
        PtzInputRules r;
        QVERIFY(!r.keyPress(Qt::Key_A));
        QVERIFY(!r.keyRelease(Qt::Key_Escape));
        QVERIFY(!r.keyPress(Qt::Key_Space));
        QVERIFY(!r.moving());
    }

    void speedAppliesToKeysArrowsAndWheel()
    {
        PtzInputRules r;
        QCOMPARE(r.speed(), PtzInputRules::kDefaultSpeed);
        QVERIFY(r.setSpeed(0.8));
        QVERIFY(!r.setSpeed(0.8)); // unchanged
        QCOMPARE(*r.keyPress(Qt::Key_Right), move(0.8, 0, 0));
        QCOMPARE(*r.keyRelease(Qt::Key_Right), kStop);
        QCOMPARE(r.zoomStep(-1), wheel(-0.8, PtzInputRules::kZoomStepMs));
        QCOMPARE(r.zoomStepDone(), kStop);
        // Clamped to kMinSpeed..kMaxSpeed.
        QVERIFY(r.setSpeed(5));
        QCOMPARE(r.speed(), PtzInputRules::kMaxSpeed);
        QVERIFY(r.setSpeed(0));
        QCOMPARE(r.speed(), PtzInputRules::kMinSpeed);
        QVERIFY(!r.setSpeed(-1));
    }

    void wheelZoomsThenStops()
    {
        PtzInputRules r;
        QCOMPARE(r.zoomStep(0), kNone);
        QVERIFY(!r.zoomStepPending());
        QCOMPARE(r.zoomStep(2), wheel(0.5, 2 * PtzInputRules::kZoomStepMs));
        QVERIFY(r.moving());
        QVERIFY(r.zoomStepPending());
        QCOMPARE(r.zoomStepDone(), kStop);
        QVERIFY(!r.moving());
        QCOMPARE(r.zoomStepDone(), kNone); // a late timer changes nothing
        // A fast spin counts at most kMaxZoomSteps notches.
        QCOMPARE(r.zoomStep(-10), wheel(-0.5, PtzInputRules::kMaxZoomSteps * PtzInputRules::kZoomStepMs));
        QCOMPARE(r.letGo(), kStop); // let go during the zoom: stop now...
        QVERIFY(!r.zoomStepPending());
        QCOMPARE(r.zoomStepDone(), kNone); // ...and not again when its time is up
    }

    void wheelDuringAHeldKeyOrDragResumesIt()
    {
        PtzInputRules r;
        QCOMPARE(*r.keyPress(Qt::Key_Left), move(-0.5, 0, 0));
        QCOMPARE(r.zoomStep(1), wheel(0.5, PtzInputRules::kZoomStepMs));
        QCOMPARE(r.zoomStepDone(), move(-0.5, 0, 0)); // the key is still held: no Stop
        QVERIFY(r.moving());
        QCOMPARE(*r.keyRelease(Qt::Key_Left), kStop);

        QCOMPARE(r.dragTo(100, 0, 400, 200), move(0.5, 0, 0));
        QCOMPARE(r.zoomStep(-1), wheel(-0.5, PtzInputRules::kZoomStepMs));
        QCOMPARE(r.zoomStepDone(), move(0.5, 0, 0));
        QCOMPARE(r.letGo(), kStop);
    }

    void anArrowDuringAWheelZoomIsNotCutShort()
    {
        PtzInputRules r;
        r.zoomStep(1);
        QCOMPARE(r.move({0.5, 0, 0}), move(0.5, 0, 0));
        QVERIFY(!r.zoomStepPending());
        QCOMPARE(r.zoomStepDone(), kNone); // the wheel's time is up: nothing, the arrow goes on
        QVERIFY(r.moving());
        // A key pressed during a wheel zoom ends the wheel's part too.
        QCOMPARE(r.stop(), kStop);
        r.zoomStep(1);
        QCOMPARE(*r.keyPress(Qt::Key_Up), move(0, 0.5, 0));
        QCOMPARE(r.zoomStepDone(), kNone);
        QCOMPARE(r.letGo(), kStop);
    }

    void letGoForgetsHeldInput()
    {
        PtzInputRules r;
        QCOMPARE(*r.keyPress(Qt::Key_Down), move(0, -0.5, 0));
        QCOMPARE(r.letGo(), kStop);                         // e.g. the window lost focus with the key held
        QCOMPARE(*r.keyRelease(Qt::Key_Down), kNone);       // the late release sends nothing more
        QCOMPARE(*r.keyPress(Qt::Key_Up), move(0, 0.5, 0)); // and the old key is not held any more
        QCOMPARE(r.letGo(), kStop);
        // A drag let go: a new drag starts from nothing (the same velocity is sent again).
        QCOMPARE(r.dragTo(100, 0, 400, 200), move(0.5, 0, 0));
        QCOMPARE(r.letGo(), kStop);
        QCOMPARE(r.dragTo(100, 0, 400, 200), move(0.5, 0, 0));
        QCOMPARE(r.letGo(), kStop);
    }

    void resetForgetsEverythingAndSaysWhetherToStop()
    {
        PtzInputRules r;
        QVERIFY(!r.reset());
        r.setSpeed(0.7);
        r.keyPress(Qt::Key_Left);
        r.zoomStep(1);
        QVERIFY(r.reset()); // it was moving: the old camera must still get its Stop
        QVERIFY(!r.moving());
        QVERIFY(!r.zoomStepPending());
        QCOMPARE(r.sent(), Velocity{});
        QCOMPARE(r.speed(), 0.7); // a setting, not a gesture
        QCOMPARE(*r.keyRelease(Qt::Key_Left), kNone);
        QCOMPARE(r.zoomStepDone(), kNone);
    }
};

QTEST_APPLESS_MAIN(TstPtzInputRules)
#include "tst_ptz_input_rules.moc"
