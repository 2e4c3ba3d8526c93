// Issue 11: recordings over RTSP through the FFmpeg replay engine, against a real RTSP server of our own
// (GStreamer's ONVIF RTSP server on 127.0.0.1 playing an H.264 MP4 made at test time with the frame number
// burned into every picture): a platform-style playback URL (Range: npt= seeks, PAUSE / PLAY), and ONVIF
// Profile G end to end (FindRecordings + GetRecordingSearchResults + GetReplayUri on the loopback ONVIF
// device, then replay with Require: onvif-replay, Rate-Control: no and Range: clock=). Where a seek lands
// is read back from the picture, not from the engine's own position.
#include "loopback_device.h"
#include "marked_recording.h"
#include "rtsp_replay_server.h"
#include "vigil/onvif/client.h"
#include "vigil/video/frame_source.h"
#include "vigil/video/video_player.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <condition_variable>
#include <mutex>

using namespace vigil;

namespace {

const QDateTime kRecordingStart(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
constexpr int kSeconds = 30;

struct Events
{
    std::mutex m;
    std::condition_variable cv;
    int first = 0;
    int seekDone = 0;
    int errors = 0;
    QString detail;
};

class Replay
{
public:
    Replay(const QUrl &url, std::int64_t clockStartMs = -1)
    {
        video::FrameSource::Options o;
        o.source.url = url;
        o.replayClockStartMs = clockStartMs;
        source = video::replayFrameSourceFactory()(
            o, [ev = events](video::FrameSource *, const video::SourceEvent &e) {
                std::lock_guard lock(ev->m);
                if (e.kind == video::SourceEvent::FirstFrame)
                    ++ev->first;
                else if (e.kind == video::SourceEvent::SeekDone)
                    ++ev->seekDone;
                else if (e.kind == video::SourceEvent::Error) {
                    ++ev->errors;
                    ev->detail = e.detail;
                }
                ev->cv.notify_all();
            });
    }
    ~Replay() { source->requestStop(); }

    template<class Pred> bool waitFor(Pred pred, int ms = 15000)
    {
        std::unique_lock lock(events->m);
        return events->cv.wait_for(lock, std::chrono::milliseconds(ms), [&] {
            return pred(*events) || events->errors > 0;
        }) && events->errors == 0;
    }
    bool waitFirst()
    {
        return waitFor([](const Events &e) { return e.first > 0; });
    }
    // Seeks and waits for the landing; returns the frame number burned into the frame it landed on.
    int seekAndRead(std::int64_t ms)
    {
        int done = 0;
        {
            std::lock_guard lock(events->m);
            done = events->seekDone;
        }
        source->seek(ms);
        if (!waitFor([done](const Events &e) { return e.seekDone > done; }))
            return -2;
        auto entry = source->slot().take();
        return entry ? test::frameIndexOf(entry->frame) : -1;
    }
    QString error() const { return events->detail; }

    std::shared_ptr<Events> events = std::make_shared<Events>();
    std::shared_ptr<video::FrameSource> source;
};

QStringList describe(const QList<test::ReplayRequest> &requests)
{
    QStringList out;
    for (const auto &r : requests)
        out << QStringLiteral("%1 [Range: %2] [Require: %3] [Rate-Control: %4]")
                   .arg(r.method, r.range, r.require, r.rateControl);
    return out;
}

// What a player that is not playing yet has to say for itself: its status, its error and what the server
// was asked (a failure on a loaded machine must be readable from the log alone).
QString playerState(const video::VideoPlayer &player, const QList<test::ReplayRequest> &requests)
{
    return QStringLiteral("status %1, error \"%2\", requests:\n%3")
        .arg(QMetaEnum::fromType<video::VideoPlayer::Status>().valueToKey(int(player.status())),
             player.lastError(), describe(requests).join(QLatin1Char('\n')));
}

} // namespace

class TstRtspReplay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_file;

    std::unique_ptr<test::RtspReplayServer> server(bool onvif)
    {
        test::ReplayServerOptions o;
        o.file = m_file;
        o.recordingStart = kRecordingStart;
        o.requireOnvifReplay = onvif;
        auto s = std::make_unique<test::RtspReplayServer>(o);
        QString error;
        if (!s->start(&error))
            qFatal("%s", qPrintable(error));
        return s;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("marked.mp4"));
        // A key frame every second: a seek to a whole second lands on a key frame, as on a camera's
        // recording with a 1 s GOP; B-frames stay (veryfast).
        const QString error = test::makeMarkedRecording(
            m_file, QStringLiteral("h264"), kSeconds,
            {QStringLiteral("-g"), QStringLiteral("25"), QStringLiteral("-sc_threshold"), QStringLiteral("0"),
             QStringLiteral("-movflags"), QStringLiteral("+faststart")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { video::VideoPlayer::waitForWorkers(5000); }

    // A platform's playback URL: plays from the start, seeks forward and back with PLAY Range: npt=, and
    // each seek shows the asked second (the burned-in frame number says so).
    void nptSeekOnPlatformUrl()
    {
        auto s = server(false);
        Replay r(s->url());
        QVERIFY2(r.waitFirst(), qPrintable(r.error()));
        QVERIFY2(std::abs(r.source->durationMs() - kSeconds * 1000) <= 100, // from the SDP's a=range
                 qPrintable(QString::number(r.source->durationMs())));
        for (int second : {12, 3, 25}) {
            const int n = r.seekAndRead(second * 1000);
            QVERIFY2(n >= 0,
                     qPrintable(QStringLiteral("seek to %1 s: no readable frame (%2)").arg(second).arg(n)));
            QCOMPARE(n / test::kMarkedFps, second);
            QVERIFY2(n - second * test::kMarkedFps <= 1, qPrintable(QString::number(n))); // the asked frame
            QVERIFY(std::abs(r.source->positionMs() - second * 1000) <= 40);
            const auto requests = s->requests();
            const bool asked = std::any_of(requests.cbegin(), requests.cend(), [second](const auto &q) {
                return q.method == QLatin1String("PLAY") &&
                       q.range.startsWith(QStringLiteral("npt=%1.000-").arg(second));
            });
            QVERIFY2(asked, qPrintable(describe(requests).join(QLatin1Char('\n'))));
        }
        for (const auto &q : s->requests())
            QVERIFY2(q.require.isEmpty(), "a platform URL is not asked for onvif-replay");
    }

    // Pause sends PAUSE; resume sends PLAY without a Range and goes on from the paused picture (not from
    // the start, not from where the clock would be); a seek while paused shows the asked frame and pauses
    // again.
    void pauseResume()
    {
        auto s = server(false);
        Replay r(s->url());
        QVERIFY2(r.waitFirst(), qPrintable(r.error()));
        QTRY_VERIFY_WITH_TIMEOUT(r.source->positionMs() >= 1000, 10000);
        r.source->setPaused(true);
        const auto countOf = [&](const QString &method) {
            const auto requests = s->requests();
            return std::count_if(requests.cbegin(), requests.cend(),
                                 [&](const auto &q) { return q.method == method; });
        };
        QTRY_COMPARE_WITH_TIMEOUT(countOf(QStringLiteral("PAUSE")), 1, 5000);
        const std::int64_t pausedAt = r.source->positionMs();
        const int plays = int(countOf(QStringLiteral("PLAY")));

        const int n = r.seekAndRead(20000); // while paused: PLAY from 20 s, one frame, PAUSE again
        QCOMPARE(n / test::kMarkedFps, 20);
        QTRY_COMPARE_WITH_TIMEOUT(countOf(QStringLiteral("PAUSE")), 2, 5000);
        QCOMPARE(countOf(QStringLiteral("PLAY")), plays + 1);
        const std::int64_t heldAt = r.source->positionMs();
        QVERIFY2(heldAt >= 20000 && heldAt < 20500, qPrintable(QString::number(heldAt)));
        QVERIFY(pausedAt < 20000);

        r.source->setPaused(false);
        QTRY_COMPARE_WITH_TIMEOUT(countOf(QStringLiteral("PLAY")), plays + 2, 5000);
        QVERIFY(s->requests().last().range.isEmpty()); // resume: no Range, the server goes on
        QTRY_VERIFY_WITH_TIMEOUT(r.source->positionMs() > heldAt + 200, 5000);
        auto entry = r.source->slot().take();
        QVERIFY(entry);
        const int resumed = test::frameIndexOf(entry->frame);
        QVERIFY2(resumed >= 20 * test::kMarkedFps && resumed < 23 * test::kMarkedFps,
                 qPrintable(QString::number(resumed)));
    }

    // The Playback view's path: VideoPlayer::openRecording() on an rtsp:// playback URL plays it through the
    // replay engine from the asked offset, and seeks and pauses it like a file.
    void playerOnRtspRecording()
    {
        auto s = server(false);
        video::VideoPlayer player;
        QVERIFY(player.openRecording(s->url().toString(), 5000));
        QVERIFY(player.isRecording());
        QTRY_VERIFY2_WITH_TIMEOUT(player.status() == video::VideoPlayer::Status::Playing,
                                  qPrintable(playerState(player, s->requests())), 30000);
        QVERIFY(player.canSeek());
        QTRY_VERIFY_WITH_TIMEOUT(player.positionMs() >= 5000, 5000);
        QVERIFY(player.positionMs() < 8000);
        QTRY_VERIFY_WITH_TIMEOUT(test::frameIndexOf(player.currentFrame()) / test::kMarkedFps >= 5, 5000);
        player.seek(21000);
        QTRY_COMPARE_WITH_TIMEOUT(test::frameIndexOf(player.currentFrame()) / test::kMarkedFps, 21, 5000);
        player.setPaused(true);
        const auto paused = [&] {
            const auto requests = s->requests();
            return std::any_of(requests.cbegin(), requests.cend(),
                               [](const auto &q) { return q.method == QLatin1String("PAUSE"); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(paused(), 5000);
        player.stop();
    }

    // An ONVIF replay URI through the player: "#onvif-start=" gives the recording's start, so the opening
    // offset goes to the device as Range: clock= (with Require: onvif-replay: the server refuses without).
    void playerOnOnvifReplayUri()
    {
        auto s = server(true);
        video::VideoPlayer player;
        QUrl url = s->url();
        url.setFragment(QStringLiteral("onvif-start=2026-11-01T00:00:00Z"));
        QVERIFY(player.openRecording(url.toString(), 9000));
        QTRY_VERIFY2_WITH_TIMEOUT(player.status() == video::VideoPlayer::Status::Playing,
                                  qPrintable(playerState(player, s->requests())), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(test::frameIndexOf(player.currentFrame()) >= 0, 5000);
        const int second = test::frameIndexOf(player.currentFrame()) / test::kMarkedFps;
        QVERIFY2(second == 9 || second == 10, qPrintable(QString::number(second))); // 10: a slow machine
        const auto requests = s->requests();
        QVERIFY2(std::any_of(
                     requests.cbegin(), requests.cend(),
                     [](const auto &q) { return q.range == QLatin1String("clock=20261101T000009.000Z-"); }),
                 qPrintable(describe(requests).join(QLatin1Char('\n'))));
        QVERIFY2(s->problems().isEmpty(), qPrintable(s->problems().join(QLatin1Char('\n'))));
        player.stop();
    }

    // Profile G end to end: the loopback ONVIF device's search finds the recording, GetReplayUri gives the
    // real replay server's URI, and the replay engine plays it the ONVIF way; a seek lands on the asked
    // second of the recording.
    void onvifProfileG()
    {
        auto s = server(true);
        onvif::test::DeviceOptions o;
        o.password = QStringLiteral("Secr3t!");
        o.replayUrl = s->url().toString();
        o.recordingStart = kRecordingStart;
        o.recordingEnd = kRecordingStart.addSecs(kSeconds);
        onvif::test::LoopbackDevice device(o);
        QVERIFY(device.start());
        onvif::OnvifClient client(device.deviceUrl(), QStringLiteral("admin"), o.password);
        const auto found = client.findRecordings();
        QVERIFY2(found.ok(), qPrintable(found.error.message));
        QCOMPARE(found.value.size(), 1);
        const onvif::Recording rec = found.value.first();
        QCOMPARE(rec.earliest, kRecordingStart);
        QCOMPARE(rec.latest, kRecordingStart.addSecs(kSeconds));
        const auto uri = client.replayUri(rec.token);
        QVERIFY2(uri.ok(), qPrintable(uri.error.message));
        QCOMPARE(uri.value, s->url());

        Replay r(uri.value, rec.earliest.toMSecsSinceEpoch());
        QVERIFY2(r.waitFirst(), qPrintable(r.error() + describe(s->requests()).join(QLatin1Char('\n'))));
        for (int second : {17, 6}) {
            const int n = r.seekAndRead(second * 1000);
            QVERIFY2(n >= 0, qPrintable(QString::number(n)));
            QCOMPARE(n / test::kMarkedFps, second);
            QCOMPARE(r.source->positionMs() / 1000, second);
            const QString clock =
                QStringLiteral("clock=") +
                kRecordingStart.addSecs(second).toString(QStringLiteral("yyyyMMdd'T'HHmmss")) +
                QStringLiteral(".000Z-");
            const auto requests = s->requests();
            const auto play = std::find_if(requests.cbegin(), requests.cend(), [&](const auto &q) {
                return q.method == QLatin1String("PLAY") && q.range == clock;
            });
            QVERIFY2(play != requests.cend(), qPrintable(describe(requests).join(QLatin1Char('\n'))));
            QCOMPARE(play->rateControl, QStringLiteral("no"));
        }
        for (const auto &q : s->requests()) {
            if (q.method != QLatin1String("TEARDOWN"))
                QVERIFY2(q.require == QLatin1String("onvif-replay"), qPrintable(q.method));
        }
        QVERIFY2(s->problems().isEmpty(), qPrintable(s->problems().join(QLatin1Char('\n'))));
        QVERIFY2(device.problems().isEmpty(), qPrintable(device.problems().join(QLatin1Char('\n'))));

        // Rate-Control: no: the device sends as fast as we read and we pace, so the operator's speed is
        // ours to choose: 4 media seconds take about one wall second.
        QVERIFY(r.source->capabilities() & video::FrameSource::CanChangeRate);
        r.source->setRate(4);
        const std::int64_t p0 = r.source->positionMs();
        QElapsedTimer t;
        t.start();
        QTRY_VERIFY_WITH_TIMEOUT(r.source->positionMs() >= p0 + 4000, 3000);
        QVERIFY2(t.elapsed() >= 700, qPrintable(QString::number(t.elapsed()))); // paced, not flooded
    }
};

QTEST_MAIN(TstRtspReplay)
#include "tst_rtsp_replay.moc"
