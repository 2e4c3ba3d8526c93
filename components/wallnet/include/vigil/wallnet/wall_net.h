#pragma once
// WallNet: this process on a wall shared by several PCs through an MQTT broker — the `WallNet` QML singleton.
//
// Owns the MQTT client (one connection per process), announces this PC on vigil/<wall>/nodes/<node> (retained
// {"online": true, "role": "console"|"node", "screens": [...]}, with the last will {"online": false} so a PC
// that dies turns offline for everyone), lists every PC of the wall in `nodes`, and shares each wall screen
// added with addScreen() through a WallLink (see wall_link.h for the topics and the rules). Without a broker
// (`enabled` false) it does nothing at all, so QML can always bind to it.
//
// Thread: GUI only.
#include "vigil/mqtt/mqtt_client.h"
#include "vigil/wallnet/wall_link.h"
#include "vigil/wallnet/wall_nodes_model.h"

#include <QtCore/QCommandLineOption>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

#include <optional>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace vigil::wall {
class WallScreenSet;
}

namespace vigil::wallnet {

struct WallNetConfig
{
    mqtt::MqttOptions broker; // host, port, TLS, user, password (client id: generated)
    QString wallName = QStringLiteral("wall");
    QString nodeName;                         // this PC's name on the wall; unique per PC
    QString role = QStringLiteral("console"); // "console" or "node"
};

class WallNet : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(WallNet)
    QML_SINGLETON
    // A broker is configured (--broker).
    Q_PROPERTY(bool enabled READ enabled CONSTANT)
    Q_PROPERTY(QString wallName READ wallName CONSTANT)
    Q_PROPERTY(QString nodeName READ nodeName CONSTANT)
    Q_PROPERTY(QString role READ role CONSTANT)
    // "mqtt://host:port" (never credentials); "" when not enabled.
    Q_PROPERTY(QString broker READ broker CONSTANT)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    // Translated sentence: what the connection does and, on a failure, what to do.
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)
    Q_PROPERTY(vigil::wallnet::WallNodesModel *nodes READ nodes CONSTANT)

public:
    enum class Status
    {
        Off, // no broker configured
        Connecting,
        Connected,
        Unreachable, // retrying
        AuthFailed,  // user name or password refused
        Failed,      // TLS or another refusal: see statusText
    };
    Q_ENUM(Status)

    // `config` empty: disabled. Not default-constructible on purpose (see WallStore: Qt 6.4 would create a
    // second, private instance for QML).
    explicit WallNet(std::optional<WallNetConfig> config, QObject *parent = nullptr);
    // Says goodbye ({"online": false}, retained) and disconnects cleanly.
    ~WallNet() override;

    // The installed instance; without one (a process not on a shared wall), a disabled instance the engine
    // owns.
    static WallNet *create(QQmlEngine *, QJSEngine *);
    static void setInstance(WallNet *instance);
    static WallNet *instance();

    // Connects in the background (no-op when disabled or started).
    void start();
    // Shares `store` as the wall screen `screenKey` (the same key on every PC that shows that screen).
    // Returns the link (owned by WallNet), nullptr when disabled.
    WallLink *addScreen(wall::WallStore *store, const QString &screenKey);
    void removeScreen(const QString &screenKey);
    // Shares the console's wall (as wall::kConsoleKey, "console") and every wall screen of `screens` under
    // its key, now and as screens are added (a store that replaces another under the same key is linked
    // anew).
    void shareScreens(wall::WallScreenSet *screens);
    QList<WallLink *> links() const { return m_links; }

    bool enabled() const { return m_client != nullptr; }
    QString wallName() const { return m_config.wallName; }
    QString nodeName() const { return m_config.nodeName; }
    QString role() const { return m_config.role; }
    QString broker() const { return m_client ? m_client->brokerText() : QString(); }
    Status status() const;
    QString statusText() const;
    WallNodesModel *nodes() const { return m_nodes; }
    mqtt::MqttClient *client() const { return m_client; }
    QString presenceTopic() const;

    // --- Command line (app/main.cpp) ---------------------------------------------------------------------
    // --broker URL, --broker-user NAME, --broker-ca FILE, --wall-name NAME, --wall-node NAME.
    static QList<QCommandLineOption> commandLineOptions();
    // The configuration the command line asks for: nullopt (and `error` empty) without --broker; nullopt
    // and a sentence in `error` for a bad value. The password comes from the environment variable
    // VIGIL_BROKER_PASSWORD (`environment` for tests), never from the command line.
    static std::optional<WallNetConfig> configFromCommandLine(const QCommandLineParser &parser,
                                                              QString *error,
                                                              const QString &passwordFromEnvironment);

signals:
    void statusChanged();

private:
    void publishPresence();

    WallNetConfig m_config;
    mqtt::MqttClient *m_client = nullptr; // child
    WallNodesModel *m_nodes;              // child
    QList<WallLink *> m_links;            // children

    static WallNet *s_instance;
};

} // namespace vigil::wallnet
