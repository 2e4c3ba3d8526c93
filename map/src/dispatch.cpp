#include "vigil/map/dispatch.h"

#include "vigil/map/logging.h"

#include <QtQml/QJSEngine>

namespace vigil::map {

QList<DispatchCandidate> dispatchCandidates(const UnitsModel &units, const RoadGraph &roads, GeoPoint place,
                                            int k, double speedKmh, double maxSnapM)
{
    QList<DispatchCandidate> out;
    const QList<GeoNeighbour> nearest = units.nearestUnits(place, k);
    if (nearest.isEmpty())
        return out;
    const RoadSnap at = roads.snap(place, maxSnapM);
    const RoadGraph::Distances fromPlace = at.valid ? roads.distancesFrom(at) : RoadGraph::Distances{};
    out.reserve(nearest.size());
    for (const GeoNeighbour &n : nearest) {
        const PatrolUnit &u = units.units().at(n.index);
        DispatchCandidate c;
        c.unitId = u.id;
        c.callSign = u.callSign;
        c.status = u.status;
        c.position = u.position;
        c.straightM = n.distanceM;
        double road = kNoRoad;
        if (at.valid) {
            const RoadSnap from = roads.snap(u.position, maxSnapM);
            if (from.valid)
                road = roads.roadDistance(fromPlace, from) + from.offRoadM + at.offRoadM;
        }
        c.byRoad = road != kNoRoad;
        c.roadM = c.byRoad ? road : 0;
        c.etaS = etaSeconds(c.byRoad ? road : c.straightM, speedKmh);
        out.append(c);
    }
    return out;
}

namespace {
Patrol *s_instance = nullptr;
} // namespace

Patrol::Patrol(QObject *parent)
    : QObject(parent)
{
    m_tracks.setModel(&m_units);
    // A unit that leaves the model cannot be followed.
    connect(&m_units, &QAbstractItemModel::modelReset, this, [this] {
        if (m_units.indexOf(m_follow) < 0)
            setFollowUnitId({});
    });
}

Patrol::~Patrol()
{
    if (s_instance == this)
        s_instance = nullptr;
}

Patrol *Patrol::create(QQmlEngine *, QJSEngine *)
{
    if (s_instance) {
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    qCInfo(vigilMap) << "Patrol: no app instance, QML makes its own (no units until something adds them)";
    return new Patrol(nullptr); // the engine owns it
}

void Patrol::setInstance(Patrol *instance)
{
    s_instance = instance;
}

Patrol *Patrol::instance()
{
    return s_instance;
}

TrackHistory *Patrol::openTrackHistory(const QString &path, TrackHistoryOptions options)
{
    if (m_history)
        return m_history.get();
    m_history = std::make_unique<TrackHistory>(path, options);
    connect(m_history.get(), &TrackHistory::problem, this, [this](const QString &text) {
        if (text == m_historyProblem)
            return;
        m_historyProblem = text;
        emit trackHistoryProblemChanged();
    });
    m_tracks.setHistory(m_history.get());
    qCInfo(vigilMap).noquote() << "track history in" << path;
    return m_history.get();
}

void Patrol::setAssumedSpeedKmh(double kmh)
{
    kmh = std::clamp(kmh, 5.0, 200.0);
    if (qFuzzyCompare(kmh, m_speedKmh))
        return;
    m_speedKmh = kmh;
    emit assumedSpeedKmhChanged();
}

void Patrol::setFollowUnitId(const QString &id)
{
    if (id == m_follow)
        return;
    m_follow = id;
    emit followUnitIdChanged();
}

void Patrol::setRoads(RoadGraph roads)
{
    m_roads = std::move(roads);
    emit roadsChanged();
}

void Patrol::startDemo(int unitCount, int historySeconds, bool throughPlatform)
{
    setRoads(RoadGraph::demo());
    m_units.setTrailLength(20);
    m_tracks.setRetentionMinutes(120);
    m_simulator.setTrackStore(&m_tracks);
    m_simulator.setHistorySeconds(historySeconds);
    m_simulator.setUnitCount(unitCount);
    m_platformUnits.setTrailLength(0);
    // Builds the cars (and their past) once.
    m_simulator.setModel(throughPlatform ? &m_platformUnits : &m_units);
    m_simulator.setRunning(true);
    qCInfo(vigilMap) << "patrol demo:" << m_simulator.model()->count() << "simulated units on"
                     << m_roads.segmentCount() << "road segments," << historySeconds << "s of past";
}

QVariantList Patrol::nearestUnits(double latitude, double longitude, int k) const
{
    QVariantList out;
    for (const DispatchCandidate &c :
         dispatchCandidates(m_units, m_roads, {latitude, longitude}, k, m_speedKmh))
        out.append(QVariantMap{{QStringLiteral("unitId"), c.unitId},
                               {QStringLiteral("callSign"), c.callSign},
                               {QStringLiteral("status"), int(c.status)},
                               {QStringLiteral("latitude"), c.position.lat},
                               {QStringLiteral("longitude"), c.position.lon},
                               {QStringLiteral("distance"), c.straightM},
                               {QStringLiteral("byRoad"), c.byRoad},
                               {QStringLiteral("roadDistance"), c.byRoad ? c.roadM : -1.0},
                               {QStringLiteral("eta"), c.etaS}});
    return out;
}

bool Patrol::dispatchUnit(const QString &unitId, double latitude, double longitude)
{
    const int row = m_units.indexOf(unitId);
    if (row < 0) {
        qCWarning(vigilMap) << "dispatch: no unit" << unitId;
        return false;
    }
    m_units.setStatus(unitId, UnitsModel::Responding);
    // The demo platform's car too, so its next push says Responding.
    if (m_simulator.model() == &m_platformUnits)
        m_platformUnits.setStatus(unitId, UnitsModel::Responding);
    const PatrolUnit &u = m_units.units().at(row);
    const GeoPoint spot{latitude, longitude};
    // The simulated car drives there: the roads when they connect, else straight across.
    if (m_simulator.model() == &m_units || m_simulator.model() == &m_platformUnits) {
        RoadRoute route = m_roads.route(u.position, spot, true);
        QList<GeoPoint> path = route.found ? route.path : QList<GeoPoint>{};
        path.prepend(u.position);
        path.append(spot);
        m_simulator.driveTo(unitId, path, m_speedKmh / 3.6);
    }
    qCInfo(vigilMap).noquote() << "dispatch:" << u.callSign << "to" << latitude << longitude;
    setFollowUnitId(unitId);
    emit dispatched(unitId, u.callSign, latitude, longitude);
    return true;
}

QString Patrol::callSignOf(const QString &unitId) const
{
    const int row = m_units.indexOf(unitId);
    return row < 0 ? QString() : m_units.units().at(row).callSign;
}

} // namespace vigil::map
