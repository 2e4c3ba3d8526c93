// RelayClient over HttpClient::sendSync. ZLMediaKit's addStreamProxy through the same API call as ZlmClient
// (zlm_api.h); request and answer shapes from server/WebApi.cpp (api_regist("/index/api/addStreamProxy"):
// CHECK_SECRET, CHECK_ARGS("vhost", "app", "stream", "url"), rtp_type, retry_count, the enable_* options of
// ProtocolOption; addStreamProxy(): an existing key answers code -1 (API::OtherFailed) "This stream already
// exists"; success data.key "<vhost>/<app>/<stream>"). MediaMTX's from internal/api/api_config_paths.go
// (onConfigPathsAdd: 200 on success; writeError -> {"error": "..."} with 400 for a bad body or
// conf.AddPath's "path already exists") and internal/api/api.go (401 when the API user is refused).
#include "vigil/backend/relay_client.h"

#include "adapter_common.h"
#include "zlm_api.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(vigilBackend)

namespace vigil::backend {

namespace {
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::RelayClient)
};

using adapter::makeError;

QString hostOf(const RelayConnection &c)
{
    return adapter::hostPort(c.apiUrl);
}

// An answer that is not the relay's (not JSON, no code, wrong shape).
Error unreadableAnswer(Error e, const QString &relay, const QString &host, const QString &stream)
{
    e.message = Msg::tr("%1 at %2 answered the request to relay stream %3 with something Vigil cannot read "
                        "(%4). Check the relay's address, port and kind.")
                    .arg(relay, host, stream, e.message);
    return e;
}

QUrl rtspUrl(const RelayConnection &c, const QString &path)
{
    QUrl u;
    u.setScheme(QStringLiteral("rtsp"));
    u.setHost(c.apiUrl.host());
    u.setPort(c.rtspPort > 0 ? c.rtspPort : defaultRtspPort(c.kind));
    u.setPath(QLatin1Char('/') + path);
    return u;
}

class ZlmRelay final : public RelayClient
{
public:
    explicit ZlmRelay(RelayConnection c)
        : m_c(std::move(c))
    {
        m_c.apiUrl.setUserInfo({});
    }
    RelayKind kind() const override { return RelayKind::ZlMediaKit; }
    const RelayConnection &connection() const override { return m_c; }
    QUrl playUrl(const QString &name) const override
    {
        return rtspUrl(m_c, m_c.app + QLatin1Char('/') + name);
    }

    Result<RelayedStream> pull(const QString &name, const QUrl &source) override
    {
        using R = Result<RelayedStream>;
        SiteConnection site;
        site.baseUrl = m_c.apiUrl;
        site.password = m_c.secret;
        site.timeoutMs = m_c.timeoutMs;
        site.trustedCertSha256 = m_c.trustedCertSha256;
        const QString host = hostOf(m_c);
        const QString what = Msg::tr("the request to relay stream %1").arg(name);
        ++m_requests;
        const auto r = zlm::apiCall(site, QStringLiteral("addStreamProxy"),
                                    {{QStringLiteral("vhost"), QStringLiteral("__defaultVhost__")},
                                     {QStringLiteral("app"), m_c.app},
                                     {QStringLiteral("stream"), name},
                                     {QStringLiteral("url"), source.toString(QUrl::FullyEncoded)},
                                     {QStringLiteral("rtp_type"), QStringLiteral("0")}, // RTP over TCP
                                     {QStringLiteral("retry_count"), QStringLiteral("-1")},
                                     {QStringLiteral("enable_rtsp"), QStringLiteral("1")},
                                     {QStringLiteral("enable_rtmp"), QStringLiteral("0")},
                                     {QStringLiteral("enable_hls"), QStringLiteral("0")},
                                     {QStringLiteral("enable_mp4"), QStringLiteral("0")}},
                                    what);
        if (!r.ok())
            return R::fail(r.error);
        QJsonObject root;
        Error error;
        RelayedStream out;
        out.playUrl = playUrl(name);
        if (zlm::envelope(r.value, &root, &error))
            return R{out, {}};
        if (error.serverCode == QString::number(zlm::kOtherFailed) &&
            root.value(QLatin1String("msg"))
                .toString()
                .contains(QLatin1String("already exists"), Qt::CaseInsensitive)) {
            out.already = true;
            return R{out, {}};
        }
        if (error.code == ErrorCode::ServerError) {
            error.message = Msg::tr("ZLMediaKit at %1 could not pull the camera for stream %2: %3. Check "
                                    "that the relay can reach the camera (address, user and password) and "
                                    "the relay's log.")
                                .arg(host, name, error.message);
            return R::fail(error);
        }
        if (error.code == ErrorCode::BadResponse || error.code == ErrorCode::TooLarge)
            return R::fail(unreadableAnswer(std::move(error), QStringLiteral("ZLMediaKit"), host, name));
        return R::fail(zlm::explain(std::move(error), host, what));
    }

private:
    RelayConnection m_c;
};

class MediaMtxRelay final : public RelayClient
{
public:
    explicit MediaMtxRelay(RelayConnection c)
        : m_c(std::move(c))
    {
        m_c.apiUrl.setUserInfo({});
    }
    RelayKind kind() const override { return RelayKind::MediaMtx; }
    const RelayConnection &connection() const override { return m_c; }
    QUrl playUrl(const QString &name) const override { return rtspUrl(m_c, pathName(name)); }

    Result<RelayedStream> pull(const QString &name, const QUrl &source) override
    {
        using R = Result<RelayedStream>;
        const QString host = hostOf(m_c);
        const QString path = pathName(name);
        network::HttpRequest req;
        req.method = "POST";
        req.url = m_c.apiUrl;
        QString prefix = req.url.path();
        while (prefix.endsWith(QLatin1Char('/')))
            prefix.chop(1);
        req.url.setPath(prefix + QStringLiteral("/v3/config/paths/add/") + path);
        req.url.setQuery(QString());
        req.timeoutMs = m_c.timeoutMs;
        SiteConnection tls;
        tls.trustedCertSha256 = m_c.trustedCertSha256;
        adapter::applySiteTls(req, tls);
        req.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
        req.headers.append({QByteArray("Accept"), QByteArray("application/json")});
        if (!m_c.user.isEmpty())
            req.headers.append({QByteArray("Authorization"),
                                "Basic " + (m_c.user + QLatin1Char(':') + m_c.secret).toUtf8().toBase64()});
        req.body = QJsonDocument(QJsonObject{{QStringLiteral("source"), source.toString(QUrl::FullyEncoded)},
                                             {QStringLiteral("sourceOnDemand"), true}})
                       .toJson(QJsonDocument::Compact);
        ++m_requests;
        qCDebug(vigilBackend) << "mediamtx POST" << host << req.url.path(); // the body holds the password
        const QString what = Msg::tr("the request to relay stream %1").arg(path);
        auto r = adapter::exchange(std::move(req), QStringLiteral("MediaMTX"), host, what);
        if (!r.ok())
            return R::fail(r.error);
        RelayedStream out;
        out.playUrl = playUrl(name);
        const int status = r.value.status;
        if (status == 200)
            return R{out, {}};
        if (status == 401 || status == 403)
            return R::fail(makeError(ErrorCode::WrongCredentials,
                                     Msg::tr("MediaMTX at %1 refused the API user or password (HTTP %2). "
                                             "Check them in the relay settings, and that this user has the "
                                             "\"api\" permission in MediaMTX's authInternalUsers.")
                                         .arg(host)
                                         .arg(status),
                                     status));
        if (status == 404)
            return R::fail(makeError(ErrorCode::NotFound,
                                     Msg::tr("MediaMTX at %1 has no API v3 (HTTP 404). Check the address and "
                                             "port (apiAddress, 9997 by default), that \"api: yes\" is set, "
                                             "and that MediaMTX is version 1.0 or newer.")
                                         .arg(host),
                                     404));
        // 400 and others: {"error": "..."} (newer versions add "status": "error").
        QJsonObject root;
        Error parse;
        if (!adapter::jsonObject(r.value.body, &root, &parse, 64 * 1024) ||
            !root.value(QLatin1String("error")).isString())
            return R::fail(unreadableAnswer(
                makeError(ErrorCode::BadResponse,
                          parse.isError() ? parse.message
                                          : Msg::tr("HTTP %1 without an \"error\" text").arg(status),
                          status),
                QStringLiteral("MediaMTX"), host, path));
        const QString text = root.value(QLatin1String("error")).toString().left(300);
        if (status == 400 && text.contains(QLatin1String("already exists"), Qt::CaseInsensitive)) {
            out.already = true;
            return R{out, {}};
        }
        return R::fail(makeError(ErrorCode::ServerError,
                                 Msg::tr("MediaMTX at %1 refused to relay stream %2 (HTTP %3: %4). Check the "
                                         "relay's configuration and log.")
                                     .arg(host, path)
                                     .arg(status)
                                     .arg(text),
                                 status));
    }

private:
    QString pathName(const QString &name) const
    {
        return m_c.app.isEmpty() ? name : m_c.app + QLatin1Char('-') + name;
    }
    RelayConnection m_c;
};

} // namespace

QString toString(RelayKind kind)
{
    switch (kind) {
    case RelayKind::ZlMediaKit:
        return QStringLiteral("zlm");
    case RelayKind::MediaMtx:
        return QStringLiteral("mediamtx");
    }
    return {};
}

std::optional<RelayKind> relayKindFromString(const QString &text)
{
    for (RelayKind k : {RelayKind::ZlMediaKit, RelayKind::MediaMtx}) {
        if (text.compare(toString(k), Qt::CaseInsensitive) == 0)
            return k;
    }
    return std::nullopt;
}

QString displayName(RelayKind kind)
{
    switch (kind) {
    case RelayKind::ZlMediaKit:
        return QStringLiteral("ZLMediaKit");
    case RelayKind::MediaMtx:
        return QStringLiteral("MediaMTX");
    }
    return {};
}

int defaultRtspPort(RelayKind kind)
{
    return kind == RelayKind::MediaMtx ? 8554 : 554;
}

RelayClient::~RelayClient() = default;

QString relayStreamName(const QString &cameraId, const QString &role)
{
    const QString original = role.isEmpty() ? cameraId : cameraId + QLatin1Char('-') + role;
    QString name;
    name.reserve(original.size());
    bool changed = false;
    for (const QChar c : original) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                        c == u'_' || c == u'-';
        name.append(ok ? c : QChar(u'_'));
        changed = changed || !ok;
    }
    constexpr qsizetype kMax = 64;
    if (name.size() > kMax) {
        name.truncate(kMax);
        changed = true;
    }
    if (changed || name.isEmpty()) {
        const QByteArray hash = QCryptographicHash::hash(original.toUtf8(), QCryptographicHash::Sha1);
        name += QLatin1Char('-') + QString::fromLatin1(hash.toHex().left(8));
    }
    return name;
}

std::unique_ptr<RelayClient> makeRelayClient(RelayConnection connection)
{
    if (connection.kind == RelayKind::MediaMtx)
        return std::make_unique<MediaMtxRelay>(std::move(connection));
    return std::make_unique<ZlmRelay>(std::move(connection));
}

} // namespace vigil::backend
