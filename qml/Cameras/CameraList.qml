pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Vigil.App
import Vigil.Cameras
import Vigil.Wall
import Vigil.Views

// CameraList: the side panel. Cameras by group, a search box, drag a camera onto a tile (or double-click to
// put it on the first free tile).
Rectangle {
    id: root

    // The map's visible area (MapView.visibleBounds, WGS-84 degrees) for the "On map" filter; empty until the
    // map has been opened.
    property rect mapBounds: Qt.rect(0, 0, 0, 0)

    // A message for the operator (e.g. no free tile).
    signal notify(string text, bool isError)
    signal addCameraRequested

    // Double-click: the wall's one placement rule (the tile already showing it, else the first empty tile);
    // a full wall is never changed behind the operator's back.
    function showOnWall(cameraId: string) {
        if (Wall.showCamera(cameraId, false).tile < 0)
            root.notify(qsTr("Every tile is in use. Drag the camera onto a tile to replace its camera, or choose a layout with more tiles."), false);
    }

    // A tour of a group's cameras: in the first empty tile, else the last tile (the wall's placement rule).
    function tourGroup(group: string) {
        let tile = Wall.firstEmptyTile();
        if (tile < 0)
            tile = Wall.tileCount - 1;
        if (Wall.startGroupTour(tile, group, Session.tourDwellSeconds))
            root.notify(qsTr("Touring “%1” on tile %2.").arg(group !== "" ? group : qsTr("Ungrouped")).arg(tile + 1), false);
        else
            root.notify(qsTr("The group %1 has no camera to tour.").arg(group), true);
    }

    // The same tour across every tile of the wall, page by page.
    function tourGroupOnScreen(group: string) {
        if (Wall.startGroupScreenTour(group, Session.tourDwellSeconds) === 0)
            root.notify(qsTr("The group %1 has no camera to tour.").arg(group), true);
    }

    // --- private -----------------------------------------------------------------------------------------
    component FilterChip: ToolbarButton {
        checkable: true
        accent: checked
        implicitHeight: Theme.controlHeight - 6
        font.pixelSize: Theme.fontSizeSmall
    }

    objectName: "cameraList"
    color: Theme.panel

    // Group headers and matching cameras as one flat, lazily drawn list (C++: holds at 400,000 cameras).
    CameraListModel {
        id: listModel
        directory: Cameras
        filterText: search.text
        onlineOnly: onlineChip.checked
        ptzOnly: ptzChip.checked
        favouritesOnly: favouritesChip.checked
        inViewOnly: inViewChip.checked
        viewBounds: root.mapBounds
    }

    Column {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Item {
            width: parent.width
            height: Theme.controlHeight
            VLabel {
                anchors.left: parent.left
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Cameras")
                font.bold: true
            }
            VLabel {
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                text: Cameras.count.toString()
                color: Theme.textMuted
                size: VLabel.Small
            }
        }
        VTextField {
            id: search
            objectName: "cameraSearch"
            width: parent.width
            placeholderText: qsTr("Search cameras or groups")
        }
        // Filters, each on its own, all together with the search text.
        Flow {
            objectName: "cameraFilters"
            width: parent.width
            spacing: Theme.spacingSmall
            FilterChip {
                id: onlineChip
                objectName: "filterOnline"
                text: qsTr("Online")
                toolTip: qsTr("Only cameras that can be watched now: not reported offline, and their platform reachable")
            }
            FilterChip {
                id: ptzChip
                objectName: "filterPtz"
                text: qsTr("PTZ")
                toolTip: qsTr("Only cameras that can pan, tilt and zoom")
            }
            FilterChip {
                id: inViewChip
                objectName: "filterInView"
                text: qsTr("On map")
                enabled: root.mapBounds.width > 0 || checked
                toolTip: enabled ? qsTr("Only cameras in the part of the map shown now; follows the map as it moves")
                                 : qsTr("Open the map first: this shows only the cameras in the part of the map it shows")
            }
            FilterChip {
                id: favouritesChip
                objectName: "filterFavourites"
                text: qsTr("★ Favourites")
                toolTip: qsTr("Only the cameras you starred (click the star at the end of a camera's row)")
            }
        }
    }

    ListView {
        id: groupList
        objectName: "cameraGroups"
        anchors.top: header.bottom
        anchors.topMargin: Theme.spacing
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        clip: true
        model: listModel
        reuseItems: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        delegate: Item {
            id: rowItem
            required property bool isGroup
            required property string group
            required property int groupCount
            required property bool collapsed
            required property string cameraId
            required property string name
            required property string origin
            required property bool available
            required property bool online
            required property bool ptz
            required property bool favourite
            width: ListView.view.width
            height: Theme.rowHeight

            // Group header: click to fold.
            Rectangle {
                anchors.fill: parent
                visible: rowItem.isGroup
                color: groupMouse.containsMouse ? Theme.hover : "transparent"
                VLabel {
                    anchors.left: parent.left
                    anchors.leftMargin: Theme.spacing
                    anchors.verticalCenter: parent.verticalCenter
                    text: (rowItem.collapsed ? "▸  " : "▾  ") + (rowItem.group !== "" ? rowItem.group : qsTr("Ungrouped"))
                    color: Theme.textMuted
                    size: VLabel.Small
                    font.bold: true
                }
                VLabel {
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.spacing
                    anchors.verticalCenter: parent.verticalCenter
                    text: rowItem.groupCount.toString()
                    color: Theme.textFaint
                    size: VLabel.Small
                }
                MouseArea {
                    id: groupMouse
                    anchors.fill: parent
                    hoverEnabled: true
                    enabled: rowItem.isGroup
                    acceptedButtons: Qt.LeftButton | Qt.RightButton
                    onClicked: event => {
                        if (event.button === Qt.RightButton) {
                            groupMenu.group = rowItem.group;
                            groupMenu.popup();
                        } else {
                            listModel.toggleGroup(rowItem.group);
                        }
                    }
                }
            }
            CameraRow {
                anchors.fill: parent
                visible: !rowItem.isGroup
                enabled: !rowItem.isGroup
                cameraId: rowItem.cameraId
                name: rowItem.name
                group: rowItem.group
                origin: rowItem.origin
                available: rowItem.available
                online: rowItem.online
                ptz: rowItem.ptz
                favourite: rowItem.favourite
                onActivated: root.showOnWall(rowItem.cameraId)
                onFavouriteToggled: {
                    if (!Cameras.setFavourite(rowItem.cameraId, !rowItem.favourite))
                        root.notify(Cameras.lastError, true);
                }
            }
        }
    }

    // A group header's menu (one for the list; the header says which group).
    VMenu {
        id: groupMenu
        objectName: "groupMenu"
        property string group
        VMenuItem {
            objectName: "tourGroupItem"
            text: qsTr("Tour this group on the wall")
            onTriggered: root.tourGroup(groupMenu.group)
        }
        VMenuItem {
            objectName: "tourGroupScreenItem"
            text: qsTr("Tour this group across all tiles")
            onTriggered: root.tourGroupOnScreen(groupMenu.group)
        }
    }

    // Nothing to show.
    VLabel {
        objectName: "cameraListHint"
        anchors.centerIn: groupList
        width: groupList.width - Theme.spacingLarge * 2
        visible: Cameras.count === 0 || listModel.matchCount === 0
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: Cameras.count === 0 ? qsTr("No cameras yet. Add an RTSP camera with the button above, or start Vigil with --demo to try the demo site.")
            : listModel.filtered && search.text.trim() === "" ? qsTr("No camera passes the filters above. Turn a filter off to see more.")
            : listModel.filtered ? qsTr("No camera matches “%1” with the filters above.").arg(search.text.trim())
                                  : qsTr("No camera matches “%1”.").arg(search.text.trim())
        color: Theme.textFaint
        size: VLabel.Small
    }
}
