import QtQuick
import QtTest
import Vigil.Alarms
import Vigil.Wall
import Vigil.Views

// The alarm linkage rules dialog on the real AlarmCenter (its rules file in the test's config folder) and the
// real scenes: a rule is written (type, a camera picked from the directory, a saved scene chosen), saved, and
// seen again in a new dialog and after the file is read again; a rule whose scene is not chosen is refused
// with the model's sentence and not saved; a deleted scene shows as the row's problem; "Test rule" lists what
// would fire and applies nothing; duplicate, move, turn off and delete go through the list's buttons.
TestCase {
    id: root
    name: "RulesDialog"
    width: 1300
    height: 900
    visible: true
    when: windowShown

    Component {
        id: dialogComponent
        Item {
            width: 1300
            height: 900
            property alias dialog: dialog
            RulesDialog { id: dialog }
        }
    }

    function field(d, name) {
        const f = findChild(d.contentItem, name) ?? findChild(d.footer, name) ?? findChild(d, name);
        verify(f !== null, name);
        return f;
    }

    function openDialog() {
        const o = createTemporaryObject(dialogComponent, root);
        const d = o.dialog;
        d.openFirst();
        tryCompare(d, "opened", true);
        return d;
    }

    function chooseScene(card, scene) {
        const box = findChild(card, "sceneBox");
        verify(box !== null);
        const i = box.find(scene);
        verify(i >= 0, scene);
        box.currentIndex = i;
        box.activated(i);
    }

    function initTestCase() {
        verify(WallScreens.saveScene("Night shift"));
        compare(Alarms.rules.count, 0);
    }

    function cleanupTestCase() {
        while (Alarms.rules.count > 0)
            verify(Alarms.rules.removeRule(0));
        WallScreens.deleteScene("Night shift");
    }

    function test_a_addPickSaveReopen() {
        let d = openDialog();
        verify(field(d, "noRulesHint").visible);
        compare(field(d, "editorTitle").text, "New rule");

        field(d, "ruleNameField").text = "Intrusion at the gates";
        field(d, "ruleTypeField").text = "intrusion";
        // A camera from the directory, through the picker (searched by name).
        mouseClick(findChild(field(d, "matchCameras"), "addCameraChip"));
        const picker = field(d, "cameraPicker");
        tryCompare(picker, "opened", true);
        findChild(picker.contentItem, "pickerSearch").text = "gate north";
        let pick = null;
        tryVerify(() => (pick = findChild(picker.contentItem, "pick_cam-a")) !== null);
        mouseClick(pick);
        tryCompare(picker, "visible", false);
        verify(findChild(field(d, "matchCameras"), "cameraChip_cam-a") !== null);

        mouseClick(field(d, "addSceneAction"));
        let card = null;
        tryVerify(() => (card = findChild(d.contentItem, "actionCard0")) !== null);
        chooseScene(card, "Night shift");
        mouseClick(field(d, "saveRuleButton"));
        compare(Alarms.rules.lastError, "");
        compare(Alarms.rules.count, 1);
        compare(Alarms.rulesError, "");
        verify(field(d, "rulesError").text.indexOf("saved") >= 0, field(d, "rulesError").text);
        compare(field(d, "editorTitle").text, "Rule 1");
        const list = field(d, "ruleList");
        tryVerify(() => list.itemAtIndex(0) !== null);
        compare(list.itemAtIndex(0).name, "Intrusion at the gates");
        compare(list.itemAtIndex(0).problem, "");
        verify(list.itemAtIndex(0).actionsText.indexOf("Night shift") >= 0, list.itemAtIndex(0).actionsText);
        d.close();
        tryCompare(d, "visible", false);

        // A new dialog, after the file is read again: the rule as it was saved.
        verify(Alarms.reloadRules());
        compare(Alarms.rules.count, 1);
        d = openDialog();
        compare(field(d, "ruleNameField").text, "Intrusion at the gates");
        compare(field(d, "ruleTypeField").text, "intrusion");
        verify(findChild(field(d, "matchCameras"), "cameraChip_cam-a") !== null);
        tryVerify(() => (card = findChild(d.contentItem, "actionCard0")) !== null);
        compare(findChild(card, "sceneBox").currentText, "Night shift");
        const saved = Alarms.rules.rule(0);
        compare(saved.actions.length, 1);
        compare(saved.actions[0].scene, "Night shift");
        compare(saved.cameras, ["cam-a"]);
    }

    function test_b_invalidIsRefusedAndNotSaved() {
        const d = openDialog();
        mouseClick(field(d, "newRuleButton"));
        compare(field(d, "editorTitle").text, "New rule");
        field(d, "ruleNameField").text = "Fire";
        field(d, "ruleTypeField").text = "fire";
        mouseClick(field(d, "addSceneAction")); // no scene chosen
        mouseClick(field(d, "saveRuleButton"));
        const error = field(d, "rulesError");
        tryVerify(() => error.visible);
        compare(error.text, Alarms.rules.lastError);
        verify(error.text.indexOf("choose the scene") >= 0, error.text);
        compare(Alarms.rules.count, 1);

        // An empty match is refused too.
        field(d, "ruleTypeField").text = "";
        let card = findChild(d.contentItem, "actionCard0");
        chooseScene(card, "Night shift");
        mouseClick(field(d, "saveRuleButton"));
        verify(error.text.indexOf("every alarm") >= 0, error.text);
        compare(Alarms.rules.count, 1);
        verify(Alarms.reloadRules());
        compare(Alarms.rules.count, 1);
    }

    function test_c_testRuleAppliesNothing() {
        const d = openDialog();
        const before = WallScreens.currentScene;
        field(d, "testTypeField").text = "intrusion";
        mouseClick(field(d, "testRuleButton"));
        const result = field(d, "testResult");
        tryVerify(() => result.visible);
        verify(result.text.indexOf("matches") >= 0, result.text);
        field(d, "testTypeField").text = "fire";
        mouseClick(field(d, "testRuleButton"));
        verify(result.text.indexOf("does not match") >= 0, result.text);
        compare(WallScreens.currentScene, before);
    }

    function test_d_listButtons() {
        const d = openDialog();
        const list = field(d, "ruleList");
        mouseClick(field(d, "duplicateRuleButton"));
        compare(Alarms.rules.count, 2);
        tryVerify(() => list.itemAtIndex(1) !== null);
        compare(list.itemAtIndex(1).name, "Intrusion at the gates (copy)");
        compare(field(d, "editorTitle").text, "Rule 2");
        mouseClick(field(d, "moveUpButton"));
        compare(Alarms.rules.rule(0).name, "Intrusion at the gates (copy)");
        compare(field(d, "editorTitle").text, "Rule 1");
        // The rows are laid out again before the click lands where the first row is drawn.
        tryVerify(() => list.itemAtIndex(0).name === "Intrusion at the gates (copy)");
        waitForItemPolished(list);
        mouseClick(findChild(list.itemAtIndex(0), "ruleEnableButton"));
        compare(Alarms.rules.rule(0).enabled, false);
        mouseClick(field(d, "deleteRuleButton"));
        compare(Alarms.rules.count, 1);
        compare(Alarms.rules.rule(0).name, "Intrusion at the gates");
    }

    function test_e_deletedSceneIsTheRowsProblem() {
        const d = openDialog();
        const list = field(d, "ruleList");
        tryVerify(() => list.itemAtIndex(0) !== null);
        compare(list.itemAtIndex(0).problem, "");
        WallScreens.deleteScene("Night shift");
        tryVerify(() => list.itemAtIndex(0).problem.indexOf("no longer exists") >= 0);
        verify(findChild(list.itemAtIndex(0), "ruleProblem").visible);
        mouseClick(field(d, "saveRuleButton"));
        verify(field(d, "rulesError").text.indexOf("“Night shift” no longer exists") >= 0);
        verify(WallScreens.saveScene("Night shift"));
        tryCompare(list.itemAtIndex(0), "problem", "");
    }
}
