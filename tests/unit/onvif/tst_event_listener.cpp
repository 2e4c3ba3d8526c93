// EventListener against the loopback device: vendor PullMessages captures arrive as typed alarm events on the
// listener's thread; wrong password fails (no retry: the worker ends); stop() unsubscribes without blocking.
#include "loopback_device.h"
#include "vigil/onvif/event_listener.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtTest/QtTest>

using namespace vigil::onvif;
using S = EventListener::Status;

class TstEventListener : public QObject
{
    Q_OBJECT

private slots:
    void motionEventsArrive()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        test::DeviceOptions o;
        o.vendor = QStringLiteral("hikvision");
        o.generatedServices = true;
        o.pullDelayMs = 100;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        d.queuePullMessages({QStringLiteral("PullMessages.empty.xml"),
                             QDir(test::capturesDir()).filePath(QStringLiteral("dvc/PullMessages.xml"))});
        EventListener l(d.deviceUrl(), o.user, o.password, QStringLiteral("cam-7"));
        l.setPullTimeoutSeconds(1);
        QSignalSpy events(&l, &EventListener::alarmEvent);
        l.start();
        QTRY_COMPARE_WITH_TIMEOUT(l.status(), S::Listening, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(events.count(), 2, 3000);
        const auto ev = events.first().first().value<AlarmEvent>();
        QCOMPARE(ev.cameraId, QStringLiteral("cam-7"));
        QCOMPARE(int(ev.kind), int(EventKind::Motion));
        QVERIFY(ev.active);
        QVERIFY(ev.time.isValid());
        QElapsedTimer t;
        t.start();
        l.stop();
        QVERIFY(t.elapsed() < 100); // never waits for the poll in flight
        QCOMPARE(l.status(), S::Idle);
        QTRY_VERIFY_WITH_TIMEOUT(d.operations().contains(QStringLiteral("Unsubscribe")), 3000);
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
    }

    void wrongPasswordFails()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        EventListener l(d.deviceUrl(), o.user, QStringLiteral("nope"), QStringLiteral("cam-1"));
        l.start();
        QTRY_COMPARE_WITH_TIMEOUT(l.status(), S::Failed, 3000);
        QVERIFY2(l.lastError().contains(QLatin1String("password")), qPrintable(l.lastError()));
        // A refused password is not retried: the worker ends (a retry loop would keep it alive, sleeping
        // between attempts), having made one attempt (the clock, then the services it was refused).
        QVERIFY(EventListener::waitForWorkers(5000));
        QCOMPARE(d.operations(),
                 (QStringList{QStringLiteral("GetSystemDateAndTime"), QStringLiteral("GetServices")}));
    }

    void destroyedWhileListening()
    {
        test::DeviceOptions o;
        o.pullDelayMs = 500;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        {
            EventListener l(d.deviceUrl(), o.user, o.password, QStringLiteral("cam-1"));
            l.start();
            QTRY_COMPARE_WITH_TIMEOUT(l.status(), S::Listening, 3000);
        } // the worker's late results must be dropped, not delivered to a dead object
        QTRY_VERIFY_WITH_TIMEOUT(d.operations().contains(QStringLiteral("Unsubscribe")), 3000);
        QVERIFY(EventListener::waitForWorkers(5000)); // and it ends
    }
};

QTEST_GUILESS_MAIN(TstEventListener)
#include "tst_event_listener.moc"
