#pragma once
// Kiosk mode's wiring, shared by main() and the tests that run the real window: the console window shown
// frameless and full screen, and every wall (the console's and each wall screen's) kept moving with a tour
// of all cameras. What kiosk mode forbids is gated in QML on Session.kiosk; the PIN rules are KioskLock's.
// Thread: GUI only.
#include <QtCore/QStringList>

class QQuickWindow;

namespace vigil::cameras {
class CameraDirectory;
}
namespace vigil::wall {
class WallStore;
class WallScreenSet;
} // namespace vigil::wall

namespace vigil::app {

class Session;

// Turns kiosk mode on for a loaded console window: players retry every failure by themselves
// (VideoPlayer::setUnattended), the window goes frameless and full screen, and the right PIN
// (session.kioskLock()) closes it and quits Vigil.
void enterKioskMode(Session *session, QQuickWindow *window);

// When `store` runs no tour, a tour of `cameraIds` across all its tiles starts (WallStore::startScreenTour:
// with no more cameras than tiles they are simply placed); paused tours resume. Returns the number of tiles
// touring afterwards.
int startKioskTour(wall::WallStore *store, const QStringList &cameraIds);

// startKioskTour on the console's wall and on every wall screen's, with every camera of `directory`.
void startKioskTours(wall::WallStore *console, wall::WallScreenSet *screens,
                     const cameras::CameraDirectory &directory);

} // namespace vigil::app
