// Loopback ONVIF device; see the header. Deliberately does not use vigil_onvif: the checks must be
// independent.
#include <utility> // before Asio (g++ 12 + Boost 1.74)

#include "loopback_device.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtCore/QThread>
#include <QtCore/QTimeZone>
#include <QtCore/QXmlStreamReader>
#include <QtTest/QTest>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <mutex>
#include <optional>
#include <thread>

namespace vigil::onvif::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
const QString kSoap12 = QStringLiteral("http://www.w3.org/2003/05/soap-envelope");
const QString kWsse =
    QStringLiteral("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");
const QString kWsu =
    QStringLiteral("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd");
const QString kMedia2 = QStringLiteral("http://www.onvif.org/ver20/media/wsdl");

const char *kEnvelopeHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<env:Envelope "
    "xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:tt=\"http://www.onvif.org/ver10/schema\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" "
    "xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:tr2=\"http://www.onvif.org/ver20/media/wsdl\" "
    "xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\" xmlns:tev=\"http://www.onvif.org/ver10/events/wsdl\" "
    "xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" "
    "xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body>";
const char *kEnvelopeTail = "</env:Body></env:Envelope>\n";

QByteArray envelope(const QByteArray &body)
{
    return kEnvelopeHead + body + kEnvelopeTail;
}

QByteArray soapFault(const char *code, const char *subcode, const char *subsub, const QString &reason)
{
    QByteArray inner = QByteArray("<env:Subcode><env:Value>ter:") + subcode + "</env:Value>";
    if (subsub)
        inner += QByteArray("<env:Subcode><env:Value>ter:") + subsub + "</env:Value></env:Subcode>";
    inner += "</env:Subcode>";
    return envelope(QByteArray("<env:Fault><env:Code><env:Value>env:") + code + "</env:Value>" + inner +
                    "</env:Code><env:Reason><env:Text xml:lang=\"en\">" + reason.toHtmlEscaped().toUtf8() +
                    "</env:Text></env:Reason></env:Fault>");
}

// What we read out of a request envelope, with QXmlStreamReader only.
struct ParsedRequest
{
    QString envelopeNs;
    QString op, opNs;
    QString user, passwordType, created;
    QByteArray password, nonce;
    bool hasSecurity = false;
    QString profileToken;
    QString xmlError;
};

ParsedRequest parseRequest(const QByteArray &xml)
{
    ParsedRequest p;
    QXmlStreamReader r(xml);
    int depth = 0, bodyDepth = -1;
    QString current;
    while (!r.atEnd()) {
        const auto t = r.readNext();
        if (t == QXmlStreamReader::StartElement) {
            ++depth;
            const QString n = r.name().toString(), ns = r.namespaceUri().toString();
            if (depth == 1)
                p.envelopeNs = ns;
            if (depth == 2 && n == QLatin1String("Body") && ns == p.envelopeNs)
                bodyDepth = depth;
            if (bodyDepth > 0 && depth == bodyDepth + 1 && p.op.isEmpty()) {
                p.op = n;
                p.opNs = ns;
            }
            if (ns == kWsse && n == QLatin1String("Security"))
                p.hasSecurity = true;
            if (ns == kWsse && n == QLatin1String("Password"))
                p.passwordType = r.attributes().value(QLatin1String("Type")).toString();
            current = (ns == kWsse || ns == kWsu || n == QLatin1String("ProfileToken")) ? n : QString();
        } else if (t == QXmlStreamReader::EndElement) {
            if (depth == bodyDepth)
                bodyDepth = -1;
            --depth;
            current.clear();
        } else if (t == QXmlStreamReader::Characters && !current.isEmpty()) {
            const QString v = r.text().toString().trimmed();
            if (current == QLatin1String("Username"))
                p.user += v;
            else if (current == QLatin1String("Password"))
                p.password += v.toLatin1();
            else if (current == QLatin1String("Nonce"))
                p.nonce += v.toLatin1();
            else if (current == QLatin1String("Created"))
                p.created += v;
            else if (current == QLatin1String("ProfileToken"))
                p.profileToken += v;
        }
    }
    if (r.hasError())
        p.xmlError = r.errorString();
    return p;
}

QByteArray md5hex(const QByteArray &s)
{
    return QCryptographicHash::hash(s, QCryptographicHash::Md5).toHex();
}

QHash<QString, QString> parseDigestHeader(const QByteArray &h)
{
    QHash<QString, QString> out;
    static const QRegularExpression kv(QStringLiteral(R"re((\w+)=(?:"([^"]*)"|([^,\s]*)))re"));
    auto it = kv.globalMatch(QString::fromLatin1(h));
    while (it.hasNext()) {
        const auto m = it.next();
        out.insert(m.captured(1).toLower(), m.capturedLength(2) ? m.captured(2) : m.captured(3));
    }
    return out;
}

struct Reply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/soap+xml; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;
    bool truncate = false;
};

} // namespace

namespace {
bool inCi()
{
    const QByteArray ci = qgetenv("CI").trimmed().toLower();
    return !ci.isEmpty() && ci != "false" && ci != "0";
}

// In CI the captures must be there: fail the running test function (once, however often it asks). Only the
// test's own thread reports; the device's server thread (serving a vendor's files) just gets "".
void missingInCi(const QString &dir)
{
    if (!QCoreApplication::instance() || QThread::currentThread() != QCoreApplication::instance()->thread())
        return;
    const QByteArray message = "ONVIF captures not found at " + QDir::cleanPath(dir).toLocal8Bit() +
                               ", and CI=" + qgetenv("CI") +
                               ": CI always has ../shared/onvif-captures beside the repository, so a "
                               "missing capture is a failure there, not a skip";
    const char *function = QTest::currentTestFunction();
    if (!function)
        qFatal("%s", message.constData());
    static QByteArray reported; // function/data tag already failed for this
    const QByteArray where = QByteArray(function) + '/' + QTest::currentDataTag();
    if (where == reported)
        return;
    reported = where;
    QTest::qFail(message.constData(), __FILE__, __LINE__);
}
} // namespace

QString capturesDir()
{
    const QString shared = qEnvironmentVariable("VIGIL_SHARED_DIR");
    const QString dir = QDir(shared.isEmpty() ? QStringLiteral("../shared") : shared)
                            .filePath(QStringLiteral("onvif-captures"));
    if (QFileInfo(dir).isDir())
        return QDir(dir).absolutePath();
    if (inCi())
        missingInCi(dir);
    return {};
}

struct LoopbackDevice::Private
{
    DeviceOptions o;
    asio::io_context ioc;
    std::optional<tcp::acceptor> acceptor;
    std::thread thread;
    quint16 port = 0;

    mutable std::mutex mutex;
    QList<ReceivedRequest> requests;
    QStringList problems;
    int authFailures = 0;
    int connections = 0;
    QHash<QString, QPair<QString, int>> overrides;
    QStringList pullQueue;
    QSet<QByteArray> nonces;
    qint64 clockOffsetMs = 0;
    QByteArray digestNonce = QByteArray::number(QRandomGenerator::global()->generate64(), 16);

    QString vendorDir() const
    {
        return o.vendor.isEmpty() ? QString() : QDir(capturesDir()).filePath(o.vendor);
    }
    QDateTime deviceNow() const { return QDateTime::currentDateTimeUtc().addMSecs(clockOffsetMs); }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }

    QString captureFor(const QString &key) const
    {
        const QString dir = vendorDir();
        if (dir.isEmpty())
            return {};
        if (!o.variant.isEmpty()) {
            const QString v = QDir(dir).filePath(key + QLatin1Char('.') + o.variant + QStringLiteral(".xml"));
            if (QFileInfo::exists(v))
                return v;
        }
        const QString f = QDir(dir).filePath(key + QStringLiteral(".xml"));
        return QFileInfo::exists(f) ? f : QString();
    }

    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // The capture's UTCDateTime, used to set the device clock.
    static QDateTime captureClock(const QByteArray &xml)
    {
        const qsizetype at = xml.indexOf("UTCDateTime");
        if (at < 0)
            return {};
        const QString tail = QString::fromUtf8(xml.mid(at, 800));
        auto field = [&tail](const char *n) {
            const QRegularExpression re(QStringLiteral("%1>\\s*(\\d+)\\s*<").arg(QLatin1String(n)));
            const auto m = re.match(tail);
            return m.hasMatch() ? m.captured(1).toInt() : -1;
        };
        return QDateTime(QDate(field("Year"), field("Month"), field("Day")),
                         QTime(field("Hour"), field("Minute"), field("Second")), QTimeZone::utc());
    }

    // The capture with its UTCDateTime fields set to the device clock now (vendor format kept).
    QByteArray tickedClock(QByteArray xml) const
    {
        const qsizetype at = xml.indexOf("UTCDateTime");
        const qsizetype end = xml.indexOf("UTCDateTime", at + 12);
        if (at < 0 || end < 0)
            return xml;
        QString part = QString::fromUtf8(xml.mid(at, end - at));
        const QDateTime now = deviceNow();
        const std::pair<const char *, int> fields[] = {
            {"Year", now.date().year()}, {"Month", now.date().month()},   {"Day", now.date().day()},
            {"Hour", now.time().hour()}, {"Minute", now.time().minute()}, {"Second", now.time().second()}};
        for (const auto &[n, v] : fields)
            part.replace(QRegularExpression(QStringLiteral("(%1>\\s*)\\d+(\\s*<)").arg(QLatin1String(n))),
                         QStringLiteral("\\1%1\\2").arg(v));
        return xml.left(at) + part.toUtf8() + xml.mid(end);
    }

    QByteArray generatedClock() const
    {
        const QDateTime t = deviceNow();
        return envelope(
            QStringLiteral("<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP"
                           "</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
                           "<tt:UTCDateTime><tt:Time><tt:Hour>%1</tt:Hour><tt:Minute>%2</tt:Minute>"
                           "<tt:Second>%3</tt:Second></tt:Time><tt:Date><tt:Year>%4</tt:Year><tt:Month>%5"
                           "</tt:Month><tt:Day>%6</tt:Day></tt:Date></tt:UTCDateTime>"
                           "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>")
                .arg(t.time().hour())
                .arg(t.time().minute())
                .arg(t.time().second())
                .arg(t.date().year())
                .arg(t.date().month())
                .arg(t.date().day())
                .toUtf8());
    }

    mutable int searchPages = 0;

    QByteArray generated(const QString &key, const QString &op, const QString &profileToken) const
    {
        const QByteArray b = base().toUtf8();
        if (key == QLatin1String("GetSystemDateAndTime"))
            return generatedClock();
        if (key == QLatin1String("GetServices")) {
            QByteArray s = "<tds:GetServicesResponse>";
            auto add = [&s, &b](const char *ns, const char *path) {
                s += QByteArray("<tds:Service><tds:Namespace>") + ns + "</tds:Namespace><tds:XAddr>" + b +
                     path +
                     "</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version>"
                     "</tds:Service>";
            };
            add("http://www.onvif.org/ver10/device/wsdl", "/onvif/device_service");
            if (!o.media2Only)
                add("http://www.onvif.org/ver10/media/wsdl", "/onvif/media");
            add("http://www.onvif.org/ver20/media/wsdl", "/onvif/media2");
            add("http://www.onvif.org/ver20/ptz/wsdl", "/onvif/ptz");
            add("http://www.onvif.org/ver10/events/wsdl", "/onvif/events");
            add("http://www.onvif.org/ver10/recording/wsdl", "/onvif/recording");
            add("http://www.onvif.org/ver10/search/wsdl", "/onvif/search");
            add("http://www.onvif.org/ver10/replay/wsdl", "/onvif/replay");
            return envelope(s + "</tds:GetServicesResponse>");
        }
        if (key == QLatin1String("GetCapabilities")) {
            QByteArray s = "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>" + b +
                           "/onvif/device_service</tt:XAddr></tt:Device><tt:Events><tt:XAddr>" + b +
                           "/onvif/events</tt:XAddr></tt:Events>";
            if (!o.media2Only)
                s += "<tt:Media><tt:XAddr>" + b + "/onvif/media</tt:XAddr></tt:Media>";
            s += "<tt:PTZ><tt:XAddr>" + b +
                 "/onvif/ptz</tt:XAddr></tt:PTZ></tds:Capabilities>"
                 "</tds:GetCapabilitiesResponse>";
            return envelope(s);
        }
        if (key == QLatin1String("GetDeviceInformation"))
            return envelope(
                "<tds:GetDeviceInformationResponse><tds:Manufacturer>Vigil</tds:Manufacturer><tds:Model>"
                "Loopback</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>" +
                o.serial.toUtf8() +
                "</tds:SerialNumber><tds:HardwareId>1</tds:HardwareId></tds:GetDeviceInformationResponse>");
        if (key == QLatin1String("Media2-GetProfiles") ||
            (key == QLatin1String("GetProfiles") && !o.media2Only)) {
            const bool m2 = key.startsWith(QLatin1String("Media2"));
            const QByteArray p = m2 ? "tr2" : "trt";
            auto prof = [&](const char *token, int w, int h, int fps) {
                const QByteArray enc = "<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>" +
                                       QByteArray::number(w) + "</tt:Width><tt:Height>" +
                                       QByteArray::number(h) +
                                       "</tt:Height></tt:Resolution><tt:RateControl><tt:FrameRateLimit>" +
                                       QByteArray::number(fps) +
                                       "</tt:FrameRateLimit><tt:BitrateLimit>2048"
                                       "</tt:BitrateLimit></tt:RateControl>";
                if (m2)
                    return "<tr2:Profiles token=\"" + QByteArray(token) + "\" fixed=\"true\"><tr2:Name>" +
                           token + "</tr2:Name><tr2:Configurations><tr2:VideoEncoder token=\"enc_" + token +
                           "\">" + enc +
                           "</tr2:VideoEncoder><tr2:PTZ token=\"ptz0\"/></tr2:Configurations></tr2:Profiles>";
                return "<trt:Profiles token=\"" + QByteArray(token) + "\" fixed=\"true\"><tt:Name>" + token +
                       "</tt:Name><tt:VideoEncoderConfiguration token=\"enc_" + token + "\">" + enc +
                       "</tt:VideoEncoderConfiguration><tt:PTZConfiguration token=\"ptz0\"/></trt:Profiles>";
            };
            // Sub listed first on purpose: ranking must not rely on order when sizes are known.
            return envelope("<" + p + ":GetProfilesResponse>" + prof("sub", 640, 360, 25) +
                            prof("main", 1280, 720, 25) + "</" + p + ":GetProfilesResponse>");
        }
        if (key == QLatin1String("GetStreamUri") || key == QLatin1String("Media2-GetStreamUri")) {
            // The real RTSP server when the test gives one, else a URL that nobody serves.
            QString url =
                !o.rtspUrl.isEmpty() ? o.rtspUrl : QStringLiteral("rtsp://127.0.0.1:1/stream/{profile}");
            url.replace(QLatin1String("{profile}"), profileToken);
            const QByteArray uri = url.toHtmlEscaped().toUtf8();
            if (key.startsWith(QLatin1String("Media2")))
                return envelope("<tr2:GetStreamUriResponse><tr2:Uri>" + uri +
                                "</tr2:Uri></tr2:GetStreamUriResponse>");
            return envelope(
                "<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>" + uri +
                "</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>"
                "false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>"
                "</trt:GetStreamUriResponse>");
        }
        static const QStringList kAcks = {QStringLiteral("ContinuousMove"), QStringLiteral("Stop"),
                                          QStringLiteral("GotoPreset"), QStringLiteral("RemovePreset"),
                                          QStringLiteral("GotoHomePosition")};
        if (kAcks.contains(op))
            return envelope("<tptz:" + op.toUtf8() + "Response/>");
        if (op == QLatin1String("SetPreset"))
            return envelope(
                "<tptz:SetPresetResponse><tptz:PresetToken>42</tptz:PresetToken></tptz:SetPresetResponse>");
        if (op == QLatin1String("GetPresets"))
            return envelope(
                "<tptz:GetPresetsResponse><tptz:Preset token=\"1\"><tt:Name>Gate</tt:Name></tptz:Preset>"
                "<tptz:Preset token=\"2\"><tt:Name>Car "
                "park</tt:Name></tptz:Preset></tptz:GetPresetsResponse>");
        if (op == QLatin1String("CreatePullPointSubscription")) {
            const QDateTime t = deviceNow();
            return envelope(
                "<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa:Address>" + b +
                "/onvif/events/pullpoint_1</wsa:Address></tev:SubscriptionReference><wsnt:CurrentTime>" +
                t.toString(Qt::ISODate).toUtf8() + "</wsnt:CurrentTime><wsnt:TerminationTime>" +
                t.addSecs(60).toString(Qt::ISODate).toUtf8() +
                "</wsnt:TerminationTime></tev:CreatePullPointSubscriptionResponse>");
        }
        if (op == QLatin1String("PullMessages")) {
            const QDateTime t = deviceNow();
            return envelope("<tev:PullMessagesResponse><tev:CurrentTime>" + t.toString(Qt::ISODate).toUtf8() +
                            "</tev:CurrentTime><tev:TerminationTime>" +
                            t.addSecs(60).toString(Qt::ISODate).toUtf8() +
                            "</tev:TerminationTime></tev:PullMessagesResponse>");
        }
        if (op == QLatin1String("Renew"))
            return envelope("<wsnt:RenewResponse><wsnt:TerminationTime>" +
                            deviceNow().addSecs(60).toString(Qt::ISODate).toUtf8() +
                            "</wsnt:TerminationTime></wsnt:RenewResponse>");
        // Profile G: two recordings; the search answers in two pages.
        if (op == QLatin1String("GetRecordings"))
            return envelope(
                "<trc:GetRecordingsResponse xmlns:trc=\"http://www.onvif.org/ver10/recording/wsdl\">"
                "<trc:RecordingItem><tt:RecordingToken>rec1</tt:RecordingToken><tt:Configuration>"
                "<tt:Source><tt:Name>Gate</tt:Name></tt:Source></tt:Configuration></trc:RecordingItem>"
                "<trc:RecordingItem><tt:RecordingToken>rec2</tt:RecordingToken></trc:RecordingItem>"
                "</trc:GetRecordingsResponse>");
        if (op == QLatin1String("FindRecordings"))
            return envelope(
                "<tse:FindRecordingsResponse xmlns:tse=\"http://www.onvif.org/ver10/search/wsdl\">"
                "<tse:SearchToken>search-1</tse:SearchToken></tse:FindRecordingsResponse>");
        if (op == QLatin1String("GetRecordingSearchResults") && !o.replayUrl.isEmpty())
            return envelope(
                "<tse:GetRecordingSearchResultsResponse xmlns:tse=\"http://www.onvif.org/ver10/search/wsdl\">"
                "<tse:ResultList><tt:SearchState>Completed</tt:SearchState><tt:RecordingInformation>"
                "<tt:RecordingToken>rec1</tt:RecordingToken><tt:Source><tt:Name>Gate</tt:Name></tt:Source>"
                "<tt:EarliestRecording>" +
                o.recordingStart.toUTC().toString(Qt::ISODate).toUtf8() +
                "</tt:EarliestRecording><tt:LatestRecording>" +
                o.recordingEnd.toUTC().toString(Qt::ISODate).toUtf8() +
                "</tt:LatestRecording></tt:RecordingInformation></tse:ResultList>"
                "</tse:GetRecordingSearchResultsResponse>");
        if (op == QLatin1String("GetRecordingSearchResults")) {
            const bool first = searchPages++ == 0;
            return envelope(
                QByteArray("<tse:GetRecordingSearchResultsResponse xmlns:tse=\"http://www.onvif.org/ver10/"
                           "search/wsdl\"><tse:ResultList><tt:SearchState>") +
                (first ? "Searching" : "Completed") +
                "</tt:SearchState><tt:RecordingInformation><tt:RecordingToken>" + (first ? "rec1" : "rec2") +
                "</tt:RecordingToken><tt:Source><tt:Name>Gate</tt:Name></tt:Source><tt:EarliestRecording>"
                "2026-11-01T00:00:00Z</tt:EarliestRecording><tt:LatestRecording>2026-11-23T10:00:00Z"
                "</tt:LatestRecording></tt:RecordingInformation></tse:ResultList>"
                "</tse:GetRecordingSearchResultsResponse>");
        }
        if (op == QLatin1String("GetReplayUri") && !o.replayUrl.isEmpty())
            return envelope(
                "<trp:GetReplayUriResponse xmlns:trp=\"http://www.onvif.org/ver10/replay/wsdl\"><trp:Uri>" +
                o.replayUrl.toHtmlEscaped().toUtf8() + "</trp:Uri></trp:GetReplayUriResponse>");
        if (op == QLatin1String("GetReplayUri"))
            return envelope(
                "<trp:GetReplayUriResponse xmlns:trp=\"http://www.onvif.org/ver10/replay/wsdl\"><trp:Uri>"
                "rtsp://192.0.2.10:554/replay/rec1</trp:Uri></trp:GetReplayUriResponse>");
        if (op == QLatin1String("Unsubscribe"))
            return envelope("<wsnt:UnsubscribeResponse/>");
        return {};
    }

    static int statusFromName(const QString &file)
    {
        static const QRegularExpression re(QStringLiteral("HTTP(\\d{3})"));
        const auto m = re.match(QFileInfo(file).fileName());
        if (m.hasMatch())
            return m.captured(1).toInt();
        return QFileInfo(file).fileName().startsWith(QLatin1String("Fault")) ? 400 : 200;
    }

    Reply notAuthorized(bool httpChallenge)
    {
        Reply r;
        if (httpChallenge) {
            r.status = 401;
            const QString dvc = QDir(vendorDir()).filePath(QStringLiteral("Fault-NotAuthorized-HTTP401.xml"));
            const QString html =
                QDir(vendorDir()).filePath(QStringLiteral("NotAuthorized-HTTP401-body.html"));
            if (!o.vendor.isEmpty() && QFileInfo::exists(dvc)) {
                r.body = readFile(dvc);
            } else if (!o.vendor.isEmpty() && QFileInfo::exists(html)) {
                r.body = readFile(html);
                r.contentType = "text/html";
            }
            if (o.auth == AuthMode::HttpBasic)
                r.headers.append(
                    qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"onvif\"")));
            else
                r.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                           "Digest realm=\"onvif\", qop=\"auth\", nonce=\"" + digestNonce +
                                               "\", opaque=\"5ccc069c403ebaf9\", algorithm=MD5"));
            return r;
        }
        // The vendor's own NotAuthorized fault when it has one.
        for (const char *name : {"Fault-NotAuthorized.xml"}) {
            const QString f = QDir(vendorDir()).filePath(QLatin1String(name));
            if (!o.vendor.isEmpty() && QFileInfo::exists(f)) {
                r.status = 400;
                r.body = readFile(f);
                return r;
            }
        }
        r.status = 400;
        r.body = soapFault("Sender", "NotAuthorized", nullptr, QStringLiteral("Sender not Authorized"));
        return r;
    }

    // Returns a reply, or nullopt when authentication passed.
    std::optional<Reply> checkAuth(const ParsedRequest &p, const http::request<http::string_body> &req)
    {
        if (o.auth == AuthMode::None || p.op == QLatin1String("GetSystemDateAndTime"))
            return std::nullopt;
        if (o.auth == AuthMode::HttpDigest || o.auth == AuthMode::HttpBasic) {
            const QByteArray h = QByteArray::fromStdString(std::string(req[http::field::authorization]));
            if (o.auth == AuthMode::HttpBasic) {
                if (h == "Basic " + (o.user + QLatin1Char(':') + o.password).toUtf8().toBase64())
                    return std::nullopt;
                if (!h.isEmpty())
                    ++authFailures;
                return notAuthorized(true);
            }
            if (!h.startsWith("Digest "))
                return notAuthorized(true);
            const auto f = parseDigestHeader(h.mid(7));
            const QByteArray ha1 = md5hex(o.user.toUtf8() + ':' + f.value(QStringLiteral("realm")).toUtf8() +
                                          ':' + o.password.toUtf8());
            const QByteArray ha2 = md5hex(QByteArray::fromStdString(std::string(req.method_string())) + ':' +
                                          f.value(QStringLiteral("uri")).toUtf8());
            const QByteArray expect =
                md5hex(ha1 + ':' + digestNonce + ':' + f.value(QStringLiteral("nc")).toUtf8() + ':' +
                       f.value(QStringLiteral("cnonce")).toUtf8() + ":auth:" + ha2);
            if (f.value(QStringLiteral("uri")).toStdString() != std::string(req.target()))
                problems << QStringLiteral("%1: digest uri %2 is not the request target")
                                .arg(p.op, f.value(QStringLiteral("uri")));
            if (f.value(QStringLiteral("nonce")).toUtf8() != digestNonce ||
                f.value(QStringLiteral("qop")) != QLatin1String("auth") ||
                f.value(QStringLiteral("opaque")) != QLatin1String("5ccc069c403ebaf9") ||
                f.value(QStringLiteral("response")).toUtf8() != expect) {
                ++authFailures;
                return notAuthorized(true);
            }
            return std::nullopt;
        }
        // WS-Security UsernameToken.
        if (!p.hasSecurity)
            return notAuthorized(false);
        if (!p.passwordType.endsWith(QLatin1String("#PasswordDigest")))
            problems
                << QStringLiteral("%1: password type %2 is not PasswordDigest").arg(p.op, p.passwordType);
        const QByteArray nonce = QByteArray::fromBase64(p.nonce);
        if (nonce.size() < 16)
            problems << QStringLiteral("%1: nonce of %2 bytes").arg(p.op).arg(nonce.size());
        if (nonces.contains(nonce)) {
            problems << QStringLiteral("%1: nonce replayed").arg(p.op);
            return notAuthorized(false);
        }
        nonces.insert(nonce);
        QCryptographicHash sha(QCryptographicHash::Sha1);
        sha.addData(nonce);
        sha.addData(p.created.toUtf8());
        sha.addData(o.password.toUtf8());
        if (p.password != sha.result().toBase64() || p.user != o.user) {
            ++authFailures;
            return notAuthorized(false);
        }
        const QDateTime created = QDateTime::fromString(p.created, Qt::ISODateWithMs);
        if (!created.isValid() || !p.created.endsWith(QLatin1Char('Z'))) {
            problems << QStringLiteral("%1: Created %2 is not a UTC xs:dateTime").arg(p.op, p.created);
            return notAuthorized(false);
        }
        if (o.strictRealClock && std::abs(created.msecsTo(QDateTime::currentDateTimeUtc())) > 5 * 60 * 1000) {
            ++authFailures;
            return notAuthorized(false);
        }
        const qint64 off = created.msecsTo(deviceNow());
        if (!o.strictRealClock && std::abs(off) > 10000) {
            problems << QStringLiteral("%1: Created is %2 s off the device clock").arg(p.op).arg(off / 1000);
            return notAuthorized(false);
        }
        return std::nullopt;
    }

    Reply handle(const http::request<http::string_body> &req)
    {
        const QString location =
            QString(o.redirectTo).replace(QLatin1String("{port}"), QString::number(port));
        if (!location.isEmpty() &&
            QString::fromStdString(std::string(req.target())) != QUrl(location).path()) {
            Reply r;
            r.status = 302;
            r.contentType = "text/html";
            r.headers.append(qMakePair(QByteArray("Location"), location.toUtf8()));
            return r;
        }
        const QByteArray body = QByteArray::fromStdString(req.body());
        const ParsedRequest p = parseRequest(body);
        std::lock_guard lock(mutex);
        ReceivedRequest rec;
        rec.operation = p.op;
        rec.ns = p.opNs;
        rec.path = QString::fromStdString(std::string(req.target()));
        rec.body = body;
        if (req.method() != http::verb::post)
            problems << QStringLiteral("%1: method is not POST").arg(p.op);
        if (!p.xmlError.isEmpty())
            problems << QStringLiteral("request is not well-formed XML: %1").arg(p.xmlError);
        if (p.envelopeNs != kSoap12)
            problems << QStringLiteral("%1: envelope is not SOAP 1.2 (%2)").arg(p.op, p.envelopeNs);
        if (!QByteArray::fromStdString(std::string(req[http::field::content_type]))
                 .startsWith("application/soap+xml"))
            problems << QStringLiteral("%1: Content-Type is not application/soap+xml").arg(p.op);
        if (req[http::field::host].empty())
            problems << QStringLiteral("%1: no Host header").arg(p.op);

        auto denied = checkAuth(p, req);
        rec.authenticated = !denied.has_value();
        requests.append(rec);
        if (denied)
            return *denied;

        const QString key = p.opNs == kMedia2 ? QStringLiteral("Media2-") + p.op : p.op;
        Reply r;
        const bool misbehave = o.misbehaviour != Misbehaviour::None &&
                               (o.misbehaveOn.isEmpty() ? p.op != QLatin1String("GetSystemDateAndTime")
                                                        : (key == o.misbehaveOn || p.op == o.misbehaveOn));
        if (misbehave) {
            switch (o.misbehaviour) {
            case Misbehaviour::MalformedXml:
                r.body = envelope("<tds:" + p.op.toUtf8() + "Response><tds:Manufacturer>Broken</tds:Model>");
                return r;
            case Misbehaviour::HtmlPage:
                r.body = "<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>";
                r.contentType = "text/html";
                return r;
            case Misbehaviour::Slow:
                r.delayMs = o.slowMs;
                break;
            case Misbehaviour::Truncated:
                r.truncate = true;
                break;
            default:
                break;
            }
        }

        QString file;
        if (auto it = overrides.constFind(key); it != overrides.constEnd()) {
            file = QFileInfo(it->first).isAbsolute() ? it->first : QDir(vendorDir()).filePath(it->first);
            r.status = it->second;
        } else if (p.op == QLatin1String("PullMessages") && !pullQueue.isEmpty()) {
            file = QDir(vendorDir()).filePath(pullQueue.takeFirst());
        }
        const bool media1Gone =
            o.media2Only && p.opNs == QLatin1String("http://www.onvif.org/ver10/media/wsdl");
        const bool generateFirst =
            ((o.media2Only || o.generatedServices) &&
             (key == QLatin1String("GetServices") || key == QLatin1String("GetCapabilities"))) ||
            (!o.rtspUrl.isEmpty() && key.endsWith(QLatin1String("GetStreamUri"))) ||
            (!o.replayUrl.isEmpty() &&
             (key == QLatin1String("GetReplayUri") || key == QLatin1String("GetRecordingSearchResults")));
        if (file.isEmpty() && media1Gone) {
            r.status = 500;
            r.body = soapFault("Receiver", "ActionNotSupported", nullptr,
                               QStringLiteral("Optional Action Not Implemented"));
        } else if (file.isEmpty() && !generateFirst && !(p.op == QLatin1String("PullMessages"))) {
            file = captureFor(key);
        }
        if (r.body.isEmpty() && !file.isEmpty()) {
            r.body = readFile(file);
            if (!overrides.contains(key))
                r.status = statusFromName(file);
            if (key == QLatin1String("GetSystemDateAndTime"))
                r.body = tickedClock(r.body);
        }
        if (r.body.isEmpty()) {
            r.body = generated(key, p.op, p.profileToken);
            if (p.op == QLatin1String("PullMessages") && file.isEmpty())
                r.delayMs = std::max(r.delayMs, o.pullDelayMs);
        }
        if (r.body.isEmpty()) {
            r.status = 500;
            r.body = soapFault("Receiver", "ActionNotSupported", "InvalidOperation",
                               QStringLiteral("Optional Action Not Implemented"));
        }
        if (misbehave && o.misbehaviour == Misbehaviour::UnknownNamespace)
            r.body.replace("http://www.onvif.org/ver10/", "http://www.onvif.org/ver99/")
                .replace("http://www.onvif.org/ver20/", "http://www.onvif.org/ver99/");
        return r;
    }
};

namespace {

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(tcp::socket socket, LoopbackDevice::Private &p)
        : m_socket(std::move(socket))
        , m_p(p)
        , m_timer(m_socket.get_executor())
    {}
    void read()
    {
        m_req = {};
        auto self = shared_from_this();
        http::async_read(m_socket, m_buffer, m_req, [self](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            Reply r = self->m_p.handle(self->m_req);
            if (r.delayMs > 0) {
                self->m_timer.expires_after(std::chrono::milliseconds(r.delayMs));
                self->m_timer.async_wait([self, r](beast::error_code tec) {
                    if (!tec)
                        self->send(r);
                });
            } else {
                self->send(r);
            }
        });
    }

private:
    void send(const Reply &r)
    {
        auto self = shared_from_this();
        if (r.truncate) {
            auto raw = std::make_shared<std::string>(
                "HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: " +
                std::to_string(r.body.size()) + "\r\n\r\n" + r.body.left(r.body.size() / 2).toStdString());
            asio::async_write(m_socket, asio::buffer(*raw), [self, raw](beast::error_code, std::size_t) {
                beast::error_code ignored;
                self->m_socket.shutdown(tcp::socket::shutdown_both, ignored);
                self->m_socket.close(ignored);
            });
            return;
        }
        m_res = {};
        m_res.result(unsigned(r.status));
        m_res.version(11);
        m_res.set(http::field::server, "vigil-loopback-onvif");
        m_res.set(http::field::content_type, r.contentType.toStdString());
        for (const auto &h : r.headers)
            m_res.insert(h.first.toStdString(), h.second.toStdString());
        m_res.keep_alive(m_req.keep_alive());
        m_res.body() = r.body.toStdString();
        m_res.prepare_payload();
        http::async_write(m_socket, m_res, [self](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            if (self->m_res.keep_alive())
                return self->read();
            beast::error_code ignored;
            self->m_socket.shutdown(tcp::socket::shutdown_send, ignored);
        });
    }

    tcp::socket m_socket;
    LoopbackDevice::Private &m_p;
    asio::steady_timer m_timer;
    beast::flat_buffer m_buffer;
    http::request<http::string_body> m_req;
    http::response<http::string_body> m_res;
};

void accept(LoopbackDevice::Private *p)
{
    p->acceptor->async_accept([p](beast::error_code ec, tcp::socket s) {
        if (ec)
            return;
        {
            std::lock_guard lock(p->mutex);
            ++p->connections;
        }
        std::make_shared<Session>(std::move(s), *p)->read();
        accept(p);
    });
}

} // namespace

LoopbackDevice::LoopbackDevice(DeviceOptions options)
    : d(std::make_unique<Private>())
{
    d->o = std::move(options);
    d->clockOffsetMs = d->o.clockOffsetMs;
    const QString clock = d->captureFor(QStringLiteral("GetSystemDateAndTime"));
    if (d->o.useCaptureClock && !clock.isEmpty()) {
        const QDateTime t = Private::captureClock(Private::readFile(clock));
        if (t.isValid())
            d->clockOffsetMs = QDateTime::currentDateTimeUtc().msecsTo(t);
    }
}

LoopbackDevice::~LoopbackDevice()
{
    d->ioc.stop();
    if (d->thread.joinable())
        d->thread.join();
}

bool LoopbackDevice::start(QString *error)
{
    beast::error_code ec;
    d->acceptor.emplace(d->ioc);
    const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    d->acceptor->open(ep.protocol(), ec);
    if (!ec)
        d->acceptor->bind(ep, ec);
    if (!ec)
        d->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        if (error)
            *error = QString::fromStdString(ec.message());
        return false;
    }
    d->port = d->acceptor->local_endpoint().port();
    accept(d.get());
    d->thread = std::thread([this] { d->ioc.run(); });
    return true;
}

quint16 LoopbackDevice::port() const
{
    return d->port;
}

QUrl LoopbackDevice::deviceUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/onvif/device_service").arg(d->port));
}

void LoopbackDevice::serveFile(const QString &operation, const QString &file, int status)
{
    std::lock_guard lock(d->mutex);
    d->overrides.insert(operation, {file, status});
}

void LoopbackDevice::queuePullMessages(const QStringList &files)
{
    std::lock_guard lock(d->mutex);
    d->pullQueue += files;
}

QList<ReceivedRequest> LoopbackDevice::requests() const
{
    std::lock_guard lock(d->mutex);
    return d->requests;
}

QStringList LoopbackDevice::operations() const
{
    std::lock_guard lock(d->mutex);
    QStringList out;
    for (const auto &r : d->requests)
        out << r.operation;
    return out;
}

QStringList LoopbackDevice::problems() const
{
    std::lock_guard lock(d->mutex);
    return d->problems;
}

int LoopbackDevice::authFailures() const
{
    std::lock_guard lock(d->mutex);
    return d->authFailures;
}

int LoopbackDevice::connections() const
{
    std::lock_guard lock(d->mutex);
    return d->connections;
}

QDateTime LoopbackDevice::deviceClock() const
{
    return d->deviceNow();
}

} // namespace vigil::onvif::test
