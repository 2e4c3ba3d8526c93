// vigil-demo-backend: the demo platform (our Vigil API over the demo county) on its own until SIGINT/SIGTERM.
//   vigil-demo-backend [--port 0] [--rtsp-base URL] [--cameras N] [--user U --password P]
//                      [--token-seconds S] [--token-uses N] [--units N]
// Binds 127.0.0.1 only. Prints "READY port=N" on stdout when listening (tests and benchmarks wait for that
// line); errors go to stderr. Thread: main only.
#include "quit_on_signal.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QTimeZone>

#include <cstdio>

namespace {

int fail(const QString &text)
{
    std::fprintf(stderr, "vigil-demo-backend: %s\n", qPrintable(text));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigil-demo-backend"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Serves the Vigil demo county through the Vigil platform "
                                                    "API (docs/api/vigil-api.yaml) on 127.0.0.1."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port (0 = any free port)."), QStringLiteral("N"),
                                        QStringLiteral("0"));
    const QCommandLineOption rtspOption(
        QStringLiteral("rtsp-base"),
        QStringLiteral(
            "Media server the stream URLs point at, e.g. rtsp://127.0.0.1:8554 (a vigil-demo-server). "
            "Without it cameras have no streams."),
        QStringLiteral("URL"));
    const QCommandLineOption camerasOption(
        QStringLiteral("cameras"),
        QStringLiteral("Number of cameras: up to 16 are the demo cameras, more are generated over generated "
                       "townships and villages (400000 for a province)."),
        QStringLiteral("N"), QStringLiteral("9"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("Login user name."),
                                        QStringLiteral("U"), QStringLiteral("demo"));
    const QCommandLineOption passwordOption(QStringLiteral("password"), QStringLiteral("Login password."),
                                            QStringLiteral("P"), QStringLiteral("demo"));
    const QCommandLineOption tokenSecondsOption(
        QStringLiteral("token-seconds"),
        QStringLiteral("Access-token lifetime; 0 = tokens are born expired (to test clients)."),
        QStringLiteral("S"), QStringLiteral("3600"));
    const QCommandLineOption tokenUsesOption(
        QStringLiteral("token-uses"),
        QStringLiteral(
            "Requests an access token is good for; 0 = unlimited (1 forces a re-login per request)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption unitsOption(QStringLiteral("units"), QStringLiteral("Simulated patrol cars."),
                                         QStringLiteral("N"), QStringLiteral("12"));
    const QCommandLineOption recordingsOption(
        QStringLiteral("recordings"),
        QStringLiteral("Serve the recordings under DIR (Vigil's local recording layout, DIR/<cameraId>/<UTC "
                       "start>.mkv, as `vigilctl record` or `vigil` write it) as the platform's recordings."),
        QStringLiteral("DIR"));
    const QCommandLineOption alarmIntervalOption(
        QStringLiteral("alarm-interval-ms"),
        QStringLiteral(
            "A demo alarm every MS milliseconds (at a demo camera or a place in the county); 0 = none."),
        QStringLiteral("MS"), QStringLiteral("180000"));
    parser.addOptions({portOption, rtspOption, camerasOption, userOption, passwordOption, tokenSecondsOption,
                       tokenUsesOption, unitsOption, recordingsOption, alarmIntervalOption});
    parser.process(app);

    vigil::demo::DemoBackendOptions options;
    bool ok = true;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port takes a number from 0 to 65535."));
    options.port = quint16(port);
    if (parser.isSet(rtspOption)) {
        options.rtspBase = QUrl(parser.value(rtspOption), QUrl::StrictMode);
        if (!options.rtspBase.isValid() || options.rtspBase.host().isEmpty())
            return fail(QStringLiteral("--rtsp-base takes a URL such as rtsp://127.0.0.1:8554."));
    }
    options.cameraCount = parser.value(camerasOption).toLongLong(&ok);
    if (!ok || options.cameraCount < 0 || options.cameraCount > 9999999)
        return fail(QStringLiteral("--cameras takes a number from 0 to 9999999."));
    options.user = parser.value(userOption);
    options.password = parser.value(passwordOption);
    options.tokenSeconds = parser.value(tokenSecondsOption).toInt(&ok);
    if (!ok || options.tokenSeconds < 0)
        return fail(QStringLiteral("--token-seconds takes a number of seconds (0 or more)."));
    options.tokenUses = parser.value(tokenUsesOption).toInt(&ok);
    if (!ok || options.tokenUses < 0)
        return fail(QStringLiteral("--token-uses takes a number (0 = unlimited)."));
    options.unitCount = parser.value(unitsOption).toInt(&ok);
    if (!ok || options.unitCount < 0)
        return fail(QStringLiteral("--units takes a number."));
    options.alarmIntervalMs = parser.value(alarmIntervalOption).toInt(&ok);
    if (!ok || options.alarmIntervalMs < 0)
        return fail(QStringLiteral("--alarm-interval-ms takes a number of milliseconds (0 = no alarms)."));

    if (parser.isSet(recordingsOption)) {
        options.recordingRoot = QDir(parser.value(recordingsOption)).absolutePath();
        if (!QFileInfo(options.recordingRoot).isDir())
            return fail(QStringLiteral("--recordings: %1 is not a folder.").arg(options.recordingRoot));
        options.recordings = [root = options.recordingRoot](const QString &cameraId, qint64 fromMs,
                                                            qint64 toMs) {
            using vigil::recording::RecordingIndex;
            QList<vigil::demo::DemoRecording> out;
            const auto segments = RecordingIndex::filter(RecordingIndex::scan(root, cameraId),
                                                         QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC),
                                                         QDateTime::fromMSecsSinceEpoch(toMs, Qt::UTC));
            for (const auto &s : segments)
                out.append({s.start.toMSecsSinceEpoch(), s.end.toMSecsSinceEpoch(),
                            QFileInfo(s.path).fileName(), s.bytes});
            return out;
        };
    }

    const auto quitNotifier = vigil::demo::tools::quitOnSignal();
    if (!quitNotifier)
        return fail(QStringLiteral("could not set up signal handling."));

    vigil::demo::DemoBackend backend(options);
    QString error;
    if (!backend.start(&error))
        return fail(error);
    std::printf("READY port=%u\n", unsigned(backend.port()));
    std::fflush(stdout);

    const int rc = app.exec();
    backend.stop();
    return rc;
}
