#pragma once
// ZlmClient: a ZLMediaKit media server (HTTP API /index/api/..., github.com/ZLMediaKit/ZLMediaKit,
// server/WebApi.cpp) as a site. ZLMediaKit has no camera directory: its "cameras" are the streams it holds
// now (getMediaList), one per vhost/app/stream whatever the protocols it muxes them to; each `app` becomes a
// region. Live URLs are built from the server's own ports (getServerConfig); RTSP by default (our live
// engine is FFmpeg RTSP). Recordings are the MP4 files of getMP4RecordFile, one call per day, played over
// ZLMediaKit's HTTP file server (http://host:port/<record.appName>/<app>/<stream>/<day>/<file>).
//
// The API secret (SiteConnection::password) goes in the `secret` query parameter of every call: request
// URLs are never logged with their query. login() checks it with getServerConfig (a wrong one answers
// {"code": -100}).
//
// Known limits: a camera id is "app/stream" ("vhost/app/stream" outside the default vhost), so a stream
// name containing '/' is not supported; record file times are the server's local time, read as this PC's
// local time; a file's end is the next file's start or its start + record.fileSecond.
// Thread: as PlatformClient.
#include "vigil/backend/platform_client.h"

#include <QtCore/QDate>

namespace vigil::backend {

namespace zlm {

// The vhost ZLMediaKit uses when none is configured.
inline constexpr char kDefaultVhost[] = "__defaultVhost__";

// One entry of getMediaList's data (a stream in one protocol: rtsp, rtmp, ts, fmp4, hls...).
struct MediaEntry
{
    QString vhost;
    QString app;
    QString stream;
    QString schema;
};

// The parts of getServerConfig that matter here (ZLMediaKit writes every value as a string).
struct ServerConfig
{
    int rtspPort = 554;
    int rtmpPort = 1935;
    QString recordApp = QStringLiteral("record");
    int fileSecond = 3600; // length of one MP4 record file
};

// The day folder's MP4 files (getMP4RecordFile with period=yyyy-MM-dd).
struct RecordFiles
{
    QString rootPath; // the server's folder (a server-side path, for messages only)
    QStringList paths;
};

// ZLMediaKit's answer envelope {"code": 0, "msg", "data"}: code != 0 becomes an Error (-100 AuthFailed ->
// WrongCredentials, -500 NotFound -> NotFound, others ServerError) carrying the server's code and msg.
// Pure functions (no host in the messages: the client adds it). Never throw, never crash on any input.
Result<QList<MediaEntry>> parseMediaList(const QByteArray &body);
Result<ServerConfig> parseServerConfig(const QByteArray &body);
Result<RecordFiles> parseRecordFiles(const QByteArray &body);

// Cameras (one per vhost/app/stream, in first-seen order) and regions (one per app) of a media list; the
// main stream is the live URL of `scheme` on `host`.
enum class LiveScheme
{
    Rtsp,
    Rtmp,
    HttpFlv,
    Hls,
};
// `httpBase` is the server's own address (http://host:port, where its API and HTTP streams are).
CameraList camerasFromMedia(const QList<MediaEntry> &media, const QUrl &httpBase, const ServerConfig &config,
                            LiveScheme scheme);
QString cameraId(const QString &vhost, const QString &app, const QString &stream);
// Splits an id of cameraId(); false when it has not 2 or 3 non-empty parts.
bool splitCameraId(const QString &id, QString *vhost, QString *app, QString *stream);
QUrl liveUrl(const QUrl &httpBase, const ServerConfig &config, LiveScheme scheme, const QString &vhost,
             const QString &app, const QString &stream);
// The recorded segments of one day's files ("HH-MM-SS.mp4" or "HH-MM-SS-N.mp4"; hidden ".…" files are
// being written and are skipped, other names ignored), oldest first, each ending at the next one's start or
// after fileSecond, with its HTTP URL under `httpBase` (http://host:httpPort).
QList<RecordingSegment> segmentsFromFiles(const QDate &day, const QStringList &files, const QUrl &httpBase,
                                          const ServerConfig &config, const QString &app,
                                          const QString &stream);

} // namespace zlm

class ZlmClient final : public PlatformClient
{
public:
    explicit ZlmClient(SiteConnection site);
    ~ZlmClient() override;
    ZlmClient(const ZlmClient &) = delete;
    ZlmClient &operator=(const ZlmClient &) = delete;

    PlatformKind kind() const override { return PlatformKind::ZlMediaKit; }
    const SiteConnection &site() const override { return m_site; }
    void setLiveScheme(zlm::LiveScheme scheme) { m_scheme = scheme; }

    // Checks the secret with getServerConfig and reads the ports (Tokens stay empty: ZLMediaKit has none).
    Result<Tokens> login() override;
    Result<CameraList> cameras(const Progress &progress = {}) override;
    // `sub` is ignored: ZLMediaKit holds one stream per camera.
    Result<LiveUrl> liveUrl(const QString &cameraId, bool sub = false) override;
    // One getMP4RecordFile call per local day of [from, to] (at most 62 days).
    Result<QList<RecordingSegment>> recordings(const QString &cameraId, const QDateTime &from,
                                               const QDateTime &to) override;
    // The URL of the record file covering `from` (ZLMediaKit plays whole files: the player seeks in it).
    Result<LiveUrl> playbackUrl(const QString &cameraId, const QDateTime &from, const QDateTime &to) override;

    int requestCount() const { return m_requests; }

private:
    Result<QByteArray> call(const QString &api, const QList<std::pair<QString, QString>> &query,
                            const QString &what);
    Result<bool> ensureConfig();
    Error badId(const QString &cameraId) const;
    QString host() const;

    SiteConnection m_site;
    zlm::LiveScheme m_scheme = zlm::LiveScheme::Rtsp;
    std::optional<zlm::ServerConfig> m_config;
    int m_requests = 0;
};

} // namespace vigil::backend
