#include "ff.h"

#include "vigil/core/redact.h"

#include <cstdarg>
#include <mutex>

Q_LOGGING_CATEGORY(vigilRecording, "vigil.recording")

namespace vigil::recording::ff {

namespace {

// FFmpeg's messages may quote the URL it was given (with the camera's password): redact, and route them to
// our category instead of stderr. Same shape as the live engine's callback (vigil.video).
void ffmpegLog(void *avcl, int level, const char *fmt, va_list vl) noexcept
{
    if (level > AV_LOG_WARNING)
        return;
    thread_local int printPrefix = 1;
    char line[1024];
    av_log_format_line2(avcl, level, fmt, vl, line, sizeof line, &printPrefix);
    const QString text = core::redactUrl(QString::fromUtf8(line).trimmed());
    if (text.isEmpty())
        return;
    try {
        if (level <= AV_LOG_ERROR)
            qCInfo(vigilRecording).noquote() << "ffmpeg:" << text;
        else
            qCDebug(vigilRecording).noquote() << "ffmpeg:" << text;
    } catch (...) {
    }
}

} // namespace

void initOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        avformat_network_init();
        av_log_set_callback(&ffmpegLog);
        av_log_set_level(AV_LOG_WARNING);
    });
}

QString errorText(int averror)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(averror, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

} // namespace vigil::recording::ff
