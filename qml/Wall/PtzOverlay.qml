pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Vigil.Ptz
import Vigil.Views

// PtzOverlay: pan/tilt/zoom controls over a tile whose camera has ONVIF PTZ, shown while the operator has PTZ
// turned on for that tile. Eight arrows (press and hold), zoom +/−, home, presets (go to, save, remove), the
// speed slider (a setting: speedChosen, the tile stores it), drag on the picture (velocity grows with the
// offset), the wheel (a short zoom), arrow and +/− keys while the overlay has focus, Esc to leave PTZ mode.
// The rules (velocities, held keys, the wheel's stop) live in OnvifPtzController; this file wires events to
// it. Every way of letting go — release, cancel, focus or window loss, the overlay hiding — ends in
// controller.letGo(), which sends Stop when the camera moves.
Item {
    id: root

    // --- set by the tile ---------------------------------------------------------------------------------
    required property OnvifPtzController controller
    property string cameraName: ""

    // Double-click on the picture (the tile maximizes).
    signal doubleClicked
    // Esc while the pad has the keys: the tile turns PTZ mode off.
    signal exitRequested
    // The operator moved the speed slider (0.1..1): a setting, stored by the tile.
    signal speedChosen(real speed)

    // --- private -----------------------------------------------------------------------------------------
    readonly property bool _windowActive: root.Window.active
    readonly property int _button: Math.max(20, Math.min(30, Math.floor(root.height / 9)))
    readonly property bool _compact: root.height < 260 || root.width < 320

    // Without Ctrl/Alt/Meta, so window shortcuts such as Ctrl+- (a layout) keep working.
    function _isPtzKey(key: int, modifiers: int): bool {
        if ((modifiers & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)) !== 0)
            return false;
        return key === Qt.Key_Left || key === Qt.Key_Right || key === Qt.Key_Up || key === Qt.Key_Down
                || key === Qt.Key_Plus || key === Qt.Key_Minus || key === Qt.Key_Equal;
    }

    objectName: "ptzOverlay"
    on_WindowActiveChanged: {
        if (!root._windowActive)
            root.controller.letGo();
    }
    onVisibleChanged: {
        if (root.visible) {
            root.forceActiveFocus(); // the keys steer the camera the operator just took
        } else {
            presetsPopup.close();
            root.controller.letGo();
        }
    }
    onActiveFocusChanged: {
        if (!root.activeFocus)
            root.controller.letGo(); // a held key's release would go to another item
    }

    // Arrows and +/−: press moves, release stops. Auto-repeat is ignored (the camera is already moving).
    // Esc leaves PTZ mode (before the window's Esc restores a maximized tile or leaves full screen).
    Keys.onShortcutOverride: event => event.accepted = root._isPtzKey(event.key, event.modifiers)
                                                       || event.key === Qt.Key_Escape
    Keys.onPressed: event => {
        if (event.key === Qt.Key_Escape) {
            event.accepted = true;
            root.exitRequested();
            return;
        }
        if (!root._isPtzKey(event.key, event.modifiers))
            return;
        event.accepted = true;
        if (!event.isAutoRepeat)
            root.controller.keyPress(event.key);
    }
    // A release always counts, whatever modifier is held by then: the camera must stop.
    Keys.onReleased: event => {
        if (!root._isPtzKey(event.key, Qt.NoModifier))
            return;
        event.accepted = true;
        if (!event.isAutoRepeat)
            root.controller.keyRelease(event.key);
    }

    // --- drag on the picture, wheel ----------------------------------------------------------------------
    MouseArea {
        id: dragArea
        objectName: "ptzDragArea"

        property point origin

        anchors.fill: parent
        acceptedButtons: Qt.LeftButton // right-click still opens the tile menu
        cursorShape: dragArea.pressed ? Qt.ClosedHandCursor : Qt.OpenHandCursor
        onPressed: event => {
            root.forceActiveFocus();
            dragArea.origin = Qt.point(event.x, event.y);
        }
        onPositionChanged: event => root.controller.dragTo(event.x - dragArea.origin.x, event.y - dragArea.origin.y,
                                                           dragArea.width, dragArea.height)
        onReleased: root.controller.letGo()
        onCanceled: root.controller.letGo()
        onDoubleClicked: root.doubleClicked()
        onWheel: event => {
            const steps = Math.round(event.angleDelta.y / 120);
            root.controller.zoomStep(steps !== 0 ? steps : (event.angleDelta.y > 0 ? 1 : -1));
        }
    }

    // Drag feedback: a ring where the press started, a line to the pointer.
    Item {
        visible: dragArea.pressed
        x: dragArea.origin.x
        y: dragArea.origin.y
        Rectangle {
            readonly property real dx: dragArea.mouseX - dragArea.origin.x
            readonly property real dy: dragArea.mouseY - dragArea.origin.y
            width: Math.sqrt(dx * dx + dy * dy)
            height: 2
            y: -1
            color: Theme.accent
            opacity: 0.8
            transformOrigin: Item.Left
            rotation: Math.atan2(dy, dx) * 180 / Math.PI
        }
        Rectangle {
            x: -width / 2
            y: -height / 2
            width: 18
            height: 18
            radius: 9
            color: "transparent"
            border.color: Theme.accent
            border.width: 2
        }
    }

    // --- status, top centre --------------------------------------------------------------------------------
    Rectangle {
        objectName: "ptzStatus"
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.topMargin: Theme.spacingSmall
        width: Math.min(statusText.implicitWidth + Theme.spacing * 2, root.width - 80)
        height: Theme.chipHeight
        radius: height / 2
        color: Theme.overlay
        border.width: 1
        border.color: root.controller.lastError !== "" ? Theme.error : Theme.accent
        VLabel {
            id: statusText
            objectName: "ptzStatusText"
            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacing
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideRight
            text: root.controller.lastError !== "" ? root.controller.lastError
                : root.controller.busy && !root.controller.moving ? qsTr("PTZ: sending…") // not during a held move's re-sends
                : root._compact ? qsTr("PTZ")
                : qsTr("PTZ: drag the picture, arrow keys, wheel to zoom")
            color: root.controller.lastError !== "" ? Theme.error : Theme.text
            size: VLabel.Small
        }
    }

    // --- the pad, bottom right ----------------------------------------------------------------------------
    component PadButton: Button {
        id: padButton

        // Direction while held (pan, tilt, zoom in -1..1); all 0 = a click button.
        property int pan: 0
        property int tilt: 0
        property int zoom: 0
        property string toolTip: ""
        readonly property bool _holds: padButton.pan !== 0 || padButton.tilt !== 0 || padButton.zoom !== 0

        width: root._button
        height: root._button
        padding: 0
        focusPolicy: Qt.NoFocus
        hoverEnabled: true
        font.pixelSize: root._button * 0.5
        ToolTip.visible: padButton.toolTip !== "" && padButton.hovered && !padButton.pressed
        ToolTip.delay: Theme.toolTipDelay
        ToolTip.text: padButton.toolTip
        onPressed: {
            root.forceActiveFocus();
            if (padButton._holds) {
                const s = root.controller.speed;
                root.controller.move(padButton.pan * s, padButton.tilt * s, padButton.zoom * s);
            }
        }
        onReleased: {
            if (padButton._holds)
                root.controller.letGo();
        }
        onCanceled: {
            if (padButton._holds)
                root.controller.letGo();
        }
        contentItem: VLabel {
            text: padButton.text
            font.pixelSize: padButton.font.pixelSize
            color: padButton.enabled ? Theme.text : Theme.textFaint
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: Rectangle {
            radius: Theme.radius
            color: padButton.down ? Theme.accent : padButton.hovered ? Theme.hover : Theme.panel
            border.width: 1
            border.color: padButton.hovered ? Theme.borderStrong : Theme.border
        }
    }

    Rectangle {
        id: pad
        objectName: "ptzPad"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        width: padColumn.implicitWidth + Theme.spacing * 2
        height: padColumn.implicitHeight + Theme.spacing * 2
        radius: Theme.radius
        color: Theme.overlay
        border.width: 1
        border.color: Theme.border

        // Clicks between the buttons must not start a drag of the picture.
        MouseArea {
            anchors.fill: parent
            acceptedButtons: Qt.LeftButton
        }

        Column {
            id: padColumn
            anchors.centerIn: parent
            spacing: Theme.spacingSmall

            Row {
                id: arrowsRow
                spacing: Theme.spacing
                Grid {
                    columns: 3
                    spacing: Theme.spacingTiny
                    PadButton { objectName: "ptzUpLeft"; text: "↖"; pan: -1; tilt: 1 }
                    PadButton { objectName: "ptzUp"; text: "↑"; tilt: 1; toolTip: qsTr("Tilt up (hold)") }
                    PadButton { objectName: "ptzUpRight"; text: "↗"; pan: 1; tilt: 1 }
                    PadButton { objectName: "ptzLeft"; text: "←"; pan: -1; toolTip: qsTr("Pan left (hold)") }
                    PadButton {
                        objectName: "ptzHome"
                        text: "⌂"
                        toolTip: qsTr("Home position")
                        onClicked: root.controller.home()
                    }
                    PadButton { objectName: "ptzRight"; text: "→"; pan: 1; toolTip: qsTr("Pan right (hold)") }
                    PadButton { objectName: "ptzDownLeft"; text: "↙"; pan: -1; tilt: -1 }
                    PadButton { objectName: "ptzDown"; text: "↓"; tilt: -1; toolTip: qsTr("Tilt down (hold)") }
                    PadButton { objectName: "ptzDownRight"; text: "↘"; pan: 1; tilt: -1 }
                }
                Column {
                    spacing: Theme.spacingTiny
                    PadButton { objectName: "ptzZoomIn"; text: "+"; zoom: 1; toolTip: qsTr("Zoom in (hold)") }
                    PadButton { objectName: "ptzZoomOut"; text: "−"; zoom: -1; toolTip: qsTr("Zoom out (hold)") }
                    PadButton {
                        id: presetsButton
                        objectName: "ptzPresetsButton"
                        text: "★"
                        toolTip: qsTr("Presets")
                        onClicked: presetsPopup.opened ? presetsPopup.close() : presetsPopup.open()
                    }
                }
            }

            // Speed of the arrows, keys and wheel. Takes no focus: the arrow keys keep steering the camera.
            Row {
                id: speedRow
                width: arrowsRow.width
                spacing: Theme.spacingSmall
                VLabel {
                    id: speedLabel
                    anchors.verticalCenter: parent.verticalCenter
                    visible: !root._compact
                    text: qsTr("Speed")
                    color: Theme.textMuted
                    size: VLabel.Small
                }
                Slider {
                    id: speedSlider
                    objectName: "ptzSpeedSlider"
                    width: speedRow.width - (speedLabel.visible ? speedLabel.width + speedRow.spacing : 0)
                    height: Math.round(root._button * 0.7)
                    padding: 0
                    from: 0.1
                    to: 1
                    stepSize: 0.05
                    snapMode: Slider.SnapAlways
                    value: root.controller.speed
                    focusPolicy: Qt.NoFocus
                    hoverEnabled: true
                    ToolTip.visible: speedSlider.hovered || speedSlider.pressed
                    ToolTip.delay: speedSlider.pressed ? 0 : Theme.toolTipDelay
                    ToolTip.text: qsTr("Speed of the arrows, keys and wheel: %1%").arg(Math.round(speedSlider.value * 100))
                    onMoved: root.speedChosen(speedSlider.value)
                    // No ids inside: they would defeat the deferral of background/handle.
                    background: Rectangle {
                        x: speedSlider.leftPadding
                        y: speedSlider.topPadding + (speedSlider.availableHeight - height) / 2
                        width: speedSlider.availableWidth
                        height: Theme.spacingSmall
                        radius: Theme.spacingSmall / 2
                        color: Theme.border
                        Rectangle {
                            width: speedSlider.visualPosition * speedSlider.availableWidth
                            height: Theme.spacingSmall
                            radius: Theme.spacingSmall / 2
                            color: Theme.accent
                        }
                    }
                    handle: Rectangle {
                        x: speedSlider.leftPadding + speedSlider.visualPosition * (speedSlider.availableWidth - width)
                        y: speedSlider.topPadding + (speedSlider.availableHeight - height) / 2
                        width: Theme.spacingMedium
                        height: Theme.spacingMedium
                        radius: width / 2
                        color: speedSlider.pressed ? Theme.accent : Theme.text
                        border.width: 1
                        border.color: Theme.borderStrong
                    }
                }
            }
        }
    }

    // --- presets -------------------------------------------------------------------------------------------
    Popup {
        id: presetsPopup
        objectName: "ptzPresetsPopup"
        // Parented to the ★ button so a press on it toggles the popup instead of closing and reopening it.
        parent: presetsButton
        x: presetsButton.width - presetsPopup.width
        y: -presetsPopup.height - presetsButton.y - Theme.spacing * 2
        width: Math.min(260, root.width - Theme.spacing * 2)
        padding: Theme.spacing
        closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutsideParent
        onOpened: {
            newName.text = "";
            root.controller.refreshPresets();
        }
        background: Rectangle {
            radius: Theme.radius
            color: Theme.panelRaised
            border.width: 1
            border.color: Theme.borderStrong
        }
        // A child, not contentItem: ids inside a deferred contentItem would defeat its deferral.
        Column {
            width: presetsPopup.availableWidth
            spacing: Theme.spacingSmall
            VLabel {
                text: qsTr("Presets of %1").arg(root.cameraName)
                width: parent.width
                elide: Text.ElideRight
                color: Theme.textMuted
                size: VLabel.Small
            }
            VLabel {
                visible: root.controller.presetNames.length === 0
                width: parent.width
                wrapMode: Text.Wrap
                text: root.controller.busy ? qsTr("Loading…") : qsTr("No presets yet. Point the camera, then save the view below.")
                color: Theme.textFaint
                size: VLabel.Small
            }
            Repeater {
                model: root.controller.presetNames
                delegate: Row {
                    id: presetRow
                    required property string modelData
                    required property int index
                    readonly property string token: root.controller.presetTokens[presetRow.index] ?? ""
                    spacing: Theme.spacingSmall
                    ToolbarButton {
                        objectName: "ptzPresetGo_" + presetRow.token
                        width: presetsPopup.availableWidth - removeButton.width - presetRow.spacing
                        text: presetRow.modelData
                        toolTip: qsTr("Go to this preset")
                        onClicked: {
                            root.controller.gotoPreset(presetRow.token);
                            presetsPopup.close();
                        }
                    }
                    ToolbarButton {
                        id: removeButton
                        objectName: "ptzPresetRemove_" + presetRow.token
                        text: "✕"
                        toolTip: qsTr("Remove this preset from the camera")
                        onClicked: root.controller.removePreset(presetRow.token)
                    }
                }
            }
            Row {
                spacing: Theme.spacingSmall
                VTextField {
                    id: newName
                    objectName: "ptzPresetName"
                    width: presetsPopup.availableWidth - saveButton.width - Theme.spacingSmall
                    placeholderText: qsTr("New preset name")
                    maximumLength: 64
                    onAccepted: saveButton.clicked()
                }
                ToolbarButton {
                    id: saveButton
                    objectName: "ptzPresetSave"
                    text: qsTr("Save view")
                    toolTip: qsTr("Save where the camera points now as a preset")
                    enabled: newName.text.trim() !== ""
                    onClicked: {
                        root.controller.setPreset(newName.text.trim());
                        newName.text = "";
                    }
                }
            }
        }
    }
}
