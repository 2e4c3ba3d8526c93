import QtQuick
import QtQuick.Controls
import QtMultimedia
import Vigil.App
import Vigil.Video
import Vigil.Wall

Rectangle {
    id: root
    property int tile: -1
    property string camera: ""
    property int visibleTiles: 1
    color: "black"
    border.color: "#2a3340"

    VideoOutput {
        id: output
        anchors.fill: parent
        anchors.margins: 1
    }
    StreamSelector {
        id: selector
        tileSize: Qt.size(root.width, root.height)
        visibleTiles: root.visibleTiles
    }
    CameraFeed {
        id: feed
        cameraId: root.camera
        role: selector.role
        videoSink: output.videoSink
    }
    Label {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: 6
        color: "white"
        text: feed.cameraName + "  " + feed.activeRole + "  " + feed.player.status
    }
}
