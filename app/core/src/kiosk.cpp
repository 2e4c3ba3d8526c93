#include "vigil/app/kiosk.h"

#include "vigil/app/session.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/logging.h"
#include "vigil/video/video_player.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QCoreApplication>
#include <QtGui/QScreen>
#include <QtQuick/QQuickWindow>

namespace vigil::app {

void enterKioskMode(Session *session, QQuickWindow *window)
{
    video::VideoPlayer::setUnattended(true); // nobody will touch a failed tile
    if (!session || !window)
        return;
    QObject::connect(
        session->kioskLock(), &KioskLock::unlocked, window,
        [window] {
            window->close(); // accepted now (Main.qml's onClosing)
            QCoreApplication::quit();
        },
        Qt::QueuedConnection);
    window->setFlags(window->flags() | Qt::FramelessWindowHint);
    // The whole screen also where no window manager acts on the full-screen request (a bare X session, as a
    // kiosk PC may run): the geometry first, then the state.
    if (QScreen *screen = window->screen())
        window->setGeometry(screen->geometry());
    window->showFullScreen();
    window->raise();
    window->requestActivate();
}

int startKioskTour(wall::WallStore *store, const QStringList &cameraIds)
{
    if (!store)
        return 0;
    if (store->state().tours.isEmpty()) {
        store->startScreenTour(cameraIds, wall::kDefaultTourDwellSeconds);
    } else {
        const auto tours = store->state().tours;
        for (auto it = tours.cbegin(); it != tours.cend(); ++it) {
            if (it->paused)
                store->setTourPaused(it.key(), false);
        }
    }
    return int(store->state().tours.size());
}

void startKioskTours(wall::WallStore *console, wall::WallScreenSet *screens,
                     const cameras::CameraDirectory &directory)
{
    QStringList ids;
    for (const cameras::Camera &c : directory.cameras())
        ids.append(c.id);
    int touring = startKioskTour(console, ids);
    if (screens) {
        for (const QString &key : screens->keys())
            touring += startKioskTour(screens->store(key), ids);
    }
    qCInfo(vigilApp) << "kiosk: tiles touring" << touring << "over" << ids.size() << "cameras";
}

} // namespace vigil::app
