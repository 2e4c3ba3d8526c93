import QtQuick
import Vigil.Video
import Vigil.Views

// StatsOverlay: a tile's live stream statistics (refreshed by the player once a second).
Rectangle {
    id: root

    property streamStats stats
    property string role: ""
    // The decode governor has this tile on key frames only (the decoders could not keep up).
    property bool keyFramesOnly: false

    objectName: "statsOverlay"
    width: grid.implicitWidth + Theme.spacing * 2
    height: grid.implicitHeight + Theme.spacing * 2
    radius: Theme.radius
    color: Theme.overlay

    Grid {
        id: grid
        anchors.centerIn: parent
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: 1

        component Key: VLabel {
            color: Theme.textMuted
            size: VLabel.Small
        }
        component Value: Text {
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSizeSmall
        }

        Key { text: qsTr("Stream") }
        Value { text: root.role === "main" ? qsTr("Main stream") : root.role === "sub" ? qsTr("Sub-stream") : "–" }
        Key { text: qsTr("Resolution") }
        Value { text: root.stats.width > 0 ? root.stats.width + "×" + root.stats.height : "–" }
        Key { text: qsTr("Codec") }
        Value { text: root.stats.codec !== "" ? root.stats.codec : "–" }
        Key { text: qsTr("Frame rate") }
        Value {
            objectName: "fpsText"
            text: qsTr("%1 received / %2 shown").arg(root.stats.fpsReceived.toFixed(1)).arg(root.stats.fpsShown.toFixed(1))
        }
        Key { text: qsTr("Dropped") }
        Value { text: qsTr("%1 of %2 frames").arg(root.stats.framesDropped).arg(root.stats.framesDecoded) }
        Key { text: qsTr("Bit rate") }
        Value { text: qsTr("%1 kbit/s").arg(Math.round(root.stats.bitrateKbps)) }
        Key { text: qsTr("Added latency") }
        Value { text: qsTr("%1 ms").arg(root.stats.latencyMs.toFixed(1)) }
        Key { text: qsTr("Decoding") }
        Value {
            objectName: "decodingText"
            text: root.keyFramesOnly ? qsTr("key frames only (the PC is busy)") : qsTr("every frame")
            color: root.keyFramesOnly ? Theme.warning : Theme.text
        }
        Key { text: qsTr("First frame") }
        Value { text: qsTr("%1 ms").arg(Math.round(root.stats.firstFrameMs)) }
    }
}
