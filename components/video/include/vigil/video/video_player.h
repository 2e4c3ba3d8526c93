#pragma once
// VideoPlayer: one live stream or one recording feeding one QVideoSink (a QML VideoOutput's videoSink).
//
// Intent and reality are separate (nx_open style): desiredState is what the operator asked for, status is
// what is happening. A watchdog turns "playing but no frame for stallTimeoutMs" into Stalled and reconnects
// forever, as often as the kind of failure deserves (reconnect_policy.h: a source that comes back is shown
// again within seconds); the last good frame stays in the sink. Frames come from a FrameSource engine (the
// FFmpeg live engine unless setFrameSourceFactory() says otherwise). setSource() while playing
// switches seamlessly: the old stream keeps the picture until the new one has decoded its first frame.
//
// Recordings (openRecording(): files and http(s) URLs through the libVLC engine, rtsp:// playback URLs and
// ONVIF replay URIs through the FFmpeg RTSP replay engine) add a timeline and
// transport: positionMs, durationMs, paused, rate, stepFrame(), atEnd. The watchdog leaves a paused recording
// and one that reached its end alone (no frames is what they should show), and allows for slow rates; a
// recording that fails is reopened where it was.
//
// Thread: GUI only. Decoding runs on one worker thread per stream; frames reach the sink through a FrameSlot
// that the FramePacer drains once per render tick for all players together.
#include "vigil/video/frame_source.h"
#include "vigil/video/media_source.h"

#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtGui/QImage>
#include <QtMultimedia/QVideoFrame>
#include <QtMultimedia/QVideoSink>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace vigil::video {

// Per-stream statistics, refreshed once a second. All rates over the last second.
struct StreamStats
{
    Q_GADGET
    Q_PROPERTY(double fpsReceived MEMBER fpsReceived)
    Q_PROPERTY(double fpsShown MEMBER fpsShown)
    // Counters reach QML as numbers (exact to 2^53): QML tooling has no 64-bit integer type.
    Q_PROPERTY(double framesDecoded READ framesDecodedNumber)
    Q_PROPERTY(double framesShown READ framesShownNumber)
    Q_PROPERTY(double framesDropped READ framesDroppedNumber)
    Q_PROPERTY(int width MEMBER width)
    Q_PROPERTY(int height MEMBER height)
    Q_PROPERTY(QString codec MEMBER codec)
    Q_PROPERTY(double bitrateKbps MEMBER bitrateKbps)
    Q_PROPERTY(double latencyMs MEMBER latencyMs)
    Q_PROPERTY(double firstFrameMs MEMBER firstFrameMs)
    QML_VALUE_TYPE(streamStats)
public:
    double fpsReceived = 0;
    double fpsShown = 0;
    qint64 framesDecoded = 0;
    qint64 framesShown = 0;
    qint64 framesDropped = 0;
    int width = 0;
    int height = 0;
    QString codec;
    double bitrateKbps = 0;
    double latencyMs = 0;    // mean, receipt of decoded frame -> handed to the sink, last second
    double firstFrameMs = 0; // open -> first decoded frame of the current session
    double framesDecodedNumber() const { return double(framesDecoded); }
    double framesShownNumber() const { return double(framesShown); }
    double framesDroppedNumber() const { return double(framesDropped); }
    friend bool operator==(const StreamStats &, const StreamStats &) = default;
};

class VideoPlayer : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // Status and DesiredState share "Playing": QML must say VideoPlayer.Status.Playing, never the ambiguous
    // form.
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    Q_PROPERTY(DesiredState desiredState READ desiredState NOTIFY desiredStateChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(ErrorCategory errorCategory READ errorCategory NOTIFY lastErrorChanged)
    Q_PROPERTY(QDateTime lastFrameTime READ lastFrameTime NOTIFY lastFrameTimeChanged)
    Q_PROPERTY(bool hasFrame READ hasFrame NOTIFY hasFrameChanged)
    Q_PROPERTY(QString displaySource READ displaySource NOTIFY sourceChanged)
    Q_PROPERTY(vigil::video::StreamStats stats READ stats NOTIFY statsChanged)
    Q_PROPERTY(int stallTimeoutMs READ stallTimeoutMs WRITE setStallTimeoutMs NOTIFY stallTimeoutMsChanged)
    // Only key frames are decoded (the decoders cannot keep up and this tile is among the smallest): the
    // picture still moves, at the stream's key-frame rate. Set by the app's decode governor.
    Q_PROPERTY(bool keyFramesOnly READ keyFramesOnly WRITE setKeyFramesOnly NOTIFY keyFramesOnlyChanged)
    // Recordings: the media time of the picture on screen in ms (a number for QML: exact to 2^53), refreshed
    // at most ~10 times a second; -1 for a live stream or before the first frame. After seek() it is the
    // asked position until the engine has landed there.
    Q_PROPERTY(double positionMs READ positionMs NOTIFY positionChanged)
    // Length of the recording in ms; -1 when unknown (live, or not opened yet).
    Q_PROPERTY(double durationMs READ durationMs NOTIFY durationChanged)
    Q_PROPERTY(bool paused READ paused WRITE setPaused NOTIFY pausedChanged)
    // Playback speed, 1/16 .. 16 (1 = normal).
    Q_PROPERTY(double rate READ rate WRITE setRate NOTIFY rateChanged)
    Q_PROPERTY(bool canSeek READ canSeek NOTIFY capabilitiesChanged)
    Q_PROPERTY(bool canStep READ canStep NOTIFY capabilitiesChanged)
    // The recording has shown its last frame (it stays on screen); seek() plays on.
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY atEndChanged)

public:
    enum class Status
    {
        Idle,
        Connecting,
        Buffering,
        Playing,
        Stalled,
        Reconnecting,
        Failed
    };
    Q_ENUM(Status)
    enum class DesiredState
    {
        Stopped,
        Playing
    };
    Q_ENUM(DesiredState)
    enum class ErrorCategory
    {
        None,
        Transient,
        Fatal,
        Auth,
        Unsupported
    };
    Q_ENUM(ErrorCategory)

    explicit VideoPlayer(QObject *parent = nullptr);
    ~VideoPlayer() override;

    QVideoSink *videoSink() const { return m_sink; }
    void setVideoSink(QVideoSink *sink);

    DesiredState desiredState() const { return m_desired; }
    Status status() const { return m_status; }
    QString lastError() const { return m_lastError; }
    ErrorCategory errorCategory() const { return m_errorCategory; }
    QDateTime lastFrameTime() const { return m_lastFrameTime; }
    bool hasFrame() const { return m_hasFrame; }
    QString displaySource() const { return m_source.displayUrl(); }
    StreamStats stats() const { return m_stats; }
    int stallTimeoutMs() const { return m_stallTimeoutMs; }
    void setStallTimeoutMs(int ms);

    MediaSource source() const { return m_source; }
    bool keyFramesOnly() const { return m_keyFramesOnly; }
    void setKeyFramesOnly(bool on);
    // On-screen pixels of the view showing this player (0 = not shown): the decode governor degrades the
    // smallest first.
    double displayArea() const { return m_displayArea; }
    void setDisplayArea(double area) { m_displayArea = area; }
    // Every player of the process (GUI thread only).
    static const QList<VideoPlayer *> &all();

    // How setSource() changes streams while playing.
    enum class SwitchMode
    {
        // Another stream of the same camera (main <-> sub): the current picture stays until the new stream's
        // first frame (no black flash); if the new stream fails, the player stays on the current one and
        // emits switchFailed().
        Seamless,
        // Another camera: the old picture is cleared at once, so a tile never shows one camera's picture
        // under
        // another camera's name.
        Clean,
    };
    void setSource(const MediaSource &source, SwitchMode mode = SwitchMode::Seamless);

    // For previews of a camera not yet in the directory (the add-camera dialog's Test button): sets the
    // source from a typed URL and credentials and plays. Credentials typed inside the URL are moved out of
    // it. Returns false (and sets lastError) when the URL is not a stream URL.
    Q_INVOKABLE bool openUrl(const QString &url, const QString &user = {}, const QString &password = {});
    // Opens a recording: a file path (or file:// URL) or an http(s) URL (HTTP-MP4, HLS) with the libVLC
    // recorded engine, an rtsp:// playback URL with the FFmpeg RTSP replay engine, from `startMs`. An ONVIF
    // replay URI carries its recording's start as "#onvif-start=<UTC ISO 8601>" (not sent to the device):
    // seeks then go as Range: clock=. Credentials typed inside the URL are moved out of it. Reopening the
    // recording already open seeks to `startMs`.
    // Returns false (and sets lastError) when the text is neither a path nor such a URL.
    Q_INVOKABLE bool openRecording(const QString &urlOrPath, double startMs = 0);
    // The privacy masks of the camera whose recordings openRecording() opens next (Camera::privacyMasks):
    // recordings are remuxed, never re-encoded, so the masks are painted at playback as they are live.
    // Reopening the same recording with other masks reopens it. Live sources carry theirs in MediaSource.
    void setRecordingMasks(const QList<QPolygonF> &masks);
    Q_INVOKABLE void play();
    Q_INVOKABLE void stop();
    // The operator touched the tile: a source that is waiting to be retried (or that failed for a reason that
    // is never retried by itself, such as a wrong password) is tried again now. Does nothing while an attempt
    // is under way or the stream plays.
    Q_INVOKABLE void retryNow();

    // Transport of a recording (ignored where the engine cannot: canSeek / canStep; live streams).
    Q_INVOKABLE void seek(double ms);
    Q_INVOKABLE void setPaused(bool paused);
    Q_INVOKABLE void setRate(double rate);
    // Shows the next frame and pauses.
    Q_INVOKABLE void stepFrame();
    // The engine's position now (media time of the newest frame in its slot), not the refreshed positionMs
    // the view binds to: for keeping several players in step. -1 without a recording open.
    double livePositionMs() const;
    double positionMs() const;
    double durationMs() const;
    bool paused() const;
    double rate() const;
    bool canSeek() const;
    bool canStep() const;
    bool atEnd() const;
    // The source was opened with openRecording() through the recorded engine.
    bool isRecording() const;

    // Pre-connection (tours): opens `source` in the background while the current stream keeps playing. Its
    // frames go to its own FrameSlot and are not shown; preloadReady() says its first frame has arrived,
    // preloadFailed() that it could not be opened (the preload is then gone; the current stream is not
    // touched). commitPreload() makes it the player's stream at once: the sink keeps the current picture
    // until the pacer's next tick hands it the preloaded stream's newest frame, so a switch shows no black.
    // A new preload replaces the previous one; stop() and cancelPreload() drop it. Thread: GUI only.
    void preload(const MediaSource &source);
    void cancelPreload();
    bool hasPreload() const { return m_preload != nullptr; }
    // The preloaded stream has decoded its first frame.
    bool isPreloadReady() const { return m_preload && m_preloadHasFrame; }
    MediaSource preloadSource() const { return m_preloadSource; }
    // Returns false (and changes nothing) when no preload has its first frame yet.
    bool commitPreload();

    // The engine that opens sources; the FFmpeg live engine by default. Tests inject a fake; the playback
    // room its recorded engines. Applies from the next source opened.
    void setFrameSourceFactory(FrameSourceFactory factory);
    // The delay of the retry now scheduled, in ms, or -1 when none is (playing, stopped, or waiting for the
    // operator after a failure that is not retried by itself).
    int pendingRetryMs() const;
    // Saves the picture on screen as PNG. Returns false when there is no frame yet or the file cannot be
    // written.
    Q_INVOKABLE bool saveSnapshot(const QString &filePath) const;
    // The picture on screen as an image (cropped to the viewport), null when there is none. The conversion is
    // quick; encoding it (PNG: tens of ms at 1080p) belongs on a worker thread.
    QImage snapshotImage() const;

    // Application shutdown: waits until every stream worker has closed its connection (or the timeout).
    static bool waitForWorkers(int timeoutMs);
    // Unattended (kiosk mode): every player retries every failure by itself, a wrong password and an
    // unsupported codec too, slowly (reconnect_policy.h); nothing waits for an operator's click.
    // Process-wide, set by main() before any player starts. Thread: GUI only.
    static void setUnattended(bool on);
    static bool unattended() { return s_unattended; }

    // The frame most recently handed to the sink (null before the first one).
    QVideoFrame currentFrame() const { return m_currentFrame; }

    // Called by the FramePacer on the GUI thread: hands the newest decoded frame (if any) to the sink.
    void pushPendingFrame();

    // Benchmarks and tests: added latency (decoded -> handed to the sink) of every frame shown since the last
    // call, in milliseconds, and the totals of the current stream.
    QList<float> takeLatencySamples();
    qint64 framesShownTotal() const;
    qint64 framesDecodedTotal() const;
    qint64 framesDroppedTotal() const;

signals:
    void videoSinkChanged();
    void desiredStateChanged();
    void statusChanged();
    void lastErrorChanged();
    void lastFrameTimeChanged();
    void hasFrameChanged();
    void sourceChanged();
    void statsChanged();
    void keyFramesOnlyChanged();
    void stallTimeoutMsChanged();
    void positionChanged();
    void durationChanged();
    void pausedChanged();
    void rateChanged();
    void capabilitiesChanged();
    void atEndChanged();
    // Emitted on the GUI thread for every frame handed to the sink (tests and benchmarks count these).
    void frameShown();
    // A seamless switch could not open the new stream; the player stays on the previous one. `error` is the
    // sentence for the operator.
    void switchFailed(const QString &error);
    // The preloaded stream has its first frame (commitPreload() will now show it without a gap).
    void preloadReady();
    // The preloaded stream could not be opened; `error` is the sentence for the operator.
    void preloadFailed(const QString &error);

private:
    static bool s_unattended;
    void setSourceFor(const MediaSource &source, SwitchMode mode, bool recorded, std::int64_t startMs);
    void resetTransport();
    void refreshCapabilities();
    void refreshPosition(bool force);
    void setAtEnd(bool atEnd);
    void startSession(bool seamless);
    std::shared_ptr<FrameSource> openSource(const MediaSource &source);
    void onSourceEvent(quint64 sessionId, int event, const QString &detail, int code);
    void onPreloadEvent(int event, const QString &detail, int code);
    void onWatchdog();
    void scheduleReconnect(const QString &errorCode);
    void setStatus(Status s);
    void setError(ErrorCategory c, const QString &text);
    void updateStats();
    void refreshLastFrameTime();
    void clearPicture();

    QPointer<QVideoSink> m_sink;
    MediaSource m_source;
    MediaSource m_previousSource; // what a failed seamless switch falls back to
    DesiredState m_desired = DesiredState::Stopped;
    Status m_status = Status::Idle;
    QString m_lastError;
    ErrorCategory m_errorCategory = ErrorCategory::None;
    QDateTime m_lastFrameTime;
    bool m_hasFrame = false;
    StreamStats m_stats;
    int m_stallTimeoutMs = 5000;

    std::shared_ptr<FrameSource> m_session;  // the source whose frames are shown
    std::shared_ptr<FrameSource> m_incoming; // a seamless switch in progress, promoted at its first frame
    std::shared_ptr<FrameSource> m_preload;  // a pre-connected stream, promoted by commitPreload()
    bool m_keyFramesOnly = false;
    double m_displayArea = 0;
    MediaSource m_preloadSource;
    bool m_preloadHasFrame = false;
    QVideoFrame m_currentFrame;
    QTimer m_watchdog;
    QTimer m_reconnect;
    QTimer m_statsTimer;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace vigil::video
