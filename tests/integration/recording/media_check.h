#pragma once
// What the recording tests ask the ffmpeg CLI about a file: ffprobe's view (duration, first video codec) and
// whether ffmpeg decodes it fully without an error. Real tools, real files; header-only, any thread.
#include <QtCore/QByteArray>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace vigil::test {

struct Probe
{
    bool ok = false;
    double duration = 0;  // format duration, s
    double startTime = 0; // format start_time, s
    QString videoCodec;   // first video stream's codec_name ("" = none)
    int videoStreams = 0;
    QString error;
};

inline Probe ffprobe(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
             QStringLiteral("format=duration,start_time:stream=codec_type,codec_name"), QStringLiteral("-of"),
             QStringLiteral("json"), path});
    Probe r;
    if (!p.waitForFinished(30000)) {
        r.error = QStringLiteral("ffprobe did not finish");
        return r;
    }
    r.error = QString::fromUtf8(p.readAllStandardError()).trimmed();
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    r.duration =
        o.value(QStringLiteral("format")).toObject().value(QStringLiteral("duration")).toString().toDouble();
    r.startTime = o.value(QStringLiteral("format"))
                      .toObject()
                      .value(QStringLiteral("start_time"))
                      .toString()
                      .toDouble();
    for (const QJsonValue &v : o.value(QStringLiteral("streams")).toArray()) {
        const QJsonObject s = v.toObject();
        if (s.value(QStringLiteral("codec_type")).toString() != QLatin1String("video"))
            continue;
        if (r.videoStreams++ == 0)
            r.videoCodec = s.value(QStringLiteral("codec_name")).toString();
    }
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return r;
}

// `ffmpeg -v error -i path -f null -`: exit 0 and nothing on stderr = every packet decoded without an error.
inline bool decodesCleanly(const QString &path, QString *errors)
{
    QProcess p;
    p.start(QStringLiteral("ffmpeg"),
            {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
             path, QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
    if (!p.waitForFinished(60000)) {
        *errors = QStringLiteral("ffmpeg did not finish");
        return false;
    }
    *errors = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0 && errors->isEmpty();
}

// Runs a command line tool to the end; its exit code (-1 if it did not run).
inline int run(const QString &program, const QStringList &args, QByteArray *output = nullptr,
               const QString &workDir = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    if (!p.waitForFinished(120000))
        return -1;
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace vigil::test
