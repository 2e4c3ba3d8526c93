#pragma once
// Vector features for the demo basemap and the patrol simulator's road network, read from a small GeoJSON
// FeatureCollection (LineString / MultiLineString / Polygon; property "kind" decides the style, "name" and
// "name_zh" the labels). The demo county ships as a Qt resource (resources/map/demo_county.geojson).
// Thread: any (pure functions; the resource is read-only).
#include "vigil/map/geo.h"

#include <QtCore/QList>
#include <QtCore/QString>

namespace vigil::map {

struct MapFeature
{
    QString kind; // town, industrial, park, water, village | river, rail, motorway, primary, secondary, minor
    QString name;
    QString nameZh;
    QList<GeoPoint> points;
    bool area = false; // polygon outer ring (closed) rather than a line
    bool isRoad() const;
};

struct FeatureSet
{
    QList<MapFeature> features;
    double south = 0, west = 0, north = 0, east = 0; // the "bbox" member, or computed
};

// nullopt-like: returns false with a user-facing `error` for invalid JSON or a missing FeatureCollection.
bool parseGeoJson(const QByteArray &json, FeatureSet *out, QString *error);
// The demo county (from the resource compiled into vigil_map).
const FeatureSet &demoCounty();

} // namespace vigil::map
