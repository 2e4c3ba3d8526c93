#pragma once
// AlarmStore: every alarm, kept in SQLite (AlarmDatabase) on a worker thread of its own, and mirrored here as
// a list model, newest first (the newest kMaxRows; older ones stay in the file). Alarms survive a restart:
// the model is filled from the file when the worker has opened it (`ready`).
//
// add() and the state changes go to the worker and come back queued: a row appears (or changes) once the
// file has it, so what the operator sees is what was stored. A damaged file is moved aside by the worker and
// `notice` says so (translated); a failure to store sets `lastError`.
//
// Thread: GUI only (the object); the worker thread does all disk I/O. The destructor lets the worker finish
// what was queued (a few milliseconds of SQLite) and joins it.
#include "vigil/alarms/alarm.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QThread;

namespace vigil::alarms {

class AlarmDatabase;
struct PendingAck;

class AlarmStore : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The alarm store is the app's: use Alarms.store.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int newCount READ newCount NOTIFY countChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    // Who the state changes are recorded under (the logged-in operator; the OS user until roles exist).
    Q_PROPERTY(QString operatorName READ operatorName WRITE setOperatorName NOTIFY operatorNameChanged)

public:
    static constexpr int kMaxRows = 2000;

    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SourceRole,
        TypeRole,
        CameraIdRole,
        ZoneRole,
        HasPositionRole,
        LonRole,
        LatRole,
        TimeRole, // QDateTime (UTC)
        PriorityRole,
        TextRole,
        StateRole, // stateWord(): "new", "acknowledged", "handled", "false-alarm"
        NotesRole,
        AcknowledgedAtRole,
        AcknowledgedByRole,
        ClosedAtRole,
        ClosedByRole,
    };
    Q_ENUM(Role)

    // `path`: the SQLite file (created with its folder when missing). Opening starts at once on the worker.
    explicit AlarmStore(const QString &path, QObject *parent = nullptr);
    ~AlarmStore() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    int newCount() const;
    bool ready() const { return m_ready; }
    QString lastError() const { return m_lastError; }
    QString notice() const { return m_notice; }
    QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name);
    QString path() const { return m_path; }

    // Stores an alarm (its id and state are the store's). `done(id, error)` runs on this thread once it is
    // stored (id > 0) or failed (error: a sentence); the row and alarmAdded() come first. An alarm whose
    // (source, externalId) is already stored adds nothing: `done` gets the stored alarm's id, no row, no
    // alarmAdded(), and duplicates() counts it.
    using Done = std::function<void(qint64 id, const QString &error)>;
    void add(Alarm alarm, Done done = {});

    // Operator steps with an optional note. False (nothing queued) for an unknown id or a step the alarm's
    // state does not allow (a handled alarm cannot be acknowledged).
    Q_INVOKABLE bool acknowledge(qint64 id, const QString &note = {});
    Q_INVOKABLE bool markHandled(qint64 id, const QString &note = {});
    Q_INVOKABLE bool markFalseAlarm(qint64 id, const QString &note = {});
    bool move(qint64 id, Alarm::State to, const QString &note);
    // Appends a note to an alarm in any state (e.g. "Dispatched Patrol 7"). False for an unknown id or an
    // empty note.
    Q_INVOKABLE bool addNote(qint64 id, const QString &note);

    int rowOf(qint64 id) const;
    std::optional<Alarm> alarm(qint64 id) const;
    const QList<Alarm> &alarms() const { return m_rows; }
    int duplicates() const { return m_duplicates; }
    // Shows a failure that belongs to the alarms (lastError) — e.g. a platform that could not be told of
    // an acknowledgement. The sentence says what to do.
    void reportError(const QString &text) { setLastError(text); }

    // Platform acknowledgements not yet delivered, kept in the file (AlarmDatabase::PendingAck) so they
    // survive the platform's absence and a restart. Written on the worker; `done` (for pendingAcks, the
    // list) runs on this thread, after what was queued before it.
    void keepPendingAck(const PendingAck &ack);
    void dropPendingAck(const QString &source, const QString &externalId);
    void pendingAcks(const QString &source, std::function<void(QList<PendingAck>)> done);

signals:
    void countChanged();
    void readyChanged();
    void lastErrorChanged();
    void noticeChanged();
    void operatorNameChanged();
    void alarmAdded(const vigil::alarms::Alarm &alarm);
    // A state change is stored (the row already shows it).
    void alarmChanged(const vigil::alarms::Alarm &alarm);

private:
    void onOpened(const QList<Alarm> &rows, const QString &notice, const QString &error);
    void onAdded(const Alarm &alarm);
    void onUpdated(const Alarm &alarm);
    // Writes a changed alarm on the worker; the row follows once stored.
    void save(const Alarm &next);
    // The alarm as the last queued change leaves it (else as stored).
    std::optional<Alarm> latest(qint64 id) const;
    void setLastError(const QString &text);
    // Runs `fn(AlarmDatabase &)` on the worker.
    void post(std::function<void(AlarmDatabase &)> fn);

    QString m_path;
    QThread *m_thread = nullptr;
    std::unique_ptr<QObject> m_workerContext; // lives on m_thread
    std::shared_ptr<AlarmDatabase> m_db;      // used on m_thread only
    QList<Alarm> m_rows;                      // newest first
    QString m_lastError;
    QString m_notice;
    QString m_operator;
    bool m_ready = false;
    QHash<qint64, std::pair<quint64, Alarm>> m_pending; // queued, not yet stored: (sequence, alarm)
    quint64 m_saveSequence = 0;
    int m_duplicates = 0;
};

} // namespace vigil::alarms
