import QtQuick
import QtTest
import Vigil.Cameras
import Vigil.Views

// The add-camera dialog: errors inline from Cameras.lastError, a good camera is added through
// Cameras.addRtspCamera, and the password field never shows the password.
TestCase {
    id: root
    name: "AddCameraDialog"
    width: 900
    height: 600
    visible: true
    when: windowShown

    Component {
        id: dialogComponent
        Item {
            width: 900
            height: 600
            property alias dialog: dialog
            AddCameraDialog { id: dialog }
        }
    }
    SignalSpy {
        id: addedSpy
        signalName: "cameraAdded"
    }

    function field(d, name) {
        const f = findChild(d.contentItem, name) ?? findChild(d, name);
        verify(f !== null, name);
        return f;
    }

    function test_addFlow() {
        const o = createTemporaryObject(dialogComponent, root);
        const d = o.dialog;
        addedSpy.target = d;
        addedSpy.clear();
        d.openBlank();
        tryCompare(d, "opened", true);

        const name = field(d, "nameField"), url = field(d, "mainUrlField"), pw = field(d, "passwordField");
        name.text = "Yard";
        url.text = "http://not-rtsp";
        pw.text = "s3cret";
        compare(pw.echoMode, TextInput.Password);
        verify(pw.displayText.indexOf("s3cret") < 0, "the password is not shown");

        const before = Cameras.count;
        d.add();
        const error = field(d, "dialogError");
        tryVerify(() => error.visible);
        compare(error.text, Cameras.lastError);
        compare(Cameras.count, before);
        compare(addedSpy.count, 0);

        url.text = "rtsp://192.0.2.10:554/stream1";
        d.add();
        compare(addedSpy.count, 1);
        compare(Cameras.count, before + 1);
        compare(Cameras.nameOf(d.addedCameraId), "Yard");
        tryCompare(d, "visible", false);
        compare(pw.text, "", "the password is cleared when the dialog closes");
        verify(Cameras.removeCamera(d.addedCameraId));
    }
}
