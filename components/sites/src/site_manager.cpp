#include "vigil/sites/site_manager.h"

#include "vigil/alarms/alarm_center.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/atomic_file.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"
#include "vigil/map/units_model.h"
#include "vigil/network/http_client.h"
#include "vigil/sites/site_cameras.h"
#include "vigil/sites/site_push.h"
#include "vigil/sites/stream_relays.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtQml/QJSEngine>

#include <algorithm>
#include <mutex>
#include <utility>

Q_LOGGING_CATEGORY(vigilSites, "vigil.sites", QtInfoMsg)

namespace vigil::sites {

namespace {

constexpr int kVersion = 1;
constexpr int kFailedRetryFactor = 6; // "answered, but not usefully": no hurry (30 s by default)

QString validateSitesJson(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return error.errorString();
    if (!doc.isObject())
        return QStringLiteral("not a JSON object");
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("version")).toInt() != kVersion)
        return QStringLiteral("unknown version");
    if (!o.value(QLatin1String("sites")).isArray())
        return QStringLiteral("no \"sites\" array");
    return {};
}

// A relay entry; one that cannot be used is dropped (said so in the log): the cameras then play directly.
RelaySettings relayFromJson(const QJsonValue &value, const QString &owner)
{
    RelaySettings r;
    if (!value.isObject())
        return r;
    const QJsonObject o = value.toObject();
    const auto kind = backend::relayKindFromString(o.value(QLatin1String("kind")).toString());
    QUrl url(o.value(QLatin1String("url")).toString(), QUrl::StrictMode);
    const int port = o.value(QLatin1String("rtspPort")).toInt(0);
    if (!kind || !url.isValid() || url.host().isEmpty() || port < 0 || port > 65535) {
        qCWarning(vigilSites) << "sites.json: ignored the relay of" << owner << "(no usable kind or URL)";
        return r;
    }
    url.setUserInfo({});
    r.kind = kind;
    r.url = url;
    r.user = o.value(QLatin1String("user")).toString();
    r.rtspPort = port;
    return r;
}

QJsonObject relayToJson(const RelaySettings &r)
{
    return QJsonObject{
        {QStringLiteral("kind"), backend::toString(*r.kind)},
        {QStringLiteral("url"), r.url.toString()},
        {QStringLiteral("user"), r.user},
        {QStringLiteral("rtspPort"), r.rtspPort},
    };
}

// Sites in the file that cannot be used are skipped (and said so in the log); the rest load.
QList<SiteConfig> parseSites(const QByteArray &data)
{
    QList<SiteConfig> out;
    const QJsonArray sites = QJsonDocument::fromJson(data).object().value(QLatin1String("sites")).toArray();
    for (const QJsonValue &v : sites) {
        const QJsonObject o = v.toObject();
        SiteConfig c;
        c.id = o.value(QLatin1String("id")).toString();
        c.name = o.value(QLatin1String("name")).toString();
        const auto kind = backend::platformKindFromString(o.value(QLatin1String("kind")).toString());
        c.url = QUrl(o.value(QLatin1String("url")).toString(), QUrl::StrictMode);
        c.user = o.value(QLatin1String("user")).toString();
        c.enabled = o.value(QLatin1String("enabled")).toBool(true);
        c.trustedCertSha256 =
            network::normalizeFingerprint(o.value(QLatin1String("trustedCertSha256")).toString());
        c.relay = relayFromJson(o.value(QLatin1String("relay")), c.id);
        const bool duplicate =
            std::any_of(out.cbegin(), out.cend(), [&](const SiteConfig &s) { return s.id == c.id; });
        if (c.id.isEmpty() || c.id.contains(QLatin1Char(':')) || duplicate || !kind || !c.url.isValid() ||
            c.url.host().isEmpty()) {
            qCWarning(vigilSites) << "sites.json: skipped an entry without a usable id, kind or URL:" << c.id;
            continue;
        }
        c.kind = *kind;
        c.url.setUserInfo({});
        if (c.name.isEmpty())
            c.name = c.url.host();
        out.append(c);
    }
    return out;
}

QByteArray sitesJson(const QList<SiteConfig> &sites, const RelaySettings &direct)
{
    QJsonArray array;
    for (const SiteConfig &c : sites) {
        QJsonObject o{
            {QStringLiteral("id"), c.id},
            {QStringLiteral("name"), c.name},
            {QStringLiteral("kind"), backend::toString(c.kind)},
            {QStringLiteral("url"), c.url.toString()},
            {QStringLiteral("user"), c.user},
            {QStringLiteral("enabled"), c.enabled},
        };
        if (!c.trustedCertSha256.isEmpty())
            o.insert(QStringLiteral("trustedCertSha256"), c.trustedCertSha256);
        if (c.relay.isSet())
            o.insert(QStringLiteral("relay"), relayToJson(c.relay));
        array.append(o);
    }
    QJsonObject root{{QStringLiteral("version"), kVersion}, {QStringLiteral("sites"), array}};
    if (direct.isSet())
        root.insert(QStringLiteral("directRelay"), relayToJson(direct));
    return QJsonDocument(root).toJson();
}

QString stateName(SiteManager::State s)
{
    switch (s) {
    case SiteManager::State::Disabled:
        return QStringLiteral("disabled");
    case SiteManager::State::Connecting:
        return QStringLiteral("connecting");
    case SiteManager::State::Online:
        return QStringLiteral("online");
    case SiteManager::State::AuthFailed:
        return QStringLiteral("auth-failed");
    case SiteManager::State::Unreachable:
        return QStringLiteral("unreachable");
    case SiteManager::State::CertificateNotTrusted:
        return QStringLiteral("certificate-not-trusted");
    case SiteManager::State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

SiteManager::State stateFor(backend::ErrorCode code)
{
    switch (code) {
    case backend::ErrorCode::WrongCredentials:
    case backend::ErrorCode::TokenExpired:
        return SiteManager::State::AuthFailed;
    case backend::ErrorCode::Unreachable:
    case backend::ErrorCode::Timeout:
        return SiteManager::State::Unreachable;
    case backend::ErrorCode::Tls:
        return SiteManager::State::CertificateNotTrusted;
    default:
        return SiteManager::State::Failed;
    }
}

QString hostPort(const QUrl &url)
{
    return url.host() + QLatin1Char(':') +
           QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

} // namespace

// The on-demand calls of one site (live URLs, recordings): one client, one call at a time.
struct SiteManager::Lane
{
    std::mutex mutex;
    std::unique_ptr<backend::PlatformClient> client;
};

struct SiteManager::Site
{
    SiteConfig config;
    State state = State::Connecting;
    QString statusText;
    QString presentedCert; // CertificateNotTrusted: the refused certificate's SHA-256
    int cameraCount = 0;
    bool busy = false;
    bool again = false; // asked to read again while a read was under way
    double progress = -1;
    int retryDelayMs = 0;
    quint64 generation = 0;
    std::shared_ptr<backend::PlatformClient> client; // kept between reads (its ETag makes re-reads cheap)
    std::shared_ptr<std::atomic_bool> cancel;
    QTimer timer;                   // the next retry or periodic re-read
    std::shared_ptr<Lane> lane;     // made on the first on-demand call; replaced when the site is edited
    QSet<QString> streamsAsked;     // cameras whose live URL is being asked for
    std::unique_ptr<SitePush> push; // "ours" sites once online: live units and alarms
    bool noPushLogged = false;      // other kinds: "gives no push" said once in the log
};

SiteManager *SiteManager::s_instance = nullptr;

SiteManager::SiteManager(cameras::CameraDirectory *directory, QObject *parent)
    : QAbstractListModel(parent)
    , m_directory(directory)
    , m_relays(new StreamRelays(directory, this))
    , m_path(QDir(core::configDir()).filePath(QStringLiteral("sites.json")))
{
    if (directory)
        connect(directory, &cameras::CameraDirectory::streamsRequested, this, &SiteManager::fetchStreams);
}

SiteManager::~SiteManager()
{
    for (const auto &s : m_sites) {
        if (s->cancel)
            *s->cancel = true;
        s->push.reset(); // its units leave the map while the map is still there
    }
    if (s_instance == this)
        s_instance = nullptr;
}

SiteManager *SiteManager::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance) {
        qCCritical(vigilSites) << "SiteManager::create() before SiteManager::setInstance()";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void SiteManager::setInstance(SiteManager *instance)
{
    s_instance = instance;
}

SiteManager *SiteManager::instance()
{
    return s_instance;
}

int SiteManager::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sites.size());
}

QVariant SiteManager::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= int(m_sites.size()))
        return {};
    const Site &s = *m_sites.at(size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return s.config.name;
    case IdRole:
        return s.config.id;
    case KindRole:
        return backend::toString(s.config.kind);
    case KindNameRole:
        return backend::displayName(s.config.kind);
    case UrlRole:
        return s.config.url.toString();
    case UserRole:
        return s.config.user;
    case EnabledRole:
        return s.config.enabled;
    case StateRole:
        return int(s.state);
    case StateNameRole:
        return stateName(s.state);
    case StatusTextRole:
        return s.statusText;
    case CameraCountRole:
        return s.cameraCount;
    case BusyRole:
        return s.busy;
    case ProgressRole:
        return s.progress;
    case PresentedCertRole: // the sites' read's refusal first, else the push's
        return !s.presentedCert.isEmpty() || !s.push ? s.presentedCert : s.push->presentedCertSha256();
    case PresentedCertTextRole:
        return network::formatFingerprint(
            !s.presentedCert.isEmpty() || !s.push ? s.presentedCert : s.push->presentedCertSha256());
    case TrustedCertTextRole:
        return network::formatFingerprint(s.config.trustedCertSha256);
    case PushStateRole:
        return pushState(s.config.id);
    case PushTextRole:
        return pushText(s);
    case UnitCountRole:
        return s.push ? s.push->unitCount() : 0;
    case RelayKindRole:
        return s.config.relay.isSet() ? backend::toString(*s.config.relay.kind) : QString();
    case RelayUrlRole:
        return s.config.relay.url.toString();
    case RelayUserRole:
        return s.config.relay.user;
    case RelayRtspPortRole:
        return s.config.relay.rtspPort;
    default:
        return {};
    }
}

QHash<int, QByteArray> SiteManager::roleNames() const
{
    return {
        {IdRole, "siteId"},
        {NameRole, "name"},
        {KindRole, "kind"},
        {KindNameRole, "kindName"},
        {UrlRole, "url"},
        {UserRole, "user"},
        {EnabledRole, "enabled"},
        {StateRole, "state"},
        {StateNameRole, "stateName"},
        {StatusTextRole, "statusText"},
        {CameraCountRole, "cameraCount"},
        {BusyRole, "busy"},
        {ProgressRole, "progress"},
        {PresentedCertRole, "presentedCertSha256"},
        {PresentedCertTextRole, "presentedCertText"},
        {TrustedCertTextRole, "trustedCertText"},
        {PushStateRole, "pushState"},
        {PushTextRole, "pushText"},
        {UnitCountRole, "unitCount"},
        {RelayKindRole, "relayKind"},
        {RelayUrlRole, "relayUrl"},
        {RelayUserRole, "relayUser"},
        {RelayRtspPortRole, "relayRtspPort"},
    };
}

QVariantList SiteManager::kinds() const
{
    QVariantList out;
    for (backend::PlatformKind k : {backend::PlatformKind::Ours, backend::PlatformKind::ZlMediaKit,
                                    backend::PlatformKind::Wvp, backend::PlatformKind::Artemis}) {
        out.append(QVariantMap{{QStringLiteral("kind"), backend::toString(k)},
                               {QStringLiteral("name"), backend::displayName(k)}});
    }
    return out;
}

QVariantList SiteManager::relayKinds() const
{
    QVariantList out{QVariantMap{{QStringLiteral("kind"), QString()}, {QStringLiteral("name"), tr("None")}}};
    for (backend::RelayKind k : {backend::RelayKind::ZlMediaKit, backend::RelayKind::MediaMtx}) {
        out.append(QVariantMap{{QStringLiteral("kind"), backend::toString(k)},
                               {QStringLiteral("name"), backend::displayName(k)}});
    }
    return out;
}

QVariantMap SiteManager::directRelay() const
{
    return QVariantMap{
        {QStringLiteral("kind"), m_directRelay.isSet() ? backend::toString(*m_directRelay.kind) : QString()},
        {QStringLiteral("url"), m_directRelay.url.toString()},
        {QStringLiteral("user"), m_directRelay.user},
        {QStringLiteral("rtspPort"), m_directRelay.rtspPort},
    };
}

std::optional<backend::RelayConnection> SiteManager::relayConnection(const RelaySettings &relay,
                                                                     const QString &credentialRef) const
{
    if (!relay.isSet())
        return std::nullopt;
    backend::RelayConnection c;
    c.kind = *relay.kind;
    c.apiUrl = relay.url;
    c.user = relay.user;
    c.secret = m_directory ? m_directory->secret(credentialRef).value_or(QString()) : QString();
    c.rtspPort = relay.rtspPort;
    return c;
}

void SiteManager::applyRelays()
{
    if (!m_directory || m_directory->credentialsPending())
        return; // start() applies them once the secrets are read
    for (const auto &s : m_sites) {
        m_relays->setRelay(s->config.origin(),
                           relayConnection(s->config.relay, s->config.relayCredentialRef()));
    }
    m_relays->setRelay(cameras::kConfigOrigin.toString(),
                       relayConnection(m_directRelay, QStringLiteral("relay:direct")));
}

bool SiteManager::load()
{
    const core::LoadedFile loaded = core::readFileWithBackup(m_path, &validateSitesJson);
    QString problem;
    if (!loaded.error.isEmpty()) {
        problem =
            loaded.fromBackup
                ? tr("The site list %1 was damaged (%2). Vigil loaded the previous copy from its backup; "
                     "the damaged file was kept as %3. Check the sites and add any missing one again.")
                      .arg(m_path, loaded.error, loaded.keptAs)
                : tr("The site list %1 was damaged (%2) and no backup was usable; it was kept as %3. "
                     "Add the sites again.")
                      .arg(m_path, loaded.error, loaded.keptAs);
        qCWarning(vigilSites).noquote() << problem;
    }
    if (m_loadError != problem) {
        m_loadError = problem;
        emit loadErrorChanged();
    }
    const QList<SiteConfig> configs = loaded.exists ? parseSites(loaded.data) : QList<SiteConfig>{};
    const RelaySettings direct =
        loaded.exists
            ? relayFromJson(QJsonDocument::fromJson(loaded.data).object().value(QLatin1String("directRelay")),
                            QStringLiteral("the cameras added directly"))
            : RelaySettings{};
    if (!(direct == m_directRelay)) {
        m_directRelay = direct;
        emit directRelayChanged();
    }

    beginResetModel(); // load() runs once at start-up, before any view
    for (const auto &s : m_sites) {
        if (s->cancel)
            *s->cancel = true;
        s->push.reset();
        if (m_directory)
            m_directory->setOriginCameras(s->config.origin(), {});
        m_relays->setRelay(s->config.origin(), std::nullopt);
    }
    m_sites.clear();
    for (const SiteConfig &c : configs) {
        auto site = std::make_unique<Site>();
        site->config = c;
        site->state = c.enabled ? State::Connecting : State::Disabled;
        site->statusText = c.enabled ? tr("Waiting to connect…") : tr("Off.");
        site->timer.setSingleShot(true);
        const QString id = c.id;
        connect(&site->timer, &QTimer::timeout, this, [this, id] {
            if (Site *s = find(id))
                sync(*s);
        });
        m_sites.push_back(std::move(site));
    }
    endResetModel();
    emit countChanged();
    applyRelays();
    if (m_started)
        start();
    return problem.isEmpty();
}

void SiteManager::start()
{
    m_started = true;
    if (m_directory && m_directory->credentialsPending()) {
        // The passwords are still being read from the keyring: connect once they are there.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once =
            connect(m_directory, &cameras::CameraDirectory::credentialsPendingChanged, this, [this, once] {
                if (m_directory && m_directory->credentialsPending())
                    return;
                disconnect(*once);
                start();
            });
        return;
    }
    applyRelays();
    for (const auto &s : m_sites) {
        if (s->config.enabled && !s->busy && s->state != State::Online)
            sync(*s);
    }
}

QList<SiteConfig> SiteManager::sites() const
{
    QList<SiteConfig> out;
    for (const auto &s : m_sites)
        out.append(s->config);
    return out;
}

SiteManager::State SiteManager::state(const QString &id) const
{
    const Site *s = find(id);
    return s ? s->state : State::Disabled;
}

QString SiteManager::statusText(const QString &id) const
{
    const Site *s = find(id);
    return s ? s->statusText : QString();
}

QString SiteManager::presentedCertificate(const QString &id) const
{
    const Site *s = find(id);
    return s ? s->presentedCert : QString();
}

std::pair<QString, QString> SiteManager::splitCameraId(const QString &cameraId)
{
    const qsizetype colon = cameraId.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return {};
    return {cameraId.left(colon), cameraId.mid(colon + 1)};
}

bool SiteManager::isSiteCamera(const QString &cameraId) const
{
    const auto [siteId, platformId] = splitCameraId(cameraId);
    return !platformId.isEmpty() && find(siteId) != nullptr;
}

void SiteManager::onLane(Site &site, std::function<void(backend::PlatformClient &)> call)
{
    if (!site.lane) {
        site.lane = std::make_shared<Lane>();
        backend::SiteConnection connection;
        connection.baseUrl = site.config.url;
        connection.user = site.config.user;
        connection.password =
            m_directory ? m_directory->secret(site.config.credentialRef()).value_or(QString()) : QString();
        connection.trustedCertSha256 = site.config.trustedCertSha256;
        site.lane->client = backend::makePlatformClient(site.config.kind, connection);
    }
    core::WorkerThreads::start(QStringLiteral("site-call"), [lane = site.lane, call = std::move(call)] {
        const std::lock_guard lock(lane->mutex);
        if (lane->client)
            call(*lane->client);
    });
}

void SiteManager::fetchStreams(const QString &cameraId)
{
    const auto [siteId, platformId] = splitCameraId(cameraId);
    Site *site = platformId.isEmpty() ? nullptr : find(siteId);
    if (!site || !site->config.enabled || site->streamsAsked.contains(cameraId))
        return;
    site->streamsAsked.insert(cameraId);
    QPointer<SiteManager> self(this);
    const QString where = site->config.name;
    onLane(*site, [self, siteId, cameraId, platformId, where](backend::PlatformClient &client) {
        const backend::Result<backend::LiveUrl> main = client.liveUrl(platformId, false);
        const backend::Result<backend::LiveUrl> sub =
            main.ok() ? client.liveUrl(platformId, true) : backend::Result<backend::LiveUrl>{};
        core::postToApp([self, siteId, cameraId, where, main, sub] {
            if (!self)
                return;
            if (Site *s = self->find(siteId))
                s->streamsAsked.remove(cameraId);
            if (!main.ok()) {
                qCWarning(vigilSites).noquote()
                    << "site" << where << "gave no live URL for" << cameraId << ":" << main.error.message;
                return;
            }
            QList<cameras::StreamInfo> streams{{cameras::kMainRole.toString(), main.value.url, {}, 0, {}}};
            if (sub.ok() && sub.value.url.isValid() && sub.value.url != main.value.url)
                streams.append({cameras::kSubRole.toString(), sub.value.url, {}, 0, {}});
            if (self->m_directory)
                self->m_directory->setStreams(cameraId, streams);
        });
    });
}

void SiteManager::recordings(const QString &cameraId, const QDateTime &from, const QDateTime &to,
                             RecordingsDone done)
{
    const auto [siteId, platformId] = splitCameraId(cameraId);
    Site *site = platformId.isEmpty() ? nullptr : find(siteId);
    if (!site) {
        done({}, tr("This camera's platform is no longer configured."));
        return;
    }
    QPointer<SiteManager> self(this);
    onLane(*site, [self, platformId, from, to, done = std::move(done)](backend::PlatformClient &client) {
        backend::Result<QList<backend::RecordingSegment>> found = client.recordings(platformId, from, to);
        QString error = found.ok() ? QString() : found.error.message;
        QList<backend::RecordingSegment> segments = found.value;
        for (backend::RecordingSegment &seg :
             segments) { // a URL for every segment the platform did not give one
            if (!seg.url.isEmpty() || !error.isEmpty())
                continue;
            const backend::Result<backend::LiveUrl> url = client.playbackUrl(platformId, seg.start, seg.end);
            if (url.ok())
                seg.url = url.value.url;
            else
                error = url.error.message;
        }
        core::postToApp([self, done, segments, error] {
            if (self)
                done(segments, error);
        });
    });
}

void SiteManager::setRetryDelays(int firstMs, int maxMs)
{
    m_retryFirstMs = std::max(1, firstMs);
    m_retryMaxMs = std::max(m_retryFirstMs, maxMs);
}

void SiteManager::setRefreshIntervalMs(int ms)
{
    m_refreshMs = std::max(1000, ms);
}

int SiteManager::rowOf(const QString &id) const
{
    for (size_t i = 0; i < m_sites.size(); ++i) {
        if (m_sites[i]->config.id == id)
            return int(i);
    }
    return -1;
}

SiteManager::Site *SiteManager::find(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : m_sites[size_t(row)].get();
}

void SiteManager::rowChanged(const Site &site)
{
    const int row = rowOf(site.config.id);
    if (row >= 0)
        emit dataChanged(index(row), index(row));
}

void SiteManager::setState(Site &site, State state, const QString &text)
{
    site.state = state;
    site.statusText = text;
    rowChanged(site);
}

void SiteManager::sync(Site &site)
{
    site.timer.stop();
    if (!site.config.enabled || !m_directory)
        return;
    if (site.busy) {
        site.again = true;
        return;
    }
    if (!site.client) {
        backend::SiteConnection connection;
        connection.baseUrl = site.config.url;
        connection.user = site.config.user;
        connection.password = m_directory->secret(site.config.credentialRef()).value_or(QString());
        connection.trustedCertSha256 = site.config.trustedCertSha256;
        site.client = backend::makePlatformClient(site.config.kind, connection);
        if (!site.client) {
            setState(site, State::Failed,
                     tr("This version of Vigil cannot read %1 platforms yet. Choose another kind of "
                        "platform for this site.")
                         .arg(backend::displayName(site.config.kind)));
            return;
        }
    }
    site.busy = true;
    site.again = false;
    site.progress = -1;
    site.generation = ++m_generation;
    site.cancel = std::make_shared<std::atomic_bool>(false);
    // A refused certificate keeps its row (fingerprint, Trust button) while it is checked again.
    if (site.state != State::Online && site.state != State::CertificateNotTrusted)
        setState(site, State::Connecting, tr("Connecting to %1…").arg(hostPort(site.config.url)));
    else
        rowChanged(site);

    SiteCameraOptions options;
    options.idPrefix = site.config.id + QLatin1Char(':');
    options.origin = site.config.origin();
    options.chinese = m_chinese;
    const QString id = site.config.id;
    const QString siteName = site.config.name;
    const quint64 generation = site.generation;
    QPointer<SiteManager> self(this);
    core::WorkerThreads::start(QStringLiteral("site-sync"), [self, id, siteName, generation, options,
                                                             client = site.client, cancel = site.cancel] {
        QElapsedTimer sincePost;
        sincePost.start();
        const auto progress = [&](qint64 done, qint64 total) {
            if (*cancel)
                return false;
            if (sincePost.elapsed() >= 100) { // the row's bar, not a flood of events
                sincePost.restart();
                core::postToApp([self, id, generation, done, total] {
                    Site *s = self ? self->find(id) : nullptr;
                    if (!s || s->generation != generation || !s->busy)
                        return;
                    s->progress = total > 0 ? double(done) / double(total) : -1;
                    s->statusText = total > 0 ? tr("Reading cameras: %1 of %2…").arg(done).arg(total)
                                              : tr("Reading cameras: %1…").arg(done);
                    self->rowChanged(*s);
                });
            }
            return true;
        };
        backend::Result<backend::CameraList> result = client->cameras(progress);
        QList<cameras::Camera> cams;
        if (result.ok() && !result.value.notModified) {
            cams = camerasFromPlatform(result.value, options);
            for (cameras::Camera &c : cams) // one tree of several sites: each site's cameras under its name
                c.group = c.group.isEmpty() ? siteName : siteName + QStringLiteral(" / ") + c.group;
        }
        core::postToApp([self, id, generation, result = std::move(result), cams = std::move(cams)]() mutable {
            if (self)
                self->finishSync(id, generation, std::move(result), std::move(cams));
        });
    });
}

void SiteManager::finishSync(const QString &id, quint64 generation,
                             backend::Result<backend::CameraList> result, QList<cameras::Camera> cams)
{
    Site *site = find(id);
    if (!site || site->generation != generation)
        return; // removed or edited meanwhile
    site->busy = false;
    site->progress = -1;
    const QString where =
        site->config.name + QStringLiteral(" (") + hostPort(site->config.url) + QLatin1Char(')');
    State outcome = State::Online;
    if (result.ok()) {
        if (!result.value.notModified && m_directory) {
            m_directory->setOriginCameras(site->config.origin(), std::move(cams));
            site->cameraCount = m_directory->originCount(site->config.origin());
        }
        if (m_directory)
            m_directory->setOriginAvailable(site->config.origin(), true);
        site->retryDelayMs = 0;
        site->presentedCert.clear();
        qCInfo(vigilSites).noquote() << "site" << where << "online:" << site->cameraCount << "cameras,"
                                     << result.value.requests << "requests"
                                     << (result.value.notModified ? "(not modified)" : "");
        setState(*site, State::Online,
                 tr("Online: %n camera(s), read at %1.", "", site->cameraCount)
                     .arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
        if (!site->push)
            startPush(*site);
        if (site->again)
            sync(*site);
        else
            site->timer.start(m_refreshMs);
    } else if (result.error.code == backend::ErrorCode::Cancelled) {
        rowChanged(*site);
        return;
    } else {
        outcome = stateFor(result.error.code);
        site->presentedCert =
            outcome == State::CertificateNotTrusted ? result.error.presentedCertSha256 : QString();
        if (m_directory) // its last tree stays, greyed, until the platform is back
            m_directory->setOriginAvailable(site->config.origin(), false);
        qCWarning(vigilSites).noquote() << "site" << where << "failed:" << result.error.message;
        QString text = result.error.message;
        if (outcome == State::AuthFailed) {
            text +=
                QLatin1Char(' ') + tr("Vigil will not retry on its own: edit the site to correct the user "
                                      "name and password, or press Retry.");
            site->client.reset(); // the next read logs in afresh (with what the operator typed)
            setState(*site, outcome, text);
        } else {
            const int delay =
                outcome == State::Failed || outcome == State::CertificateNotTrusted // waits for the operator
                    ? m_retryMaxMs * kFailedRetryFactor
                    : (site->retryDelayMs == 0 ? m_retryFirstMs
                                               : std::min(site->retryDelayMs * 2, m_retryMaxMs));
            if (outcome == State::Unreachable)
                site->retryDelayMs = delay;
            if (site->cameraCount > 0)
                text += QLatin1Char(' ') +
                        tr("Its last camera list (%n camera(s)) stays in the list.", "", site->cameraCount);
            text += QLatin1Char(' ') + tr("Retrying in %1 s.").arg((delay + 999) / 1000);
            setState(*site, outcome, text);
            scheduleRetry(*site, delay);
        }
    }
    emit siteSynced(id, outcome == State::Online, outcome);
}

void SiteManager::scheduleRetry(Site &site, int delayMs)
{
    site.timer.start(delayMs);
}

bool SiteManager::validate(const QString &name, const QString &kind, const QString &url, SiteConfig *out)
{
    const auto k = backend::platformKindFromString(kind);
    if (!k) {
        setLastError(tr("Choose the kind of platform."));
        return false;
    }
    QUrl u(url.trimmed(), QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() ||
        (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))) {
        setLastError(tr("The address must look like http://host:port or https://host:port."));
        return false;
    }
    if (!u.userInfo().isEmpty()) {
        setLastError(tr("Type the user name and password in their own fields, not in the address."));
        return false;
    }
    out->kind = *k;
    out->url = u;
    out->name = name.trimmed().isEmpty() ? u.host() : name.trimmed();
    return true;
}

QString SiteManager::addSite(const QString &name, const QString &kind, const QString &url,
                             const QString &user, const QString &password)
{
    SiteConfig c;
    if (!validate(name, kind, url, &c))
        return {};
    c.id = newId();
    c.user = user.trimmed();
    QString error;
    if (!m_directory ||
        (!password.isEmpty() && !m_directory->setSecret(c.credentialRef(), password, &error))) {
        setLastError(tr("The site's password could not be stored: %1").arg(error));
        return {};
    }
    QList<SiteConfig> next = sites();
    next.append(c);
    if (!save(next, &error)) {
        m_directory->removeSecret(c.credentialRef());
        setLastError(tr("The site could not be saved to %1: %2").arg(m_path, error));
        return {};
    }
    auto site = std::make_unique<Site>();
    site->config = c;
    site->timer.setSingleShot(true);
    const QString id = c.id;
    connect(&site->timer, &QTimer::timeout, this, [this, id] {
        if (Site *s = find(id))
            sync(*s);
    });
    const int row = int(m_sites.size());
    beginInsertRows({}, row, row);
    m_sites.push_back(std::move(site));
    endInsertRows();
    emit countChanged();
    setLastError({});
    qCInfo(vigilSites).noquote() << "site added:" << c.name << backend::toString(c.kind) << hostPort(c.url);
    sync(*m_sites.back());
    return c.id;
}

bool SiteManager::updateSite(const QString &id, const QString &name, const QString &kind, const QString &url,
                             const QString &user, const QString &password)
{
    Site *site = find(id);
    if (!site) {
        setLastError(tr("This site is no longer in the list."));
        return false;
    }
    SiteConfig c = site->config;
    if (!validate(name, kind, url, &c))
        return false;
    c.user = user.trimmed();
    if (c.url != site->config.url) // another address: the certificate trusted for the old one is not its
        c.trustedCertSha256.clear();
    QList<SiteConfig> next = sites();
    next[rowOf(id)] = c;
    QString error;
    if (!save(next, &error)) {
        setLastError(tr("The site could not be saved to %1: %2").arg(m_path, error));
        return false;
    }
    if (!password.isEmpty() && !m_directory->setSecret(c.credentialRef(), password, &error)) {
        setLastError(tr("The site's password could not be stored: %1").arg(error));
        return false;
    }
    const bool moved = c.kind != site->config.kind || c.url != site->config.url;
    site->config = c;
    site->presentedCert.clear();
    if (site->cancel)
        *site->cancel = true;
    site->busy = false;
    site->generation = ++m_generation; // a read under way answers for the old settings: dropped
    site->client.reset();
    site->lane.reset();
    site->streamsAsked.clear();
    site->retryDelayMs = 0;
    stopPush(*site);            // another account or address: started again once the site is online
    if (moved && m_directory) { // another platform: its cameras are not these
        m_directory->setOriginCameras(c.origin(), {});
        site->cameraCount = 0;
    }
    site->state = State::Connecting;
    setLastError({});
    rowChanged(*site);
    sync(*site);
    return true;
}

bool SiteManager::removeSite(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0) {
        setLastError(tr("This site is no longer in the list."));
        return false;
    }
    QList<SiteConfig> next = sites();
    next.removeAt(row);
    QString error;
    if (!save(next, &error)) {
        setLastError(tr("The site could not be removed from %1: %2").arg(m_path, error));
        return false;
    }
    Site &site = *m_sites[size_t(row)];
    if (site.cancel)
        *site.cancel = true;
    stopPush(site);
    if (m_directory) {
        m_directory->setOriginCameras(site.config.origin(), {});
        m_directory->removeSecret(site.config.credentialRef());
        m_directory->removeSecret(site.config.relayCredentialRef());
    }
    m_relays->setRelay(site.config.origin(), std::nullopt);
    qCInfo(vigilSites).noquote() << "site removed:" << site.config.name;
    beginRemoveRows({}, row, row);
    m_sites.erase(m_sites.begin() + row);
    endRemoveRows();
    emit countChanged();
    setLastError({});
    return true;
}

bool SiteManager::setEnabled(const QString &id, bool enabled)
{
    Site *site = find(id);
    if (!site) {
        setLastError(tr("This site is no longer in the list."));
        return false;
    }
    if (site->config.enabled == enabled)
        return true;
    QList<SiteConfig> next = sites();
    next[rowOf(id)].enabled = enabled;
    QString error;
    if (!save(next, &error)) {
        setLastError(tr("The site could not be saved to %1: %2").arg(m_path, error));
        return false;
    }
    site->config.enabled = enabled;
    site->timer.stop();
    if (!enabled) {
        if (site->cancel)
            *site->cancel = true;
        site->busy = false;
        site->generation = ++m_generation;
        if (m_directory)
            m_directory->setOriginCameras(site->config.origin(), {});
        site->cameraCount = 0;
        stopPush(*site);
        setState(*site, State::Disabled, tr("Off."));
    } else {
        site->state = State::Connecting;
        sync(*site);
    }
    setLastError({});
    return true;
}

void SiteManager::refresh(const QString &id)
{
    if (Site *site = find(id)) {
        site->retryDelayMs = 0;
        sync(*site);
    }
}

bool SiteManager::trustCertificate(const QString &id, const QString &fingerprint)
{
    Site *site = find(id);
    if (!site) {
        setLastError(tr("This site is no longer in the list."));
        return false;
    }
    const QString pin = network::normalizeFingerprint(fingerprint);
    if (pin.isEmpty()) {
        setLastError(tr("\"%1\" is not a SHA-256 certificate fingerprint (64 hexadecimal digits).")
                         .arg(fingerprint.left(120)));
        return false;
    }
    QList<SiteConfig> next = sites();
    next[rowOf(id)].trustedCertSha256 = pin;
    QString error;
    if (!save(next, &error)) {
        setLastError(tr("The site could not be saved to %1: %2").arg(m_path, error));
        return false;
    }
    site->config.trustedCertSha256 = pin;
    qCInfo(vigilSites).noquote() << "site" << site->config.name << "(" + hostPort(site->config.url) + ")"
                                 << "now trusts the certificate with SHA-256"
                                 << network::formatFingerprint(pin);
    // Reconnect under the new policy: a read under way answers for the old one and is dropped.
    if (site->cancel)
        *site->cancel = true;
    site->busy = false;
    site->generation = ++m_generation;
    site->client.reset();
    site->lane.reset();
    site->streamsAsked.clear();
    site->retryDelayMs = 0;
    site->presentedCert.clear();
    stopPush(*site); // started again under the new policy once the site is online
    setLastError({});
    if (site->config.enabled) {
        site->state = State::Connecting;
        rowChanged(*site);
        sync(*site);
    } else {
        rowChanged(*site);
    }
    return true;
}

void SiteManager::setPushTargets(map::UnitsModel *units, alarms::AlarmCenter *alarms)
{
    m_pushUnits = units;
    m_pushAlarms = alarms;
    for (const auto &s : m_sites) { // sites already online
        if (s->state == State::Online && !s->push)
            startPush(*s);
    }
}

SitePush *SiteManager::push(const QString &id) const
{
    const Site *s = find(id);
    return s ? s->push.get() : nullptr;
}

QString SiteManager::pushState(const QString &id) const
{
    const Site *s = find(id);
    if (!s || s->config.kind != backend::PlatformKind::Ours)
        return QStringLiteral("none");
    if (!s->push)
        return QStringLiteral("off");
    switch (s->push->status()) {
    case backend::OursPush::Status::Idle:
        return QStringLiteral("off");
    case backend::OursPush::Status::Connecting:
        return QStringLiteral("connecting");
    case backend::OursPush::Status::Live:
        return QStringLiteral("live");
    case backend::OursPush::Status::Reconnecting:
        return QStringLiteral("reconnecting");
    case backend::OursPush::Status::Failed:
        return s->push->presentedCertSha256().isEmpty() ? QStringLiteral("failed")
                                                        : QStringLiteral("certificate-not-trusted");
    }
    return QStringLiteral("off");
}

QString SiteManager::pushText(const Site &site) const
{
    if (site.config.kind != backend::PlatformKind::Ours)
        return tr("%1 platforms give Vigil no live positions or alarms: only cameras and recordings.")
            .arg(backend::displayName(site.config.kind));
    if (!site.push) {
        if (!site.config.enabled || (!m_pushUnits && !m_pushAlarms))
            return {};
        return tr("Live positions and alarms: start once the site is online.");
    }
    switch (site.push->status()) {
    case backend::OursPush::Status::Idle:
        return tr("Live positions and alarms: off.");
    case backend::OursPush::Status::Connecting:
        return tr("Live positions and alarms: connecting…");
    case backend::OursPush::Status::Live:
        return tr("Live positions and alarms: connected, %n patrol unit(s) on the map.", "",
                  site.push->unitCount());
    case backend::OursPush::Status::Reconnecting:
        return tr("Live positions and alarms: reconnecting (%1)").arg(site.push->lastError());
    case backend::OursPush::Status::Failed:
        return site.push->lastError();
    }
    return {};
}

void SiteManager::startPush(Site &site)
{
    if (site.push || !site.config.enabled || !m_directory)
        return;
    if (site.config.kind != backend::PlatformKind::Ours) {
        if (std::exchange(site.noPushLogged, true))
            return;
        qCInfo(vigilSites).noquote() << "site" << site.config.name
                                     << "(" + backend::toString(site.config.kind) + ")"
                                     << "gives no push: no live patrol units or alarms from it";
        return;
    }
    if (!m_pushUnits && !m_pushAlarms)
        return;
    SitePushOptions o;
    o.connection.baseUrl = site.config.url;
    o.connection.user = site.config.user;
    o.connection.password = m_directory->secret(site.config.credentialRef()).value_or(QString());
    o.connection.trustedCertSha256 = site.config.trustedCertSha256;
    o.unitIdPrefix = site.config.id + QLatin1Char(':');
    o.alarmSource = QStringLiteral("platform:") + site.config.id;
    o.cameraIdPrefix = site.config.id + QLatin1Char(':');
    o.chinese = m_chinese;
    o.socket = m_pushSocket;
    site.push = std::make_unique<SitePush>(o, m_pushUnits, m_pushAlarms);
    const QString id = site.config.id;
    const auto changed = [this, id] {
        if (Site *s = find(id)) {
            rowChanged(*s);
            emit pushChanged(id);
        }
    };
    connect(site.push.get(), &SitePush::statusChanged, this, changed);
    connect(site.push.get(), &SitePush::unitCountChanged, this, changed);
    qCInfo(vigilSites).noquote() << "site" << site.config.name << "(" + hostPort(site.config.url) + ")"
                                 << "push starting (live patrol units and alarms)";
    site.push->start();
    changed();
}

void SiteManager::stopPush(Site &site)
{
    if (!site.push)
        return;
    qCInfo(vigilSites).noquote() << "site" << site.config.name << "push stopped;" << site.push->unitCount()
                                 << "patrol unit(s) off the map";
    site.push.reset();
    rowChanged(site);
    emit pushChanged(site.config.id);
}

bool SiteManager::save(const QList<SiteConfig> &sites, QString *error)
{
    return save(sites, m_directRelay, error);
}

bool SiteManager::save(const QList<SiteConfig> &sites, const RelaySettings &direct, QString *error)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    return core::writeFileAtomically(m_path, sitesJson(sites, direct), error);
}

bool SiteManager::validateRelay(const QString &kind, const QString &url, int rtspPort, RelaySettings *out)
{
    *out = {};
    if (kind.trimmed().isEmpty())
        return true; // no relay
    const auto k = backend::relayKindFromString(kind.trimmed());
    if (!k) {
        setLastError(tr("Choose the kind of relay (ZLMediaKit or MediaMTX), or None."));
        return false;
    }
    QUrl u(url.trimmed(), QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() ||
        (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))) {
        setLastError(tr("The relay's address must look like http://host:port (its HTTP API: ZLMediaKit's "
                        "http.port, MediaMTX's apiAddress, 9997 by default)."));
        return false;
    }
    if (!u.userInfo().isEmpty()) {
        setLastError(tr("Type the relay's user name and secret in their own fields, not in the address."));
        return false;
    }
    if (rtspPort < 0 || rtspPort > 65535) {
        setLastError(tr("The relay's RTSP port must be between 1 and 65535 (or empty for the default)."));
        return false;
    }
    out->kind = k;
    out->url = u;
    out->rtspPort = rtspPort;
    return true;
}

bool SiteManager::setSiteRelay(const QString &id, const QString &kind, const QString &url,
                               const QString &user, const QString &secret, int rtspPort)
{
    Site *site = find(id);
    if (!site) {
        setLastError(tr("This site is no longer in the list."));
        return false;
    }
    RelaySettings relay;
    if (!validateRelay(kind, url, rtspPort, &relay))
        return false;
    relay.user = relay.isSet() ? user.trimmed() : QString();
    QList<SiteConfig> next = sites();
    next[rowOf(id)].relay = relay;
    QString error;
    if (!save(next, &error)) {
        setLastError(tr("The site could not be saved to %1: %2").arg(m_path, error));
        return false;
    }
    if (m_directory) {
        if (!relay.isSet())
            m_directory->removeSecret(site->config.relayCredentialRef());
        else if (!secret.isEmpty() &&
                 !m_directory->setSecret(site->config.relayCredentialRef(), secret, &error)) {
            setLastError(tr("The relay's secret could not be stored: %1").arg(error));
            return false;
        }
    }
    site->config.relay = relay;
    qCInfo(vigilSites).noquote() << "site" << site->config.name
                                 << (relay.isSet()
                                         ? QStringLiteral("plays its cameras through %1 at %2")
                                               .arg(backend::displayName(*relay.kind), hostPort(relay.url))
                                         : QStringLiteral("plays its cameras directly"));
    applyRelays();
    rowChanged(*site);
    setLastError({});
    return true;
}

bool SiteManager::setDirectRelay(const QString &kind, const QString &url, const QString &user,
                                 const QString &secret, int rtspPort)
{
    RelaySettings relay;
    if (!validateRelay(kind, url, rtspPort, &relay))
        return false;
    relay.user = relay.isSet() ? user.trimmed() : QString();
    QString error;
    if (!save(sites(), relay, &error)) {
        setLastError(tr("The relay could not be saved to %1: %2").arg(m_path, error));
        return false;
    }
    const QString ref = QStringLiteral("relay:direct");
    if (m_directory) {
        if (!relay.isSet())
            m_directory->removeSecret(ref);
        else if (!secret.isEmpty() && !m_directory->setSecret(ref, secret, &error)) {
            setLastError(tr("The relay's secret could not be stored: %1").arg(error));
            return false;
        }
    }
    qCInfo(vigilSites).noquote() << "cameras added directly"
                                 << (relay.isSet()
                                         ? QStringLiteral("play through %1 at %2")
                                               .arg(backend::displayName(*relay.kind), hostPort(relay.url))
                                         : QStringLiteral("play directly"));
    const bool changed = !(relay == m_directRelay);
    m_directRelay = relay;
    applyRelays();
    if (changed)
        emit directRelayChanged();
    setLastError({});
    return true;
}

void SiteManager::setLastError(const QString &text)
{
    if (!text.isEmpty())
        qCWarning(vigilSites).noquote() << text;
    if (m_lastError == text)
        return;
    m_lastError = text;
    emit lastErrorChanged();
}

QString SiteManager::newId() const
{
    for (;;) {
        const QString id =
            QStringLiteral("s-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
        if (rowOf(id) < 0)
            return id;
    }
}

} // namespace vigil::sites
