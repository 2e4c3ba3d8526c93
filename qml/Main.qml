import QtQuick
import QtQuick.Controls
import Vigil.App
import Vigil.Wall
import Vigil.Cameras

ApplicationWindow {
    id: root
    width: 1600
    height: 900
    visible: true
    color: "#10151c"
    title: qsTr("Vigil")

    WallView {
        anchors.fill: parent
    }

    Label {
        anchors.centerIn: parent
        visible: Session.busy
        color: "white"
        text: Session.busyText
    }
}
