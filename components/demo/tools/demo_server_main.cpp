// vigil-demo-server: runs the demo site on its own until SIGINT/SIGTERM.
//   vigil-demo-server [--port N] [--user U --password P] [--cameras N] [--clip-seconds S] [--cache-dir DIR]
// Prints one line per stream URL, then "READY port=N" (benchmarks wait for that line). Progress and errors go
// to stderr. Thread: main only.
#include "quit_on_signal.h"
#include "vigil/demo/demo_site.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>

#include <cstdio>

namespace {

int fail(const QString &text)
{
    std::fprintf(stderr, "vigil-demo-server: %s\n", qPrintable(text));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigil-demo-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves the Vigil demo cameras as RTSP streams on 127.0.0.1."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port (0 = any free port)."), QStringLiteral("N"),
                                        QStringLiteral("0"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("Require this user name."),
                                        QStringLiteral("U"));
    const QCommandLineOption passwordOption(QStringLiteral("password"),
                                            QStringLiteral("Password for --user."), QStringLiteral("P"));
    const QCommandLineOption camerasOption(
        QStringLiteral("cameras"),
        QStringLiteral("Number of cameras (1-%1).").arg(vigil::demo::DemoSite::kMaxCameras),
        QStringLiteral("N"), QStringLiteral("9"));
    const QCommandLineOption secondsOption(QStringLiteral("clip-seconds"), QStringLiteral("Loop length."),
                                           QStringLiteral("S"), QStringLiteral("20"));
    const QCommandLineOption cacheOption(QStringLiteral("cache-dir"),
                                         QStringLiteral("Clip cache (default: the Vigil cache directory)."),
                                         QStringLiteral("DIR"));
    parser.addOptions({portOption, userOption, passwordOption, camerasOption, secondsOption, cacheOption});
    parser.process(app);

    vigil::demo::DemoSiteOptions options;
    bool ok = true;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port takes a number from 0 to 65535."));
    options.port = quint16(port);
    options.user = parser.value(userOption);
    options.password = parser.value(passwordOption);
    if (options.user.isEmpty() != options.password.isEmpty())
        return fail(QStringLiteral("--user and --password go together."));
    options.cameraCount = parser.value(camerasOption).toInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--cameras takes a number."));
    options.clipSeconds = parser.value(secondsOption).toInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--clip-seconds takes a number."));
    options.cacheDir = parser.value(cacheOption);

    const auto quitNotifier = vigil::demo::tools::quitOnSignal();
    if (!quitNotifier)
        return fail(QStringLiteral("could not set up signal handling."));

    vigil::demo::DemoSite site(options);
    QString error;
    const bool prepared = site.prepare(&error, [](int done, int total, const QString &what) {
        std::fprintf(stderr, "[%d/%d] %s\n", done, total, qPrintable(what));
    });
    if (!prepared || !site.start(&error))
        return fail(error);

    for (const vigil::demo::DemoCamera &camera : site.siteCameras()) {
        for (const bool main : {true, false})
            std::printf("%s\n", qPrintable(site.streamUrl(camera.id, main).toString()));
    }
    std::printf("READY port=%u\n", unsigned(site.port()));
    std::fflush(stdout);

    const int rc = app.exec();
    site.stop();
    return rc;
}
