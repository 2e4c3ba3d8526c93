// XYZ tiles through TileStore (worker thread, QNetworkAccessManager, disk cache) from a tiny HTTP server of
// our own on 127.0.0.1: subdomain rotation in the Host header, 404 = missing, disk cache serves the tile once
// the server is gone, source switches drop stale results.
#include "vigil/map/tile_store.h"

#include <QtCore/QTemporaryDir>
#include <QtGui/QGuiApplication>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::map;

namespace {

// Minimal HTTP/1.1 server: GET /z/x/y.png returns a PNG whose colour encodes x, 404 for z > 5.
class TileServer : public QObject
{
public:
    TileServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { serve(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    void close() { m_server.close(); }
    int hits = 0;
    QStringList hosts;

private:
    void serve(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        ++hits;
        const QList<QByteArray> lines = head.split('\n');
        for (const QByteArray &l : lines)
            if (l.toLower().startsWith("host:"))
                hosts << QString::fromLatin1(l.mid(5).trimmed());
        const QList<QByteArray> parts = lines[0].split(' ')[1].split('/'); // "", z, x, "y.png"
        const int z = parts.value(1).toInt();
        const int x = parts.value(2).toInt();
        QByteArray body;
        QByteArray status = "200 OK";
        if (z > 5) {
            status = "404 Not Found";
        } else {
            QImage image(256, 256, QImage::Format_RGB32);
            image.fill(QColor(x * 10 % 256, 80, 160));
            QBuffer b(&body);
            b.open(QIODevice::WriteOnly);
            image.save(&b, "PNG");
        }
        s->write("HTTP/1.1 " + status + "\r\nContent-Type: image/png\r\nCache-Control: max-age=86400\r\n" +
                 "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TstXyzTiles : public QObject
{
    Q_OBJECT
private slots:
    void fetchesCachesAndWorksOffline()
    {
        TileServer server;
        QVERIFY(server.listen());
        QTemporaryDir cacheDir;
        // "localhost" and "127.0.0.1" both reach the loopback server: the subdomain list rotates the host.
        const QString source =
            QStringLiteral("http://{s}:%1/{z}/{x}/{y}.png|127.0.0.1,localhost").arg(server.port());
        {
            TileStore store(nullptr, cacheDir.path());
            QVERIFY(store.setSource(source));
            QTRY_COMPARE(store.status(), TileStore::Status::Ready);
            QSignalSpy arrived(&store, &TileStore::tileArrived);
            store.want({{3, 1, 2}, {3, 2, 2}, {6, 0, 0}});
            QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 2, 10000);
            QTRY_VERIFY(store.isMissing({6, 0, 0}));
            const QImage *image = store.image({3, 2, 2});
            QVERIFY(image);
            QCOMPARE(image->pixelColor(5, 5), QColor(20, 80, 160));
            QVERIFY(server.hosts.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())));
            QVERIFY(server.hosts.contains(QStringLiteral("localhost:%1").arg(server.port())));
            store.want({{3, 2, 2}}); // cached in memory: no new request
            QCOMPARE(store.pendingCount(), 0);
        }
        const int hitsBefore = server.hits;
        server.close(); // "cable out"
        TileStore offline(nullptr, cacheDir.path());
        QVERIFY(offline.setSource(source));
        QSignalSpy arrived(&offline, &TileStore::tileArrived);
        offline.want({{3, 1, 2}});
        QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, 10000);
        QCOMPARE(server.hits, hitsBefore);
        QCOMPARE(offline.image({3, 1, 2})->pixelColor(5, 5), QColor(10, 80, 160));
    }
    void sourceSwitchDropsStaleTiles()
    {
        TileServer server;
        QVERIFY(server.listen());
        QTemporaryDir cacheDir;
        TileStore store(nullptr, cacheDir.path());
        QVERIFY(store.setSource(QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(server.port())));
        store.want({{2, 1, 1}});
        QVERIFY(store.setSource(QString())); // grid
        QSignalSpy arrived(&store, &TileStore::tileArrived);
        store.want({{2, 3, 3}});
        QTRY_COMPARE(arrived.size(), 1);
        QCOMPARE(arrived.first().first().value<TileId>(), (TileId{2, 3, 3}));
        QVERIFY(!store.peek({2, 1, 1}));
    }
    void badSourceIsAnError()
    {
        TileStore store;
        QVERIFY(!store.setSource(QStringLiteral("tianditu:")));
        QCOMPARE(store.status(), TileStore::Status::Error);
        QVERIFY(store.lastError().contains(QStringLiteral("key")));
        QVERIFY(store.setSource(QStringLiteral("/nonexistent/county.mbtiles")));
        QTRY_COMPARE(store.status(), TileStore::Status::Error);
        QVERIFY(store.lastError().contains(QStringLiteral("does not exist")));
    }
};

QTEST_MAIN(TstXyzTiles)
#include "tst_xyz_tiles.moc"
