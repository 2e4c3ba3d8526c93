// MapView under QtQuickTest: visible tiles match the tile math, tiles load (grid source), drag/pan/wheel/
// buttons move and zoom the view around the right point, zoom clamps, fit-to-bounds, datum switch keeps the
// centre, and the camera layer clusters at low zoom and picks single cameras at street zoom.
import QtQuick
import QtTest
import QtPositioning
import Vigil.Map

Item {
    id: root
    width: 800
    height: 600

    ListModel {
        id: cams
        ListElement { cameraId: "east"; name: "East Gate"; hasPosition: true; latitude: 30.5442; longitude: 119.9718 }
        ListElement { cameraId: "square"; name: "Square"; hasPosition: true; latitude: 30.5398; longitude: 119.9625 }
        ListElement { cameraId: "hall"; name: "Hall"; hasPosition: true; latitude: 30.5481; longitude: 119.9580 }
        ListElement { cameraId: "nowhere"; name: "No position"; hasPosition: false; latitude: 0; longitude: 0 }
    }

    MapView {
        id: map
        anchors.fill: parent
        zoomLevel: 12
        center: QtPositioning.coordinate(30.54, 119.965)

        CameraLayer {
            id: layer
            model: cams
        }
        UnitLayer {
            id: unitLayer
            model: unitsModel
            interpolationMs: 200
        }
    }

    UnitsModel {
        id: unitsModel
    }
    UnitSimulator {
        id: sim
        model: unitsModel
        unitCount: 3
    }

    TestCase {
        name: "MapView"
        when: windowShown

        function world(lat, lon, z) {
            const s = 256 * Math.pow(2, z)
            const r = lat * Math.PI / 180
            return Qt.point((lon + 180) / 360 * s, (0.5 - Math.log(Math.tan(Math.PI / 4 + r / 2)) / (2 * Math.PI)) * s)
        }
        function expectedTiles(lat, lon, z, w, h) {
            const c = world(lat, lon, z)
            const out = []
            for (let y = Math.floor((c.y - h / 2) / 256); y <= Math.floor((c.y + h / 2) / 256); ++y)
                for (let x = Math.floor((c.x - w / 2) / 256); x <= Math.floor((c.x + w / 2) / 256); ++x)
                    out.push(z + "/" + x + "/" + y)
            return out.sort()
        }
        function init() {
            map.source = ""
            map.zoomLevel = 12
            map.center = QtPositioning.coordinate(30.54, 119.965)
        }

        function test_visibleTilesMatchTileMath() {
            compare(map.tileZoom, 12)
            compare(map.visibleTiles().sort(), expectedTiles(30.54, 119.965, 12, root.width, root.height))
            tryCompare(map, "loadedTileCount", map.visibleTileCount, 5000)
            verify(map.visibleTileCount >= 12)
        }

        function test_fractionalZoomPicksNearestTileLevel() {
            map.zoomLevel = 12.4
            compare(map.tileZoom, 12)
            map.zoomLevel = 12.6
            compare(map.tileZoom, 13)
            // At 12.6 the 800 px viewport spans 800 / 2^0.6 / 256 = 2.06 tiles of level 13 horizontally.
            const keys = map.visibleTiles()
            verify(keys.every(k => k.startsWith("13/")))
            tryCompare(map, "loadedTileCount", map.visibleTileCount, 5000)
        }

        function test_panByPixels() {
            // Plain numbers: a QGeoCoordinate held in JS follows the property it came from.
            const lat = map.center.latitude
            const lon = map.center.longitude
            map.pan(256, 0) // content moves right: the view goes west by one tile width at z12
            fuzzyCompare(map.center.longitude, lon - 360 / 4096, 1e-9)
            fuzzyCompare(map.center.latitude, lat, 1e-9)
            map.pan(0, -300)
            verify(map.center.latitude < lat)
        }

        function test_dragPans() {
            const before = map.center.longitude
            mouseDrag(map, 400, 300, 200, 0, Qt.LeftButton, Qt.NoModifier, 20)
            // At least the dragged distance (kinetic coasting may add more).
            verify(map.center.longitude < before - 0.9 * 200 * 360 / 4096 / 256,
                   "moved " + (before - map.center.longitude))
        }

        // A press that the pressed() handler claims for an item (a camera marker dragged off the map) moves
        // the item, not the map: itemDragMoved past the threshold, itemDropped at the release, no pan, no
        // click; the next press pans again.
        SignalSpy { id: itemMoved; target: map; signalName: "itemDragMoved" }
        SignalSpy { id: itemDropped; target: map; signalName: "itemDropped" }
        SignalSpy { id: clickedSpy; target: map; signalName: "clicked" }
        SignalSpy { id: pannedSpy; target: map; signalName: "userPanned" }
        function test_itemDragDoesNotPan() {
            const claim = () => map.beginItemDrag()
            map.pressed.connect(claim)
            itemMoved.clear(); itemDropped.clear(); clickedSpy.clear(); pannedSpy.clear()
            const lon = map.center.longitude
            const lat = map.center.latitude
            mouseDrag(map, 400, 300, 150, 40, Qt.LeftButton, Qt.NoModifier, 20)
            map.pressed.disconnect(claim)
            verify(itemMoved.count > 0)
            compare(itemDropped.count, 1)
            const at = itemDropped.signalArguments[0][0]
            fuzzyCompare(at.x, 550, 1)
            fuzzyCompare(at.y, 340, 1)
            compare(clickedSpy.count, 0)
            compare(pannedSpy.count, 0)
            compare(map.center.longitude, lon)
            compare(map.center.latitude, lat)
            // Unclaimed, the same gesture pans.
            mouseDrag(map, 400, 300, 150, 40, Qt.LeftButton, Qt.NoModifier, 20)
            compare(itemDropped.count, 1)
            verify(pannedSpy.count > 0)
            verify(map.center.longitude < lon)
        }

        function test_wheelZoomKeepsPointUnderCursor() {
            const p = Qt.point(620, 170)
            const under = map.toCoordinate(p)
            mouseWheel(map, p.x, p.y, 0, 120)
            fuzzyCompare(map.zoomLevel, 12.5, 1e-9)
            const after = map.toCoordinate(p)
            fuzzyCompare(after.latitude, under.latitude, 1e-7)
            fuzzyCompare(after.longitude, under.longitude, 1e-7)
            mouseWheel(map, p.x, p.y, 0, -240)
            fuzzyCompare(map.zoomLevel, 11.5, 1e-9)
        }

        function test_zoomButtonsAndClamp() {
            map.zoomIn()
            compare(map.zoomLevel, 13)
            map.zoomOut()
            map.zoomOut()
            compare(map.zoomLevel, 11)
            map.zoomLevel = 25
            compare(map.zoomLevel, 20)
            map.zoomLevel = 0.2
            compare(map.zoomLevel, 1)
            keyClick(Qt.Key_Plus)
        }

        function test_fitToBounds() {
            map.fitToBounds(30.495, 119.92, 30.585, 120.01, 20)
            const nw = map.fromCoordinate(QtPositioning.coordinate(30.585, 119.92))
            const se = map.fromCoordinate(QtPositioning.coordinate(30.495, 120.01))
            verify(nw.x >= 19 && nw.y >= 19, nw)
            verify(se.x <= root.width - 19 && se.y <= root.height - 19, se)
            // Tight on the limiting (vertical) axis.
            fuzzyCompare(se.y - nw.y, root.height - 40, 0.5)
        }

        function test_coordinateRoundTrip() {
            const c = QtPositioning.coordinate(30.5466, 119.9671)
            const p = map.fromCoordinate(c)
            const back = map.toCoordinate(p)
            fuzzyCompare(back.latitude, c.latitude, 1e-9)
            fuzzyCompare(back.longitude, c.longitude, 1e-9)
        }

        // The area on screen (the camera list's "On map" filter): its corners are the view's corners, and it
        // follows a pan.
        function test_visibleBounds() {
            const b = map.visibleBounds
            const nw = map.toCoordinate(Qt.point(0, 0))
            const se = map.toCoordinate(Qt.point(map.width, map.height))
            fuzzyCompare(b.x, nw.longitude, 1e-9)
            fuzzyCompare(b.y, se.latitude, 1e-9)
            fuzzyCompare(b.x + b.width, se.longitude, 1e-9)
            fuzzyCompare(b.y + b.height, nw.latitude, 1e-9)
            const centre = QtPositioning.coordinate(map.center.latitude, map.center.longitude)
            verify(centre.longitude > b.x && centre.longitude < b.x + b.width)
            const west = b.x // a number: `b` reads the property again (a value type reference)
            map.pan(200, 0)
            verify(map.visibleBounds.x !== west, "the area did not follow the pan")
            map.pan(-200, 0)
        }

        function test_gcjSourceKeepsWgsCentre() {
            const c = QtPositioning.coordinate(map.center.latitude, map.center.longitude)
            map.source = "gcj02:http://127.0.0.1:9/{z}/{x}/{y}.png"
            compare(map.datum, MapView.Gcj02)
            fuzzyCompare(map.center.latitude, c.latitude, 1e-9)
            const centre = map.fromCoordinate(c)
            fuzzyCompare(centre.x, root.width / 2, 1e-6)
            fuzzyCompare(centre.y, root.height / 2, 1e-6)
            map.source = ""
            compare(map.datum, MapView.Wgs84)
        }

        function test_badSourceReportsError() {
            map.source = "tianditu:"
            compare(map.status, MapView.Error)
            verify(map.lastError.indexOf("key") >= 0, map.lastError)
        }

        function test_followUnitGlidesTheView() {
            map.zoomLevel = 16
            unitLayer.followUnitId = "unit-002"
            sim.step(2.0)
            const row = 1
            const lat = unitsModel.data(unitsModel.index(row, 0), UnitsModel.LatitudeRole)
            const lon = unitsModel.data(unitsModel.index(row, 0), UnitsModel.LongitudeRole)
            // The view glides with the arrow and ends centred on the newest fix.
            tryVerify(() => Math.abs(map.center.latitude - lat) < 1e-9 && Math.abs(map.center.longitude - lon) < 1e-9,
                      3000)
            const p = map.fromCoordinate(QtPositioning.coordinate(lat, lon))
            compare(unitLayer.unitAt(p.x, p.y), "unit-002")
            unitLayer.followUnitId = ""
        }

        function test_cameraLayerClustersAndPicks() {
            compare(layer.cameraCount, 3) // the one without a position is left out
            map.zoomLevel = 17
            map.center = QtPositioning.coordinate(30.5442, 119.9718)
            waitForRendering(map)
            compare(layer.cameraAt(root.width / 2 + 3, root.height / 2 - 2), "east")
            compare(layer.cameraAt(root.width / 2 + 40, root.height / 2), "")
            map.zoomLevel = 10
            waitForRendering(map)
            // At z10 the three town-centre cameras fall into one cluster.
            const p = map.fromCoordinate(QtPositioning.coordinate(30.544, 119.964))
            verify(layer.clusterSizeAt(p.x, p.y) >= 2)
            compare(layer.cameraAt(p.x, p.y), "")
        }
    }
}
