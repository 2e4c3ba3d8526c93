#pragma once
// What an engine should open. Carries credentials separately from the URL so nothing upstream ever has to
// build, log or show a URL with a password in it. Thread: value type, any.
#include <QtCore/QString>
#include <QtCore/QUrl>

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

    bool isNull() const { return url.isEmpty(); }
    QString displayUrl() const; // redacted, for logs and labels
    friend bool operator==(const MediaSource &, const MediaSource &) = default;
};

} // namespace vigil::video
