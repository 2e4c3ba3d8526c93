#pragma once
// Turns a described ONVIF device into a camera-directory entry. Thread: pure, any thread.
#include "vigil/cameras/camera.h"
#include "vigil/onvif/client.h"

namespace vigil::onvif {

inline constexpr QStringView kOnvifOrigin = u"onvif";

// Streams keep their rank roles ("main", "sub", ...) so the wall's stream selection works untouched; stream
// URLs carry no credentials (the password stays in the credential store under `credentialRef`). The id is
// "onvif-" + serial number (or host:port when the device has none), so re-adding a device finds it again.
// The device can pan/tilt/zoom: it offers the PTZ service and one of its media profiles carries a PTZ
// configuration. The same rule decides the tile's PTZ controls, the Add-devices dialog's "PTZ" line and the
// once-per-session question to cameras saved without the flag.
bool canPanTiltZoom(const DeviceDescription &device);
bool profilesHavePtz(const QList<MediaProfile> &profiles);

cameras::Camera toCamera(const DeviceDescription &device, const QString &user, const QString &credentialRef,
                         const QString &name = {});

} // namespace vigil::onvif
