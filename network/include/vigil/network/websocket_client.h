#pragma once
// WebSocket client (RFC 6455, ws:// and wss://) on Boost.Beast, on the process-wide HttpClient's network
// thread (no thread per connection): connects with the caller's headers (a bearer token: never logged), sends
// and receives text messages, keeps the connection alive with pings and declares it dead when nothing comes
// back in time, and reconnects by itself with capped exponential backoff (0.5 s, 1, 2, 4 s: the cap stays
// under 5 s so a server that comes back is live again within 5 s). Every (re)connect is reported, so the
// owner subscribes again; an upgrade refused with 401/403 is not retried by itself (the owner logs in again
// and calls reconnect() with new headers).
//
// Two layers:
// - WebSocketConnection: the QObject-free core. Its handlers run on the network thread (short, never block).
//   stop() guarantees that no handler runs after it returns (from any thread, a handler included).
// - WebSocketClient: the Qt wrapper. Signals arrive on the thread of the object; destroying it stops the
//   connection (mid-connect too) and no signal follows.
#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPair>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <functional>
#include <memory>

namespace vigil::network {

enum class WebSocketError
{
    None,
    InvalidUrl,  // not ws(s)://host[:port]/path
    Unreachable, // name did not resolve, connection refused or connect timed out
    Tls,         // the TLS handshake failed
    Handshake,   // connected, but no WebSocket upgrade in time or not a WebSocket server
    Refused,     // the server answered the upgrade with an HTTP error (httpStatus says which)
    Dead,        // no frame (not even a pong) within idleTimeoutMs: the connection is gone
    Closed,      // the server closed the connection (or it broke)
    TooLarge,    // a message beyond maxMessageBytes
};

struct WebSocketOptions
{
    QUrl url;                                     // ws://host:port/path?query or wss://...
    QList<QPair<QByteArray, QByteArray>> headers; // sent on the upgrade request; values are never logged
    int connectTimeoutMs = 5000;                  // TCP connect, TLS and the upgrade, each
    // Keep-alive: after idleTimeoutMs / 2 without a frame the client pings; after idleTimeoutMs without any
    // frame (the pong included) the connection is declared dead and a reconnect follows.
    int idleTimeoutMs = 20000;
    int reconnectInitialMs = 500;
    int reconnectMaxMs = 4000;
    bool tlsVerifyPeer = false; // wss: verify the certificate chain and host name (system store)
    // wss: the SHA-256 (hex) of the one leaf certificate trusted; when set, accepted iff the leaf matches
    // (as HttpRequest::trustedCertSha256).
    QString trustedCertSha256 = {};
    qint64 maxMessageBytes = 16 * 1024 * 1024;
};

struct WebSocketFailure
{
    WebSocketError error = WebSocketError::None;
    QString text;       // a sentence for logs and the user; never carries the headers or a token
    int httpStatus = 0; // Refused: the HTTP status of the refusal
    QByteArray body;    // Refused: the refusal's body (e.g. our API's {"error":{...}})
    // Tls: the SHA-256 (64 lowercase hex digits) of the certificate the server presented, when it was
    // checked and refused (verification or a pin); the owner may offer to trust it.
    QString peerCertSha256 = {};
    int retryInMs = -1; // the next attempt in that many ms; -1 = none (Refused 401/403, or stopped)
};

class WebSocketConnection
{
public:
    struct Handlers
    {
        std::function<void()> opened;                 // the upgrade succeeded (also after a reconnect)
        std::function<void(QByteArray)> message;      // one text (or binary) message
        std::function<void(WebSocketFailure)> failed; // an attempt failed or the open connection broke
    };

    // Handlers run on the network thread. Nothing happens before start().
    static std::shared_ptr<WebSocketConnection> create(WebSocketOptions options, Handlers handlers);
    ~WebSocketConnection();
    WebSocketConnection(const WebSocketConnection &) = delete;
    WebSocketConnection &operator=(const WebSocketConnection &) = delete;

    // Any thread.
    void start();
    // Queues a text message; dropped (false) when the connection is not open (the owner sends its
    // subscriptions again from `opened`).
    bool sendText(const QByteArray &text);
    // Connects again now with these headers (e.g. a new token), cancelling a pending backoff wait.
    void reconnect(QList<QPair<QByteArray, QByteArray>> headers);
    // Closes and stops reconnecting; no handler runs after this returns.
    void stop();
    bool isOpen() const;

    struct Private;

private:
    explicit WebSocketConnection(std::shared_ptr<Private> d);
    std::shared_ptr<Private> d;
};

// The Qt face of WebSocketConnection. Thread: the object's own (create, call and destroy it there).
class WebSocketClient : public QObject
{
    Q_OBJECT

public:
    explicit WebSocketClient(QObject *parent = nullptr);
    ~WebSocketClient() override;

    // Starts connecting (and reconnecting) with these options; replaces a previous connection.
    void open(WebSocketOptions options);
    bool sendText(const QByteArray &text);
    void reconnect(QList<QPair<QByteArray, QByteArray>> headers);
    void close();
    bool isOpen() const { return m_open; }
    // (Re)connects so far (tests, status).
    int connects() const { return m_connects; }

signals:
    void connected(); // also after every reconnect: subscribe again here
    void textMessageReceived(const QByteArray &message);
    void failed(const vigil::network::WebSocketFailure &failure);

private:
    std::shared_ptr<WebSocketConnection> m_conn;
    std::shared_ptr<bool> m_live; // false once the connection is replaced or closed (owner's thread)
    bool m_open = false;
    int m_connects = 0;
};

QString toString(WebSocketError e); // "dead", "refused"... stable, for JSON and logs

} // namespace vigil::network

Q_DECLARE_METATYPE(vigil::network::WebSocketFailure)
