#include "recording_command.h"

#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"
#include "vigil/recording/exporter.h"
#include "vigil/recording/recorder.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vigil::vigilctl {

using namespace vigil::recording;

namespace {

enum Exit
{
    kOk = 0,
    kFailed = 1,
    kUsage = 2
};

const char kUsageText[] =
    "Usage:\n"
    "  vigilctl recordings ROOT CAMERA --kind local [--from T --to T]\n"
    "      Lists the local recordings of CAMERA under ROOT (the recordings folder) as JSON: start, end (ISO "
    "8601\n"
    "      UTC) and playback URL. T is ISO 8601 (2026-12-06T22:30:00Z; without a zone, UTC).\n"
    "  vigilctl export URL-or-FILE --from S --to S -o FILE.mp4 [--user U --password P]\n"
    "      Copies seconds S..S (from the start of the media) into one MP4 without re-encoding, starting at "
    "the\n"
    "      key frame at or before --from, and writes FILE.mp4.sha256 beside it. Prints duration and "
    "checksum.\n"
    "  vigilctl record URL CAMERA-ID --root DIR --seconds N [--segment-seconds S] [--user U --password P]\n"
    "      Records the stream for N seconds into DIR/CAMERA-ID/ (Matroska segments of S seconds, default "
    "60),\n"
    "      then stops cleanly and prints the segments written (SIGINT/SIGTERM stop it cleanly sooner).\n"
    "Exit 0 on success, 1 on failure (the JSON says why), 2 on usage errors.\n";

void printJson(const QJsonObject &o)
{
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

int usage(const QString &why)
{
    QByteArray text;
    if (!why.isEmpty())
        text += "vigilctl: " + why.toUtf8() + "\n";
    text += kUsageText;
    std::fputs(text.constData(), stderr);
    return kUsage;
}

// Parses; false when the command must end now (usage error or --help) with *exit set.
bool parse(QCommandLineParser &p, const QStringList &args, int *exit)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("this help"));
    p.addOption(help);
    if (!p.parse(args)) {
        *exit = usage(p.errorText());
        return false;
    }
    if (p.isSet(help)) {
        std::fputs(kUsageText, stdout);
        *exit = kOk;
        return false;
    }
    return true;
}

void addCredentialOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("user"), QStringLiteral("user name"), QStringLiteral("user")});
    p.addOption({QStringLiteral("password"), QStringLiteral("password"), QStringLiteral("password")});
}

// A file path or URL -> MediaSource; credentials typed into the URL are taken out of it.
std::optional<video::MediaSource> mediaSource(const QString &arg, const QCommandLineParser &p)
{
    video::MediaSource s;
    if (QFileInfo::exists(arg) || !arg.contains(QLatin1String("://"))) {
        s.url = QUrl::fromLocalFile(QFileInfo(arg).absoluteFilePath());
        return s;
    }
    QUrl url(arg, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return std::nullopt;
    s.user = p.isSet(QStringLiteral("user")) ? p.value(QStringLiteral("user")) : url.userName();
    s.password = p.isSet(QStringLiteral("password")) ? p.value(QStringLiteral("password")) : url.password();
    url.setUserInfo({});
    s.url = url;
    return s;
}

// SIGINT/SIGTERM during `record`: the handler only writes a byte; the event loop reads it and stops the
// recorder, which closes its segment properly (Ctrl+C leaves no open segment behind).
int s_stopFds[2] = {-1, -1};
extern "C" void onStopSignal(int) noexcept
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(s_stopFds[1], &c, 1);
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<QDateTime> parseTime(const QString &s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC); // no zone written: UTC, like the output
    return t.toUTC();
}

QJsonObject segmentJson(const Segment &s)
{
    return {{QStringLiteral("start"), iso(s.start)},
            {QStringLiteral("end"), iso(s.end)},
            {QStringLiteral("duration_s"), double(s.durationMs()) / 1000.0},
            {QStringLiteral("url"), QUrl::fromLocalFile(s.path).toString()},
            {QStringLiteral("path"), s.path},
            {QStringLiteral("bytes"), s.bytes},
            {QStringLiteral("open"), s.open}};
}

} // namespace

int runRecordings(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("root"), QStringLiteral("recordings folder"));
    p.addPositionalArgument(QStringLiteral("camera"), QStringLiteral("camera id"));
    p.addOption(
        {QStringLiteral("kind"), QStringLiteral("local"), QStringLiteral("kind"), QStringLiteral("local")});
    p.addOption({QStringLiteral("from"), QStringLiteral("ISO 8601 time"), QStringLiteral("t")});
    p.addOption({QStringLiteral("to"), QStringLiteral("ISO 8601 time"), QStringLiteral("t")});
    int exit = kOk;
    if (!parse(p, args, &exit))
        return exit;
    const QString kind = p.value(QStringLiteral("kind"));
    if (kind != QLatin1String("local"))
        return usage(
            QStringLiteral("--kind %1 is not supported by this command yet (only \"local\" is)").arg(kind));
    if (p.positionalArguments().size() != 2)
        return usage(QStringLiteral("recordings needs the recordings folder and the camera id"));
    QDateTime from, to;
    for (const auto &[name, out] :
         {std::pair{QStringLiteral("from"), &from}, std::pair{QStringLiteral("to"), &to}}) {
        if (!p.isSet(name))
            continue;
        const auto t = parseTime(p.value(name));
        if (!t)
            return usage(
                QStringLiteral("--%1 takes an ISO 8601 time such as 2026-12-06T22:30:00Z").arg(name));
        *out = *t;
    }
    const QString root = p.positionalArguments().at(0);
    const QString camera = p.positionalArguments().at(1);
    QJsonObject o{{QStringLiteral("camera"), camera}, {QStringLiteral("kind"), kind}};
    if (!QFileInfo(QDir(root).filePath(cameraDirName(camera))).isDir()) {
        o[QStringLiteral("ok")] = false;
        o[QStringLiteral("error")] =
            QStringLiteral("There are no recordings of %1 under %2. Check the folder and "
                           "the camera id.")
                .arg(camera, QDir::toNativeSeparators(root));
        printJson(o);
        return kFailed;
    }
    QJsonArray list;
    for (const Segment &s : RecordingIndex::filter(RecordingIndex::scan(root, camera), from, to))
        list.append(segmentJson(s));
    o[QStringLiteral("ok")] = true;
    o[QStringLiteral("recordings")] = list;
    printJson(o);
    return kOk;
}

int runExport(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("source"), QStringLiteral("URL or file"));
    p.addOption({QStringLiteral("from"), QStringLiteral("start, seconds from the start of the media"),
                 QStringLiteral("s"), QStringLiteral("0")});
    p.addOption({QStringLiteral("to"), QStringLiteral("end, seconds from the start of the media"),
                 QStringLiteral("s")});
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                 QStringLiteral("output .mp4"),
                 QStringLiteral("file")});
    addCredentialOptions(p);
    int exit = kOk;
    if (!parse(p, args, &exit))
        return exit;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("export needs exactly one URL or file"));
    if (!p.isSet(QStringLiteral("o")))
        return usage(QStringLiteral("export needs -o FILE.mp4"));
    bool okF = true, okT = true;
    const double from = p.value(QStringLiteral("from")).toDouble(&okF);
    const double to = p.isSet(QStringLiteral("to")) ? p.value(QStringLiteral("to")).toDouble(&okT) : -1;
    if (!okF || !okT || from < 0 || (p.isSet(QStringLiteral("to")) && to <= from))
        return usage(QStringLiteral("--from and --to take seconds, with --to after --from"));
    const auto source = mediaSource(p.positionalArguments().first(), p);
    if (!source)
        return usage(QStringLiteral("not a valid URL or file: %1")
                         .arg(core::redactUrl(p.positionalArguments().first())));
    const ExportResult r =
        exportMedia(ExportRequest::forMedia(*source, from, to, p.value(QStringLiteral("o"))));
    QJsonObject o{{QStringLiteral("ok"), r.ok},
                  {QStringLiteral("source"),
                   source->url.isLocalFile() ? source->url.toLocalFile() : source->displayUrl()}};
    if (r.ok) {
        o[QStringLiteral("output")] = r.path;
        o[QStringLiteral("duration_s")] = double(r.durationMs) / 1000.0;
        o[QStringLiteral("bytes")] = r.bytes;
        o[QStringLiteral("sha256")] = r.sha256;
        o[QStringLiteral("sha256_file")] = r.sha256Path;
        if (!r.note.isEmpty())
            o[QStringLiteral("note")] = r.note;
    } else {
        o[QStringLiteral("error")] = r.error;
    }
    printJson(o);
    return r.ok ? kOk : kFailed;
}

int runRecord(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("url"), QStringLiteral("stream URL"));
    p.addPositionalArgument(QStringLiteral("camera"), QStringLiteral("camera id (folder name)"));
    p.addOption({QStringLiteral("root"), QStringLiteral("recordings folder"), QStringLiteral("dir")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("record for N seconds"), QStringLiteral("n")});
    p.addOption({QStringLiteral("segment-seconds"), QStringLiteral("segment length"), QStringLiteral("s"),
                 QStringLiteral("60")});
    p.addOption({QStringLiteral("quota-bytes"), QStringLiteral("storage budget of the root"),
                 QStringLiteral("bytes"), QStringLiteral("0")});
    addCredentialOptions(p);
    int exit = kOk;
    if (!parse(p, args, &exit))
        return exit;
    if (p.positionalArguments().size() != 2)
        return usage(QStringLiteral("record needs the stream URL and the camera id"));
    if (!p.isSet(QStringLiteral("root")) || !p.isSet(QStringLiteral("seconds")))
        return usage(QStringLiteral("record needs --root DIR and --seconds N"));
    bool okN = false, okS = false, okQ = false;
    const double seconds = p.value(QStringLiteral("seconds")).toDouble(&okN);
    const int segmentSeconds = p.value(QStringLiteral("segment-seconds")).toInt(&okS);
    const qint64 quota = p.value(QStringLiteral("quota-bytes")).toLongLong(&okQ);
    if (!okN || seconds <= 0 || !okS || segmentSeconds <= 0 || !okQ || quota < 0)
        return usage(QStringLiteral("--seconds and --segment-seconds take positive numbers"));
    const QString camera = p.positionalArguments().at(1);
    if (camera.isEmpty())
        return usage(QStringLiteral("record needs a camera id"));
    const auto source = mediaSource(p.positionalArguments().at(0), p);
    if (!source)
        return usage(
            QStringLiteral("not a valid stream URL: %1").arg(core::redactUrl(p.positionalArguments().at(0))));

    RecorderOptions opt;
    opt.root = QFileInfo(p.value(QStringLiteral("root"))).absoluteFilePath();
    opt.cameraId = camera;
    opt.source = *source;
    opt.segmentSeconds = segmentSeconds;
    opt.quotaBytes = quota;
    auto recorder = std::make_unique<Recorder>(opt);
    QObject::connect(recorder.get(), &Recorder::stopped, qApp, &QCoreApplication::quit);
    QObject::connect(recorder.get(), &Recorder::segmentClosed, qApp, [](const QString &path) {
        std::fprintf(stderr, "vigilctl: segment closed %s\n", qPrintable(QDir::toNativeSeparators(path)));
    });
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_stopFds) == 0) {
        auto *notifier = new QSocketNotifier(qintptr(s_stopFds[0]), QSocketNotifier::Read, recorder.get());
        QObject::connect(notifier, &QSocketNotifier::activated, recorder.get(), [r = recorder.get()] {
            char c = 0;
            [[maybe_unused]] const auto n = ::read(s_stopFds[0], &c, 1);
            std::fputs("vigilctl: stopping (signal)\n", stderr);
            r->stop();
        });
        struct sigaction sa = {};
        sa.sa_handler = &onStopSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, nullptr);
        ::sigaction(SIGTERM, &sa, nullptr);
    }
    recorder->start();
    QTimer::singleShot(int(std::lround(seconds * 1000)), recorder.get(), &Recorder::stop);
    QCoreApplication::exec();
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    const QStringList closed = recorder->closedSegments();
    const QString lastError = recorder->lastError();
    recorder.reset();                              // the worker ends ...
    core::WorkerThreads::wait(5000, u"recording"); // ... and is joined before the process exits

    QJsonArray segments;
    qint64 bytes = 0;
    const QList<Segment> all = RecordingIndex::scan(opt.root, camera);
    for (const Segment &s : all) {
        if (!closed.contains(s.path))
            continue;
        segments.append(segmentJson(s));
        bytes += s.bytes;
    }
    const bool ok = !segments.isEmpty();
    QJsonObject o{{QStringLiteral("ok"), ok},
                  {QStringLiteral("camera"), camera},
                  {QStringLiteral("source"), source->displayUrl()},
                  {QStringLiteral("root"), opt.root},
                  {QStringLiteral("segments"), segments},
                  {QStringLiteral("bytes"), bytes}};
    if (!ok || !lastError.isEmpty())
        o[QStringLiteral("error")] =
            lastError.isEmpty() ? QStringLiteral("Nothing was recorded: the stream sent no key frame in "
                                                 "time. Record for longer.")
                                : lastError;
    printJson(o);
    return ok ? kOk : kFailed;
}

} // namespace vigil::vigilctl
