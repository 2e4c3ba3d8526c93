#include "camera_json.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSet>

namespace vigil::cameras::detail {

QJsonArray masksToJson(const QList<QPolygonF> &masks)
{
    QJsonArray out;
    for (const QPolygonF &polygon : masks) {
        QJsonArray points;
        for (const QPointF &pt : polygon)
            points.append(QJsonArray{pt.x(), pt.y()});
        out.append(points);
    }
    return out;
}

QString checkMasksJson(const QJsonValue &masks, const QString &cameraId)
{
    if (!masks.isArray())
        return QStringLiteral("the \"privacyMasks\" of camera \"%1\" is not an array").arg(cameraId);
    for (const QJsonValue &polygon : masks.toArray()) {
        const QJsonArray points = polygon.toArray();
        if (!polygon.isArray() || points.size() < 3)
            return QStringLiteral("a privacy mask of camera \"%1\" has fewer than 3 points").arg(cameraId);
        for (const QJsonValue &pt : points) {
            const QJsonArray xy = pt.toArray();
            const bool ok = pt.isArray() && xy.size() == 2 && xy.at(0).isDouble() && xy.at(1).isDouble() &&
                            xy.at(0).toDouble() >= 0 && xy.at(0).toDouble() <= 1 &&
                            xy.at(1).toDouble() >= 0 && xy.at(1).toDouble() <= 1;
            if (!ok)
                return QStringLiteral("a privacy mask point of camera \"%1\" is not [x, y] within 0..1")
                    .arg(cameraId);
        }
    }
    return {};
}

QList<QPolygonF> masksFromJson(const QJsonValue &masks)
{
    QList<QPolygonF> out;
    for (const QJsonValue &polygon : masks.toArray()) {
        QPolygonF mask;
        for (const QJsonValue &pt : polygon.toArray())
            mask.append(QPointF(pt.toArray().at(0).toDouble(), pt.toArray().at(1).toDouble()));
        out.append(mask);
    }
    return out;
}

QString validateMasksFileJson(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return error.errorString();
    const QJsonObject o = doc.object();
    if (o.value(u"version").toInt() != kMasksFileVersion)
        return QStringLiteral("\"version\" is not %1").arg(kMasksFileVersion);
    if (!o.value(u"cameras").isObject())
        return QStringLiteral("\"cameras\" is not an object");
    const QJsonObject cameras = o.value(u"cameras").toObject();
    for (auto it = cameras.begin(); it != cameras.end(); ++it) {
        if (const QString why = checkMasksJson(it.value(), it.key()); !why.isEmpty())
            return why;
    }
    return {};
}

QHash<QString, QList<QPolygonF>> parseMasksFile(const QByteArray &data)
{
    QHash<QString, QList<QPolygonF>> out;
    const QJsonObject cameras = QJsonDocument::fromJson(data).object().value(u"cameras").toObject();
    for (auto it = cameras.begin(); it != cameras.end(); ++it) {
        if (QList<QPolygonF> masks = masksFromJson(it.value()); !masks.isEmpty())
            out.insert(it.key(), std::move(masks));
    }
    return out;
}

QByteArray serializeMasksFile(const QHash<QString, QList<QPolygonF>> &masks)
{
    QJsonObject cameras;
    for (auto it = masks.cbegin(); it != masks.cend(); ++it)
        cameras.insert(it.key(), masksToJson(it.value()));
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), kMasksFileVersion},
                                     {QStringLiteral("cameras"), cameras}})
        .toJson(QJsonDocument::Indented);
}

namespace {
QJsonObject streamToJson(const StreamInfo &s)
{
    QJsonObject o;
    o[u"role"] = s.role;
    o[u"url"] = s.url.adjusted(QUrl::RemoveUserInfo).toString();
    if (s.resolution.isValid()) {
        o[u"width"] = s.resolution.width();
        o[u"height"] = s.resolution.height();
    }
    if (s.fps > 0)
        o[u"fps"] = s.fps;
    if (!s.codec.isEmpty())
        o[u"codec"] = s.codec;
    return o;
}

QJsonObject cameraToJson(const Camera &c)
{
    QJsonObject o;
    o[u"id"] = c.id;
    o[u"name"] = c.name;
    if (!c.group.isEmpty())
        o[u"group"] = c.group;
    if (!c.user.isEmpty())
        o[u"user"] = c.user;
    if (!c.credentialRef.isEmpty())
        o[u"credentialRef"] = c.credentialRef;
    QJsonArray streams;
    for (const StreamInfo &s : c.streams)
        streams.append(streamToJson(s));
    o[u"streams"] = streams;
    if (!c.deviceUrl.isEmpty())
        o[u"deviceUrl"] = c.deviceUrl.adjusted(QUrl::RemoveUserInfo).toString();
    if (c.ptz)
        o[u"ptz"] = true;
    if (!c.privacyMasks.isEmpty())
        o[u"privacyMasks"] = masksToJson(c.privacyMasks);
    if (c.position) {
        o[u"position"] = QJsonObject{{QStringLiteral("lat"), c.position->lat},
                                     {QStringLiteral("lon"), c.position->lon},
                                     {QStringLiteral("directionDeg"), c.position->directionDeg},
                                     {QStringLiteral("fovDeg"), c.position->fovDeg}};
    }
    return o;
}
} // namespace

QString validateCamerasJson(const QByteArray &data)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError)
        return QStringLiteral("not valid JSON at offset %1: %2").arg(err.offset).arg(err.errorString());
    if (!doc.isObject())
        return QStringLiteral("the top level is not a JSON object");
    const QJsonObject root = doc.object();
    const QJsonValue version = root.value(u"version");
    if (!version.isDouble())
        return QStringLiteral("the \"version\" field is missing");
    if (version.toInt() > kCamerasJsonVersion || version.toInt() < 1)
        return QStringLiteral("unsupported version %1 (this Vigil reads version %2)")
            .arg(version.toInt())
            .arg(kCamerasJsonVersion);
    if (!root.value(u"cameras").isArray())
        return QStringLiteral("the \"cameras\" array is missing");
    QSet<QString> ids;
    const QJsonArray cameras = root.value(u"cameras").toArray();
    for (qsizetype i = 0; i < cameras.size(); ++i) {
        if (!cameras.at(i).isObject())
            return QStringLiteral("camera %1 is not an object").arg(i + 1);
        const QJsonObject c = cameras.at(i).toObject();
        const QString id = c.value(u"id").toString();
        if (id.isEmpty())
            return QStringLiteral("camera %1 has no \"id\"").arg(i + 1);
        if (ids.contains(id))
            return QStringLiteral("camera id \"%1\" is used twice").arg(id);
        ids.insert(id);
        if (c.value(u"name").toString().trimmed().isEmpty())
            return QStringLiteral("camera \"%1\" has no \"name\"").arg(id);
        if (!c.value(u"streams").isArray())
            return QStringLiteral("camera \"%1\" has no \"streams\" array").arg(id);
        for (const QJsonValue &s : c.value(u"streams").toArray()) {
            if (!s.isObject() || !s.toObject().value(u"url").isString())
                return QStringLiteral("a stream of camera \"%1\" has no \"url\"").arg(id);
        }
        if (c.contains(u"privacyMasks")) {
            // A mask that cannot be read must not be dropped quietly (what it hides would show): the file
            // is refused as damaged instead.
            if (const QString why = checkMasksJson(c.value(u"privacyMasks"), id); !why.isEmpty())
                return why;
        }
        if (c.contains(u"position")) {
            const QJsonObject p = c.value(u"position").toObject();
            if (!p.value(u"lat").isDouble() || !p.value(u"lon").isDouble())
                return QStringLiteral("the position of camera \"%1\" needs numeric \"lat\" and \"lon\"")
                    .arg(id);
        }
    }
    return {};
}

QList<Camera> parseCamerasJson(const QByteArray &data, QList<MigratedSecret> *secrets)
{
    QList<Camera> out;
    const QJsonArray cameras = QJsonDocument::fromJson(data).object().value(u"cameras").toArray();
    out.reserve(cameras.size());
    for (const QJsonValue &v : cameras) {
        const QJsonObject o = v.toObject();
        Camera c;
        c.id = o.value(u"id").toString();
        c.name = o.value(u"name").toString().trimmed();
        c.group = o.value(u"group").toString();
        c.user = o.value(u"user").toString();
        c.credentialRef = o.value(u"credentialRef").toString();
        c.deviceUrl = QUrl(o.value(u"deviceUrl").toString()).adjusted(QUrl::RemoveUserInfo);
        c.ptz = o.value(u"ptz").toBool(false); // absent (files written before the flag existed): no PTZ
        c.privacyMasks = masksFromJson(o.value(u"privacyMasks")); // validated above
        c.origin = kConfigOrigin.toString();
        for (const QJsonValue &sv : o.value(u"streams").toArray()) {
            const QJsonObject so = sv.toObject();
            StreamInfo s;
            s.role = so.value(u"role").toString(kMainRole.toString());
            s.url = QUrl(so.value(u"url").toString().trimmed());
            const int w = so.value(u"width").toInt();
            const int h = so.value(u"height").toInt();
            if (w > 0 && h > 0)
                s.resolution = QSize(w, h);
            s.fps = qMax(0, so.value(u"fps").toInt());
            s.codec = so.value(u"codec").toString();
            if (!s.url.userInfo().isEmpty()) {
                if (c.user.isEmpty())
                    c.user = s.url.userName(QUrl::FullyDecoded);
                const QString pw = s.url.password(QUrl::FullyDecoded);
                if (!pw.isEmpty() && secrets) {
                    if (c.credentialRef.isEmpty())
                        c.credentialRef = c.id;
                    secrets->append({c.credentialRef, pw});
                }
                s.url.setUserInfo(QString());
            }
            c.streams.append(s);
        }
        if (o.contains(u"position")) {
            const QJsonObject p = o.value(u"position").toObject();
            c.position = CameraPosition{p.value(u"lat").toDouble(), p.value(u"lon").toDouble(),
                                        p.value(u"directionDeg").toDouble(), p.value(u"fovDeg").toDouble()};
        }
        out.append(c);
    }
    return out;
}

QByteArray serializeCameras(const QList<Camera> &cameras)
{
    QJsonArray arr;
    for (const Camera &c : cameras) {
        if (c.origin == kConfigOrigin)
            arr.append(cameraToJson(c));
    }
    QJsonObject root;
    root[u"version"] = kCamerasJsonVersion;
    root[u"cameras"] = arr;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace vigil::cameras::detail
