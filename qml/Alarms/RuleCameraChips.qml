pragma ComponentBehavior: Bound
import QtQuick
import Vigil.Cameras
import Vigil.Views

// RuleCameraChips: the cameras a linkage rule names, as small chips (the camera's name, or its id when the
// camera is gone from the directory, in the warning colour) with a × each, and a button to add one. The
// rules dialog owns the list: it hears removeRequested/addRequested and sets cameraIds again.
Flow {
    id: root

    // Camera ids (a JS array of strings).
    property var cameraIds: []
    // Shown when the list is empty (e.g. "the alarm's camera").
    property string emptyText: ""
    property string addText: qsTr("Add camera…")

    signal removeRequested(string cameraId)
    signal addRequested

    spacing: Theme.spacingSmall

    VLabel {
        height: Theme.chipHeight
        verticalAlignment: Text.AlignVCenter
        visible: root.cameraIds.length === 0 && root.emptyText !== ""
        color: Theme.textMuted
        size: VLabel.Small
        text: root.emptyText
    }
    Repeater {
        model: root.cameraIds
        delegate: Rectangle {
            id: chip
            required property string modelData
            // Cameras.count: read again when the directory changes (a platform's cameras come later).
            readonly property string cameraName: Cameras.count >= 0 ? Cameras.nameOf(chip.modelData) : ""

            objectName: "cameraChip_" + chip.modelData
            height: Theme.chipHeight
            width: chipLabel.implicitWidth + removeLabel.implicitWidth + Theme.spacing * 3
            radius: Theme.radius
            color: Theme.panelRaised
            border.color: chip.cameraName === "" ? Theme.warning : Theme.border

            VLabel {
                id: chipLabel
                anchors.left: parent.left
                anchors.leftMargin: Theme.spacing
                anchors.verticalCenter: parent.verticalCenter
                size: VLabel.Small
                color: chip.cameraName === "" ? Theme.warning : Theme.text
                text: chip.cameraName !== "" ? chip.cameraName : chip.modelData
            }
            VLabel {
                id: removeLabel
                anchors.right: parent.right
                anchors.rightMargin: Theme.spacing
                anchors.verticalCenter: parent.verticalCenter
                color: removeArea.containsMouse ? Theme.error : Theme.textMuted
                text: "×"
                MouseArea {
                    id: removeArea
                    anchors.fill: parent
                    anchors.margins: -4
                    hoverEnabled: true
                    onClicked: root.removeRequested(chip.modelData)
                }
            }
        }
    }
    ToolbarButton {
        objectName: "addCameraChip"
        implicitHeight: Theme.chipHeight
        text: root.addText
        onClicked: root.addRequested()
    }
}
