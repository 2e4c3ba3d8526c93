#include "vigil/map/map_layer.h"

#include "vigil/map/map_view.h"

#include <QtCore/QElapsedTimer>
#include <QtGui/QFontMetricsF>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>
#include <QtQuick/QQuickWindow>
#include <QtQuick/QSGGeometryNode>
#include <QtQuick/QSGTextureMaterial>
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

qsizetype MapLayer::Geometry::vertexCount() const
{
    return blended.size();
}

void MapLayer::addTriangle(Geometry &out, QPointF a, QPointF b, QPointF c, QRgb colour)
{
    const qsizetype n = out.blended.size();
    out.blended.resize(n + 3);
    setVertex(out.blended[n], a, colour);
    setVertex(out.blended[n + 1], b, colour);
    setVertex(out.blended[n + 2], c, colour);
}

void MapLayer::addDisc(Geometry &out, QPointF centre, double radius, QRgb colour, int segments)
{
    const double step = 2 * std::numbers::pi / segments;
    QPointF prev = centre + QPointF(radius, 0);
    for (int i = 0; i < segments; ++i) {
        const double a = step * (i + 1);
        const QPointF next = centre + QPointF(radius * std::cos(a), radius * std::sin(a));
        addTriangle(out, centre, prev, next, colour);
        prev = next;
    }
}

namespace {

// Glyph atlas for cluster counts and track times: white bold digits with a dark halo, fixed cells. Made once
// (QPainter on a QImage is fine on any thread).
constexpr QStringView kGlyphs = u"0123456789k+:";
constexpr int kGlyphW = 10;
constexpr int kGlyphH = 16;

// Pen advance: the colon sits in a full cell but takes half of one.
double glyphAdvance(QChar c)
{
    return c == u':' ? kGlyphW / 2.0 : double(kGlyphW);
}

const QImage &glyphAtlas()
{
    static const QImage atlas = [] {
        QImage image(kGlyphW * int(kGlyphs.size()), kGlyphH, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        QFont font;
        font.setPixelSize(13);
        font.setBold(true);
        for (qsizetype i = 0; i < kGlyphs.size(); ++i) {
            QPainterPath path;
            const QString glyph(kGlyphs[i]);
            const double w = QFontMetricsF(font).horizontalAdvance(glyph);
            path.addText(QPointF(i * kGlyphW + (kGlyphW - w) / 2, kGlyphH - 4), font, glyph);
            p.setPen(QPen(QColor(0x10, 0x2a, 0x43, 200), 2.5));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::white);
            p.drawPath(path);
        }
        return image;
    }();
    return atlas;
}

// Root of a layer's subtree; owns the glyph texture (made on the render thread for this window).
class LayerRootNode : public QSGTransformNode
{
public:
    ~LayerRootNode() override { delete glyphs; }
    QSGTexture *glyphs = nullptr;
};

} // namespace

void MapLayer::addLabel(Geometry &out, QPointF centre, QStringView text)
{
    const double aw = kGlyphW * double(kGlyphs.size());
    double width = 0;
    for (QChar c : text)
        width += kGlyphs.contains(c) ? glyphAdvance(c) : 0;
    double x = centre.x() - width / 2;
    const double y = centre.y() - kGlyphH / 2.0;
    for (QChar c : text) {
        const qsizetype g = kGlyphs.indexOf(c);
        if (g < 0)
            continue;
        const double advance = glyphAdvance(c);
        const float u0 = float(g * kGlyphW / aw);
        const float u1 = float((g + 1) * kGlyphW / aw);
        const double left = x + (advance - kGlyphW) / 2;
        const float x0 = float(left), x1 = float(left + kGlyphW), y0 = float(y), y1 = float(y + kGlyphH);
        const QSGGeometry::TexturedPoint2D quad[6] = {{x0, y0, u0, 0}, {x1, y0, u1, 0}, {x0, y1, u0, 1},
                                                      {x0, y1, u0, 1}, {x1, y0, u1, 0}, {x1, y1, u1, 1}};
        for (const auto &v : quad)
            out.labels.append(v);
        x += advance;
    }
}

void MapLayer::addQuadLine(Geometry &out, QPointF a, QPointF b, double width, QRgb colourA, QRgb colourB)
{
    const QPointF d = b - a;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1e-6)
        return;
    const QPointF nrm = QPointF(-d.y(), d.x()) * (width / 2 / len);
    if (colourA == colourB) {
        addTriangle(out, a + nrm, a - nrm, b + nrm, colourA);
        addTriangle(out, b + nrm, a - nrm, b - nrm, colourA);
        return;
    }
    const qsizetype n = out.blended.size();
    out.blended.resize(n + 6);
    setVertex(out.blended[n], a + nrm, colourA);
    setVertex(out.blended[n + 1], a - nrm, colourA);
    setVertex(out.blended[n + 2], b + nrm, colourB);
    setVertex(out.blended[n + 3], b + nrm, colourB);
    setVertex(out.blended[n + 4], a - nrm, colourA);
    setVertex(out.blended[n + 5], b - nrm, colourB);
}

QSGNode *MapLayer::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    auto *root = static_cast<LayerRootNode *>(old);
    if (!m_map || width() <= 0) {
        delete root;
        return nullptr;
    }
    if (!root)
        root = new LayerRootNode;
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
        Geometry geometry;
        buildVertices(ctx, geometry);
        // Rebuilt rarely (data change, zoom, leaving the built region): recreate the children.
        while (QSGNode *child = root->firstChild()) {
            root->removeChildNode(child);
            delete child;
        }
        for (qsizetype first = 0; first < geometry.blended.size(); first += kChunkVertices) {
            const int count = int(std::min<qsizetype>(kChunkVertices, geometry.blended.size() - first));
            auto *node = new QSGGeometryNode;
            auto *g = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), count);
            g->setDrawingMode(QSGGeometry::DrawTriangles);
            std::memcpy(g->vertexDataAsColoredPoint2D(), geometry.blended.constData() + first,
                        sizeof(Vertex) * size_t(count));
            node->setGeometry(g);
            node->setFlag(QSGNode::OwnsGeometry);
            node->setMaterial(new QSGVertexColorMaterial);
            node->setFlag(QSGNode::OwnsMaterial);
            root->appendChildNode(node);
        }
        if (!geometry.labels.isEmpty()) {
            if (!root->glyphs)
                root->glyphs = window()->createTextureFromImage(glyphAtlas());
            auto *node = new QSGGeometryNode;
            auto *g = new QSGGeometry(QSGGeometry::defaultAttributes_TexturedPoint2D(),
                                      int(geometry.labels.size()));
            g->setDrawingMode(QSGGeometry::DrawTriangles);
            std::memcpy(g->vertexDataAsTexturedPoint2D(), geometry.labels.constData(),
                        sizeof(QSGGeometry::TexturedPoint2D) * size_t(geometry.labels.size()));
            node->setGeometry(g);
            node->setFlag(QSGNode::OwnsGeometry);
            auto *material = new QSGTextureMaterial;
            material->setTexture(root->glyphs);
            material->setFiltering(QSGTexture::Nearest);
            node->setMaterial(material);
            node->setFlag(QSGNode::OwnsMaterial);
            root->appendChildNode(node);
        }
        const qsizetype vertexCount = geometry.vertexCount() + geometry.labels.size();
        m_dirty = false;
        m_builtZoom = zoom;
        m_builtDatum = datum;
        m_builtRegion0 = ctx.region0;
        m_anchor0 = c0;
        m_lastVertexCount = int(vertexCount);
        m_lastBuildMs = double(timer.nsecsElapsed()) / 1e6;
    }
    QMatrix4x4 m;
    const QPointF shift = (m_anchor0 - c0) * scale + QPointF(width() / 2, height() / 2);
    m.translate(float(shift.x()), float(shift.y()));
    root->setMatrix(m);
    return root;
}

} // namespace vigil::map
