#include "vigil/webhook/webhook_alarm.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonParseError>
#include <QtCore/QJsonValue>

#include <cmath>

namespace vigil::webhook {

namespace {

WebhookParse fail(const QString &why)
{
    WebhookParse r;
    r.error = why;
    return r;
}

// A string field: absent -> empty (and ok), present but not a string or too long -> error.
bool readString(const QJsonObject &o, QLatin1String key, qsizetype maxLength, QString *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        *error = QStringLiteral("\"%1\" must be a string.").arg(key);
        return false;
    }
    const QString s = v.toString().trimmed();
    if (s.size() > maxLength) {
        *error = QStringLiteral("\"%1\" is longer than %2 characters.").arg(key).arg(maxLength);
        return false;
    }
    *out = s;
    return true;
}

bool readCoordinate(const QJsonObject &o, QLatin1String key, double limit, std::optional<double> *out,
                    QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || std::abs(v.toDouble()) > limit) {
        *error = QStringLiteral("\"%1\" must be a number of degrees between -%2 and %2 (WGS-84).")
                     .arg(key)
                     .arg(limit);
        return false;
    }
    *out = v.toDouble();
    return true;
}

} // namespace

WebhookParse parseWebhookAlarm(const QByteArray &body, const QDateTime &now)
{
    if (body.size() > kMaxBodyBytes)
        return fail(QStringLiteral("The body is larger than %1 bytes.").arg(kMaxBodyBytes));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("The body is not valid JSON (%1 at byte %2).")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("The body must be a JSON object."));
    const QJsonObject o = doc.object();

    WebhookAlarm a;
    QString error;
    if (!readString(o, QLatin1String("source"), kMaxIdLength, &a.source, &error) ||
        !readString(o, QLatin1String("type"), kMaxIdLength, &a.type, &error) ||
        !readString(o, QLatin1String("camera_id"), kMaxIdLength, &a.cameraId, &error) ||
        !readString(o, QLatin1String("zone"), kMaxIdLength, &a.zone, &error) ||
        !readString(o, QLatin1String("text"), kMaxTextLength, &a.text, &error) ||
        !readCoordinate(o, QLatin1String("lon"), 180.0, &a.lon, &error) ||
        !readCoordinate(o, QLatin1String("lat"), 90.0, &a.lat, &error))
        return fail(error);
    if (a.source.isEmpty())
        return fail(QStringLiteral("\"source\" is missing: name the system that sends the alarm."));
    if (a.type.isEmpty())
        return fail(
            QStringLiteral("\"type\" is missing: say what kind of alarm it is (e.g. \"intrusion\")."));
    if (a.lon.has_value() != a.lat.has_value())
        return fail(QStringLiteral("Give both \"lon\" and \"lat\", or neither."));
    if (a.cameraId.isEmpty() && !a.hasPosition())
        return fail(QStringLiteral("The place is missing: give \"camera_id\" or \"lon\" and \"lat\"."));

    const QJsonValue priority = o.value(QLatin1String("priority"));
    if (!priority.isUndefined() && !priority.isNull()) {
        const double p = priority.toDouble(-1);
        if (!priority.isDouble() || p != std::floor(p) || p < 1 || p > 5)
            return fail(
                QStringLiteral("\"priority\" must be a whole number from 1 (lowest) to 5 (most urgent)."));
        a.priority = int(p);
    }

    const QJsonValue time = o.value(QLatin1String("time"));
    if (time.isUndefined() || time.isNull()) {
        a.time = now.toUTC();
    } else {
        const QString s = time.toString();
        const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        // A time without an offset would be read in this PC's zone, which the sender cannot know.
        const bool hasOffset = s.endsWith(QLatin1Char('Z')) || s.endsWith(QLatin1Char('z')) ||
                               (s.size() > 6 && (s.at(s.size() - 6) == QLatin1Char('+') ||
                                                 s.at(s.size() - 6) == QLatin1Char('-')));
        if (!time.isString() || !t.isValid() || !hasOffset)
            return fail(
                QStringLiteral("\"time\" must be ISO 8601 with a UTC offset, e.g. "
                               "\"2026-12-06T22:30:00+08:00\" (or leave it out for the time of receipt)."));
        a.time = t.toUTC();
    }

    WebhookParse r;
    r.alarm = std::move(a);
    return r;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Every byte of the longer one is looked at, whatever matched before.
    const qsizetype n = std::max(a.size(), b.size());
    unsigned diff = unsigned(a.size() ^ b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a.at(i)) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b.at(i)) : 0;
        diff |= unsigned(x ^ y);
    }
    return diff == 0;
}

} // namespace vigil::webhook
