#include <utility> // before Asio (g++ 12 + Boost 1.74)

#include "tls_server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <atomic>
#include <optional>
#include <thread>

namespace vigil::network::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct TlsServer::Private
{
    asio::io_context ioc;
    asio::ssl::context ctx{asio::ssl::context::tls_server};
    std::optional<tcp::acceptor> acceptor;
    std::thread thread;
    quint16 port = 0;
    std::atomic<int> connections{0};
    std::atomic<int> requests{0};
};

namespace {

// A throwaway self-signed certificate for 127.0.0.1 (OpenSSL 3 API).
bool selfSign(asio::ssl::context &ctx)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert = X509_new();
    if (!key || !cert)
        return false;
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("127.0.0.1"),
                               -1, -1, 0);
    X509_set_issuer_name(cert, name);
    const bool ok = X509_sign(cert, key, EVP_sha256()) > 0 &&
                    SSL_CTX_use_certificate(ctx.native_handle(), cert) == 1 &&
                    SSL_CTX_use_PrivateKey(ctx.native_handle(), key) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    return ok;
}

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(tcp::socket s, TlsServer::Private &p)
        : m_stream(std::move(s), p.ctx)
        , m_p(p)
    {}
    void run()
    {
        auto self = shared_from_this();
        m_stream.async_handshake(asio::ssl::stream_base::server, [self](beast::error_code ec) {
            if (!ec)
                self->read();
        });
    }

private:
    void read()
    {
        m_req = {};
        auto self = shared_from_this();
        http::async_read(m_stream, m_buffer, m_req, [self](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            ++self->m_p.requests;
            self->m_res = {};
            self->m_res.result(http::status::ok);
            self->m_res.version(11);
            self->m_res.set(http::field::content_type, "application/soap+xml");
            self->m_res.keep_alive(self->m_req.keep_alive());
            self->m_res.body() = "<ok>secure</ok>";
            self->m_res.prepare_payload();
            http::async_write(self->m_stream, self->m_res, [self](beast::error_code wec, std::size_t) {
                if (!wec && self->m_res.keep_alive())
                    self->read();
            });
        });
    }

    beast::ssl_stream<beast::tcp_stream> m_stream;
    TlsServer::Private &m_p;
    beast::flat_buffer m_buffer;
    http::request<http::string_body> m_req;
    http::response<http::string_body> m_res;
};

void accept(TlsServer::Private *p)
{
    p->acceptor->async_accept([p](beast::error_code ec, tcp::socket s) {
        if (ec)
            return;
        ++p->connections;
        std::make_shared<Session>(std::move(s), *p)->run();
        accept(p);
    });
}

} // namespace

TlsServer::TlsServer()
    : d(std::make_unique<Private>())
{}

TlsServer::~TlsServer()
{
    d->ioc.stop();
    if (d->thread.joinable())
        d->thread.join();
}

bool TlsServer::start()
{
    if (!selfSign(d->ctx))
        return false;
    beast::error_code ec;
    const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    d->acceptor.emplace(d->ioc);
    d->acceptor->open(ep.protocol(), ec);
    if (!ec)
        d->acceptor->bind(ep, ec);
    if (!ec)
        d->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return false;
    d->port = d->acceptor->local_endpoint().port();
    accept(d.get());
    d->thread = std::thread([this] { d->ioc.run(); });
    return true;
}

quint16 TlsServer::port() const
{
    return d->port;
}

int TlsServer::connections() const
{
    return d->connections;
}

int TlsServer::requests() const
{
    return d->requests;
}

} // namespace vigil::network::test
