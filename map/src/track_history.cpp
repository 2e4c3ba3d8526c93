#include "vigil/map/track_history.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/sqlite_file.h"
#include "vigil/map/logging.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QPointer>
#include <QtCore/QThread>
#include <QtCore/QWaitCondition>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <optional>
#include <vector>

namespace vigil::map {

namespace {

struct Msg
{
    Q_DECLARE_TR_FUNCTIONS(vigil::map::TrackHistory)
};

constexpr int kSchemaVersion = 1;

// Fixes per INSERT statement: Qt Sql's cost per exec() (not SQLite's per row) dominated one row per
// statement.
constexpr int kRowsPerInsert = 100;

// Fixes clustered by (unit, time): a unit's hour is one range of adjacent pages. The time index serves
// retention (the oldest first) without scanning the table.
const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS units (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS fixes (unit INTEGER NOT NULL, t INTEGER NOT NULL, lat INTEGER NOT NULL, "
    "lon INTEGER NOT NULL, heading INTEGER NOT NULL, speed INTEGER NOT NULL, PRIMARY KEY (unit, t)) "
    "WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS fixes_time ON fixes (t)",
    // A table of another shape (a file of something else) fails here.
    "SELECT unit, t, lat, lon, heading, speed FROM fixes LIMIT 1",
};

// A queued step: a fix to store, or (forget) a unit's history to drop, in the order they were asked for.
struct Op
{
    QString unit;
    TrackFix fix;
    bool forget = false;
};

// CPU time of the calling thread (the worker's own cost, without the time it waited for a core).
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

struct TrackHistory::Shared
{
    explicit Shared(const QString &p, const TrackHistoryOptions &o)
        : path(p)
        , options(o)
    {}

    const QString path;
    TrackHistory *owner = nullptr; // GUI thread; the destructor stops the worker before it goes
    QThread *thread = nullptr;
    std::unique_ptr<QObject> context; // lives on `thread`

    // Worker only.
    core::SqliteFile file{QStringLiteral("tracks")};
    std::optional<QSqlQuery> insert;     // one row
    std::optional<QSqlQuery> insertMany; // kRowsPerInsert rows
    QHash<QString, qint64> unitKeys;
    qint64 retainedAtMs = 0;

    // Under mutex.
    mutable QMutex mutex;
    QWaitCondition written;
    TrackHistoryOptions options;
    std::vector<Op> queue;
    bool drainPosted = false;
    quint64 opsQueued = 0;
    quint64 opsDone = 0;
    QString lastError;
    QString notice;

    std::atomic<qint64> appended{0};
    std::atomic<qint64> committed{0};
    std::atomic<qint64> dropped{0};
    std::atomic<qint64> workerNs{0};
    std::atomic<qint64> workerCpuNs{0};

    void post(std::function<void(Shared &)> fn, Qt::ConnectionType type = Qt::QueuedConnection);
    void emitToOwner(std::function<void(TrackHistory *)> fn);
    void setError(const QString &text);

    // Worker thread.
    void open();
    void drain();
    bool write(const std::vector<Op> &ops, qint64 *fixes);
    qint64 unitKey(const QString &name, bool create);
    qint64 retain(qint64 nowMs);
    qint64 usedBytes();
    QList<TrackFix> track(const QString &unit, qint64 fromMs, qint64 toMs, QString *error);
};

void TrackHistory::Shared::post(std::function<void(Shared &)> fn, Qt::ConnectionType type)
{
    // The owner's destructor runs the last job (blocking) and stops the thread before this state goes.
    QMetaObject::invokeMethod(
        context.get(), [self = this, fn = std::move(fn)] { fn(*self); }, type);
}

void TrackHistory::Shared::emitToOwner(std::function<void(TrackHistory *)> fn)
{
    // Posted to the owner itself: Qt drops events of a deleted receiver, and the owner's destructor stops
    // this thread before it goes.
    TrackHistory *o = owner;
    QMetaObject::invokeMethod(
        o, [o, fn = std::move(fn)] { fn(o); }, Qt::QueuedConnection);
}

void TrackHistory::Shared::setError(const QString &text)
{
    QMutexLocker lock(&mutex);
    const bool fresh = lastError != text;
    lastError = text;
    lock.unlock();
    if (!fresh)
        return;
    qCWarning(vigilMap).noquote() << "track history:" << text;
    emitToOwner([text](TrackHistory *h) { emit h->problem(text); });
}

void TrackHistory::Shared::open()
{
    const auto schema = [](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        for (const char *sql : kSchema) {
            if (!q.exec(QString::fromLatin1(sql)))
                return q.lastError().text();
            q.finish();
        }
        q.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
        // The log is truncated back to 64 MiB after a checkpoint instead of keeping its high-water mark.
        q.exec(QStringLiteral("PRAGMA journal_size_limit=67108864"));
        return {};
    };
    // A 64 MiB page cache keeps the leaf page each unit is writing to (10,000 units) in memory.
    const bool ok = file.open(path, schema, {true, 64 * 1024});
    if (!file.keptAs().isEmpty()) {
        const QString text = Msg::tr("The track history was damaged (%1); it was kept as %2 and a new, empty "
                                     "one was started. Earlier tracks are in the kept file.")
                                 .arg(file.damage(), file.keptAs());
        qCWarning(vigilMap).noquote() << text;
        QMutexLocker lock(&mutex);
        notice = text;
        lock.unlock();
        emitToOwner([text](TrackHistory *h) { emit h->problem(text); });
    }
    if (!ok) {
        if (!file.damage().isEmpty() && file.keptAs().isEmpty())
            setError(Msg::tr("The track history %1 is damaged (%2) and could not be moved aside: tracks are "
                             "not being kept. Move the file away, then start Vigil again.")
                         .arg(path, file.damage()));
        else
            setError(Msg::tr("The track history %1 cannot be opened (%2): tracks are not being kept. Check "
                             "that the folder is writable and the disk has room, then start Vigil again.")
                         .arg(path, file.error()));
        return;
    }
    const QString sql =
        QStringLiteral("INSERT OR REPLACE INTO fixes (unit, t, lat, lon, heading, speed) VALUES ");
    const QString row = QStringLiteral("(?, ?, ?, ?, ?, ?)");
    insert.emplace(file.database());
    insert->prepare(sql + row);
    QStringList rows;
    for (int i = 0; i < kRowsPerInsert; ++i)
        rows.append(row);
    insertMany.emplace(file.database());
    insertMany->prepare(sql + rows.join(QStringLiteral(", ")));
    retain(QDateTime::currentMSecsSinceEpoch());
}

qint64 TrackHistory::Shared::unitKey(const QString &name, bool create)
{
    const auto it = unitKeys.constFind(name);
    if (it != unitKeys.cend())
        return *it;
    QSqlQuery q(file.database());
    q.prepare(QStringLiteral("SELECT id FROM units WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next()) {
        const qint64 key = q.value(0).toLongLong();
        unitKeys.insert(name, key);
        return key;
    }
    if (!create)
        return -1;
    q.prepare(QStringLiteral("INSERT INTO units (name) VALUES (?)"));
    q.addBindValue(name);
    if (!q.exec())
        return -1;
    const qint64 key = q.lastInsertId().toLongLong();
    unitKeys.insert(name, key);
    return key;
}

bool TrackHistory::Shared::write(const std::vector<Op> &ops, qint64 *fixes)
{
    QSqlDatabase db = file.database();
    if (!db.transaction()) {
        file.setError(db.lastError().text());
        return false;
    }
    QString why;
    for (size_t i = 0; i < ops.size() && why.isEmpty();) {
        const Op &op = ops[i];
        if (op.forget) {
            const qint64 key = unitKey(op.unit, false);
            ++i;
            if (key < 0)
                continue;
            QSqlQuery q(db);
            q.prepare(QStringLiteral("DELETE FROM fixes WHERE unit = ?"));
            q.addBindValue(key);
            if (!q.exec())
                why = q.lastError().text();
            continue;
        }
        // A run of fixes: kRowsPerInsert to a statement while there are that many, then one by one.
        size_t run = 0;
        while (run < size_t(kRowsPerInsert) && i + run < ops.size() && !ops[i + run].forget)
            ++run;
        const size_t n = run == size_t(kRowsPerInsert) ? run : 1;
        QSqlQuery &q = n > 1 ? *insertMany : *insert;
        for (size_t k = 0; k < n; ++k) {
            const Op &o = ops[i + k];
            const qint64 key = unitKey(o.unit, true);
            if (key < 0) {
                why = QStringLiteral("the unit %1 could not be added").arg(o.unit);
                break;
            }
            const int at = int(k) * 6;
            q.bindValue(at, key);
            q.bindValue(at + 1, o.fix.timeMs);
            q.bindValue(at + 2, o.fix.latE7);
            q.bindValue(at + 3, o.fix.lonE7);
            q.bindValue(at + 4, o.fix.headingCdeg);
            q.bindValue(at + 5, o.fix.speedCmps);
        }
        if (!why.isEmpty())
            break;
        if (!q.exec()) {
            why = q.lastError().text();
            break;
        }
        *fixes += qint64(n);
        i += n;
    }
    if (why.isEmpty() && db.commit())
        return true;
    if (why.isEmpty())
        why = db.lastError().text();
    db.rollback();
    unitKeys.clear(); // ids added in the rolled-back transaction are gone
    file.setError(why);
    return false;
}

void TrackHistory::Shared::drain()
{
    QMutexLocker lock(&mutex);
    std::vector<Op> ops;
    ops.swap(queue);
    queue.reserve(ops.size()); // the next second's batch is about as big: no regrowing under the lock
    drainPosted = false;
    lock.unlock();
    if (ops.empty())
        return;
    QElapsedTimer timer;
    timer.start();
    const qint64 cpu0 = threadCpuNs();
    qint64 fixes = 0;
    const bool ok = file.isOpen() && write(ops, &fixes);
    workerNs += timer.nsecsElapsed();
    workerCpuNs += threadCpuNs() - cpu0;
    const qint64 total = committed += ok ? fixes : 0;
    lock.relock();
    opsDone += ops.size();
    written.wakeAll();
    lock.unlock();
    if (ok) {
        emitToOwner([total](TrackHistory *h) { emit h->committed(total); });
        QMutexLocker l(&mutex);
        const bool recovered = !lastError.isEmpty();
        lastError.clear();
        if (recovered)
            qCInfo(vigilMap) << "track history: writing again";
    } else if (file.isOpen()) {
        setError(Msg::tr("Track fixes could not be written to %1 (%2). Check that the disk has room; tracks "
                         "are kept for the last two hours only until then.")
                     .arg(path, file.error()));
    }
    lock.relock();
    const int interval = options.retentionIntervalMs;
    lock.unlock();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (file.isOpen() && now - retainedAtMs >= interval)
        retain(now);
}

qint64 TrackHistory::Shared::usedBytes()
{
    QSqlQuery q(file.database());
    auto one = [&q](const char *sql) {
        return q.exec(QString::fromLatin1(sql)) && q.next() ? q.value(0).toLongLong() : 0;
    };
    return (one("PRAGMA page_count") - one("PRAGMA freelist_count")) * one("PRAGMA page_size");
}

qint64 TrackHistory::Shared::retain(qint64 nowMs)
{
    retainedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (!file.isOpen())
        return 0;
    QMutexLocker lock(&mutex);
    const TrackHistoryOptions o = options;
    lock.unlock();
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase db = file.database();
    QSqlQuery q(db);
    qint64 deleted = 0;
    auto deleteUpTo = [&](qint64 timeMs, bool inclusive) {
        q.prepare(inclusive ? QStringLiteral("DELETE FROM fixes WHERE t <= ?")
                            : QStringLiteral("DELETE FROM fixes WHERE t < ?"));
        q.addBindValue(timeMs);
        if (!q.exec()) {
            qCWarning(vigilMap).noquote() << "track history: retention:" << q.lastError().text();
            return false;
        }
        deleted += q.numRowsAffected();
        return true;
    };
    deleteUpTo(nowMs - o.maxAgeMs, false);
    // By size: the oldest fixes first, down to 90% of the limit (freed pages are reused, not returned).
    for (int pass = 0; pass < 16; ++pass) {
        const qint64 used = usedBytes();
        if (used <= o.maxBytes)
            break;
        qint64 count = 0;
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM fixes")) && q.next())
            count = q.value(0).toLongLong();
        if (count == 0)
            break;
        const double excess = double(used) - 0.9 * double(o.maxBytes);
        const qint64 n = std::clamp<qint64>(qint64(double(count) * excess / double(used)), 1, count);
        q.prepare(QStringLiteral("SELECT t FROM fixes ORDER BY t LIMIT 1 OFFSET ?"));
        q.addBindValue(n - 1);
        if (!q.exec() || !q.next() || !deleteUpTo(q.value(0).toLongLong(), true))
            break;
    }
    q.finish();
    if (deleted > 0)
        qCInfo(vigilMap).noquote() << "track history: retention removed" << deleted << "fixes in"
                                   << timer.elapsed() << "ms";
    emitToOwner([deleted](TrackHistory *h) { emit h->retained(deleted); });
    return deleted;
}

QList<TrackFix> TrackHistory::Shared::track(const QString &unit, qint64 fromMs, qint64 toMs, QString *error)
{
    QList<TrackFix> out;
    if (!file.isOpen()) {
        *error = file.error();
        return out;
    }
    const qint64 key = unitKey(unit, false);
    if (key < 0 || toMs < fromMs)
        return out;
    QSqlQuery q(file.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t, lat, lon, heading, speed FROM fixes WHERE unit = ? AND t >= ? AND "
                             "t <= ? ORDER BY t"));
    q.addBindValue(key);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        *error = q.lastError().text();
        return out;
    }
    while (q.next()) {
        TrackFix f;
        f.timeMs = q.value(0).toLongLong();
        f.latE7 = qint32(q.value(1).toLongLong());
        f.lonE7 = qint32(q.value(2).toLongLong());
        f.headingCdeg = quint16(q.value(3).toUInt());
        f.speedCmps = quint16(q.value(4).toUInt());
        out.append(f);
    }
    return out;
}

// --- TrackHistory -----------------------------------------------------------------------------------------

TrackHistory::TrackHistory(const QString &path, TrackHistoryOptions options, QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>(path, options))
{
    m_shared->owner = this;
    m_shared->thread = new QThread;
    m_shared->thread->setObjectName(QStringLiteral("track-history"));
    m_shared->context = std::make_unique<QObject>();
    m_shared->context->moveToThread(m_shared->thread);
    m_shared->thread->start();
    m_shared->post([](Shared &s) { s.open(); });
}

TrackHistory::~TrackHistory()
{
    // What is queued is written, then the file closes on its own thread (its connection belongs there);
    // blocking, since quit() would drop jobs still waiting.
    m_shared->post(
        [](Shared &s) {
            s.drain();
            s.insert.reset();
            s.insertMany.reset();
            s.file.close();
        },
        Qt::BlockingQueuedConnection);
    m_shared->thread->quit();
    m_shared->thread->wait();
    m_shared->context.reset();
    delete m_shared->thread;
    m_shared->thread = nullptr;
}

void TrackHistory::append(const QString &unitId, const TrackFix &fix)
{
    enqueue(unitId, &fix, 1);
}

void TrackHistory::append(const QString &unitId, const QList<TrackFix> &fixes)
{
    enqueue(unitId, fixes.constData(), fixes.size());
}

void TrackHistory::enqueue(const QString &unitId, const TrackFix *fixes, qsizetype count)
{
    if (unitId.isEmpty() || count <= 0)
        return;
    Shared &s = *m_shared;
    QMutexLocker lock(&s.mutex);
    const qsizetype room = std::max<qsizetype>(0, s.options.maxQueued - qsizetype(s.queue.size()));
    const qsizetype taken = std::min(room, count);
    for (qsizetype i = 0; i < taken; ++i)
        s.queue.push_back({unitId, fixes[i], false});
    s.opsQueued += quint64(taken);
    s.appended += taken;
    if (taken < count) {
        const qint64 before = s.dropped.fetch_add(count - taken);
        if (before == 0)
            qCWarning(vigilMap) << "track history: the writer is behind by" << s.queue.size()
                                << "fixes; newer fixes are dropped until it catches up";
    }
    if (s.drainPosted || taken == 0)
        return;
    s.drainPosted = true;
    lock.unlock();
    s.post([](Shared &w) { w.drain(); });
}

void TrackHistory::removeUnit(const QString &unitId)
{
    Shared &s = *m_shared;
    QMutexLocker lock(&s.mutex);
    s.queue.push_back({unitId, {}, true});
    ++s.opsQueued;
    if (s.drainPosted)
        return;
    s.drainPosted = true;
    lock.unlock();
    s.post([](Shared &w) { w.drain(); });
}

void TrackHistory::fetch(const QString &unitId, qint64 fromMs, qint64 toMs, QObject *context, Fixes done)
{
    QPointer<QObject> guard(context);
    m_shared->post([unitId, fromMs, toMs, guard, done = std::move(done)](Shared &s) {
        s.drain(); // everything appended before the call
        QString error;
        const QList<TrackFix> fixes = s.track(unitId, fromMs, toMs, &error);
        core::postToApp([guard, fixes, error, done] {
            if (guard && done)
                done(fixes, error);
        });
    });
}

void TrackHistory::setRetention(qint64 maxAgeMs, qint64 maxBytes)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->options.maxAgeMs = std::max<qint64>(60'000, maxAgeMs);
    m_shared->options.maxBytes = std::max<qint64>(64 * 1024, maxBytes);
}

void TrackHistory::applyRetention(qint64 nowMs)
{
    m_shared->post([nowMs](Shared &s) {
        s.drain();
        s.retain(nowMs < 0 ? QDateTime::currentMSecsSinceEpoch() : nowMs);
    });
}

bool TrackHistory::flush(int timeoutMs)
{
    Shared &s = *m_shared;
    QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&s.mutex);
    const quint64 target = s.opsQueued;
    while (s.opsDone < target)
        if (!s.written.wait(&s.mutex, deadline))
            return false;
    return true;
}

QString TrackHistory::path() const
{
    return m_shared->path;
}

qint64 TrackHistory::appendedCount() const
{
    return m_shared->appended;
}

qint64 TrackHistory::committedCount() const
{
    return m_shared->committed;
}

qint64 TrackHistory::droppedCount() const
{
    return m_shared->dropped;
}

qint64 TrackHistory::workerNanos() const
{
    return m_shared->workerNs;
}

qint64 TrackHistory::workerCpuNanos() const
{
    return m_shared->workerCpuNs;
}

QString TrackHistory::lastError() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->lastError;
}

QString TrackHistory::notice() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->notice;
}

} // namespace vigil::map
