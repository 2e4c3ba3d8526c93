// MqttClient on libmosquitto. The Core is shared by the owner and the network thread; everything that touches
// the mosquitto handle after start() runs on the network thread, except mosquitto_publish / subscribe /
// unsubscribe, which libmosquitto's threaded mode makes safe from any thread (they only queue a packet and
// wake the loop).
#include "vigil/mqtt/mqtt_client.h"

#include "vigil/core/backoff.h"
#include "vigil/mqtt/logging.h"

#include <QtCore/QMap>
#include <QtCore/QMetaObject>
#include <QtCore/QUrl>
#include <QtCore/QUuid>

#include <mosquitto.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

Q_LOGGING_CATEGORY(vigilMqtt, "vigil.mqtt")

namespace vigil::mqtt {

namespace {

using Clock = std::chrono::steady_clock;

void initLibraryOnce()
{
    static std::once_flag once;
    // Never cleaned up: other clients may still be alive at exit, and the OS frees it all anyway.
    std::call_once(once, [] { mosquitto_lib_init(); });
}

// libmosquitto's reason for `rc`; for MOSQ_ERR_ERRNO the OS's (captured by the caller right after the call).
QString reasonOf(int rc, int savedErrno)
{
    if (rc == MOSQ_ERR_ERRNO && savedErrno != 0)
        return QString::fromLocal8Bit(std::strerror(savedErrno));
    return QString::fromUtf8(mosquitto_strerror(rc)).remove(QLatin1Char('.'));
}

} // namespace

bool parseBrokerUrl(const QString &text, MqttOptions *options, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QString s = text.trimmed();
    if (s.isEmpty())
        return fail(QStringLiteral("The broker address is empty; give it as mqtt://host:port."));
    if (!s.contains(QLatin1String("://")))
        s.prepend(QLatin1String("mqtt://"));
    const QUrl url(s, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("'%1' is not a broker address; give it as mqtt://host:port or "
                                   "mqtts://host:port.")
                        .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    if (scheme != QLatin1String("mqtt") && scheme != QLatin1String("mqtts") &&
        scheme != QLatin1String("tcp") && scheme != QLatin1String("ssl"))
        return fail(
            QStringLiteral("Unknown broker scheme '%1'; use mqtt:// (plain) or mqtts:// (TLS).").arg(scheme));
    if (!url.userInfo().isEmpty())
        return fail(
            QStringLiteral("Do not put a user or password in the broker address (it would show in the "
                           "process list); give the user with --broker-user and the password in "
                           "VIGIL_BROKER_PASSWORD."));
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return fail(QStringLiteral("A broker address has no path: use mqtt://host:port."));
    const bool tls = scheme == QLatin1String("mqtts") || scheme == QLatin1String("ssl");
    options->host = url.host();
    options->tls = tls;
    options->port = url.port(tls ? 8883 : 1883);
    return true;
}

// --- Core: shared by the owner and the network thread
// ---------------------------------------------------------
struct MqttClient::Core
{
    explicit Core(const MqttOptions &o)
        : host(o.host.toUtf8())
        , clientId(o.clientId.toUtf8())
        , port(o.port)
        , keepAlive(std::max(5, o.keepAliveSeconds))
        , connectTimeout(std::max(1000, o.connectTimeoutMs))
        , backoff(std::chrono::milliseconds(std::max(50, o.reconnectMinMs)),
                  std::chrono::milliseconds(std::max(o.reconnectMinMs, o.reconnectMaxMs)))
    {}
    ~Core()
    {
        if (mosq)
            mosquitto_destroy(mosq);
    }

    // Posts `fn(owner)` to the owner's thread, unless the owner is gone. The lock makes "owner alive" and the
    // post one step: ~MqttClient clears `owner` under it, so nothing is posted to a dying object (and what
    // was posted before is removed with it by ~QObject).
    template<typename F> void post(F fn)
    {
        std::lock_guard lock(ownerMutex);
        if (owner)
            QMetaObject::invokeMethod(
                owner, [o = owner, fn = std::move(fn)] { fn(o); }, Qt::QueuedConnection);
    }
    void postStatus(Status status, const QString &text)
    {
        post([status, text](MqttClient *c) { c->setStatus(status, text); });
    }

    void run();
    void attempt();
    void finish();
    void failed(int rc, int savedErrno);

    static void onConnect(mosquitto *, void *self, int rc);
    static void onDisconnect(mosquitto *, void *self, int rc);
    static void onMessage(mosquitto *, void *self, const mosquitto_message *msg);

    const QByteArray host;
    const QByteArray clientId;
    const int port;
    const int keepAlive;
    const std::chrono::milliseconds connectTimeout;
    QString broker; // for sentences
    mosquitto *mosq = nullptr;
    std::thread thread;

    std::atomic<bool> stopping{false};
    std::atomic<bool> dropRequested{false};
    std::mutex waitMutex;
    std::condition_variable wake;
    bool finished = false; // under waitMutex

    std::mutex ownerMutex;
    MqttClient *owner = nullptr;

    std::mutex subsMutex;       // guards subs and connectedFlag's transitions with the subscriptions
    QMap<QByteArray, int> subs; // filter -> qos
    std::atomic<bool> connectedFlag{false};

    // Network thread only.
    core::Backoff backoff;
    int connackRc = -1; // of the current attempt; -1 = none yet
};

void MqttClient::Core::run()
{
    while (!stopping) {
        attempt();
        if (stopping)
            break;
        const auto delay = backoff.next();
        std::unique_lock lock(waitMutex);
        wake.wait_for(lock, delay, [this] { return stopping.load(); });
    }
    finish();
}

void MqttClient::Core::attempt()
{
    connackRc = -1;
    errno = 0;
    int rc = mosquitto_connect_async(mosq, host.constData(), port, keepAlive);
    if (rc != MOSQ_ERR_SUCCESS) {
        failed(rc, errno);
        return;
    }
    const auto deadline = Clock::now() + connectTimeout;
    while (!stopping) {
        if (dropRequested.exchange(false)) {
            // As a cut cable: no DISCONNECT, the broker publishes our will. The loop then reads EOF.
            if (const int fd = mosquitto_socket(mosq); fd >= 0)
                ::shutdown(fd, SHUT_RDWR);
        }
        errno = 0;
        rc = mosquitto_loop(mosq, 100, 1);
        if (rc != MOSQ_ERR_SUCCESS) {
            // onDisconnect has run for a closed socket; an attempt that never got a CONNACK ends here too.
            if (connackRc < 0)
                failed(rc, errno);
            return;
        }
        if (connackRc < 0 && Clock::now() > deadline) {
            // Connected at TCP level (or still trying) but no CONNACK: a hung broker or not a broker at all.
            const int seconds = int(connectTimeout.count() / 1000);
            postStatus(Status::Unreachable,
                       MqttClient::tr("The MQTT broker at %1 did not answer within %2 s. Vigil keeps trying; "
                                      "check that an MQTT broker (not another service) listens there and "
                                      "that it is not overloaded.")
                           .arg(broker)
                           .arg(seconds));
            return; // the next mosquitto_connect_async() closes this socket
        }
    }
}

void MqttClient::Core::failed(int rc, int savedErrno)
{
    const QString why = reasonOf(rc, savedErrno);
    qCDebug(vigilMqtt).noquote() << "connection attempt to" << broker << "failed:" << why;
    if (rc == MOSQ_ERR_TLS) {
        postStatus(Status::TlsFailed,
                   MqttClient::tr("The TLS connection to the MQTT broker at %1 failed (%2). Check that the "
                                  "broker's certificate is signed by the CA file given to Vigil (or by a "
                                  "system CA) and that it names this host.")
                       .arg(broker, why));
        return;
    }
    postStatus(
        Status::Unreachable,
        MqttClient::tr("Vigil cannot reach the MQTT broker at %1 (%2). It keeps trying; check that the "
                       "broker is running and that the address and port are right.")
            .arg(broker, why));
}

void MqttClient::Core::finish()
{
    if (connectedFlag.exchange(false)) {
        // Clean goodbye: DISCONNECT (so no will), then let the loop write what is queued, briefly.
        mosquitto_disconnect(mosq);
        const auto deadline = Clock::now() + std::chrono::milliseconds(500);
        while (Clock::now() < deadline && mosquitto_loop(mosq, 50, 1) == MOSQ_ERR_SUCCESS) {
        }
    }
    std::lock_guard lock(waitMutex);
    finished = true;
    wake.notify_all();
}

void MqttClient::Core::onConnect(mosquitto *, void *self, int rc)
{
    auto *c = static_cast<Core *>(self);
    c->connackRc = rc;
    if (rc == 0) {
        c->backoff.reset();
        {
            std::lock_guard lock(c->subsMutex);
            c->connectedFlag = true;
            for (auto it = c->subs.cbegin(); it != c->subs.cend(); ++it)
                mosquitto_subscribe(c->mosq, nullptr, it.key().constData(), it.value());
        }
        c->post([](MqttClient *o) { o->onConnected(); });
        return;
    }
    const QString why = QString::fromUtf8(mosquitto_connack_string(rc)).remove(QLatin1Char('.'));
    qCDebug(vigilMqtt).noquote() << "broker" << c->broker << "refused the connection:" << why;
    if (rc == 4 || rc == 5) // 3.1.1: bad user name or password / not authorised
        c->postStatus(
            Status::AuthFailed,
            MqttClient::tr("The MQTT broker at %1 refused Vigil's user name or password (%2). Check "
                           "the user and password given to Vigil against the broker's password file "
                           "and access rules; Vigil keeps retrying.")
                .arg(c->broker, why));
    else
        c->postStatus(Status::Refused,
                      MqttClient::tr("The MQTT broker at %1 refused the connection (%2). Vigil keeps trying; "
                                     "check the broker's configuration and its log.")
                          .arg(c->broker, why));
}

void MqttClient::Core::onDisconnect(mosquitto *, void *self, int rc)
{
    auto *c = static_cast<Core *>(self);
    const bool wasConnected = c->connectedFlag.exchange(false);
    if (!wasConnected || rc == MOSQ_ERR_SUCCESS || c->stopping)
        return; // a failed attempt is reported by attempt(); rc 0 is our own DISCONNECT
    const QString why = reasonOf(rc, errno);
    qCInfo(vigilMqtt).noquote() << "lost the connection to" << c->broker << ":" << why;
    c->postStatus(
        Status::Unreachable,
        MqttClient::tr("The connection to the MQTT broker at %1 was lost (%2). Vigil is reconnecting; "
                       "the wall keeps showing what it showed.")
            .arg(c->broker, why));
}

void MqttClient::Core::onMessage(mosquitto *, void *self, const mosquitto_message *msg)
{
    auto *c = static_cast<Core *>(self);
    QString topic = QString::fromUtf8(msg->topic);
    QByteArray payload(static_cast<const char *>(msg->payload), msg->payloadlen);
    const bool retained = msg->retain;
    c->post([topic = std::move(topic), payload = std::move(payload), retained](MqttClient *o) {
        emit o->messageReceived(topic, payload, retained);
    });
}

// --- MqttClient
// ---------------------------------------------------------------------------------------------------
MqttClient::MqttClient(MqttOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (m_options.clientId.isEmpty())
        m_options.clientId = QStringLiteral("vigil-") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    initLibraryOnce();
    m_core = std::make_shared<Core>(m_options);
    m_core->owner = this;
    m_core->broker = brokerText();
    m_core->mosq = mosquitto_new(m_core->clientId.constData(), true, m_core.get());
    if (!m_core->mosq) {
        setStatus(Status::Refused, tr("Vigil could not create its MQTT client (%1).")
                                       .arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    mosquitto *m = m_core->mosq;
    mosquitto_threaded_set(m, true);
    mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    // Small messages that matter now (a wall change): no Nagle delay waiting for the broker's ACK.
    mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_callback_set(m, &Core::onConnect);
    mosquitto_disconnect_callback_set(m, &Core::onDisconnect);
    mosquitto_message_callback_set(m, &Core::onMessage);
}

MqttClient::~MqttClient()
{
    {
        std::lock_guard lock(m_core->ownerMutex);
        m_core->owner = nullptr; // nothing is posted to us from now on
    }
    if (m_core->thread.joinable()) {
        m_core->stopping = true;
        bool done = false;
        {
            std::unique_lock lock(m_core->waitMutex);
            m_core->wake.notify_all();
            done = m_core->wake.wait_for(lock, std::chrono::milliseconds(kStopWaitMs),
                                         [this] { return m_core->finished; });
        }
        if (done) {
            m_core->thread.join();
        } else {
            // Stuck in a name lookup: it ends by itself and frees the Core (it holds a reference).
            qCWarning(vigilMqtt).noquote() << "the MQTT thread for" << brokerText() << "did not stop within"
                                           << kStopWaitMs << "ms; left to finish";
            m_core->thread.detach();
        }
    }
}

void MqttClient::start()
{
    if (m_core->thread.joinable() || !m_core->mosq)
        return;
    mosquitto *m = m_core->mosq;
    if (!m_options.username.isEmpty()) {
        const QByteArray user = m_options.username.toUtf8();
        const QByteArray pass = m_options.password.toUtf8();
        mosquitto_username_pw_set(m, user.constData(),
                                  m_options.password.isEmpty() ? nullptr : pass.constData());
    }
    if (!m_options.willTopic.isEmpty()) {
        const QByteArray topic = m_options.willTopic.toUtf8();
        mosquitto_will_set(m, topic.constData(), int(m_options.willPayload.size()),
                           m_options.willPayload.constData(), m_options.willQos, m_options.willRetain);
    }
    if (m_options.tls) {
        const QByteArray ca = m_options.caFile.toLocal8Bit();
        errno = 0;
        const int rc =
            mosquitto_tls_set(m, ca.isEmpty() ? nullptr : ca.constData(),
                              ca.isEmpty() ? "/etc/ssl/certs" : nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS) {
            setStatus(
                Status::TlsFailed,
                tr("Vigil cannot use the CA file %1 for the MQTT broker at %2 (%3). Check the path and "
                   "that the file is a PEM certificate.")
                    .arg(m_options.caFile.isEmpty() ? QStringLiteral("/etc/ssl/certs") : m_options.caFile,
                         brokerText(), reasonOf(rc, errno)));
            return;
        }
    }
    setStatus(Status::Connecting, tr("Connecting to the MQTT broker at %1…").arg(brokerText()));
    qCInfo(vigilMqtt).noquote() << "connecting to" << brokerText() << "as" << m_options.clientId
                                << (m_options.username.isEmpty() ? QStringLiteral("(anonymous)")
                                                                 : QStringLiteral("(with a user name)"));
    m_core->thread = std::thread([core = m_core] { core->run(); });
}

bool MqttClient::publish(const QString &topic, const QByteArray &payload, int qos, bool retain)
{
    if (!m_core->mosq || !m_core->connectedFlag)
        return false;
    const QByteArray t = topic.toUtf8();
    const int rc = mosquitto_publish(m_core->mosq, nullptr, t.constData(), int(payload.size()),
                                     payload.constData(), qos, retain);
    if (rc != MOSQ_ERR_SUCCESS)
        qCDebug(vigilMqtt) << "publish to" << topic << "failed:" << mosquitto_strerror(rc);
    return rc == MOSQ_ERR_SUCCESS;
}

void MqttClient::subscribe(const QString &filter, int qos)
{
    if (!m_core->mosq)
        return;
    const QByteArray f = filter.toUtf8();
    std::lock_guard lock(m_core->subsMutex);
    m_core->subs.insert(f, qos);
    if (m_core->connectedFlag)
        mosquitto_subscribe(m_core->mosq, nullptr, f.constData(), qos);
}

void MqttClient::unsubscribe(const QString &filter)
{
    if (!m_core->mosq)
        return;
    const QByteArray f = filter.toUtf8();
    std::lock_guard lock(m_core->subsMutex);
    if (m_core->subs.remove(f) && m_core->connectedFlag)
        mosquitto_unsubscribe(m_core->mosq, nullptr, f.constData());
}

void MqttClient::dropConnection()
{
    m_core->dropRequested = true;
}

QString MqttClient::clientId() const
{
    return m_options.clientId;
}

QString MqttClient::brokerText() const
{
    const QString host = m_options.host.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + m_options.host + QLatin1Char(']')
                             : m_options.host;
    return QStringLiteral("%1://%2:%3")
        .arg(m_options.tls ? QStringLiteral("mqtts") : QStringLiteral("mqtt"), host)
        .arg(m_options.port);
}

void MqttClient::setStatus(Status status, const QString &text)
{
    if (status == m_status && text == m_statusText)
        return;
    if (status != Status::Connected && status != Status::Connecting && text != m_statusText)
        qCWarning(vigilMqtt).noquote() << text;
    m_status = status;
    m_statusText = text;
    emit statusChanged();
}

void MqttClient::onConnected()
{
    ++m_connections;
    qCInfo(vigilMqtt).noquote() << "connected to" << brokerText() << "(connection" << m_connections << ")";
    setStatus(Status::Connected, tr("Connected to the MQTT broker at %1.").arg(brokerText()));
    emit connected();
}

} // namespace vigil::mqtt
