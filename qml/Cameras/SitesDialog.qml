pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Sites
import Vigil.Views

// SitesDialog: the video platforms Vigil reads cameras from (Sites, sites.json). Each site with its state —
// online with its camera count, connecting with progress, or what failed and what to do — and Retry, Edit,
// On/Off and Remove; below, the form to add a site or change the one being edited, with the relay media server
// its cameras are played through (RelayFields), and the relay of the cameras added directly. Passwords and
// secrets are never shown and are cleared when the dialog closes; leaving one empty while editing keeps the
// stored one.
VDialog {
    id: root

    function openBlank() {
        root._clearForm();
        root.open();
        nameField.forceActiveFocus();
    }

    function save() {
        const kind = kindBox.currentValue;
        let id = root._editingId;
        if (id !== "") {
            if (!Sites.updateSite(id, nameField.text, kind, urlField.text, userField.text, passwordField.text))
                id = "";
        } else {
            id = Sites.addSite(nameField.text, kind, urlField.text, userField.text, passwordField.text);
        }
        if (id === "" || !Sites.setSiteRelay(id, relayFields.kind, relayFields.url, relayFields.user,
                                             relayFields.secret, relayFields.rtspPort)) {
            if (id !== "" && root._editingId === "")
                root._editingId = id; // added, but its relay was refused: correct it and save again
            root._error = Sites.lastError;
            return;
        }
        root._clearForm();
    }

    function saveDirectRelay() {
        if (!Sites.setDirectRelay(directRelayFields.kind, directRelayFields.url, directRelayFields.user,
                                  directRelayFields.secret, directRelayFields.rtspPort)) {
            root._error = Sites.lastError;
            return;
        }
        root._error = "";
        directRelayFields.clearSecret();
    }

    function _loadDirectRelay() {
        const r = Sites.directRelay;
        directRelayFields.load(r.kind, r.url, r.user, r.rtspPort);
    }

    // --- private -----------------------------------------------------------------------------------------
    property string _editingId: ""
    property string _error: ""

    function _clearForm() {
        root._editingId = "";
        root._error = "";
        nameField.text = "";
        kindBox.currentIndex = 0;
        urlField.text = "";
        userField.text = "";
        passwordField.text = "";
        relayFields.clear();
    }

    function _edit(siteId: string, name: string, kind: string, url: string, user: string, relayKind: string,
                   relayUrl: string, relayUser: string, relayRtspPort: int) {
        root._editingId = siteId;
        root._error = "";
        nameField.text = name;
        kindBox.currentIndex = Math.max(0, kindBox.indexOfValue(kind));
        urlField.text = url;
        userField.text = user;
        passwordField.text = "";
        relayFields.load(relayKind, relayUrl, relayUser, relayRtspPort);
        nameField.forceActiveFocus();
    }

    function _stateColor(stateName: string): color {
        switch (stateName) {
        case "online":
            return Theme.ok;
        case "connecting":
            return Theme.accent;
        case "disabled":
            return Theme.textFaint;
        case "unreachable":
            return Theme.warning;
        default:
            return Theme.error;
        }
    }

    // What the two secret fields are called on each kind of platform.
    readonly property string _kind: kindBox.currentValue !== undefined ? kindBox.currentValue : "ours"
    readonly property string _userLabel: root._kind === "artemis" ? qsTr("AppKey") : qsTr("User")
    readonly property string _passwordLabel: root._kind === "zlm" ? qsTr("API secret")
                                           : root._kind === "artemis" ? qsTr("AppSecret") : qsTr("Password")

    objectName: "sitesDialog"
    title: qsTr("Platforms (sites)")
    preferredWidth: 820
    onOpened: root._loadDirectRelay()
    onClosed: {
        passwordField.text = "";
        relayFields.clearSecret();
        directRelayFields.clearSecret();
        root._error = "";
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        VLabel {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textMuted
            size: VLabel.Small
            text: qsTr("Cameras of video platforms (a county platform on the Vigil API, ZLMediaKit, WVP-GB28181-pro, Hikvision Artemis) join the camera list under the site's name, beside the cameras added by hand.")
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 300
            color: Theme.window
            border.color: Theme.border
            radius: Theme.radius

            ListView {
                id: siteList
                objectName: "siteList"
                anchors.fill: parent
                anchors.margins: 1
                clip: true
                model: Sites
                spacing: 1
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    id: siteRow
                    required property int index
                    required property string siteId
                    required property string name
                    required property string kind
                    required property string kindName
                    required property string url
                    required property string user
                    required property bool enabled
                    required property string stateName
                    required property string statusText
                    required property int cameraCount
                    required property bool busy
                    required property real progress
                    required property string presentedCertSha256
                    required property string presentedCertText
                    required property string trustedCertText
                    required property string pushState
                    required property string pushText
                    required property string relayKind
                    required property string relayUrl
                    required property string relayUser
                    required property int relayRtspPort
                    readonly property bool certRefused: (stateName === "certificate-not-trusted"
                                                         || pushState === "certificate-not-trusted")
                                                        && presentedCertSha256 !== ""

                    objectName: "siteRow" + index
                    width: ListView.view.width
                    implicitHeight: rowLayout.implicitHeight + Theme.spacing * 2
                    color: root._editingId === siteRow.siteId ? Theme.accentMuted : Theme.panel

                    RowLayout {
                        id: rowLayout
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: Theme.spacing

                        Rectangle {
                            Layout.alignment: Qt.AlignTop
                            Layout.topMargin: 5
                            width: 10
                            height: 10
                            radius: 5
                            color: root._stateColor(siteRow.stateName)
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingTiny
                            VLabel {
                                Layout.fillWidth: true
                                elide: Text.ElideRight
                                font.bold: true
                                text: siteRow.name + "  ·  " + siteRow.kindName
                            }
                            VLabel {
                                Layout.fillWidth: true
                                elide: Text.ElideRight
                                color: Theme.textMuted
                                size: VLabel.Small
                                text: siteRow.url + (siteRow.user !== "" ? "  ·  " + siteRow.user : "")
                            }
                            VLabel {
                                objectName: "siteRelay"
                                Layout.fillWidth: true
                                visible: siteRow.relayKind !== ""
                                elide: Text.ElideRight
                                color: Theme.textMuted
                                size: VLabel.Small
                                text: qsTr("Cameras played through the relay %1 at %2").arg(siteRow.relayKind === "zlm" ? "ZLMediaKit" : "MediaMTX").arg(siteRow.relayUrl)
                            }
                            VLabel {
                                objectName: "siteStatus"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                size: VLabel.Small
                                color: siteRow.stateName === "online" || siteRow.stateName === "connecting"
                                       || siteRow.stateName === "disabled" ? Theme.text : root._stateColor(siteRow.stateName)
                                text: siteRow.statusText
                            }
                            // The push (live patrol units and alarms): its state, or that this kind of
                            // platform has none.
                            VLabel {
                                objectName: "pushStatus"
                                Layout.fillWidth: true
                                visible: siteRow.pushText !== ""
                                wrapMode: Text.Wrap
                                size: VLabel.Small
                                color: siteRow.pushState === "failed" || siteRow.pushState === "certificate-not-trusted"
                                       ? Theme.error
                                       : siteRow.pushState === "reconnecting" ? Theme.warning
                                       : siteRow.pushState === "live" ? Theme.ok : Theme.textMuted
                                text: siteRow.pushText
                            }
                            // The refused certificate's SHA-256, grouped in two lines of 16 bytes, selectable so it
                            // can be read out or pasted to the platform's administrator.
                            RowLayout {
                                objectName: "certificateRow"
                                Layout.fillWidth: true
                                visible: siteRow.certRefused
                                spacing: Theme.spacing
                                VLabel {
                                    Layout.alignment: Qt.AlignTop
                                    size: VLabel.Small
                                    color: Theme.textMuted
                                    text: qsTr("Certificate SHA-256:")
                                }
                                TextEdit {
                                    objectName: "certificateFingerprint"
                                    Layout.fillWidth: true
                                    readOnly: true
                                    selectByMouse: true
                                    color: Theme.text
                                    selectionColor: Theme.accent
                                    font.family: "monospace"
                                    font.pixelSize: 12
                                    text: siteRow.presentedCertText.length > 48
                                          ? siteRow.presentedCertText.substring(0, 47) + "\n"
                                            + siteRow.presentedCertText.substring(48)
                                          : siteRow.presentedCertText
                                }
                            }
                            ToolbarButton {
                                objectName: "trustButton"
                                visible: siteRow.certRefused
                                text: qsTr("Trust this certificate")
                                toolTip: qsTr("Only if this fingerprint is the same as the one the platform's "
                                              + "administrator reads on the server itself (not from this "
                                              + "connection). Vigil then accepts this one certificate for "
                                              + "this site, and no other.")
                                onClicked: {
                                    if (!Sites.trustCertificate(siteRow.siteId, siteRow.presentedCertSha256))
                                        root._error = Sites.lastError;
                                }
                            }
                            VLabel {
                                objectName: "trustedCertificate"
                                Layout.fillWidth: true
                                visible: siteRow.trustedCertText !== "" && !siteRow.certRefused
                                elide: Text.ElideMiddle
                                size: VLabel.Small
                                color: Theme.textMuted
                                text: qsTr("Trusted certificate SHA-256 %1").arg(siteRow.trustedCertText)
                            }
                            ProgressBar {
                                Layout.fillWidth: true
                                visible: siteRow.busy
                                indeterminate: siteRow.progress < 0
                                from: 0
                                to: 1
                                value: Math.max(0, siteRow.progress)
                            }
                        }
                        ToolbarButton {
                            objectName: "retryButton"
                            Layout.alignment: Qt.AlignTop
                            text: qsTr("Retry")
                            enabled: siteRow.enabled && !siteRow.busy
                            toolTip: qsTr("Read this site's cameras again now")
                            onClicked: Sites.refresh(siteRow.siteId)
                        }
                        ToolbarButton {
                            objectName: "editButton"
                            Layout.alignment: Qt.AlignTop
                            text: qsTr("Edit")
                            onClicked: root._edit(siteRow.siteId, siteRow.name, siteRow.kind, siteRow.url, siteRow.user,
                                                  siteRow.relayKind, siteRow.relayUrl, siteRow.relayUser, siteRow.relayRtspPort)
                        }
                        ToolbarButton {
                            objectName: "enableButton"
                            Layout.alignment: Qt.AlignTop
                            text: siteRow.enabled ? qsTr("Turn off") : qsTr("Turn on")
                            toolTip: siteRow.enabled ? qsTr("Stop reading this site; its cameras leave the list")
                                                     : qsTr("Read this site's cameras again")
                            onClicked: Sites.setEnabled(siteRow.siteId, !siteRow.enabled)
                        }
                        ToolbarButton {
                            objectName: "removeButton"
                            Layout.alignment: Qt.AlignTop
                            text: qsTr("Remove")
                            toolTip: qsTr("Forget this site, its password and its cameras")
                            onClicked: {
                                if (root._editingId === siteRow.siteId)
                                    root._clearForm();
                                if (!Sites.removeSite(siteRow.siteId))
                                    root._error = Sites.lastError;
                            }
                        }
                    }
                }
            }
            VLabel {
                objectName: "noSitesHint"
                anchors.centerIn: parent
                width: parent.width - Theme.spacingLarge * 2
                visible: Sites.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.textFaint
                text: qsTr("No platform yet. Add one below with its address and login; its cameras then appear in the camera list.")
            }
        }

        VLabel {
            Layout.topMargin: Theme.spacing
            font.bold: true
            text: root._editingId !== "" ? qsTr("Change the site") : qsTr("Add a site")
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 4
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing

            FieldLabel { text: qsTr("Name") }
            VTextField {
                id: nameField
                objectName: "siteNameField"
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. County platform")
            }
            FieldLabel { text: qsTr("Kind") }
            VComboBox {
                id: kindBox
                objectName: "siteKindBox"
                Layout.fillWidth: true
                model: Sites.kinds
                textRole: "name"
                valueRole: "kind"
            }
            FieldLabel { text: qsTr("Address") }
            VTextField {
                id: urlField
                objectName: "siteUrlField"
                Layout.fillWidth: true
                Layout.columnSpan: 3
                placeholderText: "https://10.1.2.3:8443"
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            }
            FieldLabel { text: root._userLabel; visible: root._kind !== "zlm" }
            VTextField {
                id: userField
                objectName: "siteUserField"
                Layout.fillWidth: true
                visible: root._kind !== "zlm"
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
            }
            FieldLabel { text: root._passwordLabel }
            VTextField {
                id: passwordField
                objectName: "sitePasswordField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                placeholderText: root._editingId !== "" ? qsTr("Unchanged") : ""
            }
        }
        RelayFields {
            id: relayFields
            objectName: "siteRelayFields"
            Layout.fillWidth: true
            editing: root._editingId !== ""
        }
        VLabel {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textMuted
            size: VLabel.Small
            text: qsTr("A relay (ZLMediaKit or MediaMTX) pulls each camera once and every PC plays it from the relay, so cameras do not run out of RTSP sessions. Without a relay, cameras are played directly.")
        }

        VLabel {
            Layout.topMargin: Theme.spacing
            font.bold: true
            text: qsTr("Relay for cameras added directly")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            RelayFields {
                id: directRelayFields
                objectName: "directRelayFields"
                Layout.fillWidth: true
                editing: Sites.directRelay.kind !== ""
            }
            ToolbarButton {
                objectName: "saveDirectRelayButton"
                Layout.alignment: Qt.AlignTop
                text: qsTr("Save relay")
                onClicked: root.saveDirectRelay()
            }
        }
        VLabel {
            objectName: "sitesError"
            Layout.fillWidth: true
            visible: root._error !== "" || Sites.loadError !== ""
            text: root._error !== "" ? root._error : Sites.loadError
            color: Theme.error
            wrapMode: Text.Wrap
            size: VLabel.Small
        }
    }

    buttons: [
        ToolbarButton {
            objectName: "cancelEditButton"
            visible: root._editingId !== ""
            text: qsTr("Cancel the change")
            onClicked: root._clearForm()
        },
        Item { Layout.fillWidth: true },
        ToolbarButton {
            objectName: "closeButton"
            text: qsTr("Close")
            onClicked: root.close()
        },
        ToolbarButton {
            objectName: "saveSiteButton"
            text: root._editingId !== "" ? qsTr("Save") : qsTr("Add site")
            accent: true
            enabled: urlField.text.trim() !== ""
            onClicked: root.save()
        }
    ]
}
