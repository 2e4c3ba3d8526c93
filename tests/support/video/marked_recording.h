#pragma once
// Recordings whose every frame says which frame it is: the ffmpeg CLI makes them at test time (real codecs,
// H.264 or H.265, 25 fps) from testsrc2 with the frame number n burned in as a binary code of ten white
// blocks on a black strip in the top-left corner (bit k set = block k white, block k at x = 8 + 24k, y = 8,
// 24x24 px), and the second as text beside it for humans. frameIndexOf() reads the code back from the Y
// plane of a decoded I420 frame, so a test knows which frame (and second: n / 25) it is looking at.
// Header-only; any thread (QProcess: the caller's).
#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtMultimedia/QVideoFrame>

namespace vigil::test {

constexpr int kMarkedFps = 25;
constexpr int kMarkedBits = 10; // frames 0..1023: 40 s at 25 fps

inline QString markedFilter(bool withText)
{
    QString f = QStringLiteral("drawbox=x=0:y=0:w=256:h=40:color=black:t=fill");
    for (int k = 0; k < kMarkedBits; ++k)
        f += QStringLiteral(",drawbox=x=%1:y=8:w=24:h=24:color=white:t=fill:enable='mod(floor(n/%2),2)'")
                 .arg(8 + 24 * k)
                 .arg(1 << k);
    if (withText)
        f += QStringLiteral(
            ",drawtext=text='%{eif\\:t\\:d} s':x=270:y=8:fontsize=24:fontcolor=white:box=1:boxcolor=black");
    return f;
}

// codec: "h264" or "h265". Returns an empty string on success, else what went wrong. extraArgs go before
// the output file (e.g. -movflags +faststart).
inline QString makeMarkedRecording(const QString &path, const QString &codec, int seconds,
                                   const QStringList &extraArgs = {},
                                   const QString &size = QStringLiteral("640x360"))
{
    QStringList enc;
    if (codec == QLatin1String("h265"))
        enc = {QStringLiteral("-c:v"),      QStringLiteral("libx265"),      QStringLiteral("-preset"),
               QStringLiteral("ultrafast"), QStringLiteral("-x265-params"), QStringLiteral("log-level=error"),
               QStringLiteral("-tag:v"),    QStringLiteral("hvc1")};
    else // veryfast keeps B-frames: reordered frames, as cameras' recordings have
        enc = {QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
               QStringLiteral("veryfast")};
    QString lastError;
    for (bool withText : {true, false}) { // drawtext needs fontconfig and a font; the code alone suffices
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        QStringList args{
            QStringLiteral("-nostdin"),
            QStringLiteral("-v"),
            QStringLiteral("error"),
            QStringLiteral("-y"),
            QStringLiteral("-f"),
            QStringLiteral("lavfi"),
            QStringLiteral("-i"),
            QStringLiteral("testsrc2=size=%1:rate=%2:duration=%3").arg(size).arg(kMarkedFps).arg(seconds),
            QStringLiteral("-vf"),
            markedFilter(withText)};
        args += enc;
        args += {QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")};
        args += extraArgs;
        args += path;
        p.start(QStringLiteral("ffmpeg"), args);
        if (!p.waitForStarted(10000))
            return QStringLiteral("the ffmpeg CLI did not start; install ffmpeg");
        p.waitForFinished(120000);
        if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return {};
        lastError = QString::fromUtf8(p.readAll());
    }
    return QStringLiteral("ffmpeg failed to make %1: %2").arg(path, lastError);
}

// The frame number burned into a decoded frame (I420 / YUV420P or NV12: the Y plane), -1 when the frame
// cannot be read.
inline int frameIndexOf(const QVideoFrame &frame)
{
    QVideoFrame f = frame;
    if (!f.isValid() || !f.map(QVideoFrame::ReadOnly))
        return -1;
    const auto fmt = f.pixelFormat();
    int n = -1;
    if ((fmt == QVideoFrameFormat::Format_YUV420P || fmt == QVideoFrameFormat::Format_NV12) &&
        f.width() >= 256 && f.height() >= 40) {
        const uchar *y = f.bits(0);
        const int bpl = f.bytesPerLine(0);
        n = 0;
        for (int k = 0; k < kMarkedBits; ++k) {
            int sum = 0; // mean of a 4x4 patch at the block's centre
            for (int dy = -2; dy < 2; ++dy)
                for (int dx = -2; dx < 2; ++dx)
                    sum += y[(20 + dy) * bpl + 8 + 24 * k + 12 + dx];
            if (sum / 16 > 128)
                n |= 1 << k;
        }
    }
    f.unmap();
    return n;
}

} // namespace vigil::test
