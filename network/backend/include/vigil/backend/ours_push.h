#pragma once
// OursPush: the push channel of our Vigil API (GET /api/v1/push, docs/api/vigil-api.yaml) for one site: it
// logs in with its own OursClient (on a worker thread: login blocks), opens the WebSocket with
// "Authorization: Bearer <token>" (network::WebSocketClient: keep-alive pings, reconnect with backoff under
// 5 s), subscribes to its topics on every (re)connect, and hands on the parsed messages: batches of unit
// fixes and alarms. An upgrade refused with 401 (token expired or unknown, e.g. after the platform restarted)
// logs in again once and reconnects at once; refused again, it stops with a sentence in lastError (wrong
// account or a platform that refuses push: the operator checks the site settings). The token is never logged.
//
// Thread: GUI (or any thread with an event loop): create, call and destroy it there; signals arrive there.
// Destroying it mid-login or mid-connect is safe: nothing follows.
#include "vigil/backend/ours_client.h"
#include "vigil/backend/types.h"
#include "vigil/network/websocket_client.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <functional>
#include <memory>

namespace vigil::backend {

class OursPush : public QObject
{
    Q_OBJECT

public:
    enum class Status
    {
        Idle,         // not started (or stopped)
        Connecting,   // logging in or opening the first connection
        Live,         // connected and subscribed
        Reconnecting, // the connection dropped; retrying with backoff
        Failed,       // stopped for good: lastError says why and what to do
    };
    Q_ENUM(Status)

    explicit OursPush(SiteConnection site,
                      QStringList topics = {QStringLiteral("units"), QStringLiteral("alarms")},
                      QObject *parent = nullptr);
    ~OursPush() override;

    // Socket settings (timeouts, backoff) before start(); url and headers are filled in here.
    void setSocketOptions(const network::WebSocketOptions &options) { m_socketOptions = options; }
    void start();
    void stop();

    Status status() const { return m_status; }
    QString lastError() const { return m_lastError; }
    // Failed on a refused certificate (the login's HTTPS or the push's WSS): its SHA-256 (64 lowercase hex
    // digits), for the operator to trust; "" otherwise. Such a failure is not retried (it needs the
    // operator).
    QString presentedCertSha256() const { return m_presentedCert; }
    int logins() const { return m_logins; }       // completed password logins (tests: one per re-login)
    int refreshes() const { return m_refreshes; } // tokens renewed with the refresh token instead
    int connects() const;                         // WebSocket (re)connects so far

    // Acknowledges a pushed alarm on the platform (POST /api/v1/alarms/{id}/ack with the operator's note),
    // on a worker thread with an OursClient of its own for the token (logs in on first use; after a 401 the
    // token is renewed once, with the refresh token or else the password). `done(error, permanent)` runs on
    // this object's thread: error "" when acknowledged, else a sentence that says what failed and what to do;
    // `permanent` when trying again cannot help (the platform does not know the alarm, or refuses the
    // account) rather than a platform that is away. Not called when this object is gone first.
    using AckDone = std::function<void(const QString &error, bool permanent)>;
    void acknowledgeAlarm(const QString &alarmId, const QString &note, AckDone done);

signals:
    void statusChanged();
    void connected(); // after every (re)connect, once the subscription is sent
    void subscribed(const QStringList &topics);
    // A connection attempt failed or the connection dropped; the next attempt is in retryInMs (each time).
    void reconnecting(int retryInMs, const QString &reason);
    void unitsReceived(const QList<vigil::backend::UnitFix> &units);
    void alarmReceived(const vigil::backend::PushMessage &alarm);

private:
    void login(bool reconnectAfter);
    // `refreshed`: the token came from the refresh token, not the password.
    void loggedIn(const Result<Tokens> &r, bool reconnectAfter, bool refreshed);
    void onConnected();
    void onMessage(const QByteArray &text);
    void onFailed(const network::WebSocketFailure &f);
    void setStatus(Status s, const QString &error = {});
    QList<QPair<QByteArray, QByteArray>> authHeaders() const;

    std::shared_ptr<OursClient> m_client;
    struct AckClient; // the REST acknowledgements' client and token, one request at a time
    std::shared_ptr<AckClient> m_ack;
    QStringList m_topics;
    network::WebSocketOptions m_socketOptions;
    network::WebSocketClient m_ws;
    QString m_token; // secret: never logged
    Status m_status = Status::Idle;
    QString m_lastError;
    QString m_presentedCert;
    int m_logins = 0;
    int m_refreshes = 0;
    bool m_loggingIn = false;
    bool m_reloggedSinceLive = false; // the single re-login after a 401 is spent until the next Live
    bool m_started = false;
};

} // namespace vigil::backend

Q_DECLARE_METATYPE(vigil::backend::UnitFix)
Q_DECLARE_METATYPE(vigil::backend::PushMessage)
