#pragma once
// The process-wide HttpClient's network thread and TLS context, shared with the WebSocket client
// (websocket_client.cpp) so the process has one Asio thread for all its HTTP and WebSocket connections.
// Private to network/src. Use both only on the network thread (post to the io_context first).
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <optional>

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

} // namespace vigil::network::detail
