#pragma once
// Camera value types: what a camera is and which streams it offers. Plain values, no secrets: a camera refers
// to its password by `credentialRef` (see credential_store.h), and stream URLs never carry user info. Thread:
// value types, any thread.
#include <QtCore/QList>
#include <QtCore/QSize>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtGui/QPolygonF>

#include <optional>

namespace vigil::cameras {

// Well-known stream roles. Other roles ("third", "mobile", ...) are allowed and kept as written.
inline constexpr QStringView kMainRole = u"main";
inline constexpr QStringView kSubRole = u"sub";

// Camera origins: "config" cameras are saved to cameras.json, "demo" cameras live in memory only.
inline constexpr QStringView kConfigOrigin = u"config";
inline constexpr QStringView kDemoOrigin = u"demo";

struct StreamInfo
{
    QString role;     // "main" | "sub" | other
    QUrl url;         // without credentials (user info is always stripped)
    QSize resolution; // invalid when unknown
    int fps = 0;      // 0 when unknown
    QString codec;    // "h264", "h265", ... empty when unknown

    friend bool operator==(const StreamInfo &, const StreamInfo &) = default;
};

// Where the camera stands and where it looks (WGS-84), for the map.
struct CameraPosition
{
    double lat = 0;
    double lon = 0;
    double directionDeg = 0; // clockwise from north
    double fovDeg = 0;       // horizontal field of view; 0 when unknown

    friend bool operator==(const CameraPosition &, const CameraPosition &) = default;
};

struct Camera
{
    QString id;   // stable, unique in the directory; the currency between components
    QString name; // shown to the operator
    QString group;
    QList<StreamInfo> streams;
    QString user;          // may be empty
    QString credentialRef; // key into the CredentialStore; empty when the camera has no password
    std::optional<CameraPosition> position;
    QUrl deviceUrl; // management address (the ONVIF device service) for PTZ and events; never credentials
    // The device can pan/tilt/zoom (ONVIF: a PTZ service and a media profile with a PTZ configuration), so
    // the wall offers PTZ controls for it. Saved as "ptz": true; absent (older files, other cameras) = false.
    bool ptz = false;
    // What the camera's platform says of it (in memory only, never saved): it is a PTZ camera (Vigil cannot
    // steer it through the platform yet, so `ptz` stays false), and it is offline now (status "offline").
    bool platformPtz = false;
    bool offline = false;

    // It can pan, tilt and zoom: Vigil steers it, or its platform says it is a PTZ camera.
    bool hasPtz() const { return ptz || platformPtz; }
    // Privacy masks: polygons of the picture (x, y in 0..1 of its width and height) painted opaque into every
    // frame of every stream of this camera before anything shows or saves it (vigil/video/privacy_mask.h).
    // Saved as "privacyMasks": [[[x, y], [x, y], [x, y], ...], ...]; a polygon has at least 3 points.
    QList<QPolygonF> privacyMasks;
    QString origin = kConfigOrigin.toString(); // "config" | "demo"

    // The stream with exactly this role, or nullptr.
    const StreamInfo *stream(QStringView role) const;

    friend bool operator==(const Camera &, const Camera &) = default;
};

} // namespace vigil::cameras
