#pragma once
// SqliteFile: one SQLite file through Qt Sql (QSQLITE), opened the way Vigil's stores keep theirs (the audit
// log, the patrol track history). open() makes the folder, opens the file under a connection name of its own,
// runs SQLite's quick check, turns on WAL with synchronous=NORMAL (a commit is one log append; a crash or a
// power cut loses at most the last transaction and never corrupts the file), then runs the owner's schema
// step. A file that is not a database, fails the check or the schema step is moved aside with its -wal/-shm
// (<file>.corrupt-<yyyyMMdd-HHmmss>) and a fresh one is made; damage() and keptAs() then say why and where,
// for the owner to tell the operator in its own words.
//
// Thread: the thread that called open() only (a Qt Sql connection belongs to the thread that made it). Every
// call does disk I/O: a worker thread, never the GUI thread.
#include <QtCore/QString>
#include <QtSql/QSqlDatabase>

#include <functional>

namespace vigil::core {

class SqliteFile
{
public:
    struct Options
    {
        bool wal = true;
        int cacheKiB = 0; // PRAGMA cache_size (0 = SQLite's default, ~2 MB)
    };
    // Creates or checks the tables; returns SQLite's error text ("" = fine). Runs inside open().
    using Schema = std::function<QString(QSqlDatabase &db)>;

    // `name` prefixes the connection name ("audit" -> "vigil-audit-3").
    explicit SqliteFile(const QString &name);
    ~SqliteFile();
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;

    // False (error()) when not even a fresh file could be made at `path`.
    bool open(const QString &path, const Schema &schema, Options options);
    bool open(const QString &path, const Schema &schema) { return open(path, schema, Options{}); }
    void close();
    bool isOpen() const { return m_open; }
    QSqlDatabase database() const;
    QString path() const { return m_path; }
    // SQLite's words for the last failure of open() (or what the owner passed to setError()).
    QString error() const { return m_error; }
    void setError(const QString &error) { m_error = error; }
    // Why the file found at open() was moved aside, and where to ("" when it was fine).
    QString damage() const { return m_damage; }
    QString keptAs() const { return m_keptAs; }

    // Runs `sql` and returns its first column of the first row ("" on error; error() says why).
    QString pragma(const QString &sql);

private:
    bool openFile(const Schema &schema, const Options &options);

    QString m_connection;
    QString m_path;
    QString m_error;
    QString m_damage;
    QString m_keptAs;
    bool m_open = false;
};

} // namespace vigil::core
