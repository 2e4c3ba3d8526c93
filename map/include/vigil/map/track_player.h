#pragma once
// TrackPlayer: replays one unit's recorded track from a TrackStore. Pick `unitId` and a time range
// (`from`/`to`, or showLastMinutes()); the player takes the fixes in that range, and its cursor (`position`)
// runs from the first to the last of them at `rate` (1, 2, 4, ... 64 times real time) while `playing`, or is
// set directly (scrubbing: `position` or `progress`). At the cursor it interpolates the unit's position,
// heading and speed (sampleTrack()); TrackLayer draws the track and the replay marker from it. Playback stops
// at the end of the track; play() from the end starts again from the beginning. Fixes recorded later inside
// the range (or after `from` when `to` is unset) join the track as they arrive. A ~60 Hz QTimer advances the
// cursor by the wall-clock time elapsed times the rate; tests drive advance() directly. With a store that has
// a TrackHistory, the range is read from SQLite on its worker (`loading` meanwhile; the store's recent window
// shows at once) and the store's newer fixes join it, so the track reaches back past a restart. Thread: GUI
// only.
#include "vigil/map/track_store.h"

#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtPositioning/QGeoCoordinate>
#include <QtQml/qqmlregistration.h>

#include <array>

namespace vigil::map {

class TrackPlayer : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(vigil::map::TrackStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString unitId READ unitId WRITE setUnitId NOTIFY unitIdChanged)
    // The requested range (UTC; an invalid end leaves that side open).
    Q_PROPERTY(QDateTime from READ from WRITE setFrom NOTIFY rangeChanged)
    Q_PROPERTY(QDateTime to READ to WRITE setTo NOTIFY rangeChanged)
    // What playback covers: the first and last fix inside the range (invalid when there is none).
    Q_PROPERTY(QDateTime startTime READ startTime NOTIFY trackChanged)
    Q_PROPERTY(QDateTime endTime READ endTime NOTIFY trackChanged)
    Q_PROPERTY(int fixCount READ fixCount NOTIFY trackChanged)
    // Track length in metres.
    Q_PROPERTY(double lengthM READ lengthM NOTIFY trackChanged)
    // The track's bounding box (degrees; NaN without fixes), to fit the map to it.
    Q_PROPERTY(double south READ south NOTIFY trackChanged)
    Q_PROPERTY(double west READ west NOTIFY trackChanged)
    Q_PROPERTY(double north READ north NOTIFY trackChanged)
    Q_PROPERTY(double east READ east NOTIFY trackChanged)
    // The cursor, within [startTime, endTime].
    Q_PROPERTY(QDateTime position READ position WRITE setPosition NOTIFY positionChanged)
    // The cursor as 0..1 of the track's duration (for a scrub slider).
    Q_PROPERTY(double progress READ progress WRITE setProgress NOTIFY positionChanged)
    // Times real time: 1, 2, 4, 8, 16, 32 or 64 (other values snap to the nearest of these).
    Q_PROPERTY(int rate READ rate WRITE setRate NOTIFY rateChanged)
    Q_PROPERTY(bool playing READ playing WRITE setPlaying NOTIFY playingChanged)
    // The range is being read from the store's history (SQLite).
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    // The unit at the cursor (interpolated).
    Q_PROPERTY(bool valid READ valid NOTIFY trackChanged)
    Q_PROPERTY(QGeoCoordinate coordinate READ coordinate NOTIFY positionChanged)
    Q_PROPERTY(double heading READ heading NOTIFY positionChanged)
    Q_PROPERTY(double speed READ speed NOTIFY positionChanged)

public:
    static constexpr int kMinRate = 1;
    static constexpr int kMaxRate = 64;

    explicit TrackPlayer(QObject *parent = nullptr);
    ~TrackPlayer() override;

    TrackStore *store() const { return m_store; }
    void setStore(TrackStore *store);
    QString unitId() const { return m_unitId; }
    void setUnitId(const QString &id);
    QDateTime from() const { return m_from; }
    void setFrom(const QDateTime &from);
    QDateTime to() const { return m_to; }
    void setTo(const QDateTime &to);
    // Both ends at once (one reload).
    Q_INVOKABLE void setRange(const QDateTime &from, const QDateTime &to);
    // The last `minutes` up to now (`now` invalid = the current time); the cursor goes to the start.
    Q_INVOKABLE void showLastMinutes(int minutes, const QDateTime &now = {});

    QDateTime startTime() const;
    QDateTime endTime() const;
    int fixCount() const { return int(m_track.size()); }
    double lengthM() const { return m_lengthM; }
    double south() const { return m_bounds[0]; }
    double west() const { return m_bounds[1]; }
    double north() const { return m_bounds[2]; }
    double east() const { return m_bounds[3]; }
    QDateTime position() const;
    void setPosition(const QDateTime &position);
    double positionMs() const { return m_positionMs; }
    void setPositionMs(double ms);
    double progress() const;
    void setProgress(double progress);
    int rate() const { return m_rate; }
    void setRate(int rate);
    bool playing() const { return m_playing; }
    void setPlaying(bool playing);
    Q_INVOKABLE void play() { setPlaying(true); }
    Q_INVOKABLE void pause() { setPlaying(false); }
    Q_INVOKABLE void togglePlaying() { setPlaying(!m_playing); }
    bool loading() const { return m_loading; }

    bool valid() const { return !m_track.isEmpty(); }
    TrackSample sample() const { return m_sample; }
    QGeoCoordinate coordinate() const;
    double heading() const { return m_sample.headingDeg; }
    double speed() const { return m_sample.speedMps; }
    // The fixes being replayed, oldest first (TrackLayer, tests).
    const QList<TrackFix> &track() const { return m_track; }

    // Moves the cursor on by `wallMs` of real time times the rate (the timer calls this; tests too). Stops at
    // the end.
    Q_INVOKABLE void advance(double wallMs);
    // The snapped rate for any request (1..64, powers of two).
    static int snapRate(int rate);

signals:
    void storeChanged();
    void unitIdChanged();
    void rangeChanged();
    void trackChanged();
    void positionChanged();
    void rateChanged();
    void playingChanged();
    void loadingChanged();
    // Playback reached the end of the track.
    void finished();

private:
    // Reads the range again (from the history too, when the store has one), then assemble().
    void reload(bool resetCursor);
    // m_track = m_past + the store's fixes after it in the range; bounds, length, cursor.
    void assemble(bool resetCursor);
    void setLoading(bool loading);
    void updateSample();
    void tick();

    QPointer<TrackStore> m_store;
    QString m_unitId;
    QDateTime m_from;
    QDateTime m_to;
    QList<TrackFix> m_track;
    QList<TrackFix> m_past; // from the history (or what was shown before new fixes came)
    quint64 m_fetchSerial = 0;
    bool m_loading = false;
    double m_lengthM = 0;
    std::array<double, 4> m_bounds{qQNaN(), qQNaN(), qQNaN(), qQNaN()}; // south, west, north, east
    double m_positionMs = 0;
    TrackSample m_sample;
    int m_rate = 1;
    bool m_playing = false;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace vigil::map
