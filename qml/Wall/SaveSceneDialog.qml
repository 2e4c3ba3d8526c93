import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Wall
import Vigil.Views

// SaveSceneDialog: names the whole wall as it is now (every screen, layouts, cameras, tours) as a scene (预案).
// A name that exists already is replaced after the operator says so.
VDialog {
    id: root

    signal saved(string name)

    function openBlank() {
        nameField.text = WallScreens.currentScene;
        root.open();
        nameField.selectAll();
        nameField.forceActiveFocus();
    }
    function save() {
        const name = nameField.text.trim();
        if (name === "")
            return;
        if (WallScreens.saveScene(name)) {
            root.close();
            root.saved(name);
        }
    }

    readonly property bool _replaces: WallScreens.hasScene(nameField.text.trim())

    objectName: "saveSceneDialog"
    title: qsTr("Save scene")
    preferredWidth: 480
    buttons: [
        Item {
            Layout.fillWidth: true
        },
        ToolbarButton {
            text: qsTr("Cancel")
            onClicked: root.close()
        },
        ToolbarButton {
            objectName: "saveSceneButton"
            text: root._replaces ? qsTr("Replace") : qsTr("Save")
            accent: true
            enabled: nameField.text.trim() !== ""
            onClicked: root.save()
        }
    ]

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        VLabel {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.textMuted
            text: WallScreens.count > 0
                  ? qsTr("The scene keeps what every screen shows now (%1 wall screens and this window): layouts, cameras and tours.").arg(WallScreens.count)
                  : qsTr("The scene keeps what the wall shows now: layout, cameras and tours.")
        }
        VTextField {
            id: nameField
            objectName: "sceneNameField"
            Layout.fillWidth: true
            maximumLength: 64
            placeholderText: qsTr("Scene name, e.g. “Night patrol” or “Market fire”")
            onAccepted: root.save()
        }
        VLabel {
            Layout.fillWidth: true
            visible: root._replaces
            wrapMode: Text.Wrap
            color: Theme.warning
            text: qsTr("A scene with this name exists: saving replaces it.")
        }
        VLabel {
            Layout.fillWidth: true
            visible: WallScreens.scenesError !== ""
            wrapMode: Text.Wrap
            color: Theme.error
            text: WallScreens.scenesError
        }
    }
}
