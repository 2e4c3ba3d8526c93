// TrackStore: fixes packed and unpacked, range queries against a brute-force filter (also across the ring's
// wrap-around), trimming by age and by count, order rules, unknown units, recording from a UnitsModel, and
// the UnitSimulator's pre-simulated history; sampleTrack()'s interpolation.
#include "vigil/map/track_store.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::map;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000; // some UTC instant in 2026

QList<TrackFix> bruteForce(const QList<TrackFix> &all, qint64 from, qint64 to)
{
    QList<TrackFix> out;
    for (const TrackFix &f : all)
        if (f.timeMs >= from && f.timeMs <= to)
            out.append(f);
    return out;
}

} // namespace

class TstTrackStore : public QObject
{
    Q_OBJECT
private slots:
    void packing()
    {
        const TrackFix f = TrackFix::make(kT0, {30.1234567, -119.7654321}, -10, 12.345);
        QCOMPARE(f.timeMs, kT0);
        QVERIFY(std::abs(f.position().lat - 30.1234567) < 1e-7);
        QVERIFY(std::abs(f.position().lon + 119.7654321) < 1e-7);
        QCOMPARE(f.headingDeg(), 350.0);
        QCOMPARE(f.speedMps(), 12.35); // rounded to cm/s
        QCOMPARE(TrackFix::make(0, {}, 360, 0).headingDeg(), 0.0);
        QCOMPARE(TrackFix::make(0, {}, 359.999, 0).headingDeg(), 0.0);
        QCOMPARE(TrackFix::make(0, {}, qQNaN(), qQNaN()).speedMps(), 0.0);
        QCOMPARE(TrackFix::make(0, {}, 0, 1000).speedMps(), 655.35);
        QCOMPARE(sizeof(TrackFix), size_t(24));
    }

    void rangeQueriesMatchBruteForce()
    {
        TrackStore store;
        QRandomGenerator rng(42);
        QHash<QString, QList<TrackFix>> all;
        const QStringList ids{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        qint64 t = kT0;
        for (int i = 0; i < 3000; ++i) {
            t += 1 + rng.bounded(2000); // irregular, strictly increasing
            const QString &id = ids[rng.bounded(int(ids.size()))];
            const TrackFix f = TrackFix::make(t, {30 + rng.generateDouble(), 120 + rng.generateDouble()},
                                              rng.bounded(360), 10);
            QVERIFY(store.record(id, f.timeMs, f.position(), f.headingDeg(), f.speedMps()));
            all[id].append(f);
        }
        QCOMPARE(store.unitCount(), 3);
        QCOMPARE(store.fixCount(), 3000);
        for (int q = 0; q < 500; ++q) {
            const QString &id = ids[rng.bounded(int(ids.size()))];
            qint64 from = kT0 + rng.bounded(qint64(t - kT0 + 20000)) - 10000;
            qint64 to = from + rng.bounded(qint64(2'000'000));
            if (q % 10 == 0) { // exact fix times as bounds: both ends are inclusive
                const QList<TrackFix> &fixes = all[id];
                from = fixes[rng.bounded(int(fixes.size()))].timeMs;
                to = std::max(from, fixes[rng.bounded(int(fixes.size()))].timeMs);
            }
            QCOMPARE(store.track(id, from, to), bruteForce(all[id], from, to));
        }
        QCOMPARE(store.track(QStringLiteral("a"), kT0, t), all[QStringLiteral("a")]);
        QVERIFY(store.track(QStringLiteral("a"), t, kT0).isEmpty()); // reversed range
        QCOMPARE(store.firstTimeMs(QStringLiteral("b")), all[QStringLiteral("b")].first().timeMs);
        QCOMPARE(store.lastTimeMs(QStringLiteral("b")), all[QStringLiteral("b")].last().timeMs);
        QCOMPARE(store.lastFixTime(QStringLiteral("b")).toMSecsSinceEpoch(),
                 all[QStringLiteral("b")].last().timeMs);
        QCOMPARE(store.unitIds(), ids);
    }

    void trimsByCountAcrossTheWrap()
    {
        TrackStore store;
        store.setMaxFixesPerUnit(100);
        QList<TrackFix> all;
        for (int i = 0; i < 1037; ++i) {
            const TrackFix f = TrackFix::make(kT0 + i * 1000, {30 + i * 1e-5, 120}, 0, 5);
            store.record(QStringLiteral("u"), f.timeMs, f.position(), 0, 5);
            all.append(f);
        }
        QCOMPARE(store.fixCountOf(QStringLiteral("u")), 100);
        QCOMPARE(store.fixCount(), 100);
        const QList<TrackFix> kept = all.mid(937);
        QCOMPARE(store.firstTimeMs(QStringLiteral("u")), kept.first().timeMs);
        QCOMPARE(store.track(QStringLiteral("u"), 0, std::numeric_limits<qint64>::max()), kept);
        // Sub-ranges inside the wrapped ring.
        for (int a = 0; a < 100; a += 7)
            for (int b = a; b < 100; b += 11)
                QCOMPARE(store.track(QStringLiteral("u"), kept[a].timeMs, kept[b].timeMs),
                         kept.mid(a, b - a + 1));
        QVERIFY(store.memoryBytes() <= qint64(128 * sizeof(TrackFix)));
        // A lower cap trims at once.
        store.setMaxFixesPerUnit(10);
        QCOMPARE(store.track(QStringLiteral("u"), 0, std::numeric_limits<qint64>::max()), all.mid(1027));
        QCOMPARE(store.fixCount(), 10);
    }

    void trimsByAge()
    {
        TrackStore store;
        store.setRetentionMinutes(1);
        QSignalSpy added(&store, &TrackStore::fixesAdded);
        for (int i = 0; i <= 300; ++i)
            store.record(QStringLiteral("u"), kT0 + i * 1000, {30, 120}, 0, 0);
        QCOMPARE(added.size(), 301);
        // The newest is kT0 + 300 s; one minute behind it is kept, inclusive.
        QCOMPARE(store.firstTimeMs(QStringLiteral("u")), kT0 + 240'000);
        QCOMPARE(store.fixCountOf(QStringLiteral("u")), 61);
        // Memory follows: a 1 Hz unit with one minute kept does not hold five minutes of ring.
        QVERIFY2(store.memoryBytes() <= qint64(256 * sizeof(TrackFix)),
                 qPrintable(QString::number(store.memoryBytes())));
        // Longer retention keeps more from now on.
        store.setRetentionMinutes(10);
        for (int i = 301; i <= 400; ++i)
            store.record(QStringLiteral("u"), kT0 + i * 1000, {30, 120}, 0, 0);
        QCOMPARE(store.fixCountOf(QStringLiteral("u")), 161);
    }

    void sharesATotalBudget()
    {
        TrackStore store;
        store.setMaxTotalFixes(1000);
        // Two units: each may keep half.
        for (int i = 0; i < 800; ++i)
            for (const QString &id : {QStringLiteral("a"), QStringLiteral("b")})
                store.record(id, kT0 + i * 1000, {30, 120}, 0, 0);
        QCOMPARE(store.fixesPerUnitLimit(), 500);
        QCOMPARE(store.fixCountOf(QStringLiteral("a")), 500);
        QCOMPARE(store.firstTimeMs(QStringLiteral("a")), kT0 + 300'000); // the newest 500
        QCOMPARE(store.fixCount(), 1000);
        // Eight more units: every unit's share drops to 100 as it next records.
        for (int i = 800; i < 1000; ++i)
            for (int u = 0; u < 10; ++u)
                store.record(u < 2 ? QString(QChar(u'a' + u)) : QStringLiteral("u%1").arg(u), kT0 + i * 1000,
                             {30, 120}, 0, 0);
        QCOMPARE(store.unitCount(), 10);
        QCOMPARE(store.fixesPerUnitLimit(), 100);
        QCOMPARE(store.fixCount(), 1000);
        QCOMPARE(store.fixCountOf(QStringLiteral("a")), 100);
        QCOMPARE(store.firstTimeMs(QStringLiteral("a")), kT0 + 900'000);
        // Lowering the budget trims at once; the per-unit floor is 60 fixes.
        store.setMaxTotalFixes(100);
        QCOMPARE(store.fixesPerUnitLimit(), 60);
        QCOMPARE(store.fixCount(), 600);
        QVERIFY(store.memoryBytes() < qint64(10 * 256 * sizeof(TrackFix)));
    }

    void silentUnitsAreTrimmedAndForgotten()
    {
        TrackStore store;
        store.setRetentionMinutes(10);
        // Three units at 1 Hz for 5 min; then "c" goes silent while "a" and "b" keep recording 20 min more.
        for (int i = 0; i < 300; ++i)
            for (const char *id : {"a", "b", "c"})
                QVERIFY(store.record(QString::fromLatin1(id), kT0 + i * 1000, {30, 120}, 0, 0));
        QCOMPARE(store.fixCountOf(QStringLiteral("c")), 300);
        int i = 300;
        for (; i < 600; ++i)
            for (const char *id : {"a", "b"})
                store.record(QString::fromLatin1(id), kT0 + i * 1000, {30, 120}, 0, 0);
        // Ten minutes behind the newest fix (599 s) all of c's five minutes are still inside the retention.
        QCOMPARE(store.fixCountOf(QStringLiteral("c")), 300);
        for (; i < 800; ++i)
            for (const char *id : {"a", "b"})
                store.record(QString::fromLatin1(id), kT0 + i * 1000, {30, 120}, 0, 0);
        // Newest 799 s: what is older than 199 s (at most one sweep interval late) is gone from c as well.
        QVERIFY2(store.firstTimeMs(QStringLiteral("c")) >= kT0 + (199 - 60) * 1000,
                 qPrintable(QString::number(store.firstTimeMs(QStringLiteral("c")) - kT0)));
        QVERIFY(store.fixCountOf(QStringLiteral("c")) < 300);
        QCOMPARE(store.fixCount(), 2 * 601 + store.fixCountOf(QStringLiteral("c")));
        for (; i < 1500; ++i)
            for (const char *id : {"a", "b"})
                store.record(QString::fromLatin1(id), kT0 + i * 1000, {30, 120}, 0, 0);
        // c's last fix (299 s) is more than ten minutes behind: c is forgotten, the others keep ten minutes.
        QCOMPARE(store.unitCount(), 2);
        QCOMPARE(store.unitIds(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(store.fixCountOf(QStringLiteral("c")), 0);
        QCOMPARE(store.firstTimeMs(QStringLiteral("c")), -1);
        QCOMPARE(store.fixCountOf(QStringLiteral("a")), 601);
        QCOMPARE(store.fixCount(), 2 * 601);
        QVERIFY(store.memoryBytes() <= qint64(2 * 1024 * sizeof(TrackFix)));
    }

    void silentUnitsLeaveTheBudget()
    {
        TrackStore store;
        store.setMaxTotalFixes(1000);
        // x and y fill their halves; then x goes silent and eight new units join y.
        for (int i = 0; i < 600; ++i)
            for (const char *id : {"x", "y"})
                store.record(QString::fromLatin1(id), kT0 + i * 1000, {30, 120}, 0, 0);
        QCOMPARE(store.fixCountOf(QStringLiteral("x")), 500);
        for (int i = 600; i < 800; ++i) {
            for (int u = 0; u < 9; ++u) {
                store.record(u == 0 ? QStringLiteral("y") : QStringLiteral("n%1").arg(u), kT0 + i * 1000,
                             {30, 120}, 0, 0);
                QVERIFY2(store.fixCount() <= store.maxTotalFixes(),
                         qPrintable(QStringLiteral("%1 fixes at %2 s").arg(store.fixCount()).arg(i)));
            }
        }
        QCOMPARE(store.unitCount(), 10);
        QCOMPARE(store.fixesPerUnitLimit(), 100);
        QCOMPARE(store.fixCountOf(QStringLiteral("x")), 100); // the silent one holds its share, not 500
        QCOMPARE(store.lastTimeMs(QStringLiteral("x")), kT0 + 599'000);
        QCOMPARE(store.fixCount(), 1000);
    }

    void modelBatchesSweepSilentUnits()
    {
        UnitsModel model;
        TrackStore store;
        store.setRetentionMinutes(5);
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC);
        model.addUnit({QStringLiteral("live"), QStringLiteral("P1"), {30.5, 120.0}, 0, 0, {}, t0, {}});
        model.addUnit({QStringLiteral("gone"), QStringLiteral("P2"), {30.6, 120.1}, 0, 0, {}, t0, {}});
        store.setModel(&model);
        for (int s = 1; s <= 60; ++s)
            model.updatePositions({{0, {30.5, 120.0}, 0, 1}, {1, {30.6, 120.1}, 0, 1}}, t0.addSecs(s));
        QCOMPARE(store.fixCountOf(QStringLiteral("gone")), 61);
        // "gone" stops reporting (its radio died; the model still lists it); "live" goes on for 7 minutes.
        QSignalSpy added(&store, &TrackStore::fixesAdded);
        for (int s = 61; s <= 480; ++s)
            model.updatePositions({{0, {30.5, 120.0}, 0, 1}}, t0.addSecs(s));
        QCOMPARE(added.size(), 420);
        QCOMPARE(store.fixCountOf(QStringLiteral("gone")), 0);
        QCOMPARE(store.unitCount(), 1);
        QCOMPARE(store.fixCountOf(QStringLiteral("live")), 301);
        QCOMPARE(store.fixCount(), 301);
    }

    void orderRulesAndUnknownUnits()
    {
        TrackStore store;
        QVERIFY(store.record(QStringLiteral("u"), kT0 + 5000, {30, 120}, 10, 1));
        QVERIFY(!store.record(QStringLiteral("u"), kT0 + 4000, {31, 121}, 10, 1)); // older: dropped
        QCOMPARE(store.droppedCount(), 1);
        QVERIFY(store.record(QStringLiteral("u"), kT0 + 5000, {30.5, 120.5}, 20, 2)); // same time: replaces
        QCOMPARE(store.fixCountOf(QStringLiteral("u")), 1);
        QCOMPARE(store.track(QStringLiteral("u"), 0, kT0 * 2).first().headingDeg(), 20.0);
        QVERIFY(!store.record(QString(), kT0, {}, 0, 0));

        QVERIFY(store.track(QStringLiteral("nobody"), 0, kT0 * 2).isEmpty());
        QCOMPARE(store.fixCountOf(QStringLiteral("nobody")), 0);
        QCOMPARE(store.firstTimeMs(QStringLiteral("nobody")), -1);
        QVERIFY(!store.lastFixTime(QStringLiteral("nobody")).isValid());
        store.removeUnit(QStringLiteral("nobody"));
        store.removeUnit(QStringLiteral("u"));
        QCOMPARE(store.unitCount(), 0);
        QCOMPARE(store.fixCount(), 0);
    }

    void recordsWhatTheModelPublishes()
    {
        UnitsModel model;
        TrackStore store;
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC);
        model.addUnit({QStringLiteral("u1"), QStringLiteral("P1"), {30.5, 120.0}, 0, 0, {}, t0, {}});
        store.setModel(&model); // what the model holds already is recorded
        QCOMPARE(store.fixCountOf(QStringLiteral("u1")), 1);
        model.addUnit({QStringLiteral("u2"), QStringLiteral("P2"), {30.6, 120.1}, 0, 0, {}, t0, {}});
        QCOMPARE(store.fixCountOf(QStringLiteral("u2")), 1);

        QSignalSpy added(&store, &TrackStore::fixesAdded);
        model.updatePositions({{0, {30.501, 120.0}, 5, 7}, {1, {30.601, 120.1}, 6, 8}}, t0.addSecs(1));
        QCOMPARE(added.size(), 1); // one per batch
        QCOMPARE(store.fixCount(), 4);
        const QList<TrackFix> t = store.track(QStringLiteral("u2"), kT0 + 1000, kT0 + 1000);
        QCOMPARE(t.size(), 1);
        QVERIFY(std::abs(t.first().position().lat - 30.601) < 1e-7);
        QCOMPARE(t.first().headingDeg(), 6.0);
        QCOMPARE(t.first().speedMps(), 8.0);
        // A status change is no fix.
        QVERIFY(model.setStatus(QStringLiteral("u1"), UnitsModel::Busy));
        QCOMPARE(store.fixCount(), 4);
        // Removing a unit from the model keeps its history (the track is still there to replay).
        QVERIFY(model.removeUnit(QStringLiteral("u1")));
        QCOMPARE(store.fixCountOf(QStringLiteral("u1")), 2);
        store.setModel(nullptr);
        model.updatePositions({{0, {30.602, 120.1}, 6, 8}}, t0.addSecs(2));
        QCOMPARE(store.fixCount(), 4);
    }

    void simulatorPrefillsHistory()
    {
        UnitsModel model;
        model.setTrailLength(10);
        TrackStore store;
        store.setModel(&model);
        UnitSimulator sim;
        sim.setUnitCount(6);
        sim.setTrackStore(&store);
        QElapsedTimer timer;
        timer.start();
        sim.setHistorySeconds(1800);
        sim.setModel(&model);
        const qint64 ms = timer.elapsed();
        qInfo() << "30 min of history for 6 units in" << ms << "ms";
        QCOMPARE(model.count(), 6);
        QCOMPARE(store.unitCount(), 6);
        for (const PatrolUnit &u : model.units()) {
            const qint64 now = u.lastFix.toMSecsSinceEpoch();
            QCOMPARE(store.fixCountOf(u.id), 1801); // 1800 s of past + the present from the model
            QCOMPARE(store.firstTimeMs(u.id), now - 1800 * 1000);
            QCOMPARE(store.lastTimeMs(u.id), now);
            const QList<TrackFix> track = store.track(u.id, 0, now);
            // The past ends where the model's unit is now, and the car really drove (at most its speed).
            const GeoPoint last = track.last().position();
            QVERIFY(std::abs(last.lat - u.position.lat) < 1e-6 && std::abs(last.lon - u.position.lon) < 1e-6);
            double driven = 0;
            for (qsizetype i = 1; i < track.size(); ++i) {
                QCOMPARE(track[i].timeMs - track[i - 1].timeMs, 1000);
                const double d = greatCircleDistance(track[i - 1].position(), track[i].position());
                QVERIFY2(d <= 18.5, qPrintable(QString::number(d)));
                driven += d;
            }
            QVERIFY2(driven > 1800 * 3.0, qPrintable(QString::number(driven)));
            // The model's trail is the last steps of that past, not a jump from the start.
            QCOMPARE(u.trail.size(), 10);
            QCOMPARE(u.trail.last(), u.position);
            QVERIFY(greatCircleDistance(u.trail.first(), u.position) < 10 * 18.5);
        }
        // Live steps continue the same tracks.
        const QString id = model.units().first().id;
        const qint64 before = store.lastTimeMs(id);
        // A step is stamped with the clock: wait until the clock has passed the last fix (a step in the same
        // millisecond would be refused as not newer).
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > before);
        sim.step(1.0);
        QCOMPARE(store.fixCountOf(id), 1802);
        QVERIFY(store.lastTimeMs(id) > before);
        // A rebuild (new seed) replaces the simulated units' history rather than mixing two cars.
        sim.setSeed(99);
        QCOMPARE(store.fixCountOf(id), 1801);
    }

    void sampling()
    {
        QVERIFY(!sampleTrack({}, kT0).valid);
        const QList<TrackFix> track{TrackFix::make(kT0, {30.0, 120.0}, 350, 10),
                                    TrackFix::make(kT0 + 10'000, {30.001, 120.002}, 10, 20),
                                    TrackFix::make(kT0 + 20'000, {30.001, 120.004}, 90, 0)};
        TrackSample s = sampleTrack(track, kT0 + 5000);
        QVERIFY(s.valid);
        QVERIFY(std::abs(s.position.lat - 30.0005) < 1e-9);
        QVERIFY(std::abs(s.position.lon - 120.001) < 1e-9);
        QVERIFY(std::abs(s.headingDeg - 0.0) < 1e-9 ||
                std::abs(s.headingDeg - 360.0) < 1e-9); // the short way
        QVERIFY(std::abs(s.speedMps - 15) < 1e-9);
        s = sampleTrack(track, kT0 + 12'500);
        QVERIFY(std::abs(s.position.lon - 120.0025) < 1e-9);
        QVERIFY(std::abs(s.headingDeg - 30) < 1e-9);
        QCOMPARE(sampleTrack(track, kT0 - 1).position, track.first().position());
        QCOMPARE(sampleTrack(track, kT0 + 10'000).position, track[1].position());
        QCOMPARE(sampleTrack(track, kT0 + 99'999).position, track.last().position());
    }
};

QTEST_GUILESS_MAIN(TstTrackStore)
#include "tst_track_store.moc"
