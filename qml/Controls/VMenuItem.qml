import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Views

// VMenuItem: a menu row in the dark theme, with an optional shortcut hint on the right.
MenuItem {
    id: root

    property string shortcutText: ""

    implicitHeight: Theme.rowHeight
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSize

    contentItem: RowLayout {
        spacing: Theme.spacing
        // The check column is always there, so every entry's text starts at the same place.
        Text {
            Layout.preferredWidth: 12
            text: root.checkable && root.checked ? "✓" : ""
            color: Theme.accent
            font: root.font
        }
        Text {
            Layout.fillWidth: true
            text: root.text
            font: root.font
            color: root.enabled ? Theme.text : Theme.textFaint
        }
        VLabel {
            Layout.leftMargin: Theme.spacingLarge
            visible: root.shortcutText !== ""
            text: root.shortcutText
            size: VLabel.Small
            color: Theme.textMuted
        }
    }
    background: Rectangle {
        implicitWidth: 180
        radius: Theme.radius
        color: root.highlighted ? Theme.hover : "transparent"
    }
}
