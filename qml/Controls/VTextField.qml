import QtQuick
import QtQuick.Controls
import Vigil.Views

// VTextField: a text field in the dark theme.
TextField {
    id: root

    implicitHeight: Theme.controlHeight
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    topPadding: 0
    bottomPadding: 0
    verticalAlignment: TextInput.AlignVCenter
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSize
    color: Theme.text
    placeholderTextColor: Theme.textFaint
    selectionColor: Theme.accent
    selectedTextColor: Theme.textOnAccent
    selectByMouse: true

    background: Rectangle {
        radius: Theme.radius
        color: Theme.window
        border.width: 1
        border.color: root.activeFocus ? Theme.accent : Theme.border
    }
}
