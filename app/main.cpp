// vigil: the operator client. Owns QGuiApplication, the QML engine, the command line and the service
// singletons; everything else lives in the component libraries.
#include "vigil/alarms/camera_alarms.h"
#include "vigil/app/qml_modules.h"
#include "vigil/app/session.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/keyring_credential_store.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"
#include "vigil/onvif/ptz_controller.h"
#include "vigil/video/video_player.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>
#include <QtCore/QTimer>
#include <QtCore/QTranslator>
#include <QtGui/QFont>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>

#include <cstdio>

using namespace vigil;

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationName(QStringLiteral("vigil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Vigil"));
    QGuiApplication::setDesktopFileName(QStringLiteral("vigil"));

    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Vigil video-wall and operator client"));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption demoOpt(
        QStringLiteral("demo"), QStringLiteral("Run the built-in demo site: live demo cameras on this PC, no "
                                               "camera or network needed."));
    const QCommandLineOption demoCamerasOpt(QStringLiteral("demo-cameras"),
                                            QStringLiteral("Number of demo cameras (1-16, default 9)."),
                                            QStringLiteral("n"), QStringLiteral("9"));
    const QCommandLineOption langOpt(
        QStringLiteral("lang"), QStringLiteral("User interface language: zh_CN or en (default: system)."),
        QStringLiteral("lang"));
    const QCommandLineOption configOpt(
        QStringLiteral("config-dir"),
        QStringLiteral("Folder for cameras.json and wall.json (default ~/.config/vigil)."),
        QStringLiteral("dir"));
    const QCommandLineOption fullOpt(QStringLiteral("fullscreen"), QStringLiteral("Start full screen."));
    const QCommandLineOption shotOpt(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window to FILE after --screenshot-delay "
                       "seconds, then quit (for documentation and checks)."),
        QStringLiteral("file"));
    const QCommandLineOption shotDelayOpt(
        QStringLiteral("screenshot-delay"),
        QStringLiteral("Seconds after start-up for --screenshot (default 5)."), QStringLiteral("s"),
        QStringLiteral("5"));
    const QCommandLineOption mapOpt(
        QStringLiteral("map"),
        QStringLiteral(
            "Map tiles: an offline .mbtiles file, a preset (osm, amap, tencent, tianditu:KEY) or an "
            "XYZ URL template (default: the demo county in demo mode, else a plain grid). Also "
            "VIGIL_MAP_SOURCE."),
        QStringLiteral("source"));
    const QCommandLineOption viewOpt(QStringLiteral("view"),
                                     QStringLiteral("View shown at start: wall (default) or map."),
                                     QStringLiteral("view"), QStringLiteral("wall"));
    cli.addOptions(
        {demoOpt, demoCamerasOpt, langOpt, configOpt, fullOpt, mapOpt, viewOpt, shotOpt, shotDelayOpt});
    cli.process(app);

    if (cli.isSet(configOpt))
        qputenv("VIGIL_CONFIG_DIR", QDir(cli.value(configOpt)).absolutePath().toUtf8());

    // Language: Chinese operators get Chinese without configuring anything.
    const QString lang = cli.isSet(langOpt) ? cli.value(langOpt) : QLocale::system().name();
    const bool chinese = lang.startsWith(QLatin1String("zh"));
    QTranslator qtTranslator, appTranslator;
    if (chinese) {
        if (appTranslator.load(QStringLiteral(":/i18n/vigil_zh_CN.qm")))
            QCoreApplication::installTranslator(&appTranslator);
        else
            qCWarning(vigilApp) << "Chinese translation not found in the build";
        if (qtTranslator.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"),
                              QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&qtTranslator);
        QGuiApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
    }
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    qCInfo(vigilApp).noquote() << "Vigil" << VIGIL_VERSION << "config in" << core::configDir();
    // Camera passwords: the OS keyring when one answers, else the 0600 credentials file (said in the log).
    QElapsedTimer keyringTimer;
    keyringTimer.start();
    cameras::CredentialStoreChoice credentials = cameras::chooseCredentialStore();
    if (credentials.kind == cameras::CredentialStoreKind::Keyring)
        qCInfo(vigilApp).noquote() << QStringLiteral("camera passwords in the OS keyring (read in %1 ms)%2")
                                          .arg(keyringTimer.elapsed())
                                          .arg(credentials.migrated > 0
                                                   ? QStringLiteral(" (%1 moved there from credentials.json)")
                                                         .arg(credentials.migrated)
                                                   : QString());
    else
        qCInfo(vigilApp).noquote() << "camera passwords in"
                                   << QDir(core::configDir()).filePath(QStringLiteral("credentials.json"))
                                   << "(owner-only file), not the OS keyring:" << credentials.reason;
    cameras::CameraDirectory directory(std::move(credentials.store), nullptr);
    cameras::CameraDirectory::setInstance(&directory);
    directory.load();
    wall::WallStore wallStore(&directory);
    wall::WallStore::setInstance(&wallStore);
    wallStore.load();
    app::Session session(cli.isSet(demoOpt), nullptr);
    app::Session::setInstance(&session);
    session.setMapSource(cli.isSet(mapOpt) ? cli.value(mapOpt) : qEnvironmentVariable("VIGIL_MAP_SOURCE"));
    // The events of ONVIF cameras: an active alarm turns the camera red on the map and shows a toast.
    alarms::CameraAlarms cameraAlarms(&directory);
    alarms::CameraAlarms::setInstance(&cameraAlarms);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Vigil/Views/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        qCCritical(vigilApp) << "the user interface failed to load";
        return 1;
    }
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (window && cli.isSet(fullOpt))
        window->showFullScreen();
    if (window && cli.value(viewOpt) == QLatin1String("map"))
        window->setProperty("view", QStringLiteral("map"));

    if (session.demoMode()) {
        bool ok = false;
        const int n = cli.value(demoCamerasOpt).toInt(&ok);
        session.startDemo(&directory, &wallStore, chinese, ok ? std::clamp(n, 1, 16) : 9);
    }

    if (cli.isSet(shotOpt) && window) {
        const QString file = cli.value(shotOpt);
        const int delayMs = int(cli.value(shotDelayOpt).toDouble() * 1000);
        auto shoot = [window, file] {
            const bool saved = window->grabWindow().save(file);
            std::fprintf(saved ? stdout : stderr, "%s %s\n",
                         saved ? "screenshot saved:" : "screenshot failed:", qPrintable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        };
        // In demo mode the clock starts once the cameras are there (the first run encodes clips).
        if (session.demoMode())
            QObject::connect(&session, &app::Session::demoReady, window,
                             [=] { QTimer::singleShot(delayMs, window, shoot); });
        else
            QTimer::singleShot(delayMs, window, shoot);
    }

    const int rc = QGuiApplication::exec();
    wallStore.saveNow();
    engine.clearComponentCache();
    const auto roots = engine.rootObjects();
    for (QObject *root : roots)
        delete root; // players stop their streams here
    if (!video::VideoPlayer::waitForWorkers(3000))
        qCWarning(vigilApp) << "some camera connections did not close within 3 s";
    // A tile's PTZ controller queues a Stop when it goes away mid-move: let it reach the camera.
    if (!onvif::OnvifPtzController::waitForWorkers(2000))
        qCWarning(vigilApp) << "some PTZ commands (a final Stop?) were not sent within 2 s";
    // Event polls and probes are not waited for (a poll may take its whole timeout): they end with the
    // process.
    if (const QStringList left = core::WorkerThreads::running(); !left.isEmpty())
        qCInfo(vigilApp) << "worker threads still running at exit:" << left;
    session.stopDemo();
    return rc;
}
