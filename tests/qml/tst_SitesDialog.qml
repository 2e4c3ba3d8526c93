import QtQuick
import QtTest
import Vigil.Sites
import Vigil.Views

// The platforms dialog on the real Sites manager: a bad address is refused inline; a site is added, shown
// with its state as the manager reports it (nothing listens on 127.0.0.1:1, so "unreachable" with a retry
// sentence), edited (the form is filled, the password is not) and removed.
TestCase {
    id: root
    name: "SitesDialog"
    width: 900
    height: 700
    visible: true
    when: windowShown

    Component {
        id: dialogComponent
        Item {
            width: 900
            height: 700
            property alias dialog: dialog
            SitesDialog { id: dialog }
        }
    }

    function field(d, name) {
        const f = findChild(d.contentItem, name) ?? findChild(d, name);
        verify(f !== null, name);
        return f;
    }

    function test_addShowEditRemove() {
        const o = createTemporaryObject(dialogComponent, root);
        const d = o.dialog;
        d.openBlank();
        tryCompare(d, "opened", true);
        compare(Sites.count, 0);
        verify(field(d, "noSitesHint").visible);

        const name = field(d, "siteNameField"), url = field(d, "siteUrlField"), user = field(d, "siteUserField"),
              pw = field(d, "sitePasswordField"), kind = field(d, "siteKindBox");
        name.text = "County";
        url.text = "ftp://127.0.0.1:1";
        user.text = "operator";
        pw.text = "s3cret";
        compare(pw.echoMode, TextInput.Password);
        d.save();
        const error = field(d, "sitesError");
        tryVerify(() => error.visible);
        compare(error.text, Sites.lastError);
        compare(Sites.count, 0);

        url.text = "http://127.0.0.1:1";
        d.save();
        compare(Sites.count, 1);
        compare(name.text, "", "the form is cleared after adding");
        compare(pw.text, "");
        const list = field(d, "siteList");
        tryVerify(() => list.itemAtIndex(0) !== null);
        const row = list.itemAtIndex(0);
        tryCompare(row, "stateName", "unreachable", 10000);
        const status = findChild(row, "siteStatus");
        verify(status.text.indexOf("Retrying") >= 0, status.text);
        verify(status.text.indexOf("s3cret") < 0);
        verify(!field(d, "noSitesHint").visible);

        // Edit: the form takes the site, never its password.
        mouseClick(findChild(row, "editButton"));
        compare(name.text, "County");
        compare(url.text, "http://127.0.0.1:1");
        compare(user.text, "operator");
        compare(pw.text, "");
        compare(kind.currentValue, "ours");
        name.text = "County platform";
        d.save();
        tryCompare(row, "name", "County platform");

        // ZLMediaKit asks only for its API secret.
        kind.currentIndex = kind.indexOfValue("zlm");
        verify(!user.visible);
        kind.currentIndex = kind.indexOfValue("ours");

        mouseClick(findChild(row, "removeButton"));
        compare(Sites.count, 0);
    }
}
