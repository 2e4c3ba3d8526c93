pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Vigil.Playback
import Vigil.Views

// Timeline: the playback session's time axis. One row per camera with its recorded spans (gaps are empty),
// alarm marks, tick labels and the playhead. Click or drag to scrub (the session seeks as the pointer moves,
// so the tiles preview the frame under it), wheel to zoom around the pointer, drag with the right button or
// Shift to pan, presets from 1 minute to 7 days. The model does the arithmetic (TimelineModel).
Rectangle {
    id: root

    // --- inputs ---------------------------------------------------------------------------------------------
    required property PlaybackSession session
    readonly property TimelineModel model: root.session.timeline
    // The range marked for export (ms since the epoch; -1 = not marked).
    property real markInMs: -1
    property real markOutMs: -1

    // --- private --------------------------------------------------------------------------------------------
    readonly property int _rowHeight: 18
    readonly property int _labelWidth: 120
    readonly property int _axisHeight: 22
    property bool _scrubbing: false

    color: Theme.panel
    implicitHeight: header.height + root._axisHeight + Math.max(1, rowsRepeater.count) * (root._rowHeight + 2) + Theme.spacing * 2

    Row {
        id: header
        x: Theme.spacing
        y: Theme.spacingSmall
        spacing: Theme.spacingTiny
        height: Theme.controlHeight

        Text {
            objectName: "timelineWindowLabel"
            anchors.verticalCenter: parent.verticalCenter
            width: root._labelWidth + 160
            text: root.model.windowLabel
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSizeSmall
        }
        Repeater {
            model: [
                { label: qsTr("1 min"), ms: 60000 },
                { label: qsTr("10 min"), ms: 600000 },
                { label: qsTr("1 h"), ms: 3600000 },
                { label: qsTr("6 h"), ms: 21600000 },
                { label: qsTr("1 day"), ms: 86400000 },
                { label: qsTr("7 days"), ms: 604800000 }
            ]
            delegate: ToolbarButton {
                required property var modelData
                text: modelData.label
                onClicked: root.model.showSpan(modelData.ms)
            }
        }
    }

    // Camera names beside their rows.
    Column {
        x: Theme.spacing
        y: header.y + header.height + root._axisHeight
        spacing: 2
        Repeater {
            model: root.model.rows
            delegate: Text {
                required property var modelData
                width: root._labelWidth - Theme.spacing
                height: root._rowHeight
                text: modelData.label
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSizeSmall
            }
        }
    }

    Item {
        id: track
        objectName: "timelineTrack"
        x: root._labelWidth
        y: header.y + header.height
        width: root.width - root._labelWidth - Theme.spacing
        height: root.height - y - Theme.spacing
        clip: true
        onWidthChanged: root.model.width = width
        Component.onCompleted: root.model.width = width

        // Ticks and their labels.
        Repeater {
            model: root.model.ticks
            delegate: Item {
                id: tick
                required property var modelData
                x: modelData.x
                height: track.height
                Rectangle {
                    y: tick.modelData.major ? root._axisHeight - 8 : root._axisHeight - 4
                    width: 1
                    height: track.height - y
                    color: tick.modelData.major ? Theme.borderStrong : Theme.border
                    opacity: tick.modelData.major ? 1 : 0.6
                }
                Text {
                    visible: tick.modelData.major
                    x: 3
                    y: 2
                    text: tick.modelData.label
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSizeSmall
                }
            }
        }

        // Recorded spans, one row per camera.
        Column {
            y: root._axisHeight
            width: track.width
            spacing: 2
            Repeater {
                id: rowsRepeater
                model: root.model.rows
                delegate: Item {
                    id: row
                    required property var modelData
                    width: track.width
                    height: root._rowHeight
                    Rectangle {
                        anchors.fill: parent
                        color: Theme.tileBackground
                    }
                    Repeater {
                        model: row.modelData.spans
                        delegate: Rectangle {
                            required property var modelData
                            objectName: "recordedSpan"
                            x: modelData.x
                            width: modelData.width
                            y: 3
                            height: row.height - 6
                            radius: Theme.radiusSmall
                            color: Theme.ok
                            opacity: 0.8
                        }
                    }
                }
            }
        }

        // The range marked for export.
        Rectangle {
            objectName: "exportBand"
            readonly property real _span: root.model.windowEndMs - root.model.windowStartMs
            readonly property real _x0: (root.markInMs - root.model.windowStartMs) / _span * track.width
            readonly property real _x1: root.markOutMs < 0 ? root.model.cursorX
                                                           : (root.markOutMs - root.model.windowStartMs) / _span * track.width
            visible: root.markInMs >= 0 && _span > 0
            x: Math.max(0, Math.min(_x0, _x1))
            width: Math.max(2, Math.min(track.width, Math.max(_x0, _x1)) - x)
            y: root._axisHeight
            height: track.height - root._axisHeight
            color: Theme.dropTarget
            border.color: Theme.accent
        }

        // Alarm and motion marks.
        Repeater {
            model: root.model.marks
            delegate: Rectangle {
                required property var modelData
                x: modelData.x - 1
                y: root._axisHeight
                width: 3
                height: track.height - root._axisHeight
                color: Theme.error
                ToolTip.visible: markHover.hovered
                ToolTip.text: modelData.label
                HoverHandler { id: markHover }
            }
        }

        // The playhead.
        Rectangle {
            objectName: "playhead"
            visible: root.model.cursorX >= 0 && root.model.cursorX <= track.width
            x: root.model.cursorX - 1
            width: 2
            height: track.height
            color: Theme.accent
        }

        MouseArea {
            id: mouse
            anchors.fill: parent
            acceptedButtons: Qt.LeftButton | Qt.RightButton
            hoverEnabled: true
            property real _lastX: 0
            property bool _panning: false
            onPressed: mouseEvent => {
                mouse._lastX = mouseEvent.x;
                mouse._panning = mouseEvent.button === Qt.RightButton || (mouseEvent.modifiers & Qt.ShiftModifier);
                if (!mouse._panning) {
                    root._scrubbing = true;
                    root.session.seek(root.model.timeAt(mouseEvent.x));
                }
            }
            onPositionChanged: mouseEvent => {
                if (!mouse.pressed)
                    return;
                if (mouse._panning)
                    root.model.panBy(mouseEvent.x - mouse._lastX);
                else
                    root.session.seek(root.model.timeAt(Math.max(0, Math.min(track.width, mouseEvent.x))));
                mouse._lastX = mouseEvent.x;
            }
            onReleased: root._scrubbing = false
            onWheel: wheel => root.model.zoomAt(wheel.x, wheel.angleDelta.y > 0 ? 0.8 : 1.25)
        }
        // The time under the pointer.
        Rectangle {
            visible: mouse.containsMouse && !mouse.pressed
            x: Math.min(track.width - width, Math.max(0, mouse.mouseX - width / 2))
            y: root._axisHeight - height - 1
            width: hoverText.implicitWidth + 8
            height: hoverText.implicitHeight + 2
            color: Theme.overlay
            radius: Theme.radiusSmall
            Text {
                id: hoverText
                anchors.centerIn: parent
                text: Qt.formatDateTime(new Date(root.model.timeAt(mouse.mouseX)), "yyyy-MM-dd hh:mm:ss")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSizeSmall
            }
        }
    }
}
