#pragma once
// Session: the application-wide state QML needs beside cameras and the wall: start-up progress (the demo site
// encodes its clips on first run), start-up errors, mode and version, and the operator's settings.
//
// Settings live in configDir()/settings.json, written like every config file (atomically, the previous
// version kept as .bak; a damaged file is moved aside and the backup or the defaults are used):
//   { "version": 1, "ptzSpeed": 0.5, "tourDwellSeconds": 10, "kiosk": false, "kioskTitle": "Vigil",
//     "kioskPin": "pbkdf2-sha256$...", "mode": "village", "language": "zh_CN", "villageRecordBudgetGb": 50 }
// (kioskPin: kiosk_pin.h; set with `vigil --set-kiosk-pin`, never typed into the file by hand; "mode",
// "language" and "villageRecordBudgetGb": village.h).
// Read at construction; a change is saved kSettingsSaveDelayMs after the last one (a slider sends many) and
// at the latest when the Session is destroyed.
// Thread: GUI only; long work runs on a worker thread and reports back queued.
#include "vigil/app/kiosk_lock.h"

#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace vigil::demo {
class DemoSite;
class DemoBackend;
} // namespace vigil::demo
namespace vigil::cameras {
class CameraDirectory;
}
namespace vigil::wall {
class WallStore;
}
namespace vigil::map {
class Patrol;
}
namespace vigil::sites {
class SitePush;
}
namespace vigil::alarms {
class AlarmCenter;
class PlatformAlarms;
} // namespace vigil::alarms

namespace vigil::app {

class Session : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Session)
    QML_SINGLETON
    Q_PROPERTY(bool demoMode READ demoMode CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY progressChanged)
    Q_PROPERTY(QString busyText READ busyText NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged) // 0..1, or -1 when unknown
    Q_PROPERTY(QString startupError READ startupError NOTIFY startupErrorChanged)
    Q_PROPERTY(QString version READ version CONSTANT)
    // What the map shows: an MBTiles file, a preset ("osm", "amap", "tianditu:KEY", ...) or an XYZ template
    // (see map/README.md). Empty: the demo county in demo mode, else the plain grid.
    Q_PROPERTY(QString mapSource READ mapSource CONSTANT)
    // The speed of the PTZ pad's arrows, keys and wheel (the slider on the pad), 0.05..1; every tile's
    // controller follows it. A setting: saved in settings.json.
    Q_PROPERTY(double ptzSpeed READ ptzSpeed WRITE setPtzSpeed NOTIFY ptzSpeedChanged)
    // How long a tour started from the menus shows each camera, 3..3600 s (settings.json "tourDwellSeconds").
    Q_PROPERTY(
        int tourDwellSeconds READ tourDwellSeconds WRITE setTourDwellSeconds NOTIFY tourDwellSecondsChanged)
    // Kiosk mode (open days): the wall alone, full screen, no operator control; left only with the PIN
    // (kioskLock). Decided before QML loads (--kiosk or the setting "kiosk"); QML gates every control on it.
    Q_PROPERTY(bool kiosk READ kiosk CONSTANT)
    // The title shown on the public display (--kiosk-title or the setting "kioskTitle"; default "Vigil").
    Q_PROPERTY(QString kioskTitle READ kioskTitle CONSTANT)
    Q_PROPERTY(vigil::app::KioskLock *kioskLock READ kioskLock CONSTANT)
    // Village mode (one modest PC by one big screen, village.h): sub-streams only, 1/4/9 tiles, big buttons,
    // no login. Decided before QML loads (--village or the setting "mode": "village").
    Q_PROPERTY(bool village READ village CONSTANT)

public:
    Session(bool demoMode, QObject *parent);
    ~Session() override;

    static Session *create(QQmlEngine *, QJSEngine *);
    static void setInstance(Session *s);
    static Session *instance();

    bool demoMode() const { return m_demoMode; }
    bool busy() const { return m_busy; }
    QString busyText() const { return m_busyText; }
    double progress() const { return m_progress; }
    QString startupError() const { return m_startupError; }
    QString version() const;
    QString mapSource() const { return m_mapSource; }
    void setMapSource(const QString &source) { m_mapSource = source; } // before QML loads
    double ptzSpeed() const { return m_ptzSpeed; }
    void setPtzSpeed(double speed);
    int tourDwellSeconds() const { return m_tourDwellSeconds; }
    void setTourDwellSeconds(int seconds);

    // settings.json's "wallScreens" ("all", "2,3", "none"; "" = not set): the wall windows when the command
    // line does not say (--wall-screens wins).
    QString wallScreensSetting() const { return m_wallScreens; }
    // settings.json's "webhook" ("127.0.0.1:8089"; "" = off) and "webhookToken": the alarm webhook receiver
    // when --webhook and VIGIL_WEBHOOK_TOKEN are not given. Written back as they were; never logged.
    QString webhookSetting() const { return m_webhook; }
    QString webhookTokenSetting() const { return m_webhookToken; }
    bool kiosk() const { return m_kiosk; }
    void setKiosk(bool on) { m_kiosk = on; } // before QML loads
    // The setting "kiosk" of settings.json: start in kiosk mode without --kiosk.
    bool kioskSetting() const { return m_kioskSetting; }
    QString kioskTitle() const { return m_kioskTitle.isEmpty() ? QStringLiteral("Vigil") : m_kioskTitle; }
    void setKioskTitle(const QString &title) { m_kioskTitle = title; } // before QML loads; not saved
    // The stored PIN hash ("" when none is set); setKioskPinHash saves at once (false when it could not).
    QString kioskPinHash() const { return m_kioskPinHash; }
    bool setKioskPinHash(const QString &stored);
    KioskLock *kioskLock() { return &m_kioskLock; }
    bool village() const { return m_village; }
    void setVillage(bool on) { m_village = on; } // before QML loads
    // settings.json's "mode": "village" starts village mode without --village ("" or "console": the console).
    QString modeSetting() const { return m_mode; }
    bool villageSetting() const { return m_mode == QLatin1String("village"); }
    // settings.json's "language" ("zh_CN", "en"; "" = not set): the interface language when --lang is not
    // given (village mode's default is zh_CN, the console's the system's).
    QString languageSetting() const { return m_language; }
    // settings.json's "villageRecordBudgetGb" (GB of local recordings on a village PC; 0 = do not record), or
    // -1 when not set (village.h's default).
    double villageRecordBudgetGbSetting() const { return m_villageRecordBudgetGb; }

    static constexpr int kSettingsSaveDelayMs = 500;
    QString settingsPath() const { return m_settingsPath; }
    // Writes settings.json now (cancelling the pending save). False (and a warning in the log) on failure.
    bool saveSettings();

    // Demo mode: prepares the demo site's clips on a worker thread (progress reported), starts its RTSP
    // server on loopback, publishes its cameras into `directory` and, if the wall shows no camera at all,
    // fills a 3x3 wall. `chinese` picks the cameras' Chinese names. With `patrol` (started with
    // Patrol::startDemo(..., true)), the demo platform serves the simulator's cars and the map's units come
    // from the platform's push (backend::OursPush), as a real site's do. With `alarmCenter`, the demo
    // platform's alarms (one every VIGIL_DEMO_ALARM_INTERVAL_MS, default 3 minutes; 0 = none) come through
    // the same push into the alarm flow as source "platform", and the operator's acknowledgements go back
    // to the platform over REST (alarms::PlatformAlarms).
    void startDemo(cameras::CameraDirectory *directory, wall::WallStore *wall, bool chinese,
                   int cameraCount = 9, map::Patrol *patrol = nullptr,
                   alarms::AlarmCenter *alarmCenter = nullptr);
    // The demo platform (null before the demo is ready or outside demo mode) and its alarms' glue.
    demo::DemoBackend *demoBackend() const { return m_demoBackend.get(); }
    alarms::PlatformAlarms *demoAlarms() const;
    void stopDemo();

signals:
    void progressChanged();
    void startupErrorChanged();
    void demoReady();
    void ptzSpeedChanged();
    void tourDwellSecondsChanged();

private:
    void setProgress(bool busy, const QString &text, double value);
    void setStartupError(const QString &text);
    void loadSettings();
    void startDemoPush(map::Patrol *patrol, alarms::AlarmCenter *alarmCenter, bool chinese);

    bool m_demoMode;
    bool m_busy = false;
    QString m_busyText;
    double m_progress = -1;
    QString m_startupError;
    QString m_mapSource;
    std::shared_ptr<demo::DemoSite> m_demo;
    // The demo platform (our API over the demo county, on 127.0.0.1): the demo's cameras come through it.
    std::shared_ptr<demo::DemoBackend> m_demoBackend;
    // The demo platform's push channel: the patrol cars' positions for the map, its alarms into the flow.
    std::unique_ptr<sites::SitePush> m_demoPush;
    QString m_settingsPath;
    double m_ptzSpeed;
    int m_tourDwellSeconds;
    bool m_kiosk = false;
    bool m_kioskSetting = false;
    QString m_kioskTitle;      // from the command line (wins) or settings.json
    QString m_savedKioskTitle; // settings.json's, written back as it was
    QString m_wallScreens;     // settings.json's "wallScreens", written back as it was
    QString m_webhook;         // settings.json's "webhook" and "webhookToken", written back as they were
    QString m_webhookToken;
    QString m_kioskPinHash;
    KioskLock m_kioskLock;
    bool m_village = false;
    QString m_mode;                      // settings.json's "mode", written back as it was
    QString m_language;                  // settings.json's "language", written back as it was
    double m_villageRecordBudgetGb = -1; // settings.json's "villageRecordBudgetGb", -1 = not set
    QTimer m_settingsSave;
};

} // namespace vigil::app
