// OursClient over HttpClient::sendSync. Every failure becomes an Error whose message names the platform
// (host:port, never credentials), what was asked and what to do.
#include "vigil/backend/ours_client.h"

#include "adapter_common.h"

#include "vigil/backend/ours_parsers.h"
#include "vigil/core/redact.h"
#include "vigil/network/http_client.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QUrlQuery>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

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
    adapter::applySiteTls(req, m_site);
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
            return R::fail(adapter::tlsError(resp, {}, host()));
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

Result<Tokens> OursClient::refresh()
{
    using R = Result<Tokens>;
    const QString refreshToken = std::exchange(m_tokens.refreshToken, QString()); // single-use
    if (refreshToken.isEmpty())
        return R::fail(
            makeError(ErrorCode::TokenExpired,
                      Msg::tr("The platform at %1 gave no refresh token; log in again.").arg(host())));
    ++m_refreshes;
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("refreshToken"), refreshToken}})
                                .toJson(QJsonDocument::Compact);
    const auto r =
        send("POST", apiUrl(QStringLiteral("/token/refresh")), body, {}, false, Msg::tr("the token refresh"));
    if (!r.ok())
        return R::fail(r.error);
    QString code, message;
    parseErrorBody(r.value.body, &code, &message);
    if (r.value.status != 200)
        return R::fail(makeError(ErrorCode::TokenExpired,
                                 Msg::tr("The platform at %1 refused the token refresh (HTTP %2%3).")
                                     .arg(host())
                                     .arg(r.value.status)
                                     .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message),
                                 r.value.status, code));
    auto tokens = parseTokens(r.value.body);
    if (!tokens.ok())
        return tokens;
    m_tokens = tokens.value;
    return tokens;
}

Result<Tokens> OursClient::renewToken(bool *refreshed)
{
    Result<Tokens> r = refresh();
    if (refreshed)
        *refreshed = r.ok();
    return r.ok() ? r : login();
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
    // A refused token is renewed with the refresh token first (no password sent), then, if that fails or its
    // token is refused too, by one re-login per request, even right after the first login: a platform that
    // refuses a fresh token once (a restart, a token store being swapped) gets a second chance; a refusal
    // after that is a clear error.
    bool refreshed = false;
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
            if (!refreshed && !relogged && !m_tokens.refreshToken.isEmpty()) {
                refreshed = true;
                const auto f = refresh();
                if (f.ok()) {
                    qCDebug(vigilBackend) << "backend: token refused (" << code << ") - refreshed";
                    continue;
                }
                qCDebug(vigilBackend).noquote() << "backend: token refresh failed:" << f.error.message;
            }
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
        // Page 1 on this thread: it names the list's version (ETag), the total and the page size in use.
        const QString what = Msg::tr("the camera list (page %1)").arg(1);
        const auto r = get(QStringLiteral("/cameras"),
                           {{QStringLiteral("page"), QStringLiteral("1")},
                            {QStringLiteral("pageSize"), QString::number(m_pageSize)}},
                           walk == 0 ? m_last.etag : QByteArray(), what);
        if (!r.ok())
            return R::fail(r.error);
        if (r.value.status == 304) {
            if (m_last.etag.isEmpty())
                return R::fail(
                    makeError(ErrorCode::BadResponse,
                              Msg::tr("The platform at %1 answered %2 with \"not modified\" although "
                                      "Vigil has no copy of it.")
                                  .arg(host(), what),
                              304));
            CameraList out = m_last;
            out.regions = regions.value;
            out.notModified = true;
            out.requests = m_requests - requestsBefore;
            if (progress)
                progress(out.cameras.size(), out.cameras.size());
            return R{out, {}};
        }
        auto first = parseCameraPage(r.value.body);
        if (!first.ok())
            return R::fail(unreadable(std::move(first), host(), what).error);
        CameraList out;
        out.regions = regions.value;
        out.etag = r.value.etag;
        const qint64 total = first.value.total;
        const qsizetype pageSize = first.value.items.size();
        out.cameras.reserve(qsizetype(total));
        out.cameras += std::move(first.value.items);
        if (progress && !progress(out.cameras.size(), total))
            return R::fail(makeError(ErrorCode::Cancelled, Msg::tr("Loading the cameras was cancelled.")));
        if (first.value.nextPage != 0) {
            if (pageSize == 0)
                return R::fail(makeError(ErrorCode::BadResponse,
                                         Msg::tr("The platform at %1 sent an empty first page of cameras but "
                                                 "announced more pages.")
                                             .arg(host())));
            const int lastPage = int(std::min<qint64>(kMaxPages, (total + pageSize - 1) / pageSize));
            Error error;
            const Walk w =
                fetchPages(first.value.nextPage, lastPage, out.etag, progress, &out.cameras, &error);
            if (w == Walk::Failed)
                return R::fail(error);
            if (w == Walk::Changed)
                continue;
        }
        if (out.cameras.size() != total)
            continue; // the list changed size while we read it: start again from page 1 (once)
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

// Pages from..last: one thread fetches them in order on one kept-alive connection while parser threads turn
// the bodies that have arrived into cameras, so the platform's time to write a page and ours to read the
// previous one overlap (and pages are parsed on every core). At most kQueued bodies wait unparsed.
OursClient::Walk OursClient::fetchPages(int from, int last, const QByteArray &etag, const Progress &progress,
                                        QList<BackendCamera> *cameras, Error *error)
{
    constexpr std::size_t kQueued = 6;
    struct Shared
    {
        std::mutex mutex;
        std::condition_variable cv;
        std::deque<std::pair<int, QByteArray>> bodies;
        std::vector<std::optional<QList<BackendCamera>>> pages;
        int parsedPages = 0;
        qint64 parsedCameras = 0;
        qint64 total = 0;
        bool fetchDone = false;
        bool stop = false;
        Walk result = Walk::Complete;
        int errorPage = std::numeric_limits<int>::max();
        Error error;
        void fail(int page, Walk w, Error e) // under the mutex
        {
            if (page < errorPage) {
                errorPage = page;
                result = w;
                error = std::move(e);
            }
            stop = true;
        }
    } shared;
    const int count = last - from + 1;
    shared.pages.resize(size_t(std::max(0, count)));
    shared.parsedCameras = cameras->size();

    std::thread fetcher([&] {
        for (int page = from; page <= last; ++page) {
            {
                std::unique_lock lock(shared.mutex);
                shared.cv.wait(lock, [&] { return shared.stop || shared.bodies.size() < kQueued; });
                if (shared.stop)
                    break;
            }
            const QString what = Msg::tr("the camera list (page %1)").arg(page);
            auto r = get(QStringLiteral("/cameras"),
                         {{QStringLiteral("page"), QString::number(page)},
                          {QStringLiteral("pageSize"), QString::number(m_pageSize)}},
                         {}, what);
            std::lock_guard lock(shared.mutex);
            if (!r.ok())
                shared.fail(page, Walk::Failed, r.error);
            else if (r.value.status != 200 || r.value.etag != etag)
                shared.fail(page, Walk::Changed, {}); // the list changed while we read it
            else
                shared.bodies.emplace_back(page, std::move(r.value.body));
            shared.cv.notify_all();
            if (shared.stop)
                break;
        }
        std::lock_guard lock(shared.mutex);
        shared.fetchDone = true;
        shared.cv.notify_all();
    });

    const int parsers = std::clamp(int(std::thread::hardware_concurrency()), 1, 4);
    std::vector<std::thread> workers;
    for (int i = 0; i < parsers; ++i)
        workers.emplace_back([&] {
            for (;;) {
                std::pair<int, QByteArray> job;
                {
                    std::unique_lock lock(shared.mutex);
                    shared.cv.wait(lock,
                                   [&] { return shared.stop || !shared.bodies.empty() || shared.fetchDone; });
                    if (shared.stop || shared.bodies.empty())
                        return;
                    job = std::move(shared.bodies.front());
                    shared.bodies.pop_front();
                    shared.cv.notify_all(); // room for the fetcher
                }
                auto parsed = parseCameraPage(job.second);
                std::lock_guard lock(shared.mutex);
                if (!parsed.ok()) {
                    shared.fail(job.first, Walk::Failed,
                                unreadable(std::move(parsed), host(),
                                           Msg::tr("the camera list (page %1)").arg(job.first))
                                    .error);
                } else if ((job.first == last) != (parsed.value.nextPage == 0)) {
                    shared.fail(job.first, Walk::Changed, {}); // more or fewer pages than page 1 announced
                } else {
                    shared.parsedCameras += parsed.value.items.size();
                    shared.total = parsed.value.total;
                    shared.pages[size_t(job.first - from)] = std::move(parsed.value.items);
                    ++shared.parsedPages;
                }
                shared.cv.notify_all();
            }
        });

    // This thread reports progress as pages are parsed, and cancels when asked to.
    {
        std::unique_lock lock(shared.mutex);
        qint64 reported = shared.parsedCameras;
        for (;;) {
            shared.cv.wait(lock, [&] {
                return shared.stop || shared.parsedPages == count || shared.parsedCameras != reported;
            });
            if (shared.stop || shared.parsedPages == count)
                break;
            reported = shared.parsedCameras;
            const qint64 total = shared.total;
            lock.unlock();
            const bool goOn = !progress || progress(reported, total);
            lock.lock();
            if (!goOn) {
                shared.fail(-1, Walk::Failed,
                            makeError(ErrorCode::Cancelled, Msg::tr("Loading the cameras was cancelled.")));
                shared.cv.notify_all();
                break;
            }
        }
    }
    fetcher.join();
    for (std::thread &w : workers)
        w.join();
    if (shared.result != Walk::Complete) {
        *error = shared.error;
        return shared.result;
    }
    for (auto &page : shared.pages)
        *cameras += std::move(*page);
    if (progress)
        progress(cameras->size(), shared.total);
    return Walk::Complete;
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

namespace {
QList<std::pair<QString, QString>> rangeQuery(const QDateTime &from, const QDateTime &to)
{
    return {{QStringLiteral("from"), from.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("to"), to.toUTC().toString(Qt::ISODateWithMs)}};
}
QString cameraPath(const QString &cameraId, const char *sub)
{
    return QStringLiteral("/cameras/%1/%2")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(cameraId)), QLatin1String(sub));
}
} // namespace

Result<QList<RecordingSegment>> OursClient::recordings(const QString &cameraId, const QDateTime &from,
                                                       const QDateTime &to)
{
    const QString what = Msg::tr("the recordings of camera %1").arg(cameraId);
    const auto r = get(cameraPath(cameraId, "recordings"), rangeQuery(from, to), {}, what);
    if (!r.ok())
        return Result<QList<RecordingSegment>>::fail(r.error);
    auto segments = parseRecordings(r.value.body);
    return segments.ok() ? segments : unreadable(std::move(segments), host(), what);
}

Result<LiveUrl> OursClient::playbackUrl(const QString &cameraId, const QDateTime &from, const QDateTime &to)
{
    const QString what = Msg::tr("a playback URL for camera %1").arg(cameraId);
    const auto r = get(cameraPath(cameraId, "playback"), rangeQuery(from, to), {}, what);
    if (!r.ok())
        return Result<LiveUrl>::fail(r.error);
    auto url = parseLiveUrl(r.value.body);
    return url.ok() ? url : unreadable(std::move(url), host(), what);
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
