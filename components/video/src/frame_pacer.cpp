#include "frame_pacer.h"

#include "vigil/video/video_player.h"

#include <QtCore/QCoreApplication>

#include <algorithm>

namespace vigil::video {

FramePacer &FramePacer::instance()
{
    static FramePacer *s_instance = new FramePacer; // lives as long as the application's GUI thread
    return *s_instance;
}

FramePacer::FramePacer()
{
    // Default tick: half the 25 fps frame interval. A tick per frame interval (40 ms) drops frames of streams
    // whose arrival phase sits on the tick edge (decode jitter moves two frames into one tick); 20 ms absorbs
    // jitter of up to a tick while still coalescing all tiles into one update. VIGIL_PACER_MS overrides.
    bool ok = false;
    const int env = qEnvironmentVariableIntValue("VIGIL_PACER_MS", &ok);
    m_timer.setInterval(ok && env > 0 ? env : 20);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &FramePacer::tick);
}

void FramePacer::add(VideoPlayer *player)
{
    if (std::find(m_players.begin(), m_players.end(), player) == m_players.end())
        m_players.push_back(player);
    if (!m_timer.isActive())
        m_timer.start();
}

void FramePacer::remove(VideoPlayer *player)
{
    m_players.erase(std::remove(m_players.begin(), m_players.end(), player), m_players.end());
    if (m_players.empty())
        m_timer.stop();
}

void FramePacer::tick()
{
    // Copy: a frameShown handler may add or remove players.
    const auto players = m_players;
    for (VideoPlayer *p : players)
        if (std::find(m_players.begin(), m_players.end(), p) != m_players.end())
            p->pushPendingFrame();
}

} // namespace vigil::video
