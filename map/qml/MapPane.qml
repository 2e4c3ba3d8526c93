// MapPane: the map as an operator uses it — MapView with the camera and patrol layers, zoom buttons, scale
// bar, cursor coordinates, hover name, click-for-nearest-units and a small results list, and track playback
// (with a trackStore: the Track button opens TrackPanel for the selected unit; TrackLayer draws the replay).
// Business rules (clustering, nearest search, picking, replay) are C++; this file only lays out and wires.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtPositioning
import Vigil.Map

Item {
    id: root

    // --- properties ---------------------------------------------------------------------------------
    // The camera directory (Vigil.Cameras' Cameras singleton) or any model with cameraId/name/latitude/...
    property alias cameraModel: cameraLayer.model
    property alias unitsModel: unitLayer.model
    property alias source: map.source
    property alias map: map
    property alias cameraLayer: cameraLayer
    property alias unitLayer: unitLayer
    // Open alarms at their place (components/alarms' store, or any model with alarmId/alarmState/hasPosition/
    // lat/lon/cameraId); cameras without a position of their own are placed from cameraModel.
    property alias alarmModel: alarmLayer.model
    property alias alarmLayer: alarmLayer
    // Recorded fixes for track playback (null: no Track button).
    property alias trackStore: trackPlayer.store
    property alias trackPlayer: trackPlayer
    property alias trackLayer: trackLayer
    property bool trackPanelOpen: false
    property int nearestCount: 5
    // The last click's nearest units: [{ unitId, callSign, latitude, longitude, distance }].
    readonly property var nearestUnits: root._nearest

    property var _nearest: []
    // Cameras around the last click (trace back): [{ cameraId, name, distance }].
    property real traceRadiusM: 500
    property var _nearCameras: []
    property real _clickLat: NaN
    property real _clickLon: NaN

    // --- signals -------------------------------------------------------------------------------------
    // Double-click on a camera: open it live.
    signal cameraActivated(string cameraId)
    signal cameraSelected(string cameraId)
    // A click on an alarm's marker (it is selected on the layer); -1 when a click elsewhere cleared it.
    signal alarmSelected(double alarmId)
    // "Trace back from here": the recordings of these cameras (nearest first) around the clicked place.
    signal traceBackRequested(var cameraIds)
    // A camera marker dragged off the map (onto a wall screen): `global` in desktop coordinates, `local` in
    // this item's. Moved while the button is down, then dropped or canceled.
    signal cameraDragMoved(string cameraId, point global, point local)
    signal cameraDropped(string cameraId, point global)
    signal cameraDragCanceled()
    // Camera markers can be dragged (off for a map that has nowhere to drop them).
    property bool cameraDragEnabled: false
    property string _dragCamera: ""

    // --- functions -----------------------------------------------------------------------------------
    // Opens track playback for a unit ("" = the selected unit, else the first one recorded), over the last
    // trackPanel.rangeMinutes, and fits the map to the track.
    function openTrack(unitId: string) {
        if (!root.trackStore)
            return
        let id = unitId !== "" ? unitId : unitLayer.selectedUnitId
        if (id === "") {
            const ids = root.trackStore.unitIds()
            id = ids.length > 0 ? ids[0] : ""
        }
        trackPlayer.pause()
        trackPlayer.unitId = id
        trackPanel.showLast(trackPanel.rangeMinutes)
        unitLayer.selectedUnitId = id
        root.trackPanelOpen = true
        if (trackPlayer.fixCount >= 2)
            map.fitToBounds(trackPlayer.south, trackPlayer.west, trackPlayer.north, trackPlayer.east, 80)
    }
    function closeTrack() {
        trackPlayer.pause()
        trackPlayer.unitId = ""
        root.trackPanelOpen = false
    }

    // --- content -------------------------------------------------------------------------------------
    TrackPlayer {
        id: trackPlayer
    }

    MapView {
        id: map
        objectName: "mapView"
        anchors.fill: parent
        focus: true

        CameraLayer {
            id: cameraLayer
            objectName: "cameraLayer"
        }
        // Above the cameras (an alarm at a camera hides its dot), below the units (a car arriving stays seen).
        AlarmLayer {
            id: alarmLayer
            objectName: "alarmLayer"
            cameraModel: cameraLayer.model
        }
        UnitLayer {
            id: unitLayer
            objectName: "unitLayer"
        }
        // Above the live units: the replay marker must not hide under its own unit's arrow.
        TrackLayer {
            id: trackLayer
            objectName: "trackLayer"
            player: trackPlayer
            visible: root.trackPanelOpen
        }

        // Two-finger pinch on touch screens: zoom about the fingers' centre (mouse and wheel are handled in C++).
        PinchHandler {
            property real _last: 1
            target: null
            onActiveChanged: _last = 1
            onActiveScaleChanged: {
                map.zoomAt(centroid.position, Math.log2(activeScale / _last))
                _last = activeScale
            }
        }

        onPressed: (coordinate, point) => {
            root._dragCamera = root.cameraDragEnabled ? cameraLayer.cameraAt(point.x, point.y) : ""
            if (root._dragCamera !== "")
                map.beginItemDrag()
        }
        onItemDragMoved: point => root.cameraDragMoved(root._dragCamera, map.mapToGlobal(point.x, point.y),
                                                       map.mapToItem(root, point.x, point.y))
        onItemDropped: point => root.cameraDropped(root._dragCamera, map.mapToGlobal(point.x, point.y))
        onItemDragCanceled: root.cameraDragCanceled()
        onClicked: (coordinate, point) => {
            const alarm = alarmLayer.alarmAt(point.x, point.y)
            if (alarm >= 0) {
                alarmLayer.selectedAlarmId = alarm
                root._nearest = []
                root._nearCameras = []
                root.alarmSelected(alarm)
                return
            }
            if (alarmLayer.selectedAlarmId >= 0) {
                alarmLayer.selectedAlarmId = -1
                root.alarmSelected(-1)
            }
            const camera = cameraLayer.cameraAt(point.x, point.y)
            if (camera !== "") {
                cameraLayer.selectedCameraId = camera
                root.cameraSelected(camera)
                return
            }
            if (cameraLayer.clusterSizeAt(point.x, point.y) > 1) {
                map.zoomAt(point, 2)
                return
            }
            const unit = unitLayer.unitAt(point.x, point.y)
            if (unit !== "") {
                unitLayer.selectedUnitId = unit
                if (root.trackPanelOpen && unit !== trackPlayer.unitId)
                    root.openTrack(unit)
                return
            }
            root._clickLat = coordinate.latitude
            root._clickLon = coordinate.longitude
            root._nearCameras = cameraLayer.camerasNear(coordinate.latitude, coordinate.longitude,
                                                        root.traceRadiusM, 16)
            if (unitLayer.model) {
                root._nearest = unitLayer.model.nearest(coordinate.latitude, coordinate.longitude,
                                                        root.nearestCount)
                unitLayer.selectedUnitId = root._nearest.length > 0 ? root._nearest[0].unitId : ""
            }
        }
        onDoubleClicked: (coordinate, point) => {
            const camera = cameraLayer.cameraAt(point.x, point.y)
            if (camera !== "")
                root.cameraActivated(camera)
            else
                map.zoomAt(point, 1)
        }
    }

    // Where the operator clicked for the nearest search.
    Rectangle {
        readonly property point _at: map.fromCoordinate(QtPositioning.coordinate(root._clickLat, root._clickLon))
        visible: !isNaN(root._clickLat) && (root._nearest.length > 0 || root._nearCameras.length > 0)
        x: _at.x - width / 2
        y: _at.y - height / 2
        width: MapTheme.clickMarkerSize
        height: MapTheme.clickMarkerSize
        radius: MapTheme.clickMarkerSize / 2
        color: "transparent"
        border.color: MapTheme.error
        border.width: MapTheme.clickMarkerBorder
    }

    Column {
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: MapTheme.spacingMedium
        spacing: MapTheme.spacingSmall
        Button {
            objectName: "zoomInButton"
            text: "+"
            width: MapTheme.mapButtonWidth
            onClicked: map.zoomIn()
        }
        Button {
            objectName: "zoomOutButton"
            text: "\u2212"
            width: MapTheme.mapButtonWidth
            onClicked: map.zoomOut()
        }
        Button {
            objectName: "trackButton"
            visible: root.trackStore !== null
            width: MapTheme.mapButtonWidth
            highlighted: root.trackPanelOpen
            // A clock face: replay the past.
            text: "\u25F7"
            onClicked: root.trackPanelOpen ? root.closeTrack() : root.openTrack("")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Track playback of the selected unit")
        }
    }

    ScaleBar {
        map: map
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: MapTheme.spacingMedium
    }

    Text {
        id: cursorText
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: MapTheme.spacing
        color: MapTheme.ink
        font.pixelSize: MapTheme.fontSizeSmall
        style: Text.Outline
        styleColor: MapTheme.halo
        text: (map.cursorCoordinate.isValid
               ? map.cursorCoordinate.latitude.toFixed(5) + ", " + map.cursorCoordinate.longitude.toFixed(5) + "   "
               : "") + qsTr("zoom %1").arg(map.zoomLevel.toFixed(1))
              + (map.attribution !== "" ? "   " + map.attribution : "")
    }

    // Hover: the camera's name.
    ToolTip {
        id: hoverTip
        readonly property point _at: map.cursorCoordinate.isValid ? map.fromCoordinate(map.cursorCoordinate)
                                                                  : Qt.point(-1000, -1000)
        readonly property string _camera: cameraLayer.cameraAt(_at.x, _at.y)
        x: _at.x + 12
        y: _at.y + 12
        visible: _camera !== ""
        text: cameraLayer.cameraName(_camera)
    }

    // Nearest units after a click on the map.
    Rectangle {
        objectName: "nearestPanel"
        visible: root._nearest.length > 0 || root._nearCameras.length > 0
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: MapTheme.spacingMedium
        width: MapTheme.nearestPanelWidth
        height: nearestColumn.implicitHeight + 2 * MapTheme.spacing
        radius: MapTheme.radius
        color: MapTheme.panel
        Column {
            id: nearestColumn
            x: MapTheme.spacing
            y: MapTheme.spacing
            width: parent.width - 2 * MapTheme.spacing
            spacing: MapTheme.spacingTiny
            Text {
                visible: root._nearest.length > 0
                color: MapTheme.panelTitle
                font.bold: true
                text: qsTr("Nearest units")
            }
            Repeater {
                model: root._nearest
                delegate: Text {
                    required property var modelData
                    color: modelData.unitId === unitLayer.selectedUnitId ? MapTheme.highlight : MapTheme.panelText
                    text: modelData.callSign + "  " + (modelData.distance >= 1000
                                                       ? qsTr("%1 km").arg((modelData.distance / 1000).toFixed(2))
                                                       : qsTr("%1 m").arg(Math.round(modelData.distance)))
                    MouseArea {
                        anchors.fill: parent
                        onClicked: unitLayer.selectedUnitId = parent.modelData.unitId
                    }
                }
            }
            Button {
                objectName: "traceBackButton"
                visible: root._nearCameras.length > 0
                width: parent.width
                text: qsTr("Trace back: %n camera(s) within %1 m", "", root._nearCameras.length).arg(Math.round(root.traceRadiusM))
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Play the recordings of the cameras around this place together, nearest first")
                onClicked: root.traceBackRequested(root._nearCameras.map(c => c.cameraId))
            }
        }
    }

    Rectangle {
        visible: map.status === MapView.Error
        anchors.centerIn: parent
        width: Math.min(parent.width - 40, errorText.implicitWidth + 24)
        height: errorText.implicitHeight + 16
        radius: MapTheme.radius
        color: MapTheme.errorPanel
        Text {
            id: errorText
            anchors.centerIn: parent
            width: Math.min(implicitWidth, root.width - 64)
            wrapMode: Text.Wrap
            color: MapTheme.errorText
            text: map.lastError
        }
    }

    TrackPanel {
        id: trackPanel
        objectName: "trackPanel"
        visible: root.trackPanelOpen
        player: trackPlayer
        unitsModel: unitLayer.model
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 36
        width: Math.min(parent.width - 24, implicitWidth)
        onCloseRequested: root.closeTrack()
    }
}
