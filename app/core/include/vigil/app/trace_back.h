#pragma once
// TraceBack (QML singleton): "every camera around this place" for tracing an incident back through the
// recordings — around a WGS-84 point (a click on the map, an alarm with a position) or around a camera (an
// alarm from a camera: that camera first, then its neighbours). Nearest first, from the camera directory's
// positions. Thread: GUI only.
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace vigil::app {

class TraceBack : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    static constexpr double kDefaultRadiusM = 500;
    static constexpr int kMaxCameras = 16; // what one synchronized playback shows

    using QObject::QObject;

    // Camera ids within radiusM of the point, nearest first, at most max.
    Q_INVOKABLE QStringList camerasAround(double latitude, double longitude, double radiusM = kDefaultRadiusM,
                                          int max = kMaxCameras) const;
    // The camera itself first, then the cameras within radiusM of it (just the camera when it has no
    // position).
    Q_INVOKABLE QStringList camerasAroundCamera(const QString &cameraId, double radiusM = kDefaultRadiusM,
                                                int max = kMaxCameras) const;
};

} // namespace vigil::app
