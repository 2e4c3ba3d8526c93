#include "vigil/map/units_model.h"

#include "vigil/map/nmea.h"

#include <QtCore/QSet>
#include <QtCore/QTimeZone>

#include <cmath>

namespace vigil::map {

namespace {

const QList<int> kPositionRoles{UnitsModel::LatitudeRole, UnitsModel::LongitudeRole, UnitsModel::HeadingRole,
                                UnitsModel::SpeedRole, UnitsModel::LastFixRole};

} // namespace

UnitsModel::UnitsModel(QObject *parent)
    : QAbstractListModel(parent)
{}

UnitsModel::~UnitsModel() = default;

int UnitsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_units.size());
}

QVariant UnitsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PatrolUnit &u = m_units[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case CallSignRole:
        return u.callSign;
    case UnitIdRole:
        return u.id;
    case LatitudeRole:
        return u.position.lat;
    case LongitudeRole:
        return u.position.lon;
    case HeadingRole:
        return u.headingDeg;
    case SpeedRole:
        return u.speedMps;
    case StatusRole:
        return int(u.status);
    case LastFixRole:
        return u.lastFix;
    default:
        return {};
    }
}

QHash<int, QByteArray> UnitsModel::roleNames() const
{
    return {{UnitIdRole, "unitId"},       {CallSignRole, "callSign"}, {LatitudeRole, "latitude"},
            {LongitudeRole, "longitude"}, {HeadingRole, "heading"},   {SpeedRole, "speed"},
            {StatusRole, "status"},       {LastFixRole, "lastFix"}};
}

void UnitsModel::setTrailLength(int length)
{
    length = std::max(0, length);
    if (length == m_trailLength)
        return;
    m_trailLength = length;
    for (PatrolUnit &u : m_units)
        while (u.trail.size() > m_trailLength)
            u.trail.removeFirst();
    emit trailLengthChanged();
    emit positionsChanged();
}

bool UnitsModel::addUnit(PatrolUnit unit)
{
    if (unit.id.isEmpty() || m_rows.contains(unit.id))
        return false;
    if (unit.trail.isEmpty() && m_trailLength > 0)
        unit.trail.append(unit.position);
    const int row = int(m_units.size());
    beginInsertRows({}, row, row);
    m_units.append(std::move(unit));
    m_rows.insert(m_units.last().id, row);
    endInsertRows();
    m_indexDirty = true;
    emit countChanged();
    emit positionsChanged();
    return true;
}

void UnitsModel::setUnits(QList<PatrolUnit> units)
{
    beginResetModel();
    m_units.clear();
    for (PatrolUnit &u : units) {
        if (u.id.isEmpty())
            continue;
        if (u.trail.isEmpty() && m_trailLength > 0)
            u.trail.append(u.position);
        m_units.append(std::move(u));
    }
    reindexRows();
    // Drop duplicates (keep the first).
    if (m_rows.size() != m_units.size()) {
        QSet<QString> seen;
        m_units.removeIf([&seen](const PatrolUnit &u) {
            if (seen.contains(u.id))
                return true;
            seen.insert(u.id);
            return false;
        });
        reindexRows();
    }
    endResetModel();
    m_indexDirty = true;
    emit countChanged();
    emit positionsChanged();
}

bool UnitsModel::removeUnit(const QString &id)
{
    const int row = indexOf(id);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_units.removeAt(row);
    reindexRows();
    endRemoveRows();
    m_indexDirty = true;
    emit countChanged();
    emit positionsChanged();
    return true;
}

void UnitsModel::reindexRows()
{
    m_rows.clear();
    m_rows.reserve(m_units.size());
    for (int i = 0; i < m_units.size(); ++i)
        m_rows.insert(m_units[i].id, i);
}

void UnitsModel::applyFix(PatrolUnit &u, GeoPoint position, double headingDeg, double speedMps,
                          const QDateTime &time)
{
    u.position = position;
    if (!qIsNaN(headingDeg))
        u.headingDeg = headingDeg;
    if (!qIsNaN(speedMps))
        u.speedMps = speedMps;
    u.lastFix = time;
    if (m_trailLength > 0) {
        u.trail.append(position);
        while (u.trail.size() > m_trailLength)
            u.trail.removeFirst();
    }
}

bool UnitsModel::updatePosition(const QString &id, GeoPoint position, double headingDeg, double speedMps,
                                const QDateTime &time)
{
    const int row = indexOf(id);
    if (row < 0)
        return false;
    applyFix(m_units[row], position, headingDeg, speedMps, time);
    m_indexDirty = true;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, kPositionRoles);
    emit positionsChanged();
    return true;
}

void UnitsModel::updatePositions(const QList<Fix> &fixes, const QDateTime &time)
{
    for (const Fix &f : fixes) {
        if (f.row < 0 || f.row >= m_units.size())
            continue;
        applyFix(m_units[f.row], f.position, f.headingDeg, f.speedMps, time);
        const QModelIndex i = index(f.row);
        emit dataChanged(i, i, kPositionRoles);
    }
    m_indexDirty = true;
    emit positionsChanged();
}

void UnitsModel::applyBatch(const QList<PatrolUnit> &units)
{
    QList<Fix> fixes;
    QDateTime newest;
    for (const PatrolUnit &u : units) {
        const int row = indexOf(u.id);
        if (row < 0) {
            PatrolUnit added = u;
            added.trail.clear();
            if (std::isnan(added.headingDeg))
                added.headingDeg = 0;
            if (std::isnan(added.speedMps))
                added.speedMps = 0;
            addUnit(std::move(added));
            continue;
        }
        PatrolUnit &known = m_units[row];
        if (known.status != u.status || known.callSign != u.callSign) {
            known.status = u.status;
            known.callSign = u.callSign;
            const QModelIndex i = index(row);
            emit dataChanged(i, i, {StatusRole, CallSignRole});
        }
        fixes.append({row, u.position, u.headingDeg, u.speedMps});
        if (u.lastFix.isValid() && (!newest.isValid() || u.lastFix > newest))
            newest = u.lastFix;
    }
    if (!fixes.isEmpty())
        updatePositions(fixes, newest.isValid() ? newest : QDateTime::currentDateTimeUtc());
}

bool UnitsModel::applyNmeaFix(const QString &id, const NmeaFix &fix)
{
    QDateTime time = QDateTime::currentDateTimeUtc();
    if (fix.utcDate.isValid())
        time = QDateTime(fix.utcDate, fix.utcTime, Qt::UTC);
    else if (fix.utcTime.isValid())
        time.setTime(fix.utcTime);
    return updatePosition(id, fix.position, fix.courseDeg, fix.speedMps, time);
}

bool UnitsModel::setStatus(const QString &id, Status status)
{
    const int row = indexOf(id);
    if (row < 0)
        return false;
    if (m_units[row].status == PatrolUnit::Status(status))
        return true;
    m_units[row].status = PatrolUnit::Status(status);
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {StatusRole});
    emit positionsChanged();
    return true;
}

QList<GeoNeighbour> UnitsModel::nearestUnits(GeoPoint p, int k) const
{
    if (m_indexDirty) {
        QList<GeoPoint> points;
        points.reserve(m_units.size());
        for (const PatrolUnit &u : m_units)
            points.append(u.position);
        m_index.build(points);
        m_indexDirty = false;
    }
    return m_index.nearest(p, k);
}

QVariantList UnitsModel::nearest(double latitude, double longitude, int k) const
{
    QVariantList out;
    for (const GeoNeighbour &n : nearestUnits({latitude, longitude}, k)) {
        const PatrolUnit &u = m_units[n.index];
        out.append(QVariantMap{{QStringLiteral("unitId"), u.id},
                               {QStringLiteral("callSign"), u.callSign},
                               {QStringLiteral("latitude"), u.position.lat},
                               {QStringLiteral("longitude"), u.position.lon},
                               {QStringLiteral("distance"), n.distanceM}});
    }
    return out;
}

} // namespace vigil::map
