#include "live_session.h"

#include "ffmpeg_ptr.h"
#include "frame_convert.h"
#include "vigil/core/logging.h"
#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QByteArray>

#include <cstdio>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
}

namespace vigil::video {

namespace {

QString avErrorText(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

void ffmpegLog(void *avcl, int level, const char *fmt, va_list vl) noexcept
{
    if (level > AV_LOG_WARNING)
        return;
    // FFmpeg prints lines in pieces; the prefix state is per thread like FFmpeg's own default callback.
    thread_local int printPrefix = 1;
    char line[1024];
    av_log_format_line2(avcl, level, fmt, vl, line, sizeof line, &printPrefix);
    QString text = QString::fromUtf8(line).trimmed();
    if (text.isEmpty())
        return;
    text = core::redactUrl(text);
    try {
        if (level <= AV_LOG_ERROR)
            qCInfo(vigilVideo).noquote() << "ffmpeg:" << text;
        else
            qCDebug(vigilVideo).noquote() << "ffmpeg:" << text;
    } catch (...) {
    }
}

} // namespace

void initFfmpegOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        avformat_network_init();
        av_log_set_callback(&ffmpegLog);
        av_log_set_level(AV_LOG_WARNING);
    });
}

std::shared_ptr<LiveSession> LiveSession::start(Options options, EventFn onEvent)
{
    initFfmpegOnce();
    std::shared_ptr<LiveSession> s(new LiveSession(std::move(options), std::move(onEvent)));
    // The thread holds a reference until it has closed the stream: requestStop() never waits for it.
    core::WorkerThreads::start(QStringLiteral("video-live"), [self = s] { self->run(); });
    return s;
}

LiveSession::LiveSession(Options options, EventFn onEvent)
    : m_options(std::move(options))
    , m_onEvent(std::move(onEvent))
    , m_startNs(monotonicNs())
{
    m_slot.setPrivacyMasks(m_options.source.privacyMasks); // before the decoder thread puts any frame
}

LiveSession::~LiveSession() = default;

FrameSourceFactory liveFrameSourceFactory()
{
    return [](const FrameSource::Options &options,
              FrameSource::EventFn onEvent) -> std::shared_ptr<FrameSource> {
        return LiveSession::start(options, std::move(onEvent));
    };
}

void LiveSession::requestStop()
{
    m_stop.store(true);
    std::lock_guard lock(m_eventMutex);
    m_onEvent = nullptr; // no event reaches the owner after this returns
}

SourceInfo LiveSession::info() const
{
    std::lock_guard lock(m_infoMutex);
    return m_info;
}

void LiveSession::emitEvent(const SourceEvent &e)
{
    std::lock_guard lock(m_eventMutex);
    if (m_onEvent)
        m_onEvent(this, e);
}

int LiveSession::interruptCallback(void *opaque) noexcept
{
    auto *self = static_cast<LiveSession *>(opaque);
    return self->m_stop.load(std::memory_order_relaxed) ||
           monotonicNs() > self->m_deadlineNs.load(std::memory_order_relaxed);
}

bool LiveSession::waitForAllStopped(int timeoutMs)
{
    return core::WorkerThreads::wait(timeoutMs, u"video-live");
}

int LiveSession::runningCount()
{
    return core::WorkerThreads::runningCount(u"video-live");
}

void LiveSession::run() noexcept
{
    int err = 0;
    try {
        err = runStream();
    } catch (const std::exception &e) {
        qCWarning(vigilVideo) << "stream worker failed:" << e.what();
        err = AVERROR_BUG;
    } catch (...) {
        err = AVERROR_BUG;
    }
    if (err < 0 && !m_stop.load()) {
        QString detail = core::redactUrl(avErrorText(err));
        emitEvent({SourceEvent::Error, err, detail});
    }
}

int LiveSession::runStream()
{
    const auto ms = [](std::int64_t ns) {
        return double(ns) / 1e6;
    };
    const std::int64_t connectNs = std::int64_t(m_options.connectTimeoutMs) * 1000000;
    const std::int64_t readNs = std::int64_t(m_options.readTimeoutMs) * 1000000;
    m_deadlineNs = monotonicNs() + connectNs;

    AVFormatContext *raw = avformat_alloc_context();
    if (!raw)
        return AVERROR(ENOMEM);
    raw->interrupt_callback = {&LiveSession::interruptCallback, this};

    ff::Dict opts;
    const bool isRtsp = m_options.source.url.scheme().startsWith(QLatin1String("rtsp"));
    if (isRtsp) {
        opts.set("rtsp_transport", m_options.source.transport == Transport::Udp ? "udp" : "tcp");
        opts.set("allowed_media_types", "video"); // no audio SETUP: less bandwidth, one less track to pace
        const QByteArray timeoutUs = QByteArray::number(qint64(m_options.readTimeoutMs) * 1000);
        opts.set("timeout", timeoutUs.constData());
    }
    opts.set("fflags", "nobuffer");
    opts.set("flags", "low_delay");
    opts.set("user_agent", "Vigil");

    // The only place the URL carries credentials; it never leaves this function.
    const QByteArray url =
        core::withCredentials(m_options.source.url, m_options.source.user, m_options.source.password)
            .toString(QUrl::FullyEncoded)
            .toUtf8();
    // No avformat_find_stream_info(): it costs ~2 s per open; the SDP and in-band SPS/PPS are enough.
    int err = avformat_open_input(&raw, url.constData(), nullptr, opts.out());
    if (err < 0)
        return err; // avformat_open_input frees the context on failure
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
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = int(i) == videoIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

    const AVCodecParameters *par = fmt->streams[videoIndex]->codecpar;
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
    dec->thread_type = FF_THREAD_SLICE; // frame threading adds a frame of latency per thread
    dec->flags |= AV_CODEC_FLAG_LOW_DELAY;
    if ((err = avcodec_open2(dec.get(), codec, nullptr)) < 0)
        return err;

    {
        std::lock_guard lock(m_infoMutex);
        m_info.codec = codecName;
        m_info.openMs = ms(monotonicNs() - m_startNs);
    }
    emitEvent({SourceEvent::Opened, 0, codecName});

    ff::PacketPtr pkt(av_packet_alloc());
    ff::FramePtr frame(av_frame_alloc());
    if (!pkt || !frame)
        return AVERROR(ENOMEM);
    FrameConverter converter;
    bool first = true;
    bool waitForKey = false; // after key frames only: the next key frame starts full decoding again
    m_deadlineNs = monotonicNs() + readNs;

    while (!m_stop.load(std::memory_order_relaxed)) {
        err = av_read_frame(fmt.get(), pkt.get());
        if (err < 0) {
            if (err == AVERROR_EXIT && !m_stop.load())
                return AVERROR(ETIMEDOUT); // our deadline fired: no data for readTimeoutMs
            if (err == AVERROR(EAGAIN))
                continue;
            return err == AVERROR_EOF ? AVERROR_EOF : err;
        }
        m_deadlineNs.store(monotonicNs() + readNs, std::memory_order_relaxed);
        if (pkt->stream_index != videoIndex) {
            av_packet_unref(pkt.get());
            continue;
        }
        const bool key = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
        const bool keyOnly = m_keyFramesOnly.load(std::memory_order_relaxed);
        if (keyOnly)
            waitForKey = true;
        else if (key)
            waitForKey = false;
        const bool skip = !key && (keyOnly || waitForKey);
        {
            std::lock_guard lock(m_infoMutex);
            m_info.bytesReceived += pkt->size;
            m_info.packetsSkipped += skip ? 1 : 0;
        }
        if (skip) {
            av_packet_unref(pkt.get());
            continue;
        }
        err = avcodec_send_packet(dec.get(), pkt.get());
        av_packet_unref(pkt.get());
        if (err < 0 && err != AVERROR(EAGAIN)) {
            // A damaged packet (lost data, joined mid-GOP) is not fatal: the next IDR recovers.
            std::lock_guard lock(m_infoMutex);
            ++m_info.decodeErrors;
            continue;
        }
        while ((err = avcodec_receive_frame(dec.get(), frame.get())) >= 0) {
            const std::int64_t now = monotonicNs();
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
                    m_info.firstFrameMs = ms(now - m_startNs);
            }
            m_slot.put(std::move(vf), now);
            if (first) {
                first = false;
                emitEvent({SourceEvent::FirstFrame, 0, codecName});
            }
        }
    }
    return 0;
}

} // namespace vigil::video
