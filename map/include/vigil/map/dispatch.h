#pragma once
// Dispatch: "which patrol units are nearest to this alarm, how far, and how soon can each be there".
// dispatchCandidates() is the pure answer: the k nearest units by great-circle distance (UnitsModel's k-d
// tree), nearest first, each with the road distance and an ETA at an assumed speed when the road graph
// connects the unit to the place (one Dijkstra search from the place serves every unit: the roads are
// undirected), else the straight line and its ETA at the same speed, marked so ("straight line").
//
// Patrol is the app's patrol service (QML singleton `Patrol` in Vigil.Map): the units model every view
// shares (map, alarm list, pop-up), their track store and, in the demo, the simulator driving them; the
// road graph; the operator's dispatch (the unit turns Responding, the map follows it, and in the demo it
// drives the shortest road path to the spot). Recording the dispatch on the alarm is the alarm center's
// (components/alarms knows nothing of units). Thread: GUI only.
#include "vigil/map/road_graph.h"
#include "vigil/map/track_history.h"
#include "vigil/map/track_store.h"
#include "vigil/map/unit_simulator.h"
#include "vigil/map/units_model.h"

#include <QtCore/QObject>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace vigil::map {

inline constexpr double kDefaultAssumedSpeedKmh = 40; // urban driving, blue lights or not

struct DispatchCandidate
{
    QString unitId;
    QString callSign;
    PatrolUnit::Status status = PatrolUnit::Status::Available;
    GeoPoint position;
    double straightM = 0; // great-circle distance to the place
    bool byRoad = false;  // road distance and ETA from the road graph; false: straight line
    double roadM = 0;     // when byRoad: off-road legs + along the roads
    double etaS = 0;      // seconds at the assumed speed over roadM (byRoad) or straightM
};

// The k nearest units to `place`, nearest first by straight line. `roads` may be empty (no road data).
// A unit or a place more than maxSnapM from any road has no road path.
QList<DispatchCandidate> dispatchCandidates(const UnitsModel &units, const RoadGraph &roads, GeoPoint place,
                                            int k, double speedKmh, double maxSnapM = 1000);

class Patrol : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Patrol)
    QML_SINGLETON
    Q_PROPERTY(vigil::map::UnitsModel *units READ units CONSTANT)
    Q_PROPERTY(vigil::map::TrackStore *tracks READ tracks CONSTANT)
    Q_PROPERTY(vigil::map::UnitSimulator *simulator READ simulator CONSTANT)
    // The ETA's assumption, shown next to it.
    Q_PROPERTY(
        double assumedSpeedKmh READ assumedSpeedKmh WRITE setAssumedSpeedKmh NOTIFY assumedSpeedKmhChanged)
    // The unit the map keeps centred ("" = none): set by a dispatch, cleared when the operator pans.
    Q_PROPERTY(QString followUnitId READ followUnitId WRITE setFollowUnitId NOTIFY followUnitIdChanged)
    Q_PROPERTY(bool hasRoads READ hasRoads NOTIFY roadsChanged)
    // What went wrong with the track history (SQLite), for the operator: "" when all is well.
    Q_PROPERTY(QString trackHistoryProblem READ trackHistoryProblem NOTIFY trackHistoryProblemChanged)

public:
    // No default argument: QML would then construct its own instead of calling create().
    explicit Patrol(QObject *parent);
    ~Patrol() override;

    // QML's instance: the app's (setInstance) or, without one (tests, tools), one of its own.
    static Patrol *create(QQmlEngine *, QJSEngine *);
    static void setInstance(Patrol *instance);
    static Patrol *instance();

    UnitsModel *units() { return &m_units; }
    TrackStore *tracks() { return &m_tracks; }
    UnitSimulator *simulator() { return &m_simulator; }
    // Keeps every unit's fixes in SQLite at `path` too (tracks survive a restart); call once, before
    // startDemo(). Null until then.
    TrackHistory *openTrackHistory(const QString &path, TrackHistoryOptions options = {});
    TrackHistory *trackHistory() { return m_history.get(); }
    QString trackHistoryProblem() const { return m_historyProblem; }
    double assumedSpeedKmh() const { return m_speedKmh; }
    void setAssumedSpeedKmh(double kmh);
    QString followUnitId() const { return m_follow; }
    void setFollowUnitId(const QString &id);
    bool hasRoads() const { return m_roads.segmentCount() > 0; }
    const RoadGraph &roads() const { return m_roads; }
    void setRoads(RoadGraph roads);

    // The demo site: the demo county's roads, `unitCount` simulated cars with `historySeconds` of past
    // in the track store, driving from now on. `throughPlatform`: the simulator drives platformUnits(), the
    // demo platform serves those (DemoBackend::setUnitsSource) and units() is fed from its push
    // (UnitsModel::applyBatch), as a real site's cars are; otherwise the simulator drives units() directly.
    void startDemo(int unitCount, int historySeconds, bool throughPlatform = false);
    // The demo platform's own cars (empty unless startDemo(..., true)).
    UnitsModel *platformUnits() { return &m_platformUnits; }

    // dispatchCandidates() for QML: [{ unitId, callSign, status (UnitsModel.Status), latitude, longitude,
    // distance (m, straight), byRoad, roadDistance (m, or -1), eta (s) }].
    Q_INVOKABLE QVariantList nearestUnits(double latitude, double longitude, int k) const;
    // The operator sends a unit to (latitude, longitude): it turns Responding, the map follows it, and a
    // simulated car drives the shortest road path there. False for an unknown unit.
    Q_INVOKABLE bool dispatchUnit(const QString &unitId, double latitude, double longitude);
    // The unit's call sign ("" for an unknown id).
    Q_INVOKABLE QString callSignOf(const QString &unitId) const;

signals:
    void assumedSpeedKmhChanged();
    void followUnitIdChanged();
    void roadsChanged();
    void trackHistoryProblemChanged();
    // A unit was dispatched (after its status changed).
    void dispatched(const QString &unitId, const QString &callSign, double latitude, double longitude);

private:
    UnitsModel m_units;
    UnitsModel m_platformUnits;
    std::unique_ptr<TrackHistory> m_history; // outlives m_tracks, which writes to it
    TrackStore m_tracks;
    UnitSimulator m_simulator;
    RoadGraph m_roads;
    double m_speedKmh = kDefaultAssumedSpeedKmh;
    QString m_follow;
    QString m_historyProblem;
};

} // namespace vigil::map
