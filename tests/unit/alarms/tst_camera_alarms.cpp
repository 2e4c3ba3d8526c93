// CameraAlarms: a camera in the directory with an ONVIF device address (a real loopback device serving
// Hikvision's and DVC's captured events) is watched with its stored password; its motion alarm reaches
// alarmRaised() with the camera's name and turns the camera to Alarm in CameraHealth; removing the camera
// unsubscribes and clears the alarm.
#include "loopback_device.h"
#include "vigil/alarms/camera_alarms.h"
#include "vigil/alarms/camera_health.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil;

namespace {

// A loopback device that serves ONVIF events (a Hikvision device with generated services), pulling every 100
// ms.
onvif::test::DeviceOptions eventDevice()
{
    onvif::test::DeviceOptions o;
    o.vendor = QStringLiteral("hikvision");
    o.generatedServices = true;
    o.pullDelayMs = 100;
    return o;
}

// "North gate": an ONVIF camera at `deviceUrl` with a main stream nobody plays here.
cameras::Camera gateCamera(const QUrl &deviceUrl, const QString &user, const QString &credentialRef = {})
{
    cameras::Camera camera;
    camera.id = QStringLiteral("onvif-gate");
    camera.name = QStringLiteral("North gate");
    camera.user = user;
    camera.credentialRef = credentialRef;
    camera.deviceUrl = deviceUrl;
    camera.streams.append(
        {QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/main")), {}, 0, {}});
    return camera;
}

} // namespace

class TestCameraAlarms : public QObject
{
    Q_OBJECT

private slots:
    void motionFromOnvifCamera()
    {
        if (onvif::test::capturesDir().isEmpty())
            QSKIP("ONVIF captures not found: set VIGIL_SHARED_DIR to the folder holding onvif-captures/");
        QTemporaryDir config;
        QVERIFY(config.isValid());
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());

        const onvif::test::DeviceOptions o = eventDevice();
        onvif::test::LoopbackDevice device(o);
        QVERIFY(device.start());
        device.queuePullMessages(
            {QStringLiteral("PullMessages.xml"),
             QDir(onvif::test::capturesDir()).filePath(QStringLiteral("dvc/PullMessages.xml"))});

        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        QVERIFY(store->setPassword(QStringLiteral("gate"), o.password));
        cameras::CameraDirectory directory(std::move(store));
        alarms::CameraHealth health(nullptr);
        alarms::CameraAlarms alarms(&directory, &health);
        QSignalSpy raised(&alarms, &alarms::CameraAlarms::alarmRaised);
        QCOMPARE(alarms.watchedCount(), 0);

        const cameras::Camera camera = gateCamera(device.deviceUrl(), o.user, QStringLiteral("gate"));
        QVERIFY2(directory.addCamera(camera), qPrintable(directory.lastError()));
        QCOMPARE(alarms.watchedCount(), 1);

        QTRY_VERIFY_WITH_TIMEOUT(raised.count() >= 1, 8000); // the DVC capture may carry more than one
        QCOMPARE(raised.at(0).at(0).toString(), QStringLiteral("onvif-gate"));
        QCOMPARE(raised.at(0).at(1).toString(), QStringLiteral("North gate"));
        QCOMPARE(raised.at(0).at(2).toString(), QStringLiteral("motion"));
        QCOMPARE(health.statusOf(QStringLiteral("onvif-gate")), alarms::CameraHealth::Alarm);
        // The device checked our WS-Security digest with the stored password on every request.
        QVERIFY(device.operations().contains(QStringLiteral("CreatePullPointSubscription")));

        QVERIFY(directory.removeCamera(QStringLiteral("onvif-gate")));
        QCOMPARE(alarms.watchedCount(), 0);
        QCOMPARE(health.statusOf(QStringLiteral("onvif-gate")), alarms::CameraHealth::Unknown);
        QTRY_VERIFY_WITH_TIMEOUT(device.operations().contains(QStringLiteral("Unsubscribe")), 3000);
    }

    // The camera's login changes in cameras.json (an installer fixed the user name and the file was
    // reloaded): the listener that was refused starts again with the new login, and the alarms arrive.
    void newLoginRestartsTheListener()
    {
        if (onvif::test::capturesDir().isEmpty())
            QSKIP("ONVIF captures not found: set VIGIL_SHARED_DIR to the folder holding onvif-captures/");
        QTemporaryDir config;
        QVERIFY(config.isValid());
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());

        const onvif::test::DeviceOptions o = eventDevice();
        onvif::test::LoopbackDevice device(o);
        QVERIFY(device.start());
        device.queuePullMessages(
            {QDir(onvif::test::capturesDir()).filePath(QStringLiteral("dvc/PullMessages.xml"))});

        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        QVERIFY(store->setPassword(QStringLiteral("gate"), o.password));
        cameras::CameraDirectory directory(std::move(store));
        alarms::CameraHealth health(nullptr);
        alarms::CameraAlarms alarms(&directory, &health);
        QSignalSpy raised(&alarms, &alarms::CameraAlarms::alarmRaised);
        // A wrong user name: the device refuses it.
        const cameras::Camera camera =
            gateCamera(device.deviceUrl(), QStringLiteral("nobody"), QStringLiteral("gate"));
        QVERIFY2(directory.addCamera(camera), qPrintable(directory.lastError()));
        // The device refuses the login: the listener gives up (an Auth error is not retried) without ever
        // pulling, and nothing is raised.
        QTRY_VERIFY_WITH_TIMEOUT(
            alarms.events()->statusOf(QStringLiteral("onvif-gate")).startsWith(QLatin1String("Failed")),
            8000);
        QVERIFY(device.authFailures() >= 1);
        QCOMPARE(raised.count(), 0);
        QVERIFY(!device.operations().contains(QStringLiteral("PullMessages")));

        // Fix the user name in the file and reload it, as an edit of cameras.json would.
        QFile file(directory.configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray json = file.readAll();
        file.close();
        QVERIFY(json.contains("\"nobody\""));
        json.replace("\"nobody\"", "\"" + o.user.toUtf8() + "\"");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
        file.close();
        QVERIFY(directory.load());
        QCOMPARE(directory.camera(QStringLiteral("onvif-gate"))->user, o.user);

        QTRY_VERIFY_WITH_TIMEOUT(raised.count() >= 1, 8000);
        QCOMPARE(health.statusOf(QStringLiteral("onvif-gate")), alarms::CameraHealth::Alarm);
    }
    // While the keyring is still being read, a camera whose password is not known yet is not logged in to
    // (a login without the password would count as a failed attempt on the device); when the keyring
    // answers, the listener starts with the password it gave.
    void waitsForTheKeyring()
    {
        if (onvif::test::capturesDir().isEmpty())
            QSKIP("ONVIF captures not found: set VIGIL_SHARED_DIR to the folder holding onvif-captures/");
        QTemporaryDir config;
        QVERIFY(config.isValid());
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());

        const onvif::test::DeviceOptions o = eventDevice();
        onvif::test::LoopbackDevice device(o);
        QVERIFY(device.start());
        device.queuePullMessages(
            {QDir(onvif::test::capturesDir()).filePath(QStringLiteral("dvc/PullMessages.xml"))});

        const cameras::Camera camera = gateCamera(device.deviceUrl(), o.user);
        {
            // An earlier run saved the camera, its password in the keyring.
            cameras::CameraDirectory earlier(std::make_unique<cameras::MemoryCredentialStore>());
            QVERIFY2(earlier.putCamera(camera, o.password), qPrintable(earlier.lastError()));
        }

        cameras::CameraDirectory directory(std::make_unique<cameras::MemoryCredentialStore>());
        directory.beginCredentialsLoad();
        QVERIFY(directory.load());
        QVERIFY(directory.waitingForPassword(QStringLiteral("onvif-gate")));
        alarms::CameraHealth health(nullptr);
        alarms::CameraAlarms alarms(&directory, &health);
        QSignalSpy raised(&alarms, &alarms::CameraAlarms::alarmRaised);
        QCOMPARE(alarms.watchedCount(), 0);
        QVERIFY(device.operations().isEmpty());

        auto keyring = std::make_unique<cameras::MemoryCredentialStore>();
        QVERIFY(
            keyring->setPassword(directory.camera(QStringLiteral("onvif-gate"))->credentialRef, o.password));
        directory.finishCredentialsLoad(std::move(keyring));
        QCOMPARE(alarms.watchedCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(raised.count() >= 1, 8000);
        QCOMPARE(device.authFailures(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCameraAlarms)
#include "tst_camera_alarms.moc"
