#include "vigil/core/sqlite_file.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include <atomic>

namespace vigil::core {

namespace {
std::atomic<int> s_connections{0};
} // namespace

SqliteFile::SqliteFile(const QString &name)
    : m_connection(QStringLiteral("vigil-%1-%2").arg(name).arg(++s_connections))
{}

SqliteFile::~SqliteFile()
{
    close();
}

QSqlDatabase SqliteFile::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

void SqliteFile::close()
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

QString SqliteFile::pragma(const QString &sql)
{
    QSqlQuery q(database());
    if (!q.exec(sql)) {
        m_error = q.lastError().text();
        return {};
    }
    return q.next() ? q.value(0).toString() : QString();
}

bool SqliteFile::openFile(const Schema &schema, const Options &options)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return false;
    }
    m_open = true;
    QSqlQuery q(db);
    // A file that is not SQLite fails here ("file is not a database").
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() ||
        q.value(0).toString() != QLatin1String("ok")) {
        m_error = q.lastError().isValid() ? q.lastError().text() : q.value(0).toString();
        return false;
    }
    q.finish();
    if (options.wal) {
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
            m_error = q.lastError().text();
            return false;
        }
        q.finish();
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    }
    if (options.cacheKiB > 0)
        q.exec(QStringLiteral("PRAGMA cache_size=-%1").arg(options.cacheKiB));
    q.finish();
    if (schema) {
        const QString why = schema(db);
        if (!why.isEmpty()) {
            m_error = why;
            return false;
        }
    }
    return true;
}

bool SqliteFile::open(const QString &path, const Schema &schema, Options options)
{
    close();
    m_path = path;
    m_error.clear();
    m_damage.clear();
    m_keptAs.clear();
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (openFile(schema, options))
        return true;
    const QString why = m_error;
    close();
    if (!QFileInfo::exists(path))
        return false; // nothing to move aside: the folder is the problem (error() says what SQLite said)
    const QString aside = path + QStringLiteral(".corrupt-") +
                          QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(path, aside)) {
        m_error = why;
        m_damage = why;
        return false;
    }
    // The log and index go with it (a stale -wal must not be replayed into the fresh file).
    for (const QLatin1String suffix :
         {QLatin1String("-wal"), QLatin1String("-shm"), QLatin1String("-journal")})
        if (QFileInfo::exists(path + suffix) && !QFile::rename(path + suffix, aside + suffix))
            QFile::remove(path + suffix);
    m_damage = why;
    m_keptAs = aside;
    if (openFile(schema, options))
        return true;
    close();
    return false;
}

} // namespace vigil::core
