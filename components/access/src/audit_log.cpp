#include "vigil/access/audit_log.h"

#include "access_logging.h"
#include "vigil/core/sqlite_file.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>
#include <QtCore/QSaveFile>
#include <QtCore/QThread>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

namespace vigil::access {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("vigil::access", text);
}

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, "
    "user TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL, refused INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS audit_time ON audit(time_ms)",
    // Append-only: SQLite itself refuses to change or remove an entry.
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
};

} // namespace

// --- CSV ---------------------------------------------------------------------------------------------------

QString csvField(const QString &text)
{
    QString t = text;
    if (!t.isEmpty() && (t.front() == u'=' || t.front() == u'+' || t.front() == u'-' || t.front() == u'@' ||
                         t.front() == u'\t'))
        t.prepend(u'\'');
    if (t.contains(u',') || t.contains(u'"') || t.contains(u'\n') || t.contains(u'\r'))
        return u'"' + t.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return t;
}

QByteArray auditCsv(const QList<AuditEntry> &entries)
{
    QString out = QStringLiteral("\xFEFF"
                                 "time (UTC),user,kind,detail,outcome\r\n");
    for (const AuditEntry &e : entries) {
        out += csvField(e.time.toUTC().toString(Qt::ISODateWithMs)) + u',' + csvField(e.user) + u',' +
               csvField(e.kind) + u',' + csvField(e.detail) + u',' +
               (e.refused ? QStringLiteral("refused") : QStringLiteral("done")) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

// --- AuditDatabase -----------------------------------------------------------------------------------------

AuditDatabase::AuditDatabase()
    : m_file(std::make_unique<core::SqliteFile>(QStringLiteral("audit")))
{}

AuditDatabase::~AuditDatabase()
{
    close();
}

void AuditDatabase::close()
{
    m_file->close();
}

bool AuditDatabase::isOpen() const
{
    return m_file->isOpen();
}

bool AuditDatabase::fail(const QString &what)
{
    m_error = what;
    qCWarning(vigilAccess).noquote() << "audit log:" << what;
    return false;
}

bool AuditDatabase::open(const QString &path)
{
    m_error.clear();
    m_notice.clear();
    // WAL and synchronous=NORMAL (SqliteFile): an append is a cheap log write; a power cut can lose at most
    // the last transaction, never corrupt the file.
    const bool ok = m_file->open(path, [](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        for (const char *sql : kSchema)
            if (!q.exec(QString::fromLatin1(sql)))
                return q.lastError().text();
        if (!q.exec(QStringLiteral("SELECT id, time_ms, user, kind, detail, refused FROM audit LIMIT 1")))
            return q.lastError().text();
        return {};
    });
    if (!m_file->keptAs().isEmpty()) {
        m_notice = tr("The audit log was damaged (%1); it was kept as %2 and a new one was started.")
                       .arg(m_file->damage(), m_file->keptAs());
        qCWarning(vigilAccess).noquote() << m_notice;
    }
    if (ok)
        return true;
    if (!m_file->damage().isEmpty() && m_file->keptAs().isEmpty())
        return fail(
            tr("The audit log %1 is damaged (%2) and could not be moved aside. Move it away, then start "
               "Vigil again.")
                .arg(path, m_file->damage()));
    return fail(m_file->error());
}

bool AuditDatabase::append(const QList<AuditEntry> &entries)
{
    if (!isOpen())
        return fail(QStringLiteral("the audit log is not open"));
    QSqlDatabase db = m_file->database();
    if (!db.transaction())
        return fail(db.lastError().text());
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO audit (time_ms, user, kind, detail, refused) VALUES (?, ?, ?, ?, ?)"));
    for (const AuditEntry &e : entries) {
        q.bindValue(0, e.time.toMSecsSinceEpoch());
        // A null QString binds as SQL NULL, which the NOT NULL columns refuse (and with it the whole batch):
        // nobody logged in is "".
        auto text = [](const QString &t) {
            return t.isNull() ? QStringLiteral("") : t;
        };
        q.bindValue(1, text(e.user));
        q.bindValue(2, text(e.kind));
        q.bindValue(3, text(e.detail));
        q.bindValue(4, e.refused ? 1 : 0);
        if (!q.exec()) {
            const QString why = q.lastError().text();
            db.rollback();
            return fail(why);
        }
    }
    if (!db.commit())
        return fail(db.lastError().text());
    return true;
}

QList<AuditEntry> AuditDatabase::query(const AuditFilter &filter)
{
    QList<AuditEntry> out;
    if (!isOpen())
        return out;
    QStringList where;
    QVariantList args;
    if (filter.from.isValid()) {
        where << QStringLiteral("time_ms >= ?");
        args << filter.from.toMSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("time_ms < ?");
        args << filter.to.toMSecsSinceEpoch();
    }
    if (!filter.user.isEmpty()) {
        where << QStringLiteral("user = ? COLLATE NOCASE");
        args << filter.user;
    }
    if (!filter.kind.isEmpty()) {
        where << QStringLiteral("kind = ?");
        args << filter.kind;
    }
    QString sql = QStringLiteral("SELECT id, time_ms, user, kind, detail, refused FROM audit");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY id DESC");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery q(m_file->database());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (int i = 0; i < args.size(); ++i)
        q.bindValue(i, args.at(i));
    if (!q.exec()) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.time = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
        e.user = q.value(2).toString();
        e.kind = q.value(3).toString();
        e.detail = q.value(4).toString();
        e.refused = q.value(5).toInt() != 0;
        out.append(e);
    }
    return out;
}

qint64 AuditDatabase::count()
{
    QSqlQuery q(m_file->database());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM audit")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QString AuditDatabase::execForTest(const QString &sql)
{
    QSqlQuery q(m_file->database());
    return q.exec(sql) ? QString() : q.lastError().text();
}

// --- AuditLog ----------------------------------------------------------------------------------------------

AuditLog::AuditLog(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_thread(new QThread)
    , m_context(std::make_unique<QObject>())
    , m_db(std::make_shared<AuditDatabase>())
{
    m_thread->setObjectName(QStringLiteral("audit-log"));
    m_context->moveToThread(m_thread);
    m_thread->start();
    post([this](AuditDatabase &db) {
        const bool ok = db.open(m_path);
        QMutexLocker lock(&m_mutex);
        m_notice = db.notice();
        if (!ok)
            m_lastError =
                tr("The audit log %1 cannot be opened (%2): actions are not being recorded. Check the "
                   "folder and the disk.")
                    .arg(m_path, db.error());
        const QString text = ok ? m_notice : m_lastError;
        lock.unlock();
        if (!text.isEmpty())
            QMetaObject::invokeMethod(
                this, [this, text] { emit problem(text); }, Qt::QueuedConnection);
    });
}

AuditLog::~AuditLog()
{
    flush(5000);
    // The database closes on its own thread (its connection belongs there), after whatever is queued before
    // it; blocking, since quit() would drop events still waiting.
    QMetaObject::invokeMethod(
        m_context.get(), [db = m_db] { db->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_context.reset();
    delete m_thread;
}

void AuditLog::post(std::function<void(AuditDatabase &)> fn)
{
    QMetaObject::invokeMethod(
        m_context.get(), [db = m_db, fn = std::move(fn)] { fn(*db); }, Qt::QueuedConnection);
}

void AuditLog::append(AuditEntry entry)
{
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    QMutexLocker lock(&m_mutex);
    m_queue.append(std::move(entry));
    ++m_appended;
    if (m_drainPosted)
        return; // the worker takes it with the entries already waiting
    m_drainPosted = true;
    lock.unlock();
    post([this](AuditDatabase &) { drain(); });
}

// Worker thread.
void AuditLog::drain()
{
    QMutexLocker lock(&m_mutex);
    const QList<AuditEntry> batch = std::exchange(m_queue, {});
    m_drainPosted = false;
    lock.unlock();
    const bool ok = m_db->append(batch);
    lock.relock();
    m_done += quint64(batch.size());
    QString text;
    if (!ok && m_lastError.isEmpty()) {
        m_lastError =
            tr("Audit entries could not be written (%1). Check the disk; actions are not being recorded.")
                .arg(m_db->error());
        text = m_lastError;
    } else if (ok && !m_lastError.isEmpty() && m_db->isOpen()) {
        m_lastError.clear();
    }
    m_written.wakeAll();
    lock.unlock();
    if (ok) {
        const int n = int(batch.size());
        QMetaObject::invokeMethod(
            this, [this, n] { emit written(n); }, Qt::QueuedConnection);
    }
    if (!text.isEmpty())
        QMetaObject::invokeMethod(
            this, [this, text] { emit problem(text); }, Qt::QueuedConnection);
}

bool AuditLog::flush(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_mutex);
    const quint64 target = m_appended;
    while (m_done < target)
        if (!m_written.wait(&m_mutex, deadline))
            return false;
    return true;
}

QString AuditLog::lastError() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

QString AuditLog::notice() const
{
    QMutexLocker lock(&m_mutex);
    return m_notice;
}

void AuditLog::query(const AuditFilter &filter, Entries done)
{
    QPointer<AuditLog> self(this);
    post([self, filter, done = std::move(done)](AuditDatabase &db) {
        const QList<AuditEntry> rows = db.query(filter);
        const QString error = db.isOpen() ? QString() : db.error();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, rows, error, done] {
                if (self && done)
                    done(rows, error);
            },
            Qt::QueuedConnection);
    });
}

void AuditLog::exportCsv(const AuditFilter &filter, const QString &file,
                         std::function<void(int rows, const QString &error)> done)
{
    QPointer<AuditLog> self(this);
    post([self, filter, file, done = std::move(done)](AuditDatabase &db) {
        QList<AuditEntry> rows = db.query(filter);
        std::reverse(rows.begin(), rows.end()); // oldest first, as a log reads
        QString error;
        if (!db.isOpen())
            error = db.error();
        else {
            // QSaveFile: the file appears complete or not at all (no .bak beside the user's file).
            const QByteArray csv = auditCsv(rows);
            QSaveFile f(file);
            if (!f.open(QIODevice::WriteOnly) || f.write(csv) != csv.size() || !f.commit())
                error = tr("The CSV file %1 could not be written (%2). Choose another folder.")
                            .arg(file, f.errorString());
        }
        const int n = int(rows.size());
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, n, error, done] {
                if (self && done)
                    done(n, error);
            },
            Qt::QueuedConnection);
    });
}

} // namespace vigil::access
