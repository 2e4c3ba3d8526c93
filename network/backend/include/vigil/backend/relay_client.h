#pragma once
// RelayClient: a media server that pulls a camera once and serves it to every PC that shows it ("stream
// fan-out"), so a camera's few RTSP sessions are not used up by a wall of many PCs. Two kinds:
//  - ZLMediaKit (github.com/ZLMediaKit/ZLMediaKit): GET /index/api/addStreamProxy (server/WebApi.cpp) with
//  the
//    API secret, then play rtsp://<relay>:<rtsp.port>/<app>/<stream> (554 by default);
//  - MediaMTX (github.com/bluenviron/mediamtx): POST /v3/config/paths/add/<name> with {"source": <camera>,
//    "sourceOnDemand": true} (internal/api/api_config_paths.go), HTTP Basic auth when the API has a user,
//    then play rtsp://<relay>:<rtspAddress port>/<name> (8554 by default).
// pull() is idempotent: a relay that already pulls that name ("This stream already exists", "path already
// exists") is a success. Names are stable, derived from the camera id and stream role (relayStreamName), so
// every PC asks for the same one and the relay pulls the camera once whatever the number of viewers.
//
// The camera URL given to pull() may carry the camera's user and password (the relay needs them); it goes in
// the request (query or JSON body) and is never logged, nor is the API secret. Errors are backend::Error
// sentences naming the relay at host:port and what to do.
//
// Known limits: a name the relay already pulls from another URL (the camera's address changed) keeps its old
// source until it is removed on the relay; MediaMTX paths added through the API last until the relay
// restarts (Vigil asks again on its next start).
// Thread: blocking calls, on any thread except the GUI thread and the network thread.
#include "vigil/backend/types.h"

#include <QtCore/QString>
#include <QtCore/QUrl>

#include <memory>
#include <optional>

namespace vigil::backend {

enum class RelayKind
{
    ZlMediaKit,
    MediaMtx,
};

// "zlm", "mediamtx": stable, for sites.json.
QString toString(RelayKind kind);
std::optional<RelayKind> relayKindFromString(const QString &text);
// "ZLMediaKit", "MediaMTX".
QString displayName(RelayKind kind);
// The RTSP port the kind serves on unless its configuration says otherwise (554, 8554).
int defaultRtspPort(RelayKind kind);

struct RelayConnection
{
    RelayKind kind = RelayKind::ZlMediaKit;
    QUrl apiUrl;    // http(s)://host:port of the relay's HTTP API (ZLMediaKit http.port, MediaMTX apiAddress)
    QString user;   // MediaMTX: the API user (HTTP Basic); ZLMediaKit: unused
    QString secret; // ZLMediaKit api.secret, MediaMTX the API user's password: never logged
    int rtspPort = 0;                      // the relay's RTSP port; 0 = defaultRtspPort(kind)
    QString app = QStringLiteral("vigil"); // ZLMediaKit app (MediaMTX: the name's prefix "<app>-")
    int timeoutMs = 20000; // ZLMediaKit answers addStreamProxy once its first pull succeeded or failed
    QString trustedCertSha256 = {}; // https: the relay's own certificate the operator trusted (hex)

    bool isValid() const { return apiUrl.isValid() && !apiUrl.host().isEmpty(); }
};

struct RelayedStream
{
    QUrl playUrl;         // where the relay serves the camera (no credentials)
    bool already = false; // the relay was already pulling that name
};

class RelayClient
{
public:
    virtual ~RelayClient();
    virtual RelayKind kind() const = 0;
    virtual const RelayConnection &connection() const = 0;
    // Asks the relay to pull `source` under `name` (relayStreamName()) unless it already does, and returns
    // the URL to play. WrongCredentials for a refused secret or user, Unreachable/Timeout/Tls for transport
    // failures, ServerError with the relay's own words when it refuses (cannot reach the camera...),
    // BadResponse for an answer that is not the relay's.
    virtual Result<RelayedStream> pull(const QString &name, const QUrl &source) = 0;
    // The URL the relay serves `name` on (no request made).
    virtual QUrl playUrl(const QString &name) const = 0;
    int requestCount() const { return m_requests; }

protected:
    int m_requests = 0;
};

// A stable relay name for one stream of one camera: the camera id and role with every character outside
// [A-Za-z0-9_-] replaced by '_', cut to 64 characters, and an 8-hex-digit hash of the original when anything
// was replaced or cut (so "a/b" and "a_b" never share a name). Safe in a URL path and in both relays' names.
QString relayStreamName(const QString &cameraId, const QString &role);

std::unique_ptr<RelayClient> makeRelayClient(RelayConnection connection);

} // namespace vigil::backend
