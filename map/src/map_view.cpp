#include "vigil/map/map_view.h"

#include "vigil/map/logging.h"
#include "vigil/map/tile_store.h"

#include <QtGui/QKeyEvent>
#include <QtQuick/QQuickWindow>
#include <QtQuick/QSGSimpleRectNode>
#include <QtQuick/QSGSimpleTextureNode>
#include <QtQuick/QSGTexture>

#include <algorithm>

namespace vigil::map {

namespace {

constexpr qreal kDragThreshold = 4;           // pixels before a press becomes a drag
constexpr qreal kKineticMinSpeed = 150;       // px/s to start coasting
constexpr qreal kKineticStopSpeed = 15;       // px/s to stop
constexpr qreal kKineticTimeConstant = 0.325; // s, as iOS/Flickable-like scroll decay
constexpr int kMaxTextures = 320;             // GPU tiles kept (~80 MB RGBA at 256 px)
constexpr int kMaxAncestorLevels = 8;

// Scene-graph side of the tile drawing: textures per tile (made on the render thread from the GUI-side
// images) and a pool of texture nodes, reused frame to frame so the renderer sees few structural changes.
class TilesNode : public QSGNode
{
public:
    TilesNode()
    {
        // Where the source has no tile (outside an offline set's coverage, below its zooms): a neutral
        // ground.
        m_background->setColor(QColor(0xdd, 0xda, 0xd3));
        appendChildNode(m_background);
    }
    void setBackground(const QRectF &rect, const QColor &colour)
    {
        if (m_background->rect() != rect)
            m_background->setRect(rect);
        if (m_background->color() != colour)
            m_background->setColor(colour);
    }
    ~TilesNode() override
    {
        for (const Entry &e : std::as_const(m_textures))
            delete e.texture;
    }

    void beginFrame() { ++m_frame, m_used = 0; }

    void draw(QQuickWindow *window, TileId id, const QImage &image, const QRectF &target,
              const QRectF &source)
    {
        QSGTexture *texture = textureFor(window, id, image);
        if (!texture)
            return;
        if (m_used == m_pool.size()) {
            // Fully set up before it joins the tree: the software renderer reads it on insertion.
            auto *node = new QSGSimpleTextureNode;
            node->setFiltering(QSGTexture::Linear);
            node->setTexture(texture);
            node->setRect(target);
            node->setSourceRect(source);
            appendChildNode(node);
            m_pool.append(node);
            ++m_used;
            return;
        }
        QSGSimpleTextureNode *node = m_pool[m_used];
        ++m_used;
        if (node->texture() != texture)
            node->setTexture(texture);
        if (node->rect() != target)
            node->setRect(target);
        if (node->sourceRect() != source)
            node->setSourceRect(source);
    }

    void endFrame()
    {
        while (m_pool.size() > m_used) {
            QSGSimpleTextureNode *node = m_pool.takeLast();
            removeChildNode(node);
            delete node;
        }
        if (m_textures.size() <= kMaxTextures)
            return;
        // Evict textures not drawn this frame, least recently used first.
        QList<std::pair<quint64, TileId>> old;
        for (auto it = m_textures.cbegin(); it != m_textures.cend(); ++it)
            if (it->usedFrame != m_frame)
                old.append({it->usedFrame, it.key()});
        std::sort(old.begin(), old.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[frame, id] : old) {
            if (m_textures.size() <= kMaxTextures)
                break;
            delete m_textures.take(id).texture;
        }
    }

private:
    struct Entry
    {
        QSGTexture *texture = nullptr;
        qint64 imageKey = 0;
        quint64 usedFrame = 0;
    };

    QSGTexture *textureFor(QQuickWindow *window, TileId id, const QImage &image)
    {
        Entry &e = m_textures[id];
        if (!e.texture || e.imageKey != image.cacheKey()) {
            delete e.texture;
            e.texture = window->createTextureFromImage(image, QQuickWindow::TextureIsOpaque);
            e.imageKey = image.cacheKey();
        }
        e.usedFrame = m_frame;
        return e.texture;
    }

    QSGSimpleRectNode *m_background = new QSGSimpleRectNode; // owned as a child node
    QHash<TileId, Entry> m_textures;
    QList<QSGSimpleTextureNode *> m_pool;
    int m_used = 0;
    quint64 m_frame = 0;
};

} // namespace

MapView::MapView(QQuickItem *parent)
    : QQuickItem(parent)
    , m_store(new TileStore(this))
{
    setFlag(ItemHasContents, true);
    setClip(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    setActiveFocusOnTab(true);
    m_centerWorld0 = geoToWorld(m_centerWgs, 0);
    m_kinetic.setInterval(16);
    connect(&m_kinetic, &QTimer::timeout, this, &MapView::kineticStep);
    connect(m_store, &TileStore::tileArrived, this, [this](TileId t) {
        if (t.z == m_tileZoom || std::abs(t.z - m_tileZoom) <= 1) {
            refreshTiles();
            update();
        }
    });
    connect(m_store, &TileStore::statusChanged, this, [this] {
        // The datum may have changed: keep the WGS-84 centre, move the drawing centre.
        m_centerWorld0 = geoToWorld(toDatum(m_centerWgs, coreDatum()), 0);
        emit sourceStatusChanged();
        viewportMoved();
    });
}

MapView::~MapView() = default;

QGeoCoordinate MapView::center() const
{
    return QGeoCoordinate(m_centerWgs.lat, m_centerWgs.lon);
}

void MapView::setCenter(const QGeoCoordinate &center)
{
    if (!center.isValid())
        return;
    // A programmatic move (follow mode, fit, a list click) wins over coasting from an earlier drag.
    m_kinetic.stop();
    const GeoPoint wgs{center.latitude(), center.longitude()};
    if (wgs == m_centerWgs)
        return;
    m_centerWgs = wgs;
    m_centerWorld0 = geoToWorld(toDatum(wgs, coreDatum()), 0);
    emit centerChanged();
    viewportMoved();
}

void MapView::setCenterWorld0(QPointF world0)
{
    world0.setX(std::clamp(world0.x(), 0.0, double(kTileSize)));
    world0.setY(std::clamp(world0.y(), 0.0, double(kTileSize)));
    if (world0 == m_centerWorld0)
        return;
    m_centerWorld0 = world0;
    m_centerWgs = fromDatum(worldToGeo(world0, 0), coreDatum());
    emit centerChanged();
}

void MapView::setZoomLevel(qreal zoom)
{
    zoom = std::clamp(zoom, m_minZoom, m_maxZoom);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    emit zoomLevelChanged();
    viewportMoved();
}

void MapView::setMinimumZoomLevel(qreal z)
{
    z = std::clamp(z, 0.0, 22.0);
    if (qFuzzyCompare(z, m_minZoom))
        return;
    m_minZoom = z;
    emit zoomRangeChanged();
    setZoomLevel(m_zoom);
}

void MapView::setMaximumZoomLevel(qreal z)
{
    z = std::clamp(z, 0.0, 22.0);
    if (qFuzzyCompare(z, m_maxZoom))
        return;
    m_maxZoom = z;
    emit zoomRangeChanged();
    setZoomLevel(m_zoom);
}

void MapView::setSource(const QString &source)
{
    if (source == m_source)
        return;
    m_source = source;
    m_store->setSource(source);
    emit sourceChanged();
}

MapView::Datum MapView::datum() const
{
    return Datum(int(coreDatum()));
}

vigil::map::Datum MapView::coreDatum() const
{
    return m_store->spec().datum;
}

MapView::Status MapView::status() const
{
    return Status(int(m_store->status()));
}

QString MapView::lastError() const
{
    return m_store->lastError();
}

QString MapView::attribution() const
{
    return m_store->spec().attribution;
}

void MapView::setBackgroundColor(const QColor &colour)
{
    if (colour == m_backgroundColor)
        return;
    m_backgroundColor = colour;
    emit backgroundColorChanged();
    update();
}

void MapView::setInteractive(bool interactive)
{
    if (interactive == m_interactive)
        return;
    m_interactive = interactive;
    setAcceptedMouseButtons(interactive ? Qt::LeftButton : Qt::NoButton);
    emit interactiveChanged();
}

qreal MapView::metersPerPixel() const
{
    return vigil::map::metersPerPixel(m_centerWgs.lat, m_zoom);
}

void MapView::zoomAt(const QPointF &point, qreal delta)
{
    const qreal newZoom = std::clamp(m_zoom + delta, m_minZoom, m_maxZoom);
    if (qFuzzyCompare(newZoom, m_zoom))
        return;
    const QPointF offset = point - QPointF(width() / 2, height() / 2);
    const QPointF anchor0 = m_centerWorld0 + offset / std::exp2(m_zoom);
    m_zoom = newZoom;
    setCenterWorld0(anchor0 - offset / std::exp2(m_zoom));
    emit zoomLevelChanged();
    viewportMoved();
}

void MapView::pan(qreal dx, qreal dy)
{
    if (dx == 0 && dy == 0)
        return;
    setCenterWorld0(m_centerWorld0 - QPointF(dx, dy) / std::exp2(m_zoom));
    viewportMoved();
}

void MapView::fitToBounds(double south, double west, double north, double east, qreal margin)
{
    m_kinetic.stop();
    if (width() <= 2 * margin || height() <= 2 * margin) {
        // Not laid out yet (e.g. called from Component.onCompleted): fit once the size is known.
        m_pendingFit = {south, west, north, east, margin};
        return;
    }
    m_pendingFit.reset();
    const QPointF nw = project0({north, west});
    const QPointF se = project0({south, east});
    const double dx = std::max(1e-9, std::abs(se.x() - nw.x()));
    const double dy = std::max(1e-9, std::abs(se.y() - nw.y()));
    const double w = std::max(1.0, width() - 2 * margin);
    const double h = std::max(1.0, height() - 2 * margin);
    m_zoom = std::clamp(std::log2(std::min(w / dx, h / dy)), m_minZoom, m_maxZoom);
    setCenterWorld0((nw + se) / 2);
    emit zoomLevelChanged();
    viewportMoved();
}

QPointF MapView::worldToItem(QPointF world0) const
{
    return (world0 - m_centerWorld0) * std::exp2(m_zoom) + QPointF(width() / 2, height() / 2);
}

QGeoCoordinate MapView::toCoordinate(const QPointF &point) const
{
    const QPointF w0 = m_centerWorld0 + (point - QPointF(width() / 2, height() / 2)) / std::exp2(m_zoom);
    const GeoPoint g = fromDatum(worldToGeo(w0, 0), coreDatum());
    return QGeoCoordinate(g.lat, g.lon);
}

QRectF MapView::visibleBounds() const
{
    if (width() <= 0 || height() <= 0)
        return {};
    double west = 180, east = -180, south = 90, north = -90;
    for (const QPointF &corner :
         {QPointF(0, 0), QPointF(width(), 0), QPointF(0, height()), QPointF(width(), height())}) {
        const QGeoCoordinate c = toCoordinate(corner); // through the datum: the corners of a GCJ-02 map
        west = std::min(west, c.longitude());
        east = std::max(east, c.longitude());
        south = std::min(south, c.latitude());
        north = std::max(north, c.latitude());
    }
    return QRectF(west, south, east - west, north - south);
}

QPointF MapView::fromCoordinate(const QGeoCoordinate &coordinate) const
{
    if (!coordinate.isValid())
        return QPointF(qQNaN(), qQNaN());
    return worldToItem(project0({coordinate.latitude(), coordinate.longitude()}));
}

QStringList MapView::visibleTiles() const
{
    QStringList out;
    for (const TileId &t : m_visible)
        out << t.key();
    return out;
}

void MapView::viewportMoved()
{
    emit viewportChanged();
    refreshTiles();
    update();
}

void MapView::refreshTiles()
{
    if (width() <= 0 || height() <= 0)
        return;
    const int z = std::clamp(int(std::lround(m_zoom)), std::max(0, m_store->minZoom()), m_store->maxZoom());
    const double scale = std::exp2(m_zoom - z);
    const QPointF c = m_centerWorld0 * std::exp2(z);
    const double halfW = width() / 2 / scale;
    const double halfH = height() / 2 / scale;
    const int n = (1 << z) - 1;
    const int x0 = std::clamp(int(std::floor((c.x() - halfW) / kTileSize)), 0, n);
    const int x1 = std::clamp(int(std::floor((c.x() + halfW) / kTileSize)), 0, n);
    const int y0 = std::clamp(int(std::floor((c.y() - halfH) / kTileSize)), 0, n);
    const int y1 = std::clamp(int(std::floor((c.y() + halfH) / kTileSize)), 0, n);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 400) {
        // Far below the source's lowest zoom: too many tiles to be useful; show the background.
        m_visible.clear();
        emit tilesChanged();
        return;
    }
    QList<TileId> visible;
    visible.reserve((x1 - x0 + 1) * (y1 - y0 + 1));
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            visible.append({z, x, y});
    // Centre first: the operator looks there.
    const QPointF ct = c / kTileSize;
    std::sort(visible.begin(), visible.end(), [ct](const TileId &a, const TileId &b) {
        const auto d = [ct](const TileId &t) {
            const double dx = t.x + 0.5 - ct.x();
            const double dy = t.y + 0.5 - ct.y();
            return dx * dx + dy * dy;
        };
        return d(a) < d(b);
    });
    int loaded = 0;
    for (const TileId &t : visible)
        loaded += m_store->peek(t) ? 1 : 0;
    // Also keep the parent level coming: it is the fallback while zooming out or in.
    QList<TileId> wanted = visible;
    if (z > m_store->minZoom()) {
        QList<TileId> parents;
        for (const TileId &t : visible)
            if (!parents.contains(t.parent()))
                parents.append(t.parent());
        wanted += parents;
    }
    m_store->want(wanted);
    const bool changed = visible != m_visible || loaded != m_loadedVisible || z != m_tileZoom;
    m_visible = visible;
    m_loadedVisible = loaded;
    m_tileZoom = z;
    if (changed)
        emit tilesChanged();
}

QSGNode *MapView::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    auto *root = static_cast<TilesNode *>(old);
    if (!root)
        root = new TilesNode;
    root->beginFrame();
    root->setBackground(QRectF(0, 0, width(), height()), m_backgroundColor);
    const int z = m_tileZoom;
    const double scale = std::exp2(m_zoom - z);
    const QPointF c = m_centerWorld0 * std::exp2(z);
    const QPointF half(width() / 2, height() / 2);
    // Edges are rounded so neighbouring tiles meet exactly (no hairline seams at fractional zoom).
    auto edgeX = [&](int x) {
        return std::round((double(x) * kTileSize - c.x()) * scale + half.x());
    };
    auto edgeY = [&](int y) {
        return std::round((double(y) * kTileSize - c.y()) * scale + half.y());
    };
    for (const TileId &t : std::as_const(m_visible)) {
        const QRectF target(QPointF(edgeX(t.x), edgeY(t.y)), QPointF(edgeX(t.x + 1), edgeY(t.y + 1)));
        if (const QImage *image = m_store->image(t)) {
            root->draw(window(), t, *image, target, QRectF(0, 0, image->width(), image->height()));
            continue;
        }
        // Zooming out: the four children may all be cached.
        const TileId kids[4] = {{z + 1, 2 * t.x, 2 * t.y},
                                {z + 1, 2 * t.x + 1, 2 * t.y},
                                {z + 1, 2 * t.x, 2 * t.y + 1},
                                {z + 1, 2 * t.x + 1, 2 * t.y + 1}};
        const QImage *kidImages[4] = {m_store->peek(kids[0]), m_store->peek(kids[1]), m_store->peek(kids[2]),
                                      m_store->peek(kids[3])};
        if (kidImages[0] && kidImages[1] && kidImages[2] && kidImages[3]) {
            const QPointF mid = target.center();
            const QRectF quads[4] = {
                QRectF(target.topLeft(), mid),
                QRectF(QPointF(mid.x(), target.top()), QPointF(target.right(), mid.y())),
                QRectF(QPointF(target.left(), mid.y()), QPointF(mid.x(), target.bottom())),
                QRectF(mid, target.bottomRight())};
            for (int i = 0; i < 4; ++i)
                root->draw(window(), kids[i], *kidImages[i], quads[i],
                           QRectF(0, 0, kidImages[i]->width(), kidImages[i]->height()));
            continue;
        }
        // Zooming in / still loading: the nearest cached ancestor, cropped to this tile and scaled up.
        TileId a = t;
        for (int d = 1; d <= kMaxAncestorLevels && a.z > 0; ++d) {
            a = a.parent();
            if (const QImage *image = m_store->peek(a)) {
                const double part = double(image->width()) / (1 << d);
                const QRectF source((t.x - (a.x << d)) * part, (t.y - (a.y << d)) * part, part, part);
                root->draw(window(), a, *image, target, source);
                break;
            }
        }
    }
    root->endFrame();
    return root;
}

void MapView::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size()) {
        if (m_pendingFit) {
            const PendingFit f = *m_pendingFit;
            fitToBounds(f.south, f.west, f.north, f.east, f.margin);
        }
        viewportMoved();
    }
}

void MapView::itemChange(ItemChange change, const ItemChangeData &value)
{
    QQuickItem::itemChange(change, value);
    if (change == ItemSceneChange && value.window)
        refreshTiles();
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    m_kinetic.stop();
    m_pressed = true;
    m_dragging = false;
    m_itemDrag = false;
    m_pressPos = m_lastPos = event->position();
    m_velocity = {};
    m_moveClock.start();
    forceActiveFocus(Qt::MouseFocusReason);
    event->accept();
    emit pressed(toCoordinate(event->position()), event->position());
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed)
        return;
    const QPointF pos = event->position();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() < kDragThreshold)
        return;
    if (!m_dragging) {
        m_dragging = true;
        setKeepMouseGrab(true);
        if (!m_itemDrag)
            emit userPanned();
    }
    if (m_itemDrag) {
        emit itemDragMoved(pos);
        return;
    }
    const QPointF delta = pos - m_lastPos;
    const qint64 ns = m_moveClock.nsecsElapsed();
    m_moveClock.restart();
    if (ns > 0) {
        const QPointF instant = delta / (double(ns) / 1e9);
        m_velocity = 0.7 * instant + 0.3 * m_velocity;
    }
    m_lastPos = pos;
    pan(delta.x(), delta.y());
    setCursor(toCoordinate(pos));
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    const bool wasDragging = m_dragging;
    const bool itemDrag = m_itemDrag;
    m_pressed = false;
    m_dragging = false;
    m_itemDrag = false;
    setKeepMouseGrab(false);
    if (itemDrag && wasDragging) {
        emit itemDropped(event->position());
        return;
    }
    if (!wasDragging) {
        emit clicked(toCoordinate(event->position()), event->position());
        return;
    }
    // Coast only if the finger was still moving when it let go.
    const double speed = std::hypot(m_velocity.x(), m_velocity.y());
    if (m_moveClock.elapsed() < 80 && speed > kKineticMinSpeed) {
        m_kineticClock.start();
        m_kinetic.start();
    }
}

void MapView::mouseUngrabEvent()
{
    const bool itemDrag = m_itemDrag && m_dragging;
    m_pressed = false;
    m_dragging = false;
    m_itemDrag = false;
    if (itemDrag)
        emit itemDragCanceled();
}

void MapView::mouseDoubleClickEvent(QMouseEvent *event)
{
    m_kinetic.stop();
    emit doubleClicked(toCoordinate(event->position()), event->position());
    event->accept();
}

void MapView::kineticStep()
{
    const double dt = std::min(0.1, double(m_kineticClock.nsecsElapsed()) / 1e9);
    m_kineticClock.restart();
    pan(m_velocity.x() * dt, m_velocity.y() * dt);
    m_velocity *= std::exp(-dt / kKineticTimeConstant);
    if (std::hypot(m_velocity.x(), m_velocity.y()) < kKineticStopSpeed)
        m_kinetic.stop();
}

void MapView::wheelEvent(QWheelEvent *event)
{
    if (!m_interactive) {
        event->ignore();
        return;
    }
    m_kinetic.stop();
    // One notch (120) = half a zoom level; touchpads send smaller deltas for smooth fractional zoom.
    zoomAt(event->position(), event->angleDelta().y() / 240.0);
    event->accept();
}

void MapView::hoverMoveEvent(QHoverEvent *event)
{
    setCursor(toCoordinate(event->position()));
}

void MapView::hoverLeaveEvent(QHoverEvent *)
{
    setCursor(QGeoCoordinate());
}

void MapView::setCursor(const QGeoCoordinate &c)
{
    if (c == m_cursor)
        return;
    m_cursor = c;
    emit cursorCoordinateChanged();
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    if (!m_interactive) {
        event->ignore();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_Left:
        pan(100, 0);
        break;
    case Qt::Key_Right:
        pan(-100, 0);
        break;
    case Qt::Key_Up:
        pan(0, 100);
        break;
    case Qt::Key_Down:
        pan(0, -100);
        break;
    default:
        event->ignore();
        return;
    }
    if (event->key() != Qt::Key_Plus && event->key() != Qt::Key_Equal && event->key() != Qt::Key_Minus)
        emit userPanned();
    event->accept();
}

} // namespace vigil::map
