#include "vigil/ptz/camera_lookup.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/core/logging.h"

namespace vigil::ptz {

PtzCameraLookup::PtzCameraLookup(QObject *parent)
    : QObject(parent)
{}

PtzCameraLookup::~PtzCameraLookup() = default;

void PtzCameraLookup::clear()
{
    disconnect(m_pendingConnection);
    m_directory.clear();
    m_target = {};
    m_waiting = false;
}

void PtzCameraLookup::lookUp(const QString &cameraId, cameras::CameraDirectory *directory)
{
    clear();
    m_target.cameraId = cameraId;
    m_directory = directory;
    if (!directory || cameraId.isEmpty())
        return;
    if (directory->waitingForPassword(cameraId)) {
        m_waiting = true;
        m_pendingConnection = connect(directory, &cameras::CameraDirectory::credentialsPendingChanged, this,
                                      &PtzCameraLookup::onCredentialsPending);
        return;
    }
    resolve();
}

void PtzCameraLookup::onCredentialsPending()
{
    if (!m_directory || m_directory->waitingForPassword(m_target.cameraId))
        return;
    disconnect(m_pendingConnection);
    m_waiting = false;
    resolve();
    emit loginReady();
}

void PtzCameraLookup::resolve()
{
    if (const auto cam = m_directory->camera(m_target.cameraId))
        m_target.ptz = cam->ptz;
    if (const auto login = m_directory->deviceLogin(m_target.cameraId)) {
        m_target.deviceUrl = login->deviceUrl;
        m_target.user = login->user;
        m_target.password = login->password;
    }
}

bool PtzCameraLookup::recordPtz(bool ptz)
{
    m_target.ptz = ptz;
    if (!m_directory)
        return false;
    if (!m_directory->setCameraPtz(m_target.cameraId, ptz)) {
        qCWarning(vigilPtz) << "could not save the PTZ flag of" << m_target.cameraId << ":"
                            << m_directory->lastError();
        return false;
    }
    return true;
}

} // namespace vigil::ptz
