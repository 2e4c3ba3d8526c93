import QtQuick
import QtQuick.Controls
import Vigil.Views

// VComboBox: a combo box in the dark theme.
ComboBox {
    id: combo
    implicitHeight: Theme.controlHeight
    font: Theme.defaultFont
    background: Rectangle {
        radius: Theme.radius
        color: combo.hovered ? Theme.hover : Theme.window
        border.color: combo.activeFocus ? Theme.accent : Theme.border
    }
    contentItem: Text {
        leftPadding: Theme.spacing
        text: combo.displayText
        font: combo.font
        color: Theme.text
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
}
