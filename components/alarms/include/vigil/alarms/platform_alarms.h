#pragma once
// Platform alarms into the one alarm flow: a platform's pushed alarms (backend::OursPush, our API's "alarms"
// topic) become alarms of the AlarmCenter, and an operator's acknowledgement (or closing) of one of them is
// sent back to the platform (POST /api/v1/alarms/{id}/ack) — on a worker, never the GUI thread.
//
// alarmFromPush() is the mapping, a pure function (tested as a table). PlatformAlarms is the glue.
// Duplicates: the store keeps one alarm per (source, platform alarm id), so an alarm pushed again (a
// platform replays open alarms after a reconnect) raises nothing new. An acknowledgement the platform did
// not get because it was away is logged, shown (Alarms.store.lastError), kept in Vigil (the alarm's state
// never goes back) and in alarms.db (table pending_acks, so a restart does not lose it), and sent again when
// the push reconnects and on a backoff timer (2 s doubling to 60 s) until the platform takes it. One refused
// for good (unknown alarm, account refused) is dropped: its sentence says what to do.
#include "vigil/alarms/alarm.h"
#include "vigil/backend/types.h"

#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <optional>

namespace vigil::backend {
class OursPush;
}

namespace vigil::alarms {

class AlarmCenter;
struct PendingAck;

struct PlatformAlarmOptions
{
    QString source = QStringLiteral("platform"); // Alarm::source of this site's alarms
    // The directory's camera id is prefix + the platform's (the demo's cameras are unprefixed; a
    // configured site's are "<site>/").
    QString cameraIdPrefix;
    bool chinese = true; // the text: "message" first (else "messageEn" first), the other when it is empty
};

// The alarm a push message raises: nullopt for a message that is not an alarm or has no id. Place: the
// camera (id mapped into the directory) and/or lon/lat (GCJ-02 turned into WGS-84); priority: the
// platform's (1..5), else by kind; time: the platform's, in UTC. Thread: any.
std::optional<Alarm> alarmFromPush(const backend::PushMessage &message, const PlatformAlarmOptions &options);

// Thread: GUI only. Both objects must outlive it or be destroyed first (it holds QPointers).
class PlatformAlarms : public QObject
{
    Q_OBJECT

public:
    PlatformAlarms(AlarmCenter *center, backend::OursPush *push, PlatformAlarmOptions options,
                   QObject *parent = nullptr);

    int received() const { return m_received; }       // alarm messages pushed
    int acknowledged() const { return m_acked; }      // acknowledgements the platform took
    int ackFailures() const { return m_ackFailures; } // acknowledgements that failed (each attempt)
    int pendingAcks() const { return int(m_pending.size()); }
    QString lastError() const { return m_lastError; }
    // Tests: the first delay of the retry of pending acknowledgements (doubles up to 30 times it).
    void setRetryDelayMs(int ms) { m_retryFirstMs = ms; }

signals:
    void ackSent(const QString &platformAlarmId);
    void ackFailed(const QString &platformAlarmId, const QString &error);

private:
    void onPushed(const backend::PushMessage &message);
    void onChanged(const Alarm &alarm);
    void sendAck(const QString &platformAlarmId, const QString &note);
    void retryPending();
    void onPendingLoaded(const QList<PendingAck> &acks);
    void scheduleRetry();

    QPointer<AlarmCenter> m_center;
    QPointer<backend::OursPush> m_push;
    PlatformAlarmOptions m_options;
    QDateTime m_since;                 // acknowledgements before this (an earlier run) are not sent again
    QSet<QString> m_sent;              // platform ids acknowledged or being acknowledged in this run
    QSet<QString> m_inFlight;          // being sent now (a retry does not send them twice)
    QHash<QString, QString> m_pending; // failed: platform id -> note, sent again on reconnect
    QTimer m_retry;                    // the next try of m_pending while the platform is away
    int m_retryFirstMs = 2000;
    int m_retryDelayMs = 0;
    int m_received = 0;
    int m_acked = 0;
    int m_ackFailures = 0;
    QString m_lastError;
};

} // namespace vigil::alarms
