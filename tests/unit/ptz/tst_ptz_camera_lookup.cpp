// PtzCameraLookup against a real CameraDirectory (memory credential store, config in a temporary folder): the
// device address, user, password and PTZ flag of a camera; nothing for an unknown camera or one without an
// ONVIF address; while the keyring has not given the camera's password, no login is handed out, and
// loginReady() comes once it has; a new lookup forgets the wait of the old one; the PTZ flag is saved.
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/ptz/camera_lookup.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>

using namespace vigil;
using ptz::PtzCameraLookup;

namespace {
cameras::Camera camera(const QString &id, const QString &deviceUrl, bool ptz)
{
    cameras::Camera c;
    c.id = id;
    c.name = id;
    c.user = QStringLiteral("admin");
    c.deviceUrl = QUrl(deviceUrl);
    c.ptz = ptz;
    c.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://10.0.0.9/main")), {}, 0, {}}};
    return c;
}
} // namespace

class TstPtzCameraLookup : public QObject
{
    Q_OBJECT
    QTemporaryDir m_config;

private slots:
    void init()
    {
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        QFile::remove(m_config.filePath(QStringLiteral("cameras.json")));
    }

    void findsTheDeviceLoginAndFlag()
    {
        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        QVERIFY(dir.putCamera(
            camera(QStringLiteral("dome"), QStringLiteral("http://10.0.0.5/onvif/device_service"), true),
            QStringLiteral("s3cret")));
        QVERIFY(dir.putCamera(camera(QStringLiteral("rtsp-only"), QString(), false), QString()));
        PtzCameraLookup lookup;
        lookup.lookUp(QStringLiteral("dome"), &dir);
        QVERIFY(lookup.ready());
        QCOMPARE(lookup.target().cameraId, QStringLiteral("dome"));
        QCOMPARE(lookup.target().deviceUrl, QUrl(QStringLiteral("http://10.0.0.5/onvif/device_service")));
        QCOMPARE(lookup.target().user, QStringLiteral("admin"));
        QCOMPARE(lookup.target().password, QStringLiteral("s3cret"));
        QVERIFY(lookup.target().ptz);
        QVERIFY(lookup.target().hasAddress());

        lookup.lookUp(QStringLiteral("rtsp-only"), &dir); // an RTSP camera: nothing to steer
        QVERIFY(lookup.ready());
        QVERIFY(!lookup.target().hasAddress());
        QVERIFY(!lookup.target().ptz);

        lookup.lookUp(QStringLiteral("nobody"), &dir);
        QVERIFY(lookup.ready());
        QVERIFY(!lookup.target().hasAddress());
        lookup.lookUp(QStringLiteral("dome"), nullptr);
        QVERIFY(!lookup.target().hasAddress());
        lookup.clear();
        QVERIFY(lookup.target().cameraId.isEmpty());
    }

    void waitsForThePasswordFromTheKeyring()
    {
        {
            // An earlier run saved the cameras, their passwords in the keyring.
            cameras::CameraDirectory earlier(std::make_unique<cameras::MemoryCredentialStore>());
            QVERIFY(earlier.putCamera(
                camera(QStringLiteral("dome"), QStringLiteral("http://10.0.0.5/onvif/device_service"), true),
                QStringLiteral("s3cret")));
            QVERIFY(earlier.putCamera(
                camera(QStringLiteral("open"), QStringLiteral("http://10.0.0.6/onvif/device_service"), true),
                QString())); // no password at all: nothing to wait for
        }
        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        dir.beginCredentialsLoad();
        QVERIFY(dir.load());

        PtzCameraLookup open;
        open.lookUp(QStringLiteral("open"), &dir);
        QVERIFY(open.ready());
        QVERIFY(open.target().hasAddress());

        PtzCameraLookup lookup;
        QSignalSpy ready(&lookup, &PtzCameraLookup::loginReady);
        lookup.lookUp(QStringLiteral("dome"), &dir);
        QVERIFY(lookup.waitingForPassword());
        QVERIFY(!lookup.ready());
        QVERIFY(lookup.target().password.isEmpty()); // no half login handed out
        QVERIFY(!lookup.target().hasAddress());

        auto keyring = std::make_unique<cameras::MemoryCredentialStore>();
        QVERIFY(keyring->setPassword(dir.camera(QStringLiteral("dome"))->credentialRef,
                                     QStringLiteral("s3cret")));
        dir.finishCredentialsLoad(std::move(keyring));
        QCOMPARE(ready.count(), 1);
        QVERIFY(lookup.ready());
        QCOMPARE(lookup.target().password, QStringLiteral("s3cret"));
        QVERIFY(lookup.target().ptz);
        QVERIFY(lookup.target().hasAddress());
        dir.beginCredentialsLoad(); // a later pending phase is not this lookup's business any more
        dir.finishCredentialsLoad(std::make_unique<cameras::MemoryCredentialStore>());
        QCOMPARE(ready.count(), 1);
    }

    void aNewLookupForgetsTheOldWait()
    {
        {
            cameras::CameraDirectory earlier(std::make_unique<cameras::MemoryCredentialStore>());
            QVERIFY(earlier.putCamera(
                camera(QStringLiteral("dome"), QStringLiteral("http://10.0.0.5/onvif/device_service"), true),
                QStringLiteral("s3cret")));
            QVERIFY(earlier.putCamera(camera(QStringLiteral("rtsp-only"), QString(), false), QString()));
        }
        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        dir.beginCredentialsLoad();
        QVERIFY(dir.load());
        PtzCameraLookup lookup;
        QSignalSpy ready(&lookup, &PtzCameraLookup::loginReady);
        lookup.lookUp(QStringLiteral("dome"), &dir);
        QVERIFY(lookup.waitingForPassword());
        lookup.lookUp(QStringLiteral("rtsp-only"), &dir); // the tile shows another camera meanwhile
        QVERIFY(lookup.ready());
        dir.finishCredentialsLoad(std::make_unique<cameras::MemoryCredentialStore>());
        QCOMPARE(ready.count(), 0);
        QCOMPARE(lookup.target().cameraId, QStringLiteral("rtsp-only"));
    }

    void recordsThePtzFlag()
    {
        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        QVERIFY(dir.putCamera(
            camera(QStringLiteral("old"), QStringLiteral("http://10.0.0.5/onvif/device_service"), false),
            QStringLiteral("s3cret")));
        PtzCameraLookup lookup;
        lookup.lookUp(QStringLiteral("old"), &dir);
        QVERIFY(!lookup.target().ptz);
        QVERIFY(lookup.recordPtz(true));
        QVERIFY(lookup.target().ptz);
        QVERIFY(dir.camera(QStringLiteral("old"))->ptz);
        cameras::CameraDirectory reloaded(std::make_unique<cameras::MemoryCredentialStore>());
        QVERIFY(reloaded.load());
        QVERIFY(reloaded.camera(QStringLiteral("old"))->ptz); // saved in cameras.json
        lookup.lookUp(QStringLiteral("gone"), &dir);
        QVERIFY(!lookup.recordPtz(true)); // an unknown camera: nothing saved
    }
};

QTEST_GUILESS_MAIN(TstPtzCameraLookup)
#include "tst_ptz_camera_lookup.moc"
