#include "vigil/wallnet/wall_net.h"

#include "vigil/core/logging.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_screens.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSysInfo>
#include <QtCore/QUuid>
#include <QtQml/QJSEngine>

namespace vigil::wallnet {

WallNet *WallNet::s_instance = nullptr;

namespace {
const QString kOptBroker = QStringLiteral("broker");
const QString kOptBrokerUser = QStringLiteral("broker-user");
const QString kOptBrokerCa = QStringLiteral("broker-ca");
const QString kOptWallName = QStringLiteral("wall-name");
const QString kOptWallNode = QStringLiteral("wall-node");
} // namespace

WallNet::WallNet(std::optional<WallNetConfig> config, QObject *parent)
    : QObject(parent)
    , m_nodes(new WallNodesModel(this))
{
    if (!config)
        return;
    m_config = std::move(*config);
    if (m_config.nodeName.isEmpty())
        m_config.nodeName = QStringLiteral("console-") + QSysInfo::machineHostName();
    mqtt::MqttOptions options = m_config.broker;
    options.willTopic = presenceTopic();
    options.willPayload =
        QJsonDocument(QJsonObject{{QStringLiteral("online"), false}, {QStringLiteral("role"), m_config.role}})
            .toJson(QJsonDocument::Compact);
    options.willRetain = true;
    options.willQos = 1;
    if (options.clientId.isEmpty())
        options.clientId = QStringLiteral("vigil-%1-%2")
                               .arg(topicLevel(m_config.nodeName).left(40))
                               .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    m_client = new mqtt::MqttClient(std::move(options), this);
    connect(m_client, &mqtt::MqttClient::statusChanged, this, &WallNet::statusChanged);
    connect(m_client, &mqtt::MqttClient::connected, this, &WallNet::publishPresence);
    const QString nodesPrefix = QStringLiteral("vigil/%1/nodes/").arg(topicLevel(m_config.wallName));
    connect(m_client, &mqtt::MqttClient::messageReceived, this,
            [this, nodesPrefix](const QString &topic, const QByteArray &payload) {
                if (!topic.startsWith(nodesPrefix))
                    return;
                const QString name = topic.mid(nodesPrefix.size());
                if (name.contains(QLatin1Char('/')))
                    return;
                if (!m_nodes->applyPresence(name, payload, name == topicLevel(m_config.nodeName)))
                    qCWarning(vigilWall).noquote() << "ignored a malformed presence message on" << topic;
            });
    m_client->subscribe(nodesPrefix + QLatin1Char('+'), 1);
}

WallNet::~WallNet()
{
    if (m_client && m_client->isConnected()) {
        // The will is for dying; a clean exit says goodbye itself (a DISCONNECT discards the will).
        m_client->publish(presenceTopic(),
                          QJsonDocument(QJsonObject{{QStringLiteral("online"), false},
                                                    {QStringLiteral("role"), m_config.role}})
                              .toJson(QJsonDocument::Compact),
                          1, true);
    }
    qDeleteAll(std::exchange(m_links, {}));
    delete std::exchange(m_client, nullptr); // flushes the goodbye, then DISCONNECT
    if (s_instance == this)
        s_instance = nullptr;
}

WallNet *WallNet::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance) {
        // No wall across PCs in this process (tests, tools): a disabled one the engine owns, so QML can bind.
        auto *off = new WallNet(std::nullopt);
        QJSEngine::setObjectOwnership(off, QJSEngine::JavaScriptOwnership);
        return off;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void WallNet::setInstance(WallNet *instance)
{
    s_instance = instance;
    if (instance)
        QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
}

WallNet *WallNet::instance()
{
    return s_instance;
}

void WallNet::start()
{
    if (!m_client)
        return;
    qCInfo(vigilWall).noquote() << "wall" << m_config.wallName << ": this PC is" << m_config.role
                                << m_config.nodeName << "on" << m_client->brokerText();
    m_client->start();
}

WallLink *WallNet::addScreen(wall::WallStore *store, const QString &screenKey)
{
    if (!m_client || !store)
        return nullptr;
    removeScreen(screenKey);
    auto *link = new WallLink(m_client, store, {m_config.wallName, m_config.nodeName, screenKey}, this);
    m_links.append(link);
    publishPresence();
    return link;
}

void WallNet::shareScreens(wall::WallScreenSet *screens)
{
    if (!m_client || !screens)
        return;
    const auto follow = [this, screens] {
        QStringList keys = screens->keys();
        keys.prepend(wall::kConsoleKey.toString());
        for (const QString &key : std::as_const(keys)) {
            wall::WallStore *store = screens->store(key);
            if (!store)
                continue;
            const auto it = std::find_if(m_links.cbegin(), m_links.cend(),
                                         [&](const WallLink *l) { return l->config().screenKey == key; });
            if (it == m_links.cend() || (*it)->store() != store)
                addScreen(store, key);
        }
    };
    connect(screens, &wall::WallScreenSet::screensChanged, this, follow);
    follow();
}

void WallNet::removeScreen(const QString &screenKey)
{
    for (qsizetype i = 0; i < m_links.size(); ++i) {
        if (m_links.at(i)->config().screenKey == screenKey) {
            delete m_links.takeAt(i); // it unsubscribes
            publishPresence();
            return;
        }
    }
}

WallNet::Status WallNet::status() const
{
    if (!m_client)
        return Status::Off;
    using S = mqtt::MqttClient::Status;
    switch (m_client->status()) {
    case S::Idle:
    case S::Connecting:
        return Status::Connecting;
    case S::Connected:
        return Status::Connected;
    case S::Unreachable:
        return Status::Unreachable;
    case S::AuthFailed:
        return Status::AuthFailed;
    case S::Refused:
    case S::TlsFailed:
        return Status::Failed;
    }
    return Status::Failed;
}

QString WallNet::statusText() const
{
    return m_client ? m_client->statusText() : QString();
}

QString WallNet::presenceTopic() const
{
    return QStringLiteral("vigil/%1/nodes/%2")
        .arg(topicLevel(m_config.wallName), topicLevel(m_config.nodeName));
}

void WallNet::publishPresence()
{
    if (!m_client || !m_client->isConnected())
        return;
    QJsonArray screens;
    for (const WallLink *link : std::as_const(m_links))
        screens.append(link->config().screenKey);
    const QJsonObject o{{QStringLiteral("online"), true},
                        {QStringLiteral("role"), m_config.role},
                        {QStringLiteral("screens"), screens},
                        {QStringLiteral("since"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    m_client->publish(presenceTopic(), QJsonDocument(o).toJson(QJsonDocument::Compact), 1, true);
}

QList<QCommandLineOption> WallNet::commandLineOptions()
{
    return {
        QCommandLineOption(kOptBroker,
                           QStringLiteral("Share the wall with other PCs through this MQTT broker: "
                                          "mqtt://host:port or mqtts://host:port (TLS). The password is read "
                                          "from the VIGIL_BROKER_PASSWORD environment variable."),
                           QStringLiteral("url")),
        QCommandLineOption(kOptBrokerUser, QStringLiteral("User name for the MQTT broker."),
                           QStringLiteral("name")),
        QCommandLineOption(kOptBrokerCa,
                           QStringLiteral("CA certificate (PEM) the mqtts:// broker's certificate must be "
                                          "signed by (default: the system's CAs)."),
                           QStringLiteral("file")),
        QCommandLineOption(kOptWallName,
                           QStringLiteral("Name of the shared wall on the broker (default \"wall\")."),
                           QStringLiteral("name"), QStringLiteral("wall")),
        QCommandLineOption(kOptWallNode,
                           QStringLiteral("Run as a wall node (a PC driving wall screens) with this name; "
                                          "without it this PC is a console."),
                           QStringLiteral("name")),
    };
}

std::optional<WallNetConfig> WallNet::configFromCommandLine(const QCommandLineParser &parser, QString *error,
                                                            const QString &passwordFromEnvironment)
{
    if (error)
        error->clear();
    if (!parser.isSet(kOptBroker)) {
        if (error && (parser.isSet(kOptWallNode) || parser.isSet(kOptBrokerUser)))
            *error = QStringLiteral("--wall-node and --broker-user need --broker: give the MQTT broker the "
                                    "wall is shared through (mqtt://host:port).");
        return std::nullopt;
    }
    WallNetConfig c;
    if (!mqtt::parseBrokerUrl(parser.value(kOptBroker), &c.broker, error))
        return std::nullopt;
    c.broker.username = parser.value(kOptBrokerUser);
    c.broker.password = passwordFromEnvironment;
    if (parser.isSet(kOptBrokerCa)) {
        const QFileInfo ca(parser.value(kOptBrokerCa));
        if (!ca.isReadable()) {
            if (error)
                *error = QStringLiteral("The CA file %1 given with --broker-ca cannot be read.")
                             .arg(ca.filePath());
            return std::nullopt;
        }
        c.broker.caFile = ca.absoluteFilePath();
    }
    c.wallName = parser.value(kOptWallName).trimmed();
    if (c.wallName.isEmpty())
        c.wallName = QStringLiteral("wall");
    if (parser.isSet(kOptWallNode)) {
        c.nodeName = parser.value(kOptWallNode).trimmed();
        c.role = QStringLiteral("node");
        if (c.nodeName.isEmpty()) {
            if (error)
                *error = QStringLiteral("--wall-node needs a name for this PC, e.g. --wall-node left-pc.");
            return std::nullopt;
        }
    }
    return c;
}

} // namespace vigil::wallnet
