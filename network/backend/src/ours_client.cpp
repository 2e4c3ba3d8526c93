// OursClient over HttpClient::sendSync. Every failure becomes an Error whose message names the platform
// (host:port, never credentials), what was asked and what to do.
#include "vigil/backend/ours_client.h"

#include "vigil/backend/ours_parsers.h"
#include "vigil/core/redact.h"
#include "vigil/network/http_client.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QUrlQuery>

// Debug lines (one per request) are off unless QT_LOGGING_RULES="vigil.backend.debug=true".
Q_LOGGING_CATEGORY(vigilBackend, "vigil.backend", QtInfoMsg)

namespace vigil::backend {

using network::HttpClient;
using network::HttpError;
using network::HttpRequest;
using network::HttpResponse;

namespace {

struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::OursClient)
};

Error makeError(ErrorCode code, const QString &message, int status = 0, const QString &serverCode = {})
{
    Error e;
    e.code = code;
    e.message = message;
    e.httpStatus = status;
    e.serverCode = serverCode;
    return e;
}

constexpr int kMaxPages = 1000000;

} // namespace

OursClient::OursClient(OursSite site)
    : m_site(std::move(site))
{
    m_site.baseUrl.setUserInfo({});
}

OursClient::~OursClient() = default;

QString OursClient::host() const
{
    const QUrl &u = m_site.baseUrl;
    return QStringLiteral("%1:%2").arg(u.host()).arg(u.port(u.scheme() == QLatin1String("https") ? 443 : 80));
}

QUrl OursClient::apiUrl(const QString &path) const
{
    QUrl u = m_site.baseUrl;
    QString prefix = u.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    u.setPath(prefix + QStringLiteral("/api/v1") + path);
    u.setQuery(QString());
    return u;
}

Result<OursClient::Reply> OursClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                           const QByteArray &ifNoneMatch, bool authorised,
                                           const QString &what)
{
    using R = Result<Reply>;
    HttpRequest req;
    req.method = method;
    req.url = url;
    req.body = body;
    req.timeoutMs = m_site.timeoutMs;
    req.maxBodyBytes = kMaxJsonBytes;
    req.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    if (!body.isEmpty())
        req.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    if (authorised)
        req.headers.append({QByteArray("Authorization"), "Bearer " + m_tokens.accessToken.toUtf8()});
    if (!ifNoneMatch.isEmpty())
        req.headers.append({QByteArray("If-None-Match"), ifNoneMatch});
    ++m_requests;
    qCDebug(vigilBackend) << "backend" << method << core::redactUrl(url.toString());
    const HttpResponse resp = HttpClient::instance().sendSync(std::move(req));
    if (!resp.ok()) {
        switch (resp.error) {
        case HttpError::InvalidUrl:
        case HttpError::Unreachable:
            return R::fail(
                makeError(ErrorCode::Unreachable,
                          Msg::tr("Cannot reach the platform at %1: %2. Check the address, that the "
                                  "platform is running, and the network or firewall.")
                              .arg(host(), resp.errorText)));
        case HttpError::Timeout:
            return R::fail(makeError(ErrorCode::Timeout,
                                     Msg::tr("The platform at %1 did not answer %2 in time (%3). It may be "
                                             "overloaded; try again.")
                                         .arg(host(), what, resp.errorText)));
        case HttpError::Tls:
            return R::fail(
                makeError(ErrorCode::Tls, Msg::tr("%1. Check that the platform offers HTTPS on this "
                                                  "port, or use its http:// address.")
                                              .arg(resp.errorText)));
        case HttpError::TooLarge:
            return R::fail(
                makeError(ErrorCode::TooLarge,
                          Msg::tr("The platform's answer to %1 is too large: %2. Ask for smaller pages "
                                  "or check the platform.")
                              .arg(what, resp.errorText)));
        default:
            return R::fail(makeError(ErrorCode::BadResponse,
                                     Msg::tr("The platform at %1 did not answer %2 like a Vigil API platform "
                                             "(%3). Check the address and port.")
                                         .arg(host(), what, resp.errorText)));
        }
    }
    Reply reply;
    reply.status = resp.status;
    reply.body = resp.body;
    reply.etag = resp.header("ETag");
    return R{reply, {}};
}

Result<Tokens> OursClient::login()
{
    using R = Result<Tokens>;
    m_tokens = {};
    ++m_logins;
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("user"), m_site.user},
                                                      {QStringLiteral("password"), m_site.password}})
                                .toJson(QJsonDocument::Compact);
    const QString what = Msg::tr("the login");
    const auto r = send("POST", apiUrl(QStringLiteral("/login")), body, {}, false, what);
    if (!r.ok())
        return R::fail(r.error);
    QString code, message;
    parseErrorBody(r.value.body, &code, &message);
    if (r.value.status == 401 || r.value.status == 403)
        return R::fail(
            makeError(ErrorCode::WrongCredentials,
                      Msg::tr("The platform at %1 refused user \"%2\": wrong user name or password. "
                              "Check them in the site's settings.")
                          .arg(host(), m_site.user),
                      r.value.status, code));
    if (r.value.status == 404)
        return R::fail(
            makeError(ErrorCode::NotFound,
                      Msg::tr("The platform at %1 has no Vigil API login (HTTP 404). Check the address "
                              "and the kind of platform.")
                          .arg(host()),
                      404, code));
    if (r.value.status != 200)
        return R::fail(makeError(ErrorCode::ServerError,
                                 Msg::tr("The platform at %1 answered the login with HTTP %2%3.")
                                     .arg(host())
                                     .arg(r.value.status)
                                     .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message),
                                 r.value.status, code));
    auto tokens = parseTokens(r.value.body);
    if (!tokens.ok()) {
        tokens.error.message =
            Msg::tr("The platform at %1 answered the login with data Vigil cannot read: %2.")
                .arg(host(), tokens.error.message);
        return tokens;
    }
    m_tokens = tokens.value;
    return tokens;
}

Result<OursClient::Reply> OursClient::get(const QString &path,
                                          const QList<std::pair<QString, QString>> &query,
                                          const QByteArray &ifNoneMatch, const QString &what)
{
    using R = Result<Reply>;
    QUrl url = apiUrl(path);
    if (!query.isEmpty()) {
        QUrlQuery q;
        for (const auto &[k, v] : query)
            q.addQueryItem(k, v);
        url.setQuery(q);
    }
    // One re-login per request, even right after the first login: a platform that refuses a fresh token once
    // (a restart, a token store being swapped) gets a second chance; a second refusal is a clear error.
    bool relogged = false;
    if (m_tokens.accessToken.isEmpty()) {
        const auto l = login();
        if (!l.ok())
            return R::fail(l.error);
    }
    for (;;) {
        auto r = send("GET", url, {}, ifNoneMatch, true, what);
        if (!r.ok())
            return r;
        const int status = r.value.status;
        if (status == 200 || status == 304)
            return r;
        QString code, message;
        parseErrorBody(r.value.body, &code, &message);
        const QString detail = message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(message);
        if (status == 401 &&
            (code == QLatin1String("token_expired") || code == QLatin1String("invalid_token"))) {
            if (!relogged) {
                qCDebug(vigilBackend) << "backend: token refused (" << code << ") - logging in again";
                relogged = true;
                const auto l = login();
                if (!l.ok())
                    return R::fail(l.error);
                continue;
            }
            return R::fail(
                makeError(ErrorCode::TokenExpired,
                          Msg::tr("The platform at %1 refused a fresh login as expired when asked for "
                                  "%2%3. Check that the clocks of this PC and the platform agree, "
                                  "then reconnect.")
                              .arg(host(), what, detail),
                          status, code));
        }
        if (status == 401 || status == 403)
            return R::fail(
                makeError(ErrorCode::WrongCredentials,
                          Msg::tr("The platform at %1 refused user \"%2\" access to %3%4. Check the "
                                  "user's rights on the platform.")
                              .arg(host(), m_site.user, what, detail),
                          status, code));
        if (status == 404)
            return R::fail(
                makeError(ErrorCode::NotFound,
                          Msg::tr("The platform at %1 could not answer %2: not found%3. Check the id, or "
                                  "the address and kind of the site.")
                              .arg(host(), what, detail),
                          status, code));
        if (status == 501)
            return R::fail(makeError(
                ErrorCode::Unsupported,
                Msg::tr("The platform at %1 does not offer %2%3.").arg(host(), what, detail), status, code));
        return R::fail(makeError(ErrorCode::ServerError,
                                 Msg::tr("The platform at %1 answered %2 with HTTP %3%4. Try again later.")
                                     .arg(host(), what)
                                     .arg(status)
                                     .arg(detail),
                                 status, code));
    }
}

namespace {
template<typename T> Result<T> unreadable(Result<T> r, const QString &host, const QString &what)
{
    r.error.message = Msg::tr("The platform at %1 sent %2 that Vigil cannot read: %3. Check that the address "
                              "points at a platform speaking the Vigil API.")
                          .arg(host, what, r.error.message);
    return r;
}
} // namespace

Result<QList<Region>> OursClient::regions()
{
    const QString what = Msg::tr("the region tree");
    const auto r = get(QStringLiteral("/regions"), {}, {}, what);
    if (!r.ok())
        return Result<QList<Region>>::fail(r.error);
    auto regions = parseRegions(r.value.body);
    return regions.ok() ? regions : unreadable(std::move(regions), host(), what);
}

Result<CameraList> OursClient::cameras(const Progress &progress)
{
    using R = Result<CameraList>;
    const int requestsBefore = m_requests;
    auto regions = this->regions();
    if (!regions.ok())
        return R::fail(regions.error);

    for (int walk = 0; walk < 2; ++walk) {
        CameraList out;
        out.regions = regions.value;
        int page = 1;
        bool restart = false;
        for (int pages = 0; pages < kMaxPages; ++pages) {
            const QString what = Msg::tr("the camera list (page %1)").arg(page);
            const QByteArray ifNoneMatch = page == 1 && walk == 0 ? m_last.etag : QByteArray();
            const auto r = get(QStringLiteral("/cameras"),
                               {{QStringLiteral("page"), QString::number(page)},
                                {QStringLiteral("pageSize"), QString::number(m_pageSize)}},
                               ifNoneMatch, what);
            if (!r.ok())
                return R::fail(r.error);
            if (r.value.status == 304) {
                if (page != 1 || m_last.etag.isEmpty())
                    return R::fail(makeError(ErrorCode::BadResponse,
                                             Msg::tr("The platform at %1 answered %2 with \"not modified\" "
                                                     "although Vigil has no copy of it.")
                                                 .arg(host(), what),
                                             304));
                out = m_last;
                out.regions = regions.value;
                out.notModified = true;
                out.requests = m_requests - requestsBefore;
                if (progress)
                    progress(out.cameras.size(), out.cameras.size());
                return R{out, {}};
            }
            auto parsed = parseCameraPage(r.value.body);
            if (!parsed.ok())
                return R::fail(unreadable(std::move(parsed), host(), what).error);
            if (page == 1) {
                out.etag = r.value.etag;
            } else if (r.value.etag != out.etag) {
                // The list changed while we read it: start again from page 1 (once).
                restart = true;
                break;
            }
            out.cameras.reserve(qsizetype(parsed.value.total));
            out.cameras += std::move(parsed.value.items);
            if (progress && !progress(out.cameras.size(), parsed.value.total))
                return R::fail(
                    makeError(ErrorCode::Cancelled, Msg::tr("Loading the cameras was cancelled.")));
            if (parsed.value.nextPage == 0)
                break;
            if (parsed.value.items.isEmpty() && out.cameras.size() >= parsed.value.total)
                break;
            page = parsed.value.nextPage;
        }
        if (restart)
            continue;
        out.requests = m_requests - requestsBefore;
        m_last = out;
        return R{out, {}};
    }
    return R::fail(
        makeError(ErrorCode::ServerError,
                  Msg::tr("The camera list of the platform at %1 kept changing while Vigil read it. "
                          "Try again in a moment.")
                      .arg(host())));
}

Result<LiveUrl> OursClient::liveUrl(const QString &cameraId, bool sub)
{
    const QString what = Msg::tr("a live URL for camera %1").arg(cameraId);
    const auto r =
        get(QStringLiteral("/cameras/%1/live").arg(QString::fromLatin1(QUrl::toPercentEncoding(cameraId))),
            {{QStringLiteral("stream"), sub ? QStringLiteral("sub") : QStringLiteral("main")}}, {}, what);
    if (!r.ok())
        return Result<LiveUrl>::fail(r.error);
    auto live = parseLiveUrl(r.value.body);
    return live.ok() ? live : unreadable(std::move(live), host(), what);
}

Result<QList<UnitFix>> OursClient::units()
{
    const QString what = Msg::tr("the patrol units");
    const auto r = get(QStringLiteral("/units"), {}, {}, what);
    if (!r.ok())
        return Result<QList<UnitFix>>::fail(r.error);
    auto units = parseUnits(r.value.body);
    return units.ok() ? units : unreadable(std::move(units), host(), what);
}

} // namespace vigil::backend
