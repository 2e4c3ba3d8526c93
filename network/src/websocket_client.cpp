// Beast implementation of WebSocketConnection on HttpClient's network thread. Every connection attempt is an
// Attempt object owned by the handlers pending on it; abandoning one (failure, reconnect, stop) closes its
// socket and marks it dead, so its late completions do nothing.
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include "vigil/network/http_client.h"
#include "vigil/network/websocket_client.h"

#include "http_client_private.h"
#include "vigil/core/backoff.h"
#include "vigil/network/logging.h"

#include <QtCore/QCoreApplication>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>

namespace vigil::network {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::network::WebSocketClient)
};

int defaultPort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("wss") ? 443 : 80);
}

// host:port only: the path and query may carry a token (?access_token=).
QString endpointText(const QUrl &url)
{
    return QStringLiteral("%1:%2").arg(url.host()).arg(defaultPort(url));
}

using PlainWs = websocket::stream<beast::tcp_stream>;
using SecureWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

// One connection attempt and, once upgraded, the open connection. Network thread only.
struct Attempt : detail::EitherStream<PlainWs, SecureWs>
{
    Attempt(asio::io_context &ioc, asio::ssl::context *tls)
        : EitherStream(ioc, tls)
        , resolver(ioc)
    {}
    void abandon()
    {
        dead = true;
        beast::error_code ignored;
        resolver.cancel();
        tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
        tcp().close();
    }

    tcp::resolver resolver;
    // wss: the leaf certificate checked at the TLS handshake (its SHA-256 goes into a refusal's text).
    std::shared_ptr<detail::PeerCertificate> peer = std::make_shared<detail::PeerCertificate>();
    websocket::response_type response;
    beast::flat_buffer buffer;
    std::deque<std::string> queue;
    bool writing = false;
    bool open = false;
    bool dead = false;
};

} // namespace

struct WebSocketConnection::Private : std::enable_shared_from_this<WebSocketConnection::Private>
{
    Private(WebSocketOptions o, Handlers h)
        : ioc(detail::networkContext())
        , options(std::move(o))
        , handlers(std::move(h))
        , timer(ioc)
        , backoff(std::chrono::milliseconds(options.reconnectInitialMs),
                  std::chrono::milliseconds(options.reconnectMaxMs), 2.0, 0.1)
    {}

    // --- any thread
    template<typename Pick, typename... Args> void call(Pick pick, Args &&...args)
    {
        std::lock_guard lock(handlerMutex);
        if (stopped)
            return;
        auto fn = pick(handlers); // a copy: the handler may call stop(), which clears `handlers`
        if (fn)
            fn(std::forward<Args>(args)...);
    }

    // --- network thread only below
    void connect()
    {
        if (stopped)
            return;
        if (attempt)
            attempt->abandon();
        const QUrl &u = options.url;
        const bool secure = u.scheme() == QLatin1String("wss");
        if (!u.isValid() || (u.scheme() != QLatin1String("ws") && !secure) || u.host().isEmpty()) {
            // No retry: the address will not get better by waiting.
            WebSocketFailure f;
            f.error = WebSocketError::InvalidUrl;
            f.text = Msg::tr("Not a ws:// or wss:// address: %1")
                         .arg(u.scheme() + QStringLiteral("://") + u.host());
            return call([](Handlers &h) { return h.failed; }, f);
        }
        auto a = std::make_shared<Attempt>(ioc, secure ? &detail::networkTls() : nullptr);
        attempt = a;
        if (secure)
            detail::applyTlsPolicy(a->secure->next_layer(), u.host().toStdString(), options.tlsVerifyPeer,
                                   normalizeFingerprint(options.trustedCertSha256), a->peer);
        auto self = shared_from_this();
        a->resolver.async_resolve(
            u.host().toStdString(), std::to_string(defaultPort(u)),
            [self, a](const beast::error_code &ec, const tcp::resolver::results_type &results) {
                if (a->dead)
                    return;
                if (ec)
                    return self->fail(
                        a, WebSocketError::Unreachable,
                        Msg::tr("Cannot resolve %1: %2")
                            .arg(self->options.url.host(), QString::fromStdString(ec.message())));
                a->tcp().expires_after(std::chrono::milliseconds(self->options.connectTimeoutMs));
                a->tcp().async_connect(
                    results, [self, a](const beast::error_code &cec, const tcp::endpoint &) {
                        if (a->dead)
                            return;
                        if (cec)
                            return self->fail(a, WebSocketError::Unreachable,
                                              Msg::tr("Cannot connect to %1: %2")
                                                  .arg(endpointText(self->options.url),
                                                       cec == beast::error::timeout
                                                           ? Msg::tr("no answer within %1 ms")
                                                                 .arg(self->options.connectTimeoutMs)
                                                           : QString::fromStdString(cec.message())));
                        if (!a->secure)
                            return self->upgrade(a);
                        a->tcp().expires_after(std::chrono::milliseconds(self->options.connectTimeoutMs));
                        a->secure->next_layer().async_handshake(asio::ssl::stream_base::client,
                                                                [self, a](const beast::error_code &hec) {
                                                                    if (a->dead)
                                                                        return;
                                                                    if (hec)
                                                                        return self->tlsFailed(a, hec);
                                                                    self->upgrade(a);
                                                                });
                    });
            });
    }

    void upgrade(const std::shared_ptr<Attempt> &a)
    {
        const QUrl &u = options.url;
        QByteArray target = u.path(QUrl::FullyEncoded).toLatin1();
        if (target.isEmpty())
            target = "/";
        if (u.hasQuery())
            target += '?' + u.query(QUrl::FullyEncoded).toLatin1();
        const int port = defaultPort(u);
        const bool standardPort = port == (a->secure ? 443 : 80);
        const std::string host =
            standardPort ? u.host().toStdString() : u.host().toStdString() + ':' + std::to_string(port);
        auto headers = options.headers;
        auto self = shared_from_this();
        // The tcp_stream's deadline bounds the upgrade (a server that accepts and never answers); once open,
        // Beast's own idle timer with keep-alive pings takes over (the two must not both run).
        a->tcp().expires_after(std::chrono::milliseconds(options.connectTimeoutMs));
        a->visit([&](auto &ws) {
            ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type &req) {
                req.set(http::field::user_agent, "Vigil");
                for (const auto &h : headers)
                    req.set(h.first.toStdString(), h.second.toStdString());
            }));
            ws.read_message_max(std::uint64_t(std::max<qint64>(1, options.maxMessageBytes)));
            ws.async_handshake(
                a->response, host, target.toStdString(), [self, a, &ws](const beast::error_code &ec) {
                    if (a->dead)
                        return;
                    if (ec == websocket::error::upgrade_declined) {
                        const int status = int(a->response.result_int());
                        return self->fail(a, WebSocketError::Refused,
                                          Msg::tr("%1 refused the WebSocket connection (HTTP %2)")
                                              .arg(endpointText(self->options.url))
                                              .arg(status),
                                          status, QByteArray::fromStdString(a->response.body()));
                    }
                    if (ec)
                        return self->fail(
                            a, WebSocketError::Handshake,
                            ec == beast::error::timeout
                                ? Msg::tr("%1 accepted the connection but did not answer the WebSocket "
                                          "upgrade within %2 ms")
                                      .arg(endpointText(self->options.url))
                                      .arg(self->options.connectTimeoutMs)
                                : Msg::tr("%1 is not a WebSocket server: %2")
                                      .arg(endpointText(self->options.url),
                                           QString::fromStdString(ec.message())));
                    a->tcp().expires_never();
                    websocket::stream_base::timeout t;
                    t.handshake_timeout = std::chrono::milliseconds(self->options.connectTimeoutMs);
                    t.idle_timeout = std::chrono::milliseconds(std::max(100, self->options.idleTimeoutMs));
                    t.keep_alive_pings = true;
                    ws.set_option(t);
                    a->open = true;
                    self->open = true;
                    self->backoff.reset();
                    qCInfo(vigilNet).noquote() << "WebSocket connected to" << endpointText(self->options.url);
                    self->call([](Handlers &h) { return h.opened; });
                    self->read(a);
                });
        });
    }

    void read(const std::shared_ptr<Attempt> &a)
    {
        auto self = shared_from_this();
        a->visit([&](auto &ws) {
            ws.async_read(a->buffer, [self, a](const beast::error_code &ec, std::size_t) {
                if (a->dead)
                    return;
                if (ec) {
                    if (ec == beast::error::timeout)
                        return self->fail(a, WebSocketError::Dead,
                                          Msg::tr("%1 stopped answering (no reply to pings within %2 ms)")
                                              .arg(endpointText(self->options.url))
                                              .arg(self->options.idleTimeoutMs));
                    if (ec == websocket::error::message_too_big)
                        return self->fail(a, WebSocketError::TooLarge,
                                          Msg::tr("%1 sent a message longer than the %2 MB Vigil accepts")
                                              .arg(endpointText(self->options.url))
                                              .arg(self->options.maxMessageBytes / (1024 * 1024)));
                    return self->fail(a, WebSocketError::Closed,
                                      ec == websocket::error::closed
                                          ? Msg::tr("%1 closed the WebSocket connection")
                                                .arg(endpointText(self->options.url))
                                          : Msg::tr("The WebSocket connection to %1 broke: %2")
                                                .arg(endpointText(self->options.url),
                                                     QString::fromStdString(ec.message())));
                }
                const auto data = a->buffer.data();
                QByteArray text(static_cast<const char *>(data.data()), qsizetype(data.size()));
                a->buffer.consume(a->buffer.size());
                self->call([](Handlers &h) { return h.message; }, std::move(text));
                if (!a->dead)
                    self->read(a);
            });
        });
    }

    void write(const std::shared_ptr<Attempt> &a)
    {
        if (a->writing || a->queue.empty() || a->dead)
            return;
        a->writing = true;
        auto self = shared_from_this();
        a->visit([&](auto &ws) {
            ws.text(true);
            ws.async_write(asio::buffer(a->queue.front()),
                           [self, a](const beast::error_code &ec, std::size_t) {
                               a->writing = false;
                               if (a->dead)
                                   return;
                               if (ec)
                                   return self->fail(a, WebSocketError::Closed,
                                                     Msg::tr("Could not send to %1: %2")
                                                         .arg(endpointText(self->options.url),
                                                              QString::fromStdString(ec.message())));
                               a->queue.pop_front();
                               self->write(a);
                           });
        });
    }

    // As HttpClient says it for https: the presented certificate's SHA-256 in the sentence and in the
    // failure, so the owner can offer to trust it.
    void tlsFailed(const std::shared_ptr<Attempt> &a, const beast::error_code &ec)
    {
        const detail::PeerCertificate peer = *a->peer;
        const QString pin = normalizeFingerprint(options.trustedCertSha256);
        const QString where = endpointText(options.url);
        QString text;
        if (!peer.sha256.isEmpty() && !pin.isEmpty())
            text = Msg::tr("The WSS certificate of %1 (SHA-256 %2) is not the trusted one (SHA-256 %3)")
                       .arg(where, formatFingerprint(peer.sha256), formatFingerprint(pin));
        else if (!peer.sha256.isEmpty())
            text = Msg::tr("The WSS certificate of %1 (SHA-256 %2) is not trusted: %3")
                       .arg(where, formatFingerprint(peer.sha256), QString::fromStdString(ec.message()));
        else
            text = Msg::tr("Secure connection (WSS) to %1 failed: %2")
                       .arg(where, QString::fromStdString(ec.message()));
        fail(a, WebSocketError::Tls, text, 0, {}, peer.sha256);
    }

    void fail(const std::shared_ptr<Attempt> &a, WebSocketError error, const QString &text, int status = 0,
              const QByteArray &body = {}, const QString &peerCertSha256 = {})
    {
        a->abandon();
        if (attempt == a)
            attempt.reset();
        open = false;
        WebSocketFailure f;
        f.error = error;
        f.text = text;
        f.httpStatus = status;
        f.body = body;
        f.peerCertSha256 = peerCertSha256;
        // A refused token or login does not get better by retrying: the owner logs in and calls reconnect().
        const bool authRefused = error == WebSocketError::Refused && (status == 401 || status == 403);
        if (!stopped && !authRefused) {
            const auto delay = backoff.next();
            f.retryInMs = int(delay.count());
            timer.expires_after(delay);
            auto self = shared_from_this();
            timer.async_wait([self](const beast::error_code &ec) {
                if (!ec)
                    self->connect();
            });
        }
        qCInfo(vigilNet).noquote() << "WebSocket:" << text
                                   << (f.retryInMs >= 0 ? QStringLiteral("- again in %1 ms").arg(f.retryInMs)
                                                        : QStringLiteral("- not retrying"));
        call([](Handlers &h) { return h.failed; }, f);
    }

    void shutdown()
    {
        timer.cancel();
        if (attempt) {
            if (attempt->open && !attempt->dead) {
                // A polite close frame; the socket is closed when it is written or fails.
                auto a = attempt;
                a->dead = true;
                a->visit([&](auto &ws) {
                    ws.async_close(websocket::close_code::going_away,
                                   [a](const beast::error_code &) { a->tcp().close(); });
                });
            } else {
                attempt->abandon();
            }
            attempt.reset();
        }
        open = false;
    }

    asio::io_context &ioc;
    WebSocketOptions options; // network thread (copied in before start)
    std::recursive_mutex handlerMutex;
    Handlers handlers; // under handlerMutex
    std::atomic<bool> stopped{false};
    std::atomic<bool> open{false};
    asio::steady_timer timer;
    core::Backoff backoff;
    std::shared_ptr<Attempt> attempt;
};

WebSocketConnection::WebSocketConnection(std::shared_ptr<Private> p)
    : d(std::move(p))
{}

std::shared_ptr<WebSocketConnection> WebSocketConnection::create(WebSocketOptions options, Handlers handlers)
{
    return std::shared_ptr<WebSocketConnection>(
        new WebSocketConnection(std::make_shared<Private>(std::move(options), std::move(handlers))));
}

WebSocketConnection::~WebSocketConnection()
{
    stop();
}

void WebSocketConnection::start()
{
    asio::post(d->ioc, [p = d] { p->connect(); });
}

bool WebSocketConnection::sendText(const QByteArray &text)
{
    if (!d->open || d->stopped)
        return false;
    asio::post(d->ioc, [p = d, text = text.toStdString()]() mutable {
        if (!p->attempt || !p->attempt->open || p->attempt->dead)
            return;
        p->attempt->queue.push_back(std::move(text));
        p->write(p->attempt);
    });
    return true;
}

void WebSocketConnection::reconnect(QList<QPair<QByteArray, QByteArray>> headers)
{
    asio::post(d->ioc, [p = d, headers = std::move(headers)]() mutable {
        if (p->stopped)
            return;
        p->options.headers = std::move(headers);
        p->timer.cancel();
        p->backoff.reset();
        p->connect();
    });
}

void WebSocketConnection::stop()
{
    {
        std::lock_guard lock(d->handlerMutex);
        if (d->stopped)
            return;
        d->stopped = true;
        d->handlers = {};
    }
    asio::post(d->ioc, [p = d] { p->shutdown(); });
}

bool WebSocketConnection::isOpen() const
{
    return d->open;
}

// --- WebSocketClient

WebSocketClient::WebSocketClient(QObject *parent)
    : QObject(parent)
{}

WebSocketClient::~WebSocketClient()
{
    close();
}

void WebSocketClient::open(WebSocketOptions options)
{
    close();
    // The handlers post to this object under the connection's handler lock, and close() (the destructor's
    // too) takes that lock: no post can reach a destroyed object, and Qt drops events still queued for it.
    // Events of a replaced connection still in the queue see their `live` flag down and are dropped.
    auto live = std::make_shared<bool>(true);
    m_live = live;
    WebSocketConnection::Handlers h;
    h.opened = [this, live] {
        QMetaObject::invokeMethod(
            this,
            [this, live] {
                if (!*live)
                    return;
                m_open = true;
                ++m_connects;
                emit connected();
            },
            Qt::QueuedConnection);
    };
    h.message = [this, live](QByteArray message) {
        QMetaObject::invokeMethod(
            this,
            [this, live, message = std::move(message)] {
                if (*live)
                    emit textMessageReceived(message);
            },
            Qt::QueuedConnection);
    };
    h.failed = [this, live](WebSocketFailure failure) {
        QMetaObject::invokeMethod(
            this,
            [this, live, failure = std::move(failure)] {
                if (!*live)
                    return;
                m_open = false;
                emit failed(failure);
            },
            Qt::QueuedConnection);
    };
    m_conn = WebSocketConnection::create(std::move(options), std::move(h));
    m_conn->start();
}

bool WebSocketClient::sendText(const QByteArray &text)
{
    return m_conn && m_open && m_conn->sendText(text);
}

void WebSocketClient::reconnect(QList<QPair<QByteArray, QByteArray>> headers)
{
    if (m_conn)
        m_conn->reconnect(std::move(headers));
}

void WebSocketClient::close()
{
    if (m_live)
        *m_live = false; // events of this connection still queued are dropped
    m_live.reset();
    if (m_conn)
        m_conn->stop();
    m_conn.reset();
    m_open = false;
}

QString toString(WebSocketError e)
{
    switch (e) {
    case WebSocketError::None:
        return QStringLiteral("none");
    case WebSocketError::InvalidUrl:
        return QStringLiteral("invalid-url");
    case WebSocketError::Unreachable:
        return QStringLiteral("unreachable");
    case WebSocketError::Tls:
        return QStringLiteral("tls");
    case WebSocketError::Handshake:
        return QStringLiteral("handshake");
    case WebSocketError::Refused:
        return QStringLiteral("refused");
    case WebSocketError::Dead:
        return QStringLiteral("dead");
    case WebSocketError::Closed:
        return QStringLiteral("closed");
    case WebSocketError::TooLarge:
        return QStringLiteral("too-large");
    }
    return {};
}

} // namespace vigil::network
