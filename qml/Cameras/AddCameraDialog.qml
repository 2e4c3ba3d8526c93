import QtQuick
import QtQuick.Layouts
import QtMultimedia
import Vigil.Cameras
import Vigil.Video
import Vigil.Views

// AddCameraDialog: add an RTSP camera. "Test" opens the main stream in a preview player without adding
// anything (live picture or the exact error); "Add" saves it through Cameras.addRtspCamera. The password is
// never shown, never put in a URL on screen, and is cleared when the dialog closes.
VDialog {
    id: root

    // The id of the camera added last (tests, and to put it on the wall).
    property string addedCameraId: ""
    signal cameraAdded(string cameraId, string name)

    function openBlank() {
        nameField.text = "";
        groupField.text = "";
        mainUrlField.text = "";
        subUrlField.text = "";
        userField.text = "";
        passwordField.text = "";
        root._error = "";
        root._testing = false;
        root.open();
        nameField.forceActiveFocus();
    }

    function test() {
        root._error = "";
        root._testing = true;
        previewPlayer.openUrl(mainUrlField.text, userField.text, passwordField.text);
    }

    function add() {
        const id = Cameras.addRtspCamera(nameField.text.trim(), groupField.text.trim(), mainUrlField.text.trim(),
                                         subUrlField.text.trim(), userField.text, passwordField.text);
        if (id === "") {
            root._error = Cameras.lastError;
            return;
        }
        root.addedCameraId = id;
        root.cameraAdded(id, nameField.text.trim());
        root.close();
    }

    // --- private -----------------------------------------------------------------------------------------
    property string _error: ""
    property bool _testing: false
    readonly property int _status: previewPlayer.status

    objectName: "addCameraDialog"
    title: qsTr("Add RTSP camera")
    preferredWidth: 760

    onClosed: {
        previewPlayer.stop();
        root._testing = false;
        passwordField.text = "";
    }


    // The dialog's content (not assigned to contentItem, which Qt defers: ids inside would break that).
    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacingLarge

        GridLayout {
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing

            FieldLabel { text: qsTr("Name") }
            VTextField {
                id: nameField
                objectName: "nameField"
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. Gate north")
            }
            FieldLabel { text: qsTr("Group") }
            VTextField {
                id: groupField
                objectName: "groupField"
                Layout.fillWidth: true
                placeholderText: qsTr("Optional, e.g. Depot")
            }
            FieldLabel { text: qsTr("Main stream") }
            VTextField {
                id: mainUrlField
                objectName: "mainUrlField"
                Layout.fillWidth: true
                Layout.minimumWidth: 280
                placeholderText: "rtsp://192.168.1.64:554/Streaming/Channels/101"
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            }
            FieldLabel { text: qsTr("Sub-stream") }
            VTextField {
                id: subUrlField
                objectName: "subUrlField"
                Layout.fillWidth: true
                placeholderText: qsTr("Optional, e.g. …/Channels/102")
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            }
            FieldLabel { text: qsTr("User") }
            VTextField {
                id: userField
                objectName: "userField"
                Layout.fillWidth: true
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
            }
            FieldLabel { text: qsTr("Password") }
            VTextField {
                id: passwordField
                objectName: "passwordField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
            }
            Item { implicitWidth: 1 }
            VLabel {
                objectName: "dialogError"
                Layout.fillWidth: true
                Layout.preferredWidth: 280
                visible: root._error !== ""
                text: root._error
                color: Theme.error
                wrapMode: Text.Wrap
                size: VLabel.Small
            }
        }

        // Preview of the main stream after "Test".
        Rectangle {
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: 320
            Layout.preferredHeight: 180 + previewStatus.implicitHeight + Theme.spacing
            color: "transparent"

            Rectangle {
                id: previewBox
                width: parent.width
                height: 180
                color: Theme.tileBackground
                border.color: Theme.border

                VideoOutput {
                    id: previewOutput
                    anchors.fill: parent
                    anchors.margins: 1
                    fillMode: VideoOutput.PreserveAspectFit
                }
                VLabel {
                    anchors.centerIn: parent
                    visible: !root._testing
                    width: parent.width - Theme.spacingLarge * 2
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: qsTr("Press Test to check the main stream before adding the camera.")
                    color: Theme.textFaint
                    size: VLabel.Small
                }
            }
            VLabel {
                id: previewStatus
                objectName: "previewStatus"
                anchors.top: previewBox.bottom
                anchors.topMargin: Theme.spacing
                width: parent.width
                visible: root._testing
                wrapMode: Text.Wrap
                color: root._status === VideoPlayer.Status.Playing ? Theme.ok
                     : previewPlayer.lastError !== "" ? Theme.error : Theme.textMuted
                size: VLabel.Small
                text: {
                    switch (root._status) {
                    case VideoPlayer.Status.Playing:
                        return qsTr("Live: %1×%2 %3").arg(previewPlayer.stats.width).arg(previewPlayer.stats.height)
                                                       .arg(previewPlayer.stats.codec);
                    case VideoPlayer.Status.Connecting:
                    case VideoPlayer.Status.Buffering:
                        return qsTr("Connecting…");
                    default:
                        return previewPlayer.lastError !== "" ? previewPlayer.lastError : qsTr("Connecting…");
                    }
                }
            }
        }
    }

    buttons: [
        ToolbarButton {
            objectName: "testButton"
            text: qsTr("Test")
            enabled: mainUrlField.text.trim() !== ""
            toolTip: qsTr("Open the main stream here without adding the camera")
            onClicked: root.test()
        },
        Item { Layout.fillWidth: true },
        ToolbarButton {
            objectName: "cancelButton"
            text: qsTr("Cancel")
            onClicked: root.close()
        },
        ToolbarButton {
            objectName: "addButton"
            text: qsTr("Add")
            accent: true
            enabled: nameField.text.trim() !== "" && mainUrlField.text.trim() !== ""
            onClicked: root.add()
        }
    ]

    VideoPlayer {
        id: previewPlayer
        videoSink: previewOutput.videoSink
    }
}
