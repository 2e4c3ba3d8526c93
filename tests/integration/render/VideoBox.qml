import QtQuick
import QtMultimedia

Rectangle {
    color: "black"
    VideoOutput {
        objectName: "video"
        anchors.fill: parent
        fillMode: VideoOutput.Stretch
    }
}
