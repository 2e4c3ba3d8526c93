import QtQuick
import QtTest
import Vigil.Cameras
import Vigil.Views

// The privacy mask editor on the real camera directory (cam-a is a demo-origin camera: its masks go to
// privacy-masks.json in the test's config folder). Shapes are drawn with real clicks on the picture area:
// corners placed, the first corner clicked to close, a corner taken back (right-click, Backspace), Esc drops
// a shape without closing the dialog, a shape selected by a click and deleted, Save hands the polygons to
// Cameras (0..1 of the picture) and a reopened editor shows them again. The tile's menu offers the editor.
TestCase {
    id: root
    name: "PrivacyMaskDialog"
    width: 1000
    height: 800
    visible: true
    when: windowShown

    Component {
        id: dialogComponent
        Item {
            width: 1000
            height: 800
            property alias dialog: dialog
            PrivacyMaskDialog {
                id: dialog
                cameraId: "cam-a"
                cameraName: "Gate north"
            }
        }
    }

    function openDialog() {
        const o = createTemporaryObject(dialogComponent, root);
        const d = o.dialog;
        d.open();
        tryCompare(d, "opened", true);
        const area = findChild(d.contentItem, "maskArea");
        verify(area !== null);
        verify(area.width > 100 && area.height > 100);
        return { d: d, area: area };
    }
    function click(area, fx, fy, button) {
        mouseClick(area, fx * area.width, fy * area.height, button === undefined ? Qt.LeftButton : button);
    }
    function button(d, name) {
        const f = findChild(d.footer, name);
        verify(f !== null, name);
        return f;
    }

    function cleanup() {
        verify(Cameras.savePrivacyMasks("cam-a", []));
    }

    function test_drawSaveReopenDelete() {
        verify(Cameras.savePrivacyMasks("cam-a", []));
        let t = openDialog();
        compare(t.d.polygons.length, 0);
        const save = button(t.d, "saveMasksButton");
        verify(!save.enabled, "nothing to save yet");

        // A triangle: three corners, then the first corner again closes it.
        click(t.area, 0.1, 0.1);
        click(t.area, 0.4, 0.1);
        compare(t.d.drawing.length, 2);
        click(t.area, 0.7, 0.9, Qt.RightButton); // right-click takes the last corner back
        compare(t.d.drawing.length, 1);
        click(t.area, 0.4, 0.1);
        click(t.area, 0.4, 0.5);
        compare(t.d.drawing.length, 3);
        click(t.area, 0.1 + 3 / t.area.width, 0.1); // within the close radius of the first corner
        compare(t.d.drawing.length, 0);
        compare(t.d.polygons.length, 1);
        compare(t.d.polygons[0].length, 3);
        compare(t.d.selected, 0);

        // A second shape: Backspace takes a corner back; Esc drops the shape and keeps the dialog open.
        click(t.area, 0.6, 0.6);
        click(t.area, 0.9, 0.6);
        keyClick(Qt.Key_Backspace);
        compare(t.d.drawing.length, 1);
        keyClick(Qt.Key_Escape);
        compare(t.d.drawing.length, 0);
        verify(t.d.opened, "Esc while drawing drops the shape, not the dialog");

        // A rectangle closed with Enter.
        click(t.area, 0.6, 0.6);
        click(t.area, 0.9, 0.6);
        click(t.area, 0.9, 0.9);
        click(t.area, 0.6, 0.9);
        keyClick(Qt.Key_Return);
        compare(t.d.polygons.length, 2);
        verify(save.enabled);
        mouseClick(save);
        tryCompare(t.d, "opened", false);

        const stored = Cameras.privacyMasksOf("cam-a");
        compare(stored.length, 2);
        compare(stored[0].length, 3);
        fuzzyCompare(stored[0][0].x, 0.1, 0.01);
        fuzzyCompare(stored[0][0].y, 0.1, 0.01);
        fuzzyCompare(stored[0][2].x, 0.4, 0.01);
        fuzzyCompare(stored[0][2].y, 0.5, 0.01);
        compare(stored[1].length, 4);
        fuzzyCompare(stored[1][2].x, 0.9, 0.01);
        fuzzyCompare(stored[1][2].y, 0.9, 0.01);

        // Reopened: the shapes are back; a click inside the rectangle selects it, Delete removes it.
        t = openDialog();
        compare(t.d.polygons.length, 2);
        verify(!t.d.dirty);
        click(t.area, 0.75, 0.75);
        compare(t.d.selected, 1);
        compare(t.d.drawing.length, 0, "a click on a shape selects it, it starts no corner");
        keyClick(Qt.Key_Delete);
        compare(t.d.polygons.length, 1);
        mouseClick(button(t.d, "saveMasksButton"));
        tryCompare(t.d, "opened", false);
        compare(Cameras.privacyMasksOf("cam-a").length, 1);

        // Cancel keeps what was saved.
        t = openDialog();
        mouseClick(button(t.d, "clearMasksButton"));
        compare(t.d.polygons.length, 0);
        mouseClick(button(t.d, "cancelMasksButton"));
        tryCompare(t.d, "opened", false);
        compare(Cameras.privacyMasksOf("cam-a").length, 1);
    }

    // An unknown camera cannot be saved: the dialog stays open and says why.
    Component {
        id: goneComponent
        Item {
            width: 1000
            height: 800
            property alias dialog: dialog
            PrivacyMaskDialog {
                id: dialog
                cameraId: "cam-gone"
                cameraName: "Gone"
            }
        }
    }
    function test_saveFailureIsShown() {
        const o = createTemporaryObject(goneComponent, root);
        const d = o.dialog;
        d.open();
        tryCompare(d, "opened", true);
        const area = findChild(d.contentItem, "maskArea");
        click(area, 0.2, 0.2);
        click(area, 0.5, 0.2);
        click(area, 0.5, 0.5);
        mouseDoubleClickSequence(area, 0.2 * area.width, 0.5 * area.height);
        compare(d.polygons.length, 1, "a double-click closes the shape");
        mouseClick(button(d, "saveMasksButton"));
        verify(d.opened);
        const error = findChild(d.contentItem, "maskErrorLabel");
        verify(error.visible);
        compare(error.text, Cameras.lastError);
        verify(error.text.length > 0);
    }
}
