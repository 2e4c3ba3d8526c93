#include "fake_frame_source.h"

#include <QtMultimedia/QVideoFrame>
#include <QtMultimedia/QVideoFrameFormat>

#include <algorithm>

namespace vigil::video::test {

FakeFrameSource::FakeFrameSource(Options options, EventFn onEvent)
    : m_options(std::move(options))
    , m_onEvent(std::move(onEvent))
{
    m_slot.setPrivacyMasks(m_options.source.privacyMasks); // as every engine does
}

void FakeFrameSource::requestStop()
{
    m_stopped = true;
    m_onEvent = nullptr; // as the contract says: no event after requestStop() has returned
}

SourceInfo FakeFrameSource::info() const
{
    return m_info;
}

void FakeFrameSource::send(const SourceEvent &e)
{
    if (m_onEvent)
        m_onEvent(this, e);
}

void FakeFrameSource::open(const QString &codec)
{
    m_info.codec = codec;
    send({SourceEvent::Opened, 0, codec});
}

void FakeFrameSource::frame(const QColor &colour, QSize size)
{
    if (m_stopped)
        return;
    QVideoFrame f(QVideoFrameFormat(size, QVideoFrameFormat::Format_RGBA8888));
    if (f.map(QVideoFrame::WriteOnly)) {
        const uchar px[4] = {uchar(colour.red()), uchar(colour.green()), uchar(colour.blue()), 0xff};
        for (int y = 0; y < size.height(); ++y) {
            uchar *line = f.bits(0) + y * f.bytesPerLine(0);
            for (int x = 0; x < size.width(); ++x)
                std::copy(px, px + 4, line + 4 * x);
        }
        f.unmap();
    }
    ++m_info.framesDecoded;
    m_info.width = size.width();
    m_info.height = size.height();
    m_slot.put(std::move(f), monotonicNs());
    if (!m_sentFirst) {
        m_sentFirst = true;
        send({SourceEvent::FirstFrame, 0, m_info.codec});
    }
}

void FakeFrameSource::fail(int averror, const QString &detail)
{
    send({SourceEvent::Error, averror, detail});
    m_onEvent = nullptr; // an Error finishes a source
}

FrameSourceFactory FakeEngine::factory()
{
    return [this](const FrameSource::Options &options, FrameSource::EventFn onEvent) {
        auto s = std::make_shared<FakeFrameSource>(options, std::move(onEvent));
        m_opened.push_back(s);
        return std::shared_ptr<FrameSource>(s);
    };
}

} // namespace vigil::video::test
