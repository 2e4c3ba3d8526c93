#pragma once
// WebhookServer: receives alarms from alarm hosts and third-party systems over HTTP (docs/api/webhook.md):
// POST /api/v1/alarms with "Authorization: Bearer <token>" and a JSON body (parseWebhookAlarm()).
//
// A Beast HTTP/1.1 server on its own Asio thread, bound to one address (127.0.0.1 unless configured). The
// headers are checked first (path -> 404, method -> 405, token -> 401, declared length -> 413), so an unknown
// caller never gets a body read. Every read and every answer has a deadline: a client that connects and
// sends nothing, or sends slowly, is dropped after readTimeoutMs and never holds up another caller.
// A parsed alarm goes to the handler on the application's (GUI) thread (queued through core::postToApp; a
// 503 if the object is gone); the handler answers through its Reply (from any thread, once) with the stored
// alarm's id (-> 201) or an error (-> 503). An answer that does not come within replyTimeoutMs gives 503 too.
// Nothing reaches the handler on any 4xx. The token never appears in a log.
//
// Thread: GUI only (construct, start, stop, destroy; the handler runs there). Off until start().
#include "vigil/webhook/webhook_alarm.h"

#include <QtCore/QObject>
#include <QtCore/QString>

#include <functional>
#include <memory>

namespace vigil::webhook {

struct WebhookConfig
{
    QString address = QStringLiteral("127.0.0.1"); // an IPv4 or IPv6 address of this PC
    quint16 port = 0;                              // 0: any free port (tests, the demo)
    QByteArray token;                              // the shared bearer token; required
    int readTimeoutMs = 10000;  // from accepting (or the previous answer) to the whole request read
    int replyTimeoutMs = 10000; // the handler's answer
    int maxConnections = 64;    // beyond this, new connections are closed at once
};

// "127.0.0.1:8089", "[::1]:8089" or "8089" (loopback) -> address and port. Returns false with a sentence.
bool parseListenAddress(const QString &text, QString *address, quint16 *port, QString *error);

class WebhookServer : public QObject
{
    Q_OBJECT

public:
    // id: the stored alarm's id (201). error non-empty: it could not be stored (503, the sentence is sent).
    using Reply = std::function<void(const QString &id, const QString &error)>;
    using Handler = std::function<void(const WebhookAlarm &alarm, Reply reply)>;

    explicit WebhookServer(WebhookConfig config, QObject *parent = nullptr);
    ~WebhookServer() override; // stops

    void setHandler(Handler handler) { m_handler = std::move(handler); }

    // Listens. False with a sentence (address taken, no token...) in `error`.
    bool start(QString *error = nullptr);
    void stop();
    bool isRunning() const;
    quint16 port() const; // the bound port once started
    QString address() const;

    // Counters (any thread): requests answered 201, requests refused with a 4xx.
    qint64 accepted() const;
    qint64 refused() const;

signals:
    // A request was refused (status and the reason sent); for the log and tests.
    void requestRefused(int status, const QString &reason);

private:
    struct Private;
    std::unique_ptr<Private> d;
    Handler m_handler;
};

} // namespace vigil::webhook
