#include "vigil/map/map_features.h"

#include "vigil/map/logging.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <limits>

namespace vigil::map {

namespace {

QList<GeoPoint> readLine(const QJsonArray &coords)
{
    QList<GeoPoint> out;
    out.reserve(coords.size());
    for (const QJsonValue &v : coords) {
        const QJsonArray c = v.toArray();
        if (c.size() >= 2)
            out.append(GeoPoint{c[1].toDouble(), c[0].toDouble()});
    }
    return out;
}

} // namespace

bool MapFeature::isRoad() const
{
    return kind == u"motorway" || kind == u"primary" || kind == u"secondary" || kind == u"minor";
}

bool parseGeoJson(const QByteArray &json, FeatureSet *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull() || doc.object().value(u"type").toString() != u"FeatureCollection") {
        if (error)
            *error = QCoreApplication::translate("vigil::map::GeoJson",
                                                 "The map data is not a GeoJSON FeatureCollection (%1).")
                         .arg(parseError.error ? parseError.errorString() : QStringLiteral("wrong type"));
        return false;
    }
    FeatureSet set;
    for (const QJsonValue &fv : doc.object().value(u"features").toArray()) {
        const QJsonObject f = fv.toObject();
        const QJsonObject props = f.value(u"properties").toObject();
        const QJsonObject geom = f.value(u"geometry").toObject();
        const QString type = geom.value(u"type").toString();
        const QJsonArray coords = geom.value(u"coordinates").toArray();
        MapFeature base;
        base.kind = props.value(u"kind").toString();
        base.name = props.value(u"name").toString();
        base.nameZh = props.value(u"name_zh").toString();
        if (type == u"LineString") {
            base.points = readLine(coords);
            set.features.append(base);
        } else if (type == u"MultiLineString") {
            for (const QJsonValue &part : coords) {
                MapFeature f2 = base;
                f2.points = readLine(part.toArray());
                set.features.append(f2);
            }
        } else if (type == u"Polygon" && !coords.isEmpty()) {
            base.points = readLine(coords[0].toArray());
            base.area = true;
            set.features.append(base);
        }
    }
    const QJsonArray bbox = doc.object().value(u"bbox").toArray();
    if (bbox.size() == 4) {
        set.west = bbox[0].toDouble();
        set.south = bbox[1].toDouble();
        set.east = bbox[2].toDouble();
        set.north = bbox[3].toDouble();
    } else {
        set.south = set.west = std::numeric_limits<double>::max();
        set.north = set.east = std::numeric_limits<double>::lowest();
        for (const MapFeature &f : std::as_const(set.features)) {
            for (const GeoPoint &p : f.points) {
                set.south = std::min(set.south, p.lat);
                set.north = std::max(set.north, p.lat);
                set.west = std::min(set.west, p.lon);
                set.east = std::max(set.east, p.lon);
            }
        }
    }
    *out = std::move(set);
    return true;
}

const FeatureSet &demoCounty()
{
    static const FeatureSet set = [] {
        FeatureSet s;
        QFile file(QStringLiteral(":/vigil/map/demo_county.geojson"));
        QString error;
        if (!file.open(QIODevice::ReadOnly) || !parseGeoJson(file.readAll(), &s, &error))
            qCCritical(vigilMap) << "demo county data missing from the build:" << file.errorString() << error;
        return s;
    }();
    return set;
}

} // namespace vigil::map
