#pragma once
// The "health" role of a camera model: how a camera is doing, as plain words any room can read without
// knowing who works it out. components/alarms' CameraHealthModel writes them (from CameraHealth); the map's
// CameraLayer colours its camera dots by them (map/ knows neither alarms nor the camera directory). The words
// are written down once, here, so writer and reader cannot drift apart. Thread: any (constants).
#include <QtCore/QLatin1String>

namespace vigil::core::health {

// Name of the role on the model.
inline constexpr char kRoleName[] = "health";

inline constexpr QLatin1String kUnknown("unknown"); // nothing shows the camera: not known (not assumed fine)
inline constexpr QLatin1String kLive("live");       // a tile plays it
inline constexpr QLatin1String kOffline("offline"); // its streams fail and none plays
inline constexpr QLatin1String kAlarm("alarm");     // an alarm is active on it

} // namespace vigil::core::health
