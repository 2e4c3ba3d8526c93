#pragma once
// What the video benchmarks share: waiting on the event loop, CPU of a process and of the machine from /proc,
// RSS, percentiles, and the demo RTSP server (vigil-demo-server) run as a separate process so its CPU is not
// the benchmark's. Header-only; GUI thread.
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

namespace vigil::bench {

inline void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

template<typename Pred> bool waitFor(Pred pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// CPU seconds (user+system) of a process, from /proc/<pid>/stat.
inline double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray s = f.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime = field 14, stime = field 15.
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

struct MachineCpu
{
    qint64 busy = 0, total = 0;
};
inline MachineCpu machineCpu()
{
    QFile f(QStringLiteral("/proc/stat"));
    MachineCpu m;
    if (!f.open(QIODevice::ReadOnly))
        return m;
    const QList<QByteArray> v = f.readLine().simplified().split(' ');
    for (int i = 1; i < v.size() && i <= 8; ++i) { // guest time (9, 10) is already counted in user
        const qint64 x = v[i].toLongLong();
        m.total += x;
        if (i != 4 && i != 5) // idle, iowait
            m.busy += x;
    }
    return m;
}

inline double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

inline double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double idx = p * double(v.size() - 1);
    const auto lo = size_t(idx);
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (idx - double(lo));
}

// vigil-demo-server in its own process: `cameras` H.264 cameras (main 1280x720, sub 640x360, 25 fps).
struct DemoServer
{
    QString path;
    int cameras = 16;
    int clipSeconds = 20;
    quint16 port = 0;
    QProcess process;

    ~DemoServer()
    {
        process.terminate();
        process.waitForFinished(5000);
    }
    bool start()
    {
        process.setProgram(path);
        process.setArguments({QStringLiteral("--cameras"), QString::number(cameras),
                              QStringLiteral("--clip-seconds"), QString::number(clipSeconds)});
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start();
        QByteArray out;
        const bool ready = waitFor(
            [&] {
                out += process.readAll();
                return out.contains("READY port=") || process.state() == QProcess::NotRunning;
            },
            180000);
        const int at = out.indexOf("READY port=");
        if (!ready || at < 0) {
            std::fprintf(stderr, "demo server did not start:\n%s\n", out.constData());
            return false;
        }
        port = quint16(out.mid(at + 11).split('\n').first().trimmed().toUInt());
        return port != 0;
    }
    // Stream of tile i (cameras are reused round-robin).
    QUrl url(int i, bool main = false) const
    {
        return QUrl(QStringLiteral("rtsp://127.0.0.1:%1/cam%2/%3")
                        .arg(port)
                        .arg(i % cameras + 1, 2, 10, QLatin1Char('0'))
                        .arg(main ? QStringLiteral("main") : QStringLiteral("sub")));
    }
};

// The ffmpeg CLI decoding the same streams, one process each: % of one core summed over them.
inline double ffmpegCpu(const std::vector<QUrl> &urls, int seconds)
{
    std::vector<std::unique_ptr<QProcess>> procs;
    for (const QUrl &url : urls) {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->setStandardOutputFile(QProcess::nullDevice());
        p->start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                  QStringLiteral("-threads"), QStringLiteral("1"), QStringLiteral("-rtsp_transport"),
                  QStringLiteral("tcp"), QStringLiteral("-i"), url.toString(), QStringLiteral("-f"),
                  QStringLiteral("null"), QStringLiteral("-")});
        procs.push_back(std::move(p));
    }
    waitMs(2000);
    auto total = [&] {
        double s = 0;
        for (auto &p : procs)
            s += processCpuSeconds(p->processId());
        return s;
    };
    const double c0 = total();
    QElapsedTimer t;
    t.start();
    waitMs(seconds * 1000);
    const double c1 = total();
    const double elapsed = double(t.nsecsElapsed()) / 1e9;
    for (auto &p : procs) {
        p->kill();
        p->waitForFinished(3000);
    }
    return 100.0 * (c1 - c0) / elapsed;
}

} // namespace vigil::bench
