pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtMultimedia
import Vigil.Access
import Vigil.App
import Vigil.Playback
import Vigil.Video
import Vigil.Views

// PlaybackView: recorded video of up to 16 cameras on one timeline, in lockstep. The transport (play/pause,
// 1/16x..16x, frame step, back 10 s / 30 s, go to a date and time, snapshot) drives the one PlaybackSession;
// the tiles only show their camera's player. Keys: Space play/pause, Left/Right 10 s (Shift: 30 s),
// . frame step, + and - zoom the timeline, Esc back to live.
FocusScope {
    id: root

    // --- inputs ---------------------------------------------------------------------------------------------
    // Cameras to play back and the recording time to start at (ms since the epoch); open() applies them.
    property list<string> cameraIds: []
    property list<string> cameraLabels: []
    property real startMs: Date.now() - 60000

    // --- outputs --------------------------------------------------------------------------------------------
    signal backToLive()
    signal notify(string text, bool isError)

    readonly property PlaybackSession session: playback

    function open(ids: var, labels: var, atMs: real) {
        root.cameraIds = ids;
        root.cameraLabels = labels;
        root.startMs = atMs;
        playback.open(ids, labels, atMs, true);
        root.forceActiveFocus();
    }

    // --- private --------------------------------------------------------------------------------------------
    readonly property var _rates: [0.0625, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16]
    function _rateLabel(rate: real): string {
        return rate >= 1 ? rate + "×" : "1/" + Math.round(1 / rate) + "×";
    }
    function _stepRate(direction: int) {
        const rates = root._rates;
        let i = rates.indexOf(playback.rate);
        if (i < 0)
            i = rates.indexOf(1);
        playback.setRate(rates[Math.max(0, Math.min(rates.length - 1, i + direction))]);
    }

    // The range to export (Mark in / Mark out; ms since the epoch, -1 = not marked).
    property real _markIn: -1
    property real _markOut: -1
    function _markInHere() {
        root._markIn = playback.positionMs;
        if (root._markOut >= 0 && root._markOut <= root._markIn)
            root._markOut = -1;
    }
    function _markOutHere() {
        if (root._markIn < 0 || playback.positionMs <= root._markIn) {
            root.notify(qsTr("Mark the start first (Mark in, I), then the end after it."), true);
            return;
        }
        root._markOut = playback.positionMs;
    }
    function _export() {
        if (root._markIn < 0 || root._markOut < 0) {
            root.notify(qsTr("Mark the start (I) and the end (O) of what to export first."), true);
            return;
        }
        const ids = [];
        for (let i = 0; i < root.cameraIds.length; ++i)
            ids.push(root.cameraIds[i]);
        Recordings.exportRange(ids, root._markIn, root._markOut);
    }

    focus: true

    Connections {
        target: Recordings
        function onExportFinished(text: string, ok: bool) {
            root.notify(text, !ok);
        }
    }

    PlaybackSession {
        id: playback
        objectName: "playbackSession"
        onSnapshotSaved: (path, ok) => root.notify(ok ? qsTr("Snapshot saved: %1").arg(path)
                                                      : qsTr("The snapshot could not be written to %1. Check the folder's free space and permissions.").arg(path), !ok)
    }

    Keys.onPressed: event => {
        if (event.key === Qt.Key_Space) {
            playback.togglePause();
        } else if (event.key === Qt.Key_Left) {
            playback.jumpBy(event.modifiers & Qt.ShiftModifier ? -30000 : -10000);
        } else if (event.key === Qt.Key_Right) {
            playback.jumpBy(event.modifiers & Qt.ShiftModifier ? 30000 : 10000);
        } else if (event.key === Qt.Key_Period) {
            playback.stepFrame();
        } else if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal) {
            playback.timeline.zoomAt(playback.timeline.cursorX, 0.5);
        } else if (event.key === Qt.Key_Minus) {
            playback.timeline.zoomAt(playback.timeline.cursorX, 2);
        } else if (event.key === Qt.Key_BracketRight) {
            root._stepRate(1);
        } else if (event.key === Qt.Key_BracketLeft) {
            root._stepRate(-1);
        } else if (event.key === Qt.Key_I) {
            root._markInHere();
        } else if (event.key === Qt.Key_O) {
            root._markOutHere();
        } else if (event.key === Qt.Key_Escape) {
            root.backToLive();
        } else {
            return;
        }
        event.accepted = true;
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.wallBackground
    }

    // --- the tiles ------------------------------------------------------------------------------------------
    Grid {
        id: grid
        objectName: "playbackGrid"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: transport.top }
        readonly property int _columns: Math.max(1, Math.ceil(Math.sqrt(playback.count)))
        readonly property int _rows: Math.max(1, Math.ceil(playback.count / _columns))
        columns: _columns
        spacing: 2

        Repeater {
            model: playback
            delegate: Rectangle {
                id: tile
                required property int index
                required property string label
                required property VideoPlayer player
                required property bool hasRecording
                required property string message
                objectName: "playbackTile"
                width: (grid.width - (grid._columns - 1) * grid.spacing) / grid._columns
                height: (grid.height - (grid._rows - 1) * grid.spacing) / grid._rows
                color: Theme.tileBackground

                VideoOutput {
                    id: output
                    anchors.fill: parent
                    visible: tile.hasRecording
                    fillMode: VideoOutput.PreserveAspectFit
                }
                Binding {
                    target: tile.player
                    property: "videoSink"
                    value: output.videoSink
                }
                Text {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingLarge
                    visible: !tile.hasRecording || tile.player.lastError !== ""
                    text: tile.player.lastError !== "" ? tile.player.lastError : tile.message
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    color: tile.player.lastError !== "" ? Theme.error : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSize
                }
                Rectangle {
                    x: Theme.spacingSmall
                    y: Theme.spacingSmall
                    width: nameText.implicitWidth + 2 * Theme.spacingSmall
                    height: nameText.implicitHeight + 2
                    color: Theme.overlay
                    radius: Theme.radiusSmall
                    Text {
                        id: nameText
                        anchors.centerIn: parent
                        text: tile.label
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSizeSmall
                    }
                }
                OverlayButton {
                    anchors { right: parent.right; top: parent.top; margins: Theme.spacingSmall }
                    visible: tile.hasRecording && tileHover.hovered
                    text: "📷"
                    ToolTip.visible: hovered
                    ToolTip.delay: Theme.toolTipDelay
                    ToolTip.text: qsTr("Snapshot (PNG named after the camera and the recording time)")
                    onClicked: playback.saveSnapshot(tile.index)
                }
                HoverHandler { id: tileHover }
            }
        }
        // Nothing open yet.
        Text {
            visible: playback.count === 0
            width: grid.width
            height: grid.height
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            text: qsTr("Choose cameras to play back: “Play back” on a wall tile, or the cameras on the wall with “Wall cameras”.")
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSizeLarge
        }
    }

    // --- transport and timeline -------------------------------------------------------------------------------
    Column {
        id: transport
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }

        Rectangle {
            width: parent.width
            height: Theme.toolbarHeight
            color: Theme.panelRaised

            Row {
                anchors.verticalCenter: parent.verticalCenter
                x: Theme.spacing
                spacing: Theme.spacingTiny

                ToolbarButton {
                    text: qsTr("Live")
                    toolTip: qsTr("Back to the live wall (Esc)")
                    onClicked: root.backToLive()
                }
                ToolbarButton {
                    objectName: "back30Button"
                    text: "⟲30"
                    toolTip: qsTr("Back 30 seconds (Shift+Left)")
                    onClicked: playback.jumpBy(-30000)
                }
                ToolbarButton {
                    objectName: "back10Button"
                    text: "⟲10"
                    toolTip: qsTr("Back 10 seconds (Left)")
                    onClicked: playback.jumpBy(-10000)
                }
                ToolbarButton {
                    objectName: "playPauseButton"
                    accent: true
                    width: 44
                    text: playback.paused ? "▶" : "❚❚"
                    toolTip: playback.paused ? qsTr("Play (Space)") : qsTr("Pause (Space)")
                    onClicked: playback.togglePause()
                }
                ToolbarButton {
                    objectName: "stepButton"
                    text: "▸|"
                    toolTip: qsTr("Next frame (.)")
                    onClicked: playback.stepFrame()
                }
                ToolbarButton {
                    text: "+10⟳"
                    toolTip: qsTr("Forward 10 seconds (Right)")
                    onClicked: playback.jumpBy(10000)
                }
                ComboBox {
                    id: rateBox
                    objectName: "rateBox"
                    width: 80
                    height: Theme.controlHeight
                    model: root._rates.map(r => root._rateLabel(r))
                    currentIndex: root._rates.indexOf(playback.rate)
                    onActivated: index => playback.setRate(root._rates[index])
                    ToolTip.visible: hovered
                    ToolTip.delay: Theme.toolTipDelay
                    ToolTip.text: qsTr("Speed ([ slower, ] faster)")
                }
                Text {
                    objectName: "positionText"
                    anchors.verticalCenter: parent.verticalCenter
                    leftPadding: Theme.spacing
                    rightPadding: Theme.spacing
                    text: Qt.formatDateTime(new Date(playback.positionMs), "yyyy-MM-dd hh:mm:ss")
                    color: Theme.text
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.fontSizeLarge
                }
                VTextField {
                    id: gotoField
                    objectName: "gotoField"
                    width: 170
                    placeholderText: qsTr("Go to yyyy-mm-dd hh:mm:ss")
                    onAccepted: {
                        const t = Date.parse(gotoField.text.trim().replace(" ", "T"));
                        if (isNaN(t)) {
                            root.notify(qsTr("“%1” is not a date and time. Write it as 2026-12-06 14:30:00.").arg(gotoField.text), true);
                            return;
                        }
                        playback.seek(t);
                        gotoField.text = "";
                        root.forceActiveFocus();
                    }
                }
                ToolbarButton {
                    objectName: "markInButton"
                    text: qsTr("Mark in")
                    checked: root._markIn >= 0
                    toolTip: qsTr("Start of the range to export: the time shown now (I)")
                    onClicked: root._markInHere()
                }
                ToolbarButton {
                    objectName: "markOutButton"
                    text: qsTr("Mark out")
                    checked: root._markOut >= 0
                    toolTip: qsTr("End of the range to export (O)")
                    onClicked: root._markOutHere()
                }
                ToolbarButton {
                    objectName: "exportButton"
                    visible: !Recordings.exporting && Access.canExport
                    enabled: root._markIn >= 0 && root._markOut > root._markIn
                    text: qsTr("Export…")
                    toolTip: qsTr("Write the marked range of every camera here to MP4 (no re-encoding), with a SHA-256 checksum file, in %1").arg(Recordings.exportDir)
                    onClicked: root._export()
                }
                ProgressBar {
                    objectName: "exportProgress"
                    visible: Recordings.exporting
                    anchors.verticalCenter: parent.verticalCenter
                    width: 120
                    value: Recordings.exportProgress
                    ToolTip.visible: hovered
                    ToolTip.text: Recordings.exportStatus
                }
                ToolbarButton {
                    visible: Recordings.exporting
                    text: qsTr("Cancel export")
                    onClicked: Recordings.cancelExport()
                }
                BusyIndicator {
                    running: playback.busy
                    visible: running
                    height: Theme.controlHeight
                    width: height
                }
            }
        }
        Timeline {
            id: timeline
            objectName: "timeline"
            width: parent.width
            session: playback
            markInMs: root._markIn
            markOutMs: root._markOut
        }
    }
}
