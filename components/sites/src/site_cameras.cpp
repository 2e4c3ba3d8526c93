#include "vigil/sites/site_cameras.h"

#include "vigil/backend/ours_client.h"
#include "vigil/map/geo.h"

#include <QtCore/QSet>

#include <cmath>

namespace vigil::sites {

namespace {

QString regionName(const backend::Region &r, bool chinese)
{
    return chinese || r.nameEn.isEmpty() ? r.name : r.nameEn;
}

cameras::StreamInfo stream(const QString &role, const QString &url)
{
    cameras::StreamInfo s;
    s.role = role;
    s.url = QUrl(url, QUrl::TolerantMode);
    s.url.setUserInfo(QString());
    return s;
}

} // namespace

QHash<QString, QString> regionPaths(const QList<backend::Region> &regions, bool chinese)
{
    QHash<QString, const backend::Region *> byId;
    byId.reserve(regions.size());
    for (const backend::Region &r : regions)
        byId.insert(r.id, &r);
    int roots = 0;
    for (const backend::Region &r : regions)
        roots += r.parentId.isEmpty() || !byId.contains(r.parentId) ? 1 : 0;

    QHash<QString, QString> paths;
    paths.reserve(regions.size());
    for (const backend::Region &r : regions) {
        QStringList names;
        QSet<QString> visited;
        for (const backend::Region *at = &r; at && !visited.contains(at->id);
             at = byId.value(at->parentId, nullptr)) {
            visited.insert(at->id);
            names.prepend(regionName(*at, chinese));
        }
        if (roots == 1 && names.size() > 1)
            names.removeFirst();
        paths.insert(r.id, names.join(QStringLiteral(" / ")));
    }
    return paths;
}

QList<cameras::Camera> camerasFromPlatform(const backend::CameraList &list, const SiteCameraOptions &options)
{
    const QHash<QString, QString> paths = regionPaths(list.regions, options.chinese);
    QList<cameras::Camera> out;
    out.reserve(list.cameras.size());
    for (const backend::BackendCamera &b : list.cameras) {
        if (b.id.isEmpty())
            continue;
        cameras::Camera c;
        c.id = options.idPrefix + b.id;
        c.name = options.chinese || b.nameEn.isEmpty() ? b.name : b.nameEn;
        if (c.name.isEmpty())
            c.name = b.id;
        c.group = paths.value(b.regionId);
        c.origin = options.origin;
        c.platformPtz = b.ptz;
        c.offline = b.status == backend::CameraStatus::Offline;
        if (!b.mainStream.isEmpty())
            c.streams.append(stream(cameras::kMainRole.toString(), b.mainStream));
        if (!b.subStream.isEmpty())
            c.streams.append(stream(cameras::kSubRole.toString(), b.subStream));
        if (b.hasPosition()) {
            map::GeoPoint p{b.latitude, b.longitude};
            if (b.datum == backend::Datum::Gcj02)
                p = map::gcj02ToWgs84(p);
            c.position =
                cameras::CameraPosition{p.lat, p.lon, std::isnan(b.directionDeg) ? 0.0 : b.directionDeg,
                                        std::isnan(b.fovDeg) ? 0.0 : b.fovDeg};
        }
        out.append(std::move(c));
    }
    return out;
}

} // namespace vigil::sites
