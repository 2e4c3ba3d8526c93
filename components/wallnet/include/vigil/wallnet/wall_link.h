#pragma once
// WallLink: shares one wall screen (one WallStore) with every PC of the wall through the MQTT broker.
//
// Topic: vigil/<wall>/screens/<screenKey>/state, retained, QoS 1, JSON:
//   {"version": 1, "origin": "<node>", "instance": "<this link's random id>", "seq": 17, "state":
//   {wall.json}}
// The retained message IS the screen: a PC that starts (or restarts, even from an empty config folder) shows
// what the broker keeps, and a broker that lost it (restarted without persistence) gets it back from the PCs.
//
// Rules (tested in tests/integration/wallnet):
// - A local change (the store's stateChanged that is not our own remote apply, and that changes the JSON)
//   is published at once when in sync, else marked "dirty" and published when the next sync ends.
// - Our own messages are recognised by `instance` and never applied (no echo loop). A message of another PC
// is
//   applied through WallStore::replaceState, except while one of ours is still on its way through the broker
//   (published, echo not back yet): the broker orders ours after it, so ours wins everywhere. That is "last
//   writer wins by broker order" and two PCs changing at once cannot ping-pong: each ends on the broker's
//   last.
// - Sync after every (re)connection: the retained state arrives first, then our probe on
//   vigil/<wall>/sync/<instance> comes back (the broker keeps a connection's order), so when it does we know
//   what the broker holds: nothing -> publish ours; ours -> nothing to do; another's -> apply it, unless we
//   changed the screen while offline (dirty) -> publish ours, the newest write.
// - A restore is not a change: a PC whose state is newer (higher gen) than a restore it receives (a PC that
//   missed changes put its old state back first) publishes its own again, which then is the broker's last.
//
// Thread: GUI only (the client and the store live there).
#include "vigil/wall/wall_state.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <optional>

namespace vigil::mqtt {
class MqttClient;
}
namespace vigil::wall {
class WallStore;
}

namespace vigil::wallnet {

// A name usable as one MQTT topic level: '/', '+', '#' and control characters become '_'; empty -> "_".
QString topicLevel(const QString &name);

class WallLink : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        QString wallName = QStringLiteral("wall");
        QString nodeName;  // this PC on the wall (the "origin" of what it publishes)
        QString screenKey; // the screen's stable identity (the same key on every PC showing that screen)
    };
    // The message of one screen's state, parsed. Public for tests and tools.
    struct Message
    {
        QString origin;
        QString instance;
        qint64 seq = 0;
        qint64 gen = 0;
        bool restore = false;
        wall::WallState state;
    };
    static QByteArray encode(const Message &message);
    static std::optional<Message> decode(const QByteArray &payload, QString *error = nullptr);

    // Subscribes at once (the client may be connected or not, started or not).
    WallLink(mqtt::MqttClient *client, wall::WallStore *store, Config config, QObject *parent = nullptr);
    ~WallLink() override; // unsubscribes

    // An echo of ours that has not come back after this long is given up (a broker that drops our publishes:
    // an ACL), so that the other PCs' changes are applied again.
    static constexpr int kEchoTimeoutMs = 5000;

    const Config &config() const { return m_config; }
    QString stateTopic() const;
    QString instance() const { return m_instance; }
    wall::WallStore *store() const;
    // Since the last connection: the broker's state is known and this screen agrees with it.
    bool synced() const { return m_synced; }
    // Counters (tests, bench): states published, remote states applied, syncs completed.
    int publishedCount() const { return m_published; }
    int appliedCount() const { return m_applied; }
    int syncCount() const { return m_syncs; }
    // One of our states is on its way through the broker.
    bool publishPending() const { return m_unconfirmedSeq != 0; }

signals:
    void syncedChanged();
    // A state from another PC was applied to the store (or the store already showed it).
    void remoteApplied();
    // One of our states came back from the broker (it is what the wall shows now).
    void publishConfirmed(qint64 seq);

private:
    void onConnected();
    void onMessage(const QString &topic, const QByteArray &payload, bool retained);
    void onLocalChange();
    void finishSync();
    void publishOurs(bool restore = false);
    void apply(const Message &message);
    QString syncTopic() const;
    QByteArray currentJson() const;

    QPointer<mqtt::MqttClient> m_client;
    QPointer<wall::WallStore> m_store;
    Config m_config;
    QString m_instance;
    qint64 m_seq = 0;
    qint64 m_unconfirmedSeq = 0; // our publish still on its way (0 = none)
    qint64 m_gen = 0;            // changes of the screen's state as we know it
    bool m_dirty = false;        // a local change the broker has not confirmed
    bool m_applyingRemote = false;
    bool m_synced = false;
    int m_probe = 0;
    std::optional<Message> m_retained; // what the broker held, during a sync
    bool m_retainedUnreadable = false; // ... or something we cannot read (a newer Vigil's): not overwritten
    QByteArray m_lastJson;             // the state JSON last published or applied
    QTimer m_echoTimer;
    int m_published = 0;
    int m_applied = 0;
    int m_syncs = 0;
};

} // namespace vigil::wallnet
