pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Vigil.Access
import Vigil.Views

// UsersAuditView (administrators): the local users — add, remove, set the role, reset the password — and the
// audit log as a table filtered by time, user and kind, exported as CSV. The rules (who may do what, the last
// administrator, password length) are Access's (C++); this view only shows and asks.
Rectangle {
    id: root

    signal notify(string text, bool isError)

    // Reads the audit log again with the filters.
    function refresh() {
        const range = root._range();
        Access.queryAudit(range[0], range[1], userFilter.text, kindFilter.currentValue ?? "");
    }

    // [fromMs, toMs] of the time filter (0 = no bound).
    function _range(): var {
        const now = Date.now();
        switch (timeFilter.currentValue) {
        case "hour":
            return [now - 3600 * 1000, 0];
        case "day":
            return [now - 24 * 3600 * 1000, 0];
        case "week":
            return [now - 7 * 24 * 3600 * 1000, 0];
        case "custom": {
            const from = Date.parse(fromField.text.replace(" ", "T"));
            const to = Date.parse(toField.text.replace(" ", "T"));
            return [isNaN(from) ? 0 : from, isNaN(to) ? 0 : to];
        }
        default:
            return [0, 0];
        }
    }
    function _kindText(kind: string): string {
        switch (kind) {
        case "login":
            return qsTr("Login");
        case "logout":
            return qsTr("Logout");
        case "users":
            return qsTr("Users");
        case "wall":
            return qsTr("Wall");
        case "ptz":
            return qsTr("PTZ");
        case "playback":
            return qsTr("Playback");
        case "export":
            return qsTr("Export");
        case "alarm":
            return qsTr("Alarm");
        case "audit":
            return qsTr("Audit log");
        case "exit":
            return qsTr("Exit");
        default:
            return kind;
        }
    }
    // The kind filter's choices: every kind, then each kind Vigil writes.
    function _kindModel(): var {
        const out = [{ value: "", text: qsTr("Every kind") }];
        const kinds = Access.kinds();
        for (let i = 0; i < kinds.length; ++i)
            out.push({ value: kinds[i], text: root._kindText(kinds[i]) });
        return out;
    }
    function _show(error: string, done: string) {
        if (error !== "")
            root.notify(error, true);
        else
            root.notify(done, false);
    }

    color: Theme.window
    Component.onCompleted: root.refresh()
    // Read again whenever the page is shown (entries keep coming while it is hidden).
    onVisibleChanged: if (visible) root.refresh()

    Connections {
        target: Access
        function onExportFinished(ok: bool, message: string) {
            root.notify(message, !ok);
            root.refresh();
        }
        function onStateChanged() {
            root.refresh();
        }
        // New entries: read again shortly (coalesced), when shown and scrolled to the newest.
        function onAuditWritten() {
            if (root.visible && auditList.atYBeginning && timeFilter.currentValue !== "custom")
                newEntries.restart();
        }
    }
    Timer {
        id: newEntries
        interval: 1000
        onTriggered: root.refresh()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacingLarge

        // --- users -------------------------------------------------------------------------------------
        ColumnLayout {
            Layout.preferredWidth: 420
            Layout.fillHeight: true
            spacing: Theme.spacing

            VLabel {
                text: qsTr("Users")
                size: VLabel.Large
                font.bold: true
            }
            VLabel {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                text: Access.hasUsers ? qsTr("Vigil asks for a login at start. Administrators manage users; operators steer, play back and export; viewers watch.")
                                      : qsTr("No users yet: Vigil starts without a login. Add an administrator first; from then on Vigil asks for a login at start.")
            }
            Banner {
                Layout.fillWidth: true
                text: Access.usersError
                error: true
            }
            ListView {
                id: userList
                objectName: "userList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Access.users
                spacing: Theme.spacingTiny
                delegate: Rectangle {
                    id: userRow
                    required property var modelData
                    width: ListView.view.width
                    height: Theme.rowHeightTwoLines
                    color: Theme.panel
                    radius: Theme.radius
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacing
                        anchors.rightMargin: Theme.spacing
                        spacing: Theme.spacing
                        VLabel {
                            Layout.fillWidth: true
                            text: userRow.modelData.you ? qsTr("%1 (you)").arg(userRow.modelData.name) : userRow.modelData.name
                            elide: Text.ElideRight
                        }
                        VComboBox {
                            objectName: "roleOf_" + userRow.modelData.name
                            model: Access.roles
                            textRole: "name"
                            valueRole: "word"
                            implicitWidth: 140
                            Component.onCompleted: currentIndex = indexOfValue(userRow.modelData.role)
                            onActivated: {
                                const error = Access.setRole(userRow.modelData.name, currentValue);
                                root._show(error, qsTr("“%1” is now: %2.").arg(userRow.modelData.name).arg(currentText));
                                if (error !== "")
                                    currentIndex = indexOfValue(userRow.modelData.role);
                            }
                        }
                        ToolbarButton {
                            text: qsTr("Password…")
                            toolTip: qsTr("Set a new password for this user")
                            onClicked: {
                                passwordDialog.userName = userRow.modelData.name;
                                passwordDialog.open();
                            }
                        }
                        ToolbarButton {
                            objectName: "remove_" + userRow.modelData.name
                            text: qsTr("Remove")
                            onClicked: root._show(Access.removeUser(userRow.modelData.name),
                                                  qsTr("User “%1” removed.").arg(userRow.modelData.name))
                        }
                    }
                }
            }
            // Add a user.
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacingSmall
                FieldLabel {
                    text: qsTr("Name")
                }
                VTextField {
                    id: newName
                    objectName: "newUserName"
                    Layout.fillWidth: true
                    placeholderText: qsTr("New user's name")
                }
                FieldLabel {
                    text: qsTr("Role")
                }
                VComboBox {
                    id: newRole
                    objectName: "newUserRole"
                    Layout.fillWidth: true
                    model: Access.roles
                    textRole: "name"
                    valueRole: "word"
                    // The first user must be an administrator; afterwards operators are the common case.
                    currentIndex: Access.hasUsers ? 1 : 0
                }
                FieldLabel {
                    text: qsTr("Password")
                }
                VTextField {
                    id: newPassword
                    objectName: "newUserPassword"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    placeholderText: qsTr("At least 8 characters")
                }
            }
            ToolbarButton {
                objectName: "addUserButton"
                Layout.alignment: Qt.AlignRight
                text: qsTr("Add user")
                accent: true
                enabled: newName.text.trim() !== "" && newPassword.text !== ""
                onClicked: {
                    const error = Access.addUser(newName.text, newRole.currentValue, newPassword.text);
                    root._show(error, qsTr("User “%1” added.").arg(newName.text.trim()));
                    if (error === "") {
                        newName.text = "";
                        newPassword.text = "";
                    }
                }
            }
        }

        Rectangle {
            Layout.preferredWidth: 1
            Layout.fillHeight: true
            color: Theme.border
        }

        // --- audit log ---------------------------------------------------------------------------------
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            VLabel {
                text: qsTr("Audit log")
                size: VLabel.Large
                font.bold: true
            }
            Banner {
                Layout.fillWidth: true
                text: Access.auditError
                error: true
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                VComboBox {
                    id: timeFilter
                    objectName: "auditTime"
                    implicitWidth: 150
                    textRole: "text"
                    valueRole: "value"
                    model: [
                        { value: "day", text: qsTr("Last 24 hours") },
                        { value: "hour", text: qsTr("Last hour") },
                        { value: "week", text: qsTr("Last 7 days") },
                        { value: "all", text: qsTr("Everything") },
                        { value: "custom", text: qsTr("From … to …") }
                    ]
                    onActivated: root.refresh()
                }
                VTextField {
                    id: fromField
                    visible: timeFilter.currentValue === "custom"
                    implicitWidth: 140
                    placeholderText: qsTr("2026-12-01 08:00")
                    onAccepted: root.refresh()
                }
                VTextField {
                    id: toField
                    visible: timeFilter.currentValue === "custom"
                    implicitWidth: 140
                    placeholderText: qsTr("2026-12-02 08:00")
                    onAccepted: root.refresh()
                }
                VTextField {
                    id: userFilter
                    objectName: "auditUser"
                    implicitWidth: 140
                    placeholderText: qsTr("Any user")
                    onAccepted: root.refresh()
                }
                VComboBox {
                    id: kindFilter
                    objectName: "auditKind"
                    implicitWidth: 140
                    textRole: "text"
                    valueRole: "value"
                    model: root._kindModel()
                    onActivated: root.refresh()
                }
                ToolbarButton {
                    text: qsTr("Refresh")
                    enabled: !Access.querying
                    onClicked: root.refresh()
                }
                Item {
                    Layout.fillWidth: true
                }
                ToolbarButton {
                    objectName: "exportCsvButton"
                    text: qsTr("Export CSV…")
                    toolTip: qsTr("Every entry that matches the filters, as a CSV file for a spreadsheet")
                    onClicked: csvDialog.open()
                }
            }
            // Header of the table.
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                component HeaderText: VLabel {
                    color: Theme.textMuted
                    size: VLabel.Small
                    font.bold: true
                }
                HeaderText {
                    Layout.preferredWidth: 150
                    text: qsTr("Time")
                }
                HeaderText {
                    Layout.preferredWidth: 110
                    text: qsTr("User")
                }
                HeaderText {
                    Layout.preferredWidth: 80
                    text: qsTr("Kind")
                }
                HeaderText {
                    Layout.fillWidth: true
                    text: qsTr("What")
                }
            }
            ListView {
                id: auditList
                objectName: "auditList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Access.audit
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    id: auditRow
                    required property int index
                    required property string timeText
                    required property string user
                    required property string kind
                    required property string detail
                    required property bool refused
                    width: ListView.view.width
                    height: Theme.rowHeight
                    color: auditRow.index % 2 === 0 ? Theme.panel : Theme.window
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacingSmall
                        spacing: Theme.spacing
                        VLabel {
                            Layout.preferredWidth: 150
                            text: auditRow.timeText
                            font.family: Theme.monoFamily
                            size: VLabel.Small
                        }
                        VLabel {
                            Layout.preferredWidth: 110
                            text: auditRow.user
                            elide: Text.ElideRight
                        }
                        VLabel {
                            Layout.preferredWidth: 80
                            text: root._kindText(auditRow.kind)
                            color: Theme.textMuted
                        }
                        VLabel {
                            Layout.fillWidth: true
                            text: auditRow.refused ? qsTr("Refused: %1").arg(auditRow.detail) : auditRow.detail
                            color: auditRow.refused ? Theme.error : Theme.text
                            elide: Text.ElideRight
                        }
                    }
                }
                VLabel {
                    anchors.centerIn: parent
                    visible: auditList.count === 0
                    text: Access.querying ? qsTr("Reading the audit log…") : qsTr("No entries match the filters.")
                    color: Theme.textFaint
                }
            }
            VLabel {
                text: Access.audit.count >= 2000 ? qsTr("The newest 2000 entries are shown; narrow the filters or export CSV for all of them.")
                                                 : qsTr("%1 entries").arg(Access.audit.count)
                color: Theme.textFaint
                size: VLabel.Small
            }
        }
    }

    FileDialog {
        id: csvDialog
        title: qsTr("Export the audit log as CSV")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("CSV files (*.csv)")]
        defaultSuffix: "csv"
        onAccepted: {
            const range = root._range();
            Access.exportAuditCsv(csvDialog.selectedFile, range[0], range[1], userFilter.text, kindFilter.currentValue ?? "");
        }
    }

    VDialog {
        id: passwordDialog
        property string userName: ""
        title: qsTr("New password for “%1”").arg(passwordDialog.userName)
        preferredWidth: 420
        onOpened: {
            resetField.text = "";
            resetField.forceActiveFocus();
        }
        buttons: [
            Item {
                Layout.fillWidth: true
            },
            ToolbarButton {
                text: qsTr("Cancel")
                onClicked: passwordDialog.close()
            },
            ToolbarButton {
                text: qsTr("Set password")
                accent: true
                enabled: resetField.text !== ""
                onClicked: {
                    const error = Access.resetPassword(passwordDialog.userName, resetField.text);
                    root._show(error, qsTr("The password of “%1” was changed.").arg(passwordDialog.userName));
                    if (error === "")
                        passwordDialog.close();
                }
            }
        ]
        VTextField {
            id: resetField
            anchors.left: parent.left
            anchors.right: parent.right
            echoMode: TextInput.Password
            placeholderText: qsTr("At least 8 characters")
        }
    }
}
