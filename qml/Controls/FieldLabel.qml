import QtQuick
import QtQuick.Layouts
import Vigil.Views

// FieldLabel: the name in front of a form field, in a two-column GridLayout (label, field).
VLabel {
    Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
    color: Theme.textMuted
}
