// Layout geometry: every layout covers its grid exactly once, tile counts match the ids, big tiles come
// first.
#include "vigil/wall/layouts.h"

#include <QtTest/QTest>

using namespace vigil::wall;

class TestLayouts : public QObject
{
    Q_OBJECT

private slots:
    void allLayoutsPresent()
    {
        QStringList ids;
        for (const LayoutDef &d : layouts())
            ids.append(d.id);
        QCOMPARE(ids, (QStringList{"1", "4", "6", "8", "9", "10", "13", "16", "25", "36", "64"}));
        QVERIFY(!findLayout(u"5"));
        QVERIFY(!findLayout(u""));
        QCOMPARE(findLayout(u"13")->id, QStringLiteral("13"));
    }

    void geometry_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("bigTiles");
        QTest::newRow("1") << "1" << 1 << 1 << 0;
        QTest::newRow("4") << "4" << 2 << 2 << 0;
        QTest::newRow("6 (1+5)") << "6" << 3 << 3 << 1;
        QTest::newRow("8 (1+7)") << "8" << 4 << 4 << 1;
        QTest::newRow("9") << "9" << 3 << 3 << 0;
        QTest::newRow("10 (2+8)") << "10" << 4 << 4 << 2;
        QTest::newRow("13 (1+12)") << "13" << 4 << 4 << 1;
        QTest::newRow("16") << "16" << 4 << 4 << 0;
        QTest::newRow("25") << "25" << 5 << 5 << 0;
        QTest::newRow("36") << "36" << 6 << 6 << 0;
        QTest::newRow("64") << "64" << 8 << 8 << 0;
    }

    void geometry()
    {
        QFETCH(QString, id);
        QFETCH(int, columns);
        QFETCH(int, rows);
        QFETCH(int, bigTiles);
        const LayoutDef *d = findLayout(id);
        QVERIFY(d);
        QCOMPARE(d->columns, columns);
        QCOMPARE(d->rows, rows);
        QCOMPARE(d->tileCount(), id.toInt());
        QVERIFY(d->tileCount() <= kMaxTiles);

        // Every cell covered exactly once: no gap, no overlap, nothing outside the grid.
        QList<int> cover(columns * rows, 0);
        for (const TileRect &t : d->tiles) {
            QVERIFY(t.w >= 1 && t.h >= 1);
            QVERIFY(t.x >= 0 && t.y >= 0 && t.x + t.w <= columns && t.y + t.h <= rows);
            for (int y = t.y; y < t.y + t.h; ++y) {
                for (int x = t.x; x < t.x + t.w; ++x)
                    ++cover[y * columns + x];
            }
        }
        for (int i = 0; i < cover.size(); ++i)
            QVERIFY2(cover.at(i) == 1,
                     qPrintable(QStringLiteral("cell %1 covered %2 times").arg(i).arg(cover.at(i))));

        // Big tiles first, all of one size; the rest are single cells.
        for (int i = 0; i < d->tileCount(); ++i) {
            const TileRect &t = d->tiles.at(i);
            if (i < bigTiles)
                QVERIFY(t.w > 1 && t.h > 1 && t.w == t.h);
            else
                QVERIFY(t.w == 1 && t.h == 1);
        }
    }

    void thirteenHasBigCentre()
    {
        const LayoutDef *d = findLayout(u"13");
        QCOMPARE(d->tiles.first(), (TileRect{1, 1, 2, 2}));
    }
};

QTEST_GUILESS_MAIN(TestLayouts)
#include "tst_layouts.moc"
