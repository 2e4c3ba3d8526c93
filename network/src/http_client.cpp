// Beast implementation of HttpClient. Everything below runs on the one network thread except the public entry
// points, which only post work to it.
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include "vigil/network/http_client.h"

#include "http_client_private.h"

#include "vigil/core/redact.h"
#include "vigil/network/logging.h"

#include <QtCore/QCoreApplication>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <future>
#include <map>
#include <optional>
#include <thread>

namespace vigil::network {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
// errorText is part of the ONVIF client's messages the operator reads, so it is translated (vigilctl installs
// no translator: English). OS error texts (ec.message()) stay as the system gives them.
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::network::HttpClient)
};

constexpr std::size_t kMaxIdlePerHost = 4;

// One TCP connection, plain or TLS. visit() hands the stream to generic Beast calls.
struct Connection : detail::EitherStream<beast::tcp_stream, beast::ssl_stream<beast::tcp_stream>>
{
    using EitherStream::EitherStream;
    beast::flat_buffer buffer;
    // The leaf certificate checked at the handshake (TLS with verification or a pin).
    std::shared_ptr<detail::PeerCertificate> peer = std::make_shared<detail::PeerCertificate>();
};

int defaultPort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

QString endpointText(const QUrl &url)
{
    return QStringLiteral("%1:%2").arg(url.host()).arg(defaultPort(url));
}
} // namespace

struct HttpClient::Private
{
    asio::io_context ioc;
    asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
    std::thread thread;
    std::atomic<std::thread::id> threadId{};
    // Idle kept-alive connections per "host:port". Network thread only.
    std::multimap<std::string, std::unique_ptr<Connection>> idle;
    std::atomic<int> idleCount{0};
    // TLS: cameras ship self-signed certificates, so by default the peer is not verified (a request can ask
    // for verification against the system store and the host name). Network thread only.
    asio::ssl::context tls = [] {
        asio::ssl::context c{asio::ssl::context::tls_client};
        beast::error_code ec; // no system store: verification then refuses every certificate (and says so)
        c.set_default_verify_paths(ec);
        if (ec)
            qCWarning(vigilNet) << "no system certificate store:" << ec.message().c_str();
        return c;
    }();
};

namespace {

// One request/answer exchange, following same-host redirects. Lives on the network thread, kept alive by
// the shared_ptr captured in each pending handler.
class Exchange : public std::enable_shared_from_this<Exchange>
{
public:
    Exchange(HttpClient::Private &p, HttpRequest request, HttpClient::Callback done)
        : m_p(p)
        , m_request(std::move(request))
        , m_done(std::move(done))
        , m_resolver(p.ioc)
    {}

    void start()
    {
        const QUrl &u = m_request.url;
        m_secure = u.scheme() == QLatin1String("https");
        if (!u.isValid() || (u.scheme() != QLatin1String("http") && !m_secure) || u.host().isEmpty())
            return fail(HttpError::InvalidUrl,
                        Msg::tr("Not an http:// or https:// address: %1").arg(core::redactUrl(u.toString())));
        if (!m_request.trustedCertSha256.isEmpty()) {
            m_pin = normalizeFingerprint(m_request.trustedCertSha256);
            if (m_pin.isEmpty())
                return fail(HttpError::Tls,
                            Msg::tr("The trusted certificate fingerprint for %1 is not a SHA-256 fingerprint "
                                    "(64 hexadecimal digits)")
                                .arg(endpointText(u)));
        }
        // A kept-alive connection is only reused under the policy it was checked with: plain, verified, or
        // pinned to this one fingerprint.
        QString policy;
        if (m_secure && !m_pin.isEmpty())
            policy = QStringLiteral("/pin:") + m_pin;
        else if (m_secure && m_request.tlsVerifyPeer)
            policy = QStringLiteral("/verified");
        m_key = (u.scheme() + QLatin1Char('/') + endpointText(u) + policy).toStdString();
        // Reuse an idle connection when one is there.
        auto it = m_p.idle.find(m_key);
        if (it != m_p.idle.end()) {
            m_conn = std::move(it->second);
            m_p.idle.erase(it);
            m_p.idleCount = int(m_p.idle.size());
            m_reused = true;
            return write();
        }
        connect();
    }

private:
    void connect()
    {
        m_reused = false;
        m_conn = std::make_unique<Connection>(m_p.ioc, m_secure ? &m_p.tls : nullptr);
        const QUrl &u = m_request.url;
        if (m_secure)
            detail::applyTlsPolicy(*m_conn->secure, u.host().toStdString(), m_request.tlsVerifyPeer, m_pin,
                                   m_conn->peer);
        auto self = shared_from_this();
        m_resolver.async_resolve(
            u.host().toStdString(), std::to_string(defaultPort(u)),
            [self](const beast::error_code &ec, const tcp::resolver::results_type &results) {
                if (ec)
                    return self->fail(HttpError::Unreachable, Msg::tr("Cannot resolve %1: %2")
                                                                  .arg(self->m_request.url.host(),
                                                                       QString::fromStdString(ec.message())));
                self->m_conn->tcp().expires_after(
                    std::chrono::milliseconds(self->m_request.connectTimeoutMs));
                self->m_conn->tcp().async_connect(
                    results, [self](const beast::error_code &cec, const tcp::endpoint &) {
                        if (cec) {
                            const bool timedOut = cec == beast::error::timeout;
                            return self->fail(HttpError::Unreachable,
                                              Msg::tr("Cannot connect to %1: %2")
                                                  .arg(endpointText(self->m_request.url),
                                                       timedOut ? Msg::tr("no answer within %1 ms")
                                                                      .arg(self->m_request.connectTimeoutMs)
                                                                : QString::fromStdString(cec.message())));
                        }
                        if (!self->m_secure)
                            return self->write();
                        self->m_conn->tcp().expires_after(
                            std::chrono::milliseconds(self->m_request.connectTimeoutMs));
                        self->m_conn->secure->async_handshake(asio::ssl::stream_base::client,
                                                              [self](const beast::error_code &hec) {
                                                                  if (hec)
                                                                      return self->tlsFailed(hec);
                                                                  self->write();
                                                              });
                    });
            });
    }

    void tlsFailed(const beast::error_code &ec)
    {
        const detail::PeerCertificate peer = m_conn ? *m_conn->peer : detail::PeerCertificate{};
        const QString where = endpointText(m_request.url);
        QString text;
        if (!peer.sha256.isEmpty() && !m_pin.isEmpty())
            text = Msg::tr("The HTTPS certificate of %1 (SHA-256 %2) is not the trusted one (SHA-256 %3)")
                       .arg(where, formatFingerprint(peer.sha256), formatFingerprint(m_pin));
        else if (!peer.sha256.isEmpty())
            text = Msg::tr("The HTTPS certificate of %1 (SHA-256 %2) is not trusted: %3")
                       .arg(where, formatFingerprint(peer.sha256), QString::fromStdString(ec.message()));
        else
            text = Msg::tr("Secure connection (HTTPS) to %1 failed: %2")
                       .arg(where, QString::fromStdString(ec.message()));
        fail(HttpError::Tls, text, peer);
    }

    void write()
    {
        const QUrl &u = m_request.url;
        m_req = {};
        m_req.version(11);
        m_req.method_string(m_request.method.toStdString());
        QByteArray target = u.path(QUrl::FullyEncoded).toLatin1();
        if (target.isEmpty())
            target = "/";
        if (u.hasQuery())
            target += '?' + u.query(QUrl::FullyEncoded).toLatin1();
        m_req.target(target.toStdString());
        const int port = defaultPort(u);
        const bool standardPort = port == (m_secure ? 443 : 80);
        m_req.set(http::field::host, standardPort ? u.host().toStdString()
                                                  : u.host().toStdString() + ':' + std::to_string(port));
        m_req.set(http::field::user_agent, "Vigil");
        m_req.keep_alive(true);
        for (const auto &h : m_request.headers)
            m_req.set(h.first.toStdString(), h.second.toStdString());
        m_req.body() = m_request.body.toStdString();
        m_req.prepare_payload();

        m_parser.emplace();
        m_parser->body_limit(std::uint64_t(std::max<qint64>(0, m_request.maxBodyBytes)));
        m_conn->buffer.clear();
        m_conn->tcp().expires_after(std::chrono::milliseconds(m_request.timeoutMs));
        auto self = shared_from_this();
        m_conn->visit([&self](auto &stream) {
            http::async_write(stream, self->m_req, [self, &stream](const beast::error_code &ec, std::size_t) {
                if (ec)
                    return self->ioFailed(ec, false);
                // The header first: Beast 1.74's parser lets a Content-Length beyond body_limit() through
                // (seen with a 120-byte body under a limit of 100), so the length is checked here before any
                // body is read, and the size again after (chunked answers).
                http::async_read_header(
                    stream, self->m_conn->buffer, *self->m_parser,
                    [self, &stream](const beast::error_code &hec, std::size_t) {
                        if (hec)
                            return self->ioFailed(hec, self->m_parser->got_some());
                        // A 304 (or 204, 1xx) may name the entity's length but carries no body: is_done().
                        const auto length = self->m_parser->content_length();
                        if (!self->m_parser->is_done() && length &&
                            *length > std::uint64_t(std::max<qint64>(0, self->m_request.maxBodyBytes)))
                            return self->ioFailed(http::error::body_limit, true);
                        http::async_read(stream, self->m_conn->buffer, *self->m_parser,
                                         [self](const beast::error_code &rec, std::size_t) {
                                             if (rec)
                                                 return self->ioFailed(rec, self->m_parser->got_some());
                                             if (qint64(self->m_parser->get().body().size()) >
                                                 self->m_request.maxBodyBytes)
                                                 return self->ioFailed(http::error::body_limit, true);
                                             self->answered();
                                         });
                    });
            });
        });
    }

    void ioFailed(const beast::error_code &ec, bool gotSome)
    {
        // A kept-alive connection the server has closed meanwhile: try once more on a fresh one.
        if (m_reused && !gotSome && ec != beast::error::timeout) {
            qCDebug(vigilNet) << "stale keep-alive connection to" << m_key.c_str() << "- reconnecting";
            return connect();
        }
        if (ec == beast::error::timeout)
            return fail(HttpError::Timeout, Msg::tr("%1 did not answer within %2 ms")
                                                .arg(endpointText(m_request.url))
                                                .arg(m_request.timeoutMs));
        if (ec == http::error::body_limit)
            return fail(HttpError::TooLarge,
                        Msg::tr("The answer from %1 is longer than the %2 MB Vigil accepts")
                            .arg(endpointText(m_request.url))
                            .arg(m_request.maxBodyBytes / (1024 * 1024)));
        if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
            ec == asio::error::eof || ec == asio::error::connection_reset ||
            ec == asio::ssl::error::stream_truncated)
            return fail(
                HttpError::Truncated,
                gotSome
                    ? Msg::tr("%1 closed the connection in the middle of its answer")
                          .arg(endpointText(m_request.url))
                    : Msg::tr("%1 closed the connection without answering").arg(endpointText(m_request.url)));
        fail(HttpError::Protocol,
             Msg::tr("Bad HTTP answer from %1: %2")
                 .arg(endpointText(m_request.url), QString::fromStdString(ec.message())));
    }

    void answered()
    {
        auto msg = m_parser->release();
        HttpResponse r;
        r.status = int(msg.result_int());
        r.reusedConnection = m_reused;
        setPeer(r, *m_conn->peer);
        for (const auto &f : msg)
            r.headers.append({QByteArray(f.name_string().data(), int(f.name_string().size())),
                              QByteArray(f.value().data(), int(f.value().size()))});
        r.body = QByteArray(msg.body().data(), qsizetype(msg.body().size()));
        if (msg.keep_alive()) {
            if (m_p.idle.count(m_key) < kMaxIdlePerHost) {
                m_conn->tcp().expires_never();
                m_p.idle.emplace(m_key, std::move(m_conn));
                m_p.idleCount = int(m_p.idle.size());
            }
        } else {
            beast::error_code ignored;
            m_conn->tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
        }
        m_conn.reset();

        if (r.status >= 300 && r.status < 400 && r.status != 304) {
            const QUrl location = m_request.url.resolved(QUrl(QString::fromLatin1(r.header("Location"))));
            const bool sameOrigin = location.scheme() == m_request.url.scheme() &&
                                    location.host() == m_request.url.host() &&
                                    defaultPort(location) == defaultPort(m_request.url);
            if (!location.isValid() || !sameOrigin || m_redirects >= m_request.maxRedirects) {
                return fail(HttpError::RedirectRefused,
                            Msg::tr("%1 redirected to %2; Vigil only follows redirects on the same host")
                                .arg(endpointText(m_request.url), core::redactUrl(location.toString())));
            }
            ++m_redirects;
            m_request.url = location;
            return start();
        }
        finish(std::move(r));
    }

    static void setPeer(HttpResponse &r, const detail::PeerCertificate &peer)
    {
        r.peerCertSha256 = peer.sha256;
        r.peerCertSubject = peer.subjectCn;
        r.peerCertNotBefore = peer.notBefore;
        r.peerCertNotAfter = peer.notAfter;
    }

    void fail(HttpError e, const QString &text, const detail::PeerCertificate &peer = {})
    {
        if (m_conn) {
            beast::error_code ignored;
            m_conn->tcp().socket().close(ignored);
            m_conn.reset();
        }
        HttpResponse r;
        r.error = e;
        r.errorText = text;
        setPeer(r, peer);
        finish(std::move(r));
    }

    void finish(HttpResponse r)
    {
        auto done = std::move(m_done);
        m_done = nullptr;
        if (done)
            done(std::move(r));
    }

    HttpClient::Private &m_p;
    HttpRequest m_request;
    HttpClient::Callback m_done;
    tcp::resolver m_resolver;
    std::unique_ptr<Connection> m_conn;
    std::string m_key;
    QString m_pin; // normalised trustedCertSha256
    bool m_secure = false;
    bool m_reused = false;
    int m_redirects = 0;
    http::request<http::string_body> m_req;
    std::optional<http::response_parser<http::string_body>> m_parser;
};

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QList<QByteArray> HttpResponse::headerValues(const QByteArray &name) const
{
    QList<QByteArray> out;
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            out.append(h.second);
    return out;
}

HttpClient::HttpClient()
    : d(std::make_unique<Private>())
{
    d->thread = std::thread([p = d.get()] {
        p->threadId = std::this_thread::get_id();
        p->ioc.run();
    });
}

HttpClient::~HttpClient()
{
    d->work.reset();
    asio::post(d->ioc, [p = d.get()] {
        p->idle.clear();
        p->ioc.stop();
    });
    if (d->thread.joinable())
        d->thread.join();
}

HttpClient &HttpClient::instance()
{
    // Never destroyed: detached threads (event listeners, PTZ checks) may still send (an Unsubscribe, a
    // last answer) while the process exits; a static object would be destroyed under them.
    static auto *client = new HttpClient;
    return *client;
}

void HttpClient::sendAsync(HttpRequest request, Callback done)
{
    asio::post(d->ioc, [p = d.get(), request = std::move(request), done = std::move(done)]() mutable {
        std::make_shared<Exchange>(*p, std::move(request), std::move(done))->start();
    });
}

HttpResponse HttpClient::sendSync(HttpRequest request)
{
    Q_ASSERT_X(!isNetworkThread(), "HttpClient::sendSync", "would deadlock on the network thread");
    // The promise is shared with the callback: if the client shuts down with the exchange pending, the
    // callback is destroyed unrun and get() reports a broken promise, which becomes an error here.
    auto shared = std::make_shared<std::promise<HttpResponse>>();
    auto future = shared->get_future();
    sendAsync(std::move(request), [shared](HttpResponse r) { shared->set_value(std::move(r)); });
    try {
        return future.get();
    } catch (const std::future_error &) {
        HttpResponse r;
        r.error = HttpError::Unreachable;
        r.errorText = Msg::tr("the network thread has stopped");
        return r;
    }
}

bool HttpClient::isNetworkThread() const
{
    return std::this_thread::get_id() == d->threadId.load();
}

int HttpClient::idleConnections() const
{
    return d->idleCount;
}

namespace detail {

asio::io_context &networkContext()
{
    return HttpClient::instance().internals().ioc;
}

asio::ssl::context &networkTls()
{
    return HttpClient::instance().internals().tls;
}

void notePeerCertificate(asio::ssl::verify_context &ctx, PeerCertificate *out)
{
    X509 *leaf = X509_STORE_CTX_get0_cert(ctx.native_handle());
    if (!leaf)
        return;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(leaf, EVP_sha256(), md, &length) != 1 || length != 32)
        return;
    out->sha256 = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(md), int(length)).toHex());
    char cn[256] = {};
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(leaf), NID_commonName, cn, int(sizeof cn)) > 0)
        out->subjectCn = QString::fromUtf8(cn);
    const auto toUtc = [](const ASN1_TIME *t) {
        std::tm tm{};
        if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
            return QDateTime();
        return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                         QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
    };
    out->notBefore = toUtc(X509_get0_notBefore(leaf));
    out->notAfter = toUtc(X509_get0_notAfter(leaf));
}

} // namespace detail

QString normalizeFingerprint(const QString &text)
{
    QString hex;
    for (const QChar c : text) {
        if (c == QLatin1Char(':') || c.isSpace())
            continue;
        const char l = c.toLower().toLatin1();
        if (!((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f')))
            return {};
        hex.append(QLatin1Char(l));
    }
    return hex.size() == 64 ? hex : QString();
}

QString formatFingerprint(const QString &hex)
{
    const QString h = normalizeFingerprint(hex).toUpper();
    QString out;
    for (qsizetype i = 0; i < h.size(); i += 2) {
        if (i)
            out.append(QLatin1Char(':'));
        out.append(h.mid(i, 2));
    }
    return out;
}

QString toString(HttpError e)
{
    switch (e) {
    case HttpError::None:
        return QStringLiteral("none");
    case HttpError::InvalidUrl:
        return QStringLiteral("invalid-url");
    case HttpError::Unreachable:
        return QStringLiteral("unreachable");
    case HttpError::Timeout:
        return QStringLiteral("timeout");
    case HttpError::Truncated:
        return QStringLiteral("truncated");
    case HttpError::Protocol:
        return QStringLiteral("protocol");
    case HttpError::RedirectRefused:
        return QStringLiteral("redirect-refused");
    case HttpError::Tls:
        return QStringLiteral("tls");
    case HttpError::TooLarge:
        return QStringLiteral("too-large");
    }
    return {};
}

} // namespace vigil::network
