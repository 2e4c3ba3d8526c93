#include "test_http_server.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QMetaObject>
#include <QtCore/QMutexLocker>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <atomic>

namespace vigil::test {

QByteArray HttpRequestRecord::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

} // namespace

// A plain QObject (no signals of its own, so no moc) living on the server's thread: the invoke target.
struct TestHttpServer::Worker : QObject
{
    TestHttpServer *owner = nullptr;
    QTcpServer *server = nullptr; // created and deleted on the server's thread
    std::atomic<int> connections{0};

    // One connection: bytes in, requests out, one at a time.
    void serve(QTcpSocket *socket, int id)
    {
        auto buffer = std::make_shared<QByteArray>();
        const auto onData = [this, socket, buffer, id] {
            buffer->append(socket->readAll());
            for (;;) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0) {
                    if (buffer->size() > kMaxHeaderBytes)
                        socket->abort();
                    return;
                }
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                HttpRequestRecord req;
                req.connection = id;
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                if (first.size() < 3) {
                    socket->write(
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                    return;
                }
                req.method = first[0];
                req.target = first[1];
                qsizetype contentLength = 0;
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines[i].trimmed();
                    const qsizetype colon = line.indexOf(':');
                    if (colon <= 0)
                        continue;
                    const QByteArray name = line.left(colon).trimmed();
                    const QByteArray value = line.mid(colon + 1).trimmed();
                    req.headers.append({name, value});
                    if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                        contentLength = value.toLongLong();
                }
                if (buffer->size() < end + 4 + contentLength)
                    return; // body not complete yet
                req.body = buffer->mid(end + 4, contentLength);
                buffer->remove(0, end + 4 + contentLength);
                const QUrl url(QString::fromLatin1(req.target));
                req.path = url.path(QUrl::FullyDecoded);
                req.query = QUrlQuery(url);

                const HttpReply reply = owner->dispatch(req);
                const bool close =
                    reply.closeAfter || req.header("Connection").compare("close", Qt::CaseInsensitive) == 0;
                QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' +
                                 reasonPhrase(reply.status) + "\r\n";
                for (const auto &h : reply.headers)
                    out += h.first + ": " + h.second + "\r\n";
                out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
                out += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
                out += "\r\n";
                if (req.method != "HEAD")
                    out += reply.body;
                socket->write(out);
                if (close) {
                    socket->disconnectFromHost();
                    return;
                }
            }
        };
        QObject::connect(socket, &QTcpSocket::readyRead, socket, onData);
        // QSslServer hands the socket over once encrypted: the first request may already be waiting.
        if (socket->bytesAvailable() > 0)
            QMetaObject::invokeMethod(socket, onData, Qt::QueuedConnection);
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

TestHttpServer::TestHttpServer() = default;

TestHttpServer::~TestHttpServer()
{
    stop();
}

bool TestCertificate::make(const QString &commonName, TestCertificate *out, QString *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("the openssl command is not installed (apt-get install openssl)");
        return false;
    }
    QTemporaryDir dir;
    if (!dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    const auto run = [&](const QStringList &args, QByteArray *stdOut) {
        QProcess p;
        p.start(openssl, args);
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *error = QStringLiteral("openssl %1 failed: %2")
                         .arg(args.value(0), QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
            return false;
        }
        if (stdOut)
            *stdOut = p.readAllStandardOutput();
        return true;
    };
    if (!run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
              QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
              QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
              QStringLiteral("/CN=") + commonName, QStringLiteral("-keyout"), key, QStringLiteral("-out"),
              cert},
             nullptr))
        return false;
    QByteArray line;
    if (!run({QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-noout"),
              QStringLiteral("-fingerprint"), QStringLiteral("-sha256")},
             &line))
        return false;
    // "SHA256 Fingerprint=AB:CD:..." (the label's case differs between OpenSSL versions)
    const qsizetype eq = line.indexOf('=');
    out->opensslText = QString::fromLatin1(line.mid(eq + 1).trimmed());
    out->sha256 = QString(out->opensslText).remove(QLatin1Char(':')).toLower();
    QFile c(cert), k(key);
    if (eq < 0 || out->sha256.size() != 64 || !c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("openssl's certificate or fingerprint is unreadable: ") +
                 QString::fromLatin1(line);
        return false;
    }
    out->certPem = c.readAll();
    out->keyPem = k.readAll();
    return true;
}

bool TestHttpServer::startTls(const TestCertificate &certificate)
{
    if (m_thread)
        return false;
    m_tls = true;
    m_certPem = certificate.certPem;
    m_keyPem = certificate.keyPem;
    return start();
}

bool TestHttpServer::start()
{
    if (m_thread)
        return m_port != 0;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("TestHttpServer"));
    m_worker = new Worker;
    m_worker->owner = this;
    m_worker->moveToThread(m_thread.get());
    m_thread->start();
    bool ok = false;
    QMetaObject::invokeMethod(
        m_worker,
        [this, &ok, w = m_worker] {
            if (m_tls) {
                auto *tls = new QSslServer(w);
                QSslConfiguration c = QSslConfiguration::defaultConfiguration();
                c.setLocalCertificate(QSslCertificate(m_certPem));
                c.setPrivateKey(QSslKey(m_keyPem, QSsl::Ec));
                c.setPeerVerifyMode(QSslSocket::VerifyNone);
                tls->setSslConfiguration(c);
                w->server = tls;
            } else {
                w->server = new QTcpServer(w);
            }
            ok = w->server->listen(QHostAddress::LocalHost, 0);
            m_port = ok ? w->server->serverPort() : 0;
            const auto take = [w] {
                while (QTcpSocket *s = w->server->nextPendingConnection()) {
                    s->setParent(w->server);
                    w->serve(s, ++w->connections);
                }
            };
            // A plain server announces newConnection; QSslServer (6.4) pendingConnectionAvailable once
            // encrypted.
            QObject::connect(w->server, &QTcpServer::newConnection, w->server, take);
            QObject::connect(w->server, &QTcpServer::pendingConnectionAvailable, w->server, take);
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

void TestHttpServer::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker] {
            delete w->server; // closes the listener and every socket (its children)
            w->server = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker; // its thread has finished
    m_worker = nullptr;
    m_thread.reset();
}

QUrl TestHttpServer::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_port));
}

void TestHttpServer::route(const QByteArray &method, const QString &path, Handler handler)
{
    QMutexLocker lock(&m_mutex);
    for (Route &r : m_routes) {
        if (r.method == method && r.path == path) {
            r.handler = std::move(handler);
            return;
        }
    }
    m_routes.append({method, path, std::move(handler)});
}

void TestHttpServer::clearRoutes()
{
    QMutexLocker lock(&m_mutex);
    m_routes.clear();
}

QList<HttpRequestRecord> TestHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

qsizetype TestHttpServer::requestCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests.size();
}

void TestHttpServer::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

int TestHttpServer::connections() const
{
    QMutexLocker lock(&m_mutex);
    return m_worker ? m_worker->connections.load() : 0;
}

HttpReply TestHttpServer::dispatch(const HttpRequestRecord &request)
{
    Handler handler;
    {
        QMutexLocker lock(&m_mutex);
        m_requests.append(request);
        for (const Route &r : m_routes) {
            if (r.method != request.method)
                continue;
            const bool match = r.path.endsWith(QLatin1Char('*')) ? request.path.startsWith(r.path.chopped(1))
                                                                 : request.path == r.path;
            if (match) {
                handler = r.handler;
                break;
            }
        }
    }
    if (!handler)
        return HttpReply::json(R"({"error":"no route"})", 404);
    return handler(request);
}

} // namespace vigil::test
