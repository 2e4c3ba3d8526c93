// WvpClient over HttpClient::sendSync. Request and answer shapes from wvp-GB28181-pro's controllers:
// UserController (/api/user/login), DeviceQuery (/api/device/query/devices, .../{deviceId}/channels:
// PageInfo), PlayController (/api/play/start/{deviceId}/{channelId}), PlaybackController
// (/api/playback/start/...), GBRecordController (/api/gb_record/query/...: RecordInfo.recordList),
// StreamContent, WVPResult, ErrorCode.
#include "vigil/backend/wvp_client.h"

#include "adapter_common.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QLoggingCategory>
#include <QtCore/QUrlQuery>

#include <algorithm>
#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(vigilBackend)

namespace vigil::backend {

namespace {
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::WvpClient)
};
using adapter::makeError;

constexpr qint64 kMaxPages = 100000;
constexpr int kTokenRefused = 401; // ErrorCode.ERROR401 ("请登录后重新请求")

// WVPResult {"code", "msg", "data"}: data (any JSON) when code is 0. An unwrapped object without "code" is
// taken as the data itself (a bare PageInfo).
bool envelope(const QByteArray &body, QJsonValue *data, Error *error)
{
    QJsonObject root;
    if (!adapter::jsonObject(body, &root, error))
        return false;
    const QJsonValue code = root.value(QLatin1String("code"));
    if (code.isUndefined()) {
        *data = root;
        return true;
    }
    if (!code.isDouble()) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("\"code\" is not a number"));
        return false;
    }
    const int c = code.toInt();
    if (c != 0) {
        const QString msg = root.value(QLatin1String("msg")).toString().left(200);
        *error = makeError(c == kTokenRefused ? ErrorCode::TokenExpired : ErrorCode::ServerError,
                           Msg::tr("code %1 (%2)").arg(c).arg(msg), 200, QString::number(c));
        return false;
    }
    *data = root.value(QLatin1String("data"));
    return true;
}

// PageInfo {"total", "list"}.
QJsonArray pageList(const QJsonValue &data, qint64 *total, Error *error)
{
    const QJsonObject o = data.toObject();
    const double t = adapter::number(o, "total", -1);
    const QJsonValue list = o.value(QLatin1String("list"));
    if (!data.isObject() || t < 0 || t > 1e9) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("the page has no \"total\""));
        return {};
    }
    if (!list.isArray() && !list.isNull() && !list.isUndefined()) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("\"list\" is not a list"));
        return {};
    }
    *total = qint64(t);
    return list.toArray();
}

QDateTime parseWvpTime(const QString &s)
{
    QDateTime t = QDateTime::fromString(s, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace

namespace wvp {

QString formatTime(const QDateTime &t)
{
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

Result<Tokens> parseLogin(const QByteArray &body)
{
    using R = Result<Tokens>;
    QJsonValue data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    Tokens t;
    t.accessToken = data.toObject().value(QLatin1String("accessToken")).toString();
    if (t.accessToken.isEmpty())
        return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("the login answer has no \"accessToken\"")));
    return R{t, {}};
}

Result<Page<Device>> parseDevices(const QByteArray &body)
{
    using R = Result<Page<Device>>;
    QJsonValue data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    Page<Device> page;
    const QJsonArray list = pageList(data, &page.total, &error);
    if (error.isError())
        return R::fail(error);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        Device d;
        d.id = adapter::text(o, "deviceId");
        if (!list.at(i).isObject() || d.id.isEmpty())
            return R::fail(makeError(ErrorCode::BadResponse,
                                     Msg::tr("device %1 of the page has no \"deviceId\"").arg(i + 1)));
        d.name = adapter::text(o, "name");
        if (d.name.isEmpty())
            d.name = d.id;
        d.online = o.value(QLatin1String("onLine")).toBool(o.value(QLatin1String("online")).toBool());
        if (adapter::text(o, "geoCoordSys").compare(QLatin1String("GCJ02"), Qt::CaseInsensitive) == 0)
            d.datum = Datum::Gcj02;
        page.items.append(std::move(d));
    }
    return R{page, {}};
}

Result<Page<BackendCamera>> parseChannels(const QByteArray &body, const Device &device)
{
    using R = Result<Page<BackendCamera>>;
    QJsonValue data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    Page<BackendCamera> page;
    const QJsonArray list = pageList(data, &page.total, &error);
    if (error.isError())
        return R::fail(error);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        // 2.6: "channelId"; 2.7 (DeviceChannel extends CommonGBChannel): the channel's own GB id in
        // "deviceId".
        QString channel = adapter::text(o, "channelId");
        if (channel.isEmpty())
            channel = adapter::text(o, "deviceId");
        if (!list.at(i).isObject() || channel.isEmpty())
            return R::fail(
                makeError(ErrorCode::BadResponse,
                          Msg::tr("channel %1 of device %2 has no \"channelId\"").arg(i + 1).arg(device.id)));
        BackendCamera c;
        c.id = device.id + QLatin1Char('/') + channel;
        c.name = adapter::text(o, "name");
        if (c.name.isEmpty())
            c.name = channel;
        c.regionId = device.id;
        // The WGS-84 pair where the platform keeps one, else the raw one in the device's datum.
        double lon = adapter::number(o, "longitudeWgs84", BackendCamera::kNoValue);
        double lat = adapter::number(o, "latitudeWgs84", BackendCamera::kNoValue);
        Datum datum = Datum::Wgs84;
        if (std::isnan(lon) || std::isnan(lat) || (lon == 0 && lat == 0)) {
            lon = adapter::number(o, "longitude", BackendCamera::kNoValue);
            lat = adapter::number(o, "latitude", BackendCamera::kNoValue);
            datum = device.datum;
        }
        if (lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 && !(lon == 0 && lat == 0)) {
            c.longitude = lon;
            c.latitude = lat;
            c.datum = datum;
        }
        // GB28181 PTZType: 1 dome, 2 half-dome (PTZ), 3 fixed bullet, 4 remote-controlled bullet.
        const int ptzType = int(adapter::number(o, "ptzType", 0));
        c.ptz = ptzType == 1 || ptzType == 2 || ptzType == 4;
        const QJsonValue status = o.value(QLatin1String("status"));
        const bool on = status.isString()
                            ? status.toString().compare(QLatin1String("ON"), Qt::CaseInsensitive) == 0
                            : status.toInt() == 1 || status.toBool();
        c.status = status.isUndefined() || status.isNull() ? CameraStatus::Unknown
                   : on                                    ? CameraStatus::Online
                                                           : CameraStatus::Offline;
        page.items.append(std::move(c));
    }
    return R{page, {}};
}

Result<LiveUrl> parseStream(const QByteArray &body)
{
    using R = Result<LiveUrl>;
    QJsonValue data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    const QJsonObject o = data.toObject();
    for (const char *key : {"rtsp", "rtmp", "flv", "fmp4", "hls"}) {
        // StreamContent: a URL string; the older StreamInfo: {"url": ...}.
        const QJsonValue v = o.value(QLatin1String(key));
        const QString s = v.isObject() ? v.toObject().value(QLatin1String("url")).toString() : v.toString();
        if (s.isEmpty())
            continue;
        const QUrl u(s, QUrl::StrictMode);
        if (!u.isValid() || u.scheme().isEmpty() || u.host().isEmpty())
            return R::fail(
                makeError(ErrorCode::BadResponse, Msg::tr("\"%1\" is not a URL").arg(QLatin1String(key))));
        LiveUrl out;
        out.url = u;
        return R{out, {}};
    }
    return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("the answer names no stream URL")));
}

Result<QList<RecordingSegment>> parseRecords(const QByteArray &body)
{
    using R = Result<QList<RecordingSegment>>;
    QJsonValue data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    if (!data.isObject())
        return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("\"data\" is not an object")));
    const QJsonValue list = data.toObject().value(QLatin1String("recordList"));
    if (!list.isArray() && !list.isNull() && !list.isUndefined())
        return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("\"recordList\" is not a list")));
    QList<RecordingSegment> out;
    const QJsonArray items = list.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject o = items.at(i).toObject();
        RecordingSegment s;
        s.start = parseWvpTime(o.value(QLatin1String("startTime")).toString());
        s.end = parseWvpTime(o.value(QLatin1String("endTime")).toString());
        if (!s.start.isValid() || !s.end.isValid() || s.end < s.start)
            return R::fail(makeError(ErrorCode::BadResponse,
                                     Msg::tr("recording %1 has no valid \"startTime\"/\"endTime\" "
                                             "(yyyy-MM-dd HH:mm:ss, end after start)")
                                         .arg(i + 1)));
        s.kind = adapter::text(o, "type");
        s.sizeBytes = qint64(adapter::number(o, "fileSize", -1));
        out.append(std::move(s));
    }
    std::sort(out.begin(), out.end(),
              [](const RecordingSegment &a, const RecordingSegment &b) { return a.start < b.start; });
    return R{out, {}};
}

} // namespace wvp

WvpClient::WvpClient(SiteConnection site)
    : m_site(std::move(site))
{
    m_site.baseUrl.setUserInfo({});
}

WvpClient::~WvpClient() = default;

QString WvpClient::host() const
{
    return adapter::hostPort(m_site.baseUrl);
}

namespace {
QUrl apiUrl(const QUrl &base, const QString &path, const QList<std::pair<QString, QString>> &query)
{
    QUrl u = base;
    QString prefix = u.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    u.setPath(prefix + path);
    QUrlQuery q;
    for (const auto &[k, v] : query)
        q.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
    u.setQuery(q);
    return u;
}

Error explain(Error e, const QString &host, const QString &what)
{
    if (e.code == ErrorCode::ServerError) {
        e.message =
            Msg::tr("WVP-GB28181-pro at %1 could not answer %2: %3. Check that the device is online, or "
                    "try again later.")
                .arg(host, what, e.message);
        return e;
    }
    return adapter::unreadable(std::move(e), QStringLiteral("WVP-GB28181-pro"), host, what);
}
} // namespace

Result<Tokens> WvpClient::login()
{
    using R = Result<Tokens>;
    m_token.clear();
    ++m_logins;
    const QString what = Msg::tr("the login");
    network::HttpRequest req;
    req.method = "GET";
    // The password goes only as its MD5 (what the platform's own web page sends), in the query of this one
    // request, which is never logged.
    const QString md5 = QString::fromLatin1(
        QCryptographicHash::hash(m_site.password.toUtf8(), QCryptographicHash::Md5).toHex());
    req.url = apiUrl(m_site.baseUrl, QStringLiteral("/api/user/login"),
                     {{QStringLiteral("username"), m_site.user}, {QStringLiteral("password"), md5}});
    req.timeoutMs = m_site.timeoutMs;
    adapter::applySiteTls(req, m_site);
    req.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    ++m_requests;
    qCDebug(vigilBackend) << "wvp GET" << host() << "/api/user/login";
    const auto r = adapter::exchange(std::move(req), displayName(kind()), host(), what);
    if (!r.ok())
        return R::fail(r.error);
    const Error refused =
        makeError(ErrorCode::WrongCredentials,
                  Msg::tr("WVP-GB28181-pro at %1 refused user \"%2\": wrong user name or password. "
                          "Check them in the site's settings.")
                      .arg(host(), m_site.user),
                  r.value.status);
    if (r.value.status == 401 || r.value.status == 403)
        return R::fail(refused);
    if (r.value.status == 404)
        return R::fail(
            makeError(ErrorCode::NotFound,
                      Msg::tr("WVP-GB28181-pro at %1 has no login API (HTTP 404). Check the address "
                              "and the kind of the site.")
                          .arg(host()),
                      404));
    auto tokens = wvp::parseLogin(r.value.body);
    if (!tokens.ok()) {
        // ControllerException(ERROR100, "Wrong username or password" / the AuthenticationException's text).
        if (tokens.error.code == ErrorCode::ServerError || tokens.error.code == ErrorCode::TokenExpired) {
            Error e = refused;
            e.serverCode = tokens.error.serverCode;
            return R::fail(e);
        }
        return R::fail(explain(tokens.error, host(), what));
    }
    m_token = tokens.value.accessToken;
    return tokens;
}

Result<QByteArray> WvpClient::get(const QString &path, const QList<std::pair<QString, QString>> &query,
                                  const QString &what)
{
    using R = Result<QByteArray>;
    if (m_token.isEmpty()) {
        const auto l = login();
        if (!l.ok())
            return R::fail(l.error);
    }
    for (int attempt = 0;; ++attempt) {
        network::HttpRequest req;
        req.method = "GET";
        req.url = apiUrl(m_site.baseUrl, path, query);
        req.timeoutMs = m_site.timeoutMs;
        adapter::applySiteTls(req, m_site);
        req.headers.append({QByteArray("Accept"), QByteArray("application/json")});
        req.headers.append({QByteArray("access-token"), m_token.toUtf8()});
        ++m_requests;
        qCDebug(vigilBackend) << "wvp GET" << host() << path;
        auto r = adapter::exchange(std::move(req), displayName(kind()), host(), what);
        if (!r.ok())
            return R::fail(r.error);
        // A refused token: HTTP 401, or WVPResult code 401 with HTTP 200.
        bool refused = r.value.status == 401;
        if (!refused && r.value.status == 200 && r.value.body.size() < 4096 && r.value.body.contains("401")) {
            QJsonValue data;
            Error e;
            refused = !envelope(r.value.body, &data, &e) && e.code == ErrorCode::TokenExpired;
        }
        if (refused) {
            if (attempt == 0) {
                const auto l = login();
                if (!l.ok())
                    return R::fail(l.error);
                continue;
            }
            return R::fail(
                makeError(ErrorCode::TokenExpired,
                          Msg::tr("WVP-GB28181-pro at %1 refused a fresh login when asked for %2. "
                                  "Check that the clocks of this PC and the platform agree and the "
                                  "user's rights, then reconnect.")
                              .arg(host(), what),
                          401));
        }
        if (r.value.status == 403)
            return R::fail(
                makeError(ErrorCode::WrongCredentials,
                          Msg::tr("WVP-GB28181-pro at %1 refused user \"%2\" access to %3. Check the "
                                  "user's rights on the platform.")
                              .arg(host(), m_site.user, what),
                          403));
        if (r.value.status == 404)
            return R::fail(
                makeError(ErrorCode::NotFound,
                          Msg::tr("WVP-GB28181-pro at %1 could not answer %2: not found (HTTP 404). "
                                  "Check the id, or the address and kind of the site.")
                              .arg(host(), what),
                          404));
        if (r.value.status != 200)
            return R::fail(
                makeError(ErrorCode::ServerError,
                          Msg::tr("WVP-GB28181-pro at %1 answered %2 with HTTP %3. Try again later.")
                              .arg(host(), what)
                              .arg(r.value.status),
                          r.value.status));
        return R{r.value.body, {}};
    }
}

Result<CameraList> WvpClient::cameras(const Progress &progress)
{
    using R = Result<CameraList>;
    const int before = m_requests;
    QList<wvp::Device> devices;
    for (qint64 page = 1; page <= kMaxPages; ++page) {
        const QString what = Msg::tr("the device list (page %1)").arg(page);
        const auto r = get(QStringLiteral("/api/device/query/devices"),
                           {{QStringLiteral("page"), QString::number(page)},
                            {QStringLiteral("count"), QString::number(m_pageSize)}},
                           what);
        if (!r.ok())
            return R::fail(r.error);
        auto p = wvp::parseDevices(r.value);
        if (!p.ok())
            return R::fail(explain(p.error, host(), what));
        devices += p.value.items;
        if (p.value.items.isEmpty() || devices.size() >= p.value.total)
            break;
    }
    CameraList out;
    for (const wvp::Device &d : devices) {
        Region region;
        region.id = d.id;
        region.name = d.name;
        out.regions.append(region);
    }
    // Channels device by device; the total grows as devices are read (progress: cameras so far, 0 = unknown).
    for (const wvp::Device &d : devices) {
        qint64 got = 0;
        for (qint64 page = 1; page <= kMaxPages; ++page) {
            const QString what = Msg::tr("the channels of device %1 (page %2)").arg(d.id).arg(page);
            const auto r = get(QStringLiteral("/api/device/query/devices/%1/channels")
                                   .arg(QString::fromUtf8(QUrl::toPercentEncoding(d.id))),
                               {{QStringLiteral("page"), QString::number(page)},
                                {QStringLiteral("count"), QString::number(m_pageSize)}},
                               what);
            if (!r.ok())
                return R::fail(r.error);
            auto p = wvp::parseChannels(r.value, d);
            if (!p.ok())
                return R::fail(explain(p.error, host(), what));
            got += p.value.items.size();
            out.cameras += std::move(p.value.items);
            if (progress && !progress(out.cameras.size(), 0))
                return R::fail(
                    makeError(ErrorCode::Cancelled, Msg::tr("Loading the cameras was cancelled.")));
            if (got >= p.value.total || r.value.isEmpty() || got == 0)
                break;
        }
    }
    out.requests = m_requests - before;
    if (progress)
        progress(out.cameras.size(), out.cameras.size());
    return R{out, {}};
}

bool WvpClient::splitId(const QString &cameraId, QString *device, QString *channel, Error *error) const
{
    const QStringList parts = cameraId.split(QLatin1Char('/'));
    if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        *error =
            makeError(ErrorCode::NotFound,
                      Msg::tr("\"%1\" is not a WVP-GB28181-pro channel id (deviceId/channelId). Reload the "
                              "camera list of %2.")
                          .arg(cameraId.left(100), host()));
        return false;
    }
    *device = QString::fromUtf8(QUrl::toPercentEncoding(parts[0]));
    *channel = QString::fromUtf8(QUrl::toPercentEncoding(parts[1]));
    return true;
}

Result<LiveUrl> WvpClient::liveUrl(const QString &cameraId, bool sub)
{
    Q_UNUSED(sub);
    QString device, channel;
    Error error;
    if (!splitId(cameraId, &device, &channel, &error))
        return Result<LiveUrl>::fail(error);
    const QString what = Msg::tr("a live URL for camera %1").arg(cameraId);
    const auto r = get(QStringLiteral("/api/play/start/%1/%2").arg(device, channel), {}, what);
    if (!r.ok())
        return Result<LiveUrl>::fail(r.error);
    auto url = wvp::parseStream(r.value);
    return url.ok() ? url : Result<LiveUrl>::fail(explain(url.error, host(), what));
}

Result<QList<RecordingSegment>> WvpClient::recordings(const QString &cameraId, const QDateTime &from,
                                                      const QDateTime &to)
{
    using R = Result<QList<RecordingSegment>>;
    QString device, channel;
    Error error;
    if (!splitId(cameraId, &device, &channel, &error))
        return R::fail(error);
    const QString what = Msg::tr("the recordings of camera %1").arg(cameraId);
    const auto r = get(QStringLiteral("/api/gb_record/query/%1/%2").arg(device, channel),
                       {{QStringLiteral("startTime"), wvp::formatTime(from)},
                        {QStringLiteral("endTime"), wvp::formatTime(to)}},
                       what);
    if (!r.ok())
        return R::fail(r.error);
    auto segments = wvp::parseRecords(r.value);
    return segments.ok() ? segments : R::fail(explain(segments.error, host(), what));
}

Result<LiveUrl> WvpClient::playbackUrl(const QString &cameraId, const QDateTime &from, const QDateTime &to)
{
    QString device, channel;
    Error error;
    if (!splitId(cameraId, &device, &channel, &error))
        return Result<LiveUrl>::fail(error);
    const QString what = Msg::tr("a playback URL for camera %1").arg(cameraId);
    const auto r = get(QStringLiteral("/api/playback/start/%1/%2").arg(device, channel),
                       {{QStringLiteral("startTime"), wvp::formatTime(from)},
                        {QStringLiteral("endTime"), wvp::formatTime(to)}},
                       what);
    if (!r.ok())
        return Result<LiveUrl>::fail(r.error);
    auto url = wvp::parseStream(r.value);
    return url.ok() ? url : Result<LiveUrl>::fail(explain(url.error, host(), what));
}

} // namespace vigil::backend
