#pragma once
// FramePacer: pushes every player's newest frame to its sink on one shared tick, so N out-of-phase streams
// cause one scene-graph update per tick instead of N (measured in the foundation prototype: unpaced, 16
// streams made ~81 renders/s and only 9 tiles held 25 fps). Thread: GUI only.
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <vector>

namespace vigil::video {

class VideoPlayer;

class FramePacer : public QObject
{
    Q_OBJECT
public:
    static FramePacer &instance();
    void add(VideoPlayer *player);
    void remove(VideoPlayer *player);
    int intervalMs() const { return m_timer.interval(); }
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }

private:
    FramePacer();
    void tick();
    QTimer m_timer;
    std::vector<VideoPlayer *> m_players;
};

} // namespace vigil::video
