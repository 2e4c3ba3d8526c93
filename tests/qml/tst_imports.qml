import QtQuick
import QtTest
import QtMultimedia
import Vigil.Access
import Vigil.Alarms
import Vigil.App
import Vigil.Cameras
import Vigil.Devices
import Vigil.Map
import Vigil.Playback
import Vigil.Ptz
import Vigil.Video
import Vigil.Views
import Vigil.Wall
import Vigil.WallNet

// Every QML module the app uses must import and register its types: a dropped registration fails here.
TestCase {
    id: root
    name: "Imports"
    // In a shown window: the map's layers read their models when the window polishes them.
    when: windowShown

    Component {
        id: typesComponent
        Item {
            property alias feed: feed
            property alias player: player
            property alias selector: selector
            CameraFeed { id: feed }
            VideoPlayer { id: player }
            StreamSelector { id: selector }
            UnitsModel { id: units }
            OnvifDiscoveryModel { id: discovery }
            OnvifPtzController { id: ptz }
        }
    }
    Component {
        id: mapComponent
        Item {
            width: 400
            height: 300
            MapScreen { objectName: "mapScreen"; anchors.fill: parent }
        }
    }
    Component {
        id: feedComponent
        CameraFeed { cameraId: "cam-b" }
    }
    Component {
        id: viewsComponent
        Item {
            WallView { objectName: "wall"; width: 100; height: 100 }
            LayoutIcon { layoutId: "13" }
            Banner { text: "x" }
            VLabel { objectName: "label"; text: "x"; size: VLabel.Small }
            FieldLabel { text: "x" }
            VDialog { title: "x" }
            OverlayButton { text: "x" }
        }
    }

    function test_singletons() {
        verify(Session !== null);
        verify(Access !== null);
        compare(Access.role, "administrator");
        verify(Cameras !== null);
        verify(Wall !== null);
        verify(Theme !== null);
        verify(WallNet !== null);
        compare(WallNet.enabled, false);
        compare(WallNet.status, WallNet.Status.Off);
        compare(WallNet.nodes.count, 0);
        compare(Session.demoMode, false);
        compare(Cameras.count, 4);
        compare(Wall.layoutIds.length, 11);
        verify(Theme.fontFamily.length > 0);
        compare(Theme.defaultFont.family, Theme.fontFamily);
        compare(Theme.defaultFont.pixelSize, Theme.fontSize);
    }

    function test_types() {
        const o = createTemporaryObject(typesComponent, root);
        verify(o !== null);
        compare(o.player.status, VideoPlayer.Status.Idle);
        compare(o.feed.player.desiredState, VideoPlayer.DesiredState.Stopped);
        o.selector.maximized = true;
        compare(o.selector.role, "main");
    }

    function test_map_screen() {
        const o = createTemporaryObject(mapComponent, root);
        verify(o !== null);
        const screen = findChild(o, "mapScreen");
        verify(screen !== null);
        // Not the demo and no source configured: the plain grid, with the directory's cameras (and their
        // health as a role) as the model.
        compare(screen.pane.source, "");
        compare(screen.pane.cameraModel.sourceModel, Cameras);
        compare(screen.pane.cameraModel.rowCount(), Cameras.count);
        // The units are the app's Patrol service's (main.cpp puts four there; no simulator outside the demo).
        compare(screen.units, Patrol.units);
        compare(screen.units.count, 4);
        // Camera colours follow CameraHealth through the "health" role: an alarm turns the camera red on the
        // map, and back.
        const layer = screen.pane.cameraLayer;
        tryCompare(layer, "cameraCount", Cameras.count); // the layer reads its model before the next frame
        compare(layer.cameraHealth("cam-a"), "unknown");
        CameraHealth.setAlarm("cam-a", true);
        compare(layer.cameraHealth("cam-a"), "alarm");
        verify(Qt.colorEqual(layer.cameraColour("cam-a"), "#e73c3c"));
        CameraHealth.setAlarm("cam-a", false);
        compare(layer.cameraHealth("cam-a"), "unknown");
        // A feed (C++) reports to the same board QML sees: cam-b's stream is refused, so it turns offline.
        const feed = createTemporaryObject(feedComponent, root);
        verify(feed !== null);
        tryVerify(() => layer.cameraHealth("cam-b") === "offline", 10000);
    }

    function test_views() {
        const o = createTemporaryObject(viewsComponent, root);
        verify(o !== null);
        verify(findChild(o, "wall") !== null);
        compare(findChild(o, "label").font.pixelSize, Theme.fontSizeSmall);
        compare(findChild(o, "label").font.family, Theme.fontFamily);
    }
}
