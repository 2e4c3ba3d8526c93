// ArtemisClient over HttpClient::sendSync. Request and answer shapes from the iSecure Center OpenAPI
// (resource/v1/cameras, resource/v1/regions, video/v1/cameras/previewURLs, video/v1/cameras/playbackURLs);
// the signature from the artemis-http-client SDK (SignUtil.buildStringToSign).
#include "vigil/backend/artemis_client.h"

#include "adapter_common.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QLocale>
#include <QtCore/QLoggingCategory>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QUuid>

#include <algorithm>
#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(vigilBackend)

namespace vigil::backend {

namespace {
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::ArtemisClient)
};
using adapter::makeError;

constexpr qint64 kMaxPages = 100000;

QByteArray headerValue(const artemis::Headers &headers, const char *name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool hasHeader(const artemis::Headers &headers, const char *name)
{
    return std::any_of(headers.begin(), headers.end(),
                       [name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

// {"code": "0", "msg", "data"}; the gateway writes code as a string, some versions as a number.
bool envelope(const QByteArray &body, QJsonObject *data, Error *error)
{
    QJsonObject root;
    if (!adapter::jsonObject(body, &root, error))
        return false;
    const QJsonValue code = root.value(QLatin1String("code"));
    if (!code.isString() && !code.isDouble()) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("the answer has no \"code\""));
        return false;
    }
    const QString c = adapter::text(root, "code");
    if (c != QLatin1String("0")) {
        const QString msg = root.value(QLatin1String("msg")).toString().left(200);
        *error = makeError(ErrorCode::ServerError, Msg::tr("code %1 (%2)").arg(c, msg), 200, c);
        return false;
    }
    const QJsonValue d = root.value(QLatin1String("data"));
    if (!d.isObject()) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("\"data\" is not an object"));
        return false;
    }
    *data = d.toObject();
    return true;
}

QDateTime parseTime(const QJsonObject &o, const char *key)
{
    const QDateTime t = QDateTime::fromString(o.value(QLatin1String(key)).toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

// "2026-12-06T10:00:00.000+08:00": the gateway wants the offset written out (not "Z").
QString isoWithOffset(const QDateTime &t)
{
    const QDateTime local = t.toLocalTime();
    const int offset = local.offsetFromUtc();
    const int a = std::abs(offset) / 60;
    return local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
           (offset < 0 ? QLatin1Char('-') : QLatin1Char('+')) +
           QStringLiteral("%1:%2").arg(a / 60, 2, 10, QLatin1Char('0')).arg(a % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

namespace artemis {

QByteArray stringToSign(const QByteArray &method, const Headers &headers, const QString &path,
                        const QList<QPair<QString, QString>> &query)
{
    QByteArray s = method.toUpper() + '\n';
    for (const char *name : {"Accept", "Content-MD5", "Content-Type", "Date"}) {
        if (hasHeader(headers, name))
            s += headerValue(headers, name) + '\n';
    }
    QList<QPair<QByteArray, QByteArray>> ca;
    for (const auto &h : headers) {
        const QByteArray name = h.first.toLower();
        if (name.startsWith("x-ca-") && name != "x-ca-signature" && name != "x-ca-signature-headers")
            ca.append({name, h.second});
    }
    std::sort(ca.begin(), ca.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &h : ca)
        s += h.first + ':' + h.second + '\n';
    s += path.toUtf8();
    if (!query.isEmpty()) {
        auto sorted = query;
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        QByteArray q;
        for (const auto &[k, v] : sorted) {
            if (!q.isEmpty())
                q += '&';
            q += k.toUtf8();
            if (!v.isEmpty())
                q += '=' + v.toUtf8();
        }
        s += '?' + q;
    }
    return s;
}

QByteArray signature(const QByteArray &text, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(text, secret, QCryptographicHash::Sha256).toBase64();
}

Headers signedPostHeaders(const QString &path, const QByteArray &body, const QString &appKey,
                          const QString &appSecret, qint64 timestampMs, const QByteArray &nonce)
{
    Headers h;
    const auto add = [&h](const char *name, const QByteArray &value) {
        h.append({QByteArray(name), value});
    };
    add("Accept", "*/*");
    add("Content-Type", "application/json;charset=UTF-8");
    add("Content-MD5", QCryptographicHash::hash(body, QCryptographicHash::Md5).toBase64());
    add("Date", QLocale::c()
                    .toString(QDateTime::fromMSecsSinceEpoch(timestampMs, Qt::UTC),
                              QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                    .toLatin1());
    add("X-Ca-Key", appKey.toUtf8());
    add("X-Ca-Timestamp", QByteArray::number(timestampMs));
    add("X-Ca-Nonce", nonce);
    add("X-Ca-Signature-Headers", "x-ca-key,x-ca-nonce,x-ca-timestamp");
    add("X-Ca-Signature", signature(stringToSign("POST", h, path), appSecret.toUtf8()));
    return h;
}

namespace {
QJsonArray pageList(const QJsonObject &data, qint64 *total, Error *error)
{
    const double t = adapter::number(data, "total", -1);
    const QJsonValue list = data.value(QLatin1String("list"));
    if (t < 0 || t > 1e9 || t != std::floor(t)) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("\"data.total\" is missing or not a count"));
        return {};
    }
    if (!list.isArray() && !(list.isNull() || list.isUndefined())) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("\"data.list\" is not a list"));
        return {};
    }
    *total = qint64(t);
    return list.toArray();
}
} // namespace

Result<CameraPage> parseCameras(const QByteArray &body, Datum datum)
{
    using R = Result<CameraPage>;
    QJsonObject data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    CameraPage page;
    const QJsonArray list = pageList(data, &page.total, &error);
    if (error.isError())
        return R::fail(error);
    page.items.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        BackendCamera c;
        c.id = adapter::text(o, "cameraIndexCode");
        if (!list.at(i).isObject() || c.id.isEmpty())
            return R::fail(makeError(ErrorCode::BadResponse,
                                     Msg::tr("camera %1 of the page has no \"cameraIndexCode\"").arg(i + 1)));
        c.name = adapter::text(o, "cameraName");
        if (c.name.isEmpty())
            c.name = c.id;
        c.regionId = adapter::text(o, "regionIndexCode");
        const double lon = adapter::number(o, "longitude", BackendCamera::kNoValue);
        const double lat = adapter::number(o, "latitude", BackendCamera::kNoValue);
        // 0/0 and out-of-range values mean "not placed" on these platforms.
        if (lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 && !(lon == 0 && lat == 0)) {
            c.longitude = lon;
            c.latitude = lat;
            c.datum = datum;
        }
        // cameraType 2 = dome (PTZ); capabilitySet lists "ptz" where the camera reports it.
        c.ptz = adapter::number(o, "cameraType", -1) == 2 ||
                adapter::text(o, "capabilitySet").split(QLatin1Char(',')).contains(QLatin1String("ptz"));
        const double status = adapter::number(o, "status", -1);
        c.status = status == 1   ? CameraStatus::Online
                   : status == 0 ? CameraStatus::Offline
                                 : CameraStatus::Unknown;
        page.items.append(std::move(c));
    }
    return R{page, {}};
}

Result<RegionPage> parseRegions(const QByteArray &body)
{
    using R = Result<RegionPage>;
    QJsonObject data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    RegionPage page;
    const QJsonArray list = pageList(data, &page.total, &error);
    if (error.isError())
        return R::fail(error);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        Region r;
        r.id = adapter::text(o, "indexCode");
        if (!list.at(i).isObject() || r.id.isEmpty())
            return R::fail(makeError(ErrorCode::BadResponse,
                                     Msg::tr("region %1 of the page has no \"indexCode\"").arg(i + 1)));
        r.name = adapter::text(o, "name");
        r.parentId = adapter::text(o, "parentIndexCode");
        if (r.parentId == QLatin1String("-1"))
            r.parentId.clear(); // the root
        page.items.append(std::move(r));
    }
    return R{page, {}};
}

namespace {
bool streamUrl(const QJsonObject &data, QUrl *url, Error *error)
{
    const QString s = data.value(QLatin1String("url")).toString();
    const QUrl u(s, QUrl::StrictMode);
    if (s.isEmpty() || !u.isValid() || u.scheme().isEmpty() || u.host().isEmpty()) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("\"data.url\" is missing or not a URL"));
        return false;
    }
    *url = u;
    return true;
}
} // namespace

Result<LiveUrl> parsePreviewUrl(const QByteArray &body)
{
    using R = Result<LiveUrl>;
    QJsonObject data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    LiveUrl out;
    if (!streamUrl(data, &out.url, &error))
        return R::fail(error);
    return R{out, {}};
}

Result<Playback> parsePlayback(const QByteArray &body)
{
    using R = Result<Playback>;
    QJsonObject data;
    Error error;
    if (!envelope(body, &data, &error))
        return R::fail(error);
    Playback out;
    const QJsonValue list = data.value(QLatin1String("list"));
    if (!list.isArray() && !list.isNull() && !list.isUndefined())
        return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("\"data.list\" is not a list")));
    const QJsonArray items = list.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject o = items.at(i).toObject();
        RecordingSegment s;
        s.start = parseTime(o, "beginTime");
        s.end = parseTime(o, "endTime");
        if (!s.start.isValid() || !s.end.isValid() || s.end < s.start)
            return R::fail(makeError(
                ErrorCode::BadResponse,
                Msg::tr("recording %1 has no valid \"beginTime\"/\"endTime\" (ISO 8601, end after begin)")
                    .arg(i + 1)));
        s.sizeBytes = qint64(adapter::number(o, "size", -1));
        s.kind =
            adapter::number(o, "lockType", 0) != 0 ? QStringLiteral("locked") : QStringLiteral("continuous");
        out.segments.append(std::move(s));
    }
    std::sort(out.segments.begin(), out.segments.end(),
              [](const RecordingSegment &a, const RecordingSegment &b) { return a.start < b.start; });
    if (!out.segments.isEmpty() && !streamUrl(data, &out.url, &error))
        return R::fail(error);
    return R{out, {}};
}

} // namespace artemis

ArtemisClient::ArtemisClient(SiteConnection site)
    : m_site(std::move(site))
{
    m_site.baseUrl.setUserInfo({});
}

ArtemisClient::~ArtemisClient() = default;

QString ArtemisClient::host() const
{
    return adapter::hostPort(m_site.baseUrl);
}

Result<QByteArray> ArtemisClient::post(const QString &api, const QJsonObject &body, const QString &what)
{
    using R = Result<QByteArray>;
    network::HttpRequest req;
    req.method = "POST";
    req.url = m_site.baseUrl;
    QString prefix = req.url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    const QString path = prefix + QStringLiteral("/artemis") + api;
    req.url.setPath(path);
    req.url.setQuery(QString());
    req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    req.timeoutMs = m_site.timeoutMs;
    adapter::applySiteTls(req, m_site);
    req.headers = artemis::signedPostHeaders(path, req.body, m_site.user, m_site.password,
                                             QDateTime::currentMSecsSinceEpoch(),
                                             QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    ++m_requests;
    qCDebug(vigilBackend) << "artemis POST" << host() << path;
    auto r = adapter::exchange(std::move(req), displayName(kind()), host(), what);
    if (!r.ok())
        return R::fail(r.error);
    const int status = r.value.status;
    // The gateway's reason for refusing (no secret in it: "Invalid Signature", "Invalid AppKey"...).
    const QString reason = QString::fromUtf8(r.value.header("X-Ca-Error-Message")).left(200);
    const QString detail = reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason);
    if (status == 401 || status == 403)
        return R::fail(
            makeError(ErrorCode::WrongCredentials,
                      Msg::tr("Hikvision Artemis at %1 refused AppKey \"%2\" when asked for %3%4. "
                              "Check the AppKey and AppSecret in the site's settings, the partner's "
                              "rights on the platform, and that this PC's clock is right.")
                          .arg(host(), m_site.user, what, detail),
                      status));
    if (status == 404)
        return R::fail(makeError(ErrorCode::NotFound,
                                 Msg::tr("Hikvision Artemis at %1 has no API for %2 (HTTP 404). Check the "
                                         "address and the kind of the site.")
                                     .arg(host(), what),
                                 404));
    if (status != 200)
        return R::fail(
            makeError(ErrorCode::ServerError,
                      Msg::tr("Hikvision Artemis at %1 answered %2 with HTTP %3%4. Try again later.")
                          .arg(host(), what)
                          .arg(status)
                          .arg(detail),
                      status));
    return R{r.value.body, {}};
}

namespace {
Error explain(Error e, const QString &host, const QString &what)
{
    if (e.code == ErrorCode::ServerError) {
        e.message =
            Msg::tr("Hikvision Artemis at %1 could not answer %2: %3. Check the id, or try again later.")
                .arg(host, what, e.message);
        return e;
    }
    return adapter::unreadable(std::move(e), QStringLiteral("Hikvision Artemis"), host, what);
}
} // namespace

Result<Tokens> ArtemisClient::login()
{
    const QString what = Msg::tr("the region tree");
    const auto r = post(QStringLiteral("/api/resource/v1/regions"),
                        {{QStringLiteral("pageNo"), 1}, {QStringLiteral("pageSize"), 1}}, what);
    if (!r.ok())
        return Result<Tokens>::fail(r.error);
    const auto page = artemis::parseRegions(r.value);
    if (!page.ok())
        return Result<Tokens>::fail(explain(page.error, host(), what));
    return Result<Tokens>{};
}

Result<CameraList> ArtemisClient::cameras(const Progress &progress)
{
    using R = Result<CameraList>;
    const int before = m_requests;
    CameraList out;
    // Regions, page by page.
    for (qint64 pageNo = 1; pageNo <= kMaxPages; ++pageNo) {
        const QString what = Msg::tr("the region tree (page %1)").arg(pageNo);
        const auto r =
            post(QStringLiteral("/api/resource/v1/regions"),
                 {{QStringLiteral("pageNo"), pageNo}, {QStringLiteral("pageSize"), m_pageSize}}, what);
        if (!r.ok())
            return R::fail(r.error);
        auto page = artemis::parseRegions(r.value);
        if (!page.ok())
            return R::fail(explain(page.error, host(), what));
        out.regions += page.value.items;
        if (page.value.items.isEmpty() || out.regions.size() >= page.value.total)
            break;
    }
    // Cameras, page by page, reporting progress.
    qint64 total = 0;
    for (qint64 pageNo = 1; pageNo <= kMaxPages; ++pageNo) {
        const QString what = Msg::tr("the camera list (page %1)").arg(pageNo);
        const auto r =
            post(QStringLiteral("/api/resource/v1/cameras"),
                 {{QStringLiteral("pageNo"), pageNo}, {QStringLiteral("pageSize"), m_pageSize}}, what);
        if (!r.ok())
            return R::fail(r.error);
        auto page = artemis::parseCameras(r.value, m_datum);
        if (!page.ok())
            return R::fail(explain(page.error, host(), what));
        total = page.value.total;
        if (pageNo == 1)
            out.cameras.reserve(qsizetype(std::min<qint64>(total, 1000000)));
        out.cameras += std::move(page.value.items);
        if (progress && !progress(out.cameras.size(), total))
            return R::fail(makeError(ErrorCode::Cancelled, Msg::tr("Loading the cameras was cancelled.")));
        if (r.value.isEmpty() || out.cameras.size() >= total || page.value.items.isEmpty())
            break;
    }
    out.requests = m_requests - before;
    return R{out, {}};
}

Result<LiveUrl> ArtemisClient::liveUrl(const QString &cameraId, bool sub)
{
    const QString what = Msg::tr("a live URL for camera %1").arg(cameraId);
    const auto r = post(QStringLiteral("/api/video/v1/cameras/previewURLs"),
                        {{QStringLiteral("cameraIndexCode"), cameraId},
                         {QStringLiteral("streamType"), sub ? 1 : 0},
                         {QStringLiteral("protocol"), QStringLiteral("rtsp")},
                         {QStringLiteral("transmode"), 1}},
                        what);
    if (!r.ok())
        return Result<LiveUrl>::fail(r.error);
    auto url = artemis::parsePreviewUrl(r.value);
    if (!url.ok())
        return Result<LiveUrl>::fail(explain(url.error, host(), what));
    return url;
}

Result<artemis::Playback> ArtemisClient::playback(const QString &cameraId, const QDateTime &from,
                                                  const QDateTime &to, const QString &what)
{
    const auto r = post(QStringLiteral("/api/video/v1/cameras/playbackURLs"),
                        {{QStringLiteral("cameraIndexCode"), cameraId},
                         {QStringLiteral("recordLocation"), QStringLiteral("0")},
                         {QStringLiteral("protocol"), QStringLiteral("rtsp")},
                         {QStringLiteral("transmode"), 1},
                         {QStringLiteral("beginTime"), isoWithOffset(from)},
                         {QStringLiteral("endTime"), isoWithOffset(to)}},
                        what);
    if (!r.ok())
        return Result<artemis::Playback>::fail(r.error);
    auto p = artemis::parsePlayback(r.value);
    if (!p.ok())
        return Result<artemis::Playback>::fail(explain(p.error, host(), what));
    return p;
}

Result<QList<RecordingSegment>> ArtemisClient::recordings(const QString &cameraId, const QDateTime &from,
                                                          const QDateTime &to)
{
    auto p = playback(cameraId, from, to, Msg::tr("the recordings of camera %1").arg(cameraId));
    if (!p.ok())
        return Result<QList<RecordingSegment>>::fail(p.error);
    return Result<QList<RecordingSegment>>{p.value.segments, {}};
}

Result<LiveUrl> ArtemisClient::playbackUrl(const QString &cameraId, const QDateTime &from,
                                           const QDateTime &to)
{
    auto p = playback(cameraId, from, to, Msg::tr("a playback URL for camera %1").arg(cameraId));
    if (!p.ok())
        return Result<LiveUrl>::fail(p.error);
    if (p.value.segments.isEmpty())
        return Result<LiveUrl>::fail(
            makeError(ErrorCode::NotFound,
                      Msg::tr("Hikvision Artemis at %1 has no recording of camera %2 between %3 and %4. "
                              "Pick another time.")
                          .arg(host(), cameraId, from.toLocalTime().toString(Qt::ISODate),
                               to.toLocalTime().toString(Qt::ISODate))));
    LiveUrl out;
    out.url = p.value.url;
    return Result<LiveUrl>{out, {}};
}

} // namespace vigil::backend
