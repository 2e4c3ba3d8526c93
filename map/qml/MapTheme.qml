pragma Singleton
import QtQuick

// MapTheme: the colours and sizes of the map's overlays (zoom buttons, scale bar, cursor line, nearest-units
// and track panels). Vigil.Map sits below the app's Vigil.Views, so it cannot use its Theme; where both have
// a value for the same thing the number is the same (sizes, spacings, radii, small font). The colours are
// the map's own on purpose: the overlays sit on a light basemap, not on the app's dark chrome (slate
// plates, white halos). The camera and unit markers are drawn in C++ (CameraLayer, UnitLayer).
QtObject {
    // Text and lines drawn straight on the map, with a halo so they read over any basemap
    readonly property color ink: "#263238"
    readonly property color halo: "#ffffff"
    readonly property color scalePlate: "#ccffffff" // behind the scale bar

    // Plates over the map (nearest units, track playback) and their text
    readonly property color panel: "#e6263238"
    readonly property color panelTitle: "#ffffff"
    readonly property color panelText: "#ecf0f1"
    // The selected unit in a list, the replay time: the yellow of the map's selection ring
    readonly property color highlight: "#f1c40f"
    readonly property color error: "#c0392b"         // where the operator clicked for the nearest units
    readonly property color errorPanel: "#e6c0392b"  // the map's error message
    readonly property color errorText: "#ffffff"

    // Fonts (sizes as Theme's fontSizeSmall / fontSizeLarge)
    readonly property int fontSizeSmall: 11
    readonly property int fontSizeLarge: 16

    // Sizes (logical pixels; as Theme's names where it has them)
    readonly property int spacingTiny: 2
    readonly property int spacingSmall: 4
    readonly property int spacingPanel: 6     // between the rows of the track panel
    readonly property int spacing: 8
    readonly property int spacingMedium: 12   // overlays keep this far from the map's edges
    readonly property int panelPadding: 10    // inside the track panel
    readonly property int radiusSmall: 2
    readonly property int radius: 4
    readonly property int mapButtonWidth: 36  // zoom, track, close buttons
    readonly property int nearestPanelWidth: 220
    readonly property int clickMarkerSize: 14
    readonly property int clickMarkerBorder: 3
    readonly property int scaleBarWidth: 120  // the longest the scale bar grows
    readonly property int scaleBarHeight: 4
    readonly property int scalePlateMargin: 3
}
