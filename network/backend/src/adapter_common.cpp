#include "adapter_common.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>

namespace vigil::backend::adapter {

namespace {
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::Adapters)
};
} // namespace

QString hostPort(const QUrl &u)
{
    return QStringLiteral("%1:%2").arg(u.host()).arg(u.port(u.scheme() == QLatin1String("https") ? 443 : 80));
}

QString urlHost(const QUrl &u)
{
    const QString h = u.host();
    return h.contains(QLatin1Char(':')) ? QLatin1Char('[') + h + QLatin1Char(']') : h;
}

Error makeError(ErrorCode code, const QString &message, int httpStatus, const QString &serverCode)
{
    Error e;
    e.code = code;
    e.message = message;
    e.httpStatus = httpStatus;
    e.serverCode = serverCode;
    return e;
}

bool jsonObject(const QByteArray &body, QJsonObject *root, Error *error, qsizetype maxBytes)
{
    if (body.size() > maxBytes) {
        *error =
            makeError(ErrorCode::TooLarge, Msg::tr("the answer is %1 MB, more than the %2 MB Vigil accepts")
                                               .arg(double(body.size()) / (1024 * 1024), 0, 'f', 1)
                                               .arg(double(maxBytes) / (1024 * 1024), 0, 'f', 0));
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = makeError(
            ErrorCode::BadResponse,
            Msg::tr("the answer is not valid JSON (%1 at byte %2)").arg(pe.errorString()).arg(pe.offset));
        return false;
    }
    if (!doc.isObject()) {
        *error = makeError(ErrorCode::BadResponse, Msg::tr("the answer is not a JSON object"));
        return false;
    }
    *root = doc.object();
    return true;
}

void applySiteTls(network::HttpRequest &request, const SiteConnection &site)
{
    if (request.url.scheme() != QLatin1String("https"))
        return;
    request.tlsVerifyPeer = true;
    request.trustedCertSha256 = site.trustedCertSha256;
}

Error tlsError(const network::HttpResponse &resp, const QString &platform, const QString &host)
{
    if (resp.peerCertSha256.isEmpty()) {
        const QString text = Msg::tr("Check that the platform offers HTTPS on this port, or use its http:// "
                                     "address.");
        return makeError(ErrorCode::Tls, platform.isEmpty()
                                             ? resp.errorText + QStringLiteral(". ") + text
                                             : Msg::tr("%1 at %2: %3.").arg(platform, host, resp.errorText) +
                                                   QLatin1Char(' ') + text);
    }
    const QString fingerprint = network::formatFingerprint(resp.peerCertSha256);
    Error e = makeError(
        ErrorCode::Tls,
        platform.isEmpty()
            ? Msg::tr(
                  "The platform at %1 presented a certificate that is not trusted (SHA-256 %2). If that is "
                  "your platform's certificate, trust it in the site's settings.")
                  .arg(host, fingerprint)
            : Msg::tr("%1 at %2 presented a certificate that is not trusted (SHA-256 %3). If that is your "
                      "platform's certificate, trust it in the site's settings.")
                  .arg(platform, host, fingerprint));
    e.presentedCertSha256 = resp.peerCertSha256;
    return e;
}

Result<network::HttpResponse> exchange(network::HttpRequest request, const QString &platform,
                                       const QString &host, const QString &what)
{
    using R = Result<network::HttpResponse>;
    using network::HttpError;
    network::HttpResponse resp = network::HttpClient::instance().sendSync(std::move(request));
    if (resp.ok())
        return R{std::move(resp), {}};
    switch (resp.error) {
    case HttpError::InvalidUrl:
    case HttpError::Unreachable:
        return R::fail(makeError(ErrorCode::Unreachable,
                                 Msg::tr("Cannot reach %1 at %2: %3. Check the address, that the platform is "
                                         "running, and the network or firewall.")
                                     .arg(platform, host, resp.errorText)));
    case HttpError::Timeout:
        return R::fail(makeError(ErrorCode::Timeout,
                                 Msg::tr("%1 at %2 did not answer %3 in time (%4). It may be overloaded; try "
                                         "again.")
                                     .arg(platform, host, what, resp.errorText)));
    case HttpError::Tls:
        return R::fail(tlsError(resp, platform, host));
    case HttpError::TooLarge:
        return R::fail(makeError(ErrorCode::TooLarge,
                                 Msg::tr("The answer of %1 at %2 to %3 is too large: %4. Check the platform.")
                                     .arg(platform, host, what, resp.errorText)));
    default:
        return R::fail(makeError(ErrorCode::BadResponse,
                                 Msg::tr("%1 at %2 did not answer %3 like a %1 platform (%4). Check the "
                                         "address, port and kind of the site.")
                                     .arg(platform, host, what, resp.errorText)));
    }
}

Error unreadable(Error e, const QString &platform, const QString &host, const QString &what)
{
    e.message = Msg::tr("%1 at %2 sent %3 that Vigil cannot read: %4. Check the address and the kind of the "
                        "site.")
                    .arg(platform, host, what, e.message);
    return e;
}

QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return {};
}

double number(const QJsonObject &o, const char *key, double fallback)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return fallback;
}

} // namespace vigil::backend::adapter
