#pragma once
// The wall as a value and a pure reducer (nx_open "flux"): every change is an Action applied by reduce(), so
// the rules are unit-tested without any QObject, and WallStore is a thin shell around them.
// Thread: value types and pure functions, any thread.
#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QMap>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <algorithm>
#include <optional>
#include <variant>

namespace vigil::wall {

inline constexpr int kWallJsonVersion = 1;

// Dwell times of tours are clamped to this range: a camera shorter than 3 s on screen cannot be looked at,
// and pre-connecting the next camera needs ~2 s.
inline constexpr int kMinTourDwellSeconds = 3;
inline constexpr int kMaxTourDwellSeconds = 3600;
inline constexpr int kDefaultTourDwellSeconds = 10;
constexpr int clampTourDwell(int seconds)
{
    return std::clamp(seconds, kMinTourDwellSeconds, kMaxTourDwellSeconds);
}

// A tour (轮巡, "online patrol") running in one tile: its cameras in order, each shown for dwellSeconds. The
// tile's slot in WallState::tileCameras always holds cameras[current], so everything that asks "what does
// this tile show" (names, health, the map) sees the tour's current camera. The TourRunner (app) times it.
struct Tour
{
    QStringList cameras; // non-empty ids, no duplicates (reduce() guarantees both)
    int dwellSeconds = kDefaultTourDwellSeconds;
    int current = 0; // index into cameras
    bool paused = false;
    // Cameras that could not be connected at their last turn (runtime fact, not saved): the tile says so,
    // and the mark goes when the camera is shown again.
    QStringList skipped;

    QString currentCamera() const
    {
        return current >= 0 && current < cameras.size() ? cameras.at(current) : QString();
    }
    friend bool operator==(const Tour &, const Tour &) = default;
};

struct WallState
{
    QString layoutId = QStringLiteral("4");
    // Camera id per tile slot, "" = empty. Slots beyond the current layout's tile count are kept, so
    // switching 16 -> 4 -> 16 restores the 16 cameras. reduce() keeps it canonical: no trailing "" entries.
    QStringList tileCameras;
    int maximizedTile = -1; // -1 = none; otherwise a tile index of the current layout
    // Tours by tile slot. Like tileCameras, tours of slots hidden by the current layout are kept.
    QMap<int, Tour> tours;

    // The camera in `tile`, "" when empty or out of range.
    QString cameraAt(int tile) const
    {
        return tile >= 0 && tile < tileCameras.size() ? tileCameras.at(tile) : QString();
    }
    // The tour in `tile`, nullptr when none.
    const Tour *tourAt(int tile) const
    {
        const auto it = tours.constFind(tile);
        return it == tours.cend() ? nullptr : &*it;
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
    QString cameraId; // "" clears the tile. The same camera may show in several tiles. Stops a tour there.
};
struct SwapTiles
{
    int a = -1; // also what dropping one tile onto another does
    int b = -1;
};
struct ClearTile
{
    int tile = -1; // clearing the maximized tile restores the wall; a tour there stops
};
struct ToggleMaximize
{
    int tile = -1; // maximizes `tile`, or restores when it is the maximized one
};
struct RemoveCamera
{
    QString cameraId; // clears every slot showing it (also slots hidden by the current layout) and takes it
                      // out of every tour (a tour left with no camera stops; a tile on it moves to the next)
};
// Tours. SwapTiles moves a tour with its tile.
struct StartTour
{
    int tile = -1;
    QStringList cameras;                         // empty ids and repeats are dropped; no camera left = no-op
    int dwellSeconds = kDefaultTourDwellSeconds; // clamped to [kMinTourDwellSeconds, kMaxTourDwellSeconds]
};
struct StopTour
{
    int tile = -1; // the tile keeps showing the tour's current camera
};
struct AdvanceTour
{
    int tile = -1;
    int index = -1; // -1 = the next camera in order (wrapping); else that camera (out of range = no-op)
};
struct SetTourPaused
{
    int tile = -1;
    bool paused = true;
};
struct SetTourDwell
{
    int tile = -1;
    int dwellSeconds = kDefaultTourDwellSeconds; // clamped; the current camera's dwell starts again
};
struct MarkTourSkipped
{
    int tile = -1;
    QString cameraId; // must be one of the tour's cameras
};
using Action = std::variant<SetLayout, AssignCamera, SwapTiles, ClearTile, ToggleMaximize, RemoveCamera,
                            StartTour, StopTour, AdvanceTour, SetTourPaused, SetTourDwell, MarkTourSkipped>;

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

// Persistence (wall.json): {"version": 1, "layout": "16", "tiles": ["cam-1", "", ...], "maximizedTile": -1,
// "tours": [{"tile": 0, "cameras": ["cam-1", "cam-2"], "dwell": 10, "current": 1, "paused": false}]}.
// "tours" is optional (files from before tours load with none); skipped marks are not saved.
QJsonObject toJson(const WallState &state);
QByteArray toJsonBytes(const WallState &state);
// Strict on structure (returns nullopt and a reason in `error` for a malformed or newer-version document),
// lenient on content: an unknown layout id falls back to the default, a bad maximizedTile to -1, non-string
// tiles to "".
std::optional<WallState> fromJson(const QJsonObject &json, QString *error = nullptr);
std::optional<WallState> fromJson(const QByteArray &json, QString *error = nullptr);

} // namespace vigil::wall
