#include "clip_maker.h"

#include "vigil/core/logging.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QScopeGuard>
#include <QtCore/QStandardPaths>
#include <QtCore/QStringList>

#include <cstdio>

namespace vigil::demo::detail {

namespace {

QString ffmpegColour(const QColor &c)
{
    return QStringLiteral("0x") + c.name(QColor::HexRgb).mid(1);
}

QString textFile(const DemoCamera &camera, const char *lang)
{
    return QStringLiteral("%1.%2.txt").arg(camera.id, QLatin1String(lang));
}

// The picture (1280x720, fractions match DemoSite::referenceRegion()):
//   top: English name, Chinese name + id (left); running clip time and frame number (right)
//   middle band: a box in the camera colour sliding left to right (speed differs per camera)
//   lower-left: the reference region, a flat fill of the camera colour
//   lower-right: a Game of Life field in the camera colour (a different seed per camera)
// The sub stream is the same picture scaled (split before scaling), so both streams look alike.
// ffmpeg runs with the cache directory as working directory, so text files need no path escaping.
QString filterGraph(const DemoCamera &camera, int index, int secs)
{
    const QString col = ffmpegColour(camera.colour);
    const QString dim = ffmpegColour(camera.colour.darker(350));
    const QSize main = DemoSite::kMainSize;
    const QRectF ref = DemoSite::referenceRegion();
    const int rx = int(ref.x() * main.width()), ry = int(ref.y() * main.height());
    const int rw = int(ref.width() * main.width()), rh = int(ref.height() * main.height());
    const int speed = 200 + 40 * (index % 5);
    QStringList g;
    g << QStringLiteral("color=c=0x1c2430:s=%1x%2:r=%3:d=%4[bg]")
             .arg(main.width())
             .arg(main.height())
             .arg(DemoSite::kFps)
             .arg(secs);
    g << QStringLiteral("life=s=112x61:r=%1:seed=%2:ratio=0.12:mold=8:life_color=%3:death_color=0x10161e:"
                        "mold_color=%4,scale=448:244:flags=neighbor,trim=duration=%5[life]")
             .arg(DemoSite::kFps)
             .arg(1000 + index)
             .arg(col, dim)
             .arg(secs);
    g << QStringLiteral("color=c=%1:s=96x96:r=%2:d=%3[box]").arg(col).arg(DemoSite::kFps).arg(secs);
    g << QStringLiteral("[bg]drawbox=x=%1:y=%2:w=%3:h=%4:color=%5:t=fill[b1]")
             .arg(rx)
             .arg(ry)
             .arg(rw)
             .arg(rh)
             .arg(col);
    g << QStringLiteral("[b1][life]overlay=x=768:y=418[b2]");
    g << QStringLiteral("[b2][box]overlay=x='mod(t*%1+%2\\,W-w)':y=270:eval=frame[b3]")
             .arg(speed)
             .arg(index * 97);
    g << QStringLiteral(
             "[b3]drawtext=textfile=%1:font='DejaVu Sans':fontsize=52:fontcolor=white:x=48:y=36,"
             "drawtext=textfile=%2:font='Noto Sans CJK SC':fontsize=48:fontcolor=white:x=48:y=110,"
             "drawtext=text='%{pts\\:hms}  %{n}':font='DejaVu Sans Mono':fontsize=44:fontcolor=white:"
             "box=1:boxcolor=black@0.5:boxborderw=8:x=w-tw-48:y=40,"
             "split=2[main][s0]")
             .arg(textFile(camera, "en"), textFile(camera, "zh"));
    g << QStringLiteral("[s0]scale=%1:%2[sub]")
             .arg(DemoSite::kSubSize.width())
             .arg(DemoSite::kSubSize.height());
    return g.join(QStringLiteral(";\n"));
}

// H.264 without B-frames (clients do not probe and want low latency), a 1 s GOP with IDRs on the second.
QStringList encoderArgs()
{
    const QString gop = QString::number(DemoSite::kFps);
    return {QStringLiteral("-c:v"),
            QStringLiteral("libx264"),
            QStringLiteral("-preset"),
            QStringLiteral("veryfast"),
            QStringLiteral("-bf"),
            QStringLiteral("0"),
            QStringLiteral("-g"),
            gop,
            QStringLiteral("-keyint_min"),
            gop,
            QStringLiteral("-sc_threshold"),
            QStringLiteral("0"),
            QStringLiteral("-pix_fmt"),
            QStringLiteral("yuv420p"),
            QStringLiteral("-r"),
            gop,
            QStringLiteral("-an"),
            QStringLiteral("-f"),
            QStringLiteral("mp4")};
}

QString texts(const DemoCamera &camera)
{
    return camera.name + QLatin1Char('\n') + camera.nameZh + QStringLiteral("  ·  ") + camera.id;
}

QString recipeKey(const DemoCamera &camera, int index, int clipSeconds)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(DemoSite::clipVersion().toUtf8());
    hash.addData(filterGraph(camera, index, clipSeconds).toUtf8());
    hash.addData(encoderArgs().join(QLatin1Char(' ')).toUtf8());
    hash.addData(texts(camera).toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(10));
}

// Processes may share a cache (the app and a benchmark, parallel tests): temporary names carry the process
// id, and finished files replace their targets with an atomic rename(2), so nobody reads a half-written file.
QString tempSuffix()
{
    return QStringLiteral(".%1.tmp").arg(QCoreApplication::applicationPid());
}

bool replaceFile(const QString &from, const QString &to)
{
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

bool writeText(const QString &path, const QString &text, QString *error)
{
    const QString temp = path + tempSuffix();
    QFile f(temp);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text.toUtf8()) < 0 || !f.flush()) {
        *error = QStringLiteral("Could not write %1: %2. Check that the cache directory is writable.")
                     .arg(temp, f.errorString());
        return false;
    }
    f.close();
    if (!replaceFile(temp, path)) {
        QFile::remove(temp);
        *error = QStringLiteral("Could not write %1. Check that the cache directory is writable.").arg(path);
        return false;
    }
    return true;
}

} // namespace

ClipFiles clipFiles(const QString &dir, const DemoCamera &camera, int index, int clipSeconds)
{
    const QString base = QStringLiteral("%1-%2s-%3")
                             .arg(camera.id)
                             .arg(clipSeconds)
                             .arg(recipeKey(camera, index, clipSeconds));
    const QDir d(dir);
    return {d.filePath(base + QStringLiteral("-main.mp4")), d.filePath(base + QStringLiteral("-sub.mp4"))};
}

bool clipsCached(const QString &dir, const DemoCamera &camera, int index, int clipSeconds)
{
    const ClipFiles files = clipFiles(dir, camera, index, clipSeconds);
    return QFileInfo(files.main).size() > 0 && QFileInfo(files.sub).size() > 0;
}

bool makeClips(const QString &dir, const DemoCamera &camera, int index, int clipSeconds, QString *error)
{
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (ffmpeg.isEmpty()) {
        *error = QStringLiteral("The demo needs the ffmpeg program to make its clips, and it was not found. "
                                "Install it (scripts/setup-deps.sh, or apt-get install ffmpeg).");
        return false;
    }
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("Could not create the demo cache directory %1. Check its permissions or set "
                                "VIGIL_CACHE_DIR.")
                     .arg(dir);
        return false;
    }
    QDir d(dir);
    const QStringList lines = texts(camera).split(QLatin1Char('\n'));
    if (!writeText(d.filePath(textFile(camera, "en")), lines.value(0), error) ||
        !writeText(d.filePath(textFile(camera, "zh")), lines.value(1), error))
        return false;
    // Not part of the recipe key, so it may carry the process id and go away afterwards.
    const QString graphPath = d.filePath(camera.id + QStringLiteral(".graph") + tempSuffix());
    if (!writeText(graphPath, filterGraph(camera, index, clipSeconds), error))
        return false;
    const auto removeGraph = qScopeGuard([&] { QFile::remove(graphPath); });

    const ClipFiles files = clipFiles(dir, camera, index, clipSeconds);
    const QString mainPart = files.main + tempSuffix();
    const QString subPart = files.sub + tempSuffix();
    QStringList args{QStringLiteral("-hide_banner"),
                     QStringLiteral("-nostdin"),
                     QStringLiteral("-loglevel"),
                     QStringLiteral("error"),
                     QStringLiteral("-y"),
                     QStringLiteral("-filter_complex_script"),
                     graphPath};
    args << QStringLiteral("-map") << QStringLiteral("[main]") << encoderArgs() << mainPart;
    args << QStringLiteral("-map") << QStringLiteral("[sub]") << encoderArgs() << subPart;

    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer timer;
    timer.start();
    process.start(ffmpeg, args);
    const int timeoutMs = 60000 + clipSeconds * 10000;
    const bool finished = process.waitForStarted(10000) && process.waitForFinished(timeoutMs);
    const QString stderrText = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
        QFile::remove(mainPart);
        QFile::remove(subPart);
        const QString why = !finished && process.error() == QProcess::Timedout
                                ? QStringLiteral("it took longer than %1 s").arg(timeoutMs / 1000)
                                : stderrText.right(600);
        *error =
            QStringLiteral("ffmpeg could not make the demo clip for %1: %2. Check that the ffmpeg package "
                           "and the fonts (fonts-dejavu-core, fonts-noto-cjk) are installed.")
                .arg(camera.id, why.isEmpty() ? process.errorString() : why);
        return false;
    }
    if (!replaceFile(mainPart, files.main) || !replaceFile(subPart, files.sub)) {
        QFile::remove(mainPart);
        QFile::remove(subPart);
        *error = QStringLiteral("Could not store the demo clips in %1. Check that the directory is writable.")
                     .arg(dir);
        return false;
    }
    // Drop older recipes of this camera and length, so the cache does not grow with every format change.
    const QString prefix = QStringLiteral("%1-%2s-").arg(camera.id).arg(clipSeconds);
    for (const QString &name : d.entryList({prefix + QStringLiteral("*.mp4")}, QDir::Files)) {
        if (d.filePath(name) != files.main && d.filePath(name) != files.sub)
            d.remove(name);
    }
    qCInfo(vigilDemo).noquote() << "Made demo clips for" << camera.id << "in" << timer.elapsed() << "ms";
    return true;
}

} // namespace vigil::demo::detail
