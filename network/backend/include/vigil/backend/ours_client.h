#pragma once
// OursClient: the client of our Vigil API (docs/api/vigil-api.yaml) for one site, on the process-wide
// vigil::network::HttpClient (keep-alive, timeouts). It logs in on first use, logs in again ONCE when the
// platform answers 401 "token_expired" / "invalid_token" and then gives a clear error, follows the camera
// pages (reporting progress) and keeps the list's ETag, so a second cameras() call costs one request when
// nothing changed (304).
//
// Use from the GUI (the lead's directory code):
//     auto client = std::make_shared<OursClient>(OursSite{url, user, password});
//     QtConcurrent::run([client] { return client->cameras(progress); })  // then back on the GUI thread
// Thread: blocking calls, one at a time per object, on any thread except the GUI thread and the network
// thread (HttpClient::sendSync asserts on the latter). Progress callbacks run on the calling thread.
#include "vigil/backend/platform_client.h"

#include <functional>

namespace vigil::backend {

using OursSite = SiteConnection;

class OursClient final : public PlatformClient
{
public:
    explicit OursClient(OursSite site);
    ~OursClient() override;
    OursClient(const OursClient &) = delete;
    OursClient &operator=(const OursClient &) = delete;

    PlatformKind kind() const override { return PlatformKind::Ours; }
    const SiteConnection &site() const override { return m_site; }
    // Cameras per page asked for (the platform may cap it); default 1000.
    void setPageSize(int pageSize) { m_pageSize = pageSize; }

    // Logs in now (otherwise the first call does). WrongCredentials carries the sentence to show.
    Result<Tokens> login() override;
    Result<QList<Region>> regions();
    // The region tree and every camera, page by page: after page 1, one helper thread fetches the next pages
    // while others parse those already here. A page that changed version mid-way (the platform's list changed
    // while we read it) restarts the walk once. Progress runs on the calling thread.
    Result<CameraList> cameras(const Progress &progress = {}) override;
    Result<LiveUrl> liveUrl(const QString &cameraId, bool sub = false) override;
    Result<QList<UnitFix>> units() override;
    // The recorded segments of a camera in [from, to], oldest first, and a playable URL of [from, to]
    // (HTTP MP4/MKV, HLS or RTSP with Range; the recorded engine opens it).
    Result<QList<RecordingSegment>> recordings(const QString &cameraId, const QDateTime &from,
                                               const QDateTime &to) override;
    Result<LiveUrl> playbackUrl(const QString &cameraId, const QDateTime &from, const QDateTime &to) override;

    // The access token of the last login (for the WebSocket push, sent as "Authorization: Bearer").
    QString accessToken() const { return m_tokens.accessToken; }
    // Logins performed so far (tests: one per re-login).
    int loginCount() const { return m_logins; }
    // A new access token for the refresh token of the last login or refresh (POST /api/v1/token/refresh;
    // refresh tokens are single-use, the answer carries the next one): an expired token is renewed without
    // sending the password again. Fails (and forgets the refresh token) when the platform refuses it.
    Result<Tokens> refresh();
    int refreshCount() const { return m_refreshes; }
    // A token again after the platform refused one: refresh() when the platform takes it, else login() (a
    // platform that restarted knows no refresh token). `*refreshed` says which one it was.
    Result<Tokens> renewToken(bool *refreshed = nullptr);

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray etag;
    };
    Result<Reply> get(const QString &path, const QList<std::pair<QString, QString>> &query,
                      const QByteArray &ifNoneMatch, const QString &what);
    Result<Reply> send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                       const QByteArray &ifNoneMatch, bool authorised, const QString &what);
    enum class Walk
    {
        Complete,
        Changed, // the list changed while it was read: start again
        Failed,
    };
    Walk fetchPages(int from, int last, const QByteArray &etag, const Progress &progress,
                    QList<BackendCamera> *cameras, Error *error);
    QUrl apiUrl(const QString &path) const;
    QString host() const;

    OursSite m_site;
    Tokens m_tokens;
    int m_logins = 0;
    int m_refreshes = 0;
    int m_pageSize = 1000;
    int m_requests = 0;
    CameraList m_last; // the last complete list, answered again after a 304
};

} // namespace vigil::backend
