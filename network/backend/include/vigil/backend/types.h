#pragma once
// Plain results of a platform ("site") behind our Vigil API (docs/api/vigil-api.yaml), and the one error
// shape every backend call returns. Values only: no QObject, no socket. Thread: any.
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <cmath>
#include <limits>

namespace vigil::backend {

enum class ErrorCode
{
    None,
    Unreachable,      // no TCP connection (address, port, firewall, platform down)
    Timeout,          // connected but no (complete) answer in time
    Tls,              // the HTTPS handshake failed
    BadResponse,      // answered, but not with our API's JSON (malformed, wrong types, missing fields)
    TooLarge,         // an answer beyond the size Vigil accepts
    WrongCredentials, // login refused (user name or password)
    TokenExpired,     // the platform kept refusing a fresh token as expired
    NotFound,         // no such camera/unit (or no such endpoint: not our API)
    Unsupported,      // the platform does not implement this call
    ServerError,      // any other error answer: its own text is shown
    Cancelled,        // the caller gave up (progress callback returned false)
};

enum class ErrorCategory
{
    Transient,
    Fatal,
    Auth,
    Unsupported
};

struct Error
{
    ErrorCode code = ErrorCode::None;
    QString message;    // user-facing sentence (what failed and what to do); never a password or token
    QString serverCode; // the platform's error.code ("token_expired", ...), empty when it sent none
    int httpStatus = 0;
    // Tls: the SHA-256 (64 lowercase hex digits) of the certificate the platform presented, for the operator
    // to compare and trust; empty otherwise.
    QString presentedCertSha256 = {};

    bool isError() const { return code != ErrorCode::None; }
    ErrorCategory category() const;
};

QString toString(ErrorCode code); // "wrong-credentials", ... stable, for JSON

template<typename T> struct Result
{
    T value{};
    Error error;
    bool ok() const { return !error.isError(); }
    static Result fail(Error e)
    {
        Result r;
        r.error = std::move(e);
        return r;
    }
};

enum class Datum
{
    Wgs84, // GPS
    Gcj02, // China's obfuscated datum (map tiles of Chinese providers)
};

enum class CameraStatus
{
    Unknown,
    Online,
    Offline,
};

struct Tokens
{
    QString accessToken;  // secret: never logged
    QString refreshToken; // secret; empty when the platform offers no refresh
    int expiresInSeconds = 0;
};

// One node of the region tree (county, township, village...). parentId is empty for a root.
struct Region
{
    QString id;
    QString name;
    QString nameEn; // optional English name, empty when the platform has none
    QString parentId;
};

struct BackendCamera
{
    static constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

    QString id;
    QString name;
    QString nameEn;              // optional English name
    QString regionId;            // empty = directly under the site
    double longitude = kNoValue; // both NaN when the platform does not know where the camera is
    double latitude = kNoValue;
    Datum datum = Datum::Wgs84;
    double directionDeg = kNoValue; // compass bearing it looks at (0 = north, clockwise); NaN = unknown
    double fovDeg = kNoValue;       // horizontal field of view; NaN = unknown
    bool ptz = false;
    CameraStatus status = CameraStatus::Unknown;
    // Stream URLs as the platform gave them, checked to be URLs by the parser (they may carry credentials:
    // redact before showing). Text rather than QUrl: 400,000 cameras x 2 QUrl cost about 190 MB more. Both
    // empty = ask for a URL with OursClient::liveUrl() when playing.
    QString mainStream;
    QString subStream;

    bool hasPosition() const { return !std::isnan(longitude) && !std::isnan(latitude); }
    bool hasStreams() const { return !mainStream.isEmpty() || !subStream.isEmpty(); }
};

// One page of GET /api/v1/cameras.
struct CameraPage
{
    QList<BackendCamera> items;
    qint64 total = 0;
    int page = 1;
    int nextPage = 0; // 0 = this was the last page
};

// A playable URL of one camera (GET /api/v1/cameras/{id}/live).
struct LiveUrl
{
    QUrl url;            // may carry credentials or a token: redact before showing
    QDateTime expiresAt; // invalid = does not expire
};

// A recorded span of one camera (GET /api/v1/cameras/{id}/recordings).
struct RecordingSegment
{
    QDateTime start;
    QDateTime end;
    QString kind; // "continuous", "motion", "alarm"... (free text; empty when the platform says none)
    qint64 sizeBytes = -1; // -1 = not given
    QUrl url;              // where the platform plays this segment directly; empty = ask .../playback
};

// A patrol unit's latest fix (GET /api/v1/units, WebSocket topic "units").
struct UnitFix
{
    QString id;
    QString callSign;
    double longitude = 0;
    double latitude = 0;
    Datum datum = Datum::Wgs84;
    double headingDeg = BackendCamera::kNoValue;
    double speedMps = BackendCamera::kNoValue;
    QString status; // "available", "busy", "responding", "off-duty", "emergency" (free text from others)
    QDateTime time; // UTC
};

// One message of the WebSocket push channel.
struct PushMessage
{
    enum class Type
    {
        Subscribed, // topics: what the server subscribed us to
        Units,      // units: a batch of fixes
        Alarm,      // alarm*: one alarm raised
        Other,      // a type this client does not know (ignored, for forward compatibility)
    };
    Type type = Type::Other;
    QStringList topics;
    QList<UnitFix> units;
    QString alarmId;
    QString alarmCameraId;
    QString alarmKind;
    QString alarmMessage;   // the platform's text (the demo: Chinese)
    QString alarmMessageEn; // English text where the platform has one
    QDateTime alarmTime;
    double alarmLongitude =
        BackendCamera::kNoValue; // the place as lon/lat (both or neither), else the camera
    double alarmLatitude = BackendCamera::kNoValue;
    Datum alarmDatum = Datum::Wgs84;
    int alarmPriority = 0; // 1 (lowest) .. 5 (most urgent); 0 = not given
};

} // namespace vigil::backend
