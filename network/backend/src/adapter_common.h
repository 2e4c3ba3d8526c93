#pragma once
// What the platform adapters (ZLMediaKit, Artemis, WVP) share: one HTTP exchange over HttpClient::sendSync
// with its failures turned into backend::Error sentences naming the platform and host:port (never a secret),
// and small JSON readers that never throw. Internal to vigil_backend. Thread: any (sendSync: not the network
// thread).
#include "vigil/backend/platform_client.h"
#include "vigil/backend/types.h"
#include "vigil/network/http_client.h"

#include <QtCore/QJsonObject>
#include <QtCore/QJsonValue>

namespace vigil::backend::adapter {

// "host:port" of a site (the default port of its scheme when none is written).
QString hostPort(const QUrl &baseUrl);

Error makeError(ErrorCode code, const QString &message, int httpStatus = 0, const QString &serverCode = {});

// The body's root JSON object; false with a BadResponse/TooLarge error (a clause without the host) otherwise.
bool jsonObject(const QByteArray &body, QJsonObject *root, Error *error,
                qsizetype maxBytes = 64 * 1024 * 1024);

// The site's TLS policy on a request: https is always verified (system store and host name) unless the
// platform presents the site's trusted certificate.
void applySiteTls(network::HttpRequest &request, const SiteConnection &site);

// The Tls error of a failed HTTPS exchange: with the presented certificate's fingerprint and how to trust
// it when there was one. `platform` empty: "The platform at <host>" (our API).
Error tlsError(const network::HttpResponse &response, const QString &platform, const QString &host);

// Sends `request`; transport failures (unreachable, timeout, TLS, too large, not HTTP) become an Error naming
// `platform` at `host` and `what` was asked. Any HTTP status is a success here: the caller reads it.
Result<network::HttpResponse> exchange(network::HttpRequest request, const QString &platform,
                                       const QString &host, const QString &what);

// "<platform> at <host> sent <what> that Vigil cannot read: <detail>. ..." around a parser's error.
Error unreadable(Error parserError, const QString &platform, const QString &host, const QString &what);

// Field readers: a string, or a number written as one (platforms differ); empty when absent or another type.
QString text(const QJsonObject &o, const char *key);
// A number, or a string holding one; `fallback` otherwise.
double number(const QJsonObject &o, const char *key, double fallback);

// The host part of a site's base URL as a URL authority for other schemes (IPv6 in brackets).
QString urlHost(const QUrl &baseUrl);

} // namespace vigil::backend::adapter
