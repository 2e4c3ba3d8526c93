#pragma once
// The audit log: who did what and when (logins, wall changes, PTZ moves, exports, alarm handling, refusals),
// append-only in SQLite (configDir()/audit.db).
//
// AuditDatabase is the file: one table `audit`, triggers that refuse UPDATE and DELETE (an audit entry is
// never changed or removed through SQLite), and no API to change or remove an entry. AuditLog puts it on a
// worker thread of its own: append() only queues the entry under a mutex (a few microseconds on the caller's
// thread, see tests/bench/audit) and the worker writes what has queued in one transaction. Queries and the
// CSV export also run on the worker and report back on the GUI thread.
//
// The log is append-only against mistakes and casual edits, not against someone with write access to the
// file (that needs signing or shipping the log elsewhere).
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QWaitCondition>

#include <functional>
#include <memory>

class QThread;

namespace vigil::core {
class SqliteFile;
}

namespace vigil::access {

struct AuditEntry
{
    qint64 id = 0;  // the file's row id (0 until stored)
    QDateTime time; // UTC; append() stamps "now" when invalid
    QString user;   // who was logged in ("" when nobody)
    QString kind;   // "login", "logout", "wall", "ptz", "export", "alarm", "users", "audit", ...
    QString detail;
    bool refused = false; // the role did not allow it
    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

struct AuditFilter
{
    QDateTime from; // inclusive; invalid = no bound
    QDateTime to;   // exclusive; invalid = no bound
    QString user;   // exact, case-insensitive; "" = everyone
    QString kind;   // exact; "" = every kind
    int limit = 0;  // newest first; 0 = all
};

// RFC 4180 CSV: a header line, CRLF line ends, every field quoted when it holds a comma, a quote, CR or LF
// (quotes doubled). A field a spreadsheet would run as a formula (starting with = + - @ or a tab) is prefixed
// with an apostrophe. UTF-8 with a BOM, so that spreadsheets read Chinese names correctly.
QByteArray auditCsv(const QList<AuditEntry> &entries);
QString csvField(const QString &text);

// Thread: the thread that called open() only (Qt Sql connections belong to their thread).
class AuditDatabase
{
public:
    AuditDatabase();
    ~AuditDatabase();
    AuditDatabase(const AuditDatabase &) = delete;
    AuditDatabase &operator=(const AuditDatabase &) = delete;

    // Opens or creates the file. A file that is not an audit database is moved aside
    // (audit.db.corrupt-<time>) and a new one is started; notice() says so. False (error()) when not even a
    // new file could be made.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString error() const { return m_error; }
    QString notice() const { return m_notice; }

    // Appends in one transaction; false (error()) when nothing was stored.
    bool append(const QList<AuditEntry> &entries);
    QList<AuditEntry> query(const AuditFilter &filter);
    qint64 count();
    // For tests: runs raw SQL and returns SQLite's error ("" when it succeeded).
    QString execForTest(const QString &sql);

private:
    bool fail(const QString &what);

    std::unique_ptr<core::SqliteFile> m_file; // WAL, quick check, a damaged file moved aside
    QString m_error;
    QString m_notice;
};

// Thread: append() from any thread; everything else on the GUI (owner's) thread.
class AuditLog : public QObject
{
    Q_OBJECT

public:
    explicit AuditLog(const QString &path, QObject *parent = nullptr);
    ~AuditLog() override; // writes what is queued, then stops the worker

    void append(AuditEntry entry);

    using Entries = std::function<void(const QList<AuditEntry> &entries, const QString &error)>;
    void query(const AuditFilter &filter, Entries done);
    // Writes the matching entries (oldest first) to `file` as CSV, atomically. `done(rows, error)`.
    void exportCsv(const AuditFilter &filter, const QString &file,
                   std::function<void(int rows, const QString &error)> done);

    // Blocks until every entry appended before the call is written (or failed), at most `timeoutMs`.
    bool flush(int timeoutMs = 5000);
    QString path() const { return m_path; }
    QString lastError() const;
    QString notice() const;

signals:
    // A write failed or the file had to be replaced (the text says what happened and what to do).
    void problem(const QString &text);
    // A batch of entries is in the file (for views showing the newest).
    void written(int count);

private:
    void post(std::function<void(AuditDatabase &)> fn);
    void drain();

    QString m_path;
    QThread *m_thread = nullptr;
    std::unique_ptr<QObject> m_context; // lives on m_thread
    std::shared_ptr<AuditDatabase> m_db;

    mutable QMutex m_mutex;
    QWaitCondition m_written;
    QList<AuditEntry> m_queue;
    bool m_drainPosted = false;
    quint64 m_appended = 0;
    quint64 m_done = 0;
    QString m_lastError;
    QString m_notice;
};

} // namespace vigil::access
