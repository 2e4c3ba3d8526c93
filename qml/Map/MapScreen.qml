pragma ComponentBehavior: Bound
import QtQuick
import Vigil.Alarms
import Vigil.App
import Vigil.Cameras
import Vigil.Map
import Vigil.Views

// MapScreen: the map view of the main window — cameras from the directory, patrol units (simulated on the
// demo site, with their last half hour pre-simulated so track playback has history at once), click for the
// nearest units, double-click a camera to open it live on the wall, replay a unit's track. The map
// engine and its rules are in map/ (Vigil.Map); this file chooses the source and wires the signals.
Item {
    id: root

    // The units shown on the map (a backend adapter or the demo simulator fills it).
    readonly property alias units: units
    // Every fix of every unit for the last two hours (track playback; memory only).
    readonly property alias tracks: tracks
    readonly property alias pane: pane

    // Double-click on a camera: the main window puts it on the wall.
    signal openLive(string cameraId)
    // "Trace back from here": play these cameras' recordings together.
    signal traceBack(var cameraIds)

    // --- private ---------------------------------------------------------------------------------------
    // The configured source wins; the demo site shows its county (made on first use, a few seconds).
    readonly property bool _demoBasemap: Session.mapSource === "" && Session.demoMode
    readonly property string _source: Session.mapSource !== "" ? Session.mapSource
                                      : root._demoBasemap && DemoBasemap.ready ? DemoBasemap.path : ""
    property bool _fitted: false

    function _fitDemoArea() {
        if (root._fitted || !root._demoBasemap)
            return;
        root._fitted = true;
        pane.map.fitToBounds(DemoBasemap.south, DemoBasemap.west, DemoBasemap.north, DemoBasemap.east, 16);
    }

    UnitsModel {
        id: units
        trailLength: 20
    }
    TrackStore {
        id: tracks
        model: units
        retentionMinutes: 120
    }
    // Simulated patrol cars on the demo site only: a real site's units come from its backend.
    UnitSimulator {
        model: units
        trackStore: tracks
        historySeconds: Session.demoMode ? 1800 : 0
        unitCount: Session.demoMode ? 24 : 0
        running: Session.demoMode && root.visible
    }

    MapPane {
        id: pane
        objectName: "mapPane"
        anchors.fill: parent
        // Camera colours as the client knows them (CameraHealth, as the rows' "health" role): live or offline
        // from the tiles playing them, red while an ONVIF alarm is active, unknown for cameras on no tile.
        cameraModel: CameraHealthModel {
            sourceModel: Cameras
        }
        unitsModel: units
        trackStore: tracks
        source: root._source
        onCameraActivated: cameraId => root.openLive(cameraId)
        onTraceBackRequested: cameraIds => root.traceBack(cameraIds)
    }

    Banner {
        objectName: "basemapErrorBanner"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacingSmall
        text: root._demoBasemap && DemoBasemap.lastError !== ""
              ? qsTr("The offline demo map could not be made: %1. The map shows a plain grid.").arg(DemoBasemap.lastError)
              : ""
        error: true
    }

    BusyOverlay {
        anchors.fill: parent
        visible: root._demoBasemap && DemoBasemap.busy
        text: qsTr("Preparing the offline map of the demo area…")
        progress: DemoBasemap.progress
    }

    Component.onCompleted: {
        if (root._demoBasemap) {
            DemoBasemap.ensure();
            root._fitDemoArea();
        }
    }
}
