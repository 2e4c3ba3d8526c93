import QtQuick
import Vigil.Views

// BusyOverlay: start-up progress (the demo site encodes its clips on first run). Blocks input below it.
Rectangle {
    id: root

    property string text: ""
    // 0..1, or negative when unknown (indeterminate bar).
    property real progress: -1

    objectName: "busyOverlay"
    color: Theme.scrim

    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        hoverEnabled: true
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(520, parent.width - 2 * Theme.popupMargin)
        height: content.implicitHeight + Theme.spacingLarge * 2
        radius: Theme.radius
        color: Theme.panel
        border.color: Theme.borderStrong

        Column {
            id: content
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.margins: Theme.spacingLarge
            spacing: Theme.spacingMedium

            VLabel {
                objectName: "busyText"
                width: parent.width
                text: root.text
                wrapMode: Text.Wrap
            }
            Rectangle {
                id: track
                width: parent.width
                height: 4
                radius: Theme.radiusSmall
                color: Theme.panelRaised
                clip: true
                Rectangle {
                    id: bar
                    height: parent.height
                    radius: Theme.radiusSmall
                    color: Theme.accent
                    width: root.progress >= 0 ? parent.width * Math.min(1, root.progress) : parent.width / 4
                    x: 0
                    Behavior on width {
                        enabled: root.progress >= 0
                        NumberAnimation { duration: Theme.animationFast }
                    }
                }
                // Indeterminate: a block sweeping across (animation only).
                NumberAnimation {
                    target: bar
                    property: "x"
                    from: -track.width / 4
                    to: track.width
                    duration: 1400
                    loops: Animation.Infinite
                    running: root.visible && root.progress < 0
                    onStopped: bar.x = 0
                }
            }
            VLabel {
                width: parent.width
                text: root.progress >= 0 ? qsTr("%1 %").arg(Math.round(root.progress * 100))
                                         : qsTr("This can take a minute the first time.")
                color: Theme.textMuted
                size: VLabel.Small
            }
        }
    }
}
