#include "vigil/video/decode_governor.h"

#include "vigil/core/logging.h"
#include "vigil/video/video_player.h"

#include <QtCore/QFile>

#include <algorithm>

namespace vigil::video {

DecodeStep decideDecodeStep(const QList<GovernedStream> &streams, double load, const GovernorLimits &limits)
{
    DecodeStep step;
    if (streams.isEmpty())
        return step;
    // The largest stream (the first of equals) is never degraded.
    const auto largest = std::max_element(streams.begin(), streams.end(),
                                          [](const auto &a, const auto &b) { return a.area < b.area; });
    if (load > limits.high) {
        QList<GovernedStream> candidates;
        for (auto it = streams.begin(); it != streams.end(); ++it) {
            if (!it->degraded && it != largest)
                candidates.append(*it);
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const auto &a, const auto &b) { return a.area < b.area; });
        const int n = std::max(1, int(streams.size()) / std::max(1, limits.degradeDivisor));
        for (int i = 0; i < n && i < candidates.size(); ++i)
            step.degrade.append(candidates.at(i).id);
    } else if (load < limits.low) {
        const GovernedStream *best = nullptr;
        for (const auto &s : streams) {
            if (s.degraded && (!best || s.area > best->area))
                best = &s;
        }
        if (best)
            step.restore.append(best->id);
    }
    return step;
}

DecodeGovernor::DecodeGovernor(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &DecodeGovernor::tick);
    m_timer.start();
}

DecodeGovernor::~DecodeGovernor() = default;

double deliveryLoad(qint64 decoded, qint64 shown)
{
    if (decoded <= 0)
        return 0;
    const double delivered = std::clamp(double(shown) / double(decoded), 0.0, 1.0);
    return std::clamp((0.95 - delivered) / (0.95 - 0.60), 0.0, 1.0);
}

double DecodeGovernor::measureLoad()
{
    // The machine's cores (first line of /proc/stat: user nice system idle iowait irq softirq steal).
    double cpu = 0;
    QFile stat(QStringLiteral("/proc/stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> v = stat.readLine().simplified().split(' ');
        qint64 busy = 0, total = 0;
        for (int i = 1; i < v.size() && i <= 8; ++i) {
            total += v.at(i).toLongLong();
            if (i != 4 && i != 5)
                busy += v.at(i).toLongLong();
        }
        if (m_lastBusy >= 0 && total > m_lastTotal)
            cpu = double(busy - m_lastBusy) / double(total - m_lastTotal);
        m_lastBusy = busy;
        m_lastTotal = total;
    }
    // Frames decoded that the screen did not take, over the players getting every frame.
    qint64 decoded = 0, shown = 0;
    for (const VideoPlayer *p : VideoPlayer::all()) {
        if (p->status() == VideoPlayer::Status::Playing && p->displayArea() > 0 && !p->keyFramesOnly()) {
            decoded += p->framesDecodedTotal();
            shown += p->framesShownTotal();
        }
    }
    double delivery = 0;
    if (m_lastDecoded >= 0 && decoded > m_lastDecoded)
        delivery = deliveryLoad(decoded - m_lastDecoded, shown - m_lastShown);
    m_lastDecoded = decoded;
    m_lastShown = shown;
    return std::clamp(std::max(cpu, delivery), 0.0, 1.0);
}

int DecodeGovernor::degradedCount() const
{
    int n = 0;
    for (const VideoPlayer *p : VideoPlayer::all())
        n += p->keyFramesOnly() ? 1 : 0;
    return n;
}

void DecodeGovernor::setEnabled(bool on)
{
    if (m_enabled == on)
        return;
    m_enabled = on;
    if (!on) {
        for (VideoPlayer *p : VideoPlayer::all())
            p->setKeyFramesOnly(false);
    }
}

void DecodeGovernor::tick()
{
    m_lastLoad = m_load ? m_load() : measureLoad();
    if (!m_enabled)
        return;
    QList<GovernedStream> streams;
    for (VideoPlayer *p : VideoPlayer::all()) {
        const bool playing = p->status() == VideoPlayer::Status::Playing;
        if (playing && p->displayArea() > 0)
            streams.append({quintptr(p), p->displayArea(), p->keyFramesOnly()});
        else if (p->keyFramesOnly() && p->displayArea() <= 0)
            p->setKeyFramesOnly(false); // not on screen any more: nothing to save
    }
    const DecodeStep step = decideDecodeStep(streams, m_lastLoad);
    if (step.degrade.isEmpty() && step.restore.isEmpty())
        return;
    for (VideoPlayer *p : VideoPlayer::all()) {
        if (step.degrade.contains(quintptr(p)))
            p->setKeyFramesOnly(true);
        else if (step.restore.contains(quintptr(p)))
            p->setKeyFramesOnly(false);
    }
    qCInfo(vigilVideo).noquote() << QStringLiteral("decoders at %1 %: %2 tile(s) to key frames only, %3 back "
                                                   "to every frame (%4 degraded)")
                                        .arg(qRound(m_lastLoad * 100))
                                        .arg(step.degrade.size())
                                        .arg(step.restore.size())
                                        .arg(degradedCount());
    emit stepTaken(int(step.degrade.size()), int(step.restore.size()), m_lastLoad);
}

} // namespace vigil::video
