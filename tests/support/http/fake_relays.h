#pragma once
// Loopback relays shaped like the real APIs, on TestHttpServer (Qt only), for the RelayClient and relay
// tests. Each keeps the names it pulls (as the real server's proxy map does) so a second pull of a name gets
// the real "already exists" answer.
//
// FakeZlmRelay — ZLMediaKit, server/WebApi.cpp (github.com/ZLMediaKit/ZLMediaKit, master 2025):
//  - api_regist("/index/api/addStreamProxy", ...): CHECK_SECRET() (a wrong secret: AuthException -> HTTP 200
//    {"code": -100, "msg": "Incorrect secret"}), CHECK_ARGS("vhost", "app", "stream", "url") (missing:
//    {"code": -300, ...} InvalidArgs), then addStreamProxy(): when s_player_proxy already holds the key
//    "<vhost>/<app>/<stream>" the callback gets SockException(Err_other, "This stream already exists") and
//    the answer is {"code": -1 (API::OtherFailed), "msg": "This stream already exists"}; a pull that fails
//    answers {"code": -1, "msg": <the player's error>}; success {"code": 0, "data": {"key": "<key>"}}.
//  - ApiErr codes from server/WebApi.h (Success 0, OtherFailed -1, AuthFailed -100, InvalidArgs -300).
// FakeMediaMtxRelay — MediaMTX, internal/api/api_config_paths.go (github.com/bluenviron/mediamtx):
//  - onConfigPathsAdd: POST /v3/config/paths/add/<name>, body decoded by jsonwrapper.Decode into
//    conf.OptionalPath (a body that is not JSON -> 400); conf.AddPath() returns "path already exists" for a
//    known name -> 400; success writeOK -> 200 {"status": "ok"}. writeError (internal/api/api.go) answers
//    {"status": "error", "error": "<text>"}. The API's authentication (authInternalUsers with the "api"
//    action) answers 401 for a wrong user or password.
#include "test_http_server.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QMap>
#include <QtCore/QMutex>
#include <QtCore/QMutexLocker>

#include <atomic>
#include <memory>

namespace vigil::test {

// What a fake relay was asked to pull, by name ("<app>/<stream>" for ZLMediaKit, the path for MediaMTX).
struct FakeRelayState
{
    mutable QMutex mutex;
    QMap<QString, QString> sources; // name -> the camera URL as received (with its credentials)
    std::atomic_int pulls{0};       // add requests that created a name
    std::atomic_bool refuse{false}; // answer a failed pull (the camera is unreachable from the relay)

    QString source(const QString &name) const
    {
        QMutexLocker lock(&mutex);
        return sources.value(name);
    }
    qsizetype count() const
    {
        QMutexLocker lock(&mutex);
        return sources.size();
    }
};

inline std::shared_ptr<FakeRelayState> installFakeZlmRelay(TestHttpServer &server, const QString &secret)
{
    auto state = std::make_shared<FakeRelayState>();
    server.route(
        "GET", QStringLiteral("/index/api/addStreamProxy"), [state, secret](const HttpRequestRecord &req) {
            if (req.queryValue(QStringLiteral("secret")) != secret)
                return HttpReply::json(R"({"code":-100,"msg":"Incorrect secret"})");
            for (const char *arg : {"vhost", "app", "stream", "url"}) {
                if (req.queryValue(QString::fromLatin1(arg)).isEmpty())
                    return HttpReply::json(QByteArray(R"({"code":-300,"msg":"Required parameter missed: )") +
                                           arg + "\"}");
            }
            const QString key = req.queryValue(QStringLiteral("vhost")) + QLatin1Char('/') +
                                req.queryValue(QStringLiteral("app")) + QLatin1Char('/') +
                                req.queryValue(QStringLiteral("stream"));
            const QString name = req.queryValue(QStringLiteral("app")) + QLatin1Char('/') +
                                 req.queryValue(QStringLiteral("stream"));
            QMutexLocker lock(&state->mutex);
            if (state->sources.contains(name))
                return HttpReply::json(R"({"code":-1,"msg":"This stream already exists"})");
            if (state->refuse)
                return HttpReply::json(R"({"code":-1,"msg":"play rtsp failed: connection refused"})");
            state->sources.insert(name, req.queryValue(QStringLiteral("url")));
            ++state->pulls;
            return HttpReply::json(QJsonDocument(QJsonObject{{QStringLiteral("code"), 0},
                                                             {QStringLiteral("data"),
                                                              QJsonObject{{QStringLiteral("key"), key}}}})
                                       .toJson(QJsonDocument::Compact));
        });
    return state;
}

// `user` empty: the API has no authentication.
inline std::shared_ptr<FakeRelayState> installFakeMediaMtxRelay(TestHttpServer &server, const QString &user,
                                                                const QString &password)
{
    auto state = std::make_shared<FakeRelayState>();
    const QByteArray expected =
        user.isEmpty() ? QByteArray() : "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
    server.route("POST", QStringLiteral("/v3/config/paths/add/*"),
                 [state, expected](const HttpRequestRecord &req) {
                     const auto error = [](const QByteArray &text, int status) {
                         return HttpReply::json(R"({"status":"error","error":")" + text + "\"}", status);
                     };
                     if (!expected.isEmpty() && req.header("Authorization") != expected)
                         return error("authentication error", 401);
                     const QString name = req.path.mid(QStringLiteral("/v3/config/paths/add/").size());
                     if (name.isEmpty())
                         return error("invalid name", 400);
                     QJsonParseError pe;
                     const QJsonDocument doc = QJsonDocument::fromJson(req.body, &pe);
                     if (pe.error != QJsonParseError::NoError || !doc.isObject())
                         return error("invalid character in JSON", 400);
                     QMutexLocker lock(&state->mutex);
                     if (state->sources.contains(name))
                         return error("path already exists", 400);
                     if (state->refuse)
                         return error("invalid source: 'rtsp' scheme not allowed", 400);
                     state->sources.insert(name, doc.object().value(QLatin1String("source")).toString());
                     ++state->pulls;
                     return HttpReply::json(R"({"status":"ok"})");
                 });
    return state;
}

} // namespace vigil::test
