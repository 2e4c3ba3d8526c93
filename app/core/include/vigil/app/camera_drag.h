#pragma once
// CameraDrag: a camera dragged from the console (the camera list, the map) onto a tile of a wall window on
// another screen. Each wall window has its own QML engine, so Qt Quick's Drag/DropArea cannot reach across:
// the source tells CameraDrag where the pointer is in global coordinates (the pointer stays grabbed by the
// source window while the button is down), CameraDrag asks WallWindows which screen and tile are under it,
// the wall window under the pointer highlights that tile (hoverScreen/hoverTile), and a release there puts
// the camera on it through that screen's store (a wall change like any other: audited, saved, undoable).
// A release anywhere else is the source window's own business (its DropAreas). Thread: GUI only.
#include "vigil/app/wall_windows.h"

#include <QtCore/QObject>
#include <QtCore/QPointF>
#include <QtCore/QPointer>
#include <QtGui/QWindow>
#include <QtQml/qqmlregistration.h>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace vigil::app {

class CameraDrag : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    Q_PROPERTY(QString cameraId READ cameraId NOTIFY activeChanged)
    Q_PROPERTY(QString title READ title NOTIFY activeChanged)
    // The wall screen (its key) and the tile under the pointer; "" and -1 when the pointer is on none.
    Q_PROPERTY(QString hoverScreen READ hoverScreen NOTIFY hoverChanged)
    Q_PROPERTY(int hoverTile READ hoverTile NOTIFY hoverChanged)
    // Wall windows are open: there is somewhere for a drag from the map to land (else the map pans).
    Q_PROPERTY(bool hasTargets READ hasTargets NOTIFY hasTargetsChanged)

public:
    // `windows`: the wall windows the drops may land on (null: none yet, see setWallWindows). Not
    // default-constructible on purpose: Qt 6.4's QML registration would prefer `new T` over create() and
    // give QML a second, private instance.
    explicit CameraDrag(WallWindows *windows, QObject *parent = nullptr);

    static CameraDrag *create(QQmlEngine *, QJSEngine *);
    static void setInstance(CameraDrag *drag);

    // The wall windows the drops may land on (none: every drop is the source window's own).
    void setWallWindows(WallWindows *windows);
    bool hasTargets() const;

    bool active() const { return m_active; }
    QString cameraId() const { return m_cameraId; }
    QString title() const { return m_title; }
    QString hoverScreen() const { return m_hoverScreen; }
    int hoverTile() const { return m_hoverTile; }

    // A drag of `cameraId` began in `source` (the window whose item has the pointer): a point inside it is
    // that window's business, never a wall screen's (also where X screens overlap in desktop coordinates).
    Q_INVOKABLE void begin(const QString &cameraId, const QString &title, QWindow *source);
    // The pointer is at `global` (screen coordinates): the tile under it, if any, is highlighted.
    Q_INVOKABLE void move(const QPointF &global);
    // Released at `global`: true when it landed on a wall screen's tile (the camera is on it now); false
    // when the point is on no wall window (the source's own drop areas decide). The drag ends either way.
    Q_INVOKABLE bool drop(const QPointF &global);
    // Ended without a drop (Esc, the source went away).
    Q_INVOKABLE void cancel();

signals:
    void activeChanged();
    void hoverChanged();
    void hasTargetsChanged();
    // A camera landed on a wall screen: a sentence for the operator ("Camera 3 on screen 2, tile 5").
    void dropped(const QString &text);

private:
    void setHover(const QString &screen, int tile);
    void end();
    WallHit hitTest(const QPointF &global) const;

    QPointer<WallWindows> m_windows;
    QPointer<QWindow> m_source;
    bool m_active = false;
    QString m_cameraId;
    QString m_title;
    QString m_hoverScreen;
    int m_hoverTile = -1;
};

} // namespace vigil::app
