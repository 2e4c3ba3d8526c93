#pragma once
// RecordingService (QML singleton `Recordings`): local recording of cameras, the app's side of it. One
// recording::Recorder per camera that records (the tile's "Record", an alarm rule's "record for M minutes",
// the demo and village PCs recording their cameras all the time), all under one root with one disk budget,
// and the PlaybackSession's door to what was recorded (RecordingIndex scanned off the GUI thread).
//
// Streams are resolved through the camera directory (the only door to passwords); nothing here logs or shows
// a URL with credentials.
// Thread: GUI only. Recorders work on their own threads; scans run on core::WorkerThreads.
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace vigil::cameras {
class CameraDirectory;
}
namespace vigil::recording {
class Recorder;
}

namespace vigil::app {

class RecordingService : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Recordings)
    QML_SINGLETON
    // Cameras recording now (ids).
    Q_PROPERTY(QStringList recordingCameras READ recordingCameras NOTIFY recordingCamerasChanged)
    Q_PROPERTY(QString root READ root CONSTANT)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // Export of a time range (Playback's Mark in / Mark out → Export): running, 0..1 over every camera asked.
    Q_PROPERTY(bool exporting READ exporting NOTIFY exportChanged)
    Q_PROPERTY(double exportProgress READ exportProgress NOTIFY exportChanged)
    Q_PROPERTY(QString exportStatus READ exportStatus NOTIFY exportChanged)
    Q_PROPERTY(QString exportDir READ exportDir CONSTANT)

public:
    struct Options
    {
        QString root;            // recordings root (<root>/<cameraId>/<UTC start>.mkv)
        qint64 quotaBytes = 0;   // disk budget of the root; 0 = none
        int segmentSeconds = 60; //
        int preAlarmSeconds = 0; // ring per recording camera (alarm rules ask for pre-alarm seconds)
    };
    RecordingService(cameras::CameraDirectory *directory, Options options, QObject *parent = nullptr);
    ~RecordingService() override;

    static RecordingService *create(QQmlEngine *, QJSEngine *);
    static void setInstance(RecordingService *service);
    static RecordingService *instance();

    QStringList recordingCameras() const;
    QString root() const { return m_options.root; }
    QString lastError() const { return m_lastError; }
    const Options &options() const { return m_options; }

    Q_INVOKABLE bool isRecording(const QString &cameraId) const;
    // Starts recording the camera's main stream (minutes > 0: stops by itself after that long; preSeconds:
    // begin that far in the past where the ring reaches). False with lastError when the camera is unknown.
    Q_INVOKABLE bool start(const QString &cameraId, int minutes = 0, int preSeconds = 0);
    Q_INVOKABLE void stop(const QString &cameraId);
    Q_INVOKABLE bool toggle(const QString &cameraId);
    // Status line of one camera's recorder for the tile ("" when it does not record).
    Q_INVOKABLE QString statusOf(const QString &cameraId) const;

    // Ends every recorder: each closes its open segment (complete and playable) on its worker, which then
    // ends (core::WorkerThreads, names "recording-<cameraId>"). For the end of the program.
    void shutdown();

    bool exporting() const;
    double exportProgress() const;
    QString exportStatus() const { return m_exportStatus; }
    QString exportDir() const;
    // Exports [fromMs, toMs] (UTC epoch ms) of each camera's local recordings to one MP4 per camera (stream
    // copy, a .sha256 beside each) in exportDir(), one camera after the other. False (and exportFinished)
    // when nothing can start: another export runs, or the range is empty or longer than 24 hours.
    Q_INVOKABLE bool exportRange(const QStringList &cameraIds, double fromMs, double toMs);
    Q_INVOKABLE void cancelExport();

    // Installs the PlaybackSession's default lookup: the recorded segments of a camera under root().
    void installPlaybackLookup();

signals:
    void recordingCamerasChanged();
    void lastErrorChanged();
    // Any recorder's state or error changed (tiles re-read statusOf()).
    void statusChanged(const QString &cameraId);
    void exportChanged();
    // An export ended: a sentence for the operator (what was written where, or what failed and what to do).
    void exportFinished(const QString &text, bool ok);

private:
    struct Entry;
    void setLastError(const QString &error);

    QPointer<cameras::CameraDirectory> m_directory;
    Options m_options;
    QHash<QString, std::shared_ptr<Entry>> m_entries;
    QString m_lastError;

    struct ExportJob;
    void exportNext();
    std::shared_ptr<ExportJob> m_export;
    QString m_exportStatus;
};

} // namespace vigil::app
