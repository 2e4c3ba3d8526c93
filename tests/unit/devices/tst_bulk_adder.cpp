// OnvifBulkAdder ("Add N selected"): several loopback devices added in turn with one credential; a wrong
// password, an unreachable device and a non-address are reported per device and never stop the others;
// cancel skips the rest. Real HTTP devices on 127.0.0.1, a real CameraDirectory in a temporary folder.
#include "loopback_device.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/core/worker_threads.h"
#include "vigil/devices/bulk_adder.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::onvif;
using namespace vigil::devices;
using St = OnvifBulkAdder::ItemState;

class TstBulkAdder : public QObject
{
    Q_OBJECT
    QTemporaryDir m_config;

    static QString addr(const test::LoopbackDevice &d)
    {
        return QStringLiteral("127.0.0.1:%1").arg(d.port());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
    }

    void addsGoodReportsBadInOrder()
    {
        test::DeviceOptions good;
        test::DeviceOptions secondDevice = good;
        secondDevice.serial = QStringLiteral("LOOP0002"); // another device (one serial = one camera)
        test::LoopbackDevice a(good), b(secondDevice);
        test::DeviceOptions other = good;
        other.password = QStringLiteral("different");
        test::LoopbackDevice wrongPassword(other);
        QVERIFY(a.start() && b.start() && wrongPassword.start());

        auto store = std::make_unique<cameras::MemoryCredentialStore>();
        cameras::MemoryCredentialStore *secrets = store.get();
        cameras::CameraDirectory dir(std::move(store));
        OnvifBulkAdder adder;
        adder.setDirectory(&dir);
        QSignalSpy finished(&adder, &OnvifBulkAdder::finished);
        QSignalSpy each(&adder, &OnvifBulkAdder::deviceFinished);

        // Port 9 on loopback is closed: refused at once.
        const QStringList addresses{addr(a), addr(wrongPassword), QStringLiteral("127.0.0.1:9"),
                                    QStringLiteral("not a host!"), addr(b)};
        QVERIFY(adder.start(addresses, {QStringLiteral("Gate"), {}, {}, {}, {}}, good.user, good.password,
                            QStringLiteral("Depot")));
        // Returns at once: the first probe runs on its worker while the GUI thread goes on.
        QVERIFY(adder.running());
        QCOMPARE(adder.total(), 5);
        QCOMPARE(adder.done(), 0);
        QCOMPARE(adder.current(), addr(a));
        QCOMPARE(adder.state(addr(a)), St::Probing);
        QCOMPARE(adder.state(addr(b)), St::Queued);
        QVERIFY(!adder.start({addr(b)}, {}, good.user, good.password, {})); // one run at a time

        QVERIFY(finished.wait(20000));
        QVERIFY(!adder.running());
        QCOMPARE(adder.done(), 5);
        QCOMPARE(adder.added(), 2);
        QCOMPARE(adder.failed(), 3);
        QVERIFY(adder.current().isEmpty());

        // In the order given, one result each.
        QCOMPARE(each.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(each.at(i).at(0).toString(), addresses.at(i));
        QCOMPARE(adder.state(addr(a)), St::Added);
        QCOMPARE(adder.state(addr(b)), St::Added);
        QCOMPARE(adder.state(addr(wrongPassword)), St::Failed);
        QCOMPARE(adder.state(QStringLiteral("127.0.0.1:9")), St::Failed);
        QCOMPARE(adder.state(QStringLiteral("not a host!")), St::Failed);
        const QVariantMap messages = adder.messages();
        QVERIFY2(messages.value(addr(wrongPassword)).toString().contains(QLatin1String("password")),
                 qPrintable(messages.value(addr(wrongPassword)).toString()));
        QVERIFY(!messages.value(QStringLiteral("127.0.0.1:9")).toString().isEmpty());
        QCOMPARE(messages.value(addr(a)).toString(), QStringLiteral("Gate"));
        QCOMPARE(adder.states().value(addr(b)).toInt(), int(St::Added));

        // Both cameras are in the directory with main and sub streams, the password in the store only.
        QCOMPARE(adder.addedIds().size(), 2);
        QCOMPARE(dir.count(), 2);
        const auto gate = dir.camera(adder.addedIds().at(0));
        const auto second = dir.camera(adder.addedIds().at(1));
        QVERIFY(gate && second);
        QCOMPARE(gate->name, QStringLiteral("Gate"));
        QCOMPARE(second->name, QStringLiteral("Loopback")); // no discovered name: the device's model
        for (const auto &cam : {*gate, *second}) {
            QCOMPARE(cam.group, QStringLiteral("Depot"));
            QVERIFY(cam.stream(u"main") && cam.stream(u"sub"));
            QCOMPARE(secrets->password(cam.credentialRef).value_or(QString()), good.password);
        }
        QVERIFY(gate->id != second->id);
        QVERIFY(a.problems().isEmpty() && b.problems().isEmpty());

        // A second run starts afresh; a device already in the list is updated, not added twice.
        QVERIFY(adder.start({addr(a)}, {}, good.user, good.password, {}));
        QCOMPARE(adder.total(), 1);
        QCOMPARE(adder.added(), 0);
        QVERIFY(finished.wait(10000));
        QCOMPARE(adder.added(), 1);
        QCOMPARE(dir.count(), 2);
        QCOMPARE(adder.addedIds(), QStringList{gate->id});
    }

    void cancelSkipsTheRest()
    {
        test::DeviceOptions slow;
        slow.misbehaviour = test::Misbehaviour::Slow;
        slow.slowMs = 300; // every answer but the clock's: the first device is still being probed at cancel()
        test::LoopbackDevice s(slow);
        test::DeviceOptions good;
        test::LoopbackDevice g(good);
        QVERIFY(s.start() && g.start());
        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        OnvifBulkAdder adder;
        adder.setDirectory(&dir);
        QSignalSpy finished(&adder, &OnvifBulkAdder::finished);
        QVERIFY(adder.start({addr(s), addr(g)}, {}, good.user, good.password, {}));
        QCOMPARE(adder.state(addr(s)), St::Probing);
        adder.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!adder.running());
        QCOMPARE(adder.state(addr(s)), St::Skipped);
        QCOMPARE(adder.state(addr(g)), St::Skipped);
        // The slow device's late answer is dropped: nothing is added afterwards. The probe's worker ends
        // once the slow device has answered, and its posted result is delivered (and dropped) here.
        QVERIFY(core::WorkerThreads::wait(15000, u"onvif-probe"));
        QVERIFY(s.operations().contains(QStringLiteral("GetSystemDateAndTime")));
        QVERIFY(g.operations().isEmpty()); // never reached
        QCoreApplication::sendPostedEvents();
        QCOMPARE(dir.count(), 0);
        QCOMPARE(adder.added(), 0);
        QCOMPARE(finished.size(), 1);
    }

    void nothingToDo()
    {
        OnvifBulkAdder adder;
        QVERIFY(!adder.start({}, {}, {}, {}, {}));
        QVERIFY(!adder.running());
        QCOMPARE(adder.state(QStringLiteral("x")), St::None);
    }
};

QTEST_GUILESS_MAIN(TstBulkAdder)
#include "tst_bulk_adder.moc"
