pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Vigil.Views

// TileMenu: a tile's actions (right-click or the ⋮ button). Emits requests; the tile carries them out.
VMenu {
    id: root

    property bool empty: false
    property bool maximized: false
    property bool statsVisible: false
    // The tile's camera can be steered (ONVIF PTZ), and PTZ control is on.
    property bool ptzAvailable: false
    property bool ptzOn: false
    // Camera groups a tour can be started from, and whether this tile runs a tour now.
    property list<string> groups: []
    property bool touring: false
    // How long a tour shows each camera (this tile's tour, or the next one started from the menus).
    property int dwellSeconds: 10
    // The tile's camera records now (Recordings).
    property bool recording: false
    // The operator may change settings (Access.canSettings): the privacy mask editor.
    property bool masksAllowed: false

    signal maximizeRequested
    signal snapshotRequested
    signal statsToggled
    signal ptzToggled
    signal closeRequested
    // A tour of the cameras of `group` in this tile; stop the tile's tour.
    signal tourRequested(string group)
    signal tourStopRequested
    signal dwellRequested(int seconds)
    // Record the camera (or stop); play its recordings back from a minute ago.
    signal recordToggled
    signal playbackRequested
    signal masksRequested

    VMenuItem {
        objectName: "maximizeItem"
        text: root.maximized ? qsTr("Restore") : qsTr("Maximize")
        shortcutText: root.maximized ? qsTr("Esc") : qsTr("Double-click")
        onTriggered: root.maximizeRequested()
    }
    VMenuItem {
        objectName: "snapshotItem"
        text: qsTr("Snapshot")
        enabled: !root.empty
        onTriggered: root.snapshotRequested()
    }
    VMenuItem {
        objectName: "statsItem"
        text: qsTr("Statistics")
        checkable: true
        checked: root.statsVisible
        enabled: !root.empty
        onTriggered: root.statsToggled()
    }
    VMenuItem {
        objectName: "ptzItem"
        text: qsTr("PTZ control")
        checkable: true
        checked: root.ptzOn
        enabled: root.ptzAvailable
        onTriggered: root.ptzToggled()
    }
    VMenuItem {
        objectName: "recordItem"
        text: root.recording ? qsTr("Stop recording") : qsTr("Record")
        enabled: !root.empty
        onTriggered: root.recordToggled()
    }
    VMenuItem {
        objectName: "playbackItem"
        text: qsTr("Play back recordings")
        enabled: !root.empty
        onTriggered: root.playbackRequested()
    }
    VMenuItem {
        objectName: "masksItem"
        text: qsTr("Privacy masks…")
        enabled: !root.empty && root.masksAllowed
        visible: root.masksAllowed
        height: visible ? implicitHeight : 0
        onTriggered: root.masksRequested()
    }
    VMenu {
        id: tourMenu
        objectName: "tourMenu"
        title: qsTr("Tour in this tile")
        enabled: root.groups.length > 0

        Instantiator {
            model: root.groups
            delegate: VMenuItem {
                required property string modelData
                objectName: "tourGroupItem_" + modelData
                text: modelData
                onTriggered: root.tourRequested(modelData)
            }
            onObjectAdded: (index, object) => tourMenu.insertItem(index, object as MenuItem)
            onObjectRemoved: (index, object) => tourMenu.removeItem(object as MenuItem)
        }
    }
    VMenu {
        id: dwellMenu
        objectName: "dwellMenu"
        title: qsTr("Time per camera: %1 s").arg(root.dwellSeconds)

        Instantiator {
            model: [5, 10, 20, 30, 60, 120]
            delegate: VMenuItem {
                required property int modelData
                objectName: "dwellItem_" + modelData
                text: qsTr("%1 s").arg(modelData)
                checkable: true
                checked: root.dwellSeconds === modelData
                onTriggered: root.dwellRequested(modelData)
            }
            onObjectAdded: (index, object) => dwellMenu.insertItem(index, object as MenuItem)
            onObjectRemoved: (index, object) => dwellMenu.removeItem(object as MenuItem)
        }
    }
    VMenuItem {
        objectName: "stopTourItem"
        text: qsTr("Stop tour")
        enabled: root.touring
        visible: root.touring
        height: visible ? implicitHeight : 0
        onTriggered: root.tourStopRequested()
    }
    MenuSeparator {
        contentItem: Rectangle {
            implicitHeight: 1
            color: Theme.border
        }
    }
    VMenuItem {
        objectName: "closeItem"
        text: qsTr("Close")
        enabled: !root.empty
        onTriggered: root.closeRequested()
    }
}
