// KioskLock, the PIN pad's rules: the right PIN unlocks (checked off the GUI thread), a wrong one says so;
// after three wrong PINs the pad refuses tries for a while — a try then is not even checked — and the wait
// grows; a damaged or missing stored hash never unlocks.
#include "vigil/app/kiosk_lock.h"
#include "vigil/app/kiosk_pin.h"
#include "vigil/core/worker_threads.h"

#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::app;

class TstKioskLock : public QObject
{
    Q_OBJECT
    static QString stored() { return hashKioskPin(QStringLiteral("2468"), 1000); }

private slots:
    void rightPinUnlocks()
    {
        KioskLock lock;
        lock.setStoredHash(stored());
        QSignalSpy unlocked(&lock, &KioskLock::unlocked);
        QSignalSpy busy(&lock, &KioskLock::busyChanged);
        lock.submit(QStringLiteral("2468"));
        QVERIFY(lock.busy()); // checked on a worker; the GUI thread goes on
        QVERIFY(unlocked.wait(5000));
        QVERIFY(lock.isUnlocked());
        QVERIFY(!lock.busy());
        QCOMPARE(busy.count(), 2);
        QVERIFY(!lock.message().contains(QStringLiteral("2468"))); // the PIN is never echoed
    }

    void wrongPinsThenAGrowingWait()
    {
        KioskLock lock;
        lock.setStoredHash(stored());
        QSignalSpy rejected(&lock, &KioskLock::rejected);
        QSignalSpy unlocked(&lock, &KioskLock::unlocked);
        for (int i = 1; i <= 2; ++i) {
            lock.submit(QStringLiteral("1111"));
            QVERIFY(rejected.wait(5000));
            QCOMPARE(lock.failures(), i);
            QCOMPARE(lock.waitSeconds(), 0);
            QCOMPARE(lock.message(), QStringLiteral("Wrong PIN. Try again."));
        }
        lock.submit(QStringLiteral("1111"));
        QVERIFY(rejected.wait(5000));
        QCOMPARE(lock.failures(), 3);
        QVERIFY2(lock.waitSeconds() > 0 && lock.waitSeconds() <= 5,
                 qPrintable(QString::number(lock.waitSeconds())));
        QVERIFY2(lock.message().contains(QStringLiteral("wait 5 second")), qPrintable(lock.message()));

        // During the wait even the right PIN is refused, unchecked.
        lock.submit(QStringLiteral("2468"));
        QVERIFY(!lock.busy());
        QVERIFY2(lock.message().startsWith(QStringLiteral("Too many wrong PINs")),
                 qPrintable(lock.message()));
        QCOMPARE(rejected.count(), 3);
        QCOMPARE(unlocked.count(), 0);
        QCOMPARE(lock.failures(), 3);

        // The wait ends by itself (counted down) and the pad says so; then a fourth wrong PIN waits longer.
        QTRY_COMPARE_WITH_TIMEOUT(lock.waitSeconds(), 0, 7000);
        QCOMPARE(lock.message(), QStringLiteral("You can try again."));
        lock.submit(QStringLiteral("1111"));
        QVERIFY(rejected.wait(5000));
        QCOMPARE(lock.failures(), 4);
        QVERIFY2(lock.waitSeconds() > 5 && lock.waitSeconds() <= 10,
                 qPrintable(QString::number(lock.waitSeconds())));
        QVERIFY(!lock.isUnlocked());
    }

    void noOrDamagedHashNeverUnlocks_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::newRow("none") << QString();
        QTest::newRow("plain PIN in the file") << QStringLiteral("2468");
        QTest::newRow("truncated") << stored().left(30);
    }
    void noOrDamagedHashNeverUnlocks()
    {
        QFETCH(QString, hash);
        KioskLock lock;
        lock.setStoredHash(hash);
        QSignalSpy rejected(&lock, &KioskLock::rejected);
        lock.submit(QStringLiteral("2468"));
        QVERIFY(rejected.wait(5000));
        QVERIFY(!lock.isUnlocked());
    }

    void cleanupTestCase() { QVERIFY(core::WorkerThreads::wait(5000)); }
};

QTEST_GUILESS_MAIN(TstKioskLock)
#include "tst_kiosk_lock.moc"
