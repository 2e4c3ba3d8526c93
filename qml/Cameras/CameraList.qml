pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Vigil.Cameras
import Vigil.Wall
import Vigil.Views

// CameraList: the side panel. Cameras by group, a search box, drag a camera onto a tile (or double-click to
// put it on the first free tile).
Rectangle {
    id: root

    // A message for the operator (e.g. no free tile).
    signal notify(string text, bool isError)
    signal addCameraRequested

    function showOnWall(cameraId: string) {
        const tile = Wall.firstEmptyTile();
        if (tile >= 0)
            Wall.assignCamera(tile, cameraId);
        else
            root.notify(qsTr("Every tile is in use. Drag the camera onto a tile to replace its camera, or choose a layout with more tiles."), false);
    }

    // --- private -----------------------------------------------------------------------------------------
    property list<string> _groups: []
    property list<string> _collapsed: []
    readonly property string _filter: search.text.trim().toLowerCase()
    // Cameras matching the filter, per group name (a plain JS object), and in all.
    property var _counts: ({})
    property int _matches: 0

    function _refresh() {
        const groups = Cameras.groups();
        const counts = {};
        let ungrouped = 0, matches = 0;
        for (let i = 0; i < Cameras.count; ++i) {
            const idx = Cameras.index(i, 0);
            const group = Cameras.data(idx, Cameras.GroupRole);
            if (group === "")
                ++ungrouped;
            if (root._matchesFilter(Cameras.data(idx, Cameras.NameRole), group)) {
                counts[group] = (counts[group] ?? 0) + 1;
                ++matches;
            }
        }
        if (ungrouped > 0)
            groups.push("");
        root._groups = groups;
        root._counts = counts;
        root._matches = matches;
    }
    function _matchesFilter(name: string, group: string): bool {
        return root._filter === "" || name.toLowerCase().includes(root._filter)
                || group.toLowerCase().includes(root._filter);
    }

    objectName: "cameraList"
    color: Theme.panel
    Component.onCompleted: root._refresh()
    on_FilterChanged: root._refresh()

    Connections {
        target: Cameras
        function onCountChanged() { root._refresh(); }
        function onGroupsChanged() { root._refresh(); }
        function onDataChanged() { root._refresh(); }
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
        model: root._groups
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        delegate: Column {
            id: groupItem
            required property string modelData
            readonly property bool collapsed: root._collapsed.includes(groupItem.modelData)
            width: ListView.view.width

            // Group header: click to fold.
            Rectangle {
                width: parent.width
                height: Theme.rowHeight
                color: groupMouse.containsMouse ? Theme.hover : "transparent"
                visible: (root._counts[groupItem.modelData] ?? 0) > 0
                VLabel {
                    anchors.left: parent.left
                    anchors.leftMargin: Theme.spacing
                    anchors.verticalCenter: parent.verticalCenter
                    text: (groupItem.collapsed ? "▸  " : "▾  ") + (groupItem.modelData !== "" ? groupItem.modelData : qsTr("Ungrouped"))
                    color: Theme.textMuted
                    size: VLabel.Small
                    font.bold: true
                }
                VLabel {
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.spacing
                    anchors.verticalCenter: parent.verticalCenter
                    text: (root._counts[groupItem.modelData] ?? 0).toString()
                    color: Theme.textFaint
                    size: VLabel.Small
                }
                MouseArea {
                    id: groupMouse
                    anchors.fill: parent
                    hoverEnabled: true
                    onClicked: {
                        const c = Array.from(root._collapsed);
                        const at = c.indexOf(groupItem.modelData);
                        if (at >= 0)
                            c.splice(at, 1);
                        else
                            c.push(groupItem.modelData);
                        root._collapsed = c;
                    }
                }
            }
            Repeater {
                id: cameraRows
                model: Cameras
                delegate: CameraRow {
                    width: groupItem.width
                    matches: groupName === groupItem.modelData && root._matchesFilter(name, groupName)
                    visible: matches && !groupItem.collapsed
                    onActivated: root.showOnWall(cameraId)
                }
            }
        }
    }

    // Nothing to show.
    VLabel {
        objectName: "cameraListHint"
        anchors.centerIn: groupList
        width: groupList.width - Theme.spacingLarge * 2
        visible: Cameras.count === 0 || root._matches === 0
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: Cameras.count === 0 ? qsTr("No cameras yet. Add an RTSP camera with the button above, or start Vigil with --demo to try the demo site.")
                                  : qsTr("No camera matches “%1”.").arg(search.text.trim())
        color: Theme.textFaint
        size: VLabel.Small
    }
}
