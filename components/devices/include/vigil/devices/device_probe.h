#pragma once
// OnvifDeviceProbe: the "test" button of the Add-devices dialog (QML: Vigil.Devices). test() describes a
// device off the GUI thread (clock, services, info, profiles, ranked stream URIs, snapshot, presets) and
// publishes the result as properties; addToDirectory() stores it as a camera (password into the credential
// store, never in a URL).
//
// Thread: GUI only. The ONVIF conversation runs on a short-lived worker thread; its result is posted back and
// dropped if the probe was destroyed or test() was called again meanwhile.
#include "vigil/onvif/client.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::devices {

class OnvifDeviceProbe : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY statusChanged)
    Q_PROPERTY(Category errorCategory READ errorCategory NOTIFY statusChanged)
    // Stable name of the error ("wrong-credentials", "clock-skew", "unreachable", "not-onvif"...), "" when
    // none.
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY statusChanged)
    // What the operator should do about the failure (adviceForError()), "" when there is none: no error, or
    // an error of the camera list rather than of the device (its own sentence says what to do).
    Q_PROPERTY(QString advice READ advice NOTIFY statusChanged)
    Q_PROPERTY(QString address READ address NOTIFY resultChanged)
    Q_PROPERTY(QString manufacturer READ manufacturer NOTIFY resultChanged)
    Q_PROPERTY(QString model READ model NOTIFY resultChanged)
    Q_PROPERTY(QString firmware READ firmware NOTIFY resultChanged)
    Q_PROPERTY(QString serialNumber READ serialNumber NOTIFY resultChanged)
    Q_PROPERTY(QStringList streams READ streams NOTIFY resultChanged)
    Q_PROPERTY(QUrl previewUrl READ previewUrl NOTIFY resultChanged)
    Q_PROPERTY(QUrl snapshotUrl READ snapshotUrl NOTIFY resultChanged)
    Q_PROPERTY(bool hasPtz READ hasPtz NOTIFY resultChanged)
    Q_PROPERTY(bool hasEvents READ hasEvents NOTIFY resultChanged)
    Q_PROPERTY(QStringList presets READ presets NOTIFY resultChanged)
    Q_PROPERTY(QString clockOffset READ clockOffset NOTIFY resultChanged)

public:
    enum class Status
    {
        Idle,
        Probing,
        Ready,
        Failed
    };
    Q_ENUM(Status)
    enum class Category
    {
        None,
        Transient,
        Fatal,
        Auth,
        Unsupported
    };
    Q_ENUM(Category)

    explicit OnvifDeviceProbe(QObject *parent = nullptr);
    ~OnvifDeviceProbe() override;

    // `address`: "10.0.0.5", "10.0.0.5:8080" or a full device-service URL (onvif::deviceUrlFromAddress()).
    // The password is kept in memory only until addToDirectory() or the next test().
    Q_INVOKABLE void test(const QString &address, const QString &user, const QString &password);
    Q_INVOKABLE void cancel();
    // Adds the tested device to the camera directory (the app's instance unless one is given). Returns the
    // camera id, or "" with lastError set.
    Q_INVOKABLE QString addToDirectory(const QString &name, const QString &group);
    QString addToDirectory(cameras::CameraDirectory *directory, const QString &name, const QString &group);

    Status status() const { return m_status; }
    QString lastError() const { return m_error.message; }
    Category errorCategory() const;
    QString errorCode() const { return m_error.isError() ? onvif::toString(m_error.code) : QString(); }
    QString advice() const;
    QString address() const;
    QString manufacturer() const { return m_result.info.manufacturer; }
    QString model() const { return m_result.info.model; }
    QString firmware() const { return m_result.info.firmware; }
    QString serialNumber() const { return m_result.info.serial; }
    QStringList streams() const;
    QUrl previewUrl() const; // the sub stream (else main), no credentials
    QUrl snapshotUrl() const { return m_result.snapshotUri; }
    bool hasPtz() const; // the PTZ service and a profile with a PTZ configuration (onvif::canPanTiltZoom)
    bool hasEvents() const { return !m_result.services.events.isEmpty(); }
    QStringList presets() const;
    QString clockOffset() const;
    const onvif::DeviceDescription &description() const { return m_result; }

signals:
    void statusChanged();
    void resultChanged();

private:
    // Whose failure m_error is: advice is about the device, not about the camera list.
    enum class ErrorSource
    {
        Device,
        Directory
    };
    void setStatus(Status s, onvif::Error e, ErrorSource source = ErrorSource::Device);

    Status m_status = Status::Idle;
    onvif::Error m_error;
    ErrorSource m_errorSource = ErrorSource::Device;
    onvif::DeviceDescription m_result;
    QString m_user;
    QString m_password;
    quint64 m_generation = 0;
};

} // namespace vigil::devices
