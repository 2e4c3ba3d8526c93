#pragma once
// Privacy masks: polygons of a camera's picture (coordinates 0..1 of the picture's width and height) that
// must never be seen — a neighbour's window, a cash desk. They are painted opaque black into the decoded
// frame itself, in FrameSlot::put() (the one door every engine's frames go through), so every view of the
// frame is masked: wall tiles, thumbnails, a tour's pre-connected stream, a snapshot PNG. Nothing
// downstream can forget to draw them.
// PrivacyMasker keeps, per frame size, the masked pixels as runs of each row (rasterised once with
// QPainter), so a frame costs only a memset per run. Thread: one thread at a time (the slot's producer).
#include <QtCore/QList>
#include <QtCore/QSize>
#include <QtGui/QPolygonF>
#include <QtMultimedia/QVideoFrame>

namespace vigil::video {

using PrivacyMasks = QList<QPolygonF>;

class PrivacyMasker
{
public:
    void setMasks(const PrivacyMasks &masks);
    const PrivacyMasks &masks() const { return m_masks; }
    bool isEmpty() const { return m_masks.isEmpty(); }

    // Paints the masks into `frame` (YUV420P or NV12, mapped here). False when the frame could not be
    // written (another format, or not mappable): the caller must then not show it.
    bool apply(QVideoFrame &frame);

private:
    struct Run
    {
        int y, x0, x1; // [x0, x1) of row y of the picture
    };
    void rasterise(QSize picture);

    PrivacyMasks m_masks;
    QSize m_size;
    QList<Run> m_runs;
};

} // namespace vigil::video
