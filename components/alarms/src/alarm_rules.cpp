#include "vigil/alarms/alarm_rules.h"

#include "vigil/core/atomic_file.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

namespace vigil::alarms {

namespace {

constexpr int kFileVersion = 1;

QString kindWord(RuleAction::Kind kind)
{
    switch (kind) {
    case RuleAction::Kind::RecallScene:
        return QStringLiteral("recall-scene");
    case RuleAction::Kind::ShowCameras:
        return QStringLiteral("show-cameras");
    case RuleAction::Kind::PtzPreset:
        return QStringLiteral("ptz-preset");
    case RuleAction::Kind::Record:
        return QStringLiteral("record");
    }
    return {};
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// A list of non-empty strings, or nullopt when the value is not one.
std::optional<QStringList> stringList(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return QStringList();
    if (!v.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString() || item.toString().trimmed().isEmpty())
            return std::nullopt;
        out.append(item.toString().trimmed());
    }
    return out;
}

std::optional<int> wholeNumber(const QJsonValue &v, int fallback, int low, int high)
{
    if (v.isUndefined() || v.isNull())
        return fallback;
    const double d = v.toDouble(-1e18);
    if (!v.isDouble() || d != double(qint64(d)) || d < low || d > high)
        return std::nullopt;
    return int(d);
}

std::optional<RuleAction> actionFromJson(const QJsonObject &o, QString *error)
{
    RuleAction a;
    const QString kind = o.value(QLatin1String("do")).toString();
    const auto cameras = stringList(o.value(QLatin1String("cameras")));
    if (!cameras) {
        *error = QStringLiteral("\"cameras\" must be a list of camera ids.");
        return std::nullopt;
    }
    a.cameras = *cameras;
    if (kind == QLatin1String("recall-scene")) {
        a.kind = RuleAction::Kind::RecallScene;
        a.scene = o.value(QLatin1String("scene")).toString().trimmed();
        if (a.scene.isEmpty()) {
            *error = QStringLiteral("A \"recall-scene\" action needs a \"scene\" name.");
            return std::nullopt;
        }
    } else if (kind == QLatin1String("show-cameras")) {
        a.kind = RuleAction::Kind::ShowCameras;
        a.screen = o.value(QLatin1String("screen")).toString().trimmed();
        const auto tile = wholeNumber(o.value(QLatin1String("startTile")), 1, 1, 64);
        if (!tile) {
            *error = QStringLiteral("\"startTile\" must be a tile number from 1 to 64.");
            return std::nullopt;
        }
        a.startTile = *tile - 1;
    } else if (kind == QLatin1String("ptz-preset")) {
        a.kind = RuleAction::Kind::PtzPreset;
        a.ptzCamera = o.value(QLatin1String("camera")).toString().trimmed();
        a.preset = o.value(QLatin1String("preset")).isDouble()
                       ? QString::number(o.value(QLatin1String("preset")).toInt())
                       : o.value(QLatin1String("preset")).toString().trimmed();
        if (a.ptzCamera.isEmpty() || a.preset.isEmpty()) {
            *error = QStringLiteral("A \"ptz-preset\" action needs a \"camera\" and a \"preset\".");
            return std::nullopt;
        }
    } else if (kind == QLatin1String("record")) {
        a.kind = RuleAction::Kind::Record;
        const auto minutes = wholeNumber(o.value(QLatin1String("minutes")), 5, 1, 24 * 60);
        const auto pre = wholeNumber(o.value(QLatin1String("preAlarmSeconds")), 0, 0, 3600);
        if (!minutes || !pre) {
            *error = QStringLiteral("\"minutes\" must be 1 to 1440 and \"preAlarmSeconds\" 0 to 3600.");
            return std::nullopt;
        }
        a.recordMinutes = *minutes;
        a.preAlarmSeconds = *pre;
    } else {
        *error =
            QStringLiteral("Unknown action \"%1\": use recall-scene, show-cameras, ptz-preset or record.")
                .arg(kind);
        return std::nullopt;
    }
    return a;
}

QJsonObject actionToJson(const RuleAction &a)
{
    QJsonObject o{{QStringLiteral("do"), kindWord(a.kind)}};
    switch (a.kind) {
    case RuleAction::Kind::RecallScene:
        o.insert(QStringLiteral("scene"), a.scene);
        break;
    case RuleAction::Kind::ShowCameras:
        o.insert(QStringLiteral("cameras"), toArray(a.cameras));
        o.insert(QStringLiteral("screen"), a.screen);
        o.insert(QStringLiteral("startTile"), a.startTile + 1);
        break;
    case RuleAction::Kind::PtzPreset:
        o.insert(QStringLiteral("camera"), a.ptzCamera);
        o.insert(QStringLiteral("preset"), a.preset);
        break;
    case RuleAction::Kind::Record:
        o.insert(QStringLiteral("cameras"), toArray(a.cameras));
        o.insert(QStringLiteral("minutes"), a.recordMinutes);
        o.insert(QStringLiteral("preAlarmSeconds"), a.preAlarmSeconds);
        break;
    }
    return o;
}

QString validateRulesFile(const QByteArray &data)
{
    QString error;
    rulesFromJson(data, &error);
    return error;
}

} // namespace

bool ruleMatches(const AlarmRule &rule, const Alarm &alarm)
{
    if (!rule.enabled)
        return false;
    if (!rule.type.isEmpty() && rule.type != QLatin1String("*") &&
        rule.type.compare(alarm.type, Qt::CaseInsensitive) != 0)
        return false;
    if (!rule.sources.isEmpty() && !rule.sources.contains(alarm.source))
        return false;
    if (!rule.cameras.isEmpty() || !rule.zones.isEmpty()) {
        const bool byCamera = !alarm.cameraId.isEmpty() && rule.cameras.contains(alarm.cameraId);
        const bool byZone = !alarm.zone.isEmpty() && rule.zones.contains(alarm.zone);
        if (!byCamera && !byZone)
            return false;
    }
    return alarm.priority >= rule.minPriority;
}

QList<RuleAction> actionsForAlarm(const QList<AlarmRule> &rules, const Alarm &alarm)
{
    QList<RuleAction> out;
    for (const AlarmRule &rule : rules) {
        if (!ruleMatches(rule, alarm))
            continue;
        for (RuleAction a : rule.actions) {
            const bool needsCamera =
                a.kind == RuleAction::Kind::ShowCameras || a.kind == RuleAction::Kind::Record;
            if (needsCamera && a.cameras.isEmpty()) {
                if (alarm.cameraId.isEmpty())
                    continue; // "the alarm's camera", and it has none (a place given as lon/lat)
                a.cameras = {alarm.cameraId};
            }
            if (!out.contains(a))
                out.append(a);
        }
    }
    return out;
}

QJsonObject ruleToJson(const AlarmRule &rule)
{
    QJsonArray actions;
    for (const RuleAction &a : rule.actions)
        actions.append(actionToJson(a));
    QJsonObject o{{QStringLiteral("name"), rule.name},
                  {QStringLiteral("enabled"), rule.enabled},
                  {QStringLiteral("type"), rule.type.isEmpty() ? QStringLiteral("*") : rule.type},
                  {QStringLiteral("minPriority"), rule.minPriority},
                  {QStringLiteral("actions"), actions}};
    if (!rule.sources.isEmpty())
        o.insert(QStringLiteral("sources"), toArray(rule.sources));
    if (!rule.cameras.isEmpty())
        o.insert(QStringLiteral("cameras"), toArray(rule.cameras));
    if (!rule.zones.isEmpty())
        o.insert(QStringLiteral("zones"), toArray(rule.zones));
    return o;
}

std::optional<AlarmRule> ruleFromJson(const QJsonObject &o, QString *error)
{
    AlarmRule r;
    r.name = o.value(QLatin1String("name")).toString().trimmed();
    const QString label =
        r.name.isEmpty() ? QStringLiteral("A rule") : QStringLiteral("Rule \"%1\"").arg(r.name);
    auto bad = [&](const QString &why) {
        if (error)
            *error = label + QStringLiteral(": ") + why;
        return std::nullopt;
    };
    r.enabled = o.value(QLatin1String("enabled")).toBool(true);
    const QJsonValue type = o.value(QLatin1String("type"));
    if (!type.isUndefined() && !type.isString())
        return bad(QStringLiteral("\"type\" must be a string (\"*\" for any)."));
    r.type = type.toString().trimmed();
    if (r.type == QLatin1String("*"))
        r.type.clear();
    const auto sources = stringList(o.value(QLatin1String("sources")));
    const auto cameras = stringList(o.value(QLatin1String("cameras")));
    const auto zones = stringList(o.value(QLatin1String("zones")));
    if (!sources || !cameras || !zones)
        return bad(QStringLiteral("\"sources\", \"cameras\" and \"zones\" must be lists of names."));
    r.sources = *sources;
    r.cameras = *cameras;
    r.zones = *zones;
    const auto priority =
        wholeNumber(o.value(QLatin1String("minPriority")), kMinPriority, kMinPriority, kMaxPriority);
    if (!priority)
        return bad(QStringLiteral("\"minPriority\" must be a whole number from 1 to 5."));
    r.minPriority = *priority;
    const QJsonValue actions = o.value(QLatin1String("actions"));
    if (!actions.isArray() || actions.toArray().isEmpty())
        return bad(QStringLiteral("\"actions\" must list at least one action."));
    for (const QJsonValue &v : actions.toArray()) {
        QString why;
        const auto a = v.isObject() ? actionFromJson(v.toObject(), &why) : std::nullopt;
        if (!a)
            return bad(why.isEmpty() ? QStringLiteral("each action must be an object.") : why);
        r.actions.append(*a);
    }
    return r;
}

QByteArray rulesToJson(const QList<AlarmRule> &rules)
{
    QJsonArray list;
    for (const AlarmRule &r : rules)
        list.append(ruleToJson(r));
    return QJsonDocument(
               QJsonObject{{QStringLiteral("version"), kFileVersion}, {QStringLiteral("rules"), list}})
        .toJson(QJsonDocument::Indented);
}

QList<AlarmRule> rulesFromJson(const QByteArray &json, QString *error)
{
    QList<AlarmRule> out;
    QString why;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        why = QStringLiteral("not valid JSON (%1 at byte %2)")
                  .arg(parseError.errorString())
                  .arg(parseError.offset);
    } else if (!doc.isObject() || !doc.object().value(QLatin1String("rules")).isArray()) {
        why = QStringLiteral("no \"rules\" list");
    } else {
        for (const QJsonValue &v : doc.object().value(QLatin1String("rules")).toArray()) {
            const auto rule = v.isObject() ? ruleFromJson(v.toObject(), &why) : std::nullopt;
            if (!rule) {
                if (why.isEmpty())
                    why = QStringLiteral("each rule must be an object");
                out.clear();
                break;
            }
            out.append(*rule);
        }
    }
    if (error)
        *error = why;
    return out;
}

LoadedRules loadRules(const QString &path)
{
    LoadedRules result;
    const core::LoadedFile file = core::readFileWithBackup(path, validateRulesFile);
    if (!file.exists)
        return result; // no rules yet
    if (!file.error.isEmpty())
        result.notice =
            file.fromBackup
                ? QStringLiteral("The alarm rules file was damaged (%1); it was kept as %2 and the backup "
                                 "was used.")
                      .arg(file.error, file.keptAs)
                : QStringLiteral("The alarm rules file was damaged (%1); it was kept as %2 and no rules "
                                 "are in force.")
                      .arg(file.error, file.keptAs);
    if (file.data.isEmpty())
        return result;
    QString why;
    result.rules = rulesFromJson(file.data, &why);
    if (!why.isEmpty() && result.notice.isEmpty())
        result.notice =
            QStringLiteral("The alarm rules could not be read (%1); no rules are in force.").arg(why);
    return result;
}

bool saveRules(const QString &path, const QList<AlarmRule> &rules, QString *error)
{
    return core::writeFileAtomically(path, rulesToJson(rules), error);
}

} // namespace vigil::alarms
