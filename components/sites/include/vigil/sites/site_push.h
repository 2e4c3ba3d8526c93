#pragma once
// SitePush: one platform's push channel (backend::OursPush, our API's GET /api/v1/push) wired into the app:
// its patrol units into the map's units model (ids namespaced "<prefix><platform unit id>", so two sites'
// "car-1" are two units) and its alarms into the one alarm flow (alarms::PlatformAlarms: source
// "platform:<site>", acknowledgements back to this platform over REST, kept in alarms.db while it is away).
// Destroying it stops the push and takes its units off the map. SiteManager owns one per online site of
// kind "ours"; the demo uses one for its own platform (no prefix, source "platform").
//
// Thread: GUI only. The units model and the alarm center may be null (that part is then off) or be
// destroyed first (held by QPointer).
#include "vigil/backend/ours_push.h"
#include "vigil/backend/types.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QSet>

#include <memory>

namespace vigil::map {
class UnitsModel;
struct PatrolUnit;
} // namespace vigil::map

namespace vigil::alarms {
class AlarmCenter;
class PlatformAlarms;
} // namespace vigil::alarms

namespace vigil::sites {

struct SitePushOptions
{
    backend::SiteConnection connection;
    QString unitIdPrefix;                             // "<site id>:" ("" for the demo)
    QString alarmSource = QStringLiteral("platform"); // Alarm::source: "platform:<site id>" for a site
    QString cameraIdPrefix;                           // the directory's ids of this platform's cameras
    bool chinese = true;                              // alarm text: the platform's Chinese message first
    network::WebSocketOptions socket;                 // timeouts and backoff (url and headers are filled in)
};

// A platform's batch of fixes as the map's units, ids prefixed (WGS-84; unknown heading/speed stay NaN:
// the model keeps the last). Thread: any.
QList<map::PatrolUnit> unitsFromPush(const QList<backend::UnitFix> &fixes, const QString &idPrefix);

class SitePush : public QObject
{
    Q_OBJECT

public:
    SitePush(SitePushOptions options, map::UnitsModel *units, alarms::AlarmCenter *alarms,
             QObject *parent = nullptr);
    ~SitePush() override; // stops the push; its units leave the model

    void start();
    backend::OursPush *push() { return &m_push; }
    alarms::PlatformAlarms *platformAlarms() { return m_alarms.get(); }
    backend::OursPush::Status status() const { return m_push.status(); }
    QString lastError() const { return m_push.lastError(); }
    // The refused certificate's SHA-256 (TLS failures of the push's login or its wss), else "".
    QString presentedCertSha256() const { return m_push.presentedCertSha256(); }
    int unitCount() const { return int(m_unitIds.size()); }
    // The units this push put in the model (prefixed ids).
    QSet<QString> unitIds() const { return m_unitIds; }

signals:
    void statusChanged();
    void unitCountChanged();

private:
    void onUnits(const QList<backend::UnitFix> &fixes);

    SitePushOptions m_options;
    QPointer<map::UnitsModel> m_units;
    backend::OursPush m_push;
    std::unique_ptr<alarms::PlatformAlarms> m_alarms;
    QSet<QString> m_unitIds;
};

} // namespace vigil::sites
