#include "vigil/alarms/alarm_center.h"

#include "vigil/alarms/camera_alarms.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/logging.h"
#include "vigil/webhook/webhook_server.h"

#include <QtQml/QJSEngine>

namespace vigil::alarms {

namespace {

AlarmCenter *s_instance = nullptr;

// ONVIF events carry no priority: tamper and alarm inputs (a door contact, a panic button) come before
// motion.
int onvifPriority(const QString &kind)
{
    if (kind == QLatin1String("tamper") || kind == QLatin1String("digital-input"))
        return 4;
    if (kind == QLatin1String("motion"))
        return 2;
    return 3;
}

} // namespace

AlarmCenter::AlarmCenter(const QString &databasePath, const QString &rulesPath, QObject *parent)
    : QObject(parent)
    , m_store(databasePath)
    , m_rulesPath(rulesPath)
{
    m_filtered.setSourceModel(&m_store);
    connect(&m_store, &AlarmStore::alarmAdded, this, &AlarmCenter::onStored);
    reloadRules();
}

AlarmCenter::~AlarmCenter()
{
    stopWebhook();
    if (s_instance == this)
        s_instance = nullptr;
}

AlarmCenter *AlarmCenter::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance) {
        qCCritical(vigilAlarms) << "Alarms::create() before AlarmCenter::setInstance()";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void AlarmCenter::setInstance(AlarmCenter *instance)
{
    s_instance = instance;
}

AlarmCenter *AlarmCenter::instance()
{
    return s_instance;
}

void AlarmCenter::setCameraDirectory(cameras::CameraDirectory *directory)
{
    m_directory = directory;
    m_ruleModel.setDirectory(directory);
}

QVariantMap AlarmCenter::placeOf(qint64 alarmId) const
{
    const std::optional<Alarm> a = m_store.alarm(alarmId);
    double lat = qQNaN();
    double lon = qQNaN();
    if (a && a->hasPosition()) {
        lat = *a->lat;
        lon = *a->lon;
    } else if (a && !a->cameraId.isEmpty() && m_directory) {
        const std::optional<cameras::Camera> camera = m_directory->camera(a->cameraId);
        if (camera && camera->position) {
            lat = camera->position->lat;
            lon = camera->position->lon;
        }
    }
    const bool valid = !qIsNaN(lat) && !qIsNaN(lon);
    return {{QStringLiteral("valid"), valid},
            {QStringLiteral("latitude"), lat},
            {QStringLiteral("longitude"), lon}};
}

QVariantMap AlarmCenter::summaryOf(qint64 alarmId) const
{
    QVariantMap out = placeOf(alarmId);
    const std::optional<Alarm> a = m_store.alarm(alarmId);
    out.insert(QStringLiteral("found"), a.has_value());
    if (!a)
        return out;
    out.insert(QStringLiteral("alarmId"), double(a->id));
    out.insert(QStringLiteral("type"), a->type);
    out.insert(QStringLiteral("state"), stateWord(a->state));
    out.insert(QStringLiteral("open"), a->isOpen());
    out.insert(QStringLiteral("priority"), a->priority);
    out.insert(QStringLiteral("text"), a->text);
    out.insert(QStringLiteral("cameraId"), a->cameraId);
    out.insert(QStringLiteral("notes"), a->notes);
    out.insert(QStringLiteral("time"), a->time);
    return out;
}

bool AlarmCenter::recordDispatch(qint64 alarmId, const QString &callSign)
{
    if (callSign.trimmed().isEmpty())
        return false;
    const bool ok = m_store.addNote(alarmId, tr("Dispatched %1").arg(callSign.trimmed()));
    if (ok)
        qCInfo(vigilAlarms).noquote() << "alarm" << alarmId << "dispatched" << callSign;
    return ok;
}

bool AlarmCenter::reloadRules()
{
    LoadedRules loaded = loadRules(m_rulesPath);
    m_rules = std::move(loaded.rules);
    qCInfo(vigilAlarms).noquote() << "alarm rules:" << m_rules.size() << "from" << m_rulesPath;
    setRulesError(
        loaded.notice.isEmpty()
            ? QString()
            : tr("The alarm rules could not be read (%1). Fix or remove %2; until then no rule acts.")
                  .arg(loaded.notice, m_rulesPath));
    emit rulesChanged();
    return loaded.notice.isEmpty();
}

bool AlarmCenter::setRules(const QList<AlarmRule> &rules)
{
    m_rules = rules;
    QString why;
    const bool saved = saveRules(m_rulesPath, rules, &why);
    setRulesError(saved ? QString()
                        : tr("The alarm rules could not be saved (%1). They act until Vigil is closed; check "
                             "that the folder is writable.")
                              .arg(why));
    emit rulesChanged();
    return saved;
}

void AlarmCenter::setRulesError(const QString &text)
{
    if (m_rulesError == text)
        return;
    m_rulesError = text;
    if (!text.isEmpty())
        qCWarning(vigilAlarms).noquote() << text;
}

void AlarmCenter::listenTo(CameraAlarms *cameraAlarms)
{
    connect(cameraAlarms, &CameraAlarms::alarmRaised, this,
            [this](const QString &cameraId, const QString &, const QString &kind, const QDateTime &time) {
                Alarm a;
                a.source = QStringLiteral("onvif");
                a.type = kind;
                a.cameraId = cameraId;
                a.time = time.isValid() ? time.toUTC() : QDateTime::currentDateTimeUtc();
                a.priority = onvifPriority(kind);
                raise(a);
            });
}

bool AlarmCenter::startWebhook(const webhook::WebhookConfig &config, QString *error)
{
    stopWebhook();
    m_webhook = std::make_unique<webhook::WebhookServer>(config);
    m_webhook->setHandler([this](const webhook::WebhookAlarm &in, webhook::WebhookServer::Reply reply) {
        Alarm a;
        a.source = in.source;
        a.type = in.type;
        a.cameraId = in.cameraId;
        a.zone = in.zone;
        a.lon = in.lon;
        a.lat = in.lat;
        a.time = in.time;
        a.priority = in.priority;
        a.text = in.text;
        raise(a, [reply = std::move(reply)](qint64 id, const QString &why) {
            reply(id > 0 ? QString::number(id) : QString(),
                  id > 0 ? QString() : QStringLiteral("Vigil could not store the alarm (%1).").arg(why));
        });
    });
    if (!m_webhook->start(error)) {
        m_webhook.reset();
        return false;
    }
    emit webhookChanged();
    return true;
}

void AlarmCenter::stopWebhook()
{
    if (!m_webhook)
        return;
    m_webhook.reset();
    emit webhookChanged();
}

QString AlarmCenter::webhookUrl() const
{
    if (!m_webhook || !m_webhook->isRunning())
        return {};
    const QString host = m_webhook->address().contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + m_webhook->address() + QLatin1Char(']')
                             : m_webhook->address();
    return QStringLiteral("http://%1:%2/api/v1/alarms").arg(host).arg(m_webhook->port());
}

void AlarmCenter::raise(const Alarm &alarm, AlarmStore::Done done)
{
    m_store.add(alarm, std::move(done));
}

void AlarmCenter::onStored(const Alarm &alarm)
{
    qCInfo(vigilAlarms).noquote() << "alarm" << alarm.id << alarm.type << "from" << alarm.source << "at"
                                  << (alarm.cameraId.isEmpty() ? QStringLiteral("%1,%2")
                                                                     .arg(alarm.lon.value_or(0), 0, 'f', 6)
                                                                     .arg(alarm.lat.value_or(0), 0, 'f', 6)
                                                               : alarm.cameraId)
                                  << "priority" << alarm.priority;
    const QList<RuleAction> actions = actionsForAlarm(m_rules, alarm);
    if (!actions.isEmpty()) {
        const QStringList done = m_executor.execute(actions, alarm);
        for (const QString &line : done)
            qCInfo(vigilAlarms).noquote() << "alarm" << alarm.id << "rule:" << line;
        emit actionsApplied(alarm.id, done);
    }
    const QString position =
        alarm.hasPosition() ? QStringLiteral("%1, %2").arg(*alarm.lat, 0, 'f', 5).arg(*alarm.lon, 0, 'f', 5)
                            : QString();
    emit alarmRaised(alarm.id, alarm.type, alarm.source, alarm.cameraId, position, alarm.priority,
                     alarm.text);
}

} // namespace vigil::alarms
