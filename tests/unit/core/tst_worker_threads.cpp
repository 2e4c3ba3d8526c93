// WorkerThreads: named, counted, waited for with a timeout and joined.
#include "vigil/core/worker_threads.h"

#include <QtTest/QtTest>

#include <atomic>
#include <condition_variable>
#include <mutex>

#if defined(__linux__)
#include <pthread.h>
#endif

using vigil::core::WorkerThreads;

namespace {
// A latch the test opens to let its threads finish.
struct Gate
{
    std::mutex mutex;
    std::condition_variable cv;
    bool open = false;
    void wait()
    {
        std::unique_lock lock(mutex);
        cv.wait(lock, [this] { return open; });
    }
    void release()
    {
        {
            std::lock_guard lock(mutex);
            open = true;
        }
        cv.notify_all();
    }
};
} // namespace

class TestWorkerThreads : public QObject
{
    Q_OBJECT

private slots:
    void runsCountsAndWaits()
    {
        const quint64 before = WorkerThreads::startedCount();
        Gate gate;
        std::atomic<int> ran = 0;
        for (int i = 0; i < 3; ++i)
            WorkerThreads::start(QStringLiteral("test-run"), [&gate, &ran] {
                gate.wait();
                ++ran;
            });
        QCOMPARE(WorkerThreads::startedCount(), before + 3);
        QCOMPARE(WorkerThreads::running(u"test-run"),
                 QStringList(
                     {QStringLiteral("test-run"), QStringLiteral("test-run"), QStringLiteral("test-run")}));
        // Held at the gate: the wait times out and says so.
        QVERIFY(!WorkerThreads::wait(50, u"test-run"));
        QCOMPARE(WorkerThreads::runningCount(u"test-run"), 3);
        gate.release();
        QVERIFY(WorkerThreads::wait(5000, u"test-run"));
        QCOMPARE(ran.load(), 3);
        QCOMPARE(WorkerThreads::runningCount(u"test-run"), 0);
    }

    void waitMatchesThePrefixOnly()
    {
        Gate gate;
        WorkerThreads::start(QStringLiteral("test-slow"), [&gate] { gate.wait(); });
        std::atomic<bool> quickDone = false;
        WorkerThreads::start(QStringLiteral("test-quick"), [&quickDone] { quickDone = true; });
        // The quick one is waited for although another thread is still busy.
        QVERIFY(WorkerThreads::wait(5000, u"test-quick"));
        QVERIFY(quickDone);
        QCOMPARE(WorkerThreads::running(), QStringList{QStringLiteral("test-slow")});
        QVERIFY(!WorkerThreads::wait(0)); // all: the slow one is still at the gate
        gate.release();
        QVERIFY(WorkerThreads::wait(5000));
        QVERIFY(WorkerThreads::running().isEmpty());
    }

    void namesTheOsThread()
    {
#if defined(__linux__)
        QByteArray seen;
        std::mutex mutex;
        WorkerThreads::start(QStringLiteral("test-name-is-longer-than-15"), [&seen, &mutex] {
            char name[32] = {};
            pthread_getname_np(pthread_self(), name, sizeof name);
            std::lock_guard lock(mutex);
            seen = name;
        });
        QVERIFY(WorkerThreads::wait(5000, u"test-name"));
        std::lock_guard lock(mutex);
        QCOMPARE(seen, QByteArray("test-name-is-lo")); // Linux keeps 15 bytes
#else
        QSKIP("thread names are checked on Linux");
#endif
    }

    void startFromAWorker()
    {
        std::atomic<bool> innerRan = false;
        WorkerThreads::start(QStringLiteral("test-outer"), [&innerRan] {
            WorkerThreads::start(QStringLiteral("test-inner"), [&innerRan] { innerRan = true; });
        });
        QVERIFY(WorkerThreads::wait(5000, u"test-outer"));
        QVERIFY(WorkerThreads::wait(5000, u"test-inner"));
        QVERIFY(innerRan);
    }
};

QTEST_GUILESS_MAIN(TestWorkerThreads)
#include "tst_worker_threads.moc"
