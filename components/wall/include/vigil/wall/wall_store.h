#pragma once
// WallStore: the thin QObject around WallState + reduce() that QML sees as the `Wall` singleton.
//
// Every change goes through reduce(); the store then updates `tiles` (fine-grained; a layout change resets
// it), emits the property signals, and schedules a save. The wall persists to configDir()/wall.json: saves
// are debounced (kSaveDelayMs after the last change, through writeFileAtomically) and flushed by saveNow()
// and the destructor. load() reads through readFileWithBackup; a damaged file is kept as
// wall.json.corrupt-<time>, the backup (or the default wall) is used and `loadError` says so.
//
// Camera names come from the CameraDirectory given at construction (kept current when cameras change), and a
// camera removed from the directory is cleared from the wall. Thread: GUI only.
#include "vigil/wall/tile_model.h"
#include "vigil/wall/wall_state.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtCore/QVariantMap>
#include <QtQml/qqmlregistration.h>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::wall {

// What showCamera() did, for the operator's message. tile is -1 when the camera was not shown (the wall was
// full and replacing not allowed).
struct ShownCamera
{
    Q_GADGET
    Q_PROPERTY(int tile MEMBER tile)
    Q_PROPERTY(bool alreadyShown MEMBER alreadyShown)
    Q_PROPERTY(bool replaced MEMBER replaced)
    QML_VALUE_TYPE(shownCamera)
public:
    int tile = -1;
    bool alreadyShown = false; // the tile already showed it: nothing changed
    bool replaced = false;     // the tile showed another camera (the wall was full)
};

class WallStore : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Wall)
    QML_SINGLETON
    // Current layout id, one of layoutIds.
    Q_PROPERTY(QString layoutId READ layoutId NOTIFY layoutIdChanged)
    // Grid size of the current layout in cells; tiles' cellX/cellY/cellW/cellH are in these units.
    Q_PROPERTY(int columns READ columns NOTIFY layoutIdChanged)
    Q_PROPERTY(int rows READ rows NOTIFY layoutIdChanged)
    // Number of tiles in the current layout (= tiles.rowCount()).
    Q_PROPERTY(int tileCount READ tileCount NOTIFY layoutIdChanged)
    // Index of the maximized tile, -1 when none.
    Q_PROPERTY(int maximizedTile READ maximizedTile NOTIFY maximizedTileChanged)
    Q_PROPERTY(vigil::wall::TileModel *tiles READ tiles CONSTANT)
    // The layout ids the operator may choose, in menu order: all of them ("1", "4", "6", "8", "9", "10",
    // "13", "16", "25", "36", "64"), or the allowed ones (village mode: "1", "4", "9").
    Q_PROPERTY(QStringList layoutIds READ layoutIds NOTIFY layoutIdsChanged)
    // Translated sentence when wall.json was damaged or missing at load (what happened, what to do); else "".
    Q_PROPERTY(QString loadError READ loadError NOTIFY loadErrorChanged)
    // Translated sentence when the last save failed (the wall keeps working but would not survive a restart);
    // cleared by the next successful save.
    Q_PROPERTY(QString saveError READ saveError NOTIFY saveErrorChanged)
    // The operator's last wall actions can be undone / redone (each QML call below is one step).
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoChanged)

public:
    static constexpr int kSaveDelayMs = 500;
    static constexpr int kUndoDepth = 50;

    // `directory` may be null (names stay empty). Paths are fixed at construction (set VIGIL_CONFIG_DIR
    // before creating it in tests). Starts with the default wall; call load() to restore the saved one. Not
    // default-constructible on purpose: Qt 6.4's QML registration prefers `new T` over create() for a
    // default-constructible singleton, which would give QML a second, private wall.
    // `fileName` is the file in configDir() the wall is kept in: one per wall screen ("wall.json" for the
    // first, the console's).
    explicit WallStore(vigil::cameras::CameraDirectory *directory, QObject *parent = nullptr,
                       const QString &fileName = QStringLiteral("wall.json"));
    ~WallStore() override; // flushes a pending save

    // QML singleton plumbing, as CameraDirectory: the app owns the instance and installs it before loading
    // QML.
    // Each wall screen's window has its own QML engine whose `Wall` is that screen's store
    // (setInstanceForEngine); every other engine gets the instance (the console's wall).
    static WallStore *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(WallStore *instance);
    static WallStore *instance();
    // `store` answers `Wall` in `engine` (null removes the entry). Call before loading QML into it.
    static void setInstanceForEngine(const QQmlEngine *engine, WallStore *store);
    // The store `Wall` is in `engine` (the instance when the engine has none of its own, or is null).
    static WallStore *forEngine(const QQmlEngine *engine);

    QString layoutId() const { return m_state.layoutId; }
    int columns() const;
    int rows() const;
    int tileCount() const { return m_state.tileCount(); }
    int maximizedTile() const { return m_state.maximizedTile; }
    TileModel *tiles() const { return m_tiles; }
    QStringList layoutIds() const;
    QString loadError() const { return m_loadError; }
    QString saveError() const { return m_saveError; }

    // --- C++ API -------------------------------------------------------------------------------------------
    const WallState &state() const { return m_state; }
    // Applies one action through reduce(). Returns false when it changed nothing (invalid or redundant).
    bool dispatch(const Action &action);
    // Replaces the whole state (a scene being recalled, the state another PC published), made canonical the
    // way wall.json is read (unknown layout -> default, bad maximized tile -> none, tours validated). Saved
    // like any change. Returns false when it changed nothing. Runtime skip marks of tours still running with
    // the same cameras are kept. `operatorStep`: the operator did it (a scene recalled) and can undo it; a
    // state from another PC is not the operator's step.
    bool replaceState(const WallState &state, bool operatorStep = false);
    QString filePath() const { return m_path; }
    // Reads wall.json (see the class comment). Returns false when the file was damaged.
    bool load();
    bool savePending() const { return m_saveTimer.isActive(); }
    bool canUndo() const { return !m_undo.isEmpty(); }
    bool canRedo() const { return !m_redo.isEmpty(); }
    // Only these layouts (ids of layouts(); empty = all, the default). Village mode allows "1", "4", "9": a
    // modest PC never decodes more than 9 tiles. Choosing another layout is refused (logged); any state that
    // arrives with one (wall.json, a scene, another PC, undo) is shown in the largest allowed layout with no
    // more tiles than it (else the smallest allowed), not maximized. Cameras in the slots beyond stay in the
    // state, unshown. Unknown ids are dropped; a list with no known id means all.
    void setAllowedLayouts(const QStringList &ids);
    QStringList allowedLayouts() const { return m_allowedLayouts; }
    // `state` as the allowed layouts show it (see setAllowedLayouts); the same state when all are allowed.
    WallState constrained(WallState state) const;

    // --- QML API (each is one reducer action; invalid tile indices are ignored)
    // --------------------------------
    Q_INVOKABLE void setLayout(const QString &layoutId);
    Q_INVOKABLE void assignCamera(int tile, const QString &cameraId);
    // Swaps the contents of two tiles (dragging a tile onto another).
    Q_INVOKABLE void swapTiles(int a, int b);
    Q_INVOKABLE void clearTile(int tile);
    Q_INVOKABLE void toggleMaximize(int tile);
    // The first empty tile of the current layout, -1 when all are taken.
    Q_INVOKABLE int firstEmptyTile() const;
    // Shows a camera on the wall by the one placement rule (placeCamera() in wall_state.h: the tile already
    // showing it, else the first empty tile, else the last tile when `replaceWhenFull`). Returns where it
    // went and how, for the operator's message.
    Q_INVOKABLE vigil::wall::ShownCamera showCamera(const QString &cameraId, bool replaceWhenFull);
    // A layout's geometry for drawing its icon: { columns, rows, tiles: [[x, y, w, h], ...] } in grid cells,
    // tile order as on the wall; an empty map for an unknown id. The one table is layouts.cpp.
    Q_INVOKABLE QVariantMap layoutGeometry(const QString &layoutId) const;
    // Tours (轮巡). Starts a tour of `cameraIds` (in that order) in `tile`, each shown `dwellSeconds`
    // (clamped to 3 s .. 1 h); the tile shows the first at once. Returns false when nothing started (bad
    // tile, no camera).
    Q_INVOKABLE bool startTour(int tile, const QStringList &cameraIds, int dwellSeconds);
    // A tour of every camera of `group` ("" = the ungrouped ones), in the camera list's order.
    Q_INVOKABLE bool startGroupTour(int tile, const QString &group, int dwellSeconds);
    // One tour across every tile of the current layout, page by page: tile i shows cameras i, i+n, i+2n, ...
    // (n tiles), every tile with the same number of turns (the last page wraps to the start of the list), so
    // the tiles switch together. With no more cameras than tiles, the cameras are simply placed, no tour.
    // Returns the number of tiles that got a camera (0: nothing changed).
    Q_INVOKABLE int startScreenTour(const QStringList &cameraIds, int dwellSeconds);
    Q_INVOKABLE int startGroupScreenTour(const QString &group, int dwellSeconds);
    // The ids of the cameras of `group`, in the camera list's order.
    Q_INVOKABLE QStringList camerasInGroup(const QString &group) const;
    // The cameras the visible tiles show, in tile order, each once (playback of "what is on the wall").
    Q_INVOKABLE QStringList shownCameras() const;
    Q_INVOKABLE void stopTour(int tile);
    Q_INVOKABLE void setTourPaused(int tile, bool paused);
    // How long each camera of the tour in `tile` is shown (-1: every tour of this screen); one undo step.
    // Returns the number of tours changed.
    Q_INVOKABLE int setTourDwell(int tile, int dwellSeconds);
    // Writes wall.json now (cancelling the pending debounced save). Returns false and sets saveError on
    // failure.
    Q_INVOKABLE bool saveNow();
    // Undo: the wall as it was before the operator's last step (a layout, a camera dropped, a tour started,
    // a scene recalled...; not the tours' own turns, which are no operator's doing). Redo: the step again,
    // until the next new step. Returns false when there is nothing to undo / redo.
    Q_INVOKABLE bool undo();
    Q_INVOKABLE bool redo();

signals:
    void layoutIdChanged();
    void layoutIdsChanged();
    void maximizedTileChanged();
    void loadErrorChanged();
    void saveErrorChanged();
    // After any change of state (one per dispatch that changed something, and after load()).
    void stateChanged();
    void undoChanged();
    // An operator step was recorded for undo (WallScreenSet keeps one undo order across screens).
    void stepRecorded();

private:
    // One operator step: every change between its construction and destruction is one undo entry (steps
    // nest; the outermost records).
    class Step
    {
    public:
        explicit Step(WallStore *store);
        ~Step();
        Step(const Step &) = delete;
        Step &operator=(const Step &) = delete;

    private:
        WallStore *m_store;
    };

    // Undo and redo: the current state goes onto `to`, the last of `from` becomes current.
    bool moveStep(QList<WallState> &from, QList<WallState> &to);
    void applyState(const WallState &next);
    void refreshTiles();
    void setLoadError(const QString &text);
    void setSaveError(const QString &text);

    static WallStore *s_instance;

    QPointer<vigil::cameras::CameraDirectory> m_cameras;
    TileModel *m_tiles; // child
    WallState m_state;
    QString m_path;
    QString m_loadError;
    QString m_saveError;
    QTimer m_saveTimer;
    QList<WallState> m_undo; // oldest first
    QList<WallState> m_redo; // next redo last
    int m_stepDepth = 0;
    WallState m_stepStart;
    QStringList m_allowedLayouts; // empty = all
};

} // namespace vigil::wall
