import QtQuick
import QtTest
import Vigil.Views

// The Add-devices dialog without a network (the full flow against loopback devices is
// tests/integration/onvif/tst_add_devices_dialog): buttons enabled only when they can work, the password never
// shown and forgotten on close, a non-address and a bad search target answered inline at once.
TestCase {
    id: root
    name: "AddDevicesDialog"
    width: 1100
    height: 720
    visible: true
    when: windowShown

    Component {
        id: dialogComponent
        Item {
            width: 1100
            height: 720
            property alias dialog: dialog
            AddDevicesDialog {
                id: dialog
                discoveryMulticast: false // tests never multicast
                discoveryTimeoutMs: 300
            }
        }
    }

    function field(d, name) {
        const f = findChild(d.contentItem, name) ?? findChild(d.footer, name) ?? findChild(d, name);
        verify(f !== null, name);
        return f;
    }

    function test_inlineErrorsAndButtons() {
        const o = createTemporaryObject(dialogComponent, root);
        const d = o.dialog;
        d.openBlank();
        tryCompare(d, "opened", true);

        const address = field(d, "addressField"), pw = field(d, "passwordField");
        const testButton = field(d, "testButton"), addButton = field(d, "addButton");
        const addSelected = field(d, "addSelectedButton");
        compare(testButton.enabled, false, "nothing to test yet");
        compare(addButton.enabled, false, "nothing tested yet");
        compare(addSelected.enabled, false, "nothing ticked");
        compare(addSelected.text, "Add selected (0)");

        pw.text = "s3cret";
        compare(pw.echoMode, TextInput.Password);
        verify(pw.displayText.indexOf("s3cret") < 0, "the password is not shown");

        // Not an address: the probe says so at once, with what to type.
        address.text = "not a host!";
        compare(testButton.enabled, true);
        d.test();
        const error = field(d, "dialogError");
        tryVerify(() => error.visible);
        verify(error.text.indexOf("not a camera address") >= 0, error.text);
        compare(addButton.enabled, false);
        compare(field(d, "deviceInfo").visible, false);

        // A bad search target: the error in the search status line.
        tryVerify(() => field(d, "searchButton").text === "Search", 3000);
        field(d, "unicastField").text = "10.0.0.300";
        d.search();
        const status = field(d, "searchStatus");
        tryVerify(() => status.text.indexOf("10.0.0.300") >= 0, 1000, status.text);
        verify(Qt.colorEqual(status.color, Theme.error), "shown as an error");

        d.close();
        tryCompare(d, "visible", false);
        compare(pw.text, "", "the password is cleared when the dialog closes");
    }
}
