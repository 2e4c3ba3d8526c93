#pragma once
// CameraFeed: what a wall tile plays. Turns (camera id, wanted stream role) into a VideoPlayer source through
// the camera directory, so QML never sees a URL or a password. When the camera's site (or, for cameras added
// directly, the global setting) names a relay media server, the feed plays the relay's URL once the relay
// answered (sites::StreamRelays; nothing plays meanwhile: relayPending), or the direct URL with relayError
// set when the relay refused. The player is rebuilt beneath nothing: one
// player per tile for the tile's whole life; a camera or role change is a seamless source switch. Thread: GUI
// only.
#include "vigil/video/video_player.h"

#include <QtCore/QObject>

#include <QtMultimedia/QVideoSink>
#include <QtQml/qqmlregistration.h>
#include <optional>

namespace vigil::cameras {
class CameraDirectory;
struct ResolvedStream;
} // namespace vigil::cameras

namespace vigil::app {

class CameraFeed : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString cameraId READ cameraId WRITE setCameraId NOTIFY cameraIdChanged)
    // The role the tile wants ("main"/"sub", usually bound to a StreamSelector's role).
    Q_PROPERTY(QString role READ role WRITE setRole NOTIFY roleChanged)
    // The role actually playing (a camera with one stream plays it whatever was asked).
    Q_PROPERTY(QString activeRole READ activeRole NOTIFY activeRoleChanged)
    Q_PROPERTY(QString cameraName READ cameraName NOTIFY cameraNameChanged)
    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    // False pauses the stream (tile hidden behind a maximized one, window minimised...).
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(vigil::video::VideoPlayer *player READ player CONSTANT)
    // The camera has a password that is still being read from the keyring (start-up): nothing plays yet.
    Q_PROPERTY(bool waitingForKeyring READ waitingForKeyring NOTIFY waitingForKeyringChanged)
    // On-screen pixels of the tile (bind to width * height): the decode governor degrades the smallest first.
    Q_PROPERTY(double tileArea READ tileArea WRITE setTileArea NOTIFY tileAreaChanged)
    // The camera's relay is being asked to pull it (nothing plays until it answered).
    Q_PROPERTY(bool relayPending READ relayPending NOTIFY relayChanged)
    // The relay refused the camera: it plays directly, and this says why and what to do (else "").
    Q_PROPERTY(QString relayError READ relayError NOTIFY relayChanged)
    // The camera plays through its relay.
    Q_PROPERTY(bool relayed READ relayed NOTIFY relayChanged)

public:
    explicit CameraFeed(QObject *parent = nullptr);
    ~CameraFeed() override;

    QString cameraId() const { return m_cameraId; }
    void setCameraId(const QString &id);
    QString role() const { return m_role; }
    void setRole(const QString &role);
    QString activeRole() const { return m_activeRole; }
    QString cameraName() const { return m_cameraName; }
    QVideoSink *videoSink() const { return m_player.videoSink(); }
    void setVideoSink(QVideoSink *sink);
    bool active() const { return m_active; }
    void setActive(bool active);
    video::VideoPlayer *player() { return &m_player; }
    bool waitingForKeyring() const { return m_waitingForKeyring; }
    double tileArea() const { return m_player.displayArea(); }
    void setTileArea(double area);
    bool relayPending() const { return m_relayPending; }
    QString relayError() const { return m_relayError; }
    bool relayed() const { return m_relayed; }

    // Saves the tile's picture as PNG under the user's Pictures (camera name + time). The picture is taken at
    // once; the PNG is encoded and written on a worker thread (the GUI thread never waits on a disk), and
    // snapshotSaved() says how it went. Returns the file path it will write, or "" when there is no picture
    // or the folder cannot be made (then nothing follows).
    Q_INVOKABLE QString saveSnapshot();

    // Tours: pre-connects `cameraId` (with the stream role this tile plays) in the background while the
    // current camera keeps playing. When cameraId later becomes that camera and the pre-connection has its
    // first frame, the feed switches to it at once (VideoPlayer::commitPreload: no black, no spinner);
    // otherwise the switch is the usual clean one. preloadReady()/preloadFailed() say how it went. Returns
    // false (nothing started) for an unknown camera, one without a stream or waiting for its password, or
    // an inactive feed.
    bool preloadCamera(const QString &cameraId);
    void cancelPreload();
    // The camera being (or already) pre-connected, "" when none.
    QString preloadCameraId() const { return m_preloadCameraId; }
    bool isPreloadReady() const { return !m_preloadCameraId.isEmpty() && m_player.isPreloadReady(); }

signals:
    void cameraIdChanged();
    void roleChanged();
    void activeRoleChanged();
    void cameraNameChanged();
    void videoSinkChanged();
    void activeChanged();
    void waitingForKeyringChanged();
    void tileAreaChanged();
    void relayChanged();
    // A snapshot started by saveSnapshot() was written (ok) or could not be.
    void snapshotSaved(const QString &path, bool ok);
    void preloadReady(const QString &cameraId);
    void preloadFailed(const QString &cameraId, const QString &error);

private:
    void apply();
    // Tells CameraHealth which camera this feed shows and how it is doing (the map colours cameras by it).
    void reportHealth();
    cameras::CameraDirectory *directory() const;
    // Through the camera's relay when it has one; nullopt while the relay is being asked.
    std::optional<video::MediaSource> sourceFor(const QString &cameraId,
                                                const cameras::ResolvedStream &resolved, bool reportRelay);
    void setRelayState(bool pending, bool relayed, const QString &error);

    video::VideoPlayer m_player;
    QString m_cameraId;
    QString m_playingCameraId; // the camera whose stream the player has (decides seamless vs clean switch)
    QString m_preloadCameraId; // the camera the player pre-connects (tours)
    QString m_role = QStringLiteral("sub");
    QString m_activeRole;
    QString m_cameraName;
    bool m_active = true;
    bool m_waitingForKeyring = false;
    bool m_relayPending = false;
    bool m_relayed = false;
    QString m_relayError;
};

} // namespace vigil::app
