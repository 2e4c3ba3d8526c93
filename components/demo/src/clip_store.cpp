#include "clip_store.h"

#include "vigil/core/logging.h"

#include <QtCore/QFile>

#include <cstdlib>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
}

namespace vigil::demo::detail {

namespace {

QString avError(int code)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

struct FormatCloser
{
    void operator()(AVFormatContext *ctx) const { avformat_close_input(&ctx); }
};
struct PacketFree
{
    void operator()(AVPacket *pkt) const { av_packet_free(&pkt); }
};

} // namespace

Clip::~Clip()
{
    for (GstBuffer *buffer : frames)
        gst_buffer_unref(buffer);
    if (caps)
        gst_caps_unref(caps);
}

std::shared_ptr<const Clip> loadClip(const QString &path, int fps, QString *error)
{
    const auto fail = [&](const QString &why) {
        *error =
            QStringLiteral("Could not read the demo clip %1: %2. Delete the demo cache directory to make "
                           "the clips again.")
                .arg(path, why);
        return std::shared_ptr<const Clip>();
    };

    AVFormatContext *raw = nullptr;
    int rc = avformat_open_input(&raw, QFile::encodeName(path).constData(), nullptr, nullptr);
    if (rc < 0)
        return fail(avError(rc));
    std::unique_ptr<AVFormatContext, FormatCloser> format(raw);
    const int streamIndex = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (streamIndex < 0)
        return fail(QStringLiteral("it has no video stream"));
    const AVStream *stream = format->streams[streamIndex];
    const AVCodecParameters *par = stream->codecpar;
    if (par->codec_id != AV_CODEC_ID_H264 || par->extradata_size < 7 || par->extradata[0] != 1)
        return fail(QStringLiteral("it is not H.264 in AVC form"));

    auto clip = std::make_shared<Clip>();
    clip->width = par->width;
    clip->height = par->height;
    clip->frameDuration = GST_SECOND / GstClockTime(fps);
    GstBuffer *codecData = gst_buffer_new_memdup(par->extradata, gsize(par->extradata_size));
    clip->caps = gst_caps_new_simple("video/x-h264", "stream-format", G_TYPE_STRING, "avc", "alignment",
                                     G_TYPE_STRING, "au", "codec_data", GST_TYPE_BUFFER, codecData, "width",
                                     G_TYPE_INT, par->width, "height", G_TYPE_INT, par->height, "framerate",
                                     GST_TYPE_FRACTION, fps, 1, nullptr);
    gst_buffer_unref(codecData);

    std::unique_ptr<AVPacket, PacketFree> pkt(av_packet_alloc());
    int64_t lastPts = AV_NOPTS_VALUE;
    int irregular = 0;
    while ((rc = av_read_frame(format.get(), pkt.get())) >= 0) {
        if (pkt->stream_index == streamIndex && pkt->size > 0) {
            const bool key = pkt->flags & AV_PKT_FLAG_KEY;
            if (clip->frames.empty() && !key) {
                av_packet_unref(pkt.get());
                return fail(QStringLiteral("it does not start with a key frame"));
            }
            if (lastPts != AV_NOPTS_VALUE && pkt->pts != AV_NOPTS_VALUE) {
                const int64_t deltaNs = av_rescale_q(pkt->pts - lastPts, stream->time_base, {1, 1000000000});
                if (std::llabs(deltaNs - int64_t(clip->frameDuration)) > 1000000)
                    ++irregular;
            }
            lastPts = pkt->pts;
            GstBuffer *buffer = gst_buffer_new_memdup(pkt->data, gsize(pkt->size));
            if (!key)
                GST_BUFFER_FLAG_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT);
            clip->frames.push_back(buffer);
        }
        av_packet_unref(pkt.get());
    }
    if (rc != AVERROR_EOF)
        return fail(avError(rc));
    if (clip->frames.empty())
        return fail(QStringLiteral("it has no frames"));
    if (irregular > 0)
        qCWarning(vigilDemo).noquote() << "Demo clip" << path << "has" << irregular
                                       << "irregular frame intervals; serving it at a steady" << fps << "fps";
    return clip;
}

} // namespace vigil::demo::detail
