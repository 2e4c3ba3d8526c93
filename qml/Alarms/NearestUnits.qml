pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Vigil.Access
import Vigil.Alarms
import Vigil.Map
import Vigil.Views

// NearestUnits: the patrol units nearest to an alarm's place — straight-line distance, road distance and
// ETA at the assumed speed where the road graph reaches (else "straight line") — each with a Dispatch
// button. Dispatch marks the unit responding, the map follows it (Patrol.followUnitId) and the alarm gets
// the note "Dispatched <unit>". The search and the ETAs are C++ (Vigil.Map's Patrol); this file lays out.
ColumnLayout {
    id: root

    // --- properties ----------------------------------------------------------------------------------
    required property double alarmId
    // The alarm's place (NaN: none, the list says so).
    property real latitude: NaN
    property real longitude: NaN
    // Dispatch only for an open alarm.
    property bool alarmOpen: true
    property int count: 5
    // Fewer words for the pop-up.
    property bool compact: false
    // [{ unitId, callSign, status, distance, byRoad, roadDistance, eta }] (Patrol.nearestUnits).
    readonly property var units: root._units
    readonly property bool hasPlace: !isNaN(root.latitude) && !isNaN(root.longitude)

    property var _units: []
    // The row that gets there first (listed by straight line, the road may make another one quicker).
    readonly property int _fastest: {
        let best = -1;
        for (let i = 0; i < root._units.length; ++i) {
            const u = root._units[i];
            if (u.status !== UnitsModel.OffDuty && (best < 0 || u.eta < root._units[best].eta))
                best = i;
        }
        return best;
    }

    // --- signals -------------------------------------------------------------------------------------
    // A unit was dispatched to this alarm.
    signal dispatched(string unitId, string callSign)

    // --- functions -----------------------------------------------------------------------------------
    function refresh() {
        // Not hasPlace: a change handler may run before that binding has caught up.
        const placed = !isNaN(root.latitude) && !isNaN(root.longitude);
        root._units = placed ? Patrol.nearestUnits(root.latitude, root.longitude, root.count) : [];
    }
    function distanceText(metres: real): string {
        return metres >= 1000 ? qsTr("%1 km").arg((metres / 1000).toFixed(1)) : qsTr("%1 m").arg(Math.round(metres));
    }
    function etaText(seconds: real): string {
        return seconds < 60 ? qsTr("< 1 min") : qsTr("%1 min").arg(Math.round(seconds / 60));
    }
    function statusText(status: int): string {
        switch (status) {
        case UnitsModel.Busy:
            return qsTr("busy");
        case UnitsModel.Responding:
            return qsTr("responding");
        case UnitsModel.OffDuty:
            return qsTr("off duty");
        case UnitsModel.Emergency:
            return qsTr("emergency");
        default:
            return "";
        }
    }
    function dispatchUnit(unitId: string, callSign: string) {
        if (!Patrol.dispatchUnit(unitId, root.latitude, root.longitude))
            return;
        Alarms.recordDispatch(root.alarmId, callSign);
        root.refresh();
        root.dispatched(unitId, callSign);
    }

    // --- content -------------------------------------------------------------------------------------
    objectName: "nearestUnits"
    spacing: Theme.spacingTiny

    onLatitudeChanged: root.refresh()
    onLongitudeChanged: root.refresh()
    onVisibleChanged: root.refresh()
    Component.onCompleted: root.refresh()

    // Units move (1 Hz GPS): the distances follow while the list is shown. UI refresh only.
    Timer {
        interval: 2000
        repeat: true
        running: root.visible && root.hasPlace
        onTriggered: root.refresh()
    }

    VLabel {
        Layout.fillWidth: true
        text: root.compact ? qsTr("Nearest units") : qsTr("Nearest patrol units (ETA at %1 km/h)").arg(Math.round(Patrol.assumedSpeedKmh))
        font.bold: true
        size: VLabel.Small
    }
    VLabel {
        objectName: "nearestUnitsEmpty"
        Layout.fillWidth: true
        visible: root._units.length === 0
        text: !root.hasPlace ? qsTr("This alarm has no place: no units to list.") : qsTr("No patrol units known.")
        color: Theme.textFaint
        size: VLabel.Small
        wrapMode: Text.Wrap
    }
    Repeater {
        model: root._units
        delegate: RowLayout {
            id: unitRow
            required property var modelData
            required property int index
            objectName: "nearestUnit_" + unitRow.index
            Layout.fillWidth: true
            spacing: Theme.spacing
            VLabel {
                Layout.preferredWidth: root.compact ? 70 : 90
                text: unitRow.modelData.callSign
                elide: Text.ElideRight
            }
            VLabel {
                objectName: "unitDistance"
                Layout.fillWidth: true
                color: Theme.textMuted
                size: VLabel.Small
                elide: Text.ElideRight
                text: {
                    const u = unitRow.modelData;
                    const straight = root.distanceText(u.distance);
                    const eta = u.byRoad ? qsTr("%1 by road, ETA %2").arg(root.distanceText(u.roadDistance)).arg(root.etaText(u.eta))
                                         : qsTr("ETA %1 (straight line)").arg(root.etaText(u.eta));
                    const status = root.statusText(u.status);
                    const fastest = !root.compact && unitRow.index === root._fastest && root._units.length > 1 ? " · " + qsTr("first there") : "";
                    return straight + " · " + eta + (status !== "" ? " · " + status : "") + fastest;
                }
            }
            ToolbarButton {
                objectName: "dispatchButton"
                text: qsTr("Dispatch")
                toolTip: qsTr("Send %1 to the alarm: marked responding, followed on the map, noted on the alarm").arg(unitRow.modelData.callSign)
                enabled: root.alarmOpen && Access.canHandleAlarms && unitRow.modelData.status !== UnitsModel.OffDuty
                accent: unitRow.index === root._fastest
                onClicked: root.dispatchUnit(unitRow.modelData.unitId, unitRow.modelData.callSign)
            }
        }
    }
}
