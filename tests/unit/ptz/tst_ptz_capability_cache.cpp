// PtzCapabilityCache alone, with a fake check (the test answers each one when it likes) and a fake clock (no
// waiting three minutes): one check per device however many tiles ask; every asker gets the answer; a known
// answer is not asked again; a device that did not answer is not asked again for kRetryMs, then it is; an
// asker that is gone is not called back; an answer that comes after the cache is gone is dropped.
#include "vigil/ptz/capability_cache.h"

#include <QtTest/QtTest>

#include <memory>

using namespace vigil::ptz;
using Answer = PtzCapabilityCache::Answer;
using Status = PtzCapabilityCache::Status;

Q_DECLARE_METATYPE(vigil::ptz::PtzCapabilityCache::Status)

namespace {

struct FakeChecks
{
    struct Pending
    {
        PtzCapabilityCache::Device device;
        std::function<void(Answer)> reply;
    };
    QList<Pending> pending;
    qint64 now = 1000;

    PtzCapabilityCache::Check check()
    {
        return [this](const PtzCapabilityCache::Device &d, std::function<void(Answer)> reply) {
            pending.append({d, std::move(reply)});
        };
    }
    PtzCapabilityCache::Clock clock()
    {
        return [this] {
            return now;
        };
    }
    // Answers the oldest check still open.
    void answer(Answer a)
    {
        QVERIFY(!pending.isEmpty());
        pending.takeFirst().reply(a);
    }
};

PtzCapabilityCache::Device device(int port)
{
    return {QUrl(QStringLiteral("http://127.0.0.1:%1/onvif/device_service").arg(port)),
            QStringLiteral("admin"), QStringLiteral("secret")};
}

// One asker: counts its answers.
struct Asker
{
    QObject receiver;
    QList<bool> answers;
    Status ask(PtzCapabilityCache &cache, const PtzCapabilityCache::Device &d)
    {
        return cache.ask(d, &receiver, [this](bool hasPtz) { answers.append(hasPtz); });
    }
};

} // namespace

class TstPtzCapabilityCache : public QObject
{
    Q_OBJECT

private slots:
    void oneCheckPerDeviceAndEveryAskerGetsTheAnswer_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("hasPtz");
        QTest::addColumn<Status>("then");
        QTest::newRow("has PTZ") << int(Answer::HasPtz) << true << Status::HasPtz;
        QTest::newRow("no PTZ") << int(Answer::NoPtz) << false << Status::NoPtz;
    }
    void oneCheckPerDeviceAndEveryAskerGetsTheAnswer()
    {
        QFETCH(int, answer);
        QFETCH(bool, hasPtz);
        QFETCH(Status, then);
        FakeChecks fake;
        PtzCapabilityCache cache(fake.check(), fake.clock());
        Asker a, b, c;
        QCOMPARE(a.ask(cache, device(1)), Status::Checking);
        QCOMPARE(b.ask(cache, device(1)), Status::Checking); // joins the running check
        QCOMPARE(cache.checksStarted(), 1);
        QCOMPARE(fake.pending.size(), 1);
        QCOMPARE(fake.pending.first().device.password, QStringLiteral("secret")); // it logs in
        fake.answer(Answer(answer));
        QCOMPARE(a.answers, QList<bool>{hasPtz});
        QCOMPARE(b.answers, QList<bool>{hasPtz});
        // Known now: answered at once, no check, no callback.
        QCOMPARE(c.ask(cache, device(1)), then);
        QCOMPARE(a.ask(cache, device(1)), then);
        QCOMPARE(cache.checksStarted(), 1);
        QVERIFY(c.answers.isEmpty());
        QCOMPARE(a.answers.size(), 1);
        // Much later still known: only failures expire.
        fake.now += 10 * PtzCapabilityCache::kRetryMs;
        QCOMPARE(c.ask(cache, device(1)), then);
        QCOMPARE(cache.checksStarted(), 1);
    }

    void aDeviceThatDidNotAnswerIsAskedAgainAfterThreeMinutes()
    {
        FakeChecks fake;
        PtzCapabilityCache cache(fake.check(), fake.clock());
        Asker a, b;
        QCOMPARE(a.ask(cache, device(1)), Status::Checking);
        QCOMPARE(b.ask(cache, device(1)), Status::Checking);
        fake.answer(Answer::NoAnswer);
        QCOMPARE(a.answers, QList<bool>{false});
        QCOMPARE(b.answers, QList<bool>{false});
        // Shown again, in every tile: not asked again, nobody is called back.
        QCOMPARE(a.ask(cache, device(1)), Status::FailedRecently);
        QCOMPARE(b.ask(cache, device(1)), Status::FailedRecently);
        fake.now += PtzCapabilityCache::kRetryMs - 1;
        QCOMPARE(a.ask(cache, device(1)), Status::FailedRecently);
        QCOMPARE(cache.checksStarted(), 1);
        QVERIFY(fake.pending.isEmpty());
        QCOMPARE(a.answers.size(), 1);
        // Three minutes after the failure: asked again, and this time it answers.
        fake.now += 1;
        QCOMPARE(a.ask(cache, device(1)), Status::Checking);
        QCOMPARE(cache.checksStarted(), 2);
        fake.answer(Answer::HasPtz);
        QCOMPARE(a.answers, (QList<bool>{false, true}));
        QCOMPARE(b.ask(cache, device(1)), Status::HasPtz);
    }

    void devicesAreCheckedSeparately()
    {
        FakeChecks fake;
        PtzCapabilityCache cache(fake.check(), fake.clock());
        Asker a, b;
        QCOMPARE(a.ask(cache, device(1)), Status::Checking);
        QCOMPARE(b.ask(cache, device(2)), Status::Checking);
        QCOMPARE(cache.checksStarted(), 2);
        fake.answer(Answer::NoPtz);
        fake.answer(Answer::HasPtz);
        QCOMPARE(a.answers, QList<bool>{false});
        QCOMPARE(b.answers, QList<bool>{true});
        QCOMPARE(a.ask(cache, device(2)), Status::HasPtz);
        QCOMPARE(b.ask(cache, device(1)), Status::NoPtz);
    }

    void anAskerThatIsGoneIsNotCalledBack()
    {
        FakeChecks fake;
        PtzCapabilityCache cache(fake.check(), fake.clock());
        auto gone = std::make_unique<QObject>();
        bool called = false;
        QCOMPARE(cache.ask(device(1), gone.get(), [&called](bool) { called = true; }), Status::Checking);
        Asker stays;
        QCOMPARE(stays.ask(cache, device(1)), Status::Checking);
        gone.reset(); // the tile went away while the device was being asked
        fake.answer(Answer::HasPtz);
        QVERIFY(!called);
        QCOMPARE(stays.answers, QList<bool>{true});
    }

    void anAnswerAfterTheCacheIsGoneIsDropped()
    {
        FakeChecks fake;
        Asker a;
        {
            PtzCapabilityCache cache(fake.check(), fake.clock());
            QCOMPARE(a.ask(cache, device(1)), Status::Checking);
        }
        fake.answer(Answer::HasPtz); // must not touch the destroyed cache
        QVERIFY(a.answers.isEmpty());
    }

    void theSharedCacheIsOne()
    {
        QVERIFY(PtzCapabilityCache::shared());
        QCOMPARE(PtzCapabilityCache::shared(), PtzCapabilityCache::shared());
    }
};

QTEST_GUILESS_MAIN(TstPtzCapabilityCache)
#include "tst_ptz_capability_cache.moc"
