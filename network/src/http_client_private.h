#pragma once
// The process-wide HttpClient's network thread and TLS context, shared with the WebSocket client
// (websocket_client.cpp) so the process has one Asio thread for all its HTTP and WebSocket connections.
// Private to network/src. Use both only on the network thread (post to the io_context first).
#include <utility> // before Asio: g++ 12 needs std::exchange declared for Boost 1.74's Asio

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

namespace vigil::network::detail {

boost::asio::io_context &networkContext();
boost::asio::ssl::context &networkTls();

} // namespace vigil::network::detail
