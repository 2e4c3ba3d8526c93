#pragma once
// Tile sources as values, and the worker that loads tiles from them.
//
// TileSourceSpec::fromString() understands what an operator or a config file writes:
//   ""  or "grid"                 the plain fallback grid (always works, no data)
//   "/path/county.mbtiles", "file:///…"   an offline MBTiles raster file
//   "osm"                         OpenStreetMap standard tiles (WGS-84)
//   "amap"                        AMap/Gaode road map (GCJ-02)
//   "tencent"                     Tencent road map (GCJ-02, TMS rows)
//   "tianditu:<tk>"               Tianditu vector base map with your key (CGCS2000 ~ WGS-84)
//   "https://…/{z}/{x}/{y}.png"   any XYZ template; {s} picks a subdomain from "[abc]"-style lists given as
//                                 "…{s}…|a,b,c"; {-y} is the TMS row; prefix "gcj02:" for GCJ-02 tiles.
// Each source declares its datum, so markers (always WGS-84 inside Vigil) are shifted onto the right street.
//
// TileLoader lives on the map's worker thread (see TileStore): MBTiles reads, HTTP fetches (through
// QNetworkAccessManager with a QNetworkDiskCache on disk) and PNG/JPEG decoding never touch the GUI thread.
#include "vigil/map/geo.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QUrl>
#include <QtGui/QImage>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace vigil::map {

class MbTilesReader;

struct TileSourceSpec
{
    enum class Kind
    {
        Grid,
        MbTiles,
        Xyz,
    };
    Kind kind = Kind::Grid;
    QString name;        // for logs and the attribution line
    QString path;        // MBTiles file
    QString urlTemplate; // XYZ
    QStringList subdomains;
    Datum datum = Datum::Wgs84;
    int minZoom = 1;
    int maxZoom = 19;
    QString attribution;

    // nullopt + a user-facing `error` for something that cannot be a source (unknown preset, bad template).
    static std::optional<TileSourceSpec> fromString(const QString &source, QString *error);
    // The URL of one tile (XYZ only). Subdomains rotate by tile so neighbours spread over hosts.
    QUrl tileUrl(TileId t) const;
    // The same URL with keys (Tianditu "tk", any "key"/"token" parameter) blanked, for logs.
    static QString redactedUrl(const QUrl &url);
};

// Worker-thread side. Construct, moveToThread(worker), then call only through queued invocations (TileStore
// does). Results go out through the signals, stamped with the generation of the setSource() they belong to.
class TileLoader : public QObject
{
    Q_OBJECT
public:
    // `diskCacheDir`: where HTTP tiles are cached (a subfolder per source); empty = no disk cache.
    explicit TileLoader(QString diskCacheDir, QObject *parent = nullptr);
    ~TileLoader() override;

    void setSource(const TileSourceSpec &spec, quint64 generation);
    void request(TileId t, quint64 generation);
    // Drops queued HTTP requests that are no longer wanted (the view moved on).
    void cancelAllBut(const QList<TileId> &keep, quint64 generation);
    // Releases the SQLite connection and the network manager; call before the worker thread ends.
    void shutdown();

    // A grid tile (the fallback source): light lines, the tile's z/x/y. Pure; any thread.
    static QImage gridTile(TileId t);

signals:
    void sourceReady(int minZoom, int maxZoom, quint64 generation);
    void sourceFailed(const QString &error, quint64 generation);
    void tileLoaded(int z, int x, int y, const QImage &image, quint64 generation);
    // `missing`: the source simply has no tile there (draw the parent scaled). Not missing with an empty
    // `error`: the request was cancelled. Otherwise a failure with a user-facing `error`.
    void tileFailed(int z, int x, int y, bool missing, const QString &error, quint64 generation);

private:
    void onReply(QNetworkReply *reply, TileId t, quint64 generation);

    QString m_diskCacheDir;
    TileSourceSpec m_spec;
    quint64 m_generation = 0;
    std::unique_ptr<MbTilesReader> m_mbtiles;
    QNetworkAccessManager *m_network = nullptr; // created on the worker thread at first use
    QHash<TileId, QNetworkReply *> m_inFlight;
};

} // namespace vigil::map
