#include "vigil/onvif/soap.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QRandomGenerator>

namespace vigil::onvif {

namespace {
// Error texts the operator reads: same translation context as client.cpp.
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::onvif::OnvifClient)
};
} // namespace

ErrorCategory Error::category() const
{
    switch (code) {
    case ErrorCode::Unreachable:
    case ErrorCode::Timeout:
        return ErrorCategory::Transient;
    case ErrorCode::WrongCredentials:
    case ErrorCode::ClockSkew:
        return ErrorCategory::Auth;
    case ErrorCode::Unsupported:
        return ErrorCategory::Unsupported;
    default:
        return ErrorCategory::Fatal;
    }
}

QString toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return QStringLiteral("none");
    case ErrorCode::Unreachable:
        return QStringLiteral("unreachable");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::NotOnvif:
        return QStringLiteral("not-onvif");
    case ErrorCode::BadResponse:
        return QStringLiteral("bad-response");
    case ErrorCode::WrongCredentials:
        return QStringLiteral("wrong-credentials");
    case ErrorCode::ClockSkew:
        return QStringLiteral("clock-skew");
    case ErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorCode::DeviceFault:
        return QStringLiteral("device-fault");
    }
    return {};
}

QString passwordDigest(const QByteArray &nonce, const QString &created, const QString &password)
{
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData(nonce);
    h.addData(created.toUtf8());
    h.addData(password.toUtf8());
    return QString::fromLatin1(h.result().toBase64());
}

QString formatSoapTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

UsernameToken makeUsernameToken(const QString &user, const QString &password, qint64 deviceClockOffsetMs)
{
    UsernameToken t;
    t.user = user;
    t.nonce.resize(16);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(t.nonce.data()), 4);
    t.created = formatSoapTime(QDateTime::currentDateTimeUtc().addMSecs(deviceClockOffsetMs));
    t.digest = passwordDigest(t.nonce, t.created, password);
    return t;
}

QByteArray xmlEscape(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\''), QLatin1String("&apos;")).toUtf8();
}

QByteArray buildEnvelope(const QByteArray &body, const std::optional<UsernameToken> &token,
                         const QByteArray &extraHeader)
{
    QByteArray out;
    out.reserve(body.size() + 1024);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">";
    if (token || !extraHeader.isEmpty()) {
        out += "<s:Header>";
        if (token) {
            out += "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"";
            out += ns::kWsse.toUtf8();
            out += "\" xmlns:wsu=\"";
            out += ns::kWsu.toUtf8();
            out += "\"><wsse:UsernameToken><wsse:Username>";
            out += xmlEscape(token->user);
            out += "</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/"
                   "oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">";
            out += token->digest.toLatin1();
            out += "</wsse:Password><wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/"
                   "oasis-200401-wss-soap-message-security-1.0#Base64Binary\">";
            out += token->nonce.toBase64();
            out += "</wsse:Nonce><wsu:Created>";
            out += token->created.toLatin1();
            out += "</wsu:Created></wsse:UsernameToken></wsse:Security>";
        }
        out += extraHeader;
        out += "</s:Header>";
    }
    out += "<s:Body>";
    out += body;
    out += "</s:Body></s:Envelope>";
    return out;
}

namespace {

Error makeError(ErrorCode code, const QString &message, int httpStatus = 0, const QString &subcode = {})
{
    Error e;
    e.code = code;
    e.message = message;
    e.httpStatus = httpStatus;
    e.subcode = subcode;
    return e;
}

QString localPart(const QString &qname)
{
    const qsizetype colon = qname.lastIndexOf(QLatin1Char(':'));
    return (colon >= 0 ? qname.mid(colon + 1) : qname).trimmed();
}

Error decodeFault(const XmlElement &fault, int httpStatus, const QString &what)
{
    // SOAP 1.2: Code/Value + nested Subcode/Value, Reason/Text. SOAP 1.1: faultcode, faultstring.
    QStringList codes;
    if (const XmlElement *code = fault.child(u"Code")) {
        for (const XmlElement *c = code; c; c = c->child(u"Subcode"))
            if (const XmlElement *v = c->child(u"Value"))
                codes << localPart(v->trimmedText());
    } else if (const XmlElement *fc = fault.child(u"faultcode")) {
        codes << localPart(fc->trimmedText());
    }
    QString reason;
    if (const XmlElement *r = fault.child(u"Reason")) {
        if (const XmlElement *t = r->child(u"Text"))
            reason = t->trimmedText();
    } else {
        reason = fault.childText(u"faultstring");
    }
    // Some vendors (Hikvision) also put a free text in Detail/Text.
    QString detail;
    QString detailElement; // WS-BaseFaults put the fault type in Detail (wsnt:SubscribeCreationFailedFault)
    if (const XmlElement *d = fault.child(u"Detail")) {
        if (const XmlElement *t = d->find(u"Text"))
            detail = t->trimmedText();
        if (!d->children.empty())
            detailElement = d->children.front().name;
    }
    if (detail.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
        detail.clear();
    if (detail.isEmpty() && !detailElement.isEmpty() && detailElement != QLatin1String("Text"))
        detail = detailElement;
    if (reason.isEmpty() && detail.isEmpty() && codes.isEmpty())
        detail = Msg::tr("no reason given");
    const QString subcode = codes.join(QLatin1Char('/'));
    const QString text = !reason.isEmpty() ? reason : detail;
    auto has = [&codes](const char *c) {
        return codes.contains(QLatin1String(c), Qt::CaseInsensitive);
    };

    if (has("NotAuthorized") || has("FailedAuthentication") || has("InvalidSecurity") ||
        has("Unauthorized") || has("SenderNotAuthorized") || httpStatus == 401 || httpStatus == 403)
        return makeError(ErrorCode::WrongCredentials,
                         Msg::tr("The camera refused the user name or password (%1). Check them, and "
                                 "that the user has ONVIF rights on the camera.")
                             .arg(text.isEmpty() ? subcode : text),
                         httpStatus, subcode);
    const bool notImplemented = text.contains(QLatin1String("not implemented"), Qt::CaseInsensitive) ||
                                text.contains(QLatin1String("not supported"), Qt::CaseInsensitive) ||
                                text.contains(QLatin1String("Method '"), Qt::CaseInsensitive);
    if (has("ActionNotSupported") || has("ActionNotSupportedFault") || has("NoSuchService") ||
        has("OperationNotSupported") || (notImplemented && !has("InvalidArgVal")))
        return makeError(
            ErrorCode::Unsupported,
            Msg::tr("The camera does not support %1 (%2).").arg(what, text.isEmpty() ? subcode : text),
            httpStatus, subcode);
    return makeError(ErrorCode::DeviceFault,
                     Msg::tr("The camera rejected %1: %2").arg(what, text.isEmpty() ? subcode : text),
                     httpStatus, subcode);
}

} // namespace

Result<XmlElement> decodeSoap(const QByteArray &payload, int httpStatus, const QString &what)
{
    using R = Result<XmlElement>;
    const QByteArray head = payload.left(512).trimmed().toLower();
    if (payload.trimmed().isEmpty()) {
        if (httpStatus == 401 || httpStatus == 403)
            return R::fail(makeError(ErrorCode::WrongCredentials,
                                     Msg::tr("The camera refused the user name or password (HTTP %1). "
                                             "Check them.")
                                         .arg(httpStatus),
                                     httpStatus));
        return R::fail(makeError(ErrorCode::NotOnvif,
                                 Msg::tr("The device sent an empty answer to %1 (HTTP %2); it may not "
                                         "be an ONVIF device, or ONVIF is turned off on it.")
                                     .arg(what)
                                     .arg(httpStatus),
                                 httpStatus));
    }
    if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<html")) {
        if (httpStatus == 401 || httpStatus == 403)
            return R::fail(makeError(ErrorCode::WrongCredentials,
                                     Msg::tr("The camera refused the user name or password (HTTP %1). "
                                             "Check them.")
                                         .arg(httpStatus),
                                     httpStatus));
        return R::fail(makeError(ErrorCode::NotOnvif,
                                 Msg::tr("The address answered %1 with a web page, not ONVIF (HTTP %2). "
                                         "Check the address: the ONVIF service is usually "
                                         "http://CAMERA/onvif/device_service.")
                                     .arg(what)
                                     .arg(httpStatus),
                                 httpStatus));
    }
    QString parseError;
    auto doc = parseXml(payload, &parseError);
    if (!doc) {
        if (httpStatus == 401 || httpStatus == 403)
            return R::fail(makeError(ErrorCode::WrongCredentials,
                                     Msg::tr("The camera refused the user name or password (HTTP %1). "
                                             "Check them.")
                                         .arg(httpStatus),
                                     httpStatus));
        const bool truncated = parseError.contains(QLatin1String("Premature end"), Qt::CaseInsensitive);
        return R::fail(makeError(ErrorCode::BadResponse,
                                 truncated ? Msg::tr("The camera's answer to %1 was cut short (%2). Try "
                                                     "again; if it persists, the camera's firmware may "
                                                     "need an update.")
                                                 .arg(what, parseError)
                                           : Msg::tr("The camera answered %1 with malformed XML (%2). "
                                                     "Its firmware may need an update.")
                                                 .arg(what, parseError),
                                 httpStatus));
    }
    const bool soap12 = doc->is(ns::kSoap12, u"Envelope");
    const bool soap11 = doc->is(ns::kSoap11, u"Envelope");
    if (!soap12 && !soap11)
        return R::fail(makeError(ErrorCode::NotOnvif,
                                 Msg::tr("The device answered %1 with XML that is not a SOAP envelope "
                                         "(<%2>); it is probably not an ONVIF service.")
                                     .arg(what, doc->name),
                                 httpStatus));
    const QStringView envNs = soap12 ? ns::kSoap12 : ns::kSoap11;
    const XmlElement *body = doc->child(envNs, u"Body");
    if (!body)
        return R::fail(makeError(ErrorCode::BadResponse,
                                 Msg::tr("The camera's answer to %1 has no SOAP Body.").arg(what),
                                 httpStatus));
    if (const XmlElement *fault = body->child(envNs, u"Fault"))
        return R::fail(decodeFault(*fault, httpStatus, what));
    if (httpStatus == 401 || httpStatus == 403)
        return R::fail(makeError(ErrorCode::WrongCredentials,
                                 Msg::tr("The camera refused the user name or password (HTTP %1). Check "
                                         "them.")
                                     .arg(httpStatus),
                                 httpStatus));
    if (httpStatus >= 400)
        return R::fail(makeError(ErrorCode::DeviceFault,
                                 Msg::tr("The camera answered %1 with HTTP %2.").arg(what).arg(httpStatus),
                                 httpStatus));
    R r;
    r.value = *body;
    return r;
}

Result<const XmlElement *> responseElement(const XmlElement &body, QStringView nsUri, QStringView localName,
                                           const QString &what)
{
    using R = Result<const XmlElement *>;
    if (const XmlElement *e = body.child(nsUri, localName)) {
        R r;
        r.value = e;
        return r;
    }
    const XmlElement *sameName = body.child(localName);
    Error e;
    e.code = ErrorCode::BadResponse;
    e.message = sameName ? Msg::tr("The camera answered %1 in an unknown namespace (%2); Vigil expects %3.")
                               .arg(what, sameName->ns, nsUri.toString())
                         : Msg::tr("The camera's answer to %1 lacks <%2>.").arg(what, localName.toString());
    return R::fail(e);
}

} // namespace vigil::onvif
