#include "vigil/app/trace_back.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/map/geo_index.h"

namespace vigil::app {

QStringList TraceBack::camerasAround(double latitude, double longitude, double radiusM, int max) const
{
    const cameras::CameraDirectory *directory = cameras::CameraDirectory::instance();
    if (!directory)
        return {};
    QList<map::GeoPoint> points;
    QStringList ids;
    for (const cameras::Camera &c : directory->cameras()) {
        if (!c.position)
            continue;
        points.append({c.position->lat, c.position->lon});
        ids.append(c.id);
    }
    QStringList out;
    for (const map::GeoNeighbour &n :
         map::GeoIndex::withinRadius(points, {latitude, longitude}, radiusM, max))
        out.append(ids.at(n.index));
    return out;
}

QStringList TraceBack::camerasAroundCamera(const QString &cameraId, double radiusM, int max) const
{
    const cameras::CameraDirectory *directory = cameras::CameraDirectory::instance();
    if (!directory || cameraId.isEmpty())
        return {};
    for (const cameras::Camera &c : directory->cameras()) {
        if (c.id != cameraId)
            continue;
        QStringList out{cameraId};
        if (c.position) {
            for (const QString &id : camerasAround(c.position->lat, c.position->lon, radiusM, max))
                if (id != cameraId && out.size() < max)
                    out.append(id);
        }
        return out;
    }
    return {cameraId}; // not in the directory (yet): its recordings may still be there
}

} // namespace vigil::app
