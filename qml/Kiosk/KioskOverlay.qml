pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.App
import Vigil.Views

// KioskOverlay: what kiosk mode adds over the wall of the console window (Main.qml loads it only in kiosk
// mode) — the title and a clock for a public display, and the one way out: the PIN pad, opened by holding
// the top-left corner for two seconds (a hidden hot corner: touch screens too) or by Ctrl+Alt+Shift+K. The
// PIN is checked by Session.kioskLock (C++: hashing on a worker, the growing wait after wrong PINs); the
// right PIN quits Vigil. The window is kept full screen. Thread: GUI.
Item {
    id: root

    // --- exposed for tests -------------------------------------------------------------------------------
    readonly property alias pinPad: pinPad

    function openPinPad() {
        pinField.text = "";
        Session.kioskLock.clearMessage();
        pinPad.open();
    }

    // --- private -----------------------------------------------------------------------------------------
    readonly property KioskLock _lock: Session.kioskLock
    property date _now: new Date()

    objectName: "kioskOverlay"

    // The window stays full screen whatever asks otherwise (a window manager's key, a double-click on a
    // title bar the window does not have).
    Connections {
        target: root.Window.window
        function onVisibilityChanged() {
            const w = root.Window.window;
            if (w && w.visibility !== Window.FullScreen && w.visibility !== Window.Hidden)
                w.showFullScreen();
        }
    }

    // Title, top centre.
    Rectangle {
        objectName: "kioskTitlePlate"
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.topMargin: Theme.spacingLarge
        width: titleText.implicitWidth + Theme.spacingLarge * 3
        height: titleText.implicitHeight + Theme.spacing * 2
        radius: Theme.radius
        color: Theme.overlay
        Text {
            id: titleText
            objectName: "kioskTitle"
            anchors.centerIn: parent
            text: Session.kioskTitle
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Math.max(Theme.fontSizeHuge, root.height / 24)
            font.bold: true
        }
    }

    // Clock, bottom right (the tiles' names are bottom left).
    Rectangle {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingLarge
        width: clockColumn.implicitWidth + Theme.spacingLarge * 2
        height: clockColumn.implicitHeight + Theme.spacing * 2
        radius: Theme.radius
        color: Theme.overlay
        Column {
            id: clockColumn
            anchors.centerIn: parent
            Text {
                objectName: "kioskClock"
                anchors.horizontalCenter: parent.horizontalCenter
                text: Qt.formatTime(root._now, "hh:mm:ss")
                color: Theme.text
                font.family: Theme.monoFamily
                font.pixelSize: Math.max(Theme.fontSizeHuge, root.height / 20)
                font.bold: true
            }
            Text {
                objectName: "kioskDate"
                anchors.horizontalCenter: parent.horizontalCenter
                text: root._now.toLocaleDateString(Qt.locale(), Locale.LongFormat)
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSize
            }
        }
    }
    Timer {
        interval: 1000
        running: true
        repeat: true
        triggeredOnStart: true
        onTriggered: root._now = new Date()
    }

    // The hidden hot corner: hold two seconds.
    MouseArea {
        objectName: "kioskHotCorner"
        anchors.left: parent.left
        anchors.top: parent.top
        width: 64
        height: 64
        acceptedButtons: Qt.LeftButton
        pressAndHoldInterval: 2000
        onPressAndHold: root.openPinPad()
    }
    Shortcut {
        objectName: "kioskPinShortcut"
        sequence: "Ctrl+Alt+Shift+K"
        enabled: !pinPad.visible
        onActivated: root.openPinPad()
    }

    Popup {
        id: pinPad
        objectName: "kioskPinPad"
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        focus: true
        padding: Theme.spacingLarge
        closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
        onOpened: pinField.forceActiveFocus()
        onClosed: pinField.text = ""
        background: Rectangle {
            radius: Theme.radius
            color: Theme.panelRaised
            border.color: Theme.border
        }

        // A pad left open on a public display closes by itself.
        Timer {
            id: idle
            interval: 30000
            running: pinPad.visible && !root._lock.busy
            onTriggered: pinPad.close()
        }
        Connections {
            target: root._lock
            function onRejected() {
                pinField.text = "";
                idle.restart();
            }
        }

        ColumnLayout {
            spacing: Theme.spacing
            VLabel {
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("Enter the kiosk PIN to leave kiosk mode")
                font.bold: true
            }
            TextField {
                id: pinField
                objectName: "kioskPinField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                validator: RegularExpressionValidator {
                    regularExpression: /[0-9]{0,12}/
                }
                horizontalAlignment: TextInput.AlignHCenter
                font.pixelSize: Theme.fontSizeHuge
                enabled: !root._lock.busy
                onTextEdited: idle.restart()
                onAccepted: {
                    if (pinField.text.length > 0 && root._lock.waitSeconds === 0)
                        root._lock.submit(pinField.text);
                }
            }
            GridLayout {
                Layout.alignment: Qt.AlignHCenter
                columns: 3
                rowSpacing: Theme.spacingSmall
                columnSpacing: Theme.spacingSmall
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                    delegate: Button {
                        id: key
                        required property string modelData
                        objectName: key.modelData === "OK" ? "kioskPinOk" : "kioskPinKey_" + key.modelData
                        Layout.preferredWidth: 88
                        Layout.preferredHeight: 64
                        focusPolicy: Qt.NoFocus
                        text: key.modelData === "OK" ? qsTr("OK") : key.modelData
                        font.pixelSize: Theme.fontSizeLarge
                        enabled: !root._lock.busy && (key.modelData !== "OK" || (pinField.text.length > 0 && root._lock.waitSeconds === 0))
                        onClicked: {
                            idle.restart();
                            if (key.modelData === "OK")
                                root._lock.submit(pinField.text);
                            else if (key.modelData === "⌫")
                                pinField.remove(pinField.text.length - 1, pinField.text.length);
                            else if (pinField.text.length < 12)
                                pinField.insert(pinField.text.length, key.modelData);
                        }
                    }
                }
            }
            VLabel {
                objectName: "kioskPinMessage"
                Layout.fillWidth: true
                Layout.preferredWidth: 280
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: text !== ""
                text: root._lock.waitSeconds > 0 ? qsTr("Too many wrong PINs. Next try in %n second(s).", "", root._lock.waitSeconds) : root._lock.message
                color: root._lock.failures > 0 && !root._lock.isUnlocked ? Theme.error : Theme.textMuted
            }
        }
    }
}
