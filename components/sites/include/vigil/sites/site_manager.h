#pragma once
// SiteManager: the video platforms ("sites") the operator configured — a county platform on our API, a
// ZLMediaKit relay, a WVP or Artemis platform — each read through its network/backend adapter and merged
// into the one camera directory beside the cameras added by hand (ONVIF, RTSP) and the demo's. A list model
// of the sites with each one's state (connecting, online, user name or password refused, unreachable,
// certificate not trusted, failed) for the Sites dialog; the QML singleton `Sites`.
//
// Each site's cameras are the directory's origin "site:<id>", their ids "<id>:<platform camera id>" (so two
// sites never collide and a saved wall keeps pointing at the same camera), grouped "<site name> / <region
// path>". A site that fails keeps its last camera list in the directory (tiles showing them keep trying);
// an unreachable one is retried with a backoff that never waits more than 5 s, so a platform that comes back
// is online again within 5 s; a refused password is not retried (a retry loop can lock the account): the
// operator edits the site. Every site is read again every few minutes (cheap: our API answers 304 when the
// list did not change).
//
// sites.json (version 1), written atomically, never holding a password (the password or secret is in the
// credential store under "site:<id>", through CameraDirectory::setSecret — the one door to passwords):
//   { "version": 1, "sites": [ { "id": "s-3f2a9c1b", "name": "County platform", "kind": "ours",
//                                "url": "https://10.1.2.3:8443", "user": "operator", "enabled": true,
//                                "trustedCertSha256": "3f1c…",
//                                "relay": { "kind": "zlm", "url": "http://10.1.2.9:80", "user": "",
//                                           "rtspPort": 554 } } ],
//     "directRelay": { "kind": "mediamtx", "url": "http://10.1.2.9:9997", "user": "vigil", "rtspPort": 8554 }
//     }
// A site's "relay" (optional) is the media server its cameras are played through (StreamRelays: asked to pull
// each camera once, then its URL is played); "directRelay" (optional) is the one for cameras added directly
// (RTSP, ONVIF). Their secrets are in the credential store under "relay:<site id>" and "relay:direct".
// An https site is verified (system store and host name) unless it presents the certificate the operator
// trusted (trustCertificate(): the SHA-256 its row showed once it was refused); editing its address forgets
// that certificate.
//
// Push (live patrol units and alarms): once an enabled site of kind "ours" is online, its push channel runs
// (SitePush, owned here): its units go to the units model given to setPushTargets() with ids
// "<site id>:<platform unit id>", its alarms into the alarm flow as source "platform:<site id>" (the
// acknowledgements back to that site). The row shows the push's state (pushState, pushText). Turning a site
// off, removing it, editing it or trusting another certificate stops its push and takes its units off the
// map (an edited or re-trusted site starts it again once online). ZLMediaKit, WVP and Artemis sites give no
// push (their row and the log say so).
//
// Thread: GUI. Platform calls run on a worker per sync ("site-sync"); a platform that hangs holds up
// nothing but its own row (its request times out after the connection's timeout).
#include "vigil/backend/platform_client.h"
#include "vigil/backend/relay_client.h"
#include "vigil/cameras/camera.h"
#include "vigil/network/websocket_client.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QDateTime>
#include <QtCore/QPointer>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtCore/QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace vigil::cameras {
class CameraDirectory;
}
namespace vigil::map {
class UnitsModel;
}
namespace vigil::alarms {
class AlarmCenter;
}

namespace vigil::sites {

class SitePush;
class StreamRelays;

// A relay media server (see StreamRelays); no kind = none.
struct RelaySettings
{
    std::optional<backend::RelayKind> kind;
    QUrl url; // its HTTP API, never with credentials
    QString user;
    int rtspPort = 0; // 0 = the kind's default

    bool isSet() const { return kind.has_value(); }
    friend bool operator==(const RelaySettings &, const RelaySettings &) = default;
};

struct SiteConfig
{
    QString id;   // "s-3f2a9c1b": stable for the life of the site
    QString name; // the operator's name for it
    backend::PlatformKind kind = backend::PlatformKind::Ours;
    QUrl url; // never with credentials
    QString user;
    bool enabled = true;
    QString trustedCertSha256; // https: the platform certificate the operator trusted (64 hex digits), or ""

    RelaySettings relay; // the relay its cameras are played through (none by default)

    QString credentialRef() const { return QStringLiteral("site:") + id; }
    QString relayCredentialRef() const { return QStringLiteral("relay:") + id; }
    QString origin() const { return QStringLiteral("site:") + id; }
};

class SiteManager : public QAbstractListModel
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Sites)
    QML_SINGLETON
    QML_UNCREATABLE("Sites is created by the application")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // Translated sentence about the last failed call (addSite, updateSite, removeSite); empty after a
    // success.
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // Translated sentence when sites.json was damaged at load: what was recovered and what to do.
    Q_PROPERTY(QString loadError READ loadError NOTIFY loadErrorChanged)
    // Platform kinds for the dialog: [{ kind: "ours", name: "Vigil API" }, ...].
    Q_PROPERTY(QVariantList kinds READ kinds CONSTANT)
    // Relay kinds for the dialog: [{ kind: "", name: "None" }, { kind: "zlm", name: "ZLMediaKit" }, ...].
    Q_PROPERTY(QVariantList relayKinds READ relayKinds CONSTANT)
    // The relay of the cameras added directly: { kind, url, user, rtspPort } (kind "" = none).
    Q_PROPERTY(QVariantMap directRelay READ directRelay NOTIFY directRelayChanged)

public:
    enum class State
    {
        Disabled,
        Connecting,            // first read (or after an edit) under way
        Online,                // the last read succeeded
        AuthFailed,            // user name, password, secret or key refused
        Unreachable,           // no connection or no answer; retried
        CertificateNotTrusted, // the HTTPS certificate was refused
        Failed,                // answered, but not usefully (wrong kind of platform, server error); retried
    };
    Q_ENUM(State)

    enum Role
    {
        IdRole = Qt::UserRole + 1, // "siteId"
        NameRole,                  // "name"
        KindRole,                  // "kind": "ours" | "zlm" | "wvp" | "artemis"
        KindNameRole,              // "kindName": "ZLMediaKit"...
        UrlRole,                   // "url" (no credentials)
        UserRole,                  // "user"
        EnabledRole,               // "enabled"
        StateRole,                 // "state": State as int
        StateNameRole,             // "stateName": "online", "auth-failed", ... (stable, for tests and QML)
        StatusTextRole,            // "statusText": translated sentence for the row
        CameraCountRole,           // "cameraCount"
        BusyRole,                  // "busy": a read is under way
        ProgressRole,              // "progress": 0..1, or -1 when the total is unknown
        PresentedCertRole, // "presentedCertSha256": CertificateNotTrusted: the refused certificate's SHA-256
        PresentedCertTextRole, // "presentedCertText": the same as "AB:CD:…" (empty otherwise)
        TrustedCertTextRole,   // "trustedCertText": the trusted certificate's SHA-256 as "AB:CD:…", or ""
        PushStateRole,         // "pushState": "none" (this kind has no push), "off", "connecting", "live",
                               // "reconnecting", "failed", "certificate-not-trusted"
        PushTextRole,          // "pushText": translated sentence about the push for the row
        UnitCountRole,         // "unitCount": patrol units this site's push put on the map
        RelayKindRole,         // "relayKind": "" (none) | "zlm" | "mediamtx"
        RelayUrlRole,          // "relayUrl"
        RelayUserRole,         // "relayUser"
        RelayRtspPortRole,     // "relayRtspPort": 0 = the kind's default
    };
    Q_ENUM(Role)

    // Reads configDir()/sites.json on load(). The directory receives the cameras and keeps the passwords.
    SiteManager(cameras::CameraDirectory *directory, QObject *parent = nullptr);
    ~SiteManager() override;

    static SiteManager *create(QQmlEngine *, QJSEngine *);
    static void setInstance(SiteManager *instance);
    static SiteManager *instance();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_sites.size()); }
    QString lastError() const { return m_lastError; }
    QString loadError() const { return m_loadError; }
    QVariantList kinds() const;
    QVariantList relayKinds() const;
    QVariantMap directRelay() const;
    QString configPath() const { return m_path; }
    // The relays cameras are played through (CameraFeed asks it); owned by the manager.
    StreamRelays *relays() const { return m_relays; }
    RelaySettings directRelaySettings() const { return m_directRelay; }

    // --- C++ API -------------------------------------------------------------------------------------------
    // (Re)reads sites.json. Returns false when it was damaged (loadError says what was recovered).
    bool load();
    // Connects every enabled site (waits for the credential store when its passwords are still being read).
    void start();
    QList<SiteConfig> sites() const;
    State state(const QString &id) const;
    QString statusText(const QString &id) const;
    // CertificateNotTrusted: the SHA-256 (64 lowercase hex digits) of the certificate the site presented.
    QString presentedCertificate(const QString &id) const;
    // The platform camera a directory camera id ("<site>:<platform id>") belongs to, or {} for a camera not
    // from a site.
    static std::pair<QString, QString> splitCameraId(const QString &cameraId);
    // True for a camera of a configured site ("<site id>:<platform id>" of a site in the list).
    bool isSiteCamera(const QString &cameraId) const;
    // The recorded segments of a site camera in [from, to], oldest first, each with a URL the recorded
    // engine opens (the platform's own, else its playback URL for the segment). `done` runs on the GUI
    // thread (not at all when the manager is gone), with an error sentence when the platform failed.
    using RecordingsDone = std::function<void(QList<backend::RecordingSegment> segments, QString error)>;
    void recordings(const QString &cameraId, const QDateTime &from, const QDateTime &to, RecordingsDone done);
    // Tests: the retry backoff (first delay doubling up to max) and the periodic re-read.
    void setRetryDelays(int firstMs, int maxMs);
    void setRefreshIntervalMs(int ms);
    // The platforms' own (Chinese) names, or English ones where a platform has them.
    void setChinese(bool chinese) { m_chinese = chinese; }
    // Where the sites' pushes deliver (before start(); either may be null: that part is then off).
    void setPushTargets(map::UnitsModel *units, alarms::AlarmCenter *alarms);
    // Tests: the pushes' socket options (timeouts, backoff).
    void setPushSocketOptions(const network::WebSocketOptions &options) { m_pushSocket = options; }
    // The site's push ("none", "off", "connecting", "live", ... as the pushState role) and its push object
    // (null when it has none).
    QString pushState(const QString &id) const;
    SitePush *push(const QString &id) const;

    // --- QML API -------------------------------------------------------------------------------------------
    // Adds a site, stores its password (or secret), saves and connects it. Returns the new id, or "" with
    // lastError set (bad URL, unknown kind, the password could not be stored, sites.json not written).
    Q_INVOKABLE QString addSite(const QString &name, const QString &kind, const QString &url,
                                const QString &user, const QString &password);
    // Changes a site; `password` empty keeps the stored one. Reconnects it at once.
    Q_INVOKABLE bool updateSite(const QString &id, const QString &name, const QString &kind,
                                const QString &url, const QString &user, const QString &password);
    // Removes a site, its password and its cameras from the directory.
    Q_INVOKABLE bool removeSite(const QString &id);
    Q_INVOKABLE bool setEnabled(const QString &id, bool enabled);
    // Reads the site again now (also after AuthFailed, once the operator fixed the platform side).
    Q_INVOKABLE void refresh(const QString &id);
    // Trusts the certificate with this SHA-256 (hex; colons and case do not matter) for the site from now on
    // (the one the site's row showed), saves it and reconnects. False with lastError set otherwise.
    Q_INVOKABLE bool trustCertificate(const QString &id, const QString &fingerprint);
    // The relay a site's cameras are played through: `kind` "" removes it; "zlm" or "mediamtx" with the
    // relay's API address (http(s)://host:port), its API user (MediaMTX) and secret or password (`secret`
    // empty keeps the stored one) and its RTSP port (0 = the kind's default). Saves; tiles resolve again.
    // False with lastError set otherwise.
    Q_INVOKABLE bool setSiteRelay(const QString &id, const QString &kind, const QString &url,
                                  const QString &user, const QString &secret, int rtspPort);
    // The same for the cameras added directly (RTSP, ONVIF).
    Q_INVOKABLE bool setDirectRelay(const QString &kind, const QString &url, const QString &user,
                                    const QString &secret, int rtspPort);

signals:
    void countChanged();
    void lastErrorChanged();
    void loadErrorChanged();
    void directRelayChanged();
    // A read of a site ended (tests, logs): ok, or failed with `state`.
    void siteSynced(const QString &id, bool ok, vigil::sites::SiteManager::State state);
    // A site's push state changed (tests, logs): pushState(id) says to what.
    void pushChanged(const QString &id);

private:
    struct Site;
    int rowOf(const QString &id) const;
    Site *find(const QString &id) const;
    void sync(Site &site);
    void finishSync(const QString &id, quint64 generation, backend::Result<backend::CameraList> result,
                    QList<cameras::Camera> cameras);
    void scheduleRetry(Site &site, int delayMs);
    void setState(Site &site, State state, const QString &text);
    void rowChanged(const Site &site);
    bool save(const QList<SiteConfig> &sites, QString *error);
    bool save(const QList<SiteConfig> &sites, const RelaySettings &direct, QString *error);
    bool validateRelay(const QString &kind, const QString &url, int rtspPort, RelaySettings *out);
    // Hands the relays (with their secrets) to StreamRelays; after the credential store is read.
    void applyRelays();
    std::optional<backend::RelayConnection> relayConnection(const RelaySettings &relay,
                                                            const QString &credentialRef) const;
    bool validate(const QString &name, const QString &kind, const QString &url, SiteConfig *out);
    void setLastError(const QString &text);
    QString newId() const;
    void startPush(Site &site);
    void stopPush(Site &site);
    QString pushText(const Site &site) const;
    // A camera without streams is about to be played: ask its platform for a live URL.
    void fetchStreams(const QString &cameraId);
    // Runs `call` on a worker with the site's on-demand client (one call at a time per site, in order; the
    // periodic camera read has its own client), then `done` on the GUI thread.
    struct Lane;
    void onLane(Site &site, std::function<void(backend::PlatformClient &)> call);

    static SiteManager *s_instance;

    QPointer<cameras::CameraDirectory> m_directory;
    StreamRelays *m_relays = nullptr; // child
    RelaySettings m_directRelay;
    QString m_path;
    std::vector<std::unique_ptr<Site>> m_sites;
    QString m_lastError;
    QString m_loadError;
    bool m_started = false;
    bool m_chinese = true;
    int m_retryFirstMs = 1000;
    int m_retryMaxMs = 5000;
    int m_refreshMs = 10 * 60 * 1000;
    quint64 m_generation = 0;
    QPointer<map::UnitsModel> m_pushUnits;
    QPointer<alarms::AlarmCenter> m_pushAlarms;
    network::WebSocketOptions m_pushSocket;
};

} // namespace vigil::sites
