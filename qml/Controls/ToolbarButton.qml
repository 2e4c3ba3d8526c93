import QtQuick
import QtQuick.Controls
import Vigil.Views

// ToolbarButton: a flat button for the dark chrome, with an optional tooltip (shown on hover).
Button {
    id: root

    property string toolTip: ""
    property bool accent: false

    implicitHeight: Theme.controlHeight
    leftPadding: Theme.buttonPadding
    rightPadding: Theme.buttonPadding
    topPadding: 0
    bottomPadding: 0
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSize
    hoverEnabled: true
    focusPolicy: Qt.NoFocus

    ToolTip.visible: root.toolTip !== "" && root.hovered
    ToolTip.delay: Theme.toolTipDelay
    ToolTip.text: root.toolTip

    contentItem: Text {
        text: root.text
        font: root.font
        color: root.enabled ? (root.accent ? Theme.textOnAccent : Theme.text) : Theme.textFaint
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.radius
        color: root.accent && !root.enabled ? Theme.accentMuted
             : root.accent ? (root.down ? Qt.darker(Theme.accent, 1.2) : root.hovered ? Qt.lighter(Theme.accent, 1.1)
                                                                                      : Theme.accent)
                           : (root.down || root.checked ? Theme.pressed : root.hovered ? Theme.hover : "transparent")
        border.color: root.accent ? "transparent" : (root.hovered || root.checked ? Theme.borderStrong : Theme.border)
        border.width: 1
    }
}
