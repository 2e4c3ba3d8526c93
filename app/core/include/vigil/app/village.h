#pragma once
// Village mode (issue 13): one modest PC by one big screen in a village's office, started at boot, watched by
// whoever passes by. main() turns it on for --village or the setting "mode": "village" in settings.json:
// - no login: access Mode::Village, an implicit operator (watch, play back; no settings, no users);
// - Chinese first: zh_CN unless --lang or the setting "language" says otherwise;
// - players retry every failure forever, by themselves (VideoPlayer::setUnattended, as kiosk mode);
// - QML shows the big-button bar (VillageBar.qml) instead of the toolbar, and every tile plays its camera's
//   sub stream (CameraTile's StreamSelector.subOnly, bound to Session.village).
// VillageMode is the rest:
// - the wall: layouts 1, 4 and 9 only (WallStore::setAllowedLayouts); a wall with no camera gets the first
//   nine cameras as soon as the camera list has them;
// - recording: the cameras of the wall's first nine tiles (and of tours there), recorded all the time through
//   the RecordingService, whose root holds one disk budget ("villageRecordBudgetGb", default 50 GB; 0 = no
//   recording): the oldest segments go first;
// - the self-check: one line in the log a minute after start and then once a day, easy to grep:
//     village self-check: time=2026-12-07T03:12:00Z uptime=3d04h12m tiles_live=8/9 layout=9 recording=9/9
//     rec_used_gb=41.20 rec_budget_gb=50.00 disk_free_gb=112.40 rss_mb=182 status=warn problems=tiles_offline
//   (one line; wrapped here). status=ok, or warn with the problems: tiles_offline (a tile's camera does not
//   play), not_recording (a camera that should record does not), disk_low (less than 2 GB free beyond what
//   the budget still needs).
// Thread: GUI only. The self-check's disk walk and free-space query run on a short-lived worker
// (core::WorkerThreads "village-self-check", once a day), and the line is logged back on the GUI thread.
#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtCore/QStringList>
#include <QtCore/QTimer>

namespace vigil::cameras {
class CameraDirectory;
}
namespace vigil::wall {
class WallStore;
}

namespace vigil::app {

class RecordingService;

inline constexpr int kVillageMaxTiles = 9;
inline constexpr double kDefaultVillageRecordBudgetGb = 50;
// The layouts a village wall may show.
QStringList villageLayouts();
// The disk budget of a village PC's recordings in bytes (1 GB = 10^9 bytes, as disks are sold): the setting
// "villageRecordBudgetGb" (>= 0; 0 = no recording), or the default when it is not set (< 0).
qint64 villageRecordBudgetBytes(double settingGb);

// The facts of one self-check, and the line they make (pure: tested as such).
struct VillageSelfCheck
{
    qint64 utcMs = 0; // when (ms since the epoch)
    qint64 uptimeMs = 0;
    int layoutTiles = 0;     // tiles of the layout shown
    int tilesWithCamera = 0; // of those, tiles with a camera
    int tilesLive = 0;       // of those, tiles whose camera plays now
    int recordingWanted = 0; // cameras that should record
    int recordingNow = 0;    // cameras that do
    qint64 recordUsedBytes = 0;
    qint64 recordBudgetBytes = 0; // 0 = no recording
    qint64 diskFreeBytes = -1;    // -1 = unknown
    double rssMb = 0;

    // "tiles_offline", "not_recording", "disk_low", in this order; empty when all is well.
    QStringList problems() const;
    // The single line (see the header comment).
    QString line() const;
};

class VillageMode : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int firstSelfCheckMs = 60 * 1000;           // after start(): the tiles have had time to connect
        int selfCheckIntervalMs = 24 * 3600 * 1000; // then once a day
    };
    // `recordings` may be null (no recording); its options' quotaBytes is the budget the line reports.
    VillageMode(wall::WallStore *wall, cameras::CameraDirectory *directory, RecordingService *recordings,
                Options options, QObject *parent = nullptr);
    VillageMode(wall::WallStore *wall, cameras::CameraDirectory *directory, RecordingService *recordings,
                QObject *parent = nullptr)
        : VillageMode(wall, directory, recordings, Options{}, parent)
    {}
    ~VillageMode() override;

    // Caps the wall at 1/4/9, fills an empty wall, starts recording the wall's cameras and the self-check
    // timer. Call once, after the wall and the camera list are loaded.
    void start();

    // The cameras that should record: those of the wall's first nine tiles and of the tours there, in tile
    // order, each once, at most nine.
    QStringList camerasToRecord() const;
    // Runs a self-check now (its disk walk on a worker); selfChecked() follows with the line, also logged.
    void selfCheckNow();
    // The facts the GUI thread knows now (the disk's are filled in by the worker).
    VillageSelfCheck currentFacts() const;

signals:
    void selfChecked(const QString &line);

private:
    void syncRecordings();
    void fillEmptyWall();
    void logSelfCheck(const VillageSelfCheck &check);

    QPointer<wall::WallStore> m_wall;
    QPointer<cameras::CameraDirectory> m_directory;
    QPointer<RecordingService> m_recordings;
    Options m_options;
    QElapsedTimer m_uptime;
    QTimer m_selfCheck;
    QSet<QString> m_recorded; // cameras this object started recording
    bool m_started = false;
    bool m_filled = false;   // the empty wall was filled once (never again: the operator may empty it)
    bool m_checking = false; // a self-check's worker is running
};

} // namespace vigil::app
