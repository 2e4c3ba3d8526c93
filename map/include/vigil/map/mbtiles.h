#pragma once
// MBTiles 1.3 raster tile sets (one SQLite file: `metadata(name, value)` and `tiles(zoom_level, tile_column,
// tile_row, tile_data)` with TMS rows, i.e. y flipped) read and written through Qt Sql's QSQLITE driver. The
// API speaks XYZ TileIds; the flip happens here. Each instance owns its own named connection, and QtSql
// connections are bound to the thread that opened them: open, use and destroy an instance on one thread (the
// map's tile worker). Errors are user-facing sentences: what failed and what to do.
#include "vigil/map/geo.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtGui/QImage>

namespace vigil::map {

class MbTilesReader
{
public:
    MbTilesReader();
    ~MbTilesReader();
    MbTilesReader(const MbTilesReader &) = delete;
    MbTilesReader &operator=(const MbTilesReader &) = delete;

    // Opens read-only and checks the schema. A missing file, a file that is not SQLite, or an SQLite file
    // without the MBTiles tables gives false and `error`.
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }

    QHash<QString, QString> metadata() const { return m_metadata; }
    QString format() const; // "png" | "jpg" | ... from metadata (default "png")
    int minZoom() const { return m_minZoom; }
    int maxZoom() const { return m_maxZoom; }

    // Encoded tile bytes; empty when the tile is absent (not an error: sparse tile sets are normal) or on a
    // read error (then `error` is set, e.g. the file was damaged after opening).
    QByteArray tileData(TileId t, QString *error = nullptr) const;
    // Decoded tile; a null image when absent or undecodable (`error` says which).
    QImage tile(TileId t, QString *error = nullptr) const;

private:
    QString m_connection;
    QString m_path;
    bool m_open = false;
    QHash<QString, QString> m_metadata;
    int m_minZoom = 0;
    int m_maxZoom = 22;
};

// Writes an MBTiles file (replacing `path` atomically on finish()): used by the demo basemap rasteriser and
// the tests. Same thread rules as the reader.
class MbTilesWriter
{
public:
    MbTilesWriter();
    ~MbTilesWriter();
    MbTilesWriter(const MbTilesWriter &) = delete;
    MbTilesWriter &operator=(const MbTilesWriter &) = delete;

    bool create(const QString &path, const QHash<QString, QString> &metadata, QString *error);
    bool putTile(TileId t, const QByteArray &data, QString *error);
    // Commits, closes and renames the temporary file over `path`.
    bool finish(QString *error);

private:
    QString m_connection;
    QString m_path;
    QString m_tempPath;
    bool m_open = false;
};

} // namespace vigil::map
