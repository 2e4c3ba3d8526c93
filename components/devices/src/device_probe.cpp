#include "vigil/devices/device_probe.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/devices/camera_builder.h"
#include "vigil/devices/error_advice.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QPointer>
#include <QtCore/QUuid>

namespace vigil::devices {

using onvif::Error;
using onvif::ErrorCategory;
using onvif::ErrorCode;
using onvif::MediaProfile;
using onvif::OnvifClient;
using onvif::Preset;
using onvif::StreamChoice;

OnvifDeviceProbe::OnvifDeviceProbe(QObject *parent)
    : QObject(parent)
{}

OnvifDeviceProbe::~OnvifDeviceProbe() = default;

void OnvifDeviceProbe::setStatus(Status s, Error e, ErrorSource source)
{
    const bool changed = s != m_status || e.message != m_error.message || source != m_errorSource;
    m_status = s;
    m_error = std::move(e);
    m_errorSource = source;
    if (changed)
        emit statusChanged();
}

void OnvifDeviceProbe::cancel()
{
    ++m_generation;
    if (m_status == Status::Probing)
        setStatus(Status::Idle, {});
}

void OnvifDeviceProbe::test(const QString &address, const QString &user, const QString &password)
{
    const quint64 generation = ++m_generation;
    m_result = {};
    emit resultChanged();
    const QUrl url = onvif::deviceUrlFromAddress(address);
    if (!url.isValid()) {
        Error e;
        e.code = ErrorCode::Unreachable;
        e.message =
            tr("\"%1\" is not a camera address. Type an IP address or host name, for example 192.168.1.64.")
                .arg(address);
        setStatus(Status::Failed, e);
        return;
    }
    m_user = user;
    m_password = password;
    setStatus(Status::Probing, {});
    QPointer<OnvifDeviceProbe> self(this);
    core::WorkerThreads::start(QStringLiteral("onvif-probe"), [self, url, user, password, generation] {
        OnvifClient client(url, user, password);
        auto r = client.describe();
        core::postToApp([self, r = std::move(r), generation] {
            if (!self || self->m_generation != generation)
                return; // cancelled or superseded
            if (!r.ok()) {
                self->setStatus(Status::Failed, r.error);
                return;
            }
            self->m_result = r.value;
            emit self->resultChanged();
            self->setStatus(Status::Ready, {});
        });
    });
}

OnvifDeviceProbe::Category OnvifDeviceProbe::errorCategory() const
{
    if (!m_error.isError())
        return Category::None;
    switch (m_error.category()) {
    case ErrorCategory::Transient:
        return Category::Transient;
    case ErrorCategory::Auth:
        return Category::Auth;
    case ErrorCategory::Unsupported:
        return Category::Unsupported;
    case ErrorCategory::Fatal:
        break;
    }
    return Category::Fatal;
}

QString OnvifDeviceProbe::advice() const
{
    return m_errorSource == ErrorSource::Device ? adviceForError(m_error.code) : QString();
}

bool OnvifDeviceProbe::hasPtz() const
{
    return onvif::canPanTiltZoom(m_result);
}

QString OnvifDeviceProbe::address() const
{
    return m_result.deviceUrl.isEmpty() ? QString() : m_result.deviceUrl.host();
}

QStringList OnvifDeviceProbe::streams() const
{
    QStringList out;
    for (const StreamChoice &s : m_result.streams) {
        const MediaProfile &p = s.profile;
        QStringList parts;
        if (p.resolution.isValid())
            parts << QStringLiteral("%1×%2").arg(p.resolution.width()).arg(p.resolution.height());
        if (!p.encoding.isEmpty())
            parts << p.encoding.toUpper();
        if (p.fps > 0)
            parts << tr("%1 fps").arg(p.fps);
        out << QStringLiteral("%1: %2").arg(s.role, parts.isEmpty() ? p.name : parts.join(QLatin1Char(' ')));
    }
    return out;
}

QUrl OnvifDeviceProbe::previewUrl() const
{
    for (const StreamChoice &s : m_result.streams)
        if (s.role == QLatin1String("sub"))
            return s.uri;
    return m_result.streams.isEmpty() ? QUrl() : m_result.streams.first().uri;
}

QStringList OnvifDeviceProbe::presets() const
{
    QStringList out;
    for (const Preset &p : m_result.presets)
        out << (p.name.isEmpty() ? p.token : p.name);
    return out;
}

QString OnvifDeviceProbe::clockOffset() const
{
    const qint64 s = m_result.clockOffsetMs / 1000;
    return s == 0 ? QString() : tr("%1 s").arg(s);
}

QString OnvifDeviceProbe::addToDirectory(const QString &name, const QString &group)
{
    return addToDirectory(cameras::CameraDirectory::instance(), name, group);
}

QString OnvifDeviceProbe::addToDirectory(cameras::CameraDirectory *directory, const QString &name,
                                         const QString &group)
{
    Error e;
    e.code = ErrorCode::DeviceFault;
    if (!directory || m_status != Status::Ready || m_result.streams.isEmpty()) {
        e.message = !directory ? tr("No camera directory to add the device to.")
                               : tr("Test the device first; it must show at least one stream.");
        // A device without a stream is one whose ONVIF support is incomplete: the device's advice fits.
        setStatus(m_status == Status::Ready ? Status::Ready : Status::Failed, e,
                  directory ? ErrorSource::Device : ErrorSource::Directory);
        return {};
    }
    cameras::Camera c = toCamera(m_result, m_user, {}, name);
    c.group = group;
    // A device that is already in the list (same address, or the same serial and so the same id) is updated
    // in place — same id, so the wall keeps showing it — instead of becoming a second camera. What the
    // operator did not give again (name, group, position) is kept.
    QString existing = directory->cameraIdForDevice(c.deviceUrl);
    if (existing.isEmpty() && directory->camera(c.id) &&
        directory->camera(c.id)->origin == cameras::kConfigOrigin)
        existing = c.id;
    if (!existing.isEmpty()) {
        const cameras::Camera old = *directory->camera(existing);
        c.id = existing;
        if (name.trimmed().isEmpty())
            c.name = old.name;
        if (group.trimmed().isEmpty())
            c.group = old.group;
        if (!c.position)
            c.position = old.position;
        c.credentialRef = old.credentialRef;
    } else if (directory->camera(c.id)) {
        c.id += QLatin1Char('-') +
                QUuid::createUuid().toString(QUuid::WithoutBraces).left(8); // a demo camera's id
    }
    // The camera and its password as one transaction (the directory is the only door to passwords).
    if (!directory->putCamera(c, m_password)) {
        e.message = directory->lastError(); // says what to do about the list or the keyring
        setStatus(Status::Ready, e, ErrorSource::Directory);
        return {};
    }
    return c.id;
}

} // namespace vigil::devices
