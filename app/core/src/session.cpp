#include "vigil/app/session.h"
#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/platform_alarms.h"

#include "vigil/backend/ours_client.h"
#include "vigil/backend/ours_push.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/core/atomic_file.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/logging.h"
#include "vigil/core/paths.h"
#include "vigil/core/worker_threads.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/demo/demo_site.h"
#include "vigil/map/dispatch.h"
#include "vigil/map/geo.h"
#include "vigil/ptz/input_rules.h"
#include "vigil/sites/site_cameras.h"
#include "vigil/sites/site_push.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QDir>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QPointer>
#include <QtQml/QJSEngine>

#include <algorithm>

namespace vigil::app {

namespace {
Session *s_instance = nullptr;

constexpr int kSettingsVersion = 1;

// settings.json must be a JSON object of a version we know; unknown keys are ignored (a newer Vigil's).
QString validateSettings(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return error.errorString();
    if (!doc.isObject())
        return QStringLiteral("not a JSON object");
    if (doc.object().value(QLatin1String("version")).toInt() != kSettingsVersion)
        return QStringLiteral("unknown version");
    return {};
}

double clampPtzSpeed(double speed)
{
    return std::clamp(speed, ptz::PtzInputRules::kMinSpeed, ptz::PtzInputRules::kMaxSpeed);
}

// The demo's cameras the way a real site's arrive: the demo platform (our API over the demo county, serving
// the demo site's RTSP streams) is asked through OursClient, and its answer goes through the same mapping as
// any platform's. Blocking (a few local HTTP requests): on the demo-prepare worker.
bool readDemoCameras(demo::DemoBackend &backend, const demo::DemoSite &site, bool chinese,
                     QList<cameras::Camera> *out, QString *error)
{
    const demo::DemoBackendOptions &o = backend.options();
    backend::OursClient client(backend::OursSite{backend.baseUrl(), o.user, o.password});
    const backend::Result<backend::CameraList> list = client.cameras();
    if (!list.ok()) {
        *error = list.error.message;
        return false;
    }
    sites::SiteCameraOptions options;
    options.origin = cameras::kDemoOrigin.toString(); // in memory only, never saved to cameras.json
    options.chinese = chinese;
    *out = sites::camerasFromPlatform(list.value, options);
    qCInfo(vigilApp) << "demo platform on port" << backend.port() << "listed" << out->size() << "cameras in"
                     << list.value.requests << "requests; RTSP on port" << site.port();
    return true;
}
} // namespace

Session::Session(bool demoMode, QObject *parent)
    : QObject(parent)
    , m_demoMode(demoMode)
    , m_settingsPath(QDir(core::configDir()).filePath(QStringLiteral("settings.json")))
    , m_ptzSpeed(ptz::PtzInputRules::kDefaultSpeed)
    , m_tourDwellSeconds(wall::kDefaultTourDwellSeconds)
{
    m_settingsSave.setSingleShot(true);
    m_settingsSave.setInterval(kSettingsSaveDelayMs);
    connect(&m_settingsSave, &QTimer::timeout, this, &Session::saveSettings);
    loadSettings();
}

Session::~Session()
{
    if (m_settingsSave.isActive())
        saveSettings();
    stopDemo();
    if (s_instance == this)
        s_instance = nullptr;
}

Session *Session::create(QQmlEngine *, QJSEngine *)
{
    if (!s_instance) {
        qCCritical(vigilApp) << "Session::create() before Session::setInstance()";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void Session::setInstance(Session *s)
{
    s_instance = s;
}

Session *Session::instance()
{
    return s_instance;
}

QString Session::version() const
{
    return QStringLiteral(VIGIL_VERSION);
}

void Session::setProgress(bool busy, const QString &text, double value)
{
    if (m_busy == busy && m_busyText == text && qFuzzyCompare(m_progress + 2, value + 2))
        return;
    m_busy = busy;
    m_busyText = text;
    m_progress = value;
    emit progressChanged();
}

void Session::setStartupError(const QString &text)
{
    if (m_startupError == text)
        return;
    m_startupError = text;
    emit startupErrorChanged();
}

void Session::startDemo(cameras::CameraDirectory *directory, wall::WallStore *wall, bool chinese,
                        int cameraCount, map::Patrol *patrol, alarms::AlarmCenter *alarmCenter)
{
    demo::DemoSiteOptions options;
    options.cameraCount = cameraCount;
    m_demo = std::make_shared<demo::DemoSite>(options);
    setProgress(true, tr("Starting the demo site…"), -1);
    QPointer<Session> self(this);
    QPointer<cameras::CameraDirectory> dir(directory);
    QPointer<wall::WallStore> wallStore(wall);
    QPointer<map::Patrol> patrolGuard(patrol);
    QPointer<alarms::AlarmCenter> alarmGuard(alarmCenter);
    auto site = m_demo;
    // Encoding the demo clips takes a minute on first run: never on the GUI thread.
    core::WorkerThreads::start(QStringLiteral("demo-prepare"), [self, dir, wallStore, patrolGuard, alarmGuard,
                                                                site, chinese, cameraCount] {
        QString error;
        QList<cameras::Camera> cams;
        std::shared_ptr<demo::DemoBackend> platform;
        bool ok = site->prepare(&error, [self](int done, int total, const QString &what) {
            core::postToApp([self, done, total, what] {
                if (self)
                    self->setProgress(
                        true, tr("Preparing demo cameras (%1 of %2): %3").arg(done).arg(total).arg(what),
                        total > 0 ? double(done) / total : -1);
            });
        }) && site->start(&error);
        if (ok) {
            core::postToApp([self] {
                if (self)
                    self->setProgress(true, tr("Reading the demo platform's cameras…"), -1);
            });
            // The platform's stream URLs point at the demo site's RTSP server.
            QUrl rtspBase = site->streamUrl(QStringLiteral("cam01"), true);
            rtspBase.setPath(QString());
            demo::DemoBackendOptions o;
            o.rtspBase = rtspBase;
            o.cameraCount = cameraCount;
            o.unitCount = 0; // the app's simulator drives the cars; the platform serves them (setUnitsSource)
            // A demo alarm every few minutes; VIGIL_DEMO_ALARM_INTERVAL_MS for a livelier demo (0 = none).
            bool intervalOk = false;
            const int interval = qEnvironmentVariableIntValue("VIGIL_DEMO_ALARM_INTERVAL_MS", &intervalOk);
            if (intervalOk && interval >= 0)
                o.alarmIntervalMs = interval < 1000 && interval > 0 ? 1000 : interval;
            platform = std::make_shared<demo::DemoBackend>(o);
            ok = platform->start(&error) && readDemoCameras(*platform, *site, chinese, &cams, &error);
        }
        core::postToApp([self, dir, wallStore, patrolGuard, alarmGuard, site, platform, ok, error, cams,
                         chinese] {
            if (!self)
                return;
            self->m_demoBackend = platform;
            self->setProgress(false, {}, -1);
            if (!ok) {
                self->setStartupError(tr("The demo site could not start: %1. Check that the packages from "
                                         "scripts/setup-deps.sh are installed, then restart Vigil.")
                                          .arg(error));
                qCCritical(vigilApp).noquote() << "demo site failed:" << error;
                return;
            }
            if (dir)
                dir->setDemoCameras(cams);
            if (patrolGuard || alarmGuard)
                self->startDemoPush(patrolGuard.data(), alarmGuard.data(), chinese);
            if (wallStore) {
                const QStringList assigned = wallStore->state().tileCameras;
                const bool anyCamera = std::any_of(assigned.begin(), assigned.end(),
                                                   [](const QString &id) { return !id.isEmpty(); });
                if (!anyCamera) {
                    wallStore->setLayout(QStringLiteral("9"));
                    for (int i = 0; i < cams.size() && i < wallStore->tileCount(); ++i)
                        wallStore->assignCamera(i, cams.at(i).id);
                }
            }
            qCInfo(vigilApp) << "demo site ready on port" << site->port();
            emit self->demoReady();
        });
    });
}

void Session::loadSettings()
{
    // A damaged file is moved aside and logged by readFileWithBackup; then the backup or the defaults.
    const core::LoadedFile loaded = core::readFileWithBackup(m_settingsPath, &validateSettings);
    if (!loaded.exists || !validateSettings(loaded.data).isEmpty())
        return;
    const QJsonObject o = QJsonDocument::fromJson(loaded.data).object();
    if (const QJsonValue v = o.value(QLatin1String("ptzSpeed")); v.isDouble())
        m_ptzSpeed = clampPtzSpeed(v.toDouble());
    if (const QJsonValue v = o.value(QLatin1String("tourDwellSeconds")); v.isDouble())
        m_tourDwellSeconds = wall::clampTourDwell(v.toInt());
    m_kioskSetting = o.value(QLatin1String("kiosk")).toBool(false);
    m_savedKioskTitle = o.value(QLatin1String("kioskTitle")).toString().trimmed();
    m_kioskTitle = m_savedKioskTitle;
    m_kioskPinHash = o.value(QLatin1String("kioskPin")).toString();
    m_wallScreens = o.value(QLatin1String("wallScreens")).toString().trimmed();
    m_webhook = o.value(QLatin1String("webhook")).toString().trimmed();
    m_webhookToken = o.value(QLatin1String("webhookToken")).toString().trimmed();
    m_kioskLock.setStoredHash(m_kioskPinHash);
    m_mode = o.value(QLatin1String("mode")).toString().trimmed();
    m_language = o.value(QLatin1String("language")).toString().trimmed();
    if (const QJsonValue v = o.value(QLatin1String("villageRecordBudgetGb"));
        v.isDouble() && v.toDouble() >= 0)
        m_villageRecordBudgetGb = v.toDouble();
}

bool Session::saveSettings()
{
    m_settingsSave.stop();
    QJsonObject o;
    o.insert(QLatin1String("version"), kSettingsVersion);
    o.insert(QLatin1String("ptzSpeed"), m_ptzSpeed);
    o.insert(QLatin1String("tourDwellSeconds"), m_tourDwellSeconds);
    o.insert(QLatin1String("kiosk"), m_kioskSetting);
    if (!m_savedKioskTitle.isEmpty())
        o.insert(QLatin1String("kioskTitle"), m_savedKioskTitle);
    if (!m_kioskPinHash.isEmpty())
        o.insert(QLatin1String("kioskPin"), m_kioskPinHash);
    if (!m_wallScreens.isEmpty())
        o.insert(QLatin1String("wallScreens"), m_wallScreens);
    if (!m_webhook.isEmpty())
        o.insert(QLatin1String("webhook"), m_webhook);
    if (!m_webhookToken.isEmpty())
        o.insert(QLatin1String("webhookToken"), m_webhookToken);
    if (!m_mode.isEmpty())
        o.insert(QLatin1String("mode"), m_mode);
    if (!m_language.isEmpty())
        o.insert(QLatin1String("language"), m_language);
    if (m_villageRecordBudgetGb >= 0)
        o.insert(QLatin1String("villageRecordBudgetGb"), m_villageRecordBudgetGb);
    QString why;
    if (!core::writeFileAtomically(m_settingsPath, QJsonDocument(o).toJson(), &why)) {
        qCWarning(vigilConfig).noquote() << "cannot save the settings to" << m_settingsPath << ":" << why;
        return false;
    }
    return true;
}

bool Session::setKioskPinHash(const QString &stored)
{
    m_kioskPinHash = stored;
    m_kioskLock.setStoredHash(stored);
    return saveSettings();
}

void Session::setPtzSpeed(double speed)
{
    speed = clampPtzSpeed(speed);
    if (qFuzzyCompare(m_ptzSpeed, speed))
        return;
    m_ptzSpeed = speed;
    emit ptzSpeedChanged();
    m_settingsSave.start();
}

void Session::setTourDwellSeconds(int seconds)
{
    seconds = wall::clampTourDwell(seconds);
    if (m_tourDwellSeconds == seconds)
        return;
    m_tourDwellSeconds = seconds;
    emit tourDwellSecondsChanged();
    m_settingsSave.start();
}

void Session::startDemoPush(map::Patrol *patrol, alarms::AlarmCenter *alarmCenter, bool chinese)
{
    // The platform pushes the cars the simulator drives in patrol->platformUnits(); the map's units() get
    // them back from the push, the way a real site's cars arrive. Its alarms come through the same push.
    if (patrol)
        m_demoBackend->setUnitsSource(patrol->platformUnits());
    const demo::DemoBackendOptions &o = m_demoBackend->options();
    // The same wiring as a configured site's push (sites::SitePush), without the site prefixes: the demo's
    // cameras keep the platform's ids (readDemoCameras) and its alarms are source "platform".
    sites::SitePushOptions options;
    options.connection = backend::SiteConnection{m_demoBackend->baseUrl(), o.user, o.password};
    options.alarmSource = QStringLiteral("platform");
    options.chinese = chinese;
    m_demoPush = std::make_unique<sites::SitePush>(options, patrol ? patrol->units() : nullptr, alarmCenter);
    // OursPush logs its own failures and reconnects (vigil.push).
    m_demoPush->start();
}

alarms::PlatformAlarms *Session::demoAlarms() const
{
    return m_demoPush ? m_demoPush->platformAlarms() : nullptr;
}

void Session::stopDemo()
{
    m_demoPush.reset();
    if (m_demoBackend)
        m_demoBackend->stop();
    if (m_demo)
        m_demo->stop();
}

} // namespace vigil::app
