pragma ComponentBehavior: Bound
import QtQuick
import Vigil.Views
import Vigil.Wall

// LayoutIcon: a small picture of a wall layout (its grid and merged big tiles), for the layout picker. The
// geometry comes from the wall component (Wall.layoutGeometry), so icon and wall cannot disagree.
Item {
    id: root

    required property string layoutId
    property color lineColor: Theme.textMuted
    property color fillColor: "transparent"

    implicitWidth: Theme.layoutIconWidth
    implicitHeight: Theme.layoutIconHeight

    // --- private ---------------------------------------------------------------------------------------
    readonly property var _geometry: Wall.layoutGeometry(root.layoutId)
    readonly property int _columns: root._geometry.columns ?? 1
    readonly property int _rows: root._geometry.rows ?? 1

    Rectangle {
        anchors.fill: parent
        color: root.fillColor
        border.color: root.lineColor
        border.width: 1
    }
    Repeater {
        model: root._geometry.tiles ?? []
        delegate: Rectangle {
            id: cell
            required property var modelData
            x: cell.modelData[0] * root.width / root._columns
            y: cell.modelData[1] * root.height / root._rows
            width: cell.modelData[2] * root.width / root._columns
            height: cell.modelData[3] * root.height / root._rows
            color: "transparent"
            // Dense grids would turn into a solid block at icon size: lighter inner lines.
            border.color: root._columns >= 5 ? Qt.rgba(root.lineColor.r, root.lineColor.g, root.lineColor.b, 0.55) : root.lineColor
            border.width: 1
        }
    }
}
