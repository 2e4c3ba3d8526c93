pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Vigil.Views

// ShortcutHelp: the keyboard shortcuts, opened with F1 or the "?" button.
Popup {
    id: root

    // [[keys, what], ...]
    required property var entries

    objectName: "shortcutHelp"
    modal: true
    anchors.centerIn: parent
    padding: Theme.spacingLarge
    background: Rectangle {
        color: Theme.panel
        border.color: Theme.borderStrong
        radius: Theme.radius
    }
    Overlay.modal: Rectangle {
        color: Theme.scrim
    }

    contentItem: Column {
        spacing: Theme.spacing
        VLabel {
            text: qsTr("Keyboard shortcuts")
            size: VLabel.Large
            font.bold: true
        }
        Grid {
            columns: 2
            columnSpacing: Theme.spacingLarge * 2
            rowSpacing: Theme.spacingSmall
            Repeater {
                model: root.entries.length * 2
                delegate: VLabel {
                    required property int index
                    readonly property var entry: root.entries[Math.floor(index / 2)]
                    text: index % 2 === 0 ? entry[0] : entry[1]
                    color: index % 2 === 0 ? Theme.accent : Theme.text
                }
            }
        }
    }
}
