import QtQuick
import QtQuick.Controls
import QtQuick.Window
import Vigil.App
import Vigil.Views

// CameraRow: one camera in the side list. Drag it onto a tile; double-click puts it on the first free tile.
Rectangle {
    id: root

    required property string cameraId
    required property string name
    required property string group
    required property string origin
    // False while the camera's platform is away: the row stays, greyed.
    property bool available: true
    // False when its platform reports it offline (or is away).
    property bool online: true
    property bool ptz: false
    property bool favourite: false
    readonly property string groupName: root.group

    signal activated
    // The star was clicked: the list adds or removes the favourite.
    signal favouriteToggled

    objectName: "camera_" + root.cameraId
    implicitHeight: Theme.rowHeight
    color: mouse.pressed ? Theme.pressed : mouse.containsMouse ? Theme.hover : "transparent"

    ToolTip.visible: mouse.containsMouse && !mouse.drag.active
    ToolTip.delay: Theme.toolTipDelayLong
    ToolTip.text: root.available ? qsTr("Drag onto a tile, or double-click to show on the first free tile")
                                 : qsTr("Its platform cannot be reached now (see Platforms…); the camera stays in the list and plays again when the platform is back")
    opacity: root.available ? 1 : 0.45

    // A small camera glyph
    Rectangle {
        id: glyph
        anchors.left: parent.left
        anchors.leftMargin: Theme.listIndent
        anchors.verticalCenter: parent.verticalCenter
        width: 12
        height: 8
        radius: Theme.radiusSmall
        color: "transparent"
        border.color: Theme.textMuted
        Rectangle {
            anchors.left: parent.right
            anchors.verticalCenter: parent.verticalCenter
            width: 3
            height: 5
            color: Theme.textMuted
        }
    }
    VLabel {
        anchors.left: glyph.right
        anchors.leftMargin: Theme.spacingMedium
        anchors.right: tag.left
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        text: root.name
        elide: Text.ElideRight
        color: root.online ? Theme.text : Theme.textMuted
    }
    VLabel {
        id: tag
        anchors.right: star.left
        anchors.rightMargin: Theme.spacingSmall
        anchors.verticalCenter: parent.verticalCenter
        text: {
            let tags = [];
            if (root.available && !root.online)
                tags.push(qsTr("Offline"));
            if (root.ptz)
                tags.push(qsTr("PTZ"));
            if (root.origin === "demo")
                tags.push(qsTr("Demo"));
            return tags.join(" · ");
        }
        color: Theme.textFaint
        size: VLabel.Small
    }

    MouseArea {
        id: mouse
        anchors.fill: parent
        hoverEnabled: true
        drag.target: payload
        drag.threshold: 8
        onPressed: event => {
            payload.x = event.x - payload.width / 2;
            payload.y = event.y - payload.height / 2;
        }
        onPositionChanged: event => {
            if (mouse.drag.active)
                CameraDrag.move(mouse.mapToGlobal(event.x, event.y));
        }
        onReleased: event => {
            // A wall window on another screen first (its own engine: no DropArea of ours reaches it), then
            // this window's tiles.
            if (payload.Drag.active && !CameraDrag.drop(mouse.mapToGlobal(event.x, event.y)))
                payload.Drag.drop();
        }
        onCanceled: CameraDrag.cancel()
        onDoubleClicked: root.activated()
        drag.onActiveChanged: {
            if (mouse.drag.active)
                CameraDrag.begin(root.cameraId, root.name, root.Window.window);
        }
    }

    // The star: shown when starred or under the mouse; a click stars or unstars (on top of the row's mouse
    // area, so it is not a drag or a double-click).
    Text {
        id: star
        objectName: "favouriteStar"
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        width: 16
        horizontalAlignment: Text.AlignHCenter
        text: root.favourite ? "★" : "☆"
        color: root.favourite ? Theme.warning : Theme.textFaint
        font.pixelSize: Theme.fontSize
        opacity: root.favourite || mouse.containsMouse || starMouse.containsMouse ? 1 : 0
        MouseArea {
            id: starMouse
            objectName: "favouriteStarMouse"
            anchors.fill: parent
            anchors.margins: -4
            hoverEnabled: true
            onClicked: root.favouriteToggled()
            ToolTip.visible: starMouse.containsMouse
            ToolTip.delay: Theme.toolTipDelay
            ToolTip.text: root.favourite ? qsTr("Remove from favourites") : qsTr("Add to favourites")
        }
    }

    DragPayload {
        id: payload
        kind: "camera"
        cameraId: root.cameraId
        title: root.name
        visible: Drag.active
        Drag.active: mouse.drag.active

        states: State {
            when: mouse.drag.active
            ParentChange {
                target: payload
                parent: root.Overlay.overlay
            }
        }
    }
}
