// vigilctl: the command-line companion for field technicians and night-time site checks.
// Same component libraries as the UI, JSON on stdout, the UI's error sentences, non-zero exit on failure.
#include "backend_command.h"
#include "onvif_command.h"
#include "play_command.h"
#include "recording_command.h"
#include "vigil/core/redact.h"
#include "vigil/video/probe.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QTextStream>
#include <QtCore/QUrl>

#include <cstdio>

namespace {

enum Exit
{
    kOk = 0,
    kFailed = 1,
    kUsage = 2
};

void printJson(const QJsonObject &o)
{
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

const char kUsageText[] =
    "Usage:\n"
    "  vigilctl probe URL [--user U --password P] [--seconds S] [--timeout MS] [--udp]\n"
    "      Opens the stream with Vigil's live engine, decodes for S seconds (default 3) and prints a JSON\n"
    "      report. Exit 0 when frames were decoded, 1 on failure (the JSON says why), 2 on usage errors.\n"
    "  vigilctl onvif discover|info|ptz|events|recordings ...\n"
    "      ONVIF commissioning: find devices, describe one, steer it, watch its events (vigilctl onvif "
    "--help).\n"
    "  vigilctl backend cameras|live SITE-URL ... --kind ours\n"
    "      Ask a video platform for its camera tree or a live URL (vigilctl backend --help).\n"
    "  vigilctl recordings ROOT CAMERA --kind local [--from T --to T]\n"
    "  vigilctl recordings SITE-URL CAMERA --kind ours --user U [--password P] [--from T --to T]\n"
    "  vigilctl recordings DEVICE-URL CAMERA --kind onvif --user U [--password P]\n"
    "  vigilctl export URL-or-FILE --from S --to S -o FILE.mp4\n"
    "  vigilctl record URL CAMERA-ID --root DIR --seconds N [--segment-seconds S]\n"
    "      Local recordings: list, export a range to MP4 (+ .sha256), record (vigilctl record --help).\n"
    "  vigilctl play FILE-OR-URL [--seek SECONDS] [--rate R] [--seconds N] [--onvif-start UTC]\n"
    "      Play a recording (file, http(s), rtsp playback URL, ONVIF replay URI) and report what was shown\n"
    "      (vigilctl play --help).\n"
    "  vigilctl --version\n";

// A usage error: why, then the usage, on stderr; exit 2.
int usage(const QString &why)
{
    QTextStream err(stderr);
    if (!why.isEmpty())
        err << "vigilctl: " << why << "\n";
    err << kUsageText;
    return kUsage;
}

// --help was asked for: the usage on stdout, exit 0.
int help()
{
    std::fputs(kUsageText, stdout);
    return kOk;
}

int probe(const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("url"), QStringLiteral("stream URL (rtsp://...)"));
    p.addOption({QStringLiteral("user"), QStringLiteral("user name"), QStringLiteral("user")});
    p.addOption({QStringLiteral("password"), QStringLiteral("password"), QStringLiteral("password")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("decode for S seconds"), QStringLiteral("s"),
                 QStringLiteral("3")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("give up after MS ms without a frame"),
                 QStringLiteral("ms"), QStringLiteral("10000")});
    p.addOption({QStringLiteral("udp"), QStringLiteral("RTP over UDP instead of TCP")});
    const QCommandLineOption helpOpt({QStringLiteral("h"), QStringLiteral("help")},
                                     QStringLiteral("this help"));
    p.addOption(helpOpt);
    if (!p.parse(args))
        return usage(p.errorText());
    if (p.isSet(helpOpt))
        return help();
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("probe needs exactly one URL"));

    QUrl url(p.positionalArguments().first(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return usage(QStringLiteral("not a valid stream URL: %1")
                         .arg(vigil::core::redactUrl(p.positionalArguments().first())));
    vigil::video::MediaSource source;
    // Credentials typed into the URL are taken out of it, so they never reach the printed report.
    source.user = p.isSet(QStringLiteral("user")) ? p.value(QStringLiteral("user")) : url.userName();
    source.password =
        p.isSet(QStringLiteral("password")) ? p.value(QStringLiteral("password")) : url.password();
    url.setUserInfo({});
    source.url = url;
    source.transport =
        p.isSet(QStringLiteral("udp")) ? vigil::video::Transport::Udp : vigil::video::Transport::Tcp;
    bool okS = false, okT = false;
    const double seconds = p.value(QStringLiteral("seconds")).toDouble(&okS);
    const int timeout = p.value(QStringLiteral("timeout")).toInt(&okT);
    if (!okS || seconds < 0 || !okT || timeout <= 0)
        return usage(QStringLiteral("--seconds and --timeout take positive numbers"));

    const auto report = vigil::video::probeStream(source, seconds, timeout);
    printJson(vigil::video::toJson(report));
    return report.ok ? kOk : kFailed;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigilctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    QStringList args = app.arguments();
    if (args.size() < 2)
        return usage(QStringLiteral("missing the command"));
    if (args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h"))
        return help();
    if (args[1] == QLatin1String("--version")) {
        std::printf("vigilctl %s\n", VIGIL_VERSION);
        return kOk;
    }
    const QString command = args[1];
    args.removeAt(1);
    if (command == QLatin1String("probe"))
        return probe(args);
    if (command == QLatin1String("onvif"))
        return vigil::vigilctl::runOnvif(args);
    if (command == QLatin1String("backend"))
        return vigil::vigilctl::runBackend(args);
    if (command == QLatin1String("recordings")) {
        // A platform's recordings (--kind ours) are the backend command's; local ones are the recording
        // room's.
        const qsizetype kind = args.indexOf(QStringLiteral("--kind"));
        if (kind > 0 && kind + 1 < args.size() && args.at(kind + 1) == QLatin1String("ours")) {
            args.insert(1, QStringLiteral("recordings"));
            return vigil::vigilctl::runBackend(args);
        }
        // A directly added ONVIF camera's recordings (Profile G) are the onvif command's.
        if (kind > 0 && kind + 1 < args.size() && args.at(kind + 1) == QLatin1String("onvif")) {
            args.remove(kind, 2);
            args.insert(1, QStringLiteral("recordings"));
            return vigil::vigilctl::runOnvif(args);
        }
        return vigil::vigilctl::runRecordings(args);
    }
    if (command == QLatin1String("export"))
        return vigil::vigilctl::runExport(args);
    if (command == QLatin1String("record"))
        return vigil::vigilctl::runRecord(args);
    if (command == QLatin1String("play"))
        return vigil::vigilctl::runPlay(args);
    return usage(QStringLiteral("unknown command '%1'").arg(command));
}
