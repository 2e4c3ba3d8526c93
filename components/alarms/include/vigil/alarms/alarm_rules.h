#pragma once
// Linkage rules (联动): "an alarm of type T from source/zone/camera Z, at least priority P -> recall wall
// scene S, or show cameras C1..Cn on screen X from tile Y, move PTZ camera P to preset N, record cameras for
// M minutes (with the pre-alarm seconds)". Values and PURE functions: ruleMatches() and actionsForAlarm()
// look at nothing but their arguments (table-tested in tests/unit/alarms/tst_alarm_rules.cpp). Rules are kept
// in configDir()/alarm_rules.json (loadRules/saveRules: atomic, with a backup; a damaged file is kept aside).
// Thread: any.
#include "vigil/alarms/alarm.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace vigil::alarms {

struct RuleAction
{
    enum class Kind
    {
        RecallScene, // scene
        ShowCameras, // cameras (empty: the alarm's camera) on screen ("" = the console's wall) from startTile
        PtzPreset,   // ptzCamera to preset
        Record,      // cameras (empty: the alarm's camera) for recordMinutes, from preAlarmSeconds before
    };
    Kind kind = Kind::RecallScene;
    QString scene;
    QStringList cameras;
    QString screen;
    int startTile = 0; // 0-based
    QString ptzCamera;
    QString preset;
    int recordMinutes = 0;
    int preAlarmSeconds = 0;

    friend bool operator==(const RuleAction &, const RuleAction &) = default;
};

struct AlarmRule
{
    QString name;
    bool enabled = true;
    QString type;        // "" or "*": any type; else compared case-insensitively
    QStringList sources; // empty: any source
    // The place: empty both = anywhere; else the alarm's camera is in `cameras` OR its zone in `zones`.
    QStringList cameras;
    QStringList zones;
    int minPriority = kMinPriority;
    QList<RuleAction> actions;

    friend bool operator==(const AlarmRule &, const AlarmRule &) = default;
};

bool ruleMatches(const AlarmRule &rule, const Alarm &alarm);

// The actions of every enabled rule that matches, in rule order, made concrete for this alarm ("the alarm's
// camera" filled in; an action that needs a camera the alarm has not is left out) and without repeats.
QList<RuleAction> actionsForAlarm(const QList<AlarmRule> &rules, const Alarm &alarm);

// JSON (the file's shape: {"version": 1, "rules": [ ... ]}; see docs/api/webhook.md for an example).
QJsonObject ruleToJson(const AlarmRule &rule);
// nullopt with a sentence in `error` for a rule that cannot be used.
std::optional<AlarmRule> ruleFromJson(const QJsonObject &object, QString *error);
QByteArray rulesToJson(const QList<AlarmRule> &rules);
// Empty `error` on success.
QList<AlarmRule> rulesFromJson(const QByteArray &json, QString *error);

struct LoadedRules
{
    QList<AlarmRule> rules;
    QString notice; // English: the file was damaged and what was done about it; empty when fine
};
LoadedRules loadRules(const QString &path);
bool saveRules(const QString &path, const QList<AlarmRule> &rules, QString *error);

} // namespace vigil::alarms
