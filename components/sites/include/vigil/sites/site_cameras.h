#pragma once
// A platform's camera list (region tree + cameras, as network/backend's clients return it) turned into the
// camera directory's cameras: ids made unique across sites by a prefix, the name in the operator's language,
// the group as the camera's region path, positions in WGS-84 whatever datum the platform used, stream URLs
// without credentials. Pure functions on values. Thread: any.
#include "vigil/backend/types.h"
#include "vigil/cameras/camera.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

namespace vigil::backend {
struct CameraList;
}

namespace vigil::sites {

struct SiteCameraOptions
{
    // Put before every platform camera id ("county:" + "c0000017"), so two sites' ids never collide. The
    // demo site's is empty: its cameras keep the ids the demo's saved walls and recordings use.
    QString idPrefix;
    QString origin = cameras::kConfigOrigin.toString(); // Camera::origin of every camera made
    bool chinese = true; // the platform's own (Chinese) names; false: the English name where there is one
};

// Region id -> "Township / Village": the names from the top of the tree down to the region, without the root
// when the whole tree has one root (the site itself: naming it on every camera says nothing). A region whose
// parent is missing starts its own path; a parent cycle is cut where it closes.
QHash<QString, QString> regionPaths(const QList<backend::Region> &regions, bool chinese);

// The directory's cameras for a platform's list, in the platform's order. Cameras without an id are dropped.
// A GCJ-02 position is converted to WGS-84; an unknown direction or field of view is 0 (the map's "unknown").
// Stream URLs lose any user:password (the platform's answer may carry them; the directory never keeps them).
// PTZ through the platform is not in our API yet, so no platform camera offers PTZ controls; the platform's
// word that a camera is a PTZ one (platformPtz) and that it is offline are kept for the list's filters.
QList<cameras::Camera> camerasFromPlatform(const backend::CameraList &list, const SiteCameraOptions &options);

} // namespace vigil::sites
