#include "vigil/alarms/camera_health_model.h"

#include "vigil/core/health_role.h"

#include <algorithm>

namespace vigil::alarms {

CameraHealthModel::CameraHealthModel(QObject *parent)
    : QIdentityProxyModel(parent)
{
    setHealth(CameraHealth::instance());
}

CameraHealthModel::~CameraHealthModel() = default;

void CameraHealthModel::setHealth(CameraHealth *health)
{
    if (health == m_health)
        return;
    disconnect(m_healthConnection);
    m_health = health;
    if (health)
        m_healthConnection = connect(health, &CameraHealth::statusChanged, this,
                                     [this](const QString &cameraId) { onStatusChanged(cameraId); });
    // Every row's health may differ on the new board.
    if (m_healthRole >= 0 && rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0), {m_healthRole});
    emit healthChanged();
}

void CameraHealthModel::setSourceModel(QAbstractItemModel *source)
{
    for (const auto &c : std::as_const(m_sourceConnections))
        disconnect(c);
    m_sourceConnections.clear();
    invalidateRows();
    // The roles are known before the base class resets the proxy, so views that read roleNames() on the reset
    // see the health role.
    m_idRole = -1;
    m_healthRole = -1;
    if (source) {
        const QHash<int, QByteArray> names = source->roleNames();
        m_idRole = names.key(QByteArrayLiteral("cameraId"), -1);
        int highest = Qt::UserRole;
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            highest = std::max(highest, it.key());
        m_healthRole = highest + 1;
    }
    QIdentityProxyModel::setSourceModel(source);
    if (source) {
        auto invalidate = [this] {
            invalidateRows();
        };
        m_sourceConnections = {
            connect(source, &QAbstractItemModel::modelReset, this, invalidate),
            connect(source, &QAbstractItemModel::rowsInserted, this, invalidate),
            connect(source, &QAbstractItemModel::rowsRemoved, this, invalidate),
            connect(source, &QAbstractItemModel::rowsMoved, this, invalidate),
            connect(source, &QAbstractItemModel::layoutChanged, this, invalidate),
            connect(source, &QAbstractItemModel::dataChanged, this,
                    [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                        if (roles.isEmpty() || roles.contains(m_idRole))
                            invalidateRows();
                    }),
        };
    }
}

QHash<int, QByteArray> CameraHealthModel::roleNames() const
{
    QHash<int, QByteArray> names = QIdentityProxyModel::roleNames();
    if (m_healthRole >= 0)
        names.insert(m_healthRole, QByteArray(core::health::kRoleName));
    return names;
}

QVariant CameraHealthModel::data(const QModelIndex &index, int role) const
{
    if (role != m_healthRole || m_healthRole < 0)
        return QIdentityProxyModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (m_idRole < 0 || !m_health)
        return QString(core::health::kUnknown);
    const QString id = QIdentityProxyModel::data(index, m_idRole).toString();
    return QString(healthWord(m_health->statusOf(id)));
}

QLatin1String CameraHealthModel::healthWord(CameraHealth::Status status)
{
    switch (status) {
    case CameraHealth::Live:
        return core::health::kLive;
    case CameraHealth::Offline:
        return core::health::kOffline;
    case CameraHealth::Alarm:
        return core::health::kAlarm;
    case CameraHealth::Unknown:
        break;
    }
    return core::health::kUnknown;
}

int CameraHealthModel::rowOf(const QString &cameraId)
{
    if (!m_rowsValid) {
        m_rows.clear();
        const int n = rowCount();
        m_rows.reserve(n);
        for (int r = 0; r < n; ++r)
            m_rows.insert(QIdentityProxyModel::data(index(r, 0), m_idRole).toString(), r);
        m_rowsValid = true;
    }
    return m_rows.value(cameraId, -1);
}

void CameraHealthModel::onStatusChanged(const QString &cameraId)
{
    if (m_idRole < 0)
        return;
    const int row = rowOf(cameraId);
    if (row < 0)
        return;
    const QModelIndex i = index(row, 0);
    emit dataChanged(i, i, {m_healthRole});
}

} // namespace vigil::alarms
