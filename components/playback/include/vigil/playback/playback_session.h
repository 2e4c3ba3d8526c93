#pragma once
// PlaybackSession: up to 16 cameras played back on one timeline in lockstep. One PlaybackClock says what
// recording time it is; every camera's player is told which piece of its recording to play and from where
// (recording_plan.h), and its drift from the clock is corrected by a small rate nudge or a seek (syncStep).
// A camera with a gap shows "no recording" and rejoins when the clock reaches its next piece.
//
// Recordings are found through a RecordingLookup the app gives (local recordings, a platform, ONVIF replay):
// asynchronous, so the GUI thread never waits on a disk or a socket. The session owns one VideoPlayer per
// camera (the recorded engine through VideoPlayer::openRecording) and exposes them as rows for the view.
//
// Thread: GUI only.
#include "vigil/playback/playback_clock.h"
#include "vigil/playback/recording_plan.h"
#include "vigil/playback/timeline_model.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtGui/QPolygonF>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

namespace vigil::video {
class VideoPlayer;
}

namespace vigil::playback {

// Finds the recordings of a camera in a range; calls `done` once, on the caller's thread, with the pieces or
// an error sentence. The caller may have gone by then: `done` checks its own guard.
using RecordingLookup = std::function<void(const QString &cameraId, Span range,
                                           std::function<void(QList<RecordingPiece>, QString error)> done)>;

// The alarm and motion marks of these cameras in a range, for the timeline (the app reads its alarm store);
// synchronous, on the caller's thread.
using MarkLookup = std::function<QList<TimelineModel::Mark>(const QStringList &cameraIds, Span range)>;

// A camera's privacy masks (0..1 of the picture), painted into its recordings' frames at playback (the app
// reads its camera directory). Synchronous, on the caller's thread.
using MaskLookup = std::function<QList<QPolygonF>(const QString &cameraId)>;

class PlaybackSession : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(vigil::playback::TimelineModel *timeline READ timeline CONSTANT)
    Q_PROPERTY(double positionMs READ positionMs NOTIFY positionChanged)
    Q_PROPERTY(bool paused READ paused NOTIFY pausedChanged)
    Q_PROPERTY(double rate READ rate NOTIFY rateChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    static constexpr int kMaxCameras = 16;
    static constexpr std::int64_t kFrameMs = 40; // a step when the stream's rate is unknown (25 fps)

    enum Role
    {
        CameraIdRole = Qt::UserRole + 1,
        LabelRole,
        PlayerRole,       // VideoPlayer*: the view hands it its VideoOutput's sink
        HasRecordingRole, // false in a gap: the tile says "no recording"
        MessageRole,      // "No recording at 14:03:10" / an error sentence
    };
    Q_ENUM(Role)

    explicit PlaybackSession(QObject *parent = nullptr);
    ~PlaybackSession() override;

    // The app's door to recordings; without it the session finds none.
    void setRecordingLookup(RecordingLookup lookup);
    static void setDefaultRecordingLookup(RecordingLookup lookup); // for sessions QML creates
    // The app's door to alarm marks; without it the timeline has none. Read at open(), refresh() and
    // marksChanged().
    void setMarkLookup(MarkLookup lookup);
    static void setDefaultMarkLookup(MarkLookup lookup);
    // The app's door to privacy masks; without it recordings play unmasked. Read when a piece opens.
    void setMaskLookup(MaskLookup lookup);
    static void setDefaultMaskLookup(MaskLookup lookup);
    // Something the mark lookups read has changed (an alarm arrived): every open session reads its marks
    // again. GUI thread.
    static void marksChanged();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    TimelineModel *timeline() { return &m_timeline; }
    double positionMs() const;
    bool paused() const { return m_clock.paused(); }
    double rate() const { return m_clock.rate(); }
    int count() const { return int(m_cameras.size()); }
    bool busy() const { return m_pendingLookups > 0; }
    QString lastError() const { return m_lastError; }

    // Opens these cameras (ids; labels for the tiles and timeline rows) at recording time atMs, paused or
    // playing. Replaces what the session played. Looks up each camera's recordings around atMs (a day each
    // side).
    Q_INVOKABLE void open(const QStringList &cameraIds, const QStringList &labels, double atMs,
                          bool play = true);
    Q_INVOKABLE void close();
    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePause();
    Q_INVOKABLE void setRate(double rate);
    Q_INVOKABLE void seek(double ms);
    Q_INVOKABLE void jumpBy(double deltaMs);
    // Pauses and shows the next frame on every camera.
    Q_INVOKABLE void stepFrame();
    // Saves camera i's frame as a PNG in the pictures folder, named after the camera and the recording time;
    // returns the path (written in the background: snapshotSaved says how it went), or "" without a frame.
    Q_INVOKABLE QString saveSnapshot(int i);
    // Re-reads the recordings (a recording still being written has grown) and the alarm marks.
    Q_INVOKABLE void refresh();

    // For tests and benchmarks: the player of camera i, and the most recent drift of each camera from the
    // clock (recording time shown minus clock, ms; 0 for cameras in a gap).
    video::VideoPlayer *playerAt(int i) const;
    QList<std::int64_t> drifts() const;
    // How many times a camera was found so far off the clock that it was sought back to it.
    int resyncSeeks() const { return m_resyncSeeks; }

signals:
    void positionChanged();
    void pausedChanged();
    void rateChanged();
    void countChanged();
    void busyChanged();
    void lastErrorChanged();
    void snapshotSaved(const QString &path, bool ok);
    // Every lookup of the last open() has answered.
    void recordingsLoaded();

private:
    struct Camera;
    std::int64_t now() const { return m_monotonic.elapsed(); }
    void tick();
    void syncCamera(int i, std::int64_t clockMs, bool force);
    void lookup(int i, Span range);
    void setRowState(int i, bool hasRecording, const QString &message);
    void setLastError(const QString &error);
    void updateTimelineRows();
    void updateMarks(Span range);
    // The recordings (when `recordings`) and the marks of a day either side of `at`.
    void lookupAround(std::int64_t at, bool recordings);

    TimelineModel m_timeline;
    PlaybackClock m_clock;
    QElapsedTimer m_monotonic;
    QTimer m_tick;
    std::vector<std::unique_ptr<Camera>> m_cameras;
    RecordingLookup m_lookup;
    MarkLookup m_markLookup;
    MaskLookup m_maskLookup;
    int m_pendingLookups = 0;
    int m_resyncSeeks = 0;
    quint64 m_generation = 0; // answers from an earlier open() are dropped
    QString m_lastError;
};

} // namespace vigil::playback
