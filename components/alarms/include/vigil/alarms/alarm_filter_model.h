#pragma once
// AlarmFilterModel: the alarm list as the operator filters it — by state ("" any, "open" = new or
// acknowledged, or one state word), by least priority and by source (case-insensitive part of the source).
// Order is the source's (newest first). Thread: GUI only.
#include <QtCore/QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

namespace vigil::alarms {

class AlarmFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString stateFilter READ stateFilter WRITE setStateFilter NOTIFY filterChanged)
    Q_PROPERTY(int minPriority READ minPriority WRITE setMinPriority NOTIFY filterChanged)
    Q_PROPERTY(QString sourceFilter READ sourceFilter WRITE setSourceFilter NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit AlarmFilterModel(QObject *parent = nullptr);

    QString stateFilter() const { return m_state; }
    void setStateFilter(const QString &state);
    int minPriority() const { return m_minPriority; }
    void setMinPriority(int priority);
    QString sourceFilter() const { return m_source; }
    void setSourceFilter(const QString &source);
    int count() const { return rowCount(); }

signals:
    void filterChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QString m_state;
    int m_minPriority = 1;
    QString m_source;
};

} // namespace vigil::alarms
