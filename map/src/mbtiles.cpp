#include "vigil/map/mbtiles.h"

#include "vigil/map/logging.h"

#include <QtCore/QAtomicInteger>
#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

namespace vigil::map {

namespace {

QString newConnectionName(const char *what)
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("vigil-map-%1-%2").arg(QLatin1String(what)).arg(counter.fetchAndAddRelaxed(1));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("vigil::map::MbTiles", text);
}

} // namespace

MbTilesReader::MbTilesReader()
    : m_connection(newConnectionName("mbtiles"))
{}

MbTilesReader::~MbTilesReader()
{
    close();
}

bool MbTilesReader::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    // The checks run in their own scope so that no QSqlDatabase/QSqlQuery handle is alive when a failure
    // removes the connection.
    const QString problem = [&]() -> QString {
        const QFileInfo info(path);
        const QString shown = QDir::toNativeSeparators(path);
        if (!info.exists() || !info.isFile())
            return tr("The map file %1 does not exist. Check the map source path in the settings, or choose "
                      "another tile source.")
                .arg(shown);
        if (!info.isReadable())
            return tr("The map file %1 cannot be read (permission denied). Give your user read access to it.")
                .arg(shown);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        // Read-only: never create an empty database where the file was expected.
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return tr("The map file %1 could not be opened (%2). Replace it with a valid MBTiles file.")
                .arg(shown, db.lastError().text());
        QSqlQuery meta(db);
        if (!meta.exec(QStringLiteral("SELECT name, value FROM metadata")))
            return tr("The map file %1 is damaged or is not an MBTiles tile set (%2). Replace it with a "
                      "valid "
                      "MBTiles file.")
                .arg(shown, meta.lastError().text());
        while (meta.next())
            m_metadata.insert(meta.value(0).toString(), meta.value(1).toString());
        QSqlQuery tiles(db);
        if (!tiles.exec(QStringLiteral("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles")) ||
            !tiles.next())
            return tr("The map file %1 is damaged or has no tiles table (%2). Replace it with a valid "
                      "MBTiles "
                      "file.")
                .arg(shown, tiles.lastError().text());
        if (tiles.value(0).isNull())
            return tr("The map file %1 contains no tiles. Replace it with a tile set that covers your area.")
                .arg(shown);
        m_minZoom = tiles.value(0).toInt();
        m_maxZoom = tiles.value(1).toInt();
        return {};
    }();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        qCWarning(vigilMap).noquote() << problem;
        close();
        return false;
    }
    m_open = true;
    qCInfo(vigilMap) << "opened MBTiles" << path << "zoom" << m_minZoom << "-" << m_maxZoom << "format"
                     << format();
    return true;
}

void MbTilesReader::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
    m_metadata.clear();
}

QString MbTilesReader::format() const
{
    return m_metadata.value(QStringLiteral("format"), QStringLiteral("png")).toLower();
}

QByteArray MbTilesReader::tileData(TileId t, QString *error) const
{
    if (!m_open || !t.isValid())
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral(
        "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?"));
    q.addBindValue(t.z);
    q.addBindValue(t.x);
    q.addBindValue(flipY(t.z, t.y));
    if (!q.exec()) {
        if (error)
            *error = tr("Reading tile %1 from %2 failed (%3).")
                         .arg(t.key(), QDir::toNativeSeparators(m_path), q.lastError().text());
        return {};
    }
    return q.next() ? q.value(0).toByteArray() : QByteArray();
}

QImage MbTilesReader::tile(TileId t, QString *error) const
{
    const QByteArray data = tileData(t, error);
    if (data.isEmpty())
        return {};
    QImage image = QImage::fromData(data);
    if (image.isNull() && error)
        *error =
            tr("Tile %1 in %2 is not a PNG or JPEG image.").arg(t.key(), QDir::toNativeSeparators(m_path));
    return image;
}

MbTilesWriter::MbTilesWriter()
    : m_connection(newConnectionName("mbtiles-writer"))
{}

MbTilesWriter::~MbTilesWriter()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
    if (m_open)
        QFile::remove(m_tempPath);
}

bool MbTilesWriter::create(const QString &path, const QHash<QString, QString> &metadata, QString *error)
{
    m_path = path;
    m_tempPath = path + QStringLiteral(".tmp-%1").arg(QCoreApplication::applicationPid());
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::remove(m_tempPath);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_tempPath);
    if (!db.open()) {
        if (error)
            *error = tr("Cannot create the map file %1 (%2). Check that the folder is writable.")
                         .arg(QDir::toNativeSeparators(path), db.lastError().text());
        return false;
    }
    m_open = true;
    QSqlQuery q(db);
    const bool ok = q.exec(QStringLiteral("CREATE TABLE metadata (name TEXT, value TEXT)")) &&
                    q.exec(QStringLiteral("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                                          "tile_row INTEGER, tile_data BLOB)")) &&
                    q.exec(QStringLiteral("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, "
                                          "tile_column, tile_row)")) &&
                    db.transaction();
    if (!ok) {
        if (error)
            *error = tr("Cannot write the map file %1 (%2).")
                         .arg(QDir::toNativeSeparators(path), q.lastError().text());
        return false;
    }
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        q.prepare(QStringLiteral("INSERT INTO metadata (name, value) VALUES (?, ?)"));
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        if (!q.exec()) {
            if (error)
                *error = tr("Cannot write the map file %1 (%2).")
                             .arg(QDir::toNativeSeparators(path), q.lastError().text());
            return false;
        }
    }
    return true;
}

bool MbTilesWriter::putTile(TileId t, const QByteArray &data, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)"));
    q.addBindValue(t.z);
    q.addBindValue(t.x);
    q.addBindValue(flipY(t.z, t.y));
    q.addBindValue(data);
    if (!q.exec()) {
        if (error)
            *error = tr("Cannot write tile %1 to %2 (%3).")
                         .arg(t.key(), QDir::toNativeSeparators(m_path), q.lastError().text());
        return false;
    }
    return true;
}

bool MbTilesWriter::finish(QString *error)
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!db.commit()) {
            if (error)
                *error = tr("Cannot write the map file %1 (%2).")
                             .arg(QDir::toNativeSeparators(m_path), db.lastError().text());
            return false;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_open = false;
    QFile::remove(m_path);
    if (!QFile::rename(m_tempPath, m_path)) {
        if (error)
            *error = tr("Cannot move the new map file into place at %1. Check that the folder is writable.")
                         .arg(QDir::toNativeSeparators(m_path));
        QFile::remove(m_tempPath);
        return false;
    }
    return true;
}

} // namespace vigil::map
