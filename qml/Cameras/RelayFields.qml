pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Sites
import Vigil.Views

// RelayFields: the relay media server cameras are played through (a site's, or the one of the cameras added
// directly): kind (None, ZLMediaKit, MediaMTX), its API address, user (MediaMTX), secret or password and RTSP
// port. The secret is never shown; left empty it keeps the stored one. The form's owner reads the fields and
// calls Sites.setSiteRelay / Sites.setDirectRelay.
GridLayout {
    id: root

    // "", "zlm" or "mediamtx"
    readonly property string kind: kindBox.currentValue !== undefined ? kindBox.currentValue : ""
    readonly property alias url: urlField.text
    readonly property alias user: userField.text
    readonly property alias secret: secretField.text
    readonly property int rtspPort: parseInt(portField.text) > 0 ? parseInt(portField.text) : 0
    // Editing a saved relay: an empty secret keeps the stored one.
    property bool editing: false

    function load(kind: string, url: string, user: string, rtspPort: int) {
        kindBox.currentIndex = Math.max(0, kindBox.indexOfValue(kind));
        urlField.text = url;
        userField.text = user;
        secretField.text = "";
        portField.text = rtspPort > 0 ? rtspPort.toString() : "";
    }
    function clear() {
        root.load("", "", "", 0);
    }
    function clearSecret() {
        secretField.text = "";
    }

    // --- private -----------------------------------------------------------------------------------------
    readonly property bool _on: root.kind !== ""

    columns: 4
    columnSpacing: Theme.spacing
    rowSpacing: Theme.spacing

    FieldLabel { text: qsTr("Relay") }
    VComboBox {
        id: kindBox
        objectName: "relayKindBox"
        Layout.fillWidth: true
        model: Sites.relayKinds
        textRole: "name"
        valueRole: "kind"
    }
    FieldLabel { text: qsTr("RTSP port"); visible: root._on }
    VTextField {
        id: portField
        objectName: "relayRtspPortField"
        Layout.fillWidth: true
        visible: root._on
        validator: IntValidator { bottom: 1; top: 65535 }
        placeholderText: root.kind === "mediamtx" ? "8554" : "554"
        inputMethodHints: Qt.ImhDigitsOnly
    }
    Item { visible: !root._on; Layout.columnSpan: 2; Layout.fillWidth: true }
    FieldLabel { text: qsTr("Relay API"); visible: root._on }
    VTextField {
        id: urlField
        objectName: "relayUrlField"
        Layout.fillWidth: true
        Layout.columnSpan: 3
        visible: root._on
        placeholderText: root.kind === "mediamtx" ? "http://10.1.2.9:9997" : "http://10.1.2.9:80"
        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
    }
    FieldLabel { text: qsTr("Relay user"); visible: root.kind === "mediamtx" }
    VTextField {
        id: userField
        objectName: "relayUserField"
        Layout.fillWidth: true
        visible: root.kind === "mediamtx"
        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
    }
    FieldLabel {
        text: root.kind === "zlm" ? qsTr("Relay API secret") : qsTr("Relay password")
        visible: root._on
    }
    VTextField {
        id: secretField
        objectName: "relaySecretField"
        Layout.fillWidth: true
        Layout.columnSpan: root.kind === "zlm" ? 3 : 1
        visible: root._on
        echoMode: TextInput.Password
        inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
        placeholderText: root.editing ? qsTr("Unchanged") : ""
    }
}
