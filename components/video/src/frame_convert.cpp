#include "frame_convert.h"

#include <QtMultimedia/QVideoFrameFormat>

#include <algorithm>
#include <cstring>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace vigil::video {

QSize paddedFrameSize(QSize size)
{
    return {(size.width() + 1) & ~1, (size.height() + 3) & ~3};
}

namespace {

void copyPlane(uchar *dst, int dstStride, const uint8_t *src, int srcStride, int rowBytes, int rows,
               int paddedRows)
{
    const int n = std::min({rowBytes, dstStride, std::abs(srcStride)});
    for (int y = 0; y < rows; ++y)
        std::memcpy(dst + qsizetype(y) * dstStride, src + qsizetype(y) * srcStride, size_t(n));
    // Fill the padding rows with the last real row so a renderer that ignores the viewport shows no band.
    for (int y = rows; y < paddedRows && rows > 0; ++y)
        std::memcpy(dst + qsizetype(y) * dstStride, dst + qsizetype(rows - 1) * dstStride, size_t(n));
}

} // namespace

QVideoFrame FrameConverter::convert(const AVFrame *in)
{
    if (!in || in->width <= 0 || in->height <= 0)
        return {};
    const AVFrame *src = in;
    auto pixFmt = AVPixelFormat(in->format);
    const bool fullRange = pixFmt == AV_PIX_FMT_YUVJ420P || in->color_range == AVCOL_RANGE_JPEG;

    QVideoFrameFormat::PixelFormat qtFormat = QVideoFrameFormat::Format_Invalid;
    if (pixFmt == AV_PIX_FMT_YUV420P || pixFmt == AV_PIX_FMT_YUVJ420P)
        qtFormat = QVideoFrameFormat::Format_YUV420P;
    else if (pixFmt == AV_PIX_FMT_NV12)
        qtFormat = QVideoFrameFormat::Format_NV12;

    if (qtFormat == QVideoFrameFormat::Format_Invalid) {
        // Anything else (4:2:2, 4:4:4, 10-bit) is converted once on the CPU to YUV420P.
        if (!m_sws || m_swsKey[0] != pixFmt || m_swsKey[1] != in->width || m_swsKey[2] != in->height) {
            m_sws.reset(sws_getContext(in->width, in->height, pixFmt, in->width, in->height,
                                       AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr));
            m_scratch.reset(av_frame_alloc());
            if (!m_sws || !m_scratch)
                return {};
            m_scratch->format = AV_PIX_FMT_YUV420P;
            m_scratch->width = in->width;
            m_scratch->height = in->height;
            if (av_frame_get_buffer(m_scratch.get(), 0) < 0)
                return {};
            m_swsKey[0] = pixFmt;
            m_swsKey[1] = in->width;
            m_swsKey[2] = in->height;
        }
        sws_scale(m_sws.get(), in->data, in->linesize, 0, in->height, m_scratch->data, m_scratch->linesize);
        src = m_scratch.get();
        qtFormat = QVideoFrameFormat::Format_YUV420P;
    }

    const QSize real(src->width, src->height);
    const QSize padded = paddedFrameSize(real);
    QVideoFrameFormat format(padded, qtFormat);
    if (padded != real)
        format.setViewport(QRect(QPoint(0, 0), real));
    format.setColorRange(fullRange ? QVideoFrameFormat::ColorRange_Full
                                   : QVideoFrameFormat::ColorRange_Video);
    format.setColorSpace(in->colorspace == AVCOL_SPC_BT709 ? QVideoFrameFormat::ColorSpace_BT709
                                                           : QVideoFrameFormat::ColorSpace_BT601);
    QVideoFrame out(format);
    if (!out.isValid() || !out.map(QVideoFrame::WriteOnly))
        return {};
    const int chromaRows = (real.height() + 1) / 2;
    const int chromaPaddedRows = padded.height() / 2;
    if (qtFormat == QVideoFrameFormat::Format_YUV420P) {
        copyPlane(out.bits(0), out.bytesPerLine(0), src->data[0], src->linesize[0], real.width(),
                  real.height(), padded.height());
        const int cw = (real.width() + 1) / 2;
        copyPlane(out.bits(1), out.bytesPerLine(1), src->data[1], src->linesize[1], cw, chromaRows,
                  chromaPaddedRows);
        copyPlane(out.bits(2), out.bytesPerLine(2), src->data[2], src->linesize[2], cw, chromaRows,
                  chromaPaddedRows);
    } else { // NV12
        copyPlane(out.bits(0), out.bytesPerLine(0), src->data[0], src->linesize[0], real.width(),
                  real.height(), padded.height());
        copyPlane(out.bits(1), out.bytesPerLine(1), src->data[1], src->linesize[1],
                  ((real.width() + 1) / 2) * 2, chromaRows, chromaPaddedRows);
    }
    out.unmap();
    m_width = real.width();
    m_height = real.height();
    return out;
}

} // namespace vigil::video
