import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Access
import Vigil.Views

// LoginDialog: asks for a user name and password while Access.loginRequired (users exist and nobody is logged
// in). It cannot be closed without logging in; the password is checked by Access on a worker (Argon2id) and
// a wrong one says so; from the third wrong one in a row the button counts down the wait before the next try
// (Access.loginWaitSeconds). A damaged users file is explained here, since nobody can log in then.
VDialog {
    id: root

    objectName: "loginDialog"
    title: qsTr("Log in to Vigil")
    preferredWidth: 420
    closePolicy: Popup.NoAutoClose
    // Opaque: nobody sees the cameras before logging in.
    Overlay.modal: Rectangle {
        color: Theme.wallBackground
    }

    function _submit() {
        if (Access.checking || Access.loginWaitSeconds > 0)
            return;
        root._message = "";
        Access.login(nameField.text, passwordField.text);
    }

    property string _message: ""

    onOpened: {
        root._message = "";
        passwordField.text = "";
        nameField.forceActiveFocus();
    }

    Connections {
        target: Access
        function onLoginFinished(ok: bool, message: string) {
            passwordField.text = "";
            if (ok) {
                root.close();
            } else {
                root._message = message;
                passwordField.forceActiveFocus();
            }
        }
    }

    buttons: [
        BusyIndicator {
            running: Access.checking
            visible: Access.checking
            Layout.preferredWidth: Theme.busyIndicatorSize
            Layout.preferredHeight: Theme.busyIndicatorSize
        },
        Item {
            Layout.fillWidth: true
        },
        ToolbarButton {
            objectName: "loginButton"
            text: Access.checking ? qsTr("Checking…")
                                  : Access.loginWaitSeconds > 0 ? qsTr("Wait %n s", "", Access.loginWaitSeconds)
                                                                : qsTr("Log in")
            accent: true
            enabled: !Access.checking && Access.loginWaitSeconds === 0 && nameField.text.trim() !== ""
                     && passwordField.text !== ""
            onClicked: root._submit()
        }
    ]

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        VLabel {
            Layout.fillWidth: true
            text: qsTr("This PC has users: log in with your name and password.")
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing
            FieldLabel {
                text: qsTr("User")
            }
            VTextField {
                id: nameField
                objectName: "loginName"
                Layout.fillWidth: true
                placeholderText: qsTr("User name")
                onAccepted: passwordField.forceActiveFocus()
            }
            FieldLabel {
                text: qsTr("Password")
            }
            VTextField {
                id: passwordField
                objectName: "loginPassword"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                placeholderText: qsTr("Password")
                onAccepted: root._submit()
            }
        }
        VLabel {
            objectName: "loginMessage"
            Layout.fillWidth: true
            visible: text !== ""
            text: Access.usersError !== "" ? Access.usersError : root._message
            color: Theme.error
            wrapMode: Text.WordWrap
        }
    }
}
