#include "vigil/map/tile_store.h"

#include "vigil/map/logging.h"

#include "vigil/core/paths.h"

namespace vigil::map {

TileStore::TileStore(QObject *parent, const QString &diskCacheDir)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("vigil-map-tiles"));
    m_loader = new TileLoader(diskCacheDir.isEmpty() ? core::cacheDir() + QStringLiteral("/map-tiles")
                                                     : diskCacheDir);
    m_loader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    connect(m_loader, &TileLoader::sourceReady, this, &TileStore::onSourceReady);
    connect(m_loader, &TileLoader::sourceFailed, this, &TileStore::onSourceFailed);
    connect(m_loader, &TileLoader::tileLoaded, this, &TileStore::onTileLoaded);
    connect(m_loader, &TileLoader::tileFailed, this, &TileStore::onTileFailed);
    m_thread.start();
    setSource(QString());
}

TileStore::~TileStore()
{
    TileLoader *loader = m_loader;
    // The SQLite connection and the network manager must go on the thread that made them.
    QMetaObject::invokeMethod(
        loader, [loader] { loader->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool TileStore::setSource(const QString &source)
{
    QString error;
    const auto spec = TileSourceSpec::fromString(source, &error);
    ++m_generation;
    m_cache.clear();
    m_pending.clear();
    m_missing.clear();
    if (!spec) {
        m_spec = TileSourceSpec{};
        m_status = Status::Error;
        m_lastError = error;
        emit statusChanged();
        return false;
    }
    m_spec = *spec;
    m_minZoom = spec->minZoom;
    m_maxZoom = spec->maxZoom;
    // The loader must hear about the new source before any request for it (statusChanged below makes the
    // view ask for tiles at once).
    TileLoader *loader = m_loader;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        loader, [loader, s = *spec, generation] { loader->setSource(s, generation); }, Qt::QueuedConnection);
    // Always announce: the datum and zoom range change with the source even if the status stays Loading.
    m_status = Status::Loading;
    m_lastError.clear();
    emit statusChanged();
    return true;
}

void TileStore::want(const QList<TileId> &wanted)
{
    if (m_status == Status::Error)
        return;
    QList<TileId> toAsk;
    for (const TileId &t : wanted) {
        if (!t.isValid() || m_cache.contains(t) || m_pending.contains(t) || m_missing.contains(t))
            continue;
        m_pending.insert(t);
        toAsk.append(t);
    }
    TileLoader *loader = m_loader;
    const quint64 generation = m_generation;
    if (m_spec.kind == TileSourceSpec::Kind::Xyz && m_pending.size() > toAsk.size())
        QMetaObject::invokeMethod(
            loader, [loader, wanted, generation] { loader->cancelAllBut(wanted, generation); },
            Qt::QueuedConnection);
    if (!toAsk.isEmpty())
        QMetaObject::invokeMethod(
            loader,
            [loader, toAsk, generation] {
                for (const TileId &t : toAsk)
                    loader->request(t, generation);
            },
            Qt::QueuedConnection);
}

void TileStore::onSourceReady(int minZoom, int maxZoom, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_minZoom = minZoom;
    m_maxZoom = maxZoom;
    setStatus(Status::Ready, QString());
}

void TileStore::onSourceFailed(const QString &error, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_pending.clear();
    setStatus(Status::Error, error);
}

void TileStore::onTileLoaded(int z, int x, int y, const QImage &image, quint64 generation)
{
    if (generation != m_generation)
        return;
    const TileId t{z, x, y};
    m_pending.remove(t);
    m_cache.insert(t, image, image.sizeInBytes());
    emit tileArrived(t);
}

void TileStore::onTileFailed(int z, int x, int y, bool missing, const QString &error, quint64 generation)
{
    if (generation != m_generation)
        return;
    const TileId t{z, x, y};
    m_pending.remove(t);
    if (!missing && error.isEmpty())
        return; // cancelled: may be asked again
    if (missing)
        m_missing.insert(t);
    else
        qCDebug(vigilMap).noquote() << error;
}

void TileStore::setStatus(Status status, const QString &error)
{
    if (m_status == status && m_lastError == error)
        return;
    m_status = status;
    m_lastError = error;
    emit statusChanged();
}

} // namespace vigil::map
