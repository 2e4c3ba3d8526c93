#pragma once
// Geodesy and slippy-map tile math: Web-Mercator (EPSG:3857) lon/lat <-> world pixels <-> tiles (z/x/y, XYZ
// numbering, y grows southwards), WGS-84 <-> GCJ-02 ("Mars coordinates" used by AMap/Tencent), great-circle
// distance. Pure functions on plain values. Thread: any.
#include <QtCore/QHashFunctions>
#include <QtCore/QMetaType>
#include <QtCore/QPointF>
#include <QtCore/QRectF>
#include <QtCore/QString>

#include <cmath>

namespace vigil::map {

inline constexpr int kTileSize = 256;                 // pixels per tile edge at its own zoom
inline constexpr double kMaxLatitude = 85.0511287798; // Web-Mercator limit (square world)
inline constexpr double kEarthRadiusM = 6371008.8;    // mean Earth radius (IUGG), for great-circle distance

// A WGS-84 (or GCJ-02, see Datum) position in degrees.
struct GeoPoint
{
    double lat = 0;
    double lon = 0;
    friend bool operator==(const GeoPoint &, const GeoPoint &) = default;
};

// Which geodetic frame a tile source's pixels are drawn in. GPS, Tianditu (CGCS2000 ~ WGS-84 at map scale)
// and OpenStreetMap are WGS-84; AMap/Gaode and Tencent serve GCJ-02.
enum class Datum
{
    Wgs84,
    Gcj02,
};

// One tile in XYZ numbering (OpenStreetMap/Google): x east, y south, both in [0, 2^z).
struct TileId
{
    int z = 0;
    int x = 0;
    int y = 0;
    friend bool operator==(const TileId &, const TileId &) = default;
    bool isValid() const { return z >= 0 && z <= 30 && x >= 0 && y >= 0 && x < (1 << z) && y < (1 << z); }
    TileId parent() const { return z > 0 ? TileId{z - 1, x >> 1, y >> 1} : *this; }
    QString key() const { return QStringLiteral("%1/%2/%3").arg(z).arg(x).arg(y); }
};

inline size_t qHash(const TileId &t, size_t seed = 0) noexcept
{
    return qHashMulti(seed, t.z, t.x, t.y);
}

// Width (and height) of the whole world in pixels at a (fractional) zoom: 256 * 2^zoom.
inline double worldSize(double zoom)
{
    return kTileSize * std::exp2(zoom);
}

// Web-Mercator projection to world pixels at `zoom` (origin at 180W/85.05N). Latitudes beyond the Mercator
// limit are clamped.
QPointF geoToWorld(GeoPoint p, double zoom);
GeoPoint worldToGeo(QPointF world, double zoom);
// The tile containing p at integer zoom z (clamped to the world).
TileId tileAt(GeoPoint p, int z);
// North-west corner of a tile.
GeoPoint tileNorthWest(TileId t);
// TMS numbering (MBTiles) flips y: row = 2^z - 1 - y. Its own inverse.
inline int flipY(int z, int y)
{
    return (1 << z) - 1 - y;
}
// Ground resolution in metres per pixel at a latitude and zoom.
double metersPerPixel(double lat, double zoom);

// Great-circle distance in metres (haversine on a sphere of kEarthRadiusM).
double greatCircleDistance(GeoPoint a, GeoPoint b);

// GCJ-02 is only applied inside China's rough bounding box; outside it the two datums coincide.
bool isOutOfChina(GeoPoint p);
GeoPoint wgs84ToGcj02(GeoPoint wgs);
// Inverse by fixed-point iteration (the forward transform is smooth, so it converges to < 1e-9 degrees in a
// handful of steps); the one-step "wgs = 2*gcj - f(gcj)" approximation is off by up to ~1 m.
GeoPoint gcj02ToWgs84(GeoPoint gcj);
// WGS-84 position expressed in datum d, and back.
inline GeoPoint toDatum(GeoPoint wgs, Datum d)
{
    return d == Datum::Gcj02 ? wgs84ToGcj02(wgs) : wgs;
}
inline GeoPoint fromDatum(GeoPoint p, Datum d)
{
    return d == Datum::Gcj02 ? gcj02ToWgs84(p) : p;
}

} // namespace vigil::map

Q_DECLARE_METATYPE(vigil::map::TileId)
