#pragma once
// UnitSimulator: drives `unitCount` simulated patrol cars along a road network (by default the demo county's
// roads), turning at junctions at random, and feeds their fixes into a UnitsModel every `interval` ms — the
// stand-in for the backend's live GPS until it exists, and the load for the map benchmarks. Deterministic for
// a given `seed` (tests call step() directly). With a `trackStore` and `historySeconds`, each (re)build first
// drives the cars through that much past time, faster than real time and straight into the store (stamped
// from now - historySeconds to now), and only then publishes their present positions (with trails) to the
// model: track playback has the last half hour to replay from the first second, and the live model never
// sees the past as live fixes. Thread: GUI only (a QTimer drives it).
#include "vigil/map/geo.h"
#include "vigil/map/track_store.h"
#include "vigil/map/units_model.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTimer>
#include <QtQml/QQmlParserStatus>
#include <QtQml/qqmlregistration.h>

namespace vigil::map {

class UnitSimulator : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(vigil::map::UnitsModel *model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(int unitCount READ unitCount WRITE setUnitCount NOTIFY unitCountChanged)
    Q_PROPERTY(bool running READ running WRITE setRunning NOTIFY runningChanged)
    Q_PROPERTY(int interval READ interval WRITE setInterval NOTIFY intervalChanged)
    Q_PROPERTY(quint32 seed READ seed WRITE setSeed NOTIFY seedChanged)
    // Where the pre-simulated past goes (null = no history).
    Q_PROPERTY(
        vigil::map::TrackStore *trackStore READ trackStore WRITE setTrackStore NOTIFY trackStoreChanged)
    // How much past to pre-simulate into trackStore on each build (0 = none), at 1 s steps.
    Q_PROPERTY(int historySeconds READ historySeconds WRITE setHistorySeconds NOTIFY historySecondsChanged)

public:
    explicit UnitSimulator(QObject *parent = nullptr);
    ~UnitSimulator() override;

    UnitsModel *model() const { return m_model; }
    void setModel(UnitsModel *model);
    int unitCount() const { return m_unitCount; }
    void setUnitCount(int count);
    bool running() const { return m_timer.isActive(); }
    void setRunning(bool running);
    int interval() const { return m_timer.interval(); }
    void setInterval(int ms);
    quint32 seed() const { return m_seed; }
    void setSeed(quint32 seed);
    TrackStore *trackStore() const { return m_trackStore; }
    void setTrackStore(TrackStore *store);
    int historySeconds() const { return m_historySeconds; }
    void setHistorySeconds(int seconds);

    // QML creation: build once when all properties are set, not once per property.
    void classBegin() override { m_complete = false; }
    void componentComplete() override;

    // Replaces the road network (polylines, WGS-84); the default is the demo county's roads.
    void setRoads(const QList<QList<GeoPoint>> &roads);
    // Advances every unit by `seconds` and publishes one batch of fixes.
    Q_INVOKABLE void step(double seconds);
    // Sends a unit along `route` (WGS-84, from near where it is to the spot, e.g. RoadGraph::path()) at
    // speedMps; it stops at the end and stays there. False for an unknown unit or a route of < 2 points.
    bool driveTo(const QString &unitId, const QList<GeoPoint> &route, double speedMps);
    // Whether a unit driven by driveTo() has arrived (false while on its way or when not sent).
    bool hasArrived(const QString &unitId) const;

signals:
    void modelChanged();
    void unitCountChanged();
    void runningChanged();
    void intervalChanged();
    void seedChanged();
    void trackStoreChanged();
    void historySecondsChanged();

private:
    struct Road
    {
        QList<GeoPoint> points;
        QList<double> segmentM; // length of segment i -> i+1
    };
    struct Car
    {
        int road = 0;
        int vertex = 0;   // the segment starts here
        int dir = 1;      // +1 or -1 along the road
        double along = 0; // metres from `vertex` towards vertex + dir
        double speedMps = 10;
        int row = -1;
        // driveTo(): an explicit route instead of the roads (empty = roaming).
        QList<GeoPoint> route;
        QList<double> routeM; // length of leg i -> i+1
        int leg = 0;
        double legAlong = 0;
        bool arrived = false;
    };
    void rebuildUnits();
    void simulateHistory(QList<PatrolUnit> &units);
    void advanceCar(Car &car, double seconds);
    void advanceOnRoute(Car &car, double seconds);
    Car *carOf(const QString &unitId);
    void arriveAtVertex(Car &car);
    GeoPoint positionOf(const Car &car) const;
    double headingOf(const Car &car) const;

    QPointer<UnitsModel> m_model;
    int m_unitCount = 12;
    quint32 m_seed = 7;
    QRandomGenerator m_rng;
    QTimer m_timer;
    QList<Road> m_roads;
    QHash<qint64, QList<std::pair<int, int>>> m_junctions; // rounded vertex -> (road, vertex index)
    QList<Car> m_cars;
    QPointer<TrackStore> m_trackStore;
    int m_historySeconds = 0;
    bool m_complete = true;
};

} // namespace vigil::map
