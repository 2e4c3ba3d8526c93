// vigil: the operator client. Owns QGuiApplication, the QML engine, the command line and the service
// singletons; everything else lives in the component libraries.
#include "vigil/access/access_controller.h"
#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/camera_alarms.h"
#include "vigil/app/camera_drag.h"
#include "vigil/app/kiosk.h"
#include "vigil/app/kiosk_pin.h"
#include "vigil/app/playback_marks.h"
#include "vigil/app/qml_modules.h"
#include "vigil/app/recording_service.h"
#include "vigil/app/session.h"
#include "vigil/app/village.h"
#include "vigil/app/wall_windows.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/keyring_credential_store.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"
#include "vigil/map/dispatch.h"
#include "vigil/playback/playback_session.h"
#include "vigil/ptz/ptz_controller.h"
#include "vigil/sites/site_manager.h"
#include "vigil/video/decode_governor.h"
#include "vigil/video/video_player.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"
#include "vigil/wallnet/remote_screens.h"
#include "vigil/wallnet/wall_net.h"
#include "vigil/webhook/webhook_server.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>
#include <QtCore/QTimer>
#include <QtCore/QTranslator>
#include <QtGui/QFont>
#include <QtGui/QGuiApplication>
#include <QtGui/QScreen>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <termios.h>
#include <unistd.h>

using namespace vigil;

namespace {

// The command line. Built twice at most: for --help/--version before any QGuiApplication, then for the run.
struct Cli
{
    QCommandLineParser parser;
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption demo{
        QStringLiteral("demo"), QStringLiteral("Run the built-in demo site: live demo cameras on this PC, no "
                                               "camera or network needed.")};
    const QCommandLineOption demoCameras{QStringLiteral("demo-cameras"),
                                         QStringLiteral("Number of demo cameras (1-16, default 9)."),
                                         QStringLiteral("n"), QStringLiteral("9")};
    const QCommandLineOption lang{QStringLiteral("lang"),
                                  QStringLiteral("User interface language: zh_CN or en (default: system)."),
                                  QStringLiteral("lang")};
    const QCommandLineOption config{
        QStringLiteral("config-dir"),
        QStringLiteral("Folder for cameras.json and wall.json (default ~/.config/vigil)."),
        QStringLiteral("dir")};
    const QCommandLineOption fullscreen{QStringLiteral("fullscreen"), QStringLiteral("Start full screen.")};
    const QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window to FILE after --screenshot-delay "
                       "seconds, then quit (for documentation and checks)."),
        QStringLiteral("file")};
    const QCommandLineOption screenshotDelay{
        QStringLiteral("screenshot-delay"),
        QStringLiteral("Seconds after start-up for --screenshot (default 5)."), QStringLiteral("s"),
        QStringLiteral("5")};
    const QCommandLineOption map{
        QStringLiteral("map"),
        QStringLiteral(
            "Map tiles: an offline .mbtiles file, a preset (osm, amap, tencent, tianditu:KEY) or an "
            "XYZ URL template (default: the demo county in demo mode, else a plain grid). Also "
            "VIGIL_MAP_SOURCE."),
        QStringLiteral("source")};
    const QCommandLineOption wallScreens{
        QStringLiteral("wall-screens"),
        QStringLiteral("Full-screen wall windows: 'all' (every screen), screen numbers such as 2,3 "
                       "(counted from 1), or 'none' (default). The console window stays on the first "
                       "screen; each wall screen keeps its own layout and cameras."),
        QStringLiteral("screens")};
    const QCommandLineOption view{
        QStringLiteral("view"),
        QStringLiteral(
            "View shown at start: wall (default), map, screens (the miniature of the wall screens), "
            "alarms, playback (the wall's cameras from two minutes ago), access (users and the audit "
            "log, for administrators), sites (the wall with the platforms dialog open) or rules (the "
            "alarms with the linkage rules dialog open, for administrators)."),
        QStringLiteral("view"), QStringLiteral("wall")};
    const QCommandLineOption kiosk{
        QStringLiteral("kiosk"),
        QStringLiteral("Kiosk mode for open days: the wall alone, full screen, touring every camera, with a "
                       "clock and a title; no menus, dialogs or shortcuts; left only with the kiosk PIN "
                       "(Ctrl+Alt+Shift+K or a long press in the top-left corner). Also the setting "
                       "\"kiosk\" in settings.json. Needs a PIN: see --set-kiosk-pin.")};
    const QCommandLineOption kioskTitle{
        QStringLiteral("kiosk-title"),
        QStringLiteral("The title shown in kiosk mode (default: the setting \"kioskTitle\", else Vigil)."),
        QStringLiteral("title")};
    const QCommandLineOption village{
        QStringLiteral("village"),
        QStringLiteral(
            "Village mode: one modest PC by one big screen. At most 9 tiles (layouts 1, 4, 9), sub "
            "streams only, big buttons, Chinese unless --lang or the setting \"language\" says "
            "otherwise, no login (an operator), cameras retried forever, the wall's cameras recorded "
            "within the setting \"villageRecordBudgetGb\" (default 50 GB), and a self-check line in "
            "the log every day (grep 'village self-check'). Also the setting \"mode\": \"village\" "
            "in settings.json.")};
    const QCommandLineOption setKioskPin{
        QStringLiteral("set-kiosk-pin"),
        QStringLiteral("Read a new kiosk PIN (4-12 digits) from standard input, store its salted hash in "
                       "settings.json and exit. Needs no display.")};

    const QCommandLineOption webhook{
        QStringLiteral("webhook"),
        QStringLiteral(
            "Receive alarms over HTTP (POST /api/v1/alarms, docs/api/webhook.md) at ADDRESS:PORT, e.g. "
            "127.0.0.1:8089. The shared token comes from VIGIL_WEBHOOK_TOKEN (or \"webhookToken\" in "
            "settings.json). Also the setting \"webhook\". Off by default."),
        QStringLiteral("address:port")};

    Cli()
    {
        parser.setApplicationDescription(QStringLiteral("Vigil video-wall and operator client"));
        parser.addOptions({demo, demoCameras, lang, config, fullscreen, map, view, wallScreens, kiosk,
                           kioskTitle, village, setKioskPin, screenshot, screenshotDelay, webhook});
        parser.addOptions(wallnet::WallNet::commandLineOptions()); // --broker, --wall-node, ... (issue 12)
    }
};

// QGuiApplication's own options (-platform offscreen, -reverse...): QGuiApplication takes them out of argv,
// so the early parse below, which runs before it, must not call them unknown.
bool isQtGuiOption(const QString &name)
{
    static const QStringList names{QStringLiteral("platform"),      QStringLiteral("platformpluginpath"),
                                   QStringLiteral("platformtheme"), QStringLiteral("plugin"),
                                   QStringLiteral("qmljsdebugger"), QStringLiteral("qwindowgeometry"),
                                   QStringLiteral("geometry"),      QStringLiteral("qwindowicon"),
                                   QStringLiteral("icon"),          QStringLiteral("qwindowtitle"),
                                   QStringLiteral("title"),         QStringLiteral("reverse"),
                                   QStringLiteral("session"),       QStringLiteral("display"),
                                   QStringLiteral("name"),          QStringLiteral("dialogs"),
                                   QStringLiteral("nograb"),        QStringLiteral("dograb"),
                                   QStringLiteral("sync"),          QStringLiteral("style"),
                                   QStringLiteral("stylesheet")};
    return names.contains(name);
}

// A line from standard input; on a terminal the typing is not echoed.
QString readSecretLine(const char *prompt)
{
    const bool tty = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        line.push_back(char(c));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    QString text = QString::fromStdString(line).trimmed();
    std::fill(line.begin(), line.end(), '\0');
    return text;
}

// --set-kiosk-pin: the PIN comes from standard input (never the command line, where `ps` and the shell
// history would keep it) and only its salted hash is stored. Returns the exit code.
int setKioskPinFromStdin()
{
    const QString pin = readSecretLine("New kiosk PIN (4-12 digits): ");
    if (const QString problem = app::kioskPinProblem(pin); !problem.isEmpty()) {
        std::fprintf(stderr, "vigil: the kiosk PIN was not changed. %s\n", qPrintable(problem));
        return 2;
    }
    if (isatty(STDIN_FILENO) && readSecretLine("The same PIN again: ") != pin) {
        std::fprintf(stderr, "vigil: the two PINs differ; the kiosk PIN was not changed.\n");
        return 2;
    }
    QString why;
    const QString stored = app::hashKioskPin(pin, app::kKioskPinIterations, &why);
    if (stored.isEmpty()) {
        std::fprintf(stderr, "vigil: the kiosk PIN could not be hashed (%s); it was not changed.\n",
                     qPrintable(why));
        return 1;
    }
    app::Session settings(false, nullptr);
    if (!settings.setKioskPinHash(stored)) {
        std::fprintf(stderr,
                     "vigil: the kiosk PIN could not be saved to %s. Check that the folder is writable.\n",
                     qPrintable(settings.settingsPath()));
        return 1;
    }
    std::printf("Kiosk PIN set (a salted hash in %s).\n", qPrintable(settings.settingsPath()));
    return 0;
}

// Kiosk mode and village mode, each from the command line or settings.json; the command line wins, and the
// two together are refused (a public display and a village's operator PC cannot be one). The reason in
// `why` (then the run does not start, exit 2).
struct Modes
{
    bool kiosk = false;
    bool village = false;
};
std::optional<Modes> decideModes(const Cli &cli, const app::Session &settings, QString *why)
{
    const bool kioskCli = cli.parser.isSet(cli.kiosk);
    const bool villageCli = cli.parser.isSet(cli.village);
    if (kioskCli && villageCli) {
        *why = QStringLiteral("--kiosk and --village cannot be used together: choose one.");
        return std::nullopt;
    }
    if (kioskCli || villageCli)
        return Modes{kioskCli, villageCli};
    if (settings.kioskSetting() && settings.villageSetting()) {
        *why = QStringLiteral("%1 asks for kiosk mode (\"kiosk\": true) and village mode (\"mode\": "
                              "\"village\") at once: remove one, or start with --kiosk or --village.")
                   .arg(settings.settingsPath());
        return std::nullopt;
    }
    return Modes{settings.kioskSetting(), settings.villageSetting()};
}

// Kiosk mode without a PIN could never be left: it does not start (exit 2, and how to set one); nor do kiosk
// and village mode together. -1: go on.
int refuseKioskWithoutPin(const Cli &cli, const app::Session &settings)
{
    QString conflict;
    const std::optional<Modes> modes = decideModes(cli, settings, &conflict);
    if (!modes) {
        std::fprintf(stderr, "vigil: %s\n", qPrintable(conflict));
        return 2;
    }
    if (!modes->kiosk)
        return -1;
    QString why;
    if (app::parseKioskPinHash(settings.kioskPinHash(), &why))
        return -1;
    const QString configArg = cli.parser.isSet(cli.config)
                                  ? QStringLiteral(" --config-dir ") + cli.parser.value(cli.config)
                                  : QString();
    std::fprintf(stderr,
                 "vigil: kiosk mode does not start without a PIN to leave it, and %s (in %s). Set one with\n"
                 "  vigil --set-kiosk-pin%s\n"
                 "(it reads the PIN, 4 to 12 digits, from standard input), then start kiosk mode again.\n",
                 qPrintable(why), qPrintable(settings.settingsPath()), qPrintable(configArg));
    return 2;
}

// The command line is read once before any QGuiApplication, on a QCoreApplication, so that what needs no
// display works without one (over SSH, in scripts and package checks) — QGuiApplication needs its platform
// plugin (an X or Wayland display) before main() could print anything:
// --help and --version print and exit 0; a usage error (an unknown option, an option without its value)
// prints the reason and exits 2. Returns the exit code, or -1 to go on with the run.
int answerBeforeTheGui(int argc, char **argv)
{
    QCoreApplication core(argc, argv); // the program name for the usage line; no display needed
    Cli cli;
    // "-reverse" must read as one (Qt) option, not as "-r -e -v...".
    cli.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const bool parsed = cli.parser.parse(QCoreApplication::arguments());
    if (cli.parser.isSet(cli.help)) {
        std::fputs(qPrintable(cli.parser.helpText()), stdout);
        return 0;
    }
    if (cli.parser.isSet(cli.version)) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        return 0;
    }
    if (parsed) {
        if (cli.parser.isSet(cli.config))
            qputenv("VIGIL_CONFIG_DIR", QDir(cli.parser.value(cli.config)).absolutePath().toUtf8());
        if (cli.parser.isSet(cli.setKioskPin))
            return setKioskPinFromStdin();
        // Refused before anything shows, so that no display is needed to read why.
        if (const int rc = refuseKioskWithoutPin(cli, app::Session(false, nullptr)); rc >= 0)
            return rc;
        return -1;
    }
    QStringList unknown = cli.parser.unknownOptionNames();
    unknown.removeIf(isQtGuiOption);
    if (cli.parser.unknownOptionNames().isEmpty() || !unknown.isEmpty()) {
        const QString why = unknown.isEmpty() ? cli.parser.errorText()
                                              : QStringLiteral("Unknown option '%1'.").arg(unknown.first());
        std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options.\n",
                     qPrintable(QCoreApplication::applicationName()), qPrintable(why),
                     qPrintable(QCoreApplication::applicationName()));
        return 2;
    }
    return -1; // only Qt's own options, which QGuiApplication takes
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationName(QStringLiteral("vigil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    if (const int rc = answerBeforeTheGui(argc, argv); rc >= 0)
        return rc;
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Vigil"));
    QGuiApplication::setDesktopFileName(QStringLiteral("vigil"));

    Cli cli;
    cli.parser.process(app);

    if (cli.parser.isSet(cli.config))
        qputenv("VIGIL_CONFIG_DIR", QDir(cli.parser.value(cli.config)).absolutePath().toUtf8());

    // The settings (settings.json) first: the language and the mode come from them when the command line
    // does not say.
    app::Session session(cli.parser.isSet(cli.demo), nullptr);
    app::Session::setInstance(&session);
    QString modeConflict;
    const std::optional<Modes> modes = decideModes(cli, session, &modeConflict);
    if (!modes) {
        std::fprintf(stderr, "vigil: %s\n", qPrintable(modeConflict));
        return 2;
    }
    session.setVillage(modes->village);

    // Language: Chinese operators get Chinese without configuring anything; a village PC is Chinese unless
    // its settings say otherwise.
    const QString lang = cli.parser.isSet(cli.lang)             ? cli.parser.value(cli.lang)
                         : !session.languageSetting().isEmpty() ? session.languageSetting()
                         : session.village()                    ? QStringLiteral("zh_CN")
                                                                : QLocale::system().name();
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
    // Users, roles and the audit log (issue 13): first, so that it outlives everything that audits through
    // it. No users: no login (an implicit administrator), as before; the demo and kiosk mode never ask.
    access::AccessController accessControl{QString()};
    access::AccessController::setInstance(&accessControl);
    // Camera passwords: the OS keyring when one answers, else the 0600 credentials file (said in the log and,
    // when a keyring failed, in a banner). Read in the background: the wall comes up at once, and cameras
    // with a password show "waiting for the keyring" until it has answered.
    cameras::CameraDirectory directory(std::make_unique<cameras::MemoryCredentialStore>(), nullptr);
    cameras::loadCredentialsInBackground(&directory);
    cameras::CameraDirectory::setInstance(&directory);
    directory.load();
    // Platforms ("sites", sites.json): each read through its adapter into the directory, beside the cameras
    // added by hand; their passwords through the directory's credential store (start() waits for it).
    sites::SiteManager siteManager(&directory);
    sites::SiteManager::setInstance(&siteManager);
    siteManager.setChinese(chinese);
    siteManager.load();
    siteManager.start();
    wall::WallStore wallStore(&directory);
    wall::WallStore::setInstance(&wallStore);
    wallStore.load();
    // The wall's screens (the console's wall and one per wall window) and the scenes that switch them all.
    wall::WallScreenSet wallScreens(&wallStore);
    wall::WallScreenSet::setInstance(&wallScreens);
    wallScreens.load();
    // A camera dragged from the console onto a wall window on another screen (the wall windows below).
    app::CameraDrag cameraDrag{nullptr};
    app::CameraDrag::setInstance(&cameraDrag);

    // --- One wall across PCs (issue 12): --broker URL [--broker-user U] [--broker-ca F] [--wall-name W]
    // [--wall-node NAME]; the password from VIGIL_BROKER_PASSWORD. Without --broker the WallNet is disabled
    // and nothing changes. The console's wall and every wall screen (as the wall windows add them) are shared
    // under their screen keys.
    QString wallNetError;
    std::optional<wallnet::WallNetConfig> wallNetConfig = wallnet::WallNet::configFromCommandLine(
        cli.parser, &wallNetError, qEnvironmentVariable("VIGIL_BROKER_PASSWORD"));
    if (!wallNetError.isEmpty()) {
        std::fprintf(stderr, "vigil: %s\n", qPrintable(wallNetError));
        return 2;
    }
    wallnet::WallNet wallNet(std::move(wallNetConfig));
    wallnet::WallNet::setInstance(&wallNet);
    wallNet.shareScreens(&wallScreens);
    wallNet.start();
    // --- end of the wall across PCs ------------------------------------------------------------------------

    // Kiosk mode: set before QML loads, which gates on it. Checked for a PIN before the GUI started, and
    // again here (Qt's own options such as -platform skip the early check).
    if (const int rc = refuseKioskWithoutPin(cli, session); rc >= 0)
        return rc;
    session.setKiosk(modes->kiosk);
    if (cli.parser.isSet(cli.kioskTitle))
        session.setKioskTitle(cli.parser.value(cli.kioskTitle));
    if (session.kiosk()) {
        video::VideoPlayer::setUnattended(true); // before any player starts: nobody will touch a failed tile
        qCInfo(vigilApp) << "kiosk mode: leaving it needs the PIN";
    }
    // Village mode: started at boot, nobody at the keyboard: every camera is retried forever by itself.
    if (session.village())
        video::VideoPlayer::setUnattended(true);
    accessControl.setMode(session.kiosk()      ? access::AccessController::Mode::Kiosk
                          : session.village()  ? access::AccessController::Mode::Village
                          : session.demoMode() ? access::AccessController::Mode::Demo
                                               : access::AccessController::Mode::Normal);
    session.setMapSource(cli.parser.isSet(cli.map) ? cli.parser.value(cli.map)
                                                   : qEnvironmentVariable("VIGIL_MAP_SOURCE"));
    // The events of ONVIF cameras: an active alarm turns the camera red on the map and shows a toast.
    alarms::CameraAlarms cameraAlarms(&directory);
    alarms::CameraAlarms::setInstance(&cameraAlarms);

    // --- Alarms (issue 13): every source (ONVIF events, the webhook) into one store (alarms.db), the linkage
    // rules (alarm_rules.json) acting on the wall. Scenes and "show cameras" go through the wall's own
    // calls; PTZ presets through an OnvifPtzController per camera; recording through the RecordingService
    // (below).
    alarms::AlarmCenter alarmCenter(QDir(core::configDir()).filePath(QStringLiteral("alarms.db")),
                                    QDir(core::configDir()).filePath(QStringLiteral("alarm_rules.json")));
    alarms::AlarmCenter::setInstance(&alarmCenter);
    alarmCenter.listenTo(&cameraAlarms);
    alarmCenter.setCameraDirectory(&directory);
    // The rules dialog checks a rule against the saved scenes, the wall screens and the cameras.
    alarmCenter.ruleModel()->setSources({[&wallScreens] { return wallScreens.sceneNames(); },
                                         [&wallScreens] {
                                             return wallScreens.screens();
                                         }});
    for (auto signal : {&wall::WallScreenSet::scenesChanged, &wall::WallScreenSet::screensChanged})
        QObject::connect(&wallScreens, signal, alarmCenter.ruleModel(),
                         &alarms::AlarmRuleModel::catalogUpdated);
    QObject::connect(&directory, &cameras::CameraDirectory::countChanged, alarmCenter.ruleModel(),
                     &alarms::AlarmRuleModel::catalogUpdated);
    // Patrol units for the map, the alarms' nearest-unit list and dispatch (QML `Patrol`); the demo's cars
    // drive the demo county's roads, with their last half hour in the track store.
    map::Patrol patrol(nullptr);
    map::Patrol::setInstance(&patrol);
    // Their tracks are kept in SQLite too (issue 10: playback reaches back past a restart; 30 days, 2 GiB),
    // in the cache folder beside the tile cache. The demo's simulated cars keep theirs in a file of their
    // own.
    patrol.openTrackHistory(
        QDir(core::cacheDir())
            .filePath(session.demoMode() ? QStringLiteral("demo-tracks.db") : QStringLiteral("tracks.db")));
    if (session.demoMode())
        patrol.startDemo(24, 1800, true); // the cars then come through the demo platform's push
    // Each configured "ours" site's push: its patrol units onto the same map, its alarms into the same flow
    // (ids and alarm source namespaced per site; acknowledgements back to that site).
    siteManager.setPushTargets(patrol.units(), &alarmCenter);
    // Alarm steps are recorded under the logged-in user (the OS user when there are no users).
    QObject::connect(&accessControl, &access::AccessController::stateChanged, alarmCenter.store(),
                     [&] { alarmCenter.store()->setOperatorName(accessControl.userName()); });
    alarmCenter.store()->setOperatorName(accessControl.userName());
    alarmCenter.executor()->setHooks(
        {[&wallScreens](const QString &scene) { return wallScreens.recallScene(scene); },
         [&wallScreens, &wallStore](const QString &screen, int startTile, const QStringList &ids) {
             // The screen by key or by the number the operator sees ("2"); "" or "console": the console's.
             wall::WallStore *store = screen.isEmpty() ? &wallStore : wallScreens.store(screen);
             for (const QVariant &v : wallScreens.screens())
                 if (!store && v.toMap().value(QStringLiteral("number")).toString() == screen)
                     store = wallScreens.store(v.toMap().value(QStringLiteral("key")).toString());
             int shown = 0;
             for (int i = 0; store && i < ids.size() && startTile + i < store->tileCount(); ++i, ++shown)
                 store->assignCamera(startTile + i, ids.at(i));
             return shown;
         }});
    QHash<QString, ptz::OnvifPtzController *> alarmPtz; // one per camera a rule steers, kept for its queue
    QObject::connect(alarmCenter.executor(), &alarms::AlarmActionExecutor::ptzPresetRequested, &app,
                     [&alarmPtz, &directory, &app](const QString &cameraId, const QString &preset) {
                         ptz::OnvifPtzController *&c = alarmPtz[cameraId];
                         if (!c) {
                             c = new ptz::OnvifPtzController(&app);
                             c->setAutomatic(true); // the rule's, not the user's: not gated by the role
                             c->setCameraId(cameraId, &directory);
                         }
                         c->gotoPreset(preset);
                     });
    {
        const QString where =
            cli.parser.isSet(cli.webhook) ? cli.parser.value(cli.webhook) : session.webhookSetting();
        webhook::WebhookConfig config;
        config.token = qEnvironmentVariable("VIGIL_WEBHOOK_TOKEN", session.webhookTokenSetting()).toUtf8();
        QString why;
        if (!where.isEmpty() && !webhook::parseListenAddress(where, &config.address, &config.port, &why)) {
            std::fprintf(stderr, "vigil: --webhook: %s\n", qPrintable(why));
            return 2;
        }
        if (where.isEmpty() && session.demoMode() && config.token.isEmpty())
            config.token = "vigil-demo"; // the demo's receiver: loopback, any free port (README)
        if ((!where.isEmpty() || session.demoMode()) && !alarmCenter.startWebhook(config, &why)) {
            if (cli.parser.isSet(cli.webhook)) {
                std::fprintf(stderr, "vigil: %s\n", qPrintable(why));
                return 2;
            }
            qCWarning(vigilApp).noquote() << "alarm webhook not started:" << why;
        }
    }
    // --- end of alarms -----------------------------------------------------------------------------------

    // Degrade, never freeze: when the decoders cannot keep up, the smallest tiles drop to key frames only.
    video::DecodeGovernor decodeGovernor;
    decodeGovernor.setEnabled(qEnvironmentVariable("VIGIL_DEGRADE") != QLatin1String("off"));

    // Local recording (issue 11): one root, one disk budget ($VIGIL_RECORDING_QUOTA_MB, default 20 GiB). The
    // demo records into the cache (never among the operator's recordings), 2 GiB at most, and keeps its first
    // cameras recording all the time so Playback has something to show.
    // A village PC's budget is the setting "villageRecordBudgetGb" (default 50 GB; 0 = no recording), the
    // demo's at most its 2 GiB.
    app::RecordingService::Options recordingOptions;
    recordingOptions.root =
        session.demoMode() ? core::cacheDir() + QStringLiteral("/demo-recordings") : core::recordingsDir();
    {
        bool quotaOk = false;
        const qint64 quotaMb = qEnvironmentVariable("VIGIL_RECORDING_QUOTA_MB").toLongLong(&quotaOk);
        const qint64 mib = 1024 * 1024;
        recordingOptions.quotaBytes =
            (quotaOk && quotaMb > 0 ? quotaMb : (session.demoMode() ? 2048 : 20480)) * mib;
        if (session.village() && !(quotaOk && quotaMb > 0)) {
            const qint64 budget = app::villageRecordBudgetBytes(session.villageRecordBudgetGbSetting());
            recordingOptions.quotaBytes = session.demoMode() ? std::min(budget, 2048 * mib) : budget;
        }
    }
    recordingOptions.preAlarmSeconds = 0;
    app::RecordingService recordings(&directory, recordingOptions);
    app::RecordingService::setInstance(&recordings);
    recordings.installPlaybackLookup();
    // The playback timeline marks the stored alarms of the cameras it plays.
    playback::PlaybackSession::setDefaultMarkLookup(
        [&alarmCenter](const QStringList &ids, playback::Span range) {
            return app::alarmMarks(alarmCenter.store()->alarms(), ids, range);
        });
    // Recordings are remuxed as the camera sent them: its privacy masks are painted at playback.
    playback::PlaybackSession::setDefaultMaskLookup([&directory](const QString &id) {
        const std::optional<cameras::Camera> camera = directory.camera(id);
        return camera ? camera->privacyMasks : QList<QPolygonF>{};
    });
    // An alarm arriving while an operator plays back its camera is marked at once.
    QObject::connect(alarmCenter.store(), &alarms::AlarmStore::alarmAdded, &alarmCenter,
                     [] { playback::PlaybackSession::marksChanged(); });
    // An alarm rule's "record these cameras for M minutes". Pre-alarm seconds reach back only as far as a
    // camera's ring holds, and rings are off (preAlarmSeconds 0): the recording starts at the alarm.
    QObject::connect(alarmCenter.executor(), &alarms::AlarmActionExecutor::recordRequested, &recordings,
                     [&recordings](const QStringList &ids, int minutes, int preSeconds) {
                         for (const QString &id : ids)
                             recordings.start(id, std::max(1, minutes), preSeconds);
                     });
    // Village mode: 1/4/9 tiles, its wall's cameras recorded, the daily self-check (village.h). Before QML
    // loads, so the layout picker offers only what is allowed. VIGIL_SELF_CHECK_SECONDS (tests, benchmarks):
    // a self-check that often, the first after that long.
    std::unique_ptr<app::VillageMode> village;
    if (session.village()) {
        app::VillageMode::Options villageOptions;
        bool everyOk = false;
        if (const int every = qEnvironmentVariableIntValue("VIGIL_SELF_CHECK_SECONDS", &everyOk);
            everyOk && every > 0)
            villageOptions.firstSelfCheckMs = villageOptions.selfCheckIntervalMs = every * 1000;
        village = std::make_unique<app::VillageMode>(
            &wallStore, &directory, recordingOptions.quotaBytes > 0 ? &recordings : nullptr, villageOptions);
        village->start();
    }
    if (session.demoMode() && !session.village()) // a village PC records its wall's cameras (above)
        QObject::connect(&session, &app::Session::demoReady, &recordings, [&recordings, &directory] {
            const auto cameras = directory.cameras();
            for (int i = 0; i < std::min<int>(4, int(cameras.size())); ++i)
                recordings.start(cameras.at(i).id);
        });

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
    // Wall windows, one per chosen screen. The console comes first in the stacking order, and closing it
    // ends Vigil (wall windows never close by themselves).
    app::WallWindows wallWindows(&directory, &wallScreens);
    cameraDrag.setWallWindows(&wallWindows);
    // --wall-screens, else the setting "wallScreens" in settings.json.
    const bool wallScreensOnCli = cli.parser.isSet(cli.wallScreens);
    if (session.village() && (wallScreensOnCli || !session.wallScreensSetting().isEmpty()))
        qCWarning(vigilApp)
            << "village mode shows one screen: --wall-screens and \"wallScreens\" are ignored";
    if (const QString wanted = session.village()  ? QString()
                               : wallScreensOnCli ? cli.parser.value(cli.wallScreens)
                                                  : session.wallScreensSetting();
        !wanted.isEmpty()) {
        QString why;
        auto chosen = wall::parseScreenSelection(wanted, int(QGuiApplication::screens().size()), &why);
        if (!chosen && wallScreensOnCli) {
            std::fprintf(stderr, "vigil: --wall-screens: %s\n", qPrintable(why));
            return 2;
        }
        if (!chosen) {
            // A monitor named in the setting is not there today: the console still comes up.
            qCWarning(vigilApp).noquote()
                << "settings.json \"wallScreens\":" << why << "No wall windows opened.";
            chosen = QList<int>();
        }
        if (!chosen->isEmpty()) {
            const int opened = wallWindows.open(*chosen);
            qCInfo(vigilApp) << "wall windows opened:" << opened << "of" << chosen->size();
            if (window) {
                QObject::connect(window, &QWindow::visibleChanged, &app, [](bool visible) {
                    if (!visible)
                        QCoreApplication::quit(); // the console was closed
                });
                window->raise();
                window->requestActivate();
            }
        }
    }
    // A console on a wall across PCs shows (and changes) the wall nodes' screens beside its own: after the
    // wall windows, so a screen this PC shows itself is never mirrored.
    std::unique_ptr<wallnet::RemoteScreens> remoteScreens;
    if (wallNet.enabled() && wallNet.role() == QLatin1String("console"))
        remoteScreens = std::make_unique<wallnet::RemoteScreens>(&wallNet, &wallScreens, &directory);
    if (window && session.kiosk())
        app::enterKioskMode(&session, window);
    else if (window && (cli.parser.isSet(cli.fullscreen) || session.village())) {
        // A village PC's one big screen (its bar has the button to leave it); the whole screen also where no
        // window manager acts on the full-screen request (a bare X session, as kiosk mode does).
        if (QScreen *screen = window->screen())
            window->setGeometry(screen->geometry());
        window->showFullScreen();
    }
    if (const QString v = cli.parser.value(cli.view);
        window && !session.kiosk() &&
        (v == QLatin1String("map") || v == QLatin1String("screens") || v == QLatin1String("alarms") ||
         v == QLatin1String("access")))
        window->setProperty("view", v);
    if (window && !session.kiosk() && cli.parser.value(cli.view) == QLatin1String("sites") &&
        !QMetaObject::invokeMethod(window, "openSites"))
        qCWarning(vigilApp) << "--view sites: the window could not open the platforms dialog";
    if (window && !session.kiosk() && cli.parser.value(cli.view) == QLatin1String("rules") &&
        !QMetaObject::invokeMethod(window, "openRules"))
        qCWarning(vigilApp) << "--view rules: the window could not open the alarm rules dialog";
    // --view playback: the wall's cameras from two minutes ago (in the demo, once its cameras are there).
    if (window && !session.kiosk() && cli.parser.value(cli.view) == QLatin1String("playback")) {
        auto openPlayback = [window, &wallStore] {
            const QStringList ids = wallStore.shownCameras();
            if (!QMetaObject::invokeMethod(
                    window, "openPlayback", Q_ARG(QVariant, QVariant(ids)),
                    Q_ARG(double, double(QDateTime::currentMSecsSinceEpoch() - 120000))))
                qCWarning(vigilApp) << "--view playback: the window could not open playback";
        };
        if (session.demoMode())
            QObject::connect(&session, &app::Session::demoReady, window, openPlayback, Qt::QueuedConnection);
        else
            openPlayback();
    }
    // Kiosk: every wall (the console's and each screen's) tours all cameras once the cameras are known.
    auto startKioskTours = [&wallStore, &wallScreens, &directory] {
        app::startKioskTours(&wallStore, &wallScreens, directory);
    };

    if (session.demoMode()) {
        bool ok = false;
        const int n = cli.parser.value(cli.demoCameras).toInt(&ok);
        session.startDemo(&directory, &wallStore, chinese, ok ? std::clamp(n, 1, 16) : 9, &patrol,
                          &alarmCenter);
        // Empty wall screens get something to show: the first an online patrol (a tour of every camera
        // across its four tiles), the others every camera at once.
        QObject::connect(&session, &app::Session::demoReady, &wallScreens, [&wallScreens, &directory] {
            const QStringList keys = wallScreens.keys();
            QStringList ids;
            for (const cameras::Camera &c : directory.cameras())
                ids.append(c.id);
            for (int i = 0; i < keys.size(); ++i) {
                wall::WallStore *store = wallScreens.store(keys.at(i));
                if (!store || !store->state().tileCameras.isEmpty()) // it shows something already
                    continue;
                store->setLayout(i == 0 ? QStringLiteral("4") : QStringLiteral("9"));
                store->startScreenTour(ids, wall::kDefaultTourDwellSeconds);
            }
        });
    }
    if (session.kiosk()) {
        if (session.demoMode())
            QObject::connect(&session, &app::Session::demoReady, &wallStore, startKioskTours);
        else
            startKioskTours();
    }

    if (cli.parser.isSet(cli.screenshot) && window) {
        const QString file = cli.parser.value(cli.screenshot);
        const int delayMs = int(cli.parser.value(cli.screenshotDelay).toDouble() * 1000);
        auto shoot = [window, file, &wallWindows] {
            bool saved = window->grabWindow().save(file);
            // Each wall window beside it: shot.png -> shot-screen2.png, ...
            const QList<QQuickWindow *> walls = wallWindows.windows();
            for (int i = 0; i < walls.size(); ++i) {
                QString path = file;
                const int dot = int(path.lastIndexOf(QLatin1Char('.')));
                path.insert(dot < 0 ? path.size() : dot, QStringLiteral("-wall%1").arg(i + 1));
                const bool ok = walls.at(i)->grabWindow().save(path);
                std::fprintf(ok ? stdout : stderr, "%s %s\n",
                             ok ? "screenshot saved:" : "screenshot failed:", qPrintable(path));
                saved = saved && ok;
            }
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
    wallWindows.closeAll(); // saves each screen's wall; their players stop here
    engine.clearComponentCache();
    const auto roots = engine.rootObjects();
    for (QObject *root : roots)
        delete root; // players stop their streams here
    if (!video::VideoPlayer::waitForWorkers(3000))
        qCWarning(vigilApp) << "some camera connections did not close within 3 s";
    // A tile's PTZ controller queues a Stop when it goes away mid-move: let it reach the camera.
    if (!ptz::OnvifPtzController::waitForWorkers(2000))
        qCWarning(vigilApp) << "some PTZ commands (a final Stop?) were not sent within 2 s";
    // Recorders close their open segments (complete and playable) before the process ends.
    recordings.shutdown();
    if (!core::WorkerThreads::wait(5000, u"recording"))
        qCWarning(vigilApp)
            << "some recordings did not close within 5 s; their last segment plays up to its last "
               "complete second";
    // Event polls and probes are not waited for (a poll may take its whole timeout): they end with the
    // process.
    if (const QStringList left = core::WorkerThreads::running(); !left.isEmpty())
        qCInfo(vigilApp) << "worker threads still running at exit:" << left;
    session.stopDemo();
    accessControl.record(u"exit", QStringLiteral("Vigil closed"), false);
    return rc;
}
