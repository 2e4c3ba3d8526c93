#include "vigil/core/redact.h"

#include <QtCore/QRegularExpression>

namespace vigil::core {

namespace {
// scheme://userinfo@  — userinfo may hold ':' and any character but '/', '@' or whitespace.
const QRegularExpression &userinfoPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@]+@)"));
    return re;
}
const QRegularExpression &secretQueryPattern()
{
    // A parameter named for a secret, alone or as the end of a longer name (access_token, client_secret,
    // appSecret, api_key, x-password): over-redacting a harmless "monkey=" costs nothing. After '#' too (an
    // OAuth redirect carries "#access_token=").
    static const QRegularExpression re(
        QStringLiteral(R"(([?&;#](?:[A-Za-z0-9_.\-]*(?:password|passwd|token|secret|key|signature)|pwd|pass|)"
                       R"(auth|tk|sig|sign)=)[^&;#\s]*)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}
} // namespace

QString redactUrl(const QString &text)
{
    // Both patterns need an '@' or one of "?&;#": most URLs have neither, and the regular expressions cost
    // about a microsecond each (800,000 stream URLs of a province in `vigilctl backend cameras`).
    if (!text.contains(QLatin1Char('@')) && !text.contains(QLatin1Char('?')) &&
        !text.contains(QLatin1Char('&')) && !text.contains(QLatin1Char(';')) &&
        !text.contains(QLatin1Char('#')))
        return text;
    QString out = text;
    out.replace(userinfoPattern(), QStringLiteral("\\1***@"));
    out.replace(secretQueryPattern(), QStringLiteral("\\1***"));
    return out;
}

std::string redactUrl(const std::string &text)
{
    return redactUrl(QString::fromStdString(text)).toStdString();
}

QUrl withCredentials(const QUrl &url, const QString &user, const QString &password)
{
    QUrl out = url;
    if (!user.isEmpty()) {
        out.setUserName(user);
        out.setPassword(password);
    }
    return out;
}

} // namespace vigil::core
