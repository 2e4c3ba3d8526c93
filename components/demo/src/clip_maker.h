#pragma once
// Encodes a demo camera's main and sub clips with the ffmpeg CLI, once, into the cache directory.
// Thread: any (blocking; no shared state).
#include "vigil/demo/demo_site.h"

#include <QtCore/QString>

namespace vigil::demo::detail {

struct ClipFiles
{
    QString main;
    QString sub;
};

// Cache file names for a camera; the key hashes the whole ffmpeg recipe, so any change to the picture, the
// camera metadata or the encoder settings produces new files.
ClipFiles clipFiles(const QString &dir, const DemoCamera &camera, int index, int clipSeconds);

// True when both files of the camera are already in the cache.
bool clipsCached(const QString &dir, const DemoCamera &camera, int index, int clipSeconds);

// Runs ffmpeg (one run makes both streams). Returns false with a user-facing sentence on failure.
bool makeClips(const QString &dir, const DemoCamera &camera, int index, int clipSeconds, QString *error);

} // namespace vigil::demo::detail
