#pragma once
// TrackLayer: the track a TrackPlayer replays — the polyline (the part already replayed strong, the rest
// pale, over a white casing), a dot and an "HH:MM" time label at every whole minute (local time; labels
// closer than ~60 px to one already drawn are left out, so zooming out thins them instead of piling them up),
// start (green) and end (red) markers, and the replay marker: an arrow at the cursor, turned to the
// interpolated heading. Everything is one batched geometry (see MapLayer), labels from its glyph atlas.
// Points closer than 1.5 px to the previous one are skipped, so a long 1 Hz track costs what it shows.
// Thread: GUI, except buildVertices() (render thread, GUI blocked).
#include "vigil/map/map_layer.h"
#include "vigil/map/track_player.h"

namespace vigil::map {

class TrackLayer : public vigil::map::MapLayer // qualified: qmltyperegistrar matches base names literally
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(vigil::map::TrackPlayer *player READ player WRITE setPlayer NOTIFY playerChanged)
    // Seconds between time labels (60 = every whole minute).
    Q_PROPERTY(int labelIntervalSeconds READ labelIntervalSeconds WRITE setLabelIntervalSeconds NOTIFY
                   labelIntervalSecondsChanged)
    // While the player plays, pan the map when the replay marker gets near the edge (within 10 % of the
    // view), putting it back in the centre: a replay never drives off screen.
    Q_PROPERTY(
        bool keepMarkerInView READ keepMarkerInView WRITE setKeepMarkerInView NOTIFY keepMarkerInViewChanged)

public:
    explicit TrackLayer(QQuickItem *parent = nullptr);
    ~TrackLayer() override;

    TrackPlayer *player() const { return m_player; }
    void setPlayer(TrackPlayer *player);
    int labelIntervalSeconds() const { return m_labelIntervalS; }
    void setLabelIntervalSeconds(int seconds);
    bool keepMarkerInView() const { return m_keepMarkerInView; }
    void setKeepMarkerInView(bool keep);
    // What the last build drew (tests, benchmarks).
    int lastLabelCount() const { return m_lastLabelCount; }
    int lastSegmentCount() const { return m_lastSegmentCount; }

signals:
    void playerChanged();
    void labelIntervalSecondsChanged();
    void keepMarkerInViewChanged();

protected:
    void buildVertices(const BuildContext &ctx, Geometry &out) override;

private:
    struct Label
    {
        GeoPoint position;
        QString text;
    };
    void takeTrack();
    void takeCursor();

    QPointer<TrackPlayer> m_player;
    int m_labelIntervalS = 60;
    bool m_keepMarkerInView = true;
    // Copies made on the GUI thread, read by the build.
    QList<TrackFix> m_track;
    QList<Label> m_labels;
    TrackSample m_cursor;
    double m_cursorMs = 0;
    int m_lastLabelCount = 0;
    int m_lastSegmentCount = 0;
};

} // namespace vigil::map
