// vigil-map-demo: the map as a newcomer first sees it — the demo county from the offline basemap (made on
// first run), the demo cameras from the camera directory, simulated patrol cars with their last half hour
// already driven (track playback: the clock button). Layout and wiring only.
import QtQuick
import Vigil.Cameras
import Vigil.Map

Window {
    id: root

    width: 1280
    height: 860
    visible: true
    title: qsTr("Vigil map demo")

    UnitsModel {
        id: units
        trailLength: 20
    }
    TrackStore {
        id: tracks
        model: units
    }
    UnitSimulator {
        model: units
        trackStore: tracks
        historySeconds: 1800
        unitCount: 24
        running: true
    }

    MapPane {
        id: pane
        anchors.fill: parent
        cameraModel: Cameras
        unitsModel: units
        trackStore: tracks
        // The grid until the offline basemap exists (a few seconds on the very first run).
        source: DemoBasemap.ready ? DemoBasemap.path : ""
        onCameraActivated: cameraId => console.info("open live:", cameraId)
        Component.onCompleted: {
            DemoBasemap.ensure()
            pane.map.fitToBounds(DemoBasemap.south, DemoBasemap.west, DemoBasemap.north, DemoBasemap.east, 16)
        }
    }

    Text {
        visible: DemoBasemap.busy
        anchors.centerIn: parent
        font.pixelSize: MapTheme.fontSizeLarge
        color: MapTheme.panelText
        style: Text.Outline
        styleColor: MapTheme.ink
        text: qsTr("Preparing the offline map… %1%").arg(Math.round(DemoBasemap.progress * 100))
    }
}
