#pragma once
// Decoded AVFrame -> QVideoFrame in a planar YUV format VideoOutput converts on the GPU (YUV420P or NV12).
//
// Qt 6.4.2 pitfall: a Format_YUV420P QVideoFrame computes a wrong chroma stride when height % 4 == 2 (e.g.
// 362, 386, 270 lines), which shears colours. We allocate such frames with the height padded to a multiple of
// 4, replicate the last rows into the padding and set the viewport to the real size. tst_frame_convert guards
// this.
//
// Thread: one converter per decoder thread.
#include "ffmpeg_ptr.h"

#include <QtCore/QSize>
#include <QtMultimedia/QVideoFrame>

namespace vigil::video {

// The allocation size for a picture of `size` that avoids Qt 6.4's chroma-stride bug (even width, height % 4
// == 0).
QSize paddedFrameSize(QSize size);

class FrameConverter
{
public:
    QVideoFrame convert(const AVFrame *frame);
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    ff::SwsPtr m_sws;
    ff::FramePtr m_scratch; // YUV420P target for formats we convert on the CPU (rare: 4:2:2, 10-bit)
    int m_swsKey[3] = {-1, 0, 0};
    int m_width = 0;
    int m_height = 0;
};

} // namespace vigil::video
