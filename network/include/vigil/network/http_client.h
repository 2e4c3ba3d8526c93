#pragma once
// HttpClient: HTTP/1.1 and HTTPS (OpenSSL) on Boost.Beast with keep-alive, connect and read timeouts, and
// redirects refused unless they stay on the same scheme, host and port. One Asio io_context thread, owned by
// the process-wide instance, does all socket work; Beast's error codes are turned into HttpError here and no
// exception leaves network/.
//
// Thread: any. sendAsync() callbacks run on the network thread (keep them short, never block); send() with a
// receiver delivers on the receiver's thread and drops the result if the receiver is gone; sendSync() blocks
// and must never be called on the network thread (it asserts).
#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QMetaObject>
#include <QtCore/QObject>
#include <QtCore/QPair>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <functional>
#include <memory>

namespace vigil::network {

enum class HttpError
{
    None,
    InvalidUrl,      // not http(s)://host[:port]/...
    Unreachable,     // name did not resolve, connection refused or connect timed out
    Timeout,         // connected, but the answer did not arrive within timeoutMs
    Truncated,       // the connection closed in the middle of the answer
    Protocol,        // not HTTP, or a header/body beyond limits
    RedirectRefused, // a redirect to another host, port or scheme (or too many)
    Tls,             // the TLS handshake failed (or the certificate was refused when verification is on)
    TooLarge,        // the body is longer than HttpRequest::maxBodyBytes
};

struct HttpRequest
{
    QByteArray method = "POST";
    QUrl url; // http://host:port/path?query; user info is ignored (credentials go in headers)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int connectTimeoutMs = 5000;
    int timeoutMs = 10000; // from the request being written to the whole answer read
    int maxRedirects = 3;
    // HTTPS: verify the certificate chain (system store) and the host name. Off by default because cameras
    // ship self-signed certificates; the connection is encrypted either way.
    bool tlsVerifyPeer = false;
    // HTTPS: the SHA-256 of the one leaf certificate (DER) trusted for this request, as hex (colons, spaces
    // and case do not matter). When set, the connection is accepted if and only if the server's leaf
    // certificate matches it: chain and host name are then not checked, whatever tlsVerifyPeer says. A pin
    // that is not 64 hex digits fails the request with HttpError::Tls.
    QString trustedCertSha256 = {};
    // Longer answers fail with HttpError::TooLarge (platform lists are bigger than any camera answer).
    qint64 maxBodyBytes = 16 * 1024 * 1024;
};

struct HttpResponse
{
    HttpError error = HttpError::None;
    QString errorText; // English, for logs and the user; never carries credentials
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool reusedConnection = false; // answered on a kept-alive connection
    // HTTPS with verification or a pin: the leaf certificate the server presented (also when it was refused,
    // error Tls), so the operator can compare it with the platform's. Empty when it was not checked.
    QString peerCertSha256;  // 64 lowercase hex digits (formatFingerprint() for display)
    QString peerCertSubject; // its subject's common name
    QDateTime peerCertNotBefore, peerCertNotAfter; // UTC

    bool ok() const { return error == HttpError::None; }
    // First header of that name (case-insensitive), empty when absent.
    QByteArray header(const QByteArray &name) const;
    QList<QByteArray> headerValues(const QByteArray &name) const;
};

class HttpClient
{
public:
    using Callback = std::function<void(HttpResponse)>;

    // The process-wide client and its network thread (started on first use; never destroyed, so threads
    // still running at exit never use a destroyed client).
    static HttpClient &instance();
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    // Callback runs on the network thread.
    void sendAsync(HttpRequest request, Callback done);

    // `done(HttpResponse)` runs on `receiver`'s thread; it is dropped if the receiver is destroyed first.
    template<typename F> void send(HttpRequest request, QObject *receiver, F done)
    {
        QPointer<QObject> guard(receiver);
        sendAsync(std::move(request), [guard, done = std::move(done)](HttpResponse r) mutable {
            QObject *target = guard.data();
            if (!target)
                return;
            // The context object makes Qt drop the call if the receiver dies while it is queued.
            QMetaObject::invokeMethod(
                target,
                [guard, done = std::move(done), r = std::move(r)]() mutable {
                    if (guard)
                        done(std::move(r));
                },
                Qt::QueuedConnection);
        });
    }

    // Blocking convenience for vigilctl and worker threads.
    HttpResponse sendSync(HttpRequest request);

    // True on the network thread.
    bool isNetworkThread() const;
    // Idle kept-alive connections (for tests).
    int idleConnections() const;

    struct Private;
    // network/src only: the WebSocket client shares the network thread and its TLS context.
    Private &internals() { return *d; }

private:
    HttpClient();
    std::unique_ptr<Private> d;
};

QString toString(HttpError e);

// A SHA-256 fingerprint as typed or shown ("AB:CD:...", "abcd...", with spaces): 64 lowercase hex digits, or
// empty when it is not one.
QString normalizeFingerprint(const QString &text);
// 64 hex digits as "AB:CD:EF:..." (what `openssl x509 -fingerprint -sha256` and browsers show); empty for
// anything else.
QString formatFingerprint(const QString &hex);

} // namespace vigil::network
