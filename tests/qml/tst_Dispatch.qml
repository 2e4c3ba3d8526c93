import QtQuick
import QtTest
import Vigil.Alarms
import Vigil.Map
import Vigil.Views

// Dispatch from an alarm (main.cpp: the alarm at cam-a, four patrol units around it, no roads): the list
// shows the nearest units in order with their distances and "straight line" ETAs; an off-duty unit cannot be
// sent; Dispatch marks the unit responding in the real UnitsModel, the map follows it, and the alarm's notes
// in the store say "Dispatched Car p2".
TestCase {
    id: root
    name: "Dispatch"
    width: 900
    height: 400
    visible: true
    when: windowShown

    Component {
        id: listComponent
        NearestUnits {
            width: 800
            alarmId: -1
        }
    }
    Component {
        id: mapComponent
        Item {
            width: 900
            height: 500
            MapScreen {
                objectName: "mapScreen"
                anchors.fill: parent
            }
        }
    }
    SignalSpy {
        id: dispatchedSpy
        signalName: "dispatched"
    }

    function alarmAtCamera(cameraId: string): double {
        for (let id = 1; id <= Alarms.store.count; ++id) {
            if (Alarms.summaryOf(id).cameraId === cameraId)
                return id;
        }
        return -1;
    }

    function test_nearestUnitsAndDispatch() {
        tryCompare(Alarms.store, "count", 3, 5000);
        const alarmId = alarmAtCamera("cam-a");
        verify(alarmId > 0);
        const place = Alarms.placeOf(alarmId);
        verify(place.valid);
        fuzzyCompare(place.latitude, 30.54, 1e-9);
        fuzzyCompare(place.longitude, 119.96, 1e-9);

        const list = createTemporaryObject(listComponent, root, {
            alarmId: alarmId,
            latitude: place.latitude,
            longitude: place.longitude,
            count: 5
        });
        verify(list !== null);
        compare(list.units.map(u => u.unitId), ["p4", "p2", "p1", "p3"]);
        fuzzyCompare(list.units[0].distance, 50, 0.5);
        fuzzyCompare(list.units[1].distance, 100, 0.5);
        fuzzyCompare(list.units[2].distance, 300, 0.5);
        fuzzyCompare(list.units[3].distance, 2000, 1);
        compare(list.units[1].byRoad, false);
        fuzzyCompare(list.units[1].eta, 100 / (Patrol.assumedSpeedKmh / 3.6), 0.1);
        const distanceLabel = findChild(findChild(list, "nearestUnit_1"), "unitDistance");
        verify(distanceLabel.text.indexOf(qsTr("straight line")) >= 0, distanceLabel.text);

        // Laid out (rows apart) before clicking.
        tryVerify(() => findChild(list, "nearestUnit_1").y > findChild(list, "nearestUnit_0").y);
        const offDuty = findChild(findChild(list, "nearestUnit_0"), "dispatchButton");
        verify(!offDuty.enabled);
        const button = findChild(findChild(list, "nearestUnit_1"), "dispatchButton");
        verify(button.enabled);
        dispatchedSpy.target = list;
        mouseClick(button);
        compare(dispatchedSpy.count, 1);
        compare(dispatchedSpy.signalArguments[0][0], "p2");
        compare(Patrol.followUnitId, "p2");
        compare(Patrol.nearestUnits(place.latitude, place.longitude, 4)[1].status, UnitsModel.Responding);
        tryVerify(() => Alarms.summaryOf(alarmId).notes.indexOf("Dispatched Car p2") >= 0, 5000,
                  "the dispatch is noted on the alarm");
        Patrol.followUnitId = "";
    }

    // The map: open alarms at their cameras on the alarm layer; showAlarm() opens one there with its units.
    function test_mapShowsAlarms() {
        tryCompare(Alarms.store, "count", 3, 5000);
        const o = createTemporaryObject(mapComponent, root);
        const screen = findChild(o, "mapScreen");
        verify(screen !== null);
        let open = 0;
        for (let id = 1; id <= 3; ++id)
            open += Alarms.summaryOf(id).open ? 1 : 0;
        const layer = screen.pane.alarmLayer;
        tryCompare(layer, "markerCount", open, 5000);
        const alarmId = alarmAtCamera("cam-a");
        screen.showAlarm(alarmId);
        compare(layer.selectedAlarmId, alarmId);
        const panel = findChild(screen, "mapAlarmPanel");
        verify(panel.visible);
        const units = findChild(panel, "nearestUnits");
        compare(units.units.length, 4);
        compare(units.units[0].unitId, "p4");
        // Follow mode: the followed unit is selected on the map; a hand pan ends it.
        Patrol.followUnitId = "p1";
        compare(screen.pane.unitLayer.followUnitId, "p1");
        compare(screen.pane.unitLayer.selectedUnitId, "p1");
        mousePress(screen.pane.map, 450, 250);
        mouseMove(screen.pane.map, 520, 300);
        mouseMove(screen.pane.map, 560, 320);
        mouseRelease(screen.pane.map, 560, 320);
        compare(Patrol.followUnitId, "");
        compare(screen.pane.unitLayer.followUnitId, "");
    }

    function test_noPlaceNoUnits() {
        const list = createTemporaryObject(listComponent, root, { alarmId: 99 });
        compare(list.units.length, 0);
        verify(findChild(list, "nearestUnitsEmpty").visible);
    }
}
