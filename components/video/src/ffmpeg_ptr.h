#pragma once
// RAII over FFmpeg's C handles. Each alias owns exactly one handle and frees it with the matching FFmpeg
// call.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <memory>

namespace vigil::video::ff {

struct FormatContextCloser
{
    void operator()(AVFormatContext *c) const noexcept { avformat_close_input(&c); }
};
struct CodecContextFreer
{
    void operator()(AVCodecContext *c) const noexcept { avcodec_free_context(&c); }
};
struct FrameFreer
{
    void operator()(AVFrame *f) const noexcept { av_frame_free(&f); }
};
struct PacketFreer
{
    void operator()(AVPacket *p) const noexcept { av_packet_free(&p); }
};
struct SwsFreer
{
    void operator()(SwsContext *s) const noexcept { sws_freeContext(s); }
};
struct DictFreer
{
    void operator()(AVDictionary *d) const noexcept { av_dict_free(&d); }
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextCloser>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;

// AVDictionary is filled through a pointer-to-pointer, so it gets a tiny owner instead of a unique_ptr alias.
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

} // namespace vigil::video::ff
