// StreamRelays through SiteManager: the relay of a site (a demo platform on our API, in-process) and the
// relay of the cameras added directly, against loopback relays shaped like ZLMediaKit and MediaMTX
// (tests/support/http/fake_relays.h cites the real APIs). Checked: a tile's stream is swapped for the relay's
// URL once the relay answered, any number of tiles (and a second PC) make the relay pull a camera once, a
// refusing, misconfigured or unreachable relay leaves the camera playing directly with a sentence saying why,
// sites.json keeps the relays without their secrets, and no password reaches the log.
#include "fake_relays.h"
#include "test_http_server.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/sites/site_manager.h"
#include "vigil/sites/stream_relays.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil;
using sites::SiteManager;
using sites::StreamRelays;
using State = StreamRelays::State;

namespace {

const QString kCameraPassword = QStringLiteral("c@m-pw:9/#");
const QString kRelaySecret = QStringLiteral("zlm-secret-7d1e");
const QString kMtxPassword = QStringLiteral("mtx-pass-41aa");

// Every log line of the test, to check that no password reaches it.
QStringList &logLines()
{
    static QStringList lines;
    return lines;
}
QtMessageHandler s_previous = nullptr;
void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    logLines().append(text);
    if (s_previous)
        s_previous(type, context, text);
}

quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost))
        return 0;
    return s.serverPort();
}

} // namespace

class TstStreamRelays : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;

    std::unique_ptr<cameras::CameraDirectory> newDirectory()
    {
        auto d =
            std::make_unique<cameras::CameraDirectory>(std::make_unique<cameras::MemoryCredentialStore>());
        d->load();
        return d;
    }
    static QString addCamera(cameras::CameraDirectory &dir, const QString &path)
    {
        return dir.addRtspCamera(QStringLiteral("Gate"), QString(),
                                 QStringLiteral("rtsp://10.0.0.5:554") + path, QString(),
                                 QStringLiteral("admin"), kCameraPassword);
    }
    // resolve() until the relay answered (relayChanged for that camera).
    static StreamRelays::Answer answered(StreamRelays &relays, const QString &id,
                                         const cameras::ResolvedStream &s)
    {
        StreamRelays::Answer a = relays.resolve(id, s);
        if (a.state != State::Pending)
            return a;
        QSignalSpy changed(&relays, &StreamRelays::relayChanged);
        for (int i = 0; i < 100 && a.state == State::Pending; ++i) {
            if (!changed.wait(200))
                continue;
            a = relays.resolve(id, s);
        }
        return a;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        s_previous = qInstallMessageHandler(captureLog);
    }
    void init()
    {
        for (const QString &name : QDir(m_config.path()).entryList({QStringLiteral("sites.json*")}))
            QVERIFY(QFile::remove(m_config.filePath(name)));
    }
    void cleanupTestCase()
    {
        qInstallMessageHandler(s_previous);
        for (const QString &line : logLines()) {
            QVERIFY2(!line.contains(kCameraPassword), qPrintable(line));
            QVERIFY2(!line.contains(QString::fromUtf8(QUrl::toPercentEncoding(kCameraPassword))),
                     qPrintable(line));
            QVERIFY2(!line.contains(kRelaySecret), qPrintable(line));
            QVERIFY2(!line.contains(kMtxPassword), qPrintable(line));
        }
        QVERIFY(logLines().size() > 5); // the relays were logged (redacted), so the check above saw something
    }

    void directCamerasThroughZlmAskOnce()
    {
        vigil::test::TestHttpServer relay;
        QVERIFY(relay.start());
        auto state = vigil::test::installFakeZlmRelay(relay, kRelaySecret);
        auto dir = newDirectory();
        const QString id = addCamera(*dir, QStringLiteral("/Streaming/Channels/101"));
        QVERIFY(!id.isEmpty());
        SiteManager sites(dir.get());
        sites.load();
        sites.start();
        StreamRelays &relays = *sites.relays();
        const auto main = dir->resolve(id, QStringLiteral("main"));
        QVERIFY(main);
        QCOMPARE(relays.resolve(id, *main).state, State::Direct); // no relay: nothing changes
        QCOMPARE(relays.requestsStarted(), 0);

        QSignalSpy directChanged(&sites, &SiteManager::directRelayChanged);
        QSignalSpy changed(&relays, &StreamRelays::relayChanged);
        QVERIFY2(sites.setDirectRelay(QStringLiteral("zlm"), relay.url().toString(), QString(), kRelaySecret,
                                      10554),
                 qPrintable(sites.lastError()));
        QCOMPARE(directChanged.size(), 1);
        QCOMPARE(changed.size(), 1); // "" : every feed resolves again
        QCOMPARE(changed.first().first().toString(), QString());
        QCOMPARE(sites.directRelay().value(QStringLiteral("kind")).toString(), QStringLiteral("zlm"));

        // Twenty tiles ask at once: one request, every one waits for it.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(relays.resolve(id, *main).state, State::Pending);
        QCOMPARE(relays.requestsStarted(), 1);
        const auto a = answered(relays, id, *main);
        QCOMPARE(a.state, State::Relayed);
        const QString name = backend::relayStreamName(id, QStringLiteral("main"));
        QCOMPARE(a.url, QUrl(QStringLiteral("rtsp://127.0.0.1:10554/vigil/") + name));
        QCOMPARE(relays.resolve(id, *main).url, a.url); // cached
        QCOMPARE(relays.requestsStarted(), 1);
        QCOMPARE(relay.requestCount(), 1);
        QCOMPARE(state->pulls.load(), 1);
        // The relay got the camera with its credentials; the tile's URL has none.
        const QUrl source(state->source(QStringLiteral("vigil/") + name));
        QCOMPARE(source.password(), kCameraPassword);
        QCOMPARE(source.path(), QStringLiteral("/Streaming/Channels/101"));
        QVERIFY(a.url.userInfo().isEmpty());
        // The other stream of the camera is another relay stream.
        QVERIFY(dir->resolve(id, QStringLiteral("sub")));

        // sites.json keeps the relay, never its secret; a restart (or another PC with the same file) reads it
        // back and the relay, already pulling, answers "already exists": still one pull of the camera.
        QFile file(sites.configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY(json.contains("\"directRelay\""));
        QVERIFY(json.contains("\"rtspPort\": 10554"));
        QVERIFY(!json.contains(kRelaySecret.toUtf8()));
        SiteManager again(dir.get());
        again.load();
        again.start();
        QVERIFY(again.directRelaySettings() == sites.directRelaySettings());
        const auto b = answered(*again.relays(), id, *main);
        QCOMPARE(b.state, State::Relayed);
        QCOMPARE(b.url, a.url);
        QCOMPARE(relay.requestCount(), 2);
        QCOMPARE(state->pulls.load(), 1);

        // No relay again: the camera plays directly.
        QVERIFY(sites.setDirectRelay(QString(), QString(), QString(), QString(), 0));
        QCOMPARE(relays.resolve(id, *main).state, State::Direct);
        QVERIFY(!dir->secret(QStringLiteral("relay:direct")).has_value());
    }

    void siteCamerasThroughMediaMtx()
    {
        demo::DemoBackendOptions o;
        o.cameraCount = 3;
        o.unitCount = 0;
        o.password = QStringLiteral("demo");
        o.rtspBase = QUrl(QStringLiteral("rtsp://127.0.0.1:8554"));
        demo::DemoBackend platform(o);
        QString error;
        QVERIFY2(platform.start(&error), qPrintable(error));
        vigil::test::TestHttpServer relay;
        QVERIFY(relay.start());
        auto state = vigil::test::installFakeMediaMtxRelay(relay, QStringLiteral("vigil"), kMtxPassword);

        auto dir = newDirectory();
        const QString direct = addCamera(*dir, QStringLiteral("/ch1"));
        SiteManager sites(dir.get());
        sites.setChinese(false);
        sites.load();
        sites.start();
        QSignalSpy synced(&sites, &SiteManager::siteSynced);
        const QString site =
            sites.addSite(QStringLiteral("County"), QStringLiteral("ours"), platform.baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        QVERIFY(!site.isEmpty());
        QVERIFY2(sites.setSiteRelay(site, QStringLiteral("mediamtx"), relay.url().toString(),
                                    QStringLiteral("vigil"), kMtxPassword, 0),
                 qPrintable(sites.lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(dir->originCount(QStringLiteral("site:") + site) == 3, 10000);
        const QModelIndex row = sites.index(0);
        QCOMPARE(row.data(SiteManager::RelayKindRole).toString(), QStringLiteral("mediamtx"));
        QCOMPARE(row.data(SiteManager::RelayUserRole).toString(), QStringLiteral("vigil"));

        QString cameraId;
        for (const auto &c : dir->cameras()) {
            if (c.origin == QStringLiteral("site:") + site && !c.streams.isEmpty())
                cameraId = c.id;
        }
        QVERIFY(!cameraId.isEmpty());
        const auto sub = dir->resolve(cameraId, QStringLiteral("sub"));
        QVERIFY(sub);
        const auto a = answered(*sites.relays(), cameraId, *sub);
        QCOMPARE(a.state, State::Relayed);
        const QString name = backend::relayStreamName(cameraId, sub->role);
        QCOMPARE(a.url, QUrl(QStringLiteral("rtsp://127.0.0.1:8554/vigil-") + name));
        const auto request = relay.requests().first();
        QCOMPARE(request.path, QStringLiteral("/v3/config/paths/add/vigil-") + name);
        QCOMPARE(request.header("Authorization"),
                 "Basic " + (QStringLiteral("vigil:") + kMtxPassword).toUtf8().toBase64());
        QCOMPARE(QUrl(state->source(QStringLiteral("vigil-") + name)).adjusted(QUrl::RemoveUserInfo),
                 sub->url);
        // A camera added directly has no relay here: it plays directly.
        QCOMPARE(sites.relays()->resolve(direct, *dir->resolve(direct, QStringLiteral("main"))).state,
                 State::Direct);

        // Removing the site forgets its relay secret.
        QVERIFY(dir->secret(QStringLiteral("relay:") + site).has_value());
        QVERIFY(sites.removeSite(site));
        QVERIFY(!dir->secret(QStringLiteral("relay:") + site).has_value());
    }

    void refusingRelayPlaysDirectly_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("says");
        QTest::newRow("zlm wrong secret") << "zlm"
                                          << "secret"
                                          << "refused the API secret";
        QTest::newRow("zlm cannot pull") << "zlm"
                                         << "refuse"
                                         << "could not pull the camera";
        QTest::newRow("mediamtx wrong password") << "mediamtx"
                                                 << "secret"
                                                 << "refused the API user or password";
        QTest::newRow("mediamtx refuses") << "mediamtx"
                                          << "refuse"
                                          << "refused to relay";
        QTest::newRow("relay down") << "zlm"
                                    << "down"
                                    << "Cannot reach ZLMediaKit";
        QTest::newRow("not a relay") << "mediamtx"
                                     << "html"
                                     << "cannot read";
    }
    void refusingRelayPlaysDirectly()
    {
        QFETCH(QString, kind);
        QFETCH(QString, problem);
        QFETCH(QString, says);
        vigil::test::TestHttpServer relay;
        QVERIFY(relay.start());
        std::shared_ptr<vigil::test::FakeRelayState> state;
        if (problem == QLatin1String("html")) {
            relay.route("POST", QStringLiteral("/v3/config/paths/add/*"), [](const auto &) {
                return vigil::test::HttpReply::json("<html><body>502 Bad Gateway</body></html>", 502);
            });
        } else {
            state = kind == QLatin1String("zlm")
                        ? vigil::test::installFakeZlmRelay(relay, kRelaySecret)
                        : vigil::test::installFakeMediaMtxRelay(relay, QStringLiteral("vigil"), kMtxPassword);
            state->refuse = problem == QLatin1String("refuse");
        }
        QUrl url = relay.url();
        if (problem == QLatin1String("down"))
            url.setPort(freePort());
        auto dir = newDirectory();
        const QString id = addCamera(*dir, QStringLiteral("/ch1"));
        SiteManager sites(dir.get());
        sites.load();
        sites.start();
        const QString secret = problem == QLatin1String("secret")
                                   ? QStringLiteral("wrong-one")
                                   : (kind == QLatin1String("zlm") ? kRelaySecret : kMtxPassword);
        QVERIFY(sites.setDirectRelay(kind, url.toString(), QStringLiteral("vigil"), secret, 0));
        const auto main = *dir->resolve(id, QStringLiteral("main"));
        const auto a = answered(*sites.relays(), id, main);
        QCOMPARE(a.state, State::Refused);
        QVERIFY(a.url.isEmpty()); // the feed plays the direct URL
        QVERIFY2(a.error.contains(QStringLiteral("plays directly")), qPrintable(a.error));
        QVERIFY2(a.error.contains(says), qPrintable(a.error));
        QVERIFY(!a.error.contains(kCameraPassword));
        QVERIFY(!a.error.contains(secret));
        // The refusal stands (no request per tile)...
        QCOMPARE(sites.relays()->resolve(id, main).state, State::Refused);
        QCOMPARE(sites.relays()->requestsStarted(), 1);
        // ...until it is time to ask again: the tile keeps playing directly meanwhile.
        const bool recovers = problem == QLatin1String("refuse");
        if (recovers)
            state->refuse = false; // the relay reaches the camera now
        sites.relays()->setRetryAfterMs(0);
        QSignalSpy changed(sites.relays(), &StreamRelays::relayChanged);
        QCOMPARE(sites.relays()->resolve(id, main).state, State::Refused);
        QCOMPARE(sites.relays()->requestsStarted(), 2);
        QVERIFY(changed.wait(10000));
        sites.relays()->setRetryAfterMs(60000);
        QCOMPARE(sites.relays()->resolve(id, main).state, recovers ? State::Relayed : State::Refused);
    }

    void invalidRelaySettings()
    {
        auto dir = newDirectory();
        SiteManager sites(dir.get());
        sites.load();
        QVERIFY(!sites.setDirectRelay(QStringLiteral("srs"), QStringLiteral("http://10.0.0.9"), {}, {}, 0));
        QVERIFY(sites.lastError().contains(QStringLiteral("kind of relay")));
        QVERIFY(!sites.setDirectRelay(QStringLiteral("zlm"), QStringLiteral("rtsp://10.0.0.9"), {}, {}, 0));
        QVERIFY(sites.lastError().contains(QStringLiteral("http://host:port")));
        QVERIFY(!sites.setDirectRelay(QStringLiteral("zlm"), QStringLiteral("http://admin:pw@10.0.0.9"), {},
                                      {}, 0));
        QVERIFY(sites.lastError().contains(QStringLiteral("own fields")));
        QVERIFY(
            !sites.setDirectRelay(QStringLiteral("zlm"), QStringLiteral("http://10.0.0.9"), {}, {}, 70000));
        QVERIFY(!sites.setSiteRelay(QStringLiteral("s-nope"), QStringLiteral("zlm"),
                                    QStringLiteral("http://10.0.0.9"), {}, {}, 0));
        QVERIFY(!QFile::exists(sites.configPath())); // nothing was saved
    }
};

QTEST_GUILESS_MAIN(TstStreamRelays)
#include "tst_stream_relays.moc"
