#include "vigil/alarms/alarm_database.h"

#include "vigil/core/logging.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtSql/QSqlRecord>

#include <atomic>

namespace vigil::alarms {

namespace {

std::atomic<int> s_connections{0};

// 2: external_id (a platform's alarm id), unique per source. 3: pending_acks (acknowledgements a platform
// has not been told of yet).
constexpr int kSchemaVersion = 3;

const char *const kColumns =
    "id, source, type, camera_id, zone, lon, lat, time, priority, text, state, notes, "
    "acknowledged_at, acknowledged_by, closed_at, closed_by, external_id";

QVariant timeValue(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toUTC().toString(Qt::ISODateWithMs))
                       : QVariant(QMetaType(QMetaType::QString));
}

QDateTime timeFrom(const QVariant &v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

Alarm alarmFrom(const QSqlQuery &q)
{
    Alarm a;
    a.id = q.value(0).toLongLong();
    a.source = q.value(1).toString();
    a.type = q.value(2).toString();
    a.cameraId = q.value(3).toString();
    a.zone = q.value(4).toString();
    if (!q.value(5).isNull() && !q.value(6).isNull()) {
        a.lon = q.value(5).toDouble();
        a.lat = q.value(6).toDouble();
    }
    a.time = timeFrom(q.value(7));
    a.priority = std::clamp(q.value(8).toInt(), kMinPriority, kMaxPriority);
    a.text = q.value(9).toString();
    a.state = stateFromWord(q.value(10).toString()).value_or(Alarm::State::New);
    a.notes = q.value(11).toString();
    a.acknowledgedAt = timeFrom(q.value(12));
    a.acknowledgedBy = q.value(13).toString();
    a.closedAt = timeFrom(q.value(14));
    a.closedBy = q.value(15).toString();
    a.externalId = q.value(16).toString();
    return a;
}

} // namespace

AlarmDatabase::AlarmDatabase()
    : m_connection(QStringLiteral("vigil-alarms-%1").arg(++s_connections))
{}

AlarmDatabase::~AlarmDatabase()
{
    close();
}

void AlarmDatabase::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
}

bool AlarmDatabase::fail(const QString &what)
{
    m_error = what;
    qCWarning(vigilAlarms).noquote() << what;
    return false;
}

bool AlarmDatabase::openFile(const QString &path)
{
    close();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        return fail(db.lastError().text());
    m_open = true;
    return true;
}

bool AlarmDatabase::prepareSchema()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    // A file that is not SQLite fails here ("file is not a database").
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() ||
        q.value(0).toString() != QLatin1String("ok"))
        return fail(q.lastError().isValid() ? q.lastError().text() : q.value(0).toString());
    q.finish();
    if (!q.exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS alarms ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, type TEXT NOT NULL, "
                           "camera_id TEXT, zone TEXT, lon REAL, lat REAL, time TEXT NOT NULL, "
                           "priority INTEGER NOT NULL, text TEXT, state TEXT NOT NULL, notes TEXT, "
                           "acknowledged_at TEXT, acknowledged_by TEXT, closed_at TEXT, closed_by TEXT, "
                           "external_id TEXT)")))
        return fail(q.lastError().text());
    // A file of schema 1 (before external_id) gains the column; its alarms keep theirs.
    bool hasExternalId = false;
    if (!q.exec(QStringLiteral("PRAGMA table_info(alarms)")))
        return fail(q.lastError().text());
    while (q.next())
        hasExternalId = hasExternalId || q.value(1).toString() == QLatin1String("external_id");
    q.finish();
    if (!hasExternalId && !q.exec(QStringLiteral("ALTER TABLE alarms ADD COLUMN external_id TEXT")))
        return fail(q.lastError().text());
    if (!q.exec(QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS alarms_external ON alarms (source, "
                               "external_id) WHERE external_id IS NOT NULL AND external_id <> ''")))
        return fail(q.lastError().text());
    // Schema 3: a file of schema 1 or 2 gains the table (empty); nothing else changes.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS pending_acks (source TEXT NOT NULL, external_id "
                               "TEXT NOT NULL, note TEXT, queued_at TEXT NOT NULL, PRIMARY KEY (source, "
                               "external_id))")))
        return fail(q.lastError().text());
    if (!q.exec(QStringLiteral("SELECT source, external_id, note, queued_at FROM pending_acks LIMIT 1")))
        return fail(q.lastError().text());
    q.finish();
    // A table of another shape (a file of something else that happens to have an "alarms" table).
    if (!q.exec(QStringLiteral("SELECT %1 FROM alarms LIMIT 1").arg(QLatin1String(kColumns))))
        return fail(q.lastError().text());
    q.finish();
    if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)))
        return fail(q.lastError().text());
    return true;
}

bool AlarmDatabase::open(const QString &path)
{
    m_error.clear();
    m_notice.clear();
    m_keptAs.clear();
    if (openFile(path) && prepareSchema())
        return true;
    const QString why = m_error;
    close();
    if (QFileInfo::exists(path)) {
        const QString aside = path + QStringLiteral(".corrupt-") +
                              QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QFile::rename(path, aside))
            return fail(QStringLiteral("The alarm database %1 is damaged (%2) and could not be moved aside. "
                                       "Move or delete it, then start Vigil again.")
                            .arg(path, why));
        QFile::remove(path + QStringLiteral("-journal"));
        m_keptAs = aside;
        m_notice =
            QStringLiteral("The alarm database was damaged (%1); it was kept as %2 and a new, empty one "
                           "was started.")
                .arg(why, aside);
        qCWarning(vigilAlarms).noquote() << m_notice;
    }
    if (openFile(path) && prepareSchema())
        return true;
    close();
    return fail(
        QStringLiteral("The alarm database %1 cannot be created (%2). Check that the folder is writable.")
            .arg(path, m_error));
}

qint64 AlarmDatabase::insert(const Alarm &a, bool *duplicate)
{
    if (duplicate)
        *duplicate = false;
    if (!m_open) {
        fail(QStringLiteral("The alarm database is not open."));
        return 0;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!a.externalId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT id FROM alarms WHERE source = ? AND external_id = ?"));
        q.addBindValue(a.source);
        q.addBindValue(a.externalId);
        if (q.exec() && q.next()) {
            if (duplicate)
                *duplicate = true;
            return q.value(0).toLongLong();
        }
        q.finish();
    }
    q.prepare(
        QStringLiteral("INSERT INTO alarms (source, type, camera_id, zone, lon, lat, time, priority, text, "
                       "state, notes, acknowledged_at, acknowledged_by, closed_at, closed_by, external_id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariant nullReal(QMetaType(QMetaType::Double));
    q.addBindValue(a.source);
    q.addBindValue(a.type);
    q.addBindValue(a.cameraId);
    q.addBindValue(a.zone);
    q.addBindValue(a.hasPosition() ? QVariant(*a.lon) : nullReal);
    q.addBindValue(a.hasPosition() ? QVariant(*a.lat) : nullReal);
    q.addBindValue(timeValue(a.time));
    q.addBindValue(a.priority);
    q.addBindValue(a.text);
    q.addBindValue(stateWord(a.state));
    q.addBindValue(a.notes);
    q.addBindValue(timeValue(a.acknowledgedAt));
    q.addBindValue(a.acknowledgedBy);
    q.addBindValue(timeValue(a.closedAt));
    q.addBindValue(a.closedBy);
    q.addBindValue(a.externalId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(a.externalId));
    if (!q.exec()) {
        fail(QStringLiteral("An alarm could not be stored: %1").arg(q.lastError().text()));
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

bool AlarmDatabase::update(const Alarm &a)
{
    if (!m_open)
        return fail(QStringLiteral("The alarm database is not open."));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(
        QStringLiteral("UPDATE alarms SET state = ?, notes = ?, acknowledged_at = ?, acknowledged_by = ?, "
                       "closed_at = ?, closed_by = ? WHERE id = ?"));
    q.addBindValue(stateWord(a.state));
    q.addBindValue(a.notes);
    q.addBindValue(timeValue(a.acknowledgedAt));
    q.addBindValue(a.acknowledgedBy);
    q.addBindValue(timeValue(a.closedAt));
    q.addBindValue(a.closedBy);
    q.addBindValue(a.id);
    if (!q.exec())
        return fail(QStringLiteral("Alarm %1 could not be saved: %2").arg(a.id).arg(q.lastError().text()));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("Alarm %1 is not in the database.").arg(a.id));
    return true;
}

std::optional<Alarm> AlarmDatabase::find(qint64 id)
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT %1 FROM alarms WHERE id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return alarmFrom(q);
}

QList<Alarm> AlarmDatabase::recent(int limit)
{
    QList<Alarm> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM alarms ORDER BY id DESC LIMIT ?").arg(QLatin1String(kColumns)));
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(QStringLiteral("The alarms could not be read: %1").arg(q.lastError().text()));
        return out;
    }
    while (q.next())
        out.append(alarmFrom(q));
    return out;
}

qint64 AlarmDatabase::count()
{
    if (!m_open)
        return -1;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM alarms")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool AlarmDatabase::addPendingAck(const PendingAck &ack)
{
    if (!m_open)
        return fail(QStringLiteral("The alarm database is not open."));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO pending_acks (source, external_id, note, queued_at) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(ack.source);
    q.addBindValue(ack.externalId);
    q.addBindValue(ack.note);
    q.addBindValue(timeValue(ack.queuedAt.isValid() ? ack.queuedAt : QDateTime::currentDateTimeUtc()));
    if (!q.exec())
        return fail(QStringLiteral("The acknowledgement of platform alarm %1 could not be kept: %2")
                        .arg(ack.externalId, q.lastError().text()));
    return true;
}

bool AlarmDatabase::removePendingAck(const QString &source, const QString &externalId)
{
    if (!m_open)
        return fail(QStringLiteral("The alarm database is not open."));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM pending_acks WHERE source = ? AND external_id = ?"));
    q.addBindValue(source);
    q.addBindValue(externalId);
    if (!q.exec())
        return fail(
            QStringLiteral("A sent acknowledgement could not be cleared: %1").arg(q.lastError().text()));
    return true;
}

QList<PendingAck> AlarmDatabase::pendingAcks(const QString &source)
{
    QList<PendingAck> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT source, external_id, note, queued_at FROM pending_acks WHERE source = ? "
                             "ORDER BY queued_at, rowid"));
    q.addBindValue(source);
    if (!q.exec()) {
        fail(QStringLiteral("The pending acknowledgements could not be read: %1").arg(q.lastError().text()));
        return out;
    }
    while (q.next())
        out.append(PendingAck{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                              timeFrom(q.value(3))});
    return out;
}

} // namespace vigil::alarms
