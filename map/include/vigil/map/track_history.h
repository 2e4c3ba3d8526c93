#pragma once
// TrackHistory: every unit's fixes in SQLite (issue 10), so that track playback reaches back past a restart.
// One file (cacheDir()/tracks.db in the app), WAL, a table of compact fixes clustered by unit and time (a
// unit's hour is one range read) with an index on time for retention. append() only queues the fix under a
// mutex (the caller's cost, see tests/bench/track_history); a worker thread that owns the file's connection
// writes whatever has queued in one transaction. Retention runs on the worker at open and every few minutes:
// fixes older than maxAgeMs go, and when the file's used pages pass maxBytes the oldest fixes go first until
// it is under 90% of it (freed pages are reused, so the file stops growing there). A damaged file is moved
// aside (tracks.db.corrupt-<time>) and a new one started; notice() and problem() say so.
//
// Thread: append(), removeUnit(), the counters and flush() from any thread; the rest on the owner's thread.
// fetch() answers on the GUI thread.
#include "vigil/map/track_store.h"

#include <QtCore/QObject>
#include <QtCore/QString>

#include <functional>
#include <memory>

namespace vigil::map {

struct TrackHistoryOptions
{
    qint64 maxAgeMs = 30LL * 24 * 3600 * 1000;  // 30 days
    qint64 maxBytes = 2LL * 1024 * 1024 * 1024; // 2 GiB of used pages
    int retentionIntervalMs = 5 * 60 * 1000;    // how often the worker applies retention (wall clock)
    qsizetype maxQueued = 2'000'000;            // fixes waiting for the worker; beyond this they are dropped
};

class TrackHistory : public QObject
{
    Q_OBJECT

public:
    explicit TrackHistory(const QString &path, TrackHistoryOptions options = {}, QObject *parent = nullptr);
    ~TrackHistory() override; // writes what is queued, then closes the file on its worker

    // Queues a fix (a fix with the same unit and time as a stored one replaces it).
    void append(const QString &unitId, const TrackFix &fix);
    void append(const QString &unitId, const QList<TrackFix> &fixes);
    // Forgets the unit's stored fixes (in order with the appends: fixes queued after this call stay).
    void removeUnit(const QString &unitId);

    using Fixes = std::function<void(const QList<TrackFix> &fixes, const QString &error)>;
    // The unit's stored fixes with from <= time <= to, oldest first, including every fix appended before
    // the call; `done` runs on the GUI thread unless `context` is gone by then.
    void fetch(const QString &unitId, qint64 fromMs, qint64 toMs, QObject *context, Fixes done);

    // New limits; they apply at the next retention pass (applyRetention() to run one now).
    void setRetention(qint64 maxAgeMs, qint64 maxBytes);
    // Runs retention on the worker against `nowMs` (-1 = the current time), then emits retained().
    void applyRetention(qint64 nowMs = -1);

    // Blocks until every fix appended before the call is written (or failed), at most `timeoutMs`.
    bool flush(int timeoutMs = 5000);

    QString path() const;
    qint64 appendedCount() const;  // fixes queued since start
    qint64 committedCount() const; // of those, in committed transactions
    qint64 droppedCount() const;   // refused because the queue was full
    qint64 workerNanos() const;    // wall time the worker spent writing (for the benchmark)
    qint64 workerCpuNanos() const; // the worker's CPU time in those writes
    // Translated sentences: the file could not be opened or written (what to do), or it was replaced.
    QString lastError() const;
    QString notice() const;

signals:
    // After each transaction: how many fixes are committed in all since start.
    void committed(qint64 total);
    // A retention pass finished: `deleted` fixes went.
    void retained(qint64 deleted);
    // The file had to be replaced, or writing failed (the text says what happened and what to do).
    void problem(const QString &text);

private:
    void enqueue(const QString &unitId, const TrackFix *fixes, qsizetype count);

    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace vigil::map
