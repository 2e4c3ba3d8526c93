// OnvifPtzController: the tile's PTZ. Commands reach the loopback device in order, moves coalesce, a stop is
// never lost (not even when the controller is destroyed mid-move), presets refresh, and a camera found
// through the directory (deviceUrl + credential store) is steerable.
#include "loopback_device.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/onvif/camera_builder.h"
#include "vigil/onvif/client.h"
#include "vigil/onvif/ptz_controller.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::onvif;

namespace {
QStringList ptzOps(const test::LoopbackDevice &d)
{
    QStringList out;
    for (const auto &r : d.requests())
        if (r.ns == QLatin1String("http://www.onvif.org/ver20/ptz/wsdl"))
            out << r.operation;
    return out;
}

class MemoryStore : public cameras::CredentialStore
{
public:
    std::optional<QString> password(const QString &ref) const override
    {
        return m.contains(ref) ? std::optional<QString>(m.value(ref)) : std::nullopt;
    }
    bool setPassword(const QString &ref, const QString &password, QString * = nullptr) override
    {
        m.insert(ref, password);
        return true;
    }
    bool remove(const QString &ref, QString * = nullptr) override { return m.remove(ref) > 0; }
    QHash<QString, QString> m;
};
} // namespace

class TstPtzController : public QObject
{
    Q_OBJECT

private slots:
    void commandsInOrderAndPresets()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.setDevice(d.deviceUrl(), o.user, o.password);
        QVERIFY(p.available());
        p.move(0.5, 0, 0);
        p.move(0.6, 0, 0); // may coalesce with the first
        p.move(0.7, 0.1, 0);
        p.stop();
        p.gotoPreset(QStringLiteral("2"));
        p.home();
        p.refreshPresets();
        QTRY_VERIFY_WITH_TIMEOUT(!p.busy(), 5000);
        QVERIFY2(p.lastError().isEmpty(), qPrintable(p.lastError()));
        const QStringList ops = ptzOps(d);
        QVERIFY2(ops.mid(ops.size() - 4) ==
                     (QStringList{QStringLiteral("Stop"), QStringLiteral("GotoPreset"),
                                  QStringLiteral("GotoHomePosition"), QStringLiteral("GetPresets")}),
                 qPrintable(ops.join(QLatin1Char(','))));
        QVERIFY(ops.count(QStringLiteral("ContinuousMove")) >= 1);
        QVERIFY(ops.count(QStringLiteral("ContinuousMove")) <= 3);
        // The last move sent carries the latest velocity.
        QByteArray lastMove;
        for (const auto &r : d.requests())
            if (r.operation == QLatin1String("ContinuousMove"))
                lastMove = r.body;
        QVERIFY(lastMove.contains("x=\"0.700\" y=\"0.100\""));
        QCOMPARE(p.presetNames(), (QStringList{QStringLiteral("Gate"), QStringLiteral("Car park")}));
        QCOMPARE(p.presetTokens(), (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
        QVERIFY(
            std::all_of(done.begin(), done.end(), [](const QList<QVariant> &a) { return a.at(1).toBool(); }));
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
    }

    void stopReachesTheCameraWhenTheTileGoesAway()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        {
            OnvifPtzController p;
            p.setDevice(d.deviceUrl(), o.user, o.password);
            p.move(0, -1, 0);
        } // destroyed mid-move: never blocks, and still stops the camera
        QTRY_VERIFY_WITH_TIMEOUT(ptzOps(d).contains(QStringLiteral("Stop")), 5000);
        QCOMPARE(ptzOps(d).last(), QStringLiteral("Stop"));
    }

    void wrongPasswordAndNoAddress()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifPtzController p;
        p.setDevice(d.deviceUrl(), o.user, QStringLiteral("nope"));
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.home();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        QVERIFY(!done.first().at(1).toBool());
        QVERIFY(p.lastError().contains(QLatin1String("password")));
        OnvifPtzController none;
        QVERIFY(!none.available());
        none.stop();
        QVERIFY(!none.lastError().isEmpty());
    }

    void cameraFromTheDirectory()
    {
        QTemporaryDir config;
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        OnvifClient client(d.deviceUrl(), o.user, o.password);
        const auto described = client.describe();
        QVERIFY(described.ok());
        auto store = std::make_unique<MemoryStore>();
        store->setPassword(QStringLiteral("ref-1"), o.password);
        cameras::CameraDirectory dir(std::move(store));
        QVERIFY(dir.addCamera(toCamera(described.value, o.user, QStringLiteral("ref-1"))));
        // deviceUrl survives a save and reload (cameras.json), without credentials.
        cameras::CameraDirectory reloaded(std::make_unique<MemoryStore>());
        QVERIFY(reloaded.load());
        QCOMPARE(reloaded.camera(QStringLiteral("onvif-LOOP0001"))->deviceUrl, d.deviceUrl());

        OnvifPtzController p;
        p.setCameraId(QStringLiteral("onvif-LOOP0001"), &dir);
        QVERIFY(p.available());
        QSignalSpy done(&p, &OnvifPtzController::commandFinished);
        p.home();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        QVERIFY2(done.first().at(1).toBool(), qPrintable(p.lastError()));
    }
};

QTEST_GUILESS_MAIN(TstPtzController)
#include "tst_ptz_controller.moc"
