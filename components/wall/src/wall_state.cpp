#include "vigil/wall/wall_state.h"

#include "vigil/wall/layouts.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

#include <algorithm>

namespace vigil::wall {

namespace {
template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

void trimTrailingEmpty(QStringList &tiles)
{
    while (!tiles.isEmpty() && tiles.last().isEmpty())
        tiles.removeLast();
}

void setSlot(QStringList &tiles, int tile, const QString &cameraId)
{
    while (tiles.size() <= tile)
        tiles.append(QString());
    tiles[tile] = cameraId;
    trimTrailingEmpty(tiles);
}
QStringList cleanTourCameras(const QStringList &cameras)
{
    QStringList out;
    for (const QString &id : cameras) {
        if (!id.isEmpty() && !out.contains(id))
            out.append(id);
    }
    return out;
}
} // namespace

int WallState::tileCount() const
{
    const LayoutDef *d = findLayout(layoutId);
    return d ? d->tileCount() : 0;
}

WallState reduce(WallState s, const Action &action)
{
    const int count = s.tileCount();
    const auto valid = [count](int tile) {
        return tile >= 0 && tile < count;
    };
    std::visit(Overloaded{
                   [&](const SetLayout &a) {
                       if (a.layoutId == s.layoutId || !findLayout(a.layoutId))
                           return;
                       s.layoutId = a.layoutId;
                       s.maximizedTile = -1;
                   },
                   [&](const AssignCamera &a) {
                       if (!valid(a.tile))
                           return;
                       setSlot(s.tileCameras, a.tile, a.cameraId);
                       s.tours.remove(a.tile); // the operator chose what this tile shows
                       if (a.cameraId.isEmpty() && s.maximizedTile == a.tile)
                           s.maximizedTile = -1;
                   },
                   [&](const SwapTiles &a) {
                       if (!valid(a.a) || !valid(a.b) || a.a == a.b)
                           return;
                       const QString first = s.cameraAt(a.a);
                       const QString second = s.cameraAt(a.b);
                       setSlot(s.tileCameras, a.a, second);
                       setSlot(s.tileCameras, a.b, first);
                       const std::optional<Tour> tourA =
                           s.tours.contains(a.a) ? std::optional<Tour>(s.tours.take(a.a)) : std::nullopt;
                       const std::optional<Tour> tourB =
                           s.tours.contains(a.b) ? std::optional<Tour>(s.tours.take(a.b)) : std::nullopt;
                       if (tourA)
                           s.tours.insert(a.b, *tourA);
                       if (tourB)
                           s.tours.insert(a.a, *tourB);
                   },
                   [&](const ClearTile &a) {
                       if (!valid(a.tile))
                           return;
                       setSlot(s.tileCameras, a.tile, QString());
                       s.tours.remove(a.tile);
                       if (s.maximizedTile == a.tile)
                           s.maximizedTile = -1;
                   },
                   [&](const ToggleMaximize &a) {
                       if (!valid(a.tile))
                           return;
                       s.maximizedTile = s.maximizedTile == a.tile ? -1 : a.tile;
                   },
                   [&](const RemoveCamera &a) {
                       if (a.cameraId.isEmpty())
                           return;
                       for (auto it = s.tours.begin(); it != s.tours.end();) {
                           Tour &t = *it;
                           const qsizetype at = t.cameras.indexOf(a.cameraId);
                           if (at < 0) {
                               ++it;
                               continue;
                           }
                           t.cameras.removeAt(at);
                           t.skipped.removeAll(a.cameraId);
                           if (t.cameras.isEmpty()) {
                               it = s.tours.erase(it);
                               continue;
                           }
                           if (at < t.current || t.current >= t.cameras.size())
                               t.current = at < t.current ? t.current - 1 : 0;
                           if (s.cameraAt(it.key()) == a.cameraId)
                               setSlot(s.tileCameras, it.key(), t.currentCamera());
                           ++it;
                       }
                       for (QString &slot : s.tileCameras) {
                           if (slot == a.cameraId)
                               slot.clear();
                       }
                       trimTrailingEmpty(s.tileCameras);
                       if (s.maximizedTile >= 0 && s.cameraAt(s.maximizedTile).isEmpty())
                           s.maximizedTile = -1;
                   },
                   [&](const StartTour &a) {
                       const QStringList cameras = cleanTourCameras(a.cameras);
                       if (!valid(a.tile) || cameras.isEmpty())
                           return;
                       Tour t;
                       t.cameras = cameras;
                       t.dwellSeconds = clampTourDwell(a.dwellSeconds);
                       s.tours.insert(a.tile, t);
                       setSlot(s.tileCameras, a.tile, t.currentCamera());
                   },
                   [&](const StopTour &a) { s.tours.remove(a.tile); },
                   [&](const AdvanceTour &a) {
                       auto it = s.tours.find(a.tile);
                       if (it == s.tours.end())
                           return;
                       Tour &t = *it;
                       const int n = int(t.cameras.size());
                       const int next = a.index < 0 ? (t.current + 1) % n : a.index;
                       if (next >= n || next == t.current)
                           return;
                       t.current = next;
                       t.skipped.removeAll(t.currentCamera()); // on screen: not skipped any more
                       setSlot(s.tileCameras, a.tile, t.currentCamera());
                   },
                   [&](const SetTourPaused &a) {
                       auto it = s.tours.find(a.tile);
                       if (it != s.tours.end())
                           it->paused = a.paused;
                   },
                   [&](const SetTourDwell &a) {
                       auto it = s.tours.find(a.tile);
                       if (it != s.tours.end())
                           it->dwellSeconds = clampTourDwell(a.dwellSeconds);
                   },
                   [&](const MarkTourSkipped &a) {
                       auto it = s.tours.find(a.tile);
                       if (it == s.tours.end() || !it->cameras.contains(a.cameraId) ||
                           it->skipped.contains(a.cameraId))
                           return;
                       it->skipped.append(a.cameraId);
                   },
               },
               action);
    return s;
}

QJsonObject toJson(const WallState &state)
{
    QJsonArray tours;
    for (auto it = state.tours.cbegin(); it != state.tours.cend(); ++it) {
        tours.append(QJsonObject{{QStringLiteral("tile"), it.key()},
                                 {QStringLiteral("cameras"), QJsonArray::fromStringList(it->cameras)},
                                 {QStringLiteral("dwell"), it->dwellSeconds},
                                 {QStringLiteral("current"), it->current},
                                 {QStringLiteral("paused"), it->paused}});
    }
    return QJsonObject{{QStringLiteral("version"), kWallJsonVersion},
                       {QStringLiteral("layout"), state.layoutId},
                       {QStringLiteral("tiles"), QJsonArray::fromStringList(state.tileCameras)},
                       {QStringLiteral("maximizedTile"), state.maximizedTile},
                       {QStringLiteral("tours"), tours}};
}

QByteArray toJsonBytes(const WallState &state)
{
    return QJsonDocument(toJson(state)).toJson(QJsonDocument::Indented);
}

std::optional<WallState> fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<WallState> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QJsonValue version = json.value(u"version");
    if (!version.isDouble())
        return fail(QStringLiteral("the \"version\" field is missing"));
    if (version.toInt() < 1 || version.toInt() > kWallJsonVersion)
        return fail(QStringLiteral("unsupported version %1 (this Vigil reads version %2)")
                        .arg(version.toInt())
                        .arg(kWallJsonVersion));
    if (!json.value(u"layout").isString())
        return fail(QStringLiteral("the \"layout\" field is missing"));
    if (!json.value(u"tiles").isArray())
        return fail(QStringLiteral("the \"tiles\" array is missing"));

    WallState s;
    if (findLayout(json.value(u"layout").toString()))
        s.layoutId = json.value(u"layout").toString();
    const QJsonArray tiles = json.value(u"tiles").toArray();
    for (qsizetype i = 0; i < tiles.size() && i < kMaxTiles; ++i)
        s.tileCameras.append(tiles.at(i).toString());
    trimTrailingEmpty(s.tileCameras);
    // Tours (optional): entries that make no sense are dropped, numbers clamped; the tile shows the tour's
    // current camera whatever "tiles" said.
    const QJsonArray tours = json.value(u"tours").toArray();
    for (const QJsonValue &v : tours) {
        const QJsonObject o = v.toObject();
        const int tile = o.value(u"tile").toInt(-1);
        QStringList cameras;
        for (const QJsonValue &c : o.value(u"cameras").toArray())
            cameras.append(c.toString());
        cameras = cleanTourCameras(cameras);
        if (tile < 0 || tile >= kMaxTiles || cameras.isEmpty() || s.tours.contains(tile))
            continue;
        Tour t;
        t.cameras = cameras;
        t.dwellSeconds = clampTourDwell(o.value(u"dwell").toInt(kDefaultTourDwellSeconds));
        const int current = o.value(u"current").toInt(0);
        t.current = current >= 0 && current < cameras.size() ? current : 0;
        t.paused = o.value(u"paused").toBool(false);
        s.tours.insert(tile, t);
        setSlot(s.tileCameras, tile, t.currentCamera());
    }
    const int max = json.value(u"maximizedTile").toInt(-1);
    s.maximizedTile = max >= 0 && max < s.tileCount() ? max : -1;
    return s;
}

std::optional<WallState> fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("not valid JSON at offset %1: %2").arg(err.offset).arg(err.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("the top level is not a JSON object");
        return std::nullopt;
    }
    return fromJson(doc.object(), error);
}

Placement placeCamera(const WallState &state, const QString &cameraId, bool replaceWhenFull)
{
    const int count = state.tileCount();
    if (cameraId.isEmpty() || count <= 0)
        return {};
    if (state.maximizedTile >= 0 && state.cameraAt(state.maximizedTile) == cameraId)
        return {state.maximizedTile, Placement::AlreadyShown};
    for (int i = 0; i < count; ++i) {
        if (state.cameraAt(i) == cameraId)
            return {i, Placement::AlreadyShown};
    }
    for (int i = 0; i < count; ++i) {
        if (state.cameraAt(i).isEmpty())
            return {i, Placement::Empty};
    }
    if (replaceWhenFull)
        return {count - 1, Placement::Replaced};
    return {};
}

} // namespace vigil::wall
