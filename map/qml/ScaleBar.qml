// Scale bar for a MapView: the longest "nice" distance (1, 2, 5 x 10^n m) that fits in maxWidth pixels.
import QtQuick
import Vigil.Map

Item {
    id: root

    required property MapView map
    property real maxWidth: MapTheme.scaleBarWidth
    property color color: MapTheme.ink

    readonly property real _metres: {
        const full = root.map.metersPerPixel * root.maxWidth
        if (!(full > 0))
            return 0
        const p = Math.pow(10, Math.floor(Math.log(full) / Math.LN10))
        const d = full / p
        return (d >= 5 ? 5 : d >= 2 ? 2 : 1) * p
    }
    readonly property real _pixels: root.map.metersPerPixel > 0 ? root._metres / root.map.metersPerPixel : 0

    implicitWidth: root.maxWidth
    implicitHeight: label.implicitHeight + 8

    Rectangle {
        anchors.fill: bar
        anchors.margins: -MapTheme.scalePlateMargin
        color: MapTheme.scalePlate
        radius: MapTheme.radiusSmall
    }
    Rectangle {
        id: bar
        x: 0
        anchors.bottom: parent.bottom
        width: root._pixels
        height: MapTheme.scaleBarHeight
        color: root.color
    }
    Text {
        id: label
        anchors.left: bar.left
        anchors.bottom: bar.top
        anchors.bottomMargin: MapTheme.spacingTiny
        color: root.color
        font.pixelSize: MapTheme.fontSizeSmall
        text: root._metres >= 1000 ? qsTr("%1 km").arg(root._metres / 1000) : qsTr("%1 m").arg(root._metres)
    }
}
