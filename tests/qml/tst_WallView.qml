import QtQuick
import QtQuick.Controls
import QtTest
import Vigil.Access
import Vigil.App
import Vigil.Views
import Vigil.Wall

// The wall: loads from Wall.tiles, follows layout changes (merged big tiles included), accepts a camera
// dropped through the real DropArea, swaps tiles dropped on tiles, maximizes on double-click.
TestCase {
    id: root
    name: "WallView"
    width: 800
    height: 600
    visible: true
    when: windowShown

    Component {
        id: wallComponent
        WallView {
            width: 800
            height: 600
        }
    }
    Component {
        id: payloadComponent
        DragPayload {}
    }
    SignalSpy {
        id: layoutSpy
        target: Wall
        signalName: "layoutIdChanged"
    }

    SignalSpy {
        id: loginSpy
        target: Access
        signalName: "loginFinished"
    }

    property WallView wall: null

    function init() {
        Wall.setLayout("4");
        for (let i = 0; i < Wall.tileCount; ++i)
            Wall.clearTile(i);
        if (Wall.maximizedTile >= 0)
            Wall.toggleMaximize(Wall.maximizedTile);
        wall = createTemporaryObject(wallComponent, root);
        verify(wall !== null);
        tryVerify(() => wall.tileAt(Wall.tileCount - 1) !== null);
    }

    function tileCenter(index) {
        const t = wall.tileAt(index);
        return t.mapToItem(wall, t.width / 2, t.height / 2);
    }

    // Drags a payload with the real Drag attached property and drops it on tile `index`.
    function dropOn(index, props) {
        const payload = createTemporaryObject(payloadComponent, wall, props);
        verify(payload !== null);
        const c = tileCenter(index);
        payload.x = c.x - payload.width / 2;
        payload.y = c.y - payload.height / 2;
        payload.Drag.active = true;
        const action = payload.Drag.drop();
        payload.Drag.active = false;
        return action;
    }

    function test_loads() {
        compare(Wall.tileCount, 4);
        for (let i = 0; i < 4; ++i) {
            const t = wall.tileAt(i);
            verify(t !== null, "tile " + i);
            verify(t.visible);
            verify(t.width > 300 && t.height > 250, "tile " + i + " is a quarter of the wall");
            const hint = findChild(t, "emptyHint");
            verify(hint !== null && hint.visible, "empty tile " + i + " shows the hint");
        }
    }

    function test_layouts_data() {
        return [
            { tag: "1", count: 1 }, { tag: "6", count: 6 }, { tag: "8", count: 8 }, { tag: "9", count: 9 },
            { tag: "10", count: 10 }, { tag: "13", count: 13 }, { tag: "16", count: 16 }, { tag: "25", count: 25 },
            { tag: "36", count: 36 }, { tag: "64", count: 64 }
        ];
    }
    function test_layouts(data) {
        layoutSpy.clear();
        Wall.setLayout(data.tag);
        compare(layoutSpy.count, 1);
        compare(Wall.tileCount, data.count);
        tryVerify(() => wall.tileAt(data.count - 1) !== null, 2000, "last tile created");
        verify(wall.tileAt(data.count) === null, "no extra tile");
        // Tiles cover the wall without overlapping: their areas add up to the wall's (minus gaps).
        let area = 0;
        for (let i = 0; i < data.count; ++i) {
            const t = wall.tileAt(i);
            area += (t.width + Theme.tileGap) * (t.height + Theme.tileGap);
        }
        fuzzyCompare(area, (wall.width - Theme.tileGap) * (wall.height - Theme.tileGap), 1);
    }

    function test_mergedBigTile() {
        Wall.setLayout("6");
        tryVerify(() => wall.tileAt(5) !== null);
        const big = wall.tileAt(0), small = wall.tileAt(1);
        fuzzyCompare(big.width + Theme.tileGap, 2 * (small.width + Theme.tileGap), 1);
        fuzzyCompare(big.height + Theme.tileGap, 2 * (small.height + Theme.tileGap), 1);
    }

    function test_dropCamera() {
        compare(wall.tileAt(2).cameraId, "");
        dropOn(2, { kind: "camera", cameraId: "cam-b", title: "Gate south" });
        tryCompare(wall.tileAt(2), "cameraId", "cam-b");
        compare(wall.tileAt(2).cameraName, "Gate south");
        compare(wall.tileAt(2).feed.cameraId, "cam-b");
        verify(!findChild(wall.tileAt(2), "emptyHint").visible);
        compare(findChild(wall.tileAt(2), "nameText").text, "Gate south");
        // The drop went through the wall's state, so it is what gets saved.
        compare(Wall.firstEmptyTile(), 0);
    }

    function test_dropTileSwaps() {
        Wall.assignCamera(0, "cam-a");
        Wall.assignCamera(3, "cam-c");
        dropOn(3, { kind: "tile", tileIndex: 0, cameraId: "cam-a" });
        tryCompare(wall.tileAt(3), "cameraId", "cam-a");
        compare(wall.tileAt(0).cameraId, "cam-c");
        // Dropping a tile on itself changes nothing.
        dropOn(3, { kind: "tile", tileIndex: 3, cameraId: "cam-a" });
        compare(wall.tileAt(3).cameraId, "cam-a");
    }

    function test_maximize() {
        Wall.assignCamera(1, "cam-a");
        const tile = wall.tileAt(1);
        const other = wall.tileAt(0);
        mouseDoubleClickSequence(tile, tile.width / 2, tile.height / 2);
        tryCompare(Wall, "maximizedTile", 1);
        verify(tile.maximized);
        fuzzyCompare(tile.width, wall.width - 2 * Theme.tileGap, 1);
        fuzzyCompare(tile.height, wall.height - 2 * Theme.tileGap, 1);
        tryCompare(tile.feed, "role", "main");
        // The tiles under it are hidden and stop decoding.
        verify(!other.visible);
        verify(other.covered);
        compare(wall.tileAt(2).feed.active, false);
        // Double-click again restores.
        mouseDoubleClickSequence(tile, tile.width / 2, tile.height / 2);
        tryCompare(Wall, "maximizedTile", -1);
        verify(other.visible);
        verify(tile.width < wall.width / 2 + 1);
    }

    // The instant replay key's camera: the maximized tile's, else the one under the pointer, else none.
    function test_replayCamera() {
        Wall.assignCamera(1, "cam-a");
        Wall.assignCamera(2, "cam-b");
        mouseMove(wall, 1, 1); // the gap at the wall's corner: over no tile
        compare(wall.replayCamera(), "");
        const t2 = wall.tileAt(2);
        mouseMove(t2, t2.width / 2, t2.height / 2);
        tryCompare(t2, "pointerInside", true);
        compare(wall.replayCamera(), "cam-b");
        // An empty tile under the pointer means nothing to replay.
        const t3 = wall.tileAt(3);
        mouseMove(t3, t3.width / 2, t3.height / 2);
        tryCompare(t3, "pointerInside", true);
        compare(wall.replayCamera(), "");
        // A maximized tile wins wherever the pointer is.
        Wall.toggleMaximize(1);
        tryVerify(() => wall.tileAt(1).maximized);
        compare(wall.replayCamera(), "cam-a");
        Wall.toggleMaximize(1);
    }

    function test_statusShownWhenNotLive() {
        // The stub camera's stream is on a closed port: the tile must say so, not stay silent.
        Wall.assignCamera(0, "cam-a");
        const tile = wall.tileAt(0);
        const chip = findChild(tile, "statusChip");
        tryVerify(() => chip.parent.visible, 5000, "status shown while not playing");
    }

    function test_tourBadgeAndSkipMark() {
        // A tour of the Depot group (two stub cameras, both unreachable) in tile 1: the badge shows the position,
        // dead cameras are named, a click pauses and resumes, dropping a camera ends the tour.
        verify(Wall.startGroupTour(1, "Depot", 10));
        const tile = wall.tileAt(1);
        compare(tile.cameraId, "cam-a");
        const badgeText = findChild(tile, "tourBadgeText");
        verify(badgeText !== null);
        tryVerify(() => badgeText.visible);
        verify(badgeText.text.indexOf("Tour 1/2") >= 0, badgeText.text);
        const note = findChild(tile, "tourSkippedText");
        tryVerify(() => note.visible && note.text.indexOf("Gate north") >= 0, 10000, "the dead camera is named");
        verify(note.text.indexOf("(offline)") >= 0, note.text);

        const badge = findChild(tile, "tourBadge");
        mouseClick(badge);
        tryVerify(() => tile.tour.paused);
        verify(badgeText.text.indexOf("❚❚") === 0, badgeText.text);
        mouseClick(badge);
        tryVerify(() => !tile.tour.paused);

        dropOn(1, { kind: "camera", cameraId: "cam-c" });
        compare(tile.cameraId, "cam-c");
        tryVerify(() => !tile.tour.active);
        verify(!badgeText.visible);
    }

    // The tile menu's "Time per camera": the choice applies to the tile's running tour at once (the badge's
    // tooltip says so) and is remembered for the next tour started from the menus.
    function test_tileMenuTimePerCamera() {
        Session.tourDwellSeconds = 10;
        const tile = wall.tileAt(2);
        tile.startGroupTour("Depot");
        tryVerify(() => tile.tour.active);
        compare(tile.tour.dwellSeconds, 10);
        const menu = findChild(tile, "tileMenu");
        verify(menu !== null);
        menu.popup();
        tryVerify(() => menu.opened);
        const item = findChild(menu, "dwellItem_30");
        verify(item !== null, "the 30 s choice");
        verify(!item.checked);
        item.triggered();
        compare(Session.tourDwellSeconds, 30);
        tryVerify(() => tile.tour.dwellSeconds === 30);
        verify(findChild(menu, "dwellItem_30").checked);
        menu.close();
        // The next tour from the menus takes the remembered time.
        Wall.stopTour(2);
        tryVerify(() => !tile.tour.active);
        tile.startGroupTour("Depot");
        tryVerify(() => tile.tour.active);
        compare(tile.tour.dwellSeconds, 30);
        Wall.stopTour(2);
        Session.tourDwellSeconds = 10;
    }

    // The tile menu's "Privacy masks…" opens the editor for the tile's camera, for an administrator only: an
    // operator does not see it (masks are settings), and an empty tile has nothing to mask.
    function test_tileMenuPrivacyMasks() {
        Wall.assignCamera(0, "cam-a");
        const tile = wall.tileAt(0);
        tryVerify(() => tile.cameraId === "cam-a");
        const menu = findChild(tile, "tileMenu");
        menu.popup();
        tryVerify(() => menu.opened);
        const item = findChild(menu, "masksItem");
        verify(item !== null);
        verify(item.visible && item.enabled);
        item.triggered();
        menu.close();
        let dialog = null;
        tryVerify(() => (dialog = findChild(Overlay.overlay, "privacyMaskDialog")) !== null && dialog.opened);
        compare(dialog.cameraId, "cam-a");
        compare(dialog.cameraName, "Gate north");
        dialog.close();
        tryVerify(() => findChild(Overlay.overlay, "privacyMaskDialog") === null, 5000, "destroyed on close");
        // An empty tile: the item is there but off.
        const empty = findChild(wall.tileAt(1), "tileMenu");
        verify(!findChild(empty, "masksItem").enabled);
        // An operator: not offered.
        Access.logout();
        loginSpy.clear();
        Access.login("li", "li-password");
        loginSpy.wait(10000);
        compare(Access.role, "operator");
        verify(!findChild(menu, "masksItem").visible);
        Access.logout();
        loginSpy.clear();
        Access.login("admin", "admin-password");
        loginSpy.wait(10000);
        compare(Access.role, "administrator");
    }
}
