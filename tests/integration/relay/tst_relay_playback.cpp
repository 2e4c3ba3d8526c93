// End to end: a wall tile (CameraFeed, the real FFmpeg live engine) shows a camera through its relay. The
// camera is our GStreamer RTSP server (vigil_demo's DemoSite, with a password); the relay is a loopback
// server shaped like ZLMediaKit's API (fake_relays.h) plus an RTSP stand-in for the relay's media side:
// it serves each stream the API was asked to pull at rtsp://127.0.0.1:<its port>/vigil/<name> by passing
// the viewer's RTSP session on to the camera URL the relay was given, logging in with that URL's
// credentials — as ZLMediaKit's proxy does, minus the remuxing. So the frames prove the whole chain: the
// feed asked the relay, played the relay's URL (without the camera's password), and the relay pulled the
// camera with it; two tiles cost one pull. A refused relay leaves the tile playing the camera directly,
// with the reason shown.
#include "fake_relays.h"
#include "test_http_server.h"
#include "vigil/app/camera_feed.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_site.h"
#include "vigil/sites/site_manager.h"
#include "vigil/sites/stream_relays.h"

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtMultimedia/QVideoSink>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

using namespace vigil;
using S = video::VideoPlayer::Status;

namespace {

constexpr auto kUser = "operator";
constexpr auto kPassword = "p@ss:w0rd/#1";
const QString kSecret = QStringLiteral("zlm-secret-e2e");

// The relay's RTSP side (see the file comment). One upstream connection per viewer connection; RTSP
// requests from the viewer are rewritten (request URI -> the pulled camera URL, an Authorization header
// from its credentials), everything else (interleaved RTP, answers) is passed through untouched.
class RtspRelayStandIn : public QObject
{
public:
    RtspRelayStandIn(std::shared_ptr<test::FakeRelayState> state, QString app)
        : m_state(std::move(state))
        , m_app(std::move(app))
    {
        connect(&m_server, &QTcpServer::newConnection, this, &RtspRelayStandIn::accept);
    }
    bool start() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    int sessions() const { return m_sessions; }

private:
    struct Link
    {
        QTcpSocket *viewer = nullptr;
        QTcpSocket *camera = nullptr;
        QByteArray pending; // viewer bytes not forwarded yet
        QByteArray auth;    // "Basic ..." of the pulled camera URL
    };

    void accept()
    {
        while (QTcpSocket *viewer = m_server.nextPendingConnection()) {
            ++m_sessions;
            auto link = std::make_shared<Link>();
            link->viewer = viewer;
            link->camera = new QTcpSocket(viewer);
            connect(viewer, &QTcpSocket::readyRead, this, [this, link] {
                link->pending += link->viewer->readAll();
                forward(*link);
            });
            connect(link->camera, &QTcpSocket::readyRead, this,
                    [link] { link->viewer->write(link->camera->readAll()); });
            connect(viewer, &QTcpSocket::disconnected, viewer, &QObject::deleteLater);
            connect(link->camera, &QTcpSocket::disconnected, viewer, &QTcpSocket::disconnectFromHost);
        }
    }

    // Forwards whole messages: "$" + channel + length interleaved frames as they are, RTSP requests (headers
    // and Content-Length body) rewritten.
    void forward(Link &link)
    {
        for (;;) {
            if (link.pending.isEmpty())
                return;
            if (link.pending.at(0) == '$') {
                if (link.pending.size() < 4)
                    return;
                const int length = (quint8(link.pending.at(2)) << 8) | quint8(link.pending.at(3));
                if (link.pending.size() < 4 + length)
                    return;
                send(link, link.pending.left(4 + length));
                link.pending.remove(0, 4 + length);
                continue;
            }
            const qsizetype end = link.pending.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            QList<QByteArray> lines = link.pending.left(end).split('\n');
            int bodyLength = 0;
            for (QByteArray &l : lines) {
                l = l.trimmed();
                if (l.toLower().startsWith("content-length:"))
                    bodyLength = l.mid(15).trimmed().toInt();
            }
            if (link.pending.size() < end + 4 + bodyLength)
                return;
            const QByteArray body = link.pending.mid(end + 4, bodyLength);
            link.pending.remove(0, end + 4 + bodyLength);
            rewrite(link, lines);
            send(link, lines.join("\r\n") + "\r\n\r\n" + body);
        }
    }

    void rewrite(Link &link, QList<QByteArray> &lines)
    {
        QList<QByteArray> first = lines.first().split(' ');
        if (first.size() == 3) {
            QUrl uri(QString::fromLatin1(first.at(1)));
            const QString prefix = QLatin1Char('/') + m_app + QLatin1Char('/');
            if (uri.port() == port() && uri.path().startsWith(prefix)) {
                const QString rest = uri.path().mid(prefix.size());
                const QString name = rest.section(QLatin1Char('/'), 0, 0);
                const QUrl source(m_state->source(m_app + QLatin1Char('/') + name));
                if (source.isValid()) {
                    QUrl target = source.adjusted(QUrl::RemoveUserInfo);
                    target.setPath(source.path() + rest.mid(name.size()));
                    first[1] = target.toString(QUrl::FullyEncoded).toLatin1();
                    if (!source.userName().isEmpty())
                        link.auth =
                            "Basic " +
                            (source.userName() + QLatin1Char(':') + source.password()).toUtf8().toBase64();
                    if (link.camera->state() == QAbstractSocket::UnconnectedState)
                        link.camera->connectToHost(QHostAddress::LocalHost, quint16(source.port()));
                }
            }
            lines.first() = first.join(' ');
        }
        if (!link.auth.isEmpty())
            lines.append("Authorization: " + link.auth);
    }

    static void send(Link &link, const QByteArray &bytes)
    {
        if (link.camera->state() == QAbstractSocket::UnconnectedState)
            return;                // not a relayed name: nothing to pass it to
        link.camera->write(bytes); // queued until connected
    }

    QTcpServer m_server;
    std::shared_ptr<test::FakeRelayState> m_state;
    QString m_app;
    int m_sessions = 0;
};

QColor meanColour(const QImage &img, const QRectF &fraction)
{
    const QRect r(int(fraction.x() * img.width()), int(fraction.y() * img.height()),
                  int(fraction.width() * img.width()), int(fraction.height() * img.height()));
    qint64 sr = 0, sg = 0, sb = 0, n = 0;
    for (int y = r.top(); y <= r.bottom(); y += 4)
        for (int x = r.left(); x <= r.right(); x += 4) {
            const QRgb c = img.pixel(x, y);
            sr += qRed(c);
            sg += qGreen(c);
            sb += qBlue(c);
            ++n;
        }
    return n ? QColor(int(sr / n), int(sg / n), int(sb / n)) : QColor();
}
int distance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace

class TstRelayPlayback : public QObject
{
    Q_OBJECT
    QTemporaryDir m_config;
    std::unique_ptr<demo::DemoSite> m_site;
    std::unique_ptr<cameras::CameraDirectory> m_directory;
    std::unique_ptr<sites::SiteManager> m_sites;
    QString m_cameraId;

private slots:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        demo::DemoSiteOptions o;
        o.cameraCount = 2;
        o.clipSeconds = 4;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        o.cacheDir = qEnvironmentVariable("VIGIL_DEMO_CLIP_DIR", QDir::temp().filePath("vigil-video-test"));
        m_site = std::make_unique<demo::DemoSite>(o);
        QString error;
        QVERIFY2(m_site->prepare(&error), qPrintable(error));
        QVERIFY2(m_site->start(&error), qPrintable(error));

        m_directory =
            std::make_unique<cameras::CameraDirectory>(std::make_unique<cameras::MemoryCredentialStore>());
        m_directory->load();
        cameras::CameraDirectory::setInstance(m_directory.get());
        m_cameraId = m_directory->addRtspCamera(QStringLiteral("Gate"), QString(),
                                                m_site->streamUrl(QStringLiteral("cam01"), true).toString(),
                                                m_site->streamUrl(QStringLiteral("cam01"), false).toString(),
                                                QString::fromLatin1(kUser), QString::fromLatin1(kPassword));
        QVERIFY2(!m_cameraId.isEmpty(), qPrintable(m_directory->lastError()));
        m_sites = std::make_unique<sites::SiteManager>(m_directory.get());
        sites::SiteManager::setInstance(m_sites.get());
        m_sites->load();
        m_sites->start();
    }
    void cleanupTestCase()
    {
        sites::SiteManager::setInstance(nullptr);
        cameras::CameraDirectory::setInstance(nullptr);
        m_sites.reset();
        m_directory.reset();
        m_site.reset();
    }

    void tilesPlayTheRelayedStream()
    {
        test::TestHttpServer api;
        QVERIFY(api.start());
        auto state = test::installFakeZlmRelay(api, kSecret);
        RtspRelayStandIn rtsp(state, QStringLiteral("vigil"));
        QVERIFY(rtsp.start());
        QVERIFY2(m_sites->setDirectRelay(QStringLiteral("zlm"), api.url().toString(), QString(), kSecret,
                                         rtsp.port()),
                 qPrintable(m_sites->lastError()));

        QVideoSink sink1, sink2;
        app::CameraFeed tile1, tile2;
        tile1.setRole(QStringLiteral("sub"));
        tile2.setRole(QStringLiteral("sub"));
        tile1.setVideoSink(&sink1);
        tile2.setVideoSink(&sink2);
        QSignalSpy frames1(tile1.player(), &video::VideoPlayer::frameShown);
        QSignalSpy frames2(tile2.player(), &video::VideoPlayer::frameShown);
        tile1.setCameraId(m_cameraId);
        QVERIFY(tile1.relayPending()); // asking the relay: nothing plays yet
        QCOMPARE(tile1.player()->status(), S::Idle);
        tile2.setCameraId(m_cameraId);

        QTRY_VERIFY_WITH_TIMEOUT(tile1.relayed(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(tile2.relayed(), 10000);
        QCOMPARE(tile1.relayError(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(tile1.player()->status(), S::Playing, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(frames1.count() >= 10 && frames2.count() >= 10, 10000);

        // The tiles play the relay's URL, without the camera's password...
        const QString shown = tile1.player()->displaySource();
        QVERIFY2(shown.startsWith(QStringLiteral("rtsp://127.0.0.1:%1/vigil/").arg(rtsp.port())),
                 qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("p@ss")));
        // ...the relay was asked once and pulls the camera once, with its credentials...
        QCOMPARE(m_sites->relays()->requestsStarted(), 1);
        QCOMPARE(api.requestCount(), 1);
        QCOMPARE(state->pulls.load(), 1);
        const QString name = backend::relayStreamName(m_cameraId, QStringLiteral("sub"));
        QCOMPARE(QUrl(state->source(QStringLiteral("vigil/") + name)).password(),
                 QString::fromLatin1(kPassword));
        QCOMPARE(rtsp.sessions(),
                 2); // (our stand-in opens one upstream session per viewer; a real relay one)
        // ...and the picture is the camera's own (cam01's colour).
        const QImage img = tile1.player()->currentFrame().toImage();
        QCOMPARE(img.size(), demo::DemoSite::kSubSize);
        const QColor seen = meanColour(img, demo::DemoSite::referenceRegion());
        const QColor expected = demo::DemoSite::cameras(2).first().colour;
        QVERIFY2(distance(seen, expected) < 60,
                 qPrintable(QStringLiteral("expected %1, saw %2").arg(expected.name(), seen.name())));
        QVERIFY(sink1.videoFrame().isValid());
        QVERIFY(m_sites->setDirectRelay(QString(), QString(), QString(), QString(), 0));
        // No relay any more: the same tile goes back to the camera itself.
        QTRY_VERIFY_WITH_TIMEOUT(!tile1.relayed(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(tile1.player()->displaySource().contains(QString::number(m_site->port())),
                                 5000);
    }

    void refusedRelayPlaysDirectlyAndSaysWhy()
    {
        test::TestHttpServer api;
        QVERIFY(api.start());
        auto state = test::installFakeZlmRelay(api, kSecret);
        state->refuse = true;
        QVERIFY(m_sites->setDirectRelay(QStringLiteral("zlm"), api.url().toString(), QString(), kSecret, 0));
        QVideoSink sink;
        app::CameraFeed tile;
        tile.setRole(QStringLiteral("sub"));
        tile.setVideoSink(&sink);
        QSignalSpy frames(tile.player(), &video::VideoPlayer::frameShown);
        tile.setCameraId(m_cameraId);
        QTRY_VERIFY_WITH_TIMEOUT(!tile.relayError().isEmpty(), 10000);
        QVERIFY2(tile.relayError().contains(QStringLiteral("could not pull the camera")),
                 qPrintable(tile.relayError()));
        QVERIFY(!tile.relayError().contains(QStringLiteral("p@ss")));
        QVERIFY(!tile.relayed());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 5, 10000); // the camera itself, directly
        QVERIFY(tile.player()->displaySource().contains(QString::number(m_site->port())));
        QVERIFY(m_sites->setDirectRelay(QString(), QString(), QString(), QString(), 0));
    }
};

QTEST_MAIN(TstRelayPlayback)
#include "tst_relay_playback.moc"
