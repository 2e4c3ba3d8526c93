import QtQuick
import QtMultimedia

// A wall of one large tile (big x big cells, top left) and small tiles on the rest of a grid x grid wall:
// the degrade benchmark's screen. Tile 0 is the large one.
Rectangle {
    id: root
    property int grid: 9
    property int big: 3
    readonly property real cellW: width / grid
    readonly property real cellH: height / grid
    // Cells not under the large tile, in reading order.
    readonly property var smallCells: {
        const cells = [];
        for (let y = 0; y < grid; ++y)
            for (let x = 0; x < grid; ++x)
                if (x >= big || y >= big)
                    cells.push([x, y]);
        return cells;
    }
    color: "black"
    VideoOutput {
        objectName: "tile0"
        width: root.cellW * root.big
        height: root.cellH * root.big
    }
    Repeater {
        model: root.smallCells.length
        VideoOutput {
            required property int index
            objectName: "tile" + (index + 1)
            x: root.smallCells[index][0] * root.cellW
            y: root.smallCells[index][1] * root.cellH
            width: root.cellW - 1
            height: root.cellH - 1
        }
    }
}
