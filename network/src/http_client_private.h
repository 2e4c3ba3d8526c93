#pragma once
// The process-wide HttpClient's network thread and TLS context, shared with the WebSocket client
// (websocket_client.cpp) so the process has one Asio thread for all its HTTP and WebSocket connections.
// Private to network/src. Use both only on the network thread (post to the io_context first).
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/verify_context.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <QtCore/QDateTime>
#include <QtCore/QString>

#include <memory>
#include <optional>
#include <string>

namespace vigil::network::detail {

boost::asio::io_context &networkContext();
boost::asio::ssl::context &networkTls();

// One connection's stream, plain or over TLS, chosen when it is made: HTTP's tcp_stream / ssl_stream, or the
// WebSocket streams over them. visit() calls f with whichever it is; tcp() is the socket under both.
template<typename Plain, typename Secure> struct EitherStream
{
    EitherStream(boost::asio::io_context &ioc, boost::asio::ssl::context *tls)
    {
        if (tls)
            secure.emplace(ioc, *tls);
        else
            plain.emplace(ioc);
    }
    template<typename F> void visit(F &&f)
    {
        if (secure)
            f(*secure);
        else
            f(*plain);
    }
    boost::beast::tcp_stream &tcp()
    {
        return secure ? boost::beast::get_lowest_layer(*secure) : boost::beast::get_lowest_layer(*plain);
    }

    std::optional<Plain> plain;
    std::optional<Secure> secure;
};
// The leaf certificate a TLS server presented, noted while it was checked (empty when it was not checked).
struct PeerCertificate
{
    QString sha256; // 64 lowercase hex digits of the DER's SHA-256
    QString subjectCn;
    QDateTime notBefore, notAfter; // UTC
};
// Fills `out` from the certificate being verified in `ctx` (the leaf, whatever the depth).
void notePeerCertificate(boost::asio::ssl::verify_context &ctx, PeerCertificate *out);

// One TLS policy for HTTP and WebSocket connections: SNI for names; with neither verification nor a pin, no
// check (cameras' self-signed certificates); with a pin (normalised, lowercase hex) the connection is
// accepted iff the leaf's SHA-256 matches it (chain and host name are then not asked); otherwise the chain
// (system store) and the host name. The leaf is noted in `seen` when it was checked.
template<typename SslStream>
void applyTlsPolicy(SslStream &stream, const std::string &host, bool verifyPeer, const QString &pin,
                    std::shared_ptr<PeerCertificate> seen)
{
    boost::system::error_code notAnAddress;
    boost::asio::ip::make_address(host, notAnAddress);
    if (notAnAddress) // SNI carries names, never IP literals
        SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
    if (!verifyPeer && pin.isEmpty()) {
        stream.set_verify_mode(boost::asio::ssl::verify_none);
        return;
    }
    stream.set_verify_mode(boost::asio::ssl::verify_peer);
    stream.set_verify_callback([host, pin, seen](bool preverified, boost::asio::ssl::verify_context &ctx) {
        if (seen && seen->sha256.isEmpty())
            notePeerCertificate(ctx, seen.get());
        if (!pin.isEmpty()) {
            PeerCertificate leaf;
            notePeerCertificate(ctx, &leaf);
            return !leaf.sha256.isEmpty() && leaf.sha256 == pin;
        }
        return boost::asio::ssl::host_name_verification(host)(preverified, ctx);
    });
}

} // namespace vigil::network::detail
