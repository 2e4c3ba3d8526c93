#pragma once
// CameraHealthModel: a camera list model (the directory, `Cameras`) with one role more, "health": the
// camera's CameraHealth status as a word of vigil/core/health_role.h ("live", "offline", "alarm",
// "unknown"). Rows, order and every other role are the source's (an identity proxy); when CameraHealth
// changes a camera's status, the proxy emits dataChanged for that camera's row with the health role only.
// The map's camera layer reads the role by name, so neither the map nor QML copies health by hand.
//
// The source is a flat list model with a "cameraId" role; its role names are read when it is set (the health
// role takes the number after the source's highest). Thread: GUI only.
#include "vigil/alarms/camera_health.h"

#include <QtCore/QHash>
#include <QtCore/QIdentityProxyModel>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

namespace vigil::alarms {

class CameraHealthModel : public QIdentityProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    // The board the statuses come from; CameraHealth::instance() unless set (tests).
    Q_PROPERTY(vigil::alarms::CameraHealth *health READ health WRITE setHealth NOTIFY healthChanged)

public:
    explicit CameraHealthModel(QObject *parent = nullptr);
    ~CameraHealthModel() override;

    CameraHealth *health() const { return m_health; }
    void setHealth(CameraHealth *health);
    // The number of the "health" role (-1 without a source).
    int healthRole() const { return m_healthRole; }

    void setSourceModel(QAbstractItemModel *source) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The word of the "health" role for a status.
    static QLatin1String healthWord(CameraHealth::Status status);

signals:
    void healthChanged();

private:
    void onStatusChanged(const QString &cameraId);
    void invalidateRows() { m_rowsValid = false; }
    int rowOf(const QString &cameraId);

    QPointer<CameraHealth> m_health;
    QMetaObject::Connection m_healthConnection;
    QList<QMetaObject::Connection> m_sourceConnections;
    int m_idRole = -1;
    int m_healthRole = -1;
    // Camera id -> source row, rebuilt on the first status change after the source's rows or ids changed.
    QHash<QString, int> m_rows;
    bool m_rowsValid = false;
};

} // namespace vigil::alarms
