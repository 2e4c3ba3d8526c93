#include "vigil/wall/wall_store.h"

#include "vigil/access/audit_sink.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/atomic_file.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtQml/QJSEngine>

namespace vigil::wall {

WallStore *WallStore::s_instance = nullptr;

namespace {
// Engine -> its own store (wall screens' windows). GUI thread only, like every QML engine here.
QHash<const QQmlEngine *, QPointer<WallStore>> &engineStores()
{
    static QHash<const QQmlEngine *, QPointer<WallStore>> stores;
    return stores;
}
} // namespace

namespace {
// The audit log's line for an operator's wall action; "" for what the wall does by itself (tours advancing,
// cameras leaving the directory), which is not audited.
QString auditText(const Action &action)
{
    auto list = [](const QStringList &ids) {
        return ids.join(QLatin1Char(','));
    };
    return std::visit(
        [&](const auto &a) -> QString {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, SetLayout>)
                return QStringLiteral("layout %1").arg(a.layoutId);
            else if constexpr (std::is_same_v<T, AssignCamera>)
                return QStringLiteral("tile %1: camera %2").arg(a.tile + 1).arg(a.cameraId);
            else if constexpr (std::is_same_v<T, SwapTiles>)
                return QStringLiteral("swap tiles %1 and %2").arg(a.a + 1).arg(a.b + 1);
            else if constexpr (std::is_same_v<T, ClearTile>)
                return QStringLiteral("tile %1: cleared").arg(a.tile + 1);
            else if constexpr (std::is_same_v<T, ToggleMaximize>)
                return QStringLiteral("tile %1: maximize or restore").arg(a.tile + 1);
            else if constexpr (std::is_same_v<T, StartTour>)
                return QStringLiteral("tile %1: tour of %2").arg(a.tile + 1).arg(list(a.cameras));
            else if constexpr (std::is_same_v<T, StopTour>)
                return QStringLiteral("tile %1: tour stopped").arg(a.tile + 1);
            else if constexpr (std::is_same_v<T, SetTourPaused>)
                return QStringLiteral("tile %1: tour %2")
                    .arg(a.tile + 1)
                    .arg(a.paused ? "paused" : "resumed");
            else
                return {};
        },
        action);
}

QString validateWallJson(const QByteArray &data)
{
    QString error;
    if (!fromJson(data, &error))
        return error.isEmpty() ? QStringLiteral("unreadable") : error;
    return {};
}
} // namespace

WallStore::WallStore(cameras::CameraDirectory *directory, QObject *parent, const QString &fileName)
    : QObject(parent)
    , m_cameras(directory)
    , m_tiles(new TileModel(this))
    , m_path(QDir(core::configDir()).filePath(fileName))
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &WallStore::saveNow);

    if (directory) {
        // Names follow the directory; any structural change may rename, add or remove a camera.
        const auto refresh = [this] {
            refreshTiles();
        };
        connect(directory, &QAbstractItemModel::dataChanged, this, refresh);
        connect(directory, &QAbstractItemModel::rowsInserted, this, refresh);
        connect(directory, &QAbstractItemModel::rowsRemoved, this, refresh);
        connect(directory, &QAbstractItemModel::modelReset, this, refresh);
        connect(directory, &cameras::CameraDirectory::cameraRemoved, this,
                [this](const QString &id) { dispatch(RemoveCamera{id}); });
    }
    refreshTiles();
}

WallStore::~WallStore()
{
    if (m_saveTimer.isActive())
        saveNow();
    if (s_instance == this)
        s_instance = nullptr;
}

WallStore *WallStore::create(QQmlEngine *qmlEngine, QJSEngine *)
{
    WallStore *store = forEngine(qmlEngine);
    if (!store) {
        qCCritical(vigilWall) << "Wall singleton used before WallStore::setInstance(); "
                                 "the app must install the store before loading QML";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(store, QJSEngine::CppOwnership);
    return store;
}

void WallStore::setInstanceForEngine(const QQmlEngine *engine, WallStore *store)
{
    if (store) {
        engineStores().insert(engine, store);
        QJSEngine::setObjectOwnership(store, QJSEngine::CppOwnership);
    } else {
        engineStores().remove(engine);
    }
}

WallStore *WallStore::forEngine(const QQmlEngine *engine)
{
    if (engine) {
        if (const auto it = engineStores().constFind(engine); it != engineStores().cend() && *it)
            return it->data();
    }
    return s_instance;
}

void WallStore::setInstance(WallStore *instance)
{
    s_instance = instance;
    if (instance)
        QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
}

WallStore *WallStore::instance()
{
    return s_instance;
}

int WallStore::columns() const
{
    const LayoutDef *d = findLayout(m_state.layoutId);
    return d ? d->columns : 0;
}

int WallStore::rows() const
{
    const LayoutDef *d = findLayout(m_state.layoutId);
    return d ? d->rows : 0;
}

QVariantMap WallStore::layoutGeometry(const QString &layoutId) const
{
    const LayoutDef *d = findLayout(layoutId);
    if (!d)
        return {};
    QVariantList tiles;
    tiles.reserve(d->tileCount());
    for (const TileRect &t : d->tiles)
        tiles.append(QVariant(QVariantList{t.x, t.y, t.w, t.h}));
    return {{QStringLiteral("columns"), d->columns},
            {QStringLiteral("rows"), d->rows},
            {QStringLiteral("tiles"), tiles}};
}

QStringList WallStore::layoutIds() const
{
    if (!m_allowedLayouts.isEmpty())
        return m_allowedLayouts;
    QStringList ids;
    for (const LayoutDef &d : layouts())
        ids.append(d.id);
    return ids;
}

void WallStore::setAllowedLayouts(const QStringList &ids)
{
    QStringList allowed; // in menu order, known ids only
    for (const LayoutDef &d : layouts()) {
        if (ids.contains(d.id))
            allowed.append(d.id);
    }
    if (allowed == m_allowedLayouts)
        return;
    m_allowedLayouts = allowed;
    emit layoutIdsChanged();
    if (const WallState next = constrained(m_state); next != m_state) {
        qCInfo(vigilWall) << "layout" << m_state.layoutId << "is not allowed here; the wall shows"
                          << next.layoutId;
        applyState(next);
        m_saveTimer.start();
    }
}

WallState WallStore::constrained(WallState state) const
{
    if (m_allowedLayouts.isEmpty() || m_allowedLayouts.contains(state.layoutId))
        return state;
    const LayoutDef *current = findLayout(state.layoutId);
    const int tiles = current ? current->tileCount() : 0;
    const LayoutDef *best = nullptr;
    for (const QString &id : m_allowedLayouts) {
        const LayoutDef *d = findLayout(id);
        if (d && d->tileCount() <= tiles && (!best || d->tileCount() > best->tileCount()))
            best = d;
    }
    state.layoutId = best ? best->id : m_allowedLayouts.first(); // the smallest: menu order is ascending
    state.maximizedTile = -1;
    return state;
}

bool WallStore::dispatch(const Action &action)
{
    if (const auto *set = std::get_if<SetLayout>(&action);
        set && !m_allowedLayouts.isEmpty() && !m_allowedLayouts.contains(set->layoutId)) {
        qCInfo(vigilWall) << "layout" << set->layoutId << "refused: this PC allows" << m_allowedLayouts;
        return false;
    }
    WallState next = constrained(reduce(m_state, action));
    if (next == m_state)
        return false;
    applyState(next);
    m_saveTimer.start();
    if (const QString what = auditText(action); !what.isEmpty())
        access::audit(u"wall", QFileInfo(m_path).completeBaseName() + QStringLiteral(": ") + what);
    return true;
}

bool WallStore::replaceState(const WallState &state, bool operatorStep)
{
    std::optional<Step> step;
    if (operatorStep)
        step.emplace(this);
    QString why;
    std::optional<WallState> next = fromJson(toJson(state), &why);
    if (!next) {
        qCWarning(vigilWall).noquote() << "wall state not applied:" << why;
        return false;
    }
    *next = constrained(*next);
    for (auto it = next->tours.begin(); it != next->tours.end(); ++it) {
        const Tour *mine = m_state.tourAt(it.key());
        if (mine && mine->cameras == it->cameras)
            it->skipped = mine->skipped;
    }
    if (*next == m_state)
        return false;
    applyState(*next);
    m_saveTimer.start();
    return true;
}

void WallStore::applyState(const WallState &wanted)
{
    const WallState next = constrained(wanted); // undo may bring back a state from before a limit was set
    const WallState prev = std::exchange(m_state, next);
    refreshTiles();
    if (prev.layoutId != m_state.layoutId)
        emit layoutIdChanged();
    if (prev.maximizedTile != m_state.maximizedTile)
        emit maximizedTileChanged();
    emit stateChanged();
}

void WallStore::refreshTiles()
{
    const LayoutDef *d = findLayout(m_state.layoutId);
    QList<TileModel::Tile> rows;
    if (d) {
        rows.reserve(d->tileCount());
        for (int i = 0; i < d->tileCount(); ++i) {
            const QString id = m_state.cameraAt(i);
            rows.append({d->tiles.at(i), id, m_cameras && !id.isEmpty() ? m_cameras->nameOf(id) : QString()});
        }
    }
    m_tiles->setTiles(rows);
}

bool WallStore::load()
{
    m_saveTimer.stop();
    const core::LoadedFile loaded = core::readFileWithBackup(m_path, &validateWallJson);
    WallState next;
    if (loaded.exists) {
        if (auto parsed = fromJson(loaded.data))
            next = *parsed;
    }
    QString problem;
    if (!loaded.error.isEmpty()) {
        const QString kept = loaded.keptAs;
        problem =
            loaded.fromBackup
                ? tr("The saved wall %1 was damaged (%2). Vigil restored the previous wall from its backup, "
                     "so the latest changes may be missing; the damaged file was kept as %3.")
                      .arg(m_path, loaded.error, kept)
                : tr("The saved wall %1 was damaged (%2) and no usable backup exists, so Vigil started with "
                     "an empty wall. The damaged file was kept as %3; drag the cameras onto the wall again.")
                      .arg(m_path, loaded.error, kept);
    } else if (loaded.fromBackup) {
        problem = tr("The saved wall %1 was missing; Vigil restored it from its backup.").arg(m_path);
    }
    if (!problem.isEmpty())
        qCWarning(vigilWall).noquote() << problem;
    setLoadError(problem);
    next = constrained(next);
    if (next != m_state)
        applyState(next);
    qCInfo(vigilWall) << "wall loaded: layout" << m_state.layoutId << "from" << m_path;
    return loaded.error.isEmpty();
}

bool WallStore::saveNow()
{
    m_saveTimer.stop();
    QString why;
    if (!core::writeFileAtomically(m_path, toJsonBytes(m_state), &why)) {
        qCWarning(vigilWall).noquote() << "cannot save the wall to" << m_path << ":" << why;
        setSaveError(
            tr("Vigil could not save the wall to %1 (%2). The wall works, but this arrangement will "
               "be lost at the next start: check that the folder is writable and the disk is not full.")
                .arg(m_path, why));
        return false;
    }
    setSaveError({});
    return true;
}

void WallStore::setLayout(const QString &layoutId)
{
    const Step step(this);
    if (!findLayout(layoutId))
        qCWarning(vigilWall) << "unknown layout" << layoutId;
    dispatch(SetLayout{layoutId});
}

void WallStore::assignCamera(int tile, const QString &cameraId)
{
    const Step step(this);
    dispatch(AssignCamera{tile, cameraId});
}

void WallStore::swapTiles(int a, int b)
{
    const Step step(this);
    dispatch(SwapTiles{a, b});
}

void WallStore::clearTile(int tile)
{
    const Step step(this);
    dispatch(ClearTile{tile});
}

void WallStore::toggleMaximize(int tile)
{
    const Step step(this);
    dispatch(ToggleMaximize{tile});
}

int WallStore::firstEmptyTile() const
{
    for (int i = 0; i < tileCount(); ++i) {
        if (m_state.cameraAt(i).isEmpty())
            return i;
    }
    return -1;
}

ShownCamera WallStore::showCamera(const QString &cameraId, bool replaceWhenFull)
{
    const Step step(this);
    const Placement p = placeCamera(m_state, cameraId, replaceWhenFull);
    if (p.how == Placement::Empty || p.how == Placement::Replaced)
        dispatch(AssignCamera{p.tile, cameraId});
    ShownCamera shown;
    shown.tile = p.tile;
    shown.alreadyShown = p.how == Placement::AlreadyShown;
    shown.replaced = p.how == Placement::Replaced;
    return shown;
}

bool WallStore::startTour(int tile, const QStringList &cameraIds, int dwellSeconds)
{
    const Step step(this);
    if (!dispatch(StartTour{tile, cameraIds, dwellSeconds}))
        return m_state.tourAt(tile) != nullptr; // the same tour again changes nothing but is running
    qCInfo(vigilWall) << "tour started on tile" << tile << "with" << m_state.tourAt(tile)->cameras.size()
                      << "cameras," << m_state.tourAt(tile)->dwellSeconds << "s each";
    return true;
}

QStringList WallStore::shownCameras() const
{
    QStringList ids;
    for (int tile = 0; tile < m_state.tileCount(); ++tile) {
        const QString id = m_state.cameraAt(tile);
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

QStringList WallStore::camerasInGroup(const QString &group) const
{
    QStringList ids;
    if (!m_cameras)
        return ids;
    for (const cameras::Camera &c : m_cameras->cameras()) {
        if (c.group == group)
            ids.append(c.id);
    }
    return ids;
}

bool WallStore::startGroupTour(int tile, const QString &group, int dwellSeconds)
{
    return startTour(tile, camerasInGroup(group), dwellSeconds);
}

int WallStore::startScreenTour(const QStringList &cameraIds, int dwellSeconds)
{
    const Step step(this);
    QStringList ids;
    for (const QString &id : cameraIds) {
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    const int tiles = tileCount();
    const int m = int(ids.size());
    if (m == 0 || tiles <= 0)
        return 0;
    if (m <= tiles) {
        for (int i = 0; i < m; ++i)
            dispatch(AssignCamera{i, ids.at(i)});
        return m;
    }
    const int pages = (m + tiles - 1) / tiles;
    for (int i = 0; i < tiles; ++i) {
        QStringList mine;
        for (int p = 0; p < pages; ++p)
            mine.append(ids.at((p * tiles + i) % m));
        dispatch(StartTour{i, mine, dwellSeconds});
    }
    qCInfo(vigilWall) << "screen tour of" << m << "cameras on" << tiles << "tiles," << pages << "pages";
    return tiles;
}

int WallStore::startGroupScreenTour(const QString &group, int dwellSeconds)
{
    return startScreenTour(camerasInGroup(group), dwellSeconds);
}

void WallStore::stopTour(int tile)
{
    const Step step(this);
    dispatch(StopTour{tile});
}

void WallStore::setTourPaused(int tile, bool paused)
{
    const Step step(this);
    dispatch(SetTourPaused{tile, paused});
}

int WallStore::setTourDwell(int tile, int dwellSeconds)
{
    const Step step(this);
    const QList<int> tiles = tile < 0 ? m_state.tours.keys() : QList<int>{tile};
    int changed = 0;
    for (int t : tiles)
        changed += dispatch(SetTourDwell{t, dwellSeconds}) ? 1 : 0; // a tile without a tour: no change
    return changed;
}

WallStore::Step::Step(WallStore *store)
    : m_store(store)
{
    if (m_store->m_stepDepth++ == 0)
        m_store->m_stepStart = m_store->m_state;
}

WallStore::Step::~Step()
{
    if (--m_store->m_stepDepth > 0 || m_store->m_state == m_store->m_stepStart)
        return;
    m_store->m_undo.append(m_store->m_stepStart);
    while (m_store->m_undo.size() > kUndoDepth)
        m_store->m_undo.removeFirst();
    m_store->m_redo.clear();
    emit m_store->undoChanged();
    emit m_store->stepRecorded();
}

bool WallStore::undo()
{
    return moveStep(m_undo, m_redo);
}

bool WallStore::redo()
{
    return moveStep(m_redo, m_undo);
}

bool WallStore::moveStep(QList<WallState> &from, QList<WallState> &to)
{
    if (from.isEmpty())
        return false;
    to.append(m_state);
    applyState(from.takeLast());
    m_saveTimer.start();
    emit undoChanged();
    return true;
}

void WallStore::setLoadError(const QString &text)
{
    if (m_loadError == text)
        return;
    m_loadError = text;
    emit loadErrorChanged();
}

void WallStore::setSaveError(const QString &text)
{
    if (m_saveError == text)
        return;
    m_saveError = text;
    emit saveErrorChanged();
}

} // namespace vigil::wall
