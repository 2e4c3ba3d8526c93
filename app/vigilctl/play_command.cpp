#include "play_command.h"

#include "vigil/core/redact.h"
#include "vigil/video/frame_source.h"
#include "vigil/video/stream_error.h"
#include "vigil/video/video_player.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTextStream>
#include <QtCore/QUrl>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>

namespace vigil::vigilctl {

namespace {

enum Exit
{
    kOk = 0,
    kFailed = 1,
    kUsage = 2
};

const char kUsageText[] =
    "Usage:\n"
    "  vigilctl play URL [--seek SECONDS] [--rate R] [--seconds N] [--timeout MS] [--onvif-start UTC]\n"
    "      Opens a recording (a file path, or an http(s) URL: MP4, MKV, HLS) with Vigil's recorded engine,\n"
    "      or an rtsp:// playback URL with the RTSP replay engine (seek: PLAY with Range: npt=; with\n"
    "      --onvif-start, the ONVIF replay URI of a recording starting at UTC (ISO 8601): Range: clock=,\n"
    "      Require: onvif-replay),\n"
    "      seeks to SECONDS, plays N seconds of wall time (default 3) at rate R (1/16..16, default 1) and\n"
    "      prints JSON: first_media_time_s (media time of the first frame shown after the seek),\n"
    "      frames_decoded, effective_rate (media seconds per wall second), width, height, duration_s.\n"
    "      Exit 0 when frames were shown, 1 on failure (the JSON says why), 2 on usage errors.\n";

void printJson(const QJsonObject &o)
{
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

int usage(const QString &why)
{
    QTextStream err(stderr);
    if (!why.isEmpty())
        err << "vigilctl play: " << why << "\n";
    err << kUsageText;
    return kUsage;
}

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

// What the engine reported, from its threads.
struct Events
{
    std::mutex m;
    std::condition_variable cv;
    bool first = false;
    int seekDone = 0;
    bool ended = false;
    bool failed = false;
    int code = 0;
    QString detail;
};

} // namespace

int runPlay(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("url"), QStringLiteral("recording: file path or http(s) URL"));
    p.addOption({QStringLiteral("seek"), QStringLiteral("start at SECONDS"), QStringLiteral("seconds")});
    p.addOption(
        {QStringLiteral("rate"), QStringLiteral("play at rate R"), QStringLiteral("r"), QStringLiteral("1")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("play for N seconds of wall time"),
                 QStringLiteral("n"), QStringLiteral("3")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("give up after MS ms without a frame"),
                 QStringLiteral("ms"), QStringLiteral("15000")});
    p.addOption({QStringLiteral("onvif-start"),
                 QStringLiteral("ONVIF replay URI of a recording that starts at UTC (ISO 8601)"),
                 QStringLiteral("utc")});
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("this help"));
    p.addOption(helpOpt);
    if (!p.parse(args))
        return usage(p.errorText());
    if (p.isSet(helpOpt)) {
        std::fputs(kUsageText, stdout);
        return kOk;
    }
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("play needs exactly one file or URL"));
    bool okSeek = true, okRate = false, okSeconds = false, okTimeout = false;
    const double seek =
        p.isSet(QStringLiteral("seek")) ? p.value(QStringLiteral("seek")).toDouble(&okSeek) : -1;
    const double rate = p.value(QStringLiteral("rate")).toDouble(&okRate);
    const double seconds = p.value(QStringLiteral("seconds")).toDouble(&okSeconds);
    const int timeoutMs = p.value(QStringLiteral("timeout")).toInt(&okTimeout);
    if (!okSeek || (p.isSet(QStringLiteral("seek")) && seek < 0))
        return usage(QStringLiteral("--seek takes a position in seconds (0 or more)"));
    if (!okRate || rate < 1.0 / 16 || rate > 16)
        return usage(QStringLiteral("--rate takes a number from 0.0625 (1/16) to 16"));
    if (!okSeconds || seconds < 0 || !okTimeout || timeoutMs <= 0)
        return usage(QStringLiteral("--seconds and --timeout take positive numbers"));

    const QString text = p.positionalArguments().first();
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty() || scheme.size() == 1) // a path (or a Windows drive letter)
        url = QUrl::fromLocalFile(QFileInfo(text).absoluteFilePath());
    else if (scheme != QLatin1String("http") && scheme != QLatin1String("https") &&
             scheme != QLatin1String("file") && scheme != QLatin1String("rtsp") &&
             scheme != QLatin1String("rtsps"))
        return usage(QStringLiteral("play opens files, http(s) and rtsp URLs, not %1")
                         .arg(vigil::core::redactUrl(text)));
    const bool rtsp = url.scheme().toLower().startsWith(QLatin1String("rtsp"));
    std::int64_t clockStartMs = -1;
    if (p.isSet(QStringLiteral("onvif-start"))) {
        const QDateTime start =
            QDateTime::fromString(p.value(QStringLiteral("onvif-start")), Qt::ISODateWithMs);
        if (!start.isValid() || !rtsp)
            return usage(QStringLiteral("--onvif-start takes a UTC time like 2026-11-01T00:00:00Z, with an "
                                        "rtsp:// replay URI"));
        clockStartMs = start.toMSecsSinceEpoch();
    }

    video::FrameSource::Options options;
    options.source.user = url.userName();
    options.source.password = url.password();
    url.setUserInfo({});
    options.source.url = url;
    options.replayClockStartMs = clockStartMs;
    auto events = std::make_shared<Events>();
    const auto factory = rtsp ? video::replayFrameSourceFactory() : video::recordedFrameSourceFactory();
    auto source = factory(options, [events](video::FrameSource *, const video::SourceEvent &e) {
        std::lock_guard lock(events->m);
        switch (e.kind) {
        case video::SourceEvent::FirstFrame:
            events->first = true;
            break;
        case video::SourceEvent::SeekDone:
            ++events->seekDone;
            break;
        case video::SourceEvent::EndOfMedia:
            events->ended = true;
            break;
        case video::SourceEvent::Error:
            events->failed = true;
            events->code = e.averror;
            events->detail = e.detail;
            break;
        case video::SourceEvent::Opened:
            break;
        }
        events->cv.notify_all();
    });

    QJsonObject out{{QStringLiteral("url"), options.source.displayUrl()}};
    auto finish = [&](int exitCode) {
        source->requestStop();
        video::VideoPlayer::waitForWorkers(5000); // let libVLC stop and release before the process ends
        printJson(out);
        return exitCode;
    };
    auto failWith = [&](int code, const QString &detail) {
        const QString where = url.isLocalFile() ? QFileInfo(url.toLocalFile()).fileName() : url.host();
        const auto err = video::describeStreamError(code, where, detail);
        out.insert(QStringLiteral("ok"), false);
        out.insert(QStringLiteral("error_code"), err.code);
        out.insert(QStringLiteral("error"), err.text);
        return finish(kFailed);
    };

    using namespace std::chrono;
    std::unique_lock lock(events->m);
    events->cv.wait_for(lock, milliseconds(timeoutMs), [&] { return events->first || events->failed; });
    if (events->failed)
        return lock.unlock(), failWith(events->code, events->detail);
    if (!events->first) {
        lock.unlock();
        out.insert(QStringLiteral("ok"), false);
        out.insert(QStringLiteral("error_code"), QStringLiteral("timeout"));
        out.insert(QStringLiteral("error"),
                   QStringLiteral("No picture within %1 ms. Check that the file or URL is a video recording.")
                       .arg(timeoutMs));
        return finish(kFailed);
    }
    std::int64_t firstMediaMs = source->positionMs();
    if (seek >= 0) {
        source->seek(std::int64_t(seek * 1000));
        events->cv.wait_for(lock, milliseconds(timeoutMs),
                            [&] { return events->seekDone > 0 || events->failed; });
        if (events->failed)
            return lock.unlock(), failWith(events->code, events->detail);
        if (events->seekDone == 0) {
            lock.unlock();
            out.insert(QStringLiteral("ok"), false);
            out.insert(QStringLiteral("error_code"), QStringLiteral("timeout"));
            out.insert(
                QStringLiteral("error"),
                QStringLiteral("The seek to %1 s did not land within %2 ms.").arg(seek).arg(timeoutMs));
            return finish(kFailed);
        }
        firstMediaMs = source->positionMs();
    }
    lock.unlock();
    if (rate != 1)
        source->setRate(rate);

    const std::int64_t pos0 = source->positionMs();
    const std::int64_t frames0 = source->slot().framesPut();
    const auto t0 = steady_clock::now();
    lock.lock();
    events->cv.wait_for(lock, duration<double>(seconds), [&] { return events->failed || events->ended; });
    const bool failed = events->failed;
    const bool ended = events->ended;
    const int code = events->code;
    const QString detail = events->detail;
    lock.unlock();
    const double wall = duration<double>(steady_clock::now() - t0).count();
    if (failed)
        return failWith(code, detail);
    const std::int64_t pos1 = source->positionMs();
    const auto info = source->info();
    out.insert(QStringLiteral("ok"), true);
    out.insert(QStringLiteral("codec"), info.codec);
    out.insert(QStringLiteral("width"), info.width);
    out.insert(QStringLiteral("height"), info.height);
    out.insert(QStringLiteral("duration_s"),
               source->durationMs() >= 0 ? round3(double(source->durationMs()) / 1000.0) : -1.0);
    out.insert(QStringLiteral("seek_s"), seek >= 0 ? seek : 0.0);
    out.insert(QStringLiteral("rate"), rate);
    out.insert(QStringLiteral("first_media_time_s"), round3(double(firstMediaMs) / 1000.0));
    out.insert(QStringLiteral("last_media_time_s"), round3(double(pos1) / 1000.0));
    out.insert(QStringLiteral("frames_decoded"), double(source->slot().framesPut() - frames0));
    out.insert(QStringLiteral("wall_s"), round3(wall));
    out.insert(QStringLiteral("effective_rate"),
               wall > 0.05 ? round3(double(pos1 - pos0) / 1000.0 / wall) : 0.0);
    out.insert(QStringLiteral("end_of_media"), ended);
    out.insert(QStringLiteral("open_ms"), std::round(info.openMs * 10) / 10);
    out.insert(QStringLiteral("first_frame_ms"), std::round(info.firstFrameMs * 10) / 10);
    return finish(kOk);
}

} // namespace vigil::vigilctl
