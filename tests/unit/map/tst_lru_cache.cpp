// LruCache: recency order, cost budget, refresh on get, peek without refresh, oversized entries.
#include "vigil/map/geo.h"
#include "vigil/map/lru_cache.h"

#include <QtTest/QtTest>

using namespace vigil::map;

class TstLruCache : public QObject
{
    Q_OBJECT
private slots:
    void evictsLeastRecentlyUsed()
    {
        LruCache<int, QString> c(3);
        c.insert(1, QStringLiteral("a"), 1);
        c.insert(2, QStringLiteral("b"), 1);
        c.insert(3, QStringLiteral("c"), 1);
        QCOMPARE(c.keys(), (QList<int>{3, 2, 1}));
        QVERIFY(c.get(1)); // 1 becomes the most recent
        c.insert(4, QStringLiteral("d"), 1);
        QVERIFY(!c.contains(2));
        QCOMPARE(c.keys(), (QList<int>{4, 1, 3}));
        QCOMPARE(*c.get(1), QStringLiteral("a"));
        QCOMPARE(c.evictions(), 1);
    }
    void peekDoesNotRefresh()
    {
        LruCache<int, int> c(2);
        c.insert(1, 10, 1);
        c.insert(2, 20, 1);
        QCOMPARE(*c.peek(1), 10);
        c.insert(3, 30, 1);
        QVERIFY(!c.contains(1));
        QVERIFY(c.contains(2));
    }
    void costBudget()
    {
        LruCache<TileId, QByteArray> c(1000);
        for (int i = 0; i < 10; ++i)
            c.insert(TileId{5, i, 0}, QByteArray(300, 'x'), 300);
        QCOMPARE(c.size(), 3);
        QCOMPARE(c.totalCost(), 900);
        QVERIFY(c.contains(TileId{5, 9, 0}));
        QVERIFY(!c.contains(TileId{5, 6, 0}));
        c.setMaxCost(300);
        QCOMPARE(c.size(), 1);
        QVERIFY(c.contains(TileId{5, 9, 0}));
    }
    void replaceUpdatesCost()
    {
        LruCache<int, int> c(100);
        c.insert(1, 1, 40);
        c.insert(1, 2, 10);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.totalCost(), 10);
        QCOMPARE(*c.get(1), 2);
        QVERIFY(c.remove(1));
        QVERIFY(!c.remove(1));
        QCOMPARE(c.totalCost(), 0);
    }
    void oversizedEntryStaysUntilNextInsert()
    {
        LruCache<int, int> c(10);
        c.insert(1, 1, 5);
        c.insert(2, 2, 50);
        QCOMPARE(c.keys(), (QList<int>{2}));
        c.insert(3, 3, 5);
        QCOMPARE(c.keys(), (QList<int>{3}));
        c.clear();
        QCOMPARE(c.size(), 0);
    }
};

QTEST_APPLESS_MAIN(TstLruCache)
#include "tst_lru_cache.moc"
