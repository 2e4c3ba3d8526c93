#include "vigil/map/track_store.h"

#include "vigil/map/track_history.h"

#include <algorithm>
#include <cmath>

namespace vigil::map {

TrackFix TrackFix::make(qint64 timeMs, GeoPoint position, double headingDeg, double speedMps)
{
    TrackFix f;
    f.timeMs = timeMs;
    f.latE7 = qint32(std::llround(std::clamp(position.lat, -90.0, 90.0) * 1e7));
    f.lonE7 = qint32(std::llround(std::clamp(position.lon, -180.0, 180.0) * 1e7));
    double h = qIsNaN(headingDeg) ? 0 : std::fmod(headingDeg, 360.0);
    if (h < 0)
        h += 360;
    f.headingCdeg = quint16(std::llround(h * 100) % 36000);
    const double s = qIsNaN(speedMps) ? 0 : std::clamp(speedMps, 0.0, 655.35);
    f.speedCmps = quint16(std::llround(s * 100));
    return f;
}

TrackSample sampleTrack(const QList<TrackFix> &track, qint64 timeMs)
{
    TrackSample s;
    if (track.isEmpty())
        return s;
    s.valid = true;
    auto fromFix = [&s](const TrackFix &f) {
        s.position = f.position();
        s.headingDeg = f.headingDeg();
        s.speedMps = f.speedMps();
        return s;
    };
    if (timeMs <= track.first().timeMs)
        return fromFix(track.first());
    if (timeMs >= track.last().timeMs)
        return fromFix(track.last());
    // The first fix after t; its predecessor is at or before t.
    const auto after = std::upper_bound(track.cbegin(), track.cend(), timeMs,
                                        [](qint64 t, const TrackFix &f) { return t < f.timeMs; });
    const TrackFix &b = *after;
    const TrackFix &a = *(after - 1);
    const double t = double(timeMs - a.timeMs) / double(b.timeMs - a.timeMs);
    const GeoPoint pa = a.position(), pb = b.position();
    s.position = {pa.lat + (pb.lat - pa.lat) * t, pa.lon + (pb.lon - pa.lon) * t};
    double dh = b.headingDeg() - a.headingDeg();
    if (dh > 180)
        dh -= 360;
    else if (dh < -180)
        dh += 360;
    s.headingDeg = std::fmod(a.headingDeg() + dh * t + 360, 360.0);
    s.speedMps = a.speedMps() + (b.speedMps() - a.speedMps()) * t;
    return s;
}

// --- Ring -----------------------------------------------------------------------------------------------

void TrackStore::Ring::popFront(qsizetype n)
{
    n = std::min(n, size);
    if (n <= 0)
        return;
    head = (head + n) % qsizetype(buffer.size());
    size -= n;
}

void TrackStore::Ring::push(const TrackFix &fix, qsizetype capacity)
{
    capacity = std::max<qsizetype>(1, capacity);
    if (size >= capacity) // at the cap: the oldest go
        popFront(size - capacity + 1);
    if (size == qsizetype(buffer.size()))
        reallocate(std::min(capacity, std::max<qsizetype>(64, size * 2)));
    ++size;
    at(size - 1) = fix;
}

void TrackStore::Ring::reallocate(qsizetype capacity)
{
    // Unwrapped: the oldest lands at 0.
    std::vector<TrackFix> fresh(size_t(std::max(capacity, size)));
    for (qsizetype i = 0; i < size; ++i)
        fresh[size_t(i)] = at(i);
    buffer = std::move(fresh);
    head = 0;
}

qsizetype TrackStore::Ring::lowerBound(qint64 timeMs) const
{
    qsizetype lo = 0, hi = size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (at(mid).timeMs < timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

qsizetype TrackStore::Ring::upperBound(qint64 timeMs) const
{
    qsizetype lo = 0, hi = size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (at(mid).timeMs <= timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

// --- TrackStore -----------------------------------------------------------------------------------------

TrackStore::TrackStore(QObject *parent)
    : QObject(parent)
{}

TrackStore::~TrackStore() = default;

void TrackStore::setModel(UnitsModel *model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                    if (!roles.isEmpty() && !roles.contains(UnitsModel::LatitudeRole))
                        return;
                    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                        recordRow(row);
                });
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    for (int row = first; row <= last; ++row)
                        recordRow(row);
                });
        connect(model, &QAbstractItemModel::modelReset, this, &TrackStore::recordAll);
        // The model announces the end of each batch: one signal for the playback side.
        connect(model, &UnitsModel::positionsChanged, this, [this] {
            const bool swept = sweepIfDue();
            if (!m_pending && !swept)
                return;
            m_pending = false;
            emit fixesAdded();
        });
        recordAll();
    }
    emit modelChanged();
}

void TrackStore::setRetentionMinutes(int minutes)
{
    minutes = std::max(1, minutes);
    if (minutes == m_retentionMinutes)
        return;
    m_retentionMinutes = minutes;
    sweep();
    emit retentionMinutesChanged();
    emit fixesAdded();
}

void TrackStore::setMaxFixesPerUnit(int count)
{
    count = std::max(2, count);
    if (count == m_maxFixesPerUnit)
        return;
    m_maxFixesPerUnit = count;
    sweep();
    emit maxFixesPerUnitChanged();
    emit fixesAdded();
}

void TrackStore::setMaxTotalFixes(int count)
{
    count = std::max(60, count);
    if (count == m_maxTotalFixes)
        return;
    m_maxTotalFixes = count;
    sweep();
    emit maxTotalFixesChanged();
    emit fixesAdded();
}

int TrackStore::fixesPerUnitLimit() const
{
    const qsizetype units = std::max<qsizetype>(1, m_tracks.size());
    return int(std::min<qsizetype>(m_maxFixesPerUnit, std::max<qsizetype>(60, m_maxTotalFixes / units)));
}

qint64 TrackStore::memoryBytes() const
{
    qint64 bytes = 0;
    for (const Ring &ring : m_tracks)
        bytes += qint64(ring.buffer.capacity() * sizeof(TrackFix));
    return bytes;
}

void TrackStore::trim(Ring &ring, qint64 newestMs)
{
    const qsizetype before = ring.size;
    const qsizetype limit = fixesPerUnitLimit();
    if (ring.size > limit)
        ring.popFront(ring.size - limit);
    if (ring.size > 0) {
        const qint64 oldest =
            std::max(newestMs, ring.at(ring.size - 1).timeMs) - qint64(m_retentionMinutes) * 60'000;
        ring.popFront(ring.lowerBound(oldest));
    }
    // Give memory back when far below capacity (a lowered cap, a unit that stopped moving long ago).
    if (ring.buffer.size() > 256 && ring.size < qsizetype(ring.buffer.size()) / 4)
        ring.reallocate(std::max<qsizetype>(64, ring.size * 2));
    m_fixCount -= before - ring.size;
}

bool TrackStore::sweep()
{
    const qsizetype unitsBefore = m_tracks.size();
    const qint64 fixesBefore = m_fixCount;
    for (auto it = m_tracks.begin(); it != m_tracks.end();) {
        trim(*it, m_newestMs);
        if (it->size == 0)
            it = m_tracks.erase(it);
        else
            ++it;
    }
    m_sweptAtMs = m_newestMs;
    m_unitsAtSweep = m_tracks.size();
    return m_tracks.size() != unitsBefore || m_fixCount != fixesBefore;
}

bool TrackStore::sweepIfDue()
{
    if (m_newestMs - m_sweptAtMs < kSweepIntervalMs && m_tracks.size() <= m_unitsAtSweep)
        return false;
    return sweep();
}

bool TrackStore::append(const QString &unitId, const TrackFix &fix)
{
    if (unitId.isEmpty())
        return false;
    Ring &ring = m_tracks[unitId];
    if (ring.size > 0) {
        TrackFix &last = ring.at(ring.size - 1);
        if (fix.timeMs < last.timeMs) {
            ++m_dropped;
            return false;
        }
        if (fix.timeMs == last.timeMs) {
            last = fix;
            if (m_history)
                m_history->append(unitId, fix);
            return true;
        }
    }
    if (m_history)
        m_history->append(unitId, fix);
    const qsizetype before = ring.size;
    ring.push(fix, fixesPerUnitLimit());
    m_fixCount += ring.size - before;
    m_newestMs = std::max(m_newestMs, fix.timeMs);
    trim(ring);
    return true;
}

bool TrackStore::record(const QString &unitId, qint64 timeMs, GeoPoint position, double headingDeg,
                        double speedMps)
{
    if (!append(unitId, TrackFix::make(timeMs, position, headingDeg, speedMps)))
        return false;
    sweepIfDue();
    emit fixesAdded();
    return true;
}

int TrackStore::recordTrack(const QString &unitId, const QList<TrackFix> &fixes)
{
    int kept = 0;
    for (const TrackFix &f : fixes)
        kept += append(unitId, f) ? 1 : 0;
    if (kept > 0) {
        sweepIfDue();
        emit fixesAdded();
    }
    return kept;
}

void TrackStore::recordRow(int row)
{
    if (!m_model || row < 0 || row >= m_model->count())
        return;
    const PatrolUnit &u = m_model->units()[row];
    if (!u.lastFix.isValid())
        return;
    m_pending |=
        append(u.id, TrackFix::make(u.lastFix.toMSecsSinceEpoch(), u.position, u.headingDeg, u.speedMps));
}

void TrackStore::recordAll()
{
    if (!m_model)
        return;
    for (int row = 0; row < m_model->count(); ++row)
        recordRow(row);
}

QList<TrackFix> TrackStore::track(const QString &unitId, qint64 fromMs, qint64 toMs) const
{
    QList<TrackFix> out;
    const auto it = m_tracks.constFind(unitId);
    if (it == m_tracks.cend() || toMs < fromMs)
        return out;
    const Ring &ring = it.value();
    const qsizetype first = ring.lowerBound(fromMs);
    const qsizetype last = ring.upperBound(toMs);
    out.reserve(std::max<qsizetype>(0, last - first));
    for (qsizetype i = first; i < last; ++i)
        out.append(ring.at(i));
    return out;
}

int TrackStore::fixCountOf(const QString &unitId) const
{
    const auto it = m_tracks.constFind(unitId);
    return it == m_tracks.cend() ? 0 : int(it->size);
}

qint64 TrackStore::firstTimeMs(const QString &unitId) const
{
    const auto it = m_tracks.constFind(unitId);
    return it == m_tracks.cend() || it->size == 0 ? -1 : it->at(0).timeMs;
}

qint64 TrackStore::lastTimeMs(const QString &unitId) const
{
    const auto it = m_tracks.constFind(unitId);
    return it == m_tracks.cend() || it->size == 0 ? -1 : it->at(it->size - 1).timeMs;
}

QStringList TrackStore::unitIds() const
{
    QStringList ids = m_tracks.keys();
    ids.sort();
    return ids;
}

QDateTime TrackStore::firstFixTime(const QString &unitId) const
{
    const qint64 t = firstTimeMs(unitId);
    return t < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
}

QDateTime TrackStore::lastFixTime(const QString &unitId) const
{
    const qint64 t = lastTimeMs(unitId);
    return t < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
}

void TrackStore::setHistory(TrackHistory *history)
{
    if (history == m_history)
        return;
    m_history = history;
    emit historyChanged();
}

TrackHistory *TrackStore::history() const
{
    return m_history;
}

void TrackStore::removeUnit(const QString &unitId)
{
    if (m_history)
        m_history->removeUnit(unitId);
    const auto it = m_tracks.find(unitId);
    if (it == m_tracks.end())
        return;
    m_fixCount -= it->size;
    m_tracks.erase(it);
    emit fixesAdded();
}

void TrackStore::clear()
{
    if (m_tracks.isEmpty())
        return;
    m_tracks.clear();
    m_fixCount = 0;
    m_newestMs = m_sweptAtMs = kNoTime;
    m_unitsAtSweep = 0;
    emit fixesAdded();
}

} // namespace vigil::map
