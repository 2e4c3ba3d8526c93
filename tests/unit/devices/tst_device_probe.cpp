// OnvifDeviceProbe (the Add-devices "test" button): result as properties, errors as sentences, and a tested
// device added to a real CameraDirectory with main/sub streams and the password in the credential store only.
#include "loopback_device.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/core/worker_threads.h"
#include "vigil/devices/device_probe.h"
#include "vigil/devices/error_advice.h"

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::onvif;
using namespace vigil::devices;
using S = OnvifDeviceProbe::Status;

namespace {
// A keyring that refuses every write (locked, or full): the directory cannot store the camera.
class RefusingStore final : public cameras::CredentialStore
{
public:
    std::optional<QString> password(const QString &) const override { return std::nullopt; }
    bool setPassword(const QString &, const QString &, QString *error) override
    {
        if (error)
            *error = QStringLiteral("the keyring is locked");
        return false;
    }
    bool remove(const QString &, QString *) override { return true; }
};
} // namespace

class TstDeviceProbe : public QObject
{
    Q_OBJECT

private slots:
    void addressForms_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url");
        QTest::newRow("ip") << "192.168.1.64"
                            << "http://192.168.1.64/onvif/device_service";
        QTest::newRow("port") << "192.168.1.64:8080"
                              << "http://192.168.1.64:8080/onvif/device_service";
        QTest::newRow("url") << "http://cam/onvif/services"
                             << "http://cam/onvif/services";
        QTest::newRow("empty") << ""
                               << "";
    }
    void addressForms()
    {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        QCOMPARE(onvif::deviceUrlFromAddress(typed).toString(), url);
    }

    void testThenAdd()
    {
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifDeviceProbe p;
        QSignalSpy status(&p, &OnvifDeviceProbe::statusChanged);
        p.test(QStringLiteral("127.0.0.1:%1").arg(d.port()), o.user, o.password);
        QCOMPARE(p.status(), S::Probing); // returns at once: the GUI thread never waits
        QTRY_COMPARE_WITH_TIMEOUT(p.status(), S::Ready, 5000);
        QVERIFY(p.advice().isEmpty());
        QCOMPARE(p.manufacturer(), QStringLiteral("Vigil"));
        QCOMPARE(p.streams().size(), 2);
        QVERIFY2(p.streams().first().startsWith(QStringLiteral("main: 1280×720 H264")),
                 qPrintable(p.streams().first()));
        QVERIFY(p.previewUrl().toString().endsWith(QLatin1String("/sub")));
        QVERIFY(p.hasPtz());
        QCOMPARE(p.presets(), (QStringList{QStringLiteral("Gate"), QStringLiteral("Car park")}));

        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        cameras::MemoryCredentialStore *secrets = store.get();
        cameras::CameraDirectory dir(std::move(store));
        const QString id = p.addToDirectory(&dir, QStringLiteral("Gate"), QStringLiteral("North"));
        QVERIFY2(!id.isEmpty(), qPrintable(p.lastError()));
        const auto cam = dir.camera(id);
        QVERIFY(cam);
        QCOMPARE(cam->name, QStringLiteral("Gate"));
        QVERIFY(cam->stream(u"main") && cam->stream(u"sub"));
        QCOMPARE(secrets->password(cam->credentialRef).value_or(QString()), o.password);
        const auto resolved = dir.resolve(id, QStringLiteral("sub"));
        QVERIFY(resolved);
        QFile json(dir.configPath());
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(!json.readAll().contains(o.password.toUtf8()));
        json.close();

        // The same device added again (no name typed this time): the camera is updated, not doubled; the
        // operator's name and group stay, and it keeps its id (the wall keeps showing it).
        QSignalSpy inserted(&dir, &QAbstractItemModel::rowsInserted);
        const QString again = p.addToDirectory(&dir, {}, {});
        QCOMPARE(again, id);
        QCOMPARE(dir.count(), 1);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(dir.camera(id)->name, QStringLiteral("Gate"));
        QCOMPARE(dir.camera(id)->group, QStringLiteral("North"));
        QCOMPARE(dir.deviceLogin(id)->password, o.password);
    }

    // The camera's PTZ flag comes from what the device describes: a PTZ service AND a media profile with a
    // PTZ configuration. Real captures: PTZ domes (Pelco, Hikvision DS-2DF7276-AEL, Axis Q6045-E) against
    // fixed cameras that still list the PTZ service (Axis, Dahua IPC: Media1; Hikvision: Media2 profiles).
    // The flag is saved in cameras.json and read back.
    void ptzFlagFromTheDevice_data()
    {
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<bool>("media1"); // Media2 GetProfiles refused, so the Media1 capture is used
        QTest::addColumn<bool>("ptz");
        QTest::newRow("loopback") << QString() << QString() << false << true;
        QTest::newRow("pelco") << QStringLiteral("pelco") << QString() << true << true;
        QTest::newRow("hikvision PTZ dome")
            << QStringLiteral("hikvision") << QStringLiteral("DS-2DF7276-AEL") << true << true;
        QTest::newRow("axis PTZ dome") << QStringLiteral("axis") << QStringLiteral("Q6045-E") << true << true;
        QTest::newRow("axis fixed") << QStringLiteral("axis") << QString() << true << false;
        QTest::newRow("dahua fixed") << QStringLiteral("dahua") << QStringLiteral("5MP-IPC") << true << false;
        QTest::newRow("hikvision media2 fixed") << QStringLiteral("hikvision") << QString() << false << false;
    }
    void ptzFlagFromTheDevice()
    {
        QFETCH(QString, vendor);
        QFETCH(QString, variant);
        QFETCH(bool, media1);
        QFETCH(bool, ptz);
        if (!vendor.isEmpty() && test::capturesDir().isEmpty())
            QSKIP("ONVIF captures not found: set VIGIL_SHARED_DIR to the folder holding onvif-captures/");
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        o.vendor = vendor;
        o.variant = variant;
        o.generatedServices = true; // every service (PTZ included) at this server
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        if (media1)
            d.serveFile(
                QStringLiteral("Media2-GetProfiles"),
                QDir(test::capturesDir()).filePath(QStringLiteral("hikvision/Fault-ActionNotSupported.xml")),
                500);
        OnvifDeviceProbe p;
        p.test(d.deviceUrl().toString(), o.user, o.password);
        QTRY_COMPARE_WITH_TIMEOUT(p.status(), S::Ready, 5000);
        QVERIFY(
            !p.description().services.ptz.isEmpty()); // the service is there in every row: profiles decide
        QCOMPARE(p.hasPtz(), ptz);                    // what the dialog says matches the saved flag
        // The profiles came from the capture the row names (Media1 or Media2).
        bool askedMedia1 = false;
        for (const auto &r : d.requests())
            askedMedia1 |= r.operation == QLatin1String("GetProfiles") &&
                           r.ns == QLatin1String("http://www.onvif.org/ver10/media/wsdl");
        QCOMPARE(askedMedia1, media1);

        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        const QString id = p.addToDirectory(&dir, QStringLiteral("Cam"), {});
        QVERIFY2(!id.isEmpty(), qPrintable(p.lastError()));
        QCOMPARE(dir.camera(id)->ptz, ptz);
        cameras::CameraDirectory reloaded(std::make_unique<cameras::MemoryCredentialStore>());
        QVERIFY(reloaded.load());
        QVERIFY(reloaded.camera(id));
        QCOMPARE(reloaded.camera(id)->ptz, ptz);
    }

    void failuresAreSentences()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifDeviceProbe p;
        p.test(QStringLiteral("127.0.0.1:%1").arg(d.port()), o.user, QStringLiteral("bad"));
        QTRY_COMPARE_WITH_TIMEOUT(p.status(), S::Failed, 5000);
        QCOMPARE(p.errorCategory(), OnvifDeviceProbe::Category::Auth);
        QVERIFY(p.lastError().contains(QLatin1String("password")));
        // What failed, and what to do about it (adviceForError() by the error's kind).
        QCOMPARE(p.errorCode(), QStringLiteral("wrong-credentials"));
        QCOMPARE(p.advice(), adviceForError(ErrorCode::WrongCredentials));
        p.test(QStringLiteral("not a host!"), o.user, o.password);
        QCOMPARE(p.status(), S::Failed);
        QVERIFY(!p.lastError().isEmpty());
        QCOMPARE(p.advice(), adviceForError(ErrorCode::Unreachable));
    }

    // A device that tested fine but could not be stored: the camera list's sentence says what to do, and no
    // advice about the device (its firmware is not the problem).
    void directoryFailureHasNoDeviceAdvice()
    {
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifDeviceProbe p;
        p.test(d.deviceUrl().toString(), o.user, o.password);
        QTRY_COMPARE_WITH_TIMEOUT(p.status(), S::Ready, 5000);
        cameras::CameraDirectory dir(std::make_unique<RefusingStore>());
        QSignalSpy status(&p, &OnvifDeviceProbe::statusChanged);
        QVERIFY(p.addToDirectory(&dir, QStringLiteral("Gate"), {}).isEmpty());
        QCOMPARE(status.count(), 1);
        QCOMPARE(p.status(), S::Ready); // still tested: fix the keyring and press Add again
        QVERIFY2(p.lastError().contains(QLatin1String("the keyring is locked")), qPrintable(p.lastError()));
        QVERIFY2(p.advice().isEmpty(), qPrintable(p.advice()));
        QCOMPARE(dir.count(), 0);
    }

    // The probe's worker outlives a probe that is destroyed or cancelled mid-conversation: it finishes
    // talking to the device and its result is dropped (no crash, no late Ready).
    void destroyedOrCancelledWhileProbing()
    {
        test::DeviceOptions o;
        o.misbehaviour = test::Misbehaviour::Slow;
        o.slowMs = 300;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        {
            OnvifDeviceProbe p;
            p.test(d.deviceUrl().toString(), o.user, o.password);
        }
        OnvifDeviceProbe cancelled;
        QSignalSpy status(&cancelled, &OnvifDeviceProbe::statusChanged);
        cancelled.test(d.deviceUrl().toString(), o.user, o.password);
        cancelled.cancel();
        QCOMPARE(cancelled.status(), S::Idle);
        // Both workers went through the whole conversation (the device saw both describe() runs end) ...
        QVERIFY(core::WorkerThreads::wait(15000, u"onvif-probe"));
        QCOMPARE(d.operations().count(QStringLiteral("GetDeviceInformation")), 2);
        // ... and their posted results are delivered now: the destroyed probe's is dropped, the cancelled
        // one stays Idle and empty.
        QCoreApplication::sendPostedEvents();
        QCOMPARE(cancelled.status(), S::Idle);
        QVERIFY(cancelled.manufacturer().isEmpty());
        QCOMPARE(status.count(), 2); // Probing, then Idle on cancel(); nothing after
    }
};

QTEST_GUILESS_MAIN(TstDeviceProbe)
#include "tst_device_probe.moc"
