// RelayClient (ZLMediaKit addStreamProxy, MediaMTX /v3/config/paths/add) against loopback servers shaped
// like each API (tests/support/http/fake_relays.h cites the real sources): the exact request (path, query,
// JSON body, auth), idempotency ("already exists" is a success and no second pull), the play URL, and the
// mapping of each failure (wrong secret or user, relay down, not JSON, refused pull) to an Error that names
// the relay and never carries the camera's password.
#include "fake_relays.h"
#include "test_http_server.h"
#include "vigil/backend/relay_client.h"

#include <QtTest/QtTest>

using namespace vigil::backend;
using vigil::test::HttpReply;
using vigil::test::HttpRequestRecord;
using vigil::test::TestHttpServer;

Q_DECLARE_METATYPE(vigil::test::HttpReply)

namespace {
const QString kSecret = QStringLiteral("035c73f7-bb6b-4889-a715-d9eb2d1925cc");
const QString kCameraPassword = QStringLiteral("c@m:p/ss#1");

QUrl cameraUrl()
{
    QUrl u(QStringLiteral("rtsp://10.0.0.5:554/Streaming/Channels/101?transportmode=unicast"));
    u.setUserName(QStringLiteral("admin"));
    u.setPassword(kCameraPassword);
    return u;
}

RelayConnection connection(RelayKind kind, const QUrl &api, const QString &user, const QString &secret)
{
    RelayConnection c;
    c.kind = kind;
    c.apiUrl = api;
    c.user = user;
    c.secret = secret;
    c.timeoutMs = 5000;
    return c;
}
} // namespace

class TstRelayClient : public QObject
{
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void kinds();

    void zlmRequestAndIdempotency();
    void zlmWrongSecret();
    void zlmRefusedPull();
    void zlmBadAnswers_data();
    void zlmBadAnswers();
    void mediaMtxRequestAndIdempotency();
    void mediaMtxWrongUser();
    void mediaMtxErrors_data();
    void mediaMtxErrors();
    void relayDown_data();
    void relayDown();
};

void TstRelayClient::names_data()
{
    QTest::addColumn<QString>("cameraId");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("expected"); // "" = only check the shape
    QTest::newRow("plain") << "cam-3f2a9c1b"
                           << "main"
                           << "cam-3f2a9c1b-main";
    QTest::newRow("site camera") << "s-1a2b3c4d:live/gate1"
                                 << "sub"
                                 << "";
    QTest::newRow("hanzi") << QStringLiteral("s-1:东门") << "main"
                           << "";
    QTest::newRow("long") << QString(200, QLatin1Char('x')) << "main"
                          << "";
}

void TstRelayClient::names()
{
    QFETCH(QString, cameraId);
    QFETCH(QString, role);
    QFETCH(QString, expected);
    const QString name = relayStreamName(cameraId, role);
    QCOMPARE(relayStreamName(cameraId, role), name); // stable
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-]{1,80}$"));
    QVERIFY2(safe.match(name).hasMatch(), qPrintable(name));
    if (!expected.isEmpty())
        QCOMPARE(name, expected);
    QVERIFY(relayStreamName(cameraId, role == QLatin1String("main") ? QStringLiteral("sub")
                                                                    : QStringLiteral("main")) != name);
}

void TstRelayClient::kinds()
{
    QVERIFY(relayKindFromString(QStringLiteral("zlm")) == RelayKind::ZlMediaKit);
    QVERIFY(relayKindFromString(QStringLiteral("MediaMTX")) == RelayKind::MediaMtx);
    QVERIFY(!relayKindFromString(QStringLiteral("srs")));
    QCOMPARE(toString(RelayKind::MediaMtx), QStringLiteral("mediamtx"));
    // Two ids that sanitise alike never share a name.
    QVERIFY(relayStreamName(QStringLiteral("a/b"), {}) != relayStreamName(QStringLiteral("a_b"), {}));
    QVERIFY(relayStreamName(QStringLiteral("a/b"), {}) != relayStreamName(QStringLiteral("a:b"), {}));
    // Play URLs without any request: the default ports, or the configured one.
    auto zlm = makeRelayClient(
        connection(RelayKind::ZlMediaKit, QUrl(QStringLiteral("http://relay.local:8080")), {}, kSecret));
    QCOMPARE(zlm->playUrl(QStringLiteral("cam-main")),
             QUrl(QStringLiteral("rtsp://relay.local:554/vigil/cam-main")));
    RelayConnection mtx =
        connection(RelayKind::MediaMtx, QUrl(QStringLiteral("http://relay.local:9997")), {}, {});
    QCOMPARE(makeRelayClient(mtx)->playUrl(QStringLiteral("cam-main")),
             QUrl(QStringLiteral("rtsp://relay.local:8554/vigil-cam-main")));
    mtx.rtspPort = 1554;
    mtx.app.clear();
    QCOMPARE(makeRelayClient(mtx)->playUrl(QStringLiteral("cam-main")),
             QUrl(QStringLiteral("rtsp://relay.local:1554/cam-main")));
    QCOMPARE(zlm->requestCount(), 0);
}

void TstRelayClient::zlmRequestAndIdempotency()
{
    TestHttpServer server;
    QVERIFY(server.start());
    auto state = vigil::test::installFakeZlmRelay(server, kSecret);
    RelayConnection c = connection(RelayKind::ZlMediaKit, server.url(), {}, kSecret);
    c.rtspPort = 10554;
    auto relay = makeRelayClient(c);
    const auto first = relay->pull(QStringLiteral("cam-1-main"), cameraUrl());
    QVERIFY2(first.ok(), qPrintable(first.error.message));
    QVERIFY(!first.value.already);
    QCOMPARE(first.value.playUrl, QUrl(QStringLiteral("rtsp://127.0.0.1:10554/vigil/cam-1-main")));

    QCOMPARE(server.requestCount(), 1);
    const HttpRequestRecord req = server.requests().first();
    QCOMPARE(req.method, QByteArray("GET"));
    QCOMPARE(req.path, QStringLiteral("/index/api/addStreamProxy"));
    QCOMPARE(req.queryValue(QStringLiteral("secret")), kSecret);
    QCOMPARE(req.queryValue(QStringLiteral("vhost")), QStringLiteral("__defaultVhost__"));
    QCOMPARE(req.queryValue(QStringLiteral("app")), QStringLiteral("vigil"));
    QCOMPARE(req.queryValue(QStringLiteral("stream")), QStringLiteral("cam-1-main"));
    QCOMPARE(req.queryValue(QStringLiteral("rtp_type")), QStringLiteral("0"));
    QCOMPARE(req.queryValue(QStringLiteral("retry_count")), QStringLiteral("-1"));
    QCOMPARE(req.queryValue(QStringLiteral("enable_rtsp")), QStringLiteral("1"));
    QCOMPARE(req.queryValue(QStringLiteral("enable_mp4")), QStringLiteral("0"));
    // The camera URL arrives whole: credentials (the relay needs them), path and query.
    const QUrl source(req.queryValue(QStringLiteral("url")));
    QCOMPARE(source.password(), kCameraPassword);
    QCOMPARE(source.userName(), QStringLiteral("admin"));
    QCOMPARE(source.path(), QStringLiteral("/Streaming/Channels/101"));
    QCOMPARE(source.query(), QStringLiteral("transportmode=unicast"));
    QCOMPARE(source.adjusted(QUrl::RemoveUserInfo), cameraUrl().adjusted(QUrl::RemoveUserInfo));

    // Again (another PC, or this one after a restart): the relay answers "already exists": a success.
    auto other = makeRelayClient(c);
    const auto second = other->pull(QStringLiteral("cam-1-main"), cameraUrl());
    QVERIFY2(second.ok(), qPrintable(second.error.message));
    QVERIFY(second.value.already);
    QCOMPARE(second.value.playUrl, first.value.playUrl);
    QCOMPARE(state->pulls.load(), 1); // the camera is pulled once
    QCOMPARE(state->source(QStringLiteral("vigil/cam-1-main")), cameraUrl().toString(QUrl::FullyEncoded));
}

void TstRelayClient::zlmWrongSecret()
{
    TestHttpServer server;
    QVERIFY(server.start());
    auto state = vigil::test::installFakeZlmRelay(server, kSecret);
    auto relay =
        makeRelayClient(connection(RelayKind::ZlMediaKit, server.url(), {}, QStringLiteral("wrong")));
    const auto r = relay->pull(QStringLiteral("cam-1-main"), cameraUrl());
    QCOMPARE(int(r.error.code), int(ErrorCode::WrongCredentials));
    QCOMPARE(r.error.serverCode, QStringLiteral("-100"));
    QVERIFY2(r.error.message.contains(QStringLiteral("ZLMediaKit at 127.0.0.1:%1").arg(server.port())),
             qPrintable(r.error.message));
    QVERIFY2(r.error.message.contains(QStringLiteral("secret")), qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(kCameraPassword));
    QVERIFY(!r.error.message.contains(QStringLiteral("wrong")));
    QCOMPARE(state->pulls.load(), 0);
}

void TstRelayClient::zlmRefusedPull()
{
    TestHttpServer server;
    QVERIFY(server.start());
    auto state = vigil::test::installFakeZlmRelay(server, kSecret);
    state->refuse = true;
    auto relay = makeRelayClient(connection(RelayKind::ZlMediaKit, server.url(), {}, kSecret));
    const auto r = relay->pull(QStringLiteral("cam-1-main"), cameraUrl());
    QCOMPARE(int(r.error.code), int(ErrorCode::ServerError));
    QCOMPARE(r.error.serverCode, QStringLiteral("-1"));
    QVERIFY2(r.error.message.contains(QStringLiteral("could not pull the camera")),
             qPrintable(r.error.message));
    QVERIFY2(r.error.message.contains(QStringLiteral("connection refused")), qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(kCameraPassword));
}

void TstRelayClient::zlmBadAnswers_data()
{
    QTest::addColumn<HttpReply>("reply");
    QTest::addColumn<int>("code");
    QTest::newRow("not JSON") << HttpReply::json("<html>nginx</html>") << int(ErrorCode::BadResponse);
    QTest::newRow("truncated") << HttpReply::json(R"({"code":0,"data":{"ke)") << int(ErrorCode::BadResponse);
    QTest::newRow("no code") << HttpReply::json(R"({"data":{}})") << int(ErrorCode::BadResponse);
    QTest::newRow("HTTP 404 (not ZLMediaKit)") << HttpReply::json("{}", 404) << int(ErrorCode::NotFound);
    QTest::newRow("HTTP 500") << HttpReply::json("{}", 500) << int(ErrorCode::ServerError);
    QTest::newRow("invalid args") << HttpReply::json(
                                         R"({"code":-300,"msg":"Required parameter missed: url"})")
                                  << int(ErrorCode::ServerError);
}

void TstRelayClient::zlmBadAnswers()
{
    QFETCH(HttpReply, reply);
    QFETCH(int, code);
    TestHttpServer server;
    QVERIFY(server.start());
    server.route("GET", QStringLiteral("/index/api/addStreamProxy"),
                 [reply](const HttpRequestRecord &) { return reply; });
    auto relay = makeRelayClient(connection(RelayKind::ZlMediaKit, server.url(), {}, kSecret));
    const auto r = relay->pull(QStringLiteral("cam-1-main"), cameraUrl());
    QCOMPARE(int(r.error.code), code);
    QVERIFY2(r.error.message.contains(QStringLiteral("ZLMediaKit")), qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(kCameraPassword));
}

void TstRelayClient::mediaMtxRequestAndIdempotency()
{
    TestHttpServer server;
    QVERIFY(server.start());
    auto state =
        vigil::test::installFakeMediaMtxRelay(server, QStringLiteral("vigil"), QStringLiteral("api-pass"));
    auto relay = makeRelayClient(
        connection(RelayKind::MediaMtx, server.url(), QStringLiteral("vigil"), QStringLiteral("api-pass")));
    const auto first = relay->pull(QStringLiteral("cam-1-sub"), cameraUrl());
    QVERIFY2(first.ok(), qPrintable(first.error.message));
    QVERIFY(!first.value.already);
    QCOMPARE(first.value.playUrl, QUrl(QStringLiteral("rtsp://127.0.0.1:8554/vigil-cam-1-sub")));
    QCOMPARE(server.requestCount(), 1);
    const HttpRequestRecord req = server.requests().first();
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.path, QStringLiteral("/v3/config/paths/add/vigil-cam-1-sub"));
    QVERIFY(req.query.isEmpty());
    QCOMPARE(req.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(req.header("Authorization"), QByteArray("Basic ") + QByteArray("vigil:api-pass").toBase64());
    QJsonParseError pe;
    const QJsonObject body = QJsonDocument::fromJson(req.body, &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);
    QCOMPARE(body.size(), 2);
    QCOMPARE(body.value(QLatin1String("source")).toString(), cameraUrl().toString(QUrl::FullyEncoded));
    QCOMPARE(QUrl(body.value(QLatin1String("source")).toString()).password(), kCameraPassword);
    QCOMPARE(body.value(QLatin1String("sourceOnDemand")), QJsonValue(true));

    const auto second = makeRelayClient(connection(RelayKind::MediaMtx, server.url(), QStringLiteral("vigil"),
                                                   QStringLiteral("api-pass")))
                            ->pull(QStringLiteral("cam-1-sub"), cameraUrl());
    QVERIFY2(second.ok(), qPrintable(second.error.message));
    QVERIFY(second.value.already);
    QCOMPARE(state->pulls.load(), 1);

    // No API user: no Authorization header at all.
    TestHttpServer open;
    QVERIFY(open.start());
    vigil::test::installFakeMediaMtxRelay(open, {}, {});
    QVERIFY(makeRelayClient(connection(RelayKind::MediaMtx, open.url(), {}, {}))
                ->pull(QStringLiteral("x"), cameraUrl())
                .ok());
    QVERIFY(open.requests().first().header("Authorization").isEmpty());
}

void TstRelayClient::mediaMtxWrongUser()
{
    TestHttpServer server;
    QVERIFY(server.start());
    auto state =
        vigil::test::installFakeMediaMtxRelay(server, QStringLiteral("vigil"), QStringLiteral("api-pass"));
    const auto r = makeRelayClient(connection(RelayKind::MediaMtx, server.url(), QStringLiteral("vigil"),
                                              QStringLiteral("nope")))
                       ->pull(QStringLiteral("cam-1-sub"), cameraUrl());
    QCOMPARE(int(r.error.code), int(ErrorCode::WrongCredentials));
    QCOMPARE(r.error.httpStatus, 401);
    QVERIFY2(r.error.message.contains(QStringLiteral("MediaMTX at 127.0.0.1")), qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(QStringLiteral("nope")));
    QCOMPARE(state->pulls.load(), 0);
}

void TstRelayClient::mediaMtxErrors_data()
{
    QTest::addColumn<HttpReply>("reply");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("refused source")
        << HttpReply::json(R"({"status":"error","error":"invalid source: 'rtsp' scheme not allowed"})", 400)
        << int(ErrorCode::ServerError) << "scheme not allowed";
    QTest::newRow("old error shape") << HttpReply::json(R"({"error":"json: unknown field \"x\""})", 400)
                                     << int(ErrorCode::ServerError) << "unknown field";
    QTest::newRow("not JSON") << HttpReply::json("<html>Bad Gateway</html>", 502)
                              << int(ErrorCode::BadResponse) << "cannot read";
    QTest::newRow("no error text") << HttpReply::json(R"({"status":"error"})", 400)
                                   << int(ErrorCode::BadResponse) << "cannot read";
    QTest::newRow("no API v3") << HttpReply::json("404 page not found", 404) << int(ErrorCode::NotFound)
                               << "apiAddress";
}

void TstRelayClient::mediaMtxErrors()
{
    QFETCH(HttpReply, reply);
    QFETCH(int, code);
    QFETCH(QString, says);
    TestHttpServer server;
    QVERIFY(server.start());
    server.route("POST", QStringLiteral("/v3/config/paths/add/*"),
                 [reply](const HttpRequestRecord &) { return reply; });
    const auto r = makeRelayClient(connection(RelayKind::MediaMtx, server.url(), {}, {}))
                       ->pull(QStringLiteral("cam-1-sub"), cameraUrl());
    QCOMPARE(int(r.error.code), code);
    QVERIFY2(r.error.message.contains(says), qPrintable(r.error.message));
    QVERIFY2(r.error.message.contains(QStringLiteral("MediaMTX")), qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(kCameraPassword));
}

void TstRelayClient::relayDown_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("zlm") << int(RelayKind::ZlMediaKit);
    QTest::newRow("mediamtx") << int(RelayKind::MediaMtx);
}

void TstRelayClient::relayDown()
{
    QFETCH(int, kind);
    TestHttpServer gone;
    QVERIFY(gone.start());
    const QUrl url = gone.url();
    gone.stop(); // nothing listens there any more
    const auto r = makeRelayClient(connection(RelayKind(kind), url, QStringLiteral("u"), kSecret))
                       ->pull(QStringLiteral("cam-1-main"), cameraUrl());
    QCOMPARE(int(r.error.code), int(ErrorCode::Unreachable));
    QVERIFY2(r.error.message.contains(displayName(RelayKind(kind))), qPrintable(r.error.message));
    QVERIFY2(r.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(url.port())),
             qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(kSecret));
}

QTEST_GUILESS_MAIN(TstRelayClient)
#include "tst_relay_client.moc"
