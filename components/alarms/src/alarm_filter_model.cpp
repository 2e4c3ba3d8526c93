#include "vigil/alarms/alarm_filter_model.h"

#include "vigil/alarms/alarm_store.h"

namespace vigil::alarms {

AlarmFilterModel::AlarmFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &AlarmFilterModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &AlarmFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &AlarmFilterModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &AlarmFilterModel::countChanged);
}

void AlarmFilterModel::setStateFilter(const QString &state)
{
    if (m_state == state)
        return;
    m_state = state;
    refilter();
}

void AlarmFilterModel::setMinPriority(int priority)
{
    priority = std::clamp(priority, kMinPriority, kMaxPriority);
    if (m_minPriority == priority)
        return;
    m_minPriority = priority;
    refilter();
}

void AlarmFilterModel::setSourceFilter(const QString &source)
{
    if (m_source == source)
        return;
    m_source = source;
    refilter();
}

void AlarmFilterModel::refilter()
{
    invalidateFilter();
    emit filterChanged();
    emit countChanged();
}

bool AlarmFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString state = i.data(AlarmStore::StateRole).toString();
    if (m_state == QLatin1String("open")) {
        if (state != QLatin1String("new") && state != QLatin1String("acknowledged"))
            return false;
    } else if (!m_state.isEmpty() && state != m_state) {
        return false;
    }
    if (i.data(AlarmStore::PriorityRole).toInt() < m_minPriority)
        return false;
    const QString source = m_source.trimmed();
    return source.isEmpty() ||
           i.data(AlarmStore::SourceRole).toString().contains(source, Qt::CaseInsensitive);
}

} // namespace vigil::alarms
