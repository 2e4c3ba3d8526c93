#pragma once
// PtzCameraLookup: which device a tile's camera is and how to log in to it, found through the camera
// directory — the one door to passwords (CameraDirectory::camera() for the PTZ flag, deviceLogin() for the
// address, user and password). While the directory is still reading the camera's password from the keyring
// (waitingForPassword()), it does not hand out a login without it (a login without the password could count
// as a failed attempt on the device and lock the account): it waits for credentialsPendingChanged, then emits
// loginReady(). It also records what the device said about PTZ back into the directory (recordPtz()).
//
// Thread: GUI only.
#include <QtCore/QMetaObject>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtCore/QUrl>

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::ptz {

class PtzCameraLookup : public QObject
{
    Q_OBJECT

public:
    // The camera as the controller needs it. Contains the password: never log it.
    struct Target
    {
        QString cameraId;
        QUrl deviceUrl; // empty: the camera has no ONVIF address (an RTSP camera, a demo camera)
        QString user;
        QString password;
        bool ptz = false; // the directory's PTZ flag (Camera::ptz)
        bool hasAddress() const { return deviceUrl.isValid() && !deviceUrl.isEmpty(); }
    };

    explicit PtzCameraLookup(QObject *parent = nullptr);
    ~PtzCameraLookup() override;

    // Looks `cameraId` up in `directory` (null: nothing found). Replaces any earlier lookup.
    void lookUp(const QString &cameraId, cameras::CameraDirectory *directory);
    // Forgets the camera (a device given directly, or none).
    void clear();

    // Valid once ready(): the camera's address, login and flag (empty for an unknown camera).
    const Target &target() const { return m_target; }
    // The password is known (or not needed): target() may be used to log in.
    bool ready() const { return !m_waiting; }
    bool waitingForPassword() const { return m_waiting; }

    // Saves what the device said about PTZ in the directory (so the next start knows without asking).
    // False (and a warning in the log) when it could not be saved.
    bool recordPtz(bool ptz);

signals:
    // The password the lookup waited for has been read: target() is complete now.
    void loginReady();

private:
    void resolve();
    void onCredentialsPending();

    QPointer<cameras::CameraDirectory> m_directory;
    QMetaObject::Connection m_pendingConnection;
    Target m_target;
    bool m_waiting = false;
};

} // namespace vigil::ptz
