import QtQuick
import Vigil.Wall

Item {
    id: root
    readonly property real _cellW: width / Wall.columns
    readonly property real _cellH: height / Wall.rows

    Repeater {
        model: Wall.tiles
        delegate: CameraTile {
            required property int tileIndex
            required property int cellX
            required property int cellY
            required property int cellW
            required property int cellH
            required property string cameraId
            x: cellX * root._cellW
            y: cellY * root._cellH
            width: cellW * root._cellW
            height: cellH * root._cellH
            tile: tileIndex
            camera: cameraId
            visibleTiles: Wall.tileCount
        }
    }
}
