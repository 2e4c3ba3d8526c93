import QtQuick
import QtMultimedia

// N VideoOutputs in a grid, like a wall of tiles (no overlays: the benchmark measures video delivery + drawing).
Rectangle {
    id: root
    property int count: 1
    readonly property int columns: Math.ceil(Math.sqrt(count))
    readonly property int rows: Math.ceil(count / columns)
    color: "black"
    Grid {
        columns: root.columns
        Repeater {
            model: root.count
            VideoOutput {
                required property int index
                objectName: "tile" + index
                width: root.width / root.columns
                height: root.height / root.rows
            }
        }
    }
}
