#include "vigil/app/camera_drag.h"

#include "vigil/core/logging.h"
#include "vigil/wall/wall_store.h"

#include <QtQml/QJSEngine>
#include <QtQml/QQmlEngine>

namespace vigil::app {

namespace {
CameraDrag *s_instance = nullptr;
}

CameraDrag::CameraDrag(WallWindows *windows, QObject *parent)
    : QObject(parent)
{
    setWallWindows(windows);
}

void CameraDrag::setWallWindows(WallWindows *windows)
{
    if (m_windows)
        disconnect(m_windows, nullptr, this, nullptr);
    m_windows = windows;
    if (windows)
        connect(windows, &WallWindows::windowsChanged, this, &CameraDrag::hasTargetsChanged);
    emit hasTargetsChanged();
}

bool CameraDrag::hasTargets() const
{
    return m_windows && m_windows->windowCount() > 0;
}

CameraDrag *CameraDrag::create(QQmlEngine *engine, QJSEngine *)
{
    if (!s_instance) {
        // A QML test or tool without the app's: drags stay inside their window.
        return new CameraDrag(nullptr, engine);
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void CameraDrag::setInstance(CameraDrag *drag)
{
    s_instance = drag;
}

void CameraDrag::begin(const QString &cameraId, const QString &title, QWindow *source)
{
    m_source = source;
    m_active = !cameraId.isEmpty();
    m_cameraId = cameraId;
    m_title = title;
    emit activeChanged();
    setHover({}, -1);
}

void CameraDrag::move(const QPointF &global)
{
    if (!m_active)
        return;
    const WallHit hit = hitTest(global);
    setHover(hit.key, hit.tile);
}

bool CameraDrag::drop(const QPointF &global)
{
    if (!m_active)
        return false;
    const WallHit hit = hitTest(global);
    const QString cameraId = m_cameraId;
    const QString title = m_title.isEmpty() ? cameraId : m_title;
    end();
    if (!hit.store || hit.tile < 0)
        return !hit.key.isEmpty(); // on a wall window but between tiles: nothing to do there
    hit.store->assignCamera(hit.tile, cameraId);
    const QString text = tr("%1 on screen %2, tile %3").arg(title).arg(hit.screenNumber).arg(hit.tile + 1);
    qCInfo(vigilApp).noquote() << "dragged" << cameraId << "onto screen" << hit.screenNumber << "tile"
                               << hit.tile + 1;
    emit dropped(text);
    return true;
}

WallHit CameraDrag::hitTest(const QPointF &global) const
{
    if (!m_windows || (m_source && m_source->geometry().contains(global.toPoint())))
        return {};
    return m_windows->hitTest(global);
}

void CameraDrag::cancel()
{
    if (m_active)
        end();
}

void CameraDrag::end()
{
    m_active = false;
    m_source = nullptr;
    m_cameraId.clear();
    m_title.clear();
    emit activeChanged();
    setHover({}, -1);
}

void CameraDrag::setHover(const QString &screen, int tile)
{
    if (m_hoverScreen == screen && m_hoverTile == tile)
        return;
    m_hoverScreen = screen;
    m_hoverTile = tile;
    emit hoverChanged();
}

} // namespace vigil::app
