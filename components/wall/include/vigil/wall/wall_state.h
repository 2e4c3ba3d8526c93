#pragma once
// The wall as a value and a pure reducer (nx_open "flux"): every change is an Action applied by reduce(), so
// the rules are unit-tested without any QObject, and WallStore is a thin shell around them.
// Thread: value types and pure functions, any thread.
#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>
#include <variant>

namespace vigil::wall {

inline constexpr int kWallJsonVersion = 1;

struct WallState
{
    QString layoutId = QStringLiteral("4");
    // Camera id per tile slot, "" = empty. Slots beyond the current layout's tile count are kept, so
    // switching 16 -> 4 -> 16 restores the 16 cameras. reduce() keeps it canonical: no trailing "" entries.
    QStringList tileCameras;
    int maximizedTile = -1; // -1 = none; otherwise a tile index of the current layout

    // The camera in `tile`, "" when empty or out of range.
    QString cameraAt(int tile) const
    {
        return tile >= 0 && tile < tileCameras.size() ? tileCameras.at(tile) : QString();
    }
    // Tiles of the current layout (0 for an unknown layout id, which reduce() never produces).
    int tileCount() const;

    friend bool operator==(const WallState &, const WallState &) = default;
};

// Actions. Tile indices refer to the current layout; out-of-range indices make the action a no-op.
struct SetLayout
{
    QString layoutId; // unknown ids are ignored; a change of layout restores (un-maximizes) the wall
};
struct AssignCamera
{
    int tile = -1;
    QString cameraId; // "" clears the tile. The same camera may show in several tiles.
};
struct SwapTiles
{
    int a = -1; // also what dropping one tile onto another does
    int b = -1;
};
struct ClearTile
{
    int tile = -1; // clearing the maximized tile restores the wall
};
struct ToggleMaximize
{
    int tile = -1; // maximizes `tile`, or restores when it is the maximized one
};
struct RemoveCamera
{
    QString cameraId; // clears every slot showing it (also slots hidden by the current layout)
};
using Action = std::variant<SetLayout, AssignCamera, SwapTiles, ClearTile, ToggleMaximize, RemoveCamera>;

// Pure: returns the next state. Invalid actions return `state` unchanged (compare with == to detect that).
WallState reduce(WallState state, const Action &action);

// Where "show this camera" puts a camera (from the list, the map, an alarm, a new camera): the tile of the
// current layout that already shows it (maximized one first), else the first empty tile, else — when
// `replaceWhenFull` — the last tile (the smallest in merged layouts), else none.
struct Placement
{
    enum How
    {
        None,         // the wall is full and replacing was not allowed
        AlreadyShown, // `tile` already shows the camera: nothing changes
        Empty,        // `tile` was empty
        Replaced,     // `tile` showed another camera
    };
    int tile = -1;
    How how = None;
    friend bool operator==(const Placement &, const Placement &) = default;
};
Placement placeCamera(const WallState &state, const QString &cameraId, bool replaceWhenFull);

// Persistence (wall.json): {"version": 1, "layout": "16", "tiles": ["cam-1", "", ...], "maximizedTile": -1}.
QJsonObject toJson(const WallState &state);
QByteArray toJsonBytes(const WallState &state);
// Strict on structure (returns nullopt and a reason in `error` for a malformed or newer-version document),
// lenient on content: an unknown layout id falls back to the default, a bad maximizedTile to -1, non-string
// tiles to "".
std::optional<WallState> fromJson(const QJsonObject &json, QString *error = nullptr);
std::optional<WallState> fromJson(const QByteArray &json, QString *error = nullptr);

} // namespace vigil::wall
