#include "vigil/alarms/alarm_store.h"

#include "vigil/access/audit_sink.h"
#include "vigil/alarms/alarm_database.h"
#include "vigil/core/logging.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QThread>

namespace vigil::alarms {

AlarmStore::AlarmStore(const QString &path, QObject *parent)
    : QAbstractListModel(parent)
    , m_path(path)
    , m_thread(new QThread(this))
    , m_workerContext(std::make_unique<QObject>())
    , m_db(std::make_shared<AlarmDatabase>())
    , m_operator(qEnvironmentVariable("USER"))
{
    qRegisterMetaType<vigil::alarms::Alarm>();
    m_thread->setObjectName(QStringLiteral("alarm-store"));
    m_workerContext->moveToThread(m_thread);
    m_thread->start();
    post([this, path](AlarmDatabase &db) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        const bool ok = db.open(path);
        const QList<Alarm> rows = ok ? db.recent(kMaxRows) : QList<Alarm>();
        const QString error = ok ? QString() : db.error();
        const QString keptAs = db.keptAs();
        QMetaObject::invokeMethod(
            this, [this, rows, keptAs, error] { onOpened(rows, keptAs, error); }, Qt::QueuedConnection);
    });
}

AlarmStore::~AlarmStore()
{
    // Whatever was queued is written, then the file is closed on its own thread and the thread ends.
    post([](AlarmDatabase &db) {
        db.close();
        QThread::currentThread()->quit();
    });
    m_thread->wait();
    m_workerContext.reset();
}

void AlarmStore::post(std::function<void(AlarmDatabase &)> fn)
{
    QMetaObject::invokeMethod(
        m_workerContext.get(), [db = m_db, fn = std::move(fn)] { fn(*db); }, Qt::QueuedConnection);
}

void AlarmStore::onOpened(const QList<Alarm> &rows, const QString &keptAs, const QString &error)
{
    QList<Alarm> fresh;
    for (const Alarm &a : rows)
        if (rowOf(a.id) < 0)
            fresh.append(a);
    if (!fresh.isEmpty()) {
        // Alarms added before the file was open would be at the top; the stored ones go below them.
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size()) - 1);
        m_rows.append(fresh);
        endInsertRows();
        emit countChanged();
    }
    if (!keptAs.isEmpty()) {
        m_notice = tr("The alarm database was damaged; it was kept as %1 and a new, empty one was started. "
                      "Earlier alarms are in the kept file.")
                       .arg(keptAs);
        emit noticeChanged();
    }
    if (!error.isEmpty())
        setLastError(tr("The alarm database cannot be opened (%1). Alarms are shown but not kept; check that "
                        "the folder is writable and start Vigil again.")
                         .arg(error));
    m_ready = true;
    emit readyChanged();
}

void AlarmStore::keepPendingAck(const PendingAck &ack)
{
    post([this, ack](AlarmDatabase &db) {
        if (db.addPendingAck(ack))
            return;
        const QString error = db.error();
        QMetaObject::invokeMethod(
            this,
            [this, error] {
                setLastError(tr("An acknowledgement for the platform could not be kept for later (%1): it is "
                                "sent again only while Vigil runs. Check that the disk is not full.")
                                 .arg(error));
            },
            Qt::QueuedConnection);
    });
}

void AlarmStore::dropPendingAck(const QString &source, const QString &externalId)
{
    post([source, externalId](AlarmDatabase &db) { db.removePendingAck(source, externalId); });
}

void AlarmStore::pendingAcks(const QString &source, std::function<void(QList<PendingAck>)> done)
{
    post([this, source, done = std::move(done)](AlarmDatabase &db) mutable {
        QList<PendingAck> acks = db.pendingAcks(source);
        QMetaObject::invokeMethod(
            this, [acks = std::move(acks), done = std::move(done)] { done(acks); }, Qt::QueuedConnection);
    });
}

void AlarmStore::add(Alarm alarm, Done done)
{
    alarm.id = 0;
    alarm.priority = std::clamp(alarm.priority, kMinPriority, kMaxPriority);
    if (!alarm.time.isValid())
        alarm.time = QDateTime::currentDateTimeUtc();
    post([this, alarm, done = std::move(done)](AlarmDatabase &db) mutable {
        Alarm stored = alarm;
        bool duplicate = false;
        stored.id = db.insert(alarm, &duplicate);
        const QString error = stored.id > 0 ? QString() : db.error();
        QMetaObject::invokeMethod(
            this,
            [this, stored, error, duplicate, done = std::move(done)] {
                if (duplicate) {
                    ++m_duplicates;
                    qCInfo(vigilAlarms).noquote() << "alarm" << stored.externalId << "from" << stored.source
                                                  << "is already alarm" << stored.id << "- not raised again";
                } else if (stored.id > 0) {
                    onAdded(stored);
                } else {
                    setLastError(
                        tr("An alarm could not be stored (%1). Check that the disk is not full.").arg(error));
                }
                if (done)
                    done(stored.id, error);
            },
            Qt::QueuedConnection);
    });
}

void AlarmStore::onAdded(const Alarm &alarm)
{
    beginInsertRows({}, 0, 0);
    m_rows.prepend(alarm);
    endInsertRows();
    if (m_rows.size() > kMaxRows) {
        beginRemoveRows({}, kMaxRows, int(m_rows.size()) - 1);
        m_rows.resize(kMaxRows);
        endRemoveRows();
    }
    if (!m_lastError.isEmpty())
        setLastError({});
    emit countChanged();
    emit alarmAdded(alarm);
}

bool AlarmStore::acknowledge(qint64 id, const QString &note)
{
    return move(id, Alarm::State::Acknowledged, note);
}

bool AlarmStore::markHandled(qint64 id, const QString &note)
{
    return move(id, Alarm::State::Handled, note);
}

bool AlarmStore::markFalseAlarm(qint64 id, const QString &note)
{
    return move(id, Alarm::State::FalseAlarm, note);
}

std::optional<Alarm> AlarmStore::latest(qint64 id) const
{
    const auto it = m_pending.constFind(id);
    return it != m_pending.cend() ? std::optional<Alarm>(it->second) : alarm(id);
}

bool AlarmStore::move(qint64 id, Alarm::State to, const QString &note)
{
    const std::optional<Alarm> current = latest(id);
    if (!current)
        return false;
    const std::optional<Alarm> next = moved(*current, to, note, m_operator, QDateTime::currentDateTimeUtc());
    if (!next)
        return false;
    const QString what = QStringLiteral("alarm %1: %2 %3").arg(id).arg(stateWord(to), note).trimmed();
    if (QString why; !access::permit(access::Action::AlarmHandling, u"alarm", what, &why)) {
        setLastError(why);
        return false;
    }
    access::audit(u"alarm", what);
    save(*next);
    return true;
}

bool AlarmStore::addNote(qint64 id, const QString &note)
{
    const std::optional<Alarm> current = latest(id);
    if (!current || note.trimmed().isEmpty())
        return false;
    const QString what = QStringLiteral("alarm %1: note %2").arg(id).arg(note.trimmed());
    if (QString why; !access::permit(access::Action::AlarmHandling, u"alarm", what, &why)) {
        setLastError(why);
        return false;
    }
    access::audit(u"alarm", what);
    save(withNote(*current, note, m_operator, QDateTime::currentDateTimeUtc()));
    return true;
}

void AlarmStore::save(const Alarm &alarm)
{
    // A second step before the first is stored (Dispatch, then Acknowledge at once) builds on the first.
    const quint64 sequence = ++m_saveSequence;
    m_pending.insert(alarm.id, {sequence, alarm});
    post([this, next = alarm, sequence](AlarmDatabase &db) {
        const bool ok = db.update(next);
        const QString error = ok ? QString() : db.error();
        QMetaObject::invokeMethod(
            this,
            [this, next, ok, error, sequence] {
                const auto it = m_pending.find(next.id);
                if (it != m_pending.end() && it->first == sequence)
                    m_pending.erase(it);
                if (ok)
                    onUpdated(next);
                else
                    setLastError(tr("The change of alarm %1 could not be saved (%2). Try again.")
                                     .arg(next.id)
                                     .arg(error));
            },
            Qt::QueuedConnection);
    });
}

void AlarmStore::onUpdated(const Alarm &alarm)
{
    const int row = rowOf(alarm.id);
    if (row >= 0) {
        m_rows[row] = alarm;
        emit dataChanged(
            index(row), index(row),
            {StateRole, NotesRole, AcknowledgedAtRole, AcknowledgedByRole, ClosedAtRole, ClosedByRole});
        emit countChanged(); // newCount
    }
    emit alarmChanged(alarm);
}

void AlarmStore::setLastError(const QString &text)
{
    if (m_lastError == text)
        return;
    m_lastError = text;
    if (!text.isEmpty())
        qCWarning(vigilAlarms).noquote() << text;
    emit lastErrorChanged();
}

void AlarmStore::setOperatorName(const QString &name)
{
    if (m_operator == name)
        return;
    m_operator = name;
    emit operatorNameChanged();
}

int AlarmStore::newCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Alarm &a) { return a.state == Alarm::State::New; }));
}

int AlarmStore::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

std::optional<Alarm> AlarmStore::alarm(qint64 id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

int AlarmStore::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AlarmStore::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alarm &a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TypeRole:
        return a.type;
    case IdRole:
        return a.id;
    case SourceRole:
        return a.source;
    case CameraIdRole:
        return a.cameraId;
    case ZoneRole:
        return a.zone;
    case HasPositionRole:
        return a.hasPosition();
    case LonRole:
        return a.lon.value_or(0.0);
    case LatRole:
        return a.lat.value_or(0.0);
    case TimeRole:
        return a.time;
    case PriorityRole:
        return a.priority;
    case TextRole:
        return a.text;
    case StateRole:
        return stateWord(a.state);
    case NotesRole:
        return a.notes;
    case AcknowledgedAtRole:
        return a.acknowledgedAt;
    case AcknowledgedByRole:
        return a.acknowledgedBy;
    case ClosedAtRole:
        return a.closedAt;
    case ClosedByRole:
        return a.closedBy;
    default:
        return {};
    }
}

QHash<int, QByteArray> AlarmStore::roleNames() const
{
    return {{IdRole, "alarmId"},
            {SourceRole, "source"},
            {TypeRole, "type"},
            {CameraIdRole, "cameraId"},
            {ZoneRole, "zone"},
            {HasPositionRole, "hasPosition"},
            {LonRole, "lon"},
            {LatRole, "lat"},
            {TimeRole, "time"},
            {PriorityRole, "priority"},
            {TextRole, "text"},
            {StateRole, "alarmState"},
            {NotesRole, "notes"},
            {AcknowledgedAtRole, "acknowledgedAt"},
            {AcknowledgedByRole, "acknowledgedBy"},
            {ClosedAtRole, "closedAt"},
            {ClosedByRole, "closedBy"}};
}

} // namespace vigil::alarms
