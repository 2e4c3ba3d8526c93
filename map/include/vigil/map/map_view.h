#pragma once
// MapView: a Web-Mercator slippy map drawn by the Qt Quick scene graph (Qt 6.4 on Debian has no QtLocation).
//
// Tiles come from a TileStore (worker thread, LRU, disk cache) and are drawn as texture nodes; a tile that is
// not loaded yet is covered by its nearest cached ancestor (or its cached children when zooming out), so
// zooming never flashes blank. Layers (CameraLayer, UnitLayer) are child items of the MapView; each draws
// itself as one scene-graph subtree of batched geometry.
//
// Coordinates in and out are always WGS-84 (GPS, the camera directory). When the tile source is GCJ-02
// (AMap, Tencent) the view converts, so markers land on the street drawn under them.
//
// Interaction: drag to pan (kinetic), wheel zooms at the cursor, double-click zooms in, +/- and arrow keys,
// zoomIn()/zoomOut()/fitToBounds() for buttons. A click that is not a drag emits clicked(). A press on
// something draggable (a camera marker) may call beginItemDrag() from pressed(): that press then drags the
// thing (itemDragMoved, itemDropped) instead of the map.
//
// Thread: GUI only (updatePaintNode runs on the render thread while the GUI thread is blocked).
#include "vigil/map/geo.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtGui/QColor>
#include <QtPositioning/QGeoCoordinate>
#include <QtQml/qqmlregistration.h>
#include <QtQuick/QQuickItem>

#include <optional>

namespace vigil::map {

class TileStore;

class MapView : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QGeoCoordinate center READ center WRITE setCenter NOTIFY centerChanged)
    Q_PROPERTY(qreal zoomLevel READ zoomLevel WRITE setZoomLevel NOTIFY zoomLevelChanged)
    Q_PROPERTY(qreal minimumZoomLevel READ minimumZoomLevel WRITE setMinimumZoomLevel NOTIFY zoomRangeChanged)
    Q_PROPERTY(qreal maximumZoomLevel READ maximumZoomLevel WRITE setMaximumZoomLevel NOTIFY zoomRangeChanged)
    // "" (grid), an .mbtiles path, "osm", "amap", "tencent", "tianditu:KEY" or an XYZ template (see
    // TileSourceSpec::fromString).
    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(Datum datum READ datum NOTIFY sourceStatusChanged)
    Q_PROPERTY(Status status READ status NOTIFY sourceStatusChanged)
    // Why the source cannot be shown and what to do; empty when fine.
    Q_PROPERTY(QString lastError READ lastError NOTIFY sourceStatusChanged)
    Q_PROPERTY(QString attribution READ attribution NOTIFY sourceStatusChanged)
    Q_PROPERTY(bool interactive READ interactive WRITE setInteractive NOTIFY interactiveChanged)
    // Drawn where the source has no tile.
    Q_PROPERTY(
        QColor backgroundColor READ backgroundColor WRITE setBackgroundColor NOTIFY backgroundColorChanged)
    // WGS-84 position under the mouse (invalid when the mouse is outside).
    Q_PROPERTY(QGeoCoordinate cursorCoordinate READ cursorCoordinate NOTIFY cursorCoordinateChanged)
    // Ground metres per screen pixel at the centre (for a scale bar).
    Q_PROPERTY(qreal metersPerPixel READ metersPerPixel NOTIFY viewportChanged)
    // The WGS-84 area on screen, in degrees: x = west longitude, y = south latitude, width and height the
    // spans (a camera list's "in view" filter). Empty before the item has a size.
    Q_PROPERTY(QRectF visibleBounds READ visibleBounds NOTIFY viewportChanged)
    // Tiles needed for the viewport at the current tile zoom, and how many of them are drawn from their own
    // image (the rest show a scaled ancestor for now).
    Q_PROPERTY(int visibleTileCount READ visibleTileCount NOTIFY tilesChanged)
    Q_PROPERTY(int loadedTileCount READ loadedTileCount NOTIFY tilesChanged)
    Q_PROPERTY(int tileZoom READ tileZoom NOTIFY tilesChanged)

public:
    enum class Datum
    {
        Wgs84 = int(vigil::map::Datum::Wgs84),
        Gcj02 = int(vigil::map::Datum::Gcj02),
    };
    Q_ENUM(Datum)
    enum class Status
    {
        Loading,
        Ready,
        Error,
    };
    Q_ENUM(Status)

    explicit MapView(QQuickItem *parent = nullptr);
    ~MapView() override;

    QGeoCoordinate center() const;
    void setCenter(const QGeoCoordinate &center);
    qreal zoomLevel() const { return m_zoom; }
    void setZoomLevel(qreal zoom);
    qreal minimumZoomLevel() const { return m_minZoom; }
    void setMinimumZoomLevel(qreal z);
    qreal maximumZoomLevel() const { return m_maxZoom; }
    void setMaximumZoomLevel(qreal z);
    QString source() const { return m_source; }
    void setSource(const QString &source);
    Datum datum() const;
    Status status() const;
    QString lastError() const;
    QString attribution() const;
    bool interactive() const { return m_interactive; }
    QColor backgroundColor() const { return m_backgroundColor; }
    void setBackgroundColor(const QColor &colour);
    void setInteractive(bool interactive);
    QGeoCoordinate cursorCoordinate() const { return m_cursor; }
    qreal metersPerPixel() const;
    int visibleTileCount() const { return int(m_visible.size()); }
    int loadedTileCount() const { return m_loadedVisible; }
    int tileZoom() const { return m_tileZoom; }

    Q_INVOKABLE void zoomIn() { zoomAt(QPointF(width() / 2, height() / 2), 1.0); }
    Q_INVOKABLE void zoomOut() { zoomAt(QPointF(width() / 2, height() / 2), -1.0); }
    // Changes the zoom by `delta` keeping the ground under `point` (item pixels) fixed.
    Q_INVOKABLE void zoomAt(const QPointF &point, qreal delta);
    // Moves the map content by (dx, dy) pixels (a drag to the right moves the view west).
    Q_INVOKABLE void pan(qreal dx, qreal dy);
    // From a pressed() handler: this press drags an item, not the map (ends at the release).
    Q_INVOKABLE void beginItemDrag() { m_itemDrag = m_pressed; }
    // Shows the WGS-84 box with `margin` pixels around it (at most the maximum zoom). Before the view has a
    // size, the fit is remembered and applied when it gets one.
    Q_INVOKABLE void fitToBounds(double south, double west, double north, double east, qreal margin = 32);
    Q_INVOKABLE QGeoCoordinate toCoordinate(const QPointF &point) const;
    QRectF visibleBounds() const;
    Q_INVOKABLE QPointF fromCoordinate(const QGeoCoordinate &coordinate) const;
    // "z/x/y" keys of the tiles the viewport needs (for tests and diagnostics).
    Q_INVOKABLE QStringList visibleTiles() const;

    // --- for layers (C++) ------------------------------------------------------------------------------
    // Display-datum world pixels at zoom 0 of a WGS-84 point; scale by 2^zoom for the current zoom.
    QPointF project0(GeoPoint wgs) const { return geoToWorld(toDatum(wgs, coreDatum()), 0); }
    // The view's centre in display-datum world pixels at zoom 0.
    QPointF centerWorld0() const { return m_centerWorld0; }
    vigil::map::Datum coreDatum() const;
    // Item pixels of a zoom-0 world point.
    QPointF worldToItem(QPointF world0) const;
    TileStore *tileStore() const { return m_store; }

signals:
    void centerChanged();
    void zoomLevelChanged();
    void zoomRangeChanged();
    void sourceChanged();
    void sourceStatusChanged();
    void interactiveChanged();
    void backgroundColorChanged();
    void cursorCoordinateChanged();
    void tilesChanged();
    // Centre, zoom, size or datum changed: layers re-project.
    void viewportChanged();
    void pressed(const QGeoCoordinate &coordinate, const QPointF &point);
    void clicked(const QGeoCoordinate &coordinate, const QPointF &point);
    // An item drag (beginItemDrag) moved past the drag threshold / was released after moving; `point` in
    // this item's coordinates (it may lie outside the item: the press keeps the pointer).
    void itemDragMoved(const QPointF &point);
    void itemDropped(const QPointF &point);
    // The item drag lost the pointer (another item took it, the window went away) before a release.
    void itemDragCanceled();
    void doubleClicked(const QGeoCoordinate &coordinate, const QPointF &point);
    // The operator moved the map by hand (a drag or the arrow keys), e.g. to end a follow mode.
    void userPanned();

protected:
    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;
    void itemChange(ItemChange change, const ItemChangeData &value) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseUngrabEvent() override;
    void wheelEvent(QWheelEvent *event) override;
    void hoverMoveEvent(QHoverEvent *event) override;
    void hoverLeaveEvent(QHoverEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void setCenterWorld0(QPointF world0);
    void viewportMoved();
    void refreshTiles();
    void kineticStep();
    void setCursor(const QGeoCoordinate &c);

    struct PendingFit
    {
        double south, west, north, east, margin;
    };
    std::optional<PendingFit> m_pendingFit;
    TileStore *m_store = nullptr;
    QString m_source;
    QPointF m_centerWorld0; // display datum, world pixels at zoom 0 (the truth for drawing)
    GeoPoint m_centerWgs{30.5400, 119.9650};
    qreal m_zoom = 13;
    qreal m_minZoom = 1;
    qreal m_maxZoom = 20;
    bool m_interactive = true;
    QColor m_backgroundColor{0xdd, 0xda, 0xd3};
    QGeoCoordinate m_cursor;

    int m_tileZoom = 13;
    QList<TileId> m_visible;
    int m_loadedVisible = 0;

    // Drag and kinetic panning.
    bool m_pressed = false;
    bool m_dragging = false;
    bool m_itemDrag = false; // this press drags an item (beginItemDrag), not the map
    QPointF m_pressPos;
    QPointF m_lastPos;
    QElapsedTimer m_moveClock;
    QPointF m_velocity; // pixels per second, smoothed
    QTimer m_kinetic;
    QElapsedTimer m_kineticClock;
};

} // namespace vigil::map
