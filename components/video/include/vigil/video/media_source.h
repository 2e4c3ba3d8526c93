#pragma once
// What an engine should open. Carries credentials separately from the URL so nothing upstream ever has to
// build, log or show a URL with a password in it. Thread: value type, any.
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtGui/QPolygonF>

namespace vigil::video {

enum class Transport
{
    Tcp,
    Udp
};

struct MediaSource
{
    QUrl url;         // without credentials
    QString user;     // may be empty
    QString password; // never logged
    Transport transport = Transport::Tcp;
    // The camera's privacy masks (privacy_mask.h; 0..1 of the picture): every engine's frames are masked in
    // FrameSlot::put() before anything can show or save them.
    QList<QPolygonF> privacyMasks;

    bool isNull() const { return url.isEmpty(); }
    QString displayUrl() const; // redacted, for logs and labels
    friend bool operator==(const MediaSource &, const MediaSource &) = default;
};

} // namespace vigil::video
