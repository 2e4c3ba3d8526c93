// Export speed: a range of a generated H.264 file (libx264, 1 s GOP, made with the ffmpeg CLI in a temp dir)
// exported to MP4 by vigil_recording (stream copy, faststart, SHA-256 file) beside the ffmpeg CLI doing the
// same copy (`-ss F -to T -i SRC -c copy -movflags +faststart`), alternating, K runs each. Prints median and
// p95 wall time, MB/s of output and x realtime. The CLI's figure includes its process start (~30-60 ms),
// ours includes the checksum pass; both are what an operator waits for.
#include "bench_support.h"
#include "vigil/recording/exporter.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>

#include <cstdio>

using namespace vigil;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({QStringLiteral("seconds"), QStringLiteral("source length"), QStringLiteral("s"),
                 QStringLiteral("60")});
    p.addOption(
        {QStringLiteral("size"), QStringLiteral("WxH"), QStringLiteral("size"), QStringLiteral("1280x720")});
    p.addOption({QStringLiteral("bitrate"), QStringLiteral("source bitrate"), QStringLiteral("b"),
                 QStringLiteral("4M")});
    p.addOption(
        {QStringLiteral("runs"), QStringLiteral("runs of each"), QStringLiteral("n"), QStringLiteral("5")});
    p.process(app);
    const int seconds = std::max(4, p.value(QStringLiteral("seconds")).toInt());
    const int runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    const double from = seconds * 0.1, to = seconds * 0.9;

    QTemporaryDir dir;
    const QString src = dir.filePath(QStringLiteral("source.mp4"));
    QProcess make;
    make.setProcessChannelMode(QProcess::ForwardedChannels);
    const QString br = p.value(QStringLiteral("bitrate"));
    make.start(QStringLiteral("ffmpeg"),
               {QStringLiteral("-nostdin"),
                QStringLiteral("-v"),
                QStringLiteral("error"),
                QStringLiteral("-f"),
                QStringLiteral("lavfi"),
                QStringLiteral("-i"),
                QStringLiteral("testsrc2=size=%1:rate=25").arg(p.value(QStringLiteral("size"))),
                QStringLiteral("-t"),
                QString::number(seconds),
                QStringLiteral("-c:v"),
                QStringLiteral("libx264"),
                QStringLiteral("-preset"),
                QStringLiteral("ultrafast"),
                QStringLiteral("-b:v"),
                br,
                QStringLiteral("-maxrate"),
                br,
                QStringLiteral("-bufsize"),
                br,
                QStringLiteral("-g"),
                QStringLiteral("25"),
                QStringLiteral("-pix_fmt"),
                QStringLiteral("yuv420p"),
                QStringLiteral("-y"),
                src});
    if (!make.waitForFinished(600000) || make.exitCode() != 0) {
        std::fprintf(stderr, "bench_export: could not make the source file with ffmpeg\n");
        return 1;
    }
    std::printf("source: %d s %s H.264 at %s (%.1f MB), range %.1f..%.1f s, %d runs each\n", seconds,
                qPrintable(p.value(QStringLiteral("size"))), qPrintable(br),
                double(QFileInfo(src).size()) / 1e6, from, to, runs);

    video::MediaSource source;
    source.url = QUrl::fromLocalFile(src);
    std::vector<double> ours, cli;
    double oursBytes = 0, cliBytes = 0, oursDuration = 0;
    for (int i = 0; i < runs; ++i) {
        const QString out = dir.filePath(QStringLiteral("ours.mp4"));
        QElapsedTimer t;
        t.start();
        const auto r = recording::exportMedia(recording::ExportRequest::forMedia(source, from, to, out));
        ours.push_back(double(t.nsecsElapsed()) / 1e9);
        if (!r.ok) {
            std::fprintf(stderr, "bench_export: %s\n", qPrintable(r.error));
            return 1;
        }
        oursBytes = double(r.bytes);
        oursDuration = double(r.durationMs) / 1000.0;

        const QString out2 = dir.filePath(QStringLiteral("cli.mp4"));
        QProcess ff;
        t.restart();
        ff.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                  QStringLiteral("-ss"), QString::number(from), QStringLiteral("-to"), QString::number(to),
                  QStringLiteral("-i"), src, QStringLiteral("-c"), QStringLiteral("copy"),
                  QStringLiteral("-movflags"), QStringLiteral("+faststart"), QStringLiteral("-y"), out2});
        ff.waitForFinished(600000);
        cli.push_back(double(t.nsecsElapsed()) / 1e9);
        cliBytes = double(QFileInfo(out2).size());
    }
    const double range = to - from;
    const auto line = [&](const char *name, const std::vector<double> &v, double bytes) {
        const double med = bench::percentile(v, 0.5), p95 = bench::percentile(v, 0.95);
        std::printf("%-28s median %7.1f ms  p95 %7.1f ms  %7.1f MB/s  %7.0fx realtime\n", name, med * 1e3,
                    p95 * 1e3, bytes / 1e6 / med, range / med);
        return med;
    };
    const double a = line("vigil exportMedia (+sha256)", ours, oursBytes);
    const double b = line("ffmpeg -ss -to -c copy", cli, cliBytes);
    std::printf("exported %.2f s of the asked %.2f s; ratio vigil/ffmpeg time %.2f\n", oursDuration, range,
                a / b);
    return 0;
}
