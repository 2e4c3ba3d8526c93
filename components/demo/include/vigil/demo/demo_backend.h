#pragma once
// DemoBackend: the demo county behind our Vigil API (docs/api/vigil-api.yaml), a real HTTP/1.1 + WebSocket
// server (Boost.Beast) on 127.0.0.1. It serves the region tree (county -> townships -> villages), the demo
// cameras (their RTSP URLs built on `rtspBase`, e.g. a DemoSite's rtsp://127.0.0.1:PORT) or, with more than
// DemoSite::kMaxCameras, that many generated cameras spread deterministically over generated townships and
// villages (pages are built lazily per request: 400,000 cameras cost no memory until asked for), the live
// URL call, the patrol units of map::UnitSimulator (GET /api/v1/units and the WebSocket push of their
// positions) and alarms raised at random places every alarmIntervalMs (at a demo camera or a lon/lat inside
// the county; pushed on the "alarms" topic, acknowledged with POST /api/v1/alarms/{id}/ack). `vigil --demo`
// and the standalone `vigil-demo-backend` use it; so do the tests.
//
// Thread: create, start(), stop() and destroy on one thread that runs a Qt event loop (the unit simulator's
// timer lives there). The HTTP server runs on its own Asio thread owned by the DemoBackend; the counters are
// safe from any thread.
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <functional>
#include <memory>

namespace vigil::map {
class UnitsModel;
}

namespace vigil::demo {

// One recorded file of a demo camera, as the recordings callback finds it.
struct DemoRecording
{
    qint64 startMs = 0; // UTC epoch ms
    qint64 endMs = 0;
    QString fileName; // a file in recordingRoot/<cameraId>/, served at /media/<cameraId>/<fileName>
    qint64 sizeBytes = -1;
};

struct DemoBackendOptions
{
    quint16 port = 0; // 0 = any free port
    // Stream URLs are rtspBase + "/camNN/main" (or /sub). May carry credentials (they are the platform's
    // answer; Vigil redacts them before showing). Empty = cameras have no "streams" and the live call
    // answers 404 stream_unavailable.
    QUrl rtspBase;
    // Up to DemoSite::kMaxCameras: the first N demo cameras. More: the 16 demo cameras plus generated ones.
    qint64 cameraCount = 9;
    QString user = QStringLiteral("demo");
    QString password = QStringLiteral("demo");
    // Access-token lifetime; 0 = every token is born expired (tests of "re-login once, then a clear error").
    int tokenSeconds = 3600;
    // Authorised requests an access token is good for; 0 = unlimited. Tests use 1 to force a re-login on
    // every page without waiting for a clock.
    int tokenUses = 0;
    int unitCount = 12;        // patrol cars of the simulator (0 = none)
    int unitIntervalMs = 1000; // simulator step and push period
    int maxPageSize = 5000;    // larger pageSize values are capped
    // A demo alarm every alarmIntervalMs (0 = none): at a demo camera or a place inside the county, with a
    // kind, a priority and its text in Chinese ("message") and English ("messageEn"). `vigil --demo` reads
    // VIGIL_DEMO_ALARM_INTERVAL_MS (README); tests use ~100 ms.
    int alarmIntervalMs = 180000;
    // Recordings: GET /cameras/{id}/recordings lists what this callback finds in [fromMs, toMs] (called on
    // the server's thread: it must be thread-safe and quick), each with the URL of its file, which the
    // server streams from recordingRoot/<cameraId>/ with HTTP Range support (the recorded engine seeks in
    // it). Unset = the demo platform keeps no recordings (501).
    QString recordingRoot;
    std::function<QList<DemoRecording>(const QString &cameraId, qint64 fromMs, qint64 toMs)> recordings;
};

class DemoBackend
{
public:
    explicit DemoBackend(DemoBackendOptions options = {});
    ~DemoBackend();
    DemoBackend(const DemoBackend &) = delete;
    DemoBackend &operator=(const DemoBackend &) = delete;

    // Binds 127.0.0.1:port and starts serving and simulating. False and a sentence in `error` on failure.
    bool start(QString *error);
    // Closes every connection and stops the simulator.
    void stop();
    bool isRunning() const;
    // Serves `model`'s units (GET /api/v1/units and the push, on each positionsChanged) as the platform's
    // patrol cars: for `vigil --demo`, whose simulator drives the cars the platform then pushes to the map.
    // Use with unitCount 0; call after start(), on the model's thread (it must run a Qt event loop); null
    // stops serving it. The model may be destroyed first.
    void setUnitsSource(map::UnitsModel *model);
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT (the API is under /api/v1)
    const DemoBackendOptions &options() const;

    // Counters (tests, benchmarks). Any thread.
    int logins() const;             // successful logins with the password
    int refreshes() const;          // access tokens renewed with a refresh token
    qint64 requests() const;        // HTTP requests answered
    int pushClients() const;        // open WebSocket sessions
    int alarmsRaised() const;       // demo alarms raised so far
    int alarmsAcknowledged() const; // distinct alarms acknowledged over REST
    int ackRequests() const;        // POST .../ack requests answered 204 (repeats included)
    bool isAlarmAcknowledged(const QString &alarmId) const;
    // Raises one demo alarm now (besides the interval's) and returns its id. Any thread.
    QString raiseAlarm();

    struct Private; // public so the file-local session classes of the implementation can name it

private:
    std::unique_ptr<Private> d;
};

} // namespace vigil::demo
