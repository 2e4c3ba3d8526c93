#pragma once
// Recorder: records one camera's stream to disk, remux only (never re-encodes), in Matroska segments
// `<root>/<cameraId>/<UTC start>.mkv` cut at key frames after `segmentSeconds`. A closed segment is complete
// (trailer, cues, duration) and fsync'ed before the next one is created, so a crash or power cut loses at
// most the open segment — and even that plays up to its last cluster (1 s clusters).
//
// One worker thread per recorder (named "recording-<cameraId>") does the connecting, reading and writing; it
// reconnects forever when the camera drops (0.5 s .. 2 s backoff; 30 s after a wrong password, so the camera
// does not lock the account). While buffering (preAlarmSeconds > 0 and setBuffering(true), or while
// recording) it keeps the last N seconds of packets in memory, starting at a key frame, so start(preSeconds)
// can begin the recording up to N seconds in the past.
//
// Storage quota: after each closed segment (and every few MB written) the oldest closed segments under `root`
// (every camera) are deleted until the root is within `quotaBytes`. The newest segment of each camera is
// never deleted (it may be open in another recorder).
//
// Thread: the Recorder object is GUI-thread (or any one thread with an event loop); none of its methods block
// on the camera or the disk. Status reaches it queued from the worker. Destroying it asks the worker to close
// its segment and end; the worker holds its own state and finishes alone (at exit, wait for it with
// core::WorkerThreads::wait(ms, u"recording")).
#include "vigil/video/media_source.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>

namespace vigil::recording {

struct RecorderOptions
{
    QString root;              // recordings root; segments go to <root>/<cameraId>/
    QString cameraId;          // segments go to <root>/cameraDirName(cameraId)/
    video::MediaSource source; // credentials stay in here; never in a file name, log or status
    int segmentSeconds = 60;   // cut at the first key frame after this
    qint64 quotaBytes = 0;     // budget of the whole root; 0 = none
    int preAlarmSeconds = 0;   // length of the in-memory ring (0 = no ring)
    int connectTimeoutMs = 10000;
    int readTimeoutMs = 5000; // no packet for this long = the camera dropped: reconnect
};

class Recorder : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool recording READ isRecording NOTIFY recordingChanged)
    Q_PROPERTY(qint64 bytesWritten READ bytesWritten NOTIFY progressChanged)
    Q_PROPERTY(QString currentSegment READ currentSegment NOTIFY progressChanged)
    Q_PROPERTY(int segmentsClosed READ segmentsClosed NOTIFY progressChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QString cameraId READ cameraId CONSTANT)

public:
    enum class State
    {
        Idle,         // not connected (neither recording nor buffering)
        Connecting,   // opening the stream
        Buffering,    // connected, packets go to the pre-alarm ring only
        Recording,    // connected and writing a segment
        Reconnecting, // the camera dropped or refused: trying again
    };
    Q_ENUM(State)

    // A snapshot of what the worker is doing (sizes in bytes).
    struct Status
    {
        State state = State::Idle;
        bool recording = false;  // intent: start() asked and not stopped
        qint64 bytesWritten = 0; // since the Recorder was made
        QString currentSegment;  // path of the open segment ("" when none)
        int segmentsClosed = 0;  // since the Recorder was made
        qint64 ringMs = 0;       // what the pre-alarm ring holds now
        QString lastError;       // translated sentence: what failed and what to do ("" = none)
        QString lastErrorCode;   // stable word: auth, refused, unreachable, timeout, disk, no-video, ...
    };

    explicit Recorder(RecorderOptions options, QObject *parent = nullptr);
    ~Recorder() override;

    const RecorderOptions &options() const { return m_options; }
    QString cameraId() const { return m_options.cameraId; }

    // Starts recording. With a pre-alarm ring, the recording begins at the ring's key frame at or before
    // now - preSeconds (as far back as the ring reaches); otherwise at the next key frame.
    Q_INVOKABLE void start(int preSeconds = 0);
    // Stops recording: the open segment is closed (complete and playable) on the worker; stopped() follows.
    // With buffering on, the worker stays connected and keeps the ring.
    Q_INVOKABLE void stop();
    // Keeps the pre-alarm ring filling while not recording (needs preAlarmSeconds > 0).
    Q_INVOKABLE void setBuffering(bool on);

    State state() const { return m_status.state; }
    bool isRecording() const { return m_status.recording; }
    qint64 bytesWritten() const { return m_status.bytesWritten; }
    QString currentSegment() const { return m_status.currentSegment; }
    int segmentsClosed() const { return m_status.segmentsClosed; }
    QString lastError() const { return m_status.lastError; }
    Status status() const { return m_status; }
    // Paths of the segments this recorder closed, oldest first (some may since have gone to the quota).
    QStringList closedSegments() const { return m_closed; }

    struct Shared; // worker <-> object state (implementation detail)

signals:
    void stateChanged();
    void recordingChanged();
    void progressChanged();
    void lastErrorChanged();
    void segmentClosed(const QString &path);
    // The worker has closed the last segment after stop() (or it never opened one).
    void stopped();

private:
    void ensureWorker();
    void applyStatus();

    RecorderOptions m_options;
    std::shared_ptr<Shared> m_shared;
    Status m_status;
    QStringList m_closed;
    bool m_workerStarted = false;
};

// What enforceQuota() did.
struct QuotaResult
{
    qint64 bytesBefore = 0;
    qint64 bytesAfter = 0;
    QStringList deleted; // oldest first
};

// Deletes the oldest segments under `root` (all cameras, by the start time in their names) until the segments
// there total at most `budgetBytes`. Never deletes the newest segment of a camera, nor a path in `keep`.
// Thread: any (disk I/O).
QuotaResult enforceQuota(const QString &root, qint64 budgetBytes, const QStringList &keep = {});

} // namespace vigil::recording
