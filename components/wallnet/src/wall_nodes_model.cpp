#include "vigil/wallnet/wall_nodes_model.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace vigil::wallnet {

WallNodesModel::WallNodesModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int WallNodesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_nodes.size());
}

QVariant WallNodesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Node &n = m_nodes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return n.name;
    case NodeRoleRole:
        return n.role;
    case OnlineRole:
        return n.online;
    case ScreensRole:
        return n.screens;
    case SelfRole:
        return n.self;
    case ChangedRole:
        return n.changed;
    default:
        return {};
    }
}

QHash<int, QByteArray> WallNodesModel::roleNames() const
{
    return {{NameRole, "name"},       {NodeRoleRole, "nodeRole"}, {OnlineRole, "online"},
            {ScreensRole, "screens"}, {SelfRole, "self"},         {ChangedRole, "changed"}};
}

int WallNodesModel::onlineCount() const
{
    return int(std::count_if(m_nodes.cbegin(), m_nodes.cend(), [](const Node &n) { return n.online; }));
}

int WallNodesModel::indexOf(const QString &name) const
{
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes.at(i).name == name)
            return i;
    return -1;
}

const WallNodesModel::Node *WallNodesModel::node(const QString &name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &m_nodes.at(i);
}

bool WallNodesModel::applyPresence(const QString &name, const QByteArray &payload, bool self)
{
    const int row = indexOf(name);
    const int onlineBefore = onlineCount();
    if (payload.isEmpty()) {
        if (row < 0)
            return true;
        beginRemoveRows({}, row, row);
        m_nodes.removeAt(row);
        endRemoveRows();
        emit countChanged();
        if (onlineCount() != onlineBefore)
            emit onlineCountChanged();
        return true;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    if (!doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    Node n;
    n.name = name;
    n.self = self;
    n.online = o.value(u"online").toBool(false);
    n.role = o.value(u"role").toString(row >= 0 ? m_nodes.at(row).role : QString());
    if (o.contains(u"screens")) {
        for (const QJsonValue &v : o.value(u"screens").toArray())
            n.screens.append(v.toString());
    } else if (row >= 0) {
        n.screens = m_nodes.at(row).screens; // a last will says only "offline"
    }
    if (row >= 0) {
        Node &old = m_nodes[row];
        n.changed = old.changed;
        if (old == n)
            return true;
        const bool onlineChanged = old.online != n.online;
        n.changed = QDateTime::currentDateTime();
        old = n;
        emit dataChanged(index(row), index(row));
        if (onlineChanged) {
            emit onlineCountChanged();
            emit nodeChanged(name, n.online);
        }
        return true;
    }
    n.changed = QDateTime::currentDateTime();
    const int at = int(m_nodes.size());
    beginInsertRows({}, at, at);
    m_nodes.append(n);
    endInsertRows();
    emit countChanged();
    if (onlineCount() != onlineBefore)
        emit onlineCountChanged();
    emit nodeChanged(name, n.online);
    return true;
}

} // namespace vigil::wallnet
