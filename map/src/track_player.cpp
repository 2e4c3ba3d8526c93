#include "vigil/map/track_player.h"

#include "vigil/map/logging.h"
#include "vigil/map/track_history.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace vigil::map {

namespace {

constexpr int kTickMs = 16;

} // namespace

TrackPlayer::TrackPlayer(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(kTickMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TrackPlayer::tick);
}

TrackPlayer::~TrackPlayer() = default;

int TrackPlayer::snapRate(int rate)
{
    rate = std::clamp(rate, kMinRate, kMaxRate);
    const int below = int(std::bit_floor(unsigned(rate)));
    const int above = below * 2;
    return (rate - below < above - rate || above > kMaxRate) ? below : above;
}

void TrackPlayer::setStore(TrackStore *store)
{
    if (store == m_store)
        return;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (store) {
        // New fixes inside an open range (up to now, or later): take them, keep the cursor.
        connect(store, &TrackStore::fixesAdded, this, [this] {
            if (m_unitId.isEmpty() || !m_store)
                return;
            const qint64 last = m_store->lastTimeMs(m_unitId);
            const qint64 shownLast = m_track.isEmpty() ? -1 : m_track.last().timeMs;
            const bool open = !m_to.isValid() || shownLast < m_to.toMSecsSinceEpoch();
            if (m_store->history()) {
                // The past is the history's; a unit gone from the store was reset (read it again).
                if (last < 0) {
                    reload(false);
                } else if (last > shownLast && open) {
                    m_past = m_track;
                    assemble(false);
                }
                return;
            }
            const bool grew = last != shownLast && open;
            const bool shrank = !m_track.isEmpty() && m_store->firstTimeMs(m_unitId) > m_track.first().timeMs;
            if (grew || shrank || last < 0)
                reload(false);
        });
        connect(store, &TrackStore::historyChanged, this, [this] { reload(false); });
        connect(store, &QObject::destroyed, this, [this] {
            m_store = nullptr;
            reload(false);
        });
    }
    reload(true);
    emit storeChanged();
}

void TrackPlayer::setUnitId(const QString &id)
{
    if (id == m_unitId)
        return;
    m_unitId = id;
    emit unitIdChanged();
    reload(true);
}

void TrackPlayer::setFrom(const QDateTime &from)
{
    setRange(from, m_to);
}

void TrackPlayer::setTo(const QDateTime &to)
{
    setRange(m_from, to);
}

void TrackPlayer::setRange(const QDateTime &from, const QDateTime &to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    emit rangeChanged();
    reload(true);
}

void TrackPlayer::showLastMinutes(int minutes, const QDateTime &now)
{
    const QDateTime end = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    setRange(end.addSecs(-60 * qint64(std::max(1, minutes))), end);
    setPositionMs(m_track.isEmpty() ? 0 : double(m_track.first().timeMs));
}

void TrackPlayer::reload(bool resetCursor)
{
    m_past.clear();
    const quint64 serial = ++m_fetchSerial;
    TrackHistory *history = m_store && !m_unitId.isEmpty() ? m_store->history() : nullptr;
    if (history) {
        const qint64 from =
            m_from.isValid() ? m_from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
        const qint64 to = m_to.isValid() ? m_to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
        setLoading(true);
        history->fetch(m_unitId, from, to, this,
                       [this, serial, resetCursor](const QList<TrackFix> &fixes, const QString &error) {
                           if (serial != m_fetchSerial)
                               return; // a newer request is on its way
                           if (!error.isEmpty())
                               qCWarning(vigilMap).noquote()
                                   << "track playback: the history could not be read:" << error;
                           m_past = fixes;
                           setLoading(false);
                           assemble(resetCursor);
                       });
    } else {
        setLoading(false);
    }
    assemble(resetCursor);
}

void TrackPlayer::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void TrackPlayer::assemble(bool resetCursor)
{
    qint64 from = m_from.isValid() ? m_from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    const qint64 to = m_to.isValid() ? m_to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    m_track = m_past;
    if (!m_past.isEmpty())
        from = std::max(from, m_past.last().timeMs + 1);
    if (m_store && !m_unitId.isEmpty() && from <= to)
        m_track += m_store->track(m_unitId, from, to);
    m_lengthM = 0;
    for (qsizetype i = 1; i < m_track.size(); ++i)
        m_lengthM += greatCircleDistance(m_track[i - 1].position(), m_track[i].position());
    m_bounds = {qQNaN(), qQNaN(), qQNaN(), qQNaN()};
    if (!m_track.isEmpty()) {
        const GeoPoint p0 = m_track.first().position();
        m_bounds = {p0.lat, p0.lon, p0.lat, p0.lon};
        for (const TrackFix &f : std::as_const(m_track)) {
            const GeoPoint p = f.position();
            m_bounds = {std::min(m_bounds[0], p.lat), std::min(m_bounds[1], p.lon),
                        std::max(m_bounds[2], p.lat), std::max(m_bounds[3], p.lon)};
        }
    }
    if (m_track.isEmpty()) {
        m_positionMs = 0;
        if (m_playing) {
            m_playing = false;
            m_timer.stop();
            emit playingChanged();
        }
    } else if (resetCursor) {
        m_positionMs = double(m_track.first().timeMs);
    } else {
        m_positionMs =
            std::clamp(m_positionMs, double(m_track.first().timeMs), double(m_track.last().timeMs));
    }
    emit trackChanged();
    updateSample();
}

QDateTime TrackPlayer::startTime() const
{
    return m_track.isEmpty() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(m_track.first().timeMs, Qt::UTC);
}

QDateTime TrackPlayer::endTime() const
{
    return m_track.isEmpty() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(m_track.last().timeMs, Qt::UTC);
}

QDateTime TrackPlayer::position() const
{
    return m_track.isEmpty() ? QDateTime()
                             : QDateTime::fromMSecsSinceEpoch(qint64(std::llround(m_positionMs)), Qt::UTC);
}

void TrackPlayer::setPosition(const QDateTime &position)
{
    if (position.isValid())
        setPositionMs(double(position.toMSecsSinceEpoch()));
}

void TrackPlayer::setPositionMs(double ms)
{
    if (m_track.isEmpty())
        return;
    ms = std::clamp(ms, double(m_track.first().timeMs), double(m_track.last().timeMs));
    if (ms == m_positionMs)
        return;
    m_positionMs = ms;
    updateSample();
}

double TrackPlayer::progress() const
{
    if (m_track.size() < 2)
        return 0;
    const double first = double(m_track.first().timeMs);
    return (m_positionMs - first) / (double(m_track.last().timeMs) - first);
}

void TrackPlayer::setProgress(double progress)
{
    if (m_track.isEmpty())
        return;
    const double first = double(m_track.first().timeMs);
    setPositionMs(first + std::clamp(progress, 0.0, 1.0) * (double(m_track.last().timeMs) - first));
}

void TrackPlayer::setRate(int rate)
{
    rate = snapRate(rate);
    if (rate == m_rate)
        return;
    m_rate = rate;
    emit rateChanged();
}

void TrackPlayer::setPlaying(bool playing)
{
    if (playing && m_track.size() < 2)
        playing = false; // nothing to replay
    if (playing == m_playing)
        return;
    if (playing && m_positionMs >= double(m_track.last().timeMs))
        setPositionMs(double(m_track.first().timeMs)); // from the end: again from the start
    m_playing = playing;
    if (playing) {
        m_clock.start();
        m_timer.start();
    } else {
        m_timer.stop();
    }
    emit playingChanged();
}

void TrackPlayer::tick()
{
    // Real elapsed time, not the nominal interval: a late timer does not slow the replay down.
    const double wallMs = double(m_clock.nsecsElapsed()) / 1e6;
    m_clock.restart();
    advance(wallMs);
}

void TrackPlayer::advance(double wallMs)
{
    if (m_track.isEmpty() || wallMs <= 0)
        return;
    const double end = double(m_track.last().timeMs);
    setPositionMs(m_positionMs + wallMs * m_rate);
    if (m_playing && m_positionMs >= end) {
        setPlaying(false);
        emit finished();
    }
}

void TrackPlayer::updateSample()
{
    m_sample = sampleTrack(m_track, qint64(std::llround(m_positionMs)));
    emit positionChanged();
}

QGeoCoordinate TrackPlayer::coordinate() const
{
    return m_sample.valid ? QGeoCoordinate(m_sample.position.lat, m_sample.position.lon) : QGeoCoordinate();
}

} // namespace vigil::map
