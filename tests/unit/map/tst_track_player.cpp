// TrackPlayer over a real TrackStore: range selection, interpolation at the cursor, scrubbing, rate snapping,
// advancing at 1-64x, stopping at the end of the track (and replaying from the start), unknown units, fixes
// that arrive while the range is open, and the real timer moving the cursor.
#include "vigil/map/track_player.h"
#include "vigil/map/track_store.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::map;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000;

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// "u": 101 fixes, one a second from kT0, northwards 1e-4 degrees (~11 m) a second, heading 0.
void fillStraightNorth(TrackStore &store)
{
    for (int i = 0; i <= 100; ++i)
        store.record(QStringLiteral("u"), kT0 + i * 1000, {30.0 + i * 1e-4, 120.0}, 0, 11);
}

} // namespace

class TstTrackPlayer : public QObject
{
    Q_OBJECT
private slots:
    void rangeSelectsFixes()
    {
        TrackStore store;
        fillStraightNorth(store);
        TrackPlayer player;
        QSignalSpy track(&player, &TrackPlayer::trackChanged);
        player.setStore(&store);
        player.setUnitId(QStringLiteral("u"));
        QCOMPARE(player.fixCount(), 101); // no range: everything
        player.setRange(at(kT0 + 10'500), at(kT0 + 40'000));
        QCOMPARE(player.fixCount(), 30); // 11 s .. 40 s
        QCOMPARE(player.startTime(), at(kT0 + 11'000));
        QCOMPARE(player.endTime(), at(kT0 + 40'000));
        QCOMPARE(player.position(), player.startTime()); // a new range starts at its beginning
        QVERIFY(std::abs(player.lengthM() - 29 * 11.12) < 1.0);
        QVERIFY(std::abs(player.south() - 30.0011) < 1e-9 && std::abs(player.north() - 30.004) < 1e-9);
        QVERIFY(track.size() >= 3);
        // showLastMinutes: the last minute before "now" = kT0 + 100 s.
        player.showLastMinutes(1, at(kT0 + 100'000));
        QCOMPARE(player.from(), at(kT0 + 40'000));
        QCOMPARE(player.to(), at(kT0 + 100'000));
        QCOMPARE(player.fixCount(), 61);
    }

    void interpolatesAtTheCursor()
    {
        TrackStore store;
        fillStraightNorth(store);
        TrackPlayer player;
        player.setStore(&store);
        player.setUnitId(QStringLiteral("u"));
        QSignalSpy moved(&player, &TrackPlayer::positionChanged);
        player.setPosition(at(kT0 + 10'500));
        QCOMPARE(moved.size(), 1);
        QVERIFY(player.valid());
        QVERIFY(std::abs(player.coordinate().latitude() - 30.00105) < 1e-9);
        QCOMPARE(player.coordinate().longitude(), 120.0);
        QCOMPARE(player.heading(), 0.0);
        QCOMPARE(player.speed(), 11.0);
        // Scrubbing by progress, clamped to the track.
        player.setProgress(0.25);
        QCOMPARE(player.position(), at(kT0 + 25'000));
        QCOMPARE(player.progress(), 0.25);
        player.setProgress(7);
        QCOMPARE(player.position(), at(kT0 + 100'000));
        player.setPosition(at(kT0 - 50'000));
        QCOMPARE(player.position(), at(kT0));
        QVERIFY(std::abs(player.coordinate().latitude() - 30.0) < 1e-9);
    }

    void rateSnapsToPowersOfTwo_data()
    {
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("got");
        QTest::newRow("0") << 0 << 1;
        QTest::newRow("1") << 1 << 1;
        QTest::newRow("3") << 3 << 4;
        QTest::newRow("5") << 5 << 4;
        QTest::newRow("6") << 6 << 8;
        QTest::newRow("16") << 16 << 16;
        QTest::newRow("40") << 40 << 32;
        QTest::newRow("50") << 50 << 64;
        QTest::newRow("64") << 64 << 64;
        QTest::newRow("1000") << 1000 << 64;
        QTest::newRow("-5") << -5 << 1;
    }
    void rateSnapsToPowersOfTwo()
    {
        QFETCH(int, asked);
        QFETCH(int, got);
        TrackPlayer player;
        player.setRate(asked);
        QCOMPARE(player.rate(), got);
    }

    void advancesAtTheRate()
    {
        TrackStore store;
        fillStraightNorth(store);
        TrackPlayer player;
        player.setStore(&store);
        player.setUnitId(QStringLiteral("u"));
        QSignalSpy rate(&player, &TrackPlayer::rateChanged);
        for (int r : {1, 2, 4, 8, 16, 32, 64}) {
            player.setPosition(at(kT0));
            player.setRate(r);
            player.play();
            QVERIFY(player.playing());
            player.advance(250);
            QCOMPARE(player.position(), at(kT0 + 250 * r));
            player.pause();
        }
        QCOMPARE(rate.size(), 6);
        // Paused, advance() still scrubs (the player's own timer is what stops).
        player.setRate(1);
        player.setPosition(at(kT0));
        player.advance(1000);
        QCOMPARE(player.position(), at(kT0 + 1000));
    }

    void stopsAtTheEnd()
    {
        TrackStore store;
        fillStraightNorth(store);
        TrackPlayer player;
        player.setStore(&store);
        player.setUnitId(QStringLiteral("u"));
        QSignalSpy finished(&player, &TrackPlayer::finished);
        QSignalSpy playing(&player, &TrackPlayer::playingChanged);
        player.setRate(64);
        player.setPosition(at(kT0 + 90'000));
        player.play();
        player.advance(100); // 6.4 s
        QVERIFY(player.playing());
        player.advance(1000); // past the end
        QCOMPARE(player.position(), at(kT0 + 100'000));
        QVERIFY(!player.playing());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(playing.size(), 2);
        QVERIFY(std::abs(player.coordinate().latitude() - 30.01) < 1e-9);
        // Play at the end: again from the start.
        player.play();
        QVERIFY(player.playing());
        QCOMPARE(player.position(), at(kT0));
    }

    void unknownUnitAndNoStore()
    {
        TrackPlayer player;
        player.setUnitId(QStringLiteral("u"));
        QVERIFY(!player.valid());
        TrackStore store;
        fillStraightNorth(store);
        player.setStore(&store);
        QVERIFY(player.valid());
        player.setUnitId(QStringLiteral("nobody"));
        QVERIFY(!player.valid());
        QCOMPARE(player.fixCount(), 0);
        QVERIFY(!player.position().isValid());
        QVERIFY(!player.startTime().isValid());
        QVERIFY(!player.coordinate().isValid());
        QVERIFY(qIsNaN(player.north()));
        player.play();
        QVERIFY(!player.playing());
        player.advance(1000);
        player.setProgress(0.5);
        QVERIFY(!player.position().isValid());
        // A range with no fixes in it.
        player.setUnitId(QStringLiteral("u"));
        player.setRange(at(kT0 + 500'000), at(kT0 + 600'000));
        QVERIFY(!player.valid());
        // The store goes away: the track goes too.
        player.setRange({}, {});
        QVERIFY(player.valid());
        {
            TrackStore gone;
            gone.record(QStringLiteral("u"), kT0, {30, 120}, 0, 0);
            gone.record(QStringLiteral("u"), kT0 + 1000, {30.001, 120}, 0, 0);
            player.setStore(&gone);
            QCOMPARE(player.fixCount(), 2);
        }
        QVERIFY(!player.valid());
    }

    void newFixesJoinAnOpenRange()
    {
        TrackStore store;
        fillStraightNorth(store);
        TrackPlayer player;
        player.setStore(&store);
        player.setUnitId(QStringLiteral("u"));
        player.setRange(at(kT0 + 50'000), {});
        QCOMPARE(player.fixCount(), 51);
        player.setPosition(at(kT0 + 70'000));
        store.record(QStringLiteral("u"), kT0 + 101'000, {30.0101, 120.0}, 0, 11);
        QCOMPARE(player.fixCount(), 52);
        QCOMPARE(player.endTime(), at(kT0 + 101'000));
        QCOMPARE(player.position(), at(kT0 + 70'000)); // the cursor stays
        // A closed range does not grow past its end.
        player.setRange(at(kT0), at(kT0 + 101'000));
        store.record(QStringLiteral("u"), kT0 + 102'000, {30.0102, 120.0}, 0, 11);
        QCOMPARE(player.endTime(), at(kT0 + 101'000));
        // Other units' fixes change nothing.
        QSignalSpy track(&player, &TrackPlayer::trackChanged);
        store.record(QStringLiteral("other"), kT0, {30, 120}, 0, 0);
        QCOMPARE(track.size(), 0);
    }

    void timerDrivesPlayback()
    {
        TrackStore store;
        fillStraightNorth(store);
        TrackPlayer player;
        player.setStore(&store);
        player.setUnitId(QStringLiteral("u"));
        player.setRate(64);
        QSignalSpy finished(&player, &TrackPlayer::finished);
        QElapsedTimer clock;
        clock.start();
        player.play();
        // 100 s of track at 64x: ~1.6 s of wall time.
        QVERIFY(finished.wait(10'000));
        const qint64 ms = clock.elapsed();
        QVERIFY2(ms >= 1400 && ms < 5000, qPrintable(QString::number(ms)));
        QCOMPARE(player.position(), at(kT0 + 100'000));
        QVERIFY(!player.playing());
    }
};

QTEST_GUILESS_MAIN(TstTrackPlayer)
#include "tst_track_player.moc"
