pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Access
import Vigil.Alarms
import Vigil.App
import Vigil.Cameras
import Vigil.Views

// AlarmsView: every alarm (ONVIF events, the webhook, ...) newest first, filtered by state, least priority
// and source; a click opens an alarm to acknowledge it, mark it handled or a false alarm, with a note.
// The states, notes and who did what are stored by the C++ store (Alarms.store).
Rectangle {
    id: root

    // The operator wants a camera on the wall (the window's openLive).
    signal openLive(string cameraId)
    // Trace back: play these cameras' recordings together from recording time atMs.
    signal traceBack(var cameraIds, real atMs)
    // The operator wants the alarm on the map (and the unit sent to it followed there).
    signal showOnMap(double alarmId)
    // An administrator wants to edit the linkage rules (the window opens its RulesDialog).
    signal rulesRequested

    // The alarm opened in the list (-1: none). Set by the pop-up's "Show in the list" too.
    property double selectedId: -1

    // A word of the alarm's type for the operator: ONVIF's kinds are translated, other senders' types shown
    // as they sent them.
    function typeText(type: string): string {
        switch (type) {
        case "motion":
            return qsTr("Motion");
        case "tamper":
            return qsTr("Tamper");
        case "digital-input":
            return qsTr("Alarm input");
        default:
            return type;
        }
    }
    function stateText(state: string): string {
        switch (state) {
        case "new":
            return qsTr("New");
        case "acknowledged":
            return qsTr("Acknowledged");
        case "handled":
            return qsTr("Handled");
        case "false-alarm":
            return qsTr("False alarm");
        default:
            return state;
        }
    }
    function placeText(cameraId: string, hasPosition: bool, lat: double, lon: double): string {
        // Cameras.count: the name again once the directory has the camera (the demo's come after the alarm).
        if (cameraId !== "" && Cameras.count >= 0) {
            const name = Cameras.nameOf(cameraId);
            return name !== "" ? name : cameraId;
        }
        return hasPosition ? qsTr("%1, %2").arg(lat.toFixed(5)).arg(lon.toFixed(5)) : "";
    }
    // Place, zone and text, the empty ones left out.
    function detailText(place: string, zone: string, text: string): string {
        let parts = [];
        for (const part of [place, zone, text]) {
            if (part !== "")
                parts.push(part);
        }
        return parts.join(" · ");
    }
    function priorityColor(priority: int): color {
        return priority >= 5 ? Theme.error : priority >= 4 ? Theme.warning : priority >= 3 ? Theme.info : Theme.textMuted;
    }

    objectName: "alarmsView"
    color: Theme.window

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        // --- filters -------------------------------------------------------------------------------------
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            VLabel {
                text: qsTr("Alarms")
                size: VLabel.Large
            }
            VLabel {
                objectName: "alarmCounts"
                text: qsTr("%1 new, %2 shown").arg(Alarms.store.newCount).arg(Alarms.filtered.count)
                color: Theme.textMuted
                size: VLabel.Small
            }
            Item {
                Layout.preferredWidth: Theme.spacingLarge
            }
            Row {
                spacing: Theme.spacingTiny
                Repeater {
                    // [filter word, label]
                    model: [["open", qsTr("Open")], ["new", qsTr("New")], ["acknowledged", qsTr("Acknowledged")],
                        ["handled", qsTr("Handled")], ["false-alarm", qsTr("False alarm")], ["", qsTr("All")]]
                    delegate: ToolbarButton {
                        id: stateButton
                        required property var modelData
                        objectName: "stateFilter_" + (stateButton.modelData[0] !== "" ? stateButton.modelData[0] : "all")
                        text: stateButton.modelData[1]
                        checkable: true
                        checked: Alarms.filtered.stateFilter === stateButton.modelData[0]
                        onClicked: Alarms.filtered.stateFilter = stateButton.modelData[0]
                    }
                }
            }
            VLabel {
                text: qsTr("Priority at least")
                color: Theme.textMuted
                size: VLabel.Small
            }
            Row {
                spacing: Theme.spacingTiny
                Repeater {
                    model: 5
                    delegate: ToolbarButton {
                        id: priorityButton
                        required property int index
                        objectName: "priorityFilter_" + (priorityButton.index + 1)
                        text: String(priorityButton.index + 1)
                        checkable: true
                        checked: Alarms.filtered.minPriority === priorityButton.index + 1
                        onClicked: Alarms.filtered.minPriority = priorityButton.index + 1
                    }
                }
            }
            VTextField {
                id: sourceField
                objectName: "sourceFilter"
                Layout.preferredWidth: Theme.sidePanelWidth
                placeholderText: qsTr("Source contains…")
                onTextChanged: Alarms.filtered.sourceFilter = sourceField.text
            }
            Item {
                Layout.fillWidth: true
            }
            ToolbarButton {
                objectName: "rulesButton"
                visible: Access.canSettings
                text: qsTr("Linkage rules… (%1)").arg(Alarms.ruleCount)
                toolTip: qsTr("What the wall, PTZ cameras and recording do when an alarm comes: edit and test the rules")
                onClicked: root.rulesRequested()
            }
        }

        Banner {
            objectName: "alarmStoreNotice"
            Layout.fillWidth: true
            text: Alarms.store.notice
        }
        Banner {
            objectName: "alarmStoreError"
            Layout.fillWidth: true
            text: Alarms.store.lastError
            error: true
        }
        Banner {
            objectName: "alarmRulesError"
            Layout.fillWidth: true
            text: Alarms.rulesError
            error: true
        }

        // --- the list ------------------------------------------------------------------------------------
        ListView {
            id: list
            objectName: "alarmList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 1
            model: Alarms.filtered
            ScrollBar.vertical: ScrollBar {}

            VLabel {
                anchors.centerIn: parent
                visible: list.count === 0
                text: Alarms.store.count === 0 ? qsTr("No alarms yet.") : qsTr("No alarm matches the filters.")
                color: Theme.textFaint
            }

            delegate: Rectangle {
                id: row
                required property double alarmId
                required property string type
                required property string source
                required property string cameraId
                required property string zone
                required property bool hasPosition
                required property double lon
                required property double lat
                required property date time
                required property int priority
                required property string text
                required property string alarmState
                required property string notes
                readonly property bool open: row.alarmState === "new" || row.alarmState === "acknowledged"
                readonly property bool selected: root.selectedId === row.alarmId

                objectName: "alarmRow_" + row.alarmId
                width: list.width
                height: column.implicitHeight + Theme.spacing * 2
                color: row.selected ? Theme.panelRaised : row.alarmState === "new" ? Theme.panel : Theme.window
                border.color: row.selected ? Theme.accent : "transparent"
                radius: Theme.radiusSmall

                TapHandler {
                    onTapped: root.selectedId = row.selected ? -1 : row.alarmId
                }

                ColumnLayout {
                    id: column
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingSmall

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        Rectangle {
                            Layout.preferredWidth: Theme.chipHeight
                            Layout.preferredHeight: Theme.chipHeight
                            radius: Theme.radiusSmall
                            color: root.priorityColor(row.priority)
                            VLabel {
                                anchors.centerIn: parent
                                text: String(row.priority)
                                color: Theme.textOnAccent
                                size: VLabel.Small
                            }
                        }
                        VLabel {
                            text: Qt.formatDateTime(row.time, "yyyy-MM-dd hh:mm:ss")
                            color: Theme.textMuted
                            font.family: Theme.monoFamily
                        }
                        VLabel {
                            text: root.typeText(row.type)
                            font.bold: row.alarmState === "new"
                        }
                        VLabel {
                            Layout.fillWidth: true
                            text: root.detailText(root.placeText(row.cameraId, row.hasPosition, row.lat, row.lon), row.zone, row.text)
                            color: Theme.textMuted
                            elide: Text.ElideRight
                        }
                        VLabel {
                            text: row.source
                            color: Theme.textFaint
                            size: VLabel.Small
                        }
                        VLabel {
                            objectName: "alarmState"
                            text: root.stateText(row.alarmState)
                            color: row.alarmState === "new" ? Theme.error : row.open ? Theme.warning : Theme.textMuted
                        }
                    }

                    // The opened alarm: the nearest patrol units to send, its notes, a note and the steps.
                    NearestUnits {
                        // Cameras.count: the place again once the directory has the alarm's camera.
                        readonly property var _place: row.selected && Cameras.count >= 0 ? Alarms.placeOf(row.alarmId)
                                                                                          : ({ valid: false })
                        Layout.fillWidth: true
                        Layout.maximumWidth: 720
                        visible: row.selected && (row.cameraId !== "" || row.hasPosition)
                        alarmId: row.alarmId
                        alarmOpen: row.open
                        latitude: _place.valid ? _place.latitude : NaN
                        longitude: _place.valid ? _place.longitude : NaN
                    }
                    VLabel {
                        Layout.fillWidth: true
                        visible: row.selected && row.notes !== ""
                        text: row.notes
                        color: Theme.textMuted
                        size: VLabel.Small
                        wrapMode: Text.Wrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: row.selected
                        spacing: Theme.spacing
                        VTextField {
                            id: note
                            objectName: "alarmNote"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Note (optional)")
                        }
                        ToolbarButton {
                            objectName: "acknowledgeButton"
                            text: qsTr("Acknowledge")
                            // The role gates the alarm's steps (the store refuses them too, with a sentence).
                            enabled: row.alarmState === "new" && Access.canHandleAlarms
                            accent: true
                            onClicked: {
                                Alarms.acknowledge(row.alarmId, note.text);
                                note.clear();
                            }
                        }
                        ToolbarButton {
                            objectName: "handledButton"
                            text: qsTr("Handled")
                            enabled: row.open && Access.canHandleAlarms
                            onClicked: {
                                Alarms.markHandled(row.alarmId, note.text);
                                note.clear();
                            }
                        }
                        ToolbarButton {
                            objectName: "falseAlarmButton"
                            text: qsTr("False alarm")
                            enabled: row.open && Access.canHandleAlarms
                            onClicked: {
                                Alarms.markFalseAlarm(row.alarmId, note.text);
                                note.clear();
                            }
                        }
                        ToolbarButton {
                            objectName: "showCameraButton"
                            visible: row.cameraId !== ""
                            text: qsTr("Show on the wall")
                            onClicked: root.openLive(row.cameraId)
                        }
                        ToolbarButton {
                            objectName: "showOnMapButton"
                            visible: row.cameraId !== "" || row.hasPosition
                            text: qsTr("Show on the map")
                            onClicked: root.showOnMap(row.alarmId)
                        }
                        ToolbarButton {
                            objectName: "traceBackButton"
                            visible: !Session.kiosk && (row.cameraId !== "" || row.hasPosition)
                            text: qsTr("Trace back")
                            toolTip: qsTr("Play the recordings of the cameras around the alarm, from 30 seconds before it")
                            onClicked: {
                                const ids = row.cameraId !== "" ? TraceBack.camerasAroundCamera(row.cameraId)
                                                                : TraceBack.camerasAround(row.lat, row.lon);
                                root.traceBack(ids, row.time.getTime() - 30000);
                            }
                        }
                    }
                }
            }
        }

        // The linkage rules in force (alarm_rules.json, edited outside Vigil for now) and the webhook's address.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            VLabel {
                objectName: "rulesLabel"
                text: qsTr("Linkage rules in force: %1 (alarm_rules.json)").arg(Alarms.ruleCount)
                color: Theme.textFaint
                size: VLabel.Small
            }
            ToolbarButton {
                objectName: "reloadRulesButton"
                text: qsTr("Reload rules")
                toolTip: qsTr("Read alarm_rules.json again after editing it")
                onClicked: Alarms.reloadRules()
            }
            Item {
                Layout.fillWidth: true
            }
            VLabel {
                objectName: "webhookLabel"
                visible: Alarms.webhookUrl !== ""
                text: qsTr("Webhook: %1").arg(Alarms.webhookUrl)
                color: Theme.textFaint
                size: VLabel.Small
            }
        }
    }
}
