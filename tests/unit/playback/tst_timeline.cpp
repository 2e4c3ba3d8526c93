// The timeline's arithmetic: spans and gaps, zoom limits, time <-> pixel, tick steps and labels.
#include "vigil/playback/timeline.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtTest/QtTest>

using namespace vigil::playback;

namespace {
constexpr qint64 kS = 1000;
constexpr qint64 kMin = 60 * kS;
constexpr qint64 kH = 60 * kMin;
// 2026-12-06 00:00:00 UTC
const std::int64_t kDay0 = QDateTime(QDate(2026, 12, 6), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
} // namespace

class TstTimeline : public QObject
{
    Q_OBJECT
private slots:
    void mergeSpans_data()
    {
        QTest::addColumn<QList<Span>>("in");
        QTest::addColumn<qint64>("joinGap");
        QTest::addColumn<QList<Span>>("out");
        QTest::newRow("empty") << QList<Span>{} << qint64(0) << QList<Span>{};
        QTest::newRow("unsorted, apart")
            << QList<Span>{{50, 60}, {0, 10}} << qint64(0) << QList<Span>{{0, 10}, {50, 60}};
        QTest::newRow("touching") << QList<Span>{{0, 10}, {10, 20}} << qint64(0) << QList<Span>{{0, 20}};
        QTest::newRow("overlap inside")
            << QList<Span>{{0, 100}, {10, 20}} << qint64(0) << QList<Span>{{0, 100}};
        QTest::newRow("small gap joined")
            << QList<Span>{{0, 10}, {15, 20}} << qint64(5) << QList<Span>{{0, 20}};
        QTest::newRow("bigger gap kept")
            << QList<Span>{{0, 10}, {16, 20}} << qint64(5) << QList<Span>{{0, 10}, {16, 20}};
        QTest::newRow("empty span dropped")
            << QList<Span>{{5, 5}, {7, 3}, {0, 1}} << qint64(0) << QList<Span>{{0, 1}};
    }
    void mergeSpans()
    {
        QFETCH(QList<Span>, in);
        QFETCH(qint64, joinGap);
        QFETCH(QList<Span>, out);
        QCOMPARE(vigil::playback::mergeSpans(in, joinGap), out);
    }

    void gaps()
    {
        const QList<Span> spans{{10, 20}, {30, 40}};
        QCOMPARE(gapsIn(spans, {0, 50}), (QList<Span>{{0, 10}, {20, 30}, {40, 50}}));
        QCOMPARE(gapsIn(spans, {12, 18}), QList<Span>{});
        QCOMPARE(gapsIn(spans, {15, 35}), (QList<Span>{{20, 30}}));
        QCOMPARE(gapsIn({}, {0, 5}), (QList<Span>{{0, 5}}));
    }

    void spanLookup()
    {
        const QList<Span> spans{{10, 20}, {30, 40}};
        QCOMPARE(spanAt(spans, 5), -1);
        QCOMPARE(spanAt(spans, 10), 0);
        QCOMPARE(spanAt(spans, 19), 0);
        QCOMPARE(spanAt(spans, 20), -1); // half-open
        QCOMPARE(spanAt(spans, 35), 1);
        QCOMPARE(spanAt(spans, 40), -1);
        QCOMPARE(nextStartAfter(spans, 5), std::optional<std::int64_t>(10));
        QCOMPARE(nextStartAfter(spans, 25), std::optional<std::int64_t>(30));
        QCOMPARE(nextStartAfter(spans, 30), std::nullopt);
    }

    void zoomKeepsAnchorAndLimits()
    {
        const TimeWindow w{kDay0, kDay0 + kH};
        const std::int64_t anchor = kDay0 + 15 * kMin; // a quarter in
        const TimeWindow in = zoomAround(w, anchor, 0.5);
        QCOMPARE(in.length(), 30 * kMin);
        QCOMPARE(in.startMs, anchor - in.length() / 4); // still a quarter in
        // Cannot zoom below one minute or above seven days.
        TimeWindow z = w;
        for (int i = 0; i < 40; ++i)
            z = zoomAround(z, anchor, 0.5);
        QCOMPARE(z.length(), kMinWindowMs);
        QVERIFY(z.startMs <= anchor && anchor <= z.endMs);
        for (int i = 0; i < 40; ++i)
            z = zoomAround(z, anchor, 2.0);
        QCOMPARE(z.length(), kMaxWindowMs);
        QCOMPARE(zoomAround(w, anchor, 0.0), w); // nonsense factor: unchanged
    }

    void pixels()
    {
        const TimeWindow w{kDay0, kDay0 + kH};
        QCOMPARE(timeToX(w, 1200, kDay0), 0.0);
        QCOMPARE(timeToX(w, 1200, kDay0 + 30 * kMin), 600.0);
        QCOMPARE(xToTime(w, 1200, 600), kDay0 + 30 * kMin);
        QCOMPARE(xToTime(w, 1200, timeToX(w, 1200, kDay0 + 1234567)), kDay0 + 1234567);
        QCOMPARE(centredOn(w, kDay0 + 5 * kH),
                 (TimeWindow{kDay0 + 5 * kH - 30 * kMin, kDay0 + 5 * kH + 30 * kMin}));
    }

    void tickSteps_data()
    {
        QTest::addColumn<qint64>("length");
        QTest::addColumn<qint64>("step");
        // 1200 px, majors at least 90 px apart.
        QTest::newRow("1 min") << kMin << 5 * kS;
        QTest::newRow("10 min") << 10 * kMin << kMin;
        QTest::newRow("1 h") << kH << 5 * kMin;
        QTest::newRow("6 h") << 6 * kH << 30 * kMin;
        QTest::newRow("1 day") << 24 * kH << 3 * kH;
        QTest::newRow("7 days") << 7 * 24 * kH << 24 * kH;
    }
    void tickSteps()
    {
        QFETCH(qint64, length);
        QFETCH(qint64, step);
        const TimeWindow w{kDay0, kDay0 + length};
        QCOMPARE(majorStepMs(w, 1200), step);
        const QList<Tick> ticks = ticksFor(w, 1200, 0);
        QVERIFY(!ticks.isEmpty());
        std::int64_t lastMajor = -1;
        for (const Tick &t : ticks) {
            QVERIFY(t.timeMs >= w.startMs && t.timeMs <= w.endMs);
            if (!t.major) {
                QVERIFY(t.label.isEmpty());
                continue;
            }
            QCOMPARE(t.timeMs % step, 0); // aligned (UTC offset 0)
            QVERIFY(!t.label.isEmpty());
            if (lastMajor >= 0)
                QVERIFY(timeToX(w, 1200, t.timeMs) - timeToX(w, 1200, lastMajor) >= 90);
            lastMajor = t.timeMs;
        }
    }

    void tickLabelsInLocalTime()
    {
        // Beijing, UTC+8: a 1-day window from 15:00 UTC (23:00 local) shows the local midnight as a date and
        // the local hours aligned to 3 h in local time.
        const TimeWindow w{kDay0 + 15 * kH, kDay0 + 39 * kH};
        const QList<Tick> ticks = ticksFor(w, 1200, 8 * 3600);
        QStringList labels;
        for (const Tick &t : ticks)
            if (t.major)
                labels << t.label;
        QCOMPARE(labels.first(), QStringLiteral("12-07")); // 16:00 UTC = 00:00 on the 7th in Beijing
        QCOMPARE(labels.at(1), QStringLiteral("03:00"));
        QVERIFY(labels.contains(QStringLiteral("21:00")));
        // Seconds appear when the step is below a minute.
        const QList<Tick> fine = ticksFor({kDay0 + 10 * kS, kDay0 + kMin + 10 * kS}, 1200, 0);
        QVERIFY(std::any_of(fine.begin(), fine.end(),
                            [](const Tick &t) { return t.label == QStringLiteral("00:00:30"); }));
    }
};

QTEST_GUILESS_MAIN(TstTimeline)
#include "tst_timeline.moc"
