import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Views

// VDialog: the chrome every Vigil dialog shares — modal, centred, the title as header, the panel colours and
// padding, and a footer with a row of buttons (and, when asked, a status row above them). The dialog's own
// children are its content; they are laid out in contentItem as with any Dialog.
//
//     VDialog {
//         title: qsTr("Add camera")
//         preferredWidth: 760
//         buttons: [
//             ToolbarButton { text: qsTr("Test") },
//             Item { Layout.fillWidth: true },          // pushes what follows to the right
//             ToolbarButton { text: qsTr("Add"); accent: true }
//         ]
//         GridLayout { anchors.fill: parent; ... }
//     }
Dialog {
    id: root

    // The dialog's size: at most this, and always Theme.popupMargin inside the window. A preferredHeight of 0
    // keeps the height of the content.
    property real preferredWidth: 640
    property real preferredHeight: 0
    // The footer's buttons, left to right.
    property alias buttons: buttonLayout.data
    // Items for a row above the buttons (the progress of a long action), shown while statusRowVisible.
    property alias statusRow: statusLayout.data
    property bool statusRowVisible: false

    modal: true
    anchors.centerIn: parent
    width: Math.min(root.preferredWidth, (root.parent ? root.parent.width : root.preferredWidth) - 2 * Theme.popupMargin)
    height: root.preferredHeight > 0
            ? Math.min(root.preferredHeight, (root.parent ? root.parent.height : root.preferredHeight) - 2 * Theme.popupMargin)
            : root.implicitHeight
    padding: Theme.spacingLarge
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSize
    closePolicy: Popup.CloseOnEscape

    background: Rectangle {
        color: Theme.panel
        border.color: Theme.borderStrong
        radius: Theme.radius
    }
    header: VLabel {
        text: root.title
        leftPadding: Theme.spacingLarge
        topPadding: Theme.spacingLarge
        size: VLabel.Large
        font.bold: true
    }
    Overlay.modal: Rectangle {
        color: Theme.scrim
    }
    footer: Item {
        implicitHeight: footerColumn.implicitHeight + Theme.spacingLarge * 2
        ColumnLayout {
            id: footerColumn
            anchors.fill: parent
            anchors.margins: Theme.spacingLarge
            spacing: Theme.spacing
            RowLayout {
                id: statusLayout
                Layout.fillWidth: true
                visible: root.statusRowVisible
                spacing: Theme.spacing
            }
            RowLayout {
                id: buttonLayout
                Layout.fillWidth: true
                spacing: Theme.spacing
            }
        }
    }
}
