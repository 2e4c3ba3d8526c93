// WebhookServer: one Asio thread; a session per connection (keep-alive), each step under a deadline.
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include "vigil/webhook/webhook_server.h"

#include "vigil/core/gui_post.h"
#include "vigil/network/logging.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QPointer>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <limits>
#include <optional>
#include <thread>

namespace vigil::webhook {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view kPath = "/api/v1/alarms";
constexpr std::uint32_t kHeaderLimit = 16 * 1024;

using Response = http::response<http::string_body>;

std::string errorJson(std::string_view code, const QString &message)
{
    QJsonObject error{{QStringLiteral("code"), QString::fromUtf8(code.data(), qsizetype(code.size()))},
                      {QStringLiteral("message"), message}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
        .toJson(QJsonDocument::Compact)
        .toStdString();
}

// State every session and every pending reply shares; outlives the server object while they hold it.
struct Shared
{
    WebhookConfig config;
    // Posts a parsed alarm to the owner's thread (captures a QPointer to the server).
    std::function<void(WebhookAlarm, WebhookServer::Reply)> deliver;
    std::function<void(int, QString)> refusedNote;
    std::atomic<int> connections{0};
    std::atomic<qint64> accepted{0};
    std::atomic<qint64> refused{0};
};

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(tcp::socket socket, std::shared_ptr<Shared> shared, std::weak_ptr<asio::io_context> ioc)
        : m_stream(std::move(socket))
        , m_timer(m_stream.get_executor())
        , m_shared(std::move(shared))
        , m_ioc(std::move(ioc))
    {
        ++m_shared->connections;
    }
    ~Session() { --m_shared->connections; }

    void readHeader()
    {
        m_parser.emplace();
        m_parser->header_limit(kHeaderLimit);
        // No limit while the headers are read: the caller's token is checked before its length is judged.
        // (Not boost::none: Boost 1.74 compares the length with it and always refuses.)
        m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
        m_stream.expires_after(std::chrono::milliseconds(m_shared->config.readTimeoutMs));
        http::async_read_header(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
    }

private:
    void onHeader(beast::error_code ec)
    {
        if (ec == http::error::header_limit)
            return refuse(http::status::request_header_fields_too_large, "headers_too_large",
                          QStringLiteral("The request headers are larger than 16 KiB."), false);
        if (ec == http::error::body_limit)
            return refuse(http::status::payload_too_large, "too_large",
                          QStringLiteral("The body is larger than %1 bytes; send one alarm per request.")
                              .arg(kMaxBodyBytes),
                          false);
        if (ec)
            return close(); // timed out, closed, not HTTP: nobody to answer
        const auto &req = m_parser->get();
        const std::string_view target(req.target().data(), req.target().size());
        const std::string_view path = target.substr(0, target.find('?'));
        if (path != kPath)
            return refuse(http::status::not_found, "not_found",
                          QStringLiteral("No such endpoint; alarms are posted to /api/v1/alarms."), false);
        if (req.method() != http::verb::post)
            return refuse(http::status::method_not_allowed, "method_not_allowed",
                          QStringLiteral("Use POST to send an alarm."), false);
        if (!authorized(req))
            return refuse(
                http::status::unauthorized, "unauthorized",
                QStringLiteral("Missing or wrong token: send \"Authorization: Bearer <token>\" with "
                               "the token configured in Vigil."),
                false);
        if (req.has_content_length() && m_parser->content_length().value_or(0) > std::uint64_t(kMaxBodyBytes))
            return refuse(http::status::payload_too_large, "too_large",
                          QStringLiteral("The body is larger than %1 bytes; send one alarm per request.")
                              .arg(kMaxBodyBytes),
                          false);
        m_parser->body_limit(std::uint64_t(kMaxBodyBytes)); // a chunked body is cut off as it arrives
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = shared_from_this()](beast::error_code e, std::size_t) { self->onBody(e); });
    }

    void onBody(beast::error_code ec)
    {
        if (ec == http::error::body_limit)
            return refuse(http::status::payload_too_large, "too_large",
                          QStringLiteral("The body is larger than %1 bytes; send one alarm per request.")
                              .arg(kMaxBodyBytes),
                          false);
        if (ec)
            return close();
        m_stream.expires_never();
        m_keepAlive = m_parser->get().keep_alive();
        const std::string &body = m_parser->get().body();
        WebhookParse parsed = parseWebhookAlarm(QByteArray(body.data(), qsizetype(body.size())));
        if (!parsed.ok())
            return refuse(http::status::bad_request, "bad_request", parsed.error, m_keepAlive);

        // Wait for the owner's answer, at most replyTimeoutMs.
        m_timer.expires_after(std::chrono::milliseconds(m_shared->config.replyTimeoutMs));
        m_timer.async_wait([self = shared_from_this()](beast::error_code e) {
            if (e || self->m_answered)
                return;
            self->m_answered = true;
            self->respond(
                http::status::service_unavailable,
                errorJson("not_stored", QStringLiteral("Vigil did not store the alarm in time; send "
                                                       "it again.")),
                false);
        });
        std::weak_ptr<Session> weak = weak_from_this();
        std::weak_ptr<asio::io_context> ioc = m_ioc;
        WebhookServer::Reply reply = [weak, ioc](const QString &id, const QString &error) {
            const auto context = ioc.lock();
            if (!context)
                return;
            asio::post(*context, [weak, id, error] {
                if (const auto self = weak.lock())
                    self->onReply(id, error);
            });
        };
        m_shared->deliver(std::move(*parsed.alarm), std::move(reply));
    }

    void onReply(const QString &id, const QString &error)
    {
        if (m_answered)
            return;
        m_answered = true;
        m_timer.cancel();
        if (!error.isEmpty())
            return respond(http::status::service_unavailable, errorJson("not_stored", error), false);
        ++m_shared->accepted;
        const std::string body = QJsonDocument(QJsonObject{{QStringLiteral("id"), id}})
                                     .toJson(QJsonDocument::Compact)
                                     .toStdString();
        respond(http::status::created, body, m_keepAlive);
    }

    bool authorized(const http::request<http::string_body> &req) const
    {
        const auto it = req.find(http::field::authorization);
        if (it == req.end())
            return false;
        const std::string_view v(it->value().data(), it->value().size());
        if (v.size() <= 7 || !(v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer "))
            return false;
        const std::string_view token = v.substr(7);
        return constantTimeEquals(QByteArray(token.data(), qsizetype(token.size())), m_shared->config.token);
    }

    void refuse(http::status status, std::string_view code, const QString &message, bool keepAlive)
    {
        ++m_shared->refused;
        if (m_shared->refusedNote)
            m_shared->refusedNote(int(status), message);
        respond(status, errorJson(code, message), keepAlive);
    }

    void respond(http::status status, std::string body, bool keepAlive)
    {
        m_res = Response(status, 11);
        m_res.set(http::field::server, "Vigil");
        m_res.set(http::field::content_type, "application/json");
        if (status == http::status::unauthorized)
            m_res.set(http::field::www_authenticate, "Bearer realm=\"vigil\"");
        if (status == http::status::method_not_allowed)
            m_res.set(http::field::allow, "POST");
        m_res.keep_alive(keepAlive);
        m_res.body() = std::move(body);
        m_res.prepare_payload();
        m_stream.expires_after(std::chrono::milliseconds(m_shared->config.readTimeoutMs));
        http::async_write(m_stream, m_res, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec)
                return self->close();
            if (!self->m_res.keep_alive())
                return self->closeGracefully();
            self->m_answered = false;
            self->readHeader();
        });
    }

    // After an answer given before the body was read: closing with unread bytes would reset the connection
    // and could destroy the answer on its way, so the send side is shut and what the client still sends is
    // read and dropped (until it closes, at most readTimeoutMs).
    void closeGracefully()
    {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.expires_after(std::chrono::milliseconds(m_shared->config.readTimeoutMs));
        drain();
    }

    void drain()
    {
        m_stream.async_read_some(asio::buffer(m_drain),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec)
                                         return self->close();
                                     self->drain();
                                 });
    }

    void close()
    {
        m_timer.cancel();
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        m_stream.close();
    }

    beast::tcp_stream m_stream;
    asio::steady_timer m_timer;
    std::shared_ptr<Shared> m_shared;
    std::weak_ptr<asio::io_context> m_ioc;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    Response m_res;
    std::array<char, 4096> m_drain{};
    bool m_keepAlive = false;
    bool m_answered = false;
};

} // namespace

struct WebhookServer::Private
{
    std::shared_ptr<Shared> shared = std::make_shared<Shared>();
    std::shared_ptr<asio::io_context> ioc;
    std::optional<tcp::acceptor> acceptor;
    std::thread thread;
    quint16 port = 0;

    void accept()
    {
        acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open())
                return; // stop()
            if (!ec) {
                if (shared->connections.load() >= shared->config.maxConnections) {
                    beast::error_code ignored;
                    socket.close(ignored);
                } else {
                    std::make_shared<Session>(std::move(socket), shared, ioc)->readHeader();
                }
            }
            accept();
        });
    }
};

bool parseListenAddress(const QString &text, QString *address, quint16 *port, QString *error)
{
    QString host = QStringLiteral("127.0.0.1");
    QString portText = text.trimmed();
    const qsizetype colon = portText.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        host = portText.left(colon);
        portText = portText.mid(colon + 1);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint p = portText.toUInt(&ok);
    if (!ok || p > 65535) {
        if (error)
            *error = QStringLiteral("\"%1\" is not ADDRESS:PORT (e.g. 127.0.0.1:8089).").arg(text);
        return false;
    }
    beast::error_code ec;
    asio::ip::make_address(host.toStdString(), ec);
    if (ec) {
        if (error)
            *error = QStringLiteral("\"%1\" is not an IP address of this PC (e.g. 127.0.0.1).").arg(host);
        return false;
    }
    *address = host;
    *port = quint16(p);
    return true;
}

WebhookServer::WebhookServer(WebhookConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->shared->config = std::move(config);
}

WebhookServer::~WebhookServer()
{
    stop();
}

bool WebhookServer::start(QString *error)
{
    if (isRunning())
        return true;
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        qCWarning(vigilNet).noquote() << "webhook:" << why;
        return false;
    };
    const WebhookConfig &c = d->shared->config;
    if (c.token.size() < 8)
        return fail(QStringLiteral("The webhook needs a shared token of at least 8 characters "
                                   "(VIGIL_WEBHOOK_TOKEN or \"webhookToken\" in settings.json)."));
    beast::error_code ec;
    const auto address = asio::ip::make_address(c.address.toStdString(), ec);
    if (ec)
        return fail(QStringLiteral("The webhook address \"%1\" is not an IP address.").arg(c.address));

    QPointer<WebhookServer> self(this);
    d->shared->deliver = [self](WebhookAlarm alarm, Reply reply) {
        core::postToApp([self, alarm = std::move(alarm), reply = std::move(reply)]() mutable {
            if (!self || !self->m_handler) {
                reply({}, QStringLiteral("Vigil is shutting down; send the alarm again later."));
                return;
            }
            self->m_handler(alarm, std::move(reply));
        });
    };
    d->shared->refusedNote = [self](int status, QString reason) {
        core::postToApp([self, status, reason = std::move(reason)] {
            if (self)
                emit self->requestRefused(status, reason);
        });
    };

    d->ioc = std::make_shared<asio::io_context>(1);
    d->acceptor.emplace(*d->ioc);
    const tcp::endpoint ep(address, c.port);
    d->acceptor->open(ep.protocol(), ec);
    if (!ec)
        d->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor->bind(ep, ec);
    if (!ec)
        d->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        d->acceptor.reset();
        d->ioc.reset();
        return fail(QStringLiteral("The webhook cannot listen on %1:%2 (%3). Choose another port or address.")
                        .arg(c.address)
                        .arg(c.port)
                        .arg(QString::fromStdString(ec.message())));
    }
    d->port = d->acceptor->local_endpoint().port();
    d->accept();
    d->thread = std::thread([ioc = d->ioc] { ioc->run(); });
    qCInfo(vigilNet).noquote() << QStringLiteral("webhook receiver listening on http://%1:%2%3")
                                      .arg(c.address.contains(QLatin1Char(':'))
                                               ? QLatin1Char('[') + c.address + QLatin1Char(']')
                                               : c.address)
                                      .arg(d->port)
                                      .arg(QLatin1String(kPath.data(), qsizetype(kPath.size())));
    return true;
}

void WebhookServer::stop()
{
    if (!d->thread.joinable())
        return;
    asio::post(*d->ioc, [p = d.get()] {
        beast::error_code ignored;
        p->acceptor->close(ignored);
        p->ioc->stop();
    });
    d->thread.join();
    d->acceptor.reset();
    // Pending sessions are destroyed with the context (here, or by the last reply that holds it).
    d->ioc.reset();
    d->shared->deliver = nullptr;
    d->shared->refusedNote = nullptr;
}

bool WebhookServer::isRunning() const
{
    return d->thread.joinable();
}

quint16 WebhookServer::port() const
{
    return d->port;
}

QString WebhookServer::address() const
{
    return d->shared->config.address;
}

qint64 WebhookServer::accepted() const
{
    return d->shared->accepted;
}

qint64 WebhookServer::refused() const
{
    return d->shared->refused;
}

} // namespace vigil::webhook
