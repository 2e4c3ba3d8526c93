import QtQuick
import Vigil.Views

// DragPayload: what is being dragged onto the wall, and the little plate that follows the pointer.
// kind "camera": a camera from the list (cameraId); kind "tile": a wall tile (tileIndex) to swap.
// Drop targets read it through `drop.source as DragPayload`.
Rectangle {
    id: root

    property string kind: "camera"
    property string cameraId: ""
    property int tileIndex: -1
    property string title: ""

    width: Math.min(label.implicitWidth + Theme.spacingLarge, 240)
    height: Theme.rowHeight
    radius: Theme.radius
    color: Theme.accentMuted
    border.color: Theme.accent
    opacity: 0.92
    Drag.keys: [root.kind === "tile" ? "vigil/tile" : "vigil/camera"]
    Drag.hotSpot.x: width / 2
    Drag.hotSpot.y: height / 2

    VLabel {
        id: label
        anchors.centerIn: parent
        width: parent.width - Theme.spacing
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
        text: root.title
    }
}
