#pragma once
// What an ONVIF device tells us, as plain values. Thread: value types, any thread.
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QSize>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

namespace vigil::onvif {

struct DeviceInfo
{
    QString manufacturer;
    QString model;
    QString firmware;
    QString serial;
    QString hardwareId;
};

// Service entry points. Empty URLs: the device did not offer the service.
struct Services
{
    QUrl device;
    QUrl media;  // Media1 (ver10/media)
    QUrl media2; // Media2 (ver20/media)
    QUrl ptz;
    QUrl events;
    QUrl imaging;
    QUrl recording;
    QUrl search;
    QUrl replay;
};

struct MediaProfile
{
    QString token;
    QString name;
    QString encoding; // "h264", "h265", "jpeg", "mpeg4", or "" when the device does not say
    QSize resolution; // invalid when unknown
    int fps = 0;
    int bitrateKbps = 0;
    QString ptzConfigurationToken; // non-empty when the profile can drive PTZ
    bool media2 = false;           // came from Media2 (use Media2 GetStreamUri)
};

struct Preset
{
    QString token;
    QString name;
};

struct PullPointSubscription
{
    QUrl address; // the subscription manager / pull point
    QDateTime currentTime;
    QDateTime terminationTime;
};

enum class EventKind
{
    Other,
    Motion,
    Tamper,
    DigitalInput
};

// One notification from PullMessages, with the camera filled in by the listener.
struct AlarmEvent
{
    QString cameraId;
    EventKind kind = EventKind::Other;
    QString topic;        // as sent, prefix stripped of the namespace: "VideoSource/MotionAlarm"
    QDateTime time;       // UTC, from the device (UtcTime)
    bool active = false;  // the state item (State, IsMotion, IsTamper, LogicalState) is true
    bool initial = false; // PropertyOperation="Initialized": the current state, not a change
    QString source;       // first Source SimpleItem value ("VideoSource_1", input token)
    QList<QPair<QString, QString>> data; // all Data SimpleItems
};

QString toString(EventKind kind); // "motion", "tamper", "digital-input", "other"

// Profile G: a recording on the device (NVR channel or camera SD card).
struct Recording
{
    QString token;
    QString sourceName; // the camera it records
    QDateTime earliest; // invalid when the device does not say
    QDateTime latest;
};

struct ProbeMatch
{
    QString endpoint;   // wsa:Address, "urn:uuid:..."; the key for merging duplicates
    QList<QUrl> xaddrs; // device service addresses, http first
    QStringList types;
    QStringList scopes;
    QString name;        // from onvif://www.onvif.org/name/..., percent-decoded
    QString hardware;    // from .../hardware/...
    QString location;    // from .../location/...
    QString fromAddress; // the IP that answered
};

} // namespace vigil::onvif
