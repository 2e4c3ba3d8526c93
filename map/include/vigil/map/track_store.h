#pragma once
// TrackStore: the recent history of every unit's fixes, for track playback. It records each fix a UnitsModel
// publishes (unit id, UTC time, position, heading, speed) into one ring per unit of compact 24-byte fixes,
// bounded twice: fixes older than `retentionMinutes` behind the newest fix are trimmed, and a unit keeps
// at most `maxFixesPerUnit` (the oldest go first) — and at most its share of `maxTotalFixes` across all units
// (4 M fixes = 96 MB by default, so 1,000 units at 1 Hz keep ~67 min and a few dozen keep the full two
// hours). A unit trims itself as it records; a sweep at the end of a batch (at most once per minute of fix
// time, or when new units joined) trims every track against the newest fix of all units and the current
// share, and forgets units with nothing left, so units that went silent (or ids that changed) do not
// keep their history or their share forever. track(id, from, to) answers a time range by binary search.
// Fixes must arrive in time order per unit; an older one is dropped (and counted), one with the same time
// replaces the last. The rings are the recent window the map and playback use at once; with a `history`
// (TrackHistory, SQLite) every kept fix is also queued to it, and TrackPlayer reads the past from there, so
// tracks survive a restart (without one, a restart starts empty). Thread: GUI only.
#include "vigil/map/geo.h"
#include "vigil/map/units_model.h"

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

#include <limits>
#include <vector>

namespace vigil::map {

class TrackHistory;

// One fix, packed: 1e-7 degree (1 cm) positions, 0.01 degree headings, 1 cm/s speeds (up to 655 m/s).
struct TrackFix
{
    qint64 timeMs = 0; // UTC, ms since the epoch
    qint32 latE7 = 0;
    qint32 lonE7 = 0;
    quint16 headingCdeg = 0;
    quint16 speedCmps = 0;

    static TrackFix make(qint64 timeMs, GeoPoint position, double headingDeg, double speedMps);
    GeoPoint position() const { return {latE7 * 1e-7, lonE7 * 1e-7}; }
    double headingDeg() const { return headingCdeg / 100.0; }
    double speedMps() const { return speedCmps / 100.0; }
    friend bool operator==(const TrackFix &, const TrackFix &) = default;
};
static_assert(sizeof(TrackFix) == 24);

// Where a unit was at time t on a track (fixes in time order): linear between the two fixes around t, the
// heading turning the short way round; clamped to the first/last fix outside the track. `valid` is false
// for an empty track.
struct TrackSample
{
    bool valid = false;
    GeoPoint position;
    double headingDeg = 0;
    double speedMps = 0;
};
TrackSample sampleTrack(const QList<TrackFix> &track, qint64 timeMs);

class TrackStore : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // Record every fix this model publishes (null = record only what record() is given).
    Q_PROPERTY(vigil::map::UnitsModel *model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(
        int retentionMinutes READ retentionMinutes WRITE setRetentionMinutes NOTIFY retentionMinutesChanged)
    Q_PROPERTY(
        int maxFixesPerUnit READ maxFixesPerUnit WRITE setMaxFixesPerUnit NOTIFY maxFixesPerUnitChanged)
    // The budget for all units together; each unit keeps at most maxTotalFixes / unitCount (at least 60).
    Q_PROPERTY(int maxTotalFixes READ maxTotalFixes WRITE setMaxTotalFixes NOTIFY maxTotalFixesChanged)
    Q_PROPERTY(int unitCount READ unitCount NOTIFY fixesAdded)
    Q_PROPERTY(int fixCount READ fixCount NOTIFY fixesAdded)

public:
    explicit TrackStore(QObject *parent = nullptr);
    ~TrackStore() override;

    UnitsModel *model() const { return m_model; }
    void setModel(UnitsModel *model);
    int retentionMinutes() const { return m_retentionMinutes; }
    void setRetentionMinutes(int minutes);
    int maxFixesPerUnit() const { return m_maxFixesPerUnit; }
    void setMaxFixesPerUnit(int count);
    int maxTotalFixes() const { return m_maxTotalFixes; }
    void setMaxTotalFixes(int count);
    // What one unit may keep now: min(maxFixesPerUnit, max(60, maxTotalFixes / unitCount)).
    int fixesPerUnitLimit() const;

    int unitCount() const { return int(m_tracks.size()); }
    int fixCount() const { return int(m_fixCount); }
    // Fixes dropped because they were older than the unit's newest.
    qint64 droppedCount() const { return m_dropped; }
    // Bytes held by the rings (capacity, not just size).
    qint64 memoryBytes() const;

    // Where every kept fix also goes (null = memory only); not owned. removeUnit() forgets there too.
    void setHistory(TrackHistory *history);
    TrackHistory *history() const;

    // Adds one fix; false (and dropped) if older than the unit's newest fix or the id is empty.
    bool record(const QString &unitId, qint64 timeMs, GeoPoint position, double headingDeg, double speedMps);
    // Many fixes of one unit at once (in time order; one fixesAdded()). Returns how many were kept.
    int recordTrack(const QString &unitId, const QList<TrackFix> &fixes);
    // The unit's fixes with from <= time <= to, oldest first (empty for an unknown unit).
    QList<TrackFix> track(const QString &unitId, qint64 fromMs, qint64 toMs) const;
    int fixCountOf(const QString &unitId) const;
    // First and last fix times of a unit (-1 if none).
    qint64 firstTimeMs(const QString &unitId) const;
    qint64 lastTimeMs(const QString &unitId) const;
    Q_INVOKABLE QStringList unitIds() const;
    Q_INVOKABLE QDateTime firstFixTime(const QString &unitId) const;
    Q_INVOKABLE QDateTime lastFixTime(const QString &unitId) const;
    Q_INVOKABLE void removeUnit(const QString &unitId);
    // Empties the rings (the history keeps its fixes).
    Q_INVOKABLE void clear();

signals:
    void modelChanged();
    void retentionMinutesChanged();
    void maxFixesPerUnitChanged();
    void maxTotalFixesChanged();
    void historyChanged();
    // New fixes were recorded (once per model batch, or per record() call), or tracks were removed.
    void fixesAdded();

private:
    // A growable ring (doubling up to the unit's limit), oldest first.
    struct Ring
    {
        std::vector<TrackFix> buffer;
        qsizetype head = 0;
        qsizetype size = 0;
        const TrackFix &at(qsizetype i) const
        {
            return buffer[size_t((head + i) % qsizetype(buffer.size()))];
        }
        TrackFix &at(qsizetype i) { return buffer[size_t((head + i) % qsizetype(buffer.size()))]; }
        void popFront(qsizetype n);
        void push(const TrackFix &fix, qsizetype capacity);
        void reallocate(qsizetype capacity);
        qsizetype lowerBound(qint64 timeMs) const; // first index with time >= timeMs
        qsizetype upperBound(qint64 timeMs) const; // first index with time > timeMs
    };
    bool append(const QString &unitId, const TrackFix &fix);
    void recordRow(int row);
    void recordAll();
    // Trims by count and by age behind max(newestMs, the ring's newest).
    void trim(Ring &ring, qint64 newestMs = kNoTime);
    // Trims every track against m_newestMs and erases empty ones; true if anything went.
    bool sweep();
    // sweep() when fix time moved on by kSweepIntervalMs since the last one or units joined.
    bool sweepIfDue();

    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min() / 2;
    static constexpr qint64 kSweepIntervalMs = 60'000;

    QPointer<UnitsModel> m_model;
    QPointer<TrackHistory> m_history;
    int m_retentionMinutes = 120;
    int m_maxFixesPerUnit = 7200;
    int m_maxTotalFixes = 4'000'000;
    QHash<QString, Ring> m_tracks;
    qint64 m_fixCount = 0;
    qint64 m_dropped = 0;
    bool m_pending = false;       // recorded since the last fixesAdded()
    qint64 m_newestMs = kNoTime;  // the newest fix time of all units
    qint64 m_sweptAtMs = kNoTime; // m_newestMs at the last sweep
    qsizetype m_unitsAtSweep = 0;
};

} // namespace vigil::map
