#include "vigil/backend/ours_push.h"

#include "vigil/backend/ours_parsers.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

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

OursPush::OursPush(SiteConnection site, QStringList topics, QObject *parent)
    : QObject(parent)
    , m_client(std::make_shared<OursClient>(std::move(site)))
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

void OursPush::start()
{
    if (m_started)
        return;
    m_started = true;
    m_reloggedSinceLive = false;
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
        const Result<Tokens> r = client->login();
        core::postToApp([self, r, reconnectAfter] {
            if (self)
                self->loggedIn(r, reconnectAfter);
        });
    });
}

void OursPush::loggedIn(const Result<Tokens> &r, bool reconnectAfter)
{
    m_loggingIn = false;
    ++m_logins;
    if (!m_started)
        return;
    if (!r.ok()) {
        // A wrong account does not heal by itself; an unreachable platform does: try again after a while.
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
