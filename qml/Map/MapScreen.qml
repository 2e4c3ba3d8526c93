pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Window
import QtPositioning
import Vigil.Access
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

    // The units shown on the map (the app's Patrol service: a backend adapter or the demo simulator fills
    // it; the alarm list and pop-up list the same units).
    readonly property UnitsModel units: Patrol.units
    // Every fix of every unit for the last two hours (track playback; memory only).
    readonly property TrackStore tracks: Patrol.tracks
    readonly property alias pane: pane
    // The alarm opened on the map (-1: none): its marker is ringed and its panel lists the nearest units.
    property double selectedAlarmId: -1

    onSelectedAlarmIdChanged: pane.alarmLayer.selectedAlarmId = root.selectedAlarmId

    // Shows an alarm on the map: selects it, centres on its place.
    function showAlarm(alarmId: double) {
        root.selectedAlarmId = alarmId;
        const place = Alarms.placeOf(alarmId);
        if (place.valid && Patrol.followUnitId === "")
            pane.map.center = QtPositioning.coordinate(place.latitude, place.longitude);
        // Close enough to see the street and the unit on its way.
        if (place.valid && pane.map.zoomLevel < 15)
            pane.map.zoomLevel = 15;
    }

    // Double-click on a camera: the main window puts it on the wall.
    signal openLive(string cameraId)
    // "Trace back from here": play these cameras' recordings together.
    signal traceBack(var cameraIds)
    // A message for the operator (the main window's toast).
    signal notify(string text, bool isError)

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

    MapPane {
        id: pane
        objectName: "mapPane"
        anchors.fill: parent
        // Camera colours as the client knows them (CameraHealth, as the rows' "health" role): live or offline
        // from the tiles playing them, red while an ONVIF alarm is active, unknown for cameras on no tile.
        cameraModel: CameraHealthModel {
            sourceModel: Cameras
        }
        unitsModel: root.units
        trackStore: root.tracks
        alarmModel: Alarms.store
        unitLayer.followUnitId: Patrol.followUnitId
        onAlarmSelected: alarmId => root.selectedAlarmId = alarmId
        source: root._source
        onCameraActivated: cameraId => root.openLive(cameraId)
        // A camera marker dragged onto a tile of a wall window on another screen (CameraDrag).
        cameraDragEnabled: !Session.kiosk && CameraDrag.hasTargets
        onCameraDragMoved: (cameraId, global, local) => {
            if (!CameraDrag.active)
                CameraDrag.begin(cameraId, Cameras.nameOf(cameraId), root.Window.window);
            CameraDrag.move(global);
            dragPlate.x = local.x - dragPlate.width / 2;
            dragPlate.y = local.y - dragPlate.height / 2;
            dragPlate.fromMap = true;
        }
        onCameraDropped: (cameraId, global) => {
            dragPlate.fromMap = false;
            if (!CameraDrag.drop(global))
                root.notify(qsTr("Drop the camera on a tile of a wall screen."), false);
        }
        onCameraDragCanceled: {
            dragPlate.fromMap = false;
            CameraDrag.cancel();
        }
        onTraceBackRequested: cameraIds => root.traceBack(cameraIds)
    }

    // Follow mode ends when the operator moves the map by hand; the followed unit is the selected one.
    Connections {
        target: pane.map
        function onUserPanned() {
            Patrol.followUnitId = "";
        }
    }
    Connections {
        target: Patrol
        function onFollowUnitIdChanged() {
            if (Patrol.followUnitId !== "")
                pane.unitLayer.selectedUnitId = Patrol.followUnitId;
        }
    }

    // The alarm opened on the map: what, where, the nearest units with Dispatch.
    Rectangle {
        id: alarmPanel
        // Re-read when the alarm changes (acknowledged, a note) or the directory learns its camera.
        readonly property var _alarm: root.selectedAlarmId >= 0 && _revision >= 0 && Cameras.count >= 0
                                      ? Alarms.summaryOf(root.selectedAlarmId) : ({ found: false })
        property int _revision: 0

        objectName: "mapAlarmPanel"
        visible: alarmPanel._alarm.found === true
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.spacingMedium
        width: Math.min(520, parent.width - 2 * Theme.spacingMedium)
        height: alarmColumn.implicitHeight + 2 * Theme.spacing
        radius: Theme.radius
        color: Theme.panelRaised
        border.width: 2
        border.color: alarmPanel._alarm.state === "new" ? Theme.error : Theme.warning

        Connections {
            target: Alarms.store
            function onDataChanged() {
                alarmPanel._revision += 1;
            }
        }

        ColumnLayout {
            id: alarmColumn
            x: Theme.spacing
            y: Theme.spacing
            width: parent.width - 2 * Theme.spacing
            spacing: Theme.spacingSmall
            RowLayout {
                Layout.fillWidth: true
                VLabel {
                    objectName: "mapAlarmTitle"
                    Layout.fillWidth: true
                    text: alarmPanel._alarm.found !== true ? ""
                          : qsTr("Alarm %1: %2").arg(alarmPanel._alarm.alarmId).arg(alarmPanel._alarm.type)
                            + (alarmPanel._alarm.cameraId !== "" ? " · " + Cameras.nameOf(alarmPanel._alarm.cameraId) : "")
                    font.bold: true
                    elide: Text.ElideRight
                }
                VLabel {
                    text: alarmPanel._alarm.state === "new" ? qsTr("New")
                          : alarmPanel._alarm.state === "acknowledged" ? qsTr("Acknowledged") : ""
                    color: alarmPanel._alarm.state === "new" ? Theme.error : Theme.warning
                }
                ToolbarButton {
                    objectName: "mapAlarmClose"
                    text: "×"
                    toolTip: qsTr("Close")
                    onClicked: root.selectedAlarmId = -1
                }
            }
            NearestUnits {
                Layout.fillWidth: true
                alarmId: root.selectedAlarmId
                alarmOpen: alarmPanel._alarm.open === true
                latitude: alarmPanel._alarm.valid === true ? alarmPanel._alarm.latitude : NaN
                longitude: alarmPanel._alarm.valid === true ? alarmPanel._alarm.longitude : NaN
            }
            ToolbarButton {
                objectName: "mapAlarmAcknowledge"
                visible: alarmPanel._alarm.state === "new"
                enabled: Access.canHandleAlarms
                text: qsTr("Acknowledge")
                accent: true
                onClicked: Alarms.acknowledge(root.selectedAlarmId, "")
            }
        }
    }

    // The camera being dragged off the map follows the pointer while it is over this window.
    DragPayload {
        id: dragPlate
        // Only a drag that started on this map (a drag from the camera list beside it has its own plate).
        property bool fromMap: false
        objectName: "mapDragPlate"
        visible: fromMap && CameraDrag.active
        title: CameraDrag.title
        z: 20
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

    // The track history (SQLite) was replaced or cannot be written: playback then reaches back two hours only.
    Banner {
        objectName: "trackHistoryBanner"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        text: Patrol.trackHistoryProblem
        error: true
    }

    BusyOverlay {
        anchors.fill: parent
        visible: root._demoBasemap && DemoBasemap.busy
        text: qsTr("Preparing the offline map of the demo area…")
        progress: DemoBasemap.progress
    }

    Component.onCompleted: {
        if (Patrol.followUnitId !== "")
            pane.unitLayer.selectedUnitId = Patrol.followUnitId;
        if (root._demoBasemap) {
            DemoBasemap.ensure();
            root._fitDemoArea();
        }
    }
}
