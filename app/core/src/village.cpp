#include "vigil/app/village.h"

#include "vigil/alarms/camera_health.h"
#include "vigil/app/recording_service.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/logging.h"
#include "vigil/core/worker_threads.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QDateTime>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QStorageInfo>

#include <algorithm>
#include <cmath>

namespace vigil::app {

namespace {
constexpr double kGb = 1e9;
constexpr qint64 kDiskLowMarginBytes = qint64(2e9);

QString gb(qint64 bytes)
{
    return QString::number(double(bytes) / kGb, 'f', 2);
}

QString uptimeText(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    return QStringLiteral("%1d%2h%3m")
        .arg(minutes / (24 * 60))
        .arg((minutes / 60) % 24, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

// Bytes of the files under `root` (the recordings: <root>/<camera>/<start>.mkv). Disk I/O: a worker's.
qint64 bytesUnder(const QString &root)
{
    qint64 total = 0;
    QDirIterator it(root, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

// Free bytes for an unprivileged writer on the file system of `path` (or of its nearest existing parent:
// the root may not exist before the first segment). -1 when unknown. Disk I/O: a worker's.
qint64 freeBytesAt(QString path)
{
    while (!path.isEmpty() && !QFileInfo::exists(path)) {
        const QString parent = QFileInfo(path).absolutePath();
        if (parent == path)
            break;
        path = parent;
    }
    const QStorageInfo storage(path);
    return storage.isValid() ? storage.bytesAvailable() : -1;
}

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}
} // namespace

QStringList villageLayouts()
{
    return {QStringLiteral("1"), QStringLiteral("4"), QStringLiteral("9")};
}

qint64 villageRecordBudgetBytes(double settingGb)
{
    const double gbWanted = settingGb < 0 ? kDefaultVillageRecordBudgetGb : settingGb;
    return qint64(std::llround(gbWanted * kGb));
}

QStringList VillageSelfCheck::problems() const
{
    QStringList out;
    if (tilesLive < tilesWithCamera)
        out.append(QStringLiteral("tiles_offline"));
    if (recordBudgetBytes > 0 && recordingNow < recordingWanted)
        out.append(QStringLiteral("not_recording"));
    const qint64 stillNeeded = std::max<qint64>(0, recordBudgetBytes - recordUsedBytes);
    if (diskFreeBytes >= 0 && diskFreeBytes < stillNeeded + kDiskLowMarginBytes)
        out.append(QStringLiteral("disk_low"));
    return out;
}

QString VillageSelfCheck::line() const
{
    const QStringList bad = problems();
    QString s =
        QStringLiteral("village self-check: time=%1 uptime=%2 tiles_live=%3/%4 layout=%5 recording=%6/%7 "
                       "rec_used_gb=%8 rec_budget_gb=%9")
            .arg(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODate), uptimeText(uptimeMs),
                 QString::number(tilesLive), QString::number(tilesWithCamera), QString::number(layoutTiles),
                 QString::number(recordingNow), QString::number(recordingWanted), gb(recordUsedBytes),
                 gb(recordBudgetBytes));
    s += QStringLiteral(" disk_free_gb=%1 rss_mb=%2 status=%3")
             .arg(diskFreeBytes < 0 ? QStringLiteral("unknown") : gb(diskFreeBytes))
             .arg(qRound(rssMb))
             .arg(bad.isEmpty() ? QStringLiteral("ok") : QStringLiteral("warn"));
    if (!bad.isEmpty())
        s += QStringLiteral(" problems=") + bad.join(QLatin1Char(','));
    return s;
}

VillageMode::VillageMode(wall::WallStore *wall, cameras::CameraDirectory *directory,
                         RecordingService *recordings, Options options, QObject *parent)
    : QObject(parent)
    , m_wall(wall)
    , m_directory(directory)
    , m_recordings(recordings)
    , m_options(options)
{
    m_uptime.start();
    m_selfCheck.setSingleShot(true); // re-armed with the interval after each run
    connect(&m_selfCheck, &QTimer::timeout, this, [this] {
        selfCheckNow();
        m_selfCheck.start(m_options.selfCheckIntervalMs);
    });
}

VillageMode::~VillageMode() = default;

void VillageMode::start()
{
    if (m_started || !m_wall)
        return;
    m_started = true;
    m_wall->setAllowedLayouts(villageLayouts());
    connect(m_wall, &wall::WallStore::stateChanged, this, &VillageMode::syncRecordings);
    if (m_directory) {
        // The cameras arrive after start-up (a platform's list, the demo): fill and record them then.
        const auto arrived = [this] {
            fillEmptyWall();
            syncRecordings();
        };
        connect(m_directory, &QAbstractItemModel::rowsInserted, this, arrived);
        connect(m_directory, &QAbstractItemModel::modelReset, this, arrived);
    }
    fillEmptyWall();
    syncRecordings();
    m_selfCheck.start(m_options.firstSelfCheckMs);
    const qint64 budget = m_recordings ? m_recordings->options().quotaBytes : 0;
    qCInfo(vigilApp).noquote() << "village mode: layouts 1/4/9, sub streams only, no login; recording"
                               << (budget > 0 && m_recordings
                                       ? QStringLiteral("the wall's cameras to %1 within %2 GB")
                                             .arg(m_recordings->root(), gb(budget))
                                       : QStringLiteral("off"))
                               << "; self-check in the log every" << m_options.selfCheckIntervalMs / 1000
                               << "s";
}

QStringList VillageMode::camerasToRecord() const
{
    QStringList ids;
    if (!m_wall)
        return ids;
    const wall::WallState &state = m_wall->state();
    auto add = [&ids](const QString &id) {
        if (!id.isEmpty() && !ids.contains(id) && ids.size() < kVillageMaxTiles)
            ids.append(id);
    };
    for (int tile = 0; tile < kVillageMaxTiles; ++tile) {
        add(state.cameraAt(tile));
        if (const wall::Tour *tour = state.tourAt(tile)) {
            for (const QString &id : tour->cameras)
                add(id);
        }
    }
    return ids;
}

void VillageMode::syncRecordings()
{
    if (!m_recordings || m_recordings->options().quotaBytes <= 0)
        return;
    const QStringList wanted = camerasToRecord();
    for (const QString &id : wanted) {
        // start() fails (and says why in the log) for a camera not in the list yet: tried again when the
        // list grows.
        if (!m_recorded.contains(id) && m_directory && m_directory->camera(id) && m_recordings->start(id))
            m_recorded.insert(id);
    }
    const QSet<QString> recorded = m_recorded;
    for (const QString &id : recorded) {
        if (!wanted.contains(id)) {
            m_recordings->stop(id);
            m_recorded.remove(id);
        }
    }
}

void VillageMode::fillEmptyWall()
{
    if (m_filled || !m_wall || !m_directory)
        return;
    const wall::WallState &state = m_wall->state();
    const bool empty = std::all_of(state.tileCameras.cbegin(), state.tileCameras.cend(),
                                   [](const QString &id) { return id.isEmpty(); }) &&
                       state.tours.isEmpty();
    if (!empty) {
        m_filled = true; // the operator's wall: never touched
        return;
    }
    const auto cameras = m_directory->cameras();
    if (cameras.isEmpty())
        return;
    m_filled = true;
    const int n = std::min<int>(kVillageMaxTiles, int(cameras.size()));
    m_wall->setLayout(n > 4 ? QStringLiteral("9") : n > 1 ? QStringLiteral("4") : QStringLiteral("1"));
    for (int i = 0; i < n; ++i)
        m_wall->assignCamera(i, cameras.at(i).id);
    qCInfo(vigilApp) << "village mode: the empty wall shows the first" << n << "cameras";
}

VillageSelfCheck VillageMode::currentFacts() const
{
    VillageSelfCheck c;
    c.utcMs = QDateTime::currentMSecsSinceEpoch();
    c.uptimeMs = m_uptime.elapsed();
    if (m_wall) {
        c.layoutTiles = m_wall->tileCount();
        const alarms::CameraHealth *health = alarms::CameraHealth::instance();
        for (int tile = 0; tile < c.layoutTiles; ++tile) {
            const QString id = m_wall->state().cameraAt(tile);
            if (id.isEmpty())
                continue;
            ++c.tilesWithCamera;
            if (health->isPlaying(id))
                ++c.tilesLive;
        }
    }
    if (m_recordings && m_recordings->options().quotaBytes > 0) {
        c.recordBudgetBytes = m_recordings->options().quotaBytes;
        const QStringList wanted = camerasToRecord();
        c.recordingWanted = int(wanted.size());
        for (const QString &id : wanted) {
            if (m_recordings->isRecording(id))
                ++c.recordingNow;
        }
    }
    return c;
}

void VillageMode::selfCheckNow()
{
    if (m_checking)
        return; // the last one's disk walk has not come back yet: its line will do
    m_checking = true;
    VillageSelfCheck facts = currentFacts(); // copied into the worker, which adds the disk's facts
    const QString root = m_recordings ? m_recordings->root() : QString();
    QPointer<VillageMode> self(this);
    core::WorkerThreads::start(QStringLiteral("village-self-check"), [facts, root, self]() mutable {
        if (!root.isEmpty()) {
            facts.recordUsedBytes = QFileInfo::exists(root) ? bytesUnder(root) : 0;
            facts.diskFreeBytes = freeBytesAt(root);
        }
        facts.rssMb = rssMb();
        core::postToApp([self, facts] {
            if (self)
                self->logSelfCheck(facts);
        });
    });
}

void VillageMode::logSelfCheck(const VillageSelfCheck &check)
{
    m_checking = false;
    const QString text = check.line();
    if (check.problems().isEmpty())
        qCInfo(vigilApp).noquote() << text;
    else
        qCWarning(vigilApp).noquote() << text;
    emit selfChecked(text);
}

} // namespace vigil::app
