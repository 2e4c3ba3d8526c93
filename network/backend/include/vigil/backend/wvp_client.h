#pragma once
// WvpClient: a WVP-GB28181-pro platform (github.com/648540858/wvp-GB28181-pro) as a site. It logs in with
// /api/user/login (user name + MD5 of the password) and sends the JWT back in the "access-token" header,
// logging in again once when the platform answers 401. GB28181 devices become regions and their channels
// cameras (id "deviceId/channelId"); live and playback URLs come from /api/play/start and
// /api/playback/start (the "rtsp" URL of WVP's StreamContent), recordings from /api/gb_record/query.
//
// Answers are WVPResult {"code": 0, "msg", "data"} (the platform wraps plain results such as PageInfo the
// same way; an unwrapped PageInfo is read too). Known limits: channels are read from the device's own channel
// list (/api/device/query/devices/{id}/channels), not the platform's virtual region/group trees; a playback
// stream WVP starts is not stopped by Vigil (WVP closes it when nobody watches); unit positions
// (MobilePosition) are not read. Thread: as PlatformClient.
#include "vigil/backend/platform_client.h"

namespace vigil::backend {

namespace wvp {

struct Device
{
    QString id;
    QString name;
    bool online = false;
    Datum datum = Datum::Wgs84; // geoCoordSys "GCJ02" where the platform says so
};
template<typename T> struct Page
{
    QList<T> items;
    qint64 total = 0;
};

// The "yyyy-MM-dd HH:mm:ss" local time WVP takes and gives.
QString formatTime(const QDateTime &t);

// Pure parsers (no host in the messages); code != 0 -> ServerError with the platform's code and msg (code 401
// -> TokenExpired). Never crash on any input.
Result<Tokens> parseLogin(const QByteArray &body);
Result<Page<Device>> parseDevices(const QByteArray &body);
// Channels of `device` as cameras, region = the device.
Result<Page<BackendCamera>> parseChannels(const QByteArray &body, const Device &device);
// The stream URL of a StreamContent (play/playback start): rtsp, else the first of rtmp/flv/hls given.
Result<LiveUrl> parseStream(const QByteArray &body);
Result<QList<RecordingSegment>> parseRecords(const QByteArray &body);

} // namespace wvp

class WvpClient final : public PlatformClient
{
public:
    explicit WvpClient(SiteConnection site);
    ~WvpClient() override;
    WvpClient(const WvpClient &) = delete;
    WvpClient &operator=(const WvpClient &) = delete;

    PlatformKind kind() const override { return PlatformKind::Wvp; }
    const SiteConnection &site() const override { return m_site; }
    void setPageSize(int pageSize) { m_pageSize = pageSize; }

    Result<Tokens> login() override;
    Result<CameraList> cameras(const Progress &progress = {}) override;
    // `sub` is ignored (GB28181 live is one stream per channel here).
    Result<LiveUrl> liveUrl(const QString &cameraId, bool sub = false) override;
    Result<QList<RecordingSegment>> recordings(const QString &cameraId, const QDateTime &from,
                                               const QDateTime &to) override;
    Result<LiveUrl> playbackUrl(const QString &cameraId, const QDateTime &from, const QDateTime &to) override;

    int loginCount() const { return m_logins; }
    int requestCount() const { return m_requests; }

private:
    Result<QByteArray> get(const QString &path, const QList<std::pair<QString, QString>> &query,
                           const QString &what);
    bool splitId(const QString &cameraId, QString *device, QString *channel, Error *error) const;
    QString host() const;

    SiteConnection m_site;
    QString m_token; // secret: never logged
    int m_pageSize = 100;
    int m_logins = 0;
    int m_requests = 0;
};

} // namespace vigil::backend
