#include "vigil/sites/site_push.h"

#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/platform_alarms.h"
#include "vigil/map/geo.h"
#include "vigil/map/units_model.h"

#include <utility>

namespace vigil::sites {

namespace {

QStringList topicsFor(const map::UnitsModel *units, const alarms::AlarmCenter *alarms)
{
    QStringList topics;
    if (units)
        topics << QStringLiteral("units");
    if (alarms)
        topics << QStringLiteral("alarms");
    return topics;
}

map::PatrolUnit::Status unitStatus(const QString &s)
{
    if (s == QLatin1String("busy"))
        return map::PatrolUnit::Status::Busy;
    if (s == QLatin1String("responding"))
        return map::PatrolUnit::Status::Responding;
    if (s == QLatin1String("off-duty"))
        return map::PatrolUnit::Status::OffDuty;
    if (s == QLatin1String("emergency"))
        return map::PatrolUnit::Status::Emergency;
    return map::PatrolUnit::Status::Available;
}

} // namespace

QList<map::PatrolUnit> unitsFromPush(const QList<backend::UnitFix> &fixes, const QString &idPrefix)
{
    QList<map::PatrolUnit> out;
    out.reserve(fixes.size());
    for (const backend::UnitFix &f : fixes) {
        if (f.id.isEmpty())
            continue;
        map::PatrolUnit u;
        u.id = idPrefix + f.id;
        u.callSign = f.callSign.isEmpty() ? f.id : f.callSign;
        const map::GeoPoint p{f.latitude, f.longitude};
        u.position = f.datum == backend::Datum::Gcj02 ? map::gcj02ToWgs84(p) : p;
        u.headingDeg = f.headingDeg;
        u.speedMps = f.speedMps;
        u.status = unitStatus(f.status);
        u.lastFix = f.time;
        out.append(u);
    }
    return out;
}

SitePush::SitePush(SitePushOptions options, map::UnitsModel *units, alarms::AlarmCenter *alarmCenter,
                   QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_units(units)
    , m_push(m_options.connection, topicsFor(units, alarmCenter))
{
    m_push.setSocketOptions(m_options.socket);
    connect(&m_push, &backend::OursPush::statusChanged, this, &SitePush::statusChanged);
    if (units)
        connect(&m_push, &backend::OursPush::unitsReceived, this, &SitePush::onUnits);
    if (alarmCenter) {
        alarms::PlatformAlarmOptions o;
        o.source = m_options.alarmSource;
        o.cameraIdPrefix = m_options.cameraIdPrefix;
        o.chinese = m_options.chinese;
        m_alarms = std::make_unique<alarms::PlatformAlarms>(alarmCenter, &m_push, o);
    }
}

SitePush::~SitePush()
{
    m_push.disconnect(this); // stopping is not news for the owner: it is destroying this
    m_alarms.reset();
    m_push.stop();
    if (m_units) {
        for (const QString &id : std::as_const(m_unitIds))
            m_units->removeUnit(id);
    }
}

void SitePush::start()
{
    m_push.start();
}

void SitePush::onUnits(const QList<backend::UnitFix> &fixes)
{
    if (!m_units)
        return;
    const QList<map::PatrolUnit> units = unitsFromPush(fixes, m_options.unitIdPrefix);
    m_units->applyBatch(units);
    const qsizetype before = m_unitIds.size();
    for (const map::PatrolUnit &u : units)
        m_unitIds.insert(u.id);
    if (m_unitIds.size() != before)
        emit unitCountChanged();
}

} // namespace vigil::sites
