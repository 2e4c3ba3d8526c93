import QtQuick
import QtQuick.Controls
import Vigil.Views

// VMenuItem: a menu row in the dark theme, with an optional shortcut hint on the right.
MenuItem {
    id: root

    property string shortcutText: ""

    implicitHeight: Theme.rowHeight
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSize

    contentItem: Item {
        implicitWidth: label.implicitWidth + hint.implicitWidth + Theme.spacingLarge * 2 + (root.checkable ? 18 : 0)
        Text {
            id: check
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            visible: root.checkable
            text: root.checked ? "✓" : ""
            color: Theme.accent
            font: root.font
        }
        Text {
            id: label
            anchors.left: parent.left
            anchors.leftMargin: root.checkable ? 18 : 0
            anchors.verticalCenter: parent.verticalCenter
            text: root.text
            font: root.font
            color: root.enabled ? Theme.text : Theme.textFaint
        }
        Text {
            id: hint
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            text: root.shortcutText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSizeSmall
            color: Theme.textMuted
        }
    }
    background: Rectangle {
        implicitWidth: 180
        radius: Theme.radius
        color: root.highlighted ? Theme.hover : "transparent"
    }
}
