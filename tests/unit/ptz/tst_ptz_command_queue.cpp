// PtzCommandQueue against the loopback ONVIF device: commands go out in order; a move pushed while another
// waits replaces it (only the latest velocity is sent, its `done` runs once), Stops and other commands never
// merge; `done` runs on the GUI thread with the presets read; a device given with its profile skips the
// profile lookup; a queue destroyed with commands waiting still sends them (waitForWorkers lets them out).
#include "loopback_device.h"
#include "vigil/ptz/command_queue.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QThread>
#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::onvif;
using ptz::PtzCommand;
using ptz::PtzCommandQueue;
using ptz::PtzResult;

namespace {
QStringList ptzOps(const test::LoopbackDevice &d)
{
    QStringList out;
    for (const auto &r : d.requests())
        if (r.ns == QLatin1String("http://www.onvif.org/ver20/ptz/wsdl"))
            out << r.operation;
    return out;
}
QStringList pans(const test::LoopbackDevice &d)
{
    static const QRegularExpression pan(QStringLiteral(R"re(PanTilt[^>]*x="([-0-9.]+)")re"));
    QStringList out;
    for (const auto &r : d.requests())
        if (r.operation == QLatin1String("ContinuousMove"))
            out << pan.match(QString::fromUtf8(r.body)).captured(1);
    return out;
}
} // namespace

class TstPtzCommandQueue : public QObject
{
    Q_OBJECT

private slots:
    void inOrderAndMovesCoalesce()
    {
        test::DeviceOptions o;
        o.misbehaviour = test::Misbehaviour::Slow; // keeps the worker busy while the test queues more
        o.misbehaveOn = QStringLiteral("GotoHomePosition");
        o.slowMs = 300;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        PtzCommandQueue q({d.deviceUrl(), o.user, o.password, {}});
        QStringList done;
        const auto note = [&done](const QString &what) {
            return [&done, what](const PtzResult &r) {
                QCOMPARE(QThread::currentThread(), qApp->thread());
                done << what + (r.error.isError() ? QStringLiteral(" failed") : QString());
            };
        };
        QVERIFY(q.push(PtzCommand::home(), note(QStringLiteral("home"))));
        QTRY_VERIFY_WITH_TIMEOUT(d.operations().contains(QStringLiteral("GotoHomePosition")), 5000);
        // The worker now waits for the slow answer: everything below queues behind it.
        QVERIFY(q.push(PtzCommand::move(0.1, 0, 0, 1000), note(QStringLiteral("move 0.1"))));
        QVERIFY(!q.push(PtzCommand::move(0.2, 0, 0, 1000), note(QStringLiteral("move 0.2")))); // replaces 0.1
        QVERIFY(q.push(PtzCommand::stop(), note(QStringLiteral("stop"))));                     // never merged
        QVERIFY(q.push(PtzCommand::move(0.3, 0, 0, 1000), note(QStringLiteral("move 0.3"))));
        QVERIFY(!q.push(PtzCommand::move(0.4, 0, 0, 1000), note(QStringLiteral("move 0.4"))));
        QVERIFY(q.push(PtzCommand::presets(), note(QStringLiteral("presets"))));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 5, 5000);
        QCOMPARE(done,
                 (QStringList{QStringLiteral("home"), QStringLiteral("move 0.2"), QStringLiteral("stop"),
                              QStringLiteral("move 0.4"), QStringLiteral("presets")}));
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("GotoHomePosition"), QStringLiteral("ContinuousMove"),
                                         QStringLiteral("Stop"), QStringLiteral("ContinuousMove"),
                                         QStringLiteral("GetPresets")}));
        QCOMPARE(pans(d), (QStringList{QStringLiteral("0.200"), QStringLiteral("0.400")}));
        QCOMPARE(d.operations().count(QStringLiteral("GetProfiles")), 1); // the profile is found once
        QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char('\n'))));
    }

    void presetsComeBackAndAGivenProfileIsUsed()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        PtzCommandQueue q({d.deviceUrl(), o.user, o.password, QStringLiteral("profile_1")});
        std::optional<PtzResult> result;
        q.push(PtzCommand::setPreset(QStringLiteral("Dock")), [&result](const PtzResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QVERIFY2(!result->error.isError(), qPrintable(result->error.message));
        QVERIFY(result->presets.has_value()); // SetPreset, then the list re-read
        QCOMPARE(result->presets->size(), 2);
        QCOMPARE(result->presets->at(0).name, QStringLiteral("Gate"));
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("SetPreset"), QStringLiteral("GetPresets")}));
        QVERIFY(!d.operations().contains(QStringLiteral("GetProfiles")));
        QVERIFY(
            d.requests().at(d.operations().indexOf(QStringLiteral("SetPreset"))).body.contains("profile_1"));
    }

    void errorsComeBack()
    {
        test::DeviceOptions o;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        PtzCommandQueue q({d.deviceUrl(), o.user, QStringLiteral("wrong"), QStringLiteral("profile_1")});
        std::optional<PtzResult> result;
        q.push(PtzCommand::home(), [&result](const PtzResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QVERIFY(result->error.code == ErrorCode::WrongCredentials);
        QVERIFY(!result->error.message.isEmpty());
    }

    void aDestroyedQueueStillSendsWhatWasQueued()
    {
        test::DeviceOptions o;
        o.misbehaviour = test::Misbehaviour::Slow;
        o.misbehaveOn = QStringLiteral("ContinuousMove");
        o.slowMs = 300;
        test::LoopbackDevice d(o);
        QVERIFY(d.start());
        bool called = false;
        {
            PtzCommandQueue q({d.deviceUrl(), o.user, o.password, QStringLiteral("profile_1")});
            q.push(PtzCommand::move(0, 1, 0, 1000));
            q.push(PtzCommand::stop(), [&called](const PtzResult &) { called = true; });
        } // the tile went away mid-move: never blocks
        QVERIFY(PtzCommandQueue::waitForWorkers(10000));
        QCOMPARE(ptzOps(d), (QStringList{QStringLiteral("ContinuousMove"), QStringLiteral("Stop")}));
        QTRY_VERIFY_WITH_TIMEOUT(called, 5000); // its `done` is the caller's to guard; it still runs
    }
};

QTEST_GUILESS_MAIN(TstPtzCommandQueue)
#include "tst_ptz_command_queue.moc"
