// `vigilctl onvif` (app/vigilctl/onvif_command.cpp, compiled in here) against the loopback device: JSON out,
// the library's error sentences, exit codes, and no password in anything printed.
#include "loopback_device.h"
#include "onvif_command.h"

#include <QtCore/QBuffer>
#include <QtCore/QDir>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QtTest>

using namespace vigil;
namespace t = vigil::onvif::test;

namespace {
struct Run
{
    int exit = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};
Run run(const QStringList &args)
{
    QBuffer out, err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    Run r;
    r.exit = vigilctl::runOnvif(QStringList{QStringLiteral("vigilctl")} + args, &out, &err);
    r.out = out.data();
    r.err = err.data();
    return r;
}
} // namespace

class TstVigilctlOnvif : public QObject
{
    Q_OBJECT

private slots:
    void info()
    {
        t::DeviceOptions o;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        const Run r = run({QStringLiteral("info"), QStringLiteral("127.0.0.1:%1").arg(d.port()),
                           QStringLiteral("--user"), o.user, QStringLiteral("--password"), o.password});
        QVERIFY2(r.exit == 0, r.out + r.err);
        const QJsonObject j = r.json();
        QCOMPARE(j[QStringLiteral("device")][QStringLiteral("model")].toString(), QStringLiteral("Loopback"));
        QCOMPARE(j[QStringLiteral("streams")].toArray().size(), 2);
        QCOMPARE(j[QStringLiteral("streams")][0][QStringLiteral("role")].toString(), QStringLiteral("main"));
        QCOMPARE(j[QStringLiteral("presets")].toArray().size(), 2);
        QVERIFY(!r.out.contains(o.password.toUtf8()));
    }

    // Profile G: the recordings of one camera with their span and replay URI (what `vigilctl recordings URL
    // CAMERA --kind onvif` prints), credentials never printed.
    void recordings()
    {
        t::DeviceOptions o;
        o.replayUrl = QStringLiteral("rtsp://127.0.0.1:8554/replay/rec1");
        o.recordingStart = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        o.recordingEnd = o.recordingStart.addSecs(30);
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        const Run r = run({QStringLiteral("recordings"), d.deviceUrl().toString(), QStringLiteral("Gate"),
                           QStringLiteral("--user"), o.user, QStringLiteral("--password"), o.password});
        QVERIFY2(r.exit == 0, r.out + r.err);
        const QJsonArray list = r.json()[QStringLiteral("recordings")].toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0][QStringLiteral("token")].toString(), QStringLiteral("rec1"));
        QCOMPARE(list[0][QStringLiteral("start")].toString(), QStringLiteral("2026-11-01T00:00:00Z"));
        QCOMPARE(list[0][QStringLiteral("end")].toString(), QStringLiteral("2026-11-01T00:00:30Z"));
        QCOMPARE(list[0][QStringLiteral("replayUri")].toString(), o.replayUrl);
        const Run none = run({QStringLiteral("recordings"), d.deviceUrl().toString(), QStringLiteral("Yard"),
                              QStringLiteral("--user"), o.user, QStringLiteral("--password"), o.password});
        QCOMPARE(none.exit, 0);
        QCOMPARE(none.json()[QStringLiteral("recordings")].toArray().size(), 0);
        QVERIFY(!r.out.contains(o.password.toUtf8()));
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
    }

    void infoWrongPasswordFromEnvironment()
    {
        t::DeviceOptions o;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        qputenv("VIGIL_ONVIF_PASSWORD", "hunter2");
        const Run r =
            run({QStringLiteral("info"), d.deviceUrl().toString(), QStringLiteral("--user"), o.user});
        qunsetenv("VIGIL_ONVIF_PASSWORD");
        QCOMPARE(r.exit, 1);
        QCOMPARE(r.json()[QStringLiteral("code")].toString(), QStringLiteral("wrong-credentials"));
        QVERIFY(r.json()[QStringLiteral("error")].toString().contains(QLatin1String("password")));
        QVERIFY(!r.out.contains("hunter2") && !r.err.contains("hunter2"));
    }

    void ptz_data()
    {
        QTest::addColumn<QStringList>("action");
        QTest::addColumn<QStringList>("operations");
        QTest::newRow("move") << QStringList{QStringLiteral("move"), QStringLiteral("--pan"),
                                             QStringLiteral("0.5"), QStringLiteral("--seconds"),
                                             QStringLiteral("0.2")}
                              << QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop")};
        QTest::newRow("stop") << QStringList{QStringLiteral("stop")} << QStringList{QStringLiteral("Stop")};
        QTest::newRow("preset") << QStringList{QStringLiteral("preset"), QStringLiteral("2")}
                                << QStringList{QStringLiteral("GotoPreset")};
        QTest::newRow("home") << QStringList{QStringLiteral("home")}
                              << QStringList{QStringLiteral("GotoHomePosition")};
    }
    void ptz()
    {
        QFETCH(QStringList, action);
        QFETCH(QStringList, operations);
        t::DeviceOptions o;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        const Run r =
            run(QStringList{QStringLiteral("ptz"), d.deviceUrl().toString(), QStringLiteral("--user"), o.user,
                            QStringLiteral("--password"), o.password} +
                action);
        QVERIFY2(r.exit == 0, r.out + r.err);
        QCOMPARE(r.json()[QStringLiteral("profile")].toString(), QStringLiteral("main"));
        QStringList ptzOps;
        for (const auto &req : d.requests())
            if (req.ns == QLatin1String("http://www.onvif.org/ver20/ptz/wsdl"))
                ptzOps << req.operation;
        QCOMPARE(ptzOps, operations);
    }

    void events()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        t::DeviceOptions o;
        o.vendor = QStringLiteral("dvc");
        o.generatedServices = true;
        o.pullDelayMs = 200;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        d.queuePullMessages({QStringLiteral("PullMessages.xml")});
        const Run r =
            run({QStringLiteral("events"), d.deviceUrl().toString(), QStringLiteral("--user"), o.user,
                 QStringLiteral("--password"), o.password, QStringLiteral("--seconds"), QStringLiteral("1")});
        QVERIFY2(r.exit == 0, r.out + r.err);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // two motion events, then the summary
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(first[QStringLiteral("kind")].toString(), QStringLiteral("motion"));
        QVERIFY(first[QStringLiteral("active")].toBool());
        QCOMPARE(QJsonDocument::fromJson(lines.last()).object()[QStringLiteral("events")].toInt(), 2);
        QVERIFY(d.operations().contains(QStringLiteral("Unsubscribe")));
    }

    void discoverUnicast()
    {
        // A loopback responder: answers a Probe with a fixed ProbeMatches.
        QUdpSocket responder;
        QVERIFY(responder.bind(QHostAddress::LocalHost, 0));
        connect(&responder, &QUdpSocket::readyRead, this, [&responder] {
            while (responder.hasPendingDatagrams()) {
                const QNetworkDatagram dg = responder.receiveDatagram();
                responder.writeDatagram(
                    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                    "xmlns:d=\"http://schemas.xmlsoap.org/"
                    "ws/2005/04/discovery\" "
                    "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Body>"
                    "<d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:42</a:Address>"
                    "</a:EndpointReference><d:Scopes>onvif://www.onvif.org/name/Gate</d:Scopes><d:XAddrs>"
                    "http://127.0.0.1/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></"
                    "s:Body>"
                    "</s:Envelope>",
                    dg.senderAddress(), dg.senderPort());
            }
        });
        const Run r =
            run({QStringLiteral("discover"), QStringLiteral("--no-multicast"), QStringLiteral("--unicast"),
                 QStringLiteral("127.0.0.1:%1").arg(responder.localPort()), QStringLiteral("--timeout"),
                 QStringLiteral("700")});
        QVERIFY2(r.exit == 0, r.out + r.err);
        const QJsonArray devices = r.json()[QStringLiteral("devices")].toArray();
        QCOMPARE(devices.size(), 1);
        QCOMPARE(devices.first()[QStringLiteral("name")].toString(), QStringLiteral("Gate"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("info without url") << QStringList{QStringLiteral("info")};
        QTest::newRow("ptz without action") << QStringList{QStringLiteral("ptz"), QStringLiteral("10.0.0.1")};
        QTest::newRow("ptz bad pan") << QStringList{QStringLiteral("ptz"), QStringLiteral("10.0.0.1"),
                                                    QStringLiteral("move"), QStringLiteral("--pan"),
                                                    QStringLiteral("7")};
        QTest::newRow("bad unicast") << QStringList{QStringLiteral("discover"), QStringLiteral("--unicast"),
                                                    QStringLiteral("cam.local")};
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains("Usage"));
    }

    // --help is asked for, not a mistake: the usage on stdout, nothing on stderr, exit 0.
    void help_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("onvif --help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("onvif -h") << QStringList{QStringLiteral("-h")};
        QTest::newRow("discover --help") << QStringList{QStringLiteral("discover"), QStringLiteral("--help")};
        QTest::newRow("info --help") << QStringList{QStringLiteral("info"), QStringLiteral("--help")};
        QTest::newRow("info URL -h") << QStringList{QStringLiteral("info"), QStringLiteral("10.0.0.1"),
                                                    QStringLiteral("-h")};
        QTest::newRow("ptz --help") << QStringList{QStringLiteral("ptz"), QStringLiteral("--help")};
        QTest::newRow("events --help") << QStringList{QStringLiteral("events"), QStringLiteral("--help")};
    }
    void help()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.contains("Usage:") && r.out.contains("vigilctl onvif info URL"), r.out.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TstVigilctlOnvif)
#include "tst_vigilctl_onvif.moc"
