// DemoBackend: Beast HTTP/1.1 + WebSocket server on one Asio thread; the unit simulator on the owner's Qt
// thread posts each batch of positions (already JSON) to the Asio thread, which pushes it to subscribers.
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include "vigil/demo/demo_backend.h"

#include "demo_catalog.h"
#include "vigil/core/logging.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimeZone>
#include <QtCore/QUrlQuery>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>

namespace vigil::demo {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kDefaultPageSize = 1000;
constexpr std::size_t kMaxQueuedMessages = 64;

std::string isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

std::string unitStatus(map::PatrolUnit::Status s)
{
    switch (s) {
    case map::PatrolUnit::Status::Available:
        return "available";
    case map::PatrolUnit::Status::Busy:
        return "busy";
    case map::PatrolUnit::Status::Responding:
        return "responding";
    case map::PatrolUnit::Status::OffDuty:
        return "off-duty";
    case map::PatrolUnit::Status::Emergency:
        return "emergency";
    }
    return "available";
}

bool isAlarmMessage(const std::string &m)
{
    return m.rfind("{\"type\":\"alarm\"", 0) == 0;
}

// What a demo alarm can be: at a camera (the camera's name goes before the text) or at a place.
struct AlarmKind
{
    const char *kind;
    const char *zh;
    const char *en;
    int priority;
};
constexpr AlarmKind kCameraAlarms[] = {
    {"intrusion", "区域入侵", "Intrusion", 4},
    {"motion", "移动侦测", "Motion detected", 2},
    {"line-crossing", "越线检测", "Line crossing", 3},
    {"tamper", "视频遮挡", "Camera tampering", 3},
};
constexpr AlarmKind kPlaceAlarms[] = {
    {"sos", "村民一键报警", "SOS button pressed by a villager", 5},
    {"call-110", "110 接警：群众求助", "Call to 110: a citizen asks for help", 4},
    {"fire", "火情报告", "Fire reported", 5},
};
constexpr std::size_t kMaxAlarmsKept = 10000;
constexpr std::size_t kOpenAlarmsReplayed = 20;

struct Token
{
    Clock::time_point expires;
    int uses = 0;
};

class WsSession;

} // namespace

struct DemoBackend::Private
{
    DemoBackendOptions o;
    std::optional<DemoCatalog> catalog;
    std::unique_ptr<asio::io_context> ioc = std::make_unique<asio::io_context>(1);
    std::optional<tcp::acceptor> acceptor;
    std::thread thread;
    quint16 port = 0;
    bool running = false;

    // Asio thread only.
    std::unordered_map<std::string, Token> tokens;
    std::unordered_map<std::string, Clock::time_point> refreshTokens;
    std::mt19937_64 rng{std::random_device{}()};
    std::vector<std::weak_ptr<WsSession>> sessions;
    std::shared_ptr<const std::string> lastUnits; // the latest "units" message

    // Demo alarms: raised on the Asio thread (timer) or by raiseAlarm() (any thread); the table under
    // alarmMutex. Alarm ids carry the start time so alarms of an earlier run never share an id.
    struct DemoAlarm
    {
        std::shared_ptr<const std::string> message; // the "alarm" push message
        bool acknowledged = false;
    };
    std::optional<asio::steady_timer> alarmTimer; // Asio thread
    mutable std::mutex alarmMutex;
    std::unordered_map<std::string, DemoAlarm> alarms;
    std::deque<std::string> alarmOrder; // ids, oldest first
    std::mt19937 alarmRng{std::random_device{}()};
    std::string alarmPrefix;
    std::atomic<int> alarmsRaised{0};
    std::atomic<int> alarmsAcknowledged{0};
    std::atomic<int> ackRequests{0};

    std::atomic<int> logins{0};    // with the password
    std::atomic<int> refreshes{0}; // with a refresh token
    std::atomic<qint64> requests{0};
    std::atomic<int> pushClients{0};

    // Owner's (Qt) thread.
    std::unique_ptr<QObject> context;
    std::unique_ptr<QObject> sourceContext; // setUnitsSource()'s connection
    std::unique_ptr<map::UnitsModel> units;
    std::unique_ptr<map::UnitSimulator> simulator;

    std::string newToken()
    {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                      static_cast<unsigned long long>(rng()));
        return buf;
    }

    std::string issueTokens(bool refreshed = false)
    {
        const auto now = Clock::now();
        if (tokens.size() > 10000)
            std::erase_if(tokens, [now](const auto &t) { return t.second.expires <= now; });
        if (refreshTokens.size() > 10000)
            std::erase_if(refreshTokens, [now](const auto &t) { return t.second <= now; });
        const std::string access = newToken();
        const std::string refresh = newToken();
        tokens[access] = Token{now + std::chrono::seconds(o.tokenSeconds), 0};
        refreshTokens[refresh] = now + std::chrono::hours(24);
        ++(refreshed ? refreshes : logins);
        std::string out = "{\"accessToken\":";
        json::appendString(out, access);
        out += ",\"refreshToken\":";
        json::appendString(out, refresh);
        out += ",\"tokenType\":\"Bearer\",\"expiresIn\":" + std::to_string(o.tokenSeconds) + "}";
        return out;
    }

    // "" when the token is good (and counts one use), else the error code.
    std::string checkToken(const std::string &token)
    {
        if (token.empty())
            return "unauthorized";
        auto it = tokens.find(token);
        if (it == tokens.end())
            return "invalid_token";
        Token &t = it->second;
        if (Clock::now() >= t.expires || (o.tokenUses > 0 && t.uses >= o.tokenUses))
            return "token_expired";
        ++t.uses;
        return {};
    }

    void broadcastUnits(std::shared_ptr<const std::string> message);
    // A new demo alarm (stored; not yet sent): its id and push message. Any thread.
    std::pair<std::string, std::shared_ptr<const std::string>> makeAlarm();
    // Sends an alarm message to every session subscribed to "alarms". Asio thread.
    void broadcastAlarm(const std::shared_ptr<const std::string> &message);
    // The next alarm after alarmIntervalMs. Asio thread.
    void scheduleAlarm();
    // The open (unacknowledged) alarms among the newest kOpenAlarmsReplayed, oldest first. Any thread.
    std::vector<std::shared_ptr<const std::string>> openAlarms() const;
    // POST .../ack: 1 = acknowledged, 0 = no such alarm. Any thread.
    bool acknowledge(const std::string &id);
    // One "units" push message of the model's units, to every subscriber (and GET /units). Owner's thread.
    void publishUnits(const map::UnitsModel &model);
};

namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response reply(const Request &req, http::status status, std::string body)
{
    Response res{status, req.version()};
    res.set(http::field::server, "vigil-demo-backend");
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.set(http::field::cache_control, "no-cache");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response errorReply(const Request &req, http::status status, std::string_view code, std::string_view message)
{
    Response res = reply(req, status, json::error(code, message));
    if (status == http::status::unauthorized)
        res.set(http::field::www_authenticate, "Bearer realm=\"vigil\"");
    return res;
}

std::string bearer(const Request &req, const QUrlQuery &query)
{
    const auto it = req.find(http::field::authorization);
    if (it != req.end()) {
        const std::string_view v(it->value().data(), it->value().size());
        if (v.size() > 7 && (v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer "))
            return std::string(v.substr(7));
        return {};
    }
    return query.queryItemValue(QStringLiteral("access_token")).toStdString();
}

Response authError(const Request &req, const std::string &code)
{
    if (code == "token_expired")
        return errorReply(req, http::status::unauthorized, code,
                          "The access token has expired; log in again (POST /api/v1/login) or refresh it.");
    if (code == "invalid_token")
        return errorReply(req, http::status::unauthorized, code, "Unknown access token; log in again.");
    return errorReply(req, http::status::unauthorized, code,
                      "Log in first and send the access token as \"Authorization: Bearer TOKEN\".");
}

// One WebSocket push session. Asio thread only.
class WsSession : public std::enable_shared_from_this<WsSession>
{
public:
    WsSession(tcp::socket socket, DemoBackend::Private &p)
        : m_ws(std::move(socket))
        , m_p(p)
    {}

    void start(Request req)
    {
        m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        m_ws.read_message_max(64 * 1024);
        auto self = shared_from_this();
        m_ws.async_accept(req, [self](beast::error_code ec) {
            if (ec)
                return;
            ++self->m_p.pushClients;
            self->m_counted = true;
            self->m_open = true;
            self->m_p.sessions.push_back(self);
            self->read();
        });
    }

    ~WsSession()
    {
        // Counted until the session is gone, whether it ended open (stop()) or by a close or error.
        if (m_counted)
            --m_p.pushClients;
    }

    bool wantsUnits() const { return m_units; }
    bool wantsAlarms() const { return m_alarms; }

    void send(std::shared_ptr<const std::string> message)
    {
        if (!m_open)
            return;
        if (m_queue.size() >= kMaxQueuedMessages) {
            // A slow client loses the oldest positions, never an alarm and never the message being written.
            const auto it = std::find_if(m_queue.begin() + (m_writing ? 1 : 0), m_queue.end(),
                                         [](const auto &m) { return !isAlarmMessage(*m); });
            if (it != m_queue.end())
                m_queue.erase(it);
        }
        m_queue.push_back(std::move(message));
        if (m_queue.size() == 1 && !m_writing)
            write();
    }

private:
    void read()
    {
        auto self = shared_from_this();
        m_ws.async_read(m_buffer, [self](beast::error_code ec, std::size_t) {
            if (ec) {
                self->m_open = false;
                return;
            }
            const std::string text = beast::buffers_to_string(self->m_buffer.data());
            self->m_buffer.consume(self->m_buffer.size());
            self->handle(text);
            self->read();
        });
    }

    void handle(const std::string &text)
    {
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
        const QString type = o.value(QLatin1String("type")).toString();
        if (type != QLatin1String("subscribe") && type != QLatin1String("unsubscribe")) {
            send(std::make_shared<const std::string>(
                "{\"type\":\"error\",\"error\":{\"code\":\"bad_request\",\"message\":"
                "\"Send "
                "{\\\"type\\\":\\\"subscribe\\\",\\\"topics\\\":[\\\"units\\\",\\\"alarms\\\"]}.\"}}"));
            return;
        }
        const bool on = type == QLatin1String("subscribe");
        const bool hadAlarms = m_alarms;
        for (const QJsonValue &t : o.value(QLatin1String("topics")).toArray()) {
            if (t.toString() == QLatin1String("units"))
                m_units = on;
            else if (t.toString() == QLatin1String("alarms"))
                m_alarms = on;
            else {
                std::string msg = "{\"type\":\"error\",\"error\":{\"code\":\"unknown_topic\",\"message\":";
                json::appendString(msg, "Unknown topic \"" + t.toString().left(40).toStdString() +
                                            "\"; the topics are \"units\" and \"alarms\".");
                msg += "}}";
                send(std::make_shared<const std::string>(std::move(msg)));
            }
        }
        // The open alarms as they are now, before the acknowledgement leaves: a client raising (or seeing)
        // an alarm after it got "subscribed" gets that alarm once, live, not also in this replay.
        const bool replay = on && m_alarms && !hadAlarms;
        const auto open = replay ? m_p.openAlarms() : std::vector<std::shared_ptr<const std::string>>{};
        std::string ack = "{\"type\":\"subscribed\",\"topics\":[";
        if (m_units)
            ack += "\"units\"";
        if (m_alarms)
            ack += m_units ? ",\"alarms\"" : "\"alarms\"";
        ack += "]}";
        send(std::make_shared<const std::string>(std::move(ack)));
        if (on && m_units && m_p.lastUnits)
            send(m_p.lastUnits);       // the current positions at once, not after the next tick
        for (const auto &alarm : open) // what a client that was away has not acknowledged
            send(alarm);
    }

    void write()
    {
        m_writing = true;
        auto self = shared_from_this();
        m_ws.text(true);
        m_ws.async_write(asio::buffer(*m_queue.front()), [self](beast::error_code ec, std::size_t) {
            self->m_writing = false;
            if (ec) {
                self->m_open = false;
                self->m_queue.clear();
                return;
            }
            self->m_queue.pop_front();
            if (!self->m_queue.empty())
                self->write();
        });
    }

    websocket::stream<beast::tcp_stream> m_ws;
    DemoBackend::Private &m_p;
    beast::flat_buffer m_buffer;
    std::deque<std::shared_ptr<const std::string>> m_queue;
    bool m_writing = false;
    bool m_open = false;
    bool m_counted = false;
    bool m_units = false;
    bool m_alarms = false;
};

// One HTTP connection (keep-alive). Asio thread only.
class HttpSession : public std::enable_shared_from_this<HttpSession>
{
public:
    HttpSession(tcp::socket socket, DemoBackend::Private &p)
        : m_stream(std::move(socket))
        , m_p(p)
    {}

    void read()
    {
        m_parser.emplace();
        m_parser->body_limit(1024 * 1024);
        m_stream.expires_after(std::chrono::seconds(60));
        auto self = shared_from_this();
        http::async_read(m_stream, m_buffer, *m_parser, [self](beast::error_code ec, std::size_t) {
            if (ec) {
                beast::error_code ignored;
                self->m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
                return;
            }
            Request req = self->m_parser->release();
            if (websocket::is_upgrade(req))
                return self->upgrade(std::move(req));
            ++self->m_p.requests;
            self->write(self->handle(req));
        });
    }

private:
    void upgrade(Request req)
    {
        const std::string target(req.target());
        const auto q = target.find('?');
        const QUrlQuery query(q == std::string::npos ? QString()
                                                     : QString::fromStdString(target.substr(q + 1)));
        const std::string path = target.substr(0, q);
        if (path != "/api/v1/push")
            return write(
                errorReply(req, http::status::not_found, "not_found", "WebSocket is at /api/v1/push."));
        const std::string code = m_p.checkToken(bearer(req, query));
        if (!code.empty())
            return write(authError(req, code));
        ++m_p.requests;
        m_stream.expires_never();
        std::make_shared<WsSession>(m_stream.release_socket(), m_p)->start(std::move(req));
    }

    void write(Response res)
    {
        m_res = std::move(res);
        auto self = shared_from_this();
        http::async_write(m_stream, m_res, [self](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            if (self->m_res.keep_alive())
                return self->read();
            beast::error_code ignored;
            self->m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        });
    }

    // GET /cameras/{id}/recordings and /playback: the callback's files in [from, to], each with its URL.
    Response recordings(const Request &req, const QUrlQuery &query, const std::string &id, bool playback)
    {
        if (!m_p.o.recordings)
            return errorReply(req, http::status::not_implemented, "not_implemented",
                              "This demo platform keeps no recordings (start it with a recording folder).");
        const QDateTime from =
            QDateTime::fromString(query.queryItemValue(QStringLiteral("from")), Qt::ISODateWithMs);
        const QDateTime to =
            QDateTime::fromString(query.queryItemValue(QStringLiteral("to")), Qt::ISODateWithMs);
        if (!from.isValid() || !to.isValid() || to < from)
            return errorReply(req, http::status::bad_request, "bad_request",
                              "'from' and 'to' are ISO 8601 times and 'to' is not before 'from'.");
        const QString cameraId = QString::fromStdString(id);
        const QList<DemoRecording> found =
            m_p.o.recordings(cameraId, from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch());
        const auto urlOf = [&](const DemoRecording &r) {
            return "http://127.0.0.1:" + std::to_string(m_p.port) + "/media/" +
                   QUrl::toPercentEncoding(cameraId).toStdString() + "/" +
                   QUrl::toPercentEncoding(r.fileName).toStdString();
        };
        const auto iso = [](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
        };
        if (playback) {
            // The demo platform plays a range as the file that holds its start.
            for (const DemoRecording &r : found) {
                if (r.endMs > from.toMSecsSinceEpoch()) {
                    std::string body = "{\"url\":";
                    json::appendString(body, urlOf(r));
                    body += '}';
                    return reply(req, http::status::ok, std::move(body));
                }
            }
            return errorReply(req, http::status::not_found, "recording_not_found",
                              "Camera " + id + " has no recording in that time range.");
        }
        std::string body = "{\"items\":[";
        for (qsizetype i = 0; i < found.size(); ++i) {
            const DemoRecording &r = found.at(i);
            body += i ? ",{\"start\":" : "{\"start\":";
            json::appendString(body, iso(r.startMs));
            body += ",\"end\":";
            json::appendString(body, iso(r.endMs));
            body += ",\"kind\":\"continuous\",\"url\":";
            json::appendString(body, urlOf(r));
            if (r.sizeBytes >= 0)
                body += ",\"sizeBytes\":" + std::to_string(r.sizeBytes);
            body += '}';
        }
        body += "]}";
        return reply(req, http::status::ok, std::move(body));
    }

    // GET /media/<cameraId>/<file>: a recording file, whole or the byte range asked (one range).
    Response media(const Request &req, const std::string &rest)
    {
        const QStringList parts = QString::fromStdString(rest).split(QLatin1Char('/'));
        static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_.\\-]+$"));
        if (m_p.o.recordingRoot.isEmpty() || parts.size() != 2)
            return errorReply(req, http::status::not_found, "not_found", "No such recording file.");
        const QString cameraId = QUrl::fromPercentEncoding(parts.at(0).toUtf8());
        const QString fileName = QUrl::fromPercentEncoding(parts.at(1).toUtf8());
        if (!safe.match(cameraId).hasMatch() || !safe.match(fileName).hasMatch() ||
            fileName.startsWith(QLatin1Char('.')))
            return errorReply(req, http::status::not_found, "not_found", "No such recording file.");
        QFile file(QDir(m_p.o.recordingRoot).filePath(cameraId + QLatin1Char('/') + fileName));
        if (!file.open(QIODevice::ReadOnly))
            return errorReply(req, http::status::not_found, "not_found", "No such recording file.");
        const qint64 size = file.size();
        qint64 first = 0;
        qint64 last = size - 1;
        bool partial = false;
        const std::string range(req[http::field::range]);
        static const QRegularExpression rangeRe(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
        if (!range.empty()) {
            const auto m = rangeRe.match(QString::fromStdString(range));
            if (!m.hasMatch() || (m.captured(1).isEmpty() && m.captured(2).isEmpty()))
                return errorReply(req, http::status::range_not_satisfiable, "bad_range",
                                  "One byte range only.");
            if (m.captured(1).isEmpty()) { // the last N bytes
                first = std::max<qint64>(0, size - m.captured(2).toLongLong());
            } else {
                first = m.captured(1).toLongLong();
                if (!m.captured(2).isEmpty())
                    last = std::min(last, m.captured(2).toLongLong());
            }
            if (first >= size || first > last) {
                Response res = errorReply(req, http::status::range_not_satisfiable, "bad_range",
                                          "The range is outside the file.");
                res.set(http::field::content_range, "bytes */" + std::to_string(size));
                return res;
            }
            partial = true;
        }
        Response res{partial ? http::status::partial_content : http::status::ok, req.version()};
        res.set(http::field::server, "vigil-demo-backend");
        res.set(http::field::content_type,
                fileName.endsWith(QLatin1String(".mp4")) ? "video/mp4" : "video/x-matroska");
        res.set(http::field::accept_ranges, "bytes");
        if (partial)
            res.set(http::field::content_range, "bytes " + std::to_string(first) + "-" +
                                                    std::to_string(last) + "/" + std::to_string(size));
        res.keep_alive(req.keep_alive());
        if (req.method() == http::verb::get) {
            file.seek(first);
            // A recording that is still being written may be shorter than asked: send what is there.
            const QByteArray bytes = file.read(last - first + 1);
            res.body().assign(bytes.constData(), size_t(bytes.size()));
            res.prepare_payload();
        } else {
            res.content_length(last - first + 1);
        }
        return res;
    }

    Response handle(const Request &req)
    {
        const std::string target(req.target());
        const auto q = target.find('?');
        const std::string path = target.substr(0, q);
        const QUrlQuery query(q == std::string::npos ? QString()
                                                     : QString::fromStdString(target.substr(q + 1)));
        const auto method = req.method();
        const std::string prefix = "/api/v1/";
        if (path.rfind("/media/", 0) == 0 && (method == http::verb::get || method == http::verb::head))
            return media(req, path.substr(7));
        if (path.rfind(prefix, 0) != 0)
            return errorReply(req, http::status::not_found, "not_found",
                              "No such endpoint; the Vigil API is under /api/v1/.");
        const std::string route = path.substr(prefix.size());

        if (route == "login") {
            if (method != http::verb::post)
                return errorReply(req, http::status::method_not_allowed, "method_not_allowed", "Use POST.");
            const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(req.body())).object();
            if (!o.value(QLatin1String("user")).isString() || !o.value(QLatin1String("password")).isString())
                return errorReply(req, http::status::bad_request, "bad_request",
                                  "Send {\"user\": \"...\", \"password\": \"...\"}.");
            if (o.value(QLatin1String("user")).toString() != m_p.o.user ||
                o.value(QLatin1String("password")).toString() != m_p.o.password)
                return errorReply(req, http::status::unauthorized, "invalid_credentials",
                                  "Wrong user name or password.");
            return reply(req, http::status::ok, m_p.issueTokens());
        }
        if (route == "token/refresh") {
            if (method != http::verb::post)
                return errorReply(req, http::status::method_not_allowed, "method_not_allowed", "Use POST.");
            const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(req.body())).object();
            const std::string refresh = o.value(QLatin1String("refreshToken")).toString().toStdString();
            const auto it = m_p.refreshTokens.find(refresh);
            if (it == m_p.refreshTokens.end() || it->second <= Clock::now())
                return errorReply(req, http::status::unauthorized, "invalid_refresh_token",
                                  "Unknown or expired refresh token; log in again.");
            m_p.refreshTokens.erase(it); // refresh tokens are single-use: a new one comes with the answer
            return reply(req, http::status::ok, m_p.issueTokens(true));
        }

        const std::string code = m_p.checkToken(bearer(req, query));
        if (!code.empty())
            return authError(req, code);
        const DemoCatalog &catalog = *m_p.catalog;
        const bool isGet = method == http::verb::get;

        if (route == "regions" && isGet) {
            if (notModified(req, catalog.regionsEtag()))
                return notModifiedReply(req, catalog.regionsEtag());
            Response res = reply(req, http::status::ok, catalog.regionsJson());
            res.set(http::field::etag, catalog.regionsEtag());
            return res;
        }
        if (route == "cameras" && isGet) {
            bool okPage = true, okSize = true;
            const QString pageText = query.queryItemValue(QStringLiteral("page"));
            const QString sizeText = query.queryItemValue(QStringLiteral("pageSize"));
            const qint64 page = pageText.isEmpty() ? 1 : pageText.toLongLong(&okPage);
            int pageSize = sizeText.isEmpty() ? kDefaultPageSize : sizeText.toInt(&okSize);
            if (!okPage || !okSize || page < 1 || pageSize < 1)
                return errorReply(req, http::status::bad_request, "bad_request",
                                  "'page' and 'pageSize' take positive whole numbers.");
            pageSize = std::min(pageSize, m_p.o.maxPageSize);
            // One version for the whole list: a 304 on page 1 means no page changed.
            if (notModified(req, catalog.camerasEtag()))
                return notModifiedReply(req, catalog.camerasEtag());
            Response res = reply(req, http::status::ok, catalog.page(page, pageSize));
            res.set(http::field::etag, catalog.camerasEtag());
            return res;
        }
        if (route.rfind("cameras/", 0) == 0) {
            const std::string rest = route.substr(8);
            const auto slash = rest.find('/');
            const std::string id = rest.substr(0, slash);
            const std::string sub = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
            const qint64 index = catalog.indexOf(id);
            if (index < 0)
                return errorReply(req, http::status::not_found, "camera_not_found",
                                  "No camera with id " + id + ".");
            if (sub.empty() && isGet) {
                std::string body;
                catalog.appendCamera(body, index);
                return reply(req, http::status::ok, std::move(body));
            }
            if (sub == "live" && isGet) {
                const QString stream = query.queryItemValue(QStringLiteral("stream"));
                if (!stream.isEmpty() && stream != QLatin1String("main") && stream != QLatin1String("sub"))
                    return errorReply(req, http::status::bad_request, "bad_request",
                                      "'stream' is \"main\" or \"sub\".");
                const std::string url = catalog.streamUrl(index, stream != QLatin1String("sub"));
                if (url.empty())
                    return errorReply(req, http::status::not_found, "stream_unavailable",
                                      "This demo platform has no media server configured.");
                std::string body = "{\"url\":";
                json::appendString(body, url);
                body += ",\"expiresAt\":";
                json::appendString(
                    body, QDateTime::currentDateTimeUtc().addSecs(300).toString(Qt::ISODate).toStdString());
                body += '}';
                return reply(req, http::status::ok, std::move(body));
            }
            if ((sub == "recordings" || sub == "playback") && isGet)
                return recordings(req, query, id, sub == "playback");
        }
        if (route == "units" && isGet) {
            std::string body = "{\"items\":";
            body += m_p.lastUnits ? unitItems(*m_p.lastUnits) : std::string("[]");
            body += '}';
            return reply(req, http::status::ok, std::move(body));
        }
        if (route.rfind("units/", 0) == 0 && isGet)
            return errorReply(req, http::status::not_implemented, "not_implemented",
                              "The demo platform keeps no track history yet.");
        if (route.rfind("alarms/", 0) == 0 && route.size() > 11 && route.substr(route.size() - 4) == "/ack") {
            if (method != http::verb::post)
                return errorReply(req, http::status::method_not_allowed, "method_not_allowed", "Use POST.");
            const std::string id = route.substr(7, route.size() - 11);
            if (!m_p.acknowledge(id))
                return errorReply(req, http::status::not_found, "alarm_not_found",
                                  "No alarm with id " + id +
                                      " (the demo platform forgets alarms when it "
                                      "restarts).");
            Response res{http::status::no_content, req.version()};
            res.set(http::field::server, "vigil-demo-backend");
            res.keep_alive(req.keep_alive());
            return res;
        }
        return errorReply(req, http::status::not_found, "not_found", "No such endpoint: " + path + ".");
    }

    // The "items" array inside a units push message.
    static std::string unitItems(const std::string &message)
    {
        const auto start = message.find("\"items\":");
        if (start == std::string::npos)
            return "[]";
        return message.substr(start + 8, message.size() - start - 9);
    }

    static bool notModified(const Request &req, const std::string &etag)
    {
        const auto it = req.find(http::field::if_none_match);
        if (it == req.end())
            return false;
        const std::string_view v(it->value().data(), it->value().size());
        return v == "*" || v.find(etag) != std::string_view::npos;
    }

    static Response notModifiedReply(const Request &req, const std::string &etag)
    {
        Response res{http::status::not_modified, req.version()};
        res.set(http::field::server, "vigil-demo-backend");
        res.set(http::field::etag, etag);
        res.keep_alive(req.keep_alive());
        return res;
    }

    beast::tcp_stream m_stream;
    DemoBackend::Private &m_p;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    Response m_res;
};

void accept(DemoBackend::Private *p)
{
    p->acceptor->async_accept([p](beast::error_code ec, tcp::socket s) {
        if (ec)
            return; // closed by stop()
        std::make_shared<HttpSession>(std::move(s), *p)->read();
        accept(p);
    });
}

} // namespace

void DemoBackend::Private::publishUnits(const map::UnitsModel &model)
{
    const std::string now = isoNow();
    std::string msg = "{\"type\":\"units\",\"time\":";
    json::appendString(msg, now);
    msg += ",\"items\":[";
    bool first = true;
    for (const map::PatrolUnit &u : model.units()) {
        if (!first)
            msg += ',';
        first = false;
        msg += "{\"id\":";
        json::appendString(msg, u.id.toStdString());
        msg += ",\"callSign\":";
        json::appendString(msg, u.callSign.toStdString());
        msg += ",\"lon\":";
        json::appendNumber(msg, u.position.lon, 6);
        msg += ",\"lat\":";
        json::appendNumber(msg, u.position.lat, 6);
        msg += ",\"datum\":\"wgs84\",\"heading\":";
        json::appendNumber(msg, u.headingDeg, 1);
        msg += ",\"speed\":";
        json::appendNumber(msg, u.speedMps, 1);
        msg += ",\"status\":";
        json::appendString(msg, unitStatus(u.status));
        msg += ",\"time\":";
        json::appendString(
            msg, u.lastFix.isValid() ? u.lastFix.toUTC().toString(Qt::ISODateWithMs).toStdString() : now);
        msg += '}';
    }
    msg += "]}";
    auto shared = std::make_shared<const std::string>(std::move(msg));
    asio::post(*ioc, [this, shared] { broadcastUnits(shared); });
}

void DemoBackend::Private::broadcastUnits(std::shared_ptr<const std::string> message)
{
    lastUnits = message;
    std::erase_if(sessions, [](const std::weak_ptr<WsSession> &w) { return w.expired(); });
    for (const auto &w : sessions)
        if (auto s = w.lock(); s && s->wantsUnits())
            s->send(message);
}

std::pair<std::string, std::shared_ptr<const std::string>> DemoBackend::Private::makeAlarm()
{
    std::lock_guard lock(alarmMutex);
    const int n = ++alarmsRaised;
    const std::string id = alarmPrefix + std::to_string(n);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const int cams = catalog ? catalog->demoCameraCount() : 0;
    std::string alarm = "{\"id\":";
    json::appendString(alarm, id);
    // Two alarms in three at a camera, the others at a place in the county (a villager's SOS button).
    if (cams > 0 && alarmRng() % 3 != 0) {
        const AlarmKind &k = kCameraAlarms[alarmRng() % std::size(kCameraAlarms)];
        const DemoCatalog::CameraPlace c = catalog->demoCamera(int(alarmRng() % unsigned(cams)));
        alarm += ",\"cameraId\":";
        json::appendString(alarm, c.id);
        alarm += ",\"kind\":";
        json::appendString(alarm, k.kind);
        alarm += ",\"priority\":" + std::to_string(k.priority) + ",\"message\":";
        json::appendString(alarm, c.name + "：" + k.zh);
        alarm += ",\"messageEn\":";
        json::appendString(alarm, std::string(k.en) + " at " + c.nameEn);
    } else {
        const AlarmKind &k = kPlaceAlarms[alarmRng() % std::size(kPlaceAlarms)];
        const DemoCatalog::RegionRec &county = catalog->regions().front();
        alarm += ",\"kind\":";
        json::appendString(alarm, k.kind);
        alarm += ",\"priority\":" + std::to_string(k.priority) + ",\"message\":";
        json::appendString(alarm, k.zh);
        alarm += ",\"messageEn\":";
        json::appendString(alarm, k.en);
        alarm += ",\"lon\":";
        json::appendNumber(alarm, county.lon + county.dLon * (0.1 + 0.8 * unit(alarmRng)), 6);
        alarm += ",\"lat\":";
        json::appendNumber(alarm, county.lat + county.dLat * (0.1 + 0.8 * unit(alarmRng)), 6);
        alarm += ",\"datum\":\"wgs84\"";
    }
    alarm += ",\"time\":";
    json::appendString(alarm, isoNow());
    alarm += '}';
    auto message = std::make_shared<const std::string>("{\"type\":\"alarm\",\"alarm\":" + alarm + "}");
    alarms[id] = DemoAlarm{message, false};
    alarmOrder.push_back(id);
    if (alarmOrder.size() > kMaxAlarmsKept) {
        alarms.erase(alarmOrder.front());
        alarmOrder.pop_front();
    }
    return {id, message};
}

void DemoBackend::Private::broadcastAlarm(const std::shared_ptr<const std::string> &message)
{
    std::erase_if(sessions, [](const std::weak_ptr<WsSession> &w) { return w.expired(); });
    for (const auto &w : sessions)
        if (auto s = w.lock(); s && s->wantsAlarms())
            s->send(message);
}

void DemoBackend::Private::scheduleAlarm()
{
    if (!alarmTimer || o.alarmIntervalMs <= 0)
        return;
    alarmTimer->expires_after(std::chrono::milliseconds(o.alarmIntervalMs));
    alarmTimer->async_wait([this](beast::error_code ec) {
        if (ec)
            return; // stop()
        const auto made = makeAlarm();
        qCInfo(vigilDemo) << "demo alarm" << QString::fromStdString(made.first);
        broadcastAlarm(made.second);
        scheduleAlarm();
    });
}

std::vector<std::shared_ptr<const std::string>> DemoBackend::Private::openAlarms() const
{
    std::lock_guard lock(alarmMutex);
    std::vector<std::shared_ptr<const std::string>> out;
    const std::size_t first =
        alarmOrder.size() > kOpenAlarmsReplayed ? alarmOrder.size() - kOpenAlarmsReplayed : 0;
    for (std::size_t i = first; i < alarmOrder.size(); ++i)
        if (const auto it = alarms.find(alarmOrder[i]); it != alarms.end() && !it->second.acknowledged)
            out.push_back(it->second.message);
    return out;
}

bool DemoBackend::Private::acknowledge(const std::string &id)
{
    std::lock_guard lock(alarmMutex);
    const auto it = alarms.find(id);
    if (it == alarms.end())
        return false;
    if (!it->second.acknowledged)
        ++alarmsAcknowledged;
    it->second.acknowledged = true;
    ++ackRequests;
    return true;
}

DemoBackend::DemoBackend(DemoBackendOptions options)
    : d(std::make_unique<Private>())
{
    d->o = std::move(options);
    d->o.tokenSeconds = std::max(0, d->o.tokenSeconds);
    d->o.maxPageSize = std::max(1, d->o.maxPageSize);
}

DemoBackend::~DemoBackend()
{
    stop();
}

bool DemoBackend::start(QString *error)
{
    if (d->running)
        return true;
    if (!d->ioc) {
        if (error)
            *error = QStringLiteral("The demo backend cannot be started again after stop().");
        return false;
    }
    d->catalog.emplace(d->o.cameraCount, d->o.rtspBase.toString(QUrl::FullyEncoded).toStdString());

    beast::error_code ec;
    d->acceptor.emplace(*d->ioc);
    const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), d->o.port);
    d->acceptor->open(ep.protocol(), ec);
    if (!ec)
        d->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor->bind(ep, ec);
    if (!ec)
        d->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        if (error)
            *error =
                QStringLiteral("The demo backend cannot listen on 127.0.0.1:%1: %2. Choose another port.")
                    .arg(d->o.port)
                    .arg(QString::fromStdString(ec.message()));
        d->acceptor.reset();
        return false;
    }
    d->port = d->acceptor->local_endpoint().port();

    if (d->o.unitCount > 0) {
        d->context = std::make_unique<QObject>();
        d->units = std::make_unique<map::UnitsModel>();
        d->units->setTrailLength(0);
        d->simulator = std::make_unique<map::UnitSimulator>();
        d->simulator->setUnitCount(d->o.unitCount);
        d->simulator->setInterval(d->o.unitIntervalMs);
        d->simulator->setModel(d->units.get());
        Private *p = d.get();
        auto publish = [p] {
            p->publishUnits(*p->units);
        };
        QObject::connect(d->units.get(), &map::UnitsModel::positionsChanged, d->context.get(), publish);
        publish(); // the starting positions, before the first tick
        d->simulator->setRunning(true);
    }

    d->alarmPrefix = "demo-" + std::to_string(QDateTime::currentMSecsSinceEpoch()) + "-";
    d->alarmTimer.emplace(*d->ioc);
    asio::post(*d->ioc, [p = d.get()] { p->scheduleAlarm(); });

    accept(d.get());
    d->thread = std::thread([p = d.get()] { p->ioc->run(); });
    d->running = true;
    qCInfo(vigilDemo) << "demo backend on" << baseUrl().toString() << "with" << d->o.cameraCount << "cameras";
    return true;
}

void DemoBackend::stop()
{
    if (d->simulator)
        d->simulator->setRunning(false);
    d->context.reset();
    d->sourceContext.reset();
    if (d->thread.joinable()) {
        asio::post(*d->ioc, [p = d.get()] {
            beast::error_code ignored;
            if (p->acceptor)
                p->acceptor->close(ignored);
            if (p->alarmTimer)
                p->alarmTimer->cancel();
            p->ioc->stop();
        });
        d->thread.join();
        // Destroy the pending handlers (and the sessions they hold) now, while Private is whole.
        d->acceptor.reset();
        d->alarmTimer.reset();
        d->sessions.clear();
        d->ioc.reset();
    }
    d->running = false;
}

void DemoBackend::setUnitsSource(map::UnitsModel *model)
{
    d->sourceContext.reset();
    if (!model || !d->running)
        return;
    d->sourceContext = std::make_unique<QObject>();
    Private *p = d.get();
    QObject::connect(model, &map::UnitsModel::positionsChanged, d->sourceContext.get(),
                     [p, model] { p->publishUnits(*model); });
    // A destroyed model takes its connection with it.
    p->publishUnits(*model); // the positions it has now, before its next step
}

bool DemoBackend::isRunning() const
{
    return d->running;
}

quint16 DemoBackend::port() const
{
    return d->port;
}

QUrl DemoBackend::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(d->port));
}

const DemoBackendOptions &DemoBackend::options() const
{
    return d->o;
}

int DemoBackend::logins() const
{
    return d->logins;
}

int DemoBackend::refreshes() const
{
    return d->refreshes;
}

qint64 DemoBackend::requests() const
{
    return d->requests;
}

int DemoBackend::pushClients() const
{
    return d->pushClients;
}

int DemoBackend::alarmsRaised() const
{
    return d->alarmsRaised;
}

int DemoBackend::alarmsAcknowledged() const
{
    return d->alarmsAcknowledged;
}

int DemoBackend::ackRequests() const
{
    return d->ackRequests;
}

bool DemoBackend::isAlarmAcknowledged(const QString &alarmId) const
{
    std::lock_guard lock(d->alarmMutex);
    const auto it = d->alarms.find(alarmId.toStdString());
    return it != d->alarms.end() && it->second.acknowledged;
}

QString DemoBackend::raiseAlarm()
{
    if (!d->running)
        return {};
    auto made = d->makeAlarm();
    asio::post(*d->ioc, [p = d.get(), message = made.second] { p->broadcastAlarm(message); });
    return QString::fromStdString(made.first);
}

} // namespace vigil::demo
