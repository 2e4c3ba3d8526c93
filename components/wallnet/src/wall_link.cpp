#include "vigil/wallnet/wall_link.h"

#include "vigil/core/logging.h"
#include "vigil/mqtt/mqtt_client.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUuid>

namespace vigil::wallnet {

namespace {
constexpr int kMessageVersion = 1;
}

QString topicLevel(const QString &name)
{
    QString out = name.trimmed();
    for (QChar &c : out)
        if (c == QLatin1Char('/') || c == QLatin1Char('+') || c == QLatin1Char('#') ||
            c.category() == QChar::Other_Control)
            c = QLatin1Char('_');
    return out.isEmpty() ? QStringLiteral("_") : out;
}

QByteArray WallLink::encode(const Message &m)
{
    const QJsonObject o{
        {QStringLiteral("version"), kMessageVersion},    {QStringLiteral("origin"), m.origin},
        {QStringLiteral("instance"), m.instance},        {QStringLiteral("seq"), double(m.seq)},
        {QStringLiteral("gen"), double(m.gen)},          {QStringLiteral("restore"), m.restore},
        {QStringLiteral("state"), wall::toJson(m.state)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<WallLink::Message> WallLink::decode(const QByteArray &payload, QString *error)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &err);
    if (!doc.isObject()) {
        if (error)
            *error =
                err.error != QJsonParseError::NoError ? err.errorString() : QStringLiteral("not an object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (o.value(u"version").toInt(0) > kMessageVersion) {
        if (error)
            *error = QStringLiteral("a newer message version (%1)").arg(o.value(u"version").toInt());
        return std::nullopt;
    }
    if (!o.value(u"state").isObject() || !o.value(u"instance").isString()) {
        if (error)
            *error = QStringLiteral("no state or instance");
        return std::nullopt;
    }
    std::optional<wall::WallState> state = wall::fromJson(o.value(u"state").toObject(), error);
    if (!state)
        return std::nullopt;
    Message m;
    m.origin = o.value(u"origin").toString();
    m.instance = o.value(u"instance").toString();
    m.seq = qint64(o.value(u"seq").toDouble());
    m.gen = qint64(o.value(u"gen").toDouble());
    m.restore = o.value(u"restore").toBool(false);
    m.state = *state;
    return m;
}

WallLink::WallLink(mqtt::MqttClient *client, wall::WallStore *store, Config config, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_config(std::move(config))
    , m_instance(QUuid::createUuid().toString(QUuid::Id128).left(16))
    // Sequence numbers grow across restarts too (they start at the clock), which makes logs readable.
    , m_seq(QDateTime::currentMSecsSinceEpoch())
{
    m_echoTimer.setSingleShot(true);
    m_echoTimer.setInterval(kEchoTimeoutMs);
    connect(&m_echoTimer, &QTimer::timeout, this, [this] {
        qCWarning(vigilWall).noquote()
            << "the broker did not return our update of screen" << m_config.screenKey << "within"
            << kEchoTimeoutMs << "ms; check that this user may publish and subscribe to" << stateTopic();
        m_unconfirmedSeq = 0;
    });
    m_lastJson = currentJson();
    connect(store, &wall::WallStore::stateChanged, this, &WallLink::onLocalChange);
    connect(client, &mqtt::MqttClient::connected, this, &WallLink::onConnected);
    connect(client, &mqtt::MqttClient::messageReceived, this, &WallLink::onMessage);
    client->subscribe(stateTopic(), 1);
    client->subscribe(syncTopic(), 1);
    if (client->isConnected())
        onConnected();
}

WallLink::~WallLink()
{
    if (m_client) {
        m_client->unsubscribe(stateTopic());
        m_client->unsubscribe(syncTopic());
    }
}

wall::WallStore *WallLink::store() const
{
    return m_store;
}

QString WallLink::stateTopic() const
{
    return QStringLiteral("vigil/%1/screens/%2/state")
        .arg(topicLevel(m_config.wallName), topicLevel(m_config.screenKey));
}

QString WallLink::syncTopic() const
{
    return QStringLiteral("vigil/%1/sync/%2").arg(topicLevel(m_config.wallName), m_instance);
}

QByteArray WallLink::currentJson() const
{
    return m_store ? QJsonDocument(wall::toJson(m_store->state())).toJson(QJsonDocument::Compact)
                   : QByteArray();
}

void WallLink::onConnected()
{
    if (m_synced) {
        m_synced = false;
        emit syncedChanged();
    }
    m_retained.reset();
    m_retainedUnreadable = false;
    if (m_unconfirmedSeq) {
        m_dirty = true; // did it reach the broker? The sync tells.
        m_unconfirmedSeq = 0;
        m_echoTimer.stop();
    }
    ++m_probe;
    m_client->publish(syncTopic(), QByteArray::number(m_probe), 1, false);
}

void WallLink::onMessage(const QString &topic, const QByteArray &payload, bool)
{
    if (topic == syncTopic()) {
        if (!m_synced && payload == QByteArray::number(m_probe))
            finishSync();
        return;
    }
    if (topic != stateTopic() || !m_store)
        return;
    if (payload.isEmpty()) { // someone cleared the retained state: ours goes back
        if (m_synced)
            publishOurs();
        return;
    }
    QString why;
    std::optional<Message> m = decode(payload, &why);
    if (!m) {
        qCWarning(vigilWall).noquote() << "ignored a wall state on" << topic << ":" << why;
        if (!m_synced)
            m_retainedUnreadable = true;
        return;
    }
    if (!m_synced) {
        m_retained = std::move(m); // the broker's state; decided when the probe is back
        return;
    }
    if (m->instance == m_instance) {
        if (m->seq == m_unconfirmedSeq) {
            m_unconfirmedSeq = 0;
            m_dirty = false;
            m_echoTimer.stop();
            emit publishConfirmed(m->seq);
        }
        return;
    }
    if (m_unconfirmedSeq) {
        // Ordered before ours by the broker: ours, on its way, wins on every PC.
        qCDebug(vigilWall).noquote() << "screen" << m_config.screenKey << ": a change from" << m->origin
                                     << "crossed ours; ours is later";
        return;
    }
    if (m->restore && m->gen < m_gen) {
        // An older state put back on a broker that had lost it: ours is newer and goes out again (as a write,
        // the broker's last from now on).
        qCInfo(vigilWall).noquote() << "screen" << m_config.screenKey << ":" << m->origin
                                    << "restored an older state; publishing ours again";
        publishOurs();
        return;
    }
    apply(*m);
}

void WallLink::onLocalChange()
{
    if (m_applyingRemote || !m_store)
        return;
    if (currentJson() == m_lastJson)
        return; // runtime-only changes (a tour's skip marks) are not the wall's state
    m_dirty = true;
    ++m_gen;
    if (m_synced)
        publishOurs();
}

void WallLink::finishSync()
{
    const std::optional<Message> held = std::exchange(m_retained, std::nullopt);
    if (!held && m_retainedUnreadable) {
        // Probably a newer Vigil's format: leave it to the PC that wrote it rather than put an older one
        // back.
        qCWarning(vigilWall).noquote()
            << "screen" << m_config.screenKey
            << ": the broker holds a state this Vigil cannot read; not replacing it";
    } else if (!held) {
        qCInfo(vigilWall).noquote() << "screen" << m_config.screenKey
                                    << ": the broker holds no state; publishing ours";
        publishOurs(!m_dirty);
    } else if (held->instance == m_instance && held->seq == m_seq && currentJson() == m_lastJson) {
        m_dirty = false; // the broker has our latest
    } else if (m_dirty || held->instance == m_instance || (held->restore && held->gen < m_gen)) {
        // Changed while offline, or the broker kept an older one of ours, or an older state restored by a PC
        // that missed changes: ours is the newest.
        publishOurs();
    } else {
        apply(*held);
    }
    m_synced = true;
    ++m_syncs;
    emit syncedChanged();
}

void WallLink::publishOurs(bool restore)
{
    if (!m_client || !m_store)
        return;
    Message m{m_config.nodeName, m_instance, ++m_seq, m_gen, restore, m_store->state()};
    if (m_client->publish(stateTopic(), encode(m), 1, true)) {
        m_unconfirmedSeq = m.seq;
        m_lastJson = currentJson();
        ++m_published;
        m_echoTimer.start();
    }
    // Not connected: stays dirty, published when the next sync ends.
}

void WallLink::apply(const Message &m)
{
    m_applyingRemote = true;
    const bool changed = m_store->replaceState(m.state);
    m_applyingRemote = false;
    m_lastJson = currentJson();
    m_dirty = false;
    m_gen = m.gen;
    ++m_applied;
    if (changed)
        qCDebug(vigilWall).noquote() << "screen" << m_config.screenKey << ": applied the state of"
                                     << m.origin;
    emit remoteApplied();
}

} // namespace vigil::wallnet
