#pragma once
// Turns a described ONVIF device into a camera-directory entry. Thread: pure, any thread.
#include "vigil/cameras/camera.h"
#include "vigil/onvif/client.h"

namespace vigil::devices {

inline constexpr QStringView kOnvifOrigin = u"onvif";

// Streams keep their rank roles ("main", "sub", ...) so the wall's stream selection works untouched; stream
// URLs carry no credentials (the password stays in the credential store under `credentialRef`). The id is
// "onvif-" + serial number (or host:port when the device has none), so re-adding a device finds it again.
// `ptz` follows onvif::canPanTiltZoom().
cameras::Camera toCamera(const onvif::DeviceDescription &device, const QString &user,
                         const QString &credentialRef, const QString &name = {});

} // namespace vigil::devices
