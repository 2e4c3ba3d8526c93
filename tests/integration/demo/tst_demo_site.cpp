// The demo site seen by a real RTSP client (libavformat over TCP, no stream-info probing, libavcodec), as the
// live video path sees it: codec, sizes, 25 fps timestamps, each camera's colour in the reference region,
// seamless loops, 401 for a wrong password, 404 for an unknown path, and stop()/start() on the same port.
#include "vigil/core/redact.h"
#include "vigil/demo/demo_site.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtTest/QTest>

#include <algorithm>
#include <atomic>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
}

using vigil::demo::DemoCamera;
using vigil::demo::DemoSite;

namespace {

constexpr int kClipSeconds = 2; // short, so a loop boundary comes quickly
constexpr int kCameraCount = 9;

QString avError(int code)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

// Counts libav error messages (decoder complaints at a loop wrap would show up here).
std::atomic<int> s_avErrors{0};
void countingLogCallback(void *avcl, int level, const char *fmt, va_list vl)
{
    if (level <= AV_LOG_ERROR)
        ++s_avErrors;
    av_log_default_callback(avcl, level, fmt, vl);
}

// A minimal RTSP client: libavformat demuxer plus an H.264 decoder. Thread: the test's.
class Client
{
public:
    ~Client()
    {
        av_frame_free(&m_frame);
        av_packet_free(&m_packet);
        avcodec_free_context(&m_decoder);
        avformat_close_input(&m_format);
    }

    int open(const QUrl &url, int timeoutMs = 5000)
    {
        m_deadline = QDeadlineTimer(timeoutMs);
        m_format = avformat_alloc_context();
        m_format->interrupt_callback = {&Client::interrupted, this};
        AVDictionary *opts = nullptr;
        av_dict_set(&opts, "rtsp_transport", "tcp", 0);
        av_dict_set(&opts, "timeout", "3000000", 0); // socket I/O, microseconds
        av_dict_set(&opts, "fflags", "nobuffer", 0);
        const QByteArray u = url.toEncoded();
        int rc = avformat_open_input(&m_format, u.constData(), nullptr, &opts);
        av_dict_free(&opts);
        if (rc < 0)
            return rc; // avformat_open_input freed the context
        m_stream = av_find_best_stream(m_format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (m_stream < 0)
            return m_stream;
        const AVCodecParameters *par = m_format->streams[m_stream]->codecpar;
        const AVCodec *codec = avcodec_find_decoder(par->codec_id);
        if (!codec)
            return AVERROR_DECODER_NOT_FOUND;
        m_decoder = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(m_decoder, par);
        m_decoder->thread_count = 1;
        m_decoder->flags |= AV_CODEC_FLAG_LOW_DELAY;
        if ((rc = avcodec_open2(m_decoder, codec, nullptr)) < 0)
            return rc;
        m_packet = av_packet_alloc();
        m_frame = av_frame_alloc();
        return 0;
    }

    AVCodecID codecId() const { return m_format->streams[m_stream]->codecpar->codec_id; }
    AVRational timeBase() const { return m_format->streams[m_stream]->time_base; }

    // Reads the next video packet and decodes it. Returns < 0 on a read or decode error; `gotFrame` tells
    // whether a frame came out (then frame() holds it). `pts` is the packet's timestamp.
    int step(bool *gotFrame, int64_t *pts, int timeoutMs = 5000)
    {
        m_deadline = QDeadlineTimer(timeoutMs);
        *gotFrame = false;
        for (;;) {
            int rc = av_read_frame(m_format, m_packet);
            if (rc < 0)
                return rc;
            if (m_packet->stream_index != m_stream) {
                av_packet_unref(m_packet);
                continue;
            }
            *pts = m_packet->pts;
            rc = avcodec_send_packet(m_decoder, m_packet);
            av_packet_unref(m_packet);
            if (rc < 0)
                return rc;
            rc = avcodec_receive_frame(m_decoder, m_frame);
            if (rc == 0) {
                *gotFrame = true;
                if (m_frame->decode_error_flags || (m_frame->flags & AV_FRAME_FLAG_CORRUPT))
                    return AVERROR_INVALIDDATA;
                return 0;
            }
            return rc == AVERROR(EAGAIN) ? 0 : rc;
        }
    }

    // Reads until the first decoded frame.
    int firstFrame(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        bool got = false;
        int64_t pts = 0;
        while (!got) {
            const int rc = step(&got, &pts, int(std::max<qint64>(1, deadline.remainingTime())));
            if (rc < 0)
                return rc;
        }
        return 0;
    }

    const AVFrame *frame() const { return m_frame; }

    // Mean RGB over `region` (fractions of the frame) of the last decoded frame.
    QColor meanColour(const QRectF &region) const
    {
        const int w = m_frame->width, h = m_frame->height;
        SwsContext *sws = sws_getContext(w, h, AVPixelFormat(m_frame->format), w, h, AV_PIX_FMT_RGB24,
                                         SWS_POINT, nullptr, nullptr, nullptr);
        std::vector<uint8_t> rgb(size_t(w) * size_t(h) * 3);
        uint8_t *dst[4] = {rgb.data(), nullptr, nullptr, nullptr};
        int dstStride[4] = {w * 3, 0, 0, 0};
        sws_scale(sws, m_frame->data, m_frame->linesize, 0, h, dst, dstStride);
        sws_freeContext(sws);
        const QRect px(int(region.x() * w), int(region.y() * h), int(region.width() * w),
                       int(region.height() * h));
        double sum[3] = {0, 0, 0};
        for (int y = px.top(); y <= px.bottom(); ++y) {
            for (int x = px.left(); x <= px.right(); ++x) {
                const uint8_t *p = &rgb[(size_t(y) * size_t(w) + size_t(x)) * 3];
                sum[0] += p[0];
                sum[1] += p[1];
                sum[2] += p[2];
            }
        }
        const double n = double(px.width()) * px.height();
        return QColor(qRound(sum[0] / n), qRound(sum[1] / n), qRound(sum[2] / n));
    }

private:
    static int interrupted(void *self)
    {
        return static_cast<Client *>(self)->m_deadline.hasExpired() ? 1 : 0;
    }

    AVFormatContext *m_format = nullptr;
    AVCodecContext *m_decoder = nullptr;
    AVPacket *m_packet = nullptr;
    AVFrame *m_frame = nullptr;
    int m_stream = -1;
    QDeadlineTimer m_deadline;
};

QRectF innerReferenceRegion()
{
    const QRectF r = DemoSite::referenceRegion();
    return r.adjusted(r.width() * 0.15, r.height() * 0.15, -r.width() * 0.15, -r.height() * 0.15);
}

int colourDistance(const QColor &a, const QColor &b)
{
    return std::max(
        {std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

} // namespace

class TestDemoSite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        av_log_set_level(AV_LOG_ERROR);
        avformat_network_init();
        m_options.cameraCount = kCameraCount;
        m_options.clipSeconds = kClipSeconds;
        m_options.cacheDir =
            qEnvironmentVariable("VIGIL_DEMO_TEST_CACHE", QDir::temp().filePath("vigil-demo-test"));
        m_site = std::make_unique<DemoSite>(m_options);
        QElapsedTimer timer;
        timer.start();
        QString error;
        QVERIFY2(m_site->prepare(&error), qPrintable(error));
        qInfo("prepare (%d cameras, %d s clips): %lld ms", kCameraCount, kClipSeconds, timer.elapsed());
        QVERIFY2(m_site->start(&error), qPrintable(error));
        QVERIFY(m_site->isRunning());
        QVERIFY(m_site->port() > 0);
    }

    void cleanupTestCase() { m_site.reset(); }

    void streamsAreH264AtTheirSize_data()
    {
        QTest::addColumn<QString>("camera");
        QTest::addColumn<bool>("main");
        QTest::addColumn<QSize>("size");
        QTest::newRow("cam01 main") << "cam01" << true << DemoSite::kMainSize;
        QTest::newRow("cam01 sub") << "cam01" << false << DemoSite::kSubSize;
        QTest::newRow("cam09 main") << "cam09" << true << DemoSite::kMainSize;
        QTest::newRow("cam09 sub") << "cam09" << false << DemoSite::kSubSize;
    }
    void streamsAreH264AtTheirSize()
    {
        QFETCH(QString, camera);
        QFETCH(bool, main);
        QFETCH(QSize, size);
        Client client;
        int rc = client.open(m_site->streamUrl(camera, main));
        QVERIFY2(rc == 0, qPrintable(avError(rc)));
        QCOMPARE(client.codecId(), AV_CODEC_ID_H264);
        rc = client.firstFrame();
        QVERIFY2(rc == 0, qPrintable(avError(rc)));
        QCOMPARE(QSize(client.frame()->width, client.frame()->height), size);
        QVERIFY(client.frame()->key_frame); // every client starts at an IDR
    }

    void referenceRegionShowsCameraColour_data()
    {
        QTest::addColumn<QString>("camera");
        QTest::addColumn<bool>("main");
        QTest::addColumn<QColor>("colour");
        for (const DemoCamera &c : DemoSite::cameras(kCameraCount))
            QTest::newRow(qPrintable(c.id + QStringLiteral(" sub"))) << c.id << false << c.colour;
        const DemoCamera c5 = DemoSite::cameras(kCameraCount).at(4);
        QTest::newRow("cam05 main") << c5.id << true << c5.colour;
    }
    void referenceRegionShowsCameraColour()
    {
        QFETCH(QString, camera);
        QFETCH(bool, main);
        QFETCH(QColor, colour);
        Client client;
        int rc = client.open(m_site->streamUrl(camera, main));
        QVERIFY2(rc == 0, qPrintable(avError(rc)));
        // Check the first frame and one a second later (after motion), so a later frame counts too.
        for (int round = 0; round < 2; ++round) {
            if (round == 0) {
                rc = client.firstFrame();
            } else {
                bool got = false;
                int64_t pts = 0;
                for (int i = 0; i < DemoSite::kFps && rc == 0; ++i)
                    rc = client.step(&got, &pts);
            }
            QVERIFY2(rc == 0, qPrintable(avError(rc)));
            const QColor seen = client.meanColour(innerReferenceRegion());
            QVERIFY2(colourDistance(seen, colour) <= 12,
                     qPrintable(
                         QStringLiteral("%1: saw %2, expected %3").arg(camera, seen.name(), colour.name())));
            // ...and it is nearer to this camera's colour than to any other camera's.
            for (const DemoCamera &other : DemoSite::cameras(DemoSite::kMaxCameras)) {
                if (other.id != camera)
                    QVERIFY2(colourDistance(seen, other.colour) > colourDistance(seen, colour),
                             qPrintable(other.id));
            }
        }
    }

    // Timestamps advance by exactly one frame (3600 ticks at 90 kHz = 25 fps) through a loop wrap, and every
    // packet decodes without a decoder complaint.
    void loopsSeamlessly()
    {
        Client client;
        int rc = client.open(m_site->streamUrl(QStringLiteral("cam03"), false));
        QVERIFY2(rc == 0, qPrintable(avError(rc)));
        const AVRational tb = client.timeBase();
        const int64_t frameTicks = av_rescale_q(1, {1, DemoSite::kFps}, tb);
        QVERIFY(frameTicks > 0);
        s_avErrors = 0;
        av_log_set_callback(countingLogCallback);
        const int packets = kClipSeconds * DemoSite::kFps + DemoSite::kFps / 2; // crosses one wrap
        int64_t previous = AV_NOPTS_VALUE;
        int frames = 0;
        int stamped = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < packets; ++i) {
            bool got = false;
            int64_t pts = AV_NOPTS_VALUE;
            rc = client.step(&got, &pts);
            if (rc < 0)
                break;
            frames += got ? 1 : 0;
            stamped += pts != AV_NOPTS_VALUE ? 1 : 0;
            if (previous != AV_NOPTS_VALUE && pts != AV_NOPTS_VALUE && pts - previous != frameTicks) {
                rc = AVERROR_INVALIDDATA;
                qWarning("packet %d: pts step %lld, expected %lld", i, qlonglong(pts - previous),
                         qlonglong(frameTicks));
                break;
            }
            previous = pts;
        }
        av_log_set_callback(av_log_default_callback);
        QVERIFY2(rc == 0, qPrintable(avError(rc)));
        QCOMPARE(frames, packets);
        // libavformat's RTP demuxer leaves the very first packet unstamped; every later one must carry a
        // time.
        QVERIFY2(stamped >= packets - 1, qPrintable(QString::number(stamped)));
        QCOMPARE(s_avErrors.load(), 0);
        // Paced in real time (the server must not dump the clip as fast as it can); allow a short start
        // burst.
        qInfo("%d packets across a loop wrap in %lld ms", packets, timer.elapsed());
        QVERIFY2(timer.elapsed() > (packets - 10) * 1000 / DemoSite::kFps,
                 qPrintable(QString::number(timer.elapsed())));
    }

    void firstFrameIsQuick()
    {
        QList<qint64> times;
        for (int i = 0; i < 9; ++i) {
            QElapsedTimer timer;
            timer.start();
            Client client;
            int rc = client.open(
                m_site->streamUrl(QStringLiteral("cam%1").arg(i + 1, 2, 10, QLatin1Char('0')), false));
            QVERIFY2(rc == 0, qPrintable(avError(rc)));
            rc = client.firstFrame();
            QVERIFY2(rc == 0, qPrintable(avError(rc)));
            times.append(timer.elapsed());
        }
        std::sort(times.begin(), times.end());
        const qint64 median = times.at(times.size() / 2);
        qInfo("time to first frame (open + decode, sub stream, loopback): median %lld ms, max %lld ms",
              median, times.last());
        // Target is <= 150 ms; the bound is loose because the test machine is shared with builds.
        QVERIFY2(median < 1000, qPrintable(QString::number(median)));
    }

    void unknownPathIsNotFound()
    {
        QUrl url = m_site->streamUrl(QStringLiteral("cam01"), true);
        url.setPath(QStringLiteral("/nothing/here"));
        Client client;
        const int rc = client.open(url);
        QCOMPARE(rc, AVERROR_HTTP_NOT_FOUND);
        Client beyond;
        QCOMPARE(beyond.open(m_site->streamUrl(QStringLiteral("cam16"), true)), AVERROR_HTTP_NOT_FOUND);
    }

    void credentialsAreChecked_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("expected");
        QTest::newRow("right") << "operator"
                               << "s3cret:/@" << 0;
        QTest::newRow("wrong password") << "operator"
                                        << "guess" << AVERROR_HTTP_UNAUTHORIZED;
        QTest::newRow("wrong user") << "admin"
                                    << "s3cret:/@" << AVERROR_HTTP_UNAUTHORIZED;
        QTest::newRow("none") << ""
                              << "" << AVERROR_HTTP_UNAUTHORIZED;
    }
    void credentialsAreChecked()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(int, expected);
        if (!m_authSite) {
            vigil::demo::DemoSiteOptions options = m_options;
            options.cameraCount = 1;
            options.user = QStringLiteral("operator");
            options.password = QStringLiteral("s3cret:/@");
            m_authSite = std::make_unique<DemoSite>(options);
            QString error;
            QVERIFY2(m_authSite->start(&error), qPrintable(error));
        }
        const QUrl plain = m_authSite->streamUrl(QStringLiteral("cam01"), false);
        QVERIFY(plain.userInfo().isEmpty());
        const QUrl url = user.isEmpty() ? plain : vigil::core::withCredentials(plain, user, password);
        Client client;
        int rc = client.open(url);
        QVERIFY2(rc == expected, qPrintable(avError(rc)));
        if (rc == 0) {
            rc = client.firstFrame();
            QVERIFY2(rc == 0, qPrintable(avError(rc)));
        }
    }

    // The reconnect tests rely on this: stop() drops clients and frees the port, start() comes back on it.
    void stopAndStartOnTheSamePort()
    {
        const quint16 port = m_site->port();
        const QUrl url = m_site->streamUrl(QStringLiteral("cam02"), false);
        Client watching;
        int rc = watching.open(url);
        QVERIFY2(rc == 0, qPrintable(avError(rc)));
        QCOMPARE(watching.firstFrame(), 0);

        m_site->stop();
        QVERIFY(!m_site->isRunning());
        // The connected client loses its stream promptly (EOF or I/O error, not our 4 s deadline).
        QElapsedTimer timer;
        timer.start();
        bool got = false;
        int64_t pts = 0;
        while ((rc = watching.step(&got, &pts, 4000)) == 0) {
        }
        QVERIFY2(rc != AVERROR_EXIT && timer.elapsed() < 3500, qPrintable(avError(rc)));
        Client refused;
        rc = refused.open(url, 3000);
        QVERIFY2(rc < 0 && rc != AVERROR_EXIT, qPrintable(avError(rc)));

        for (int round = 0; round < 2; ++round) {
            QString error;
            QVERIFY2(m_site->start(&error), qPrintable(error));
            QCOMPARE(m_site->port(), port);
            QCOMPARE(m_site->streamUrl(QStringLiteral("cam02"), false), url);
            Client again;
            rc = again.open(url);
            QVERIFY2(rc == 0, qPrintable(avError(rc)));
            QCOMPARE(again.firstFrame(), 0);
            if (round == 0)
                m_site->stop();
        }
    }

private:
    vigil::demo::DemoSiteOptions m_options;
    std::unique_ptr<DemoSite> m_site;
    std::unique_ptr<DemoSite> m_authSite;
};

QTEST_GUILESS_MAIN(TestDemoSite)
#include "tst_demo_site.moc"
