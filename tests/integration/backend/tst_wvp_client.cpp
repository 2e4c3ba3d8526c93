// WvpClient: its pure parsers (real-shaped answers, malformed ones -> BadResponse, never a crash) and the
// client against a loopback server answering like WVP-GB28181-pro.
//
// Shapes from github.com/648540858/wvp-GB28181-pro: UserController.login (GET
// /api/user/login?username&password = 32-hex MD5; LoginUser.accessToken; a refusal is
// ControllerException(ErrorCode.ERROR100) -> {"code":100, "msg":"Wrong username or password"}), JwtUtils
// header "access-token" (a missing/expired token: HTTP 401
// {"code":401,...}, ErrorCode.ERROR401), every answer wrapped in WVPResult {"code":0,"msg":"成功","data"},
// DeviceQuery (/api/device/query/devices and /devices/{deviceId}/channels: page & count -> PageInfo {"total",
// "list","pageNum","pageSize"}; Device.deviceId/name/onLine/geoCoordSys; DeviceChannel 2.6 "channelId",
// status 1/0, longitudeWgs84..., 2.7 "deviceId" (the channel's GB id), status "ON"/"OFF"), PlayController
// /api/play/start/{deviceId}/{channelId} and PlaybackController /api/playback/start/{deviceId}/{channelId}?
// startTime&endTime -> StreamContent (rtsp, rtmp, flv... as URL strings), GBRecordController
// /api/gb_record/query/{deviceId}/{channelId}?startTime&endTime ("yyyy-MM-dd HH:mm:ss", DateUtil.PATTERN)
// -> RecordInfo.recordList [{startTime, endTime, type, fileSize...}].
#include "test_http_server.h"
#include "vigil/backend/wvp_client.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QtTest>

#include <atomic>
#include <mutex>

using namespace vigil::backend;
using vigil::test::HttpReply;
using vigil::test::HttpRequestRecord;
using vigil::test::TestHttpServer;

namespace {

const QString kUser = QStringLiteral("admin");
const QString kPassword = QStringLiteral("Adm1n-pa55");

HttpReply wrapped(const QJsonValue &data)
{
    return HttpReply::json(QJsonDocument(QJsonObject{{QStringLiteral("code"), 0},
                                                     {QStringLiteral("msg"), QStringLiteral("成功")},
                                                     {QStringLiteral("data"), data}})
                               .toJson(QJsonDocument::Compact));
}

QJsonObject pageInfo(const QJsonArray &all, int page, int count)
{
    QJsonArray list;
    for (int i = (page - 1) * count; i < std::min<int>(int(all.size()), page * count); ++i)
        list.append(all.at(i));
    return {{QStringLiteral("total"), all.size()},
            {QStringLiteral("list"), list},
            {QStringLiteral("pageNum"), page},
            {QStringLiteral("pageSize"), count},
            {QStringLiteral("size"), list.size()}};
}

QJsonArray fixtureDevices()
{
    return {QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("34020000001320000001")},
                        {QStringLiteral("name"), QStringLiteral("武康派出所 NVR")},
                        {QStringLiteral("manufacturer"), QStringLiteral("Hikvision")},
                        {QStringLiteral("onLine"), true},
                        {QStringLiteral("geoCoordSys"), QStringLiteral("WGS84")},
                        {QStringLiteral("channelCount"), 3}},
            QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("34020000001320000002")},
                        {QStringLiteral("name"), QStringLiteral("东桥村 IPC")},
                        {QStringLiteral("onLine"), false},
                        {QStringLiteral("geoCoordSys"), QStringLiteral("GCJ02")},
                        {QStringLiteral("channelCount"), 1}},
            QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("34020000001320000003")},
                        {QStringLiteral("name"), QString()},
                        {QStringLiteral("onLine"), true},
                        {QStringLiteral("channelCount"), 0}}};
}

QJsonArray fixtureChannels(const QString &deviceId)
{
    if (deviceId == QLatin1String("34020000001320000001")) // 2.7 shape
        return {QJsonObject{{QStringLiteral("id"), 11},
                            {QStringLiteral("deviceId"), QStringLiteral("34020000001310000001")},
                            {QStringLiteral("name"), QStringLiteral("大门")},
                            {QStringLiteral("status"), QStringLiteral("ON")},
                            {QStringLiteral("longitude"), 119.961},
                            {QStringLiteral("latitude"), 30.541},
                            {QStringLiteral("ptzType"), 1}},
                QJsonObject{{QStringLiteral("id"), 12},
                            {QStringLiteral("deviceId"), QStringLiteral("34020000001310000002")},
                            {QStringLiteral("name"), QStringLiteral("后院")},
                            {QStringLiteral("status"), QStringLiteral("OFF")},
                            {QStringLiteral("longitude"), 0},
                            {QStringLiteral("latitude"), 0},
                            {QStringLiteral("ptzType"), 3}},
                QJsonObject{{QStringLiteral("id"), 13},
                            {QStringLiteral("deviceId"), QStringLiteral("34020000001310000003")},
                            {QStringLiteral("name"), QStringLiteral("停车场")},
                            {QStringLiteral("status"), QStringLiteral("ON")}}};
    if (deviceId == QLatin1String("34020000001320000002")) // 2.6 shape
        return {QJsonObject{{QStringLiteral("channelId"), QStringLiteral("34020000001310000009")},
                            {QStringLiteral("name"), QStringLiteral("村口")},
                            {QStringLiteral("status"), 1},
                            {QStringLiteral("longitude"), 119.975},
                            {QStringLiteral("latitude"), 30.552},
                            {QStringLiteral("longitudeWgs84"), 0},
                            {QStringLiteral("latitudeWgs84"), 0},
                            {QStringLiteral("ptzType"), 0}}};
    return {};
}

QString md5(const QString &s)
{
    return QString::fromLatin1(QCryptographicHash::hash(s.toUtf8(), QCryptographicHash::Md5).toHex());
}

} // namespace

class TstWvpClient : public QObject
{
    Q_OBJECT

private slots:
    void parseLogin();
    void parsePages_data();
    void parsePages();
    void channels();
    void streams();
    void records();

    void initTestCase();
    void cameras();
    void liveAndPlayback();
    void recordings();
    void tokenRefusedOnce();
    void wrongPassword();
    void serverDown();

private:
    SiteConnection site(const QString &password) const
    {
        SiteConnection s;
        s.baseUrl = m_server.url();
        s.user = kUser;
        s.password = password;
        s.timeoutMs = 5000;
        return s;
    }
    QString token() const
    {
        std::lock_guard lock(m_mutex);
        return m_token;
    }
    TestHttpServer m_server;
    mutable std::mutex m_mutex;
    QString m_token = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.fixture.1");
    std::atomic<int> m_tokens{1};
};

void TstWvpClient::parseLogin()
{
    auto t = wvp::parseLogin(
        R"({"code":0,"msg":"成功","data":{"id":1,"username":"admin","accessToken":"abc.def.ghi","serverId":"000000"}})");
    QVERIFY2(t.ok(), qPrintable(t.error.message));
    QCOMPARE(t.value.accessToken, QStringLiteral("abc.def.ghi"));
    t = wvp::parseLogin(R"({"code":100,"msg":"Wrong username or password"})");
    QCOMPARE(int(t.error.code), int(ErrorCode::ServerError));
    QCOMPARE(t.error.serverCode, QStringLiteral("100"));
    QCOMPARE(int(wvp::parseLogin(R"({"code":0,"data":{}})").error.code), int(ErrorCode::BadResponse));
    QCOMPARE(int(wvp::parseLogin("<html/>").error.code), int(ErrorCode::BadResponse));
    QCOMPARE(int(wvp::parseLogin(R"({"code":"0"})").error.code), int(ErrorCode::BadResponse));
}

void TstWvpClient::parsePages_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("count");
    const int none = int(ErrorCode::None), bad = int(ErrorCode::BadResponse);
    QTest::newRow("wrapped") << QJsonDocument(
                                    QJsonObject{{QStringLiteral("code"), 0},
                                                {QStringLiteral("data"), pageInfo(fixtureDevices(), 1, 2)}})
                                    .toJson()
                             << none << 2;
    QTest::newRow("bare PageInfo") << QJsonDocument(pageInfo(fixtureDevices(), 2, 2)).toJson() << none << 1;
    QTest::newRow("token refused") << QByteArray(R"({"code":401,"msg":"请登录后重新请求"})")
                                   << int(ErrorCode::TokenExpired) << 0;
    QTest::newRow("failure") << QByteArray(R"({"code":100,"msg":"失败"})") << int(ErrorCode::ServerError)
                             << 0;
    QTest::newRow("no total") << QByteArray(R"({"code":0,"data":{"list":[]}})") << bad << 0;
    QTest::newRow("data null") << QByteArray(R"({"code":0,"data":null})") << bad << 0;
    QTest::newRow("list object") << QByteArray(R"({"code":0,"data":{"total":1,"list":{}}})") << bad << 0;
    QTest::newRow("no deviceId") << QByteArray(R"({"code":0,"data":{"total":1,"list":[{"name":"x"}]}})")
                                 << bad << 0;
    QTest::newRow("item number") << QByteArray(R"({"code":0,"data":{"total":1,"list":[7]}})") << bad << 0;
    QTest::newRow("not JSON") << QByteArray("{\"code\":0,") << bad << 0;
    QTest::newRow("empty") << QByteArray() << bad << 0;
}

void TstWvpClient::parsePages()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(int, count);
    const auto d = wvp::parseDevices(body);
    QCOMPARE(int(d.error.code), code);
    QCOMPARE(d.value.items.size(), count);
    // The other parsers on the same bodies: an answer or an error, never a crash.
    (void)wvp::parseChannels(body, {});
    (void)wvp::parseStream(body);
    (void)wvp::parseRecords(body);
}

void TstWvpClient::channels()
{
    wvp::Device dev;
    dev.id = QStringLiteral("34020000001320000001");
    auto c = wvp::parseChannels(
        QJsonDocument(QJsonObject{{QStringLiteral("code"), 0},
                                  {QStringLiteral("data"), pageInfo(fixtureChannels(dev.id), 1, 10)}})
            .toJson(),
        dev);
    QVERIFY2(c.ok(), qPrintable(c.error.message));
    QCOMPARE(c.value.total, 3);
    QCOMPARE(c.value.items[0].id, QStringLiteral("34020000001320000001/34020000001310000001"));
    QCOMPARE(c.value.items[0].regionId, dev.id);
    QCOMPARE(c.value.items[0].longitude, 119.961);
    QVERIFY(c.value.items[0].ptz);
    QCOMPARE(int(c.value.items[0].status), int(CameraStatus::Online));
    QCOMPARE(int(c.value.items[1].status), int(CameraStatus::Offline));
    QVERIFY(!c.value.items[1].hasPosition()); // 0/0: not placed
    QVERIFY(!c.value.items[2].hasPosition());
    dev.id = QStringLiteral("34020000001320000002");
    dev.datum = Datum::Gcj02;
    c = wvp::parseChannels(QJsonDocument(pageInfo(fixtureChannels(dev.id), 1, 10)).toJson(), dev);
    QVERIFY(c.ok());
    QCOMPARE(c.value.items[0].id, QStringLiteral("34020000001320000002/34020000001310000009"));
    QCOMPARE(int(c.value.items[0].datum), int(Datum::Gcj02)); // WGS-84 pair empty: the raw one, device datum
    QCOMPARE(int(c.value.items[0].status), int(CameraStatus::Online));
    QCOMPARE(
        int(wvp::parseChannels(R"({"code":0,"data":{"total":1,"list":[{"name":"x"}]}})", dev).error.code),
        int(ErrorCode::BadResponse));
}

void TstWvpClient::streams()
{
    auto s = wvp::parseStream(
        R"({"code":0,"msg":"成功","data":{"app":"rtp","stream":"34020000001320000001_34020000001310000001",)"
        R"("ip":"10.0.0.9","flv":"http:)"
        "/"
        R"(/10.0.0.9:80/rtp/x.live.flv","rtsp":"rtsp:)"
        "/"
        R"(/10.0.0.9:554/rtp/34020000001320000001_34020000001310000001","mediaServerId":"zlm1"}})");
    QVERIFY2(s.ok(), qPrintable(s.error.message));
    QCOMPARE(s.value.url.scheme(), QStringLiteral("rtsp"));
    QCOMPARE(s.value.url.port(), 554);
    // Older StreamInfo: {"rtsp": {"url": ...}}; no rtsp -> the next protocol given.
    s = wvp::parseStream(R"({"code":0,"data":{"rtsp":{"url":"rtsp:)"
                         "/"
                         R"(/h:8554/a/b"}}})");
    QCOMPARE(s.value.url.port(), 8554);
    s = wvp::parseStream(R"({"code":0,"data":{"rtmp":"rtmp:)"
                         "/"
                         R"(/h/a/b"}})");
    QCOMPARE(s.value.url.scheme(), QStringLiteral("rtmp"));
    QCOMPARE(int(wvp::parseStream(R"({"code":0,"data":{"app":"rtp"}})").error.code),
             int(ErrorCode::BadResponse));
    QCOMPARE(int(wvp::parseStream(R"({"code":0,"data":{"rtsp":"not a url"}})").error.code),
             int(ErrorCode::BadResponse));
    QCOMPARE(int(wvp::parseStream(R"({"code":100,"msg":"收流超时"})").error.code),
             int(ErrorCode::ServerError));
}

void TstWvpClient::records()
{
    auto r = wvp::parseRecords(
        R"({"code":0,"msg":"成功","data":{"deviceId":"34020000001320000001","channelId":"34020000001310000001",
        "sumNum":2,"count":2,"recordList":[
        {"deviceId":"34020000001310000001","name":"大门","filePath":"x","fileSize":"1048576","address":"a","startTime":"2026-12-06 11:00:00","endTime":"2026-12-06 12:00:00","secrecy":0,"type":"time"},
        {"deviceId":"34020000001310000001","name":"大门","startTime":"2026-12-06 10:00:00","endTime":"2026-12-06 11:00:00","secrecy":0,"type":"alarm"}]}})");
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.size(), 2);
    QCOMPARE(r.value[0].start, QDateTime(QDate(2026, 12, 6), QTime(10, 0), Qt::LocalTime).toUTC());
    QCOMPARE(r.value[0].kind, QStringLiteral("alarm"));
    QCOMPARE(r.value[1].sizeBytes, 1048576);
    // No recordList: nothing recorded.
    QVERIFY(wvp::parseRecords(R"({"code":0,"data":{"sumNum":0}})").ok());
    QCOMPARE(
        int(wvp::parseRecords(
                R"({"code":0,"data":{"recordList":[{"startTime":"today","endTime":"2026-12-06 12:00:00"}]}})")
                .error.code),
        int(ErrorCode::BadResponse));
    QCOMPARE(int(wvp::parseRecords(R"({"code":100,"msg":"timeout"})").error.code),
             int(ErrorCode::ServerError));
}

void TstWvpClient::initTestCase()
{
    QVERIFY(m_server.start());
    m_server.route("GET", QStringLiteral("/api/user/login"), [this](const HttpRequestRecord &req) {
        if (req.queryValue(QStringLiteral("username")) != kUser ||
            req.queryValue(QStringLiteral("password")) != md5(kPassword))
            return HttpReply::json(R"({"code":100,"msg":"Wrong username or password"})");
        return wrapped(QJsonObject{{QStringLiteral("id"), 1},
                                   {QStringLiteral("username"), kUser},
                                   {QStringLiteral("accessToken"), token()},
                                   {QStringLiteral("serverId"), QStringLiteral("000000")}});
    });
    // Every API behind the token check (JwtAuthenticationFilter: HTTP 401 without a valid "access-token").
    auto guarded = [this](std::function<HttpReply(const HttpRequestRecord &)> answer) {
        return [this, answer](const HttpRequestRecord &req) {
            if (QString::fromUtf8(req.header("access-token")) != token())
                return HttpReply::json(R"({"code":401,"msg":"请登录后重新请求"})", 401);
            return answer(req);
        };
    };
    auto pageArgs = [](const HttpRequestRecord &req, int *page, int *count) {
        *page = req.queryValue(QStringLiteral("page")).toInt();
        *count = req.queryValue(QStringLiteral("count")).toInt();
        return *page >= 1 && *count >= 1;
    };
    m_server.route("GET", QStringLiteral("/api/device/query/devices"),
                   guarded([pageArgs](const HttpRequestRecord &req) {
                       int page = 0, count = 0;
                       if (!pageArgs(req, &page, &count))
                           return HttpReply::json(R"({"code":400,"msg":"参数或方法错误"})");
                       return wrapped(pageInfo(fixtureDevices(), page, count));
                   }));
    m_server.route("GET", QStringLiteral("/api/device/query/devices/*"),
                   guarded([pageArgs](const HttpRequestRecord &req) {
                       const QStringList parts =
                           req.path.split(QLatin1Char('/')); // "", api, device, query, devices, id, channels
                       int page = 0, count = 0;
                       if (parts.size() != 7 || parts[6] != QLatin1String("channels") ||
                           !pageArgs(req, &page, &count))
                           return HttpReply::json(R"({"code":400,"msg":"参数或方法错误"})");
                       return wrapped(pageInfo(fixtureChannels(parts[5]), page, count));
                   }));
    m_server.route(
        "GET", QStringLiteral("/api/play/start/*"), guarded([](const HttpRequestRecord &req) {
            const QStringList parts = req.path.split(QLatin1Char('/')); // "", api, play, start, dev, ch
            const QString stream = parts.value(4) + QLatin1Char('_') + parts.value(5);
            return wrapped(QJsonObject{
                {QStringLiteral("app"), QStringLiteral("rtp")},
                {QStringLiteral("stream"), stream},
                {QStringLiteral("flv"), QStringLiteral("http:/") + QStringLiteral("/127.0.0.1:80/rtp/") +
                                            stream + QStringLiteral(".live.flv")},
                {QStringLiteral("rtsp"),
                 QStringLiteral("rtsp:/") + QStringLiteral("/127.0.0.1:554/rtp/") + stream}});
        }));
    m_server.route(
        "GET", QStringLiteral("/api/playback/start/*"), guarded([](const HttpRequestRecord &req) {
            if (req.queryValue(QStringLiteral("startTime")).size() != 19)
                return HttpReply::json(R"({"code":100,"msg":"startTime格式为yyyy-MM-dd HH:mm:ss"})");
            return wrapped(
                QJsonObject{{QStringLiteral("app"), QStringLiteral("rtp")},
                            {QStringLiteral("stream"), QStringLiteral("pb_0001")},
                            {QStringLiteral("rtsp"),
                             QStringLiteral("rtsp:/") + QStringLiteral("/127.0.0.1:554/rtp/pb_0001")},
                            {QStringLiteral("startTime"), req.queryValue(QStringLiteral("startTime"))},
                            {QStringLiteral("endTime"), req.queryValue(QStringLiteral("endTime"))}});
        }));
    m_server.route("GET", QStringLiteral("/api/gb_record/query/*"), guarded([](const HttpRequestRecord &req) {
                       return wrapped(QJsonObject{
                           {QStringLiteral("sumNum"), 1},
                           {QStringLiteral("recordList"),
                            QJsonArray{QJsonObject{
                                {QStringLiteral("startTime"), req.queryValue(QStringLiteral("startTime"))},
                                {QStringLiteral("endTime"), req.queryValue(QStringLiteral("endTime"))},
                                {QStringLiteral("type"), QStringLiteral("time")}}}}});
                   }));
}

void TstWvpClient::cameras()
{
    m_server.clearRequests();
    auto client = makePlatformClient(PlatformKind::Wvp, site(kPassword));
    QVERIFY(client);
    static_cast<WvpClient *>(client.get())->setPageSize(2);
    qint64 last = -1;
    const auto r = client->cameras([&](qint64 done, qint64) {
        last = done;
        return true;
    });
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.regions.size(), 3);
    QCOMPARE(r.value.regions[2].name, QStringLiteral("34020000001320000003")); // nameless device: its id
    QCOMPARE(r.value.cameras.size(), 4);
    QCOMPARE(last, 4);
    QCOMPARE(r.value.cameras[3].id, QStringLiteral("34020000001320000002/34020000001310000009"));
    QCOMPARE(int(r.value.cameras[3].datum), int(Datum::Gcj02));
    // login, 2 device pages, device 1: 2 channel pages, device 2: 1, device 3: 1
    QCOMPARE(r.value.requests, 7);
    const auto reqs = m_server.requests();
    QCOMPARE(reqs.size(), 7);
    QCOMPARE(reqs[0].queryValue(QStringLiteral("password")), md5(kPassword)); // never the password itself
    for (const auto &req : reqs)
        QVERIFY(!req.target.contains(kPassword.toUtf8()));
    QCOMPARE(reqs[1].header("access-token"), token().toUtf8());
}

void TstWvpClient::liveAndPlayback()
{
    WvpClient client(site(kPassword));
    auto live = client.liveUrl(QStringLiteral("34020000001320000001/34020000001310000001"));
    QVERIFY2(live.ok(), qPrintable(live.error.message));
    QCOMPARE(live.value.url.toString(),
             QStringLiteral("rtsp:/") +
                 QStringLiteral("/127.0.0.1:554/rtp/34020000001320000001_34020000001310000001"));
    const QDateTime from(QDate(2026, 12, 6), QTime(10, 0), Qt::LocalTime);
    m_server.clearRequests();
    const auto pb = client.playbackUrl(QStringLiteral("34020000001320000001/34020000001310000001"), from,
                                       from.addSecs(1800));
    QVERIFY2(pb.ok(), qPrintable(pb.error.message));
    QCOMPARE(pb.value.url.path(), QStringLiteral("/rtp/pb_0001"));
    const auto req = m_server.requests().constLast();
    QCOMPARE(req.path, QStringLiteral("/api/playback/start/34020000001320000001/34020000001310000001"));
    QCOMPARE(req.queryValue(QStringLiteral("startTime")), QStringLiteral("2026-12-06 10:00:00"));
    QCOMPARE(req.queryValue(QStringLiteral("endTime")), QStringLiteral("2026-12-06 10:30:00"));
    const auto bad = client.liveUrl(QStringLiteral("no-slash"));
    QCOMPARE(int(bad.error.code), int(ErrorCode::NotFound));
    QVERIFY(bad.error.message.contains(QStringLiteral("deviceId/channelId")));
}

void TstWvpClient::recordings()
{
    WvpClient client(site(kPassword));
    const QDateTime from(QDate(2026, 12, 6), QTime(8, 0), Qt::LocalTime);
    const auto r = client.recordings(QStringLiteral("34020000001320000001/34020000001310000001"), from,
                                     from.addSecs(3600));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.value.size(), 1);
    QCOMPARE(r.value[0].start, from.toUTC());
    QCOMPARE(r.value[0].end, from.addSecs(3600).toUTC());
    QCOMPARE(r.value[0].kind, QStringLiteral("time"));
}

void TstWvpClient::tokenRefusedOnce()
{
    WvpClient client(site(kPassword));
    QVERIFY(client.login().ok());
    QCOMPARE(client.loginCount(), 1);
    {
        std::lock_guard lock(m_mutex); // the platform restarted: the old token is refused (HTTP 401)
        m_token = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.fixture.%1").arg(++m_tokens);
    }
    const auto live = client.liveUrl(QStringLiteral("34020000001320000001/34020000001310000001"));
    QVERIFY2(live.ok(), qPrintable(live.error.message));
    QCOMPARE(client.loginCount(), 2); // logged in again once, then answered
}

void TstWvpClient::wrongPassword()
{
    const QString wrong = QStringLiteral("not-the-password");
    auto client = makePlatformClient(PlatformKind::Wvp, site(wrong));
    const auto l = client->login();
    QCOMPARE(int(l.error.code), int(ErrorCode::WrongCredentials));
    QVERIFY(l.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(m_server.port())));
    QVERIFY(l.error.message.contains(QStringLiteral("\"admin\"")));
    QVERIFY(!l.error.message.contains(wrong));
    QVERIFY(!l.error.message.contains(md5(wrong)));
    const auto c = client->cameras();
    QCOMPARE(int(c.error.code), int(ErrorCode::WrongCredentials));
}

void TstWvpClient::serverDown()
{
    TestHttpServer gone;
    QVERIFY(gone.start());
    SiteConnection s = site(kPassword);
    s.baseUrl = gone.url();
    gone.stop();
    WvpClient client(s);
    const auto r = client.cameras();
    QCOMPARE(int(r.error.code), int(ErrorCode::Unreachable));
    QVERIFY(r.error.message.contains(QStringLiteral("WVP-GB28181-pro")));
    QVERIFY(!r.error.message.contains(kPassword));
}

QTEST_GUILESS_MAIN(TstWvpClient)
#include "tst_wvp_client.moc"
