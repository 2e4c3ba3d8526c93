import QtQuick
import QtQuick.Window
import Vigil.App
import Vigil.Wall
import Vigil.Views

// WallWindow: one wall screen — a frameless full-screen window with the wall of that screen. Its QML engine
// is its own, and `Wall` in it is this screen's store (app/core WallWindows), so the tiles, tours and tile
// menus are the console's, unchanged. The screen's name shows for a few seconds when it opens and when the
// console asks "which screen is this" (WallScreens.identify).
Window {
    id: root

    property string screenTitle: ""
    property string screenKey: ""

    // Shows the screen's name in large type for a few seconds (also on request from the console).
    function identify() {
        plate.opacity = 1;
        plateTimer.restart();
    }

    objectName: "wallWindow"
    flags: Qt.Window | Qt.FramelessWindowHint
    color: Theme.wallBackground
    title: qsTr("Vigil — %1").arg(root.screenTitle)
    // The console decides what a wall screen shows: a wall window is never closed by itself.
    onClosing: close => close.accepted = false
    Component.onCompleted: root.identify()

    WallView {
        id: wall
        anchors.fill: parent
        dropHighlight: CameraDrag.hoverScreen === root.screenKey ? CameraDrag.hoverTile : -1
        onNotify: (text, isError) => toast.show(text, isError)
    }

    Rectangle {
        id: plate
        objectName: "screenPlate"
        anchors.centerIn: parent
        width: plateText.implicitWidth + Theme.spacingLarge * 4
        height: plateText.implicitHeight + Theme.spacingLarge * 2
        radius: Theme.radius
        color: Theme.panelRaised
        border.color: Theme.accent
        opacity: 0
        visible: opacity > 0
        z: 10
        Behavior on opacity {
            NumberAnimation { duration: Theme.animationFast }
        }
        Text {
            id: plateText
            anchors.centerIn: parent
            text: root.screenTitle
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Math.max(32, root.height / 12)
            font.bold: true
        }
        Timer {
            id: plateTimer
            interval: 4000
            onTriggered: plate.opacity = 0
        }
    }

    Connections {
        target: WallScreens
        function onIdentifyRequested() {
            root.identify();
        }
    }

    Toast {
        id: toast
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spacingLarge * 2
    }
}
