// MBTiles reader/writer on small generated files: TMS y-flip, PNG and JPEG, missing tiles, missing, corrupt
// and non-MBTiles files (clear errors), and the demo basemap rasteriser end to end.
#include "vigil/map/demo_basemap.h"
#include "vigil/map/mbtiles.h"

#include <QtCore/QBuffer>
#include <QtCore/QTemporaryDir>
#include <QtGui/QGuiApplication>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::map;

namespace {

QByteArray encoded(QColor colour, const char *format)
{
    QImage image(256, 256, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

} // namespace

class TstMbTiles : public QObject
{
    Q_OBJECT
private slots:
    void writeThenRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("small.mbtiles"));
        {
            MbTilesWriter writer;
            QString error;
            QVERIFY2(writer.create(path,
                                   {{QStringLiteral("name"), QStringLiteral("small")},
                                    {QStringLiteral("format"), QStringLiteral("png")}},
                                   &error),
                     qPrintable(error));
            QVERIFY(writer.putTile({3, 6, 1}, encoded(Qt::red, "PNG"), &error));
            QVERIFY(writer.putTile({4, 13, 3}, encoded(Qt::blue, "JPG"), &error));
            QVERIFY2(writer.finish(&error), qPrintable(error));
        }
        // The file stores TMS rows: tile 3/6/1 (XYZ) is row 2^3-1-1 = 6.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(QStringLiteral("SELECT tile_row FROM tiles WHERE zoom_level = 3"), db);
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 6);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));

        MbTilesReader reader;
        QString error;
        QVERIFY2(reader.open(path, &error), qPrintable(error));
        QCOMPARE(reader.minZoom(), 3);
        QCOMPARE(reader.maxZoom(), 4);
        QCOMPARE(reader.metadata().value(QStringLiteral("name")), QStringLiteral("small"));
        QCOMPARE(reader.format(), QStringLiteral("png"));
        const QImage red = reader.tile({3, 6, 1}, &error);
        QCOMPARE(red.size(), QSize(256, 256));
        QCOMPARE(red.pixelColor(10, 10), QColor(Qt::red));
        const QImage blue = reader.tile({4, 13, 3}, &error); // JPEG in a "png" set: decoded by content
        QVERIFY(!blue.isNull());
        QVERIFY(blue.pixelColor(100, 100).blue() > 200);
        error.clear();
        QVERIFY(reader.tile({3, 6, 6}, &error).isNull()); // the un-flipped row is not there
        QVERIFY(error.isEmpty());                         // absent is not an error
    }
    void missingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nope.mbtiles"));
        MbTilesReader reader;
        QString error;
        QVERIFY(!reader.open(path, &error));
        QVERIFY(error.contains(QStringLiteral("does not exist")));
        QVERIFY(!QFile::exists(path)); // read-only open never creates an empty database
    }
    void corruptFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("garbage") << QByteArray(4096, '\x5a') << QStringLiteral("damaged");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("damaged");
    }
    void corruptFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.mbtiles"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        MbTilesReader reader;
        QString error;
        QVERIFY(!reader.open(path, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("Replace it")));
        QVERIFY(!reader.isOpen());
    }
    void truncatedFile()
    {
        // A real MBTiles file cut in half: SQLite notices on the first query.
        QTemporaryDir dir;
        const QString good = dir.filePath(QStringLiteral("good.mbtiles"));
        MbTilesWriter writer;
        QString error;
        QVERIFY(writer.create(good, {{QStringLiteral("format"), QStringLiteral("png")}}, &error));
        for (int x = 0; x < 16; ++x)
            QVERIFY(writer.putTile({4, x, 0}, encoded(QColor(x * 15, 0, 0), "PNG"), &error));
        QVERIFY(writer.finish(&error));
        QFile in(good);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        bytes.truncate(bytes.size() / 2);
        bytes.replace(100, 400, QByteArray(400, '\0')); // wipe the first page's b-tree header as well
        const QString bad = dir.filePath(QStringLiteral("cut.mbtiles"));
        QFile out(bad);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        MbTilesReader reader;
        QVERIFY(!reader.open(bad, &error));
        QVERIFY2(!error.isEmpty(), "a damaged file gives a sentence");
    }
    void notMbTiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.mbtiles"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE something (a INTEGER)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        MbTilesReader reader;
        QString error;
        QVERIFY(!reader.open(path, &error));
        QVERIFY2(error.contains(QStringLiteral("not an MBTiles")), qPrintable(error));
    }
    void demoBasemapSmall()
    {
        // The rasteriser end to end on two zoom levels (the full demo set is 10-16).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.mbtiles"));
        const FeatureSet &county = demoCounty();
        QVERIFY(county.features.size() > 20);
        BasemapOptions options;
        options.minZoom = 11;
        options.maxZoom = 12;
        options.marginTiles = 0;
        QString error;
        int calls = 0;
        QVERIFY2(writeBasemap(path, county, options, &error, [&](int, int) { ++calls; }), qPrintable(error));
        QCOMPARE(calls, basemapTileCount(county, options) + 1);
        MbTilesReader reader;
        QVERIFY(reader.open(path, &error));
        QCOMPARE(reader.minZoom(), 11);
        QCOMPARE(reader.maxZoom(), 12);
        const QImage tile = reader.tile(tileAt({30.5370, 119.9750}, 12), &error);
        QVERIFY(!tile.isNull());
        // Not a blank tile: roads and areas draw several distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < 256; y += 4)
            for (int x = 0; x < 256; x += 4)
                colours.insert(tile.pixel(x, y));
        QVERIFY(colours.size() > 10);
    }
    void demoBasemapSingletonMakesTheFileOnce()
    {
        // The QML singleton renders the full demo set (zoom 10-16) on a worker thread, once per cache folder.
        QTemporaryDir cache;
        qputenv("VIGIL_CACHE_DIR", cache.path().toUtf8());
        DemoBasemap basemap;
        QVERIFY(basemap.path().startsWith(cache.path()));
        QVERIFY(!basemap.ready());
        QSignalSpy ready(&basemap, &DemoBasemap::readyChanged);
        QElapsedTimer timer;
        timer.start();
        basemap.ensure();
        QVERIFY(basemap.busy());
        QVERIFY(ready.wait(60000));
        qInfo() << "demo basemap (zoom 10-16):" << timer.elapsed() << "ms,"
                << QFileInfo(basemap.path()).size() / 1024 << "KiB";
        QVERIFY(basemap.ready());
        QVERIFY(!basemap.busy());
        QCOMPARE(basemap.progress(), 1.0);
        MbTilesReader reader;
        QString error;
        QVERIFY2(reader.open(basemap.path(), &error), qPrintable(error));
        QCOMPARE(reader.minZoom(), 10);
        QCOMPARE(reader.maxZoom(), 16);
        DemoBasemap again; // a second start finds the file
        QVERIFY(again.ready());
        qunsetenv("VIGIL_CACHE_DIR");
    }
};

QTEST_MAIN(TstMbTiles)
#include "tst_mbtiles.moc"
