pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Vigil.App
import Vigil.Cameras
import Vigil.Views

// PrivacyMaskDialog: draws a camera's privacy masks (a neighbour's window, a cash desk) over its live picture.
// Click to place corners; click the first corner again, double-click or press Enter to close a shape;
// right-click or Backspace takes the last corner back, Esc drops the shape being drawn. A click on a shape
// selects it (Delete removes it). Save hands the polygons (0..1 of the picture) to Cameras.savePrivacyMasks:
// from then on every frame of every stream of the camera is masked before anything shows or saves it
// (wall tiles, thumbnails, snapshots, and its recordings when played back: they are kept as the camera sent
// them). Masks already saved are black in the picture itself; the outlines show which shape is which.
VDialog {
    id: root

    required property string cameraId
    required property string cameraName

    // Masks saved (the operator is told by the tile).
    signal saved(int count)

    // Shapes as [[{x, y}, ...], ...] in 0..1 of the picture; the one being drawn; the selected shape.
    property var polygons: []
    property var drawing: []
    property int selected: -1
    property bool dirty: false
    property string errorText: ""
    // The pointer over the picture (0..1), for the rubber band from the last corner; x < 0 when outside.
    property point hover: Qt.point(-1, -1)

    readonly property real _closeRadius: 12 // px: a click this near the first corner closes the shape
    readonly property var _stats: feed.player.stats
    readonly property real _aspect: root._stats.width > 0 && root._stats.height > 0
                                    ? root._stats.width / root._stats.height : 16 / 9

    function load() {
        const stored = Cameras.privacyMasksOf(root.cameraId);
        const out = [];
        for (const polygon of stored)
            out.push(polygon.map(p => ({ x: p.x, y: p.y })));
        root.polygons = out;
        root.drawing = [];
        root.selected = -1;
        root.dirty = false;
        root.errorText = "";
    }
    // A point of the picture (0..1) at item coordinates of the picture area.
    function toPicture(px: real, py: real): point {
        return Qt.point(Math.max(0, Math.min(1, px / picture.width)), Math.max(0, Math.min(1, py / picture.height)));
    }
    function addCorner(p: point) {
        const d = root.drawing;
        if (d.length >= 3) {
            const dx = (d[0].x - p.x) * picture.width;
            const dy = (d[0].y - p.y) * picture.height;
            if (Math.sqrt(dx * dx + dy * dy) <= root._closeRadius) {
                root.closeShape();
                return;
            }
        }
        root.drawing = d.concat([{ x: p.x, y: p.y }]);
        root.selected = -1;
    }
    function closeShape() {
        if (root.drawing.length < 3)
            return;
        root.polygons = root.polygons.concat([root.drawing]);
        root.drawing = [];
        root.selected = root.polygons.length - 1;
        root.dirty = true;
    }
    function takeBackCorner() {
        if (root.drawing.length > 0)
            root.drawing = root.drawing.slice(0, root.drawing.length - 1);
    }
    function deleteSelected() {
        if (root.selected < 0 || root.selected >= root.polygons.length)
            return;
        const next = root.polygons.slice();
        next.splice(root.selected, 1);
        root.polygons = next;
        root.selected = -1;
        root.dirty = true;
    }
    function clearAll() {
        root.polygons = [];
        root.drawing = [];
        root.selected = -1;
        root.dirty = true;
    }
    // The topmost shape containing `p` (even-odd rule), or -1.
    function shapeAt(p: point): int {
        for (let i = root.polygons.length - 1; i >= 0; --i) {
            const poly = root.polygons[i];
            let inside = false;
            for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) {
                if ((poly[a].y > p.y) !== (poly[b].y > p.y)
                        && p.x < (poly[b].x - poly[a].x) * (p.y - poly[a].y) / (poly[b].y - poly[a].y) + poly[a].x)
                    inside = !inside;
            }
            if (inside)
                return i;
        }
        return -1;
    }
    function save() {
        // A shape still being drawn is part of what the operator sees: close it when it can be.
        root.closeShape();
        if (Cameras.savePrivacyMasks(root.cameraId, root.polygons)) {
            root.dirty = false;
            root.saved(root.polygons.length);
            root.close();
        } else {
            root.errorText = Cameras.lastError;
        }
    }

    objectName: "privacyMaskDialog"
    focus: true
    title: qsTr("Privacy masks — %1").arg(root.cameraName)
    preferredWidth: 960
    preferredHeight: 760
    // Esc drops the shape being drawn first; only then does it close the dialog.
    closePolicy: root.drawing.length > 0 ? Popup.NoAutoClose : Popup.CloseOnEscape
    onAboutToShow: root.load()
    onOpened: picture.forceActiveFocus()
    onDrawingChanged: shapes.requestPaint()
    onPolygonsChanged: shapes.requestPaint()
    onSelectedChanged: shapes.requestPaint()
    onHoverChanged: shapes.requestPaint()

    buttons: [
        ToolbarButton {
            objectName: "deleteMaskButton"
            text: qsTr("Delete shape")
            enabled: root.selected >= 0
            onClicked: root.deleteSelected()
        },
        ToolbarButton {
            objectName: "clearMasksButton"
            text: qsTr("Clear all")
            enabled: root.polygons.length > 0 || root.drawing.length > 0
            onClicked: root.clearAll()
        },
        Item {
            Layout.fillWidth: true
        },
        ToolbarButton {
            objectName: "cancelMasksButton"
            text: qsTr("Cancel")
            onClicked: root.close()
        },
        ToolbarButton {
            objectName: "saveMasksButton"
            text: qsTr("Save")
            accent: true
            enabled: root.dirty || root.drawing.length >= 3
            onClicked: root.save()
        }
    ]

    CameraFeed {
        id: feed
        cameraId: root.cameraId
        role: "sub" // enough to place a shape, and light
        videoSink: output.videoSink
        active: root.opened
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        VLabel {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textMuted
            text: qsTr("Click to place the corners of an area to hide; click the first corner (or double-click, or press Enter) to close it. Right-click or Backspace takes a corner back, Esc drops the shape. Click a shape to select it, Delete removes it. Saved masks are black in every view and snapshot of this camera, live and played back.")
        }

        // The picture at its own aspect ratio, so 0..1 of this area is 0..1 of the picture.
        Item {
            id: stage
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 160

            Rectangle {
                id: picture
                objectName: "maskArea"
                readonly property real _w: Math.min(stage.width, stage.height * root._aspect)
                width: picture._w
                height: picture._w / root._aspect
                anchors.centerIn: parent
                color: Theme.tileBackground
                border.color: Theme.border
                focus: true

                VideoOutput {
                    id: output
                    anchors.fill: parent
                    fillMode: VideoOutput.Stretch
                }
                VLabel {
                    anchors.centerIn: parent
                    visible: !feed.player.hasFrame
                    color: Theme.textFaint
                    text: feed.player.lastError !== "" ? feed.player.lastError : qsTr("Waiting for the picture… You can draw already.")
                    width: Math.min(implicitWidth, parent.width - 2 * Theme.spacingLarge)
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                }
                Canvas {
                    id: shapes
                    anchors.fill: parent
                    onPaint: {
                        const ctx = getContext("2d");
                        ctx.reset();
                        const w = width, h = height;
                        const path = (poly, close) => {
                            ctx.beginPath();
                            ctx.moveTo(poly[0].x * w, poly[0].y * h);
                            for (let i = 1; i < poly.length; ++i)
                                ctx.lineTo(poly[i].x * w, poly[i].y * h);
                            if (close)
                                ctx.closePath();
                        };
                        for (let i = 0; i < root.polygons.length; ++i) {
                            path(root.polygons[i], true);
                            ctx.fillStyle = "rgba(0, 0, 0, 0.85)";
                            ctx.fill();
                            ctx.lineWidth = i === root.selected ? 3 : 2;
                            ctx.strokeStyle = i === root.selected ? Theme.warning : Theme.accent;
                            ctx.stroke();
                        }
                        const d = root.drawing;
                        if (d.length > 0) {
                            path(d, false);
                            if (root.hover.x >= 0)
                                ctx.lineTo(root.hover.x * w, root.hover.y * h);
                            ctx.lineWidth = 2;
                            ctx.strokeStyle = Theme.warning;
                            ctx.stroke();
                            for (let i = 0; i < d.length; ++i) {
                                ctx.beginPath();
                                ctx.arc(d[i].x * w, d[i].y * h, i === 0 && d.length >= 3 ? root._closeRadius / 2 : 3, 0, 2 * Math.PI);
                                ctx.fillStyle = i === 0 ? Theme.warning : Theme.text;
                                ctx.fill();
                            }
                        }
                    }
                }
                MouseArea {
                    id: mouse
                    anchors.fill: parent
                    hoverEnabled: true
                    acceptedButtons: Qt.LeftButton | Qt.RightButton
                    cursorShape: Qt.CrossCursor
                    onPositionChanged: event => root.hover = root.toPicture(event.x, event.y)
                    onExited: root.hover = Qt.point(-1, -1)
                    onClicked: event => {
                        picture.forceActiveFocus();
                        const p = root.toPicture(event.x, event.y);
                        if (event.button === Qt.RightButton) {
                            root.takeBackCorner();
                            return;
                        }
                        if (root.drawing.length === 0) {
                            const hit = root.shapeAt(p);
                            if (hit >= 0) {
                                root.selected = hit;
                                return;
                            }
                        }
                        root.addCorner(p);
                    }
                    onDoubleClicked: event => {
                        if (event.button === Qt.LeftButton)
                            root.closeShape();
                    }
                }
                Keys.onPressed: event => {
                    if (event.key === Qt.Key_Backspace) {
                        root.takeBackCorner();
                    } else if (event.key === Qt.Key_Delete) {
                        root.deleteSelected();
                    } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
                        root.closeShape();
                    } else if (event.key === Qt.Key_Escape && root.drawing.length > 0) {
                        root.drawing = [];
                    } else {
                        return;
                    }
                    event.accepted = true;
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            VLabel {
                objectName: "maskCountLabel"
                Layout.fillWidth: true
                color: Theme.textMuted
                text: root.drawing.length > 0
                      ? qsTr("%n mask(s); drawing a shape with %1 corner(s)", "", root.polygons.length).arg(root.drawing.length)
                      : qsTr("%n mask(s)", "", root.polygons.length)
            }
            VLabel {
                visible: root.dirty
                color: Theme.warning
                text: qsTr("Not saved")
            }
        }
        VLabel {
            objectName: "maskErrorLabel"
            Layout.fillWidth: true
            visible: root.errorText !== ""
            wrapMode: Text.Wrap
            color: Theme.error
            text: root.errorText
        }
    }
}
