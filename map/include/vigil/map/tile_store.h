#pragma once
// TileStore: the GUI-side face of tile loading for one MapView. Owns the worker thread with its TileLoader,
// the in-memory LRU of decoded tiles and the set of requests in flight, so that the view only asks "which
// tiles do I want now" and draws whatever is cached (falling back to scaled ancestors). Thread: GUI only; the
// loader runs on the store's own worker thread and reports back through queued signals.
#include "vigil/map/geo.h"
#include "vigil/map/lru_cache.h"
#include "vigil/map/tile_source.h"

#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QThread>
#include <QtGui/QImage>

namespace vigil::map {

class TileStore : public QObject
{
    Q_OBJECT
public:
    enum class Status
    {
        Loading,
        Ready,
        Error,
    };

    // `diskCacheDir` for HTTP tiles; default core::cacheDir() + "/map-tiles".
    explicit TileStore(QObject *parent = nullptr, const QString &diskCacheDir = {});
    ~TileStore() override;

    // Parses and switches the source; cached tiles of the old source are dropped. Returns false (and sets
    // status Error with lastError) for a source string that cannot work.
    bool setSource(const QString &source);
    const TileSourceSpec &spec() const { return m_spec; }
    Status status() const { return m_status; }
    QString lastError() const { return m_lastError; }
    int minZoom() const { return m_minZoom; }
    int maxZoom() const { return m_maxZoom; }

    // Cached image (refreshes its LRU position) or nullptr.
    const QImage *image(TileId t) { return m_cache.get(t); }
    const QImage *peek(TileId t) const { return m_cache.peek(t); }
    // The source has no tile there (do not ask again for this source).
    bool isMissing(TileId t) const { return m_missing.contains(t); }
    // Asks for every tile in `wanted` that is neither cached, pending nor known missing; network requests
    // for tiles no longer wanted are cancelled. Order matters: first = most wanted.
    void want(const QList<TileId> &wanted);
    int pendingCount() const { return int(m_pending.size()); }
    int cachedCount() const { return m_cache.size(); }
    void setMemoryBudget(qint64 bytes) { m_cache.setMaxCost(bytes); }

signals:
    void tileArrived(vigil::map::TileId t);
    void statusChanged();

private:
    void onSourceReady(int minZoom, int maxZoom, quint64 generation);
    void onSourceFailed(const QString &error, quint64 generation);
    void onTileLoaded(int z, int x, int y, const QImage &image, quint64 generation);
    void onTileFailed(int z, int x, int y, bool missing, const QString &error, quint64 generation);
    void setStatus(Status status, const QString &error);

    QThread m_thread;
    TileLoader *m_loader = nullptr; // lives on m_thread; deleted there when the thread finishes
    TileSourceSpec m_spec;
    quint64 m_generation = 0;
    Status m_status = Status::Loading;
    QString m_lastError;
    int m_minZoom = 0;
    int m_maxZoom = 22;
    LruCache<TileId, QImage> m_cache{96LL * 1024 * 1024}; // ~370 decoded 256 px tiles
    QSet<TileId> m_pending;
    QSet<TileId> m_missing;
};

} // namespace vigil::map
