#pragma once
// OnvifClient: one ONVIF device, spoken to over the shared HttpClient. Handles the device clock offset
// (GetSystemDateAndTime) for WS-Security PasswordDigest, and falls back to HTTP Digest or Basic when the
// device answers 401 with a challenge. Service addresses the device reports are re-pointed at the host and
// port the user typed (devices behind NAT or port forwards report their inside address).
//
// Thread: any thread except the network thread; calls block (use it from a worker, vigilctl or a test; the
// GUI uses components/devices' OnvifDeviceProbe and EventListener, which run it off the GUI thread). Not
// synchronised: one thread at a time per instance.
#include "vigil/onvif/parsers.h"
#include "vigil/onvif/soap.h"
#include "vigil/onvif/types.h"

#include <QtCore/QUrl>

#include <memory>
#include <optional>

namespace vigil::onvif {

struct ClientOptions
{
    int connectTimeoutMs = 5000;
    int timeoutMs = 10000;
    bool syncClock = true;    // read the device clock first and sign with its time
    bool rewriteHosts = true; // service and stream addresses use the host the user typed
};

struct StreamChoice
{
    QString role; // "main", "sub", "third"...
    MediaProfile profile;
    QUrl uri; // RTSP, without credentials
};

// Everything "test device" shows, and what adding it needs.
struct DeviceDescription
{
    QUrl deviceUrl;
    DeviceInfo info;
    Services services;
    qint64 clockOffsetMs = 0;
    QList<MediaProfile> profiles;
    QList<StreamChoice> streams; // ranked: main first
    QUrl snapshotUri;
    QList<Preset> presets; // empty when no PTZ
};

// "10.0.0.5", "10.0.0.5:8080" or a full device-service URL -> http://10.0.0.5/onvif/device_service; an
// invalid URL when it cannot be one.
QUrl deviceUrlFromAddress(const QString &address);

// The device can pan/tilt/zoom: it offers the PTZ service and one of its media profiles carries a PTZ
// configuration. The same rule decides the tile's PTZ controls, the Add-devices dialog's "PTZ" line and the
// once-per-session question to cameras saved without the flag.
bool canPanTiltZoom(const DeviceDescription &device);
bool profilesHavePtz(const QList<MediaProfile> &profiles);

class OnvifClient
{
public:
    OnvifClient(QUrl deviceUrl, QString user, QString password, ClientOptions options = {});
    ~OnvifClient();

    const QUrl &deviceUrl() const { return m_deviceUrl; }
    qint64 clockOffsetMs() const { return m_clockOffsetMs; }
    void setClockOffsetMs(qint64 ms)
    {
        m_clockOffsetMs = ms;
        m_clockKnown = true;
    }
    const Services &services() const { return m_services; }

    // Device
    Result<QDateTime> systemDateAndTime(); // also sets the clock offset
    Result<DeviceInfo> deviceInformation();
    Result<Services> capabilities();
    // GetServices, falling back to GetCapabilities; remembers the result for the calls below.
    Result<Services> discoverServices();

    // Media: Media2 when the device has it, else Media1.
    Result<QList<MediaProfile>> profiles();
    Result<QUrl> streamUri(const MediaProfile &profile);
    Result<QUrl> snapshotUri(const MediaProfile &profile);

    // The whole "test device": clock, services, info, profiles, stream URIs ranked, snapshot, presets.
    Result<DeviceDescription> describe();

    // PTZ (velocities -1..1; timeoutMs 0 = until Stop)
    Result<bool> continuousMove(const QString &profileToken, double pan, double tilt, double zoom,
                                int timeoutMs = 0);
    Result<bool> stop(const QString &profileToken);
    Result<QList<Preset>> presets(const QString &profileToken);
    Result<bool> gotoPreset(const QString &profileToken, const QString &presetToken);
    Result<QString> setPreset(const QString &profileToken, const QString &name);
    Result<bool> removePreset(const QString &profileToken, const QString &presetToken);
    Result<bool> gotoHomePosition(const QString &profileToken);

    // Events (PullPoint)
    Result<PullPointSubscription> createPullPointSubscription(int terminationSeconds = 60);
    Result<QList<AlarmEvent>> pullMessages(const PullPointSubscription &sub, int timeoutSeconds = 5,
                                           int messageLimit = 100);
    Result<QDateTime> renew(const PullPointSubscription &sub, int terminationSeconds = 60);
    Result<bool> unsubscribe(const PullPointSubscription &sub);

    // Profile G hooks for playback: recordings on the device, a time search, and the RTSP replay URI.
    Result<QList<Recording>> recordings();
    // FindRecordings + GetRecordingSearchResults until Completed (or `maxRounds` polls), then EndSearch.
    Result<QList<Recording>> findRecordings(int maxRounds = 10);
    Result<QUrl> replayUri(const QString &recordingToken);

    // One SOAP call: signs, sends, retries with HTTP auth on 401, decodes. Returns the SOAP Body.
    // `extraHeader` goes into the SOAP header (WS-Addressing for events). `timeoutMs` 0 = the option.
    Result<XmlElement> call(const QUrl &service, const QString &what, const QByteArray &bodyXml,
                            bool authenticate = true, const QByteArray &extraHeader = {}, int timeoutMs = 0);

    struct HttpAuth;

private:
    QUrl rewrite(const QUrl &url) const;
    Result<bool> ensureServices();
    Result<bool> simple(const QUrl &service, const QString &what, const QByteArray &body);

    QUrl m_deviceUrl;
    QString m_user;
    QString m_password;
    ClientOptions m_options;
    qint64 m_clockOffsetMs = 0;
    bool m_clockKnown = false;
    bool m_servicesKnown = false;
    Services m_services;
    std::unique_ptr<HttpAuth> m_httpAuth;
};

} // namespace vigil::onvif
