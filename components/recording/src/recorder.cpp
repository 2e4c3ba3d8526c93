#include "vigil/recording/recorder.h"

#include "ff.h"
#include "vigil/core/backoff.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"
#include "vigil/recording/recording_index.h"
#include "vigil/video/stream_error.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <unistd.h>
#include <vector>

namespace vigil::recording {

using State = Recorder::State;

// Commands from the Recorder (under `mutex`), status from the worker (under `statusMutex`).
struct Recorder::Shared
{
    RecorderOptions options; // fixed at construction
    QPointer<Recorder> owner;

    std::mutex mutex;
    std::condition_variable cv;
    bool quit = false;
    bool record = false;
    bool buffering = false;
    int preSeconds = 0;
    qint64 startedAtMs = 0; // wall clock of the last start()
    quint64 stopSerial = 0; // bumped by each stop(); the worker answers each with stopped()

    std::mutex statusMutex;
    Status status;
    QStringList newlyClosed;
    int stoppedToSignal = 0;
    std::atomic<bool> posted{false};

    // GUI thread (posted by the worker): hands the status to the Recorder if it still exists.
    void deliver()
    {
        posted.store(false);
        if (Recorder *r = owner.data())
            r->applyStatus();
    }
};

namespace {

constexpr qint64 kQuotaCheckBytes = 4 * 1024 * 1024;
constexpr qint64 kReanchorMs = 3000;
// Segment length is counted in media time (the wall clock estimate moves by a few ms now and then); a key
// frame a hair early (timestamp rounding) still ends the segment.
constexpr std::int64_t kCutToleranceUs = 10000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
std::int64_t monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString diskError(const QString &path, int averror)
{
    return QCoreApplication::translate(
               "vigil::recording::Recorder",
               "Could not write the recording %1 (%2). Check that the disk is not full "
               "and that Vigil may write to this folder.")
        .arg(QDir::toNativeSeparators(path), ff::errorText(averror));
}

// Flushes a closed file (and its directory entry) to the disk, so a power cut after the next segment appears
// cannot take this one with it.
void syncFile(const QString &path)
{
    const QByteArray p = QFile::encodeName(path);
    if (int fd = ::open(p.constData(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    const QByteArray d = QFile::encodeName(QFileInfo(path).absolutePath());
    if (int fd = ::open(d.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

struct RingEntry
{
    ff::PacketPtr pkt;
    qint64 wallMs = 0;
    bool videoKey = false;
};

// One open Matroska segment.
struct SegmentWriter
{
    ff::OutputPtr oc;
    QString path;
    qint64 startWallMs = 0;
    std::int64_t offsetUs = 0;         // input time (µs) that is 0 in this file
    std::vector<int> map;              // input stream -> output stream (-1 = not recorded)
    std::vector<std::int64_t> lastDts; // per output stream, to keep timestamps strictly increasing
};

class Worker
{
public:
    explicit Worker(std::shared_ptr<Recorder::Shared> s)
        : m_s(std::move(s))
        , m_opt(m_s->options)
    {}
    void run() noexcept;

private:
    struct Commands
    {
        bool quit = false, record = false, buffering = false;
        int preSeconds = 0;
        qint64 startedAtMs = 0;
        quint64 stopSerial = 0;
    };
    Commands commands()
    {
        std::lock_guard lock(m_s->mutex);
        return {m_s->quit, m_s->record, m_s->buffering, m_s->preSeconds, m_s->startedAtMs, m_s->stopSerial};
    }
    bool wanted(const Commands &c) const { return !c.quit && (c.record || (c.buffering && ringMaxMs() > 0)); }
    qint64 ringMaxMs() const { return qint64(m_opt.preAlarmSeconds) * 1000; }

    int session();
    int openInput();
    bool openSegment(qint64 startWallMs, std::int64_t offsetUs);
    void closeSegment();
    bool writePacket(const AVPacket *pkt);
    void pushRing(const AVPacket *pkt, qint64 wallMs, bool videoKey);
    void answerStops(const Commands &c);
    void checkQuota(bool force);

    void setState(State st);
    void setError(const QString &code, const QString &text);
    void post();
    static int interruptCallback(void *opaque) noexcept;

    std::shared_ptr<Recorder::Shared> m_s;
    const RecorderOptions m_opt;
    ff::InputPtr m_in;
    int m_videoIndex = -1;
    std::atomic<std::int64_t> m_deadlineMs{0};
    std::optional<SegmentWriter> m_seg;
    std::deque<RingEntry> m_ring;
    ff::PacketPtr m_scratch{av_packet_alloc()};
    // Media time -> wall clock (ms since the epoch), per connection.
    qint64 m_offsetMs = 0;
    bool m_haveOffset = false;
    std::int64_t m_lastWrittenUs = AV_NOPTS_VALUE; // newest video dts written on this connection (µs)
    quint64 m_stopsAnswered = 0;
    qint64 m_bytesSinceQuota = 0;
    std::int64_t m_writeBlockedUntilMs = 0;
    std::int64_t m_lastPostMs = 0;
};

int Worker::interruptCallback(void *opaque) noexcept
{
    auto *w = static_cast<Worker *>(opaque);
    {
        std::lock_guard lock(w->m_s->mutex);
        if (w->m_s->quit || !(w->m_s->record || (w->m_s->buffering && w->ringMaxMs() > 0)))
            return 1;
    }
    return monotonicMs() > w->m_deadlineMs.load(std::memory_order_relaxed) ? 1 : 0;
}

void Worker::post()
{
    if (m_s->posted.exchange(true))
        return; // one notification in flight carries every change
    m_lastPostMs = monotonicMs();
    core::postToApp([s = m_s] { s->deliver(); });
}

void Worker::setState(State st)
{
    {
        std::lock_guard lock(m_s->statusMutex);
        if (m_s->status.state == st)
            return;
        m_s->status.state = st;
    }
    post();
}

void Worker::setError(const QString &code, const QString &text)
{
    {
        std::lock_guard lock(m_s->statusMutex);
        m_s->status.lastError = text;
        m_s->status.lastErrorCode = code;
    }
    if (!text.isEmpty())
        qCWarning(vigilRecording).noquote() << m_opt.cameraId << code << text;
    post();
}

void Worker::answerStops(const Commands &c)
{
    if (c.stopSerial == m_stopsAnswered || c.record)
        return;
    closeSegment();
    m_stopsAnswered = c.stopSerial;
    {
        std::lock_guard lock(m_s->statusMutex);
        ++m_s->stoppedToSignal;
    }
    post();
}

void Worker::checkQuota(bool force)
{
    if (m_opt.quotaBytes <= 0 || (!force && m_bytesSinceQuota < kQuotaCheckBytes))
        return;
    m_bytesSinceQuota = 0;
    QStringList keep;
    if (m_seg)
        keep.append(m_seg->path);
    enforceQuota(m_opt.root, m_opt.quotaBytes, keep);
}

void Worker::run() noexcept
{
    try {
        ff::initOnce();
        core::Backoff backoff(std::chrono::milliseconds(500), std::chrono::milliseconds(2000));
        for (;;) {
            {
                std::unique_lock lock(m_s->mutex);
                m_s->cv.wait(lock, [&] {
                    return m_s->quit || m_s->record || (m_s->buffering && ringMaxMs() > 0) ||
                           m_s->stopSerial != m_stopsAnswered;
                });
            }
            Commands c = commands();
            answerStops(c);
            if (c.quit)
                break;
            if (!wanted(c)) {
                setState(State::Idle);
                continue;
            }
            {
                // While reconnecting the state stays Reconnecting (with the last error) until packets flow.
                std::lock_guard lock(m_s->statusMutex);
                if (m_s->status.state != State::Reconnecting)
                    m_s->status.state = State::Connecting;
            }
            post();
            const int err = session();
            closeSegment();
            m_in.reset();
            m_ring.clear();
            c = commands();
            answerStops(c);
            if (c.quit)
                break;
            if (err == 0 || !wanted(c)) { // asked to go idle
                setState(State::Idle);
                backoff.reset();
                continue;
            }
            const QString where =
                m_opt.source.url.host() + (m_opt.source.url.port() > 0
                                               ? QLatin1Char(':') + QString::number(m_opt.source.url.port())
                                               : QString());
            if (err == AVERROR(ENOSPC) || err == AVERROR(EACCES) || err == AVERROR(EROFS)) {
                // already reported as a disk error by the writer
            } else {
                const video::StreamError e = video::describeStreamError(err, where);
                setError(e.code, e.text);
            }
            setState(State::Reconnecting);
            const bool auth = err == AVERROR_HTTP_UNAUTHORIZED || err == AVERROR_HTTP_FORBIDDEN;
            const auto delay = auth ? std::chrono::milliseconds(30000) : backoff.next();
            std::unique_lock lock(m_s->mutex);
            m_s->cv.wait_for(lock, delay, [&] {
                return m_s->quit || !(m_s->record || (m_s->buffering && ringMaxMs() > 0)) ||
                       m_s->stopSerial != m_stopsAnswered;
            });
        }
        closeSegment();
        m_in.reset();
        setState(State::Idle);
    } catch (const std::exception &e) {
        qCWarning(vigilRecording) << "recorder worker failed:" << e.what();
    } catch (...) {
        qCWarning(vigilRecording) << "recorder worker failed";
    }
}

int Worker::openInput()
{
    m_deadlineMs = monotonicMs() + m_opt.connectTimeoutMs;
    AVFormatContext *raw = avformat_alloc_context();
    if (!raw)
        return AVERROR(ENOMEM);
    raw->interrupt_callback = {&Worker::interruptCallback, this};
    ff::Dict opts;
    if (m_opt.source.url.scheme().startsWith(QLatin1String("rtsp"))) {
        opts.set("rtsp_transport", m_opt.source.transport == video::Transport::Udp ? "udp" : "tcp");
        const QByteArray timeoutUs = QByteArray::number(qint64(m_opt.readTimeoutMs) * 1000);
        opts.set("timeout", timeoutUs.constData());
    }
    opts.set("user_agent", "Vigil");
    // The only place the URL carries credentials; it never leaves this function.
    const QByteArray url =
        (m_opt.source.url.isLocalFile()
             ? QFile::encodeName(m_opt.source.url.toLocalFile())
             : core::withCredentials(m_opt.source.url, m_opt.source.user, m_opt.source.password)
                   .toString(QUrl::FullyEncoded)
                   .toUtf8());
    int err = avformat_open_input(&raw, url.constData(), nullptr, opts.out());
    if (err < 0)
        return err;
    m_in.reset(raw);
    // Stream parameters (SPS, size) for the Matroska header: a GOP's worth of packets, which stay queued and
    // are read again below, so nothing is lost.
    m_in->max_analyze_duration = 3 * AV_TIME_BASE;
    if ((err = avformat_find_stream_info(m_in.get(), nullptr)) < 0)
        return err;
    m_videoIndex = av_find_best_stream(m_in.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (m_videoIndex < 0)
        return AVERROR_STREAM_NOT_FOUND;
    for (unsigned i = 0; i < m_in->nb_streams; ++i) {
        const auto type = m_in->streams[i]->codecpar->codec_type;
        m_in->streams[i]->discard =
            (type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
    return 0;
}

bool Worker::openSegment(qint64 startWallMs, std::int64_t offsetUs)
{
    const QDir dir(QDir(m_opt.root).filePath(cameraDirName(m_opt.cameraId)));
    if (!dir.mkpath(QStringLiteral("."))) {
        setError(QStringLiteral("disk"), diskError(dir.path(), AVERROR(EACCES)));
        return false;
    }
    QString path;
    for (;; ++startWallMs) { // two segments in one millisecond: the later one moves on by a millisecond
        path = dir.filePath(segmentFileName(QDateTime::fromMSecsSinceEpoch(startWallMs, Qt::UTC)));
        if (!QFileInfo::exists(path))
            break;
    }
    SegmentWriter w;
    w.path = path;
    w.startWallMs = startWallMs;
    w.offsetUs = offsetUs;
    AVFormatContext *raw = nullptr;
    const QByteArray local = QFile::encodeName(path);
    int err = avformat_alloc_output_context2(&raw, nullptr, "matroska", local.constData());
    if (err < 0 || !raw) {
        setError(QStringLiteral("disk"), diskError(path, err));
        return false;
    }
    w.oc.reset(raw);
    const AVOutputFormat *mkv = w.oc->oformat;
    w.map.assign(m_in->nb_streams, -1);
    for (unsigned i = 0; i < m_in->nb_streams; ++i) {
        const AVStream *in = m_in->streams[i];
        const AVCodecParameters *par = in->codecpar;
        const bool video = int(i) == m_videoIndex;
        const bool audio = par->codec_type == AVMEDIA_TYPE_AUDIO && par->codec_id != AV_CODEC_ID_NONE &&
                           par->sample_rate > 0 &&
                           avformat_query_codec(mkv, par->codec_id, FF_COMPLIANCE_NORMAL) == 1;
        if (!video && !audio)
            continue;
        AVStream *out = avformat_new_stream(w.oc.get(), nullptr);
        if (!out || avcodec_parameters_copy(out->codecpar, par) < 0) {
            setError(QStringLiteral("disk"), diskError(path, AVERROR(ENOMEM)));
            return false;
        }
        out->codecpar->codec_tag = 0;
        out->time_base = in->time_base;
        w.map[i] = out->index;
    }
    w.lastDts.assign(w.oc->nb_streams, AV_NOPTS_VALUE);
    if ((err = avio_open(&w.oc->pb, local.constData(), AVIO_FLAG_WRITE)) < 0) {
        setError(QStringLiteral("disk"), diskError(path, err));
        return false;
    }
    // Each finished cluster goes to the kernel at once (one write per packet, nothing held in our buffer), so
    // kill -9 loses at most the cluster being filled.
    w.oc->flush_packets = 1;
    ff::Dict opts;
    // 1 s clusters: an interrupted segment still plays up to its last second.
    opts.set("cluster_time_limit", "1000");
    if ((err = avformat_write_header(w.oc.get(), opts.out())) < 0) {
        setError(QStringLiteral("disk"), diskError(path, err));
        w.oc.reset();
        QFile::remove(path);
        return false;
    }
    m_seg = std::move(w);
    {
        std::lock_guard lock(m_s->statusMutex);
        m_s->status.currentSegment = path;
        if (m_s->status.lastErrorCode == QLatin1String("disk")) {
            m_s->status.lastError.clear();
            m_s->status.lastErrorCode.clear();
        }
    }
    setState(State::Recording);
    post();
    qCInfo(vigilRecording).noquote() << m_opt.cameraId << "segment opened" << path;
    return true;
}

void Worker::closeSegment()
{
    if (!m_seg)
        return;
    const QString path = m_seg->path;
    const int err = av_write_trailer(m_seg->oc.get());
    m_seg->oc.reset(); // closes the file
    m_seg.reset();
    syncFile(path);
    if (err < 0)
        setError(QStringLiteral("disk"), diskError(path, err));
    {
        std::lock_guard lock(m_s->statusMutex);
        m_s->status.currentSegment.clear();
        ++m_s->status.segmentsClosed;
        m_s->newlyClosed.append(path);
    }
    qCInfo(vigilRecording).noquote() << m_opt.cameraId << "segment closed" << path;
    checkQuota(true);
    post();
}

bool Worker::writePacket(const AVPacket *pkt)
{
    if (!m_seg || pkt->stream_index < 0 || pkt->stream_index >= int(m_seg->map.size()))
        return true;
    const int outIndex = m_seg->map[pkt->stream_index];
    if (outIndex < 0)
        return true;
    const AVRational inTb = m_in->streams[pkt->stream_index]->time_base;
    AVStream *out = m_seg->oc->streams[outIndex];
    std::int64_t dts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
    if (dts == AV_NOPTS_VALUE)
        return true;
    const std::int64_t offset = av_rescale_q(m_seg->offsetUs, AV_TIME_BASE_Q, inTb);
    dts -= offset;
    std::int64_t pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts - offset : dts;
    if (dts < 0)
        return true; // audio from before the segment's first key frame
    std::int64_t outDts = av_rescale_q(dts, inTb, out->time_base);
    if (m_seg->lastDts[outIndex] != AV_NOPTS_VALUE && outDts <= m_seg->lastDts[outIndex])
        return true; // a repeated or reordered packet: Matroska wants increasing times
    m_seg->lastDts[outIndex] = outDts;
    av_packet_unref(m_scratch.get());
    if (av_packet_ref(m_scratch.get(), pkt) < 0)
        return true;
    m_scratch->stream_index = outIndex;
    m_scratch->dts = outDts;
    m_scratch->pts = av_rescale_q(std::max(pts, dts), inTb, out->time_base);
    m_scratch->duration = av_rescale_q(pkt->duration, inTb, out->time_base);
    m_scratch->pos = -1;
    const int size = m_scratch->size;
    const int err = av_write_frame(m_seg->oc.get(), m_scratch.get());
    av_packet_unref(m_scratch.get());
    if (err < 0) {
        setError(QStringLiteral("disk"), diskError(m_seg->path, err));
        closeSegment();
        m_writeBlockedUntilMs = monotonicMs() + 2000; // try a new segment in 2 s
        return false;
    }
    m_bytesSinceQuota += size;
    {
        std::lock_guard lock(m_s->statusMutex);
        m_s->status.bytesWritten += size;
    }
    checkQuota(false); // every kQuotaCheckBytes: long segments of several cameras must not overrun the disk
    return true;
}

void Worker::pushRing(const AVPacket *pkt, qint64 wallMs, bool videoKey)
{
    if (ringMaxMs() <= 0)
        return;
    if (m_ring.empty() && !videoKey)
        return; // the ring always starts at a key frame
    RingEntry e;
    e.pkt.reset(av_packet_clone(pkt));
    if (!e.pkt)
        return;
    e.wallMs = wallMs;
    e.videoKey = videoKey;
    m_ring.push_back(std::move(e));
    // Drop the oldest GOP while the next one alone still covers the ring's length.
    for (;;) {
        auto second =
            std::find_if(m_ring.begin() + 1, m_ring.end(), [](const RingEntry &r) { return r.videoKey; });
        if (second == m_ring.end() || wallMs - second->wallMs < ringMaxMs())
            break;
        m_ring.erase(m_ring.begin(), second);
    }
}

int Worker::session()
{
    int err = openInput();
    if (err < 0)
        return err;
    m_haveOffset = false;
    m_lastWrittenUs = AV_NOPTS_VALUE;
    ff::PacketPtr pkt(av_packet_alloc());
    if (!pkt)
        return AVERROR(ENOMEM);
    bool first = true;
    bool preUsed = false;
    for (;;) {
        const Commands c = commands();
        answerStops(c);
        if (!wanted(c))
            return 0;
        if (!c.record) {
            closeSegment();
            preUsed = false;
        }
        m_deadlineMs = monotonicMs() + m_opt.readTimeoutMs;
        err = av_read_frame(m_in.get(), pkt.get());
        if (err < 0) {
            if (err == AVERROR(EAGAIN))
                continue;
            if (err == AVERROR_EXIT) {
                const Commands now = commands();
                if (!wanted(now))
                    return 0;
                return AVERROR(ETIMEDOUT); // our deadline: no packet for readTimeoutMs
            }
            return err;
        }
        if (first) {
            first = false;
            std::lock_guard lock(m_s->statusMutex);
            if (m_s->status.lastErrorCode != QLatin1String("disk")) {
                m_s->status.lastError.clear();
                m_s->status.lastErrorCode.clear();
            }
        }
        const AVStream *st = m_in->streams[pkt->stream_index];
        const std::int64_t ts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
        if (st->discard == AVDISCARD_ALL || ts == AV_NOPTS_VALUE) {
            av_packet_unref(pkt.get());
            continue;
        }
        const std::int64_t us = av_rescale_q(ts, st->time_base, AV_TIME_BASE_Q);
        const qint64 realMs = nowMs();
        // Wall time of a packet = media time + offset. A packet cannot arrive before it was sent, so the
        // smallest (arrival - media time) seen is the best offset: packets read in a burst (the ones
        // avformat_find_stream_info() queued, a late TCP window) do not push the clock into the future. A
        // camera clock slower than ours is followed by starting over when it falls kReanchorMs behind.
        const qint64 mediaMs = us / 1000;
        const qint64 observed = realMs - mediaMs;
        if (!m_haveOffset || observed < m_offsetMs || observed - m_offsetMs > kReanchorMs) {
            m_offsetMs = observed;
            m_haveOffset = true;
        }
        const qint64 wallMs = mediaMs + m_offsetMs;
        const bool video = pkt->stream_index == m_videoIndex;
        const bool videoKey = video && (pkt->flags & AV_PKT_FLAG_KEY);
        pushRing(pkt.get(), wallMs, videoKey);
        {
            std::lock_guard lock(m_s->statusMutex);
            m_s->status.ringMs = m_ring.empty() ? 0 : m_ring.back().wallMs - m_ring.front().wallMs;
            if (!c.record && m_s->status.state != State::Buffering)
                m_s->status.state = State::Buffering;
        }
        if (!c.record && monotonicMs() - m_lastPostMs >= 500)
            post(); // state and ring length, twice a second at most

        const bool fromRing = !preUsed && c.preSeconds > 0 && !m_ring.empty();
        if (c.record && !m_seg && (videoKey || fromRing) && monotonicMs() >= m_writeBlockedUntilMs) {
            // Begin: from the ring (pre-alarm) once per start(), at its key frame at or before the moment
            // start() was called minus preSeconds; else at this key frame.
            std::size_t from = m_ring.size();
            if (fromRing) {
                const qint64 target = c.startedAtMs - qint64(c.preSeconds) * 1000;
                from = 0;
                for (std::size_t i = 0; i < m_ring.size(); ++i)
                    if (m_ring[i].videoKey && m_ring[i].wallMs <= target)
                        from = i;
            }
            preUsed = true;
            if (from < m_ring.size()) {
                const AVPacket *k = m_ring[from].pkt.get();
                const AVRational tb = m_in->streams[k->stream_index]->time_base;
                const std::int64_t kus =
                    av_rescale_q(k->dts != AV_NOPTS_VALUE ? k->dts : k->pts, tb, AV_TIME_BASE_Q);
                if (openSegment(m_ring[from].wallMs, kus)) {
                    // The ring holds this packet too (last): write it through the ring, not twice.
                    for (std::size_t i = from; i < m_ring.size(); ++i)
                        if (!writePacket(m_ring[i].pkt.get()))
                            break;
                    m_lastWrittenUs = us;
                }
                av_packet_unref(pkt.get());
                post();
                continue;
            }
            openSegment(wallMs, us);
        } else if (m_seg && videoKey &&
                   us - m_seg->offsetUs >= std::int64_t(m_opt.segmentSeconds) * 1000000 - kCutToleranceUs) {
            // Cut: the closed segment is complete and on disk before the next one exists.
            closeSegment();
            openSegment(wallMs, us);
        }
        if (m_seg && (!video || m_lastWrittenUs == AV_NOPTS_VALUE || us > m_lastWrittenUs)) {
            writePacket(pkt.get());
            if (video)
                m_lastWrittenUs = us;
            if (monotonicMs() - m_lastPostMs >= 500)
                post(); // bytes written, twice a second at most
        }
        av_packet_unref(pkt.get());
    }
}

} // namespace

Recorder::Recorder(RecorderOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_shared(std::make_shared<Shared>())
{
    if (m_options.segmentSeconds <= 0)
        m_options.segmentSeconds = 60;
    m_shared->options = m_options;
    m_shared->owner = this;
}

Recorder::~Recorder()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->quit = true;
        m_shared->record = false;
    }
    m_shared->cv.notify_all();
}

void Recorder::ensureWorker()
{
    if (m_workerStarted)
        return;
    m_workerStarted = true;
    core::WorkerThreads::start(QStringLiteral("recording-") + m_options.cameraId,
                               [s = m_shared] { Worker(s).run(); });
}

void Recorder::start(int preSeconds)
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->record = true;
        m_shared->preSeconds = std::max(0, preSeconds);
        m_shared->startedAtMs = QDateTime::currentMSecsSinceEpoch();
    }
    m_shared->cv.notify_all();
    ensureWorker();
    if (!m_status.recording) {
        m_status.recording = true;
        emit recordingChanged();
    }
}

void Recorder::stop()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->record = false;
        ++m_shared->stopSerial;
    }
    m_shared->cv.notify_all();
    ensureWorker(); // answers with stopped() even if nothing was recording
    if (m_status.recording) {
        m_status.recording = false;
        emit recordingChanged();
    }
}

void Recorder::setBuffering(bool on)
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->buffering = on;
    }
    m_shared->cv.notify_all();
    if (on)
        ensureWorker();
}

void Recorder::applyStatus()
{
    Status s;
    QStringList closed;
    int stops = 0;
    {
        std::lock_guard lock(m_shared->statusMutex);
        s = m_shared->status;
        closed.swap(m_shared->newlyClosed);
        stops = m_shared->stoppedToSignal;
        m_shared->stoppedToSignal = 0;
    }
    s.recording = m_status.recording; // intent is ours
    const Status old = std::exchange(m_status, s);
    m_closed += closed;
    if (old.state != s.state)
        emit stateChanged();
    if (old.bytesWritten != s.bytesWritten || old.currentSegment != s.currentSegment ||
        old.segmentsClosed != s.segmentsClosed)
        emit progressChanged();
    if (old.lastError != s.lastError)
        emit lastErrorChanged();
    for (const QString &p : closed)
        emit segmentClosed(p);
    for (int i = 0; i < stops; ++i)
        emit stopped();
}

} // namespace vigil::recording
