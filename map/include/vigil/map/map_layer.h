#pragma once
// MapLayer: base of the map's marker layers. A layer is a child item of a MapView (it finds the view as its
// parent and fills it) and draws all its markers as ONE scene-graph subtree: a transform node over batched
// vertex-coloured triangle geometry, in chunks of at most 60,000 vertices. (Opaque flat-colour nodes per
// colour, drawn front to back with the depth buffer, were tried: no measurable gain on llvmpipe, and the
// stacking came out inverted under Xvfb, so everything is one blended stream in call order.) Geometry is
// rebuilt only when the data changes, the zoom changes or the view pans out of the region built last time
// (the viewport plus half a screen around it); plain panning only moves the transform.
//
// Subclasses keep their data as plain values (copied from models on the GUI thread in updatePolish()) and
// fill vertices in buildVertices(), which runs on the render thread while the GUI thread is blocked.
// Thread: GUI, except buildVertices().
#include "vigil/map/geo.h"
#include "vigil/map/map_view.h"

#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>
#include <QtQuick/QQuickItem>
#include <QtQuick/QSGGeometry>

namespace vigil::map {

class MapLayer : public QQuickItem
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(vigil::map::MapView *map READ map NOTIFY mapChanged)

public:
    explicit MapLayer(QQuickItem *parent = nullptr);
    ~MapLayer() override;
    MapView *map() const;
    // Vertices produced by the last build (benchmarks and tests).
    int lastVertexCount() const { return m_lastVertexCount; }
    // Milliseconds spent in the last buildVertices() (benchmarks).
    double lastBuildMs() const { return m_lastBuildMs; }

    using Vertex = QSGGeometry::ColoredPoint2D;
    // What buildVertices() fills, through the add*() helpers.
    struct Geometry
    {
        QList<Vertex> blended; // premultiplied vertex colours
        // Short labels ("12", "3k") as textured triangles into the layer's glyph atlas, drawn above
        // `blended`.
        QList<QSGGeometry::TexturedPoint2D> labels;
        qsizetype vertexCount() const;
    };

signals:
    void mapChanged();

protected:
    struct BuildContext
    {
        double zoom = 0;
        double scale = 1; // 2^zoom
        QPointF anchor0;  // zoom-0 world point that maps to vertex (0, 0)
        QRectF region0;   // zoom-0 world rect to cover
        vigil::map::Datum datum = vigil::map::Datum::Wgs84;
        QPointF local(QPointF world0) const { return (world0 - anchor0) * scale; }
    };
    virtual void buildVertices(const BuildContext &ctx, Geometry &out) = 0;
    // Data changed: rebuild on the next frame.
    void markDirty();
    // The view's datum or zoom changed in a way the subclass caches (called on the GUI thread).
    virtual void viewChanged() {}

    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;
    void itemChange(ItemChange change, const ItemChangeData &value) override;

    // Helpers for subclasses: append filled shapes (premultiplied colours).
    // Later shapes draw above earlier ones.
    static void addTriangle(Geometry &out, QPointF a, QPointF b, QPointF c, QRgb colour);
    static void addDisc(Geometry &out, QPointF centre, double radius, QRgb colour, int segments = 12);
    // A short label of digits, 'k', '+' and ':' centred on `centre` (other characters are skipped).
    static void addLabel(Geometry &out, QPointF centre, QStringView text);
    static void addQuadLine(Geometry &out, QPointF a, QPointF b, double width, QRgb colourA, QRgb colourB);

private:
    void attach(MapView *view);

    QPointer<MapView> m_map;
    QMetaObject::Connection m_viewportConnection;
    bool m_dirty = true;
    double m_builtZoom = -1;
    QRectF m_builtRegion0;
    QPointF m_anchor0;
    int m_builtDatum = -1;
    int m_lastVertexCount = 0;
    double m_lastBuildMs = 0;
};

// Premultiplied RGBA for vertex colours.
inline QRgb premultipliedRgba(int r, int g, int b, int a)
{
    return qPremultiply(qRgba(r, g, b, a));
}

} // namespace vigil::map
