#include "vigil/devices/camera_builder.h"

#include <QtCore/QRegularExpression>

namespace vigil::devices {

using onvif::DeviceDescription;
using onvif::StreamChoice;

cameras::Camera toCamera(const DeviceDescription &device, const QString &user, const QString &credentialRef,
                         const QString &name)
{
    cameras::Camera c;
    QString key = device.info.serial.trimmed();
    if (key.isEmpty())
        key = QStringLiteral("%1-%2").arg(device.deviceUrl.host()).arg(device.deviceUrl.port(80));
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    c.id = QStringLiteral("onvif-") + key.replace(unsafe, QStringLiteral("-"));
    c.name = !name.isEmpty() ? name
             : !device.info.model.isEmpty()
                 ? QStringLiteral("%1 %2 (%3)")
                       .arg(device.info.manufacturer, device.info.model, device.deviceUrl.host())
                       .trimmed()
                 : device.deviceUrl.host();
    c.user = user;
    c.credentialRef = credentialRef;
    c.origin = kOnvifOrigin.toString();
    c.deviceUrl = device.deviceUrl.adjusted(QUrl::RemoveUserInfo);
    c.ptz = onvif::canPanTiltZoom(device);
    for (const StreamChoice &s : device.streams) {
        cameras::StreamInfo info;
        info.role = s.role;
        QUrl url = s.uri;
        url.setUserInfo({}); // never a password in a stored URL
        info.url = url;
        info.resolution = s.profile.resolution;
        info.fps = s.profile.fps;
        info.codec = s.profile.encoding;
        c.streams.append(info);
    }
    return c;
}

} // namespace vigil::devices
