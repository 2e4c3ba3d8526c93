#pragma once
// A demo clip held in memory: its H.264 access units as GstBuffers (AVC, length-prefixed) plus the caps that
// describe them. Immutable once loaded; shared by every client pipeline of one stream. Thread: any.
#include <QtCore/QString>

#include <gst/gst.h>

#include <memory>
#include <vector>

namespace vigil::demo::detail {

struct Clip
{
    Clip() = default;
    Clip(const Clip &) = delete;
    Clip &operator=(const Clip &) = delete;
    ~Clip();

    GstCaps *caps = nullptr;         // video/x-h264, stream-format=avc, alignment=au, codec_data
    std::vector<GstBuffer *> frames; // decode order == presentation order (no B-frames)
    GstClockTime frameDuration = 0;  // 40 ms at 25 fps
    int width = 0;
    int height = 0;

    GstClockTime duration() const { return frameDuration * frames.size(); }
};

// Reads an mp4 made by makeClips() with libavformat. GStreamer must be initialised. Returns null and a
// user-facing sentence on failure.
std::shared_ptr<const Clip> loadClip(const QString &path, int fps, QString *error);

} // namespace vigil::demo::detail
