pragma Singleton
import QtQuick

// Theme: every colour, size and font of the views. A calm dark palette for control rooms (long shifts, dim
// light): low-contrast chrome, one accent, status colours reserved for status.
QtObject {
    // Surfaces, darkest first
    readonly property color wallBackground: "#07090c"
    readonly property color tileBackground: "#0b0e12"
    readonly property color window: "#11151b"
    readonly property color panel: "#161b22"
    readonly property color panelRaised: "#1d242d"
    readonly property color hover: "#242c37"
    readonly property color pressed: "#2c3642"
    readonly property color border: "#27303b"
    readonly property color borderStrong: "#3a4654"
    readonly property color overlay: "#cc0b0e12" // text plates over video
    readonly property color scrim: "#b307090c"   // modal dimming

    // Text
    readonly property color text: "#d9dee5"
    readonly property color textMuted: "#8b96a3"
    readonly property color textFaint: "#5d6875"
    readonly property color textOnAccent: "#ffffff"

    // Accent and status
    readonly property color accent: "#3d8bfd"
    readonly property color accentMuted: "#1f3b63"
    readonly property color ok: "#3fb67b"
    readonly property color warning: "#e0a93b"
    readonly property color error: "#e5534b"
    readonly property color info: "#58a6ff"
    readonly property color warningBackground: "#3a2d12"
    readonly property color errorBackground: "#3b1a1a"
    readonly property color dropTarget: "#553d8bfd"

    // Fonts: Noto Sans CJK SC covers Latin and Chinese with one metric set.
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property string monoFamily: "monospace"
    readonly property int fontSizeSmall: 11
    readonly property int fontSize: 13
    readonly property int fontSizeLarge: 16
    readonly property int fontSizeHuge: 24 // the number on an empty wall tile
    // The window's font (controls and popups inherit it).
    readonly property font defaultFont: Qt.font({ family: fontFamily, pixelSize: fontSize })

    // Sizes (logical pixels)
    readonly property int spacingTiny: 2   // between buttons of one group
    readonly property int spacingSmall: 4
    readonly property int spacing: 8
    readonly property int spacingMedium: 12
    readonly property int spacingLarge: 16
    readonly property int buttonPadding: 10 // left and right of a button's text
    readonly property int popupMargin: 20   // a dialog, overlay panel or toast keeps this far from the window's edges
    readonly property int radiusSmall: 2
    readonly property int radius: 4
    readonly property int toolbarHeight: 40
    readonly property int statusBarHeight: 24
    readonly property int sidePanelWidth: 260
    readonly property int rowHeight: 28
    readonly property int controlHeight: 28
    readonly property int iconSize: 16
    readonly property int tileGap: 2
    readonly property int chipHeight: 22
    readonly property int separatorHeight: 22 // the vertical rules between toolbar groups
    readonly property int rowHeightTwoLines: 46
    readonly property int tileButtonSize: 24  // the buttons over a tile (PTZ, menu)
    readonly property int busyIndicatorSize: 20
    readonly property int layoutButtonWidth: 34
    readonly property int layoutIconWidth: 22
    readonly property int layoutIconHeight: 16
    readonly property int listIndent: 18      // a camera row's glyph under its group header
    // Village mode's bar: few controls, big enough for a finger and for eyes two metres from the screen.
    readonly property int villageBarHeight: 96
    readonly property int villageButtonHeight: 76
    readonly property int villageButtonWidth: 132
    readonly property int villageLayoutIconWidth: 52
    readonly property int villageLayoutIconHeight: 36
    readonly property int fontSizeVillage: 24

    // Motion: short, never decorative
    readonly property int animationFast: 120
    readonly property int toastMs: 4000
    readonly property int toolTipDelay: 600
    readonly property int toolTipDelayShort: 400 // the layout picker: the operator scans the icons
    readonly property int toolTipDelayLong: 900  // camera rows: the pointer crosses the list all the time
}
