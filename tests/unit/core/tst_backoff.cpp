#include "vigil/core/backoff.h"
#include "vigil/core/retry_delay.h"

#include <QtTest/QtTest>

using vigil::core::Backoff;
using ms = std::chrono::milliseconds;

class TstBackoff : public QObject
{
    Q_OBJECT
private slots:
    void growsAndCaps()
    {
        Backoff b(ms(500), ms(30000), 2.0, 0.0);
        const qint64 expected[] = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (qint64 e : expected)
            QCOMPARE(b.next().count(), e);
        QCOMPARE(b.attempts(), 9);
    }
    // The wait after wrong secrets (kiosk PIN pad, login dialog): none for the first two, then 5 s doubling
    // up to 5 minutes.
    void wrongSecretWaitGrowsAfterThreeFailures()
    {
        using vigil::core::wrongSecretDelaySeconds;
        QCOMPARE(wrongSecretDelaySeconds(0), 0);
        QCOMPARE(wrongSecretDelaySeconds(1), 0);
        QCOMPARE(wrongSecretDelaySeconds(2), 0);
        QCOMPARE(wrongSecretDelaySeconds(3), 5);
        QCOMPARE(wrongSecretDelaySeconds(4), 10);
        QCOMPARE(wrongSecretDelaySeconds(5), 20);
        QCOMPARE(wrongSecretDelaySeconds(8), 160);
        QCOMPARE(wrongSecretDelaySeconds(9), 300);
        QCOMPARE(wrongSecretDelaySeconds(1000), 300); // capped, no overflow
    }
    // The throttle both prompts share: the wait starts at the third failure, counts down on the monotonic
    // clock, and the right secret forgets it all.
    void secretThrottleCountsAndForgets()
    {
        vigil::core::SecretThrottle t;
        QCOMPARE(t.waitSeconds(), 0);
        QCOMPARE(t.failed(), 0);
        QCOMPARE(t.failed(), 0);
        QCOMPARE(t.waitSeconds(), 0);
        QCOMPARE(t.failed(), 5);
        QCOMPARE(t.failures(), 3);
        const int w = t.waitSeconds();
        QVERIFY2(w >= 4 && w <= 5, qPrintable(QString::number(w))); // rounded up: 5 unless a second went by
        QCOMPARE(t.failed(), 10);
        QVERIFY(t.waitSeconds() > 5);
        t.succeeded();
        QCOMPARE(t.failures(), 0);
        QCOMPARE(t.waitSeconds(), 0);
        QCOMPARE(t.failed(), 0); // a fresh count
    }
    void resetStartsOver()
    {
        Backoff b(ms(100), ms(1000), 2.0, 0.0);
        b.next();
        b.next();
        b.reset();
        QCOMPARE(b.next().count(), 100);
        QCOMPARE(b.attempts(), 1);
    }
    // A steady retry at its cap (the player's "camera unreachable" retry: 1 s, jitter 30 %) spreads its
    // delays over [700, 1000] ms; it used to put every draw above the cap on the cap itself, half of them.
    void jitterAtTheCapDoesNotPileOnTheCap()
    {
        Backoff b(ms(1000), ms(1000), 1.0, 0.3);
        b.setSeed(7);
        int onCap = 0;
        qint64 lo = 1000;
        for (int i = 0; i < 1000; ++i) {
            const auto d = b.next().count();
            QVERIFY2(d >= 700 && d <= 1000, qPrintable(QString::number(d)));
            lo = std::min(lo, qint64(d));
            onCap += d == 1000 ? 1 : 0;
        }
        QVERIFY2(onCap < 20, qPrintable(QString::number(onCap))); // uniform: ~3 of 1000
        QVERIFY2(lo < 720, qPrintable(QString::number(lo)));
    }
    void jitterStaysInBandAndNeverExceedsCap()
    {
        Backoff b(ms(1000), ms(8000), 2.0, 0.2);
        b.setSeed(42);
        double base = 1000;
        bool sawDifferent = false;
        for (int i = 0; i < 50; ++i) {
            const auto d = b.next().count();
            QVERIFY2(d >= qint64(base * 0.8) - 1 && d <= qint64(std::min(base * 1.2, 8000.0)) + 1,
                     qPrintable(QString::number(d)));
            QVERIFY(d <= 8000);
            if (d != qint64(base))
                sawDifferent = true;
            base = std::min(base * 2, 8000.0);
        }
        QVERIFY(sawDifferent); // jitter spreads reconnects
    }
    void capBelowInitialIsRaised()
    {
        Backoff b(ms(2000), ms(100), 2.0, 0.0);
        QCOMPARE(b.next().count(), 2000);
        QCOMPARE(b.next().count(), 2000);
    }
};

QTEST_GUILESS_MAIN(TstBackoff)
#include "tst_backoff.moc"
