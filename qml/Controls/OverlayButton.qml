import QtQuick
import QtQuick.Controls
import Vigil.Views

// OverlayButton: a small button over video (a tile's PTZ and menu buttons), on the dark text plate; in the
// accent colour while `active` (a mode that is on).
ToolButton {
    id: root

    property bool active: false

    implicitHeight: Theme.tileButtonSize
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSizeSmall
    palette.buttonText: root.active ? Theme.textOnAccent : Theme.text

    background: Rectangle {
        radius: Theme.radius
        color: root.active ? Theme.accent : root.hovered ? Theme.hover : Theme.overlay
    }
}
