#include "vigil/map/tile_source.h"

#include "vigil/map/logging.h"
#include "vigil/map/mbtiles.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QSet>
#include <QtCore/QUrlQuery>
#include <QtGui/QPainter>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkDiskCache>
#include <QtNetwork/QNetworkReply>

namespace vigil::map {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("vigil::map::TileSource", text);
}

TileSourceSpec xyz(const QString &name, const QString &tmpl, const QStringList &subdomains, Datum datum,
                   int maxZoom, const QString &attribution)
{
    TileSourceSpec s;
    s.kind = TileSourceSpec::Kind::Xyz;
    s.name = name;
    s.urlTemplate = tmpl;
    s.subdomains = subdomains;
    s.datum = datum;
    s.maxZoom = maxZoom;
    s.attribution = attribution;
    return s;
}

} // namespace

std::optional<TileSourceSpec> TileSourceSpec::fromString(const QString &sourceIn, QString *error)
{
    QString source = sourceIn.trimmed();
    if (source.isEmpty() || source == u"grid") {
        TileSourceSpec s;
        s.name = QStringLiteral("grid");
        s.minZoom = 0;
        s.maxZoom = 22;
        return s;
    }
    if (source == u"osm")
        return xyz(QStringLiteral("OpenStreetMap"),
                   QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"), {}, Datum::Wgs84, 19,
                   QStringLiteral("© OpenStreetMap contributors"));
    if (source == u"amap")
        return xyz(QStringLiteral("AMap"),
                   QStringLiteral("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&"
                                  "style=8&x={x}&y={y}&z={z}"),
                   {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")},
                   Datum::Gcj02, 18, QStringLiteral("© AutoNavi"));
    if (source == u"tencent")
        return xyz(QStringLiteral("Tencent"),
                   QStringLiteral("https://rt{s}.map.gtimg.com/tile?z={z}&x={x}&y={-y}&styleid=1000&scene=0"),
                   {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")},
                   Datum::Gcj02, 18, QStringLiteral("© Tencent"));
    if (source.startsWith(u"tianditu:")) {
        const QString key = source.mid(9).trimmed();
        if (key.isEmpty()) {
            if (error)
                *error = tr("Tianditu needs a key: write the source as \"tianditu:YOUR_KEY\" (get a key at "
                            "console.tianditu.gov.cn).");
            return std::nullopt;
        }
        QStringList subs;
        for (int i = 0; i < 8; ++i)
            subs << QString::number(i);
        return xyz(QStringLiteral("Tianditu"),
                   QStringLiteral("https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&"
                                  "VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&"
                                  "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=") +
                       QString::fromLatin1(QUrl::toPercentEncoding(key)),
                   subs, Datum::Wgs84, 18, QStringLiteral("© Tianditu"));
    }
    Datum datum = Datum::Wgs84;
    if (source.startsWith(u"gcj02:")) {
        datum = Datum::Gcj02;
        source = source.mid(6);
    }
    if (source.startsWith(u"http://") || source.startsWith(u"https://")) {
        QStringList subs;
        const qsizetype bar = source.lastIndexOf(u'|');
        if (bar > 0) {
            subs = source.mid(bar + 1).split(u',', Qt::SkipEmptyParts);
            source.truncate(bar);
        }
        if (!source.contains(u"{x}") || !(source.contains(u"{y}") || source.contains(u"{-y}")) ||
            !source.contains(u"{z}") || (source.contains(u"{s}") && subs.isEmpty())) {
            if (error)
                *error =
                    tr("The tile URL template must contain {x}, {y} (or {-y}) and {z}; with {s} add the "
                       "subdomains after a bar, e.g. \"https://{s}.example.org/{z}/{x}/{y}.png|a,b,c\".");
            return std::nullopt;
        }
        const QUrl probe(source);
        return xyz(probe.host(), source, subs, datum, 19, QString());
    }
    QString path = source;
    if (source.startsWith(u"file:"))
        path = QUrl(source).toLocalFile();
    if (path.endsWith(u".mbtiles", Qt::CaseInsensitive)) {
        TileSourceSpec s;
        s.kind = Kind::MbTiles;
        s.path = path;
        s.name = QFileInfo(path).fileName();
        s.datum = datum;
        return s;
    }
    if (error)
        *error = tr("Unknown map source \"%1\". Use an .mbtiles file, \"osm\", \"amap\", \"tencent\", "
                    "\"tianditu:KEY\" or an http(s) URL template.")
                     .arg(sourceIn);
    return std::nullopt;
}

QUrl TileSourceSpec::tileUrl(TileId t) const
{
    QString url = urlTemplate;
    url.replace(QStringLiteral("{x}"), QString::number(t.x));
    url.replace(QStringLiteral("{y}"), QString::number(t.y));
    url.replace(QStringLiteral("{-y}"), QString::number(flipY(t.z, t.y)));
    url.replace(QStringLiteral("{z}"), QString::number(t.z));
    if (!subdomains.isEmpty())
        url.replace(QStringLiteral("{s}"), subdomains.at(qAbs(t.x + t.y) % subdomains.size()));
    return QUrl(url);
}

QString TileSourceSpec::redactedUrl(const QUrl &url)
{
    QUrl copy = url.adjusted(QUrl::RemoveUserInfo);
    QUrlQuery query(copy);
    for (const QString &secret : {QStringLiteral("tk"), QStringLiteral("key"), QStringLiteral("token"),
                                  QStringLiteral("access_token")}) {
        if (query.hasQueryItem(secret)) {
            query.removeAllQueryItems(secret);
            query.addQueryItem(secret, QStringLiteral("***"));
        }
    }
    copy.setQuery(query);
    return copy.toString();
}

TileLoader::TileLoader(QString diskCacheDir, QObject *parent)
    : QObject(parent)
    , m_diskCacheDir(std::move(diskCacheDir))
{}

TileLoader::~TileLoader()
{
    shutdown();
}

void TileLoader::shutdown()
{
    for (QNetworkReply *reply : std::as_const(m_inFlight)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_inFlight.clear();
    m_mbtiles.reset();
    delete m_network;
    m_network = nullptr;
}

void TileLoader::setSource(const TileSourceSpec &spec, quint64 generation)
{
    for (QNetworkReply *reply : std::as_const(m_inFlight)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_inFlight.clear();
    m_mbtiles.reset();
    m_spec = spec;
    m_generation = generation;
    switch (spec.kind) {
    case TileSourceSpec::Kind::Grid:
        emit sourceReady(spec.minZoom, spec.maxZoom, generation);
        return;
    case TileSourceSpec::Kind::MbTiles: {
        m_mbtiles = std::make_unique<MbTilesReader>();
        QString error;
        if (!m_mbtiles->open(spec.path, &error)) {
            m_mbtiles.reset();
            emit sourceFailed(error, generation);
            return;
        }
        emit sourceReady(m_mbtiles->minZoom(), m_mbtiles->maxZoom(), generation);
        return;
    }
    case TileSourceSpec::Kind::Xyz:
        if (!m_network) {
            m_network = new QNetworkAccessManager(this);
            m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        }
        if (!m_diskCacheDir.isEmpty()) {
            // One cache folder per template, so switching sources never mixes tiles.
            const QByteArray hash =
                QCryptographicHash::hash(spec.urlTemplate.toUtf8(), QCryptographicHash::Sha1)
                    .toHex()
                    .left(12);
            auto *cache = new QNetworkDiskCache(m_network);
            cache->setCacheDirectory(m_diskCacheDir + u'/' + QString::fromLatin1(hash));
            cache->setMaximumCacheSize(256LL * 1024 * 1024);
            m_network->setCache(cache); // takes ownership, deletes the previous cache
        }
        emit sourceReady(spec.minZoom, spec.maxZoom, generation);
        return;
    }
}

void TileLoader::request(TileId t, quint64 generation)
{
    if (generation != m_generation)
        return; // a request for a source that has since been replaced
    switch (m_spec.kind) {
    case TileSourceSpec::Kind::Grid:
        emit tileLoaded(t.z, t.x, t.y, gridTile(t), generation);
        return;
    case TileSourceSpec::Kind::MbTiles: {
        if (!m_mbtiles) {
            emit tileFailed(t.z, t.x, t.y, false, tr("The map file is not open."), generation);
            return;
        }
        QString error;
        const QImage image = m_mbtiles->tile(t, &error);
        if (image.isNull())
            emit tileFailed(t.z, t.x, t.y, error.isEmpty(), error, generation);
        else
            emit tileLoaded(t.z, t.x, t.y, image.convertToFormat(QImage::Format_ARGB32_Premultiplied),
                            generation);
        return;
    }
    case TileSourceSpec::Kind::Xyz: {
        if (m_inFlight.contains(t))
            return;
        QNetworkRequest req(m_spec.tileUrl(t));
        req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Vigil/0.1 (video wall map)"));
        req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
        req.setTransferTimeout(15000);
        QNetworkReply *reply = m_network->get(req);
        m_inFlight.insert(t, reply);
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, t, generation] { onReply(reply, t, generation); });
        return;
    }
    }
}

void TileLoader::cancelAllBut(const QList<TileId> &keep, quint64 generation)
{
    if (generation != m_generation)
        return;
    const QSet<TileId> wanted(keep.begin(), keep.end());
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        QNetworkReply *reply = it.value();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        const TileId t = it.key();
        it = m_inFlight.erase(it);
        emit tileFailed(t.z, t.x, t.y, false, QString(), generation); // cancelled: the store may ask again
    }
}

void TileLoader::onReply(QNetworkReply *reply, TileId t, quint64 generation)
{
    reply->deleteLater();
    if (m_inFlight.value(t) == reply)
        m_inFlight.remove(t);
    if (generation != m_generation)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError) {
        const bool missing = status == 404 || status == 204;
        const QString error = tr("Loading map tile %1 from %2 failed: %3. Check the network connection or "
                                 "switch to an offline MBTiles map.")
                                  .arg(t.key(), m_spec.name, reply->errorString());
        qCDebug(vigilMap).noquote() << "tile failed" << TileSourceSpec::redactedUrl(reply->url())
                                    << reply->errorString();
        emit tileFailed(t.z, t.x, t.y, missing, error, generation);
        return;
    }
    QImage image = QImage::fromData(reply->readAll());
    if (image.isNull()) {
        emit tileFailed(t.z, t.x, t.y, false,
                        tr("Map tile %1 from %2 is not an image.").arg(t.key(), m_spec.name), generation);
        return;
    }
    emit tileLoaded(t.z, t.x, t.y, image.convertToFormat(QImage::Format_ARGB32_Premultiplied), generation);
}

QImage TileLoader::gridTile(TileId t)
{
    QImage image(kTileSize, kTileSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(0x2b, 0x30, 0x38));
    QPainter p(&image);
    p.setPen(QColor(0x3d, 0x44, 0x4f));
    for (int i = 0; i < kTileSize; i += kTileSize / 4) {
        p.drawLine(i, 0, i, kTileSize);
        p.drawLine(0, i, kTileSize, i);
    }
    p.setPen(QColor(0x56, 0x5f, 0x6b));
    p.drawRect(0, 0, kTileSize - 1, kTileSize - 1);
    QFont font;
    font.setPixelSize(11);
    p.setFont(font);
    p.drawText(QRect(6, 4, kTileSize - 12, 16), Qt::AlignLeft | Qt::AlignTop, t.key());
    return image;
}

} // namespace vigil::map
