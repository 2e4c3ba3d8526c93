#include "vigil/map/geo.h"

#include <algorithm>
#include <numbers>

namespace vigil::map {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;

// GCJ-02 parameters: the Krasovsky 1940 ellipsoid and the published obfuscation polynomial.
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyEe = 0.00669342162296594323;

double gcjDeltaLat(double x, double y)
{
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double gcjDeltaLon(double x, double y)
{
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

// The GCJ-02 offset (degrees) to add to a WGS-84 position inside China.
GeoPoint gcjOffset(GeoPoint wgs)
{
    const double x = wgs.lon - 105.0;
    const double y = wgs.lat - 35.0;
    double dLat = gcjDeltaLat(x, y);
    double dLon = gcjDeltaLon(x, y);
    const double radLat = wgs.lat * kDeg;
    double magic = std::sin(radLat);
    magic = 1 - kKrasovskyEe * magic * magic;
    const double sqrtMagic = std::sqrt(magic);
    dLat = (dLat * 180.0) / ((kKrasovskyA * (1 - kKrasovskyEe)) / (magic * sqrtMagic) * kPi);
    dLon = (dLon * 180.0) / (kKrasovskyA / sqrtMagic * std::cos(radLat) * kPi);
    return {dLat, dLon};
}

} // namespace

QPointF geoToWorld(GeoPoint p, double zoom)
{
    const double size = worldSize(zoom);
    const double lat = std::clamp(p.lat, -kMaxLatitude, kMaxLatitude) * kDeg;
    const double x = (p.lon + 180.0) / 360.0 * size;
    const double y = (0.5 - std::log(std::tan(kPi / 4 + lat / 2)) / (2 * kPi)) * size;
    return {x, y};
}

GeoPoint worldToGeo(QPointF world, double zoom)
{
    const double size = worldSize(zoom);
    const double lon = world.x() / size * 360.0 - 180.0;
    const double n = kPi * (1 - 2 * world.y() / size);
    const double lat = std::atan(std::sinh(n)) / kDeg;
    return {lat, lon};
}

TileId tileAt(GeoPoint p, int z)
{
    const QPointF w = geoToWorld(p, z);
    const int n = 1 << z;
    return {z, std::clamp(int(std::floor(w.x() / kTileSize)), 0, n - 1),
            std::clamp(int(std::floor(w.y() / kTileSize)), 0, n - 1)};
}

GeoPoint tileNorthWest(TileId t)
{
    return worldToGeo(QPointF(double(t.x) * kTileSize, double(t.y) * kTileSize), t.z);
}

double metersPerPixel(double lat, double zoom)
{
    constexpr double kEquatorM = 2 * kPi * 6378137.0; // Web-Mercator sphere
    return kEquatorM * std::cos(std::clamp(lat, -kMaxLatitude, kMaxLatitude) * kDeg) / worldSize(zoom);
}

double greatCircleDistance(GeoPoint a, GeoPoint b)
{
    const double dLat = (b.lat - a.lat) * kDeg;
    const double dLon = (b.lon - a.lon) * kDeg;
    const double s = std::sin(dLat / 2) * std::sin(dLat / 2) + std::cos(a.lat * kDeg) *
                                                                   std::cos(b.lat * kDeg) *
                                                                   std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(s)));
}

bool isOutOfChina(GeoPoint p)
{
    return !(p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271);
}

GeoPoint wgs84ToGcj02(GeoPoint wgs)
{
    if (isOutOfChina(wgs))
        return wgs;
    const GeoPoint d = gcjOffset(wgs);
    return {wgs.lat + d.lat, wgs.lon + d.lon};
}

GeoPoint gcj02ToWgs84(GeoPoint gcj)
{
    if (isOutOfChina(gcj))
        return gcj;
    // Solve f(w) = gcj for w: w_{n+1} = w_n + (gcj - f(w_n)). The offset's derivative is tiny (|df/dw| ~
    // 1e-4) so each step gains about four digits.
    GeoPoint w = gcj;
    for (int i = 0; i < 10; ++i) {
        const GeoPoint f = wgs84ToGcj02(w);
        const double eLat = gcj.lat - f.lat;
        const double eLon = gcj.lon - f.lon;
        w.lat += eLat;
        w.lon += eLon;
        if (std::abs(eLat) < 1e-12 && std::abs(eLon) < 1e-12)
            break;
    }
    return w;
}

} // namespace vigil::map
