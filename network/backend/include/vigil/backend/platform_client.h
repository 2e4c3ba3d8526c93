#pragma once
// PlatformClient: the one client-side interface of a video platform ("site"), whatever it speaks — our Vigil
// API (OursClient), ZLMediaKit, WVP-GB28181-pro, Hikvision Artemis. The directory, playback and vigilctl use
// only this; a site's kind picks the adapter (makePlatformClient).
//
// Each adapter maps its platform's answers onto the plain values of types.h (camera tree, live and playback
// URLs, recordings, unit fixes) and its failures onto backend::Error (a sentence naming the platform and what
// to do; never a password, secret or token). A call a platform cannot answer fails with
// ErrorCode::Unsupported.
//
// Thread: blocking calls, one at a time per object, on any thread except the GUI thread and the network
// thread (HttpClient::sendSync asserts on the latter). Progress callbacks run on the calling thread.
#include "vigil/backend/types.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace vigil::backend {

enum class PlatformKind
{
    Ours,       // our Vigil API (docs/api/vigil-api.yaml), the demo backend
    ZlMediaKit, // ZLMediaKit's HTTP API (/index/api/..., secret)
    Wvp,        // WVP-GB28181-pro (/api/user/login, device/channel tree, /api/play/start)
    Artemis,    // Hikvision iSecure Center / Artemis OpenAPI (X-Ca-* HMAC-SHA256 signed)
};

// "ours", "zlm", "wvp", "artemis": stable, for sites.json and vigilctl --kind.
QString toString(PlatformKind kind);
std::optional<PlatformKind> platformKindFromString(const QString &text);
// The name shown to the operator ("ZLMediaKit", ...).
QString displayName(PlatformKind kind);

// How to reach one site. What `user`/`password` mean depends on the kind: our API and WVP a user and
// password; ZLMediaKit only the API secret (password); Artemis the AppKey (user) and AppSecret (password).
struct SiteConnection
{
    QUrl
        baseUrl; // http(s)://host:port (a path prefix is kept: https://h/vigil -> https://h/vigil/api/v1/...)
    QString user;
    QString password; // secret: never logged
    int timeoutMs = 15000;
    // https: the SHA-256 (hex) of the platform's own certificate the operator trusted (self-signed platform
    // certificates). Every https call verifies the certificate (system store and host name) unless the
    // platform presents exactly this one. Not a secret. (Initialised so that brace-initialisations ending
    // before it stay warning-free.)
    QString trustedCertSha256 = {};
};

struct CameraList
{
    QList<Region> regions;
    QList<BackendCamera> cameras;
    QByteArray etag;          // the list's version as the platform named it (empty = none)
    bool notModified = false; // answered from the previous call's list after a 304
    int requests = 0;         // HTTP requests this call made (tests, benchmarks)
};

class PlatformClient
{
public:
    // (done, total): cameras received so far and the platform's total (0 = unknown). Return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    virtual ~PlatformClient();

    virtual PlatformKind kind() const = 0;
    virtual const SiteConnection &site() const = 0;

    // Logs in (or checks the key/secret) now; otherwise the first call does. WrongCredentials carries the
    // sentence to show.
    virtual Result<Tokens> login() = 0;
    // The region tree and every camera.
    virtual Result<CameraList> cameras(const Progress &progress = {}) = 0;
    // A playable URL of a camera's live stream (sub = the lighter stream where the platform has one).
    virtual Result<LiveUrl> liveUrl(const QString &cameraId, bool sub = false) = 0;
    // The recorded segments of a camera in [from, to], oldest first.
    virtual Result<QList<RecordingSegment>> recordings(const QString &cameraId, const QDateTime &from,
                                                       const QDateTime &to) = 0;
    // A playable URL of [from, to] (HTTP MP4/MKV, HLS or RTSP with Range; the recorded engine opens it).
    virtual Result<LiveUrl> playbackUrl(const QString &cameraId, const QDateTime &from,
                                        const QDateTime &to) = 0;
    // Patrol units' latest fixes. Default: Unsupported.
    virtual Result<QList<UnitFix>> units();

protected:
    // The Unsupported error for `what` ("patrol units") on this platform.
    Error unsupported(const QString &what) const;
};

// The adapter for `kind`, connected to nothing yet.
std::unique_ptr<PlatformClient> makePlatformClient(PlatformKind kind, SiteConnection site);

} // namespace vigil::backend
