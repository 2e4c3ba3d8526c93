pragma ComponentBehavior: Bound
import QtQuick
import Vigil.Views

// LayoutIcon: a small picture of a wall layout (its grid and merged big tiles), for the layout picker.
// The table mirrors components/wall/src/layouts.cpp (big tiles first, the rest 1x1); the wall itself always
// uses the C++ geometry, this only draws icons.
Item {
    id: root

    required property string layoutId
    property color lineColor: Theme.textMuted
    property color fillColor: "transparent"

    implicitWidth: 22
    implicitHeight: 16

    // --- private ---------------------------------------------------------------------------------------
    readonly property var _def: ({
            "1": { n: 1, big: [] },
            "4": { n: 2, big: [] },
            "6": { n: 3, big: [[0, 0, 2, 2]] },
            "8": { n: 4, big: [[0, 0, 3, 3]] },
            "9": { n: 3, big: [] },
            "10": { n: 4, big: [[0, 0, 2, 2], [2, 0, 2, 2]] },
            "13": { n: 4, big: [[1, 1, 2, 2]] },
            "16": { n: 4, big: [] },
            "25": { n: 5, big: [] },
            "36": { n: 6, big: [] },
            "64": { n: 8, big: [] }
        })[root.layoutId] ?? { n: 1, big: [] }
    readonly property var _rects: {
        const d = root._def;
        const out = d.big.slice();
        for (let y = 0; y < d.n; ++y) {
            for (let x = 0; x < d.n; ++x) {
                const covered = d.big.some(b => x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + b[3]);
                if (!covered)
                    out.push([x, y, 1, 1]);
            }
        }
        return out;
    }

    Rectangle {
        anchors.fill: parent
        color: root.fillColor
        border.color: root.lineColor
        border.width: 1
    }
    Repeater {
        model: root._rects
        delegate: Rectangle {
            id: cell
            required property var modelData
            x: cell.modelData[0] * root.width / root._def.n
            y: cell.modelData[1] * root.height / root._def.n
            width: cell.modelData[2] * root.width / root._def.n
            height: cell.modelData[3] * root.height / root._def.n
            color: "transparent"
            // Dense grids would turn into a solid block at icon size: lighter inner lines.
            border.color: root._def.n >= 5 ? Qt.rgba(root.lineColor.r, root.lineColor.g, root.lineColor.b, 0.55) : root.lineColor
            border.width: 1
        }
    }
}
