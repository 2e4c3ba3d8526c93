#include "vigil/backend/ours_push.h"

#include "adapter_common.h"

#include "vigil/backend/ours_parsers.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/worker_threads.h"
#include "vigil/network/http_client.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <mutex>

Q_LOGGING_CATEGORY(vigilPush, "vigil.push", QtInfoMsg)

namespace vigil::backend {

namespace {

struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::OursPush)
};

QUrl pushUrl(const QUrl &base)
{
    QUrl u = base;
    u.setScheme(base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString prefix = u.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    u.setPath(prefix + QStringLiteral("/api/v1/push"));
    u.setQuery(QString());
    u.setUserInfo(QString());
    return u;
}

} // namespace

struct OursPush::AckClient
{
    explicit AckClient(const SiteConnection &site)
        : client(site)
    {}
    std::mutex mutex; // one acknowledgement at a time (OursClient: one call at a time)
    OursClient client;
    QString token; // secret: never logged

    // POST .../ack; "" on success, else the sentence (and `*permanent`). Worker thread, under `mutex`.
    QString acknowledge(const QString &alarmId, const QString &note, bool *permanent)
    {
        *permanent = false;
        const SiteConnection &site = client.site();
        const QString host = site.baseUrl.host() + QLatin1Char(':') + QString::number(site.baseUrl.port());
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (token.isEmpty()) {
                const Result<Tokens> r = client.login();
                if (!r.ok()) {
                    *permanent = r.error.category() == ErrorCategory::Auth;
                    return r.error.message;
                }
                token = r.value.accessToken;
            }
            network::HttpRequest req;
            req.method = "POST";
            req.url = site.baseUrl;
            QString prefix = req.url.path();
            while (prefix.endsWith(QLatin1Char('/')))
                prefix.chop(1);
            req.url.setPath(prefix + QStringLiteral("/api/v1/alarms/") +
                            QString::fromLatin1(QUrl::toPercentEncoding(alarmId)) + QStringLiteral("/ack"));
            req.url.setQuery(QString());
            req.url.setUserInfo(QString());
            adapter::applySiteTls(req, site); // as the site's other calls: verified, or its trusted pin
            req.timeoutMs = site.timeoutMs;
            req.maxBodyBytes = 64 * 1024;
            req.body =
                QJsonDocument(QJsonObject{{QStringLiteral("note"), note}}).toJson(QJsonDocument::Compact);
            req.headers = {{"Accept", "application/json"},
                           {"Content-Type", "application/json"},
                           {"Authorization", "Bearer " + token.toUtf8()}};
            const network::HttpResponse resp = network::HttpClient::instance().sendSync(std::move(req));
            if (!resp.ok())
                return Msg::tr("Cannot reach the platform at %1 to acknowledge alarm %2: %3. Vigil tries "
                               "again when the platform is back.")
                    .arg(host, alarmId, resp.errorText);
            if (resp.status >= 200 && resp.status < 300)
                return {};
            QString code, message;
            parseErrorBody(resp.body, &code, &message);
            if (resp.status == 401 && attempt == 0) {
                // Expired, or unknown to a platform that restarted: renewed once.
                const Result<Tokens> f = client.renewToken();
                if (!f.ok()) {
                    *permanent = f.error.category() == ErrorCategory::Auth;
                    return f.error.message;
                }
                token = f.value.accessToken;
                continue;
            }
            *permanent = resp.status != 408 && resp.status != 429 && resp.status < 500;
            if (!*permanent) // busy or restarting: not the operator's to fix
                return Msg::tr("The platform at %1 could not take the acknowledgement of alarm %2 now (HTTP "
                               "%3%4). Vigil tries again.")
                    .arg(host, alarmId)
                    .arg(resp.status)
                    .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
            if (resp.status == 404)
                return Msg::tr("The platform at %1 does not know alarm %2 (it may have restarted): "
                               "acknowledge it there by hand if it still shows it.")
                    .arg(host, alarmId);
            return Msg::tr("The platform at %1 refused to acknowledge alarm %2 (HTTP %3%4). Check the "
                           "site's user in the site settings.")
                .arg(host, alarmId)
                .arg(resp.status)
                .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
        }
        return {};
    }
};

OursPush::OursPush(SiteConnection site, QStringList topics, QObject *parent)
    : QObject(parent)
    , m_client(std::make_shared<OursClient>(site))
    , m_ack(std::make_shared<AckClient>(site))
    , m_topics(std::move(topics))
{
    connect(&m_ws, &network::WebSocketClient::connected, this, &OursPush::onConnected);
    connect(&m_ws, &network::WebSocketClient::textMessageReceived, this, &OursPush::onMessage);
    connect(&m_ws, &network::WebSocketClient::failed, this, &OursPush::onFailed);
}

OursPush::~OursPush() = default; // m_ws closes its connection; a login still running finds no one to tell

int OursPush::connects() const
{
    return m_ws.connects();
}

void OursPush::acknowledgeAlarm(const QString &alarmId, const QString &note, AckDone done)
{
    QPointer<OursPush> self(this);
    core::WorkerThreads::start(
        QStringLiteral("push-ack"), [self, ack = m_ack, alarmId, note, done = std::move(done)] {
            QString error;
            bool permanent = false;
            {
                std::lock_guard lock(ack->mutex);
                error = ack->acknowledge(alarmId, note, &permanent);
            }
            if (error.isEmpty())
                qCInfo(vigilPush).noquote() << "push: alarm" << alarmId << "acknowledged on the platform";
            else
                qCWarning(vigilPush).noquote() << "push: alarm" << alarmId << "not acknowledged:" << error;
            core::postToApp([self, error, permanent, done] {
                if (self && done)
                    done(error, permanent);
            });
        });
}

void OursPush::start()
{
    if (m_started)
        return;
    m_started = true;
    m_reloggedSinceLive = false;
    m_presentedCert.clear();
    setStatus(Status::Connecting);
    login(false);
}

void OursPush::stop()
{
    m_started = false;
    m_ws.close();
    setStatus(Status::Idle);
}

void OursPush::login(bool reconnectAfter)
{
    if (m_loggingIn)
        return;
    m_loggingIn = true;
    // OursClient blocks: one login at a time on a worker thread, the answer back here. The client is shared
    // with the worker, so destroying this object mid-login leaves the worker a live client.
    QPointer<OursPush> self(this);
    core::WorkerThreads::start(QStringLiteral("push-login"), [self, client = m_client, reconnectAfter] {
        // A token refused at the upgrade is renewed (the refresh token first: no password sent).
        bool refreshed = false;
        const Result<Tokens> r = reconnectAfter ? client->renewToken(&refreshed) : client->login();
        core::postToApp([self, r, reconnectAfter, refreshed] {
            if (self)
                self->loggedIn(r, reconnectAfter, refreshed);
        });
    });
}

void OursPush::loggedIn(const Result<Tokens> &r, bool reconnectAfter, bool refreshed)
{
    m_loggingIn = false;
    ++(refreshed ? m_refreshes : m_logins);
    if (!m_started)
        return;
    if (!r.ok()) {
        // A wrong account or a refused certificate does not heal by itself; an unreachable platform does:
        // try again after a while.
        if (r.error.code == ErrorCode::Tls && !r.error.presentedCertSha256.isEmpty()) {
            m_presentedCert = r.error.presentedCertSha256;
            setStatus(Status::Failed,
                      Msg::tr("The platform's live positions and alarms are off: %1").arg(r.error.message));
            return;
        }
        if (r.error.category() == ErrorCategory::Auth) {
            setStatus(Status::Failed,
                      Msg::tr("The platform's live positions and alarms are off: %1").arg(r.error.message));
            return;
        }
        setStatus(Status::Reconnecting,
                  Msg::tr("Cannot log in for live positions and alarms: %1 Vigil keeps trying.")
                      .arg(r.error.message));
        QPointer<OursPush> self(this);
        QTimer::singleShot(std::max(500, m_socketOptions.reconnectMaxMs), this, [self, reconnectAfter] {
            if (self && self->m_started)
                self->login(reconnectAfter);
        });
        return;
    }
    m_token = r.value.accessToken;
    if (reconnectAfter) {
        m_ws.reconnect(authHeaders());
        return;
    }
    network::WebSocketOptions o = m_socketOptions;
    o.url = pushUrl(m_client->site().baseUrl);
    o.headers = authHeaders();
    if (o.url.scheme() == QLatin1String("wss")) { // as the site's HTTPS calls: verified, or the trusted pin
        o.tlsVerifyPeer = true;
        o.trustedCertSha256 = m_client->site().trustedCertSha256;
    }
    qCInfo(vigilPush).noquote() << "push: connecting to"
                                << o.url.host() + QLatin1Char(':') + QString::number(o.url.port());
    m_ws.open(o);
}

QList<QPair<QByteArray, QByteArray>> OursPush::authHeaders() const
{
    return {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_token.toUtf8()}};
}

void OursPush::onConnected()
{
    const QByteArray subscribe =
        QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("subscribe")},
                                  {QStringLiteral("topics"), QJsonArray::fromStringList(m_topics)}})
            .toJson(QJsonDocument::Compact);
    m_ws.sendText(subscribe);
    emit connected();
}

void OursPush::onMessage(const QByteArray &text)
{
    const Result<PushMessage> m = parsePushMessage(text);
    if (!m.ok()) {
        qCWarning(vigilPush).noquote() << "push: ignored a message Vigil cannot read:" << m.error.message;
        return;
    }
    switch (m.value.type) {
    case PushMessage::Type::Subscribed:
        m_reloggedSinceLive = false;
        setStatus(Status::Live);
        emit subscribed(m.value.topics);
        break;
    case PushMessage::Type::Units:
        emit unitsReceived(m.value.units);
        break;
    case PushMessage::Type::Alarm:
        emit alarmReceived(m.value);
        break;
    case PushMessage::Type::Other: {
        QString code, message;
        if (parseErrorBody(text, &code, &message))
            qCWarning(vigilPush).noquote() << "push: the platform refused a request:" << code << message;
        break;
    }
    }
}

void OursPush::onFailed(const network::WebSocketFailure &f)
{
    if (!m_started)
        return;
    if (f.error == network::WebSocketError::Refused && f.httpStatus == 401) {
        if (!m_reloggedSinceLive) {
            // Token expired, or unknown to a platform that restarted: log in again once, then connect at
            // once.
            m_reloggedSinceLive = true;
            qCInfo(vigilPush) << "push: token refused at the upgrade - logging in again";
            setStatus(Status::Reconnecting, f.text);
            login(true);
            return;
        }
        QString code, message;
        parseErrorBody(f.body, &code, &message);
        setStatus(
            Status::Failed,
            Msg::tr("The platform refused live positions and alarms even after a fresh login%1. Check "
                    "the site's user in the site settings, or ask the platform's administrator.")
                .arg(message.isEmpty() ? QString() : QStringLiteral(" (") + message + QLatin1Char(')')));
        m_ws.close();
        return;
    }
    if (f.error == network::WebSocketError::Tls && !f.peerCertSha256.isEmpty()) {
        // Waiting does not make the certificate trusted: stop until the operator trusts it (or fixes the
        // platform), which starts the push again.
        m_presentedCert = f.peerCertSha256;
        setStatus(Status::Failed,
                  Msg::tr("Live positions and alarms are off: %1. If this is the platform's certificate, "
                          "trust it in the site's row of the Platforms dialog.")
                      .arg(f.text));
        m_ws.close();
        return;
    }
    if (f.retryInMs < 0) {
        setStatus(Status::Failed,
                  Msg::tr("Live positions and alarms are off: %1. Check the site's address and "
                          "settings.")
                      .arg(f.text));
        m_ws.close();
        return;
    }
    setStatus(Status::Reconnecting,
              Msg::tr("Live positions and alarms paused: %1. Reconnecting…").arg(f.text));
    emit reconnecting(f.retryInMs, f.text);
}

void OursPush::setStatus(Status s, const QString &error)
{
    const bool changed = s != m_status || error != m_lastError;
    m_status = s;
    if (s == Status::Live || s == Status::Idle)
        m_lastError.clear();
    else if (!error.isEmpty())
        m_lastError = error;
    if (changed) {
        if (!m_lastError.isEmpty())
            qCInfo(vigilPush).noquote() << "push:" << m_lastError;
        emit statusChanged();
    }
}

} // namespace vigil::backend
