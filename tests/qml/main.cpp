// QML tests (QtQuickTest) for the Vigil.Views module, against the real C++ singletons: a CameraDirectory
// with a few stub cameras (streams on a closed loopback port, so nothing plays), a WallStore and a Session,
// all with their config in a temporary folder. Thread: GUI only.
#include "vigil/access/access_controller.h"
#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/camera_alarms.h"
#include "vigil/app/qml_modules.h"
#include "vigil/app/session.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/map/dispatch.h"
#include "vigil/sites/site_manager.h"
#include "vigil/video/video_player.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QTemporaryDir>
#include <QtQml/QQmlEngine>
#include <QtQuickTest/quicktest.h>
#include <numbers>

#include <memory>

using namespace vigil;

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        m_directory = std::make_unique<cameras::CameraDirectory>(nullptr);
        cameras::CameraDirectory::setInstance(m_directory.get());
        m_directory->setDemoCameras(
            {stubCamera("cam-a", "Gate north", "Depot"), stubCamera("cam-b", "Gate south", "Depot"),
             stubCamera("cam-c", "Platform 1", "Station"), stubCamera("cam-d", "Loose camera", "")});
        // Sites (tst_SitesDialog): none configured; the test adds them.
        m_sites = std::make_unique<sites::SiteManager>(m_directory.get());
        sites::SiteManager::setInstance(m_sites.get());
        m_sites->setRetryDelays(200, 400);
        m_sites->load();
        m_sites->start();
        m_wall = std::make_unique<wall::WallStore>(m_directory.get());
        wall::WallStore::setInstance(m_wall.get());
        m_screens = std::make_unique<wall::WallScreenSet>(m_wall.get());
        wall::WallScreenSet::setInstance(m_screens.get());
        // Users (tst_LoginDialog): an administrator, logged in, so every other view sees every control.
        {
            access::UserStore users(m_config.filePath(QStringLiteral("users.json")));
            QVERIFY(users.load());
            QVERIFY(users.addUser(QStringLiteral("admin"), access::Role::Administrator,
                                  QStringLiteral("admin-password")));
            QVERIFY(
                users.addUser(QStringLiteral("li"), access::Role::Operator, QStringLiteral("li-password")));
        }
        m_access = std::make_unique<access::AccessController>(QString());
        access::AccessController::setInstance(m_access.get());
        QVERIFY(m_access->loginNow(QStringLiteral("admin"), QStringLiteral("admin-password")));
        m_session = std::make_unique<app::Session>(false, nullptr);
        app::Session::setInstance(m_session.get());
        m_alarms = std::make_unique<alarms::CameraAlarms>(m_directory.get());
        alarms::CameraAlarms::setInstance(m_alarms.get());
        // The alarm flow with a fresh database: three alarms for tst_AlarmsView (stored on the store's
        // worker; the test waits for them).
        m_center =
            std::make_unique<alarms::AlarmCenter>(m_config.filePath(QStringLiteral("alarms.db")),
                                                  m_config.filePath(QStringLiteral("alarm_rules.json")));
        alarms::AlarmCenter::setInstance(m_center.get());
        m_center->setCameraDirectory(m_directory.get());
        // The rules dialog (tst_RulesDialog) checks scenes and screens against the wall's, as the app does.
        m_center->ruleModel()->setSources({[this] { return m_screens->sceneNames(); },
                                           [this] {
                                               return m_screens->screens();
                                           }});
        connect(m_screens.get(), &wall::WallScreenSet::scenesChanged, m_center->ruleModel(),
                &alarms::AlarmRuleModel::catalogUpdated);
        // Patrol units at fixed places around cam-a (30.54, 119.96) for tst_Dispatch; no roads (straight
        // lines), no simulator.
        m_patrol = std::make_unique<map::Patrol>(nullptr);
        map::Patrol::setInstance(m_patrol.get());
        const double mPerDeg = map::kEarthRadiusM * std::numbers::pi / 180;
        auto unit = [mPerDeg](const char *id, double east, double north, map::PatrolUnit::Status status) {
            map::PatrolUnit u;
            u.id = QString::fromLatin1(id);
            u.callSign = QStringLiteral("Car ") + u.id;
            u.position = {30.54 + north / mPerDeg,
                          119.96 + east / (mPerDeg * std::cos(30.54 * std::numbers::pi / 180))};
            u.status = status;
            return u;
        };
        using S = map::PatrolUnit::Status;
        m_patrol->units()->setUnits({unit("p1", 0, 300, S::Available), unit("p2", 100, 0, S::Available),
                                     unit("p3", 0, -2000, S::Busy), unit("p4", -50, 0, S::OffDuty)});
        const struct
        {
            const char *type, *source, *camera;
            int priority;
        } seeds[] = {{"intrusion", "alarm-host-1", "cam-a", 4},
                     {"fire", "alarm-host-2", "cam-b", 5},
                     {"motion", "onvif", "cam-c", 2}};
        for (const auto &seed : seeds) {
            alarms::Alarm a;
            a.type = QString::fromLatin1(seed.type);
            a.source = QString::fromLatin1(seed.source);
            a.cameraId = QString::fromLatin1(seed.camera);
            a.priority = seed.priority;
            m_center->raise(a);
        }
    }

    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }

    void cleanupTestCase()
    {
        // Players of destroyed tiles close their (refused) connections on worker threads.
        video::VideoPlayer::waitForWorkers(3000);
        alarms::AlarmCenter::setInstance(nullptr);
        m_center.reset();
        map::Patrol::setInstance(nullptr);
        m_patrol.reset();
        alarms::CameraAlarms::setInstance(nullptr);
        m_alarms.reset();
        app::Session::setInstance(nullptr);
        wall::WallScreenSet::setInstance(nullptr);
        wall::WallStore::setInstance(nullptr);
        sites::SiteManager::setInstance(nullptr);
        m_sites.reset();
        cameras::CameraDirectory::setInstance(nullptr);
        m_session.reset();
        access::AccessController::setInstance(nullptr);
        m_access.reset();
        m_screens.reset();
        m_wall.reset();
        m_directory.reset();
    }

private:
    static cameras::Camera stubCamera(const char *id, const char *name, const char *group)
    {
        cameras::Camera c;
        c.id = QString::fromLatin1(id);
        c.name = QString::fromUtf8(name);
        c.group = QString::fromUtf8(group);
        // Port 9 (discard) is closed on loopback: the player fails fast, no video is needed here.
        c.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/") + c.id), {}, 0, {}}};
        // On the map (a couple of hundred metres apart by the id's last letter), so the camera layer has a
        // dot to colour.
        c.position = cameras::CameraPosition{30.54 + 0.002 * (id[4] - 'a'), 119.96, 90, 60};
        return c;
    }

    QTemporaryDir m_config;
    std::unique_ptr<cameras::CameraDirectory> m_directory;
    std::unique_ptr<wall::WallStore> m_wall;
    std::unique_ptr<wall::WallScreenSet> m_screens;
    std::unique_ptr<app::Session> m_session;
    std::unique_ptr<access::AccessController> m_access;
    std::unique_ptr<sites::SiteManager> m_sites;
    std::unique_ptr<alarms::CameraAlarms> m_alarms;
    std::unique_ptr<alarms::AlarmCenter> m_center;
    std::unique_ptr<map::Patrol> m_patrol;
};

QUICK_TEST_MAIN_WITH_SETUP(vigil_qml, Setup)

#include "main.moc"
