#pragma once
// OnvifPtzController: PTZ of one camera for the tile controls (arrows, drag, keys, wheel). Commands run in
// order on the controller's own worker; consecutive moves coalesce (only the latest velocity is sent) and a
// stop is never dropped, so "let go" always reaches the camera. The camera's ONVIF address, user and password
// come from the camera directory (Camera::deviceUrl + credential store), or setDevice() for tests/vigilctl.
//
// Thread: GUI only; the worker talks to the device through OnvifClient and posts results back (dropped when
// the controller is gone). The destructor never waits: it queues a final Stop if a move was sent.
#include "vigil/onvif/soap.h"
#include "vigil/onvif/types.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <optional>

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::onvif {

class OnvifClient;

class OnvifPtzController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString cameraId READ cameraId WRITE setCameraId NOTIFY cameraIdChanged)
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QStringList presetNames READ presetNames NOTIFY presetsChanged)
    Q_PROPERTY(QStringList presetTokens READ presetTokens NOTIFY presetsChanged)

public:
    explicit OnvifPtzController(QObject *parent = nullptr);
    ~OnvifPtzController() override;

    QString cameraId() const { return m_cameraId; }
    // Looks the camera up in `directory` (the app's instance when null).
    void setCameraId(const QString &id);
    void setCameraId(const QString &id, cameras::CameraDirectory *directory);
    // Direct device (tests, tools). `profileToken` empty = the main ranked profile with PTZ.
    void setDevice(const QUrl &deviceUrl, const QString &user, const QString &password,
                   const QString &profileToken = {});

    bool available() const { return m_deviceUrl.isValid() && !m_deviceUrl.isEmpty(); }
    bool busy() const { return m_pending > 0; }
    QString lastError() const { return m_lastError; }
    QStringList presetNames() const;
    QStringList presetTokens() const;

    // Velocities -1..1 (pan right +, tilt up +, zoom in +). The camera moves until stop().
    Q_INVOKABLE void move(double pan, double tilt, double zoom = 0);
    Q_INVOKABLE void stop();
    Q_INVOKABLE void gotoPreset(const QString &token);
    Q_INVOKABLE void setPreset(const QString &name);
    Q_INVOKABLE void removePreset(const QString &token);
    Q_INVOKABLE void home();
    Q_INVOKABLE void refreshPresets();

    struct Worker;

signals:
    void cameraIdChanged();
    void availableChanged();
    void busyChanged();
    void lastErrorChanged();
    void presetsChanged();
    // One per finished command, for tests and status chips.
    void commandFinished(const QString &command, bool ok);

private:
    void restartWorker();
    // `fn` runs on the worker with the resolved PTZ profile token; it may fill `presets` (then they replace
    // the list shown).
    using Fn = std::function<Error(OnvifClient &client, const QString &profile,
                                   std::optional<QList<Preset>> *presets)>;
    void enqueue(const QString &command, bool isMove, Fn fn);
    void finished(const QString &command, const Error &error, const std::optional<QList<Preset>> &presets);
    void setLastError(const QString &e);

    QString m_cameraId;
    QUrl m_deviceUrl;
    QString m_user;
    QString m_password;
    QString m_profileToken;
    QString m_lastError;
    QList<Preset> m_presets;
    int m_pending = 0;
    bool m_moving = false;
    std::shared_ptr<Worker> m_worker;
};

} // namespace vigil::onvif
