// TrackPanel: track playback controls over the map — which unit, which time range (the last 5/15/30/60
// minutes), play/pause, speed 1–64×, a scrub slider with the cursor's time, close. The replay itself (cursor,
// rate, interpolation, end of track) is TrackPlayer's C++; this file only lays out and wires. Colours and
// sizes from MapTheme, like MapPane's other overlays (Vigil.Map sits below Vigil.Views and its Theme).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Vigil.Map

Rectangle {
    id: root

    // --- properties ---------------------------------------------------------------------------------
    required property TrackPlayer player
    // Where the unit names come from (call signs); null shows the player's unit id only.
    property UnitsModel unitsModel: null
    // The range preset in use (minutes), highlighted.
    property int rangeMinutes: 15
    // Plain JS arrays (Qt 6.4 has no declarable value-type lists).
    readonly property var rangePresets: [5, 15, 30, 60]
    readonly property var rates: [1, 2, 4, 8, 16, 32, 64]

    // --- signals -------------------------------------------------------------------------------------
    signal closeRequested()

    // --- functions -----------------------------------------------------------------------------------
    // The last `minutes` up to now for the player's unit.
    function showLast(minutes: int) {
        root.rangeMinutes = minutes
        root.player.showLastMinutes(minutes)
    }

    // --- content -------------------------------------------------------------------------------------
    implicitWidth: 660
    implicitHeight: content.implicitHeight + 2 * MapTheme.panelPadding
    radius: MapTheme.radius
    color: MapTheme.panel

    // Clicks and drags on the panel stay off the map under it.
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        onWheel: wheel => wheel.accepted = true
    }

    Column {
        id: content
        x: MapTheme.panelPadding
        y: MapTheme.panelPadding
        width: parent.width - 2 * MapTheme.panelPadding
        spacing: MapTheme.spacingPanel

        Row {
            width: parent.width
            spacing: MapTheme.spacing
            Label {
                anchors.verticalCenter: parent.verticalCenter
                color: MapTheme.panelTitle
                font.bold: true
                text: qsTr("Track playback")
            }
            ComboBox {
                id: unitBox
                objectName: "trackUnitBox"
                width: 150
                model: root.unitsModel
                textRole: "callSign"
                valueRole: "unitId"
                currentIndex: root.unitsModel ? indexOfValue(root.player.unitId) : -1
                displayText: currentIndex >= 0 ? currentText : root.player.unitId
                onActivated: index => {
                    root.player.unitId = valueAt(index)
                    root.showLast(root.rangeMinutes)
                }
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Unit whose track is replayed")
            }
            Repeater {
                model: root.rangePresets
                delegate: Button {
                    required property int modelData
                    objectName: "trackRange" + modelData
                    width: 62
                    highlighted: root.rangeMinutes === modelData
                    text: qsTr("%1 min").arg(modelData)
                    onClicked: root.showLast(modelData)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Replay the last %1 minutes").arg(modelData)
                }
            }
            Item {
                width: Math.max(0, parent.width - x - closeButton.width - MapTheme.spacing)
                height: 1
            }
            Button {
                id: closeButton
                objectName: "trackCloseButton"
                width: MapTheme.mapButtonWidth
                text: "\u2715"
                onClicked: root.closeRequested()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Close track playback")
            }
        }

        Row {
            width: parent.width
            spacing: MapTheme.spacing
            Button {
                id: playButton
                objectName: "trackPlayButton"
                width: 80
                enabled: root.player.fixCount >= 2
                text: root.player.playing ? qsTr("Pause") : qsTr("Play")
                onClicked: root.player.togglePlaying()
            }
            ComboBox {
                id: rateBox
                objectName: "trackRateBox"
                width: 80
                model: root.rates
                currentIndex: root.rates.indexOf(root.player.rate)
                displayText: qsTr("%1×").arg(root.player.rate)
                delegate: ItemDelegate {
                    required property int modelData
                    width: rateBox.width
                    text: qsTr("%1×").arg(modelData)
                }
                onActivated: index => root.player.rate = root.rates[index]
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Replay speed")
            }
            Slider {
                id: scrub
                objectName: "trackSlider"
                width: parent.width - x - timeLabel.width - MapTheme.spacing
                enabled: root.player.fixCount >= 2
                from: 0
                to: 1
                value: root.player.progress
                onMoved: root.player.progress = value
            }
            Label {
                id: timeLabel
                objectName: "trackTimeLabel"
                anchors.verticalCenter: parent.verticalCenter
                width: 72
                color: MapTheme.highlight
                font.bold: true
                text: Qt.formatDateTime(root.player.position, "HH:mm:ss")
            }
        }

        Label {
            objectName: "trackInfoLabel"
            width: parent.width
            elide: Text.ElideRight
            color: MapTheme.panelText
            text: root.player.unitId === ""
                  ? qsTr("Pick a unit on the map or in the list.")
                  : root.player.fixCount === 0 && root.player.loading
                    ? qsTr("Reading the track history…")
                  : root.player.fixCount === 0
                    ? qsTr("No positions recorded for this unit in the last %1 minutes.").arg(root.rangeMinutes)
                    : qsTr("%1 – %2 · %3 positions · %4 km")
                      .arg(Qt.formatDateTime(root.player.startTime, "HH:mm:ss"))
                      .arg(Qt.formatDateTime(root.player.endTime, "HH:mm:ss")).arg(root.player.fixCount)
                      .arg((root.player.lengthM / 1000).toFixed(2))
        }
    }
}
