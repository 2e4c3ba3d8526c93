#pragma once
// AlarmDatabase: the alarms in SQLite (Qt Sql, QSQLITE), one file (configDir()/alarms.db by default).
// A file that is not a database, fails SQLite's quick check or has a table of another shape is moved aside
// (alarms.db.corrupt-<time>) and a fresh one is made; `notice()` then says so for the operator.
//
// Thread: one thread only — the one that calls open() (AlarmStore's worker); Qt Sql connections belong to
// the thread that made them. Every call does disk I/O: never on the GUI thread.
#include "vigil/alarms/alarm.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>

namespace vigil::alarms {

// An acknowledgement a platform has not yet been told of (it was away): sent again when it is back, also
// after a restart.
struct PendingAck
{
    QString source;     // the alarm's source ("platform", "platform:<site>")
    QString externalId; // the platform's alarm id
    QString note;       // what the platform is told
    QDateTime queuedAt; // UTC
};

class AlarmDatabase
{
public:
    AlarmDatabase();
    ~AlarmDatabase();
    AlarmDatabase(const AlarmDatabase &) = delete;
    AlarmDatabase &operator=(const AlarmDatabase &) = delete;

    // Opens (or creates) `path`. False with error() when not even a fresh file could be made there.
    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }
    // English sentence when a damaged file was moved aside at open() (empty otherwise); keptAs() is where.
    QString notice() const { return m_notice; }
    QString keptAs() const { return m_keptAs; }

    // Stores a new alarm; returns its id (0 on failure, error() says why). An alarm with an externalId that
    // is already stored for its source is not stored again: the stored one's id is returned and
    // `*duplicate` set.
    qint64 insert(const Alarm &alarm, bool *duplicate = nullptr);
    // Writes the state, notes and state-change fields of an alarm already stored.
    bool update(const Alarm &alarm);
    std::optional<Alarm> find(qint64 id);
    // The newest `limit` alarms, newest first (by id).
    QList<Alarm> recent(int limit);
    qint64 count();

    // Pending platform acknowledgements (table pending_acks, schema 3): one per (source, external id); adding
    // one again replaces its note.
    bool addPendingAck(const PendingAck &ack);
    bool removePendingAck(const QString &source, const QString &externalId);
    // Those of `source`, oldest first.
    QList<PendingAck> pendingAcks(const QString &source);

private:
    bool openFile(const QString &path);
    bool prepareSchema();
    bool fail(const QString &what);

    QString m_connection;
    QString m_error;
    QString m_notice;
    QString m_keptAs;
    bool m_open = false;
};

} // namespace vigil::alarms
