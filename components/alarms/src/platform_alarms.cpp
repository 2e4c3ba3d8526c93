#include "vigil/alarms/platform_alarms.h"

#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/alarm_database.h"
#include "vigil/backend/ours_push.h"
#include "vigil/core/logging.h"
#include "vigil/map/geo.h"

#include <algorithm>
#include <cmath>

namespace vigil::alarms {

namespace {

// A platform that sends no priority: people in danger first, then tampering, then motion.
int priorityOfKind(const QString &kind)
{
    static const QStringList urgent = {QStringLiteral("sos"), QStringLiteral("fire"),
                                       QStringLiteral("call-110"), QStringLiteral("emergency")};
    static const QStringList high = {QStringLiteral("intrusion"), QStringLiteral("tamper"),
                                     QStringLiteral("line-crossing")};
    if (urgent.contains(kind))
        return 5;
    if (high.contains(kind))
        return 4;
    if (kind == QLatin1String("motion"))
        return 2;
    return 3;
}

} // namespace

std::optional<Alarm> alarmFromPush(const backend::PushMessage &m, const PlatformAlarmOptions &options)
{
    if (m.type != backend::PushMessage::Type::Alarm || m.alarmId.trimmed().isEmpty())
        return std::nullopt;
    Alarm a;
    a.source = options.source;
    a.externalId = m.alarmId.trimmed();
    a.type = m.alarmKind.trimmed().isEmpty() ? QStringLiteral("alarm") : m.alarmKind.trimmed();
    if (!m.alarmCameraId.isEmpty())
        a.cameraId = options.cameraIdPrefix + m.alarmCameraId;
    if (std::isfinite(m.alarmLongitude) && std::isfinite(m.alarmLatitude)) {
        const map::GeoPoint p{m.alarmLatitude, m.alarmLongitude};
        const map::GeoPoint wgs = m.alarmDatum == backend::Datum::Gcj02 ? map::gcj02ToWgs84(p) : p;
        a.lon = wgs.lon;
        a.lat = wgs.lat;
    }
    a.time = m.alarmTime.isValid() ? m.alarmTime.toUTC() : QDateTime();
    a.priority = m.alarmPriority >= kMinPriority && m.alarmPriority <= kMaxPriority ? m.alarmPriority
                                                                                    : priorityOfKind(a.type);
    const QString first = options.chinese ? m.alarmMessage : m.alarmMessageEn;
    const QString second = options.chinese ? m.alarmMessageEn : m.alarmMessage;
    a.text = first.trimmed().isEmpty() ? second.trimmed() : first.trimmed();
    return a;
}

PlatformAlarms::PlatformAlarms(AlarmCenter *center, backend::OursPush *push, PlatformAlarmOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_center(center)
    , m_push(push)
    , m_options(std::move(options))
    , m_since(QDateTime::currentDateTimeUtc())
{
    connect(push, &backend::OursPush::alarmReceived, this, &PlatformAlarms::onPushed);
    connect(push, &backend::OursPush::connected, this, [this] {
        m_retryDelayMs = 0; // the platform is back: at once, then from the first delay again
        retryPending();
    });
    connect(center->store(), &AlarmStore::alarmChanged, this, &PlatformAlarms::onChanged);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &PlatformAlarms::retryPending);
    // Acknowledgements an earlier run (or an earlier push of this site) could not deliver.
    QPointer<PlatformAlarms> self(this);
    center->store()->pendingAcks(m_options.source, [self](const QList<PendingAck> &acks) {
        if (self)
            self->onPendingLoaded(acks);
    });
}

void PlatformAlarms::onPendingLoaded(const QList<PendingAck> &acks)
{
    for (const PendingAck &a : acks) {
        if (m_sent.contains(a.externalId) && !m_pending.contains(a.externalId))
            continue; // already sent in this run
        m_sent.insert(a.externalId);
        m_pending.insert(a.externalId, a.note);
    }
    if (!acks.isEmpty()) {
        qCInfo(vigilAlarms).noquote() << acks.size() << "acknowledgement(s) for" << m_options.source
                                      << "kept from before: sending them";
        retryPending();
    }
}

void PlatformAlarms::scheduleRetry()
{
    if (m_pending.isEmpty() || m_retry.isActive())
        return;
    m_retryDelayMs =
        m_retryDelayMs == 0 ? m_retryFirstMs : std::min(m_retryDelayMs * 2, std::max(m_retryFirstMs * 30, 1));
    m_retry.start(m_retryDelayMs);
}

void PlatformAlarms::onPushed(const backend::PushMessage &message)
{
    ++m_received;
    const std::optional<Alarm> alarm = alarmFromPush(message, m_options);
    if (!alarm || !m_center) {
        qCWarning(vigilAlarms) << "a platform alarm without an id was ignored";
        return;
    }
    m_center->raise(*alarm);
}

void PlatformAlarms::onChanged(const Alarm &alarm)
{
    // The operator moved one of this site's alarms out of "new" (acknowledged, handled or false alarm) in
    // this run: the platform hears of it once.
    if (alarm.source != m_options.source || alarm.externalId.isEmpty() || alarm.state == Alarm::State::New ||
        !alarm.acknowledgedAt.isValid() || alarm.acknowledgedAt < m_since.addSecs(-1) ||
        m_sent.contains(alarm.externalId))
        return;
    m_sent.insert(alarm.externalId);
    const QString note =
        QStringLiteral("%1 %2 (Vigil)").arg(stateWord(alarm.state), alarm.acknowledgedBy).trimmed();
    sendAck(alarm.externalId, note);
}

void PlatformAlarms::sendAck(const QString &platformAlarmId, const QString &note)
{
    if (!m_push || m_inFlight.contains(platformAlarmId))
        return;
    m_inFlight.insert(platformAlarmId);
    QPointer<PlatformAlarms> self(this);
    m_push->acknowledgeAlarm(
        platformAlarmId, note, [self, platformAlarmId, note](const QString &error, bool permanent) {
            if (!self)
                return;
            self->m_inFlight.remove(platformAlarmId);
            AlarmStore *store = self->m_center ? self->m_center->store() : nullptr;
            if (error.isEmpty()) {
                if (self->m_pending.remove(platformAlarmId) && store)
                    store->dropPendingAck(self->m_options.source, platformAlarmId);
                if (self->m_pending.isEmpty())
                    self->m_retryDelayMs = 0;
                ++self->m_acked;
                emit self->ackSent(platformAlarmId);
                return;
            }
            ++self->m_ackFailures;
            if (permanent) {
                // Trying again cannot help: the error says what to do.
                if (self->m_pending.remove(platformAlarmId) && store)
                    store->dropPendingAck(self->m_options.source, platformAlarmId);
            } else {
                if (!self->m_pending.contains(platformAlarmId) && store)
                    store->keepPendingAck(
                        {self->m_options.source, platformAlarmId, note, QDateTime::currentDateTimeUtc()});
                self->m_pending.insert(platformAlarmId, note);
                self->scheduleRetry();
            }
            self->m_lastError =
                tr("The platform was not told that alarm %1 is acknowledged: %2").arg(platformAlarmId, error);
            if (self->m_center)
                self->m_center->store()->reportError(self->m_lastError);
            emit self->ackFailed(platformAlarmId, error);
        });
}

void PlatformAlarms::retryPending()
{
    const QHash<QString, QString> pending = m_pending;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        qCInfo(vigilAlarms).noquote() << "acknowledging platform alarm" << it.key() << "again";
        sendAck(it.key(), it.value());
    }
}

} // namespace vigil::alarms
