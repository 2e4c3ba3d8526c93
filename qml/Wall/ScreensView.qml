pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Vigil.App
import Vigil.Wall
import Vigil.Views

// ScreensView: the operator console's miniature of the whole wall — every wall screen with its layout and
// tiles, each tile a live thumbnail (sub-stream, through the same CameraFeed as the wall) with its camera's
// name. Drop a camera from the list onto a miniature tile to show it on that screen; right-click a tile to
// clear it; each screen's layout is picked here. What it shows is the screens' stores, so it always matches
// the wall. Thumbnails only play while the view is shown.
Rectangle {
    id: root

    signal notify(string text, bool isError)

    objectName: "screensView"
    color: Theme.wallBackground

    VLabel {
        anchors.centerIn: parent
        visible: WallScreens.count === 0
        width: parent.width * 0.6
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: Theme.textMuted
        text: qsTr("No wall screens. Start Vigil with --wall-screens all (or 2,3) to put a full-screen wall on each monitor; they are shown and arranged here.")
    }

    Flow {
        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacingLarge

        Repeater {
            model: WallScreens.screens
            delegate: Rectangle {
                id: card
                required property var modelData
                required property int index
                readonly property var store: card.modelData.store
                // 16:9 cards, two per row when there is room.
                width: Math.max(320, (root.width - Theme.spacingLarge * 3) / Math.min(2, Math.max(1, WallScreens.count)))
                height: width * 9 / 16 + header.height
                objectName: "screenCard" + card.index
                color: Theme.panel
                border.color: card.modelData.connected ? Theme.border : Theme.warning
                radius: Theme.radius

                RowLayout {
                    id: header
                    x: Theme.spacing
                    width: parent.width - 2 * Theme.spacing
                    height: Theme.toolbarHeight
                    spacing: Theme.spacing
                    VLabel {
                        text: card.modelData.title
                        font.bold: true
                    }
                    VLabel {
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                        size: VLabel.Small
                        color: card.modelData.connected ? Theme.textMuted : Theme.warning
                        text: card.modelData.connected
                              ? card.modelData.key
                              : qsTr("monitor disconnected — its wall is kept and comes back with it")
                    }
                    ToolbarButton {
                        objectName: "screenLayoutButton" + card.index
                        text: qsTr("Layout: %1").arg(card.store ? card.store.layoutId : "")
                        onClicked: layoutMenu.popup()
                        VMenu {
                            id: layoutMenu
                            Repeater {
                                model: card.store ? card.store.layoutIds : []
                                delegate: VMenuItem {
                                    required property string modelData
                                    text: qsTr("%1 tiles").arg(modelData)
                                    checkable: true
                                    checked: card.store && card.store.layoutId === modelData
                                    onTriggered: card.store.setLayout(modelData)
                                }
                            }
                        }
                    }
                }

                Item {
                    id: grid
                    anchors.top: header.bottom
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: Theme.spacingSmall
                    readonly property real cellW: width / Math.max(1, card.store ? card.store.columns : 1)
                    readonly property real cellH: height / Math.max(1, card.store ? card.store.rows : 1)

                    Repeater {
                        model: card.store ? card.store.tiles : null
                        delegate: Rectangle {
                            id: mini
                            required property int tileIndex
                            required property string cameraId
                            required property string cameraName
                            required property int cellX
                            required property int cellY
                            required property int cellW
                            required property int cellH
                            objectName: "miniTile" + mini.tileIndex
                            x: mini.cellX * grid.cellW
                            y: mini.cellY * grid.cellH
                            width: mini.cellW * grid.cellW - 2
                            height: mini.cellH * grid.cellH - 2
                            color: Theme.tileBackground
                            border.color: drop.containsDrag ? Theme.accent : Theme.border
                            clip: true

                            VideoOutput {
                                id: thumb
                                anchors.fill: parent
                                anchors.margins: 1
                                visible: mini.cameraId !== ""
                                fillMode: VideoOutput.PreserveAspectFit
                            }
                            CameraFeed {
                                cameraId: mini.cameraId
                                role: "sub"
                                videoSink: thumb.videoSink
                                active: root.visible && mini.cameraId !== "" && card.modelData.connected
                                tileArea: active ? mini.width * mini.height : 0
                            }
                            VLabel {
                                anchors.left: parent.left
                                anchors.bottom: parent.bottom
                                anchors.margins: 2
                                width: parent.width - 4
                                elide: Text.ElideRight
                                size: VLabel.Small
                                text: mini.cameraId === "" ? "" : mini.cameraName
                                style: Text.Outline
                                styleColor: Theme.wallBackground
                            }
                            DropArea {
                                id: drop
                                anchors.fill: parent
                                keys: ["vigil/camera"]
                                onDropped: event => {
                                    const payload = event.source as DragPayload;
                                    if (!payload || !card.store)
                                        return;
                                    card.store.assignCamera(mini.tileIndex, payload.cameraId);
                                    event.accept(Qt.MoveAction);
                                    root.notify(qsTr("“%1” shown on %2, tile %3.").arg(payload.title).arg(card.modelData.title).arg(mini.tileIndex + 1), false);
                                }
                            }
                            MouseArea {
                                anchors.fill: parent
                                acceptedButtons: Qt.RightButton
                                onClicked: if (card.store) card.store.clearTile(mini.tileIndex)
                            }
                        }
                    }
                }
            }
        }
    }
}
