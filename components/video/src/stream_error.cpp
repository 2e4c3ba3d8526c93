#include "vigil/video/stream_error.h"

#include <QtCore/QCoreApplication>

#include <cerrno>

extern "C" {
#include <libavutil/error.h>
}

namespace vigil::video {

namespace {
// lupdate files tr() calls of a free function under its namespace, "vigil::video": look them up there too.
QString tr(const char *text)
{
    return QCoreApplication::translate("vigil::video", text);
}
} // namespace

StreamError describeStreamError(int e, const QString &where, const QString &detail)
{
    using C = VideoPlayer::ErrorCategory;
    if (e == AVERROR_HTTP_UNAUTHORIZED)
        return {C::Auth, QStringLiteral("auth"),
                tr("Wrong user name or password for %1. Check the camera's credentials in its settings.")
                    .arg(where)};
    if (e == AVERROR_HTTP_FORBIDDEN)
        return {C::Auth, QStringLiteral("forbidden"),
                tr("%1 refused access to this stream (403). Check that the user may view it.").arg(where)};
    if (e == AVERROR_HTTP_NOT_FOUND)
        return {
            C::Fatal, QStringLiteral("not-found"),
            tr("%1 has no stream at this path (404). Check the stream URL or channel number.").arg(where)};
    if (e == AVERROR_DECODER_NOT_FOUND)
        return {C::Unsupported, QStringLiteral("unsupported-codec"),
                tr("The stream uses the %1 codec, which this installation cannot decode. Switch the camera "
                   "to H.264 "
                   "or H.265.")
                    .arg(detail.isEmpty() ? tr("unknown") : detail)};
    if (e == AVERROR_STREAM_NOT_FOUND)
        return {C::Fatal, QStringLiteral("no-video"),
                tr("%1 answered but offers no video track. Check the stream URL.").arg(where)};
    if (e == AVERROR(ECONNREFUSED))
        return {
            C::Transient, QStringLiteral("refused"),
            tr("%1 refused the connection. Check that the device is on and the RTSP port is right. Retrying.")
                .arg(where)};
    if (e == AVERROR(ETIMEDOUT) || e == AVERROR_EXIT)
        return {C::Transient, QStringLiteral("timeout"),
                tr("No answer from %1 in time. Check the network and the address. Retrying.").arg(where)};
    if (e == AVERROR(EHOSTUNREACH) || e == AVERROR(ENETUNREACH) || e == AVERROR(EHOSTDOWN))
        return {C::Transient, QStringLiteral("unreachable"),
                tr("%1 cannot be reached. Check the network cable, routing and the address. Retrying.")
                    .arg(where)};
    if (e == AVERROR_EOF || e == AVERROR(ECONNRESET) || e == AVERROR(EPIPE))
        return {C::Transient, QStringLiteral("ended"), tr("%1 closed the stream. Reconnecting.").arg(where)};
    if (e == AVERROR_INVALIDDATA)
        return {C::Transient, QStringLiteral("invalid-data"),
                tr("%1 sent data that is not a valid stream. Check the URL; retrying.").arg(where)};
    // Recordings (files): `detail` is the file's name.
    if (e == AVERROR(ENOENT))
        return {C::Fatal, QStringLiteral("no-file"),
                tr("The recording %1 does not exist. Check the path, or choose another recording.")
                    .arg(detail.isEmpty() ? where : detail)};
    if (e == AVERROR_DEMUXER_NOT_FOUND)
        return {C::Unsupported, QStringLiteral("not-playable"),
                tr("%1 cannot be played: it is damaged or not a video Vigil can read. Check the file, or "
                   "choose another recording.")
                    .arg(detail.isEmpty() ? where : detail)};
    if (e == AVERROR_HTTP_BAD_REQUEST || e == AVERROR_HTTP_OTHER_4XX)
        return {C::Fatal, QStringLiteral("rejected"),
                tr("%1 rejected the request (%2). Check the stream URL.").arg(where, detail)};
    return {C::Transient, QStringLiteral("io"),
            tr("Stream from %1 failed: %2. Retrying.")
                .arg(where, detail.isEmpty() ? tr("unknown error") : detail)};
}

} // namespace vigil::video
