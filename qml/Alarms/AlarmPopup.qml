pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Vigil.Access
import Vigil.Alarms
import Vigil.Cameras
import Vigil.Views

// AlarmPopup: the newest alarm at the bottom right of the window, with a tone (made at build time from the
// ffmpeg CLI, qml/CMakeLists.txt). Not modal: the wall keeps working under it. Acknowledge acts at once;
// "Open in the list" shows it in the alarm list; × closes the pop-up (the alarm stays new).
Popup {
    id: root

    // The list should open this alarm.
    signal openInList(double alarmId)
    // The map should show this alarm (after a dispatch: the unit on its way).
    signal showOnMap(double alarmId)

    // Shows an alarm (Alarms.alarmRaised) and plays the tone.
    function showAlarm(alarmId: double, type: string, source: string, cameraId: string, position: string,
                       priority: int, text: string) {
        root._alarmId = alarmId;
        root._type = type;
        root._source = source;
        root._place = cameraId !== "" ? (Cameras.nameOf(cameraId) !== "" ? Cameras.nameOf(cameraId) : cameraId) : position;
        root._priority = priority;
        root._text = text;
        root._time = Qt.formatTime(new Date(), "hh:mm:ss");
        root._shownCount += 1;
        const place = Alarms.placeOf(alarmId);
        root._latitude = place.valid ? place.latitude : NaN;
        root._longitude = place.valid ? place.longitude : NaN;
        root.open();
        if (sound.status === SoundEffect.Ready)
            sound.play();
    }

    // --- private -----------------------------------------------------------------------------------------
    property double _alarmId: -1
    property string _type
    property string _source
    property string _place
    property int _priority: 3
    property string _text
    property string _time
    property int _shownCount: 0
    property real _latitude: NaN
    property real _longitude: NaN

    objectName: "alarmPopup"
    // Bottom right, above the status bar: the filters and the newest rows stay visible.
    x: parent ? parent.width - width - Theme.popupMargin : 0
    y: parent ? parent.height - height - Theme.statusBarHeight - Theme.popupMargin : 0
    width: 420
    padding: Theme.spacingLarge
    modal: false
    focus: false
    closePolicy: Popup.NoAutoClose

    onClosed: root._shownCount = 0

    SoundEffect {
        id: sound
        source: "qrc:/vigil/sounds/alarm.wav"
        volume: 0.8
    }

    background: Rectangle {
        color: Theme.panelRaised
        radius: Theme.radius
        border.width: 2
        border.color: root._priority >= 4 ? Theme.error : Theme.warning
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        RowLayout {
            Layout.fillWidth: true
            VLabel {
                objectName: "alarmPopupTitle"
                Layout.fillWidth: true
                text: qsTr("Alarm: %1").arg(root._type === "motion" ? qsTr("Motion") : root._type === "tamper" ? qsTr("Tamper") : root._type === "digital-input" ? qsTr("Alarm input") : root._type)
                size: VLabel.Large
                color: root._priority >= 4 ? Theme.error : Theme.warning
                elide: Text.ElideRight
            }
            VLabel {
                text: qsTr("Priority %1").arg(root._priority)
                color: Theme.textMuted
            }
            ToolbarButton {
                objectName: "alarmPopupClose"
                text: "×"
                toolTip: qsTr("Close (the alarm stays new in the list)")
                onClicked: root.close()
            }
        }
        VLabel {
            Layout.fillWidth: true
            text: qsTr("%1 — from %2 at %3").arg(root._place).arg(root._source).arg(root._time)
            wrapMode: Text.Wrap
        }
        VLabel {
            Layout.fillWidth: true
            visible: root._text !== ""
            text: root._text
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }
        VLabel {
            visible: root._shownCount > 1
            text: qsTr("%1 more new alarms in the list").arg(root._shownCount - 1)
            color: Theme.textFaint
            size: VLabel.Small
        }
        NearestUnits {
            objectName: "alarmPopupUnits"
            Layout.fillWidth: true
            visible: root.opened && !isNaN(root._latitude)
            alarmId: root._alarmId
            latitude: root._latitude
            longitude: root._longitude
            count: 3
            compact: true
            onDispatched: root.showOnMap(root._alarmId)
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            ToolbarButton {
                objectName: "alarmPopupAcknowledge"
                text: qsTr("Acknowledge")
                enabled: Access.canHandleAlarms
                accent: true
                onClicked: {
                    Alarms.acknowledge(root._alarmId, "");
                    root.close();
                }
            }
            ToolbarButton {
                objectName: "alarmPopupOpen"
                text: qsTr("Open in the list")
                onClicked: {
                    root.openInList(root._alarmId);
                    root.close();
                }
            }
        }
    }
}
