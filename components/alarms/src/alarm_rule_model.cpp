#include "vigil/alarms/alarm_rule_model.h"

#include "vigil/access/audit_sink.h"
#include "vigil/alarms/alarm_center.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/logging.h"

#include <QtCore/QJsonDocument>

namespace vigil::alarms {

namespace {

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

// Trimmed, non-empty, each once, in order.
QStringList names(const QVariant &v)
{
    QStringList out;
    for (const QVariant &item : v.toList()) {
        const QString s = item.toString().trimmed();
        if (!s.isEmpty() && !out.contains(s))
            out.append(s);
    }
    return out;
}

int wholeNumber(const QVariant &v, int fallback)
{
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok ? n : fallback;
}

QVariantList toList(const QStringList &list)
{
    QVariantList out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

QVariantMap actionToVariant(const RuleAction &a)
{
    return {{QStringLiteral("do"), kindWord(a.kind)},
            {QStringLiteral("scene"), a.scene},
            {QStringLiteral("cameras"), toList(a.cameras)},
            {QStringLiteral("screen"), a.screen},
            {QStringLiteral("startTile"), a.startTile + 1},
            {QStringLiteral("camera"), a.ptzCamera},
            {QStringLiteral("preset"), a.preset},
            {QStringLiteral("minutes"), a.recordMinutes},
            {QStringLiteral("preAlarmSeconds"), a.preAlarmSeconds}};
}

RuleAction actionFromVariant(const QVariantMap &m)
{
    RuleAction a;
    const QString kind = m.value(QStringLiteral("do")).toString();
    a.kind = kind == QLatin1String("show-cameras") ? RuleAction::Kind::ShowCameras
             : kind == QLatin1String("ptz-preset") ? RuleAction::Kind::PtzPreset
             : kind == QLatin1String("record")     ? RuleAction::Kind::Record
                                                   : RuleAction::Kind::RecallScene;
    // Only what the kind uses, so that a rule compares (and saves) as the file would give it back.
    switch (a.kind) {
    case RuleAction::Kind::RecallScene:
        a.scene = m.value(QStringLiteral("scene")).toString().trimmed();
        break;
    case RuleAction::Kind::ShowCameras:
        a.cameras = names(m.value(QStringLiteral("cameras")));
        a.screen = m.value(QStringLiteral("screen")).toString().trimmed();
        a.startTile = wholeNumber(m.value(QStringLiteral("startTile")), 1) - 1;
        break;
    case RuleAction::Kind::PtzPreset:
        a.ptzCamera = m.value(QStringLiteral("camera")).toString().trimmed();
        a.preset = m.value(QStringLiteral("preset")).toString().trimmed();
        break;
    case RuleAction::Kind::Record:
        a.cameras = names(m.value(QStringLiteral("cameras")));
        a.recordMinutes = wholeNumber(m.value(QStringLiteral("minutes")), 5);
        a.preAlarmSeconds = wholeNumber(m.value(QStringLiteral("preAlarmSeconds")), 0);
        break;
    }
    return a;
}

const QList<AlarmRule> &noRules()
{
    static const QList<AlarmRule> none;
    return none;
}

} // namespace

QVariantMap ruleToVariant(const AlarmRule &rule)
{
    QVariantList actions;
    for (const RuleAction &a : rule.actions)
        actions.append(actionToVariant(a));
    return {{QStringLiteral("name"), rule.name},
            {QStringLiteral("enabled"), rule.enabled},
            {QStringLiteral("type"), rule.type == QLatin1String("*") ? QString() : rule.type},
            {QStringLiteral("sources"), toList(rule.sources)},
            {QStringLiteral("cameras"), toList(rule.cameras)},
            {QStringLiteral("zones"), toList(rule.zones)},
            {QStringLiteral("minPriority"), rule.minPriority},
            {QStringLiteral("actions"), actions}};
}

AlarmRule ruleFromVariant(const QVariantMap &map)
{
    AlarmRule r;
    r.name = map.value(QStringLiteral("name")).toString().trimmed();
    r.enabled = map.value(QStringLiteral("enabled"), true).toBool();
    r.type = map.value(QStringLiteral("type")).toString().trimmed();
    if (r.type == QLatin1String("*"))
        r.type.clear();
    r.sources = names(map.value(QStringLiteral("sources")));
    r.cameras = names(map.value(QStringLiteral("cameras")));
    r.zones = names(map.value(QStringLiteral("zones")));
    r.minPriority = wholeNumber(map.value(QStringLiteral("minPriority")), kMinPriority);
    for (const QVariant &v : map.value(QStringLiteral("actions")).toList())
        r.actions.append(actionFromVariant(v.toMap()));
    return r;
}

AlarmRuleModel::AlarmRuleModel(AlarmCenter *center, QObject *parent)
    : QAbstractListModel(parent)
    , m_center(center)
{
    // A reload (the file read again) is not one of our edits: the rows start over.
    if (center)
        connect(center, &AlarmCenter::rulesChanged, this, [this] {
            if (m_editing)
                return;
            beginResetModel();
            endResetModel();
            if (m_count != rowCount()) {
                m_count = rowCount();
                emit countChanged();
            }
        });
}

const QList<AlarmRule> &AlarmRuleModel::rules() const
{
    return m_center ? m_center->rules() : noRules();
}

void AlarmRuleModel::setSources(Sources sources)
{
    m_sources = std::move(sources);
    catalogUpdated();
}

void AlarmRuleModel::setDirectory(cameras::CameraDirectory *directory)
{
    m_directory = directory;
    catalogUpdated();
}

void AlarmRuleModel::catalogUpdated()
{
    emit catalogChanged();
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {ProblemRole, MatchTextRole, ActionsTextRole});
}

RuleCatalog AlarmRuleModel::catalog() const
{
    RuleCatalog c;
    if (m_sources.scenes) {
        const QStringList scenes = m_sources.scenes();
        c.hasScene = [scenes](const QString &name) {
            return scenes.contains(name);
        };
    }
    if (m_sources.screens) {
        QStringList known;
        for (const QVariant &v : m_sources.screens()) {
            const QVariantMap m = v.toMap();
            known << m.value(QStringLiteral("key")).toString()
                  << m.value(QStringLiteral("number")).toString();
        }
        c.hasScreen = [known](const QString &screen) {
            return screen.isEmpty() || screen == QLatin1String("console") || known.contains(screen);
        };
    }
    if (m_directory) {
        QPointer<cameras::CameraDirectory> directory = m_directory;
        c.hasCamera = [directory](const QString &id) {
            return directory && directory->camera(id).has_value();
        };
        c.cameraName = [directory](const QString &id) {
            return directory ? directory->nameOf(id) : QString();
        };
    }
    return c;
}

QStringList AlarmRuleModel::sceneNames() const
{
    return m_sources.scenes ? m_sources.scenes() : QStringList();
}

QVariantList AlarmRuleModel::screenChoices() const
{
    QVariantList out{QVariantMap{{QStringLiteral("value"), QString()},
                                 {QStringLiteral("name"), tr("The console's wall")}}};
    if (!m_sources.screens)
        return out;
    for (const QVariant &v : m_sources.screens()) {
        const QVariantMap m = v.toMap();
        out.append(QVariantMap{{QStringLiteral("value"), m.value(QStringLiteral("key")).toString()},
                               {QStringLiteral("name"),
                                tr("Wall screen %1").arg(m.value(QStringLiteral("number")).toString())}});
    }
    return out;
}

int AlarmRuleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rules().size());
}

QVariant AlarmRuleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlarmRule &r = rules().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case EnabledRole:
        return r.enabled;
    case MatchTextRole:
        return matchText(r);
    case ActionsTextRole: {
        QStringList parts;
        for (const RuleAction &a : r.actions)
            parts.append(actionText(a));
        return parts.join(QStringLiteral(" · "));
    }
    case ProblemRole:
        return problemOf(r, catalog(), namesExcept(index.row()));
    default:
        return {};
    }
}

QHash<int, QByteArray> AlarmRuleModel::roleNames() const
{
    return {{NameRole, "name"},
            {EnabledRole, "ruleEnabled"},
            {MatchTextRole, "matchText"},
            {ActionsTextRole, "actionsText"},
            {ProblemRole, "problem"}};
}

QString AlarmRuleModel::problemOf(const AlarmRule &rule, const RuleCatalog &catalog,
                                  const QStringList &otherNames)
{
    if (rule.name.isEmpty())
        return tr("Give the rule a name: it is shown in the list and in the audit log.");
    if (otherNames.contains(rule.name))
        return tr("Another rule is already called “%1”: choose another name.").arg(rule.name);
    if (rule.minPriority < kMinPriority || rule.minPriority > kMaxPriority)
        return tr("The least priority must be 1 to 5.");
    if (rule.type.isEmpty() && rule.sources.isEmpty() && rule.cameras.isEmpty() && rule.zones.isEmpty() &&
        rule.minPriority <= kMinPriority)
        return tr(
            "The rule would act on every alarm: choose an alarm type, a source, a camera or a zone, or a "
            "least priority above 1.");
    const auto gone = [&catalog](const QString &id) {
        return catalog.hasCamera && !catalog.hasCamera(id);
    };
    for (const QString &id : rule.cameras)
        if (gone(id))
            return tr("Camera “%1” of the match is no longer in the camera list: remove it or choose another "
                      "camera.")
                .arg(id);
    if (rule.actions.isEmpty())
        return tr("Add at least one action: a scene, cameras on a screen, a PTZ preset or a recording.");
    for (qsizetype i = 0; i < rule.actions.size(); ++i) {
        const RuleAction &a = rule.actions.at(i);
        const int n = int(i) + 1;
        for (const QString &id : a.cameras)
            if (gone(id))
                return tr("Action %1: camera “%2” is no longer in the camera list. Remove it or choose "
                          "another "
                          "camera.")
                    .arg(n)
                    .arg(id);
        switch (a.kind) {
        case RuleAction::Kind::RecallScene:
            if (a.scene.isEmpty())
                return tr("Action %1: choose the scene to recall.").arg(n);
            if (catalog.hasScene && !catalog.hasScene(a.scene))
                return tr("Action %1: scene “%2” no longer exists. Choose a saved scene, or save the wall as "
                          "“%2” first.")
                    .arg(n)
                    .arg(a.scene);
            break;
        case RuleAction::Kind::ShowCameras:
            if (catalog.hasScreen && !catalog.hasScreen(a.screen))
                return tr("Action %1: screen “%2” is not one of the wall screens. Choose the console's wall "
                          "or "
                          "a wall screen (start Vigil with --wall-screens to have them).")
                    .arg(n)
                    .arg(a.screen);
            if (a.startTile < 0 || a.startTile >= 64)
                return tr("Action %1: the first tile must be 1 to 64.").arg(n);
            break;
        case RuleAction::Kind::PtzPreset:
            if (a.ptzCamera.isEmpty())
                return tr("Action %1: choose the PTZ camera to move.").arg(n);
            if (gone(a.ptzCamera))
                return tr("Action %1: PTZ camera “%2” is no longer in the camera list. Choose another "
                          "camera.")
                    .arg(n)
                    .arg(a.ptzCamera);
            if (a.preset.isEmpty())
                return tr("Action %1: enter the preset the camera goes to (its number or token).").arg(n);
            break;
        case RuleAction::Kind::Record:
            if (a.recordMinutes < 1 || a.recordMinutes > 24 * 60)
                return tr("Action %1: record for 1 to 1440 minutes.").arg(n);
            if (a.preAlarmSeconds < 0 || a.preAlarmSeconds > 3600)
                return tr("Action %1: the time before the alarm must be 0 to 3600 seconds.").arg(n);
            break;
        }
    }
    return {};
}

QString AlarmRuleModel::cameraLabel(const QString &id) const
{
    const QString name = m_directory ? m_directory->nameOf(id) : QString();
    return name.isEmpty() ? id : name;
}

QString AlarmRuleModel::screenLabel(const QString &screen) const
{
    if (screen.isEmpty() || screen == QLatin1String("console"))
        return tr("the console's wall");
    if (m_sources.screens)
        for (const QVariant &v : m_sources.screens()) {
            const QVariantMap m = v.toMap();
            if (m.value(QStringLiteral("key")).toString() == screen ||
                m.value(QStringLiteral("number")).toString() == screen)
                return tr("wall screen %1").arg(m.value(QStringLiteral("number")).toString());
        }
    return tr("screen %1").arg(screen);
}

QString AlarmRuleModel::matchText(const AlarmRule &rule) const
{
    QStringList parts;
    parts.append(rule.type.isEmpty() ? tr("Any alarm") : tr("Alarm “%1”").arg(rule.type));
    if (!rule.sources.isEmpty())
        parts.append(tr("from %1").arg(rule.sources.join(QStringLiteral(", "))));
    QStringList places;
    for (const QString &id : rule.cameras)
        places.append(cameraLabel(id));
    for (const QString &zone : rule.zones)
        places.append(tr("zone %1").arg(zone));
    if (!places.isEmpty())
        parts.append(tr("at %1").arg(places.join(QStringLiteral(", "))));
    if (rule.minPriority > kMinPriority)
        parts.append(tr("priority %1 or more").arg(rule.minPriority));
    return parts.join(QStringLiteral(" · "));
}

QString AlarmRuleModel::actionText(const RuleAction &a) const
{
    QStringList cameras;
    for (const QString &id : a.cameras)
        cameras.append(cameraLabel(id));
    const QString which = cameras.isEmpty() ? tr("the alarm's camera") : cameras.join(QStringLiteral(", "));
    switch (a.kind) {
    case RuleAction::Kind::RecallScene:
        return tr("Recall scene “%1”").arg(a.scene);
    case RuleAction::Kind::ShowCameras:
        return tr("Show %1 on %2 from tile %3").arg(which, screenLabel(a.screen)).arg(a.startTile + 1);
    case RuleAction::Kind::PtzPreset:
        return tr("Move PTZ camera %1 to preset %2").arg(cameraLabel(a.ptzCamera), a.preset);
    case RuleAction::Kind::Record:
        return tr("Record %1 for %2 min, from %3 s before the alarm")
            .arg(which)
            .arg(a.recordMinutes)
            .arg(a.preAlarmSeconds);
    }
    return {};
}

QStringList AlarmRuleModel::namesExcept(int row) const
{
    QStringList out;
    for (qsizetype i = 0; i < rules().size(); ++i)
        if (i != row)
            out.append(rules().at(i).name);
    return out;
}

QVariantMap AlarmRuleModel::rule(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return ruleToVariant(rules().at(row));
}

QVariantMap AlarmRuleModel::blankRule() const
{
    AlarmRule r;
    return ruleToVariant(r);
}

QVariantMap AlarmRuleModel::blankAction(const QString &kind) const
{
    RuleAction a;
    a.recordMinutes = 5;
    a.preAlarmSeconds = 10;
    QVariantMap m = actionToVariant(a);
    m.insert(QStringLiteral("do"), kind.isEmpty() ? QStringLiteral("recall-scene") : kind);
    return m;
}

QString AlarmRuleModel::check(const QVariantMap &rule, int row) const
{
    return problemOf(ruleFromVariant(rule), catalog(), namesExcept(row));
}

void AlarmRuleModel::setLastError(const QString &text)
{
    if (m_lastError == text)
        return;
    m_lastError = text;
    emit lastErrorChanged();
}

bool AlarmRuleModel::noRule(int row)
{
    setLastError(tr("There is no rule %1 in the list: choose one of the rules shown.").arg(row + 1));
    return false;
}

bool AlarmRuleModel::allowed(const QString &what)
{
    if (!m_center) {
        setLastError(tr("The alarm rules cannot be changed here: the alarm flow is not running."));
        return false;
    }
    QString why;
    if (access::permit(access::Action::Settings, u"alarm", what, &why))
        return true;
    setLastError(why.isEmpty() ? tr("Only an administrator may change the alarm rules. Log in as one.")
                               : why);
    return false;
}

bool AlarmRuleModel::commit(const QList<AlarmRule> &rules, const QString &what)
{
    m_editing = true;
    const bool saved = m_center->setRules(rules);
    m_editing = false;
    if (m_count != rowCount()) {
        m_count = rowCount();
        emit countChanged();
    }
    if (!saved) {
        setLastError(m_center->rulesError());
        access::audit(u"alarm", what + QStringLiteral(" (not saved: the file could not be written)"));
        return false;
    }
    access::audit(u"alarm", what);
    qCInfo(vigilAlarms).noquote() << what;
    setLastError({});
    return true;
}

bool AlarmRuleModel::saveRule(int row, const QVariantMap &variant)
{
    const AlarmRule r = ruleFromVariant(variant);
    const bool adding = row < 0 || row >= rowCount();
    const QString json = QString::fromUtf8(QJsonDocument(ruleToJson(r)).toJson(QJsonDocument::Compact));
    const QString what = adding ? QStringLiteral("rule \"%1\" added: %2").arg(r.name, json)
                                : QStringLiteral("rule \"%1\" changed: %2").arg(rules().at(row).name, json);
    if (!allowed(what))
        return false;
    if (const QString problem = problemOf(r, catalog(), namesExcept(adding ? -1 : row)); !problem.isEmpty()) {
        setLastError(problem);
        return false;
    }
    QList<AlarmRule> next = rules();
    if (adding) {
        beginInsertRows({}, rowCount(), rowCount());
        next.append(r);
        const bool ok = commit(next, what);
        endInsertRows();
        return ok;
    }
    next[row] = r;
    const bool ok = commit(next, what);
    emit dataChanged(index(row), index(row));
    return ok;
}

bool AlarmRuleModel::duplicateRule(int row)
{
    if (row < 0 || row >= rowCount())
        return noRule(row);
    AlarmRule copy = rules().at(row);
    const QStringList taken = namesExcept(-1);
    QString name = tr("%1 (copy)").arg(copy.name);
    for (int n = 2; taken.contains(name); ++n)
        name = tr("%1 (copy %2)").arg(copy.name).arg(n);
    copy.name = name;
    const QString what = QStringLiteral("rule \"%1\" duplicated as \"%2\"").arg(rules().at(row).name, name);
    if (!allowed(what))
        return false;
    QList<AlarmRule> next = rules();
    beginInsertRows({}, row + 1, row + 1);
    next.insert(row + 1, copy);
    const bool ok = commit(next, what);
    endInsertRows();
    return ok;
}

bool AlarmRuleModel::removeRule(int row)
{
    if (row < 0 || row >= rowCount())
        return noRule(row);
    const QString what = QStringLiteral("rule \"%1\" removed").arg(rules().at(row).name);
    if (!allowed(what))
        return false;
    QList<AlarmRule> next = rules();
    beginRemoveRows({}, row, row);
    next.removeAt(row);
    const bool ok = commit(next, what);
    endRemoveRows();
    return ok;
}

bool AlarmRuleModel::setRuleEnabled(int row, bool enabled)
{
    if (row < 0 || row >= rowCount())
        return noRule(row);
    if (rules().at(row).enabled == enabled)
        return true;
    const QString what =
        QStringLiteral("rule \"%1\" turned %2")
            .arg(rules().at(row).name, enabled ? QStringLiteral("on") : QStringLiteral("off"));
    if (!allowed(what))
        return false;
    QList<AlarmRule> next = rules();
    next[row].enabled = enabled;
    const bool ok = commit(next, what);
    emit dataChanged(index(row), index(row), {EnabledRole, ProblemRole});
    return ok;
}

bool AlarmRuleModel::moveRule(int from, int to)
{
    if (from < 0 || from >= rowCount() || to < 0 || to >= rowCount())
        return noRule(from < 0 || from >= rowCount() ? from : to);
    if (from == to)
        return true;
    const QString what = QStringLiteral("rule \"%1\" moved from %2 to %3")
                             .arg(rules().at(from).name)
                             .arg(from + 1)
                             .arg(to + 1);
    if (!allowed(what))
        return false;
    QList<AlarmRule> next = rules();
    next.move(from, to);
    // beginMoveRows names the row before which the moved row lands, in the list before the move.
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    const bool ok = commit(next, what);
    endMoveRows();
    return ok;
}

QVariantMap AlarmRuleModel::testRule(const QVariantMap &variant, const QVariantMap &sample) const
{
    AlarmRule r = ruleFromVariant(variant);
    r.enabled = true; // tested as if on: the operator asks what it would do
    Alarm a;
    a.type = sample.value(QStringLiteral("type")).toString().trimmed();
    a.source = sample.value(QStringLiteral("source")).toString().trimmed();
    a.cameraId = sample.value(QStringLiteral("cameraId")).toString().trimmed();
    a.zone = sample.value(QStringLiteral("zone")).toString().trimmed();
    a.priority = wholeNumber(sample.value(QStringLiteral("priority")), 3);
    const bool matches = ruleMatches(r, a);
    QStringList lines;
    for (const RuleAction &action : actionsForAlarm({r}, a))
        lines.append(actionText(action));
    QString text;
    if (!matches)
        text = tr("This alarm does not match the rule: nothing would happen.");
    else if (lines.isEmpty())
        text = tr("The alarm matches, but every action needs the alarm's camera and this alarm has none.");
    else
        text = tr("The alarm matches: %n action(s) would fire.", nullptr, int(lines.size()));
    return {{QStringLiteral("matches"), matches},
            {QStringLiteral("lines"), lines},
            {QStringLiteral("text"), text}};
}

} // namespace vigil::alarms
