#pragma once
// WallNodesModel: the PCs of the wall (consoles and wall nodes) as the broker's retained presence messages
// tell them, one row per node name, for the console's "which nodes are up" list. A node that vanished
// without a goodbye (crash, power, cable) turns offline through its last will; a row is removed only when
// its retained presence is cleared. Rows keep their place; a change is one dataChanged.
// Fed by WallNet (presence JSON: {"online": true, "role": "node", "screens": ["..."]}). Thread: GUI only.
#include <QtCore/QAbstractListModel>
#include <QtCore/QDateTime>
#include <QtCore/QStringList>
#include <QtQml/qqmlregistration.h>

namespace vigil::wallnet {

class WallNodesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("WallNodesModel is provided by the WallNet singleton as WallNet.nodes")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int onlineCount READ onlineCount NOTIFY onlineCountChanged)

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1, // "name": string, the node's name on the wall
        NodeRoleRole,                // "nodeRole": string, "console" or "node"
        OnlineRole,                  // "online": bool
        ScreensRole,                 // "screens": list of the screen keys it shows
        SelfRole,                    // "self": bool, this PC
        ChangedRole,                 // "changed": date, when this PC last saw it change
    };
    Q_ENUM(Role)

    struct Node
    {
        QString name;
        QString role;
        bool online = false;
        QStringList screens;
        bool self = false;
        QDateTime changed;
        friend bool operator==(const Node &, const Node &) = default;
    };

    explicit WallNodesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int onlineCount() const;
    // Row of `name`, -1 when unknown.
    Q_INVOKABLE int indexOf(const QString &name) const;
    // nullptr when unknown.
    const Node *node(const QString &name) const;

    // A presence message for `name`; an empty payload removes the row. Malformed JSON is ignored (false).
    bool applyPresence(const QString &name, const QByteArray &payload, bool self);

signals:
    void countChanged();
    void onlineCountChanged();
    // A node appeared, or its online flag changed.
    void nodeChanged(const QString &name, bool online);

private:
    QList<Node> m_nodes;
};

} // namespace vigil::wallnet
