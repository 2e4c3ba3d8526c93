// ZLMediaKit's API call and envelope, from server/WebApi.cpp (api_regist, CHECK_SECRET: AuthException ->
// code -100 "Incorrect secret" with HTTP 200) and server/WebApi.h (ApiErr).
#include "zlm_api.h"

#include "adapter_common.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLoggingCategory>
#include <QtCore/QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(vigilBackend)

namespace vigil::backend::zlm {

namespace {
// The ZlmClient context: these sentences were ZlmClient's (their translations stay valid).
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::ZlmClient)
};
using adapter::makeError;
} // namespace

Result<QByteArray> apiCall(const SiteConnection &site, const QString &api,
                           const QList<std::pair<QString, QString>> &query, const QString &what)
{
    using R = Result<QByteArray>;
    const QString host = adapter::hostPort(site.baseUrl);
    network::HttpRequest req;
    req.method = "GET";
    req.url = site.baseUrl;
    req.url.setUserInfo({});
    QString prefix = req.url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    req.url.setPath(prefix + QStringLiteral("/index/api/") + api);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("secret"), QString::fromUtf8(QUrl::toPercentEncoding(site.password)));
    for (const auto &[k, v] : query)
        q.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
    req.url.setQuery(q);
    req.timeoutMs = site.timeoutMs;
    adapter::applySiteTls(req, site);
    req.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    // The path only: the query carries the secret (and a relay's camera URL its password).
    qCDebug(vigilBackend) << "zlm GET" << host << req.url.path();
    auto r = adapter::exchange(std::move(req), QStringLiteral("ZLMediaKit"), host, what);
    if (!r.ok())
        return R::fail(r.error);
    if (r.value.status == 404)
        return R::fail(makeError(ErrorCode::NotFound,
                                 Msg::tr("ZLMediaKit at %1 has no API %2 (HTTP 404). Check the address and "
                                         "port (the server's http.port) and the kind of the site.")
                                     .arg(host, api),
                                 404));
    if (r.value.status != 200)
        return R::fail(makeError(ErrorCode::ServerError,
                                 Msg::tr("ZLMediaKit at %1 answered %2 with HTTP %3. Try again later.")
                                     .arg(host, what)
                                     .arg(r.value.status),
                                 r.value.status));
    return R{r.value.body, {}};
}

bool envelope(const QByteArray &body, QJsonObject *root, Error *error)
{
    if (!adapter::jsonObject(body, root, error))
        return false;
    const QJsonValue code = root->value(QLatin1String("code"));
    if (!code.isDouble()) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("the answer has no numeric \"code\""));
        return false;
    }
    const int c = code.toInt();
    if (c == 0)
        return true;
    const QString msg = root->value(QLatin1String("msg")).toString().left(200);
    const ErrorCode ec = c == kAuthFailed ? ErrorCode::WrongCredentials
                         : c == kNotFound ? ErrorCode::NotFound
                                          : ErrorCode::ServerError;
    *error = makeError(ec, Msg::tr("code %1 (%2)").arg(c).arg(msg), 200, QString::number(c));
    return false;
}

Error explain(Error e, const QString &host, const QString &what)
{
    switch (e.code) {
    case ErrorCode::WrongCredentials:
        e.message = Msg::tr("ZLMediaKit at %1 refused the API secret when asked for %2 (%3). Check the "
                            "secret in the site's settings (api.secret in the server's config.ini) and that "
                            "the server allows this PC's address.")
                        .arg(host, what, e.message);
        return e;
    case ErrorCode::NotFound:
        e.message = Msg::tr("ZLMediaKit at %1 found nothing for %2 (%3). Check the camera id.")
                        .arg(host, what, e.message);
        return e;
    case ErrorCode::ServerError:
        e.message =
            Msg::tr("ZLMediaKit at %1 could not answer %2: %3. Try again later, or check the server's log.")
                .arg(host, what, e.message);
        return e;
    default:
        return adapter::unreadable(std::move(e), QStringLiteral("ZLMediaKit"), host, what);
    }
}

} // namespace vigil::backend::zlm
