// The SOAP layer and the decoders against every real capture in ../shared/onvif-captures: namespace-aware
// parsing whatever the prefix, faults into typed errors, and the vendor quirks listed in the captures'
// README.
#include "loopback_device.h"
#include "vigil/onvif/client.h"
#include "vigil/onvif/parsers.h"
#include "vigil/onvif/soap.h"

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtTest/QtTest>

using namespace vigil::onvif;

namespace {
QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
QString capture(const QString &rel)
{
    return QDir(test::capturesDir()).filePath(rel);
}
XmlElement bodyOf(const QString &rel)
{
    const auto r = decodeSoap(readFile(capture(rel)), 200, QStringLiteral("test"));
    if (!r.ok())
        qWarning() << rel << r.error.message;
    return r.value;
}
} // namespace

class TstOnvifSoap : public QObject
{
    Q_OBJECT

private slots:
    // ONVIF Application Programmer's Guide, 6.1.1.3: the worked PasswordDigest example.
    void passwordDigestKnownAnswer()
    {
        const QByteArray nonce = QByteArray::fromBase64("LKqI6G/AikKCQrN0zqZFlg==");
        QCOMPARE(
            passwordDigest(nonce, QStringLiteral("2010-09-16T07:50:45Z"), QStringLiteral("userpassword")),
            QStringLiteral("tuOSpGlFlIXsozq4HFNeeGeFLEI="));
    }

    void usernameTokenUsesDeviceClock()
    {
        const qint64 threeHours = 3LL * 3600 * 1000;
        const UsernameToken t = makeUsernameToken(QStringLiteral("admin"), QStringLiteral("pw"), threeHours);
        const QDateTime created = QDateTime::fromString(t.created, Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QVERIFY(t.created.endsWith(QLatin1Char('Z')));
        QVERIFY(std::abs(QDateTime::currentDateTimeUtc().addMSecs(threeHours).msecsTo(created)) < 2000);
        QCOMPARE(t.nonce.size(), 16);
        QCOMPARE(t.digest, passwordDigest(t.nonce, t.created, QStringLiteral("pw")));
        const UsernameToken t2 = makeUsernameToken(QStringLiteral("admin"), QStringLiteral("pw"), 0);
        QVERIFY(t.nonce != t2.nonce);
    }

    void envelopeIsWellFormedAndEscapes()
    {
        UsernameToken t = makeUsernameToken(QStringLiteral("a<b&\"c'"), QStringLiteral("x"), 0);
        const QByteArray env =
            buildEnvelope("<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>", t);
        QString error;
        const auto doc = parseXml(env, &error);
        QVERIFY2(doc, qPrintable(error));
        QVERIFY(doc->is(ns::kSoap12, u"Envelope"));
        const XmlElement *user = doc->find(u"Username");
        QVERIFY(user);
        QCOMPARE(user->ns, ns::kWsse.toString());
        QCOMPARE(user->text, QStringLiteral("a<b&\"c'"));
        QVERIFY(doc->find(u"GetDeviceInformation")->is(ns::kDevice, u"GetDeviceInformation"));
    }

    // The same answer with three prefix styles decodes the same.
    void anyPrefixOrNone_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::newRow("tds/tt") << QByteArray(
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:tds=\"http://www.onvif.org/ver10/"
            "device/wsdl\"><s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>M</tds:Manufacturer>"
            "<tds:Model>X</tds:Model></tds:GetDeviceInformationResponse></s:Body></s:Envelope>");
        QTest::newRow("ns2") << QByteArray(
            "<ns1:Envelope "
            "xmlns:ns1=\"http://www.w3.org/2003/05/soap-envelope\"><ns1:Body><ns2:GetDeviceInformationR"
            "esponse "
            "xmlns:ns2=\"http://www.onvif.org/ver10/device/wsdl\"><ns2:Manufacturer>M</ns2:Manufacturer>"
            "<ns2:Model>X</ns2:Model></ns2:GetDeviceInformationResponse></ns1:Body></ns1:Envelope>");
        QTest::newRow("default ns") << QByteArray(
            "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body><GetDeviceInformationResponse "
            "xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Manufacturer>M</Manufacturer><Model>X</Model>"
            "</GetDeviceInformationResponse></Body></Envelope>");
    }
    void anyPrefixOrNone()
    {
        QFETCH(QByteArray, xml);
        const auto body = decodeSoap(xml, 200, QStringLiteral("GetDeviceInformation"));
        QVERIFY2(body.ok(), qPrintable(body.error.message));
        const auto info = parseDeviceInformation(body.value);
        QVERIFY2(info.ok(), qPrintable(info.error.message));
        QCOMPARE(info.value.manufacturer, QStringLiteral("M"));
        QCOMPARE(info.value.model, QStringLiteral("X"));
    }

    void unknownNamespaceIsReportedNotGuessed()
    {
        const QByteArray xml =
            "<s:Envelope "
            "xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x:GetDeviceInformationResponse "
            "xmlns:x=\"http://www.onvif.org/ver99/device/wsdl\"><x:Manufacturer>M</x:Manufacturer>"
            "</x:GetDeviceInformationResponse></s:Body></s:Envelope>";
        const auto body = decodeSoap(xml, 200, QStringLiteral("GetDeviceInformation"));
        QVERIFY(body.ok());
        const auto info = parseDeviceInformation(body.value);
        QCOMPARE(int(info.error.code), int(ErrorCode::BadResponse));
        QVERIFY2(info.error.message.contains(QLatin1String("unknown namespace")),
                 qPrintable(info.error.message));
    }

    void brokenInputGivesClearErrors_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QByteArray() << 200 << int(ErrorCode::NotOnvif) << "empty answer";
        QTest::newRow("html") << QByteArray("<!DOCTYPE html><html><body>hi</body></html>") << 200
                              << int(ErrorCode::NotOnvif) << "web page";
        QTest::newRow("html 401") << QByteArray("<html><body>401</body></html>") << 401
                                  << int(ErrorCode::WrongCredentials) << "password";
        QTest::newRow("truncated")
            << QByteArray("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Bo") << 200
            << int(ErrorCode::BadResponse) << "cut short";
        QTest::newRow("tag mismatch")
            << QByteArray("<a><b></a>") << 200 << int(ErrorCode::BadResponse) << "malformed";
        QTest::newRow("not soap") << QByteArray("<rss/>") << 200 << int(ErrorCode::NotOnvif) << "not a SOAP";
        QTest::newRow("deep") << QByteArray("<a>").repeated(5000) << 200 << int(ErrorCode::BadResponse)
                              << "deeper";
    }
    void brokenInputGivesClearErrors()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QString, says);
        const auto r = decodeSoap(payload, status, QStringLiteral("GetProfiles"));
        QCOMPARE(int(r.error.code), code);
        QVERIFY2(r.error.message.contains(says, Qt::CaseInsensitive), qPrintable(r.error.message));
    }

    // Every capture file, decoded by the decoder for its operation.
    void everyCapture_data()
    {
        QTest::addColumn<QString>("file");
        if (test::capturesDir().isEmpty())
            return;
        QDirIterator it(test::capturesDir(), {QStringLiteral("*.xml"), QStringLiteral("*.html")}, QDir::Files,
                        QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext()) {
            const QString f = QDir(test::capturesDir()).relativeFilePath(it.next());
            if (!f.startsWith(QLatin1String("partial/")))
                files << f;
        }
        files.sort();
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << f;
    }
    void everyCapture()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        QFETCH(QString, file);
        const QString name = QFileInfo(file).fileName();
        const bool media2 = name.startsWith(QLatin1String("Media2-"));
        const QString op =
            name.mid(media2 ? 7 : 0).section(QLatin1Char('.'), 0, 0).section(QLatin1Char('-'), 0, 0);
        const QByteArray data = readFile(capture(file));
        QVERIFY(!data.isEmpty());
        const QRegularExpression statusRe(QStringLiteral("HTTP(\\d{3})"));
        const auto m = statusRe.match(name);
        const int status = m.hasMatch() ? m.captured(1).toInt() : 200;
        const auto body = decodeSoap(data, status, op);

        if (op == QLatin1String("Fault") || op == QLatin1String("NotAuthorized")) {
            QVERIFY(!body.ok());
            QVERIFY(!body.error.message.isEmpty());
            ErrorCode expected = ErrorCode::DeviceFault;
            if (name.contains(QLatin1String("NotAuthorized")))
                expected = ErrorCode::WrongCredentials;
            else if (name.contains(QLatin1String("ActionNotSupported")) ||
                     name.contains(QLatin1String("NotImplemented")) ||
                     name.contains(QLatin1String("UnknownAction")))
                expected = ErrorCode::Unsupported;
            QVERIFY2(
                body.error.code == expected,
                qPrintable(
                    QStringLiteral("%1 -> %2: %3").arg(file, toString(body.error.code), body.error.message)));
            return;
        }
        QVERIFY2(body.ok(), qPrintable(body.error.message));
        const XmlElement &b = body.value;
        if (op == QLatin1String("GetSystemDateAndTime")) {
            const auto r = parseSystemDateAndTime(b);
            QVERIFY2(r.ok() && r.value.isValid() && r.value.date().year() >= 2000,
                     qPrintable(r.error.message));
        } else if (op == QLatin1String("GetDeviceInformation")) {
            const auto r = parseDeviceInformation(b);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QVERIFY(!r.value.manufacturer.isEmpty() || !r.value.model.isEmpty());
        } else if (op == QLatin1String("GetCapabilities")) {
            const auto r = parseCapabilities(b);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QVERIFY(!r.value.device.isEmpty() || !r.value.media.isEmpty());
        } else if (op == QLatin1String("GetServices")) {
            const auto r = parseServices(b);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QVERIFY(!r.value.device.isEmpty());
        } else if (op == QLatin1String("GetProfiles")) {
            const auto r = media2 ? parseProfiles2(b) : parseProfiles(b);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QVERIFY(!r.value.isEmpty());
            for (const auto &p : r.value)
                QVERIFY(!p.token.isEmpty());
        } else if (op == QLatin1String("GetStreamUri")) {
            const auto r = parseStreamUri(b, media2);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QCOMPARE(r.value.scheme(), QStringLiteral("rtsp"));
        } else if (op == QLatin1String("GetSnapshotUri")) {
            const auto r = parseSnapshotUri(b, media2);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QVERIFY(r.value.scheme().startsWith(QLatin1String("http")));
        } else if (op == QLatin1String("GetPresets")) {
            const auto r = parsePresets(b);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QVERIFY(!r.value.isEmpty());
        } else if (op == QLatin1String("PullMessages")) {
            const auto r = parsePullMessages(b);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            for (const auto &e : r.value)
                QVERIFY2(e.time.isValid(), qPrintable(e.topic));
        } else if (op == QLatin1String("CreatePullPointSubscription")) {
            const auto r = parseCreatePullPoint(b);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
        } else if (op == QLatin1String("ProbeMatches")) {
            const auto r = parseProbeMatches(b);
            QVERIFY(!r.isEmpty());
            QVERIFY(!r.first().xaddrs.isEmpty());
            QCOMPARE(r.first().xaddrs.first().scheme(), QStringLiteral("http"));
        } else {
            QVERIFY2(!b.children.empty(), qPrintable(op)); // GetScopes, GetEventProperties, GetProfile
        }
    }

    // --- the README's quirks list, one by one ---
    void quirkEncoderAttributeWins()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        const auto r = parseProfiles(bodyOf(QStringLiteral("hikvision/GetProfiles.xml")));
        QVERIFY(r.ok());
        QCOMPARE(r.value.first().encoding, QStringLiteral("h265"));
    }
    void quirkMissingEncoderKeepsDeviceOrder()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        const auto lorex = parseProfiles(bodyOf(QStringLiteral("lorex/GetProfiles.xml")));
        QVERIFY(lorex.ok());
        QVERIFY(lorex.value.size() >= 2);
        QVERIFY(!lorex.value.first().resolution.isValid());
        QCOMPARE(rankProfiles(lorex.value).first().token, lorex.value.first().token);
        const auto nvr = parseProfiles(bodyOf(QStringLiteral("dahua/GetProfiles.NVR-12ch.xml")));
        QVERIFY(nvr.ok());
        const auto ranked = rankProfiles(nvr.value);
        QCOMPARE(ranked.first().token, nvr.value.first().token);
        QCOMPARE(ranked.at(1).token, nvr.value.at(1).token);
    }
    void quirkBrokenCapabilities()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        const auto dvc = parseCapabilities(bodyOf(QStringLiteral("dvc/GetCapabilities.DRN-3282R-NVR.xml")));
        QVERIFY2(dvc.ok(), qPrintable(dvc.error.message));
        QVERIFY(dvc.value.media.isEmpty());
        const auto dahua = parseCapabilities(bodyOf(QStringLiteral("dahua/GetCapabilities.xml")));
        QVERIFY(dahua.ok());
        QVERIFY(!dahua.value.media.isEmpty());
    }
    void quirkMedia2PrefixVaries()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        for (const char *f : {"xiongmai/Media2-GetStreamUri.xml", "dvc/Media2-GetStreamUri.xml",
                              "axis/Media2-GetStreamUri.xml", "hikvision/Media2-GetStreamUri.xml"}) {
            const auto r = parseStreamUri(bodyOf(QLatin1String(f)), true);
            QVERIFY2(r.ok(), f);
            // ...and a Media1 decoder must not accept a Media2 answer.
            QVERIFY(!parseStreamUri(bodyOf(QLatin1String(f)), false).ok());
        }
        const auto xm = parseStreamUri(bodyOf(QStringLiteral("xiongmai/Media2-GetStreamUri.xml")), true);
        QVERIFY(xm.value.toString().contains(QLatin1String("real_stream")));
    }
    void quirkOddStreamUris()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        const auto tapo = parseStreamUri(bodyOf(QStringLiteral("tplink-tapo/GetStreamUri.xml")), false);
        QVERIFY(tapo.ok());
        QCOMPARE(tapo.value.path(), QStringLiteral("/stream1"));
        const auto hik = parseStreamUri(bodyOf(QStringLiteral("hikvision/GetStreamUri.xml")), false);
        QVERIFY(hik.ok());
    }
    void quirkProbeMatches()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        const auto axis = parseProbeMatches(bodyOf(QStringLiteral("axis/ProbeMatches.xml")));
        QCOMPARE(axis.size(), 1);
        QCOMPARE(axis.first().name, QStringLiteral("AXIS M2025-LE"));
        QCOMPARE(axis.first().hardware, QStringLiteral("M2025-LE"));
        QVERIFY(axis.first().xaddrs.size() >= 2);
        QCOMPARE(axis.first().xaddrs.first().scheme(), QStringLiteral("http"));
        QCOMPARE(axis.first().xaddrs.last().scheme(), QStringLiteral("https"));
        const auto dvc = parseProbeMatches(bodyOf(QStringLiteral("dvc/ProbeMatches.xml")));
        QCOMPARE(dvc.size(), 1);
        for (const QString &s : dvc.first().scopes)
            QCOMPARE(s, s.trimmed());
        for (const QString &f :
             {QStringLiteral("ezviz/ProbeMatches.xml"), QStringLiteral("amcrest/ProbeMatches.xml"),
              QStringLiteral("hikvision/ProbeMatches.xml")})
            QVERIFY2(!parseProbeMatches(bodyOf(f)).isEmpty(), qPrintable(f));
    }
    void quirkEvents()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        const auto empty = parsePullMessages(bodyOf(QStringLiteral("hikvision/PullMessages.empty.xml")));
        QVERIFY(empty.ok());
        QCOMPARE(empty.value.size(), 0);
        const auto dvc = parsePullMessages(bodyOf(QStringLiteral("dvc/PullMessages.xml")));
        QVERIFY(dvc.ok());
        QCOMPARE(dvc.value.size(), 2);
        for (const auto &e : dvc.value) {
            QCOMPARE(int(e.kind), int(EventKind::Motion));
            QVERIFY(e.active);
            QVERIFY(!e.initial);
        }
        QCOMPARE(dvc.value.first().topic, QStringLiteral("VideoSource/MotionAlarm"));
        const auto hik = parsePullMessages(bodyOf(QStringLiteral("hikvision/PullMessages.xml")));
        QVERIFY(hik.ok());
        QVERIFY(hik.value.size() >= 4);
        QVERIFY(
            std::all_of(hik.value.begin(), hik.value.end(), [](const AlarmEvent &e) { return e.initial; }));
        QVERIFY(std::any_of(hik.value.begin(), hik.value.end(),
                            [](const AlarmEvent &e) { return e.kind == EventKind::Tamper; }));
        const auto fault =
            decodeSoap(readFile(capture(QStringLiteral("axis/Fault-SubscribeCreationFailed.xml"))), 400,
                       QStringLiteral("CreatePullPointSubscription"));
        QCOMPARE(int(fault.error.code), int(ErrorCode::DeviceFault));
        QVERIFY(fault.error.message.contains(QLatin1String("SubscribeCreationFailed")));
    }
    void quirkPresetLists()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        QCOMPARE(parsePresets(bodyOf(QStringLiteral("hikvision/GetPresets.xml"))).value.size(), 300);
        QCOMPARE(parsePresets(bodyOf(QStringLiteral("uniview/GetPresets.SUNBA.xml"))).value.size(), 255);
        const auto ms = parsePresets(bodyOf(QStringLiteral("milesight/GetPresets.xml")));
        QVERIFY(ms.ok() && !ms.value.isEmpty());
        // The XM capture that is not well-formed: a clear error, no crash.
        const auto bad =
            decodeSoap(readFile(capture(QStringLiteral("partial/xiongmai/GetPresets.malformed.xml.txt"))),
                       200, QStringLiteral("GetPresets"));
        QCOMPARE(int(bad.error.code), int(ErrorCode::BadResponse));
    }

    void dateTimeLeniency_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t(QDate(2024, 8, 17), QTime(12, 30, 45), QTimeZone::utc());
        QTest::newRow("iso") << "2024-08-17T12:30:45Z" << t;
        QTest::newRow("hikvision dash") << "2024-08-17-12:30:45Z" << t;
        QTest::newRow("no zone") << "2024-08-17T12:30:45" << t;
        QTest::newRow("offset") << "2024-08-17T14:30:45+02:00" << t;
    }
    void dateTimeLeniency()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(parseDateTime(text), expected);
    }

    void topicClassification_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<int>("kind");
        QTest::newRow("motion alarm") << "VideoSource/MotionAlarm" << int(EventKind::Motion);
        QTest::newRow("cell motion") << "RuleEngine/CellMotionDetector/Motion" << int(EventKind::Motion);
        QTest::newRow("scene change")
            << "VideoSource/GlobalSceneChange/ImagingService" << int(EventKind::Tamper);
        QTest::newRow("tamper") << "RuleEngine/TamperDetector/Tamper" << int(EventKind::Tamper);
        QTest::newRow("digital input") << "Device/Trigger/DigitalInput" << int(EventKind::DigitalInput);
        QTest::newRow("cpu") << "Monitoring/ProcessorUsage" << int(EventKind::Other);
    }
    void topicClassification()
    {
        QFETCH(QString, topic);
        QFETCH(int, kind);
        QCOMPARE(int(classifyTopic(topic)), kind);
    }

    // Found by the fuzzer: a number beyond int must not be converted unchecked (UB).
    void hugeNumbersAreClamped()
    {
        const QByteArray xml =
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:trt=\"http://www.onvif.org/ver10/"
            "media/wsdl\" "
            "xmlns:tt=\"http://www.onvif.org/ver10/schema\"><s:Body><trt:GetProfilesResponse><trt:Profiles "
            "token=\"p\"><tt:VideoEncoderConfiguration><tt:Resolution><tt:Width>2184440000.5</"
            "tt:Width><tt:Height>1e400"
            "</tt:Height></tt:Resolution><tt:RateControl><tt:FrameRateLimit>-9e18</tt:FrameRateLimit></"
            "tt:RateControl>"
            "</tt:VideoEncoderConfiguration></trt:Profiles></trt:GetProfilesResponse></s:Body></s:Envelope>";
        const auto body = decodeSoap(xml, 200, QStringLiteral("GetProfiles"));
        QVERIFY(body.ok());
        const auto r = parseProfiles(body.value);
        QVERIFY(r.ok());
        QCOMPARE(r.value.first().resolution, QSize()); // height infinite -> unknown
        QCOMPARE(r.value.first().fps, -1000000000);
    }

    void rankingBySize()
    {
        MediaProfile a, b, c, j;
        a.token = QStringLiteral("sub");
        a.resolution = QSize(640, 360);
        b.token = QStringLiteral("main");
        b.resolution = QSize(1920, 1080);
        c.token = QStringLiteral("third");
        c.resolution = QSize(352, 288);
        j.token = QStringLiteral("mjpeg");
        j.encoding = QStringLiteral("jpeg");
        j.resolution = QSize(3840, 2160);
        const auto r = rankProfiles({a, j, c, b});
        QCOMPARE(r.at(0).token, QStringLiteral("main"));
        QCOMPARE(r.at(1).token, QStringLiteral("sub"));
        QCOMPARE(r.at(2).token, QStringLiteral("third"));
        QCOMPARE(r.at(3).token, QStringLiteral("mjpeg"));
        QCOMPARE(roleForRank(0), QStringLiteral("main"));
        QCOMPARE(roleForRank(1), QStringLiteral("sub"));
    }
};

QTEST_GUILESS_MAIN(TstOnvifSoap)
#include "tst_onvif_soap.moc"
