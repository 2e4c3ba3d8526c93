// ZlmClient over HttpClient::sendSync; request and answer shapes from ZLMediaKit's server/WebApi.cpp
// (getMediaList, getServerConfig, getMP4RecordFile, the ApiErr codes and CHECK_SECRET).
#include "vigil/backend/zlm_client.h"

#include "adapter_common.h"
#include "zlm_api.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>

#include <algorithm>

namespace vigil::backend {

namespace {
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::ZlmClient)
};

using adapter::makeError;

int port(const QJsonObject &o, const char *key, int fallback)
{
    const double d = adapter::number(o, key, fallback);
    return d >= 0 && d <= 65535 ? int(d) : fallback;
}

} // namespace

namespace zlm {

Result<QList<MediaEntry>> parseMediaList(const QByteArray &body)
{
    using R = Result<QList<MediaEntry>>;
    QJsonObject root;
    Error error;
    if (!zlm::envelope(body, &root, &error))
        return R::fail(error);
    const QJsonValue data = root.value(QLatin1String("data"));
    QList<MediaEntry> out;
    if (data.isUndefined() || data.isNull())
        return R{out, {}}; // ZLMediaKit leaves "data" out when it holds no stream
    if (!data.isArray())
        return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("\"data\" is not a list")));
    const QJsonArray items = data.toArray();
    out.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject o = items.at(i).toObject();
        MediaEntry e;
        e.vhost = adapter::text(o, "vhost");
        e.app = adapter::text(o, "app");
        e.stream = adapter::text(o, "stream");
        e.schema = adapter::text(o, "schema");
        if (!items.at(i).isObject() || e.app.isEmpty() || e.stream.isEmpty())
            return R::fail(
                makeError(ErrorCode::BadResponse,
                          Msg::tr("stream %1 of the list has no \"app\" or \"stream\"").arg(i + 1)));
        if (e.vhost.isEmpty())
            e.vhost = QLatin1String(kDefaultVhost);
        out.append(std::move(e));
    }
    return R{out, {}};
}

Result<ServerConfig> parseServerConfig(const QByteArray &body)
{
    using R = Result<ServerConfig>;
    QJsonObject root;
    Error error;
    if (!zlm::envelope(body, &root, &error))
        return R::fail(error);
    // "data": [{"rtsp.port": "554", ...}] (an object in a one-element list); accept the object too.
    QJsonValue data = root.value(QLatin1String("data"));
    if (data.isArray())
        data = data.toArray().first();
    if (!data.isObject())
        return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("\"data\" is not the server's settings")));
    const QJsonObject o = data.toObject();
    ServerConfig c;
    c.rtspPort = port(o, "rtsp.port", c.rtspPort);
    c.rtmpPort = port(o, "rtmp.port", c.rtmpPort);
    const QString app = adapter::text(o, "record.appName");
    if (!app.isEmpty())
        c.recordApp = app;
    // Newer servers cut files at protocol.mp4_max_second, older ones at record.fileSecond.
    const double seconds =
        adapter::number(o, "protocol.mp4_max_second", adapter::number(o, "record.fileSecond", c.fileSecond));
    if (seconds >= 1 && seconds <= 7 * 86400)
        c.fileSecond = int(seconds);
    return R{c, {}};
}

Result<RecordFiles> parseRecordFiles(const QByteArray &body)
{
    using R = Result<RecordFiles>;
    QJsonObject root;
    Error error;
    if (!zlm::envelope(body, &root, &error))
        return R::fail(error);
    const QJsonObject data = root.value(QLatin1String("data")).toObject();
    const QJsonValue paths = data.value(QLatin1String("paths"));
    if (!paths.isArray())
        return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("\"data.paths\" is not a list")));
    RecordFiles out;
    out.rootPath = data.value(QLatin1String("rootPath")).toString();
    for (const QJsonValue &v : paths.toArray()) {
        if (!v.isString())
            return R::fail(makeError(ErrorCode::BadResponse, Msg::tr("\"data.paths\" holds a non-string")));
        out.paths.append(v.toString());
    }
    return R{out, {}};
}

QString cameraId(const QString &vhost, const QString &app, const QString &stream)
{
    if (vhost.isEmpty() || vhost == QLatin1String(kDefaultVhost))
        return app + QLatin1Char('/') + stream;
    return vhost + QLatin1Char('/') + app + QLatin1Char('/') + stream;
}

bool splitCameraId(const QString &id, QString *vhost, QString *app, QString *stream)
{
    const QStringList parts = id.split(QLatin1Char('/'));
    if ((parts.size() != 2 && parts.size() != 3) ||
        std::any_of(parts.begin(), parts.end(), [](const QString &p) { return p.isEmpty(); }))
        return false;
    *vhost = parts.size() == 3 ? parts[0] : QString::fromLatin1(kDefaultVhost);
    *app = parts[parts.size() - 2];
    *stream = parts.last();
    return true;
}

QUrl liveUrl(const QUrl &httpBase, const ServerConfig &config, LiveScheme scheme, const QString &vhost,
             const QString &app, const QString &stream)
{
    QUrl u;
    u.setHost(httpBase.host());
    const QString path = QLatin1Char('/') + app + QLatin1Char('/') + stream;
    switch (scheme) {
    case LiveScheme::Rtsp:
        u.setScheme(QStringLiteral("rtsp"));
        u.setPort(config.rtspPort);
        u.setPath(path);
        break;
    case LiveScheme::Rtmp:
        u.setScheme(QStringLiteral("rtmp"));
        u.setPort(config.rtmpPort);
        u.setPath(path);
        break;
    case LiveScheme::HttpFlv:
        u = httpBase;
        u.setPath(path + QStringLiteral(".live.flv"));
        break;
    case LiveScheme::Hls:
        u = httpBase;
        u.setPath(path + QStringLiteral("/hls.m3u8"));
        break;
    }
    if (!vhost.isEmpty() && vhost != QLatin1String(kDefaultVhost))
        u.setQuery(QStringLiteral("vhost=") + QString::fromUtf8(QUrl::toPercentEncoding(vhost)));
    return u;
}

CameraList camerasFromMedia(const QList<MediaEntry> &media, const QUrl &httpBase, const ServerConfig &config,
                            LiveScheme scheme)
{
    CameraList out;
    QSet<QString> seen, apps;
    for (const MediaEntry &e : media) {
        const QString id = cameraId(e.vhost, e.app, e.stream);
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const QString regionId =
            e.vhost == QLatin1String(kDefaultVhost) ? e.app : e.vhost + QLatin1Char('/') + e.app;
        if (!apps.contains(regionId)) {
            apps.insert(regionId);
            Region r;
            r.id = regionId;
            r.name = regionId;
            out.regions.append(r);
        }
        BackendCamera c;
        c.id = id;
        c.name = e.stream;
        c.regionId = regionId;
        c.status = CameraStatus::Online; // listed = held by the server now
        c.mainStream = liveUrl(httpBase, config, scheme, e.vhost, e.app, e.stream).toString();
        out.cameras.append(std::move(c));
    }
    return out;
}

QList<RecordingSegment> segmentsFromFiles(const QDate &day, const QStringList &files, const QUrl &httpBase,
                                          const ServerConfig &config, const QString &app,
                                          const QString &stream)
{
    // MP4Recorder::createFile names: "HH-MM-SS.mp4" (old), "HH-MM-SS-N.mp4", "YYYY-MM-DD-HH-MM-SS-N.mp4"
    // (new).
    static const QRegularExpression name(
        QStringLiteral("^(?:(\\d{4}-\\d{2}-\\d{2})-)?(\\d{2})-(\\d{2})-(\\d{2})(?:-\\d+)?\\.mp4$"));
    QList<std::pair<QDateTime, QString>> starts;
    for (const QString &f : files) {
        const auto m = name.match(f);
        if (!m.hasMatch())
            continue; // ".13-00-00-3.mp4" (being written), other files
        const QTime t(m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt());
        const QDate d = m.captured(1).isEmpty() ? day : QDate::fromString(m.captured(1), Qt::ISODate);
        if (!t.isValid() || !d.isValid())
            continue;
        starts.append({QDateTime(d, t, Qt::LocalTime), f});
    }
    std::sort(starts.begin(), starts.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<RecordingSegment> out;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        RecordingSegment s;
        s.start = starts[i].first.toUTC();
        QDateTime end = starts[i].first.addSecs(config.fileSecond);
        if (i + 1 < starts.size() && starts[i + 1].first < end)
            end = starts[i + 1].first;
        s.end = end.toUTC();
        s.kind = QStringLiteral("continuous");
        QUrl u = httpBase;
        u.setPath(QStringLiteral("/%1/%2/%3/%4/%5")
                      .arg(config.recordApp, app, stream, day.toString(Qt::ISODate), starts[i].second));
        s.url = u;
        out.append(std::move(s));
    }
    return out;
}

} // namespace zlm

ZlmClient::ZlmClient(SiteConnection site)
    : m_site(std::move(site))
{
    m_site.baseUrl.setUserInfo({});
}

ZlmClient::~ZlmClient() = default;

QString ZlmClient::host() const
{
    return adapter::hostPort(m_site.baseUrl);
}

Result<QByteArray> ZlmClient::call(const QString &api, const QList<std::pair<QString, QString>> &query,
                                   const QString &what)
{
    ++m_requests;
    return zlm::apiCall(m_site, api, query, what);
}

using zlm::explain;

Result<bool> ZlmClient::ensureConfig()
{
    if (m_config)
        return Result<bool>{true, {}};
    const auto l = login();
    if (!l.ok())
        return Result<bool>::fail(l.error);
    return Result<bool>{true, {}};
}

Result<Tokens> ZlmClient::login()
{
    using R = Result<Tokens>;
    const QString what = Msg::tr("its settings");
    const auto r = call(QStringLiteral("getServerConfig"), {}, what);
    if (!r.ok())
        return R::fail(r.error);
    auto config = zlm::parseServerConfig(r.value);
    if (!config.ok())
        return R::fail(explain(std::move(config.error), host(), what));
    m_config = config.value;
    return R{};
}

Result<CameraList> ZlmClient::cameras(const Progress &progress)
{
    using R = Result<CameraList>;
    const int before = m_requests;
    const auto c = ensureConfig();
    if (!c.ok())
        return R::fail(c.error);
    const QString what = Msg::tr("the stream list");
    const auto r = call(QStringLiteral("getMediaList"), {}, what);
    if (!r.ok())
        return R::fail(r.error);
    auto media = zlm::parseMediaList(r.value);
    if (!media.ok())
        return R::fail(explain(std::move(media.error), host(), what));
    CameraList out = zlm::camerasFromMedia(
        media.value, m_site.baseUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery), *m_config, m_scheme);
    out.requests = m_requests - before;
    if (progress && !progress(out.cameras.size(), out.cameras.size()))
        return R::fail(makeError(ErrorCode::Cancelled, Msg::tr("Loading the cameras was cancelled.")));
    return R{out, {}};
}

Error ZlmClient::badId(const QString &cameraId) const
{
    return makeError(
        ErrorCode::NotFound,
        Msg::tr("\"%1\" is not a ZLMediaKit stream id (app/stream). Reload the camera list of %2.")
            .arg(cameraId.left(100), host()));
}

Result<LiveUrl> ZlmClient::liveUrl(const QString &cameraId, bool sub)
{
    Q_UNUSED(sub);
    QString vhost, app, stream;
    if (!zlm::splitCameraId(cameraId, &vhost, &app, &stream))
        return Result<LiveUrl>::fail(badId(cameraId));
    const auto c = ensureConfig();
    if (!c.ok())
        return Result<LiveUrl>::fail(c.error);
    LiveUrl out;
    out.url = zlm::liveUrl(m_site.baseUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery), *m_config, m_scheme,
                           vhost, app, stream);
    return Result<LiveUrl>{out, {}};
}

Result<QList<RecordingSegment>> ZlmClient::recordings(const QString &cameraId, const QDateTime &from,
                                                      const QDateTime &to)
{
    using R = Result<QList<RecordingSegment>>;
    QString vhost, app, stream;
    if (!zlm::splitCameraId(cameraId, &vhost, &app, &stream))
        return R::fail(badId(cameraId));
    const QDate first = from.toLocalTime().date();
    const QDate last = to.toLocalTime().date();
    if (!first.isValid() || !last.isValid() || last < first)
        return R::fail(makeError(ErrorCode::NotFound, Msg::tr("The time span asked for is empty.")));
    if (first.daysTo(last) > 61)
        return R::fail(makeError(ErrorCode::TooLarge,
                                 Msg::tr("ZLMediaKit lists recordings one day at a time; ask for at most 62 "
                                         "days at once.")));
    const auto c = ensureConfig();
    if (!c.ok())
        return R::fail(c.error);
    const QUrl httpBase = m_site.baseUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
    QList<RecordingSegment> out;
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        const QString what = Msg::tr("the recordings of %1 on %2").arg(cameraId, day.toString(Qt::ISODate));
        const auto r = call(QStringLiteral("getMP4RecordFile"),
                            {{QStringLiteral("vhost"), vhost},
                             {QStringLiteral("app"), app},
                             {QStringLiteral("stream"), stream},
                             {QStringLiteral("period"), day.toString(Qt::ISODate)}},
                            what);
        if (!r.ok())
            return R::fail(r.error);
        auto files = zlm::parseRecordFiles(r.value);
        if (!files.ok())
            return R::fail(explain(std::move(files.error), host(), what));
        for (RecordingSegment &s :
             zlm::segmentsFromFiles(day, files.value.paths, httpBase, *m_config, app, stream)) {
            if (s.end > from && s.start < to)
                out.append(std::move(s));
        }
    }
    return R{out, {}};
}

Result<LiveUrl> ZlmClient::playbackUrl(const QString &cameraId, const QDateTime &from, const QDateTime &to)
{
    const auto segments = recordings(cameraId, from, to);
    if (!segments.ok())
        return Result<LiveUrl>::fail(segments.error);
    if (segments.value.isEmpty())
        return Result<LiveUrl>::fail(
            makeError(ErrorCode::NotFound,
                      Msg::tr("ZLMediaKit at %1 has no recording of %2 between %3 and %4. Pick another time "
                              "or check that the server records this stream (enable_mp4).")
                          .arg(host(), cameraId, from.toLocalTime().toString(Qt::ISODate),
                               to.toLocalTime().toString(Qt::ISODate))));
    LiveUrl out;
    out.url = segments.value.first().url;
    return Result<LiveUrl>{out, {}};
}

} // namespace vigil::backend
