#pragma once
// cameras.json <-> Camera values (format documented in camera_directory.h). Private to vigil_cameras.
// Thread: any (pure functions).
#include "vigil/cameras/camera.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>

namespace vigil::cameras::detail {

inline constexpr int kCamerasJsonVersion = 1;

// A password found inside a stream URL of a hand-edited file, to be moved into the CredentialStore.
struct MigratedSecret
{
    QString ref;
    QString password;
};

// Validator for readFileWithBackup: "" when `data` is a usable cameras.json, else the reason (not translated;
// it ends up inside a translated sentence and in the log, and never contains secrets).
QString validateCamerasJson(const QByteArray &data);
// Parses a validated file. User info found in stream URLs is stripped; the user name fills Camera::user when
// empty, and passwords are returned in `secrets` (credentialRef set to the camera id when it was empty).
QList<Camera> parseCamerasJson(const QByteArray &data, QList<MigratedSecret> *secrets);
// Serialises cameras with origin "config" only. URLs are written without user info.
QByteArray serializeCameras(const QList<Camera> &cameras);

} // namespace vigil::cameras::detail
