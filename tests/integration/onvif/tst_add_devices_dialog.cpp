// The Add-devices dialog (qml/Onvif/AddDevicesDialog.qml) driven like an operator would, under Xvfb, against
// real parts on loopback: two loopback ONVIF devices whose streams point at our RTSP test server (DemoSite),
// a WS-Discovery responder that announces them (unicast to 127.0.0.1; the test never multicasts) and the
// real CameraDirectory. Wrong password -> the error and what to do; right password -> model, streams and a
// live preview; Add -> a camera with main/sub streams, password in the credential store only; three ticked
// rows + "Add 3 selected" -> progress, per-row results: two added, and the third (a device with another
// password) failed with its reason as text on its row, whole and readable. Screenshots are kept in
// VIGIL_SCREENSHOT_DIR for people to look at.
#include "loopback_device.h"
#include "vigil/app/qml_modules.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/demo/demo_site.h"
#include "vigil/video/video_player.h"

#include <QtCore/QDir>
#include <QtCore/QScopeGuard>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTranslator>
#include <QtGui/QStyleHints>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QUdpSocket>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
constexpr auto kUser = "operator";
constexpr auto kPassword = "p@ss:w0rd/#1";

// Answers each WS-Discovery Probe with one ProbeMatch per device.
class Responder : public QObject
{
public:
    explicit Responder(QList<QPair<QString, QUrl>> devices)
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        int n = 0;
        for (const auto &[name, url] : devices)
            m_answers
                << QStringLiteral(
                       "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                       "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
                       "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Body><d:ProbeMatches>"
                       "<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:loopback-%1</a:Address>"
                       "</a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>"
                       "onvif://www.onvif.org/name/%2 onvif://www.onvif.org/hardware/Loopback</d:Scopes>"
                       "<d:XAddrs>%3</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>")
                       .arg(++n)
                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(name)), url.toString())
                       .toUtf8();
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram d = m_socket.receiveDatagram();
                for (const QByteArray &a : m_answers)
                    m_socket.writeDatagram(a, d.senderAddress(), d.senderPort());
            }
        });
    }
    quint16 port() const { return m_socket.localPort(); }

private:
    QUdpSocket m_socket;
    QList<QByteArray> m_answers;
};

// Items and popups by objectName, through QObject children and visual children (popups live in the overlay).
QObject *find(QObject *root, const QString &name)
{
    QList<QObject *> stack{root};
    QSet<QObject *> seen;
    while (!stack.isEmpty()) {
        QObject *o = stack.takeLast();
        if (!o || seen.contains(o))
            continue;
        seen.insert(o);
        if (o->objectName() == name)
            return o;
        stack += o->children();
        if (auto *item = qobject_cast<QQuickItem *>(o))
            for (QQuickItem *c : item->childItems())
                stack += c;
    }
    return nullptr;
}

QString text(QObject *root, const QString &name)
{
    QObject *o = find(root, name);
    return o ? o->property("text").toString() : QStringLiteral("<no %1>").arg(name);
}

bool shown(QObject *root, const QString &name)
{
    auto *item = qobject_cast<QQuickItem *>(find(root, name));
    return item && item->isVisible();
}
} // namespace

class TstAddDevicesDialog : public QObject
{
    Q_OBJECT
    QTemporaryDir m_config;
    std::unique_ptr<demo::DemoSite> m_site;
    QString m_shots;

    void click(QQuickWindow *window, const QString &name)
    {
        auto *item = qobject_cast<QQuickItem *>(find(window, name));
        QVERIFY2(item, qPrintable(name));
        QVERIFY2(item->isVisible() && item->isEnabled(),
                 qPrintable(name + QStringLiteral(" is not clickable")));
        const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        clickAt(window, c.toPoint());
    }
    void clickIn(QQuickWindow *window, QObject *scope, const QString &name)
    {
        auto *item = qobject_cast<QQuickItem *>(find(scope, name));
        QVERIFY2(item, qPrintable(name));
        const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        clickAt(window, c.toPoint());
    }
    // Two clicks at one spot within the double-click interval would be a double click (no second `clicked`):
    // the second one waits that long first.
    QPoint m_lastClick{-1, -1};
    void clickAt(QQuickWindow *window, QPoint pos)
    {
        const int delay =
            pos == m_lastClick ? QGuiApplication::styleHints()->mouseDoubleClickInterval() + 50 : -1;
        QTest::mouseClick(window, Qt::LeftButton, {}, pos, delay);
        m_lastClick = pos;
    }
    // A window with the dialog, opened (discovery on loopback only).
    void openDialog(QQmlApplicationEngine &engine, QQuickWindow **out)
    {
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.loadData(R"(
import QtQuick
import Vigil.Views
Window {
    width: 1100
    height: 720
    visible: true
    color: Theme.window
    AddDevicesDialog {
        objectName: "dialog"
        discoveryMulticast: false
        discoveryTimeoutMs: 1500
    }
})");
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QObject *dialog = find(window, QStringLiteral("dialog"));
        QVERIFY(dialog);
        QVERIFY(QMetaObject::invokeMethod(dialog, "openBlank"));
        QTRY_VERIFY(dialog->property("opened").toBool());
        *out = window;
    }
    void shoot(QQuickWindow *window, const QString &file)
    {
        const QImage shot = window->grabWindow();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(QDir(m_shots).filePath(file)));
        qInfo().noquote() << "screenshot:" << QDir(m_shots).filePath(file);
    }

private slots:
    void initTestCase()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        m_shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath());
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        demo::DemoSiteOptions o;
        o.cameraCount = 2;
        o.clipSeconds = 4;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        o.cacheDir = qEnvironmentVariable("VIGIL_ONVIF_TEST_CACHE",
                                          QDir::temp().filePath(QStringLiteral("vigil-onvif-test")));
        m_site = std::make_unique<demo::DemoSite>(o);
        QString error;
        QVERIFY2(m_site->prepare(&error), qPrintable(error));
        QVERIFY2(m_site->start(&error), qPrintable(error));
    }

    void testAddAndBulkAdd()
    {
        auto options = [this](int cam) {
            onvif::test::DeviceOptions o;
            o.user = QString::fromLatin1(kUser);
            o.password = QString::fromLatin1(kPassword);
            o.serial = QStringLiteral("LOOP%1").arg(cam, 4, 10, QLatin1Char('0'));
            o.rtspUrl = QStringLiteral("rtsp://127.0.0.1:%1/cam%2/{profile}")
                            .arg(m_site->port())
                            .arg(cam, 2, 10, QLatin1Char('0'));
            return o;
        };
        // The shed's camera has another password than the one the operator types: its bulk add fails.
        onvif::test::DeviceOptions shedOptions = options(2);
        shedOptions.serial = QStringLiteral("LOOP0003");
        shedOptions.password = QStringLiteral("the shed's own");
        onvif::test::LoopbackDevice gate(options(1)), yard(options(2)), shed(shedOptions);
        QVERIFY(gate.start() && yard.start() && shed.start());
        Responder responder({{QStringLiteral("Gate cam"), gate.deviceUrl()},
                             {QStringLiteral("Yard cam"), yard.deviceUrl()},
                             {QStringLiteral("Shed cam"), shed.deviceUrl()}});

        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        cameras::MemoryCredentialStore *secrets = store.get();
        cameras::CameraDirectory directory(std::move(store));
        cameras::CameraDirectory::setInstance(&directory);
        auto resetInstance = qScopeGuard([] { cameras::CameraDirectory::setInstance(nullptr); });

        QQmlApplicationEngine engine;
        QQuickWindow *window = nullptr;
        openDialog(engine, &window);
        QVERIFY(window);
        QObject *dialog = find(window, QStringLiteral("dialog"));

        // Search the responder's address (the round openBlank started has no target: wait for its end).
        QTRY_COMPARE_WITH_TIMEOUT(text(window, QStringLiteral("searchButton")), QStringLiteral("Search"),
                                  5000);
        find(window, QStringLiteral("unicastField"))
            ->setProperty("text", QStringLiteral("127.0.0.1:%1").arg(responder.port()));
        click(window, QStringLiteral("searchButton"));
        QVERIFY(shown(window, QStringLiteral("searchBusy")));
        QTRY_VERIFY_WITH_TIMEOUT(find(window, QStringLiteral("deviceRow_2")), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(text(window, QStringLiteral("searchButton")), QStringLiteral("Search"),
                                  5000);
        QVERIFY2(text(window, QStringLiteral("searchStatus")).startsWith(QLatin1String("Devices found: 3")),
                 qPrintable(text(window, QStringLiteral("searchStatus"))));

        // Click the first row: its address fills the form. A wrong password: the error and what to do.
        QObject *row0 = find(window, QStringLiteral("deviceRow_0"));
        {
            auto *item = qobject_cast<QQuickItem *>(row0);
            const QPointF c = item->mapToScene(QPointF(item->width() * 0.6, item->height() / 2));
            clickAt(window, c.toPoint());
        }
        QCOMPARE(text(window, QStringLiteral("addressField")), gate.deviceUrl().toString());
        QCOMPARE(text(window, QStringLiteral("nameField")), QStringLiteral("Gate cam"));
        find(window, QStringLiteral("userField"))->setProperty("text", QString::fromLatin1(kUser));
        QObject *password = find(window, QStringLiteral("passwordField"));
        password->setProperty("text", QStringLiteral("wrong"));
        QCOMPARE(password->property("echoMode").toInt(), 2); // TextInput.Password
        click(window, QStringLiteral("testButton"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(window, QStringLiteral("dialogError")), 10000);
        QVERIFY2(text(window, QStringLiteral("dialogError")).contains(QLatin1String("password")),
                 qPrintable(text(window, QStringLiteral("dialogError"))));
        QVERIFY(
            text(window, QStringLiteral("errorAdvice")).contains(QLatin1String("user name and password")));
        QVERIFY(!shown(window, QStringLiteral("deviceInfo")));
        QVERIFY(!find(window, QStringLiteral("addButton"))->property("enabled").toBool());
        shoot(window, QStringLiteral("add-devices-wrong-password.png"));

        // The right password: what the device is, and its sub-stream live in the preview.
        password->setProperty("text", QString::fromLatin1(kPassword));
        click(window, QStringLiteral("testButton"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(window, QStringLiteral("deviceInfo")), 10000);
        QVERIFY(!shown(window, QStringLiteral("dialogError")));
        QCOMPARE(text(window, QStringLiteral("modelText")), QStringLiteral("Vigil Loopback"));
        QCOMPARE(text(window, QStringLiteral("firmwareText")), QStringLiteral("1.0"));
        const QString streams = text(window, QStringLiteral("stream_0")) + QLatin1Char('\n') +
                                text(window, QStringLiteral("stream_1"));
        QVERIFY2(streams.contains(QStringLiteral("main: 1280×720")) &&
                     streams.contains(QStringLiteral("sub: 640×360")),
                 qPrintable(streams));
        QVERIFY(text(window, QStringLiteral("ptzText")).startsWith(QLatin1String("Yes")));
        QTRY_VERIFY_WITH_TIMEOUT(
            text(window, QStringLiteral("previewStatus")).startsWith(QStringLiteral("Live: 640×360")), 15000);
        // The password is nowhere on screen.
        for (const QString &shownText : {streams, text(window, QStringLiteral("previewStatus")),
                                         text(window, QStringLiteral("addressField"))})
            QVERIFY(!shownText.contains(QLatin1String("p@ss")));
        const auto players = window->findChildren<video::VideoPlayer *>();
        QCOMPARE(players.size(), 1);
        QVERIFY(!players.first()->displaySource().contains(QLatin1String("p@ss")));
        // A few more video frames in the preview, so the screenshot shows a settled live picture.
        const qint64 framesBefore = players.first()->framesShownTotal();
        QTRY_VERIFY_WITH_TIMEOUT(players.first()->framesShownTotal() >= framesBefore + 3, 5000);
        shoot(window, QStringLiteral("add-devices-tested.png"));

        // Add: one camera with main and sub streams; the password in the credential store, not in
        // cameras.json.
        click(window, QStringLiteral("addButton"));
        QCOMPARE(directory.count(), 1);
        const QString id = dialog->property("addedCameraId").toString();
        const auto cam = directory.camera(id);
        QVERIFY(cam);
        QCOMPARE(cam->name, QStringLiteral("Gate cam"));
        QVERIFY(cam->stream(u"main") && cam->stream(u"sub"));
        QCOMPARE(secrets->password(cam->credentialRef).value_or(QString()), QString::fromLatin1(kPassword));
        QFile json(directory.configPath());
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QByteArray saved = json.readAll();
        QVERIFY(saved.contains("Gate cam")); // persisted in cameras.json ...
        QVERIFY(!saved.contains("p@ss"));    // ... without the password
        QVERIFY(shown(window, QStringLiteral("addedMessage")));
        // Once per test: a second click would add the same device again.
        QVERIFY(!find(window, QStringLiteral("addButton"))->property("enabled").toBool());

        // Bulk: tick the three rows, "Add 3 selected" with the user and password above.
        QObject *row1 = find(window, QStringLiteral("deviceRow_1"));
        QObject *row2 = find(window, QStringLiteral("deviceRow_2"));
        QCOMPARE(text(row2, QStringLiteral("rowResult")), QString()); // no result before a run ...
        QVERIFY(!shown(row2, QStringLiteral("rowReason")));           // ... and no reason
        const int rowHeightBefore = qobject_cast<QQuickItem *>(row2)->height();
        // The check box shows the model's "selected" role, also after the operator clicked it: unticking
        // every row in the model (as a new search does) unticks the box just clicked.
        clickIn(window, row0, QStringLiteral("deviceCheck"));
        QCOMPARE(text(window, QStringLiteral("addSelectedButton")), QStringLiteral("Add selected (1)"));
        QObject *model = find(window, QStringLiteral("deviceList"))->property("model").value<QObject *>();
        QVERIFY(model && QMetaObject::invokeMethod(model, "selectNone"));
        QVERIFY(!find(row0, QStringLiteral("deviceCheck"))->property("checked").toBool());
        QCOMPARE(text(window, QStringLiteral("addSelectedButton")), QStringLiteral("Add selected (0)"));
        clickIn(window, row0, QStringLiteral("deviceCheck"));
        clickIn(window, row1, QStringLiteral("deviceCheck"));
        clickIn(window, row2, QStringLiteral("deviceCheck"));
        QCOMPARE(text(window, QStringLiteral("addSelectedButton")), QStringLiteral("Add selected (3)"));
        QVERIFY(find(row2, QStringLiteral("deviceCheck"))->property("checked").toBool());
        click(window, QStringLiteral("addSelectedButton"));
        QVERIFY(shown(window, QStringLiteral("bulkProgress")));
        QVERIFY2(text(window, QStringLiteral("bulkProgressText")).startsWith(QLatin1String("Adding 1 of 3")),
                 qPrintable(text(window, QStringLiteral("bulkProgressText"))));
        QTRY_VERIFY_WITH_TIMEOUT(shown(window, QStringLiteral("bulkSummary")), 30000);
        QCOMPARE(text(window, QStringLiteral("bulkSummary")),
                 QStringLiteral("2 of 3 devices added; 1 failed: the reason is on each failed row."));
        QCOMPARE(text(row0, QStringLiteral("rowResult")), QStringLiteral("Added"));
        QCOMPARE(text(row1, QStringLiteral("rowResult")), QStringLiteral("Added"));
        QCOMPARE(text(row2, QStringLiteral("rowResult")), QStringLiteral("Failed"));
        // The shed's row says why, as text on the row (no hovering): the device's own sentence, whole —
        // the row grew to hold it, nothing elided or cut off by the row or the list.
        QVERIFY(!shown(row0, QStringLiteral("rowReason")) && !shown(row1, QStringLiteral("rowReason")));
        QVERIFY(shown(row2, QStringLiteral("rowReason")));
        auto *reason = qobject_cast<QQuickItem *>(find(row2, QStringLiteral("rowReason")));
        QVERIFY2(reason->property("text").toString().contains(QLatin1String("user name or password")),
                 qPrintable(reason->property("text").toString()));
        QVERIFY(!reason->property("truncated").toBool());
        QVERIFY2(reason->height() >= reason->implicitHeight(),
                 qPrintable(QStringLiteral("%1 < %2").arg(reason->height()).arg(reason->implicitHeight())));
        auto *row2Item = qobject_cast<QQuickItem *>(row2);
        auto *list = qobject_cast<QQuickItem *>(find(window, QStringLiteral("deviceList")));
        const QRectF reasonRect =
            reason->mapRectToItem(row2Item, QRectF(0, 0, reason->width(), reason->height()));
        QVERIFY2(QRectF(0, 0, row2Item->width(), row2Item->height()).contains(reasonRect),
                 qPrintable(QStringLiteral("reason %1,%2 %3x%4 outside its row %5x%6")
                                .arg(reasonRect.x())
                                .arg(reasonRect.y())
                                .arg(reasonRect.width())
                                .arg(reasonRect.height())
                                .arg(row2Item->width())
                                .arg(row2Item->height())));
        const QRectF inList = reason->mapRectToItem(list, QRectF(0, 0, reason->width(), reason->height()));
        QVERIFY(QRectF(0, 0, list->width(), list->height()).contains(inList));
        QVERIFY(row2Item->height() > rowHeightBefore);
        // The gate was added before: adding it again updated it (one camera per device), the yard is new,
        // the shed was not added.
        QCOMPARE(directory.count(), 2);
        // The device tested and added before the bulk run cannot be added again by a stray "Add".
        QVERIFY(!find(window, QStringLiteral("addButton"))->property("enabled").toBool());
        QStringList names;
        for (const cameras::Camera &c : directory.cameras()) {
            names << c.name;
            QVERIFY(c.stream(u"main") && c.stream(u"sub"));
        }
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("Gate cam"), QStringLiteral("Yard cam")}));
        shoot(window, QStringLiteral("add-devices-bulk.png"));
        // (The gate saw a wrong password on purpose; the yard only ever the right one.)
        QVERIFY2(yard.problems().isEmpty(), qPrintable(yard.problems().join(QLatin1Char('\n'))));

        // Closing forgets the password.
        click(window, QStringLiteral("closeButton"));
        QTRY_VERIFY(!dialog->property("visible").toBool());
        QCOMPARE(password->property("text").toString(), QString());
        video::VideoPlayer::waitForWorkers(3000);
    }

    // Each failure the operator can meet says what failed and what to do; a camera clock far off but
    // accepted is shown, not an error.
    void errorsSayWhatToDo_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("error");  // in the probe's sentence
        QTest::addColumn<QString>("advice"); // in the dialog's advice
        QTest::newRow("unreachable") << "refused"
                                     << ""
                                     << "Check the address and port";
        QTest::newRow("clock skew") << "skew"
                                    << "behind"
                                    << "Set the camera's clock";
        QTest::newRow("not onvif") << "web page"
                                   << "web page"
                                   << "Turn ONVIF on";
        QTest::newRow("clock off, accepted") << "offset"
                                             << ""
                                             << "";
    }
    void errorsSayWhatToDo()
    {
        QFETCH(QString, kind);
        QFETCH(QString, error);
        QFETCH(QString, advice);
        onvif::test::DeviceOptions o;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        o.useCaptureClock = false;
        if (kind == QLatin1String("skew")) {
            o.clockOffsetMs = -3LL * 3600 * 1000;
            o.strictRealClock = true; // firmware that checks Created against a clock it does not report
        } else if (kind == QLatin1String("offset")) {
            o.clockOffsetMs = 3LL * 3600 * 1000; // reported honestly: Vigil signs with the camera's time
        } else if (kind == QLatin1String("web page")) {
            o.misbehaviour = onvif::test::Misbehaviour::HtmlPage;
        }
        onvif::test::LoopbackDevice device(o);
        QVERIFY(device.start());
        cameras::CameraDirectory directory(std::make_unique<cameras::MemoryCredentialStore>());
        cameras::CameraDirectory::setInstance(&directory);
        auto resetInstance = qScopeGuard([] { cameras::CameraDirectory::setInstance(nullptr); });
        QQmlApplicationEngine engine;
        QQuickWindow *window = nullptr;
        openDialog(engine, &window);
        QVERIFY(window);

        // Port 9 on loopback is closed: connection refused.
        find(window, QStringLiteral("addressField"))
            ->setProperty("text", kind == QLatin1String("refused")
                                      ? QStringLiteral("127.0.0.1:9")
                                      : QStringLiteral("127.0.0.1:%1").arg(device.port()));
        find(window, QStringLiteral("userField"))->setProperty("text", o.user);
        find(window, QStringLiteral("passwordField"))->setProperty("text", o.password);
        // Through the dialog's function, not a click: a click at the same spot as the previous row's would be
        // taken for a double click.
        QVERIFY(QMetaObject::invokeMethod(find(window, QStringLiteral("dialog")), "test"));
        QVERIFY(shown(window, QStringLiteral("testBusy"))); // at once, while the worker asks
        if (advice.isEmpty()) {
            QTRY_VERIFY_WITH_TIMEOUT(shown(window, QStringLiteral("deviceInfo")), 10000);
            QVERIFY(!shown(window, QStringLiteral("dialogError")));
            const QString clock = text(window, QStringLiteral("clockText"));
            const int seconds = clock.section(QLatin1Char(' '), 0, 0).toInt();
            QVERIFY2(std::abs(seconds - 10800) <= 2 && clock.contains(QLatin1String(" s off this PC")),
                     qPrintable(clock));
            QVERIFY(find(window, QStringLiteral("addButton"))->property("enabled").toBool());
            shoot(window, QStringLiteral("add-devices-clock-offset.png"));
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(shown(window, QStringLiteral("dialogError")), 15000);
        QVERIFY(!shown(window, QStringLiteral("deviceInfo")));
        QVERIFY(!find(window, QStringLiteral("addButton"))->property("enabled").toBool());
        QVERIFY2(text(window, QStringLiteral("dialogError")).contains(error),
                 qPrintable(text(window, QStringLiteral("dialogError"))));
        QVERIFY2(text(window, QStringLiteral("errorAdvice")).startsWith(advice),
                 qPrintable(text(window, QStringLiteral("errorAdvice"))));
        if (kind == QLatin1String("skew"))
            shoot(window, QStringLiteral("add-devices-clock-skew.png"));
    }

    // A Chinese operator (the zh_CN translator app/main.cpp installs): a wrong password reads in Chinese,
    // the ONVIF client's sentence (built on the worker thread) as well as the dialog's advice.
    void wrongPasswordInChinese()
    {
        QTranslator chinese;
        QVERIFY(chinese.load(QStringLiteral(":/i18n/vigil_zh_CN.qm")));
        QVERIFY(QCoreApplication::installTranslator(&chinese));
        auto removeTranslator = qScopeGuard([&chinese] { QCoreApplication::removeTranslator(&chinese); });
        onvif::test::DeviceOptions o;
        o.user = QString::fromLatin1(kUser);
        o.password = QString::fromLatin1(kPassword);
        onvif::test::LoopbackDevice device(o);
        QVERIFY(device.start());
        cameras::CameraDirectory directory(std::make_unique<cameras::MemoryCredentialStore>());
        cameras::CameraDirectory::setInstance(&directory);
        auto resetInstance = qScopeGuard([] { cameras::CameraDirectory::setInstance(nullptr); });
        QQmlApplicationEngine engine;
        QQuickWindow *window = nullptr;
        openDialog(engine, &window);
        QVERIFY(window);
        find(window, QStringLiteral("addressField"))
            ->setProperty("text", QStringLiteral("127.0.0.1:%1").arg(device.port()));
        find(window, QStringLiteral("nameField"))->setProperty("text", QStringLiteral("大门摄像机"));
        find(window, QStringLiteral("userField"))->setProperty("text", o.user);
        find(window, QStringLiteral("passwordField"))->setProperty("text", QStringLiteral("wrong"));
        QVERIFY(QMetaObject::invokeMethod(find(window, QStringLiteral("dialog")), "test"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(window, QStringLiteral("dialogError")), 10000);
        const QString error = text(window, QStringLiteral("dialogError"));
        QVERIFY2(error.contains(QStringLiteral("用户名或密码错误")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("wrong")), qPrintable(error));
        const QString advice = text(window, QStringLiteral("errorAdvice"));
        QVERIFY2(advice.contains(QStringLiteral("请检查用户名和密码")), qPrintable(advice));
        shoot(window, QStringLiteral("add-devices-wrong-password-zh_CN.png"));
    }

    void cleanupTestCase() { m_site.reset(); }
};

QTEST_MAIN(TstAddDevicesDialog)
#include "tst_add_devices_dialog.moc"
