// MapPane with the real Cameras singleton (demo cameras) and simulated units: the camera layer reads the
// directory, a click on a camera selects it, a click on empty ground lists the nearest units, a double-click
// on a camera asks to open it live, and fitToBounds called before layout still fits once sized.
import QtQuick
import QtTest
import QtPositioning
import Vigil.Cameras
import Vigil.Map

Item {
    id: root
    width: 900
    height: 700

    UnitsModel {
        id: units
    }
    UnitSimulator {
        id: sim
        model: units
        unitCount: 30
    }

    Loader {
        id: loader
        anchors.fill: parent
        active: false
        sourceComponent: MapPane {
            cameraModel: Cameras
            unitsModel: units
            Component.onCompleted: map.fitToBounds(30.495, 119.92, 30.585, 120.01, 10)
        }
    }

    SignalSpy {
        id: activated
        signalName: "cameraActivated"
    }
    SignalSpy {
        id: selected
        signalName: "cameraSelected"
    }

    TestCase {
        name: "MapPane"
        when: windowShown

        function test_paneWithDirectoryAndUnits() {
            loader.active = true
            const pane = loader.item
            verify(pane)
            activated.target = pane
            selected.target = pane
            const map = pane.map
            // Fitted after layout: the whole county is on screen.
            const nw = map.fromCoordinate(QtPositioning.coordinate(30.585, 119.92))
            const se = map.fromCoordinate(QtPositioning.coordinate(30.495, 120.01))
            verify(nw.x >= 9 && nw.y >= 9 && se.x <= root.width - 9 && se.y <= root.height - 9, nw + " " + se)
            compare(pane.cameraLayer.cameraCount, 9)

            // Street level on the first demo camera: a click selects it.
            map.zoomLevel = 16
            map.center = QtPositioning.coordinate(30.5442, 119.9718)
            waitForRendering(map)
            mouseClick(map, root.width / 2, root.height / 2)
            compare(pane.cameraLayer.selectedCameraId, "cam01")
            compare(selected.count, 1)
            compare(selected.signalArguments[0][0], "cam01")
            mouseDoubleClickSequence(map, root.width / 2, root.height / 2)
            compare(activated.count, 1)
            compare(activated.signalArguments[0][0], "cam01")

            // Empty ground: the nearest units, nearest first, and the first one selected.
            map.zoomLevel = 13
            waitForRendering(map)
            mouseClick(map, 40, 40)
            compare(pane.nearestUnits.length, 5)
            for (let i = 1; i < pane.nearestUnits.length; ++i)
                verify(pane.nearestUnits[i].distance >= pane.nearestUnits[i - 1].distance)
            compare(pane.unitLayer.selectedUnitId, pane.nearestUnits[0].unitId)
            const panel = findChild(pane, "nearestPanel")
            verify(panel.visible)
        }
    }
}
