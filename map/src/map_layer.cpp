#include "vigil/map/map_layer.h"

#include "vigil/map/map_view.h"

#include <QtCore/QElapsedTimer>
#include <QtQuick/QSGFlatColorMaterial>
#include <QtQuick/QSGGeometryNode>
#include <QtQuick/QSGTransformNode>
#include <QtQuick/QSGVertexColorMaterial>

#include <numbers>

namespace vigil::map {

namespace {

constexpr int kChunkVertices = 60000; // a multiple of 3; keeps each geometry within 16-bit index reach

void setVertex(QSGGeometry::ColoredPoint2D &v, QPointF p, QRgb c)
{
    v.set(float(p.x()), float(p.y()), uchar(qRed(c)), uchar(qGreen(c)), uchar(qBlue(c)), uchar(qAlpha(c)));
}

} // namespace

MapLayer::MapLayer(QQuickItem *parent)
    : QQuickItem(parent)
{
    setFlag(ItemHasContents, true);
}

MapLayer::~MapLayer() = default;

MapView *MapLayer::map() const
{
    return m_map;
}

void MapLayer::itemChange(ItemChange change, const ItemChangeData &value)
{
    QQuickItem::itemChange(change, value);
    if (change == ItemParentHasChanged)
        attach(qobject_cast<MapView *>(value.item));
}

void MapLayer::attach(MapView *view)
{
    if (view == m_map)
        return;
    if (m_map) {
        disconnect(m_map, nullptr, this, nullptr);
        disconnect(m_viewportConnection);
    }
    m_map = view;
    if (view) {
        auto fit = [this] {
            setSize(QSizeF(m_map->width(), m_map->height()));
        };
        connect(view, &QQuickItem::widthChanged, this, fit);
        connect(view, &QQuickItem::heightChanged, this, fit);
        m_viewportConnection = connect(view, &MapView::viewportChanged, this, [this] {
            viewChanged();
            update();
        });
        fit();
    }
    markDirty();
    emit mapChanged();
}

void MapLayer::markDirty()
{
    m_dirty = true;
    update();
}

void MapLayer::addTriangle(QList<Vertex> &out, QPointF a, QPointF b, QPointF c, QRgb colour)
{
    const qsizetype n = out.size();
    out.resize(n + 3);
    setVertex(out[n], a, colour);
    setVertex(out[n + 1], b, colour);
    setVertex(out[n + 2], c, colour);
}

void MapLayer::addDisc(QList<Vertex> &out, QPointF centre, double radius, QRgb colour, int segments)
{
    const qsizetype n = out.size();
    out.resize(n + 3 * segments);
    const double step = 2 * std::numbers::pi / segments;
    QPointF prev = centre + QPointF(radius, 0);
    for (int i = 0; i < segments; ++i) {
        const double a = step * (i + 1);
        const QPointF next = centre + QPointF(radius * std::cos(a), radius * std::sin(a));
        setVertex(out[n + 3 * i], centre, colour);
        setVertex(out[n + 3 * i + 1], prev, colour);
        setVertex(out[n + 3 * i + 2], next, colour);
        prev = next;
    }
}

void MapLayer::addQuadLine(QList<Vertex> &out, QPointF a, QPointF b, double width, QRgb colourA, QRgb colourB)
{
    const QPointF d = b - a;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1e-6)
        return;
    const QPointF nrm = QPointF(-d.y(), d.x()) * (width / 2 / len);
    const qsizetype n = out.size();
    out.resize(n + 6);
    setVertex(out[n], a + nrm, colourA);
    setVertex(out[n + 1], a - nrm, colourA);
    setVertex(out[n + 2], b + nrm, colourB);
    setVertex(out[n + 3], b + nrm, colourB);
    setVertex(out[n + 4], a - nrm, colourA);
    setVertex(out[n + 5], b - nrm, colourB);
}

QSGNode *MapLayer::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    auto *root = static_cast<QSGTransformNode *>(old);
    if (!m_map || width() <= 0) {
        delete root;
        return nullptr;
    }
    if (!root)
        root = new QSGTransformNode;
    const double zoom = m_map->zoomLevel();
    const double scale = std::exp2(zoom);
    const QPointF c0 = m_map->centerWorld0();
    const QSizeF size0 = QSizeF(width(), height()) / scale;
    const QRectF view0(c0 - QPointF(size0.width() / 2, size0.height() / 2), size0);
    const int datum = int(m_map->coreDatum());
    if (m_dirty || zoom != m_builtZoom || datum != m_builtDatum || !m_builtRegion0.contains(view0)) {
        QElapsedTimer timer;
        timer.start();
        BuildContext ctx;
        ctx.zoom = zoom;
        ctx.scale = scale;
        ctx.anchor0 = c0;
        ctx.region0 =
            view0.adjusted(-size0.width() / 2, -size0.height() / 2, size0.width() / 2, size0.height() / 2);
        ctx.datum = m_map->coreDatum();
        QList<Vertex> vertices;
        buildVertices(ctx, vertices);
        // Upload in chunks; reuse existing child nodes.
        const int chunks = int((vertices.size() + kChunkVertices - 1) / kChunkVertices);
        while (root->childCount() > chunks) {
            QSGNode *last = root->lastChild();
            root->removeChildNode(last);
            delete last;
        }
        while (root->childCount() < chunks) {
            auto *node = new QSGGeometryNode;
            auto *geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), 0);
            geometry->setDrawingMode(QSGGeometry::DrawTriangles);
            node->setGeometry(geometry);
            node->setFlag(QSGNode::OwnsGeometry);
            node->setMaterial(new QSGVertexColorMaterial);
            node->setFlag(QSGNode::OwnsMaterial);
            root->appendChildNode(node);
        }
        QSGNode *child = root->firstChild();
        for (int i = 0; i < chunks; ++i, child = child->nextSibling()) {
            auto *node = static_cast<QSGGeometryNode *>(child);
            const int first = i * kChunkVertices;
            const int count = std::min<int>(kChunkVertices, int(vertices.size()) - first);
            QSGGeometry *g = node->geometry();
            g->allocate(count);
            std::memcpy(g->vertexDataAsColoredPoint2D(), vertices.constData() + first,
                        sizeof(Vertex) * count);
            node->markDirty(QSGNode::DirtyGeometry);
        }
        m_dirty = false;
        m_builtZoom = zoom;
        m_builtDatum = datum;
        m_builtRegion0 = ctx.region0;
        m_anchor0 = c0;
        m_lastVertexCount = int(vertices.size());
        m_lastBuildMs = double(timer.nsecsElapsed()) / 1e6;
    }
    QMatrix4x4 m;
    const QPointF shift = (m_anchor0 - c0) * scale + QPointF(width() / 2, height() / 2);
    m.translate(float(shift.x()), float(shift.y()));
    root->setMatrix(m);
    return root;
}

} // namespace vigil::map
