#include "vigil/onvif/client.h"

#include "vigil/core/redact.h"
#include "vigil/network/http_client.h"
#include "vigil/network/logging.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QElapsedTimer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>

#include <algorithm>
#include <cmath>

namespace vigil::onvif {

QUrl deviceUrlFromAddress(const QString &address)
{
    const QString a = address.trimmed();
    if (a.isEmpty())
        return {};
    QUrl u = a.contains(QLatin1String("://")) ? QUrl(a) : QUrl(QStringLiteral("http://") + a);
    if (!u.isValid() || u.host().isEmpty())
        return {};
    if (u.path().isEmpty() || u.path() == QLatin1String("/"))
        u.setPath(QStringLiteral("/onvif/device_service"));
    return u;
}

bool profilesHavePtz(const QList<MediaProfile> &profiles)
{
    return std::any_of(profiles.cbegin(), profiles.cend(),
                       [](const MediaProfile &p) { return !p.ptzConfigurationToken.isEmpty(); });
}

bool canPanTiltZoom(const DeviceDescription &device)
{
    // Both are needed: the service takes the commands, and a PTZ configuration on a profile is what the
    // commands address (a fixed camera often lists the PTZ service with no configuration behind it).
    return !device.services.ptz.isEmpty() && profilesHavePtz(device.profiles);
}

using network::HttpClient;
using network::HttpError;
using network::HttpRequest;
using network::HttpResponse;

namespace {
// The operator reads Error::message in the Add-devices dialog: it is translated (context
// "vigil::onvif::OnvifClient", shared with soap.cpp and parsers.cpp). vigilctl installs no translator and
// prints English.
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::onvif::OnvifClient)
};

constexpr qint64 kSkewToleranceMs = 5 * 60 * 1000;

Error makeError(ErrorCode code, const QString &message)
{
    Error e;
    e.code = code;
    e.message = message;
    return e;
}

template<typename T, typename U> Result<T> forward(const Result<U> &r)
{
    return Result<T>::fail(r.error);
}

Result<bool> success()
{
    Result<bool> r;
    r.value = true;
    return r;
}

QByteArray tok(const QString &s)
{
    return xmlEscape(s);
}

QByteArray md5hex(const QByteArray &s)
{
    return QCryptographicHash::hash(s, QCryptographicHash::Md5).toHex();
}

QString durationText(qint64 ms)
{
    const qint64 a = std::abs(ms);
    if (a >= 3600 * 1000)
        return Msg::tr("%1 h").arg(double(a) / 3600000.0, 0, 'f', 1);
    if (a >= 60 * 1000)
        return Msg::tr("%1 min").arg(a / 60000);
    return Msg::tr("%1 s").arg(a / 1000);
}
} // namespace

// HTTP authentication the device asked for with a 401 challenge (RFC 7616 Digest with MD5/qop=auth, or
// Basic).
struct OnvifClient::HttpAuth
{
    bool digest = false;
    QByteArray realm, nonce, opaque, qop, algorithm;
    int nc = 0;

    static std::optional<HttpAuth> fromChallenges(const QList<QByteArray> &challenges)
    {
        std::optional<HttpAuth> basic;
        for (const QByteArray &c : challenges) {
            const QByteArray t = c.trimmed();
            if (t.startsWith("Digest") || t.startsWith("digest")) {
                HttpAuth a;
                a.digest = true;
                static const QRegularExpression kv(
                    QStringLiteral(R"re((\w+)\s*=\s*(?:"([^"]*)"|([^,\s]+)))re"));
                auto it = kv.globalMatch(QString::fromLatin1(t.mid(6)));
                while (it.hasNext()) {
                    const auto m = it.next();
                    const QString key = m.captured(1).toLower();
                    const QByteArray value =
                        (m.capturedLength(2) || m.captured(3).isEmpty() ? m.captured(2) : m.captured(3))
                            .toLatin1();
                    if (key == QLatin1String("realm"))
                        a.realm = value;
                    else if (key == QLatin1String("nonce"))
                        a.nonce = value;
                    else if (key == QLatin1String("opaque"))
                        a.opaque = value;
                    else if (key == QLatin1String("qop"))
                        a.qop = value.split(',').contains("auth") || value.trimmed() == "auth" ? "auth" : "";
                    else if (key == QLatin1String("algorithm"))
                        a.algorithm = value;
                }
                if (!a.nonce.isEmpty() && (a.algorithm.isEmpty() || a.algorithm.toUpper() == "MD5"))
                    return a;
            } else if (t.startsWith("Basic") || t.startsWith("basic")) {
                basic = HttpAuth{};
            }
        }
        return basic;
    }

    QByteArray header(const QByteArray &method, const QUrl &url, const QString &user, const QString &password)
    {
        if (!digest)
            return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
        QByteArray uri = url.path(QUrl::FullyEncoded).toLatin1();
        if (uri.isEmpty())
            uri = "/";
        if (url.hasQuery())
            uri += '?' + url.query(QUrl::FullyEncoded).toLatin1();
        const QByteArray ha1 = md5hex(user.toUtf8() + ':' + realm + ':' + password.toUtf8());
        const QByteArray ha2 = md5hex(method + ':' + uri);
        QByteArray h = "Digest username=\"" + user.toUtf8() + "\", realm=\"" + realm + "\", nonce=\"" +
                       nonce + "\", uri=\"" + uri + "\", algorithm=MD5";
        if (qop == "auth") {
            const QByteArray ncText = QByteArray::number(++nc, 16).rightJustified(8, '0');
            const QByteArray cnonce =
                QByteArray::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, '0');
            const QByteArray response =
                md5hex(ha1 + ':' + nonce + ':' + ncText + ':' + cnonce + ":auth:" + ha2);
            h += ", qop=auth, nc=" + ncText + ", cnonce=\"" + cnonce + "\", response=\"" + response + '"';
        } else {
            h += ", response=\"" + md5hex(ha1 + ':' + nonce + ':' + ha2) + '"';
        }
        if (!opaque.isEmpty())
            h += ", opaque=\"" + opaque + '"';
        return h;
    }
};

OnvifClient::OnvifClient(QUrl deviceUrl, QString user, QString password, ClientOptions options)
    : m_deviceUrl(std::move(deviceUrl))
    , m_user(std::move(user))
    , m_password(std::move(password))
    , m_options(options)
{
    // Credentials typed into the address are moved out of it.
    if (!m_deviceUrl.userName().isEmpty() && m_user.isEmpty()) {
        m_user = m_deviceUrl.userName();
        m_password = m_deviceUrl.password();
    }
    m_deviceUrl.setUserInfo({});
    if (m_deviceUrl.path().isEmpty() || m_deviceUrl.path() == QLatin1String("/"))
        m_deviceUrl.setPath(QStringLiteral("/onvif/device_service"));
    m_services.device = m_deviceUrl;
}

OnvifClient::~OnvifClient() = default;

QUrl OnvifClient::rewrite(const QUrl &url) const
{
    if (!m_options.rewriteHosts || url.isEmpty())
        return url;
    QUrl u = url;
    u.setUserInfo({});
    u.setHost(m_deviceUrl.host());
    if (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https")) {
        u.setScheme(m_deviceUrl.scheme());
        u.setPort(m_deviceUrl.port());
    }
    return u;
}

Result<XmlElement> OnvifClient::call(const QUrl &service, const QString &what, const QByteArray &bodyXml,
                                     bool authenticate, const QByteArray &extraHeader, int timeoutMs)
{
    using R = Result<XmlElement>;
    const bool haveUser = !m_user.isEmpty();
    if (authenticate && haveUser && m_options.syncClock && !m_clockKnown)
        systemDateAndTime(); // best effort: a device that will not tell its time is signed with ours

    bool retriedAuth = false;
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::optional<UsernameToken> token;
        if (authenticate && haveUser)
            token = makeUsernameToken(m_user, m_password, m_clockOffsetMs);
        HttpRequest req;
        req.url = service;
        req.connectTimeoutMs = m_options.connectTimeoutMs;
        req.timeoutMs = timeoutMs > 0 ? timeoutMs : m_options.timeoutMs;
        req.body = buildEnvelope(bodyXml, token, extraHeader);
        req.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/soap+xml; charset=utf-8")));
        if (m_httpAuth && haveUser)
            req.headers.append(
                {"Authorization", m_httpAuth->header(req.method, service, m_user, m_password)});
        qCDebug(vigilOnvif) << what << "->" << core::redactUrl(service.toString());
        const HttpResponse resp = HttpClient::instance().sendSync(req);

        if (!resp.ok()) {
            switch (resp.error) {
            case HttpError::Unreachable:
            case HttpError::InvalidUrl:
                return R::fail(makeError(ErrorCode::Unreachable,
                                         Msg::tr("Cannot reach the camera: %1. Check the address, that "
                                                 "the camera is on, and the network or firewall.")
                                             .arg(resp.errorText)));
            case HttpError::Timeout:
                return R::fail(makeError(ErrorCode::Timeout,
                                         Msg::tr("The camera did not answer %1 in time (%2). It may be "
                                                 "overloaded or the network is slow; try again.")
                                             .arg(what, resp.errorText)));
            case HttpError::Tls:
                return R::fail(makeError(ErrorCode::Unreachable,
                                         Msg::tr("%1. Check that the camera offers HTTPS on this port, or "
                                                 "use its http:// address.")
                                             .arg(resp.errorText)));
            case HttpError::Truncated:
                return R::fail(makeError(ErrorCode::BadResponse,
                                         Msg::tr("The camera's answer to %1 was cut short (%2). Try "
                                                 "again; if it persists, update its firmware.")
                                             .arg(what, resp.errorText)));
            default:
                return R::fail(makeError(ErrorCode::NotOnvif,
                                         Msg::tr("The address did not answer %1 like an ONVIF device "
                                                 "(%2). Check the address and port.")
                                             .arg(what, resp.errorText)));
            }
        }

        if (resp.status == 401 && (haveUser || !authenticate)) {
            if (!authenticate) {
                // Some devices protect even GetSystemDateAndTime: sign it (with our own clock).
                m_clockKnown = true;
                return call(service, what, bodyXml, true, extraHeader, timeoutMs);
            }
            const auto challenge = HttpAuth::fromChallenges(resp.headerValues("WWW-Authenticate"));
            const bool stale = m_httpAuth && resp.header("WWW-Authenticate").toLower().contains("stale=true");
            if (challenge && (!m_httpAuth || stale || !retriedAuth)) {
                const bool hadAuth = bool(m_httpAuth);
                m_httpAuth = std::make_unique<HttpAuth>(*challenge);
                if (!hadAuth || stale) {
                    retriedAuth = hadAuth;
                    qCDebug(vigilOnvif) << what << ": device asked for HTTP"
                                        << (challenge->digest ? "Digest" : "Basic") << "authentication";
                    continue;
                }
            }
        }

        R r = decodeSoap(resp.body, resp.status, what);
        if (r.error.code == ErrorCode::WrongCredentials && !haveUser)
            r.error.message = Msg::tr("The camera asks for a user name and password for %1.").arg(what);
        else if (r.error.code == ErrorCode::WrongCredentials && m_clockKnown &&
                 std::abs(m_clockOffsetMs) > kSkewToleranceMs) {
            r.error.code = ErrorCode::ClockSkew;
            // Two whole sentences (not "%1 %2 ours") so that a translation can order the words freely.
            r.error.message =
                (m_clockOffsetMs > 0
                     ? Msg::tr("The camera refused the login and its clock is %1 ahead of ours. "
                               "Set the camera's date and time (or NTP), then try again; if it "
                               "still fails, check the user name and password.")
                     : Msg::tr("The camera refused the login and its clock is %1 behind ours. Set "
                               "the camera's date and time (or NTP), then try again; if it still "
                               "fails, check the user name and password."))
                    .arg(durationText(m_clockOffsetMs));
        }
        if (!r.ok())
            qCInfo(vigilOnvif) << what << "failed:" << toString(r.error.code) << r.error.message;
        return r;
    }
    return R::fail(
        makeError(ErrorCode::WrongCredentials,
                  Msg::tr("The camera refused the user name or password for %1. Check them.").arg(what)));
}

Result<QDateTime> OnvifClient::systemDateAndTime()
{
    QElapsedTimer sent;
    sent.start();
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const auto body = call(m_services.device.isEmpty() ? m_deviceUrl : m_services.device,
                           QStringLiteral("GetSystemDateAndTime"),
                           "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>", false);
    if (!body.ok())
        return forward<QDateTime>(body);
    auto r = parseSystemDateAndTime(body.value);
    if (r.ok()) {
        // The device read its clock about half-way through the exchange; seconds resolution anyway.
        const QDateTime mid = before.addMSecs(sent.elapsed() / 2);
        m_clockOffsetMs = mid.msecsTo(r.value);
        if (std::abs(m_clockOffsetMs) < 1000)
            m_clockOffsetMs = 0;
        m_clockKnown = true;
        if (std::abs(m_clockOffsetMs) > kSkewToleranceMs)
            qCInfo(vigilOnvif) << "device clock differs from ours by" << m_clockOffsetMs / 1000
                               << "s; signing with its time";
    }
    return r;
}

Result<DeviceInfo> OnvifClient::deviceInformation()
{
    const auto body = call(m_services.device, QStringLiteral("GetDeviceInformation"),
                           "<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>");
    return body.ok() ? parseDeviceInformation(body.value) : forward<DeviceInfo>(body);
}

Result<Services> OnvifClient::capabilities()
{
    const auto body = call(m_services.device, QStringLiteral("GetCapabilities"),
                           "<GetCapabilities xmlns=\"http://www.onvif.org/ver10/device/wsdl\">"
                           "<Category>All</Category></GetCapabilities>");
    return body.ok() ? parseCapabilities(body.value) : forward<Services>(body);
}

Result<Services> OnvifClient::discoverServices()
{
    const auto body = call(m_services.device, QStringLiteral("GetServices"),
                           "<GetServices xmlns=\"http://www.onvif.org/ver10/device/wsdl\">"
                           "<IncludeCapability>false</IncludeCapability></GetServices>");
    Result<Services> r = body.ok() ? parseServices(body.value) : forward<Services>(body);
    const bool useful = r.ok() && (!r.value.media.isEmpty() || !r.value.media2.isEmpty());
    if (!useful) {
        // Older devices: GetServices unsupported (or empty). Auth/network errors are final.
        if (!r.ok() && (r.error.code == ErrorCode::Unreachable || r.error.code == ErrorCode::Timeout ||
                        r.error.code == ErrorCode::WrongCredentials || r.error.code == ErrorCode::ClockSkew))
            return r;
        auto caps = capabilities();
        if (!caps.ok())
            return caps;
        if (r.ok() && !r.value.media2.isEmpty())
            caps.value.media2 = r.value.media2;
        r = caps;
    }
    Services &s = r.value;
    for (QUrl *u :
         {&s.device, &s.media, &s.media2, &s.ptz, &s.events, &s.imaging, &s.recording, &s.search, &s.replay})
        *u = rewrite(*u);
    if (s.device.isEmpty())
        s.device = m_deviceUrl;
    m_services = s;
    m_servicesKnown = true;
    return r;
}

Result<bool> OnvifClient::ensureServices()
{
    if (m_servicesKnown)
        return success();
    const auto r = discoverServices();
    return r.ok() ? success() : forward<bool>(r);
}

Result<QList<MediaProfile>> OnvifClient::profiles()
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QList<MediaProfile>>(s);
    if (!m_services.media2.isEmpty()) {
        const auto body = call(m_services.media2, QStringLiteral("GetProfiles (Media2)"),
                               "<GetProfiles xmlns=\"http://www.onvif.org/ver20/media/wsdl\">"
                               "<Type>All</Type></GetProfiles>");
        auto r = body.ok() ? parseProfiles2(body.value) : forward<QList<MediaProfile>>(body);
        if (r.ok() || m_services.media.isEmpty() ||
            (r.error.code != ErrorCode::Unsupported && r.error.code != ErrorCode::BadResponse))
            return r;
    }
    if (m_services.media.isEmpty())
        return Result<QList<MediaProfile>>::fail(
            makeError(ErrorCode::Unsupported, Msg::tr("The camera offers no ONVIF media service, so it has "
                                                      "no streams Vigil can show.")));
    const auto body = call(m_services.media, QStringLiteral("GetProfiles"),
                           "<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>");
    return body.ok() ? parseProfiles(body.value) : forward<QList<MediaProfile>>(body);
}

Result<QUrl> OnvifClient::streamUri(const MediaProfile &profile)
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QUrl>(s);
    Result<XmlElement> body;
    const bool media2 = profile.media2 && !m_services.media2.isEmpty();
    if (media2) {
        body = call(
            m_services.media2, QStringLiteral("GetStreamUri (Media2)"),
            "<GetStreamUri xmlns=\"http://www.onvif.org/ver20/media/wsdl\"><Protocol>RtspUnicast</Protocol>"
            "<ProfileToken>" +
                tok(profile.token) + "</ProfileToken></GetStreamUri>");
    } else {
        body = call(
            m_services.media, QStringLiteral("GetStreamUri"),
            "<GetStreamUri xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><StreamSetup>"
            "<Stream xmlns=\"http://www.onvif.org/ver10/schema\">RTP-Unicast</Stream>"
            "<Transport xmlns=\"http://www.onvif.org/ver10/schema\"><Protocol>RTSP</Protocol></Transport>"
            "</StreamSetup><ProfileToken>" +
                tok(profile.token) + "</ProfileToken></GetStreamUri>");
    }
    if (!body.ok())
        return forward<QUrl>(body);
    auto r = parseStreamUri(body.value, media2);
    if (r.ok())
        r.value = rewrite(r.value);
    return r;
}

Result<QUrl> OnvifClient::snapshotUri(const MediaProfile &profile)
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QUrl>(s);
    const bool media2 = profile.media2 && !m_services.media2.isEmpty();
    const QByteArray body = "<GetSnapshotUri xmlns=\"" + (media2 ? ns::kMedia2 : ns::kMedia).toUtf8() +
                            "\"><ProfileToken>" + tok(profile.token) + "</ProfileToken></GetSnapshotUri>";
    const auto resp =
        call(media2 ? m_services.media2 : m_services.media, QStringLiteral("GetSnapshotUri"), body);
    if (!resp.ok())
        return forward<QUrl>(resp);
    auto r = parseSnapshotUri(resp.value, media2);
    if (r.ok())
        r.value = rewrite(r.value);
    return r;
}

Result<DeviceDescription> OnvifClient::describe()
{
    using R = Result<DeviceDescription>;
    R r;
    r.value.deviceUrl = m_deviceUrl;
    if (m_options.syncClock) {
        const auto t = systemDateAndTime();
        if (!t.ok() && (t.error.code == ErrorCode::Unreachable || t.error.code == ErrorCode::Timeout ||
                        t.error.code == ErrorCode::NotOnvif))
            return forward<DeviceDescription>(t);
    }
    r.value.clockOffsetMs = m_clockOffsetMs;
    const auto services = discoverServices();
    if (!services.ok())
        return forward<DeviceDescription>(services);
    r.value.services = services.value;
    const auto info = deviceInformation();
    if (!info.ok())
        return forward<DeviceDescription>(info);
    r.value.info = info.value;
    const auto profs = profiles();
    if (!profs.ok())
        return forward<DeviceDescription>(profs);
    r.value.profiles = profs.value;
    const QList<MediaProfile> ranked = rankProfiles(profs.value);
    for (const MediaProfile &p : ranked) {
        const auto uri = streamUri(p);
        if (!uri.ok()) {
            if (r.value.streams.isEmpty() && &p == &ranked.last())
                return forward<DeviceDescription>(uri);
            qCInfo(vigilOnvif) << "no stream URI for profile" << p.token << ":" << uri.error.message;
            continue;
        }
        StreamChoice c;
        c.role = roleForRank(int(r.value.streams.size()));
        c.profile = p;
        c.uri = uri.value;
        r.value.streams.append(c);
    }
    if (!r.value.streams.isEmpty()) {
        const MediaProfile &main = r.value.streams.first().profile;
        if (const auto snap = snapshotUri(main); snap.ok())
            r.value.snapshotUri = snap.value;
        if (!m_services.ptz.isEmpty()) {
            const auto pr = presets(main.token);
            if (pr.ok())
                r.value.presets = pr.value;
        }
    }
    return r;
}

Result<bool> OnvifClient::simple(const QUrl &service, const QString &what, const QByteArray &body)
{
    if (service.isEmpty())
        return Result<bool>::fail(
            makeError(ErrorCode::Unsupported, Msg::tr("The camera has no service for %1.").arg(what)));
    const auto r = call(service, what, body);
    return r.ok() ? success() : forward<bool>(r);
}

namespace {
QByteArray ptzBody(const char *op, const QString &profile, const QByteArray &rest = {})
{
    return QByteArray("<") + op + " xmlns=\"http://www.onvif.org/ver20/ptz/wsdl\"><ProfileToken>" +
           tok(profile) + "</ProfileToken>" + rest + "</" + op + '>';
}
QByteArray num(double v)
{
    return QByteArray::number(std::clamp(v, -1.0, 1.0), 'f', 3);
}
} // namespace

Result<bool> OnvifClient::continuousMove(const QString &profileToken, double pan, double tilt, double zoom,
                                         int timeoutMs)
{
    if (const auto s = ensureServices(); !s.ok())
        return s;
    QByteArray v = "<Velocity><PanTilt xmlns=\"http://www.onvif.org/ver10/schema\" x=\"" + num(pan) +
                   "\" y=\"" + num(tilt) + "\"/><Zoom xmlns=\"http://www.onvif.org/ver10/schema\" x=\"" +
                   num(zoom) + "\"/></Velocity>";
    if (timeoutMs > 0)
        v += "<Timeout>PT" + QByteArray::number(double(timeoutMs) / 1000.0, 'f', 3) + "S</Timeout>";
    return simple(m_services.ptz, QStringLiteral("ContinuousMove"),
                  ptzBody("ContinuousMove", profileToken, v));
}

Result<bool> OnvifClient::stop(const QString &profileToken)
{
    if (const auto s = ensureServices(); !s.ok())
        return s;
    return simple(m_services.ptz, QStringLiteral("Stop"),
                  ptzBody("Stop", profileToken, "<PanTilt>true</PanTilt><Zoom>true</Zoom>"));
}

Result<QList<Preset>> OnvifClient::presets(const QString &profileToken)
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QList<Preset>>(s);
    if (m_services.ptz.isEmpty())
        return Result<QList<Preset>>::fail(
            makeError(ErrorCode::Unsupported, Msg::tr("The camera has no PTZ service.")));
    const auto body = call(m_services.ptz, QStringLiteral("GetPresets"), ptzBody("GetPresets", profileToken));
    return body.ok() ? parsePresets(body.value) : forward<QList<Preset>>(body);
}

Result<bool> OnvifClient::gotoPreset(const QString &profileToken, const QString &presetToken)
{
    if (const auto s = ensureServices(); !s.ok())
        return s;
    return simple(m_services.ptz, QStringLiteral("GotoPreset"),
                  ptzBody("GotoPreset", profileToken, "<PresetToken>" + tok(presetToken) + "</PresetToken>"));
}

Result<QString> OnvifClient::setPreset(const QString &profileToken, const QString &name)
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QString>(s);
    const auto body = call(m_services.ptz, QStringLiteral("SetPreset"),
                           ptzBody("SetPreset", profileToken, "<PresetName>" + tok(name) + "</PresetName>"));
    return body.ok() ? parseSetPreset(body.value) : forward<QString>(body);
}

Result<bool> OnvifClient::removePreset(const QString &profileToken, const QString &presetToken)
{
    if (const auto s = ensureServices(); !s.ok())
        return s;
    return simple(
        m_services.ptz, QStringLiteral("RemovePreset"),
        ptzBody("RemovePreset", profileToken, "<PresetToken>" + tok(presetToken) + "</PresetToken>"));
}

Result<bool> OnvifClient::gotoHomePosition(const QString &profileToken)
{
    if (const auto s = ensureServices(); !s.ok())
        return s;
    return simple(m_services.ptz, QStringLiteral("GotoHomePosition"),
                  ptzBody("GotoHomePosition", profileToken));
}

namespace {
QByteArray wsaHeader(const char *action, const QUrl &to)
{
    return QByteArray("<wsa:Action xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">") + action +
           "</wsa:Action><wsa:To xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">" +
           xmlEscape(to.toString()) + "</wsa:To>";
}
} // namespace

Result<PullPointSubscription> OnvifClient::createPullPointSubscription(int terminationSeconds)
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<PullPointSubscription>(s);
    if (m_services.events.isEmpty())
        return Result<PullPointSubscription>::fail(
            makeError(ErrorCode::Unsupported, Msg::tr("The camera has no ONVIF event service.")));
    const auto body = call(m_services.events, QStringLiteral("CreatePullPointSubscription"),
                           "<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\">"
                           "<InitialTerminationTime>PT" +
                               QByteArray::number(terminationSeconds) +
                               "S</InitialTerminationTime></CreatePullPointSubscription>");
    if (!body.ok())
        return forward<PullPointSubscription>(body);
    auto r = parseCreatePullPoint(body.value);
    if (r.ok())
        r.value.address = rewrite(r.value.address);
    return r;
}

Result<QList<AlarmEvent>> OnvifClient::pullMessages(const PullPointSubscription &sub, int timeoutSeconds,
                                                    int messageLimit)
{
    const auto body =
        call(sub.address, QStringLiteral("PullMessages"),
             "<PullMessages xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Timeout>PT" +
                 QByteArray::number(timeoutSeconds) + "S</Timeout><MessageLimit>" +
                 QByteArray::number(messageLimit) + "</MessageLimit></PullMessages>",
             true,
             wsaHeader("http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesRequest",
                       sub.address),
             m_options.timeoutMs + timeoutSeconds * 1000);
    return body.ok() ? parsePullMessages(body.value) : forward<QList<AlarmEvent>>(body);
}

Result<QDateTime> OnvifClient::renew(const PullPointSubscription &sub, int terminationSeconds)
{
    const auto body = call(
        sub.address, QStringLiteral("Renew"),
        "<Renew xmlns=\"http://docs.oasis-open.org/wsn/b-2\"><TerminationTime>PT" +
            QByteArray::number(terminationSeconds) + "S</TerminationTime></Renew>",
        true, wsaHeader("http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest", sub.address));
    if (!body.ok())
        return forward<QDateTime>(body);
    const auto resp = responseElement(body.value, ns::kWsnt, u"RenewResponse", QStringLiteral("Renew"));
    if (!resp.ok())
        return forward<QDateTime>(resp);
    Result<QDateTime> r;
    r.value = parseDateTime(resp.value->childText(u"TerminationTime"));
    return r;
}

Result<bool> OnvifClient::unsubscribe(const PullPointSubscription &sub)
{
    const auto body = call(
        sub.address, QStringLiteral("Unsubscribe"),
        "<Unsubscribe xmlns=\"http://docs.oasis-open.org/wsn/b-2\"/>", true,
        wsaHeader("http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest", sub.address));
    return body.ok() ? success() : forward<bool>(body);
}

Result<QList<Recording>> OnvifClient::recordings()
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QList<Recording>>(s);
    if (m_services.recording.isEmpty())
        return Result<QList<Recording>>::fail(makeError(
            ErrorCode::Unsupported, Msg::tr("The device has no ONVIF recording service (Profile G).")));
    const auto body = call(m_services.recording, QStringLiteral("GetRecordings"),
                           "<GetRecordings xmlns=\"http://www.onvif.org/ver10/recording/wsdl\"/>");
    return body.ok() ? parseRecordings(body.value) : forward<QList<Recording>>(body);
}

Result<QList<Recording>> OnvifClient::findRecordings(int maxRounds)
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QList<Recording>>(s);
    if (m_services.search.isEmpty())
        return Result<QList<Recording>>::fail(makeError(
            ErrorCode::Unsupported, Msg::tr("The device has no ONVIF search service (Profile G).")));
    const auto started = call(m_services.search, QStringLiteral("FindRecordings"),
                              "<FindRecordings xmlns=\"http://www.onvif.org/ver10/search/wsdl\"><Scope/>"
                              "<KeepAliveTime>PT10S</KeepAliveTime></FindRecordings>");
    if (!started.ok())
        return forward<QList<Recording>>(started);
    const auto token = parseFindRecordings(started.value);
    if (!token.ok())
        return forward<QList<Recording>>(token);
    Result<QList<Recording>> all;
    bool complete = false;
    for (int round = 0; round < maxRounds && !complete; ++round) {
        const auto page = call(m_services.search, QStringLiteral("GetRecordingSearchResults"),
                               "<GetRecordingSearchResults xmlns=\"http://www.onvif.org/ver10/search/wsdl\">"
                               "<SearchToken>" +
                                   tok(token.value) +
                                   "</SearchToken><WaitTime>PT1S</WaitTime>"
                                   "</GetRecordingSearchResults>");
        if (!page.ok())
            return forward<QList<Recording>>(page);
        const auto results = parseRecordingSearchResults(page.value, &complete);
        if (!results.ok())
            return results;
        all.value += results.value;
    }
    if (!complete) // free the device's search session early; the answer is not needed
        call(m_services.search, QStringLiteral("EndSearch"),
             "<EndSearch xmlns=\"http://www.onvif.org/ver10/search/wsdl\"><SearchToken>" + tok(token.value) +
                 "</SearchToken></EndSearch>");
    return all;
}

Result<QUrl> OnvifClient::replayUri(const QString &recordingToken)
{
    if (const auto s = ensureServices(); !s.ok())
        return forward<QUrl>(s);
    if (m_services.replay.isEmpty())
        return Result<QUrl>::fail(makeError(ErrorCode::Unsupported,
                                            Msg::tr("The device has no ONVIF replay service (Profile G).")));
    const auto body =
        call(m_services.replay, QStringLiteral("GetReplayUri"),
             "<GetReplayUri xmlns=\"http://www.onvif.org/ver10/replay/wsdl\"><StreamSetup>"
             "<Stream xmlns=\"http://www.onvif.org/ver10/schema\">RTP-Unicast</Stream>"
             "<Transport xmlns=\"http://www.onvif.org/ver10/schema\"><Protocol>RTSP</Protocol></Transport>"
             "</StreamSetup><RecordingToken>" +
                 tok(recordingToken) + "</RecordingToken></GetReplayUri>");
    if (!body.ok())
        return forward<QUrl>(body);
    auto r = parseReplayUri(body.value);
    if (r.ok())
        r.value = rewrite(r.value);
    return r;
}

} // namespace vigil::onvif
