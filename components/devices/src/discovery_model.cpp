#include "vigil/devices/discovery_model.h"

#include <algorithm>

namespace vigil::devices {

using onvif::Discovery;
using onvif::DiscoveryOptions;
using onvif::ProbeMatch;
using ItemState = OnvifBulkAdder::ItemState;

OnvifDiscoveryModel::OnvifDiscoveryModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(&m_discovery, &Discovery::deviceFound, this, [this](const ProbeMatch &m) {
        Row row;
        row.match = m;
        takeAddResult(row);
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(std::move(row));
        endInsertRows();
        emit countChanged();
    });
    connect(&m_discovery, &Discovery::deviceUpdated, this, [this](const ProbeMatch &m) {
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows.at(i).match.endpoint == m.endpoint) {
                Row &row = m_rows[i];
                row.match = m;
                QList<int> roles{AddressRole, DeviceUrlRole};
                if (takeAddResult(row)) // another first address: another device key
                    roles << AddStateRole << ReasonRole;
                emit dataChanged(index(i), index(i), roles);
            }
    });
    connect(&m_discovery, &Discovery::finished, this, &OnvifDiscoveryModel::runningChanged);
}

OnvifDiscoveryModel::~OnvifDiscoveryModel() = default;

QString OnvifDiscoveryModel::deviceKey(const ProbeMatch &m)
{
    return m.xaddrs.value(0).toString();
}

QString OnvifDiscoveryModel::name(const ProbeMatch &m)
{
    return m.name.isEmpty() ? m.xaddrs.value(0).host() : m.name;
}

int OnvifDiscoveryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant OnvifDiscoveryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ProbeMatch &m = row.match;
    const QUrl first = m.xaddrs.value(0);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return name(m);
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
    case SelectedRole:
        return row.selected;
    case Qt::CheckStateRole:
        return row.selected ? Qt::Checked : Qt::Unchecked;
    case AddStateRole:
        return int(row.addState);
    case ReasonRole:
        return row.reason;
    default:
        return {};
    }
}

bool OnvifDiscoveryModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    switch (role) {
    case SelectedRole:
        return setSelected(index.row(), value.toBool());
    case Qt::CheckStateRole:
        return setSelected(index.row(), value.value<Qt::CheckState>() == Qt::Checked);
    default:
        return false;
    }
}

Qt::ItemFlags OnvifDiscoveryModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags f = QAbstractListModel::flags(index);
    return index.isValid() ? f | Qt::ItemIsUserCheckable : f;
}

QHash<int, QByteArray> OnvifDiscoveryModel::roleNames() const
{
    return {{NameRole, "name"},         {HardwareRole, "hardware"},   {LocationRole, "location"},
            {AddressRole, "address"},   {DeviceUrlRole, "deviceUrl"}, {EndpointRole, "endpoint"},
            {SelectedRole, "selected"}, {AddStateRole, "addState"},   {ReasonRole, "reason"}};
}

bool OnvifDiscoveryModel::setSelected(int row, bool selected)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    if (m_rows.at(row).selected != selected) {
        m_rows[row].selected = selected;
        emit dataChanged(index(row), index(row), {SelectedRole, Qt::CheckStateRole});
        recountSelected();
    }
    return true;
}

void OnvifDiscoveryModel::selectAll()
{
    setSelection(true);
}

void OnvifDiscoveryModel::selectNone()
{
    setSelection(false);
}

void OnvifDiscoveryModel::setSelection(bool selected)
{
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).selected == selected)
            continue;
        m_rows[i].selected = selected;
        if (first < 0)
            first = i;
        last = i;
    }
    if (first < 0)
        return;
    emit dataChanged(index(first), index(last), {SelectedRole, Qt::CheckStateRole});
    recountSelected();
}

void OnvifDiscoveryModel::recountSelected()
{
    const int n = int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.selected; }));
    if (n == m_selectedCount)
        return;
    m_selectedCount = n;
    emit selectedCountChanged();
}

QStringList OnvifDiscoveryModel::selectedDeviceUrls() const
{
    QStringList out;
    for (const Row &row : m_rows)
        if (row.selected)
            out << deviceKey(row.match);
    return out;
}

QStringList OnvifDiscoveryModel::selectedNames() const
{
    QStringList out;
    for (const Row &row : m_rows)
        if (row.selected)
            out << name(row.match);
    return out;
}

void OnvifDiscoveryModel::setBulkAdder(OnvifBulkAdder *adder)
{
    if (m_bulkAdder == adder)
        return;
    disconnect(m_bulkConnection);
    m_bulkAdder = adder;
    if (adder)
        m_bulkConnection =
            connect(adder, &OnvifBulkAdder::progressChanged, this, &OnvifDiscoveryModel::refreshAddResults);
    refreshAddResults();
    emit bulkAdderChanged();
}

bool OnvifDiscoveryModel::takeAddResult(Row &row) const
{
    const QString key = deviceKey(row.match);
    const ItemState state = m_bulkAdder ? m_bulkAdder->state(key) : ItemState::None;
    const QString reason = state == ItemState::Failed ? m_bulkAdder->message(key) : QString();
    if (state == row.addState && reason == row.reason)
        return false;
    row.addState = state;
    row.reason = reason;
    return true;
}

// The adder reports progress as a whole; only the rows whose result changed are told.
void OnvifDiscoveryModel::refreshAddResults()
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (takeAddResult(m_rows[i]))
            emit dataChanged(index(i), index(i), {AddStateRole, ReasonRole});
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
    recountSelected(); // the ticked rows went with the list
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
