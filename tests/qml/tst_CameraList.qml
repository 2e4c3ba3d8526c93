import QtQuick
import QtTest
import Vigil.Cameras
import Vigil.Views

// The side list's filters as an operator uses them: star a camera from its row, show favourites only, only
// the cameras in the map's area (the chip is off until a map area is known), and the hint when nothing
// passes. Against the real directory (four stub cameras in main.cpp, a couple of hundred metres apart).
TestCase {
    id: root
    name: "CameraList"
    width: 320
    height: 600
    visible: true
    when: windowShown

    Component {
        id: listComponent
        CameraList {
            width: 320
            height: 600
        }
    }

    property CameraList list: null

    function init() {
        for (const id of ["cam-a", "cam-b", "cam-c", "cam-d"])
            verify(Cameras.setFavourite(id, false));
        list = createTemporaryObject(listComponent, root) as CameraList;
        verify(list !== null);
    }

    // Camera rows shown, by name, in order (group headers left out).
    function shownCameras(): var {
        const view = findChild(list, "cameraGroups") as ListView;
        const out = [];
        for (let i = 0; i < view.count; ++i) {
            view.positionViewAtIndex(i, ListView.Contain);
            const row = view.itemAtIndex(i);
            if (row && !row.isGroup)
                out.push(row.name);
        }
        return out;
    }

    function chip(name: string): Item {
        const c = findChild(list, name);
        verify(c !== null, name);
        return c as Item;
    }

    function test_starAndFavouritesOnly() {
        compare(shownCameras(), ["Gate north", "Gate south", "Platform 1", "Loose camera"]);
        const view = findChild(list, "cameraGroups") as ListView;
        view.positionViewAtIndex(4, ListView.Contain); // Station's header is row 3, Platform 1 row 4
        const row = view.itemAtIndex(4);
        verify(row !== null && row.name === "Platform 1");
        const star = findChild(row, "favouriteStarMouse") as Item;
        verify(star !== null);
        mouseClick(star);
        tryVerify(() => Cameras.isFavourite("cam-c"));
        mouseClick(chip("filterFavourites"));
        compare(shownCameras(), ["Platform 1"]);
        const starred = view.itemAtIndex(1); // the list was rebuilt: its row now
        verify(starred !== null && starred.name === "Platform 1" && starred.favourite);
        mouseClick(findChild(starred, "favouriteStarMouse")); // unstarred: the list is empty, and says why
        verify(!Cameras.isFavourite("cam-c"));
        compare(shownCameras(), []);
        const hint = findChild(list, "cameraListHint");
        verify(hint.visible);
        verify(hint.text.indexOf("filters") >= 0, hint.text);
        mouseClick(chip("filterFavourites"));
        compare(shownCameras().length, 4);
    }

    function test_onMapFollowsTheMapArea() {
        const onMap = chip("filterInView");
        verify(!onMap.enabled); // no map yet: nothing would be in view
        list.mapBounds = Qt.rect(119.95, 30.541, 0.02, 0.004); // around cam-b and cam-c
        verify(onMap.enabled);
        mouseClick(onMap);
        verify(onMap.checked);
        compare(shownCameras(), ["Gate south", "Platform 1"]);
        list.mapBounds = Qt.rect(119.95, 30.5455, 0.02, 0.004); // the map moved north: cam-d only
        tryVerify(() => shownCameras().join(",") === "Loose camera", 2000, "the list did not follow the map");
        mouseClick(onMap);
        compare(shownCameras().length, 4);
    }
}
