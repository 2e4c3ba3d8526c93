// ZlmClient: its pure parsers (table of real-shaped answers, malformed ones -> BadResponse, never a crash)
// and the client against a loopback HTTP server answering like ZLMediaKit.
//
// Answer shapes come from ZLMediaKit's server/WebApi.cpp (github.com/ZLMediaKit/ZLMediaKit):
//  - envelope {"code": 0|-100|-300|-500..., "msg"} (API::ApiErr in server/WebApi.h; CHECK_SECRET throws
//    AuthException "Incorrect secret" (older builds: "secret错误") -> code -100 with HTTP 200);
//  - getMediaList: "data" = list of makeMediaSourceJson() objects (schema, vhost, app, stream, ...), one per
//    protocol the stream is muxed to; "data" left out when the server holds no stream;
//  - getServerConfig: "data" = [ { "rtsp.port": "554", "record.appName": "record", ... } ] (string values);
//  - getMP4RecordFile: "data" = {"rootPath": "<server folder>/", "paths": ["HH-MM-SS-N.mp4", ...]} for a
//    period of one day; file names from src/Record/MP4Recorder.cpp createFile().
#include "test_http_server.h"
#include "vigil/backend/zlm_client.h"
#include "vigil/network/http_client.h"

#include <QtTest/QtTest>

using namespace vigil::backend;
using vigil::test::HttpReply;
using vigil::test::HttpRequestRecord;
using vigil::test::TestHttpServer;

namespace {

const QByteArray kSecret = "035c73f7-bb6b-4889-a715-d9eb2d1925cc";

// getMediaList of one stream muxed to rtsp and rtmp (same vhost/app/stream) and another stream.
const QByteArray kMediaList = R"({"code":0,"data":[
 {"app":"live","stream":"gate1","schema":"rtsp","vhost":"__defaultVhost__","readerCount":0,
  "totalReaderCount":2,"originType":4,"originTypeStr":"pull",)"
                              "\"originUrl\":\"rtsp:/"
                              "/10.0.0.5/ch1\"," // moc: no "//" in a raw literal
                              R"("createStamp":1700000000,"aliveSecond":120,"bytesSpeed":51200,
  "tracks":[{"codec_id":0,"codec_id_name":"H264","codec_type":0,"fps":25,"height":1080,"width":1920,"ready":true}]},
 {"app":"live","stream":"gate1","schema":"rtmp","vhost":"__defaultVhost__","readerCount":0,
  "totalReaderCount":2,"originType":4,"createStamp":1700000000,"aliveSecond":120,"bytesSpeed":51200,"tracks":[]},
 {"app":"rtp","stream":"34020000001320000001_34020000001310000001","schema":"rtsp","vhost":"__defaultVhost__",
  "originType":3,"tracks":[]}
]})";

const QByteArray kServerConfig =
    R"({"code":0,"data":[{"api.apiDebug":"1","api.secret":"035c73f7-bb6b-4889-a715-d9eb2d1925cc",
 "http.port":"80","record.appName":"record","record.fileSecond":"3600","rtmp.port":"1935","rtsp.port":"8554"}]})";

QByteArray authFailed()
{
    return R"({"code":-100,"msg":"Incorrect secret"})";
}

} // namespace

class TstZlmClient : public QObject
{
    Q_OBJECT

private slots:
    void parseMediaList_data();
    void parseMediaList();
    void serverConfig();
    void recordFiles_data();
    void recordFiles();
    void segments();
    void cameraIds();

    void initTestCase();
    void cameras();
    void liveUrl();
    void recordingsAndPlayback();
    void wrongSecret();
    void serverDown();
    void httpsCertificateTrust();
    void httpsKeepAliveKeepsPoliciesApart();

private:
    // An HTTPS ZLMediaKit with a throwaway self-signed certificate; false (after QSKIP/QFAIL) when openssl
    // is missing.
    bool startTlsServer(TestHttpServer &server, vigil::test::TestCertificate *cert)
    {
        QString error;
        if (!vigil::test::TestCertificate::make(QStringLiteral("127.0.0.1"), cert, &error)) {
            if (vigil::test::TestCertificate::opensslMissingIsFatal())
                qFatal("no test certificate: %s", qPrintable(error));
            qWarning("no test certificate: %s", qPrintable(error));
            return false;
        }
        if (!server.startTls(*cert))
            return false;
        server.route("GET", QStringLiteral("/index/api/*"), [](const HttpRequestRecord &req) {
            if (req.path.endsWith(QLatin1String("getServerConfig")))
                return HttpReply::json(kServerConfig);
            return HttpReply::json(kMediaList);
        });
        return true;
    }

    SiteConnection site(const QString &secret) const
    {
        SiteConnection s;
        s.baseUrl = m_server.url();
        s.password = secret;
        s.timeoutMs = 5000;
        return s;
    }
    TestHttpServer m_server;
};

void TstZlmClient::parseMediaList_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code"); // ErrorCode
    QTest::addColumn<int>("entries");
    QTest::newRow("real list") << kMediaList << int(ErrorCode::None) << 3;
    QTest::newRow("no data (empty server)") << QByteArray(R"({"code":0})") << int(ErrorCode::None) << 0;
    QTest::newRow("wrong secret") << authFailed() << int(ErrorCode::WrongCredentials) << 0;
    QTest::newRow("old wrong secret")
        << QByteArray(R"({"code":-100,"msg":"secret错误"})") << int(ErrorCode::WrongCredentials) << 0;
    QTest::newRow("invalid args") << QByteArray(R"({"code":-300,"msg":"Required parameter missed: app"})")
                                  << int(ErrorCode::ServerError) << 0;
    QTest::newRow("not JSON") << QByteArray("<html>nginx</html>") << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("empty body") << QByteArray() << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("array root") << QByteArray("[]") << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("no code") << QByteArray(R"({"data":[]})") << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("code is text") << QByteArray(R"({"code":"0","data":[]})") << int(ErrorCode::BadResponse)
                                  << 0;
    QTest::newRow("data not a list") << QByteArray(R"({"code":0,"data":{"app":"live"}})")
                                     << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("entry without stream")
        << QByteArray(R"({"code":0,"data":[{"app":"live","schema":"rtsp"}]})") << int(ErrorCode::BadResponse)
        << 0;
    QTest::newRow("entry not an object")
        << QByteArray(R"({"code":0,"data":[42]})") << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("truncated") << kMediaList.left(200) << int(ErrorCode::BadResponse) << 0;
}

void TstZlmClient::parseMediaList()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(int, entries);
    const auto r = zlm::parseMediaList(body);
    QCOMPARE(int(r.error.code), code);
    QCOMPARE(r.value.size(), entries);
    if (!r.ok())
        QVERIFY(!r.error.message.isEmpty());
}

void TstZlmClient::serverConfig()
{
    auto c = zlm::parseServerConfig(kServerConfig);
    QVERIFY2(c.ok(), qPrintable(c.error.message));
    QCOMPARE(c.value.rtspPort, 8554);
    QCOMPARE(c.value.rtmpPort, 1935);
    QCOMPARE(c.value.recordApp, QStringLiteral("record"));
    QCOMPARE(c.value.fileSecond, 3600);
    // Newer servers: protocol.mp4_max_second wins; a port that is not a number keeps the default.
    c = zlm::parseServerConfig(
        R"({"code":0,"data":[{"protocol.mp4_max_second":"600","record.fileSecond":"3600","rtsp.port":"x"}]})");
    QVERIFY(c.ok());
    QCOMPARE(c.value.fileSecond, 600);
    QCOMPARE(c.value.rtspPort, 554);
    QCOMPARE(int(zlm::parseServerConfig(authFailed()).error.code), int(ErrorCode::WrongCredentials));
    QCOMPARE(zlm::parseServerConfig(authFailed()).error.serverCode, QStringLiteral("-100"));
    QCOMPARE(int(zlm::parseServerConfig(R"({"code":0})").error.code), int(ErrorCode::BadResponse));
    QCOMPARE(int(zlm::parseServerConfig(R"({"code":0,"data":[]})").error.code), int(ErrorCode::BadResponse));
    QCOMPARE(int(zlm::parseServerConfig(R"({"code":0,"data":"x"})").error.code), int(ErrorCode::BadResponse));
}

void TstZlmClient::recordFiles_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("files");
    QTest::newRow("day") << QByteArray(R"({"code":0,"data":{"paths":["09-00-00-0.mp4","10-00-00-1.mp4"],
        "rootPath":"/opt/media/bin/www/record/live/gate1/2026-12-06/"}})")
                         << int(ErrorCode::None) << 2;
    QTest::newRow("no recording") << QByteArray(R"({"code":0,"data":{"paths":[],"rootPath":"/x/"}})")
                                  << int(ErrorCode::None) << 0;
    QTest::newRow("no paths") << QByteArray(R"({"code":0,"data":{"rootPath":"/x/"}})")
                              << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("no data") << QByteArray(R"({"code":0})") << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("number in paths") << QByteArray(R"({"code":0,"data":{"paths":[1]}})")
                                     << int(ErrorCode::BadResponse) << 0;
    QTest::newRow("not found") << QByteArray(R"({"code":-500,"msg":"stream not found"})")
                               << int(ErrorCode::NotFound) << 0;
}

void TstZlmClient::recordFiles()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(int, files);
    const auto r = zlm::parseRecordFiles(body);
    QCOMPARE(int(r.error.code), code);
    QCOMPARE(r.value.paths.size(), files);
}

void TstZlmClient::segments()
{
    zlm::ServerConfig config;
    config.fileSecond = 3600;
    const QDate day(2026, 12, 6);
    // Unsorted, one being written (hidden), one stray file, the three name generations.
    const QStringList files{QStringLiteral("10-00-00-1.mp4"), QStringLiteral("09-30-00.mp4"),
                            QStringLiteral(".11-00-00-2.mp4"), QStringLiteral("snap.jpg"),
                            QStringLiteral("2026-12-06-12-00-00-3.mp4")};
    const auto s = zlm::segmentsFromFiles(day, files, QUrl(QStringLiteral("http://10.1.1.1:8080")), config,
                                          QStringLiteral("live"), QStringLiteral("gate1"));
    QCOMPARE(s.size(), 3);
    QCOMPARE(s[0].start, QDateTime(day, QTime(9, 30), Qt::LocalTime).toUTC());
    QCOMPARE(s[0].end, QDateTime(day, QTime(10, 0), Qt::LocalTime).toUTC()); // the next file's start
    QCOMPARE(s[1].end, QDateTime(day, QTime(11, 0), Qt::LocalTime).toUTC()); // start + fileSecond
    QCOMPARE(s[2].start, QDateTime(day, QTime(12, 0), Qt::LocalTime).toUTC());
    QCOMPARE(s[0].url.toString(),
             QStringLiteral("http://10.1.1.1:8080/record/live/gate1/2026-12-06/09-30-00.mp4"));
    QCOMPARE(s[2].url.toString(),
             QStringLiteral("http://10.1.1.1:8080/record/live/gate1/2026-12-06/2026-12-06-12-00-00-3.mp4"));
    QVERIFY(zlm::segmentsFromFiles(day, {QStringLiteral("99-00-00.mp4")}, {}, config, {}, {}).isEmpty());
}

void TstZlmClient::cameraIds()
{
    QString v, a, s;
    QVERIFY(zlm::splitCameraId(QStringLiteral("live/gate1"), &v, &a, &s));
    QCOMPARE(v, QString::fromLatin1(zlm::kDefaultVhost));
    QCOMPARE(a, QStringLiteral("live"));
    QVERIFY(zlm::splitCameraId(QStringLiteral("city.example/live/gate1"), &v, &a, &s));
    QCOMPARE(v, QStringLiteral("city.example"));
    QCOMPARE(zlm::cameraId(v, a, s), QStringLiteral("city.example/live/gate1"));
    for (const char *bad : {"", "gate1", "live/", "/gate1", "a/b/c/d"})
        QVERIFY2(!zlm::splitCameraId(QString::fromLatin1(bad), &v, &a, &s), bad);

    const auto media = zlm::parseMediaList(kMediaList);
    QVERIFY(media.ok());
    const CameraList list = zlm::camerasFromMedia(media.value, QUrl(QStringLiteral("http://10.1.1.1:80")),
                                                  zlm::ServerConfig{}, zlm::LiveScheme::Rtsp);
    QCOMPARE(list.cameras.size(), 2); // gate1 once although muxed to rtsp and rtmp
    QCOMPARE(list.regions.size(), 2); // live, rtp
    QCOMPARE(list.cameras[0].id, QStringLiteral("live/gate1"));
    QCOMPARE(list.cameras[0].regionId, QStringLiteral("live"));
    QCOMPARE(list.cameras[0].mainStream, QStringLiteral("rtsp://10.1.1.1:554/live/gate1"));
    QCOMPARE(int(list.cameras[1].status), int(CameraStatus::Online));
    const zlm::ServerConfig config;
    const QUrl base(QStringLiteral("http://10.1.1.1:8080"));
    QCOMPARE(zlm::liveUrl(base, config, zlm::LiveScheme::HttpFlv, QString::fromLatin1(zlm::kDefaultVhost),
                          QStringLiteral("live"), QStringLiteral("gate1"))
                 .toString(),
             QStringLiteral("http://10.1.1.1:8080/live/gate1.live.flv"));
    QCOMPARE(zlm::liveUrl(base, config, zlm::LiveScheme::Hls, QStringLiteral("v1"), QStringLiteral("live"),
                          QStringLiteral("gate1"))
                 .toString(),
             QStringLiteral("http://10.1.1.1:8080/live/gate1/hls.m3u8?vhost=v1"));
    QCOMPARE(
        zlm::liveUrl(base, config, zlm::LiveScheme::Rtmp, {}, QStringLiteral("live"), QStringLiteral("gate1"))
            .toString(),
        QStringLiteral("rtmp://10.1.1.1:1935/live/gate1"));
}

void TstZlmClient::initTestCase()
{
    QVERIFY(m_server.start());
    // Every API checks the secret like CHECK_SECRET (HTTP 200, code -100).
    auto guarded = [](QByteArray answer) {
        return [answer](const HttpRequestRecord &req) {
            if (req.queryValue(QStringLiteral("secret")).toUtf8() != kSecret)
                return HttpReply::json(authFailed());
            return HttpReply::json(answer);
        };
    };
    m_server.route("GET", QStringLiteral("/index/api/getServerConfig"), guarded(kServerConfig));
    m_server.route("GET", QStringLiteral("/index/api/getMediaList"), guarded(kMediaList));
    m_server.route("GET", QStringLiteral("/index/api/getMP4RecordFile"), [](const HttpRequestRecord &req) {
        if (req.queryValue(QStringLiteral("secret")).toUtf8() != kSecret)
            return HttpReply::json(authFailed());
        if (req.queryValue(QStringLiteral("app")) != QLatin1String("live") ||
            req.queryValue(QStringLiteral("stream")) != QLatin1String("gate1") ||
            req.queryValue(QStringLiteral("vhost")) != QLatin1String(zlm::kDefaultVhost))
            return HttpReply::json(R"({"code":0,"data":{"paths":[],"rootPath":"/x/"}})");
        const QString period = req.queryValue(QStringLiteral("period"));
        if (period == QLatin1String("2026-12-05"))
            return HttpReply::json(R"({"code":0,"data":{"paths":["22-00-00-0.mp4","23-00-00-1.mp4"],
                "rootPath":"/opt/media/bin/www/record/live/gate1/2026-12-05/"}})");
        if (period == QLatin1String("2026-12-06"))
            return HttpReply::json(R"({"code":0,"data":{"paths":["00-00-00-2.mp4",".01-00-00-3.mp4"],
                "rootPath":"/opt/media/bin/www/record/live/gate1/2026-12-06/"}})");
        return HttpReply::json(R"({"code":0,"data":{"paths":[],"rootPath":"/x/"}})");
    });
}

void TstZlmClient::cameras()
{
    m_server.clearRequests();
    auto client = makePlatformClient(PlatformKind::ZlMediaKit, site(QString::fromUtf8(kSecret)));
    QVERIFY(client);
    QCOMPARE(int(client->kind()), int(PlatformKind::ZlMediaKit));
    qint64 lastDone = -1;
    const auto r = client->cameras([&](qint64 done, qint64) {
        lastDone = done;
        return true;
    });
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.cameras.size(), 2);
    QCOMPARE(lastDone, 2);
    QCOMPARE(r.value.cameras[0].mainStream, QStringLiteral("rtsp://127.0.0.1:8554/live/gate1"));
    QCOMPARE(r.value.cameras[1].id, QStringLiteral("rtp/34020000001320000001_34020000001310000001"));
    QCOMPARE(r.value.requests, 2); // getServerConfig, getMediaList
    const auto reqs = m_server.requests();
    QCOMPARE(reqs.size(), 2);
    for (const auto &req : reqs)
        QCOMPARE(req.queryValue(QStringLiteral("secret")).toUtf8(), kSecret);
    QCOMPARE(reqs[0].connection, reqs[1].connection); // one kept-alive connection
}

void TstZlmClient::liveUrl()
{
    ZlmClient client(site(QString::fromUtf8(kSecret)));
    auto r = client.liveUrl(QStringLiteral("live/gate1"));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.url.toString(), QStringLiteral("rtsp://127.0.0.1:8554/live/gate1"));
    client.setLiveScheme(zlm::LiveScheme::HttpFlv);
    r = client.liveUrl(QStringLiteral("live/gate1"), true);
    QCOMPARE(r.value.url.toString(),
             QStringLiteral("http://127.0.0.1:%1/live/gate1.live.flv").arg(m_server.port()));
    QCOMPARE(client.requestCount(), 1); // the settings once
    r = client.liveUrl(QStringLiteral("nonsense"));
    QCOMPARE(int(r.error.code), int(ErrorCode::NotFound));
    QVERIFY(r.error.message.contains(QStringLiteral("app/stream")));
}

void TstZlmClient::recordingsAndPlayback()
{
    ZlmClient client(site(QString::fromUtf8(kSecret)));
    const QDateTime from(QDate(2026, 12, 5), QTime(22, 30), Qt::LocalTime);
    const QDateTime to(QDate(2026, 12, 6), QTime(6, 0), Qt::LocalTime);
    m_server.clearRequests();
    const auto r = client.recordings(QStringLiteral("live/gate1"), from, to);
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.size(), 3); // 22:00 (overlaps 22:30), 23:00, 00:00; the hidden file is being written
    QCOMPARE(r.value[0].start, QDateTime(QDate(2026, 12, 5), QTime(22, 0), Qt::LocalTime).toUTC());
    QCOMPARE(r.value[2].end, QDateTime(QDate(2026, 12, 6), QTime(1, 0), Qt::LocalTime).toUTC());
    QCOMPARE(r.value[2].url.toString(),
             QStringLiteral("http://127.0.0.1:%1/record/live/gate1/2026-12-06/00-00-00-2.mp4")
                 .arg(m_server.port()));
    QStringList periods;
    for (const auto &req : m_server.requests())
        if (req.path == QLatin1String("/index/api/getMP4RecordFile"))
            periods << req.queryValue(QStringLiteral("period"));
    QCOMPARE(periods, (QStringList{QStringLiteral("2026-12-05"), QStringLiteral("2026-12-06")}));

    const auto p = client.playbackUrl(QStringLiteral("live/gate1"), from, to);
    QVERIFY2(p.ok(), qPrintable(p.error.message));
    QCOMPARE(p.value.url.toString(),
             QStringLiteral("http://127.0.0.1:%1/record/live/gate1/2026-12-05/22-00-00-0.mp4")
                 .arg(m_server.port()));
    const auto none = client.playbackUrl(QStringLiteral("live/other"), from, to);
    QCOMPARE(int(none.error.code), int(ErrorCode::NotFound));
    QVERIFY(none.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(m_server.port())));
    const auto tooLong = client.recordings(QStringLiteral("live/gate1"), from, from.addDays(100));
    QCOMPARE(int(tooLong.error.code), int(ErrorCode::TooLarge));
}

void TstZlmClient::wrongSecret()
{
    const QString wrong = QStringLiteral("not-the-secret-4711");
    auto client = makePlatformClient(PlatformKind::ZlMediaKit, site(wrong));
    const auto l = client->login();
    QCOMPARE(int(l.error.code), int(ErrorCode::WrongCredentials));
    QVERIFY(l.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(m_server.port())));
    QVERIFY(l.error.message.contains(QStringLiteral("secret")));
    QVERIFY2(!l.error.message.contains(wrong), qPrintable(l.error.message));
    QVERIFY(!l.error.message.contains(QString::fromUtf8(kSecret)));
    const auto c = client->cameras();
    QCOMPARE(int(c.error.code), int(ErrorCode::WrongCredentials));
    QVERIFY(!c.error.message.contains(wrong));
}

void TstZlmClient::serverDown()
{
    TestHttpServer gone;
    QVERIFY(gone.start());
    SiteConnection s;
    s.baseUrl = gone.url();
    s.password = QString::fromUtf8(kSecret);
    s.timeoutMs = 3000;
    gone.stop(); // nothing listens on that port any more
    ZlmClient client(s);
    const auto r = client.cameras();
    QCOMPARE(int(r.error.code), int(ErrorCode::Unreachable));
    QVERIFY(r.error.message.contains(QStringLiteral("ZLMediaKit")));
    QVERIFY(r.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(s.baseUrl.port())));
    QVERIFY(!r.error.message.contains(QString::fromUtf8(kSecret)));
}

void TstZlmClient::httpsCertificateTrust()
{
    TestHttpServer server;
    vigil::test::TestCertificate cert;
    if (!startTlsServer(server, &cert))
        QSKIP("the openssl command is needed for a test certificate (in CI its absence fails the test)");
    SiteConnection s = site(QString::fromUtf8(kSecret));
    s.baseUrl = server.url();
    QCOMPARE(s.baseUrl.scheme(), QStringLiteral("https"));

    // Not trusted: refused with the certificate's fingerprint (as openssl reports it) and what to do.
    auto refused = makePlatformClient(PlatformKind::ZlMediaKit, s)->cameras();
    QCOMPARE(toString(refused.error.code), toString(ErrorCode::Tls));
    QCOMPARE(refused.error.presentedCertSha256, cert.sha256);
    QVERIFY2(refused.error.message.contains(cert.opensslText.toUpper()), qPrintable(refused.error.message));
    QVERIFY2(refused.error.message.contains(QLatin1String("trust it in the site's settings")),
             qPrintable(refused.error.message));
    QVERIFY2(!refused.error.message.contains(QString::fromUtf8(kSecret)), "the secret is in the message");
    QCOMPARE(server.requestCount(), 0); // nothing was sent over the refused connection

    // Trusted (as typed by the operator: upper case with colons): answered.
    s.trustedCertSha256 = cert.opensslText;
    auto trusted = makePlatformClient(PlatformKind::ZlMediaKit, s)->cameras();
    QVERIFY2(trusted.ok(), qPrintable(trusted.error.message));
    QCOMPARE(trusted.value.cameras.size(), 2);

    // Another certificate's fingerprint: refused, and the presented one is still named.
    s.trustedCertSha256 = QString(64, QLatin1Char('a'));
    auto wrong = makePlatformClient(PlatformKind::ZlMediaKit, s)->cameras();
    QCOMPARE(toString(wrong.error.code), toString(ErrorCode::Tls));
    QCOMPARE(wrong.error.presentedCertSha256, cert.sha256);

    // Our API's client says the same sentence, before any credential is sent.
    SiteConnection ours = s;
    ours.trustedCertSha256.clear();
    ours.user = QStringLiteral("operator");
    ours.password = QStringLiteral("ours-password");
    server.clearRequests();
    const auto login = makePlatformClient(PlatformKind::Ours, ours)->login();
    QCOMPARE(toString(login.error.code), toString(ErrorCode::Tls));
    QCOMPARE(login.error.presentedCertSha256, cert.sha256);
    QCOMPARE(login.error.message,
             QStringLiteral(
                 "The platform at 127.0.0.1:%1 presented a certificate that is not trusted (SHA-256 %2). "
                 "If that is your platform's certificate, trust it in the site's settings.")
                 .arg(server.port())
                 .arg(cert.opensslText.toUpper()));
    QCOMPARE(server.requestCount(), 0);
    ours.trustedCertSha256 = cert.sha256; // trusted: the login reaches the server (no such route here: 404)
    QCOMPARE(toString(makePlatformClient(PlatformKind::Ours, ours)->login().error.code),
             toString(ErrorCode::NotFound));
    QCOMPARE(server.requestCount(), 1);

    // A plain http:// site is not touched by any of this.
    QCOMPARE(makePlatformClient(PlatformKind::ZlMediaKit, site(QString::fromUtf8(kSecret)))->cameras().ok(),
             true);
}

void TstZlmClient::httpsKeepAliveKeepsPoliciesApart()
{
    using namespace vigil::network;
    TestHttpServer server;
    vigil::test::TestCertificate cert;
    if (!startTlsServer(server, &cert))
        QSKIP("the openssl command is needed for a test certificate (in CI its absence fails the test)");
    const auto request = [&](bool verify, const QString &pin) {
        HttpRequest r;
        r.method = "GET";
        r.url = server.url();
        r.url.setPath(QStringLiteral("/index/api/getMediaList"));
        r.tlsVerifyPeer = verify;
        r.trustedCertSha256 = pin;
        return HttpClient::instance().sendSync(r);
    };
    // Pinned: verified once, then kept alive for the same pin only.
    const auto a = request(true, cert.sha256);
    QVERIFY2(a.ok(), qPrintable(a.errorText));
    QCOMPARE(a.peerCertSha256, cert.sha256);
    QCOMPARE(a.peerCertSubject, QStringLiteral("127.0.0.1"));
    QVERIFY(a.peerCertNotBefore.isValid() && a.peerCertNotAfter > a.peerCertNotBefore);
    QVERIFY(!a.reusedConnection);
    const auto b = request(true, cert.opensslText); // the same pin, written differently
    QVERIFY2(b.ok(), qPrintable(b.errorText));
    QVERIFY(b.reusedConnection);
    QCOMPARE(b.peerCertSha256, cert.sha256);
    QCOMPARE(server.connections(), 1);
    // Verified without the pin: the idle pinned connection must not answer it. A new handshake refuses it.
    const auto c = request(true, QString());
    QCOMPARE(int(c.error), int(HttpError::Tls));
    QCOMPARE(c.peerCertSha256, cert.sha256);
    QVERIFY2(c.errorText.contains(formatFingerprint(cert.sha256)), qPrintable(c.errorText));
    // Another pin: not reused either, refused.
    const auto d = request(false, QString(64, QLatin1Char('0')));
    QCOMPARE(int(d.error), int(HttpError::Tls));
    // Unverified (cameras): a connection of its own, not the pinned one.
    const int before = server.connections();
    const auto e = request(false, QString());
    QVERIFY2(e.ok(), qPrintable(e.errorText));
    QVERIFY(!e.reusedConnection);
    QCOMPARE(server.connections(), before + 1);
    QVERIFY(e.peerCertSha256.isEmpty()); // not checked, so not reported
    // A pin that is not a SHA-256 is refused before connecting.
    const auto f = request(false, QStringLiteral("AB:CD"));
    QCOMPARE(int(f.error), int(HttpError::Tls));
    QCOMPARE(server.connections(), before + 1);
    // The pinned connection is still there for its own policy.
    const auto g = request(false, cert.sha256);
    QVERIFY2(g.ok(), qPrintable(g.errorText));
    QVERIFY(g.reusedConnection);
    QCOMPARE(formatFingerprint(cert.sha256), cert.opensslText.toUpper());
    QCOMPARE(normalizeFingerprint(cert.opensslText), cert.sha256);
}

QTEST_GUILESS_MAIN(TstZlmClient)
#include "tst_zlm_client.moc"
