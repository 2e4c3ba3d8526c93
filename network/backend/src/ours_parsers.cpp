// Parsers of our Vigil API's JSON. Every check names the element and the field, so an operator (or the
// platform's developer) can read what is wrong without a packet capture.
#include "vigil/backend/ours_parsers.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonValue>
#include <QtCore/QSet>

#include <algorithm>

namespace vigil::backend {

namespace {

struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::backend::Parsers)
};

Error badResponse(const QString &text)
{
    Error e;
    e.code = ErrorCode::BadResponse;
    e.message = text;
    return e;
}

// The document's root object, or an error: too large, not JSON, not an object.
bool rootObject(const QByteArray &body, qsizetype maxBytes, QJsonObject *root, Error *error)
{
    if (body.size() > maxBytes) {
        error->code = ErrorCode::TooLarge;
        error->message = Msg::tr("the answer is %1 MB, more than the %2 MB Vigil accepts")
                             .arg(double(body.size()) / (1024 * 1024), 0, 'f', 1)
                             .arg(double(maxBytes) / (1024 * 1024), 0, 'f', 0);
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = badResponse(
            Msg::tr("the answer is not valid JSON (%1 at byte %2)").arg(pe.errorString()).arg(pe.offset));
        return false;
    }
    if (!doc.isObject()) {
        *error = badResponse(Msg::tr("the answer is not a JSON object"));
        return false;
    }
    *root = doc.object();
    return true;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

// Reads fields of one JSON object; the first problem is kept (later reads are no-ops that return defaults).
QString label(const QString &kind, const QJsonObject &o, qsizetype index);

// Names an element of a list ("camera cam17"), worked out only when there is an error to report: building it
// for every camera of a page cost a tenth of the parse.
struct Element
{
    const char *kind;
    const QJsonObject &object;
    qsizetype index;
    const char *suffix = nullptr; // " streams"
};

class Reader
{
public:
    Reader(const QJsonObject &o, QString what, Error *error)
        : m_o(o)
        , m_what(std::move(what))
        , m_error(error)
    {}
    Reader(const QJsonObject &o, const Element &element, Error *error)
        : m_o(o)
        , m_element(&element)
        , m_error(error)
    {}

    bool failed() const { return m_error->isError(); }

    QString string(const char *key, bool required)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (absent(v, key, required))
            return {};
        if (!v.isString())
            return wrong(key, Msg::tr("is not a string"), v), QString();
        if (required && v.toString().isEmpty())
            return wrong(key, Msg::tr("is empty"), v), QString();
        return v.toString();
    }

    // An id may be a string or an integer (platforms differ); it comes back as a string.
    QString id(const char *key, bool required)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (absent(v, key, required))
            return {};
        if (v.isDouble()) {
            const double d = v.toDouble();
            if (d != std::floor(d) || std::abs(d) > 9.0e15)
                return wrong(key, Msg::tr("is not an integer or a string"), v), QString();
            return QString::number(qint64(d));
        }
        if (!v.isString())
            return wrong(key, Msg::tr("is not a string"), v), QString();
        if (required && v.toString().isEmpty())
            return wrong(key, Msg::tr("is empty"), v), QString();
        return v.toString();
    }

    double number(const char *key, bool required, double min, double max, double fallback)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (absent(v, key, required))
            return fallback;
        if (!v.isDouble())
            return wrong(key, Msg::tr("is not a number"), v), fallback;
        const double d = v.toDouble();
        if (!(d >= min && d <= max))
            return wrong(key, Msg::tr("is %1, outside %2..%3").arg(d).arg(min).arg(max), v), fallback;
        return d;
    }

    bool boolean(const char *key, bool fallback)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (absent(v, key, false))
            return fallback;
        if (!v.isBool())
            return wrong(key, Msg::tr("is not true or false"), v), fallback;
        return v.toBool();
    }

    QDateTime time(const char *key, bool required)
    {
        const QString s = string(key, required);
        if (s.isEmpty() || failed())
            return {};
        QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid())
            return wrong(key, Msg::tr("is not an ISO 8601 time (\"%1\")").arg(s.left(40))), QDateTime();
        return t.toUTC();
    }

    QUrl url(const char *key, bool required)
    {
        const QString s = string(key, required);
        if (s.isEmpty() || failed())
            return {};
        const QUrl u(s, QUrl::StrictMode);
        if (!u.isValid() || u.scheme().isEmpty() || u.host().isEmpty())
            return wrong(key, Msg::tr("is not a URL")), QUrl();
        return u;
    }

    // A stream URL kept as text: checked by shape only (scheme "://" host, no spaces or control characters),
    // which is what players need and costs a fraction of a QUrl parse (two per camera, 400,000 cameras).
    QString urlText(const char *key, bool required)
    {
        const QString s = string(key, required);
        if (s.isEmpty() || failed())
            return {};
        const qsizetype sep = s.indexOf(QLatin1String("://"));
        bool ok = sep > 0 && s.size() > sep + 3 && s.at(0).isLetter() && s.at(sep + 3) != QLatin1Char('/');
        for (qsizetype i = 0; ok && i < sep; ++i) {
            const QChar c = s.at(i);
            ok = c.isLetterOrNumber() || c == QLatin1Char('+') || c == QLatin1Char('-') ||
                 c == QLatin1Char('.');
        }
        for (qsizetype i = sep + 3; ok && i < s.size(); ++i)
            ok = s.at(i).unicode() > 0x20 && s.at(i).unicode() != 0x7f;
        if (!ok)
            return wrong(key, Msg::tr("is not a URL")), QString();
        return s;
    }

    QJsonObject object(const char *key, bool required)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (absent(v, key, required))
            return {};
        if (!v.isObject())
            return wrong(key, Msg::tr("is not an object"), v), QJsonObject();
        return v.toObject();
    }

    QJsonArray array(const char *key, bool required)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (absent(v, key, required))
            return {};
        if (!v.isArray())
            return wrong(key, Msg::tr("is not an array"), v), QJsonArray();
        return v.toArray();
    }

    void fail(const QString &text)
    {
        if (failed())
            return;
        QString what = m_what;
        if (m_element) {
            what = label(QLatin1String(m_element->kind), m_element->object, m_element->index);
            if (m_element->suffix)
                what += QLatin1String(m_element->suffix);
        }
        *m_error = badResponse(what.isEmpty() ? text : what + QStringLiteral(": ") + text);
    }

private:
    // True when there is nothing to read (absent or null); a missing required field is an error.
    bool absent(const QJsonValue &v, const char *key, bool required)
    {
        if (failed())
            return true;
        if (!v.isUndefined() && !v.isNull())
            return false;
        if (required)
            fail(Msg::tr("'%1' is missing").arg(QLatin1String(key)));
        return true;
    }

    void wrong(const char *key, const QString &problem,
               const QJsonValue &v = QJsonValue(QJsonValue::Undefined))
    {
        QString text = QStringLiteral("'%1' %2").arg(QLatin1String(key), problem);
        if (!v.isUndefined() && v.type() != QJsonValue::Double && v.type() != QJsonValue::String)
            text += QStringLiteral(" (%1)").arg(typeName(v));
        fail(text);
    }

    const QJsonObject &m_o;
    QString m_what;
    const Element *m_element = nullptr;
    Error *m_error;
};

// "camera cam17" when the element has a usable id, else "camera #17" (its position, from 1).
QString label(const QString &kind, const QJsonObject &o, qsizetype index)
{
    const QJsonValue id = o.value(QLatin1String("id"));
    if (id.isString() && !id.toString().isEmpty())
        return kind + QLatin1Char(' ') + id.toString().left(64);
    if (id.isDouble())
        return kind + QLatin1Char(' ') + QString::number(id.toDouble(), 'g', 16);
    return kind + QStringLiteral(" #") + QString::number(index + 1);
}

bool readDatum(Reader &r, Datum *datum)
{
    const QString d = r.string("datum", false);
    if (d.isEmpty() || d.compare(QLatin1String("wgs84"), Qt::CaseInsensitive) == 0)
        *datum = Datum::Wgs84;
    else if (d.compare(QLatin1String("gcj02"), Qt::CaseInsensitive) == 0)
        *datum = Datum::Gcj02;
    else
        r.fail(Msg::tr("'datum' is \"%1\"; Vigil knows \"wgs84\" and \"gcj02\"").arg(d.left(20)));
    return !r.failed();
}

BackendCamera readCamera(const QJsonObject &o, qsizetype index, Error *error)
{
    const Element element{"camera", o, index};
    Reader r(o, element, error);
    BackendCamera c;
    c.id = r.id("id", true);
    c.name = r.string("name", true);
    c.nameEn = r.string("nameEn", false);
    c.regionId = r.id("regionId", false);
    const bool hasLon = o.contains(QLatin1String("lon")) && !o.value(QLatin1String("lon")).isNull();
    const bool hasLat = o.contains(QLatin1String("lat")) && !o.value(QLatin1String("lat")).isNull();
    c.longitude = r.number("lon", false, -180, 180, BackendCamera::kNoValue);
    c.latitude = r.number("lat", false, -90, 90, BackendCamera::kNoValue);
    if (!r.failed() && hasLon != hasLat)
        r.fail(Msg::tr("has '%1' but no '%2'")
                   .arg(hasLon ? QStringLiteral("lon") : QStringLiteral("lat"),
                        hasLon ? QStringLiteral("lat") : QStringLiteral("lon")));
    readDatum(r, &c.datum);
    c.directionDeg = r.number("direction", false, -360, 360, BackendCamera::kNoValue);
    if (!std::isnan(c.directionDeg))
        c.directionDeg = std::fmod(c.directionDeg + 360.0, 360.0);
    c.fovDeg = r.number("fov", false, 0, 360, BackendCamera::kNoValue);
    c.ptz = r.boolean("ptz", false);
    const QString status = r.string("status", false);
    if (status.isEmpty())
        c.status = CameraStatus::Unknown;
    else if (status == QLatin1String("online"))
        c.status = CameraStatus::Online;
    else if (status == QLatin1String("offline"))
        c.status = CameraStatus::Offline;
    else
        r.fail(Msg::tr("'status' is \"%1\"; expected \"online\" or \"offline\"").arg(status.left(20)));
    const QJsonObject streams = r.object("streams", false);
    if (!streams.isEmpty() && !r.failed()) {
        const Element streamsElement{"camera", o, index, " streams"};
        Reader s(streams, streamsElement, error);
        c.mainStream = s.urlText("main", false);
        c.subStream = s.urlText("sub", false);
    }
    return c;
}

UnitFix readUnit(const QJsonObject &o, qsizetype index, Error *error)
{
    const Element element{"unit", o, index};
    Reader r(o, element, error);
    UnitFix u;
    u.id = r.id("id", true);
    u.callSign = r.string("callSign", false);
    u.longitude = r.number("lon", true, -180, 180, 0);
    u.latitude = r.number("lat", true, -90, 90, 0);
    readDatum(r, &u.datum);
    u.headingDeg = r.number("heading", false, -360, 360, BackendCamera::kNoValue);
    u.speedMps = r.number("speed", false, 0, 1000, BackendCamera::kNoValue);
    u.status = r.string("status", false);
    u.time = r.time("time", false);
    return u;
}

RecordingSegment readRecording(const QJsonObject &o, qsizetype index, Error *error)
{
    const Element element{"recording", o, index};
    Reader r(o, element, error);
    RecordingSegment segment;
    segment.start = r.time("start", true);
    segment.end = r.time("end", true);
    segment.kind = r.string("kind", false);
    segment.sizeBytes = qint64(r.number("sizeBytes", false, 0, 9.0e15, -1));
    segment.url = r.url("url", false);
    if (!r.failed() && segment.end < segment.start)
        r.fail(Msg::tr("recording #%1 ends before it starts").arg(index + 1));
    return segment;
}

template<typename T, typename F>
bool readItems(const QJsonArray &items, const QString &kind, QList<T> *out, Error *error, F read)
{
    out->reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue v = items.at(i);
        if (!v.isObject()) {
            *error =
                badResponse(Msg::tr("%1 #%2 is %3, not an object").arg(kind).arg(i + 1).arg(typeName(v)));
            return false;
        }
        out->append(read(v.toObject(), i, error));
        if (error->isError())
            return false;
    }
    return true;
}

// The list answers ({"items": [...]}: regions, units, recordings): each item read by `read`; on any error the
// list is empty and the error names the item.
template<typename T, typename F>
Result<QList<T>> parseItemList(const QByteArray &body, qsizetype maxBytes, const QString &kind, F read)
{
    Result<QList<T>> out;
    QJsonObject root;
    if (!rootObject(body, maxBytes, &root, &out.error))
        return out;
    Reader r(root, QString(), &out.error);
    const QJsonArray items = r.array("items", true);
    if (r.failed())
        return out;
    readItems(items, kind, &out.value, &out.error, read);
    if (!out.ok())
        out.value.clear();
    return out;
}

} // namespace

Result<Tokens> parseTokens(const QByteArray &body, qsizetype maxBytes)
{
    Result<Tokens> out;
    QJsonObject root;
    if (!rootObject(body, maxBytes, &root, &out.error))
        return out;
    Reader r(root, QString(), &out.error);
    out.value.accessToken = r.string("accessToken", true);
    out.value.refreshToken = r.string("refreshToken", false);
    out.value.expiresInSeconds = int(r.number("expiresIn", false, 0, 10.0 * 365 * 24 * 3600, 0));
    return out;
}

Result<QList<Region>> parseRegions(const QByteArray &body, qsizetype maxBytes)
{
    QSet<QString> ids;
    return parseItemList<Region>(body, maxBytes, QStringLiteral("region"),
                                 [&ids](const QJsonObject &o, qsizetype i, Error *error) {
                                     const Element element{"region", o, i};
                                     Reader rr(o, element, error);
                                     Region g;
                                     g.id = rr.id("id", true);
                                     g.name = rr.string("name", true);
                                     g.nameEn = rr.string("nameEn", false);
                                     g.parentId = rr.id("parentId", false);
                                     if (!rr.failed() && ids.contains(g.id))
                                         rr.fail(Msg::tr("the id appears twice"));
                                     ids.insert(g.id);
                                     return g;
                                 });
}

Result<CameraPage> parseCameraPage(const QByteArray &body, qsizetype maxBytes)
{
    Result<CameraPage> out;
    QJsonObject root;
    if (!rootObject(body, maxBytes, &root, &out.error))
        return out;
    Reader r(root, QString(), &out.error);
    const QJsonArray items = r.array("items", true);
    out.value.total = qint64(r.number("total", true, 0, 1.0e9, 0));
    out.value.page = int(r.number("page", false, 1, 1.0e9, 1));
    out.value.nextPage = int(r.number("nextPage", false, 1, 1.0e9, 0));
    if (!r.failed() && out.value.nextPage != 0 && out.value.nextPage <= out.value.page)
        r.fail(Msg::tr("'nextPage' (%1) does not come after 'page' (%2)")
                   .arg(out.value.nextPage)
                   .arg(out.value.page));
    if (r.failed())
        return out;
    readItems(items, QStringLiteral("camera"), &out.value.items, &out.error, readCamera);
    if (!out.ok())
        out.value.items.clear();
    return out;
}

Result<LiveUrl> parseLiveUrl(const QByteArray &body, qsizetype maxBytes)
{
    Result<LiveUrl> out;
    QJsonObject root;
    if (!rootObject(body, maxBytes, &root, &out.error))
        return out;
    Reader r(root, QString(), &out.error);
    out.value.url = r.url("url", true);
    out.value.expiresAt = r.time("expiresAt", false);
    return out;
}

Result<QList<UnitFix>> parseUnits(const QByteArray &body, qsizetype maxBytes)
{
    return parseItemList<UnitFix>(body, maxBytes, QStringLiteral("unit"), readUnit);
}

Result<QList<RecordingSegment>> parseRecordings(const QByteArray &body, qsizetype maxBytes)
{
    auto out = parseItemList<RecordingSegment>(body, maxBytes, QStringLiteral("recording"), readRecording);
    std::stable_sort(out.value.begin(), out.value.end(),
                     [](const RecordingSegment &a, const RecordingSegment &b) { return a.start < b.start; });
    return out;
}

Result<PushMessage> parsePushMessage(const QByteArray &body, qsizetype maxBytes)
{
    Result<PushMessage> out;
    QJsonObject root;
    if (!rootObject(body, maxBytes, &root, &out.error))
        return out;
    Reader r(root, QString(), &out.error);
    const QString type = r.string("type", true);
    if (r.failed())
        return out;
    PushMessage &m = out.value;
    if (type == QLatin1String("subscribed")) {
        m.type = PushMessage::Type::Subscribed;
        const QJsonArray topics = r.array("topics", true);
        for (qsizetype i = 0; i < topics.size() && !r.failed(); ++i) {
            if (!topics.at(i).isString())
                r.fail(Msg::tr("topic #%1 is not a string").arg(i + 1));
            m.topics.append(topics.at(i).toString());
        }
    } else if (type == QLatin1String("units")) {
        m.type = PushMessage::Type::Units;
        const QJsonArray items = r.array("items", true);
        if (!r.failed())
            readItems(items, QStringLiteral("unit"), &m.units, &out.error, readUnit);
    } else if (type == QLatin1String("alarm")) {
        m.type = PushMessage::Type::Alarm;
        const QJsonObject a = r.object("alarm", true);
        if (!r.failed()) {
            Reader ar(a, QStringLiteral("alarm"), &out.error);
            m.alarmId = ar.id("id", true);
            m.alarmCameraId = ar.id("cameraId", false);
            m.alarmKind = ar.string("kind", true);
            m.alarmMessage = ar.string("message", false);
            m.alarmMessageEn = ar.string("messageEn", false);
            m.alarmTime = ar.time("time", true);
            m.alarmLongitude = ar.number("lon", false, -180, 180, BackendCamera::kNoValue);
            m.alarmLatitude = ar.number("lat", false, -90, 90, BackendCamera::kNoValue);
            readDatum(ar, &m.alarmDatum);
            m.alarmPriority = int(ar.number("priority", false, 1, 5, 0));
        }
    } else {
        m.type = PushMessage::Type::Other;
    }
    if (!out.ok())
        out.value = {};
    return out;
}

bool parseErrorBody(const QByteArray &body, QString *serverCode, QString *message)
{
    if (body.size() > 1024 * 1024)
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue e = doc.object().value(QLatin1String("error"));
    if (!e.isObject())
        return false;
    const QJsonObject o = e.toObject();
    if (!o.value(QLatin1String("code")).isString())
        return false;
    *serverCode = o.value(QLatin1String("code")).toString().left(64);
    *message = o.value(QLatin1String("message")).toString().left(500);
    return true;
}

RegionPaths::RegionPaths(const QList<Region> &regions, QString separator)
    : m_regions(regions)
    , m_separator(std::move(separator))
{
    m_index.reserve(regions.size());
    for (qsizetype i = 0; i < regions.size(); ++i)
        m_index.insert(regions[i].id, i);
}

QString RegionPaths::path(const QString &regionId) const
{
    if (regionId.isEmpty())
        return {};
    const auto memo = m_memo.constFind(regionId);
    if (memo != m_memo.cend())
        return *memo;
    QStringList names;
    QSet<QString> seen;
    QString id = regionId;
    while (!id.isEmpty() && !seen.contains(id)) {
        const auto it = m_index.constFind(id);
        if (it == m_index.cend())
            break;
        seen.insert(id);
        const Region &r = m_regions[*it];
        names.prepend(r.name);
        id = r.parentId;
    }
    const QString path = names.join(m_separator);
    m_memo.insert(regionId, path);
    return path;
}

ErrorCategory Error::category() const
{
    switch (code) {
    case ErrorCode::Unreachable:
    case ErrorCode::Timeout:
    case ErrorCode::ServerError:
    case ErrorCode::Cancelled:
        return ErrorCategory::Transient;
    case ErrorCode::WrongCredentials:
    case ErrorCode::TokenExpired:
        return ErrorCategory::Auth;
    case ErrorCode::Unsupported:
    case ErrorCode::NotFound:
        return ErrorCategory::Unsupported;
    case ErrorCode::None:
    case ErrorCode::Tls:
    case ErrorCode::BadResponse:
    case ErrorCode::TooLarge:
        break;
    }
    return ErrorCategory::Fatal;
}

QString toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return QStringLiteral("none");
    case ErrorCode::Unreachable:
        return QStringLiteral("unreachable");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::Tls:
        return QStringLiteral("tls");
    case ErrorCode::BadResponse:
        return QStringLiteral("bad-response");
    case ErrorCode::TooLarge:
        return QStringLiteral("too-large");
    case ErrorCode::WrongCredentials:
        return QStringLiteral("wrong-credentials");
    case ErrorCode::TokenExpired:
        return QStringLiteral("token-expired");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorCode::ServerError:
        return QStringLiteral("server-error");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace vigil::backend
