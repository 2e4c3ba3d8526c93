#pragma once
// MqttClient: one connection to an MQTT 3.1.1 broker (Mosquitto, EMQX, ...) through libmosquitto,
// Qt-friendly.
//
// Threading. Every libmosquitto call that can wait (name resolution, TCP connect, TLS, reading, writing) runs
// on the client's own network thread, which runs the connection from start to end: mosquitto_connect_async(),
// then mosquitto_loop() until the connection ends, then a capped exponential backoff (core::Backoff) and the
// next attempt, forever, until the client is destroyed. The owner's thread only queues work: publish() and
// subscribe() hand a packet to libmosquitto (threaded mode: queued, the network thread is woken and writes
// it), so a broker that hangs or a host that never answers cannot freeze the GUI. libmosquitto's callbacks
// run on the network thread; they copy plain data and post it to the owner (Qt::QueuedConnection), where the
// signals are emitted.
//
// Why not mosquitto_loop_start() + mosquitto_reconnect_delay_set(): that thread gives up for good after a
// "fatal" error (a TLS failure, a name that does not resolve — a DNS outage would end the wall's sync until a
// restart), its reconnects use a blocking connect() that a blackholed broker holds for the kernel's SYN
// timeout (~2 min) — during which mosquitto_loop_stop() on the GUI thread would block — and the first
// mosquitto_connect_async() would resolve the host name on the caller's (GUI) thread. Our own loop thread
// keeps all of it off the GUI thread and retries every kind of failure. And why not a QSocketNotifier on the
// GUI thread: libmosquitto's reconnect and name resolution are blocking calls, and TLS renegotiation needs
// the library's own loop; they would all land on the GUI thread.
//
// Subscriptions are remembered and made again (on the network thread, before anything else) on every
// connection, so the retained messages of a topic always arrive after `connected`. Clean session: the broker
// keeps nothing for us between connections; retained messages are how state survives.
//
// Status is state, with a translated sentence that says what to do; passwords never reach a log or a text.
// Thread: the object lives on its owner's thread (normally the GUI thread); its methods are for that thread.
#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>

namespace vigil::mqtt {

struct MqttOptions
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 1883;
    // TLS to the broker (mqtts://). The certificate chain and the host name are always verified: against
    // caFile (PEM) when given, else against the system's CAs (/etc/ssl/certs).
    bool tls = false;
    QString caFile;
    QString username; // empty: anonymous
    QString password; // never logged, never shown
    QString clientId; // empty: "vigil-" + random; must be unique on the broker (it drops the older twin)
    int keepAliveSeconds = 10;    // a broker silent for 1.5x this long is taken as gone
    int connectTimeoutMs = 10000; // connected but no CONNACK within this: give up the attempt, retry
    int reconnectMinMs = 250;     // backoff after a failed attempt or a lost connection: from this ...
    int reconnectMaxMs = 10000;   // ... doubling up to this
    // Last will: what the broker publishes when this client vanishes without a clean disconnect (crash, cut
    // cable, killed process). Empty topic: none.
    QString willTopic;
    QByteArray willPayload;
    bool willRetain = true;
    int willQos = 1;
};

// "mqtt://host[:port]" (default port 1883) or "mqtts://host[:port]" (TLS, default 8883); "host[:port]" alone
// means mqtt://. User info in the URL is refused: passwords do not belong on a command line (they would show
// in `ps`). Returns false and a sentence in `error` for anything else.
bool parseBrokerUrl(const QString &url, MqttOptions *options, QString *error);

class MqttClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)

public:
    enum class Status
    {
        Idle,        // not started
        Connecting,  // first attempt under way
        Connected,   // CONNACK accepted; subscriptions made
        Unreachable, // no answer, connection refused or lost: retrying with backoff
        AuthFailed,  // the broker refused the user name or password (it is retried, slowly)
        Refused,     // the broker refused the connection for another reason (protocol, client id, ...)
        TlsFailed,   // TLS handshake or certificate check failed, or the CA file is unreadable
    };
    Q_ENUM(Status)

    explicit MqttClient(MqttOptions options, QObject *parent = nullptr);
    // Disconnects cleanly (the broker does NOT publish the will: publish your own "offline" first) and waits
    // up to kStopWaitMs for the network thread; a thread still stuck in name resolution after that is left to
    // finish on its own, and posts nothing more.
    ~MqttClient() override;
    static constexpr int kStopWaitMs = 2000;

    // Starts connecting in the background (once; later calls do nothing).
    void start();

    // Queues a message for the broker. Returns false (and sends nothing, now or later) when not connected:
    // callers re-publish what matters on `connected`.
    bool publish(const QString &topic, const QByteArray &payload, int qos = 1, bool retain = false);
    // Subscribes now if connected, and again on every later connection.
    void subscribe(const QString &filter, int qos = 1);
    void unsubscribe(const QString &filter);

    // Cuts the TCP connection without a DISCONNECT, as a crash or a pulled cable does: the broker publishes
    // the will, and the client reconnects like after any lost connection. For tests and the bench.
    void dropConnection();

    Status status() const { return m_status; }
    QString statusText() const { return m_statusText; }
    bool isConnected() const { return m_status == Status::Connected; }
    const MqttOptions &options() const { return m_options; }
    QString clientId() const;
    // "mqtt://host:port" or "mqtts://host:port": never carries credentials.
    QString brokerText() const;
    // Connections established so far (each one is a `connected`).
    int connectionCount() const { return m_connections; }

signals:
    void statusChanged();
    // A connection was established and every remembered subscription was sent before this.
    void connected();
    // A message on a subscribed topic. `retained`: a retained message delivered because we subscribed (the
    // state the broker kept), not a live publish.
    void messageReceived(const QString &topic, const QByteArray &payload, bool retained);

private:
    struct Core;
    friend struct Core;
    void setStatus(Status status, const QString &text);
    void onConnected();

    MqttOptions m_options;
    std::shared_ptr<Core> m_core;
    Status m_status = Status::Idle;
    QString m_statusText;
    int m_connections = 0;
};

} // namespace vigil::mqtt
