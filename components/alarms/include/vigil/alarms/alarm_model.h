#pragma once
// OnvifAlarmModel: the alarm events of the watched ONVIF cameras, newest first, capped, for the alarms issue
// (its UI and rules are built there; this is the C++ signal/model they consume). One EventListener per
// watched camera; motion, tamper and digital-input notifications become rows and alarm() signals. Initial
// state dumps (PropertyOperation "Initialized") that report nothing active are not alarms and are skipped.
//
// Thread: GUI only (listeners poll on their own workers and post back).
#include "vigil/onvif/event_listener.h"
#include "vigil/onvif/types.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace vigil::alarms {

class OnvifAlarmModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int maxEvents READ maxEvents WRITE setMaxEvents NOTIFY maxEventsChanged)
    Q_PROPERTY(QStringList watchedCameras READ watchedCameras NOTIFY watchedCamerasChanged)

public:
    enum Role
    {
        CameraIdRole = Qt::UserRole + 1,
        KindRole,  // "motion" | "tamper" | "digital-input" | "other"
        TopicRole, // "VideoSource/MotionAlarm"
        TimeRole,  // QDateTime, UTC, device time
        ActiveRole,
        SourceRole,
    };
    Q_ENUM(Role)

    explicit OnvifAlarmModel(QObject *parent = nullptr);
    ~OnvifAlarmModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Starts listening to a camera's device (replacing an earlier watch of the same camera id).
    Q_INVOKABLE void watch(const QString &cameraId, const QUrl &deviceUrl, const QString &user,
                           const QString &password);
    Q_INVOKABLE void unwatch(const QString &cameraId);
    // Per-camera listener status ("Listening", "Retrying: <why>"...), "" when not watched.
    Q_INVOKABLE QString statusOf(const QString &cameraId) const;
    Q_INVOKABLE void clear();

    int count() const { return int(m_rows.size()); }
    int maxEvents() const { return m_maxEvents; }
    void setMaxEvents(int n);
    QStringList watchedCameras() const { return m_listeners.keys(); }
    onvif::AlarmEvent event(int row) const { return m_rows.value(row); }
    onvif::EventListener *listener(const QString &cameraId) const;

signals:
    void alarm(const QString &cameraId, const QString &kind, bool active, const QDateTime &time);
    void alarmEvent(const vigil::onvif::AlarmEvent &event);
    void countChanged();
    void maxEventsChanged();
    void watchedCamerasChanged();

private:
    void add(const onvif::AlarmEvent &e);
    void trim();

    QList<onvif::AlarmEvent> m_rows;                    // newest first
    QHash<QString, onvif::EventListener *> m_listeners; // owned (children)
    int m_maxEvents = 500;
};

} // namespace vigil::alarms
