import QtQuick
import QtTest
import Vigil.Sites
import Vigil.Views

// The platforms dialog on the real Sites manager: a bad address is refused inline; a site is added, shown
// with its state as the manager reports it (nothing listens on 127.0.0.1:1, so "unreachable" with a retry
// sentence), edited (the form is filled, the password is not) and removed. A site's relay and the relay of
// the cameras added directly are set, shown, loaded back for editing (never their secret) and refused inline
// when their address is not an http(s) one.
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

    function test_relays() {
        const o = createTemporaryObject(dialogComponent, root);
        const d = o.dialog;
        d.openBlank();
        tryCompare(d, "opened", true);
        const siteRelay = field(d, "siteRelayFields");
        const relayKind = findChild(siteRelay, "relayKindBox"), relayUrl = findChild(siteRelay, "relayUrlField"),
              relaySecret = findChild(siteRelay, "relaySecretField"), relayPort = findChild(siteRelay, "relayRtspPortField"),
              relayUser = findChild(siteRelay, "relayUserField");
        compare(relayKind.currentValue, "", "no relay by default");
        verify(!relayUrl.visible);

        field(d, "siteNameField").text = "Town";
        field(d, "siteUrlField").text = "http://127.0.0.1:1";
        relayKind.currentIndex = relayKind.indexOfValue("zlm");
        verify(relayUrl.visible && relaySecret.visible);
        verify(!relayUser.visible, "ZLMediaKit asks only for its API secret");
        compare(relayPort.placeholderText, "554");
        relayUrl.text = "rtsp://10.1.2.9";
        relaySecret.text = "relay-s3cret";
        compare(relaySecret.echoMode, TextInput.Password);
        d.save();
        const error = field(d, "sitesError");
        tryVerify(() => error.visible);
        verify(error.text.indexOf("http://host:port") >= 0, error.text);
        compare(Sites.count, 1, "the site was added; its relay waits for a correct address");

        relayUrl.text = "http://10.1.2.9:8080";
        relayPort.text = "10554";
        d.save();
        compare(Sites.lastError, "");
        compare(relayKind.currentValue, "", "the form is cleared after saving");
        const list = field(d, "siteList");
        tryVerify(() => list.itemAtIndex(0) !== null);
        const row = list.itemAtIndex(0);
        compare(row.relayKind, "zlm");
        compare(row.relayRtspPort, 10554);
        const shown = findChild(row, "siteRelay");
        verify(shown.visible);
        verify(shown.text.indexOf("ZLMediaKit") >= 0 && shown.text.indexOf("10.1.2.9:8080") >= 0, shown.text);

        // Edit: the relay is loaded back, never its secret.
        mouseClick(findChild(row, "editButton"));
        compare(relayKind.currentValue, "zlm");
        compare(relayUrl.text, "http://10.1.2.9:8080");
        compare(relayPort.text, "10554");
        compare(relaySecret.text, "");
        compare(relaySecret.placeholderText, "Unchanged");
        relayKind.currentIndex = relayKind.indexOfValue("mediamtx");
        verify(relayUser.visible);
        compare(relayPort.placeholderText, "8554");
        relayKind.currentIndex = relayKind.indexOfValue("");
        d.save();
        compare(row.relayKind, "", "relay removed");
        verify(!findChild(row, "siteRelay").visible);

        // The relay of the cameras added directly.
        const direct = field(d, "directRelayFields");
        const directKind = findChild(direct, "relayKindBox");
        directKind.currentIndex = directKind.indexOfValue("mediamtx");
        findChild(direct, "relayUrlField").text = "http://10.1.2.9:9997";
        findChild(direct, "relayUserField").text = "vigil";
        findChild(direct, "relaySecretField").text = "mtx-pass";
        mouseClick(field(d, "saveDirectRelayButton"));
        compare(Sites.lastError, "");
        compare(Sites.directRelay.kind, "mediamtx");
        compare(Sites.directRelay.user, "vigil");
        compare(findChild(direct, "relaySecretField").text, "", "the secret is not kept in the form");
        directKind.currentIndex = directKind.indexOfValue("");
        mouseClick(field(d, "saveDirectRelayButton"));
        compare(Sites.directRelay.kind, "");

        mouseClick(findChild(row, "removeButton"));
        compare(Sites.count, 0);
    }
}
