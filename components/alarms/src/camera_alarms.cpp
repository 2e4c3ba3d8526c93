#include "vigil/alarms/camera_alarms.h"

#include "vigil/alarms/camera_health.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/logging.h"
#include "vigil/core/redact.h"

#include <QtQml/QJSEngine>

namespace vigil::alarms {

namespace {
CameraAlarms *s_instance = nullptr;
}

CameraAlarms::CameraAlarms(cameras::CameraDirectory *directory, CameraHealth *health, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_health(health ? health : CameraHealth::instance())
{
    connect(&m_events, &OnvifAlarmModel::alarm, this, &CameraAlarms::onAlarm);
    if (directory) {
        connect(directory, &QAbstractItemModel::dataChanged, this, &CameraAlarms::sync);
        connect(directory, &QAbstractItemModel::rowsInserted, this, &CameraAlarms::sync);
        connect(directory, &QAbstractItemModel::rowsRemoved, this, &CameraAlarms::sync);
        connect(directory, &QAbstractItemModel::modelReset, this, &CameraAlarms::sync);
        connect(directory, &cameras::CameraDirectory::credentialsPendingChanged, this, &CameraAlarms::sync);
    }
    sync();
}

CameraAlarms::~CameraAlarms()
{
    if (s_instance == this)
        s_instance = nullptr;
}

CameraAlarms *CameraAlarms::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance) {
        qCCritical(vigilAlarms) << "CameraAlarms::create() before CameraAlarms::setInstance()";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void CameraAlarms::setInstance(CameraAlarms *instance)
{
    s_instance = instance;
}

CameraAlarms *CameraAlarms::instance()
{
    return s_instance;
}

void CameraAlarms::sync()
{
    // What a listener depends on; the password itself is looked up when (re)starting.
    QHash<QString, QString> wanted;
    if (m_directory) {
        for (const cameras::Camera &c : m_directory->cameras()) {
            if (c.deviceUrl.isValid() && !c.deviceUrl.isEmpty())
                wanted.insert(c.id, c.deviceUrl.toString() + QLatin1Char('\n') + c.user + QLatin1Char('\n') +
                                        c.credentialRef);
        }
    }
    const int before = int(m_watched.size());
    for (auto it = m_watched.begin(); it != m_watched.end();) {
        if (wanted.value(it.key()) != it.value()) {
            m_events.unwatch(it.key());
            m_health->setAlarm(it.key(), false);
            it = m_watched.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (m_watched.contains(it.key()))
            continue;
        // A password still being read from the keyring: a login without it would count as a failed attempt
        // on the device. credentialsPendingChanged brings us back here.
        if (m_directory->waitingForPassword(it.key()))
            continue;
        const auto login = m_directory->deviceLogin(it.key());
        if (!login)
            continue;
        qCInfo(vigilAlarms) << "listening to the events of" << it.key() << "at"
                            << core::redactUrl(login->deviceUrl.toString());
        m_events.watch(it.key(), login->deviceUrl, login->user, login->password);
        m_watched.insert(it.key(), it.value());
    }
    if (int(m_watched.size()) != before)
        emit watchedCountChanged();
}

void CameraAlarms::onAlarm(const QString &cameraId, const QString &kind, bool active, const QDateTime &time)
{
    m_health->setAlarm(cameraId, active);
    if (!active)
        return;
    const QString name = m_directory ? m_directory->nameOf(cameraId) : QString();
    qCInfo(vigilAlarms) << "alarm" << kind << "from" << cameraId;
    emit alarmRaised(cameraId, name.isEmpty() ? cameraId : name, kind, time);
}

} // namespace vigil::alarms
