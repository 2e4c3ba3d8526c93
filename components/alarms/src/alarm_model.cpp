#include "vigil/alarms/alarm_model.h"

namespace vigil::alarms {

using onvif::AlarmEvent;
using onvif::EventKind;
using onvif::EventListener;

OnvifAlarmModel::OnvifAlarmModel(QObject *parent)
    : QAbstractListModel(parent)
{}

OnvifAlarmModel::~OnvifAlarmModel() = default;

int OnvifAlarmModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant OnvifAlarmModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlarmEvent &e = m_rows.at(index.row());
    switch (role) {
    case CameraIdRole:
        return e.cameraId;
    case Qt::DisplayRole:
    case KindRole:
        return onvif::toString(e.kind);
    case TopicRole:
        return e.topic;
    case TimeRole:
        return e.time;
    case ActiveRole:
        return e.active;
    case SourceRole:
        return e.source;
    default:
        return {};
    }
}

QHash<int, QByteArray> OnvifAlarmModel::roleNames() const
{
    return {{CameraIdRole, "cameraId"}, {KindRole, "kind"},     {TopicRole, "topic"},
            {TimeRole, "time"},         {ActiveRole, "active"}, {SourceRole, "source"}};
}

void OnvifAlarmModel::watch(const QString &cameraId, const QUrl &deviceUrl, const QString &user,
                            const QString &password)
{
    unwatch(cameraId);
    auto *l = new EventListener(deviceUrl, user, password, cameraId, this);
    connect(l, &EventListener::alarmEvent, this, &OnvifAlarmModel::add);
    m_listeners.insert(cameraId, l);
    l->start();
    emit watchedCamerasChanged();
}

void OnvifAlarmModel::unwatch(const QString &cameraId)
{
    if (EventListener *l = m_listeners.take(cameraId)) {
        l->stop(); // never blocks: the worker unsubscribes by itself
        delete l;
        emit watchedCamerasChanged();
    }
}

EventListener *OnvifAlarmModel::listener(const QString &cameraId) const
{
    return m_listeners.value(cameraId);
}

QString OnvifAlarmModel::statusOf(const QString &cameraId) const
{
    const EventListener *l = m_listeners.value(cameraId);
    if (!l)
        return {};
    switch (l->status()) {
    case EventListener::Status::Idle:
        return tr("Idle");
    case EventListener::Status::Subscribing:
        return tr("Subscribing");
    case EventListener::Status::Listening:
        return tr("Listening");
    case EventListener::Status::Retrying:
        return tr("Retrying: %1").arg(l->lastError());
    case EventListener::Status::Failed:
        return tr("Failed: %1").arg(l->lastError());
    }
    return {};
}

void OnvifAlarmModel::add(const AlarmEvent &e)
{
    if (e.kind == EventKind::Other)
        return; // CPU load, config changes...: not alarms
    if (e.initial && !e.active)
        return; // "nothing is happening" state dump on subscribe
    beginInsertRows({}, 0, 0);
    m_rows.prepend(e);
    endInsertRows();
    trim();
    emit countChanged();
    emit alarm(e.cameraId, onvif::toString(e.kind), e.active, e.time);
    emit alarmEvent(e);
}

void OnvifAlarmModel::trim()
{
    if (m_rows.size() <= m_maxEvents)
        return;
    beginRemoveRows({}, m_maxEvents, int(m_rows.size()) - 1);
    m_rows.resize(m_maxEvents);
    endRemoveRows();
}

void OnvifAlarmModel::setMaxEvents(int n)
{
    n = std::max(1, n);
    if (n == m_maxEvents)
        return;
    m_maxEvents = n;
    trim();
    emit maxEventsChanged();
    emit countChanged();
}

void OnvifAlarmModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
}

} // namespace vigil::alarms
