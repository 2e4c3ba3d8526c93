// OnvifAlarmModel: two loopback cameras watched, their motion/tamper events become rows (newest first) and
// alarm() signals; initial "all quiet" dumps and non-alarm topics are skipped; the model passes the tester.
#include "loopback_device.h"
#include "vigil/alarms/alarm_model.h"

#include <QtCore/QDir>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace vigil::onvif;
using namespace vigil::alarms;

class TstAlarmModel : public QObject
{
    Q_OBJECT

private slots:
    void eventsFromTwoCameras()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        test::DeviceOptions o;
        o.vendor = QStringLiteral("hikvision");
        o.generatedServices = true;
        o.pullDelayMs = 100;
        test::LoopbackDevice hik(o);
        QVERIFY(hik.start());
        // Initial burst (all inactive: skipped), then a real motion start from the DVC capture.
        hik.queuePullMessages({QStringLiteral("PullMessages.xml"),
                               QDir(test::capturesDir()).filePath(QStringLiteral("dvc/PullMessages.xml"))});
        o.vendor = QStringLiteral("trendnet"); // one Monitoring/ProcessorUsage message: not an alarm
        test::LoopbackDevice trendnet(o);
        QVERIFY(trendnet.start());
        trendnet.queuePullMessages({QStringLiteral("PullMessages.xml")});

        OnvifAlarmModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy alarms(&m, &OnvifAlarmModel::alarm);
        m.watch(QStringLiteral("cam-hik"), hik.deviceUrl(), o.user, o.password);
        m.watch(QStringLiteral("cam-tn"), trendnet.deviceUrl(), o.user, o.password);
        QCOMPARE(m.watchedCameras().size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(alarms.count(), 2, 5000);
        QCOMPARE(m.count(), 2);
        QCOMPARE(m.data(m.index(0), OnvifAlarmModel::CameraIdRole).toString(), QStringLiteral("cam-hik"));
        QCOMPARE(m.data(m.index(0), OnvifAlarmModel::KindRole).toString(), QStringLiteral("motion"));
        QVERIFY(m.data(m.index(0), OnvifAlarmModel::ActiveRole).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(trendnet.operations().count(QStringLiteral("PullMessages")) >= 2, 3000);
        QCOMPARE(m.count(), 2); // still: ProcessorUsage is not an alarm
        QCOMPARE(m.statusOf(QStringLiteral("cam-tn")), QStringLiteral("Listening"));

        m.setMaxEvents(1);
        QCOMPARE(m.count(), 1);
        m.unwatch(QStringLiteral("cam-hik"));
        QCOMPARE(m.watchedCameras(), QStringList{QStringLiteral("cam-tn")});
        QTRY_VERIFY_WITH_TIMEOUT(hik.operations().contains(QStringLiteral("Unsubscribe")), 3000);
        m.clear();
        QCOMPARE(m.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TstAlarmModel)
#include "tst_alarm_model.moc"
