#include "vigil/map/unit_simulator.h"

#include "vigil/map/map_features.h"

#include <numbers>

namespace vigil::map {

namespace {

qint64 vertexKey(GeoPoint p)
{
    // ~1 m buckets: roads that share a vertex in the data meet there.
    return (qint64(std::llround(p.lat * 1e5)) << 32) ^ qint64(std::llround(p.lon * 1e5) & 0xffffffff);
}

} // namespace

UnitSimulator::UnitSimulator(QObject *parent)
    : QObject(parent)
    , m_rng(m_seed)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] { step(m_timer.interval() / 1000.0); });
    QList<QList<GeoPoint>> roads;
    for (const MapFeature &f : demoCounty().features)
        if (f.isRoad() && f.points.size() >= 2)
            roads.append(f.points);
    setRoads(roads);
}

UnitSimulator::~UnitSimulator() = default;

void UnitSimulator::setModel(UnitsModel *model)
{
    if (model == m_model)
        return;
    m_model = model;
    rebuildUnits();
    emit modelChanged();
}

void UnitSimulator::setUnitCount(int count)
{
    count = std::max(0, count);
    if (count == m_unitCount)
        return;
    m_unitCount = count;
    rebuildUnits();
    emit unitCountChanged();
}

void UnitSimulator::setRunning(bool running)
{
    if (running == m_timer.isActive())
        return;
    if (running)
        m_timer.start();
    else
        m_timer.stop();
    emit runningChanged();
}

void UnitSimulator::setInterval(int ms)
{
    ms = std::max(20, ms);
    if (ms == m_timer.interval())
        return;
    m_timer.setInterval(ms);
    emit intervalChanged();
}

void UnitSimulator::setSeed(quint32 seed)
{
    if (seed == m_seed)
        return;
    m_seed = seed;
    rebuildUnits();
    emit seedChanged();
}

void UnitSimulator::setTrackStore(TrackStore *store)
{
    if (store == m_trackStore)
        return;
    m_trackStore = store;
    if (m_historySeconds > 0)
        rebuildUnits();
    emit trackStoreChanged();
}

void UnitSimulator::setHistorySeconds(int seconds)
{
    seconds = std::clamp(seconds, 0, 24 * 3600);
    if (seconds == m_historySeconds)
        return;
    m_historySeconds = seconds;
    if (m_trackStore)
        rebuildUnits();
    emit historySecondsChanged();
}

void UnitSimulator::componentComplete()
{
    m_complete = true;
    rebuildUnits();
}

void UnitSimulator::setRoads(const QList<QList<GeoPoint>> &roads)
{
    m_roads.clear();
    m_junctions.clear();
    for (const QList<GeoPoint> &points : roads) {
        if (points.size() < 2)
            continue;
        Road r;
        r.points = points;
        for (qsizetype i = 0; i + 1 < points.size(); ++i)
            r.segmentM.append(std::max(0.1, greatCircleDistance(points[i], points[i + 1])));
        const int index = int(m_roads.size());
        m_roads.append(r);
        for (int i = 0; i < points.size(); ++i)
            m_junctions[vertexKey(points[i])].append({index, i});
    }
    rebuildUnits();
}

void UnitSimulator::rebuildUnits()
{
    if (!m_complete)
        return;
    m_cars.clear();
    m_rng.seed(m_seed);
    if (!m_model || m_roads.isEmpty())
        return;
    QList<PatrolUnit> units;
    units.reserve(m_unitCount);
    const QDateTime now = QDateTime::currentDateTimeUtc(); // one instant for all: one history for all
    for (int i = 0; i < m_unitCount; ++i) {
        Car car;
        car.road = int(m_rng.bounded(int(m_roads.size())));
        const Road &road = m_roads[car.road];
        car.vertex = int(m_rng.bounded(int(road.segmentM.size())));
        car.dir = 1;
        car.along = m_rng.generateDouble() * road.segmentM[car.vertex];
        if (m_rng.bounded(2) == 1) { // drive the other way from the far end of the segment
            car.along = road.segmentM[car.vertex] - car.along;
            car.vertex += 1;
            car.dir = -1;
        }
        car.speedMps = 6 + m_rng.generateDouble() * 12; // 22-65 km/h
        car.row = i;
        PatrolUnit u;
        u.id = QStringLiteral("unit-%1").arg(i + 1, 3, 10, QLatin1Char('0'));
        u.callSign = QStringLiteral("Patrol %1").arg(i + 1);
        u.position = positionOf(car);
        u.headingDeg = headingOf(car);
        u.speedMps = car.speedMps;
        u.status = (i % 9 == 4) ? PatrolUnit::Status::Responding
                                : (i % 13 == 6 ? PatrolUnit::Status::Busy : PatrolUnit::Status::Available);
        u.lastFix = now;
        units.append(u);
        m_cars.append(car);
    }
    simulateHistory(units);
    m_model->setUnits(units);
}

void UnitSimulator::simulateHistory(QList<PatrolUnit> &units)
{
    if (!m_trackStore || m_historySeconds <= 0 || units.isEmpty())
        return;
    // The cars start where rebuildUnits() put them, historySeconds ago, and drive at 1 s steps to now; the
    // store gets each step, the model only the end (with the last trailLength steps as its trail).
    const qint64 now = units.first().lastFix.toMSecsSinceEpoch();
    const qint64 start = now - qint64(m_historySeconds) * 1000;
    const int trail = m_model->trailLength();
    QList<QList<TrackFix>> tracks(units.size());
    for (qsizetype i = 0; i < units.size(); ++i) {
        m_trackStore->removeUnit(units[i].id);
        units[i].trail.clear();
        tracks[i].reserve(m_historySeconds);
    }
    for (int s = 0; s <= m_historySeconds; ++s) {
        if (s > 0)
            for (Car &car : m_cars)
                advanceCar(car, 1.0);
        const qint64 t = start + qint64(s) * 1000;
        for (qsizetype i = 0; i < units.size(); ++i) {
            const GeoPoint p = positionOf(m_cars[i]);
            const double heading = headingOf(m_cars[i]);
            if (s < m_historySeconds) // the last step is the present: the model's reset records it
                tracks[i].append(TrackFix::make(t, p, heading, m_cars[i].speedMps));
            if (m_historySeconds - s < trail)
                units[i].trail.append(p);
            units[i].position = p;
            units[i].headingDeg = heading;
        }
    }
    for (qsizetype i = 0; i < units.size(); ++i)
        m_trackStore->recordTrack(units[i].id, tracks[i]);
}

void UnitSimulator::advanceCar(Car &car, double seconds)
{
    if (!car.route.isEmpty()) {
        advanceOnRoute(car, seconds);
        return;
    }
    double remaining = car.speedMps * seconds;
    for (int guard = 0; guard < 64 && remaining > 0; ++guard) {
        const Road &road = m_roads[car.road];
        const double len = road.segmentM[car.dir > 0 ? car.vertex : car.vertex - 1];
        const double left = len - car.along;
        if (remaining < left) {
            car.along += remaining;
            remaining = 0;
        } else {
            remaining -= left;
            car.along = 0;
            arriveAtVertex(car);
        }
    }
}

void UnitSimulator::advanceOnRoute(Car &car, double seconds)
{
    double remaining = car.speedMps * seconds;
    while (remaining > 0 && car.leg < car.routeM.size()) {
        const double left = car.routeM[car.leg] - car.legAlong;
        if (remaining < left) {
            car.legAlong += remaining;
            return;
        }
        remaining -= left;
        car.legAlong = 0;
        ++car.leg;
    }
    if (car.leg >= car.routeM.size()) { // at the spot: stand there, facing the way it came
        car.leg = int(car.routeM.size()) - 1;
        car.legAlong = car.routeM[car.leg];
        car.speedMps = 0;
        car.arrived = true;
    }
}

UnitSimulator::Car *UnitSimulator::carOf(const QString &unitId)
{
    const int row = m_model ? m_model->indexOf(unitId) : -1;
    for (Car &car : m_cars)
        if (car.row == row && row >= 0)
            return &car;
    return nullptr;
}

bool UnitSimulator::driveTo(const QString &unitId, const QList<GeoPoint> &route, double speedMps)
{
    Car *car = carOf(unitId);
    if (!car || route.size() < 2)
        return false;
    car->route.clear();
    car->routeM.clear();
    for (const GeoPoint &p : route) {
        if (!car->route.isEmpty() && greatCircleDistance(car->route.last(), p) < 0.05)
            continue; // a zero-length leg has no heading
        car->route.append(p);
    }
    if (car->route.size() < 2) // already at the spot
        car->route = {route.first(), route.last()};
    for (qsizetype i = 0; i + 1 < car->route.size(); ++i)
        car->routeM.append(std::max(0.05, greatCircleDistance(car->route[i], car->route[i + 1])));
    car->leg = 0;
    car->legAlong = 0;
    car->arrived = false;
    car->speedMps = std::max(0.5, speedMps);
    return true;
}

bool UnitSimulator::hasArrived(const QString &unitId) const
{
    const int row = m_model ? m_model->indexOf(unitId) : -1;
    for (const Car &car : m_cars)
        if (car.row == row && row >= 0)
            return car.arrived;
    return false;
}

GeoPoint UnitSimulator::positionOf(const Car &car) const
{
    if (!car.route.isEmpty()) {
        const GeoPoint a = car.route[car.leg];
        const GeoPoint b = car.route[car.leg + 1];
        const double t = std::clamp(car.legAlong / car.routeM[car.leg], 0.0, 1.0);
        return {a.lat + (b.lat - a.lat) * t, a.lon + (b.lon - a.lon) * t};
    }
    const Road &road = m_roads[car.road];
    const GeoPoint a = road.points[car.vertex];
    const GeoPoint b = road.points[car.vertex + car.dir];
    const double len = road.segmentM[car.dir > 0 ? car.vertex : car.vertex - 1];
    const double t = std::clamp(car.along / len, 0.0, 1.0);
    return {a.lat + (b.lat - a.lat) * t, a.lon + (b.lon - a.lon) * t};
}

double UnitSimulator::headingOf(const Car &car) const
{
    const bool onRoute = !car.route.isEmpty();
    const GeoPoint a = onRoute ? car.route[car.leg] : m_roads[car.road].points[car.vertex];
    const GeoPoint b = onRoute ? car.route[car.leg + 1] : m_roads[car.road].points[car.vertex + car.dir];
    const double dx = (b.lon - a.lon) * std::cos(a.lat * std::numbers::pi / 180);
    const double dy = b.lat - a.lat;
    double deg = std::atan2(dx, dy) * 180 / std::numbers::pi;
    return deg < 0 ? deg + 360 : deg;
}

void UnitSimulator::arriveAtVertex(Car &car)
{
    // Now standing on vertex `car.vertex + car.dir`. Choose among: go on along this road (if it continues),
    // or any road through this vertex in either direction; U-turn only at dead ends.
    const Road &road = m_roads[car.road];
    const int here = car.vertex + car.dir;
    struct Option
    {
        int road, vertex, dir;
    };
    QList<Option> options;
    const bool canContinue = here + car.dir >= 0 && here + car.dir < road.points.size();
    if (canContinue)
        options.append({car.road, here, car.dir});
    for (const auto &[r, v] : m_junctions.value(vertexKey(road.points[here]))) {
        if (r == car.road)
            continue;
        if (v + 1 < m_roads[r].points.size())
            options.append({r, v, 1});
        if (v - 1 >= 0)
            options.append({r, v, -1});
    }
    if (options.isEmpty()) {
        car.vertex = here;
        car.dir = -car.dir;
        return;
    }
    // Prefer going straight on (keeps cars on main roads), else turn.
    const Option o = canContinue && m_rng.generateDouble() < 0.55
                         ? options.first()
                         : options[m_rng.bounded(int(options.size()))];
    car.road = o.road;
    car.vertex = o.vertex;
    car.dir = o.dir;
}

void UnitSimulator::step(double seconds)
{
    if (!m_model || m_cars.isEmpty())
        return;
    QList<UnitsModel::Fix> fixes;
    fixes.reserve(m_cars.size());
    for (Car &car : m_cars) {
        advanceCar(car, seconds);
        if (car.row < m_model->count())
            fixes.append({car.row, positionOf(car), headingOf(car), car.speedMps});
    }
    m_model->updatePositions(fixes, QDateTime::currentDateTimeUtc());
}

} // namespace vigil::map
