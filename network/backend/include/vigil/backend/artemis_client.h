#pragma once
// ArtemisClient: a Hikvision iSecure Center / HikCentral platform through its Artemis OpenAPI gateway
// (https://host/artemis/api/...). Every call is a POST of JSON signed with the partner's AppKey
// (SiteConnection::user) and AppSecret (SiteConnection::password): X-Ca-Key, X-Ca-Timestamp, X-Ca-Nonce,
// X-Ca-Signature-Headers and X-Ca-Signature = Base64(HMAC-SHA256(AppSecret, string-to-sign)), where the
// string-to-sign is
//     METHOD \n Accept \n Content-MD5 \n Content-Type \n Date \n
//     x-ca-key:<key> \n x-ca-nonce:<nonce> \n x-ca-timestamp:<ms> \n
//     <path>[?<query sorted by name>]
// (the artemis-http-client SDK's SignUtil; the four standard headers are always sent, so the SDK's "only
// when present" and the gateway's "empty line when absent" read the same string).
//
// Calls: resource/v1/regions and resource/v1/cameras (paged: pageNo/pageSize, data.total), video/v1/cameras/
// previewURLs (protocol rtsp), video/v1/cameras/playbackURLs (segments and one URL of [from, to]).
// Known limits: camera positions are read as WGS-84 unless setDatum() says otherwise (the platform does not
// say which datum its map uses); online status is the camera list's "status" (1 online, 0 offline).
// The AppSecret is never sent, logged or put in a message. Thread: as PlatformClient.
#include "vigil/backend/platform_client.h"

#include <QtCore/QJsonObject>
#include <QtCore/QPair>

namespace vigil::backend {

namespace artemis {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// The string-to-sign of a request with these headers (names case-insensitive; X-Ca-* headers other than
// X-Ca-Signature and X-Ca-Signature-Headers are signed, sorted by lower-case name) and this path and query
// (sorted by name; a value-less item as "name").
QByteArray stringToSign(const QByteArray &method, const Headers &headers, const QString &path,
                        const QList<QPair<QString, QString>> &query = {});
// Base64(HMAC-SHA256(secret, text)).
QByteArray signature(const QByteArray &text, const QByteArray &secret);
// Every header of a signed JSON POST: Accept, Content-Type, Content-MD5, Date, X-Ca-Key, X-Ca-Timestamp,
// X-Ca-Nonce, X-Ca-Signature-Headers, X-Ca-Signature. `timestampMs`/`nonce` fixed for tests.
Headers signedPostHeaders(const QString &path, const QByteArray &body, const QString &appKey,
                          const QString &appSecret, qint64 timestampMs, const QByteArray &nonce);

// One page of a paged list (data.list, data.total).
struct CameraPage
{
    QList<BackendCamera> items;
    qint64 total = 0;
};
struct RegionPage
{
    QList<Region> items;
    qint64 total = 0;
};
struct Playback
{
    QList<RecordingSegment> segments;
    QUrl url;
};

// Answers {"code": "0", "msg", "data"}: a code other than "0" is an Error (ServerError, or WrongCredentials
// for the gateway's authentication codes) carrying the platform's code and msg. Pure; never crash.
Result<CameraPage> parseCameras(const QByteArray &body, Datum datum = Datum::Wgs84);
Result<RegionPage> parseRegions(const QByteArray &body);
Result<LiveUrl> parsePreviewUrl(const QByteArray &body);
Result<Playback> parsePlayback(const QByteArray &body);

} // namespace artemis

class ArtemisClient final : public PlatformClient
{
public:
    explicit ArtemisClient(SiteConnection site);
    ~ArtemisClient() override;
    ArtemisClient(const ArtemisClient &) = delete;
    ArtemisClient &operator=(const ArtemisClient &) = delete;

    PlatformKind kind() const override { return PlatformKind::Artemis; }
    const SiteConnection &site() const override { return m_site; }
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void setDatum(Datum datum) { m_datum = datum; }

    // Checks the key and secret with a one-region page (the gateway refuses a bad signature with 401).
    Result<Tokens> login() override;
    Result<CameraList> cameras(const Progress &progress = {}) override;
    Result<LiveUrl> liveUrl(const QString &cameraId, bool sub = false) override;
    Result<QList<RecordingSegment>> recordings(const QString &cameraId, const QDateTime &from,
                                               const QDateTime &to) override;
    Result<LiveUrl> playbackUrl(const QString &cameraId, const QDateTime &from, const QDateTime &to) override;

    int requestCount() const { return m_requests; }

private:
    Result<QByteArray> post(const QString &api, const QJsonObject &body, const QString &what);
    Result<artemis::Playback> playback(const QString &cameraId, const QDateTime &from, const QDateTime &to,
                                       const QString &what);
    QString host() const;

    SiteConnection m_site;
    int m_pageSize = 1000;
    Datum m_datum = Datum::Wgs84;
    int m_requests = 0;
};

} // namespace vigil::backend
