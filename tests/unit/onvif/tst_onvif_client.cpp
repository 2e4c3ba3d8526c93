// OnvifClient against the loopback ONVIF device: every vendor capture served over real HTTP with WS-Security
// checked by the device, and the fault paths (wrong password, clock 3 h off, Media2-only, HTTP 401 Digest,
// malformed XML, truncated answer, slow device, unknown namespaces, web page, nothing listening).
#include "loopback_device.h"
#include "vigil/onvif/client.h"

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QElapsedTimer>
#include <QtCore/QLoggingCategory>
#include <QtCore/QTimeZone>
#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

using namespace vigil::onvif;
using test::AuthMode;
using test::DeviceOptions;
using test::LoopbackDevice;
using test::Misbehaviour;

namespace {
constexpr auto kPassword = "Secr3t!";

struct Outcome
{
    Error error;
    QString summary;
};

// Runs the client operation that `key` ("GetProfiles", "Media2-GetStreamUri", ...) names.
Outcome runOperation(OnvifClient &c, const QString &key)
{
    Outcome o;
    MediaProfile p;
    p.token = QStringLiteral("Profile_1");
    p.media2 = key.startsWith(QLatin1String("Media2-"));
    const QString op = key.mid(p.media2 ? 7 : 0);
    auto take = [&o](const auto &r, const QString &summary) {
        o.error = r.error;
        if (r.ok())
            o.summary = summary;
    };
    if (op == QLatin1String("GetSystemDateAndTime")) {
        const auto r = c.systemDateAndTime();
        take(r, r.value.toString(Qt::ISODate));
    } else if (op == QLatin1String("GetDeviceInformation")) {
        const auto r = c.deviceInformation();
        take(r, r.value.manufacturer + QLatin1Char(' ') + r.value.model);
    } else if (op == QLatin1String("GetCapabilities")) {
        const auto r = c.capabilities();
        take(r, r.value.media.toString());
    } else if (op == QLatin1String("GetServices")) {
        const auto r = c.discoverServices();
        take(r, r.value.media.toString());
    } else if (op == QLatin1String("GetProfiles")) {
        if (!p.media2) {
            // Force Media1 even though the device also lists Media2.
            const auto body = c.call(c.services().media.isEmpty() ? (c.discoverServices(), c.services().media)
                                                                  : c.services().media,
                                     QStringLiteral("GetProfiles"),
                                     "<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>");
            const auto r =
                body.ok() ? parseProfiles(body.value) : Result<QList<MediaProfile>>::fail(body.error);
            take(r, QStringLiteral("%1 profiles").arg(r.value.size()));
        } else {
            const auto r = c.profiles();
            take(r, QStringLiteral("%1 profiles").arg(r.value.size()));
        }
    } else if (op == QLatin1String("GetStreamUri")) {
        const auto r = c.streamUri(p);
        take(r, r.value.toString());
    } else if (op == QLatin1String("GetSnapshotUri")) {
        const auto r = c.snapshotUri(p);
        take(r, r.value.toString());
    } else if (op == QLatin1String("GetPresets")) {
        const auto r = c.presets(p.token);
        take(r, QStringLiteral("%1 presets").arg(r.value.size()));
    } else if (op == QLatin1String("CreatePullPointSubscription")) {
        const auto r = c.createPullPointSubscription();
        take(r, r.value.address.toString());
    } else if (op == QLatin1String("PullMessages")) {
        PullPointSubscription sub;
        sub.address = c.deviceUrl();
        const auto r = c.pullMessages(sub, 1);
        take(r, QStringLiteral("%1 events").arg(r.value.size()));
    } else {
        o.error.code = ErrorCode::Unsupported;
        o.error.message = QStringLiteral("no client operation for ") + key;
    }
    return o;
}

QMap<QString, QMap<QString, QString>> s_table; // vendor -> operation -> result, printed at the end
} // namespace

class TstOnvifClient : public QObject
{
    Q_OBJECT

    static DeviceOptions options(const QString &vendor = {})
    {
        DeviceOptions o;
        o.vendor = vendor;
        o.password = QString::fromLatin1(kPassword);
        return o;
    }
    static OnvifClient client(const LoopbackDevice &d,
                              const QString &password = QString::fromLatin1(kPassword), ClientOptions co = {})
    {
        return OnvifClient(d.deviceUrl(), QStringLiteral("admin"), password, co);
    }

private slots:
    void cleanupTestCase()
    {
        for (auto v = s_table.cbegin(); v != s_table.cend(); ++v)
            for (auto o = v->cbegin(); o != v->cend(); ++o)
                qInfo("%-12s %-34s %s", qPrintable(v.key()), qPrintable(o.key()), qPrintable(o.value()));
    }

    void describeGeneratedDevice()
    {
        LoopbackDevice d(options());
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        OnvifClient c = client(d);
        const auto r = c.describe();
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.value.info.manufacturer, QStringLiteral("Vigil"));
        QCOMPARE(r.value.streams.size(), 2);
        QCOMPARE(r.value.streams.at(0).role, QStringLiteral("main"));
        QCOMPARE(r.value.streams.at(0).profile.resolution, QSize(1280, 720));
        QCOMPARE(r.value.streams.at(1).role, QStringLiteral("sub"));
        QCOMPARE(r.value.presets.size(), 2);
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QCOMPARE(d.operations().first(), QStringLiteral("GetSystemDateAndTime"));
        QCOMPARE(d.connections(), 1); // one kept-alive connection for the whole conversation
        QVERIFY(canPanTiltZoom(r.value));
    }

    // Every capture, served for its operation by a device of that vendor (its clock set from the vendor's
    // GetSystemDateAndTime capture where there is one, so the WS-Security Created must follow that clock).
    void everyVendorOperation_data()
    {
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key");
        if (test::capturesDir().isEmpty())
            return;
        static const QStringList kOps = {
            QStringLiteral("GetSystemDateAndTime"), QStringLiteral("GetDeviceInformation"),
            QStringLiteral("GetCapabilities"),      QStringLiteral("GetServices"),
            QStringLiteral("GetProfiles"),          QStringLiteral("Media2-GetProfiles"),
            QStringLiteral("GetStreamUri"),         QStringLiteral("Media2-GetStreamUri"),
            QStringLiteral("GetSnapshotUri"),       QStringLiteral("Media2-GetSnapshotUri"),
            QStringLiteral("GetPresets"),           QStringLiteral("CreatePullPointSubscription"),
            QStringLiteral("PullMessages")};
        QDirIterator it(test::capturesDir(), {QStringLiteral("*.xml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << QDir(test::capturesDir()).relativeFilePath(it.next());
        files.sort();
        for (const QString &f : files) {
            const QString vendor = f.section(QLatin1Char('/'), 0, 0);
            const QString key = f.section(QLatin1Char('/'), 1).section(QLatin1Char('.'), 0, 0);
            if (vendor == QLatin1String("partial") || !kOps.contains(key))
                continue;
            QTest::newRow(qPrintable(f)) << vendor << f.section(QLatin1Char('/'), 1) << key;
        }
    }
    void everyVendorOperation()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        QFETCH(QString, vendor);
        QFETCH(QString, file);
        QFETCH(QString, key);
        DeviceOptions o = options(vendor);
        o.generatedServices = true;
        o.pullDelayMs = 0;
        // A device model's own clock capture where the file names one (axis Q6045-E).
        const QString variant = file.section(QLatin1Char('.'), 1, -2);
        o.variant = variant;
        LoopbackDevice d(o);
        QVERIFY(d.start());
        if (key == QLatin1String("PullMessages"))
            d.queuePullMessages({file});
        else
            d.serveFile(key, file);
        OnvifClient c = client(d);
        const Outcome out = runOperation(c, key);
        s_table[vendor][file] = out.error.isError() ? QStringLiteral("FAIL ") + out.error.message
                                                    : QStringLiteral("ok   ") + out.summary.left(70);
        QVERIFY2(!out.error.isError(), qPrintable(out.error.message));
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
        // Addresses the device reported (its own LAN IPs) were re-pointed at the address we used.
        if (key.contains(QLatin1String("SnapshotUri")) ||
            key == QLatin1String("CreatePullPointSubscription")) {
            QCOMPARE(QUrl(out.summary).host(), QStringLiteral("127.0.0.1"));
            QCOMPARE(QUrl(out.summary).port(), int(d.port()));
        }
        if (key.contains(QLatin1String("StreamUri")))
            QCOMPARE(QUrl(out.summary).host(), QStringLiteral("127.0.0.1"));
    }

    void vendorFaults_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("code");
        const int unsupported = int(ErrorCode::Unsupported), fault = int(ErrorCode::DeviceFault),
                  auth = int(ErrorCode::WrongCredentials);
        QTest::newRow("axis NotAuthorized") << "axis/Fault-NotAuthorized.xml"
                                            << "GetDeviceInformation" << auth;
        QTest::newRow("trendnet NotAuthorized") << "trendnet/Fault-NotAuthorized.xml"
                                                << "GetDeviceInformation" << auth;
        QTest::newRow("dvc 401 fault") << "dvc/Fault-NotAuthorized-HTTP401.xml"
                                       << "GetDeviceInformation" << auth;
        QTest::newRow("pelco not implemented") << "pelco/Fault-MethodNotImplemented.xml"
                                               << "GetPresets" << unsupported;
        QTest::newRow("dvc unknown action") << "dvc/Fault-UnknownAction-HTTP400.xml"
                                            << "GetPresets" << unsupported;
        QTest::newRow("hikvision action") << "hikvision/Fault-ActionNotSupported.xml"
                                          << "GetPresets" << unsupported;
        QTest::newRow("ezviz 500") << "ezviz/Fault-ActionNotSupported-HTTP500.xml"
                                   << "GetPresets" << unsupported;
        QTest::newRow("uniview") << "uniview/Fault-ActionNotSupported.SUNBA.xml"
                                 << "GetPresets" << unsupported;
        QTest::newRow("dahua") << "dahua/Fault-ActionNotSupported.xml"
                               << "GetPresets" << unsupported;
        QTest::newRow("hikvision NoToken") << "hikvision/Fault-InvalidArgVal-NoToken.xml"
                                           << "GetPresets" << fault;
        QTest::newRow("axis SubscribeCreationFailed") << "axis/Fault-SubscribeCreationFailed.xml"
                                                      << "CreatePullPointSubscription" << fault;
    }
    void vendorFaults()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        QFETCH(QString, file);
        QFETCH(QString, operation);
        QFETCH(int, code);
        DeviceOptions o = options();
        LoopbackDevice d(o);
        QVERIFY(d.start());
        const QString path = QDir(test::capturesDir()).filePath(file);
        d.serveFile(operation, path, file.contains(QLatin1String("HTTP401")) ? 401 : 400);
        OnvifClient c = client(d);
        const Outcome out = runOperation(c, operation);
        QVERIFY2(int(out.error.code) == code,
                 qPrintable(toString(out.error.code) + QLatin1String(": ") + out.error.message));
        QVERIFY(!out.error.message.isEmpty());
        QVERIFY(!out.error.message.contains(QLatin1String(kPassword)));
    }

    void wrongPassword()
    {
        LoopbackDevice d(options());
        QVERIFY(d.start());
        OnvifClient c = client(d, QStringLiteral("not-it"));
        const auto r = c.describe();
        QCOMPARE(int(r.error.code), int(ErrorCode::WrongCredentials));
        QCOMPARE(int(r.error.category()), int(ErrorCategory::Auth));
        QVERIFY2(r.error.message.contains(QLatin1String("password")), qPrintable(r.error.message));
        QVERIFY(!r.error.message.contains(QLatin1String("not-it")));
        QVERIFY(d.authFailures() > 0);
    }

    void clockThreeHoursOffIsCompensated()
    {
        DeviceOptions o = options();
        o.clockOffsetMs = 3LL * 3600 * 1000;
        LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifClient c = client(d);
        const auto r = c.describe();
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(std::abs(c.clockOffsetMs() - o.clockOffsetMs) < 2000);
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
    }

    void clockSkewRefusedIsExplained()
    {
        DeviceOptions o = options();
        o.clockOffsetMs = -3LL * 3600 * 1000;
        o.strictRealClock = true; // firmware that checks Created against a clock it does not report
        LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifClient c = client(d);
        const auto r = c.describe();
        QCOMPARE(int(r.error.code), int(ErrorCode::ClockSkew));
        QVERIFY2(r.error.message.contains(QLatin1String("3.0 h behind")), qPrintable(r.error.message));
    }

    void media2OnlyDevice()
    {
        DeviceOptions o = options();
        o.media2Only = true;
        LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifClient c = client(d);
        const auto r = c.describe();
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(r.value.services.media.isEmpty());
        QVERIFY(!r.value.services.media2.isEmpty());
        QCOMPARE(r.value.streams.size(), 2);
        QVERIFY(r.value.streams.first().profile.media2);
        QCOMPARE(r.value.streams.first().profile.resolution, QSize(1280, 720));
        for (const auto &req : d.requests())
            QVERIFY2(req.ns != QLatin1String("http://www.onvif.org/ver10/media/wsdl"),
                     qPrintable(req.operation));
    }

    void httpDigestFallback_data()
    {
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<int>("mode");
        QTest::newRow("digest, dvc 401 SOAP body") << "dvc" << int(AuthMode::HttpDigest);
        QTest::newRow("digest, ezviz 401 HTML body") << "ezviz" << int(AuthMode::HttpDigest);
        QTest::newRow("basic") << "" << int(AuthMode::HttpBasic);
    }
    void httpDigestFallback()
    {
        QFETCH(QString, vendor);
        QFETCH(int, mode);
        if (!vendor.isEmpty() && test::capturesDir().isEmpty())
            QSKIP("ONVIF captures not found: set VIGIL_SHARED_DIR to the folder holding onvif-captures/");
        DeviceOptions o = options(vendor);
        o.auth = AuthMode(mode);
        o.generatedServices = true;
        {
            LoopbackDevice d(o);
            QVERIFY(d.start());
            OnvifClient c = client(d);
            const auto r = c.deviceInformation();
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
            QCOMPARE(d.authFailures(), 0);
            const auto again = c.profiles(); // nonce count goes up, no new challenge needed
            QVERIFY2(again.ok(), qPrintable(again.error.message));
        }
        LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifClient bad = client(d, QStringLiteral("wrong"));
        const auto r = bad.deviceInformation();
        QCOMPARE(int(r.error.code), int(ErrorCode::WrongCredentials));
        QVERIFY(!r.error.message.contains(QLatin1String("wrong")));
    }

    void brokenDevices_data()
    {
        QTest::addColumn<int>("misbehaviour");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("malformed XML")
            << int(Misbehaviour::MalformedXml) << int(ErrorCode::BadResponse) << "malformed XML";
        QTest::newRow("truncated") << int(Misbehaviour::Truncated) << int(ErrorCode::BadResponse)
                                   << "cut short";
        QTest::newRow("slow") << int(Misbehaviour::Slow) << int(ErrorCode::Timeout) << "did not answer";
        QTest::newRow("unknown namespaces")
            << int(Misbehaviour::UnknownNamespace) << int(ErrorCode::BadResponse) << "unknown namespace";
        QTest::newRow("web page") << int(Misbehaviour::HtmlPage) << int(ErrorCode::NotOnvif) << "web page";
    }
    void brokenDevices()
    {
        QFETCH(int, misbehaviour);
        QFETCH(int, code);
        QFETCH(QString, says);
        DeviceOptions o = options();
        o.misbehaviour = Misbehaviour(misbehaviour);
        o.misbehaveOn = QStringLiteral("GetDeviceInformation");
        o.slowMs = 3000;
        LoopbackDevice d(o);
        QVERIFY(d.start());
        ClientOptions co;
        co.timeoutMs = 600;
        OnvifClient c = client(d, QString::fromLatin1(kPassword), co);
        QElapsedTimer t;
        t.start();
        const auto r = c.describe();
        QCOMPARE(int(r.error.code), code);
        QVERIFY2(r.error.message.contains(says, Qt::CaseInsensitive), qPrintable(r.error.message));
        QVERIFY(t.elapsed() < 2500);
        // The client recovers: the next call on a fresh exchange works.
        const auto next = c.profiles();
        QVERIFY2(next.ok(), qPrintable(next.error.message));
    }

    void nothingListening()
    {
        quint16 port = 0;
        {
            QTcpServer s;
            QVERIFY(s.listen(QHostAddress::LocalHost));
            port = s.serverPort();
        }
        OnvifClient c(QUrl(QStringLiteral("http://127.0.0.1:%1/onvif/device_service").arg(port)),
                      QStringLiteral("admin"), QStringLiteral("x"));
        const auto r = c.describe();
        QCOMPARE(int(r.error.code), int(ErrorCode::Unreachable));
        QCOMPARE(int(r.error.category()), int(ErrorCategory::Transient));
        QVERIFY2(r.error.message.contains(QLatin1String("Cannot reach")), qPrintable(r.error.message));
    }

    void ptzOperations()
    {
        LoopbackDevice d(options());
        QVERIFY(d.start());
        OnvifClient c = client(d);
        const QString profile = QStringLiteral("main");
        QVERIFY(c.continuousMove(profile, 0.5, -0.25, 0, 1500).ok());
        QVERIFY(c.stop(profile).ok());
        const auto presets = c.presets(profile);
        QVERIFY(presets.ok());
        QCOMPARE(presets.value.size(), 2);
        QCOMPARE(presets.value.at(1).name, QStringLiteral("Car park"));
        QVERIFY(c.gotoPreset(profile, QStringLiteral("2")).ok());
        const auto token = c.setPreset(profile, QStringLiteral("Door <1>"));
        QVERIFY(token.ok());
        QCOMPARE(token.value, QStringLiteral("42"));
        QVERIFY(c.removePreset(profile, token.value).ok());
        QVERIFY(c.gotoHomePosition(profile).ok());
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QStringList ptzOps;
        QByteArray move, set;
        for (const auto &r : d.requests()) {
            if (r.ns == QLatin1String("http://www.onvif.org/ver20/ptz/wsdl"))
                ptzOps << r.operation;
            if (r.operation == QLatin1String("ContinuousMove"))
                move = r.body;
            if (r.operation == QLatin1String("SetPreset"))
                set = r.body;
        }
        QCOMPARE(ptzOps, (QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                      QStringLiteral("GetPresets"), QStringLiteral("GotoPreset"),
                                      QStringLiteral("SetPreset"), QStringLiteral("RemovePreset"),
                                      QStringLiteral("GotoHomePosition")}));
        QVERIFY(move.contains("x=\"0.500\" y=\"-0.250\""));
        QVERIFY(move.contains("<Timeout>PT1.500S</Timeout>"));
        QVERIFY(set.contains("Door &lt;1&gt;"));
    }

    void profileGHooks()
    {
        LoopbackDevice d(options());
        QVERIFY(d.start());
        OnvifClient c = client(d);
        const auto recs = c.recordings();
        QVERIFY2(recs.ok(), qPrintable(recs.error.message));
        QCOMPARE(recs.value.size(), 2);
        QCOMPARE(recs.value.first().sourceName, QStringLiteral("Gate"));
        const auto found = c.findRecordings();
        QVERIFY2(found.ok(), qPrintable(found.error.message));
        QCOMPARE(found.value.size(), 2); // two pages, the second Completed
        QCOMPARE(found.value.last().latest, QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::utc()));
        const auto uri = c.replayUri(QStringLiteral("rec1"));
        QVERIFY2(uri.ok(), qPrintable(uri.error.message));
        QCOMPARE(uri.value.host(), QStringLiteral("127.0.0.1")); // re-pointed at the address we used
        QCOMPARE(uri.value.path(), QStringLiteral("/replay/rec1"));
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
        if (!test::capturesDir().isEmpty()) {
            d.serveFile(QStringLiteral("GetReplayUri"),
                        QDir(test::capturesDir())
                            .filePath(QStringLiteral("axis/Fault-InvalidArgVal-NoRecording.xml")),
                        400);
            const auto missing = c.replayUri(QStringLiteral("nope"));
            QCOMPARE(int(missing.error.code), int(ErrorCode::DeviceFault));
            QVERIFY(!missing.error.message.isEmpty());
        }
    }

    // Every log line of a full conversation (debug on), HTTP Digest included, and of a failed login: none
    // carries the password.
    void passwordsNeverLogged()
    {
        static QStringList lines;
        lines.clear();
        // A category filter, not setFilterRules(): ctest's QT_LOGGING_RULES would win over those.
        static QLoggingCategory::CategoryFilter previousFilter = nullptr;
        previousFilter = QLoggingCategory::installFilter([](QLoggingCategory *c) {
            if (previousFilter) // null during installFilter()'s first pass
                previousFilter(c);
            if (qstrncmp(c->categoryName(), "vigil.", 6) == 0)
                for (QtMsgType t : {QtDebugMsg, QtInfoMsg, QtWarningMsg})
                    c->setEnabled(t, true);
        });
        const auto previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &m) { lines << m; });
        for (const AuthMode mode : {AuthMode::WsSecurity, AuthMode::HttpDigest}) {
            DeviceOptions o = options();
            o.auth = mode;
            LoopbackDevice d(o);
            QVERIFY(d.start());
            OnvifClient good(QUrl(QStringLiteral("http://admin:%1@127.0.0.1:%2/onvif/device_service")
                                      .arg(QString::fromLatin1(kPassword))
                                      .arg(d.port())),
                             {}, {});
            QVERIFY(good.describe().ok());
            OnvifClient bad = client(d, QStringLiteral("Wr0ngPassw0rd"));
            QVERIFY(!bad.describe().ok());
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::installFilter(previousFilter);
        QVERIFY(lines.size() > 10);
        for (const QString &l : lines) {
            QVERIFY2(!l.contains(QLatin1String(kPassword)), qPrintable(l));
            QVERIFY2(!l.contains(QLatin1String("Wr0ngPassw0rd")), qPrintable(l));
        }
    }

    void eventsPullPoint()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        DeviceOptions o = options(QStringLiteral("hikvision"));
        o.generatedServices = true;
        o.pullDelayMs = 100;
        LoopbackDevice d(o);
        QVERIFY(d.start());
        d.queuePullMessages({QStringLiteral("PullMessages.xml"), QStringLiteral("PullMessages.empty.xml"),
                             QDir(test::capturesDir()).filePath(QStringLiteral("dvc/PullMessages.xml"))});
        OnvifClient c = client(d);
        const auto sub = c.createPullPointSubscription(60);
        QVERIFY2(sub.ok(), qPrintable(sub.error.message));
        QCOMPARE(sub.value.address.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(sub.value.address.path().startsWith(QLatin1String("/onvif/Events/PullSubManager_")));
        const auto initial = c.pullMessages(sub.value, 1);
        QVERIFY(initial.ok());
        QVERIFY(initial.value.size() >= 4);
        QVERIFY(c.pullMessages(sub.value, 1).value.isEmpty());
        const auto motion = c.pullMessages(sub.value, 1);
        QVERIFY(motion.ok());
        QCOMPARE(motion.value.size(), 2);
        QCOMPARE(int(motion.value.first().kind), int(EventKind::Motion));
        QVERIFY(motion.value.first().active);
        QVERIFY(c.renew(sub.value, 60).ok());
        QVERIFY(c.unsubscribe(sub.value).ok());
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
        // PullMessages and the subscription-manager calls go to the pull point, with WS-Addressing.
        for (const auto &r : d.requests())
            if (r.operation == QLatin1String("PullMessages") || r.operation == QLatin1String("Renew") ||
                r.operation == QLatin1String("Unsubscribe")) {
                QVERIFY(r.path.startsWith(QLatin1String("/onvif/Events/PullSubManager_")));
                QVERIFY(r.body.contains("wsa:To"));
            }
    }
};

QTEST_GUILESS_MAIN(TstOnvifClient)
#include "tst_onvif_client.moc"
