import QtQuick
import QtQuick.Layouts
import Vigil.Views

// Banner: a persistent message across the top of the wall (a damaged config, a failed save, a start-up
// failure). Shown while `text` is set and not dismissed; a new text shows it again.
Rectangle {
    id: root

    property string text: ""
    property bool error: false

    // --- private ---------------------------------------------------------------------------------------
    property string _dismissedText: ""

    visible: root.text !== "" && root.text !== root._dismissedText
    implicitHeight: row.implicitHeight + Theme.spacing * 2
    color: root.error ? Theme.errorBackground : Theme.warningBackground
    border.color: root.error ? Theme.error : Theme.warning
    border.width: 1
    radius: Theme.radius

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Rectangle {
            Layout.alignment: Qt.AlignTop
            Layout.topMargin: 4
            implicitWidth: 8
            implicitHeight: 8
            radius: 4
            color: root.error ? Theme.error : Theme.warning
        }
        VLabel {
            objectName: "bannerText"
            Layout.fillWidth: true
            text: root.text
            wrapMode: Text.Wrap
        }
        ToolbarButton {
            Layout.alignment: Qt.AlignTop
            text: qsTr("Dismiss")
            onClicked: root._dismissedText = root.text
        }
    }
}
