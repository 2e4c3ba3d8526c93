#pragma once
// AlarmCenter: the one alarm flow. Every source — ONVIF camera events (CameraAlarms), the HTTP webhook
// (network/webhook), later platform pushes — calls raise(); the alarm is stored (AlarmStore, SQLite), the
// linkage rules (alarm_rules.json) are evaluated for it and their actions applied (AlarmActionExecutor),
// and alarmRaised() tells the window (the pop-up with its sound).
// QML sees it as the `Alarms` singleton in Vigil.Alarms: the store (list model), a filtered view of it, the
// operator's steps, the webhook's address and the rules' state.
//
// Thread: GUI only. The app creates it (setInstance) before QML loads.
#include "vigil/alarms/alarm_actions.h"
#include "vigil/alarms/alarm_filter_model.h"
#include "vigil/alarms/alarm_rule_model.h"
#include "vigil/alarms/alarm_rules.h"
#include "vigil/alarms/alarm_store.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace vigil::webhook {
struct WebhookConfig;
class WebhookServer;
} // namespace vigil::webhook

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::alarms {

class CameraAlarms;

class AlarmCenter : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Alarms)
    QML_SINGLETON
    Q_PROPERTY(vigil::alarms::AlarmStore *store READ store CONSTANT)
    Q_PROPERTY(vigil::alarms::AlarmFilterModel *filtered READ filtered CONSTANT)
    // "http://127.0.0.1:8089/api/v1/alarms" while the webhook receives, else "".
    Q_PROPERTY(QString webhookUrl READ webhookUrl NOTIFY webhookChanged)
    Q_PROPERTY(int ruleCount READ ruleCount NOTIFY rulesChanged)
    // Translated sentence when the rules file was damaged or could not be saved; else "".
    Q_PROPERTY(QString rulesError READ rulesError NOTIFY rulesChanged)
    // The rules as the rules dialog edits them (validated, saved, audited; administrators only).
    Q_PROPERTY(vigil::alarms::AlarmRuleModel *rules READ ruleModel CONSTANT)

public:
    // `databasePath` / `rulesPath`: the SQLite file and the rules file (the app: configDir()/alarms.db and
    // configDir()/alarm_rules.json). Rules are read here; the database is opened on the store's worker.
    AlarmCenter(const QString &databasePath, const QString &rulesPath, QObject *parent = nullptr);
    ~AlarmCenter() override;

    static AlarmCenter *create(QQmlEngine *, QJSEngine *);
    static void setInstance(AlarmCenter *instance);
    static AlarmCenter *instance();

    AlarmStore *store() { return &m_store; }
    AlarmFilterModel *filtered() { return &m_filtered; }
    AlarmActionExecutor *executor() { return &m_executor; }
    AlarmRuleModel *ruleModel() { return &m_ruleModel; }
    QString webhookUrl() const;
    int ruleCount() const { return int(m_rules.size()); }
    QString rulesError() const { return m_rulesError; }
    const QList<AlarmRule> &rules() const { return m_rules; }
    // Replaces the rules and saves them (atomically). False with rulesError set when the save failed.
    bool setRules(const QList<AlarmRule> &rules);
    Q_INVOKABLE bool reloadRules();

    // ONVIF camera alarms (motion, tamper, alarm input) flow in as alarms of source "onvif".
    void listenTo(CameraAlarms *cameraAlarms);

    // Starts the webhook receiver. False with a sentence (no token, port taken...).
    bool startWebhook(const webhook::WebhookConfig &config, QString *error);
    void stopWebhook();
    webhook::WebhookServer *webhookServer() const { return m_webhook.get(); }

    // An alarm from any source: stored, then the rules act on it. `done(id, error)` as AlarmStore::add.
    void raise(const Alarm &alarm, AlarmStore::Done done = {});

    // The operator's steps (the store's, for QML).
    Q_INVOKABLE bool acknowledge(qint64 id, const QString &note) { return m_store.acknowledge(id, note); }
    Q_INVOKABLE bool markHandled(qint64 id, const QString &note) { return m_store.markHandled(id, note); }
    Q_INVOKABLE bool markFalseAlarm(qint64 id, const QString &note)
    {
        return m_store.markFalseAlarm(id, note);
    }

    // Where the cameras are (for placeOf()); the app's directory.
    void setCameraDirectory(cameras::CameraDirectory *directory);
    // The alarm's place: its own lon/lat, else its camera's position. { valid, latitude, longitude }.
    Q_INVOKABLE QVariantMap placeOf(qint64 alarmId) const;
    // placeOf() plus { alarmId, type, state (stateWord), priority, text, cameraId, notes } ("found": false
    // for an unknown id), for a panel that shows one alarm.
    Q_INVOKABLE QVariantMap summaryOf(qint64 alarmId) const;
    // A patrol unit was sent to the alarm: a note "Dispatched <call sign>" under the operator's name and the
    // time, stored with the alarm (it survives a restart). False for an unknown alarm.
    Q_INVOKABLE bool recordDispatch(qint64 alarmId, const QString &callSign);

signals:
    // A new alarm is stored (for the pop-up): its id, type, source, camera id (or ""), place as text when it
    // is a position, priority and text.
    void alarmRaised(qint64 alarmId, const QString &type, const QString &source, const QString &cameraId,
                     const QString &position, int priority, const QString &text);
    // The rules' actions for an alarm were applied (English lines, also logged).
    void actionsApplied(qint64 alarmId, const QStringList &done);
    void webhookChanged();
    void rulesChanged();

private:
    void onStored(const Alarm &alarm);
    void setRulesError(const QString &text);

    AlarmStore m_store;
    AlarmFilterModel m_filtered;
    AlarmActionExecutor m_executor;
    QString m_rulesPath;
    QList<AlarmRule> m_rules;
    QString m_rulesError;
    std::unique_ptr<webhook::WebhookServer> m_webhook;
    QPointer<cameras::CameraDirectory> m_directory;
    AlarmRuleModel m_ruleModel{this, this}; // last: reads m_rules
};

} // namespace vigil::alarms
