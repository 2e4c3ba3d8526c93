#pragma once
// The demo site: a handful of fake cameras served as real RTSP streams on 127.0.0.1, so `vigil --demo`, the
// integration tests and the benchmarks need no camera and no network. Clips are encoded once with the ffmpeg
// CLI (cached), read into memory and served without re-encoding through gst-rtsp-server, one pipeline per
// client so every client starts at an IDR frame.
//
// Thread: any. Public methods are serialised by an internal mutex; while started, the RTSP server runs on its
// own GLib main-loop thread owned by the DemoSite. The destructor stops the server.
#include <QtCore/QList>
#include <QtCore/QRectF>
#include <QtCore/QSize>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtGui/QColor>

#include <functional>
#include <memory>

namespace vigil::demo {

// One demo camera. Positions are WGS-84 degrees inside DemoSite::area().
struct DemoCamera
{
    QString id;      // "cam01".."cam16"; also the RTSP path: /cam01/main, /cam01/sub
    QString name;    // English, burned into the picture
    QString nameZh;  // Chinese, burned into the picture
    QString group;   // English group name ("Town centre")
    QString groupZh; // Chinese group name
    QColor colour; // fills DemoSite::referenceRegion() of every frame; saturated, far from the other cameras
    double latitude = 0;
    double longitude = 0;
    double directionDeg = 0; // compass bearing the camera looks at: 0 = north, clockwise
    double fovDeg = 0;       // horizontal field of view
};

// The demo county, a WGS-84 bounding box the cameras sit in (for the map).
struct DemoArea
{
    QString name;
    QString nameZh;
    double south = 0;
    double west = 0;
    double north = 0;
    double east = 0;
};

struct DemoSiteOptions
{
    quint16 port = 0;     // 0 = an ephemeral port, chosen on the first start() and kept for later starts
    QString user;         // empty user = no authentication
    QString password;     //
    int cameraCount = 9;  // 1..DemoSite::kMaxCameras
    int clipSeconds = 20; // loop length; whole seconds (the GOP is 1 s)
    // Where clips are cached; empty = $VIGIL_DEMO_CLIP_DIR, else core::cacheDir() + "/demo-v1".
    QString cacheDir;
};

class DemoSite
{
public:
    static constexpr int kMaxCameras = 16;
    static constexpr int kFps = 25;
    static constexpr QSize kMainSize{1280, 720};
    static constexpr QSize kSubSize{640, 360};

    // progress(done, total, what): called on the thread running prepare(), before each clip it makes and at
    // the end; it must not call back into this DemoSite.
    using Progress = std::function<void(int done, int total, const QString &what)>;

    explicit DemoSite(DemoSiteOptions options = {});
    ~DemoSite();
    DemoSite(const DemoSite &) = delete;
    DemoSite &operator=(const DemoSite &) = delete;

    // The demo cameras, the first `count` of kMaxCameras (the first 9 have the most distinct colours).
    static QList<DemoCamera> cameras(int count = 9);
    static DemoArea area();
    // A flat fill of the camera's colour in every frame of both streams, in fractions of the frame (no text
    // or motion inside it). Sample inside it with a small margin to tell which camera a picture shows.
    static QRectF referenceRegion();
    // Part of the clip cache key; bump when the picture or encoding changes.
    static QString clipVersion();

    const DemoSiteOptions &options() const;
    QString cacheDir() const; // resolved cache directory
    QList<DemoCamera> siteCameras() const { return cameras(options().cameraCount); }

    // Makes the clips with the ffmpeg CLI unless cached, then loads them into memory. Blocking: about 3 s per
    // camera for 20 s clips on an idle 2-core machine (30-50 s for nine), well under a second when cached, so
    // keep it off the GUI thread. Several processes may share a cache directory. Returns false and a
    // user-facing sentence in `error` on failure. Called by start() if needed.
    bool prepare(QString *error, const Progress &progress = {});
    // Starts the RTSP server bound to 127.0.0.1 only. Returns false and a user-facing sentence on failure.
    bool start(QString *error);
    // Closes every client session and frees the port; start() may be called again and binds the same port.
    void stop();
    bool isRunning() const;
    quint16 port() const; // the bound port (0 before the first start)

    // rtsp://127.0.0.1:PORT/cam01/main (or /sub); never carries credentials.
    QUrl streamUrl(const QString &cameraId, bool main) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace vigil::demo
