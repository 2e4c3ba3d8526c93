#pragma once
// Every QML module the main window needs, imported as static plugins. Include this in exactly one source file
// of each executable that loads Main.qml (the app and its window tests) and link the CMake target
// vigil_qml_modules: one list, so a window test cannot miss a module the app has (a missing module crashes
// ahead-of-time compiled bindings in Qt 6.4 instead of failing cleanly).
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Vigil_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_VideoPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_CamerasPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_WallPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_WallNetPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_ViewsPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_DevicesPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_PtzPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_AlarmsPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_PlaybackPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_AccessPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_SitesPlugin)
