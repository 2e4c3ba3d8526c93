// TourRunner: a tour in one tile, timed by a manual clock, with the real WallStore, CameraFeed, VideoPlayer,
// frame slots and pacer, and the fake engine (tests/support/video) standing in for the cameras: the next
// camera is pre-connected before the dwell ends, the tile switches only once that camera's first frame has
// arrived (and never shows black on the way), a camera that cannot be connected is skipped and marked, a
// current camera that never shows a picture is left at once, and a paused tour does not advance.
#include "fake_frame_source.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/tour_runner.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

extern "C" {
#include <libavutil/error.h>
}

#include <cerrno>
#include <memory>

using namespace vigil;
using video::test::FakeEngine;
using video::test::FakeFrameSource;

namespace {
cameras::Camera camera(const QString &id, const QString &name)
{
    cameras::Camera c;
    c.id = id;
    c.name = name;
    c.streams = {{QStringLiteral("sub"), QUrl(QStringLiteral("rtsp://10.1.2.3/") + id), {}, 0, {}}};
    return c;
}
QString pathOf(const FakeFrameSource *s)
{
    return s ? s->options().source.url.path().mid(1) : QString();
}
// The centre pixel of the frame on the tile (the fake engine's frames are RGBA).
QColor centre(const video::VideoPlayer &p)
{
    QVideoFrame f = p.currentFrame();
    if (!f.isValid() || !f.map(QVideoFrame::ReadOnly))
        return {};
    const uchar *px = f.bits(0) + (f.height() / 2) * f.bytesPerLine(0) + (f.width() / 2) * 4;
    const QColor c(px[0], px[1], px[2]);
    f.unmap();
    return c;
}
} // namespace

class TestTourRunner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<cameras::CameraDirectory> m_directory;
    std::unique_ptr<wall::WallStore> m_wall;
    std::unique_ptr<app::CameraFeed> m_feed;
    std::unique_ptr<app::TourRunner> m_runner;
    FakeEngine m_engine;
    qint64 m_now = 0;
    QList<QColor> m_shown; // every frame handed to the tile's sink, in order

    // The fake source the player opened for `id` most recently.
    FakeFrameSource *sourceFor(const QString &id) const
    {
        for (int i = m_engine.openCount() - 1; i >= 0; --i) {
            if (pathOf(m_engine.at(i)) == id)
                return m_engine.at(i);
        }
        return nullptr;
    }
    void setNow(qint64 ms)
    {
        m_now = ms;
        m_runner->tick();
    }
    // Starts a tour of `ids` in tile 0 at time 0 with the first camera playing red.
    void startTour(const QStringList &ids, int dwellSeconds = 10)
    {
        QVERIFY(m_wall->startTour(0, ids, dwellSeconds));
        QCOMPARE(m_feed->cameraId(), ids.first());
        FakeFrameSource *first = sourceFor(ids.first());
        QVERIFY(first);
        first->open();
        first->frame(Qt::red);
        QTRY_COMPARE(m_feed->player()->status(), video::VideoPlayer::Status::Playing);
        QTRY_COMPARE(centre(*m_feed->player()), QColor(Qt::red));
    }

private slots:
    void init()
    {
        m_config = std::make_unique<QTemporaryDir>();
        qputenv("VIGIL_CONFIG_DIR", m_config->path().toUtf8());
        m_directory =
            std::make_unique<cameras::CameraDirectory>(std::make_unique<cameras::MemoryCredentialStore>());
        m_directory->setDemoCameras({camera("a", "Gate A"), camera("b", "Gate B"), camera("c", "Gate C")});
        cameras::CameraDirectory::setInstance(m_directory.get());
        m_wall = std::make_unique<wall::WallStore>(m_directory.get());
        m_engine = FakeEngine();
        m_feed = std::make_unique<app::CameraFeed>();
        m_feed->player()->setFrameSourceFactory(m_engine.factory());
        m_shown.clear();
        connect(m_feed->player(), &video::VideoPlayer::frameShown, this,
                [this] { m_shown.append(centre(*m_feed->player())); });
        m_now = 0;
        m_runner = std::make_unique<app::TourRunner>();
        m_runner->setClock([this] { return m_now; });
        m_runner->setStore(m_wall.get());
        m_runner->setFeed(m_feed.get());
        m_runner->setTileIndex(0);
    }
    void cleanup()
    {
        m_runner.reset();
        m_feed.reset();
        m_wall.reset();
        cameras::CameraDirectory::setInstance(nullptr);
        m_directory.reset();
    }

    void preconnectsBeforeDwellEndAndSwitchesAfterFirstFrame()
    {
        startTour({"a", "b", "c"});
        QVERIFY(m_runner->active());
        QCOMPARE(m_runner->position(), 1);
        QCOMPARE(m_runner->count(), 3);
        QSignalSpy advanced(m_runner.get(), &app::TourRunner::advanced);

        // Not yet: more than 2 s of the dwell left.
        setNow(7999);
        QCOMPARE(m_engine.openCount(), 1);
        QVERIFY(m_runner->preconnectingCamera().isEmpty());
        // 2 s before the dwell ends, the next camera is opened in the background; the tile still shows a.
        setNow(8000);
        QCOMPARE(m_engine.openCount(), 2);
        QCOMPARE(pathOf(m_engine.last()), QStringLiteral("b"));
        QCOMPARE(m_runner->preconnectingCamera(), QStringLiteral("b"));
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));

        // Dwell over, but b has no picture yet: a stays on (decided synchronously by tick()).
        setNow(10000);
        QCOMPARE(advanced.count(), 0);
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));
        QCOMPARE(m_feed->player()->status(), video::VideoPlayer::Status::Playing);
        QVERIFY(!sourceFor("a")->stopped());

        // b's first frame arrives: the tile switches to it at once, from red straight to green.
        FakeFrameSource *b = sourceFor("b");
        b->open();
        b->frame(Qt::green);
        QVERIFY(advanced.wait(2000));
        QCOMPARE(advanced.at(0).at(0).toInt(), 1);
        QCOMPARE(advanced.at(0).at(1).toBool(), true);
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("b"));
        QCOMPARE(m_feed->cameraId(), QStringLiteral("b"));
        QCOMPARE(m_runner->position(), 2);
        QTRY_COMPARE(centre(*m_feed->player()), QColor(Qt::green));
        QVERIFY(sourceFor("a")->stopped());
        QCOMPARE(m_engine.openCount(), 2); // b was not opened a second time
        QCOMPARE(m_feed->player()->status(), video::VideoPlayer::Status::Playing);
        QVERIFY(m_feed->player()->hasFrame());
        // Every frame the tile was handed was a camera's picture: no black, no empty frame between.
        QVERIFY(!m_shown.isEmpty());
        for (const QColor &c : std::as_const(m_shown))
            QVERIFY2(c == QColor(Qt::red) || c == QColor(Qt::green), qPrintable(c.name()));

        // The next turn starts from the switch: c is pre-connected 8 s after it.
        setNow(10000 + 7999);
        QCOMPARE(m_engine.openCount(), 2);
        setNow(10000 + 8000);
        QCOMPARE(pathOf(m_engine.last()), QStringLiteral("c"));
    }

    void preconnectedCameraReadyEarlySwitchesAtDwellEnd()
    {
        startTour({"a", "b"});
        QSignalSpy advanced(m_runner.get(), &app::TourRunner::advanced);
        setNow(8000);
        FakeFrameSource *b = sourceFor("b");
        QVERIFY(b);
        b->open();
        b->frame(Qt::blue);
        QTRY_VERIFY(m_feed->isPreloadReady());
        // Ready, but the dwell is not over: still a, and b's frames are not shown.
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));
        QCOMPARE(centre(*m_feed->player()), QColor(Qt::red));
        setNow(9999);
        QCOMPARE(advanced.count(), 0);
        setNow(10000);
        QCOMPARE(advanced.count(), 1); // synchronous: the frame was already there
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("b"));
        QTRY_COMPARE(centre(*m_feed->player()), QColor(Qt::blue));
        // Wraps around: a again 8 s later.
        setNow(18000);
        QCOMPARE(pathOf(m_engine.last()), QStringLiteral("a"));
    }

    void deadCameraIsSkippedAndMarked()
    {
        startTour({"a", "b", "c"});
        QSignalSpy advanced(m_runner.get(), &app::TourRunner::advanced);
        setNow(8000);
        FakeFrameSource *b = sourceFor("b");
        QVERIFY(b);
        b->fail(AVERROR(ECONNREFUSED), QStringLiteral("Connection refused"));
        // The positive marker: c is being pre-connected instead.
        QTRY_COMPARE(m_runner->preconnectingCamera(), QStringLiteral("c"));
        QCOMPARE(m_wall->state().tourAt(0)->skipped, QStringList{"b"});
        QCOMPARE(m_runner->skippedNames(), QStringList{"Gate B"});
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a")); // the tile never left a
        FakeFrameSource *c = sourceFor("c");
        c->open();
        c->frame(Qt::blue);
        QTRY_VERIFY(m_feed->isPreloadReady());
        setNow(10000);
        QCOMPARE(advanced.count(), 1);
        QCOMPARE(advanced.at(0).at(0).toInt(), 2);
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("c"));
        QTRY_COMPARE(centre(*m_feed->player()), QColor(Qt::blue));
        // b keeps its mark until it is shown again.
        QCOMPARE(m_runner->skippedNames(), QStringList{"Gate B"});
        for (const QColor &c2 : std::as_const(m_shown))
            QVERIFY2(c2 == QColor(Qt::red) || c2 == QColor(Qt::blue), qPrintable(c2.name()));

        // Next round: b is tried again (a camera may come back), and shown when it does.
        setNow(18000);
        QCOMPARE(pathOf(m_engine.last()), QStringLiteral("a"));
        FakeFrameSource *a = m_engine.last();
        a->open();
        a->frame(Qt::yellow);
        QTRY_VERIFY(m_feed->isPreloadReady());
        setNow(20000);
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));
        setNow(28000);
        QCOMPARE(pathOf(m_engine.last()), QStringLiteral("b"));
        m_engine.last()->open();
        m_engine.last()->frame(Qt::green);
        QTRY_VERIFY(m_feed->isPreloadReady());
        setNow(30000);
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("b"));
        QVERIFY(m_runner->skippedNames().isEmpty());
    }

    void camerasThatStayDarkAreSkippedAfterTheTimeout()
    {
        startTour({"a", "b", "c"});
        setNow(8000);
        QCOMPARE(m_runner->preconnectingCamera(), QStringLiteral("b"));
        sourceFor("b")->open(); // answers, but never sends a picture
        setNow(8000 + app::TourRunner::kPreconnectTimeoutMs - 1);
        QCOMPARE(m_runner->preconnectingCamera(), QStringLiteral("b"));
        setNow(8000 + app::TourRunner::kPreconnectTimeoutMs);
        QCOMPARE(m_runner->preconnectingCamera(), QStringLiteral("c"));
        QVERIFY(sourceFor("b")->stopped());
        QCOMPARE(m_runner->skippedNames(), QStringList{"Gate B"});
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));
    }

    void currentCameraWithoutPictureIsLeftAtOnce()
    {
        QVERIFY(m_wall->startTour(0, {"a", "b"}, 60));
        FakeFrameSource *a = sourceFor("a");
        QVERIFY(a);
        // a is dead: the next camera is pre-connected at once, not 58 s later.
        a->fail(AVERROR(ECONNREFUSED), QStringLiteral("Connection refused"));
        QTRY_COMPARE(m_runner->preconnectingCamera(), QStringLiteral("b"));
        QCOMPARE(m_runner->skippedNames(), QStringList{"Gate A"});
        QSignalSpy advanced(m_runner.get(), &app::TourRunner::advanced);
        sourceFor("b")->open();
        sourceFor("b")->frame(Qt::green);
        QVERIFY(advanced.wait(2000));
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("b"));
        QTRY_COMPARE(centre(*m_feed->player()), QColor(Qt::green));
    }

    void pauseStopsAdvancingAndResumeContinuesTheDwell()
    {
        startTour({"a", "b"});
        setNow(5000);
        m_runner->togglePause();
        QVERIFY(m_runner->paused());
        QVERIFY(m_wall->state().tourAt(0)->paused);
        // Paused for a long time: nothing is opened, nothing advances.
        setNow(60000);
        QCOMPARE(m_engine.openCount(), 1);
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));
        // Resumed at 60 s with 5 s of dwell left: pre-connect at 63 s, not before.
        m_runner->togglePause();
        QVERIFY(!m_runner->paused());
        setNow(62999);
        QCOMPARE(m_engine.openCount(), 1);
        setNow(63000);
        QCOMPARE(m_engine.openCount(), 2);
        // Pausing while pre-connecting drops the second connection.
        m_runner->togglePause();
        QVERIFY(m_engine.last()->stopped());
        QVERIFY(m_runner->preconnectingCamera().isEmpty());
    }

    // The pointer on the tile holds the dwell clock; nothing is saved, and the dwell goes on where it
    // stopped.
    void pointerOnTheTileHoldsTheDwell()
    {
        startTour({"a", "b"});
        QSignalSpy held(m_runner.get(), &app::TourRunner::heldChanged);
        setNow(4000);
        m_runner->setHeld(true);
        QVERIFY(m_runner->held());
        QCOMPARE(held.count(), 1);
        QVERIFY(!m_wall->state().tourAt(0)->paused); // a view state, not the tour's
        setNow(60000);                               // held a long time: nothing opens, nothing advances
        QCOMPARE(m_engine.openCount(), 1);
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));
        // Released at 60 s with 6 s of dwell left: pre-connect at 64 s (dwell end 66 s - 2 s lead), not
        // before.
        m_runner->setHeld(false);
        setNow(63999);
        QCOMPARE(m_engine.openCount(), 1);
        setNow(64000);
        QCOMPARE(m_engine.openCount(), 2);
    }

    void stoppingTheTourDropsThePreconnection()
    {
        startTour({"a", "b"});
        setNow(8000);
        QVERIFY(sourceFor("b"));
        m_runner->stop();
        QVERIFY(!m_runner->active());
        QVERIFY(sourceFor("b")->stopped());
        QVERIFY(!sourceFor("a")->stopped());
        QCOMPARE(m_wall->state().cameraAt(0), QStringLiteral("a"));
        setNow(20000);
        QCOMPARE(m_engine.openCount(), 2);
    }
};

QTEST_MAIN(TestTourRunner)
#include "tst_tour_runner.moc"
