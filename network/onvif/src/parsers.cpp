#include "vigil/onvif/parsers.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QTimeZone>

#include <algorithm>
#include <cmath>

namespace vigil::onvif {

namespace {
// Error texts the operator reads: same translation context as client.cpp.
struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::onvif::OnvifClient)
};
} // namespace

namespace {

template<typename T> Result<T> failed(ErrorCode code, const QString &message)
{
    Error e;
    e.code = code;
    e.message = message;
    return Result<T>::fail(e);
}

template<typename T, typename U> Result<T> forward(const Result<U> &r)
{
    return Result<T>::fail(r.error);
}

int toInt(const QString &s)
{
    bool ok = false;
    const int v = s.trimmed().toInt(&ok); // "06" -> 6 (Dahua)
    if (ok)
        return v;
    // "25.0", "1e3" (found by fuzzing: out-of-range doubles must not be converted to int unchecked).
    const double d = s.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return 0;
    return int(std::clamp(d, -1e9, 1e9));
}

QUrl toUrl(const QString &s)
{
    const QUrl u(s.trimmed());
    return u.isValid() && !u.scheme().isEmpty() ? u : QUrl();
}

QString normaliseEncoding(QString e)
{
    e = e.trimmed().toLower();
    if (e == QLatin1String("h.264") || e == QLatin1String("avc"))
        return QStringLiteral("h264");
    if (e == QLatin1String("h.265") || e == QLatin1String("hevc"))
        return QStringLiteral("h265");
    if (e == QLatin1String("mjpeg"))
        return QStringLiteral("jpeg");
    return e;
}

void readEncoder(const XmlElement &enc, MediaProfile &p)
{
    // Hikvision writes the real codec in an attribute (Media1 cannot say H265) and H264 in <Encoding>.
    const QString attr = enc.attribute(u"encoding");
    p.encoding = normaliseEncoding(!attr.isEmpty() ? attr : enc.childText(u"Encoding"));
    if (const XmlElement *res = enc.child(u"Resolution")) {
        const QSize s(toInt(res->childText(u"Width")), toInt(res->childText(u"Height")));
        if (s.width() > 0 && s.height() > 0)
            p.resolution = s;
    }
    if (const XmlElement *rc = enc.child(u"RateControl")) {
        p.fps = toInt(rc->childText(u"FrameRateLimit"));
        p.bitrateKbps = toInt(rc->childText(u"BitrateLimit"));
    }
}

} // namespace

QDateTime parseDateTime(const QString &text)
{
    QString s = text.trimmed();
    if (s.size() > 10 && s.at(10) == QLatin1Char('-'))
        s[10] = QLatin1Char('T');
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(QTimeZone::utc()); // xs:dateTime without zone: ONVIF means UTC
    return t.toUTC();
}

EventKind classifyTopic(const QString &topic)
{
    const QString t = topic.toLower();
    if (t.contains(QLatin1String("digitalinput")) || t.contains(QLatin1String("trigger/relay")) ||
        t.contains(QLatin1String("io/port")) || t.contains(QLatin1String("alarmin")))
        return EventKind::DigitalInput;
    if (t.contains(QLatin1String("tamper")) || t.contains(QLatin1String("globalscenechange")) ||
        t.contains(QLatin1String("imagetooblurry")) || t.contains(QLatin1String("imagetoodark")) ||
        t.contains(QLatin1String("imagetoobright")) || t.contains(QLatin1String("signalloss")))
        return EventKind::Tamper;
    if (t.contains(QLatin1String("motion")))
        return EventKind::Motion;
    return EventKind::Other;
}

QString toString(EventKind kind)
{
    switch (kind) {
    case EventKind::Motion:
        return QStringLiteral("motion");
    case EventKind::Tamper:
        return QStringLiteral("tamper");
    case EventKind::DigitalInput:
        return QStringLiteral("digital-input");
    case EventKind::Other:
        break;
    }
    return QStringLiteral("other");
}

Result<QDateTime> parseSystemDateAndTime(const XmlElement &body)
{
    const auto resp = responseElement(body, ns::kDevice, u"GetSystemDateAndTimeResponse",
                                      QStringLiteral("GetSystemDateAndTime"));
    if (!resp.ok())
        return forward<QDateTime>(resp);
    const XmlElement *utc = resp.value->find(u"UTCDateTime");
    if (!utc)
        return failed<QDateTime>(ErrorCode::BadResponse,
                                 Msg::tr("The camera did not tell its UTC time (no UTCDateTime)."));
    const QDate date(toInt(utc->childText(u"Date/Year")), toInt(utc->childText(u"Date/Month")),
                     toInt(utc->childText(u"Date/Day")));
    const QTime time(toInt(utc->childText(u"Time/Hour")), toInt(utc->childText(u"Time/Minute")),
                     toInt(utc->childText(u"Time/Second")));
    const QDateTime dt(date, time, QTimeZone::utc());
    if (!dt.isValid())
        return failed<QDateTime>(ErrorCode::BadResponse, Msg::tr("The camera sent an invalid UTC time."));
    Result<QDateTime> r;
    r.value = dt;
    return r;
}

Result<DeviceInfo> parseDeviceInformation(const XmlElement &body)
{
    const auto resp = responseElement(body, ns::kDevice, u"GetDeviceInformationResponse",
                                      QStringLiteral("GetDeviceInformation"));
    if (!resp.ok())
        return forward<DeviceInfo>(resp);
    const XmlElement &e = *resp.value;
    Result<DeviceInfo> r;
    r.value.manufacturer = e.childText(u"Manufacturer");
    r.value.model = e.childText(u"Model");
    r.value.firmware = e.childText(u"FirmwareVersion");
    r.value.serial = e.childText(u"SerialNumber");
    r.value.hardwareId = e.childText(u"HardwareId");
    return r;
}

Result<Services> parseCapabilities(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kDevice, u"GetCapabilitiesResponse", QStringLiteral("GetCapabilities"));
    if (!resp.ok())
        return forward<Services>(resp);
    const XmlElement *caps = resp.value->child(u"Capabilities");
    if (!caps)
        return failed<Services>(ErrorCode::BadResponse,
                                Msg::tr("The camera's capabilities are empty (no Capabilities)."));
    Result<Services> r;
    auto addr = [caps](QStringView what) -> QUrl {
        if (const XmlElement *e = caps->child(what))
            return toUrl(e->childText(u"XAddr"));
        if (const XmlElement *ext = caps->child(u"Extension"))
            if (const XmlElement *e = ext->child(what))
                return toUrl(e->childText(u"XAddr"));
        return {};
    };
    r.value.device = addr(u"Device");
    r.value.media = addr(u"Media");
    r.value.ptz = addr(u"PTZ");
    r.value.events = addr(u"Events");
    r.value.imaging = addr(u"Imaging");
    r.value.recording = addr(u"Recording");
    r.value.search = addr(u"Search");
    r.value.replay = addr(u"Replay");
    return r;
}

Result<Services> parseServices(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kDevice, u"GetServicesResponse", QStringLiteral("GetServices"));
    if (!resp.ok())
        return forward<Services>(resp);
    Result<Services> r;
    for (const XmlElement *s : resp.value->childrenNamed(u"Service")) {
        const QString n = s->childText(u"Namespace");
        const QUrl x = toUrl(s->childText(u"XAddr"));
        if (n == ns::kDevice)
            r.value.device = x;
        else if (n == ns::kMedia)
            r.value.media = x;
        else if (n == ns::kMedia2)
            r.value.media2 = x;
        else if (n == ns::kPtz)
            r.value.ptz = x;
        else if (n == ns::kEvents)
            r.value.events = x;
        else if (n == ns::kImaging)
            r.value.imaging = x;
        else if (n == ns::kRecording)
            r.value.recording = x;
        else if (n == ns::kSearch)
            r.value.search = x;
        else if (n == ns::kReplay)
            r.value.replay = x;
    }
    return r;
}

Result<QList<MediaProfile>> parseProfiles(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kMedia, u"GetProfilesResponse", QStringLiteral("GetProfiles"));
    if (!resp.ok())
        return forward<QList<MediaProfile>>(resp);
    Result<QList<MediaProfile>> r;
    for (const XmlElement *e : resp.value->childrenNamed(u"Profiles")) {
        MediaProfile p;
        p.token = e->attribute(u"token");
        p.name = e->childText(u"Name");
        if (const XmlElement *enc = e->child(u"VideoEncoderConfiguration"))
            readEncoder(*enc, p);
        if (const XmlElement *ptz = e->child(u"PTZConfiguration"))
            p.ptzConfigurationToken = ptz->attribute(u"token");
        if (!p.token.isEmpty())
            r.value.append(p);
    }
    return r;
}

Result<QList<MediaProfile>> parseProfiles2(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kMedia2, u"GetProfilesResponse", QStringLiteral("GetProfiles (Media2)"));
    if (!resp.ok())
        return forward<QList<MediaProfile>>(resp);
    Result<QList<MediaProfile>> r;
    for (const XmlElement *e : resp.value->childrenNamed(u"Profiles")) {
        MediaProfile p;
        p.media2 = true;
        p.token = e->attribute(u"token");
        p.name = e->childText(u"Name");
        if (const XmlElement *conf = e->child(u"Configurations")) {
            if (const XmlElement *enc = conf->child(u"VideoEncoder"))
                readEncoder(*enc, p);
            if (const XmlElement *ptz = conf->child(u"PTZ"))
                p.ptzConfigurationToken = ptz->attribute(u"token");
        }
        if (!p.token.isEmpty())
            r.value.append(p);
    }
    return r;
}

namespace {
Result<QUrl> parseUri(const XmlElement &body, bool media2, QStringView response, const QString &what)
{
    const auto resp = responseElement(body, media2 ? ns::kMedia2 : ns::kMedia, response, what);
    if (!resp.ok())
        return forward<QUrl>(resp);
    // Media1: MediaUri/Uri; Media2: Uri.
    const QString text = media2 ? resp.value->childText(u"Uri") : resp.value->childText(u"MediaUri/Uri");
    const QUrl u = toUrl(text);
    if (u.isEmpty())
        return failed<QUrl>(ErrorCode::BadResponse,
                            Msg::tr("The camera's answer to %1 holds no usable URI.").arg(what));
    Result<QUrl> r;
    r.value = u;
    return r;
}
} // namespace

Result<QUrl> parseStreamUri(const XmlElement &body, bool media2)
{
    return parseUri(body, media2, u"GetStreamUriResponse", QStringLiteral("GetStreamUri"));
}

Result<QUrl> parseSnapshotUri(const XmlElement &body, bool media2)
{
    return parseUri(body, media2, u"GetSnapshotUriResponse", QStringLiteral("GetSnapshotUri"));
}

Result<QList<Preset>> parsePresets(const XmlElement &body)
{
    const auto resp = responseElement(body, ns::kPtz, u"GetPresetsResponse", QStringLiteral("GetPresets"));
    if (!resp.ok())
        return forward<QList<Preset>>(resp);
    Result<QList<Preset>> r;
    for (const XmlElement *e : resp.value->childrenNamed(u"Preset")) {
        Preset p;
        p.token = e->attribute(u"token");
        p.name = e->childText(u"Name");
        if (!p.token.isEmpty())
            r.value.append(p);
    }
    return r;
}

Result<QString> parseSetPreset(const XmlElement &body)
{
    const auto resp = responseElement(body, ns::kPtz, u"SetPresetResponse", QStringLiteral("SetPreset"));
    if (!resp.ok())
        return forward<QString>(resp);
    Result<QString> r;
    r.value = resp.value->childText(u"PresetToken");
    return r;
}

Result<PullPointSubscription> parseCreatePullPoint(const XmlElement &body)
{
    const auto resp = responseElement(body, ns::kEvents, u"CreatePullPointSubscriptionResponse",
                                      QStringLiteral("CreatePullPointSubscription"));
    if (!resp.ok())
        return forward<PullPointSubscription>(resp);
    Result<PullPointSubscription> r;
    if (const XmlElement *ref = resp.value->child(u"SubscriptionReference"))
        r.value.address = toUrl(ref->childText(u"Address"));
    r.value.currentTime = parseDateTime(resp.value->childText(u"CurrentTime"));
    r.value.terminationTime = parseDateTime(resp.value->childText(u"TerminationTime"));
    if (r.value.address.isEmpty())
        return failed<PullPointSubscription>(
            ErrorCode::BadResponse, Msg::tr("The camera created an event subscription without an address."));
    return r;
}

Result<QList<AlarmEvent>> parsePullMessages(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kEvents, u"PullMessagesResponse", QStringLiteral("PullMessages"));
    if (!resp.ok())
        return forward<QList<AlarmEvent>>(resp);
    Result<QList<AlarmEvent>> r;
    for (const XmlElement *n : resp.value->childrenNamed(u"NotificationMessage")) {
        AlarmEvent ev;
        QString topic = n->childText(u"Topic");
        // Drop the namespace prefix of the topic expression ("tns1:VideoSource/MotionAlarm").
        const qsizetype colon = topic.indexOf(QLatin1Char(':'));
        if (colon >= 0 && colon < topic.indexOf(QLatin1Char('/')))
            topic = topic.mid(colon + 1);
        ev.topic = topic;
        ev.kind = classifyTopic(topic);
        const XmlElement *msgWrap = n->child(u"Message");
        const XmlElement *msg = msgWrap ? msgWrap->child(u"Message") : nullptr;
        if (msg) {
            ev.time = parseDateTime(msg->attribute(u"UtcTime"));
            ev.initial = msg->attribute(u"PropertyOperation") == QLatin1String("Initialized");
            if (const XmlElement *src = msg->child(u"Source"))
                if (const XmlElement *item = src->child(u"SimpleItem"))
                    ev.source = item->attribute(u"Value");
            if (const XmlElement *data = msg->child(u"Data")) {
                for (const XmlElement *item : data->childrenNamed(u"SimpleItem")) {
                    const QString name = item->attribute(u"Name");
                    const QString value = item->attribute(u"Value");
                    ev.data.append({name, value});
                    static const QStringList kStateItems = {
                        QStringLiteral("State"),    QStringLiteral("IsMotion"),
                        QStringLiteral("IsTamper"), QStringLiteral("LogicalState"),
                        QStringLiteral("IsInside"), QStringLiteral("Value")};
                    if (kStateItems.contains(name, Qt::CaseInsensitive))
                        ev.active = value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
                                    value == QLatin1String("1") ||
                                    value.compare(QLatin1String("active"), Qt::CaseInsensitive) == 0;
                }
            }
        }
        r.value.append(ev);
    }
    return r;
}

Result<QList<Recording>> parseRecordings(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kRecording, u"GetRecordingsResponse", QStringLiteral("GetRecordings"));
    if (!resp.ok())
        return forward<QList<Recording>>(resp);
    Result<QList<Recording>> r;
    for (const XmlElement *item : resp.value->childrenNamed(u"RecordingItem")) {
        Recording rec;
        rec.token = item->childText(u"RecordingToken");
        rec.sourceName = item->childText(u"Configuration/Source/Name");
        if (!rec.token.isEmpty())
            r.value.append(rec);
    }
    return r;
}

Result<QString> parseFindRecordings(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kSearch, u"FindRecordingsResponse", QStringLiteral("FindRecordings"));
    if (!resp.ok())
        return forward<QString>(resp);
    Result<QString> r;
    r.value = resp.value->childText(u"SearchToken");
    if (r.value.isEmpty())
        return failed<QString>(ErrorCode::BadResponse,
                               Msg::tr("The recorder started a search without a token."));
    return r;
}

Result<QList<Recording>> parseRecordingSearchResults(const XmlElement &body, bool *complete)
{
    const auto resp = responseElement(body, ns::kSearch, u"GetRecordingSearchResultsResponse",
                                      QStringLiteral("GetRecordingSearchResults"));
    if (!resp.ok())
        return forward<QList<Recording>>(resp);
    Result<QList<Recording>> r;
    const XmlElement *list = resp.value->child(u"ResultList");
    if (complete)
        *complete = !list || list->childText(u"SearchState") == QLatin1String("Completed");
    if (!list)
        return r;
    for (const XmlElement *info : list->childrenNamed(u"RecordingInformation")) {
        Recording rec;
        rec.token = info->childText(u"RecordingToken");
        rec.sourceName = info->childText(u"Source/Name");
        rec.earliest = parseDateTime(info->childText(u"EarliestRecording"));
        rec.latest = parseDateTime(info->childText(u"LatestRecording"));
        if (!rec.token.isEmpty())
            r.value.append(rec);
    }
    return r;
}

Result<QUrl> parseReplayUri(const XmlElement &body)
{
    const auto resp =
        responseElement(body, ns::kReplay, u"GetReplayUriResponse", QStringLiteral("GetReplayUri"));
    if (!resp.ok())
        return forward<QUrl>(resp);
    const QUrl u = toUrl(resp.value->childText(u"Uri"));
    if (u.isEmpty())
        return failed<QUrl>(ErrorCode::BadResponse, Msg::tr("The recorder's replay answer holds no URI."));
    Result<QUrl> r;
    r.value = u;
    return r;
}

QList<ProbeMatch> parseProbeMatches(const XmlElement &body)
{
    QList<ProbeMatch> out;
    const XmlElement *matches = body.child(ns::kDiscovery, u"ProbeMatches");
    if (!matches)
        return out;
    for (const XmlElement *m : matches->childrenNamed(u"ProbeMatch")) {
        ProbeMatch p;
        if (const XmlElement *epr = m->child(u"EndpointReference"))
            p.endpoint = epr->childText(u"Address");
        p.types = m->childText(u"Types").split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (QString s : m->childText(u"Scopes").simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            p.scopes << s;
            auto take = [&s](const char *key, QString &into) {
                const QString prefix = QStringLiteral("onvif://www.onvif.org/%1/").arg(QLatin1String(key));
                if (s.startsWith(prefix, Qt::CaseInsensitive)) {
                    const QString v = QUrl::fromPercentEncoding(s.mid(prefix.size()).toUtf8());
                    into = into.isEmpty() ? v : into + QLatin1Char(' ') + v;
                }
            };
            take("name", p.name);
            take("hardware", p.hardware);
            take("location", p.location);
        }
        QList<QUrl> https;
        for (const QString &x :
             m->childText(u"XAddrs").simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QUrl u(x);
            if (!u.isValid() || u.host().isEmpty())
                continue;
            (u.scheme() == QLatin1String("https") ? https : p.xaddrs).append(u);
        }
        p.xaddrs += https;
        if (!p.endpoint.isEmpty() || !p.xaddrs.isEmpty())
            out.append(p);
    }
    return out;
}

QList<MediaProfile> rankProfiles(QList<MediaProfile> profiles)
{
    // Effective size: the known pixel count, or for an unknown one, just above every known profile listed
    // after it (so a first profile without encoder info stays "main", as vendors list main first).
    const int n = int(profiles.size());
    std::vector<std::pair<qint64, int>> keys(std::size_t(n), {0, 0});
    for (int i = 0; i < n; ++i) {
        const MediaProfile &p = profiles.at(i);
        qint64 area = p.resolution.isValid() ? qint64(p.resolution.width()) * p.resolution.height() : -1;
        if (area < 0) {
            qint64 below = 0;
            for (int j = i + 1; j < n; ++j)
                if (profiles.at(j).resolution.isValid())
                    below = std::max(below, qint64(profiles.at(j).resolution.width()) *
                                                profiles.at(j).resolution.height());
            area = below > 0 ? below + 1 : 0;
        }
        const bool jpeg = p.encoding == QLatin1String("jpeg");
        keys[std::size_t(i)] = {jpeg ? -1 : area, i};
    }
    std::stable_sort(keys.begin(), keys.end(), [&profiles](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first > b.first;
        const MediaProfile &pa = profiles.at(a.second);
        const MediaProfile &pb = profiles.at(b.second);
        if (pa.fps != pb.fps)
            return pa.fps > pb.fps;
        return a.second < b.second;
    });
    QList<MediaProfile> out;
    for (const auto &k : keys)
        out.append(profiles.at(k.second));
    return out;
}

QString roleForRank(int rank)
{
    static const char *const kRoles[] = {"main", "sub", "third", "fourth"};
    return rank < 4 ? QString::fromLatin1(kRoles[rank]) : QStringLiteral("stream%1").arg(rank + 1);
}

} // namespace vigil::onvif
