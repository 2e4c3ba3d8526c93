#pragma once
// UnitsModel: patrol units (cars, officers) with live positions, for the map's UnitLayer, lists and the
// nearest-unit search. Positions arrive from the backend (another issue), the UnitSimulator or an NMEA
// reader; every position update is a fine-grained dataChanged(row, row, {position roles}), never a reset, so
// 1 Hz GPS for thousands of units keeps views cheap. Each unit keeps a short trail of its last fixes.
// nearest() answers "the k closest units to this point" from a k-d tree (GeoIndex), rebuilt lazily after
// positions move. Thread: GUI only.
#include "vigil/map/geo.h"
#include "vigil/map/geo_index.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QDateTime>
#include <QtQml/qqmlregistration.h>

namespace vigil::map {

struct NmeaFix;

struct PatrolUnit
{
    enum class Status
    {
        Available,
        Busy,
        Responding,
        OffDuty,
        Emergency,
    };
    QString id;            // stable, unique
    QString callSign;      // shown to the operator ("Patrol 12")
    GeoPoint position;     // WGS-84
    double headingDeg = 0; // clockwise from north
    double speedMps = 0;
    Status status = Status::Available;
    QDateTime lastFix;     // UTC
    QList<GeoPoint> trail; // oldest first, at most trailLength() fixes, the newest is `position`
};

class UnitsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // Fixes kept per unit for the fading trail (0 = no trails).
    Q_PROPERTY(int trailLength READ trailLength WRITE setTrailLength NOTIFY trailLengthChanged)

public:
    enum Role
    {
        UnitIdRole = Qt::UserRole + 1, // "unitId"
        CallSignRole,                  // "callSign"
        LatitudeRole,                  // "latitude"
        LongitudeRole,                 // "longitude"
        HeadingRole,                   // "heading"
        SpeedRole,                     // "speed" (m/s)
        StatusRole,                    // "status" (UnitsModel.Status)
        LastFixRole,                   // "lastFix" (QDateTime, UTC)
    };
    Q_ENUM(Role)
    enum Status
    {
        Available = int(PatrolUnit::Status::Available),
        Busy = int(PatrolUnit::Status::Busy),
        Responding = int(PatrolUnit::Status::Responding),
        OffDuty = int(PatrolUnit::Status::OffDuty),
        Emergency = int(PatrolUnit::Status::Emergency),
    };
    Q_ENUM(Status)

    explicit UnitsModel(QObject *parent = nullptr);
    ~UnitsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_units.size()); }
    int trailLength() const { return m_trailLength; }
    void setTrailLength(int length);

    const QList<PatrolUnit> &units() const { return m_units; }
    int indexOf(const QString &id) const { return m_rows.value(id, -1); }
    // Adds a unit (id must be new and non-empty). Returns false otherwise.
    bool addUnit(PatrolUnit unit);
    // Replaces all units (one reset: for initial loads only).
    void setUnits(QList<PatrolUnit> units);
    bool removeUnit(const QString &id);
    // A new fix for a unit: one dataChanged for that row with the position roles. NaN heading/speed keep
    // the previous values (e.g. GGA has neither). Returns false for an unknown id.
    bool updatePosition(const QString &id, GeoPoint position, double headingDeg, double speedMps,
                        const QDateTime &time);
    bool applyNmeaFix(const QString &id, const NmeaFix &fix);
    Q_INVOKABLE bool setStatus(const QString &id, vigil::map::UnitsModel::Status status);

    // The k nearest units to (lat, lon) by great-circle distance, nearest first. Each entry:
    // { unitId, callSign, latitude, longitude, distance (metres) }.
    Q_INVOKABLE QVariantList nearest(double latitude, double longitude, int k) const;
    // The same, for C++: indices into units().
    QList<GeoNeighbour> nearestUnits(GeoPoint p, int k) const;

signals:
    void countChanged();
    void trailLengthChanged();
    // Emitted after a batch of updates through updatePositions(), or after each single update; layers
    // redraw once per signal rather than per dataChanged.
    void positionsChanged();

public:
    // Many fixes at once (the simulator, a backend batch): a dataChanged per changed row, then one
    // positionsChanged().
    struct Fix
    {
        int row;
        GeoPoint position;
        double headingDeg;
        double speedMps;
    };
    void updatePositions(const QList<Fix> &fixes, const QDateTime &time);
    // A batch of units from a platform (its push): known units move (a dataChanged each, one
    // positionsChanged), their status and call sign follow; unknown ones are added. Units not in the batch
    // stay as they are. Trails are kept here (the units' own are ignored).
    void applyBatch(const QList<PatrolUnit> &units);

private:
    void applyFix(PatrolUnit &u, GeoPoint position, double headingDeg, double speedMps,
                  const QDateTime &time);
    void reindexRows();

    QList<PatrolUnit> m_units;
    QHash<QString, int> m_rows;
    int m_trailLength = 30;
    mutable GeoIndex m_index;
    mutable bool m_indexDirty = true;
};

} // namespace vigil::map
