// The decode governor: the rule as a table (who drops to key frames only, who gets every frame back), and the
// governor applying it to real VideoPlayers on the fake engine with a load the test sets — the players'
// sources get the switch, the largest tile never, and everything comes back when the load falls.
#include "fake_frame_source.h"
#include "vigil/video/decode_governor.h"
#include "vigil/video/video_player.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace vigil::video;
using vigil::video::test::FakeEngine;

Q_DECLARE_METATYPE(QList<GovernedStream>)

class TstDecodeGovernor : public QObject
{
    Q_OBJECT
private slots:
    void rule_data()
    {
        QTest::addColumn<QList<GovernedStream>>("streams");
        QTest::addColumn<double>("load");
        QTest::addColumn<QList<quintptr>>("degrade");
        QTest::addColumn<QList<quintptr>>("restore");
        const QList<GovernedStream> mixed{
            {1, 100, false}, {2, 400, false}, {3, 50, false}, {4, 10000, false}};
        QTest::newRow("calm: nothing") << mixed << 0.7 << QList<quintptr>{} << QList<quintptr>{};
        QTest::newRow("busy: the smallest first") << mixed << 0.95 << QList<quintptr>{3} << QList<quintptr>{};
        QTest::newRow("busy, 16 equal tiles: two per step, never the first of the largest") << [] {
            QList<GovernedStream> s;
            for (quintptr i = 1; i <= 16; ++i)
                s.append({i, 100, false});
            return s;
        }() << 0.9 << QList<quintptr>{2, 3} << QList<quintptr>{};
        QTest::newRow("busy, all but the largest degraded: the largest keeps its rate")
            << QList<GovernedStream>{{1, 100, true}, {2, 400, true}, {4, 10000, false}} << 1.0
            << QList<quintptr>{} << QList<quintptr>{};
        QTest::newRow("idle: the largest degraded comes back first")
            << QList<GovernedStream>{{1, 100, true}, {2, 400, true}, {4, 10000, false}} << 0.3
            << QList<quintptr>{} << QList<quintptr>{2};
        QTest::newRow("nothing to govern")
            << QList<GovernedStream>{} << 1.0 << QList<quintptr>{} << QList<quintptr>{};
    }
    void rule()
    {
        QFETCH(QList<GovernedStream>, streams);
        QFETCH(double, load);
        QFETCH(QList<quintptr>, degrade);
        QFETCH(QList<quintptr>, restore);
        const DecodeStep step = decideDecodeStep(streams, load);
        QCOMPARE(step.degrade, degrade);
        QCOMPARE(step.restore, restore);
    }

    void deliveryLoadReading()
    {
        QCOMPARE(deliveryLoad(0, 0), 0.0);
        QCOMPARE(deliveryLoad(100, 100), 0.0);
        QCOMPARE(deliveryLoad(100, 96), 0.0);
        QCOMPARE(deliveryLoad(100, 60), 1.0);
        QCOMPARE(deliveryLoad(100, 10), 1.0);
        QVERIFY(qAbs(deliveryLoad(1000, 775) - 0.5) < 1e-9);
    }

    void governsPlayingPlayers()
    {
        FakeEngine engine;
        std::vector<std::unique_ptr<VideoPlayer>> players;
        const QList<double> areas{1920 * 1080, 480 * 270, 480 * 270, 240 * 135};
        for (double area : areas) {
            auto p = std::make_unique<VideoPlayer>();
            p->setFrameSourceFactory(engine.factory());
            MediaSource source;
            source.url = QUrl(QStringLiteral("rtsp://10.1.2.3/cam%1").arg(players.size()));
            p->setSource(source);
            p->setDisplayArea(area);
            p->play();
            engine.last()->open();
            engine.last()->frame(Qt::red);
            QTRY_COMPARE(p->status(), VideoPlayer::Status::Playing);
            players.push_back(std::move(p));
        }
        double load = 1.0;
        DecodeGovernor governor;
        governor.setLoadFunction([&load] { return load; });
        QSignalSpy steps(&governor, &DecodeGovernor::stepTaken);
        governor.tick();
        QCOMPARE(steps.count(), 1);
        QVERIFY(players.at(3)->keyFramesOnly()); // the smallest
        QVERIFY(engine.at(3)->keyFramesOnly());  // its source was told
        QVERIFY(!players.at(0)->keyFramesOnly());
        governor.tick();
        governor.tick();
        governor.tick();
        QCOMPARE(governor.degradedCount(), 3);
        QVERIFY(!players.at(0)->keyFramesOnly()); // the large tile never
        QVERIFY(!engine.at(0)->keyFramesOnly());

        load = 0.2;
        governor.tick();
        QCOMPARE(governor.degradedCount(), 2);
        QVERIFY(!players.at(1)->keyFramesOnly() || !players.at(2)->keyFramesOnly()); // a bigger one first
        QVERIFY(players.at(3)->keyFramesOnly());
        // A tile no longer on screen gets every frame back (nothing to save on it).
        players.at(3)->setDisplayArea(0);
        load = 0.7;
        governor.tick();
        QVERIFY(!players.at(3)->keyFramesOnly());
        governor.setEnabled(false);
        QCOMPARE(governor.degradedCount(), 0);
        load = 1.0;
        governor.tick();
        QCOMPARE(governor.degradedCount(), 0); // off is off
    }
};

QTEST_GUILESS_MAIN(TstDecodeGovernor)
#include "tst_decode_governor.moc"
