#pragma once
// The webhook's alarm body (docs/api/webhook.md) and its parser. parseWebhookAlarm() is a pure function of
// its input (and the "now" it is given for a missing time): no I/O, no globals, so it is table-tested and
// fuzzed (tests/fuzz/fuzz_webhook_alarm.cpp). Thread: any.
#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QString>

#include <optional>

namespace vigil::webhook {

// Bodies longer than this are refused (413) before they are parsed.
constexpr qsizetype kMaxBodyBytes = 64 * 1024;

struct WebhookAlarm
{
    QString source;            // who sent it: "alarm-host-3", "110-centre"
    QString type;              // "intrusion", "fire", "panic", ...
    QString cameraId;          // the place as a camera id, or empty when lon/lat are given
    QString zone;              // optional: the sender's zone name
    std::optional<double> lon; // WGS-84 degrees; both or neither
    std::optional<double> lat;
    QDateTime time;   // UTC; the receipt time when the body had none
    int priority = 3; // 1 (lowest) .. 5 (most urgent)
    QString text;     // free text for the operator

    bool hasPosition() const { return lon.has_value() && lat.has_value(); }
};

struct WebhookParse
{
    std::optional<WebhookAlarm> alarm;
    QString error; // English sentence for the sender (the 400 body) when alarm is empty

    bool ok() const { return alarm.has_value(); }
};

// Field limits (longer strings are refused, not cut).
constexpr qsizetype kMaxIdLength = 128;    // source, type, camera_id, zone
constexpr qsizetype kMaxTextLength = 4096; // text

// Parses and validates one body. `now` stands for a missing "time".
WebhookParse parseWebhookAlarm(const QByteArray &body, const QDateTime &now);
inline WebhookParse parseWebhookAlarm(const QByteArray &body)
{
    return parseWebhookAlarm(body, QDateTime::currentDateTimeUtc());
}

// Constant-time comparison (the bearer token): the time taken depends on the lengths only.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace vigil::webhook
