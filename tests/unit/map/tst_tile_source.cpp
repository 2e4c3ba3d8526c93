// TileSourceSpec: presets, templates, subdomains, TMS rows, datums, key redaction; the grid tile.
#include "vigil/map/tile_source.h"

#include <QtGui/QGuiApplication>
#include <QtTest/QtTest>

using namespace vigil::map;

class TstTileSource : public QObject
{
    Q_OBJECT
private slots:
    void presets_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("datum");
        QTest::addColumn<QString>("url"); // of tile 12/3412/1683, empty for non-XYZ
        QTest::newRow("grid") << QString() << int(TileSourceSpec::Kind::Grid) << int(Datum::Wgs84)
                              << QString();
        QTest::newRow("mbtiles") << QStringLiteral("/data/county.mbtiles")
                                 << int(TileSourceSpec::Kind::MbTiles) << int(Datum::Wgs84) << QString();
        QTest::newRow("osm") << QStringLiteral("osm") << int(TileSourceSpec::Kind::Xyz) << int(Datum::Wgs84)
                             << QStringLiteral("https://tile.openstreetmap.org/12/3412/1683.png");
        QTest::newRow("amap") << QStringLiteral("amap") << int(TileSourceSpec::Kind::Xyz) << int(Datum::Gcj02)
                              << QStringLiteral(
                                     "https://webrd04.is.autonavi.com/appmaptile?lang=zh_cn&size=1&"
                                     "scale=1&style=8&x=3412&y=1683&z=12");
        QTest::newRow("tencent") << QStringLiteral("tencent") << int(TileSourceSpec::Kind::Xyz)
                                 << int(Datum::Gcj02)
                                 << QStringLiteral("https://rt3.map.gtimg.com/tile?z=12&x=3412&y=2412&"
                                                   "styleid=1000&scene=0");
        QTest::newRow("tianditu") << QStringLiteral("tianditu:abc123") << int(TileSourceSpec::Kind::Xyz)
                                  << int(Datum::Wgs84)
                                  << QStringLiteral("https://t7.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&"
                                                    "REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&"
                                                    "TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX=12&TILEROW=1683&"
                                                    "TILECOL=3412&tk=abc123");
        QTest::newRow("template+subdomains")
            << QStringLiteral("gcj02:http://{s}.tiles.local/{z}/{x}/{y}.png|a,b,c")
            << int(TileSourceSpec::Kind::Xyz) << int(Datum::Gcj02)
            << QStringLiteral("http://b.tiles.local/12/3412/1683.png");
    }
    void presets()
    {
        QFETCH(QString, source);
        QFETCH(int, kind);
        QFETCH(int, datum);
        QFETCH(QString, url);
        QString error;
        const auto spec = TileSourceSpec::fromString(source, &error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(int(spec->kind), kind);
        QCOMPARE(int(spec->datum), datum);
        if (!url.isEmpty())
            QCOMPARE(spec->tileUrl({12, 3412, 1683}).toString(), url);
    }
    void rejects_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("unknown") << QStringLiteral("bing");
        QTest::newRow("tianditu no key") << QStringLiteral("tianditu:");
        QTest::newRow("template without z") << QStringLiteral("https://x/{x}/{y}.png");
        QTest::newRow("{s} without list") << QStringLiteral("https://{s}.x/{z}/{x}/{y}.png");
    }
    void rejects()
    {
        QFETCH(QString, source);
        QString error;
        QVERIFY(!TileSourceSpec::fromString(source, &error));
        QVERIFY(!error.isEmpty());
    }
    void redactsKeys()
    {
        const auto spec = TileSourceSpec::fromString(QStringLiteral("tianditu:SECRETKEY"), nullptr);
        const QString shown = TileSourceSpec::redactedUrl(spec->tileUrl({1, 0, 0}));
        QVERIFY(!shown.contains(QStringLiteral("SECRETKEY")));
        QVERIFY(shown.contains(QStringLiteral("tk=***")));
    }
    void gridTile()
    {
        const QImage image = TileLoader::gridTile({5, 1, 2});
        QCOMPARE(image.size(), QSize(256, 256));
        QVERIFY(image.pixelColor(128, 100) != image.pixelColor(0, 0) ||
                image.pixelColor(64, 128) != image.pixelColor(70, 128));
    }
};

QTEST_MAIN(TstTileSource)
#include "tst_tile_source.moc"
