#pragma once
// Credential redaction. Anything that may reach a log line, a label or a JSON report goes through here first.
// Thread: any.
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <string>

namespace vigil::core {

// "rtsp://admin:secret@10.0.0.5:554/ch1?token=x" -> "rtsp://***@10.0.0.5:554/ch1?token=***".
// Userinfo is replaced by "***" (the user name is hidden too: it is half of the secret on many sites), and
// the values of query keys that commonly carry secrets (password, pwd, passwd, token, key, auth, tk, sig,
// signature) are masked. Text that is not a URL is scanned for "scheme://user:pass@" runs, so a whole log
// line can be redacted.
QString redactUrl(const QString &text);
std::string redactUrl(const std::string &text);

// The URL with user name and password set, for handing to an engine. Never log the result.
QUrl withCredentials(const QUrl &url, const QString &user, const QString &password);

} // namespace vigil::core
