#pragma once
// TourRunner: times the tour (wall_state.h Tour) of one tile and drives the tile's CameraFeed.
//
// The tour is data in the WallStore; the runner only reads it and dispatches AdvanceTour / MarkTourSkipped.
// kPreconnectLeadMs before the dwell ends it pre-connects the next camera in the background through the
// tile's feed (CameraFeed::preloadCamera: a second FrameSource of the same VideoPlayer, frames kept in its
// own FrameSlot and not shown). At dwell end it advances only when that camera's first frame has arrived, so
// the tile switches from one live picture to the next with no black and no spinner; while the next camera is
// still connecting, the current one stays on. A camera that cannot be connected (or has no frame within
// kPreconnectTimeoutMs) is marked skipped — the tile says so — and the one after it is tried. A current
// camera that fails before showing any picture ends its dwell at once. Paused tours do not advance (and hold
// no second connection); resuming continues the dwell where it stopped.
//
// QML creates one per tile and pushes the tile's feed and index into it (C++ never looks into QML). Time
// comes from a clock that tests replace; tick() does everything the timer would. Thread: GUI only.
#include "vigil/app/camera_feed.h"
#include "vigil/wall/wall_state.h"

#include <QtCore/QLocale>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace vigil::wall {
class WallStore;
}

namespace vigil::app {

class TourRunner : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(vigil::app::CameraFeed *feed READ feed WRITE setFeed NOTIFY feedChanged)
    Q_PROPERTY(int tileIndex READ tileIndex WRITE setTileIndex NOTIFY tileIndexChanged)
    // The tile has a tour.
    Q_PROPERTY(bool active READ active NOTIFY tourChanged)
    Q_PROPERTY(bool paused READ paused NOTIFY tourChanged)
    // Held while the operator's pointer is on the tile: the dwell clock stops (and goes on where it stopped
    // when the pointer leaves), so the camera being looked at does not switch away. A view state, not saved,
    // not shared with other PCs.
    Q_PROPERTY(bool held READ held WRITE setHeld NOTIFY heldChanged)
    // 1-based position of the current camera and the number of cameras (0 without a tour).
    Q_PROPERTY(int position READ position NOTIFY tourChanged)
    Q_PROPERTY(int count READ count NOTIFY tourChanged)
    Q_PROPERTY(int dwellSeconds READ dwellSeconds NOTIFY tourChanged)
    // Names of the cameras skipped because they could not be connected ("" when none).
    Q_PROPERTY(QStringList skippedNames READ skippedNames NOTIFY tourChanged)
    // The same names as one line for the tile, in the user's language ("North gate and Yard"), "" when none.
    Q_PROPERTY(QString skippedText READ skippedText NOTIFY tourChanged)

public:
    static constexpr int kPreconnectLeadMs = 2000;
    static constexpr int kPreconnectTimeoutMs = 10000;
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    explicit TourRunner(QObject *parent = nullptr);
    ~TourRunner() override;

    CameraFeed *feed() const { return m_feed; }
    void setFeed(CameraFeed *feed);
    int tileIndex() const { return m_tile; }
    void setTileIndex(int tile);
    bool active() const { return m_tour.has_value(); }
    bool paused() const { return m_tour && m_tour->paused; }
    bool held() const { return m_held; }
    void setHeld(bool held);
    int position() const { return m_tour ? m_tour->current + 1 : 0; }
    int count() const { return m_tour ? int(m_tour->cameras.size()) : 0; }
    int dwellSeconds() const { return m_tour ? m_tour->dwellSeconds : 0; }
    QStringList skippedNames() const;
    QString skippedText() const { return QLocale().createSeparatedList(skippedNames()); }

    // The store whose tour this runner times; unless set (tests), the `Wall` of its QML engine.
    void setStore(wall::WallStore *store);
    // Tests: a manual clock. tick() then does at once what the timer would do at that time.
    void setClock(Clock clock);
    void tick();
    // The camera being pre-connected, "" when none (tests and the badge's tooltip).
    QString preconnectingCamera() const { return m_preloadId; }

    // QML: pause or resume the tile's tour; go to the next camera now.
    Q_INVOKABLE void togglePause();
    Q_INVOKABLE void stop();

signals:
    void feedChanged();
    void tileIndexChanged();
    void tourChanged();
    void heldChanged();
    // The tile moved to the tour's camera `index` (tests and benchmarks time switches with it).
    void advanced(int index, bool preconnected);

private:
    void sync();
    void step();
    void startPreload(int fromIndex);
    void onPreloadReady(const QString &cameraId);
    void onPreloadFailed(const QString &cameraId);
    void onPlayerStatus();
    void skip(const QString &cameraId);
    void advanceTo(int index, bool preconnected);
    void dropPreload();
    void arm();
    qint64 now() const;
    qint64 dwellEnd() const;
    wall::WallStore *store() const;

    QPointer<CameraFeed> m_feed;
    QPointer<wall::WallStore> m_store;
    QMetaObject::Connection m_storeConnection;
    int m_tile = -1;
    std::optional<wall::Tour> m_tour; // as last seen in the store
    Clock m_clock;
    QTimer m_timer;
    qint64 m_dwellStart = 0;
    qint64 m_pausedElapsed = -1; // dwell time used when paused, -1 when running
    QString m_preloadId;         // camera being pre-connected
    int m_preloadIndex = -1;
    qint64 m_preloadStart = 0;
    bool m_held = false;
    qint64 m_heldAt = 0;          // when the hold began (the dwell is extended by the time held)
    bool m_busy = false;          // inside step() or another runner-made dispatch
    bool m_currentFailed = false; // the current camera failed before any picture (handled once per turn)
};

} // namespace vigil::app
