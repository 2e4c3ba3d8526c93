#include "rtsp_replay_source.h"

#include "ffmpeg_ptr.h"
#include "frame_convert.h"
#include "live_session.h" // initFfmpegOnce()
#include "vigil/core/logging.h"
#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>

#include <algorithm>
#include <chrono>
#include <cmath>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/opt.h>
}

namespace vigil::video {

namespace {

constexpr std::int64_t kLandingToleranceMs = 20; // half a frame at 25 fps
constexpr std::int64_t kBehindNs = 500'000'000;  // later than this: play on from now instead of catching up
const char kUserAgent[] = "Vigil";
// ONVIF Streaming spec 6.2/6.4: every replay request asks for the feature; we pace, the device need not.
const char kOnvifHeaders[] = "\r\nRequire: onvif-replay\r\nRate-Control: no";

QString avErrorText(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

} // namespace

QByteArray RtspReplaySource::clockRange(std::int64_t utcMs)
{
    return "clock=" +
           QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC)
               .toString(QStringLiteral("yyyyMMdd'T'HHmmss.zzz"))
               .toLatin1() +
           "Z-";
}

std::shared_ptr<RtspReplaySource> RtspReplaySource::start(Options options, EventFn onEvent)
{
    initFfmpegOnce();
    std::shared_ptr<RtspReplaySource> s(new RtspReplaySource(std::move(options), std::move(onEvent)));
    core::WorkerThreads::start(QStringLiteral("video-replay"), [self = s] { self->run(); });
    return s;
}

RtspReplaySource::RtspReplaySource(Options options, EventFn onEvent)
    : m_options(std::move(options))
    , m_onEvent(std::move(onEvent))
    , m_startNs(monotonicNs())
{
    m_slot.setPrivacyMasks(m_options.source.privacyMasks);
}

RtspReplaySource::~RtspReplaySource() = default;

FrameSourceFactory replayFrameSourceFactory()
{
    return [](const FrameSource::Options &options,
              FrameSource::EventFn onEvent) -> std::shared_ptr<FrameSource> {
        return RtspReplaySource::start(options, std::move(onEvent));
    };
}

void RtspReplaySource::requestStop()
{
    m_stop.store(true);
    m_cmdCv.notify_all();
    std::lock_guard lock(m_eventMutex);
    m_onEvent = nullptr;
}

SourceInfo RtspReplaySource::info() const
{
    std::lock_guard lock(m_infoMutex);
    return m_info;
}

int RtspReplaySource::capabilities() const
{
    // Rate: only where we pace (ONVIF, Rate-Control: no); a platform's server paces its own stream.
    return CanPause | CanSeek | (m_options.replayClockStartMs >= 0 ? CanChangeRate : 0);
}

void RtspReplaySource::setPaused(bool paused)
{
    std::lock_guard lock(m_cmdMutex);
    m_paused = paused;
    m_cmdCv.notify_all();
}

void RtspReplaySource::seek(std::int64_t positionMs)
{
    std::lock_guard lock(m_cmdMutex);
    m_seekMs = std::max<std::int64_t>(0, positionMs);
    m_cmdCv.notify_all();
}

void RtspReplaySource::setRate(double rate)
{
    if (!(capabilities() & CanChangeRate))
        return;
    std::lock_guard lock(m_cmdMutex);
    m_rate = std::clamp(rate, 1.0 / 16, 16.0);
    m_cmdCv.notify_all();
}

void RtspReplaySource::emitEvent(const SourceEvent &e)
{
    std::lock_guard lock(m_eventMutex);
    if (m_onEvent)
        m_onEvent(this, e);
}

int RtspReplaySource::interruptCallback(void *opaque) noexcept
{
    auto *self = static_cast<RtspReplaySource *>(opaque);
    return self->m_stop.load(std::memory_order_relaxed) ||
           monotonicNs() > self->m_deadlineNs.load(std::memory_order_relaxed);
}

void RtspReplaySource::run() noexcept
{
    int err = 0;
    try {
        err = runStream();
    } catch (const std::exception &e) {
        qCWarning(vigilVideo) << "replay worker failed:" << e.what();
        err = AVERROR_BUG;
    } catch (...) {
        err = AVERROR_BUG;
    }
    if (err < 0 && !m_stop.load())
        emitEvent({SourceEvent::Error, err, core::redactUrl(avErrorText(err))});
}

int RtspReplaySource::runStream()
{
    const std::int64_t connectNs = std::int64_t(m_options.connectTimeoutMs) * 1000000;
    const std::int64_t readNs = std::int64_t(m_options.readTimeoutMs) * 1000000;
    const bool onvif = m_options.replayClockStartMs >= 0;
    m_deadlineNs = monotonicNs() + connectNs;

    AVFormatContext *raw = avformat_alloc_context();
    if (!raw)
        return AVERROR(ENOMEM);
    raw->interrupt_callback = {&RtspReplaySource::interruptCallback, this};
    const QByteArray userAgent = QByteArray(kUserAgent) + (onvif ? kOnvifHeaders : "");
    ff::Dict opts;
    opts.set("rtsp_transport", m_options.source.transport == Transport::Udp ? "udp" : "tcp");
    opts.set("allowed_media_types", "video");
    opts.set("timeout", QByteArray::number(qint64(m_options.readTimeoutMs) * 1000).constData());
    opts.set("user_agent", userAgent.constData());
    const QByteArray url =
        core::withCredentials(m_options.source.url, m_options.source.user, m_options.source.password)
            .toString(QUrl::FullyEncoded)
            .toUtf8();
    int err = avformat_open_input(&raw, url.constData(), nullptr, opts.out());
    if (err < 0)
        return err;
    ff::FormatContextPtr fmt(raw);

    int videoIndex = -1;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
            videoIndex = int(i);
            break;
        }
    }
    if (videoIndex < 0)
        return AVERROR_STREAM_NOT_FOUND;
    AVStream *stream = fmt->streams[videoIndex];
    const AVCodecParameters *par = stream->codecpar;
    const AVCodec *codec = avcodec_find_decoder(par->codec_id);
    const QString codecName = QString::fromUtf8(avcodec_get_name(par->codec_id));
    if (!codec) {
        emitEvent({SourceEvent::Error, AVERROR_DECODER_NOT_FOUND, codecName});
        return 0;
    }
    ff::CodecContextPtr dec(avcodec_alloc_context3(codec));
    if (!dec)
        return AVERROR(ENOMEM);
    if ((err = avcodec_parameters_to_context(dec.get(), par)) < 0)
        return err;
    dec->thread_count = std::max(1, m_options.decoderThreads);
    dec->thread_type = FF_THREAD_SLICE;
    if ((err = avcodec_open2(dec.get(), codec, nullptr)) < 0)
        return err;
    // The SDP's a=range:npt=0-D (libavformat sets the duration from it); a clock range gives none.
    if (fmt->duration > 0)
        m_durationMs = fmt->duration / (AV_TIME_BASE / 1000);
    {
        std::lock_guard lock(m_infoMutex);
        m_info.codec = codecName;
        m_info.openMs = double(monotonicNs() - m_startNs) / 1e6;
    }
    emitEvent({SourceEvent::Opened, 0, codecName});

    ff::PacketPtr pkt(av_packet_alloc());
    ff::FramePtr frame(av_frame_alloc());
    if (!pkt || !frame)
        return AVERROR(ENOMEM);
    FrameConverter converter;
    const AVRational tb = stream->time_base;
    bool first = true;
    bool streamPaused = false; // what the server was last told
    bool seeking = false;      // a seek waits for its first frame (SeekDone)
    bool ended = false;
    bool waitForKey = false;         // after a seek: packets still under way from before it are not decoded
    std::int64_t targetMs = -1;      // frames before it are decoded, not shown (npt seeks)
    std::int64_t clockBaseMs = 0;    // ONVIF after a clock seek: position = pts + clockBaseMs
    bool clockAnchorPending = false; // the next frame fixes clockBaseMs
    std::int64_t clockTargetMs = 0;  // where the last clock seek asked to go
    std::int64_t anchorNs = -1, anchorPosMs = 0; // pacing: this position was due at this time
    double rate = 1;

    // Sends the seek to the server. Thread: this worker.
    const auto doSeek = [&](std::int64_t ms) -> int {
        avcodec_flush_buffers(dec.get());
        m_deadlineNs.store(monotonicNs() + connectNs, std::memory_order_relaxed);
        int r = 0;
        if (onvif) {
            // PLAY from the paused state carries no Range of libavformat's: ours (a header line riding on
            // the user agent) is the only one.
            if (!streamPaused && (r = av_read_pause(fmt.get())) < 0)
                return r;
            const QByteArray withRange =
                userAgent + "\r\nRange: " + clockRange(m_options.replayClockStartMs + ms);
            av_opt_set(fmt->priv_data, "user_agent", withRange.constData(), 0);
            r = av_read_play(fmt.get());
            av_opt_set(fmt->priv_data, "user_agent", userAgent.constData(), 0);
            clockAnchorPending = true;
            clockTargetMs = ms;
            targetMs = -1;
        } else {
            // Streaming: PAUSE + PLAY Range: npt=ms-. Paused: the PLAY goes with av_read_play().
            r = avformat_seek_file(fmt.get(), -1, INT64_MIN, ms * (AV_TIME_BASE / 1000), INT64_MAX, 0);
            if (r >= 0 && streamPaused)
                r = av_read_play(fmt.get());
            targetMs = ms;
        }
        streamPaused = false;
        seeking = true;
        waitForKey = true;
        ended = false;
        anchorNs = -1;
        qCDebug(vigilVideo).noquote()
            << "replay: seek to" << ms << "ms" << (onvif ? "(Range: clock)" : "(Range: npt)");
        return r;
    };

    if (m_options.startMs > 0 && (err = doSeek(m_options.startMs)) < 0)
        return err;
    m_deadlineNs = monotonicNs() + readNs;

    while (!m_stop.load(std::memory_order_relaxed)) {
        std::optional<std::int64_t> seekTo;
        bool wantPaused = false;
        {
            std::unique_lock lock(m_cmdMutex);
            // Paused (once a seek has landed) or at the end: nothing to read until a command comes.
            const auto idle = [&] {
                return !m_seekMs && (ended || (m_paused && !seeking && !first));
            };
            if (idle() && !m_stop.load()) {
                if (m_paused && !streamPaused && !ended) {
                    lock.unlock();
                    if ((err = av_read_pause(fmt.get())) < 0)
                        return err;
                    streamPaused = true;
                    lock.lock();
                }
                m_cmdCv.wait(lock, [&] { return m_stop.load() || !idle(); });
            }
            seekTo = m_seekMs;
            m_seekMs.reset();
            wantPaused = m_paused;
            if (rate != m_rate) {
                rate = m_rate;
                anchorNs = -1;
            }
        }
        if (m_stop.load())
            break;
        if (seekTo) {
            if ((err = doSeek(*seekTo)) < 0)
                return err;
        } else if (!wantPaused && streamPaused) {
            if ((err = av_read_play(fmt.get())) < 0) // resume: PLAY without a Range
                return err;
            streamPaused = false;
            anchorNs = -1;
        }
        m_deadlineNs.store(monotonicNs() + readNs, std::memory_order_relaxed);

        err = av_read_frame(fmt.get(), pkt.get());
        if (err < 0) {
            if (err == AVERROR_EXIT && !m_stop.load())
                return AVERROR(ETIMEDOUT);
            if (err == AVERROR(EAGAIN))
                continue;
            if (err == AVERROR_EOF && !first) { // the server's BYE: the recording ended
                ended = true;
                emitEvent({SourceEvent::EndOfMedia, 0, {}});
                continue;
            }
            return err;
        }
        if (pkt->stream_index != videoIndex) {
            av_packet_unref(pkt.get());
            continue;
        }
        if (waitForKey && !(pkt->flags & AV_PKT_FLAG_KEY)) {
            av_packet_unref(pkt.get());
            std::lock_guard lock(m_infoMutex);
            ++m_info.packetsSkipped;
            continue;
        }
        waitForKey = false;
        {
            std::lock_guard lock(m_infoMutex);
            m_info.bytesReceived += pkt->size;
        }
        err = avcodec_send_packet(dec.get(), pkt.get());
        av_packet_unref(pkt.get());
        if (err < 0 && err != AVERROR(EAGAIN)) {
            std::lock_guard lock(m_infoMutex);
            ++m_info.decodeErrors;
            continue;
        }
        while ((err = avcodec_receive_frame(dec.get(), frame.get())) >= 0) {
            const std::int64_t ts =
                frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
            std::int64_t posMs = ts == AV_NOPTS_VALUE ? 0 : av_rescale_q(ts, tb, AVRational{1, 1000});
            if (clockAnchorPending) {
                clockBaseMs = clockTargetMs - posMs;
                clockAnchorPending = false;
            }
            if (onvif)
                posMs += clockBaseMs;
            if (targetMs >= 0 && posMs < targetMs - kLandingToleranceMs) { // before the asked position
                av_frame_unref(frame.get());
                std::lock_guard lock(m_infoMutex);
                ++m_info.packetsSkipped;
                continue;
            }
            targetMs = -1;
            // Pace by pts (the server may send faster: ONVIF Rate-Control: no, or a burst after a seek).
            std::int64_t now = monotonicNs();
            if (anchorNs < 0 || first || seeking) {
                anchorNs = now;
                anchorPosMs = posMs;
            } else {
                const auto due = anchorNs + std::int64_t(double(posMs - anchorPosMs) * 1e6 / rate);
                if (due < now - kBehindNs) {
                    anchorNs = now;
                    anchorPosMs = posMs;
                } else if (due > now) {
                    std::unique_lock lock(m_cmdMutex);
                    m_cmdCv.wait_for(lock, std::chrono::nanoseconds(due - now),
                                     [&] { return m_stop.load() || m_seekMs.has_value(); });
                    if (m_stop.load() || m_seekMs) {
                        av_frame_unref(frame.get());
                        break; // the seek replaces this frame
                    }
                    now = monotonicNs();
                }
            }
            QVideoFrame vf = converter.convert(frame.get());
            av_frame_unref(frame.get());
            if (!vf.isValid())
                continue;
            {
                std::lock_guard lock(m_infoMutex);
                ++m_info.framesDecoded;
                m_info.width = converter.width();
                m_info.height = converter.height();
                if (first)
                    m_info.firstFrameMs = double(now - m_startNs) / 1e6;
            }
            m_slot.put(std::move(vf), now);
            m_positionMs.store(posMs, std::memory_order_relaxed);
            if (first) {
                first = false;
                emitEvent({SourceEvent::FirstFrame, 0, codecName});
            }
            if (seeking) {
                seeking = false;
                emitEvent({SourceEvent::SeekDone, 0, {}});
                if (wantPaused)
                    break; // hold the asked frame: the loop pauses the server
            }
        }
    }
    return 0;
}

} // namespace vigil::video
