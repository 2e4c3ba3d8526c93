import QtQuick
import QtQuick.Controls
import Vigil.Views

// VMenu: a context menu in the dark theme.
Menu {
    id: root

    padding: Theme.spacingSmall
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSize

    background: Rectangle {
        implicitWidth: 200
        color: Theme.panelRaised
        border.color: Theme.borderStrong
        radius: Theme.radius
    }
    delegate: VMenuItem {}
}
