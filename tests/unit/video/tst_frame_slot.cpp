#include "vigil/video/frame_slot.h"

#include <QtTest/QtTest>

#include <thread>

using namespace vigil::video;

class TstFrameSlot : public QObject
{
    Q_OBJECT
private slots:
    void latestWinsAndDropsAreCounted()
    {
        FrameSlot slot;
        QVERIFY(!slot.take());
        QVideoFrame a(QVideoFrameFormat(QSize(16, 16), QVideoFrameFormat::Format_YUV420P));
        QVideoFrame b(QVideoFrameFormat(QSize(32, 32), QVideoFrameFormat::Format_YUV420P));
        slot.put(a, 10);
        slot.put(b, 20);
        QCOMPARE(slot.framesPut(), 2);
        QCOMPARE(slot.framesDropped(), 1);
        QCOMPARE(slot.lastPutNs(), 20);
        auto e = slot.take();
        QVERIFY(e);
        QCOMPARE(e->frame.size(), QSize(32, 32));
        QCOMPARE(e->receivedNs, 20);
        QVERIFY(!slot.take()); // taken once, never queued
    }
    void concurrentProducerConsumerAccountsForEveryFrame()
    {
        FrameSlot slot;
        constexpr int kFrames = 20000;
        std::atomic<bool> done{false};
        std::thread producer([&] {
            QVideoFrame f(QVideoFrameFormat(QSize(8, 8), QVideoFrameFormat::Format_YUV420P));
            for (int i = 1; i <= kFrames; ++i)
                slot.put(f, i);
            done = true;
        });
        qint64 taken = 0, lastSeen = 0;
        while (!done.load() || slot.framesPut() - slot.framesDropped() > taken) {
            if (auto e = slot.take()) {
                QVERIFY(e->receivedNs > lastSeen); // never goes back in time
                lastSeen = e->receivedNs;
                ++taken;
            }
        }
        producer.join();
        QCOMPARE(taken + slot.framesDropped(), qint64(kFrames));
        QCOMPARE(lastSeen, qint64(kFrames)); // the newest frame is always delivered
    }
};

QTEST_GUILESS_MAIN(TstFrameSlot)
#include "tst_frame_slot.moc"
