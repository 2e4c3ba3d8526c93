#include "vigil/app/tour_runner.h"

#include "vigil/cameras/camera_directory.h"
#include "vigil/core/logging.h"
#include "vigil/wall/wall_store.h"

#include <QtQml/QQmlEngine>

#include <algorithm>
#include <chrono>
#include <limits>

namespace vigil::app {

namespace {
// Marks the runner busy while it dispatches to the store itself: the store's stateChanged comes back into
// sync(), which must then only take note, not start another step.
struct Busy
{
    explicit Busy(bool &flag)
        : m_flag(flag)
    {
        m_flag = true;
    }
    ~Busy() { m_flag = false; }
    Busy(const Busy &) = delete;
    Busy &operator=(const Busy &) = delete;
    bool &m_flag;
};
} // namespace

TourRunner::TourRunner(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TourRunner::tick);
}

TourRunner::~TourRunner()
{
    dropPreload();
}

qint64 TourRunner::now() const
{
    if (m_clock)
        return m_clock();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void TourRunner::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_dwellStart = now();
    arm();
}

wall::WallStore *TourRunner::store() const
{
    // The store of the QML engine this runner lives in: a wall screen's window has its own.
    return m_store ? m_store.data() : wall::WallStore::forEngine(qmlEngine(this));
}

void TourRunner::setStore(wall::WallStore *store)
{
    if (m_store == store)
        return;
    disconnect(m_storeConnection);
    m_store = store;
    sync();
}

void TourRunner::setFeed(CameraFeed *feed)
{
    if (m_feed == feed)
        return;
    dropPreload();
    if (m_feed) {
        disconnect(m_feed, nullptr, this, nullptr);
        disconnect(m_feed->player(), nullptr, this, nullptr);
    }
    m_feed = feed;
    if (feed) {
        connect(feed, &CameraFeed::preloadReady, this, &TourRunner::onPreloadReady);
        connect(feed, &CameraFeed::preloadFailed, this, &TourRunner::onPreloadFailed);
        connect(feed->player(), &video::VideoPlayer::statusChanged, this, &TourRunner::onPlayerStatus);
    }
    emit feedChanged();
    sync();
}

void TourRunner::setTileIndex(int tile)
{
    if (m_tile == tile)
        return;
    m_tile = tile;
    emit tileIndexChanged();
    sync();
}

QStringList TourRunner::skippedNames() const
{
    QStringList names;
    if (!m_tour)
        return names;
    const auto *dir = cameras::CameraDirectory::instance();
    for (const QString &id : m_tour->skipped) {
        const QString name = dir ? dir->nameOf(id) : QString();
        names.append(name.isEmpty() ? id : name);
    }
    return names;
}

void TourRunner::sync()
{
    wall::WallStore *s = store();
    if (s && !m_storeConnection)
        m_storeConnection = connect(s, &wall::WallStore::stateChanged, this, &TourRunner::sync);
    const wall::Tour *t = s ? s->state().tourAt(m_tile) : nullptr;
    if (!t) {
        if (m_tour) {
            dropPreload();
            m_tour.reset();
            m_timer.stop();
            emit tourChanged();
        }
        return;
    }
    const bool fresh = !m_tour || m_tour->cameras != t->cameras || m_tour->dwellSeconds != t->dwellSeconds;
    const bool moved = fresh || m_tour->current != t->current;
    const bool pauseChanged = !fresh && m_tour->paused != t->paused;
    const bool changed = !m_tour || *m_tour != *t;
    m_tour = *t;
    if (moved) {
        m_dwellStart = now();
        m_pausedElapsed = t->paused ? 0 : -1;
        m_currentFailed = false;
        if (!m_preloadId.isEmpty() && m_preloadId == t->currentCamera()) {
            m_preloadId.clear(); // the feed shows it now (CameraFeed::apply commits the pre-connection)
            m_preloadIndex = -1;
        } else {
            dropPreload();
        }
        // The tile's binding does the same in QML; the feed ignores a camera it already has.
        if (m_feed)
            m_feed->setCameraId(t->currentCamera());
    } else if (pauseChanged) {
        if (t->paused) {
            m_pausedElapsed = std::max<qint64>(0, now() - m_dwellStart);
            dropPreload(); // a paused tour holds no second connection
        } else {
            m_dwellStart = now() - std::max<qint64>(0, m_pausedElapsed);
            m_pausedElapsed = -1;
        }
    }
    if (changed)
        emit tourChanged();
    tick(); // (does nothing while the runner's own dispatch is under way; that caller re-arms)
}

qint64 TourRunner::dwellEnd() const
{
    return m_tour ? m_dwellStart + qint64(m_tour->dwellSeconds) * 1000 : 0;
}

void TourRunner::tick()
{
    if (m_busy)
        return;
    {
        const Busy busy(m_busy);
        step();
    }
    arm();
}

void TourRunner::setHeld(bool held)
{
    if (m_held == held)
        return;
    m_held = held;
    if (held)
        m_heldAt = now();
    else
        m_dwellStart += std::max<qint64>(0, now() - m_heldAt); // the time held does not count
    emit heldChanged();
    tick();
}

void TourRunner::step()
{
    if (!m_tour || m_tour->paused || m_held || m_tour->cameras.size() < 2)
        return;
    const qint64 t = now();
    const bool canPreload = m_feed && m_feed->active();
    if (canPreload && m_preloadId.isEmpty() && t >= dwellEnd() - kPreconnectLeadMs)
        startPreload(m_tour->current);
    if (!m_preloadId.isEmpty() && !m_feed->isPreloadReady() && t - m_preloadStart >= kPreconnectTimeoutMs) {
        qCWarning(vigilWall) << "tour: no picture from" << m_preloadId << "within" << kPreconnectTimeoutMs
                             << "ms; skipping it";
        const int from = m_preloadIndex;
        const QString id = m_preloadId;
        dropPreload();
        skip(id);
        startPreload(from);
    }
    if (m_tour && t >= dwellEnd()) {
        if (!canPreload) {
            // A covered tile decodes nothing: follow the tour without pre-connecting.
            advanceTo((m_tour->current + 1) % int(m_tour->cameras.size()), false);
            return;
        }
        if (!m_preloadId.isEmpty() && m_feed->isPreloadReady() && m_feed->preloadCameraId() == m_preloadId)
            advanceTo(m_preloadIndex, true);
        // Otherwise the current camera stays on until the next one has its first frame.
    }
}

void TourRunner::arm()
{
    if (!m_tour || m_tour->paused || m_held || m_tour->cameras.size() < 2) {
        m_timer.stop();
        return;
    }
    const qint64 t = now();
    const qint64 end = dwellEnd();
    qint64 next = end;
    if (m_preloadId.isEmpty()) {
        if (t < end - kPreconnectLeadMs)
            next = end - kPreconnectLeadMs;
    } else if (!m_feed || !m_feed->isPreloadReady()) {
        next = m_preloadStart + kPreconnectTimeoutMs;
        if (t < end)
            next = std::min(next, end); // nothing to do at dwell end yet, but cheap to check
    }
    const qint64 delay = std::clamp<qint64>(next - t, 5, 24 * 3600 * 1000);
    m_timer.start(int(delay));
}

void TourRunner::startPreload(int fromIndex)
{
    if (!m_tour || !m_feed || !m_feed->active())
        return;
    const int n = int(m_tour->cameras.size());
    for (int step = 1; step < n; ++step) {
        const int i = (fromIndex + step) % n;
        if (i == m_tour->current)
            break;
        const QString id = m_tour->cameras.at(i);
        if (m_feed->preloadCamera(id)) {
            m_preloadId = id;
            m_preloadIndex = i;
            m_preloadStart = now();
            qCInfo(vigilWall) << "tour on tile" << m_tile << ": pre-connecting" << id;
            return;
        }
        skip(id); // unknown, no stream, or its password is not read yet
        if (!m_tour)
            return;
    }
    // No other camera can be connected now: the current one stays for another dwell, then all are tried
    // again.
    qCInfo(vigilWall) << "tour on tile" << m_tile << ": no other camera can be connected; staying on"
                      << m_tour->currentCamera();
    m_dwellStart = now();
}

void TourRunner::onPreloadReady(const QString &cameraId)
{
    if (cameraId == m_preloadId && m_tour && !m_tour->paused && now() >= dwellEnd())
        tick();
}

void TourRunner::onPreloadFailed(const QString &cameraId)
{
    if (cameraId != m_preloadId || !m_tour || m_busy)
        return;
    {
        const Busy busy(m_busy);
        const int from = m_preloadIndex;
        m_preloadId.clear();
        m_preloadIndex = -1;
        skip(cameraId);
        startPreload(from);
    }
    tick();
}

void TourRunner::onPlayerStatus()
{
    if (!m_tour || m_tour->paused || m_tour->cameras.size() < 2 || m_currentFailed || !m_feed || m_busy)
        return;
    using S = video::VideoPlayer::Status;
    const auto *player = m_feed->player();
    const bool failed = player->status() == S::Failed || player->status() == S::Reconnecting;
    if (!failed || player->hasFrame())
        return;
    // The current camera never showed a picture: mark it and move on without waiting for the dwell.
    m_currentFailed = true;
    {
        const Busy busy(m_busy);
        skip(m_tour->currentCamera());
        if (m_tour)
            m_dwellStart = std::min(m_dwellStart, now() - qint64(m_tour->dwellSeconds) * 1000);
    }
    tick();
}

void TourRunner::skip(const QString &cameraId)
{
    qCInfo(vigilWall) << "tour on tile" << m_tile << ": skipping" << cameraId;
    if (auto *s = store())
        s->dispatch(wall::MarkTourSkipped{m_tile, cameraId});
}

void TourRunner::advanceTo(int index, bool preconnected)
{
    auto *s = store();
    if (!s)
        return;
    qCInfo(vigilWall) << "tour on tile" << m_tile << ": to camera" << index
                      << (preconnected ? "(pre-connected)" : "");
    if (s->dispatch(wall::AdvanceTour{m_tile, index}))
        emit advanced(index, preconnected);
}

void TourRunner::dropPreload()
{
    if (!m_preloadId.isEmpty() && m_feed && m_feed->preloadCameraId() == m_preloadId)
        m_feed->cancelPreload();
    m_preloadId.clear();
    m_preloadIndex = -1;
}

void TourRunner::togglePause()
{
    if (auto *s = store(); s && m_tour)
        s->dispatch(wall::SetTourPaused{m_tile, !m_tour->paused});
}

void TourRunner::stop()
{
    if (auto *s = store())
        s->dispatch(wall::StopTour{m_tile});
}

} // namespace vigil::app
