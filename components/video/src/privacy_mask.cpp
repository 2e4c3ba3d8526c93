#include "vigil/video/privacy_mask.h"

#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtMultimedia/QVideoFrameFormat>

#include <cstring>

namespace vigil::video {

void PrivacyMasker::setMasks(const PrivacyMasks &masks)
{
    m_masks = masks;
    m_size = {};
    m_runs.clear();
}

void PrivacyMasker::rasterise(QSize picture)
{
    m_size = picture;
    m_runs.clear();
    QImage mask(picture, QImage::Format_Grayscale8);
    mask.fill(0);
    {
        QPainter p(&mask);
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        for (const QPolygonF &polygon : m_masks) {
            QPolygonF scaled;
            for (const QPointF &pt : polygon)
                scaled.append(QPointF(pt.x() * picture.width(), pt.y() * picture.height()));
            p.drawPolygon(scaled);
        }
    }
    for (int y = 0; y < picture.height(); ++y) {
        const uchar *row = mask.constScanLine(y);
        int x = 0;
        while (x < picture.width()) {
            while (x < picture.width() && row[x] == 0)
                ++x;
            const int start = x;
            while (x < picture.width() && row[x] != 0)
                ++x;
            if (x > start)
                m_runs.append({y, start, x});
        }
    }
}

bool PrivacyMasker::apply(QVideoFrame &frame)
{
    if (m_masks.isEmpty())
        return true;
    const auto format = frame.pixelFormat();
    if (format != QVideoFrameFormat::Format_YUV420P && format != QVideoFrameFormat::Format_NV12)
        return false;
    const QRect viewport = frame.surfaceFormat().viewport().isValid() ? frame.surfaceFormat().viewport()
                                                                      : QRect(QPoint(0, 0), frame.size());
    if (viewport.size() != m_size)
        rasterise(viewport.size());
    if (!frame.map(QVideoFrame::ReadWrite))
        return false;
    const bool full = frame.surfaceFormat().colorRange() == QVideoFrameFormat::ColorRange_Full;
    const uchar black = full ? 0 : 16;
    const int ox = viewport.x(), oy = viewport.y();
    uchar *luma = frame.bits(0);
    const int lumaStride = frame.bytesPerLine(0);
    for (const Run &r : std::as_const(m_runs))
        std::memset(luma + (oy + r.y) * lumaStride + ox + r.x0, black, size_t(r.x1 - r.x0));
    // Chroma at half resolution: a chroma sample is neutral when any of its luma pixels is masked.
    for (const Run &r : std::as_const(m_runs)) {
        const int cy = (oy + r.y) / 2;
        const int cx0 = (ox + r.x0) / 2, cx1 = (ox + r.x1 + 1) / 2;
        if (format == QVideoFrameFormat::Format_YUV420P) {
            std::memset(frame.bits(1) + cy * frame.bytesPerLine(1) + cx0, 128, size_t(cx1 - cx0));
            std::memset(frame.bits(2) + cy * frame.bytesPerLine(2) + cx0, 128, size_t(cx1 - cx0));
        } else {
            std::memset(frame.bits(1) + cy * frame.bytesPerLine(1) + cx0 * 2, 128, size_t(cx1 - cx0) * 2);
        }
    }
    frame.unmap();
    return true;
}

} // namespace vigil::video
