// Our Vigil API end to end against the real `vigil-demo-backend` process: login, the camera pages and the
// ETag/304, token expiry and the single re-login, wrong password, live URLs, the WebSocket push of unit
// positions, and `vigilctl backend` (JSON, redaction, exit codes). Each test starts its own server with
// --port 0 and waits for its READY line. The push* tests run Vigil's own WebSocket client (OursPush) against
// the DemoBackend in-process (stopped and started again on its port), and against a QTcpServer that goes
// silent. platformAlarmsIntoTheAlarmFlow: the demo platform's alarms through OursPush and PlatformAlarms into
// the AlarmCenter (a real SQLite file), once each, and the operator's acknowledgement back over REST.
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/alarm_database.h"
#include "vigil/alarms/platform_alarms.h"
#include "vigil/backend/ours_client.h"
#include "vigil/backend/ours_parsers.h"
#include "vigil/backend/ours_push.h"
#include "vigil/core/worker_threads.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"
#include "vigil/network/http_client.h"
#include "vigil/network/websocket_client.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace vigil::backend;

namespace {

const QString kSecretBase = QStringLiteral("rtsp://admin:s3cret@127.0.0.1:8554");

// One vigil-demo-backend process; stopped (SIGTERM) when destroyed.
class Server
{
public:
    explicit Server(QStringList args)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(qEnvironmentVariable("VIGIL_DEMO_BACKEND"),
                        QStringList{QStringLiteral("--port"), QStringLiteral("0")} + args);
        QByteArray out;
        while (!out.contains('\n') && m_process.waitForReadyRead(20000))
            out += m_process.readAllStandardOutput();
        if (out.startsWith("READY port="))
            m_port = out.mid(11).trimmed().toInt();
    }
    ~Server() { stop(); }
    bool ok() const { return m_port > 0; }
    int port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    // SIGTERM, then the exit code (-1 when it did not exit cleanly within 10 s).
    int stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_exit;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished();
            return m_exit = -1;
        }
        return m_exit = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

private:
    QProcess m_process;
    int m_port = 0;
    int m_exit = -1;
};

#define START_SERVER(name, ...)                                                                              \
    Server name(QStringList{__VA_ARGS__});                                                                   \
    QVERIFY2(name.ok(), "vigil-demo-backend did not print READY: is VIGIL_DEMO_BACKEND set to the binary?")

struct Cli
{
    int exit = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Cli vigilctl(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("VIGILCTL"), QStringList{QStringLiteral("backend")} + args);
    Cli c;
    if (!p.waitForFinished(60000))
        return c;
    c.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    c.out = p.readAllStandardOutput();
    c.err = p.readAllStandardError();
    return c;
}

// Takes WebSocket connections and says nothing: with `upgrade`, it answers the upgrade (101) and then stays
// silent (counts the pings it never answers); without, it never answers at all.
template<typename Base> class SilentServerOn : public Base
{
public:
    explicit SilentServerOn(bool upgrade)
        : m_upgrade(upgrade)
    {
        // A plain server announces newConnection; QSslServer (6.4) pendingConnectionAvailable once encrypted.
        QObject::connect(this, &QTcpServer::newConnection, this, [this] { take(); });
        QObject::connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] { take(); });
    }
    void take()
    {
        {
            while (QTcpSocket *s = this->nextPendingConnection()) {
                const qsizetype i = sockets.size();
                sockets.append(s);
                requests.append(QByteArray());
                QObject::connect(s, &QTcpSocket::readyRead, this, [this, s, i] {
                    const QByteArray data = s->readAll();
                    if (!requests[i].contains("\r\n\r\n")) {
                        requests[i] += data;
                        if (m_upgrade && requests[i].contains("\r\n\r\n"))
                            answerUpgrade(i);
                    } else if (!data.isEmpty() && (quint8(data.at(0)) & 0x0f) == 0x9) {
                        ++pings; // a client frame: FIN + opcode 9 is a ping
                    }
                });
            }
        }
    }
    void answerUpgrade(qsizetype i)
    {
        QByteArray key;
        for (const QByteArray &line : requests[i].split('\n'))
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(18).trimmed();
        const QByteArray accept =
            QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1)
                .toBase64();
        if (sockets[i]->state() == QAbstractSocket::ConnectedState)
            sockets[i]->write(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Accept: " +
                accept + "\r\n\r\n");
    }

    QList<QTcpSocket *> sockets;
    QList<QByteArray> requests;
    int pings = 0;

private:
    bool m_upgrade;
};
using SilentServer = SilentServerOn<QTcpServer>;
using SilentTlsServer = SilentServerOn<QSslServer>;

} // namespace

class TstBackendDemo : public QObject
{
    Q_OBJECT

private slots:
    void camerasInPagesThen304()
    {
        START_SERVER(server, QStringLiteral("--cameras"), QStringLiteral("40"), QStringLiteral("--rtsp-base"),
                     kSecretBase, QStringLiteral("--units"), QStringLiteral("0"));
        OursClient client({server.url(), QStringLiteral("demo"), QStringLiteral("demo")});
        client.setPageSize(7);
        QList<qint64> progress;
        const auto first = client.cameras([&progress](qint64 done, qint64 total) {
            progress.append(done);
            return total == 40;
        });
        QVERIFY2(first.ok(), qPrintable(first.error.message));
        const CameraList &list = first.value;
        QCOMPARE(list.cameras.size(), 40);
        // Pages are parsed in parallel: the reports rise, start at the first page and end at the whole list.
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.first(), 7);
        QCOMPARE(progress.last(), 40);
        QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
        QCOMPARE(client.loginCount(), 1);
        QCOMPARE(list.requests, 1 + 1 + 6); // login, regions, six pages
        QVERIFY(!list.notModified);
        QVERIFY(!list.etag.isEmpty());

        QSet<QString> ids;
        const RegionPaths paths(list.regions);
        for (const BackendCamera &c : list.cameras) {
            ids.insert(c.id);
            QCOMPARE(paths.path(c.regionId).count(QStringLiteral(" / ")), 2); // county / township / village
            QVERIFY(c.hasPosition());
        }
        QCOMPARE(ids.size(), 40);
        const BackendCamera &cam01 = list.cameras.first();
        QCOMPARE(cam01.id, QStringLiteral("cam01"));
        QCOMPARE(cam01.name, QStringLiteral("东门路口"));
        QCOMPARE(cam01.mainStream, kSecretBase + QStringLiteral("/cam01/main"));
        QCOMPARE(paths.path(cam01.regionId), QStringLiteral("德清县（演示） / 武康街道 / 东桥村"));
        // Every fourth generated camera leaves its streams to the live call.
        QVERIFY(!list.cameras[16 + 3].hasStreams());
        QVERIFY(list.cameras[16 + 2].hasStreams());

        // Nothing changed: one conditional request for the list, answered 304, the same cameras back.
        const auto second = client.cameras();
        QVERIFY2(second.ok(), qPrintable(second.error.message));
        QVERIFY(second.value.notModified);
        QCOMPARE(second.value.requests, 2); // regions + page 1 (304)
        QCOMPARE(second.value.cameras.size(), 40);
        QCOMPARE(second.value.cameras[39].id, list.cameras[39].id);
        QCOMPARE(client.loginCount(), 1);

        QCOMPARE(server.stop(), 0); // SIGTERM: a clean exit
    }

    void cancelledByProgress()
    {
        START_SERVER(server, QStringLiteral("--cameras"), QStringLiteral("30"), QStringLiteral("--units"),
                     QStringLiteral("0"));
        OursClient client({server.url(), QStringLiteral("demo"), QStringLiteral("demo")});
        client.setPageSize(10);
        const auto r = client.cameras([](qint64 done, qint64) { return done < 10; });
        QCOMPARE(int(r.error.code), int(ErrorCode::Cancelled));
    }

    void tokenGoodForOneRequestMeansOneReloginPerRequest()
    {
        // Each access token serves one request: every later request is refused "token_expired" and the client
        // renews it with the refresh token (the password is sent once, at the login), and the retry succeeds.
        START_SERVER(server, QStringLiteral("--cameras"), QStringLiteral("20"),
                     QStringLiteral("--token-uses"), QStringLiteral("1"), QStringLiteral("--units"),
                     QStringLiteral("0"));
        OursClient client({server.url(), QStringLiteral("demo"), QStringLiteral("demo")});
        client.setPageSize(5);
        const auto r = client.cameras();
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.cameras.size(), 20);
        QCOMPARE(client.loginCount(), 1);   // regions on the first token,
        QCOMPARE(client.refreshCount(), 4); // then one refresh per page (4 pages)
        const auto live = client.liveUrl(QStringLiteral("cam01"));
        QVERIFY2(!live.ok(), "no RTSP base: the live call must say there is no stream");
        QCOMPARE(client.loginCount(), 1);
        QCOMPARE(client.refreshCount(), 5);
    }

    void tokenBornExpiredGivesOneReloginThenAClearError()
    {
        START_SERVER(server, QStringLiteral("--token-seconds"), QStringLiteral("0"),
                     QStringLiteral("--units"), QStringLiteral("0"));
        OursClient client({server.url(), QStringLiteral("demo"), QStringLiteral("demo")});
        const auto r = client.cameras();
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error.code), int(ErrorCode::TokenExpired));
        QCOMPARE(r.error.serverCode, QStringLiteral("token_expired"));
        QVERIFY2(r.error.message.contains(QStringLiteral("refused a fresh login as expired")),
                 qPrintable(r.error.message));
        QVERIFY2(r.error.message.contains(QStringLiteral("clocks")), qPrintable(r.error.message));
        QCOMPARE(client.refreshCount(), 1); // its token is born expired too,
        QCOMPARE(client.loginCount(), 2);   // so the first login and exactly one more
    }

    // A platform that restarted knows neither the access token nor the refresh token: the refresh is tried,
    // refused, and one login renews the session.
    void refreshRefusedFallsBackToOneLogin()
    {
        vigil::demo::DemoBackendOptions o;
        o.unitCount = 0;
        o.alarmIntervalMs = 0;
        auto platform = std::make_unique<vigil::demo::DemoBackend>(o);
        QString error;
        QVERIFY2(platform->start(&error), qPrintable(error));
        o.port = platform->port();
        OursClient client({platform->baseUrl(), o.user, o.password});
        QVERIFY(client.regions().ok());
        QCOMPARE(client.loginCount(), 1);
        platform.reset();
        platform = std::make_unique<vigil::demo::DemoBackend>(o);
        QVERIFY2(platform->start(&error), qPrintable(error));
        const auto r = client.regions();
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(client.refreshCount(), 1); // tried first, refused
        QCOMPARE(client.loginCount(), 2);   // then one login
    }

    void wrongPassword()
    {
        START_SERVER(server, QStringLiteral("--user"), QStringLiteral("operator"),
                     QStringLiteral("--password"), QStringLiteral("right"), QStringLiteral("--units"),
                     QStringLiteral("0"));
        OursClient client({server.url(), QStringLiteral("operator"), QStringLiteral("wrong")});
        const auto r = client.cameras();
        QCOMPARE(int(r.error.code), int(ErrorCode::WrongCredentials));
        QCOMPARE(r.error.message,
                 QStringLiteral("The platform at 127.0.0.1:%1 refused user \"operator\": wrong user "
                                "name or password. Check them in the site's settings.")
                     .arg(server.port()));
        QVERIFY(
            !r.error.message.contains(QStringLiteral("wrong\""))); // the password is never in the sentence
        OursClient right({server.url(), QStringLiteral("operator"), QStringLiteral("right")});
        QVERIFY(right.login().ok());
    }

    void unreachable()
    {
        // A port that was just free: nobody listens there.
        int port = 0;
        {
            START_SERVER(gone, QStringLiteral("--units"), QStringLiteral("0"));
            port = gone.port();
        }
        OursClient client({QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), QStringLiteral("demo"),
                           QStringLiteral("demo")});
        const auto r = client.cameras();
        QCOMPARE(int(r.error.code), int(ErrorCode::Unreachable));
        QVERIFY2(
            r.error.message.startsWith(QStringLiteral("Cannot reach the platform at 127.0.0.1:%1").arg(port)),
            qPrintable(r.error.message));
    }

    void liveUrls()
    {
        START_SERVER(server, QStringLiteral("--cameras"), QStringLiteral("30"), QStringLiteral("--rtsp-base"),
                     kSecretBase, QStringLiteral("--units"), QStringLiteral("0"));
        OursClient client({server.url(), QStringLiteral("demo"), QStringLiteral("demo")});
        const auto sub = client.liveUrl(QStringLiteral("cam02"), true);
        QVERIFY2(sub.ok(), qPrintable(sub.error.message));
        QCOMPARE(sub.value.url.toString(), kSecretBase + QStringLiteral("/cam02/sub"));
        QVERIFY(sub.value.expiresAt > QDateTime::currentDateTimeUtc());
        // A generated camera without listed streams plays one of the demo pictures.
        const auto generated = client.liveUrl(QStringLiteral("c0000020"));
        QVERIFY2(generated.ok(), qPrintable(generated.error.message));
        QVERIFY(generated.value.url.path().endsWith(QStringLiteral("/main")));
        const auto missing = client.liveUrl(QStringLiteral("cam99"));
        QCOMPARE(int(missing.error.code), int(ErrorCode::NotFound));
        QCOMPARE(missing.error.serverCode, QStringLiteral("camera_not_found"));
    }

    void recordingsServedWithByteRanges()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg is not installed (scripts/setup-deps.sh installs it)");
        // A recording in Vigil's local layout: <root>/cam01/<UTC start>.mkv, 4 s, made by the ffmpeg CLI.
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("cam01")));
        const QDateTime start(QDate(2026, 12, 6), QTime(14, 0, 0), Qt::UTC);
        const QString file = root.filePath(QStringLiteral("cam01/20261206T140000.000.mkv"));
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                      QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("testsrc2=size=320x180:rate=25:duration=4"), QStringLiteral("-c:v"),
                      QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                      file});
        QVERIFY(ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0);

        START_SERVER(server, QStringLiteral("--cameras"), QStringLiteral("16"), QStringLiteral("--units"),
                     QStringLiteral("0"), QStringLiteral("--recordings"), root.path());
        OursClient client({server.url(), QStringLiteral("demo"), QStringLiteral("demo")});
        const auto list =
            client.recordings(QStringLiteral("cam01"), start.addSecs(-3600), start.addSecs(3600));
        QVERIFY2(list.ok(), qPrintable(list.error.message));
        QCOMPARE(list.value.size(), 1);
        QCOMPARE(list.value[0].start, start);
        QVERIFY2(std::abs(start.msecsTo(list.value[0].end) - 4000) <= 100,
                 qPrintable(list.value[0].end.toString(Qt::ISODateWithMs)));
        QCOMPARE(list.value[0].sizeBytes, QFileInfo(file).size());
        const QUrl url = list.value[0].url;
        QCOMPARE(url.path(), QStringLiteral("/media/cam01/20261206T140000.000.mkv"));
        // Outside the range, and a camera that recorded nothing: empty lists, not errors.
        const auto before =
            client.recordings(QStringLiteral("cam01"), start.addSecs(-7200), start.addSecs(-3600));
        QVERIFY(before.ok() && before.value.isEmpty());
        const auto none =
            client.recordings(QStringLiteral("cam02"), start.addSecs(-3600), start.addSecs(3600));
        QVERIFY(none.ok() && none.value.isEmpty());
        const auto play = client.playbackUrl(QStringLiteral("cam01"), start.addSecs(1), start.addSecs(2));
        QVERIFY2(play.ok(), qPrintable(play.error.message));
        QCOMPARE(play.value.url, url);

        // The file, a byte range of it (the recorded engine seeks with these), and refusals.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        auto get = [](const QUrl &u, const QByteArray &range) {
            vigil::network::HttpRequest r;
            r.method = "GET";
            r.url = u;
            if (!range.isEmpty())
                r.headers.append({"Range", range});
            return vigil::network::HttpClient::instance().sendSync(r);
        };
        const auto whole = get(url, {});
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body, bytes);
        const auto part = get(url, "bytes=100-199");
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, bytes.mid(100, 100));
        QCOMPARE(part.header("Content-Range"),
                 QByteArray("bytes 100-199/") + QByteArray::number(bytes.size()));
        const auto tail = get(url, "bytes=-50");
        QCOMPARE(tail.status, 206);
        QCOMPARE(tail.body, bytes.right(50));
        QCOMPARE(get(url, "bytes=" + QByteArray::number(bytes.size()) + "-").status, 416);
        QUrl escape = server.url();
        escape.setPath(QStringLiteral("/media/cam01/..%2F..%2Fetc%2Fpasswd"));
        QCOMPARE(get(escape, {}).status, 404);

        // vigilctl backend recordings: the same list as JSON.
        const Cli cli =
            vigilctl({QStringLiteral("recordings"), server.url().toString(), QStringLiteral("cam01"),
                      QStringLiteral("--kind"), QStringLiteral("ours"), QStringLiteral("--user"),
                      QStringLiteral("demo"), QStringLiteral("--password"), QStringLiteral("demo"),
                      QStringLiteral("--from"), QStringLiteral("2026-12-06T13:00:00Z"),
                      QStringLiteral("--to"), QStringLiteral("2026-12-06T15:00:00Z")});
        QVERIFY2(cli.exit == 0, cli.err.constData());
        const QJsonArray items = cli.json().value(QStringLiteral("recordings")).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("start")).toString(),
                 QStringLiteral("2026-12-06T14:00:00.000Z"));
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("url")).toString(), url.toString());
    }

    void pushDeliversUnitPositions()
    {
        namespace asio = boost::asio;
        namespace beast = boost::beast;
        namespace websocket = beast::websocket;
        START_SERVER(server, QStringLiteral("--units"), QStringLiteral("3"));
        OursClient client({server.url(), QStringLiteral("demo"), QStringLiteral("demo")});
        const auto tokens = client.login();
        QVERIFY2(tokens.ok(), qPrintable(tokens.error.message));

        asio::io_context ioc;
        asio::ip::tcp::resolver resolver(ioc);
        const auto endpoints = resolver.resolve("127.0.0.1", std::to_string(server.port()));

        // Without a token the upgrade is refused.
        {
            websocket::stream<beast::tcp_stream> ws(ioc);
            beast::get_lowest_layer(ws).connect(endpoints);
            beast::error_code ec;
            ws.handshake("127.0.0.1", "/api/v1/push", ec);
            QVERIFY2(ec, "the push channel must refuse a client without a token");
        }

        websocket::stream<beast::tcp_stream> ws(ioc);
        beast::get_lowest_layer(ws).connect(endpoints);
        const std::string token = client.accessToken().toStdString();
        ws.set_option(websocket::stream_base::decorator([token](websocket::request_type &req) {
            req.set(beast::http::field::authorization, "Bearer " + token);
        }));
        beast::error_code ec;
        ws.handshake("127.0.0.1", "/api/v1/push", ec);
        QVERIFY2(!ec, ec.message().c_str());
        ws.write(asio::buffer(std::string(R"({"type":"subscribe","topics":["units"]})")), ec);
        QVERIFY2(!ec, ec.message().c_str());

        // "subscribed", the current positions at once, then a tick later the moved ones (each read is
        // bounded).
        bool subscribed = false;
        QList<QList<UnitFix>> batches;
        while (batches.size() < 2) {
            beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(15));
            beast::flat_buffer buffer;
            ws.read(buffer, ec);
            QVERIFY2(!ec, qPrintable(QStringLiteral("no push message within 15 s: %1")
                                         .arg(QString::fromStdString(ec.message()))));
            const QByteArray text = QByteArray::fromStdString(beast::buffers_to_string(buffer.data()));
            const auto m = parsePushMessage(text);
            QVERIFY2(m.ok(), qPrintable(m.error.message));
            if (m.value.type == PushMessage::Type::Subscribed) {
                QCOMPARE(m.value.topics, QStringList{QStringLiteral("units")});
                subscribed = true;
            } else if (m.value.type == PushMessage::Type::Units) {
                QVERIFY2(subscribed, "positions before the subscription was confirmed");
                batches.append(m.value.units);
            }
        }
        QCOMPARE(batches[0].size(), 3);
        QCOMPARE(batches[1].size(), 3);
        bool moved = false;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(batches[1][i].id, batches[0][i].id);
            QVERIFY(batches[1][i].time.isValid());
            moved = moved || batches[1][i].longitude != batches[0][i].longitude ||
                    batches[1][i].latitude != batches[0][i].latitude;
        }
        QVERIFY2(moved, "no unit moved between two pushes");
        // The REST list agrees with the push.
        const auto units = client.units();
        QVERIFY2(units.ok(), qPrintable(units.error.message));
        QCOMPARE(units.value.size(), 3);
        ws.close(websocket::close_code::normal, ec);

        // Clients that cannot set headers pass the token in the query.
        websocket::stream<beast::tcp_stream> byQuery(ioc);
        beast::get_lowest_layer(byQuery).connect(endpoints);
        byQuery.handshake("127.0.0.1", "/api/v1/push?access_token=" + token, ec);
        QVERIFY2(!ec, ec.message().c_str());
        byQuery.write(
            asio::buffer(std::string("{\"type\":\"subscribe\",\"topics\":[\"alarms\",\"weather\"]}")), ec);
        QVERIFY2(!ec, ec.message().c_str());
        QStringList seen;
        while (!seen.contains(QStringLiteral("subscribed"))) {
            beast::get_lowest_layer(byQuery).expires_after(std::chrono::seconds(15));
            beast::flat_buffer buffer;
            byQuery.read(buffer, ec);
            QVERIFY2(!ec, ec.message().c_str());
            const QJsonObject m =
                QJsonDocument::fromJson(QByteArray::fromStdString(beast::buffers_to_string(buffer.data())))
                    .object();
            seen.append(m.value(QStringLiteral("type")).toString());
            if (seen.last() == QLatin1String("error"))
                QCOMPARE(m.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                         QStringLiteral("unknown_topic"));
            if (seen.last() == QLatin1String("subscribed"))
                QCOMPARE(m.value(QStringLiteral("topics")).toArray(), QJsonArray{QStringLiteral("alarms")});
        }
        QCOMPARE(seen, (QStringList{QStringLiteral("error"), QStringLiteral("subscribed")}));
        byQuery.close(websocket::close_code::normal, ec);
    }

    // --- The push channel through Vigil's own client (network::WebSocketClient, backend::OursPush) against
    // the in-process DemoBackend.

    void pushClientReceivesUnits()
    {
        vigil::demo::DemoBackendOptions o;
        o.unitCount = 3;
        o.unitIntervalMs = 200;
        vigil::demo::DemoBackend backend(o);
        QString error;
        QVERIFY2(backend.start(&error), qPrintable(error));
        OursPush push({backend.baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")});
        QSignalSpy units(&push, &OursPush::unitsReceived);
        QSignalSpy subscribed(&push, &OursPush::subscribed);
        push.start();
        QVERIFY2(units.wait(10000), qPrintable(push.lastError()));
        QCOMPARE(subscribed.size(), 1);
        QCOMPARE(subscribed.first().first().toStringList(),
                 (QStringList{QStringLiteral("units"), QStringLiteral("alarms")}));
        const auto first = units.first().first().value<QList<UnitFix>>();
        QCOMPARE(first.size(), 3);
        QVERIFY(!first.first().id.isEmpty());
        QCOMPARE(push.status(), OursPush::Status::Live);
        QCOMPARE(push.logins(), 1);
        QCOMPARE(backend.pushClients(), 1);
        // Batches keep coming, one per simulator step.
        QTRY_VERIFY_WITH_TIMEOUT(units.size() >= 3, 5000);
        push.stop();
        QTRY_COMPARE_WITH_TIMEOUT(backend.pushClients(), 0, 5000);
    }

    // The platform goes away and comes back on the same port: the client is live again (a units batch) within
    // 5 s of the platform being back, whatever the backoff had reached. The platform lost its tokens, so each
    // comeback also costs the one re-login (401 invalid_token at the upgrade).
    void pushReconnectsWithinFiveSeconds()
    {
        vigil::demo::DemoBackendOptions o;
        o.unitCount = 2;
        o.unitIntervalMs = 200;
        auto backend = std::make_unique<vigil::demo::DemoBackend>(o);
        QString error;
        QVERIFY2(backend->start(&error), qPrintable(error));
        o.port = backend->port();
        OursPush push({backend->baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")});
        QSignalSpy units(&push, &OursPush::unitsReceived);
        push.start();
        QVERIFY2(units.wait(10000), qPrintable(push.lastError()));

        // Restart after 1, 2 and 4 failed attempts: the next attempt is then 0.5, 1-2 and 4 s (the cap) away.
        QList<qint64> liveAgainMs;
        int restarts = 0;
        for (const int failedAttempts : {1, 2, 4}) {
            backend.reset();
            QSignalSpy failures(&push, &OursPush::reconnecting);
            QTRY_VERIFY_WITH_TIMEOUT(failures.size() >= failedAttempts, 15000);
            const int nextAttemptMs = failures.last().first().toInt();
            backend = std::make_unique<vigil::demo::DemoBackend>(o);
            QVERIFY2(backend->start(&error), qPrintable(error));
            ++restarts;
            units.clear();
            QElapsedTimer back;
            back.start();
            QVERIFY2(units.wait(10000), qPrintable(push.lastError()));
            liveAgainMs.append(back.elapsed());
            QCOMPARE(push.status(), OursPush::Status::Live);
            qInfo("reconnect: platform back after %d failed attempt(s), next attempt due in %d ms -> units "
                  "again after %lld ms (with the re-login, upgrade, subscribe and first batch)",
                  failedAttempts, nextAttemptMs, liveAgainMs.last());
            QVERIFY2(liveAgainMs.last() < 5000,
                     qPrintable(QStringLiteral("live again only after %1 ms").arg(liveAgainMs.last())));
        }
        const auto median = [](QList<qint64> v) {
            std::sort(v.begin(), v.end());
            return v.at(v.size() / 2);
        };
        qInfo("reconnect: units again after median %lld ms, max %lld ms over %lld restarts",
              median(liveAgainMs), *std::max_element(liveAgainMs.cbegin(), liveAgainMs.cend()),
              qlonglong(liveAgainMs.size()));
        QCOMPARE(push.logins(), 1 + restarts); // one re-login per comeback, not more
        QCOMPARE(push.refreshes(), 0);         // each restarted platform refused the old refresh token
        QCOMPARE(backend->logins(), 1);
    }

    // Every token is born expired: the push logs in, is refused at the upgrade, renews its token once with
    // the refresh token (no second password login), is refused again and stops with a sentence for the
    // operator (no loop). An acknowledgement over REST does the same with its own client: one login, one
    // refresh after the 401, then the clear error.
    void pushTokenRefusedAtUpgradeLogsInAgainOnce()
    {
        vigil::demo::DemoBackendOptions o;
        o.unitCount = 1;
        o.tokenSeconds = 0;
        vigil::demo::DemoBackend backend(o);
        QString error;
        QVERIFY2(backend.start(&error), qPrintable(error));
        OursPush push({backend.baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")});
        push.start();
        QTRY_COMPARE_WITH_TIMEOUT(push.status(), OursPush::Status::Failed, 10000);
        QCOMPARE(push.logins(), 1);
        QCOMPARE(push.refreshes(), 1);
        QCOMPARE(backend.logins(), 1);
        QCOMPARE(backend.refreshes(), 1);
        QVERIFY2(push.lastError().contains(QStringLiteral("fresh login")), qPrintable(push.lastError()));
        QVERIFY2(!push.lastError().contains(QStringLiteral("Bearer")), qPrintable(push.lastError()));
        QCOMPARE(backend.pushClients(), 0);

        QString ackError;
        bool permanent = false, done = false;
        push.acknowledgeAlarm(QStringLiteral("demo-1"), QStringLiteral("seen"),
                              [&](const QString &e, bool p) {
                                  ackError = e;
                                  permanent = p;
                                  done = true;
                              });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(ackError.contains(QStringLiteral("refused to acknowledge")), qPrintable(ackError));
        QVERIFY(permanent);
        QCOMPARE(backend.logins(), 2);    // the acknowledgements' own client: one login,
        QCOMPARE(backend.refreshes(), 2); // and one refresh after its 401, not a second login
        QCOMPARE(backend.alarmsAcknowledged(), 0);
    }

    // The owner goes away mid-connect: no crash, no handler, no signal, and the socket is closed.
    void pushOwnerDestroyedMidConnect()
    {
        using namespace vigil::network;
        SilentServer server(false);
        QVERIFY(server.listen(QHostAddress::LocalHost));

        std::atomic<int> calls{0};
        WebSocketOptions options;
        options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/push").arg(server.serverPort()));
        options.headers = {{"Authorization", "Bearer secret"}};
        WebSocketConnection::Handlers handlers;
        handlers.opened = [&calls] {
            ++calls;
        };
        handlers.message = [&calls](QByteArray) {
            ++calls;
        };
        handlers.failed = [&calls](WebSocketFailure) {
            ++calls;
        };
        auto conn = WebSocketConnection::create(options, handlers);
        conn->start();
        QTRY_VERIFY_WITH_TIMEOUT(server.sockets.size() == 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(server.requests.first().contains("\r\n\r\n"), 5000); // the upgrade is here
        conn->stop();
        server.answerUpgrade(0); // too late: the client has given up on it
        QTRY_COMPARE_WITH_TIMEOUT(server.sockets.first()->state(), QAbstractSocket::UnconnectedState, 5000);
        conn.reset();
        QCOMPARE(calls.load(), 0);

        // The Qt wrapper destroyed mid-connect, and OursPush destroyed mid-login.
        {
            auto client = std::make_unique<WebSocketClient>();
            QSignalSpy any(client.get(), &WebSocketClient::failed);
            options.headers.clear();
            client->open(options);
            QTRY_VERIFY_WITH_TIMEOUT(server.sockets.size() == 2, 5000);
            client.reset();
            QTRY_COMPARE_WITH_TIMEOUT(server.sockets.last()->state(), QAbstractSocket::UnconnectedState,
                                      5000);
            QCOMPARE(any.size(), 0);
        }
        vigil::demo::DemoBackendOptions o;
        o.unitCount = 1;
        vigil::demo::DemoBackend backend(o);
        QString error;
        QVERIFY2(backend.start(&error), qPrintable(error));
        auto push = std::make_unique<OursPush>(
            SiteConnection{backend.baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")});
        push->start();
        push.reset();
        QVERIFY(vigil::core::WorkerThreads::wait(15000, u"push-login"));
        QCoreApplication::sendPostedEvents(); // the login's answer, addressed to no one
        QCOMPARE(backend.logins(), 1);
        QCOMPARE(backend.pushClients(), 0);
    }

    // A server that takes the connection and then says nothing: without an upgrade answer the attempt ends at
    // connectTimeoutMs; after a good upgrade, the missing pongs declare the connection dead at idleTimeoutMs.
    // Both are followed by a reconnect.
    void pushPingTimeoutDetectsDeadServer()
    {
        using namespace vigil::network;
        for (const bool upgrade : {false, true}) {
            SilentServer server(upgrade);
            QVERIFY(server.listen(QHostAddress::LocalHost));
            WebSocketClient client;
            QSignalSpy connected(&client, &WebSocketClient::connected);
            QSignalSpy failed(&client, &WebSocketClient::failed);
            WebSocketOptions o;
            o.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/push").arg(server.serverPort()));
            o.connectTimeoutMs = 1000;
            o.idleTimeoutMs = 1000;
            QElapsedTimer t;
            t.start();
            client.open(o);
            if (upgrade) {
                QVERIFY(connected.wait(5000));
                t.restart();
            }
            QVERIFY(failed.wait(5000));
            const auto f = failed.first().first().value<WebSocketFailure>();
            qInfo("%s: declared after %lld ms: %s", upgrade ? "silent after upgrade" : "no upgrade answer",
                  t.elapsed(), qPrintable(f.text));
            QCOMPARE(toString(f.error), toString(upgrade ? WebSocketError::Dead : WebSocketError::Handshake));
            QVERIFY(t.elapsed() >= 500); // not at once: after the ping (idle / 2) went unanswered
            QVERIFY(f.retryInMs >= 0 && f.retryInMs <= 4000);
            if (upgrade)
                QVERIFY2(server.pings > 0, "the client never pinged the silent server");
            // ...and it tries again.
            QTRY_VERIFY_WITH_TIMEOUT(server.sockets.size() >= 2, 5000);
        }
    }

    // `vigil --demo`: the app's simulator drives a model, the platform serves that model (setUnitsSource) and
    // the push carries exactly its cars, moving as the simulator steps.
    void pushServesTheSimulatorsCars()
    {
        vigil::map::UnitsModel cars;
        vigil::map::UnitSimulator simulator;
        simulator.setUnitCount(4);
        simulator.setModel(&cars); // not running: stepped by hand below
        vigil::demo::DemoBackendOptions o;
        o.unitCount = 0;
        vigil::demo::DemoBackend backend(o);
        QString error;
        QVERIFY2(backend.start(&error), qPrintable(error));
        backend.setUnitsSource(&cars);
        OursPush push({backend.baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")},
                      {QStringLiteral("units")});
        QSignalSpy units(&push, &OursPush::unitsReceived);
        push.start();
        QVERIFY2(units.wait(10000), qPrintable(push.lastError()));
        auto same = [&cars](const QList<UnitFix> &batch) {
            if (batch.size() != cars.count())
                return false;
            for (int i = 0; i < batch.size(); ++i) {
                const vigil::map::PatrolUnit &u = cars.units().at(i);
                if (batch[i].id != u.id || std::abs(batch[i].latitude - u.position.lat) > 1e-6 ||
                    std::abs(batch[i].longitude - u.position.lon) > 1e-6)
                    return false;
            }
            return true;
        };
        QCOMPARE(units.last().first().value<QList<UnitFix>>().size(), 4);
        QVERIFY(same(units.last().first().value<QList<UnitFix>>()));
        units.clear();
        simulator.step(5);
        QVERIFY(units.wait(5000));
        QVERIFY2(same(units.last().first().value<QList<UnitFix>>()),
                 "the push does not carry the moved cars");
    }

    // wss:// through the same client: a TLS server with a throwaway self-signed certificate takes the upgrade
    // (verification off, the default: cameras and small platforms ship such certificates); with verification
    // on, the same certificate is refused with a TLS error and a retry.
    void pushOverTls()
    {
        using namespace vigil::network;
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"),
                       dir.filePath(QStringLiteral("k.pem")), QStringLiteral("-out"),
                       dir.filePath(QStringLiteral("c.pem"))});
        if (!openssl.waitForFinished(20000) || openssl.exitCode() != 0)
            QSKIP("the openssl command is needed to make a test certificate");
        QFile keyFile(dir.filePath(QStringLiteral("k.pem")));
        QFile certFile(dir.filePath(QStringLiteral("c.pem")));
        QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
        QVERIFY(!tls.privateKey().isNull() && !tls.localCertificate().isNull());

        for (const bool verify : {false, true}) {
            SilentTlsServer server(true);
            server.setSslConfiguration(tls);
            QVERIFY(server.listen(QHostAddress::LocalHost));
            WebSocketClient client;
            QSignalSpy connected(&client, &WebSocketClient::connected);
            QSignalSpy failed(&client, &WebSocketClient::failed);
            WebSocketOptions o;
            o.url = QUrl(QStringLiteral("wss://127.0.0.1:%1/api/v1/push").arg(server.serverPort()));
            o.tlsVerifyPeer = verify;
            client.open(o);
            if (!verify) {
                QVERIFY(connected.wait(5000));
                QCOMPARE(failed.size(), 0);
                QCOMPARE(server.requests.size(), 1);
                QVERIFY(server.requests.first().startsWith("GET /api/v1/push HTTP/1.1"));
            } else {
                QVERIFY(failed.wait(5000));
                const auto f = failed.first().first().value<WebSocketFailure>();
                QCOMPARE(toString(f.error), toString(WebSocketError::Tls));
                QVERIFY(f.retryInMs >= 0);
                QCOMPARE(connected.size(), 0);
                qInfo("verified wss: %s", qPrintable(f.text));
            }
        }
    }

    // The demo platform's alarms into the one alarm flow: raised on the platform, pushed, stored once by
    // the AlarmCenter even when the platform pushes it again (a client that subscribes again gets the open
    // alarms replayed); the operator's acknowledgement reaches the platform over REST; a platform that is
    // down at that moment gives a clear error, the alarm stays acknowledged in Vigil, and the platform is
    // asked again when the push is back.
    void platformAlarmsIntoTheAlarmFlow()
    {
        using namespace vigil::alarms;
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("alarms.db"));
        AlarmCenter center(dbPath, dir.filePath(QStringLiteral("alarm_rules.json")));
        QTRY_VERIFY_WITH_TIMEOUT(center.store()->ready(), 5000);
        QSignalSpy raised(&center, &AlarmCenter::alarmRaised);

        vigil::demo::DemoBackendOptions o;
        o.unitCount = 0;
        o.alarmIntervalMs = 0; // raised by hand: the test knows each one
        auto platform = std::make_unique<vigil::demo::DemoBackend>(o);
        QString error;
        QVERIFY2(platform->start(&error), qPrintable(error));
        o.port = platform->port();
        const SiteConnection site{platform->baseUrl(), o.user, o.password};
        auto push = std::make_unique<OursPush>(site, QStringList{QStringLiteral("alarms")});
        auto glue = std::make_unique<PlatformAlarms>(&center, push.get(), PlatformAlarmOptions{});
        QSignalSpy subscribed(push.get(), &OursPush::subscribed);
        push->start();
        QVERIFY2(subscribed.wait(10000), qPrintable(push->lastError()));

        const QString first = platform->raiseAlarm();
        QTRY_COMPARE_WITH_TIMEOUT(center.store()->count(), 1, 10000);
        const Alarm a = center.store()->alarms().first();
        QCOMPARE(a.source, QStringLiteral("platform"));
        QCOMPARE(a.externalId, first);
        QVERIFY(!a.type.isEmpty());
        QVERIFY(a.time.isValid());
        QVERIFY(a.priority >= kMinPriority && a.priority <= kMaxPriority);
        QVERIFY(!a.text.isEmpty());
        QVERIFY(!a.cameraId.isEmpty() || a.hasPosition());
        QCOMPARE(raised.size(), 1);

        // Pushed again: a second client of the same Vigil (and this one after it subscribes again) gets the
        // open alarm replayed — still one alarm.
        auto push2 = std::make_unique<OursPush>(site, QStringList{QStringLiteral("alarms")});
        PlatformAlarms glue2(&center, push2.get(), PlatformAlarmOptions{});
        QSignalSpy replayed(push2.get(), &OursPush::alarmReceived);
        push2->start();
        QVERIFY2(replayed.wait(10000), qPrintable(push2->lastError()));
        QCOMPARE(replayed.first().first().value<PushMessage>().alarmId, first);
        QTRY_COMPARE_WITH_TIMEOUT(center.store()->duplicates(), 1, 5000);
        const QString second = platform->raiseAlarm(); // both clients get it: stored once
        QTRY_COMPARE_WITH_TIMEOUT(center.store()->duplicates(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(center.store()->count(), 2, 10000);
        QCOMPARE(raised.size(), 2);
        push2.reset();
        {
            AlarmDatabase db; // what the file holds
            QVERIFY(db.open(dbPath));
            QCOMPARE(db.count(), 2);
        }

        // The operator acknowledges: the platform hears of it (once, with the note).
        QSignalSpy sent(glue.get(), &PlatformAlarms::ackSent);
        QVERIFY(center.acknowledge(a.id, QStringLiteral("on my way")));
        QVERIFY2(sent.wait(10000), qPrintable(glue->lastError()));
        QCOMPARE(sent.first().first().toString(), first);
        QVERIFY(platform->isAlarmAcknowledged(first));
        QCOMPARE(platform->alarmsAcknowledged(), 1);
        QVERIFY(center.markHandled(a.id, QStringLiteral("done"))); // already told: no second request
        QTRY_COMPARE_WITH_TIMEOUT(center.store()->alarm(a.id)->state, Alarm::State::Handled, 5000);
        QCOMPARE(platform->ackRequests(), 1);
        QCOMPARE(glue->acknowledged(), 1);

        // The platform is down when the operator closes the second alarm: a clear error, the alarm keeps
        // its state in Vigil, the acknowledgement waits for the platform.
        const qint64 secondId = center.store()->alarms().first().id;
        QCOMPARE(center.store()->alarms().first().externalId, second);
        platform.reset();
        QSignalSpy failed(glue.get(), &PlatformAlarms::ackFailed);
        QVERIFY(center.markFalseAlarm(secondId, QStringLiteral("a cat")));
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().first().toString(), second);
        const QString why = failed.first().at(1).toString();
        QVERIFY2(why.contains(QLatin1String("Cannot reach the platform")) ||
                     why.contains(QLatin1String("reach")),
                 qPrintable(why));
        QVERIFY2(center.store()->lastError().contains(second), qPrintable(center.store()->lastError()));
        QCOMPARE(center.store()->alarm(secondId)->state, Alarm::State::FalseAlarm);
        QCOMPARE(glue->pendingAcks(), 1);
        qInfo("ack with the platform down: %s", qPrintable(why));
        // While it stays down the glue keeps trying by itself (every 200 ms here, doubling), each try a
        // clear failure; the acknowledgement stays pending.
        glue->setRetryDelayMs(200);
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 2, 10000);
        QCOMPARE(glue->pendingAcks(), 1);

        // The platform is back (a fresh one on the same port: it forgot its alarms): the push reconnects and
        // the acknowledgement is sent again; this platform does not know the alarm, which ends the retries
        // with a sentence that says what to do.
        // Its retries may fail again before the platform is up: each of those says the platform cannot be
        // reached, and the last answer is the fresh platform's.
        platform = std::make_unique<vigil::demo::DemoBackend>(o);
        QVERIFY2(platform->start(&error), qPrintable(error));
        const auto unknownToPlatform = [&failed] {
            return !failed.isEmpty() &&
                   failed.last().at(1).toString().contains(QLatin1String("does not know alarm"));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(unknownToPlatform(), qPrintable(failed.last().at(1).toString()), 30000);
        for (qsizetype i = 0; i + 1 < failed.size(); ++i) {
            QCOMPARE(failed.at(i).first().toString(), second);
            QVERIFY2(failed.at(i).at(1).toString().contains(QLatin1String("reach")),
                     qPrintable(failed.at(i).at(1).toString()));
        }
        QCOMPARE(glue->pendingAcks(), 0);
        QCOMPARE(center.store()->alarm(secondId)->state, Alarm::State::FalseAlarm);
        QCOMPARE(center.store()->count(), 2);
    }

    // `vigilctl backend units|alarms`: the push as JSON lines, against the vigil-demo-backend process (its
    // alarms every 200 ms); --count ends it at once (no waiting out --seconds); a ZLMediaKit site has no
    // push.
    void vigilctlUnitsAndAlarms()
    {
        START_SERVER(server, QStringLiteral("--units"), QStringLiteral("3"),
                     QStringLiteral("--alarm-interval-ms"), QStringLiteral("200"));
        const QString url = server.url().toString();
        const auto lines = [](const QByteArray &out, const QString &type) {
            QList<QJsonObject> found;
            for (const QByteArray &line : out.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o.value(QStringLiteral("type")).toString() == type)
                    found.append(o);
            }
            return found;
        };
        QElapsedTimer t;
        t.start();
        const Cli units =
            vigilctl({QStringLiteral("units"), url, QStringLiteral("--user"), QStringLiteral("demo"),
                      QStringLiteral("--password"), QStringLiteral("demo"), QStringLiteral("--seconds"),
                      QStringLiteral("30"), QStringLiteral("--count"), QStringLiteral("3")});
        QVERIFY2(units.exit == 0, units.err.constData());
        QVERIFY2(t.elapsed() < 25000, "--count did not end the listening");
        const QList<QJsonObject> fixes = lines(units.out, QStringLiteral("unit"));
        QVERIFY2(fixes.size() >= 3, units.out.constData());
        QVERIFY(!fixes.first().value(QStringLiteral("id")).toString().isEmpty());
        QVERIFY(fixes.first().value(QStringLiteral("lat")).isDouble());
        QVERIFY(fixes.first().value(QStringLiteral("lon")).isDouble());
        QCOMPARE(
            lines(units.out, QStringLiteral("status")).first().value(QStringLiteral("status")).toString(),
            QStringLiteral("live"));
        QVERIFY2(!units.out.contains("\"demo\""), "the password reached the output");

        const Cli alarms =
            vigilctl({QStringLiteral("alarms"), url, QStringLiteral("--user"), QStringLiteral("demo"),
                      QStringLiteral("--password"), QStringLiteral("demo"), QStringLiteral("--seconds"),
                      QStringLiteral("30"), QStringLiteral("--count"), QStringLiteral("2")});
        QVERIFY2(alarms.exit == 0, alarms.err.constData());
        const QList<QJsonObject> raised = lines(alarms.out, QStringLiteral("alarm"));
        QVERIFY2(raised.size() >= 2, alarms.out.constData());
        QVERIFY(!raised.first().value(QStringLiteral("id")).toString().isEmpty());
        QVERIFY(!raised.first().value(QStringLiteral("kind")).toString().isEmpty());
        QVERIFY(lines(alarms.out, QStringLiteral("unit")).isEmpty()); // only the alarms topic

        const Cli wrong =
            vigilctl({QStringLiteral("units"), url, QStringLiteral("--user"), QStringLiteral("demo"),
                      QStringLiteral("--password"), QStringLiteral("nope"), QStringLiteral("--seconds"),
                      QStringLiteral("30")});
        QCOMPARE(wrong.exit, 1);
        const QList<QJsonObject> failed = lines(wrong.out, QStringLiteral("status"));
        QVERIFY2(!failed.isEmpty() && failed.last().value(QStringLiteral("status")).toString() == "failed",
                 wrong.out.constData());

        const Cli zlm = vigilctl({QStringLiteral("alarms"), url, QStringLiteral("--kind"),
                                  QStringLiteral("zlm"), QStringLiteral("--password"), QStringLiteral("x")});
        QCOMPARE(zlm.exit, 2);
        QVERIFY2(zlm.err.contains("gives no push"), zlm.err.constData());
    }

    void vigilctlCameras()
    {
        START_SERVER(server, QStringLiteral("--rtsp-base"), kSecretBase, QStringLiteral("--units"),
                     QStringLiteral("0"));
        const QString url = server.url().toString();
        const Cli c =
            vigilctl({QStringLiteral("cameras"), url, QStringLiteral("--kind"), QStringLiteral("ours"),
                      QStringLiteral("--user"), QStringLiteral("demo"), QStringLiteral("--password"),
                      QStringLiteral("demo"), QStringLiteral("--page-size"), QStringLiteral("4")});
        QVERIFY2(c.exit == 0, c.err.constData());
        const QJsonObject o = c.json();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("cameraCount")).toInt(), 9);
        const QJsonArray cameras = o.value(QStringLiteral("cameras")).toArray();
        QCOMPARE(cameras.size(), 9);
        const QJsonObject cam01 = cameras.first().toObject();
        QCOMPARE(cam01.value(QStringLiteral("id")).toString(), QStringLiteral("cam01"));
        QCOMPARE(cam01.value(QStringLiteral("region")).toString(),
                 QStringLiteral("德清县（演示） / 武康街道 / 东桥村"));
        QCOMPARE(cam01.value(QStringLiteral("streams")).toObject().value(QStringLiteral("main")).toString(),
                 QStringLiteral("rtsp://***@127.0.0.1:8554/cam01/main"));
        QVERIFY2(!c.out.contains("s3cret") && !c.out.contains("admin"), "credentials leaked into the JSON");
        QVERIFY(o.value(QStringLiteral("regions")).toArray().size() > 4);

        const Cli secrets = vigilctl({QStringLiteral("cameras"), url, QStringLiteral("--user"),
                                      QStringLiteral("demo"), QStringLiteral("--password"),
                                      QStringLiteral("demo"), QStringLiteral("--show-secrets")});
        QCOMPARE(secrets.exit, 0);
        QVERIFY(secrets.out.contains("rtsp://admin:s3cret@127.0.0.1:8554/cam01/main"));

        const Cli live =
            vigilctl({QStringLiteral("live"), url, QStringLiteral("cam03"), QStringLiteral("--kind"),
                      QStringLiteral("ours"), QStringLiteral("--user"), QStringLiteral("demo"),
                      QStringLiteral("--password"), QStringLiteral("demo"), QStringLiteral("--sub")});
        QVERIFY2(live.exit == 0, live.err.constData());
        QCOMPARE(live.json().value(QStringLiteral("url")).toString(),
                 QStringLiteral("rtsp://***@127.0.0.1:8554/cam03/sub"));

        const Cli wrong = vigilctl({QStringLiteral("cameras"), url, QStringLiteral("--kind"),
                                    QStringLiteral("ours"), QStringLiteral("--user"), QStringLiteral("demo"),
                                    QStringLiteral("--password"), QStringLiteral("nope")});
        QCOMPARE(wrong.exit, 1);
        QCOMPARE(wrong.json().value(QStringLiteral("code")).toString(), QStringLiteral("wrong-credentials"));
        QVERIFY2(wrong.json()
                     .value(QStringLiteral("error"))
                     .toString()
                     .contains(QStringLiteral("wrong user name or password")),
                 wrong.out.constData());

        // Every kind has an adapter now (tests/integration/backend/tst_{zlm,artemis,wvp}_client); an unknown
        // one is a usage error.
        const Cli unknown =
            vigilctl({QStringLiteral("cameras"), url, QStringLiteral("--kind"), QStringLiteral("onvif"),
                      QStringLiteral("--user"), QStringLiteral("demo")});
        QCOMPARE(unknown.exit, 2);
        QVERIFY2(unknown.err.contains("unknown --kind 'onvif'"), unknown.err.constData());
        QVERIFY(unknown.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstBackendDemo)
#include "tst_backend_demo.moc"
