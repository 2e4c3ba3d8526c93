// WallStore: persistence (debounced atomic save, restart restores, corrupt wall.json -> backup + loadError +
// .corrupt copy), tile model signals (fine-grained vs reset), camera names following the directory, and
// QAbstractItemModelTester on the tile model.
#include "vigil/cameras/camera_directory.h"
#include "vigil/wall/layouts.h"
#include "vigil/wall/stream_selection.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtQml/QJSEngine>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_WallPlugin)

using namespace vigil::wall;
using vigil::cameras::Camera;
using vigil::cameras::CameraDirectory;
using vigil::cameras::MemoryCredentialStore;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

Camera camera(const QString &id, const QString &name)
{
    Camera c;
    c.id = id;
    c.name = name;
    c.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1/") + id), {}, 0, {}}};
    return c;
}

QString cameraIdAt(const WallStore &w, int row)
{
    return w.tiles()->index(row).data(TileModel::CameraIdRole).toString();
}
QString cameraNameAt(const WallStore &w, int row)
{
    return w.tiles()->index(row).data(TileModel::CameraNameRole).toString();
}
} // namespace

class TestWallStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CameraDirectory> m_cameras;
    QString wallPath() const { return QDir(m_dir->path()).filePath(QStringLiteral("wall.json")); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qputenv("VIGIL_CONFIG_DIR", QFile::encodeName(m_dir->path()));
        m_cameras = std::make_unique<CameraDirectory>(std::make_unique<MemoryCredentialStore>());
        m_cameras->setDemoCameras({camera("c1", "Gate"), camera("c2", "Yard"), camera("c3", "Dock")});
    }

    void cleanup() { m_cameras.reset(); }

    void defaults()
    {
        WallStore wall(m_cameras.get());
        QAbstractItemModelTester tester(wall.tiles(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(wall.load());
        QCOMPARE(wall.filePath(), wallPath());
        QCOMPARE(wall.layoutId(), QStringLiteral("4"));
        QCOMPARE(wall.columns(), 2);
        QCOMPARE(wall.rows(), 2);
        QCOMPARE(wall.tileCount(), 4);
        QCOMPARE(wall.tiles()->rowCount(), 4);
        QCOMPARE(wall.maximizedTile(), -1);
        QCOMPARE(wall.firstEmptyTile(), 0);
        QVERIFY(wall.loadError().isEmpty());
        QCOMPARE(wall.layoutIds().size(), 11);
        const QHash<int, QByteArray> roles = wall.tiles()->roleNames();
        for (const char *role : {"tileIndex", "cellX", "cellY", "cellW", "cellH", "cameraId", "cameraName"})
            QVERIFY2(roles.values().contains(role), role);
        QVERIFY(!QFile::exists(wallPath())); // nothing changed, nothing written
    }

    // The layout picker draws its icons from this: it must describe exactly the wall's own geometry.
    void layoutGeometryMatchesLayouts()
    {
        WallStore wall(m_cameras.get());
        for (const LayoutDef &d : layouts()) {
            const QVariantMap g = wall.layoutGeometry(d.id);
            QCOMPARE(g.value(QStringLiteral("columns")).toInt(), d.columns);
            QCOMPARE(g.value(QStringLiteral("rows")).toInt(), d.rows);
            const QVariantList tiles = g.value(QStringLiteral("tiles")).toList();
            QCOMPARE(tiles.size(), d.tileCount());
            for (int i = 0; i < d.tileCount(); ++i) {
                const QVariantList r = tiles.at(i).toList();
                QCOMPARE(r.size(), 4);
                QCOMPARE((TileRect{r[0].toInt(), r[1].toInt(), r[2].toInt(), r[3].toInt()}), d.tiles.at(i));
            }
        }
        QVERIFY(wall.layoutGeometry(QStringLiteral("7")).isEmpty());
    }

    void modelSignals()
    {
        WallStore wall(m_cameras.get());
        QAbstractItemModelTester tester(wall.tiles(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy dataChanged(wall.tiles(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(wall.tiles(), &QAbstractItemModel::modelReset);
        QSignalSpy layoutSpy(&wall, &WallStore::layoutIdChanged);
        QSignalSpy maxSpy(&wall, &WallStore::maximizedTileChanged);

        wall.assignCamera(1, QStringLiteral("c2"));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(dataChanged.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(dataChanged.first().at(1).toModelIndex().row(), 1);
        QCOMPARE(cameraIdAt(wall, 1), QStringLiteral("c2"));
        QCOMPARE(cameraNameAt(wall, 1), QStringLiteral("Yard"));
        QCOMPARE(wall.firstEmptyTile(), 0);

        dataChanged.clear();
        wall.assignCamera(0, QStringLiteral("c1"));
        wall.swapTiles(0, 1);
        QCOMPARE(dataChanged.count(), 3); // one row, then two rows
        QCOMPARE(cameraIdAt(wall, 0), QStringLiteral("c2"));
        QCOMPARE(cameraIdAt(wall, 1), QStringLiteral("c1"));
        QCOMPARE(wall.firstEmptyTile(), 2);

        dataChanged.clear();
        wall.toggleMaximize(1);
        QCOMPARE(maxSpy.count(), 1);
        QCOMPARE(wall.maximizedTile(), 1);
        QCOMPARE(dataChanged.count(), 0);
        wall.clearTile(1);
        QCOMPARE(wall.maximizedTile(), -1);
        QCOMPARE(maxSpy.count(), 2);
        QCOMPARE(dataChanged.count(), 1);

        // Invalid indices are ignored without any signal.
        dataChanged.clear();
        wall.assignCamera(4, QStringLiteral("c3"));
        wall.swapTiles(-1, 2);
        wall.toggleMaximize(99);
        wall.setLayout(QStringLiteral("7"));
        QCOMPARE(dataChanged.count(), 0);
        QCOMPARE(layoutSpy.count(), 0);
        QCOMPARE(reset.count(), 0);

        // A layout change resets the model and moves the grid.
        wall.setLayout(QStringLiteral("13"));
        QCOMPARE(layoutSpy.count(), 1);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(wall.tiles()->rowCount(), 13);
        QCOMPARE(wall.columns(), 4);
        const QModelIndex big = wall.tiles()->index(0);
        QCOMPARE(big.data(TileModel::XRole).toInt(), 1);
        QCOMPARE(big.data(TileModel::WidthRole).toInt(), 2);
        QCOMPARE(big.data(TileModel::CameraIdRole).toString(), QStringLiteral("c2"));
        QCOMPARE(wall.tiles()->index(12).data(TileModel::TileIndexRole).toInt(), 12);

        // What the wall shows, in tile order, each camera once (playback opens these).
        wall.assignCamera(5, QStringLiteral("c2"));
        wall.assignCamera(3, QStringLiteral("c3"));
        QCOMPARE(wall.state().tileCameras, QStringList({"c2", "", "", "c3", "", "c2"}));
        QCOMPARE(wall.shownCameras(), QStringList({"c2", "c3"}));
    }

    void showCameraPlacesByTheOneRule()
    {
        WallStore wall(m_cameras.get());
        QSignalSpy changed(&wall, &WallStore::stateChanged);
        ShownCamera s = wall.showCamera(QStringLiteral("c1"), false);
        QCOMPARE(s.tile, 0);
        QVERIFY(!s.alreadyShown && !s.replaced);
        QCOMPARE(cameraIdAt(wall, 0), QStringLiteral("c1"));
        QCOMPARE(changed.count(), 1);
        // Asked again (double-click in the list, from the map): the tile that shows it; nothing changes.
        s = wall.showCamera(QStringLiteral("c1"), true);
        QCOMPARE(s.tile, 0);
        QVERIFY(s.alreadyShown);
        QCOMPARE(changed.count(), 1);
        for (int i = 1; i < wall.tileCount(); ++i)
            wall.assignCamera(i, QStringLiteral("c2"));
        // Full: not shown unless replacing is allowed; then on the last tile.
        s = wall.showCamera(QStringLiteral("c3"), false);
        QCOMPARE(s.tile, -1);
        QCOMPARE(cameraIdAt(wall, wall.tileCount() - 1), QStringLiteral("c2"));
        s = wall.showCamera(QStringLiteral("c3"), true);
        QCOMPARE(s.tile, wall.tileCount() - 1);
        QVERIFY(s.replaced);
        QCOMPARE(cameraIdAt(wall, wall.tileCount() - 1), QStringLiteral("c3"));
    }

    void namesFollowTheDirectory()
    {
        WallStore wall(m_cameras.get());
        QAbstractItemModelTester tester(wall.tiles(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        wall.assignCamera(0, QStringLiteral("c1"));
        wall.assignCamera(2, QStringLiteral("c3"));
        wall.assignCamera(3, QStringLiteral("ghost"));
        QCOMPARE(cameraNameAt(wall, 3), QString());

        QSignalSpy dataChanged(wall.tiles(), &QAbstractItemModel::dataChanged);
        Camera renamed = camera("c1", "Gate (north)");
        m_cameras->setDemoCameras(
            {renamed, camera("c2", "Yard"), camera("c3", "Dock"), camera("ghost", "Ghost")});
        QCOMPARE(cameraNameAt(wall, 0), QStringLiteral("Gate (north)"));
        QCOMPARE(cameraNameAt(wall, 3), QStringLiteral("Ghost"));
        QVERIFY(dataChanged.count() >= 2);

        // Removing a camera from the directory clears it from the wall.
        QVERIFY(m_cameras->removeCamera(QStringLiteral("c3")));
        QCOMPARE(cameraIdAt(wall, 2), QString());
        QVERIFY(!wall.state().tileCameras.contains(QStringLiteral("c3")));
    }

    void debouncedSaveAndRestore()
    {
        {
            WallStore wall(m_cameras.get());
            QVERIFY(wall.load());
            wall.setLayout(QStringLiteral("16"));
            for (int i = 0; i < 16; ++i)
                wall.assignCamera(i, QStringLiteral("cam-%1").arg(i));
            wall.setLayout(QStringLiteral("4"));
            wall.toggleMaximize(2);
            QVERIFY(wall.savePending());
            QVERIFY(!QFile::exists(wallPath())); // debounced: nothing written yet
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(wallPath()), 5000);
            QVERIFY(!wall.savePending());
            QVERIFY(wall.saveError().isEmpty());
        }
        WallStore again(m_cameras.get());
        QVERIFY(again.load());
        QCOMPARE(again.layoutId(), QStringLiteral("4"));
        QCOMPARE(again.maximizedTile(), 2);
        QCOMPARE(cameraIdAt(again, 3), QStringLiteral("cam-3"));
        again.setLayout(QStringLiteral("16")); // hidden slots survived the restart
        QCOMPARE(cameraIdAt(again, 15), QStringLiteral("cam-15"));
    }

    void tourSavedAndRestored()
    {
        Camera c4 = camera("c4", "Pier");
        c4.group = QStringLiteral("Harbour");
        Camera c5 = camera("c5", "Quay");
        c5.group = QStringLiteral("Harbour");
        m_cameras->setDemoCameras({camera("c1", "Gate"), c4, camera("c2", "Yard"), c5});
        {
            WallStore wall(m_cameras.get());
            QVERIFY(wall.load());
            QCOMPARE(wall.camerasInGroup(QStringLiteral("Harbour")), QStringList({"c4", "c5"}));
            QVERIFY(!wall.startGroupTour(0, QStringLiteral("No such group"), 10));
            QVERIFY(wall.startGroupTour(1, QStringLiteral("Harbour"), 2));
            QCOMPARE(cameraIdAt(wall, 1), QStringLiteral("c4"));
            QVERIFY(wall.dispatch(AdvanceTour{1}));
            QCOMPARE(cameraIdAt(wall, 1), QStringLiteral("c5"));
            wall.setTourPaused(1, true);
            QVERIFY(wall.dispatch(MarkTourSkipped{1, QStringLiteral("c4")}));
            QVERIFY(wall.saveNow());
        }
        WallStore again(m_cameras.get());
        QVERIFY(again.load());
        const Tour *t = again.state().tourAt(1);
        QVERIFY(t);
        QCOMPARE(t->cameras, QStringList({"c4", "c5"}));
        QCOMPARE(t->dwellSeconds, kMinTourDwellSeconds); // 2 s was clamped
        QCOMPARE(t->current, 1);
        QVERIFY(t->paused);
        QVERIFY(t->skipped.isEmpty()); // a runtime fact, not saved
        QCOMPARE(cameraIdAt(again, 1), QStringLiteral("c5"));
        // Dropping a camera on the tile ends the tour.
        again.assignCamera(1, QStringLiteral("c1"));
        QVERIFY(!again.state().tourAt(1));
    }

    void screenTourPagesAcrossEveryTile()
    {
        WallStore wall(m_cameras.get());
        QVERIFY(wall.load());
        QCOMPARE(wall.startScreenTour({}, 10), 0);
        // 10 cameras on 4 tiles: 3 pages; the last page wraps to the list's start, so every tile has 3 turns.
        QStringList ids;
        for (int i = 0; i < 10; ++i)
            ids.append(QStringLiteral("k%1").arg(i));
        QCOMPARE(wall.startScreenTour(ids, 5), 4);
        const QList<QStringList> want{
            {"k0", "k4", "k8"}, {"k1", "k5", "k9"}, {"k2", "k6", "k0"}, {"k3", "k7", "k1"}};
        for (int i = 0; i < 4; ++i) {
            const Tour *t = wall.state().tourAt(i);
            QVERIFY(t);
            QCOMPARE(t->cameras, want.at(i));
            QCOMPARE(t->dwellSeconds, 5);
            QCOMPARE(cameraIdAt(wall, i), want.at(i).first());
        }
        // The time per camera of every tour of the screen at once, one undo step; one tile's alone.
        QCOMPARE(wall.setTourDwell(-1, 20), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(wall.state().tourAt(i)->dwellSeconds, 20);
        QCOMPARE(wall.setTourDwell(-1, 20), 0); // nothing to change
        QCOMPARE(wall.setTourDwell(2, 60), 1);
        QCOMPARE(wall.state().tourAt(2)->dwellSeconds, 60);
        QCOMPARE(wall.state().tourAt(1)->dwellSeconds, 20);
        QVERIFY(wall.undo());
        QCOMPARE(wall.state().tourAt(2)->dwellSeconds, 20);
        QVERIFY(wall.undo());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(wall.state().tourAt(i)->dwellSeconds, 5);
        QCOMPARE(wall.setTourDwell(9, 30), 0); // a tile without a tour
        // No more cameras than tiles: placed, no tour.
        QCOMPARE(wall.startScreenTour({"c1", "c2"}, 5), 2);
        QCOMPARE(cameraIdAt(wall, 0), QStringLiteral("c1"));
        QCOMPARE(cameraIdAt(wall, 1), QStringLiteral("c2"));
        QVERIFY(!wall.state().tourAt(0));
        QVERIFY(!wall.state().tourAt(1));
        QVERIFY(wall.state().tourAt(2)); // other tiles keep what they had
    }

    // A recalled scene or another PC's state replaces the whole wall, canonical, saved to the store's own
    // file.
    void replaceStateIsCanonicalAndSaved()
    {
        WallStore wall(m_cameras.get(), nullptr, QStringLiteral("wall-screen2.json"));
        QCOMPARE(wall.filePath(), QDir(m_dir->path()).filePath(QStringLiteral("wall-screen2.json")));
        QVERIFY(wall.load());
        QVERIFY(wall.startTour(0, {"c1", "c2"}, 10));
        QVERIFY(wall.dispatch(MarkTourSkipped{0, QStringLiteral("c2")}));
        QSignalSpy changed(&wall, &WallStore::stateChanged);
        QSignalSpy layout(&wall, &WallStore::layoutIdChanged);

        WallState next;
        next.layoutId = QStringLiteral("no-such-layout"); // -> the default layout
        next.tileCameras = {"c1", "", "c3", "", ""};      // trailing empties dropped
        next.maximizedTile = 99;                          // -> none
        next.tours.insert(0, Tour{{"c1", "c2"}, 10, 0, false, {}});
        QVERIFY(wall.replaceState(next));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(wall.layoutId(), QStringLiteral("4"));
        QCOMPARE(wall.state().tileCameras, QStringList({"c1", "", "c3"}));
        QCOMPARE(wall.maximizedTile(), -1);
        QCOMPARE(wall.state().tourAt(0)->skipped, QStringList{"c2"}); // same tour: its runtime mark stays
        QCOMPARE(cameraIdAt(wall, 2), QStringLiteral("c3"));
        QVERIFY(!wall.replaceState(wall.state())); // nothing new
        QCOMPARE(changed.count(), 1);

        next.layoutId = QStringLiteral("9");
        QVERIFY(wall.replaceState(next));
        QCOMPARE(layout.count(), 1);
        QVERIFY(wall.saveNow());
        const auto saved = fromJson(readAll(wall.filePath()));
        QVERIFY(saved);
        QCOMPARE(saved->layoutId, QStringLiteral("9"));
        QVERIFY(!QFile::exists(wallPath())); // the first screen's file is not touched
    }

    // Village mode: only 1, 4 and 9 tiles. Other layouts are refused; a wall that arrives with more tiles
    // (wall.json, a scene, another PC, undo) shows in 9, its hidden cameras kept in the state.
    void allowedLayoutsCapTheWall()
    {
        {
            WallStore big(m_cameras.get());
            big.setLayout(QStringLiteral("16"));
            big.assignCamera(12, QStringLiteral("c3"));
            big.toggleMaximize(12);
            QVERIFY(big.saveNow());
        }
        WallStore wall(m_cameras.get());
        QVERIFY(wall.load());
        QCOMPARE(wall.layoutId(), QStringLiteral("16"));
        QSignalSpy ids(&wall, &WallStore::layoutIdsChanged);
        QSignalSpy layout(&wall, &WallStore::layoutIdChanged);
        wall.setAllowedLayouts(
            {QStringLiteral("9"), QStringLiteral("1"), QStringLiteral("4"), QStringLiteral("no-such")});
        QCOMPARE(ids.count(), 1);
        QCOMPARE(wall.layoutIds(), QStringList({"1", "4", "9"})); // menu order, known ids only
        QCOMPARE(wall.layoutId(), QStringLiteral("9"));           // 16 -> the largest allowed below it
        QCOMPARE(layout.count(), 1);
        QCOMPARE(wall.tileCount(), 9);
        QCOMPARE(wall.tiles()->rowCount(), 9);
        QCOMPARE(wall.maximizedTile(), -1);                        // tile 12 is not on this wall
        QCOMPARE(wall.state().cameraAt(12), QStringLiteral("c3")); // kept, unshown

        wall.setLayout(QStringLiteral("16"));
        wall.setLayout(QStringLiteral("25"));
        QCOMPARE(wall.layoutId(), QStringLiteral("9"));
        QVERIFY(!wall.dispatch(SetLayout{QStringLiteral("64")}));
        wall.setLayout(QStringLiteral("4"));
        QCOMPARE(wall.layoutId(), QStringLiteral("4"));
        wall.setLayout(QStringLiteral("6")); // 1 + 5 merged: not a village layout either
        QCOMPARE(wall.layoutId(), QStringLiteral("4"));

        WallState scene = wall.state();
        scene.layoutId = QStringLiteral("13");
        QVERIFY(wall.replaceState(scene));
        QCOMPARE(wall.layoutId(), QStringLiteral("9"));
        scene.layoutId = QStringLiteral("36");
        QVERIFY(!wall.replaceState(scene)); // 36 -> 9: what the wall shows already

        WallState small = wall.state();
        small.layoutId = QStringLiteral("8");
        QVERIFY(wall.replaceState(small));
        QCOMPARE(wall.layoutId(), QStringLiteral("4"));
        QVERIFY(wall.saveNow());
        QCOMPARE(fromJson(readAll(wallPath()))->layoutId, QStringLiteral("4"));

        wall.setAllowedLayouts({});
        QCOMPARE(wall.layoutIds().size(), 11);
        wall.setLayout(QStringLiteral("16"));
        QCOMPARE(wall.layoutId(), QStringLiteral("16"));
    }

    // Each operator call is one undo step; the tours' own turns are not; a new step clears redo.
    void undoRedoOperatorSteps()
    {
        WallStore wall(m_cameras.get());
        QVERIFY(wall.load());
        QVERIFY(!wall.canUndo());
        QVERIFY(!wall.undo());
        QSignalSpy steps(&wall, &WallStore::stepRecorded);
        wall.setLayout(QStringLiteral("9"));
        wall.assignCamera(0, QStringLiteral("c1"));
        QStringList many;
        for (int i = 0; i < 12; ++i)
            many.append(QStringLiteral("k%1").arg(i));
        QCOMPARE(wall.startScreenTour(many, 5), 9);
        QCOMPARE(steps.count(), 3);             // the screen tour's nine StartTour actions are one step
        QVERIFY(wall.dispatch(AdvanceTour{0})); // the runner's turn: not a step
        wall.setLayout(QStringLiteral("9"));    // no change: no step
        QCOMPARE(steps.count(), 3);

        QVERIFY(wall.undo()); // before the tour
        QVERIFY(wall.state().tours.isEmpty());
        QCOMPARE(wall.state().cameraAt(0), QStringLiteral("c1"));
        QVERIFY(wall.canRedo());
        QVERIFY(wall.undo());
        QCOMPARE(wall.state().cameraAt(0), QString());
        QVERIFY(wall.undo());
        QCOMPARE(wall.layoutId(), QStringLiteral("4"));
        QVERIFY(!wall.canUndo());
        QVERIFY(wall.redo());
        QCOMPARE(wall.layoutId(), QStringLiteral("9"));
        wall.clearTile(3); // nothing there: no step, redo kept
        QVERIFY(wall.canRedo());
        wall.assignCamera(4, QStringLiteral("c2")); // a new step: redo gone
        QVERIFY(!wall.canRedo());
        QVERIFY(wall.undo());
        QCOMPARE(wall.state().cameraAt(4), QString());
        QVERIFY(wall.savePending()); // undo is saved like any change

        // A state from another PC is not the operator's step; a recalled scene is.
        WallState other = wall.state();
        other.layoutId = QStringLiteral("16");
        const int before = int(steps.count());
        QVERIFY(wall.replaceState(other));
        QCOMPARE(steps.count(), before);
        other.layoutId = QStringLiteral("1");
        QVERIFY(wall.replaceState(other, true));
        QCOMPARE(steps.count(), before + 1);
        QVERIFY(wall.undo());
        QCOMPARE(wall.layoutId(), QStringLiteral("16"));

        // The history is bounded.
        for (int i = 0; i < WallStore::kUndoDepth + 10; ++i)
            wall.setLayout(i % 2 ? QStringLiteral("4") : QStringLiteral("9"));
        int undone = 0;
        while (wall.undo())
            ++undone;
        QCOMPARE(undone, WallStore::kUndoDepth);
    }

    void destructorFlushesPendingSave()
    {
        {
            WallStore wall(nullptr);
            wall.setLayout(QStringLiteral("9"));
            QVERIFY(wall.savePending());
        }
        const auto saved = fromJson(readAll(wallPath()));
        QVERIFY(saved);
        QCOMPARE(saved->layoutId, QStringLiteral("9"));
    }

    void saveNowWritesAtomicallyWithBackup()
    {
        WallStore wall(nullptr);
        wall.setLayout(QStringLiteral("9"));
        QVERIFY(wall.saveNow());
        QVERIFY(!wall.savePending());
        wall.setLayout(QStringLiteral("25"));
        QVERIFY(wall.saveNow());
        QCOMPARE(fromJson(readAll(wallPath()))->layoutId, QStringLiteral("25"));
        QCOMPARE(fromJson(readAll(wallPath() + QStringLiteral(".bak")))->layoutId, QStringLiteral("9"));
        // No temp files left beside the target.
        QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("wall.json*")}, QDir::Files),
                 (QStringList{"wall.json", "wall.json.bak"}));
    }

    void corruptFileUsesBackup()
    {
        {
            WallStore wall(nullptr);
            wall.setLayout(QStringLiteral("9"));
            wall.assignCamera(8, QStringLiteral("c3"));
            QVERIFY(wall.saveNow());
            wall.setLayout(QStringLiteral("16"));
            QVERIFY(wall.saveNow()); // .bak = layout 9
        }
        const QByteArray garbage("{\"version\": 1, \"layout\": \"16\", \"til");
        writeAll(wallPath(), garbage);

        WallStore wall(m_cameras.get());
        QSignalSpy loadErrorSpy(&wall, &WallStore::loadErrorChanged);
        QVERIFY(!wall.load());
        QCOMPARE(loadErrorSpy.count(), 1);
        QCOMPARE(wall.layoutId(), QStringLiteral("9"));
        QCOMPARE(cameraIdAt(wall, 8), QStringLiteral("c3"));
        QCOMPARE(cameraNameAt(wall, 8), QStringLiteral("Dock"));
        const QStringList kept =
            QDir(m_dir->path()).entryList({QStringLiteral("wall.json.corrupt-*")}, QDir::Files);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(readAll(QDir(m_dir->path()).filePath(kept.first())), garbage);
        QVERIFY2(wall.loadError().contains(kept.first()), qPrintable(wall.loadError()));
        QVERIFY(wall.loadError().contains(QStringLiteral("backup")));

        // The next save keeps a good backup.
        wall.setLayout(QStringLiteral("1"));
        QVERIFY(wall.saveNow());
        QVERIFY(fromJson(readAll(wallPath() + QStringLiteral(".bak"))));
    }

    void corruptFileWithoutBackupStartsEmpty()
    {
        writeAll(wallPath(), "\x7f garbage");
        WallStore wall(nullptr);
        QVERIFY(!wall.load());
        QCOMPARE(wall.state(), WallState{});
        QVERIFY(!wall.loadError().isEmpty());
        QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("wall.json.corrupt-*")}, QDir::Files).size(),
                 1);
    }

    void saveFailureIsReported()
    {
        // Make the config "directory" a file so nothing can be written there.
        const QString blocked = QDir(m_dir->path()).filePath(QStringLiteral("blocked"));
        writeAll(blocked, "x");
        qputenv("VIGIL_CONFIG_DIR", QFile::encodeName(blocked));
        WallStore wall(nullptr);
        wall.setLayout(QStringLiteral("9"));
        QSignalSpy errSpy(&wall, &WallStore::saveErrorChanged);
        QVERIFY(!wall.saveNow());
        QCOMPARE(errSpy.count(), 1);
        QVERIFY(!wall.saveError().isEmpty());
        QCOMPARE(wall.layoutId(), QStringLiteral("9")); // the wall keeps working
    }

    // QML's `Wall` must be the instance the app installed; the QML-facing API works through it.
    void qmlSingletonIsTheInstalledOne()
    {
        QVERIFY(!WallStore::instance());
        WallStore wall(m_cameras.get());
        WallStore::setInstance(&wall);
        {
            QQmlEngine engine;
            QQmlComponent component(&engine);
            // Root is our own type, so no `import QtQml` (and no extra QML module) is needed.
            component.setData("import Vigil.Wall\n"
                              "StreamSelector {\n"
                              "  property var wall: Wall\n"
                              "  property int columns: Wall.columns\n"
                              "  tileSize: Qt.size(320, 180); visibleTiles: Wall.tileCount\n"
                              "  function run() { Wall.setLayout(\"9\"); "
                              "Wall.assignCamera(Wall.firstEmptyTile(), \"c1\") }\n"
                              "}",
                              QUrl(QStringLiteral("qrc:/tst_singleton.qml")));
            std::unique_ptr<QObject> root(component.create());
            QVERIFY2(root, qPrintable(component.errorString()));
            QCOMPARE(root->property("wall").value<QObject *>(), &wall);
            QVERIFY(QMetaObject::invokeMethod(root.get(), "run"));
            QCOMPARE(root->property("columns").toInt(), 3);
            QCOMPARE(wall.layoutId(), QStringLiteral("9"));
            QCOMPARE(cameraNameAt(wall, 0), QStringLiteral("Gate"));
            auto *selector = qobject_cast<StreamSelector *>(root.get());
            QVERIFY(selector);
            QCOMPARE(selector->role(), QStringLiteral("sub"));
        }
        QCOMPARE(wall.layoutId(), QStringLiteral("9")); // still alive after the engine is gone
        WallStore::setInstance(nullptr);
        QVERIFY(!WallStore::instance());
    }
};

QTEST_GUILESS_MAIN(TestWallStore)
#include "tst_wall_store.moc"
