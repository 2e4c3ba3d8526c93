#include "vigil/map/demo_basemap.h"

#include "vigil/map/logging.h"
#include "vigil/map/mbtiles.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/paths.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QBuffer>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>

namespace vigil::map {

namespace {

struct LineStyle
{
    QColor casing;
    QColor fill;
    double metres; // real-world width
    double minPx;  // never thinner than this
    int minZoom;   // hidden below
};

LineStyle lineStyle(const QString &kind)
{
    if (kind == u"motorway")
        return {QColor(0xc0, 0x6a, 0x2b), QColor(0xf3, 0xa8, 0x5f), 26, 2.5, 0};
    if (kind == u"primary")
        return {QColor(0xb8, 0x9a, 0x52), QColor(0xfb, 0xdc, 0x8e), 18, 2.0, 0};
    if (kind == u"secondary")
        return {QColor(0xa8, 0xa2, 0x98), QColor(0xff, 0xff, 0xff), 13, 1.2, 11};
    if (kind == u"minor")
        return {QColor(0xb8, 0xb2, 0xa8), QColor(0xff, 0xff, 0xff), 8, 0.8, 13};
    if (kind == u"river")
        return {QColor(), QColor(0x8c, 0xc2, 0xdc), 22, 1.5, 0};
    if (kind == u"rail")
        return {QColor(0x80, 0x80, 0x80), QColor(0xff, 0xff, 0xff), 4, 1.5, 11};
    return {QColor(), QColor(0x99, 0x99, 0x99), 5, 1, 14};
}

QColor areaColour(const QString &kind)
{
    if (kind == u"town")
        return QColor(0xe6, 0xdc, 0xd0);
    if (kind == u"industrial")
        return QColor(0xe3, 0xd6, 0xe4);
    if (kind == u"park")
        return QColor(0xc8, 0xe3, 0xb8);
    if (kind == u"water")
        return QColor(0xaa, 0xd3, 0xdf);
    if (kind == u"village")
        return QColor(0xec, 0xe2, 0xce);
    return QColor(0xe0, 0xe0, 0xe0);
}

QPainterPath pathOf(const MapFeature &f, TileId t)
{
    QPainterPath path;
    const QPointF origin(double(t.x) * kTileSize, double(t.y) * kTileSize);
    for (qsizetype i = 0; i < f.points.size(); ++i) {
        const QPointF p = geoToWorld(f.points[i], t.z) - origin;
        if (i == 0)
            path.moveTo(p);
        else
            path.lineTo(p);
    }
    if (f.area)
        path.closeSubpath();
    return path;
}

QList<TileId> tilesFor(const FeatureSet &features, const BasemapOptions &options)
{
    QList<TileId> out;
    for (int z = options.minZoom; z <= options.maxZoom; ++z) {
        const TileId nw = tileAt({features.north, features.west}, z);
        const TileId se = tileAt({features.south, features.east}, z);
        const int n = (1 << z) - 1;
        for (int y = std::max(0, nw.y - options.marginTiles); y <= std::min(n, se.y + options.marginTiles);
             ++y)
            for (int x = std::max(0, nw.x - options.marginTiles);
                 x <= std::min(n, se.x + options.marginTiles); ++x)
                out.append(TileId{z, x, y});
    }
    return out;
}

} // namespace

QImage renderTile(const FeatureSet &features, TileId t)
{
    QImage image(kTileSize, kTileSize, QImage::Format_RGB32);
    image.fill(QColor(0xf2, 0xef, 0xe9));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF tileRect(0, 0, kTileSize, kTileSize);
    const double centreLat = tileNorthWest(t).lat;
    const double mpp = metersPerPixel(centreLat, t.z);
    // The margin covers the widest line and the labels that straddle the tile edge.
    const QRectF cull = tileRect.adjusted(-160, -40, 160, 40);

    // 1. areas, 2. line casings, 3. line fills (so junctions merge), 4. labels.
    for (const MapFeature &f : features.features) {
        if (!f.area)
            continue;
        const QPainterPath path = pathOf(f, t);
        if (!path.boundingRect().intersects(cull))
            continue;
        const QColor c = areaColour(f.kind);
        p.setPen(QPen(c.darker(112), 1));
        p.setBrush(c);
        p.drawPath(path);
    }
    p.setBrush(Qt::NoBrush);
    for (int pass = 0; pass < 2; ++pass) {
        for (const QString &kind :
             {QStringLiteral("river"), QStringLiteral("minor"), QStringLiteral("secondary"),
              QStringLiteral("rail"), QStringLiteral("primary"), QStringLiteral("motorway")}) {
            const LineStyle s = lineStyle(kind);
            if (t.z < s.minZoom)
                continue;
            const double width = std::max(s.minPx, s.metres / mpp);
            for (const MapFeature &f : features.features) {
                if (f.area || f.kind != kind)
                    continue;
                const QPainterPath path = pathOf(f, t);
                if (!path.boundingRect().adjusted(-width, -width, width, width).intersects(tileRect))
                    continue;
                if (pass == 0 && s.casing.isValid()) {
                    p.setPen(QPen(s.casing, width + 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                    p.drawPath(path);
                } else if (pass == 1) {
                    QPen pen(s.fill, kind == u"rail" ? std::max(1.0, width - 1.5) : width, Qt::SolidLine,
                             Qt::RoundCap, Qt::RoundJoin);
                    if (kind == u"rail") {
                        pen.setStyle(Qt::DashLine);
                        pen.setCapStyle(Qt::FlatCap);
                    }
                    p.setPen(pen);
                    p.drawPath(path);
                }
            }
        }
    }
    if (t.z >= 13) {
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setPixelSize(t.z >= 15 ? 13 : 11);
        p.setFont(font);
        for (const MapFeature &f : features.features) {
            const bool place = f.area && (f.kind == u"village" || f.kind == u"town" || f.kind == u"park" ||
                                          f.kind == u"industrial" || f.kind == u"water");
            const bool road = !f.area && t.z >= 15 && (f.isRoad() || f.kind == u"river");
            if (!place && !road)
                continue;
            QPointF anchor;
            if (place) {
                for (const GeoPoint &g : f.points)
                    anchor += geoToWorld(g, t.z);
                anchor /= double(f.points.size());
            } else {
                // Road labels sit on the middle of the middle segment.
                const qsizetype i = (f.points.size() - 1) / 2;
                anchor = (geoToWorld(f.points[i], t.z) + geoToWorld(f.points[i + 1], t.z)) / 2;
            }
            anchor -= QPointF(double(t.x) * kTileSize, double(t.y) * kTileSize);
            if (!cull.contains(anchor))
                continue;
            const QString text = f.nameZh.isEmpty() ? f.name : f.nameZh + u' ' + f.name;
            const QRectF box = QFontMetricsF(font).boundingRect(text);
            const QPointF at = anchor - QPointF(box.width() / 2, -box.height() / 4);
            QPainterPath textPath;
            textPath.addText(at, font, text);
            p.setPen(QPen(QColor(255, 255, 255, 220), 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawPath(textPath); // halo
            p.setPen(Qt::NoPen);
            p.setBrush(place ? QColor(0x44, 0x3c, 0x34) : QColor(0x5a, 0x5a, 0x5a));
            p.drawPath(textPath);
            p.setBrush(Qt::NoBrush);
        }
    }
    return image;
}

int basemapTileCount(const FeatureSet &features, const BasemapOptions &options)
{
    return int(tilesFor(features, options).size());
}

bool writeBasemap(const QString &path, const FeatureSet &features, const BasemapOptions &options,
                  QString *error, const std::function<void(int, int)> &progress)
{
    const QList<TileId> tiles = tilesFor(features, options);
    MbTilesWriter writer;
    const QHash<QString, QString> metadata{
        {QStringLiteral("name"), QStringLiteral("Deqing County (demo)")},
        {QStringLiteral("format"), QStringLiteral("png")},
        {QStringLiteral("type"), QStringLiteral("baselayer")},
        {QStringLiteral("version"), QStringLiteral("1")},
        {QStringLiteral("description"), QStringLiteral("Vigil demo basemap rendered from made-up GeoJSON")},
        {QStringLiteral("bounds"), QStringLiteral("%1,%2,%3,%4")
                                       .arg(features.west)
                                       .arg(features.south)
                                       .arg(features.east)
                                       .arg(features.north)},
        {QStringLiteral("minzoom"), QString::number(options.minZoom)},
        {QStringLiteral("maxzoom"), QString::number(options.maxZoom)},
        {QStringLiteral("attribution"), QStringLiteral("Vigil demo data (not surveyed)")},
    };
    if (!writer.create(path, metadata, error))
        return false;
    for (qsizetype i = 0; i < tiles.size(); ++i) {
        if (progress)
            progress(int(i), int(tiles.size()));
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        renderTile(features, tiles[i]).save(&buffer, "PNG");
        if (!writer.putTile(tiles[i], png, error))
            return false;
    }
    if (progress)
        progress(int(tiles.size()), int(tiles.size()));
    return writer.finish(error);
}

DemoBasemap::DemoBasemap(QObject *parent)
    : QObject(parent)
    , m_path(defaultPath())
{
    m_ready = QFileInfo::exists(m_path);
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_watcher.result();
        m_busy = false;
        emit busyChanged();
        if (!error.isEmpty()) {
            m_lastError = error;
            qCWarning(vigilMap).noquote() << "demo basemap:" << error;
            emit lastErrorChanged();
            return;
        }
        m_ready = true;
        emit readyChanged();
    });
}

DemoBasemap::~DemoBasemap()
{
    m_watcher.waitForFinished();
}

QString DemoBasemap::defaultPath()
{
    return core::cacheDir() + QStringLiteral("/map/demo-county-v1.mbtiles");
}

void DemoBasemap::ensure()
{
    if (m_ready || m_busy)
        return;
    m_busy = true;
    emit busyChanged();
    QPointer<DemoBasemap> self(this);
    const QString path = m_path;
    m_watcher.setFuture(QtConcurrent::run([path, self] {
        QString error;
        QElapsedTimer timer;
        timer.start();
        writeBasemap(path, demoCounty(), BasemapOptions{}, &error, [self](int done, int total) {
            if (done % 32 != 0 && done != total)
                return;
            const qreal value = total ? qreal(done) / total : 1.0;
            core::postToApp([self, value] {
                if (self && !qFuzzyCompare(self->m_progress, value)) {
                    self->m_progress = value;
                    emit self->progressChanged();
                }
            });
        });
        if (error.isEmpty())
            qCInfo(vigilMap) << "demo basemap written to" << path << "in" << timer.elapsed() << "ms";
        return error;
    }));
}

} // namespace vigil::map
