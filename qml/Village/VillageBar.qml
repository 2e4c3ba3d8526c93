pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Access
import Vigil.App
import Vigil.Wall
import Vigil.Views

// VillageBar: village mode's few big controls, instead of the console's toolbar and status bar (Main.qml shows
// it only when Session.village): Live, the last minutes played back (when the role allows), the three
// layouts a village PC may show (1, 4, 9: Wall.layoutIds), full screen; then the clock and whether the
// cameras record. Big enough for a finger and for eyes two metres away. What each does is Main's
// (the signals) or the Wall's; nothing here decides.
Rectangle {
    id: root

    // --- set by the window -------------------------------------------------------------------------------
    // What the window shows ("wall", "playback", ...): Live is lit on the wall.
    property string view: "wall"
    property bool fullScreen: false

    // --- signals -----------------------------------------------------------------------------------------
    signal liveRequested
    // The wall's cameras from replayMinutes ago.
    signal replayRequested(int minutes)
    signal fullScreenToggled

    // --- private -----------------------------------------------------------------------------------------
    readonly property int _replayMinutes: 5
    property date _now: new Date()

    component BigButton: AbstractButton {
        id: button
        property bool lit: false
        implicitWidth: Math.max(Theme.villageButtonWidth, contentItem.implicitWidth + Theme.spacingLarge * 2)
        implicitHeight: Theme.villageButtonHeight
        focusPolicy: Qt.NoFocus
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSizeVillage
        contentItem: Text {
            text: button.text
            font: button.font
            color: button.enabled ? (button.lit ? Theme.textOnAccent : Theme.text) : Theme.textFaint
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: Rectangle {
            radius: Theme.radius * 2
            color: button.lit ? Theme.accent : button.down ? Theme.pressed : button.hovered ? Theme.hover : Theme.panelRaised
            border.color: button.lit ? Theme.accent : Theme.borderStrong
            border.width: 2
        }
    }

    objectName: "villageBar"
    implicitHeight: Theme.villageBarHeight
    color: Theme.panel

    Rectangle {
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingLarge
        anchors.rightMargin: Theme.spacingLarge
        spacing: Theme.spacingLarge

        BigButton {
            objectName: "villageLive"
            text: qsTr("Live")
            lit: root.view === "wall"
            onClicked: root.liveRequested()
        }
        BigButton {
            objectName: "villageReplay"
            visible: Access.canPlayback
            text: qsTr("Last %1 minutes").arg(root._replayMinutes)
            lit: root.view === "playback"
            onClicked: root.replayRequested(root._replayMinutes)
        }
        Rectangle {
            Layout.preferredWidth: 2
            Layout.preferredHeight: Theme.villageButtonHeight - Theme.spacingLarge
            color: Theme.border
        }
        Repeater {
            model: Wall.layoutIds
            delegate: BigButton {
                id: layoutButton
                required property string modelData
                objectName: "villageLayout_" + layoutButton.modelData
                lit: root.view === "wall" && Wall.layoutId === layoutButton.modelData
                Accessible.name: qsTr("%1 cameras at once").arg(layoutButton.modelData)
                onClicked: {
                    Wall.setLayout(layoutButton.modelData);
                    root.liveRequested();
                }
                contentItem: Row {
                    spacing: Theme.spacing
                    LayoutIcon {
                        anchors.verticalCenter: parent.verticalCenter
                        width: Theme.villageLayoutIconWidth
                        height: Theme.villageLayoutIconHeight
                        layoutId: layoutButton.modelData
                        lineColor: layoutButton.lit ? Theme.textOnAccent : Theme.text
                    }
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        text: layoutButton.modelData
                        font: layoutButton.font
                        color: layoutButton.lit ? Theme.textOnAccent : Theme.text
                    }
                }
            }
        }
        Rectangle {
            Layout.preferredWidth: 2
            Layout.preferredHeight: Theme.villageButtonHeight - Theme.spacingLarge
            color: Theme.border
        }
        BigButton {
            objectName: "villageFullScreen"
            text: root.fullScreen ? qsTr("Exit full screen") : qsTr("Full screen")
            onClicked: root.fullScreenToggled()
        }
        Item {
            Layout.fillWidth: true
        }
        Text {
            objectName: "villageRecording"
            visible: Recordings.recordingCameras.length > 0
            text: qsTr("● Recording %1 cameras").arg(Recordings.recordingCameras.length)
            color: Theme.error
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSizeLarge
        }
        Text {
            objectName: "villageClock"
            text: Qt.formatTime(root._now, "hh:mm")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSizeVillage * 1.5
            font.bold: true
        }
    }

    // The clock (UI only).
    Timer {
        interval: 1000
        running: root.visible
        repeat: true
        onTriggered: root._now = new Date()
    }
}
