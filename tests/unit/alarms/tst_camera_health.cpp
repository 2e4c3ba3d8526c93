// CameraHealth: the per-camera status the map colours by. The rules (any feed playing = Live, only failing
// feeds = Offline, alarm overrides, withdrawn feeds = Unknown) on the board itself. A real CameraFeed
// reporting to it is tests/unit/app/tst_camera_feed.cpp.
#include "vigil/alarms/camera_health.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using vigil::alarms::CameraHealth;
using Feed = CameraHealth::FeedState;

class TestCameraHealth : public QObject
{
    Q_OBJECT

private slots:
    void rules()
    {
        CameraHealth board(nullptr);
        QSignalSpy spy(&board, &CameraHealth::statusChanged);
        int a = 0, b = 0; // two feeds (tiles)
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Unknown);

        board.report(&a, QStringLiteral("cam"), Feed::Pending);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Unknown);
        QCOMPARE(spy.count(), 0);

        board.report(&a, QStringLiteral("cam"), Feed::Failing);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Offline);
        QCOMPARE(spy.count(), 1);

        // Another tile plays the same camera (e.g. its other stream): the camera is live.
        board.report(&b, QStringLiteral("cam"), Feed::Playing);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Live);

        board.setAlarm(QStringLiteral("cam"), true);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Alarm);
        board.setAlarm(QStringLiteral("cam"), false);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Live);

        // Tile b moves to another camera: cam is back to its failing feed, "other" is connecting (unknown).
        board.report(&b, QStringLiteral("other"), Feed::Pending);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Offline);
        QCOMPARE(board.statusOf(QStringLiteral("other")), CameraHealth::Unknown);

        board.forget(&a);
        QCOMPARE(board.statusOf(QStringLiteral("cam")), CameraHealth::Unknown);
        QVERIFY(board.statuses().isEmpty());

        const auto last = spy.last();
        QCOMPARE(last.at(0).toString(), QStringLiteral("cam"));
        QCOMPARE(last.at(1).value<CameraHealth::Status>(), CameraHealth::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestCameraHealth)
#include "tst_camera_health.moc"
