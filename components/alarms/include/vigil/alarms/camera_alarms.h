#pragma once
// CameraAlarms: listens to the events of every camera the directory knows an ONVIF device address for
// (Camera::deviceUrl), through one OnvifAlarmModel, and turns motion/tamper/digital-input alarms into
//  - CameraHealth's Alarm status (the map shows the camera red while its alarm is active), and
//  - alarmRaised() for the window (a toast now; the alarm rules and the wall pop-up belong to the alarms
//  issue).
// Cameras added or removed later are watched or dropped; passwords come from the credential store.
//
// Thread: GUI only. QML singleton `CameraAlarms` in Vigil.Alarms; the app creates the instance.
#include "vigil/alarms/alarm_model.h"

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::alarms {

class CameraHealth;

class CameraAlarms : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(vigil::alarms::OnvifAlarmModel *events READ events CONSTANT)
    Q_PROPERTY(int watchedCount READ watchedCount NOTIFY watchedCountChanged)

public:
    // `health` null = CameraHealth::instance().
    explicit CameraAlarms(cameras::CameraDirectory *directory, CameraHealth *health = nullptr,
                          QObject *parent = nullptr);
    ~CameraAlarms() override;

    static CameraAlarms *create(QQmlEngine *, QJSEngine *);
    static void setInstance(CameraAlarms *instance);
    static CameraAlarms *instance();

    OnvifAlarmModel *events() { return &m_events; }
    int watchedCount() const { return int(m_watched.size()); }

    // Watches every directory camera with a device address (called on every directory change).
    void sync();

signals:
    void alarmRaised(const QString &cameraId, const QString &cameraName, const QString &kind,
                     const QDateTime &time);
    void watchedCountChanged();

private:
    void onAlarm(const QString &cameraId, const QString &kind, bool active, const QDateTime &time);

    QPointer<cameras::CameraDirectory> m_directory;
    CameraHealth *m_health;
    OnvifAlarmModel m_events;
    // Camera id -> what its listener logged in with (address, user, credential reference): a change of any of
    // them (cameras.json edited and reloaded, password re-entered) restarts the listener with the new login.
    QHash<QString, QString> m_watched;
};

} // namespace vigil::alarms
