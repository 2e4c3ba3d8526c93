pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Access
import Vigil.Alarms
import Vigil.App
import Vigil.Cameras
import Vigil.Wall
import Vigil.WallNet

// Main window: toolbar (layouts, add camera, help, full screen), camera list, banners, the wall, start-up
// progress and toasts.
ApplicationWindow {
    id: root

    // "wall", "map", "screens", "alarms" or "playback": what the content area shows.
    property string view: "wall"

    // Shows a short message at the bottom of the window.
    function notify(text: string, isError: bool) {
        toast.show(text, isError);
    }
    // A camera dragged from here onto a wall window on another screen: say where it went.
    Connections {
        target: CameraDrag
        function onDropped(text: string) {
            root.notify(text, false);
        }
    }
    function toggleFullScreen() {
        if (root.visibility === Window.FullScreen)
            root.showNormal();
        else
            root.showFullScreen();
    }
    // Esc: restore a maximized tile first, then leave full screen.
    function handleEscape() {
        if (Wall.maximizedTile >= 0)
            Wall.toggleMaximize(Wall.maximizedTile);
        else if (root.visibility === Window.FullScreen)
            root.showNormal();
    }

    // Plays back these cameras from recording time atMs (ms since the epoch; -1 = only show the view).
    function openPlayback(cameraIds: var, atMs: real) {
        if (!Access.canPlayback) {
            root.notify(qsTr("Your role does not allow playback. Log in as an operator or administrator."), true);
            return;
        }
        root.view = "playback";
        if (atMs < 0)
            return;
        Access.log("playback", cameraIds.join(",") + " from " + new Date(atMs).toISOString());
        const labels = cameraIds.map(id => Cameras.nameOf(id));
        // The loader makes the view on first use; open once it is there.
        root._pendingPlayback = { ids: cameraIds, labels: labels, at: atMs };
        if (playbackLoader.item)
            root._openPendingPlayback();
    }
    // Instant replay (R): the last minute of the maximized tile's camera or of the tile under the pointer, else
    // of every camera on the wall. Esc in the playback view goes back to live.
    function instantReplay() {
        const one = wall.replayCamera();
        const ids = one !== "" ? [one] : Wall.shownCameras();
        if (ids.length === 0) {
            root.notify(qsTr("Nothing to replay: put a camera on the wall first."), true);
            return;
        }
        root.openPlayback(ids, Date.now() - 60000);
    }
    property var _pendingPlayback: null
    function _openPendingPlayback() {
        const p = root._pendingPlayback;
        root._pendingPlayback = null;
        if (p)
            (playbackLoader.item as PlaybackView).open(p.ids, p.labels, p.at);
    }

    // Back to the live wall; playback (if open) closes its recordings.
    function backToLive() {
        if (root.view === "playback" && playbackLoader.item)
            (playbackLoader.item as PlaybackView).session.close();
        root.view = "wall";
    }

    // Puts a camera on the wall (from the map) by the wall's one placement rule: a tile already showing it,
    // else the first empty tile, else the last tile. Switches to the wall.
    function openLive(cameraId: string) {
        const shown = Wall.showCamera(cameraId, true);
        root.view = "wall";
        const name = Cameras.nameOf(cameraId);
        if (shown.alreadyShown)
            root.notify(qsTr("“%1” is on tile %2.").arg(name).arg(shown.tile + 1), false);
        else if (shown.replaced)
            root.notify(qsTr("“%1” shown on tile %2 (the wall was full).").arg(name).arg(shown.tile + 1), false);
        else
            root.notify(qsTr("“%1” shown on tile %2.").arg(name).arg(shown.tile + 1), false);
    }

    // Switches the whole wall (every screen) to a saved scene.
    function recallScene(name: string) {
        if (WallScreens.recallScene(name))
            root.notify(qsTr("Scene “%1”.").arg(name), false);
    }

    // --- private -----------------------------------------------------------------------------------------
    // One shortcut per layout, in Wall.layoutIds order (1, 4, 6, 8, 9, 10, 13, 16, 25, 36, 64).
    readonly property list<string> _layoutKeys: ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6",
        "Ctrl+7", "Ctrl+8", "Ctrl+9", "Ctrl+0", "Ctrl+-"]
    // Kiosk mode counts as modal: no shortcut of the console acts in it (the PIN chord is KioskOverlay's).
    readonly property bool _modal: Session.kiosk || loginDialog.visible || addDialog.visible || addDevicesDialog.visible || sitesDialog.visible || rulesDialog.visible || help.visible || saveSceneDialog.visible

    // The toast for an ONVIF alarm (camera name and the time it arrived here).
    function _alarmText(kind: string, cameraName: string): string {
        const at = Qt.formatTime(new Date(), "hh:mm:ss");
        switch (kind) {
        case "motion":
            return qsTr("Motion alarm: %1 (%2)").arg(cameraName).arg(at);
        case "tamper":
            return qsTr("Tamper alarm: %1 (%2)").arg(cameraName).arg(at);
        case "digital-input":
            return qsTr("Alarm input triggered: %1 (%2)").arg(cameraName).arg(at);
        default:
            return qsTr("Alarm: %1 (%2)").arg(cameraName).arg(at);
        }
    }

    function _layoutName(id: string): string {
        switch (id) {
        case "6":
            return qsTr("6 tiles (1 large + 5)");
        case "8":
            return qsTr("8 tiles (1 large + 7)");
        case "10":
            return qsTr("10 tiles (2 large + 8)");
        case "13":
            return qsTr("13 tiles (1 large + 12)");
        case "1":
            return qsTr("1 tile");
        default:
            return qsTr("%1 tiles").arg(id);
        }
    }

    width: 1600
    height: 900
    minimumWidth: 900
    minimumHeight: 560
    visible: true
    color: Theme.window
    title: Session.demoMode ? qsTr("Vigil — demo site") : qsTr("Vigil")
    font: Theme.defaultFont
    // Kiosk mode: closing the window (Alt+F4, the window manager) is refused until the PIN is accepted.
    onClosing: close => {
        // Kiosk mode: only the PIN; otherwise the role (nobody logged in yet may close the login screen).
        close.accepted = Session.kiosk ? Session.kioskLock.isUnlocked : (Access.canExit || Access.loginRequired);
        if (!Session.kiosk && !close.accepted)
            root.notify(Access.refuse("exit", qsTr("close Vigil")), true);
    }
    Component.onCompleted: if (Access.loginRequired) loginDialog.open()

    // --- toolbar -----------------------------------------------------------------------------------------
    header: Rectangle {
        visible: !Session.kiosk && !Session.village
        implicitHeight: Theme.toolbarHeight
        color: Theme.panel
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: Theme.border
        }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacing
            spacing: Theme.spacing

            Row {
                spacing: Theme.spacingTiny
                ToolbarButton {
                    objectName: "wallViewButton"
                    text: qsTr("Wall")
                    checkable: true
                    checked: root.view === "wall"
                    toolTip: qsTr("The video wall (Ctrl+M switches wall and map)")
                    onClicked: root.view = "wall"
                }
                ToolbarButton {
                    objectName: "mapViewButton"
                    text: qsTr("Map")
                    checkable: true
                    checked: root.view === "map"
                    toolTip: qsTr("Cameras and patrol units on the map (Ctrl+M switches wall and map)")
                    onClicked: root.view = "map"
                }
                ToolbarButton {
                    objectName: "playbackViewButton"
                    visible: !Session.kiosk && Access.canPlayback
                    text: qsTr("Playback")
                    checkable: true
                    checked: root.view === "playback"
                    toolTip: qsTr("Recorded video on a timeline: the wall's cameras, or one tile's (its menu: Play back recordings)")
                    onClicked: root.openPlayback(Wall.shownCameras(), root.view === "playback" ? -1 : Date.now() - 60000)
                }
                ToolbarButton {
                    objectName: "screensViewButton"
                    visible: WallScreens.count > 0
                    text: qsTr("Screens")
                    checkable: true
                    checked: root.view === "screens"
                    toolTip: qsTr("Every wall screen in miniature: drop cameras on them, pick their layouts")
                    onClicked: root.view = "screens"
                }
                ToolbarButton {
                    objectName: "alarmsViewButton"
                    text: Alarms.store.newCount > 0 ? qsTr("Alarms (%1)").arg(Alarms.store.newCount) : qsTr("Alarms")
                    checkable: true
                    checked: root.view === "alarms"
                    toolTip: qsTr("Every alarm: filter, acknowledge, mark handled or false alarm")
                    onClicked: root.view = "alarms"
                }
            }
            Rectangle {
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.separatorHeight
                color: Theme.border
            }
            ToolbarButton {
                objectName: "cameraPanelButton"
                text: qsTr("Cameras")
                checkable: true
                checked: cameraList.visible
                toolTip: qsTr("Show or hide the camera list (Ctrl+B)")
                onClicked: cameraList.visible = !cameraList.visible
            }
            Rectangle {
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.separatorHeight
                color: Theme.border
            }
            VLabel {
                text: qsTr("Layout")
                color: Theme.textMuted
                size: VLabel.Small
            }
            Row {
                objectName: "layoutPicker"
                spacing: Theme.spacingTiny
                Repeater {
                    model: Wall.layoutIds
                    delegate: AbstractButton {
                        id: layoutButton
                        required property string modelData
                        required property int index
                        readonly property bool current: Wall.layoutId === layoutButton.modelData
                        objectName: "layout_" + layoutButton.modelData
                        width: Theme.layoutButtonWidth
                        height: Theme.controlHeight
                        hoverEnabled: true
                        focusPolicy: Qt.NoFocus
                        ToolTip.visible: hovered
                        ToolTip.delay: Theme.toolTipDelayShort
                        ToolTip.text: root._layoutName(layoutButton.modelData) + "  (" + root._layoutKeys[layoutButton.index] + ")"
                        onClicked: Wall.setLayout(layoutButton.modelData)
                        background: Rectangle {
                            radius: Theme.radius
                            color: layoutButton.current ? Theme.accentMuted : layoutButton.hovered ? Theme.hover : "transparent"
                            border.color: layoutButton.current ? Theme.accent : "transparent"
                        }
                        contentItem: Item {
                            LayoutIcon {
                                anchors.centerIn: parent
                                width: Theme.layoutIconWidth
                                height: Theme.layoutIconHeight
                                layoutId: layoutButton.modelData
                                lineColor: layoutButton.current ? Theme.text : Theme.textMuted
                            }
                        }
                    }
                }
            }
            ToolbarButton {
                objectName: "undoButton"
                text: "↶"
                enabled: WallScreens.canUndo
                toolTip: qsTr("Undo the last change of the wall (Ctrl+Z)")
                onClicked: WallScreens.undo()
            }
            ToolbarButton {
                objectName: "redoButton"
                text: "↷"
                enabled: WallScreens.canRedo
                toolTip: qsTr("Redo (Ctrl+Shift+Z)")
                onClicked: WallScreens.redo()
            }
            ToolbarButton {
                objectName: "scenesButton"
                text: WallScreens.sceneTourActive ? qsTr("Scene tour: %1 ▾").arg(WallScreens.currentScene)
                    : WallScreens.currentScene !== "" ? qsTr("Scene: %1 ▾").arg(WallScreens.currentScene) : qsTr("Scenes ▾")
                toolTip: qsTr("Scenes (预案): the whole wall saved under a name and switched at one click (Alt+1 … Alt+9)")
                onClicked: scenesMenu.popup()
                VMenu {
                    id: scenesMenu
                    objectName: "scenesMenu"
                    Repeater {
                        model: WallScreens.sceneNames
                        delegate: VMenuItem {
                            required property string modelData
                            required property int index
                            objectName: "sceneItem" + index
                            text: modelData
                            checkable: true
                            checked: WallScreens.currentScene === modelData
                            shortcutText: index < 9 ? "Alt+" + (index + 1) : ""
                            onTriggered: root.recallScene(modelData)
                        }
                    }
                    // Whole-wall patrol: every scene in turn (the tour ends when the operator changes the wall).
                    VMenu {
                        id: sceneTourMenu
                        objectName: "sceneTourMenu"
                        title: qsTr("Tour the scenes")
                        enabled: WallScreens.sceneNames.length >= 2 && !WallScreens.sceneTourActive
                        Instantiator {
                            model: [10, 30, 60, 120, 300]
                            delegate: VMenuItem {
                                required property int modelData
                                objectName: "sceneTourItem_" + modelData
                                text: modelData < 60 ? qsTr("Every %1 s").arg(modelData) : qsTr("Every %1 min").arg(modelData / 60)
                                onTriggered: {
                                    if (WallScreens.startSceneTour(modelData))
                                        root.notify(qsTr("Touring %1 scenes, %2 s each. Change the wall by hand, or recall a scene, to stop.").arg(WallScreens.sceneNames.length).arg(modelData), false);
                                }
                            }
                            onObjectAdded: (index, object) => sceneTourMenu.insertItem(index, object as MenuItem)
                            onObjectRemoved: (index, object) => sceneTourMenu.removeItem(object as MenuItem)
                        }
                    }
                    VMenuItem {
                        objectName: "stopSceneTourItem"
                        visible: WallScreens.sceneTourActive
                        height: visible ? implicitHeight : 0
                        text: qsTr("Stop the scene tour")
                        onTriggered: WallScreens.stopSceneTour()
                    }
                    VMenuItem {
                        objectName: "saveSceneItem"
                        text: qsTr("Save the wall as a scene…")
                        onTriggered: saveSceneDialog.openBlank()
                    }
                    VMenuItem {
                        objectName: "deleteSceneItem"
                        enabled: WallScreens.currentScene !== ""
                        text: WallScreens.currentScene !== "" ? qsTr("Delete scene “%1”").arg(WallScreens.currentScene) : qsTr("Delete scene (recall it first)")
                        onTriggered: WallScreens.deleteScene(WallScreens.currentScene)
                    }
                    VMenuItem {
                        visible: WallScreens.count > 0
                        height: visible ? implicitHeight : 0
                        text: qsTr("Identify the screens")
                        onTriggered: WallScreens.identifyScreens()
                    }
                }
            }
            Item {
                Layout.fillWidth: true
            }
            ToolbarButton {
                objectName: "addCameraButton"
                visible: Access.canSettings
                text: qsTr("Add camera")
                toolTip: qsTr("Add an RTSP camera by its stream address")
                onClicked: addDialog.openBlank()
            }
            ToolbarButton {
                objectName: "addOnvifButton"
                visible: Access.canSettings
                text: qsTr("Add ONVIF devices…")
                toolTip: qsTr("Find ONVIF cameras on the network, test them and add one or several (Ctrl+Shift+N)")
                onClicked: addDevicesDialog.openBlank()
            }
            ToolbarButton {
                objectName: "sitesButton"
                visible: Access.canSettings
                text: qsTr("Platforms…")
                toolTip: qsTr("Video platforms (sites) whose cameras join the list: add, check their state, retry")
                onClicked: root.openSites()
            }
            VLabel {
                objectName: "languageLabel"
                // The translator turns this into the name of the language in use.
                text: qsTr("English")
                color: Theme.textFaint
                size: VLabel.Small
                HoverHandler {
                    id: languageHover
                }
                ToolTip.visible: languageHover.hovered
                ToolTip.delay: Theme.toolTipDelay
                ToolTip.text: qsTr("Interface language. Start Vigil with --lang en or --lang zh_CN to change it.")
            }
            // Who is logged in; Users & audit (administrators) and Log out.
            ToolbarButton {
                objectName: "userButton"
                text: Access.userName !== "" ? qsTr("%1 (%2) ▾").arg(Access.userName).arg(Access.roleName) : qsTr("Not logged in")
                toolTip: qsTr("Users and the audit log; log out")
                onClicked: userMenu.popup()
                VMenu {
                    id: userMenu
                    VMenuItem {
                        objectName: "usersAuditItem"
                        enabled: Access.canManageUsers
                        text: qsTr("Users & audit log…")
                        onTriggered: root.view = "access"
                    }
                    VMenuItem {
                        objectName: "logoutItem"
                        enabled: Access.loggedIn
                        text: qsTr("Log out")
                        onTriggered: {
                            if (root.view === "access" || root.view === "playback")
                                root.view = "wall";
                            Access.logout();
                        }
                    }
                }
            }
            ToolbarButton {
                objectName: "helpButton"
                text: "?"
                toolTip: qsTr("Keyboard shortcuts (F1)")
                onClicked: help.open()
            }
            ToolbarButton {
                objectName: "fullScreenButton"
                text: root.visibility === Window.FullScreen ? qsTr("Exit full screen") : qsTr("Full screen")
                toolTip: qsTr("Full screen (F11)")
                onClicked: root.toggleFullScreen()
            }
        }
    }

    // --- status bar --------------------------------------------------------------------------------------
    footer: Rectangle {
        visible: !Session.kiosk && !Session.village
        implicitHeight: Theme.statusBarHeight
        color: Theme.panel
        Rectangle {
            width: parent.width
            height: 1
            color: Theme.border
        }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacing
            spacing: Theme.spacingLarge
            component StatusText: VLabel {
                color: Theme.textMuted
                size: VLabel.Small
            }
            StatusText {
                visible: Session.demoMode
                text: qsTr("Demo site")
                color: Theme.warning
            }
            StatusText {
                text: qsTr("%1 cameras").arg(Cameras.count)
            }
            StatusText {
                text: qsTr("Layout: %1").arg(root._layoutName(Wall.layoutId))
            }
            StatusText {
                visible: WallScreens.count > 0
                text: qsTr("Wall screens: %1").arg(WallScreens.count)
            }
            StatusText {
                objectName: "wallNetStatus"
                visible: WallNet.enabled
                text: WallNet.status === WallNet.Status.Connected
                      ? qsTr("Wall “%1”: %2 of %3 PCs online").arg(WallNet.wallName).arg(WallNet.nodes.onlineCount).arg(WallNet.nodes.count)
                      : qsTr("Wall “%1”: not connected to the broker").arg(WallNet.wallName)
                color: WallNet.status === WallNet.Status.Connected ? Theme.textMuted : Theme.warning
                HoverHandler {
                    id: wallNetHover
                }
                ToolTip.visible: wallNetHover.hovered
                ToolTip.delay: Theme.toolTipDelay
                ToolTip.text: WallNet.statusText
            }
            StatusText {
                visible: WallScreens.currentScene !== ""
                text: qsTr("Scene: %1").arg(WallScreens.currentScene)
            }
            StatusText {
                visible: Wall.maximizedTile >= 0
                text: qsTr("Tile %1 maximized — Esc restores").arg(Wall.maximizedTile + 1)
            }
            Item {
                Layout.fillWidth: true
            }
            StatusText {
                text: qsTr("Vigil %1").arg(Session.version)
                color: Theme.textFaint
            }
        }
    }

    // --- content -----------------------------------------------------------------------------------------
    RowLayout {
        anchors.fill: parent
        spacing: 0

        CameraList {
            id: cameraList
            visible: !Session.kiosk && !Session.village
            Layout.preferredWidth: Theme.sidePanelWidth
            Layout.fillHeight: true
            onNotify: (text, isError) => root.notify(text, isError)
            // The map's area once it has been opened (it stays made): the list's "On map" filter.
            mapBounds: mapLoader.item ? (mapLoader.item as MapScreen).pane.map.visibleBounds : Qt.rect(0, 0, 0, 0)
        }
        Rectangle {
            Layout.preferredWidth: 1
            Layout.fillHeight: true
            visible: cameraList.visible
            color: Theme.border
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: false
                Layout.margins: visibleChildren.length > 0 ? Theme.spacingSmall : 0
                spacing: Theme.spacingSmall
                Banner {
                    objectName: "startupErrorBanner"
                    Layout.fillWidth: true
                    text: Session.startupError
                    error: true
                }
                Banner {
                    objectName: "camerasLoadBanner"
                    Layout.fillWidth: true
                    text: Cameras.loadError
                }
                Banner {
                    objectName: "credentialBanner"
                    Layout.fillWidth: true
                    text: Cameras.credentialWarning
                    error: true
                }
                Banner {
                    objectName: "wallLoadBanner"
                    Layout.fillWidth: true
                    text: Wall.loadError
                }
                Banner {
                    objectName: "wallSaveBanner"
                    Layout.fillWidth: true
                    text: Wall.saveError
                    error: true
                }
                Banner {
                    objectName: "scenesBanner"
                    Layout.fillWidth: true
                    text: WallScreens.scenesError
                    error: true
                }
            }
            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: root.view === "map" ? 1 : root.view === "screens" ? 2 : root.view === "alarms" ? 3
                            : root.view === "playback" ? 4 : root.view === "access" ? 5 : 0
                WallView {
                    id: wall
                    onNotify: (text, isError) => root.notify(text, isError)
                    onPlaybackRequested: (cameraId, cameraName) => root.openPlayback([cameraId], Date.now() - 60000)
                }
                // The map is made the first time it is shown: a village PC that never opens it pays nothing.
                Loader {
                    id: mapLoader
                    objectName: "mapLoader"
                    active: root.view === "map" || item !== null
                    // By URL: a bound inline component cannot be made by the Loader's context in Qt 6.4.
                    source: "Map/MapScreen.qml"
                }
                Loader {
                    id: screensLoader
                    objectName: "screensLoader"
                    active: root.view === "screens" || item !== null
                    source: "Wall/ScreensView.qml"
                }
                // The alarm list, made the first time it is shown.
                Loader {
                    id: alarmsLoader
                    objectName: "alarmsLoader"
                    active: root.view === "alarms" || item !== null
                    source: "Alarms/AlarmsView.qml"
                }
                Connections {
                    target: alarmsLoader.item as AlarmsView
                    function onOpenLive(cameraId: string) {
                        root.openLive(cameraId);
                    }
                    function onRulesRequested() {
                        root.openRules();
                    }
                    function onShowOnMap(alarmId: double) {
                        root.view = "map";
                        const map = mapLoader.item as MapScreen;
                        if (map)
                            map.showAlarm(alarmId);
                    }
                    function onTraceBack(cameraIds: var, atMs: real) {
                        if (cameraIds.length === 0)
                            root.notify(qsTr("No camera with a known position is near this alarm."), true);
                        else
                            root.openPlayback(cameraIds, atMs);
                    }
                }
                // Playback is made the first time it is opened.
                Loader {
                    id: playbackLoader
                    objectName: "playbackLoader"
                    active: root.view === "playback" || item !== null
                    source: "Playback/PlaybackView.qml"
                    onLoaded: root._openPendingPlayback()
                }
                Connections {
                    target: playbackLoader.item as PlaybackView
                    function onNotify(text: string, isError: bool) {
                        root.notify(text, isError);
                    }
                    function onBackToLive() {
                        root.backToLive();
                    }
                }
                // Users & audit (administrators), made the first time it is shown.
                Loader {
                    id: accessLoader
                    objectName: "accessLoader"
                    active: (root.view === "access" || item !== null) && Access.canManageUsers
                    source: "Access/UsersAuditView.qml"
                }
                Connections {
                    target: accessLoader.item as UsersAuditView
                    function onNotify(text: string, isError: bool) {
                        root.notify(text, isError);
                    }
                }
                Connections {
                    target: screensLoader.item as ScreensView
                    function onNotify(text: string, isError: bool) {
                        root.notify(text, isError);
                    }
                }
                Connections {
                    target: mapLoader.item as MapScreen
                    function onOpenLive(cameraId: string) {
                        root.openLive(cameraId);
                    }
                    function onTraceBack(cameraIds: var) {
                        // Five minutes back: the operator moves on the timeline from there.
                        root.openPlayback(cameraIds, Date.now() - 5 * 60000);
                    }
                    function onNotify(text: string, isError: bool) {
                        root.notify(text, isError);
                    }
                }
            }
            // Village mode: a few big buttons instead of the toolbar and the status bar.
            VillageBar {
                id: villageBar
                Layout.fillWidth: true
                visible: Session.village
                view: root.view
                fullScreen: root.visibility === Window.FullScreen
                onLiveRequested: root.backToLive()
                onReplayRequested: minutes => {
                    const ids = Wall.shownCameras();
                    if (ids.length === 0)
                        root.notify(qsTr("Nothing to play back: the wall shows no camera."), true);
                    else
                        root.openPlayback(ids, Date.now() - minutes * 60000);
                }
                onFullScreenToggled: root.toggleFullScreen()
            }
        }
    }

    BusyOverlay {
        anchors.fill: parent
        visible: Session.busy
        text: Session.busyText
        progress: Session.progress
    }

    // ONVIF camera alarms (motion, tamper, alarm input) are announced at once; the camera also turns red on the
    // map. Alarm rules and pop-ups onto the wall belong to the alarms issue.
    Connections {
        target: CameraAlarms
        function onAlarmRaised(cameraId: string, cameraName: string, kind: string) {
            root.notify(root._alarmText(kind, cameraName), true);
        }
    }

    // Every new alarm (any source) pops up with a tone; not in kiosk mode (a public display).
    AlarmPopup {
        id: alarmPopup
        onOpenInList: alarmId => {
            root.view = "alarms";
            const list = alarmsLoader.item as AlarmsView;
            if (list)
                list.selectedId = alarmId;
        }
        // A unit was dispatched from the pop-up: the map follows it to the alarm.
        onShowOnMap: alarmId => {
            root.view = "map";
            const map = mapLoader.item as MapScreen;
            if (map)
                map.showAlarm(alarmId);
        }
    }
    Connections {
        target: Alarms
        enabled: !Session.kiosk
        function onAlarmRaised(alarmId: double, type: string, source: string, cameraId: string, position: string, priority: int, text: string) {
            alarmPopup.showAlarm(alarmId, type, source, cameraId, position, priority, text);
        }
    }

    // Kiosk mode: the clock, the title and the PIN pad that alone leaves it.
    Loader {
        objectName: "kioskLoader"
        anchors.fill: parent
        active: Session.kiosk
        source: "Kiosk/KioskOverlay.qml"
    }

    Toast {
        id: toast
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spacingLarge * 2
    }

    AddCameraDialog {
        id: addDialog
        onCameraAdded: (cameraId, name) => {
            const shown = Wall.showCamera(cameraId, false);
            if (shown.tile >= 0) {
                root.notify(qsTr("Camera “%1” added and shown on tile %2.").arg(name).arg(shown.tile + 1), false);
            } else {
                root.notify(qsTr("Camera “%1” added. Drag it from the list onto a tile.").arg(name), false);
            }
        }
    }

    // Users exist and nobody is logged in: the login comes first.
    LoginDialog {
        id: loginDialog
    }
    Connections {
        target: Access
        function onStateChanged() {
            if (Access.loginRequired && !loginDialog.visible)
                loginDialog.open();
        }
    }

    SaveSceneDialog {
        id: saveSceneDialog
        onSaved: name => root.notify(qsTr("Scene “%1” saved.").arg(name), false)
    }

    SitesDialog {
        id: sitesDialog
    }
    // The platforms dialog (the Platforms… button; --view sites).
    function openSites() {
        if (Access.canSettings)
            sitesDialog.openBlank();
    }

    RulesDialog {
        id: rulesDialog
    }
    // The alarm linkage rules (the alarms view's Linkage rules… button; --view rules). Administrators only.
    function openRules() {
        if (!Access.canSettings)
            return;
        root.view = "alarms";
        rulesDialog.openFirst();
    }

    AddDevicesDialog {
        id: addDevicesDialog
        onCamerasAdded: count => root.notify(qsTr("ONVIF cameras added: %1. Drag them from the list onto tiles.").arg(count), false)
    }

    ShortcutHelp {
        id: help
        entries: [
            [qsTr("Ctrl+1 … Ctrl+9, Ctrl+0, Ctrl+-"), qsTr("Layouts 1, 4, 6, 8, 9, 10, 13, 16, 25, 36, 64 tiles")],
            [qsTr("Double-click a tile"), qsTr("Maximize or restore the tile")],
            [qsTr("Esc"), qsTr("Restore the maximized tile, then leave full screen")],
            [qsTr("F11"), qsTr("Full screen on or off")],
            [qsTr("Ctrl+B"), qsTr("Show or hide the camera list")],
            [qsTr("Ctrl+M"), qsTr("Switch between the wall and the map")],
            [qsTr("Double-click a camera on the map"), qsTr("Show it live on the wall")],
            [qsTr("Click the map"), qsTr("List the nearest patrol units")],
            [qsTr("Ctrl+N"), qsTr("Add an RTSP camera")],
            [qsTr("Ctrl+Shift+N"), qsTr("Find and add ONVIF cameras")],
            [qsTr("Drag a camera onto a tile"), qsTr("Show the camera on that tile")],
            [qsTr("Drag a tile onto a tile"), qsTr("Swap the two tiles")],
            [qsTr("Right-click a tile"), qsTr("Tile menu: snapshot, statistics, close")],
            [qsTr("Alt+1 … Alt+9"), qsTr("Switch the whole wall to scene 1 … 9")],
            [qsTr("R"), qsTr("Instant replay of the last minute: the maximized tile, the tile under the pointer, or the whole wall (Esc: back to live)")],
            [qsTr("Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y"), qsTr("Undo, redo the last change of the wall (any screen)")],
            [qsTr("F1"), qsTr("This help")]
        ]
    }

    // --- shortcuts ---------------------------------------------------------------------------------------
    Repeater {
        model: Wall.layoutIds
        delegate: Item {
            id: layoutShortcut
            required property string modelData
            required property int index
            Shortcut {
                sequence: root._layoutKeys[layoutShortcut.index] ?? ""
                enabled: !root._modal
                onActivated: Wall.setLayout(layoutShortcut.modelData)
            }
        }
    }
    Repeater {
        model: 9
        delegate: Item {
            id: sceneShortcut
            required property int index
            Shortcut {
                sequence: "Alt+" + (sceneShortcut.index + 1)
                enabled: !root._modal && sceneShortcut.index < WallScreens.sceneNames.length
                onActivated: root.recallScene(WallScreens.sceneNames[sceneShortcut.index])
            }
        }
    }
    Shortcut {
        sequences: [StandardKey.Undo]
        enabled: !root._modal
        onActivated: WallScreens.undo()
    }
    Shortcut {
        sequences: [StandardKey.Redo, "Ctrl+Y"]
        enabled: !root._modal
        onActivated: WallScreens.redo()
    }
    Shortcut {
        sequence: "F11"
        enabled: !Session.kiosk
        onActivated: root.toggleFullScreen()
    }
    Shortcut {
        sequence: "Esc"
        enabled: !root._modal
        onActivated: root.handleEscape()
    }
    Shortcut {
        sequence: "R"
        enabled: !root._modal && root.view === "wall" && !Session.kiosk
        onActivated: root.instantReplay()
    }
    Shortcut {
        sequence: "F1"
        enabled: !root._modal
        onActivated: help.open()
    }
    Shortcut {
        sequence: "Ctrl+B"
        enabled: !root._modal && !Session.village // no camera list or map on a village PC
        onActivated: cameraList.visible = !cameraList.visible
    }
    Shortcut {
        sequence: "Ctrl+M"
        enabled: !root._modal && !Session.village // no camera list or map on a village PC
        onActivated: root.view = root.view === "map" ? "wall" : "map"
    }
    Shortcut {
        sequence: "Ctrl+N"
        enabled: !root._modal && Access.canSettings
        onActivated: addDialog.openBlank()
    }
    Shortcut {
        sequence: "Ctrl+Shift+N"
        enabled: !root._modal && Access.canSettings
        onActivated: addDevicesDialog.openBlank()
    }
}
