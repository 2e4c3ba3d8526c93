#pragma once
// One call of ZLMediaKit's HTTP API (GET <base>/index/api/<api>?secret=...&...), shared by the ZLMediaKit
// site adapter (ZlmClient) and the ZLMediaKit relay (RelayClient): the secret in the query (never logged:
// only the path is), the site's TLS policy, HTTP 404/other statuses as sentences, the {"code", "msg",
// "data"} envelope and its codes (server/WebApi.h ApiErr) as backend::Error. Internal to vigil_backend.
// Thread: any except the network thread (HttpClient::sendSync).
#include "vigil/backend/platform_client.h"
#include "vigil/backend/types.h"

#include <QtCore/QJsonObject>

#include <utility>

namespace vigil::backend::zlm {

// ZLMediaKit's ApiErr (server/WebApi.h).
inline constexpr int kOtherFailed = -1;
inline constexpr int kAuthFailed = -100;
inline constexpr int kNotFound = -500;

// The body of a GET of `api` with `query` (values unencoded) on `site` (baseUrl, password = the API secret,
// timeout, trusted certificate). Transport failures, 404 and non-200 statuses become Errors naming the
// server at host:port and `what` was asked.
Result<QByteArray> apiCall(const SiteConnection &site, const QString &api,
                           const QList<std::pair<QString, QString>> &query, const QString &what);

// The envelope: the root object with code 0, or an Error carrying the server's code and msg (-100
// WrongCredentials, -500 NotFound, others ServerError); a body that is not one is BadResponse.
bool envelope(const QByteArray &body, QJsonObject *root, Error *error);

// A parser's or envelope's error in a sentence naming the server at `host` and what to do.
Error explain(Error e, const QString &host, const QString &what);

} // namespace vigil::backend::zlm
