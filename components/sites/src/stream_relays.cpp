#include "vigil/sites/stream_relays.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(vigilSites)

namespace vigil::sites {

namespace {
QString hostPort(const QUrl &url)
{
    return url.host() + QLatin1Char(':') +
           QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}
} // namespace

StreamRelays::StreamRelays(cameras::CameraDirectory *directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
{}

StreamRelays::~StreamRelays() = default;

void StreamRelays::setRelay(const QString &origin, std::optional<backend::RelayConnection> relay)
{
    const auto it = m_origins.find(origin);
    if (!relay) {
        if (it == m_origins.end())
            return;
        m_origins.erase(it);
    } else {
        const bool same = it != m_origins.end() && it->relay.kind == relay->kind &&
                          it->relay.apiUrl == relay->apiUrl && it->relay.user == relay->user &&
                          it->relay.secret == relay->secret && it->relay.rtspPort == relay->rtspPort &&
                          it->relay.app == relay->app &&
                          it->relay.trustedCertSha256 == relay->trustedCertSha256;
        if (same)
            return;
        Origin o;
        o.relay = std::move(*relay);
        o.generation = ++m_generation;
        m_origins.insert(origin, std::move(o));
    }
    emit relayChanged(QString());
}

std::optional<backend::RelayConnection> StreamRelays::relay(const QString &origin) const
{
    const auto it = m_origins.constFind(origin);
    if (it == m_origins.cend())
        return std::nullopt;
    return it->relay;
}

StreamRelays::Answer StreamRelays::resolve(const QString &cameraId, const cameras::ResolvedStream &direct)
{
    if (m_origins.isEmpty() || !m_directory)
        return {};
    const auto camera = m_directory->camera(cameraId);
    if (!camera)
        return {};
    const auto it = m_origins.find(camera->origin);
    if (it == m_origins.end())
        return {};
    Origin &origin = *it;
    const QString key =
        cameraId + QLatin1Char('\n') + direct.role + QLatin1Char('\n') + direct.url.toString();
    auto entry = origin.entries.find(key);
    if (entry != origin.entries.end()) {
        const bool retry = entry->state == State::Refused && entry->since.isValid() &&
                           entry->since.elapsed() >= m_retryAfterMs;
        if (!retry)
            return {entry->state, entry->url, entry->error};
    } else {
        entry = origin.entries.insert(key, Entry{});
    }
    const bool wasRefused = entry->state == State::Refused;
    if (!wasRefused)
        entry->state = State::Pending;
    entry->since.invalidate(); // asked again: a refusal stands until this answer

    // The relay pulls the camera with its credentials (they never leave this request).
    const QUrl source = core::withCredentials(direct.url, direct.user, direct.password);
    const QString name = backend::relayStreamName(cameraId, direct.role);
    const backend::RelayConnection relay = origin.relay;
    const quint64 generation = origin.generation;
    const QString originId = camera->origin;
    const QString shownUrl = core::redactUrl(direct.url.toString());
    ++m_started;
    qCInfo(vigilSites).noquote() << "asking relay" << backend::displayName(relay.kind) << "at"
                                 << hostPort(relay.apiUrl) << "to pull" << cameraId << direct.role << "("
                                 << shownUrl << ") as" << name;
    QPointer<StreamRelays> self(this);
    core::WorkerThreads::start(QStringLiteral("relay-pull"), [self, relay, name, source, key, generation,
                                                              originId, cameraId, shownUrl] {
        const auto client = backend::makeRelayClient(relay);
        const backend::Result<backend::RelayedStream> r = client->pull(name, source);
        core::postToApp([self, r, key, generation, originId, cameraId, relay, shownUrl] {
            if (!self)
                return;
            const auto o = self->m_origins.find(originId);
            if (o == self->m_origins.end() || o->generation != generation)
                return; // the relay changed meanwhile: this answer is for the old one
            Entry &e = o->entries[key];
            if (r.ok()) {
                e.state = State::Relayed;
                e.url = r.value.playUrl;
                e.error.clear();
                qCInfo(vigilSites).noquote()
                    << "relay" << backend::displayName(relay.kind) << "at" << hostPort(relay.apiUrl)
                    << (r.value.already ? "already pulls" : "now pulls") << cameraId << "; playing"
                    << core::redactUrl(e.url.toString());
            } else {
                e.state = State::Refused;
                e.url.clear();
                e.error =
                    tr("The relay could not take this camera, so it plays directly: %1").arg(r.error.message);
                e.since.start();
                qCWarning(vigilSites).noquote() << "relay refused" << cameraId << "(" << shownUrl
                                                << "):" << r.error.message << "- playing it directly";
            }
            emit self->relayChanged(cameraId);
        });
    });
    return {entry->state, entry->url, entry->error};
}

} // namespace vigil::sites
