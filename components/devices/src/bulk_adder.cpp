#include "vigil/devices/bulk_adder.h"

#include "vigil/cameras/camera_directory.h"

namespace vigil::devices {

OnvifBulkAdder::OnvifBulkAdder(QObject *parent)
    : QObject(parent)
{
    connect(&m_probe, &OnvifDeviceProbe::statusChanged, this, &OnvifBulkAdder::onProbeStatus);
}

OnvifBulkAdder::~OnvifBulkAdder() = default;

void OnvifBulkAdder::setDirectory(cameras::CameraDirectory *directory)
{
    m_directory = directory;
}

bool OnvifBulkAdder::start(const QStringList &addresses, const QStringList &names, const QString &user,
                           const QString &password, const QString &group)
{
    if (m_running || addresses.isEmpty())
        return false;
    m_items.clear();
    m_indexOf.clear();
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        m_items.append({addresses.at(i).trimmed(), names.value(i).trimmed(), ItemState::Queued, {}});
        if (!m_indexOf.contains(m_items.last().address))
            m_indexOf.insert(m_items.last().address, i);
    }
    m_index = -1;
    ++m_generation;
    m_done = 0;
    m_failed = 0;
    m_addedIds.clear();
    m_user = user;
    m_password = password;
    m_group = group;
    setRunning(true);
    emit progressChanged();
    next();
    return true;
}

void OnvifBulkAdder::cancel()
{
    if (!m_running)
        return;
    m_probe.cancel();
    ++m_generation;
    for (Item &item : m_items)
        if (item.state == ItemState::Queued || item.state == ItemState::Probing)
            item.state = ItemState::Skipped;
    m_index = int(m_items.size());
    m_password.clear();
    emit progressChanged();
    setRunning(false);
    emit finished();
}

void OnvifBulkAdder::next()
{
    ++m_index;
    if (m_index >= m_items.size()) {
        m_password.clear(); // kept no longer than needed
        emit progressChanged();
        setRunning(false);
        emit finished();
        return;
    }
    Item &item = m_items[m_index];
    item.state = ItemState::Probing;
    emit progressChanged();
    // test() may fail at once (a bad address): onProbeStatus() then runs inside this call and moves on.
    m_probe.test(item.address, m_user, m_password);
    // An address that is no address fails inside test(), possibly without a status change to notify.
    if (m_probe.status() == OnvifDeviceProbe::Status::Failed &&
        m_items.at(m_index).state == ItemState::Probing)
        finishItem(false, m_probe.lastError(), m_probe.lastError());
}

void OnvifBulkAdder::onProbeStatus()
{
    if (!m_running || m_index < 0 || m_index >= m_items.size() ||
        m_items.at(m_index).state != ItemState::Probing)
        return;
    switch (m_probe.status()) {
    case OnvifDeviceProbe::Status::Idle:
    case OnvifDeviceProbe::Status::Probing:
        return;
    case OnvifDeviceProbe::Status::Failed:
        finishItem(false, m_probe.lastError(), m_probe.lastError());
        return;
    case OnvifDeviceProbe::Status::Ready:
        break;
    }
    const Item &item = m_items.at(m_index);
    QString name = item.name;
    if (name.isEmpty())
        name = m_probe.model().trimmed();
    if (name.isEmpty())
        name = m_probe.address().isEmpty() ? item.address : m_probe.address();
    cameras::CameraDirectory *directory =
        m_directory ? m_directory.data() : cameras::CameraDirectory::instance();
    const QString id = m_probe.addToDirectory(directory, name, m_group);
    if (id.isEmpty())
        finishItem(false, m_probe.lastError(), m_probe.lastError());
    else
        finishItem(true, id, name);
}

void OnvifBulkAdder::finishItem(bool ok, const QString &cameraIdOrError, const QString &message)
{
    Item &item = m_items[m_index];
    item.state = ok ? ItemState::Added : ItemState::Failed;
    item.message = message;
    ++m_done;
    if (ok)
        m_addedIds.append(cameraIdOrError);
    else
        ++m_failed;
    const QString address = item.address;
    emit progressChanged();
    emit deviceFinished(address, ok, cameraIdOrError);
    // The next probe starts from the event loop, not inside the probe's statusChanged emission.
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation] {
            if (m_running && generation == m_generation)
                next();
        },
        Qt::QueuedConnection);
}

void OnvifBulkAdder::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    emit runningChanged();
}

QString OnvifBulkAdder::current() const
{
    return m_running && m_index >= 0 && m_index < m_items.size() ? m_items.at(m_index).address : QString();
}

QVariantMap OnvifBulkAdder::states() const
{
    QVariantMap out;
    for (const Item &item : m_items)
        out.insert(item.address, int(item.state));
    return out;
}

QVariantMap OnvifBulkAdder::messages() const
{
    QVariantMap out;
    for (const Item &item : m_items)
        out.insert(item.address, item.message);
    return out;
}

const OnvifBulkAdder::Item *OnvifBulkAdder::item(const QString &address) const
{
    const auto it = m_indexOf.constFind(address);
    return it == m_indexOf.cend() ? nullptr : &m_items.at(*it);
}

OnvifBulkAdder::ItemState OnvifBulkAdder::state(const QString &address) const
{
    const Item *i = item(address);
    return i ? i->state : ItemState::None;
}

QString OnvifBulkAdder::message(const QString &address) const
{
    const Item *i = item(address);
    return i ? i->message : QString();
}

} // namespace vigil::devices
