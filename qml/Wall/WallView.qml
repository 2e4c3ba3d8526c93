pragma ComponentBehavior: Bound
import QtQuick
import Vigil.Wall
import Vigil.Views

// WallView: the tiles of Wall.tiles laid out on the grid of the current layout (merged big tiles span several
// cells). A maximized tile fills the wall; the tiles under it stop decoding.
Rectangle {
    id: root

    // A message for the operator from a tile (snapshot saved or failed).
    signal notify(string text, bool isError)
    signal playbackRequested(string cameraId, string cameraName)

    // The tile item with this index (tests, keyboard actions), or null.
    function tileAt(index: int): CameraTile {
        for (let i = 0; i < tiles.count; ++i) {
            const t = tiles.itemAt(i) as CameraTile;
            if (t && t.tileIndex === index)
                return t;
        }
        return null;
    }

    // The index of the tile shown at (x, y) of this view, or -1 (cross-window drops, CameraDrag).
    // Tiles do not overlap: a maximized tile hides (visible: false) the ones it covers.
    function tileIndexAt(x: real, y: real): int {
        for (let i = 0; i < tiles.count; ++i) {
            const t = tiles.itemAt(i) as CameraTile;
            if (t && t.visible && x >= t.x && x < t.x + t.width && y >= t.y && y < t.y + t.height)
                return t.tileIndex;
        }
        return -1;
    }

    // The tile a camera dragged from another window is over (-1: none).
    property int dropHighlight: -1

    // The camera an instant replay (R) is about: the maximized tile's, else the one under the pointer; "" = none.
    function replayCamera(): string {
        for (let i = 0; i < tiles.count; ++i) {
            const t = tiles.itemAt(i) as CameraTile;
            if (t && t.cameraId !== "" && (t.maximized || (Wall.maximizedTile < 0 && t.pointerInside)))
                return t.cameraId;
        }
        return "";
    }

    // --- private -----------------------------------------------------------------------------------------
    readonly property real _cellW: (width - Theme.tileGap) / Math.max(1, Wall.columns)
    readonly property real _cellH: (height - Theme.tileGap) / Math.max(1, Wall.rows)

    objectName: "wallView"
    color: Theme.wallBackground

    Repeater {
        id: tiles
        model: Wall.tiles
        delegate: CameraTile {
            id: tile
            required property int cellX
            required property int cellY
            required property int cellW
            required property int cellH

            readonly property bool _isMax: Wall.maximizedTile === tile.tileIndex

            x: tile._isMax ? Theme.tileGap : Theme.tileGap + tile.cellX * root._cellW
            y: tile._isMax ? Theme.tileGap : Theme.tileGap + tile.cellY * root._cellH
            width: tile._isMax ? root.width - 2 * Theme.tileGap : tile.cellW * root._cellW - Theme.tileGap
            height: tile._isMax ? root.height - 2 * Theme.tileGap : tile.cellH * root._cellH - Theme.tileGap
            z: tile._isMax ? 1 : 0
            maximized: tile._isMax
            covered: Wall.maximizedTile >= 0 && !tile._isMax
            visible: !tile.covered
            visibleTiles: Wall.maximizedTile >= 0 ? 1 : Wall.tileCount
            dropHighlighted: root.dropHighlight === tile.tileIndex
            onNotify: (text, isError) => root.notify(text, isError)
            onPlaybackRequested: (cameraId, cameraName) => root.playbackRequested(cameraId, cameraName)
        }
    }
}
