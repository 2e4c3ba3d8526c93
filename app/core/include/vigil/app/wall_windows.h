#pragma once
// WallWindows: one frameless full-screen wall window per chosen monitor, beside the operator console.
//
// Each wall screen has its own WallStore (wall-<key>.json, key = the monitor's stable identity from
// wall_screens.h, never its index) and its own QML engine whose `Wall` is that store, so the same WallView,
// tiles, tours and menus run on every screen unchanged. The screens are registered in the WallScreenSet
// (the console's miniature and the scenes use them).
//
// A monitor that is unplugged takes its window down (its players stop) but not its wall: the screen stays in
// the set as not connected, and when a monitor with the same identity comes back, its window opens again
// showing what it showed. Thread: GUI only.
#include <QtCore/QObject>
#include <QtCore/QPointF>
#include <QtCore/QPointer>
#include <QtCore/QString>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QQmlApplicationEngine;
class QQuickWindow;
class QScreen;
QT_END_NAMESPACE

namespace vigil::cameras {
class CameraDirectory;
}
namespace vigil::wall {
class WallScreenSet;
class WallStore;
} // namespace vigil::wall

namespace vigil::app {

// What lies under a point of the desktop: a wall screen (its key and 1-based number, its store) and the
// tile there (-1: the window, but no tile).
struct WallHit
{
    QString key;
    int screenNumber = 0;
    int tile = -1;
    vigil::wall::WallStore *store = nullptr;
};

class WallWindows : public QObject
{
    Q_OBJECT
public:
    WallWindows(vigil::cameras::CameraDirectory *directory, vigil::wall::WallScreenSet *screens,
                QObject *parent = nullptr);
    ~WallWindows() override; // closes every window (players stop) before the stores go

    // Opens a wall window on each screen in `screenIndices` (0-based, QGuiApplication::screens() order).
    // Returns the number of windows opened.
    int open(const QList<int> &screenIndices);
    // Closes every window now (the stores stay).
    void closeAll();

    int windowCount() const;
    // The open windows, in screen order (screenshots, tests).
    QList<QQuickWindow *> windows() const;
    QStringList keys() const;
    // The wall window and tile at `global` (desktop coordinates); an empty key when no wall window is there.
    WallHit hitTest(const QPointF &global) const;

signals:
    // A wall window opened or closed (monitor plugged or unplugged).
    void windowsChanged();

private:
    struct Screen;
    void show(Screen &s, QScreen *screen);
    void hide(Screen &s);
    void onScreenRemoved(QScreen *screen);
    void onScreensChanged();

    QPointer<vigil::cameras::CameraDirectory> m_directory;
    QPointer<vigil::wall::WallScreenSet> m_set;
    std::vector<std::unique_ptr<Screen>> m_screens;
};

} // namespace vigil::app
