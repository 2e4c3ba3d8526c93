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

    signal maximizeRequested
    signal snapshotRequested
    signal statsToggled
    signal ptzToggled
    signal closeRequested

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
