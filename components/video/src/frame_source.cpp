#include "vigil/video/frame_source.h"

#include <atomic>

namespace vigil::video {

namespace {
std::atomic<std::uint64_t> s_nextId{1};
} // namespace

FrameSource::FrameSource()
    : m_id(s_nextId.fetch_add(1, std::memory_order_relaxed))
{}

FrameSource::~FrameSource() = default;

} // namespace vigil::video
