pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Alarms
import Vigil.Cameras
import Vigil.Views

// RulesDialog: the alarm linkage rules (Alarms.rules, alarm_rules.json). On the left the rules in the order
// they act, each with its match, its actions and — when a scene or camera it names is gone — what to fix; add,
// duplicate, move, turn on or off and delete them. On the right the rule being edited: what alarm it matches
// (type, source, cameras or zones, least priority) and what it does (recall a scene, show cameras on a screen
// from a tile, move a PTZ camera to a preset, record for some minutes with the seconds before the alarm).
// Save checks the rule in C++ (AlarmRuleModel::problemOf) and says what to fix; nothing invalid is saved.
// "Test rule" runs the pure evaluation on a sample alarm and lists what would fire, applying nothing.
// Administrators only (the window opens it only for them; the model refuses others too).
VDialog {
    id: root

    // Opens on the first rule (or a blank one when there is none).
    function openFirst() {
        root.open();
        if (Alarms.rules.count > 0)
            root.editRule(0);
        else
            root.newRule();
    }

    function newRule() {
        root._load(-1, Alarms.rules.blankRule());
        nameField.forceActiveFocus();
    }

    function editRule(row: int) {
        root._load(row, Alarms.rules.rule(row));
    }

    // Saves the rule being edited; false with the reason shown when it was refused.
    function save(): bool {
        const wasNew = root._row < 0;
        if (!Alarms.rules.saveRule(root._row, root._collect())) {
            root._error = Alarms.rules.lastError;
            root._notice = "";
            return false;
        }
        root._error = "";
        root._notice = qsTr("Rule “%1” saved.").arg(nameField.text.trim());
        if (wasNew)
            root._row = Alarms.rules.count - 1;
        return true;
    }

    function test() {
        root._testResult = Alarms.rules.testRule(root._collect(), {
            type: testTypeField.text,
            source: testSourceField.text,
            cameraId: root._testCamera,
            zone: testZoneField.text,
            priority: root._testPriority
        });
    }

    // --- private -----------------------------------------------------------------------------------------
    // The row being edited (-1: a new rule, not yet in the list).
    property int _row: -1
    property string _error: ""
    property string _notice: ""
    // The rule's parts that are lists, as JS arrays (the fields hold the rest).
    property var _matchCameras: []
    property var _actions: []
    property int _minPriority: 1
    property bool _enabled: true
    // The sample alarm of "Test rule" and its result ({ matches, lines, text } or null).
    property string _testCamera: ""
    property int _testPriority: 3
    property var _testResult: null
    // Where a picked camera goes: "match", "test", or "<action index>:cameras" / "<action index>:ptz".
    property string _pickFor: ""

    function _split(text: string): var {
        return text.split(",").map(s => s.trim()).filter(s => s !== "");
    }

    function _load(row: int, rule: var) {
        root._row = row;
        root._error = "";
        root._notice = "";
        nameField.text = rule.name;
        root._enabled = rule.enabled;
        typeField.text = rule.type;
        sourcesField.text = rule.sources.join(", ");
        zonesField.text = rule.zones.join(", ");
        root._matchCameras = rule.cameras.slice();
        root._minPriority = rule.minPriority;
        root._actions = rule.actions.map(a => Object.assign({}, a));
        // The sample alarm: one the rule would match, to start from.
        testTypeField.text = rule.type !== "" ? rule.type : "intrusion";
        testSourceField.text = rule.sources.length > 0 ? rule.sources[0] : "";
        testZoneField.text = rule.zones.length > 0 ? rule.zones[0] : "";
        root._testCamera = rule.cameras.length > 0 ? rule.cameras[0] : "";
        root._testPriority = Math.max(3, rule.minPriority);
        root._testResult = null;
    }

    function _collect(): var {
        return {
            name: nameField.text,
            enabled: root._enabled,
            type: typeField.text,
            sources: root._split(sourcesField.text),
            cameras: root._matchCameras,
            zones: root._split(zonesField.text),
            minPriority: root._minPriority,
            actions: root._actions
        };
    }

    function _addAction(kind: string) {
        root._actions = root._actions.concat([Alarms.rules.blankAction(kind)]);
    }
    function _removeAction(index: int) {
        root._actions = root._actions.filter((a, i) => i !== index);
    }
    function _setAction(index: int, key: string, value: var) {
        // In place: the cards keep their fields (and focus); the list is read again on save.
        root._actions[index][key] = value;
    }
    // Replaces an action's cameras (the card is remade with the new chips).
    function _setActionCameras(index: int, key: string, ids: var) {
        let copy = root._actions.slice();
        copy[index] = Object.assign({}, copy[index]);
        copy[index][key] = ids;
        root._actions = copy;
    }

    function _pick(target: string) {
        root._pickFor = target;
        pickerSearch.text = "";
        cameraPicker.open();
        pickerSearch.forceActiveFocus();
    }
    function _picked(cameraId: string) {
        const target = root._pickFor;
        cameraPicker.close();
        if (target === "match") {
            if (root._matchCameras.indexOf(cameraId) < 0)
                root._matchCameras = root._matchCameras.concat([cameraId]);
        } else if (target === "test") {
            root._testCamera = cameraId;
        } else {
            const parts = target.split(":");
            const index = parseInt(parts[0]);
            if (parts[1] === "ptz") {
                root._setActionCameras(index, "camera", cameraId);
            } else if (root._actions[index].cameras.indexOf(cameraId) < 0) {
                root._setActionCameras(index, "cameras", root._actions[index].cameras.concat([cameraId]));
            }
        }
    }

    function _kindTitle(kind: string): string {
        switch (kind) {
        case "recall-scene":
            return qsTr("Recall a scene");
        case "show-cameras":
            return qsTr("Show cameras on a screen");
        case "ptz-preset":
            return qsTr("Move a PTZ camera to a preset");
        case "record":
            return qsTr("Record");
        default:
            return kind;
        }
    }

    objectName: "rulesDialog"
    title: qsTr("Alarm linkage rules")
    preferredWidth: 1180
    preferredHeight: 820
    onClosed: {
        root._error = "";
        root._notice = "";
        cameraPicker.close();
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacingLarge

        // --- the rules, in the order they act ----------------------------------------------------------
        ColumnLayout {
            Layout.preferredWidth: 400
            Layout.maximumWidth: 400
            Layout.fillHeight: true
            spacing: Theme.spacing

            VLabel {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.textMuted
                size: VLabel.Small
                text: qsTr("Every new alarm goes through these rules from the top; each rule that matches applies its actions.")
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                color: Theme.window
                border.color: Theme.border
                radius: Theme.radius

                ListView {
                    id: ruleList
                    objectName: "ruleList"
                    anchors.fill: parent
                    anchors.margins: 1
                    clip: true
                    model: Alarms.rules
                    spacing: 1
                    ScrollBar.vertical: ScrollBar {}
                    delegate: Rectangle {
                        id: ruleRow
                        required property int index
                        required property string name
                        required property bool ruleEnabled
                        required property string matchText
                        required property string actionsText
                        required property string problem

                        objectName: "ruleRow" + ruleRow.index
                        width: ListView.view.width
                        implicitHeight: rowColumn.implicitHeight + Theme.spacing * 2
                        color: root._row === ruleRow.index ? Theme.accentMuted : rowMouse.containsMouse ? Theme.hover : Theme.panel

                        MouseArea {
                            id: rowMouse
                            anchors.fill: parent
                            hoverEnabled: true
                            onClicked: root.editRule(ruleRow.index)
                        }
                        RowLayout {
                            anchors.fill: parent
                            anchors.margins: Theme.spacing
                            spacing: Theme.spacing
                            ColumnLayout {
                                id: rowColumn
                                Layout.fillWidth: true
                                spacing: Theme.spacingTiny
                                VLabel {
                                    Layout.fillWidth: true
                                    elide: Text.ElideRight
                                    font.bold: true
                                    color: ruleRow.ruleEnabled ? Theme.text : Theme.textFaint
                                    text: (ruleRow.index + 1) + ". " + ruleRow.name
                                }
                                VLabel {
                                    Layout.fillWidth: true
                                    wrapMode: Text.Wrap
                                    size: VLabel.Small
                                    color: Theme.textMuted
                                    text: ruleRow.matchText
                                }
                                VLabel {
                                    Layout.fillWidth: true
                                    wrapMode: Text.Wrap
                                    size: VLabel.Small
                                    color: ruleRow.ruleEnabled ? Theme.text : Theme.textFaint
                                    text: "→ " + ruleRow.actionsText
                                }
                                VLabel {
                                    objectName: "ruleProblem"
                                    Layout.fillWidth: true
                                    visible: ruleRow.problem !== ""
                                    wrapMode: Text.Wrap
                                    size: VLabel.Small
                                    color: Theme.warning
                                    text: ruleRow.problem
                                }
                            }
                            ToolbarButton {
                                objectName: "ruleEnableButton"
                                Layout.alignment: Qt.AlignTop
                                checked: ruleRow.ruleEnabled
                                text: ruleRow.ruleEnabled ? qsTr("On") : qsTr("Off")
                                toolTip: ruleRow.ruleEnabled ? qsTr("The rule acts on new alarms; click to turn it off")
                                                         : qsTr("The rule is off; click to turn it on")
                                onClicked: {
                                    if (!Alarms.rules.setRuleEnabled(ruleRow.index, !ruleRow.ruleEnabled))
                                        root._error = Alarms.rules.lastError;
                                    else if (root._row === ruleRow.index)
                                        root._enabled = !root._enabled;
                                }
                            }
                        }
                    }
                }
                VLabel {
                    objectName: "noRulesHint"
                    anchors.centerIn: parent
                    width: parent.width - Theme.spacingLarge * 2
                    visible: Alarms.rules.count === 0
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    color: Theme.textFaint
                    text: qsTr("No rule yet. Write one on the right: which alarm, and what the wall, the cameras and the recorder do then.")
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingTiny
                ToolbarButton {
                    objectName: "newRuleButton"
                    text: qsTr("New")
                    toolTip: qsTr("Start a new rule")
                    onClicked: root.newRule()
                }
                ToolbarButton {
                    objectName: "duplicateRuleButton"
                    enabled: root._row >= 0
                    text: qsTr("Duplicate")
                    toolTip: qsTr("Copy this rule right below it")
                    onClicked: {
                        if (Alarms.rules.duplicateRule(root._row))
                            root.editRule(root._row + 1);
                        else
                            root._error = Alarms.rules.lastError;
                    }
                }
                ToolbarButton {
                    objectName: "moveUpButton"
                    enabled: root._row > 0
                    text: "↑"
                    toolTip: qsTr("Move up: act earlier")
                    onClicked: {
                        if (Alarms.rules.moveRule(root._row, root._row - 1))
                            root._row = root._row - 1;
                        else
                            root._error = Alarms.rules.lastError;
                    }
                }
                ToolbarButton {
                    objectName: "moveDownButton"
                    enabled: root._row >= 0 && root._row < Alarms.rules.count - 1
                    text: "↓"
                    toolTip: qsTr("Move down: act later")
                    onClicked: {
                        if (Alarms.rules.moveRule(root._row, root._row + 1))
                            root._row = root._row + 1;
                        else
                            root._error = Alarms.rules.lastError;
                    }
                }
                Item {
                    Layout.fillWidth: true
                }
                ToolbarButton {
                    objectName: "deleteRuleButton"
                    enabled: root._row >= 0
                    text: qsTr("Delete")
                    toolTip: qsTr("Delete this rule")
                    onClicked: {
                        const row = root._row;
                        if (!Alarms.rules.removeRule(row)) {
                            root._error = Alarms.rules.lastError;
                        } else if (Alarms.rules.count > 0) {
                            root.editRule(Math.min(row, Alarms.rules.count - 1));
                        } else {
                            root.newRule();
                        }
                    }
                }
            }
        }

        // --- the rule being edited ----------------------------------------------------------------------
        ScrollView {
            id: editorScroll
            objectName: "ruleEditor"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                width: editorScroll.availableWidth
                spacing: Theme.spacing

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    VLabel {
                        objectName: "editorTitle"
                        Layout.fillWidth: true
                        font.bold: true
                        size: VLabel.Large
                        elide: Text.ElideRight
                        text: root._row < 0 ? qsTr("New rule") : qsTr("Rule %1").arg(root._row + 1)
                    }
                    ToolbarButton {
                        objectName: "ruleEnabledBox"
                        checked: root._enabled
                        text: root._enabled ? qsTr("On") : qsTr("Off")
                        toolTip: qsTr("Whether the rule acts on new alarms (saved with the rule)")
                        onClicked: root._enabled = !root._enabled
                    }
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 4
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacing

                    FieldLabel { text: qsTr("Name") }
                    VTextField {
                        id: nameField
                        objectName: "ruleNameField"
                        Layout.fillWidth: true
                        Layout.columnSpan: 3
                        placeholderText: qsTr("e.g. Intrusion at the depot gates")
                    }
                }

                VLabel {
                    Layout.topMargin: Theme.spacing
                    font.bold: true
                    text: qsTr("When an alarm comes")
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 4
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacing

                    FieldLabel { text: qsTr("Type") }
                    VTextField {
                        id: typeField
                        objectName: "ruleTypeField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("any type, e.g. intrusion")
                        inputMethodHints: Qt.ImhNoAutoUppercase
                    }
                    FieldLabel { text: qsTr("Sources") }
                    VTextField {
                        id: sourcesField
                        objectName: "ruleSourcesField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("any source, e.g. onvif, webhook:host-1")
                        inputMethodHints: Qt.ImhNoAutoUppercase
                    }
                    FieldLabel { text: qsTr("Cameras") }
                    RuleCameraChips {
                        objectName: "matchCameras"
                        Layout.fillWidth: true
                        Layout.columnSpan: 3
                        cameraIds: root._matchCameras
                        emptyText: qsTr("any camera")
                        onAddRequested: root._pick("match")
                        onRemoveRequested: cameraId => root._matchCameras = root._matchCameras.filter(id => id !== cameraId)
                    }
                    FieldLabel { text: qsTr("Zones") }
                    VTextField {
                        id: zonesField
                        objectName: "ruleZonesField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("or these zones, separated by commas")
                    }
                    FieldLabel { text: qsTr("Priority at least") }
                    Row {
                        spacing: Theme.spacingTiny
                        Repeater {
                            model: 5
                            delegate: ToolbarButton {
                                id: priorityButton
                                required property int index
                                objectName: "rulePriority_" + (priorityButton.index + 1)
                                text: String(priorityButton.index + 1)
                                checkable: true
                                checked: root._minPriority === priorityButton.index + 1
                                onClicked: root._minPriority = priorityButton.index + 1
                            }
                        }
                    }
                }
                VLabel {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.textMuted
                    size: VLabel.Small
                    text: qsTr("Empty fields match anything. With cameras and zones, an alarm matches at either.")
                }

                VLabel {
                    Layout.topMargin: Theme.spacing
                    font.bold: true
                    text: qsTr("Then")
                }
                Repeater {
                    objectName: "actionCards"
                    model: root._actions.length
                    delegate: Rectangle {
                        id: card
                        required property int index
                        readonly property var action: root._actions[card.index]
                        readonly property string kind: card.action ? card.action["do"] : ""

                        objectName: "actionCard" + card.index
                        Layout.fillWidth: true
                        implicitHeight: cardColumn.implicitHeight + Theme.spacing * 2
                        color: Theme.panelRaised
                        border.color: Theme.border
                        radius: Theme.radius

                        ColumnLayout {
                            id: cardColumn
                            anchors.fill: parent
                            anchors.margins: Theme.spacing
                            spacing: Theme.spacing

                            RowLayout {
                                Layout.fillWidth: true
                                VLabel {
                                    Layout.fillWidth: true
                                    font.bold: true
                                    text: (card.index + 1) + ". " + root._kindTitle(card.kind)
                                }
                                ToolbarButton {
                                    objectName: "removeActionButton"
                                    text: qsTr("Remove")
                                    onClicked: root._removeAction(card.index)
                                }
                            }
                            // Recall a scene: one of the saved scenes (a scene the rule names that is gone is
                            // listed too, so that the check can say so).
                            RowLayout {
                                Layout.fillWidth: true
                                visible: card.kind === "recall-scene"
                                spacing: Theme.spacing
                                FieldLabel { text: qsTr("Scene") }
                                VComboBox {
                                    id: sceneBox
                                    readonly property string chosen: card.action ? card.action.scene : ""
                                    objectName: "sceneBox"
                                    Layout.fillWidth: true
                                    model: sceneBox.chosen !== "" && Alarms.rules.sceneNames.indexOf(sceneBox.chosen) < 0
                                           ? [sceneBox.chosen].concat(Alarms.rules.sceneNames) : Alarms.rules.sceneNames
                                    currentIndex: sceneBox.chosen !== "" && sceneBox.count > 0 ? sceneBox.find(sceneBox.chosen) : -1
                                    displayText: sceneBox.currentIndex >= 0 ? sceneBox.currentText : qsTr("Choose a scene")
                                    onActivated: root._setAction(card.index, "scene", sceneBox.currentText)
                                }
                            }
                            VLabel {
                                Layout.fillWidth: true
                                visible: card.kind === "recall-scene" && Alarms.rules.sceneNames.length === 0
                                wrapMode: Text.Wrap
                                size: VLabel.Small
                                color: Theme.textMuted
                                text: qsTr("No scene is saved yet: arrange the wall, then Scenes ▸ Save the wall as a scene…")
                            }
                            // Cameras (show, record): empty means the alarm's own camera.
                            RowLayout {
                                Layout.fillWidth: true
                                visible: card.kind === "show-cameras" || card.kind === "record"
                                spacing: Theme.spacing
                                FieldLabel { text: qsTr("Cameras") }
                                RuleCameraChips {
                                    objectName: "actionCameras"
                                    Layout.fillWidth: true
                                    cameraIds: card.action && card.action.cameras ? card.action.cameras : []
                                    emptyText: qsTr("the alarm's camera")
                                    onAddRequested: root._pick(card.index + ":cameras")
                                    onRemoveRequested: cameraId => root._setActionCameras(card.index, "cameras", card.action.cameras.filter(id => id !== cameraId))
                                }
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                visible: card.kind === "show-cameras"
                                spacing: Theme.spacing
                                FieldLabel { text: qsTr("Screen") }
                                VComboBox {
                                    id: screenBox
                                    objectName: "screenBox"
                                    Layout.fillWidth: true
                                    model: Alarms.rules.screenChoices
                                    textRole: "name"
                                    valueRole: "value"
                                    currentIndex: card.action && screenBox.count > 0 ? Math.max(0, screenBox.indexOfValue(card.action.screen)) : 0
                                    onActivated: root._setAction(card.index, "screen", screenBox.currentValue)
                                }
                                FieldLabel { text: qsTr("From tile") }
                                VTextField {
                                    objectName: "startTileField"
                                    Layout.preferredWidth: 70
                                    text: card.action ? String(card.action.startTile) : "1"
                                    validator: IntValidator { bottom: 1; top: 64 }
                                    inputMethodHints: Qt.ImhDigitsOnly
                                    onTextEdited: root._setAction(card.index, "startTile", parseInt(text))
                                }
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                visible: card.kind === "ptz-preset"
                                spacing: Theme.spacing
                                FieldLabel { text: qsTr("PTZ camera") }
                                RuleCameraChips {
                                    objectName: "ptzCamera"
                                    Layout.fillWidth: true
                                    cameraIds: card.action && card.action.camera !== "" ? [card.action.camera] : []
                                    emptyText: qsTr("none chosen")
                                    addText: card.action && card.action.camera !== "" ? qsTr("Change…") : qsTr("Choose camera…")
                                    onAddRequested: root._pick(card.index + ":ptz")
                                    onRemoveRequested: root._setActionCameras(card.index, "camera", "")
                                }
                                FieldLabel { text: qsTr("Preset") }
                                VTextField {
                                    objectName: "presetField"
                                    Layout.preferredWidth: 120
                                    text: card.action ? card.action.preset : ""
                                    placeholderText: qsTr("e.g. 3")
                                    onTextEdited: root._setAction(card.index, "preset", text)
                                }
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                visible: card.kind === "record"
                                spacing: Theme.spacing
                                FieldLabel { text: qsTr("Minutes") }
                                VTextField {
                                    objectName: "minutesField"
                                    Layout.preferredWidth: 80
                                    text: card.action ? String(card.action.minutes) : "5"
                                    inputMethodHints: Qt.ImhDigitsOnly
                                    onTextEdited: root._setAction(card.index, "minutes", parseInt(text))
                                }
                                FieldLabel { text: qsTr("Seconds before the alarm") }
                                VTextField {
                                    objectName: "preAlarmField"
                                    Layout.preferredWidth: 80
                                    text: card.action ? String(card.action.preAlarmSeconds) : "0"
                                    inputMethodHints: Qt.ImhDigitsOnly
                                    onTextEdited: root._setAction(card.index, "preAlarmSeconds", parseInt(text))
                                }
                                Item {
                                    Layout.fillWidth: true
                                }
                            }
                        }
                    }
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacingTiny
                    ToolbarButton {
                        objectName: "addSceneAction"
                        text: qsTr("+ Scene")
                        toolTip: qsTr("Recall a saved scene on the whole wall")
                        onClicked: root._addAction("recall-scene")
                    }
                    ToolbarButton {
                        objectName: "addShowAction"
                        text: qsTr("+ Cameras on a screen")
                        toolTip: qsTr("Show cameras on a screen's tiles, from a tile on")
                        onClicked: root._addAction("show-cameras")
                    }
                    ToolbarButton {
                        objectName: "addPtzAction"
                        text: qsTr("+ PTZ preset")
                        toolTip: qsTr("Move a PTZ camera to one of its presets")
                        onClicked: root._addAction("ptz-preset")
                    }
                    ToolbarButton {
                        objectName: "addRecordAction"
                        text: qsTr("+ Recording")
                        toolTip: qsTr("Record cameras for some minutes, with the seconds before the alarm")
                        onClicked: root._addAction("record")
                    }
                }

                // --- test ---------------------------------------------------------------------------------
                VLabel {
                    Layout.topMargin: Theme.spacing
                    font.bold: true
                    text: qsTr("Test the rule on a sample alarm")
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 4
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacing
                    FieldLabel { text: qsTr("Type") }
                    VTextField {
                        id: testTypeField
                        objectName: "testTypeField"
                        Layout.fillWidth: true
                    }
                    FieldLabel { text: qsTr("Source") }
                    VTextField {
                        id: testSourceField
                        objectName: "testSourceField"
                        Layout.fillWidth: true
                    }
                    FieldLabel { text: qsTr("Camera") }
                    RuleCameraChips {
                        objectName: "testCamera"
                        Layout.fillWidth: true
                        cameraIds: root._testCamera !== "" ? [root._testCamera] : []
                        emptyText: qsTr("none")
                        addText: root._testCamera !== "" ? qsTr("Change…") : qsTr("Choose camera…")
                        onAddRequested: root._pick("test")
                        onRemoveRequested: root._testCamera = ""
                    }
                    FieldLabel { text: qsTr("Zone") }
                    VTextField {
                        id: testZoneField
                        objectName: "testZoneField"
                        Layout.fillWidth: true
                    }
                    FieldLabel { text: qsTr("Priority") }
                    Row {
                        spacing: Theme.spacingTiny
                        Repeater {
                            model: 5
                            delegate: ToolbarButton {
                                id: testPriorityButton
                                required property int index
                                text: String(testPriorityButton.index + 1)
                                checkable: true
                                checked: root._testPriority === testPriorityButton.index + 1
                                onClicked: root._testPriority = testPriorityButton.index + 1
                            }
                        }
                    }
                    Item {
                        Layout.fillWidth: true
                    }
                    ToolbarButton {
                        objectName: "testRuleButton"
                        Layout.alignment: Qt.AlignRight
                        text: qsTr("Test rule")
                        toolTip: qsTr("What this rule, as written here, would do for this alarm. Nothing is done.")
                        onClicked: root.test()
                    }
                }
                VLabel {
                    objectName: "testResult"
                    Layout.fillWidth: true
                    visible: root._testResult !== null
                    wrapMode: Text.Wrap
                    color: root._testResult && root._testResult.matches ? Theme.ok : Theme.textMuted
                    text: root._testResult ? root._testResult.text : ""
                }
                Repeater {
                    model: root._testResult ? root._testResult.lines : []
                    delegate: VLabel {
                        required property string modelData
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.spacingLarge
                        wrapMode: Text.Wrap
                        text: "• " + modelData
                    }
                }
            }
        }
    }

    // Cameras from the directory, searched as in the side list (pinyin too).
    Popup {
        id: cameraPicker
        objectName: "cameraPicker"
        anchors.centerIn: parent
        width: 420
        height: 460
        modal: true
        padding: Theme.spacing
        background: Rectangle {
            color: Theme.panel
            border.color: Theme.borderStrong
            radius: Theme.radius
        }
        CameraListModel {
            id: pickerModel
            directory: Cameras
            filterText: pickerSearch.text
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            VTextField {
                id: pickerSearch
                objectName: "pickerSearch"
                Layout.fillWidth: true
                placeholderText: qsTr("Search cameras (name, group or pinyin)")
            }
            ListView {
                id: pickerList
                objectName: "pickerList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: pickerModel
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    id: pickerRow
                    required property bool isGroup
                    required property string group
                    required property string cameraId
                    required property string name

                    objectName: pickerRow.isGroup ? "pickerGroup" : "pick_" + pickerRow.cameraId
                    width: ListView.view.width
                    height: Theme.rowHeight
                    color: !pickerRow.isGroup && pickMouse.containsMouse ? Theme.hover : "transparent"
                    VLabel {
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.left: parent.left
                        anchors.leftMargin: pickerRow.isGroup ? Theme.spacing : Theme.listIndent
                        anchors.right: parent.right
                        elide: Text.ElideRight
                        font.bold: pickerRow.isGroup
                        color: pickerRow.isGroup ? Theme.textMuted : Theme.text
                        text: pickerRow.isGroup ? (pickerRow.group !== "" ? pickerRow.group : qsTr("Other cameras")) : pickerRow.name
                    }
                    MouseArea {
                        id: pickMouse
                        anchors.fill: parent
                        hoverEnabled: true
                        enabled: !pickerRow.isGroup
                        onClicked: root._picked(pickerRow.cameraId)
                    }
                }
            }
        }
    }

    statusRowVisible: root._error !== "" || root._notice !== "" || Alarms.rulesError !== ""
    statusRow: [
        VLabel {
            objectName: "rulesError"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: root._error !== "" || (root._notice === "" && Alarms.rulesError !== "") ? Theme.error : Theme.ok
            text: root._error !== "" ? root._error : root._notice !== "" ? root._notice : Alarms.rulesError
        }
    ]

    buttons: [
        Item {
            Layout.fillWidth: true
        },
        ToolbarButton {
            objectName: "closeButton"
            text: qsTr("Close")
            onClicked: root.close()
        },
        ToolbarButton {
            objectName: "saveRuleButton"
            text: root._row < 0 ? qsTr("Add rule") : qsTr("Save rule")
            accent: true
            onClicked: root.save()
        }
    ]
}
