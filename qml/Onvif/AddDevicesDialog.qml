pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Vigil.Devices
import Vigil.Video
import Vigil.Views

// AddDevicesDialog: find ONVIF devices (WS-Discovery, optionally unicast to typed addresses) or type one,
// "Test" one (model, firmware, streams, PTZ, clock, live sub-stream preview) and add it, or add several
// selected devices with one user and password (OnvifBulkAdder, one device after the other, per-row result).
// The password is never shown, never put in a URL, and is cleared when the dialog closes.
VDialog {
    id: root

    // The id of the camera added last (tests).
    property string addedCameraId: ""
    // Discovery probes every interface by multicast; tests on loopback turn this off.
    property alias discoveryMulticast: discovery.multicast
    property alias discoveryTimeoutMs: discovery.timeoutMs

    signal cameraAdded(string cameraId, string name)
    signal camerasAdded(int count)

    function openBlank() {
        unicastField.text = "";
        addressField.text = "";
        userField.text = "";
        passwordField.text = "";
        nameField.text = "";
        groupField.text = "";
        discovery.selectNone();
        root._message = "";
        root.addedCameraId = "";
        probe.cancel();
        root.open();
        root.search();
    }

    function search() {
        if (discovery.running) {
            discovery.stop();
            return;
        }
        discovery.selectNone();
        if (!discovery.multicast && unicastField.text.trim() === "")
            return; // nothing to ask (tests turn multicast off)
        discovery.start(unicastField.text.trim());
    }

    // Fills the address (and name) from a discovered row.
    function pick(deviceUrl: string, name: string) {
        addressField.text = deviceUrl;
        if (name !== "")
            nameField.text = name;
    }

    function test() {
        previewPlayer.stop();
        root._message = "";
        root._previewing = false;
        root._justAdded = false;
        probe.test(addressField.text, userField.text, passwordField.text);
    }

    function add() {
        const name = nameField.text.trim() !== "" ? nameField.text.trim()
                   : probe.model !== "" ? probe.model : probe.address;
        const id = probe.addToDirectory(name, groupField.text.trim());
        if (id === "")
            return; // probe.lastError says why
        root.addedCameraId = id;
        root._justAdded = true;
        root._message = qsTr("Added “%1” to the camera list. Drag it onto any tile of the wall.").arg(name);
        root.cameraAdded(id, name);
    }

    function addSelected() {
        previewPlayer.stop();
        root._previewing = false;
        root._message = "";
        bulk.start(discovery.selectedDeviceUrls(), discovery.selectedNames(), userField.text, passwordField.text, groupField.text.trim());
    }

    // --- private -----------------------------------------------------------------------------------------
    property string _message: ""
    property bool _previewing: false
    property bool _justAdded: false // "Add" once per test: a second click would add the device twice
    readonly property bool _busy: probe.status === OnvifDeviceProbe.Status.Probing || bulk.running

    objectName: "addDevicesDialog"
    title: qsTr("Add ONVIF devices")
    preferredWidth: 1040
    preferredHeight: 680

    onClosed: {
        previewPlayer.stop();
        root._previewing = false;
        discovery.stop();
        probe.cancel();
        bulk.cancel();
        passwordField.text = "";
    }

    component SmallText: VLabel {
        color: Theme.textMuted
        wrapMode: Text.Wrap
        size: VLabel.Small
    }
    // The device's details: a small FieldLabel, top-aligned with values that may wrap.
    component InfoLabel: VLabel {
        Layout.alignment: Qt.AlignRight | Qt.AlignTop
        color: Theme.textMuted
        size: VLabel.Small
    }
    component InfoValue: VLabel {
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        size: VLabel.Small
    }
    component SectionTitle: VLabel {
        font.bold: true
    }

    // The dialog's content (not assigned to contentItem, which Qt defers: ids inside would break that).
    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacingLarge

        // --- left: devices on the network ---------------------------------------------------------------
        ColumnLayout {
            Layout.preferredWidth: 420
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            SectionTitle {
                text: qsTr("Devices on the network")
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                VTextField {
                    id: unicastField
                    objectName: "unicastField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Other subnets (optional): 10.1.2.10-20, 10.1.3.5")
                    inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                    onAccepted: {
                        if (!discovery.running)
                            root.search();
                    }
                }
                ToolbarButton {
                    objectName: "searchButton"
                    text: discovery.running ? qsTr("Stop") : qsTr("Search")
                    toolTip: qsTr("Ask the cameras on this network (and the addresses typed here) to answer")
                    onClicked: root.search()
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                BusyIndicator {
                    objectName: "searchBusy"
                    Layout.preferredWidth: Theme.busyIndicatorSize
                    Layout.preferredHeight: Theme.busyIndicatorSize
                    running: discovery.running
                    visible: discovery.running
                }
                SmallText {
                    objectName: "searchStatus"
                    Layout.fillWidth: true
                    color: discovery.lastError !== "" ? Theme.error : Theme.textMuted
                    text: discovery.lastError !== "" ? discovery.lastError
                        : discovery.running ? qsTr("Searching… devices found: %1").arg(discovery.count)
                        : discovery.count > 0 ? qsTr("Devices found: %1. Tick several to add them with one password, or click one to test it.").arg(discovery.count)
                        : qsTr("No device answered. Type its address on the right, or add other subnets above.")
                }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 160
                color: Theme.window
                border.color: Theme.border
                radius: Theme.radius

                ListView {
                    id: deviceList
                    objectName: "deviceList"
                    anchors.fill: parent
                    anchors.margins: 1
                    clip: true
                    model: OnvifDiscoveryModel {
                        id: discovery
                        bulkAdder: bulk // each row shows its device's result of "Add selected"
                    }
                    ScrollBar.vertical: ScrollBar {}
                    delegate: Rectangle {
                        id: row
                        required property int index
                        required property string name
                        required property string hardware
                        required property string address
                        required property string deviceUrl
                        required property bool selected
                        required property int addState // OnvifBulkAdder.ItemState
                        required property string reason // why "Add selected" failed for it
                        readonly property bool picked: addressField.text === row.deviceUrl

                        objectName: "deviceRow_" + row.index
                        width: ListView.view.width
                        // Two lines, and a third (wrapped as far as it needs) for a failure's reason.
                        height: Math.max(Theme.rowHeightTwoLines, rowContent.implicitHeight + Theme.spacing * 2)
                        color: row.picked ? Theme.accentMuted : rowHover.hovered ? Theme.hover : "transparent"

                        HoverHandler {
                            id: rowHover
                        }
                        TapHandler {
                            onTapped: root.pick(row.deviceUrl, row.name)
                        }
                        RowLayout {
                            id: rowContent
                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.verticalCenter: parent.verticalCenter
                            anchors.leftMargin: Theme.spacingSmall
                            anchors.rightMargin: Theme.spacing
                            spacing: Theme.spacingSmall
                            CheckBox {
                                id: check
                                objectName: "deviceCheck"
                                checked: row.selected
                                enabled: !bulk.running
                                onToggled: discovery.setSelected(row.index, check.checked)
                                indicator: Rectangle {
                                    x: check.leftPadding
                                    y: (check.height - height) / 2
                                    implicitWidth: Theme.iconSize
                                    implicitHeight: Theme.iconSize
                                    radius: 3
                                    color: check.checked ? Theme.accent : Theme.panelRaised
                                    border.color: check.checked ? Theme.accent : Theme.borderStrong
                                    opacity: check.enabled ? 1 : 0.5
                                    Text {
                                        anchors.centerIn: parent
                                        visible: check.checked
                                        text: "✓"
                                        color: Theme.textOnAccent
                                        font.pixelSize: 12
                                        font.bold: true
                                    }
                                }
                            }
                            Column {
                                Layout.fillWidth: true
                                VLabel {
                                    width: parent.width
                                    elide: Text.ElideRight
                                    text: row.hardware !== "" && row.hardware !== row.name
                                          ? row.name + "  ·  " + row.hardware : row.name
                                }
                                Text {
                                    width: parent.width
                                    elide: Text.ElideRight
                                    text: row.address
                                    color: Theme.textMuted
                                    font.family: Theme.monoFamily
                                    font.pixelSize: Theme.fontSizeSmall
                                }
                                SmallText {
                                    objectName: "rowReason"
                                    width: parent.width
                                    visible: row.reason !== ""
                                    text: row.reason
                                    color: Theme.error
                                }
                            }
                            VLabel {
                                objectName: "rowResult"
                                Layout.maximumWidth: 170
                                elide: Text.ElideRight
                                visible: text !== ""
                                size: VLabel.Small
                                color: row.addState === OnvifBulkAdder.ItemState.Added ? Theme.ok
                                     : row.addState === OnvifBulkAdder.ItemState.Failed ? Theme.error : Theme.textMuted
                                text: {
                                    switch (row.addState) {
                                    case OnvifBulkAdder.ItemState.Queued:
                                        return qsTr("Waiting");
                                    case OnvifBulkAdder.ItemState.Probing:
                                        return qsTr("Testing…");
                                    case OnvifBulkAdder.ItemState.Added:
                                        return qsTr("Added");
                                    case OnvifBulkAdder.ItemState.Failed:
                                        return qsTr("Failed");
                                    case OnvifBulkAdder.ItemState.Skipped:
                                        return qsTr("Skipped");
                                    default:
                                        return "";
                                    }
                                }
                            }
                        }
                    }
                }
            }
            SmallText {
                objectName: "bulkSummary"
                Layout.fillWidth: true
                visible: !bulk.running && bulk.total > 0
                color: bulk.failed > 0 ? Theme.warning : Theme.ok
                text: bulk.failed > 0
                      ? qsTr("%1 of %2 devices added; %3 failed: the reason is on each failed row.").arg(bulk.added).arg(bulk.total).arg(bulk.failed)
                      : qsTr("%1 of %2 devices added.").arg(bulk.added).arg(bulk.total)
            }
        }

        Rectangle {
            Layout.preferredWidth: 1
            Layout.fillHeight: true
            color: Theme.border
        }

        // --- right: one device ----------------------------------------------------------------------------
        ColumnLayout {
            Layout.preferredWidth: 460
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            SectionTitle {
                text: qsTr("Device")
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing

                FieldLabel { text: qsTr("Address") }
                VTextField {
                    id: addressField
                    objectName: "addressField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("e.g. 192.168.1.64 or 192.168.1.64:8080")
                    inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                    onAccepted: root.test()
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
                    onAccepted: root.test()
                }
                FieldLabel { text: qsTr("Name") }
                VTextField {
                    id: nameField
                    objectName: "nameField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Optional: the device's model otherwise")
                }
                FieldLabel { text: qsTr("Group") }
                VTextField {
                    id: groupField
                    objectName: "groupField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Optional, e.g. Depot")
                }
            }

            // Test result: busy, error with what to do, or what the device is.
            RowLayout {
                Layout.fillWidth: true
                visible: probe.status === OnvifDeviceProbe.Status.Probing
                spacing: Theme.spacing
                BusyIndicator {
                    objectName: "testBusy"
                    Layout.preferredWidth: Theme.busyIndicatorSize
                    Layout.preferredHeight: Theme.busyIndicatorSize
                    running: probe.status === OnvifDeviceProbe.Status.Probing
                }
                SmallText {
                    Layout.fillWidth: true
                    text: qsTr("Asking the device who it is…")
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                visible: probe.lastError !== ""
                spacing: Theme.spacingSmall
                SmallText {
                    objectName: "dialogError"
                    Layout.fillWidth: true
                    text: probe.lastError
                    color: Theme.error
                }
                SmallText {
                    objectName: "errorAdvice"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: probe.advice
                    color: Theme.text
                }
            }
            SmallText {
                objectName: "addedMessage"
                Layout.fillWidth: true
                visible: root._message !== ""
                text: root._message
                color: Theme.ok
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingLarge

                GridLayout {
                    objectName: "deviceInfo"
                    Layout.alignment: Qt.AlignTop
                    Layout.fillWidth: true
                    visible: probe.status === OnvifDeviceProbe.Status.Ready
                    columns: 2
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacingSmall

                    InfoLabel { text: qsTr("Model") }
                    InfoValue {
                        objectName: "modelText"
                        text: (probe.manufacturer + " " + probe.model).trim()
                    }
                    InfoLabel { text: qsTr("Firmware") }
                    InfoValue {
                        objectName: "firmwareText"
                        text: probe.firmware
                    }
                    InfoLabel { text: qsTr("Serial") }
                    InfoValue {
                        objectName: "serialText"
                        text: probe.serialNumber
                    }
                    InfoLabel { text: qsTr("Streams") }
                    Column {
                        objectName: "streamsList"
                        Layout.fillWidth: true
                        Repeater {
                            model: probe.streams
                            delegate: InfoValue {
                                required property string modelData
                                required property int index
                                objectName: "stream_" + index
                                text: modelData
                            }
                        }
                    }
                    InfoLabel { text: qsTr("PTZ") }
                    InfoValue {
                        objectName: "ptzText"
                        text: !probe.hasPtz ? qsTr("No")
                            : probe.presets.length > 0 ? qsTr("Yes, presets: %1").arg(probe.presets.length) : qsTr("Yes")
                    }
                    InfoLabel { text: qsTr("Clock") }
                    InfoValue {
                        objectName: "clockText"
                        text: probe.clockOffset === "" ? qsTr("In step with this PC")
                            : qsTr("%1 off this PC; Vigil allows for it, but set the camera's clock (NTP) for correct recording times.").arg(probe.clockOffset)
                    }
                }

                // Live preview of the sub-stream after a successful test.
                ColumnLayout {
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: 240
                    spacing: Theme.spacingSmall

                    Rectangle {
                        Layout.preferredWidth: 240
                        Layout.preferredHeight: 135
                        color: Theme.tileBackground
                        border.color: Theme.border

                        VideoOutput {
                            id: previewOutput
                            anchors.fill: parent
                            anchors.margins: 1
                            fillMode: VideoOutput.PreserveAspectFit
                        }
                        SmallText {
                            anchors.centerIn: parent
                            visible: !root._previewing
                            width: parent.width - Theme.spacingLarge * 2
                            horizontalAlignment: Text.AlignHCenter
                            text: qsTr("Test a device to see its picture here.")
                            color: Theme.textFaint
                        }
                    }
                    SmallText {
                        objectName: "previewStatus"
                        Layout.fillWidth: true
                        visible: root._previewing
                        color: previewPlayer.status === VideoPlayer.Status.Playing ? Theme.ok
                             : previewPlayer.lastError !== "" ? Theme.error : Theme.textMuted
                        text: {
                            switch (previewPlayer.status) {
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
            Item {
                Layout.fillHeight: true
            }
        }
    }

    // Bulk add progress above the buttons: "k of N".
    statusRowVisible: bulk.running
    statusRow: [
        ProgressBar {
            objectName: "bulkProgress"
            Layout.fillWidth: true
            from: 0
            to: Math.max(1, bulk.total)
            value: bulk.done
        },
        SmallText {
            objectName: "bulkProgressText"
            text: qsTr("Adding %1 of %2: %3").arg(Math.min(bulk.done + 1, bulk.total)).arg(bulk.total).arg(bulk.current)
            color: Theme.text
        }
    ]
    buttons: [
        ToolbarButton {
            objectName: "testButton"
            text: qsTr("Test")
            enabled: addressField.text.trim() !== "" && !root._busy
            toolTip: qsTr("Ask the device for its model, streams and picture without adding it")
            onClicked: root.test()
        },
        Item {
            Layout.fillWidth: true
        },
        ToolbarButton {
            objectName: "closeButton"
            text: bulk.running ? qsTr("Stop adding") : qsTr("Close")
            onClicked: {
                if (bulk.running)
                    bulk.cancel();
                else
                    root.close();
            }
        },
        ToolbarButton {
            objectName: "addSelectedButton"
            text: qsTr("Add selected (%1)").arg(discovery.selectedCount)
            enabled: discovery.selectedCount > 0 && !root._busy
            toolTip: qsTr("Test and add every ticked device with the user and password above, one after the other")
            onClicked: root.addSelected()
        },
        ToolbarButton {
            objectName: "addButton"
            text: qsTr("Add")
            accent: true
            enabled: probe.status === OnvifDeviceProbe.Status.Ready && !root._justAdded
            toolTip: qsTr("Add the tested device to the camera list")
            onClicked: root.add()
        }
    ]

    OnvifDeviceProbe {
        id: probe
    }
    OnvifBulkAdder {
        id: bulk
        onFinished: {
            if (bulk.added > 0)
                root.camerasAdded(bulk.added);
        }
    }
    VideoPlayer {
        id: previewPlayer
        videoSink: previewOutput.videoSink
    }
    // After a good test, play the sub-stream; the credentials go to the player, never into the URL.
    Connections {
        target: probe
        function onStatusChanged() {
            if (probe.status === OnvifDeviceProbe.Status.Ready && !root._previewing && String(probe.previewUrl) !== "") {
                root._previewing = true;
                previewPlayer.openUrl(String(probe.previewUrl), userField.text, passwordField.text);
            }
        }
    }
}
