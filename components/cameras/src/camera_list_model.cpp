#include "vigil/cameras/camera_list_model.h"

#include "vigil/cameras/pinyin.h"

#include <QtCore/QHash>

namespace vigil::cameras {

CameraListModel::CameraListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_viewRebuild.setSingleShot(true);
    m_viewRebuild.setInterval(150);
    connect(&m_viewRebuild, &QTimer::timeout, this, &CameraListModel::rebuild);
}

void CameraListModel::setFilter(bool *filter, bool on)
{
    if (*filter == on)
        return;
    *filter = on;
    emit filtersChanged();
    rebuild();
}

void CameraListModel::setViewBounds(const QRectF &bounds)
{
    if (m_viewBounds == bounds)
        return;
    m_viewBounds = bounds;
    emit viewBoundsChanged();
    if (m_inViewOnly && !m_viewRebuild.isActive())
        m_viewRebuild.start();
}

bool CameraListModel::passesFilters(const Camera &c) const
{
    if (m_onlineOnly && !m_directory->isOnline(c))
        return false;
    if (m_ptzOnly && !c.hasPtz())
        return false;
    if (m_favouritesOnly && !m_directory->isFavourite(c.id))
        return false;
    if (m_inViewOnly) {
        // QRectF::contains() leaves out the right and bottom edges; a camera on the edge is in view.
        if (!c.position || c.position->lon < m_viewBounds.left() || c.position->lon > m_viewBounds.right() ||
            c.position->lat < m_viewBounds.top() || c.position->lat > m_viewBounds.bottom() ||
            m_viewBounds.isEmpty())
            return false;
    }
    return true;
}

void CameraListModel::setDirectory(CameraDirectory *directory)
{
    if (m_directory == directory)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_directory = directory;
    invalidateKeys();
    if (m_directory) {
        const auto restructure = [this] {
            invalidateKeys();
            rebuild();
        };
        m_connections = {
            connect(m_directory, &QAbstractItemModel::modelReset, this, restructure),
            connect(m_directory, &QAbstractItemModel::rowsInserted, this, restructure),
            connect(m_directory, &QAbstractItemModel::rowsRemoved, this, restructure),
            connect(m_directory, &QAbstractItemModel::rowsMoved, this, restructure),
            connect(m_directory, &QAbstractItemModel::layoutChanged, this, restructure),
            connect(m_directory, &CameraDirectory::groupsChanged, this, restructure),
            connect(m_directory, &QAbstractItemModel::dataChanged, this,
                    &CameraListModel::onSourceDataChanged),
            connect(m_directory, &CameraDirectory::favouritesChanged, this,
                    [this] {
                        if (m_favouritesOnly)
                            rebuild();
                    }),
            connect(m_directory, &QObject::destroyed, this, restructure),
        };
    }
    rebuild();
    emit directoryChanged();
}

void CameraListModel::setFilterText(const QString &text)
{
    if (m_filterText == text)
        return;
    m_filterText = text;
    const QString needle = text.trimmed().toCaseFolded();
    emit filterTextChanged();
    if (needle == m_needle)
        return;
    m_needle = needle;
    rebuild();
}

void CameraListModel::toggleGroup(const QString &group)
{
    if (!m_collapsed.remove(group))
        m_collapsed.insert(group);
    rebuild();
}

QString CameraListModel::searchKey(const QString &text)
{
    QString key = text.toCaseFolded();
    // Chinese names also match by their pinyin initials and full pinyin ("xxl", "xinxianglu").
    if (const auto spelled = pinyin::spell(text))
        key += QChar(0x1f) + spelled->initials + QChar(0x1f) + spelled->full;
    return key;
}

void CameraListModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_groups.clear();
    m_groupHits.clear();
    m_rowOfSource.clear();
    int matches = 0;
    if (m_directory) {
        const QList<Camera> cameras = m_directory->cameras(); // implicitly shared: no copy
        m_groups = m_directory->groups();
        QHash<QString, int> groupIndex;
        groupIndex.reserve(m_groups.size() + 1);
        for (int i = 0; i < m_groups.size(); ++i)
            groupIndex.insert(m_groups.at(i), i);
        if (m_keys.size() != std::size_t(cameras.size())) {
            // A province has 400,000 cameras but a few thousand groups: a group's key is made (and matched)
            // once, a camera's key holds only its name.
            m_keys.clear();
            m_keys.reserve(std::size_t(cameras.size()));
            m_keyGroupOf.clear();
            m_keyGroupOf.reserve(std::size_t(cameras.size()));
            m_keyGroups.clear();
            m_keyGroupKeys.clear();
            QHash<QString, int> seen;
            for (const Camera &c : cameras) {
                auto g = seen.constFind(c.group);
                if (g == seen.constEnd()) {
                    g = seen.insert(c.group, int(m_keyGroups.size()));
                    m_keyGroups.append(c.group);
                    m_keyGroupKeys.push_back(searchKey(c.group));
                }
                m_keyGroupOf.push_back(g.value());
                m_keys.push_back(searchKey(c.name));
            }
        }
        // Per distinct group: does it match, and where it goes.
        std::vector<char> groupMatches(m_keyGroupKeys.size());
        std::vector<int> displayOf(m_keyGroupKeys.size());
        std::vector<std::vector<int>> members(std::size_t(m_groups.size()));
        for (std::size_t g = 0; g < m_keyGroupKeys.size(); ++g) {
            groupMatches[g] = m_needle.isEmpty() || m_keyGroupKeys[g].contains(m_needle);
            auto it = groupIndex.constFind(m_keyGroups.at(qsizetype(g)));
            if (it == groupIndex.constEnd()) {
                // "" (ungrouped), which groups() does not list: after the named groups.
                it = groupIndex.insert(m_keyGroups.at(qsizetype(g)), int(m_groups.size()));
                m_groups.append(m_keyGroups.at(qsizetype(g)));
                members.emplace_back();
            }
            displayOf[g] = it.value();
        }
        // Which cameras match, bucketed by group in directory order.
        const bool filters = filtered();
        for (int i = 0; i < cameras.size(); ++i) {
            const int g = m_keyGroupOf[std::size_t(i)];
            if (!groupMatches[std::size_t(g)] && !m_keys[std::size_t(i)].contains(m_needle))
                continue;
            if (filters && !passesFilters(cameras.at(i)))
                continue;
            members[std::size_t(displayOf[std::size_t(g)])].push_back(i);
            ++matches;
        }
        m_groupHits.assign(std::size_t(m_groups.size()), 0);
        m_rowOfSource.assign(std::size_t(cameras.size()), -1);
        m_rows.reserve(std::size_t(matches) + std::size_t(m_groups.size()));
        for (int g = 0; g < m_groups.size(); ++g) {
            const auto &list = members[std::size_t(g)];
            if (list.empty())
                continue;
            m_groupHits[std::size_t(g)] = int(list.size());
            m_rows.push_back({g, -1});
            if (m_collapsed.contains(m_groups.at(g)))
                continue;
            for (int source : list) {
                m_rowOfSource[std::size_t(source)] = int(m_rows.size());
                m_rows.push_back({g, source});
            }
        }
    }
    endResetModel();
    if (m_matchCount != matches) {
        m_matchCount = matches;
        emit matchCountChanged();
    }
}

void CameraListModel::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                          const QList<int> &roles)
{
    // A change of what a filter that is on looks at may add or remove rows too. (Stars rebuild once per
    // change on favouritesChanged, however many rows it touched.)
    const bool filterSees = (m_onlineOnly && roles.contains(CameraDirectory::OnlineRole)) ||
                            (m_ptzOnly && roles.contains(CameraDirectory::PtzRole));
    if (filterSees) {
        rebuild();
        return;
    }
    if (roles.isEmpty() || roles.contains(CameraDirectory::NameRole) ||
        roles.contains(CameraDirectory::GroupRole) || roles.contains(CameraDirectory::IdRole)) {
        invalidateKeys();
        rebuild(); // may change which cameras match and where they go
        return;
    }
    for (int source = topLeft.row(); source <= bottomRight.row(); ++source) {
        if (source < 0 || source >= int(m_rowOfSource.size()))
            continue;
        const int row = m_rowOfSource[std::size_t(source)];
        if (row >= 0)
            emit dataChanged(index(row), index(row), roles);
    }
}

int CameraListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CameraListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    const QString &group = m_groups.at(r.groupIndex);
    switch (role) {
    case IsGroupRole:
        return r.source < 0;
    case GroupCountRole:
        return m_groupHits[std::size_t(r.groupIndex)];
    case CollapsedRole:
        return m_collapsed.contains(group);
    case CameraDirectory::GroupRole:
        return group;
    case Qt::DisplayRole:
    case CameraDirectory::NameRole:
        if (r.source < 0)
            return group;
        break;
    default:
        break;
    }
    if (r.source < 0 || !m_directory) {
        if (role == CameraDirectory::AvailableRole || role == CameraDirectory::OnlineRole)
            return true;
        if (role == CameraDirectory::PtzRole || role == CameraDirectory::FavouriteRole)
            return false;
        return role == CameraDirectory::IdRole || role == CameraDirectory::OriginRole ? QVariant(QString())
                                                                                      : QVariant();
    }
    return m_directory->data(m_directory->index(r.source),
                             role == Qt::DisplayRole ? int(CameraDirectory::NameRole) : role);
}

QHash<int, QByteArray> CameraListModel::roleNames() const
{
    QHash<int, QByteArray> names = m_directory ? m_directory->roleNames() : QHash<int, QByteArray>{};
    if (!m_directory) {
        names.insert(CameraDirectory::IdRole, "cameraId");
        names.insert(CameraDirectory::NameRole, "name");
        names.insert(CameraDirectory::GroupRole, "group");
        names.insert(CameraDirectory::OriginRole, "origin");
        names.insert(CameraDirectory::AvailableRole, "available");
        names.insert(CameraDirectory::OnlineRole, "online");
        names.insert(CameraDirectory::PtzRole, "ptz");
        names.insert(CameraDirectory::FavouriteRole, "favourite");
    }
    names.insert(IsGroupRole, "isGroup");
    names.insert(GroupCountRole, "groupCount");
    names.insert(CollapsedRole, "collapsed");
    return names;
}

} // namespace vigil::cameras
