import QtQuick
import QtTest
import Vigil.Access
import Vigil.Alarms
import Vigil.Views

// The alarm list against the real AlarmCenter (three alarms stored by main.cpp): the filters narrow the
// list, a click opens an alarm, Acknowledge and then False alarm move it through its states in the store,
// and the buttons follow the state.
TestCase {
    id: root
    name: "AlarmsView"
    width: 1400
    height: 700
    visible: true
    when: windowShown

    Component {
        id: viewComponent
        AlarmsView {
            width: 1400
            height: 700
        }
    }

    property AlarmsView view: null

    function init() {
        tryCompare(Alarms.store, "count", 3, 5000);
        view = createTemporaryObject(viewComponent, root);
        verify(view !== null);
        Alarms.filtered.stateFilter = "";
        Alarms.filtered.minPriority = 1;
        Alarms.filtered.sourceFilter = "";
    }

    function rowOf(type: string): Item {
        const list = findChild(view, "alarmList");
        for (let i = 0; i < list.count; ++i) {
            const item = list.itemAtIndex(i);
            if (item && item.type === type)
                return item;
        }
        return null;
    }

    function test_filters() {
        const list = findChild(view, "alarmList");
        tryCompare(list, "count", 3);
        mouseClick(findChild(view, "priorityFilter_4"));
        tryCompare(list, "count", 2);
        mouseClick(findChild(view, "priorityFilter_1"));
        tryCompare(list, "count", 3);
        const source = findChild(view, "sourceFilter");
        source.text = "HOST";
        tryCompare(list, "count", 2);
        source.text = "";
        mouseClick(findChild(view, "stateFilter_handled"));
        tryCompare(list, "count", 0);
        mouseClick(findChild(view, "stateFilter_all"));
        tryCompare(list, "count", 3);
    }

    // The alarm's steps follow the role: nobody logged in (or a viewer) may not handle alarms, so the
    // buttons are off; logged in again as the administrator, they are back.
    function test_buttonsFollowTheRole() {
        const list = findChild(view, "alarmList");
        tryCompare(list, "count", 3);
        let row = null;
        for (let i = 0; i < list.count; ++i) {
            const item = list.itemAtIndex(i);
            if (item && item.alarmState === "new")
                row = item;
        }
        verify(row !== null, "an open alarm");
        mouseClick(row, 20, 10);
        const ack = findChild(row, "acknowledgeButton");
        tryVerify(() => ack.visible && ack.enabled);
        Access.logout();
        tryVerify(() => !Access.canHandleAlarms);
        verify(!ack.enabled);
        verify(!findChild(row, "handledButton").enabled);
        verify(!findChild(row, "falseAlarmButton").enabled);
        Access.login("admin", "admin-password");
        tryVerify(() => Access.canHandleAlarms, 10000);
        verify(ack.enabled);
        verify(findChild(row, "handledButton").enabled);
    }

    function test_acknowledgeThenFalseAlarm() {
        tryVerify(() => rowOf("intrusion") !== null);
        const row = rowOf("intrusion");
        compare(row.alarmState, "new");
        mouseClick(row, 20, 10);
        compare(view.selectedId, row.alarmId);
        const ack = findChild(row, "acknowledgeButton");
        verify(ack.visible && ack.enabled);
        findChild(row, "alarmNote").text = "guard on the way";
        mouseClick(ack);
        tryCompare(row, "alarmState", "acknowledged", 5000);
        verify(row.notes.indexOf("guard on the way") >= 0);
        verify(!ack.enabled);
        mouseClick(findChild(row, "falseAlarmButton"));
        tryCompare(row, "alarmState", "false-alarm", 5000);
        verify(!findChild(row, "handledButton").enabled);
        // "Open" no longer lists it.
        mouseClick(findChild(view, "stateFilter_open"));
        tryCompare(findChild(view, "alarmList"), "count", 2);
    }
}
