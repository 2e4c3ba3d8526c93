#pragma once
// CameraDirectory: the single answer to "what cameras exist and how do I reach each stream".
//
// A list model of cameras (for the side list, the map and dialogs) and the C++ API that turns a camera id +
// stream role into something an engine can open. Cameras come from configDir()/cameras.json ("config"
// cameras, saved) and from setDemoCameras() ("demo" cameras, in memory only). Rows are ordered: config
// cameras first, then demo cameras; every change is a fine-grained insert/remove/dataChanged, never a reset.
//
// cameras.json (version 1) — passwords are never in it, they live in the CredentialStore under credentialRef:
//   {
//     "version": 1,
//     "cameras": [
//       { "id": "cam-3f2a9c1b", "name": "Gate north", "group": "Depot",
//         "user": "viewer", "credentialRef": "cam-3f2a9c1b",
//         "streams": [ { "role": "main", "url": "rtsp://10.0.0.5:554/ch1", "width": 1920, "height": 1080,
//                        "fps": 25, "codec": "h264" },
//                      { "role": "sub",  "url": "rtsp://10.0.0.5:554/ch2" } ],
//         "position": { "lat": 48.85, "lon": 2.35, "directionDeg": 90, "fovDeg": 60 } } ] }
//   Required: "version" (1), "cameras" (array); per camera "id" and "name" (non-empty strings, ids unique)
//   and "streams" (array; each stream needs a "url" string). Everything else is optional. A hand-edited URL
//   with a password in it is migrated on load: the password moves to the CredentialStore and the file is
//   rewritten.
//
// Thread: GUI only.
#include "vigil/cameras/camera.h"
#include "vigil/cameras/credential_store.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QSet>
#include <QtCore/QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace vigil::cameras {

// What an engine needs to open one stream. Contains the password: never log it or show it.
struct ResolvedStream
{
    QUrl url; // without credentials
    QString user;
    QString password;
    QSize resolution;
    QString role;                  // the role actually chosen (may differ from the one asked, see resolve())
    QList<QPolygonF> privacyMasks; // the camera's (Camera::privacyMasks), for every stream
};

// A camera's login to its device (not a stream): see CameraDirectory::deviceLogin().
struct DeviceLogin
{
    QString cameraId;
    QUrl deviceUrl; // never carries credentials
    QString user;
    QString password;
    friend bool operator==(const DeviceLogin &, const DeviceLogin &) = default;
};

class CameraDirectory : public QAbstractListModel
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Cameras)
    QML_SINGLETON
    // Number of cameras (rows).
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // Translated sentence about the last failed QML call (addRtspCamera, removeCamera); empty after a
    // success.
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // Translated sentence when cameras.json (or credentials.json) was damaged or unreadable at load: what
    // happened, what was recovered and what to do. Empty when loading was clean.
    Q_PROPERTY(QString loadError READ loadError NOTIFY loadErrorChanged)
    // True while the passwords are still being read (the OS keyring is opened in the background at start-up,
    // so a keyring that hangs never holds up the wall); cameras with a password wait, see
    // waitingForPassword().
    Q_PROPERTY(bool credentialsPending READ credentialsPending NOTIFY credentialsPendingChanged)
    // Translated sentence when passwords could not be stored where they belong (a keyring write failed, or
    // the keyring did not answer at start-up): where they are kept now and what to do. Empty when all is
    // well.
    Q_PROPERTY(QString credentialWarning READ credentialWarning NOTIFY credentialWarningChanged)

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1, // "cameraId" (QML reserves "id", so the role is not called that)
        NameRole,                  // "name"
        GroupRole,                 // "group"
        StreamCountRole,           // "streamCount"
        HasPositionRole,           // "hasPosition"
        LatitudeRole,              // "latitude"  (NaN without a position)
        LongitudeRole,             // "longitude" (NaN without a position)
        OriginRole,                // "origin": "config" | "demo"
        DirectionRole, // "directionDeg": compass bearing the camera looks at (0 without a position)
        FovRole,       // "fovDeg": horizontal field of view, 0 when unknown
        // "available": false while the camera's source is known to be away (its platform unreachable: the
        // list keeps the camera, greyed, until the platform is back). Cameras are available by default.
        AvailableRole,
        // "online": available and not reported offline by its platform (Camera::offline). A camera nobody
        // reports on (a direct RTSP/ONVIF one) counts as online.
        OnlineRole,
        PtzRole,       // "ptz": it can pan/tilt/zoom (Camera::ptz), or its platform says it is a PTZ camera
        FavouriteRole, // "favourite": the operator starred it (isFavourite())
    };
    Q_ENUM(Role)

    // Uses a FileCredentialStore at configDir()/credentials.json. Paths are fixed at construction, so tests
    // set VIGIL_CONFIG_DIR before creating the directory. Does not load: call load().
    // There is deliberately no default constructor: Qt 6.4's QML registration prefers `new T` over create()
    // for a default-constructible singleton, which would give QML a second, private directory.
    explicit CameraDirectory(QObject *parent);
    // With a custom secret store (tests, or the keyring later).
    explicit CameraDirectory(std::unique_ptr<CredentialStore> credentials, QObject *parent = nullptr);
    ~CameraDirectory() override;

    // QML singleton plumbing: the app creates the instance, calls setInstance() before loading QML, and keeps
    // ownership. create() hands that instance to each engine (CppOwnership); it returns nullptr, with a
    // critical log line, when the app forgot setInstance().
    static CameraDirectory *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(CameraDirectory *instance);
    static CameraDirectory *instance();

    // QAbstractItemModel
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_cameras.size()); }
    QString lastError() const { return m_lastError; }
    QString loadError() const { return m_loadError; }
    bool credentialsPending() const { return m_credentialsPending; }
    QString credentialWarning() const { return m_credentialWarning; }

    // --- C++ API -------------------------------------------------------------------------------------------
    QString configPath() const { return m_configPath; }
    // (Re)reads cameras.json (and favourites.json) through readFileWithBackup. Replaces the config cameras,
    // keeps demo cameras.
    // Returns false when the file was damaged (then loadError says what was recovered); a missing file is
    // fine.
    bool load();
    // Writes the config cameras (never demo cameras, never passwords) atomically. Returns false and sets
    // lastError on failure.
    bool save();

    QList<Camera> cameras() const { return m_cameras; }
    std::optional<Camera> camera(const QString &id) const;
    // The stream of `cameraId` with `role`; if the camera has no such stream, falls back to "sub" for "main"
    // and "main" for anything else, then to its first stream. nullopt for an unknown camera or one without
    // streams.
    std::optional<ResolvedStream> resolve(const QString &cameraId, const QString &role) const;
    // Replaces all demo cameras (origin is forced to "demo"); they are not saved. Cameras whose id is already
    // used by a config camera are skipped with a warning.
    void setDemoCameras(QList<Camera> cameras);
    // Replaces every camera of an in-memory `origin` ("demo", "site:<id>": a platform's tree) with
    // `cameras` (their origin is forced; they are never saved). Each origin's cameras stay together, after
    // the config cameras, in the order the origins first appeared; an empty list removes the origin. Cameras
    // whose id is empty or already used elsewhere are skipped with a warning. "config" is refused.
    void setOriginCameras(const QString &origin, QList<Camera> cameras);
    int originCount(const QString &origin) const;
    // Marks every camera of an in-memory origin available or not (AvailableRole; dataChanged of its block).
    void setOriginAvailable(const QString &origin, bool available);
    bool isAvailable(const QString &id) const;
    bool isOriginAvailable(const QString &origin) const { return !m_unavailableOrigins.contains(origin); }
    // OnlineRole: its platform is reachable and does not report it offline.
    bool isOnline(const Camera &camera) const { return !camera.offline && isOriginAvailable(camera.origin); }
    // Cameras whose platform gives stream URLs only on request (Artemis previewURLs, WVP play/start): a view
    // that wants to play such a camera calls requestStreams(); when the camera has no stream,
    // streamsRequested(id) asks whoever owns its origin (the SiteManager), which answers with setStreams().
    void requestStreams(const QString &id);
    // Replaces the streams of an in-memory camera (not a config camera: those are the operator's) and tells
    // the views (dataChanged: feeds resolve again and play). False for an unknown or config camera.
    bool setStreams(const QString &id, QList<StreamInfo> streams);
    // Secrets that are not a camera's (a platform site's password, under "site:<id>"), through the same
    // credential store as the cameras' — the one door to passwords. Same rules: never logged; while
    // credentialsPending a secret may not be readable yet.
    std::optional<QString> secret(const QString &ref) const;
    bool setSecret(const QString &ref, const QString &secret, QString *error = nullptr);
    bool removeSecret(const QString &ref, QString *error = nullptr);
    // Adds a config camera as is (its id must be new and non-empty; credentials must already be in the store)
    // and saves. Returns false and sets lastError on failure.
    bool addCamera(Camera camera);
    // Adds a config camera with its password as one transaction — or, when a config camera with the same id
    // exists, updates it in place (same row, same id, so tiles and the wall keep showing it). A non-empty
    // password is stored under the camera's credentialRef (its id when empty); an empty one removes the
    // stored password. Either both the camera and the password are saved, or neither changes. Returns false
    // and sets lastError on failure.
    bool putCamera(Camera camera, const QString &password);
    // The config camera managed at the same device address (scheme, host and port of deviceUrl), or "" —
    // adding a device that is already in the list updates it instead of creating a second camera.
    QString cameraIdForDevice(const QUrl &deviceUrl) const;
    // What code that must log in to a device itself (ONVIF, PTZ, events) gets: the device address, user and
    // password. nullopt for an unknown camera or one without a device address. The password is never logged.
    std::optional<DeviceLogin> deviceLogin(const QString &cameraId) const;
    // True while the camera has a password that is not read yet (credentialsPending): do not log in yet (a
    // login without it could count as a failed attempt on the device); wait for credentialsPendingChanged.
    bool waitingForPassword(const QString &cameraId) const;

    // Start-up without waiting on the keyring: the directory works at once while the passwords are read in
    // the background. beginCredentialsLoad() sets credentialsPending; passwords set or removed meanwhile are
    // kept and handed over to the store given to finishCredentialsLoad() (which ends the pending state, and
    // shows `warning` — e.g. "no keyring answered, passwords are in a file" — when not empty).
    void beginCredentialsLoad();
    void finishCredentialsLoad(std::unique_ptr<CredentialStore> store, const QString &warning = {});
    void setCredentialWarning(const QString &text);
    // Records what the device said about PTZ (Camera::ptz) and saves when the camera is a config camera.
    // Returns false and sets lastError for an unknown id or a failed save (then nothing changes).
    bool setCameraPtz(const QString &id, bool ptz);
    // Replaces the camera's privacy masks (Camera::privacyMasks; points outside 0..1 are clamped, polygons
    // of fewer than 3 points dropped) and saves them: a config camera's in cameras.json, any other camera's
    // (demo, platform) by id in configDir()/privacy-masks.json, put back on the camera whenever its origin
    // loads it again, so a mask outlives a restart or a platform reload. Views showing it are told
    // (dataChanged) and reopen it masked. Returns false and sets lastError for an unknown id or a failed
    // save (then nothing changed).
    bool setPrivacyMasks(const QString &id, const QList<QPolygonF> &masks);

    // --- QML API -------------------------------------------------------------------------------------------
    // Adds an RTSP camera and saves it. `mainUrl` is required, `subUrl` optional; both must be rtsp:// or
    // rtsps:// with a host. Credentials typed inside a URL ("rtsp://user:pass@host/...") are moved out into
    // user/password (explicit user/password arguments win). The password goes to the CredentialStore.
    // Returns the new camera id, or "" with lastError set.
    Q_INVOKABLE QString addRtspCamera(const QString &name, const QString &group, const QString &mainUrl,
                                      const QString &subUrl, const QString &user, const QString &password);
    // Removes a camera (config or demo) and its stored password. Returns false with lastError set when the id
    // is unknown or the change could not be saved. Emits cameraRemoved(id) on success.
    Q_INVOKABLE bool removeCamera(const QString &id);
    // The camera's display name, "" for an unknown id.
    Q_INVOKABLE QString nameOf(const QString &id) const;
    // Distinct non-empty group names, sorted for display. Changes are announced by groupsChanged().
    Q_INVOKABLE QStringList groups() const;
    // The operator's favourite cameras: starred in the list, one filter away. Kept by id in
    // configDir()/favourites.json (written atomically, read with its backup; ids of cameras not loaded now —
    // a platform that is away — are kept). setFavourite() saves at once; false with lastError when the save
    // failed (then nothing changed).
    Q_INVOKABLE bool isFavourite(const QString &id) const { return m_favourites.contains(id); }
    Q_INVOKABLE bool setFavourite(const QString &id, bool favourite);
    QStringList favourites() const;
    // Privacy masks for the mask editor: a list of polygons, each a list of points (x, y in 0..1 of the
    // picture). savePrivacyMasks() is setPrivacyMasks() for QML (same checks, errors and saving).
    Q_INVOKABLE QVariantList privacyMasksOf(const QString &id) const;
    Q_INVOKABLE bool savePrivacyMasks(const QString &id, const QVariantList &polygons);

signals:
    void countChanged();
    void lastErrorChanged();
    void loadErrorChanged();
    void credentialsPendingChanged();
    void credentialWarningChanged();
    void groupsChanged();
    void favouritesChanged();
    // A camera was removed on purpose (not replaced): views holding its id should let go of it.
    void cameraRemoved(const QString &id);
    // A view wants to play a camera that has no stream yet (see requestStreams()).
    void streamsRequested(const QString &id);

private:
    int configCount() const;
    int indexOf(const QString &id) const;
    QString newId() const;
    bool writeConfig(const QList<Camera> &cameras, QString *error);
    void setLastError(const QString &text);
    void setLoadError(const QString &text);
    void notifyGroups(const QStringList &before);
    void adoptStore(std::unique_ptr<CredentialStore> store);
    QString loadFavourites();  // "" or what was wrong with favourites.json
    QString loadStoredMasks(); // "" or what was wrong with privacy-masks.json

    static CameraDirectory *s_instance;

    std::unique_ptr<CredentialStore> m_credentials;
    QString m_configPath;
    QList<Camera> m_cameras; // [0, configCount) origin "config", then each in-memory origin's block
    mutable QHash<QString, int> m_index; // id -> row, rebuilt by indexOf() after rows moved (big lists)
    QSet<QString> m_unavailableOrigins;
    QSet<QString> m_favourites;
    QString m_favouritesPath;
    QHash<QString, QList<QPolygonF>> m_storedMasks; // privacy-masks.json: masks of non-config cameras
    QString m_masksPath;
    QString m_lastError;
    QString m_loadError;
    QString m_credentialsLoadError; // from the FileCredentialStore's startup read, folded into loadError
    bool m_credentialsPending = false;
    QString m_credentialWarning;
};

} // namespace vigil::cameras
