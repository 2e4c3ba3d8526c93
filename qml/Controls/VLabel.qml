import QtQuick
import Vigil.Views

// VLabel: text in the theme's font and colour. Sizes by name (VLabel.Small, Normal, Large, Huge); colour,
// weight and wrapping are set where it is used. A Text, not a Controls Label: it takes nothing from the
// enclosing control or window, so it looks the same inside a dialog, over video and in a test window.
Text {
    id: root

    enum Size { Small, Normal, Large, Huge }

    property int size: VLabel.Normal

    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: root.size === VLabel.Small ? Theme.fontSizeSmall
                  : root.size === VLabel.Large ? Theme.fontSizeLarge
                  : root.size === VLabel.Huge ? Theme.fontSizeHuge
                  : Theme.fontSize
}
