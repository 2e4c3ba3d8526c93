#pragma once
// AlarmRuleModel: the linkage rules as the rules dialog edits them (QML: Alarms.rules). The rows are the
// AlarmCenter's rules themselves (no copy): every edit is validated, then handed to AlarmCenter::setRules(),
// which puts it in force and saves alarm_rules.json atomically. Edits need the Settings right
// (administrators; a refusal is audited and said in lastError) and each one is written to the audit log (kind
// "alarm").
//
// What a rule may name comes from outside the alarms room: the saved scenes and the wall screens through
// Sources (the app passes WallScreenSet's), the cameras through the camera directory. problemOf() checks a
// rule against them and says what to fix; rows carry it as "problem" too, so a rule whose scene was deleted
// later shows it in the list.
//
// A rule crosses to QML as an object of the file's shape (see ruleToVariant()). testRule() runs the pure
// evaluation (ruleMatches / actionsForAlarm) on a sample alarm and describes the actions that would fire,
// without applying them.
//
// Thread: GUI only.
#include "vigil/alarms/alarm_rules.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QPointer>
#include <QtCore/QVariantList>
#include <QtCore/QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::alarms {

class AlarmCenter;

// What a rule may name, for problemOf(). A null function: anything goes (nothing to check against).
struct RuleCatalog
{
    std::function<bool(const QString &scene)> hasScene;
    // A show-cameras screen: "" (the console's wall) always exists; else a wall screen's key or number.
    std::function<bool(const QString &screen)> hasScreen;
    std::function<bool(const QString &cameraId)> hasCamera;
    std::function<QString(const QString &cameraId)> cameraName; // "" when unknown
};

// A rule to and from the object QML edits: { name, enabled, type ("" = any), sources, cameras, zones (lists
// of strings), minPriority, actions: [{ do ("recall-scene", "show-cameras", "ptz-preset", "record"), scene,
// cameras, screen, startTile (1-based), camera (the PTZ camera), preset, minutes, preAlarmSeconds }] } — the
// names of alarm_rules.json, every key present. ruleFromVariant() is lenient (trims, drops empty names,
// keeps out-of-range numbers): problemOf() says what is wrong.
QVariantMap ruleToVariant(const AlarmRule &rule);
AlarmRule ruleFromVariant(const QVariantMap &map);

class AlarmRuleModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The linkage rules are Alarms.rules.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The sentence of the last refused or failed edit; "" after one that worked.
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QStringList sceneNames READ sceneNames NOTIFY catalogChanged)
    // The screens a show-cameras action may name: [{ value ("" = the console's wall, else the screen's key),
    // name (translated) }].
    Q_PROPERTY(QVariantList screenChoices READ screenChoices NOTIFY catalogChanged)

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1, // "name"
        EnabledRole,                 // "ruleEnabled" (not "enabled": a delegate's own property)
        MatchTextRole,               // "matchText": the match in words
        ActionsTextRole,             // "actionsText": the actions in words
        ProblemRole,                 // "problem": problemOf() against the catalog now; "" when fine
    };
    Q_ENUM(Role)

    // Where scenes and screens come from (the app: WallScreenSet's sceneNames() and screens(), whose maps
    // carry key, number and title). Null: none known and not checked.
    struct Sources
    {
        std::function<QStringList()> scenes;
        std::function<QVariantList()> screens;
    };

    explicit AlarmRuleModel(AlarmCenter *center, QObject *parent = nullptr);

    void setSources(Sources sources);
    void setDirectory(cameras::CameraDirectory *directory);
    RuleCatalog catalog() const;

    int count() const { return rowCount(); }
    QString lastError() const { return m_lastError; }
    QStringList sceneNames() const;
    QVariantList screenChoices() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The first thing to fix in `rule` as a translated sentence, or "" when it can be saved. `otherNames`:
    // the other rules' names (a name is used once, so the audit log and the list can tell rules apart).
    static QString problemOf(const AlarmRule &rule, const RuleCatalog &catalog,
                             const QStringList &otherNames);

    // The rule at `row` as QML edits it ({} for a bad row); a new rule's starting point.
    Q_INVOKABLE QVariantMap rule(int row) const;
    Q_INVOKABLE QVariantMap blankRule() const;
    Q_INVOKABLE QVariantMap blankAction(const QString &kind) const;
    // problemOf() for `rule` as it would be saved at `row` (-1: a new rule).
    Q_INVOKABLE QString check(const QVariantMap &rule, int row) const;

    // Each returns false with lastError set when refused (role, problemOf) or when the file could not be
    // saved (the change then acts until Vigil closes, as AlarmCenter::setRules).
    Q_INVOKABLE bool saveRule(int row, const QVariantMap &rule); // row -1: added at the end
    Q_INVOKABLE bool duplicateRule(int row);                     // the copy right below, "<name> (copy)"
    Q_INVOKABLE bool removeRule(int row);
    Q_INVOKABLE bool setRuleEnabled(int row, bool enabled);
    Q_INVOKABLE bool moveRule(int from, int to); // rules act in list order

    // The pure evaluation of `rule` (as edited, on or off) for a sample alarm { type, source, cameraId, zone,
    // priority }: { matches (bool), lines (the actions that would fire, in words), text (a summary) }.
    // Nothing is applied.
    Q_INVOKABLE QVariantMap testRule(const QVariantMap &rule, const QVariantMap &alarm) const;

    // The match and the actions in words (the list's rows and the test's lines).
    QString matchText(const AlarmRule &rule) const;
    QString actionText(const RuleAction &action) const;

public slots:
    // Scenes, screens or cameras changed: the choices and every row's problem are read again.
    void catalogUpdated();

signals:
    void countChanged();
    void lastErrorChanged();
    void catalogChanged();

private:
    const QList<AlarmRule> &rules() const;
    QStringList namesExcept(int row) const;
    bool allowed(const QString &what);
    bool noRule(int row); // lastError for a row not in the list; false
    // Hands `rules` to the center (in force and saved); audits `what` when saved.
    bool commit(const QList<AlarmRule> &rules, const QString &what);
    void setLastError(const QString &text);
    QString cameraLabel(const QString &id) const;
    QString screenLabel(const QString &screen) const;

    QPointer<AlarmCenter> m_center;
    QPointer<cameras::CameraDirectory> m_directory;
    Sources m_sources;
    QString m_lastError;
    bool m_editing = false; // our own setRules(): not a reload
    int m_count = 0;
};

} // namespace vigil::alarms
