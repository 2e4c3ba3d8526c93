pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtMultimedia
import Vigil.Access
import Vigil.App
import Vigil.Cameras
import Vigil.Ptz
import Vigil.Video
import Vigil.Wall
import Vigil.Views

// CameraTile: one wall tile. Plays its camera through a CameraFeed (stream role from a StreamSelector), shows
// the camera name, the stream status when it is not live, the last frame dimmed when the stream stalled, and
// an optional statistics plate. Accepts dropped cameras (assign) and tiles (swap); double-click maximizes.
// Every change of the wall goes through the Wall singleton; the tile keeps only view state. A camera with ONVIF
// PTZ can be steered from the tile: "PTZ control" in the tile menu or the PTZ button on hover shows the
// PtzOverlay; turning it off, changing the camera or closing the tile stops the camera.
Rectangle {
    id: root

    // --- model (Wall.tiles row) --------------------------------------------------------------------------
    required property int tileIndex
    required property string cameraId
    required property string cameraName

    // --- set by the wall ---------------------------------------------------------------------------------
    // This tile fills the wall.
    property bool maximized: false
    // Another tile is maximized over this one: stop decoding.
    property bool covered: false
    property int visibleTiles: 1

    // --- exposed for tests and the wall ------------------------------------------------------------------
    readonly property alias feed: feed
    readonly property alias player: feed.player
    readonly property alias ptz: ptz
    readonly property alias tour: tour
    property bool statsVisible: false
    // A camera dragged from another window (CameraDrag) is over this tile.
    property bool dropHighlighted: false
    // PTZ control is on for this tile (only shown while the camera can be steered).
    property bool ptzMode: false

    // A message for the operator (snapshot saved or failed).
    signal notify(string text, bool isError)
    // The operator wants this camera's recordings.
    signal playbackRequested(string cameraId, string cameraName)

    // The PNG is written in the background; feed.snapshotSaved says how it went (Connections below).
    function takeSnapshot() {
        if (feed.saveSnapshot() === "")
            root.notify(qsTr("The snapshot of %1 could not be saved: there is no picture yet, or the Pictures folder is not writable. Wait for the picture, or check the folder's permissions.").arg(root.cameraName), true);
    }

    function statusText(status: int): string {
        if (feed.waitingForKeyring)
            return qsTr("Waiting for the keyring…");
        if (feed.relayPending)
            return qsTr("Asking the relay…");
        switch (status) {
        case VideoPlayer.Status.Connecting:
            return qsTr("Connecting…");
        case VideoPlayer.Status.Buffering:
            return qsTr("Buffering…");
        case VideoPlayer.Status.Stalled:
            return qsTr("Stalled");
        case VideoPlayer.Status.Reconnecting:
            return qsTr("Reconnecting…");
        case VideoPlayer.Status.Failed:
            return qsTr("Failed");
        default:
            return "";
        }
    }

    function setPtzMode(on: bool) {
        if (!on)
            ptz.letGo(); // the overlay hides too (and stops again, harmlessly); say it here for clarity
        root.ptzMode = on;
    }

    // --- private -----------------------------------------------------------------------------------------
    // Kiosk mode (a public display): the tile only shows. No menu, drag and drop, maximize, PTZ, snapshot or
    // tour control; a failed stream retries by itself (VideoPlayer::setUnattended), so nothing waits for a
    // click. Every control below is gated on this one property.
    readonly property bool _operable: !Session.kiosk
    readonly property bool _ptzShown: root._operable && Access.canPtz && root.ptzMode && ptz.available && !root._empty
    // The pointer is over this tile (the wall's instant replay key takes the tile under the pointer).
    readonly property bool pointerInside: mouse.containsMouse
    readonly property bool _empty: root.cameraId === ""
    readonly property bool _recording: !root._empty && Recordings.recordingCameras.indexOf(root.cameraId) >= 0
    readonly property int _status: feed.player.status
    readonly property bool _live: root._status === VideoPlayer.Status.Playing
    // The picture on screen is old: keep it (never black) but say so.
    readonly property bool _stale: !root._empty && feed.player.hasFrame && !root._live
                                   && root._status !== VideoPlayer.Status.Idle
    readonly property bool _small: root.width < 260 || root.height < 150
    readonly property color _statusColor: {
        switch (root._status) {
        case VideoPlayer.Status.Playing:
            return Theme.ok;
        case VideoPlayer.Status.Stalled:
        case VideoPlayer.Status.Reconnecting:
            return Theme.warning;
        case VideoPlayer.Status.Failed:
            return Theme.error;
        case VideoPlayer.Status.Connecting:
        case VideoPlayer.Status.Buffering:
            return Theme.info;
        default:
            return Theme.textFaint;
        }
    }

    objectName: "tile" + root.tileIndex
    color: Theme.tileBackground
    border.width: 1
    border.color: dropArea.containsDrag || root.dropHighlighted ? Theme.accent : (mouse.containsMouse ? Theme.borderStrong : Theme.border)
    clip: true
    // A tour of a camera group in this tile (each camera shown for the operator's time per camera).
    function startGroupTour(group: string) {
        if (!Wall.startGroupTour(root.tileIndex, group, Session.tourDwellSeconds))
            root.notify(qsTr("The group %1 has no camera to tour.").arg(group), true);
    }

    // A new camera starts without PTZ control; the controller stops the old one (setCameraId).
    onCameraIdChanged: root.ptzMode = false

    VideoOutput {
        id: output
        anchors.fill: parent
        anchors.margins: 1
        visible: !root._empty
        fillMode: VideoOutput.PreserveAspectFit
    }
    StreamSelector {
        id: selector
        tileSize: Qt.size(root.width * Screen.devicePixelRatio, root.height * Screen.devicePixelRatio)
        visibleTiles: root.visibleTiles
        maximized: root.maximized
        subOnly: Session.village // a modest village PC decodes sub streams only, a maximized tile's too
    }
    OnvifPtzController {
        id: ptz
        cameraId: root.cameraId
        speed: Session.ptzSpeed // a setting, the same on every tile
    }
    // Times the tile's tour (if any) and pre-connects its next camera through the feed.
    TourRunner {
        id: tour
        feed: feed
        tileIndex: root.tileIndex
        held: mouse.enabled && mouse.containsMouse
    }
    CameraFeed {
        id: feed
        cameraId: root.cameraId
        role: selector.role
        videoSink: output.videoSink
        active: !root.covered && !root._empty
        tileArea: root.covered || root._empty ? 0 : root.width * root.height
        onSnapshotSaved: (path, ok) => {
            if (ok)
                root.notify(qsTr("Snapshot saved: %1").arg(path), false);
            else
                root.notify(qsTr("The snapshot %1 could not be written. Check that the Pictures folder is writable and the disk is not full.").arg(path), true);
        }
    }

    // Stale picture: dimmed, with the time of the last frame.
    Rectangle {
        anchors.fill: parent
        visible: root._stale
        color: Theme.scrim
        opacity: 0.55
    }

    // Empty tile: a calm hint (none on a public display).
    Column {
        anchors.centerIn: parent
        visible: root._empty && root._operable
        spacing: Theme.spacingSmall
        VLabel {
            anchors.horizontalCenter: parent.horizontalCenter
            text: (root.tileIndex + 1).toString()
            color: Theme.textFaint
            size: root._small ? VLabel.Normal : VLabel.Huge
        }
        VLabel {
            objectName: "emptyHint"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: root.height > 90 && root.width > 140
            text: qsTr("Drag a camera here")
            color: Theme.textFaint
            size: VLabel.Small
        }
    }

    // Status in the middle when the stream is not live.
    Column {
        id: statusBox
        z: 1 // above the statistics plate on small tiles
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.spacing * 2, 420)
        spacing: Theme.spacingSmall
        visible: !root._empty && root.statusText(root._status) !== ""

        Rectangle {
            objectName: "statusChip"
            anchors.horizontalCenter: parent.horizontalCenter
            width: chipText.implicitWidth + Theme.spacingLarge
            height: Theme.chipHeight
            radius: height / 2
            color: Theme.overlay
            border.color: root._statusColor
            border.width: 1
            VLabel {
                id: chipText
                anchors.centerIn: parent
                text: root.statusText(root._status)
                color: root._statusColor
                size: VLabel.Small
                font.bold: true
            }
        }
        VLabel {
            objectName: "lastFrameText"
            width: parent.width
            visible: root._stale && feed.player.lastFrameTime.getTime() > 0
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Last frame at %1").arg(Qt.formatTime(feed.player.lastFrameTime, "hh:mm:ss"))
            style: Text.Outline
            styleColor: Theme.tileBackground
            size: VLabel.Small
        }
        VLabel {
            objectName: "errorText"
            width: parent.width
            visible: !root._small && feed.player.lastError !== ""
                     && (root._status === VideoPlayer.Status.Failed || root._status === VideoPlayer.Status.Reconnecting
                         || root._status === VideoPlayer.Status.Stalled)
            horizontalAlignment: Text.AlignHCenter
            text: feed.player.lastError
            style: Text.Outline
            styleColor: Theme.tileBackground
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            size: VLabel.Small
        }
        VLabel {
            objectName: "retryHint"
            width: parent.width
            visible: root._operable && !root._small && root._status === VideoPlayer.Status.Failed
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Click the tile to try again now.")
            color: Theme.textMuted
            style: Text.Outline
            styleColor: Theme.tileBackground
            size: VLabel.Small
        }
    }

    // Name plate, bottom left.
    Rectangle {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        visible: !root._empty
        width: Math.min(nameRow.implicitWidth + Theme.spacing * 2, parent.width - Theme.spacing)
        height: Theme.chipHeight
        radius: Theme.radius
        color: Theme.overlay
        Row {
            id: nameRow
            anchors.verticalCenter: parent.verticalCenter
            anchors.left: parent.left
            anchors.leftMargin: Theme.spacing
            spacing: Theme.spacingSmall + 2
            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: 7
                height: 7
                radius: 3.5
                color: root._statusColor
            }
            VLabel {
                objectName: "nameText"
                width: Math.min(implicitWidth, root.width - 48)
                elide: Text.ElideRight
                text: root.cameraName !== "" ? root.cameraName : root.cameraId
                size: VLabel.Small
            }
            VLabel {
                objectName: "relayBadge"
                visible: feed.relayed || feed.relayError !== ""
                text: feed.relayed ? qsTr("via relay") : qsTr("relay refused")
                color: feed.relayed ? Theme.textMuted : Theme.warning
                size: VLabel.Small
            }
            VLabel {
                objectName: "recordingBadge"
                visible: root._recording
                text: "● " + qsTr("REC")
                color: Theme.error
                size: VLabel.Small
                font.bold: true
            }
        }
    }

    // The relay refused this camera: it plays directly, and the operator is told why (the log has it too).
    VLabel {
        objectName: "relayErrorText"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        anchors.bottomMargin: Theme.chipHeight + Theme.spacingSmall * 2
        visible: !root._empty && !root._small && feed.relayError !== ""
        text: feed.relayError
        color: Theme.warning
        style: Text.Outline
        styleColor: Theme.tileBackground
        wrapMode: Text.Wrap
        maximumLineCount: 3
        elide: Text.ElideRight
        size: VLabel.Small
    }

    StatsOverlay {
        anchors.top: tour.active ? tourBox.bottom : parent.top
        anchors.left: parent.left
        anchors.margins: Theme.spacingSmall
        visible: root.statsVisible && !root._empty
        stats: feed.player.stats
        role: feed.activeRole
        keyFramesOnly: feed.player.keyFramesOnly
    }

    DropArea {
        id: dropArea
        anchors.fill: parent
        enabled: root._operable
        keys: ["vigil/camera", "vigil/tile"]
        onDropped: drop => {
            const payload = drop.source as DragPayload;
            if (!payload)
                return;
            if (payload.kind === "camera")
                Wall.assignCamera(root.tileIndex, payload.cameraId);
            else if (payload.tileIndex !== root.tileIndex)
                Wall.swapTiles(payload.tileIndex, root.tileIndex);
            drop.accept(Qt.MoveAction);
        }
    }
    Rectangle {
        anchors.fill: parent
        visible: dropArea.containsDrag || root.dropHighlighted
        color: Theme.dropTarget
    }

    MouseArea {
        id: mouse
        anchors.fill: parent
        enabled: root._operable
        hoverEnabled: true
        acceptedButtons: Qt.LeftButton | Qt.RightButton
        drag.target: root._empty ? null : tilePayload
        drag.threshold: 12
        onPressed: event => {
            tilePayload.x = event.x - tilePayload.width / 2;
            tilePayload.y = event.y - tilePayload.height / 2;
        }
        onReleased: {
            if (tilePayload.Drag.active)
                tilePayload.Drag.drop();
        }
        onClicked: event => {
            if (event.button === Qt.RightButton)
                tileMenu.popup();
            else if (!root._empty)
                feed.player.retryNow(); // the operator touched it: a failed or waiting stream is tried now
        }
        onDoubleClicked: event => {
            if (event.button === Qt.LeftButton)
                Wall.toggleMaximize(root.tileIndex);
        }
    }

    // Tour badge, top left: position in the tour; click to pause or resume. Cameras that could not be
    // connected at their turn are named under it.
    Column {
        id: tourBox
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.margins: Theme.spacingSmall
        spacing: Theme.spacingSmall
        visible: tour.active

        Rectangle {
            objectName: "tourBadge"
            width: badgeText.implicitWidth + Theme.spacing * 2
            height: Theme.chipHeight
            radius: height / 2
            color: tour.paused ? Theme.overlay : Theme.accentMuted
            border.width: 1
            border.color: tour.paused ? Theme.warning : Theme.accent
            VLabel {
                id: badgeText
                objectName: "tourBadgeText"
                anchors.centerIn: parent
                text: (tour.paused || tour.held ? "❚❚ " : "⟳ ") + qsTr("Tour %1/%2").arg(tour.position).arg(tour.count)
                color: tour.paused ? Theme.warning : Theme.text
                size: VLabel.Small
                font.bold: true
            }
            MouseArea {
                id: badgeMouse
                anchors.fill: parent
                enabled: root._operable
                hoverEnabled: true
                cursorShape: Qt.PointingHandCursor
                onClicked: tour.togglePause()
            }
            ToolTip.visible: badgeMouse.containsMouse
            ToolTip.delay: Theme.toolTipDelay
            ToolTip.text: tour.paused ? qsTr("Tour paused. Click to resume.")
                                      : qsTr("Touring: camera %1 of %2, %3 s each. Click to pause.").arg(tour.position).arg(tour.count).arg(tour.dwellSeconds)
        }
        Rectangle {
            objectName: "tourSkipped"
            visible: tour.skippedText !== ""
            width: Math.min(skippedText.implicitWidth + Theme.spacing * 2, root.width - Theme.spacing * 2)
            height: Theme.chipHeight
            radius: Theme.radius
            color: Theme.overlay
            VLabel {
                id: skippedText
                objectName: "tourSkippedText"
                anchors.verticalCenter: parent.verticalCenter
                anchors.left: parent.left
                anchors.leftMargin: Theme.spacing
                width: parent.width - Theme.spacing * 2
                elide: Text.ElideRight
                text: qsTr("Skipped: %1 (offline)").arg(tour.skippedText)
                color: Theme.warning
                size: VLabel.Small
            }
        }
    }

    PtzOverlay {
        id: ptzOverlay
        anchors.fill: parent
        visible: root._ptzShown
        enabled: root._ptzShown
        controller: ptz
        cameraName: root.cameraName !== "" ? root.cameraName : root.cameraId
        onDoubleClicked: Wall.toggleMaximize(root.tileIndex)
        onExitRequested: root.setPtzMode(false)
        onSpeedChosen: speed => Session.ptzSpeed = speed
    }

    // PTZ on/off, on hover (cameras with PTZ only), left of the menu button.
    OverlayButton {
        id: ptzButton
        objectName: "tilePtzButton"
        anchors.top: parent.top
        anchors.right: menuButton.left
        anchors.topMargin: Theme.spacingSmall
        anchors.rightMargin: Theme.spacingSmall
        visible: root._operable && Access.canPtz && ptz.available && !root._empty && (mouse.containsMouse || hovered || menuButton.visible || root.ptzMode)
        checkable: true
        checked: root.ptzMode
        focusPolicy: Qt.NoFocus // the keyboard stays with the overlay
        text: qsTr("PTZ")
        font.bold: true
        active: root.ptzMode
        ToolTip.visible: hovered
        ToolTip.delay: Theme.toolTipDelay
        ToolTip.text: root.ptzMode ? qsTr("Turn PTZ control off") : qsTr("Steer this camera (PTZ)")
        onClicked: root.setPtzMode(!root.ptzMode)
    }

    // The tile's menu button, on hover.
    OverlayButton {
        id: menuButton
        objectName: "tileMenuButton"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.spacingSmall
        width: Theme.tileButtonSize
        visible: root._operable && (mouse.containsMouse || hovered || tileMenu.visible || ptzButton.hovered)
        text: "⋮"
        font.pixelSize: Theme.fontSizeLarge
        onClicked: tileMenu.popup(menuButton, 0, menuButton.height)
    }

    DragPayload {
        id: tilePayload
        kind: "tile"
        tileIndex: root.tileIndex
        cameraId: root.cameraId
        title: root.cameraName
        visible: Drag.active
        Drag.active: mouse.drag.active

        states: State {
            when: mouse.drag.active
            ParentChange {
                target: tilePayload
                parent: root.Overlay.overlay
            }
        }
    }

    TileMenu {
        id: tileMenu
        objectName: "tileMenu"
        empty: root._empty
        maximized: root.maximized
        statsVisible: root.statsVisible
        ptzAvailable: ptz.available && !root._empty
        ptzOn: root.ptzMode
        onMaximizeRequested: Wall.toggleMaximize(root.tileIndex)
        onSnapshotRequested: root.takeSnapshot()
        onStatsToggled: root.statsVisible = !root.statsVisible
        onPtzToggled: root.setPtzMode(!root.ptzMode)
        onCloseRequested: Wall.clearTile(root.tileIndex)
        touring: tour.active
        onAboutToShow: tileMenu.groups = Cameras.groups() // groups come and go; read them when the menu opens
        onTourRequested: group => root.startGroupTour(group)
        onTourStopRequested: tour.stop()
        // The choice is remembered for the next tours and applies to this tile's tour now.
        dwellSeconds: tour.active ? tour.dwellSeconds : Session.tourDwellSeconds
        onDwellRequested: seconds => {
            Session.tourDwellSeconds = seconds;
            if (tour.active)
                Wall.setTourDwell(root.tileIndex, seconds);
        }
        recording: root._recording
        onRecordToggled: {
            if (!Recordings.toggle(root.cameraId) && Recordings.lastError !== "" && !Recordings.isRecording(root.cameraId))
                root.notify(Recordings.lastError, true);
        }
        onPlaybackRequested: root.playbackRequested(root.cameraId, root.cameraName)
        masksAllowed: Access.canSettings
        onMasksRequested: root.openMaskEditor()
    }

    // The privacy mask editor, made when asked (one per open editor, not one per tile).
    function openMaskEditor() {
        const dialog = maskEditor.createObject(root.Overlay.overlay, {
            cameraId: root.cameraId,
            cameraName: root.cameraName
        });
        dialog.closed.connect(() => dialog.destroy());
        dialog.open();
        return dialog;
    }
    Component {
        id: maskEditor
        PrivacyMaskDialog {
            onSaved: count => root.notify(count > 0 ? qsTr("Privacy masks of %1 saved: %n area(s) hidden in every view.", "", count).arg(root.cameraName) : qsTr("Privacy masks of %1 removed.").arg(root.cameraName), false)
        }
    }
}
