#pragma once
// The screens of a wall and their scenes, as values and pure functions (unit-tested without a display).
//
// A wall screen is named by a stable key made from what the monitor says about itself (connector name,
// manufacturer, model, serial) and where it sits on the desktop — never by its index, which changes when a
// monitor is unplugged or the cables are swapped. Each screen keeps its own wall (wall-<key>.json); the
// operator console's own wall is the screen kConsoleKey (wall.json).
//
// A scene (预案) is a named snapshot of every screen's WallState (layout, cameras, tours); recalling one puts
// each screen it names back as it was, one click or one hotkey. Scenes are kept in scenes.json.
// Thread: value types and pure functions, any thread.
#include "vigil/wall/wall_state.h"

#include <QtCore/QList>
#include <QtCore/QMap>
#include <QtCore/QRect>
#include <QtCore/QString>

#include <optional>

namespace vigil::wall {

// The console window's own wall (wall.json).
inline constexpr QStringView kConsoleKey = u"console";

// What QScreen says about one monitor.
struct ScreenInfo
{
    QString name; // connector, e.g. "HDMI-1"
    QString manufacturer;
    QString model;
    QString serial;
    QRect geometry; // on the virtual desktop
};

// One stable key per screen, in the same order: "manufacturer model serial@x,y" (words missing from the
// monitor's EDID are left out; the connector name stands in when it says nothing at all). Two screens that
// would get the same key (identical monitors without serials on separate X screens) get "#2", "#3"... in
// their order. Keys are safe in file names and MQTT topics: [A-Za-z0-9._@,#-] only.
QStringList screenKeys(const QList<ScreenInfo> &screens);

// `--wall-screens`: "all", "none" / "" (no wall windows), or a comma list of 1-based screen numbers
// ("2,3"). Returns the 0-based indices of the chosen screens among `screenCount`, in screen order, no
// repeats; nullopt and a sentence in `error` for a bad list or a screen that does not exist.
std::optional<QList<int>> parseScreenSelection(const QString &text, int screenCount,
                                               QString *error = nullptr);

// Stable key -> file name of that screen's wall.
QString wallFileName(const QString &screenKey);

struct Scene
{
    QString name;                   // unique in the book, not empty
    QMap<QString, WallState> walls; // by screen key
    friend bool operator==(const Scene &, const Scene &) = default;
};

// Scenes in the operator's order. The first nine have hotkeys (Alt+1..9).
struct SceneBook
{
    QList<Scene> scenes;
    int indexOf(const QString &name) const;
    friend bool operator==(const SceneBook &, const SceneBook &) = default;
};

inline constexpr int kScenesJsonVersion = 1;
inline constexpr int kMaxSceneNameLength = 64;

// Saves (or replaces, keeping its place) the scene `name` (trimmed; empty = no-op). Pure.
SceneBook putScene(SceneBook book, const QString &name, const QMap<QString, WallState> &walls);
SceneBook removeScene(SceneBook book, const QString &name);
SceneBook renameScene(SceneBook book, const QString &from, const QString &to); // no-op when `to` is taken

// scenes.json: {"version": 1, "scenes": [{"name": "...", "walls": {"console": <wall.json object>, ...}}]}
QByteArray toJsonBytes(const SceneBook &book);
// Strict on structure (nullopt + reason for a malformed or newer document), lenient on each wall (as
// wall.json); scenes without a name or with a repeated name are dropped.
std::optional<SceneBook> sceneBookFromJson(const QByteArray &json, QString *error = nullptr);

} // namespace vigil::wall
