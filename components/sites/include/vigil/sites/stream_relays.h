#pragma once
// StreamRelays: plays cameras through a relay media server when their site names one (issue 12, "stream
// fan-out"). Many PCs showing one camera would each open an RTSP session on it and cameras run out of them;
// with a relay (ZLMediaKit or MediaMTX, backend::RelayClient) Vigil asks the relay to pull the camera once
// and every tile on every PC plays the relay's URL instead. Without a relay nothing changes.
//
// Which relay: each origin of the directory may have one — a site's cameras ("site:<id>") its site's relay,
// the cameras added directly ("config") the global one. SiteManager sets them from sites.json.
//
// resolve() is what a feed calls with the direct stream the directory resolved: Direct (no relay: play it),
// Relayed (play the relay's URL, without the camera's credentials), Pending (a request is under way on a
// worker thread: relayChanged(cameraId) follows; show that the relay is being asked), or Refused (the relay
// failed: play the direct URL and show `error`, a sentence naming the relay and what to do; asked again
// after retryAfterMs). Answers are cached per camera stream and relay, so any number of tiles ask once.
// The camera's password goes to the relay in its request (the relay needs it) and nowhere else: logs carry
// redacted URLs only.
//
// Thread: GUI. Relay requests run on workers ("relay-pull"); answers for a relay changed meanwhile are
// dropped.
#include "vigil/backend/relay_client.h"
#include "vigil/cameras/camera_directory.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <optional>

namespace vigil::sites {

class StreamRelays : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Direct,  // no relay for this camera: play the direct URL
        Pending, // the relay is being asked (relayChanged follows)
        Relayed, // play `url`
        Refused, // the relay failed: play the direct URL, show `error`
    };
    struct Answer
    {
        State state = State::Direct;
        QUrl url;      // Relayed: the relay's play URL (no credentials)
        QString error; // Refused: translated sentence
    };

    explicit StreamRelays(cameras::CameraDirectory *directory, QObject *parent = nullptr);
    ~StreamRelays() override;

    // The relay of every camera of `origin` ("site:<id>", "config"); nullopt = none. A change forgets that
    // origin's answers (and drops the ones under way) and emits relayChanged("") so feeds resolve again.
    void setRelay(const QString &origin, std::optional<backend::RelayConnection> relay);
    std::optional<backend::RelayConnection> relay(const QString &origin) const;

    Answer resolve(const QString &cameraId, const cameras::ResolvedStream &direct);

    // Tests: relay requests started so far; how long a refusal stands before the relay is asked again.
    int requestsStarted() const { return m_started; }
    void setRetryAfterMs(int ms) { m_retryAfterMs = ms; }

signals:
    // An answer arrived for this camera (""): every camera, after a relay change): resolve again.
    void relayChanged(const QString &cameraId);

private:
    struct Entry
    {
        State state = State::Pending;
        QUrl url;
        QString error;
        QElapsedTimer since; // Refused: since when
    };
    struct Origin
    {
        backend::RelayConnection relay;
        quint64 generation = 0;
        QHash<QString, Entry> entries; // camera id + role + direct URL
    };

    QPointer<cameras::CameraDirectory> m_directory;
    QHash<QString, Origin> m_origins;
    quint64 m_generation = 0;
    int m_started = 0;
    int m_retryAfterMs = 60000;
};

} // namespace vigil::sites
