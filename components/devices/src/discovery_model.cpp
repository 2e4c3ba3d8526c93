#include "vigil/devices/discovery_model.h"

namespace vigil::devices {

using onvif::Discovery;
using onvif::DiscoveryOptions;
using onvif::ProbeMatch;

OnvifDiscoveryModel::OnvifDiscoveryModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(&m_discovery, &Discovery::deviceFound, this, [this](const ProbeMatch &m) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(m);
        endInsertRows();
        emit countChanged();
    });
    connect(&m_discovery, &Discovery::deviceUpdated, this, [this](const ProbeMatch &m) {
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows.at(i).endpoint == m.endpoint) {
                m_rows[i] = m;
                emit dataChanged(index(i), index(i), {AddressRole, DeviceUrlRole});
            }
    });
    connect(&m_discovery, &Discovery::finished, this, &OnvifDiscoveryModel::runningChanged);
}

int OnvifDiscoveryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant OnvifDiscoveryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProbeMatch &m = m_rows.at(index.row());
    const QUrl first = m.xaddrs.value(0);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m.name.isEmpty() ? first.host() : m.name;
    case HardwareRole:
        return m.hardware;
    case LocationRole:
        return m.location;
    case AddressRole:
        return first.host().isEmpty() ? m.fromAddress : first.host();
    case DeviceUrlRole:
        return first;
    case EndpointRole:
        return m.endpoint;
    default:
        return {};
    }
}

QHash<int, QByteArray> OnvifDiscoveryModel::roleNames() const
{
    return {{NameRole, "name"},       {HardwareRole, "hardware"},   {LocationRole, "location"},
            {AddressRole, "address"}, {DeviceUrlRole, "deviceUrl"}, {EndpointRole, "endpoint"}};
}

void OnvifDiscoveryModel::setLastError(const QString &e)
{
    if (m_lastError == e)
        return;
    m_lastError = e;
    emit lastErrorChanged();
}

void OnvifDiscoveryModel::setTimeoutMs(int ms)
{
    if (m_timeoutMs == ms)
        return;
    m_timeoutMs = ms;
    emit timeoutMsChanged();
}

void OnvifDiscoveryModel::setMulticast(bool on)
{
    if (m_multicast == on)
        return;
    m_multicast = on;
    emit multicastChanged();
}

bool OnvifDiscoveryModel::start(const QString &unicastTargets)
{
    DiscoveryOptions o;
    o.timeoutMs = m_timeoutMs;
    o.multicast = m_multicast;
    QString error;
    o.unicast = onvif::parseProbeTargets(unicastTargets, &error);
    if (!error.isEmpty()) {
        setLastError(error);
        return false;
    }
    return startWith(o);
}

bool OnvifDiscoveryModel::startWith(const DiscoveryOptions &options)
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
    QString error;
    const bool ok = m_discovery.start(options, &error);
    setLastError(error);
    emit runningChanged();
    return ok;
}

void OnvifDiscoveryModel::stop()
{
    m_discovery.stop();
    emit runningChanged();
}

} // namespace vigil::devices
