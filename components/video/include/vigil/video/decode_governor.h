#pragma once
// Degrade, never freeze: when the decoders cannot keep up (64 tiles on a 2-core PC cannot all decode 25 fps),
// the smallest tiles drop to key frames only, one group at a time, while the large and maximized tiles keep
// their full rate; when there is room again, the largest degraded tiles get every frame back first. Every
// tile still moves (at its stream's key-frame rate) and the wall never stalls as a whole.
//
// decideDecodeStep() is the rule, a pure function (table-tested). DecodeGovernor applies it once a second to
// every playing VideoPlayer with a display area. The load is the worse of two readings: how busy the
// machine's cores are (/proc/stat: decoders that cannot keep up keep them busy, and so does anything else on
// the PC), and how many decoded frames never reached the screen (the renderer could not draw them in time —
// on a PC without a real GPU the usual limit). Thread: GUI only.
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <functional>

namespace vigil::video {

struct GovernedStream
{
    quintptr id = 0;
    double area = 0; // on-screen pixels of the tile showing it
    bool degraded = false;
};

struct DecodeStep
{
    QList<quintptr> degrade; // to key frames only, smallest first
    QList<quintptr> restore; // back to every frame
};

struct GovernorLimits
{
    double high = 0.85; // load above this: degrade
    double low = 0.60;  // load below this: restore one
    int degradeDivisor =
        8; // at most n/8 (at least 1) more streams per step, so a big wall settles in seconds
};

// The load read from frames decoded and frames shown over the last second: every frame shown -> 0, 60 % or
// less shown -> 1, linear between (the pacer drops what the screen cannot take).
double deliveryLoad(qint64 decoded, qint64 shown);

// Load 0..1 (1 = every core busy). Never degrades the largest stream (ties: the first of them), so a
// maximized or large tile always keeps its full rate.
DecodeStep decideDecodeStep(const QList<GovernedStream> &streams, double load,
                            const GovernorLimits &limits = {});

class VideoPlayer;

class DecodeGovernor : public QObject
{
    Q_OBJECT
public:
    using LoadFn = std::function<double()>; // 0..1 since the previous call

    explicit DecodeGovernor(QObject *parent = nullptr);
    ~DecodeGovernor() override;

    void setEnabled(bool on); // off: every player gets every frame again
    bool enabled() const { return m_enabled; }
    // Tests: a load of their own instead of the process's CPU time.
    void setLoadFunction(LoadFn fn) { m_load = std::move(fn); }
    // Runs one decision now (the timer does it every second).
    void tick();
    double lastLoad() const { return m_lastLoad; }
    int degradedCount() const;

signals:
    void stepTaken(int degraded, int restored, double load);

private:
    double measureLoad();

    QTimer m_timer;
    LoadFn m_load;
    bool m_enabled = true;
    double m_lastLoad = 0;
    qint64 m_lastBusy = -1;
    qint64 m_lastTotal = 0;
    qint64 m_lastDecoded = -1;
    qint64 m_lastShown = 0;
};

} // namespace vigil::video
