#pragma once
// TestHttpServer: an HTTP/1.1 server for tests of HTTP clients (platform adapters...). It listens on
// 127.0.0.1 at an ephemeral port on its own thread, so a client blocking in HttpClient::sendSync on the test
// thread is answered. Keep-alive connections, Content-Length bodies (no chunked uploads), one request at a
// time per connection.
//
// Routes map (method, path) to a handler returning (status, headers, body); a path ending in '*' matches
// every path with that prefix. Unrouted requests get 404. Every request is recorded (method, path, query,
// headers, body) for assertions.
//
//     vigil::test::TestHttpServer server;
//     QVERIFY(server.start());
//     server.route("GET", "/index/api/getMediaList", [](const auto &req) {
//         return vigil::test::HttpReply::json(R"({"code":0,"data":[]})");
//     });
//     ... client on server.url() ...
//     QCOMPARE(server.requests().size(), 1);
//
// HTTPS: startTls() with a TestCertificate (a throwaway self-signed certificate made by the `openssl` command
// at test time) serves the same routes over TLS (QSslServer); url() is then https://127.0.0.1:<port>.
//
// Thread: start/stop/route/requests from any thread; handlers run on the server's thread (keep what they
// touch thread-safe, e.g. capture by value or use atomics).
#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QMutex>
#include <QtCore/QPair>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtCore/QUrlQuery>

#include <functional>
#include <memory>

class QThread;

namespace vigil::test {

struct HttpRequestRecord
{
    QByteArray method;
    QString path;      // decoded path, without the query
    QByteArray target; // the request target as sent (path?query, still encoded)
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int connection = 0; // which TCP connection carried it (1, 2, ...): keep-alive checks

    // First header of that name (case-insensitive), empty when absent.
    QByteArray header(const QByteArray &name) const;
    QString queryValue(const QString &key) const { return query.queryItemValue(key, QUrl::FullyDecoded); }
};

struct HttpReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool closeAfter = false; // close the connection after this answer

    static HttpReply json(const QByteArray &body, int status = 200)
    {
        HttpReply r;
        r.status = status;
        r.headers.append({QByteArray("Content-Type"), QByteArray("application/json;charset=UTF-8")});
        r.body = body;
        return r;
    }
};

// A self-signed certificate for 127.0.0.1 made by the openssl command in a temporary directory, with the
// SHA-256 fingerprint openssl itself reports (`openssl x509 -fingerprint -sha256`), so a client's fingerprint
// is compared with an independent one.
struct TestCertificate
{
    QByteArray certPem;
    QByteArray keyPem;   // EC P-256, unencrypted
    QString sha256;      // 64 lowercase hex digits, from openssl
    QString opensslText; // openssl's own line ("AB:CD:...")

    // False with `error` saying why (no openssl command, it failed...). Tests skip locally when the command
    // is missing and fail in CI (CI set): the helper opensslMissingIsFatal() says which.
    static bool make(const QString &commonName, TestCertificate *out, QString *error);
    static bool opensslMissingIsFatal() { return qEnvironmentVariableIsSet("CI"); }
};

class TestHttpServer
{
public:
    using Handler = std::function<HttpReply(const HttpRequestRecord &)>;

    TestHttpServer();
    ~TestHttpServer(); // stops
    TestHttpServer(const TestHttpServer &) = delete;
    TestHttpServer &operator=(const TestHttpServer &) = delete;

    // Listens on 127.0.0.1:0. False when it could not.
    bool start();
    // Listens on 127.0.0.1:0 for HTTPS with this certificate. False when it could not (or Qt has no TLS).
    bool startTls(const TestCertificate &certificate);
    // Closes the listener and every connection (a client then finds nothing listening on port()).
    void stop();
    quint16 port() const { return m_port; }
    // http://127.0.0.1:<port> (https:// after startTls)
    QUrl url() const;

    // Adds or replaces the handler of (method, path).
    void route(const QByteArray &method, const QString &path, Handler handler);
    void clearRoutes();

    QList<HttpRequestRecord> requests() const;
    qsizetype requestCount() const;
    void clearRequests();
    // TCP connections accepted so far.
    int connections() const;

    struct Worker; // the QTcpServer side, on the server's thread

    // Used by Worker.
    HttpReply dispatch(const HttpRequestRecord &request);

private:
    struct Route
    {
        QByteArray method;
        QString path;
        Handler handler;
    };
    mutable QMutex m_mutex;
    QList<Route> m_routes;
    QList<HttpRequestRecord> m_requests;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    quint16 m_port = 0;
    bool m_tls = false;
    QByteArray m_certPem, m_keyPem;
};

} // namespace vigil::test
