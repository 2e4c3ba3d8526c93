#pragma once
// FakeFrameSource: a FrameSource engine that does what the test says — open, deliver frames, stall (deliver
// nothing), fail with any engine error code — so the VideoPlayer's state machine is tested without a server.
// It is a mock of the engine only: the player, its frame slot, pacer and sink are the real ones. The real
// engine is covered by tests/integration/video against a real RTSP server on 127.0.0.1.
//
// Events are sent synchronously on the calling (test) thread, as an engine's worker would send them; the
// player posts them to itself, so let the event loop run (QTRY_*) before checking what it did. Thread: the
// test's thread.
#include "vigil/video/frame_source.h"

#include <QtCore/QList>
#include <QtCore/QSize>
#include <QtGui/QColor>

#include <memory>
#include <mutex>

namespace vigil::video::test {

class FakeFrameSource : public FrameSource
{
public:
    FakeFrameSource(Options options, EventFn onEvent);

    void requestStop() override;
    FrameSlot &slot() override { return m_slot; }
    SourceInfo info() const override;
    void setKeyFramesOnly(bool on) override { m_keyFramesOnly = on; }

    // Test commands.
    void open(const QString &codec = QStringLiteral("h264"));
    // Puts one decoded frame of `colour` into the slot; the first one also sends FirstFrame.
    void frame(const QColor &colour = Qt::red, QSize size = QSize(64, 36));
    // Fails with an engine error code (FFmpeg's AVERROR values; see stream_error.h).
    void fail(int averror, const QString &detail = {});

    bool stopped() const { return m_stopped; }
    bool keyFramesOnly() const { return m_keyFramesOnly; }
    const Options &options() const { return m_options; }

private:
    void send(const SourceEvent &e);

    Options m_options;
    EventFn m_onEvent;
    FrameSlot m_slot;
    SourceInfo m_info;
    bool m_stopped = false;
    bool m_keyFramesOnly = false;
    bool m_sentFirst = false;
};

// The factory handed to VideoPlayer::setFrameSourceFactory(); keeps every source the player opened.
class FakeEngine
{
public:
    FrameSourceFactory factory();
    int openCount() const { return int(m_opened.size()); }
    // The source most recently opened (null before the first).
    FakeFrameSource *last() const { return m_opened.empty() ? nullptr : m_opened.back().get(); }
    FakeFrameSource *at(int i) const { return m_opened.at(std::size_t(i)).get(); }

private:
    std::vector<std::shared_ptr<FakeFrameSource>> m_opened;
};

} // namespace vigil::video::test
