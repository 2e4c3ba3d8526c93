// Main/sub stream selection: the rule, its threshold definition, and hysteresis (no flapping near the
// threshold).
#include "vigil/wall/stream_selection.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil::wall;

class TestStreamSelection : public QObject
{
    Q_OBJECT

private slots:
    void rule_data()
    {
        QTest::addColumn<QSizeF>("tile");
        QTest::addColumn<int>("visible");
        QTest::addColumn<bool>("maximized");
        QTest::addColumn<QString>("current");
        QTest::addColumn<QString>("expected");

        QTest::newRow("maximized small tile") << QSizeF(100, 100) << 64 << true << ""
                                              << "main";
        QTest::newRow("big tile, 4 visible") << QSizeF(960, 540) << 4 << false << ""
                                             << "main";
        QTest::newRow("big tile, 17 visible") << QSizeF(960, 540) << 17 << false << ""
                                              << "sub";
        QTest::newRow("big tile, 16 visible") << QSizeF(960, 540) << 16 << false << ""
                                              << "main";
        QTest::newRow("exactly threshold") << QSizeF(640, 360) << 4 << false << ""
                                           << "main";
        QTest::newRow("narrow") << QSizeF(639, 720) << 4 << false << ""
                                << "sub";
        QTest::newRow("short") << QSizeF(1280, 359) << 4 << false << ""
                               << "sub";
        QTest::newRow("small") << QSizeF(480, 270) << 9 << false << ""
                               << "sub";
        QTest::newRow("empty size") << QSizeF() << 4 << false << ""
                                    << "sub";

        // Hysteresis band: 576..704 wide, 324..396 high (10 %).
        QTest::newRow("main stays just below") << QSizeF(600, 340) << 4 << false << "main"
                                               << "main";
        QTest::newRow("main drops clearly below") << QSizeF(570, 340) << 4 << false << "main"
                                                  << "sub";
        QTest::newRow("main drops on short side") << QSizeF(1000, 320) << 4 << false << "main"
                                                  << "sub";
        QTest::newRow("sub stays just above") << QSizeF(680, 380) << 4 << false << "sub"
                                              << "sub";
        QTest::newRow("sub stays if one side short") << QSizeF(1000, 380) << 4 << false << "sub"
                                                     << "sub";
        QTest::newRow("sub climbs clearly above") << QSizeF(710, 400) << 4 << false << "sub"
                                                  << "main";
        QTest::newRow("many tiles beat hysteresis") << QSizeF(960, 540) << 25 << false << "main"
                                                    << "sub";
        QTest::newRow("maximize beats hysteresis") << QSizeF(100, 100) << 4 << true << "sub"
                                                   << "main";
    }

    void rule()
    {
        QFETCH(QSizeF, tile);
        QFETCH(int, visible);
        QFETCH(bool, maximized);
        QFETCH(QString, current);
        QFETCH(QString, expected);
        QCOMPARE(chooseStreamRole(tile, visible, maximized, {}, current), expected);
    }

    void customPolicy()
    {
        StreamPolicy p;
        p.subBelow = QSize(320, 180);
        p.subAboveTiles = 4;
        p.hysteresis = 0;
        QCOMPARE(chooseStreamRole(QSizeF(400, 200), 4, false, p), QStringLiteral("main"));
        QCOMPARE(chooseStreamRole(QSizeF(400, 200), 5, false, p), QStringLiteral("sub"));
        QCOMPARE(chooseStreamRole(QSizeF(319, 200), 1, false, p, u"main"), QStringLiteral("sub"));
    }

    // A tile resized back and forth across the threshold switches once each way, not on every step.
    void noFlappingWhileResizing()
    {
        StreamSelector sel;
        QSignalSpy changes(&sel, &StreamSelector::roleChanged);
        QCOMPARE(sel.role(), QString());
        sel.setVisibleTiles(4);
        QCOMPARE(sel.role(), QString()); // not laid out yet: no decision
        sel.setTileSize(QSizeF(800, 450));
        QCOMPARE(sel.role(), QStringLiteral("main"));

        int switches = 0;
        QString last = sel.role();
        const auto step = [&](double w) {
            sel.setTileSize(QSizeF(w, w * 9 / 16));
            if (sel.role() != last) {
                ++switches;
                last = sel.role();
            }
        };
        for (int round = 0; round < 5; ++round) {
            for (double w = 660; w >= 620; w -= 4) // around 640 within the band: never switches
                step(w);
            for (double w = 620; w <= 660; w += 4)
                step(w);
        }
        QCOMPARE(switches, 0);
        QCOMPARE(sel.role(), QStringLiteral("main"));

        step(560); // clearly small
        QCOMPARE(sel.role(), QStringLiteral("sub"));
        step(650); // back above 640 but inside the band: keeps sub
        QCOMPARE(sel.role(), QStringLiteral("sub"));
        step(720);
        QCOMPARE(sel.role(), QStringLiteral("main"));
        QCOMPARE(switches, 2);
        QCOMPARE(changes.count(), 3); // "" -> main, main -> sub, sub -> main
    }

    void selectorDecidesWithoutSize()
    {
        StreamSelector sel;
        sel.setMaximized(true);
        QCOMPARE(sel.role(), QStringLiteral("main"));
        StreamSelector many;
        many.setVisibleTiles(36);
        QCOMPARE(many.role(), QStringLiteral("sub"));
        many.setSubAboveTiles(64);
        QCOMPARE(many.role(), QStringLiteral("sub")); // still no size: keeps the last decision
        many.setTileSize(QSizeF(1920, 1080));
        QCOMPARE(many.role(), QStringLiteral("main"));
    }

    // Village mode: the sub stream everywhere, a maximized full-screen tile too, and before any size is
    // known.
    void subOnlyWhateverTheTile()
    {
        StreamPolicy p;
        p.subOnly = true;
        QCOMPARE(chooseStreamRole(QSizeF(3840, 2160), 1, true, p, u"main"), QStringLiteral("sub"));
        QCOMPARE(chooseStreamRole(QSizeF(1920, 1080), 1, false, p), QStringLiteral("sub"));

        StreamSelector sel;
        sel.setMaximized(true);
        sel.setTileSize(QSizeF(1920, 1080));
        QCOMPARE(sel.role(), QStringLiteral("main"));
        QSignalSpy policy(&sel, &StreamSelector::policyChanged);
        sel.setSubOnly(true);
        QCOMPARE(policy.count(), 1);
        QCOMPARE(sel.role(), QStringLiteral("sub"));
        sel.setSubOnly(true); // unchanged: no signal
        QCOMPARE(policy.count(), 1);
        sel.setSubOnly(false);
        QCOMPARE(sel.role(), QStringLiteral("main"));

        StreamSelector fresh; // nothing laid out yet
        fresh.setSubOnly(true);
        QCOMPARE(fresh.role(), QStringLiteral("sub"));
    }
};

QTEST_GUILESS_MAIN(TestStreamSelection)
#include "tst_stream_selection.moc"
