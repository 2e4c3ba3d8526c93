#pragma once
// RAII over the FFmpeg handles this room uses, FFmpeg's one-time set-up, and its error text. Private.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
}

#include <QtCore/QLoggingCategory>
#include <QtCore/QString>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(vigilRecording)

namespace vigil::recording::ff {

struct InputCloser
{
    void operator()(AVFormatContext *c) const noexcept { avformat_close_input(&c); }
};
// An output context; closes its file (if open) and frees it. Does not write a trailer.
struct OutputCloser
{
    void operator()(AVFormatContext *c) const noexcept
    {
        if (c && c->pb && !(c->oformat->flags & AVFMT_NOFILE))
            avio_closep(&c->pb);
        avformat_free_context(c);
    }
};
struct PacketFreer
{
    void operator()(AVPacket *p) const noexcept { av_packet_free(&p); }
};
using InputPtr = std::unique_ptr<AVFormatContext, InputCloser>;
using OutputPtr = std::unique_ptr<AVFormatContext, OutputCloser>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;

class Dict
{
public:
    Dict() = default;
    ~Dict() { av_dict_free(&m_d); }
    Dict(const Dict &) = delete;
    Dict &operator=(const Dict &) = delete;
    void set(const char *key, const char *value) { av_dict_set(&m_d, key, value, 0); }
    AVDictionary **out() { return &m_d; }

private:
    AVDictionary *m_d = nullptr;
};

// avformat_network_init() and quiet logging, once per process (vigil_video does the same for its engine).
void initOnce();
QString errorText(int averror);

} // namespace vigil::recording::ff
