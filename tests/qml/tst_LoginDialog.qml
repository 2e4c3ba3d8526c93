import QtQuick
import QtTest
import Vigil.Access
import Vigil.Views

// The login dialog against the real Access singleton (users.json with admin and li, see main.cpp): a wrong
// password says so and the dialog stays; the right one closes it and logs in; the password field hides the
// password. Leaves the administrator logged in for the other tests.
TestCase {
    id: root
    name: "LoginDialog"
    width: 900
    height: 600
    visible: true
    when: windowShown

    Component {
        id: dialogComponent
        Item {
            width: 900
            height: 600
            property alias dialog: dialog
            LoginDialog { id: dialog }
        }
    }
    SignalSpy {
        id: finishedSpy
        target: Access
        signalName: "loginFinished"
    }

    function field(d, name) {
        const f = findChild(d.contentItem, name) ?? findChild(d.footer, name) ?? findChild(d, name);
        verify(f !== null, name);
        return f;
    }

    function cleanup() {
        if (Access.userName !== "admin") {
            Access.logout();
            finishedSpy.clear();
            Access.login("admin", "admin-password");
            finishedSpy.wait(10000);
        }
        compare(Access.role, "administrator");
    }

    function test_wrongThenRight() {
        Access.logout();
        verify(Access.loginRequired);
        compare(Access.canExport, false);
        const o = createTemporaryObject(dialogComponent, root);
        const d = o.dialog;
        d.open();
        tryCompare(d, "opened", true);
        const name = field(d, "loginName");
        const password = field(d, "loginPassword");
        const button = field(d, "loginButton");
        const message = field(d, "loginMessage");
        compare(password.echoMode, TextInput.Password);
        compare(button.enabled, false); // nothing typed yet

        name.text = "li";
        password.text = "not-her-password";
        verify(button.enabled);
        finishedSpy.clear();
        mouseClick(button);
        finishedSpy.wait(10000);
        compare(finishedSpy.signalArguments[0][0], false);
        tryVerify(() => message.visible && message.text.indexOf("Wrong user name or password") >= 0);
        verify(d.visible);
        compare(password.text, ""); // cleared for the next try
        verify(Access.loginRequired);

        password.text = "li-password";
        finishedSpy.clear();
        password.accepted(); // Enter in the password field
        finishedSpy.wait(10000);
        compare(finishedSpy.signalArguments[0][0], true);
        tryCompare(d, "visible", false);
        compare(Access.userName, "li");
        compare(Access.role, "operator");
        verify(!Access.loginRequired);
        verify(Access.canExport && Access.canPtz && !Access.canSettings);
    }
}
