import QtQuick
import Vigil.Views

// Toast: a short message at the bottom of the window (snapshot saved, snapshot failed). The timer is UI only:
// it hides the message, it decides nothing.
Rectangle {
    id: root

    property bool error: false

    function show(message: string, isError: bool) {
        label.text = message;
        root.error = isError;
        root.opacity = 1;
        hideTimer.restart();
    }

    objectName: "toast"
    visible: opacity > 0
    opacity: 0
    width: Math.min(label.implicitWidth + Theme.spacingLarge * 2, (parent ? parent.width : 600) - 2 * Theme.popupMargin)
    height: label.implicitHeight + Theme.spacing * 2
    radius: Theme.radius
    color: Theme.panelRaised
    border.color: root.error ? Theme.error : Theme.borderStrong
    border.width: 1

    Behavior on opacity {
        NumberAnimation { duration: Theme.animationFast }
    }

    VLabel {
        id: label
        objectName: "toastText"
        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: Theme.spacingLarge
        anchors.rightMargin: Theme.spacingLarge
        color: root.error ? Theme.error : Theme.text
        wrapMode: Text.Wrap
        verticalAlignment: Text.AlignVCenter
    }
    Timer {
        id: hideTimer
        interval: Theme.toastMs
        onTriggered: root.opacity = 0
    }
}
