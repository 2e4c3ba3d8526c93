// Which piece of a recording plays at a time, what a synchronized player does about drift, and the one clock.
#include "vigil/playback/playback_clock.h"
#include "vigil/playback/recording_plan.h"

#include <QtTest/QtTest>

using namespace vigil::playback;

class TstRecordingPlan : public QObject
{
    Q_OBJECT
private slots:
    void cues()
    {
        // Two 60 s segments back to back, a gap, then a third; given out of order.
        const QList<RecordingPiece> pieces = sortedPieces({
            {200'000, 260'000, QStringLiteral("c.mkv")},
            {0, 60'000, QStringLiteral("a.mkv")},
            {60'000, 120'000, QStringLiteral("b.mkv")},
            {300'000, 300'000, QStringLiteral("empty.mkv")}, // dropped: no length
            {0, 10, QString()},                              // dropped: nothing to open
        });
        QCOMPARE(pieces.size(), 3);
        QCOMPARE(pieces.first().url, QStringLiteral("a.mkv"));
        QCOMPARE(cueAt(pieces, -5), (Cue{-1, 0, 0}));
        QCOMPARE(cueAt(pieces, 0), (Cue{0, 0, 60'000}));
        QCOMPARE(cueAt(pieces, 59'999), (Cue{0, 59'999, 60'000}));
        QCOMPARE(cueAt(pieces, 60'000), (Cue{1, 0, 200'000}));
        QCOMPARE(cueAt(pieces, 150'000), (Cue{-1, 0, 200'000})); // the gap: rejoins at 200 s
        QCOMPARE(cueAt(pieces, 230'000), (Cue{2, 30'000, -1}));
        QCOMPARE(cueAt(pieces, 260'000), (Cue{-1, 0, -1})); // after the end
        QCOMPARE(spansOf(pieces), (QList<Span>{{0, 120'000}, {200'000, 260'000}}));
    }

    void laterPieceWinsAnOverlap()
    {
        const QList<RecordingPiece> pieces =
            sortedPieces({{0, 100, QStringLiteral("a")}, {50, 150, QStringLiteral("b")}});
        QCOMPARE(cueAt(pieces, 40).index, 0);
        QCOMPARE(cueAt(pieces, 60), (Cue{1, 10, -1}));
    }

    void syncSteps_data()
    {
        QTest::addColumn<qint64>("clock");
        QTest::addColumn<qint64>("shown");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("kind");
        QTest::newRow("in step") << qint64(10'000) << qint64(9'970) << 1.0 << int(SyncStep::Keep);
        QTest::newRow("a frame ahead") << qint64(10'000) << qint64(10'040) << 1.0 << int(SyncStep::Keep);
        QTest::newRow("late 300 ms") << qint64(10'000) << qint64(9'700) << 1.0 << int(SyncStep::Nudge);
        QTest::newRow("early 300 ms") << qint64(10'000) << qint64(10'300) << 1.0 << int(SyncStep::Nudge);
        QTest::newRow("late 5 s") << qint64(10'000) << qint64(5'000) << 1.0 << int(SyncStep::Seek);
        QTest::newRow("300 ms at 8x is in step")
            << qint64(10'000) << qint64(9'700) << 8.0 << int(SyncStep::Keep);
        QTest::newRow("2 s at 8x is a nudge")
            << qint64(10'000) << qint64(8'000) << 8.0 << int(SyncStep::Nudge);
        QTest::newRow("5 s at 8x is a seek") << qint64(10'000) << qint64(5'000) << 8.0 << int(SyncStep::Seek);
    }
    void syncSteps()
    {
        QFETCH(qint64, clock);
        QFETCH(qint64, shown);
        QFETCH(double, rate);
        QFETCH(int, kind);
        const SyncStep step = syncStep(clock, shown, rate);
        QCOMPARE(int(step.kind), kind);
        if (step.kind == SyncStep::Nudge) {
            // A late player plays faster, an early one slower, never by more than half.
            QCOMPARE(step.rate > rate, clock > shown);
            QVERIFY(step.rate >= rate * 0.5 && step.rate <= rate * 1.5);
        } else {
            QCOMPARE(step.rate, rate);
        }
    }

    void clock()
    {
        PlaybackClock c;
        QVERIFY(c.paused());
        c.seek(1'000'000, 0);
        QCOMPARE(c.position(5'000), 1'000'000); // paused: does not move
        c.setPaused(false, 5'000);
        QCOMPARE(c.position(6'000), 1'001'000);
        c.setRate(4, 6'000); // no jump when the rate changes
        QCOMPARE(c.position(6'000), 1'001'000);
        QCOMPARE(c.position(7'000), 1'005'000);
        c.setPaused(true, 7'500);
        QCOMPARE(c.position(60'000), 1'007'000);
        c.setRate(100, 60'000);
        QCOMPARE(c.rate(), PlaybackClock::kMaxRate);
        c.setRate(0.001, 60'000);
        QCOMPARE(c.rate(), PlaybackClock::kMinRate);
        c.seek(42, 61'000);
        QCOMPARE(c.position(70'000), 42);
    }
};

QTEST_GUILESS_MAIN(TstRecordingPlan)
#include "tst_recording_plan.moc"
