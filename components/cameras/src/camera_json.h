#pragma once
// cameras.json <-> Camera values (format documented in camera_directory.h). Private to vigil_cameras.
// Thread: any (pure functions).
#include "vigil/cameras/camera.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QJsonArray>
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

// Privacy masks ("privacyMasks": [[[x, y], ...], ...], x and y in 0..1), in cameras.json and in
// privacy-masks.json (the masks of cameras the config does not hold: demo and platform cameras, by id).
inline constexpr int kMasksFileVersion = 1;
QJsonArray masksToJson(const QList<QPolygonF> &masks);
// "" when `masks` is a list of polygons of at least 3 [x, y] points within 0..1, else the reason.
QString checkMasksJson(const QJsonValue &masks, const QString &cameraId);
QList<QPolygonF> masksFromJson(const QJsonValue &masks); // of a checked value
// privacy-masks.json: {"version": 1, "cameras": {"<camera id>": <privacyMasks>, ...}}
QString validateMasksFileJson(const QByteArray &data);
QHash<QString, QList<QPolygonF>> parseMasksFile(const QByteArray &data); // of a validated file
QByteArray serializeMasksFile(const QHash<QString, QList<QPolygonF>> &masks);

} // namespace vigil::cameras::detail
