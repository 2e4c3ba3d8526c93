// Track playback in MapPane with a real TrackStore filled by the UnitSimulator's pre-simulated history: the
// Track button opens the panel for the selected unit with its last 15 minutes, Play replays (the replay
// marker moves on the map), the speed box changes the rate, the slider scrubs, a click on another unit
// switches the track, and Close hides it all.
import QtQuick
import QtTest
import QtPositioning
import Vigil.Map

Item {
    id: root
    width: 1000
    height: 760

    UnitsModel {
        id: units
    }
    TrackStore {
        id: tracks
        model: units
    }
    UnitSimulator {
        id: sim
        model: units
        trackStore: tracks
        historySeconds: 1800
        unitCount: 8
    }

    Loader {
        id: loader
        anchors.fill: parent
        active: false
        sourceComponent: MapPane {
            unitsModel: units
            trackStore: tracks
        }
    }

    TestCase {
        name: "TrackPanel"
        when: windowShown

        // A copy: a value-type property read is a live reference in Qt 6.4.
        function coordinateOf(player) {
            return QtPositioning.coordinate(player.coordinate.latitude, player.coordinate.longitude)
        }

        function test_openPlayScrubClose() {
            compare(tracks.unitCount, 8)
            loader.active = true
            const pane = loader.item
            verify(pane)
            const map = pane.map
            const player = pane.trackPlayer
            const panel = findChild(pane, "trackPanel")
            verify(panel)
            verify(!panel.visible)

            // Open for the selected unit: its last 15 minutes, cursor at the start, map fitted to the track.
            pane.unitLayer.selectedUnitId = "unit-003"
            const button = findChild(pane, "trackButton")
            verify(button.visible)
            mouseClick(button)
            verify(pane.trackPanelOpen)
            verify(panel.visible)
            verify(pane.trackLayer.visible)
            compare(player.unitId, "unit-003")
            verify(player.fixCount >= 900 && player.fixCount <= 902, player.fixCount)
            compare(player.position, player.startTime)
            compare(player.playing, false)
            const start = coordinateOf(player)
            verify(start.isValid)
            const p0 = map.fromCoordinate(start)
            verify(p0.x > 0 && p0.x < root.width && p0.y > 0 && p0.y < root.height, p0)
            waitForRendering(map)
            const time = findChild(pane, "trackTimeLabel")
            compare(time.text, Qt.formatDateTime(player.position, "HH:mm:ss"))

            // 30 minutes range.
            mouseClick(findChild(pane, "trackRange30"))
            verify(player.fixCount >= 1800, player.fixCount)
            compare(panel.rangeMinutes, 30)

            // 64x through the speed box, then Play: the replay marker moves along the track.
            const rateBox = findChild(pane, "trackRateBox")
            rateBox.activated(6)
            compare(player.rate, 64)
            const playButton = findChild(pane, "trackPlayButton")
            mouseClick(playButton)
            verify(player.playing)
            const t0 = player.position.getTime()
            tryVerify(() => player.position.getTime() - t0 > 10000, 5000, "the cursor runs at 64x")
            mouseClick(playButton)
            verify(!player.playing)
            const travelled = start.distanceTo(player.coordinate)
            verify(travelled > 20, travelled)

            // Zoomed in far from the track, a replay brings the map to the marker and keeps it in view.
            map.zoomLevel = 18
            map.center = QtPositioning.coordinate(30.50, 119.93)
            mouseClick(playButton)
            tryVerify(() => {
                const p = map.fromCoordinate(player.coordinate)
                return p.x > 0 && p.x < map.width && p.y > 0 && p.y < map.height
            }, 2000, "the map follows the replay marker")
            const tp = player.position.getTime()
            tryVerify(() => player.position.getTime() - tp > 20000, 3000, "20 s more of replay")
            const p1 = map.fromCoordinate(player.coordinate)
            verify(p1.x > 0 && p1.x < map.width && p1.y > 0 && p1.y < map.height, p1)
            mouseClick(playButton)
            verify(!player.playing)

            // Scrub: drag the slider to about three quarters.
            const slider = findChild(pane, "trackSlider")
            const before = coordinateOf(player)
            mousePress(slider, slider.leftPadding + 2, slider.height / 2)
            mouseMove(slider, slider.leftPadding + slider.availableWidth * 0.75, slider.height / 2)
            mouseRelease(slider, slider.leftPadding + slider.availableWidth * 0.75, slider.height / 2)
            verify(Math.abs(player.progress - 0.75) < 0.03, player.progress)
            verify(before.distanceTo(player.coordinate) > 1)
            compare(time.text, Qt.formatDateTime(player.position, "HH:mm:ss"))
            waitForRendering(map)
            verify(pane.trackLayer.visible)

            // Another unit in the list: its track.
            const unitBox = findChild(pane, "trackUnitBox")
            unitBox.activated(4)
            compare(player.unitId, "unit-005")
            verify(player.fixCount >= 1800)

            // Close: the panel, the layer and the player's unit go.
            mouseClick(findChild(pane, "trackCloseButton"))
            verify(!pane.trackPanelOpen)
            verify(!panel.visible)
            verify(!pane.trackLayer.visible)
            compare(player.unitId, "")
            compare(player.fixCount, 0)
        }
    }
}
