#include "vigil/video/probe.h"

#include "live_session.h"
#include "vigil/video/stream_error.h"

#include <condition_variable>
#include <mutex>

extern "C" {
#include <libavutil/error.h>
}

namespace vigil::video {

ProbeReport probeStream(const MediaSource &source, double seconds, int timeoutMs)
{
    struct Shared
    {
        std::mutex m;
        std::condition_variable cv;
        bool first = false;
        bool failed = false;
        int code = 0;
        QString detail;
    };
    auto shared = std::make_shared<Shared>();
    LiveSession::Options options;
    options.source = source;
    options.connectTimeoutMs = timeoutMs;
    options.readTimeoutMs = timeoutMs;
    auto session = LiveSession::start(options, [shared](FrameSource *, const SourceEvent &e) {
        std::lock_guard lock(shared->m);
        if (e.kind == SourceEvent::FirstFrame)
            shared->first = true;
        else if (e.kind == SourceEvent::Error) {
            shared->failed = true;
            shared->code = e.averror;
            shared->detail = e.detail;
        }
        shared->cv.notify_all();
    });

    ProbeReport r;
    r.url = source.displayUrl();
    const QString where =
        source.url.host() +
        (source.url.port() > 0 ? QLatin1Char(':') + QString::number(source.url.port()) : QString());
    std::unique_lock lock(shared->m);
    shared->cv.wait_for(lock, std::chrono::milliseconds(timeoutMs + 500),
                        [&] { return shared->first || shared->failed; });
    SourceInfo startInfo = session->info();
    const std::int64_t t0 = monotonicNs();
    if (shared->first && !shared->failed) {
        shared->cv.wait_for(lock, std::chrono::milliseconds(qint64(seconds * 1000)),
                            [&] { return shared->failed; });
    }
    const double measured = double(monotonicNs() - t0) / 1e9;
    const bool failed = shared->failed;
    const bool first = shared->first;
    const int code = shared->code;
    const QString detail = shared->detail;
    lock.unlock();
    session->requestStop();

    const SourceInfo info = session->info();
    r.codec = info.codec;
    r.width = info.width;
    r.height = info.height;
    r.openMs = info.openMs;
    r.firstFrameMs = info.firstFrameMs;
    r.framesDecoded = info.framesDecoded;
    r.seconds = measured;
    if (measured > 0.1) {
        r.fps = double(info.framesDecoded - startInfo.framesDecoded) / measured;
        r.bitrateKbps = double(info.bytesReceived - startInfo.bytesReceived) * 8.0 / 1000.0 / measured;
    }
    if (first && !failed) {
        r.ok = true;
        r.status = QStringLiteral("playing");
    } else {
        const StreamError err = failed ? describeStreamError(code, where, detail)
                                       : describeStreamError(AVERROR(ETIMEDOUT), where, {});
        r.status = QStringLiteral("failed");
        r.errorCode = err.code;
        r.error = err.text;
    }
    return r;
}

QJsonObject toJson(const ProbeReport &r)
{
    QJsonObject o{{QStringLiteral("ok"), r.ok},
                  {QStringLiteral("url"), r.url},
                  {QStringLiteral("status"), r.status},
                  {QStringLiteral("codec"), r.codec},
                  {QStringLiteral("width"), r.width},
                  {QStringLiteral("height"), r.height},
                  {QStringLiteral("fps"), qRound(r.fps * 100) / 100.0},
                  {QStringLiteral("open_ms"), qRound(r.openMs * 10) / 10.0},
                  {QStringLiteral("first_frame_ms"), qRound(r.firstFrameMs * 10) / 10.0},
                  {QStringLiteral("frames_decoded"), r.framesDecoded},
                  {QStringLiteral("seconds"), qRound(r.seconds * 100) / 100.0},
                  {QStringLiteral("bitrate_kbps"), qRound(r.bitrateKbps)}};
    if (!r.ok) {
        o.insert(QStringLiteral("error_code"), r.errorCode);
        o.insert(QStringLiteral("error"), r.error);
    }
    return o;
}

} // namespace vigil::video
