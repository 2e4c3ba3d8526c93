#include "vlc_source.h"

#include "frame_convert.h"
#include "vigil/core/logging.h"
#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"
#include "vlc_ptr.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QFileInfo>
#include <QtMultimedia/QVideoFrameFormat>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

extern "C" {
#include <libavutil/error.h>
}

namespace vigil::video {

namespace {

const QString kWorkerName = QStringLiteral("video-vlc");
constexpr std::int64_t kSettleNs = 300'000'000;

// One libVLC instance per process, made on first use by whichever worker needs it first (thread-safe static
// initialisation) and kept until exit: releasing it at exit could wait on VLC's threads. Quiet and light:
// no audio output, no title on the picture, no log on stderr, no X11 (frames leave through callbacks).
libvlc_instance_t *sharedInstance()
{
    static libvlc_instance_t *s_instance = [] {
        const char *args[] = {"--quiet",  "--no-audio", "--no-video-title-show",    "--no-xlib",
                              "--no-osd", "--no-spu",   "--no-sub-autodetect-file", "--no-snapshot-preview",
                              "--no-lua", "--no-stats"};
        libvlc_instance_t *i = libvlc_new(int(std::size(args)), args);
        if (!i) {
            const char *why = libvlc_errmsg();
            qCWarning(vigilVideo) << "libVLC did not start:" << (why ? why : "unknown reason");
        }
        return i;
    }();
    return s_instance;
}

// lupdate files tr() calls of a free function under its namespace, "vigil::video" (as stream_error.cpp does).
QString tr(const char *text)
{
    return QCoreApplication::translate("vigil::video", text);
}

// Frame duration from the media's first video track, in µs; 0 when unknown.
std::int64_t frameDurationUs(libvlc_media_player_t *mp, QString *codec)
{
    libvlc_media_t *media = libvlc_media_player_get_media(mp);
    if (!media)
        return 0;
    libvlc_media_track_t **tracks = nullptr;
    const unsigned n = libvlc_media_tracks_get(media, &tracks);
    std::int64_t us = 0;
    for (unsigned i = 0; i < n; ++i) {
        const libvlc_media_track_t *t = tracks[i];
        if (t->i_type != libvlc_track_video || !t->video)
            continue;
        if (t->video->i_frame_rate_num > 0 && t->video->i_frame_rate_den > 0)
            us = std::llround(1e6 * double(t->video->i_frame_rate_den) / double(t->video->i_frame_rate_num));
        if (codec) {
            const char *desc = libvlc_media_get_codec_description(libvlc_track_video, t->i_codec);
            *codec = desc && *desc ? QString::fromUtf8(desc).section(QLatin1Char(' '), 0, 0)
                                   : QString::fromLatin1(reinterpret_cast<const char *>(&t->i_codec), 4);
        }
        break;
    }
    if (tracks)
        libvlc_media_tracks_release(tracks, n);
    libvlc_media_release(media);
    return us;
}

} // namespace

FrameSourceFactory recordedFrameSourceFactory()
{
    return [](const FrameSource::Options &options,
              FrameSource::EventFn onEvent) -> std::shared_ptr<FrameSource> {
        return VlcSource::start(options, std::move(onEvent));
    };
}

std::shared_ptr<VlcSource> VlcSource::start(Options options, EventFn onEvent)
{
    std::shared_ptr<VlcSource> s(new VlcSource(std::move(options), std::move(onEvent)));
    // The worker holds a reference until it has stopped and released the player: requestStop() never waits.
    core::WorkerThreads::start(kWorkerName, [self = s] { self->run(); });
    return s;
}

VlcSource::VlcSource(Options options, EventFn onEvent)
    : m_options(std::move(options))
    , m_startNs(monotonicNs())
    , m_onEvent(std::move(onEvent))
{
    m_slot.setPrivacyMasks(m_options.source.privacyMasks); // before VLC shows any frame
    m_seekTargetMs = 0;
    m_seekStartNs = m_startNs;
    m_startPending = m_options.startMs > 0;
    m_startTargetMs = m_options.startMs;
    // Measured with VLC 3.0.24: after a seek its MP4 demuxer shows first one frame from up to five before
    // the one asked for, then goes on from the asked one; Matroska lands on (or within a B-frame group
    // before) the asked frame and plays on from there.
    const QString suffix = QFileInfo(m_options.source.url.path()).suffix().toLower();
    m_landsEarly = !(suffix == QLatin1String("mkv") || suffix == QLatin1String("mka") ||
                     suffix == QLatin1String("webm"));
}

VlcSource::~VlcSource() = default;

bool VlcSource::waitForAllStopped(int timeoutMs)
{
    return core::WorkerThreads::wait(timeoutMs, kWorkerName);
}

int VlcSource::runningCount()
{
    return core::WorkerThreads::runningCount(kWorkerName);
}

void VlcSource::requestStop()
{
    {
        std::lock_guard lock(m_eventMutex);
        m_onEvent = nullptr; // no event reaches the owner after this returns
    }
    {
        std::lock_guard lock(m_cmdMutex);
        m_stop.store(true);
    }
    m_cmdCv.notify_all();
}

SourceInfo VlcSource::info() const
{
    std::lock_guard lock(m_infoMutex);
    return m_info;
}

void VlcSource::post(Command c)
{
    {
        std::lock_guard lock(m_cmdMutex);
        if (m_stop.load())
            return;
        m_commands.push_back(c);
    }
    m_cmdCv.notify_all();
}

void VlcSource::setPaused(bool paused)
{
    post({Command::Pause, paused ? 1 : 0});
}

void VlcSource::seek(std::int64_t positionMs)
{
    post({Command::Seek, std::max<std::int64_t>(0, positionMs)});
}

void VlcSource::setRate(double rate)
{
    Command c{Command::Rate};
    c.rate = std::clamp(rate, kMinRate, kMaxRate);
    post(c);
}

void VlcSource::stepFrame()
{
    post({Command::Step});
}

void VlcSource::emitEvent(const SourceEvent &e)
{
    std::lock_guard lock(m_eventMutex);
    if (m_onEvent)
        m_onEvent(this, e);
}

void VlcSource::fail(int averror, const QString &detail)
{
    if (m_failed.exchange(true))
        return; // at most one Error
    qCInfo(vigilVideo).noquote() << "recording" << m_options.source.displayUrl() << "failed:" << detail;
    emitEvent({SourceEvent::Error, averror, detail});
}

void VlcSource::run() noexcept
{
    try {
        runPlayer();
    } catch (const std::exception &e) {
        qCWarning(vigilVideo) << "recorded-video worker failed:" << e.what();
        fail(AVERROR_BUG, QString::fromUtf8(e.what()));
    } catch (...) {
        fail(AVERROR_BUG, {});
    }
}

void VlcSource::runPlayer()
{
    const QUrl &url = m_options.source.url;
    const bool isFile = url.isLocalFile() || url.scheme().isEmpty();
    const QString path = url.isLocalFile() ? url.toLocalFile() : url.path();
    // The sentence names the file (local) or host:port (HTTP); no credentials.
    const QString name = isFile ? QFileInfo(path).fileName() : m_options.source.displayUrl();
    if (isFile && !QFileInfo(path).isFile()) { // on this worker: a disk access, never the GUI thread
        fail(AVERROR(ENOENT), name);
        return;
    }
    libvlc_instance_t *instance = sharedInstance();
    if (!instance) {
        fail(AVERROR_DECODER_NOT_FOUND,
             tr("libVLC could not start; install the VLC plugins (vlc-plugin-base)"));
        return;
    }

    vlc::MediaPtr media;
    if (isFile) {
        media.reset(libvlc_media_new_path(instance, QFile::encodeName(path).constData()));
    } else {
        // The only place the URL carries credentials; it never leaves this function.
        const QByteArray location =
            core::withCredentials(url, m_options.source.user, m_options.source.password)
                .toString(QUrl::FullyEncoded)
                .toUtf8();
        media.reset(libvlc_media_new_location(instance, location.constData()));
    }
    if (!media) {
        fail(AVERROR(ENOMEM), tr("libVLC could not create the media"));
        return;
    }
    // Every decoded frame is shown (late ones too: the frame count is the position, see the header), on
    // few decoder threads; short caching so a seek shows its frame quickly.
    const QByteArray threads =
        ":avcodec-threads=" + QByteArray::number(std::max(1, m_options.decoderThreads));
    const QByteArray netCaching =
        ":network-caching=" + QByteArray::number(std::clamp(m_options.connectTimeoutMs / 10, 300, 1500));
    for (const QByteArray &opt :
         {QByteArray(":no-drop-late-frames"), QByteArray(":no-skip-frames"),
          QByteArray(":no-avcodec-hurry-up"), QByteArray(":file-caching=150"), threads, netCaching})
        libvlc_media_add_option(media.get(), opt.constData());

    vlc::PlayerPtr player(libvlc_media_player_new_from_media(media.get()));
    if (!player) {
        fail(AVERROR(ENOMEM), tr("libVLC could not create a player"));
        return;
    }
    libvlc_media_player_t *mp = player.get();
    m_player = mp;
    libvlc_video_set_format_callbacks(mp, &VlcSource::onFormat, &VlcSource::onCleanup);
    libvlc_video_set_callbacks(mp, &VlcSource::onLock, &VlcSource::onUnlock, &VlcSource::onDisplay, this);
    libvlc_event_manager_t *events = libvlc_media_player_event_manager(mp);
    const libvlc_event_type_t kinds[] = {libvlc_MediaPlayerPlaying, libvlc_MediaPlayerEncounteredError,
                                         libvlc_MediaPlayerEndReached, libvlc_MediaPlayerLengthChanged,
                                         libvlc_MediaPlayerBuffering};
    for (libvlc_event_type_t k : kinds)
        libvlc_event_attach(events, k, &VlcSource::onVlcEvent, this);

    if (!m_stop.load()) {
        if (libvlc_media_player_play(mp) != 0)
            fail(AVERROR_DEMUXER_NOT_FOUND, name);
    }

    // Commands until stop. Each takes VLC's input lock only briefly; none runs on the caller's thread.
    // Between commands, every 50 ms, the frame count is checked against VLC's own clock (see resync()).
    using namespace std::chrono_literals;
    while (true) {
        std::optional<Command> c;
        {
            std::unique_lock lock(m_cmdMutex);
            m_cmdCv.wait_for(lock, 50ms,
                             [&] { return m_stop.load() || !m_commands.empty() || m_needStartSeek.load(); });
            if (m_stop.load())
                break;
            if (m_needStartSeek.exchange(false)) {
                lock.unlock();
                waitSettled();
                const std::int64_t target = m_startTargetMs.load();
                beginSeek(target);
                m_reportSeekDone = m_startIsSeek.load(); // the start is no operator's seek; a replay is
                m_startSeekIssued = true;
                libvlc_media_player_set_time(mp, libvlc_time_t(target));
                continue;
            }
            if (!m_commands.empty()) {
                c = m_commands.front();
                m_commands.pop_front();
            }
        }
        if (c)
            execute(mp, *c);
        else
            idle(mp);
    }

    // Stop and release here, on the worker: both block while VLC joins its threads.
    libvlc_media_player_stop(mp);
    for (libvlc_event_type_t k : kinds)
        libvlc_event_detach(events, k, &VlcSource::onVlcEvent, this);
    m_player = nullptr;
    player.reset();
    media.reset();
}

void VlcSource::beginSeek(std::int64_t targetMs)
{
    m_resyncMs = -1;
    // VLC's time is stale for a while after a seek (over HTTP it was seen at the key frame before the
    // target).
    m_resyncHoldNs = monotonicNs() + 1'500'000'000;
    m_bufferingStarted = false;
    m_anchorReady = false;
    m_seekTargetMs = targetMs;
    m_seekStartNs = monotonicNs();
    m_reportSeekDone = true;
    m_seeking = true;
}

// VLC 3 transport pitfalls measured with marked recordings (tests/support/video/marked_recording.h):
// changing the rate while paused, or right after resuming from a paused seek or a frame step, makes it play
// frames from seconds earlier; so a rate asked while paused is applied 300 ms after playback resumes.
void VlcSource::execute(libvlc_media_player_t *mp, const Command &c)
{
    switch (c.kind) {
    case Command::Pause:
        if (c.value && !m_paused) {
            libvlc_media_player_set_pause(mp, 1);
            m_paused = true;
        } else if (!c.value && m_paused) {
            libvlc_media_player_set_pause(mp, 0);
            m_paused = false;
            if (m_wantRate != m_vlcRate)
                m_rateDueNs = monotonicNs() + 300'000'000;
        }
        break;
    case Command::Seek: {
        const std::int64_t length = m_durationMs.load();
        const std::int64_t target =
            length > 0 ? std::min(c.value, std::max<std::int64_t>(0, length - 1)) : c.value;
        if (m_ended.load()) {
            // VLC 3 keeps an ended input until stop(): play it again, then seek as when opening at a
            // position (the first frames are held back until the seek has landed).
            libvlc_media_player_stop(mp);
            m_ended = false;
            m_vlcRate = 1;
            m_firstDisplayNs = 0;
            m_settleNs = 0;
            m_firstShown = true; // the picture of the end stays; FirstFrame was reported
            m_startTargetMs = target;
            m_startIsSeek = true;
            m_startSeekIssued = false;
            m_startPending = true;
            m_seeking = true;
            m_bufferingStarted = false;
            m_anchorReady = false;
            libvlc_media_player_play(mp);
            if (m_paused)
                libvlc_media_player_set_pause(mp, 1);
            else if (m_wantRate != 1)
                m_rateDueNs = monotonicNs() + 300'000'000;
            break;
        }
        waitSettled();
        beginSeek(target);
        libvlc_media_player_set_time(mp, libvlc_time_t(target));
        break;
    }
    case Command::Rate:
        m_wantRate = c.rate;
        if (m_wantRate != m_vlcRate)
            m_rateDueNs = std::max(monotonicNs(), m_rateDueNs);
        applyRateIfDue(mp);
        break;
    case Command::Step:
        if (m_ended.load())
            break;
        libvlc_media_player_next_frame(mp); // pauses
        m_paused = true;
        break;
    }
}

// VLC 3 recreates its video output once or twice as the decoder settles on its picture size, and a seek
// issued meanwhile can show a frame from before it after its buffering has ended (measured: a seek right
// after the first frame "landed" on frame 1). Seeks wait until the output has been stable for 300 ms after
// the first frame (at most 3 s).
void VlcSource::waitSettled()
{
    const std::int64_t deadline = monotonicNs() + 3'000'000'000;
    std::unique_lock lock(m_cmdMutex);
    while (!m_stop.load()) {
        const std::int64_t now = monotonicNs();
        const std::int64_t first = m_firstDisplayNs.load();
        if (now >= deadline || m_failed.load() || (first != 0 && now >= m_settleNs.load()))
            return;
        m_cmdCv.wait_for(lock, std::chrono::milliseconds(20));
    }
}

// A rate change waits while paused, while a seek is under way, and until 300 ms after a seek landed or
// playback resumed (see the class comment).
void VlcSource::applyRateIfDue(libvlc_media_player_t *mp)
{
    if (!m_rateDueNs || m_paused || m_seeking.load() || m_wantRate == m_vlcRate)
        return;
    const std::int64_t now = monotonicNs();
    const std::int64_t due = std::max(m_rateDueNs, m_anchorReadyNs.load() + kSettleNs);
    if (now < due)
        return;
    m_rateDueNs = 0;
    libvlc_media_player_set_rate(mp, float(m_wantRate));
    m_vlcRate = m_wantRate;
    m_rateHoldNs = now + 1'000'000'000; // VLC's clock settles first
}

void VlcSource::idle(libvlc_media_player_t *mp)
{
    applyRateIfDue(mp);
    resync(mp, monotonicNs());
}

// The frame count misses frames VLC skips by itself (it drops a few when the rate changes or playback resumes
// after a frame step): while playing, compare it with VLC's clock (the demuxer's time less what is buffered,
// updated every 250 ms: right to a frame or two just after it changed) and, when they differ by more than
// 60 ms of media (times the rate), start counting again from VLC's time.
void VlcSource::resync(libvlc_media_player_t *mp, std::int64_t now)
{
    if (m_paused || m_ended.load() || m_seeking.load() || m_startPending.load() || !m_opened.load() ||
        now < m_rateHoldNs)
        return;
    const std::int64_t position = m_positionMs.load();
    if (position < 0 || libvlc_media_player_get_state(mp) != libvlc_Playing)
        return;
    // VLC's time changes every 250 ms; right after it changed it is the shown frame's to a frame or two.
    const std::int64_t vlcMs = libvlc_media_player_get_time(mp);
    if (vlcMs == m_lastVlcMs)
        return;
    m_lastVlcMs = vlcMs;
    // For a while after a seek VLC's time is stale: the target itself, or (over HTTP) the key frame before
    // it.
    if (now < m_resyncHoldNs && vlcMs <= m_seekTargetMs.load())
        return;
    const std::int64_t tolerance = std::int64_t(60 * std::max(1.0, m_vlcRate));
    if (vlcMs >= 0 && std::abs(vlcMs - position) > tolerance) {
        qCDebug(vigilVideo) << "recorded position resynchronised:" << position << "ms counted," << vlcMs
                            << "ms by VLC";
        m_resyncAtNs = now;
        m_resyncRate = m_vlcRate;
        m_resyncMs = vlcMs;
    }
}

void VlcSource::onVlcEvent(const libvlc_event_t *event, void *opaque) noexcept
{
    // libVLC's thread: plain data and posts only; no call into the player (its lock may be held).
    auto *self = static_cast<VlcSource *>(opaque);
    try {
        switch (event->type) {
        case libvlc_MediaPlayerPlaying:
            if (!self->m_opened.exchange(true)) {
                {
                    std::lock_guard lock(self->m_infoMutex);
                    self->m_info.openMs = double(monotonicNs() - self->m_startNs) / 1e6;
                }
                self->emitEvent({SourceEvent::Opened, 0, {}});
            }
            break;
        case libvlc_MediaPlayerEncounteredError: {
            const QUrl &url = self->m_options.source.url;
            if (url.isLocalFile() || url.scheme().isEmpty())
                self->fail(AVERROR_DEMUXER_NOT_FOUND, QFileInfo(url.toLocalFile()).fileName());
            else
                self->fail(AVERROR(EIO), tr("the recording could not be opened or played"));
            break;
        }
        case libvlc_MediaPlayerEndReached:
            if (!self->m_firstShown.load()) {
                // The end without a single picture: not a video VLC can play.
                const QUrl &url = self->m_options.source.url;
                self->fail(AVERROR_DEMUXER_NOT_FOUND, url.isLocalFile()
                                                          ? QFileInfo(url.toLocalFile()).fileName()
                                                          : self->m_options.source.displayUrl());
                break;
            }
            self->m_ended = true;
            // The last frame is on screen: its time is the length less a frame (the count may lag).
            if (const std::int64_t length = self->m_durationMs.load(); length > 0)
                self->m_positionMs =
                    std::max(self->m_positionMs.load(), length - self->m_frameUs.load() / 1000);
            if (!self->m_failed.load())
                self->emitEvent({SourceEvent::EndOfMedia, 0, {}});
            break;
        case libvlc_MediaPlayerLengthChanged:
            self->m_durationMs = std::int64_t(event->u.media_player_length_changed.new_length);
            break;
        case libvlc_MediaPlayerBuffering:
            // VLC buffers from 0 to 100 % after a seek (and at the start); once it is done, its next frame
            // is the anchor. A 100 % still on its way from before the seek is not this seek's: the anchor
            // needs a buffering start seen after the seek first.
            if (event->u.media_player_buffering.new_cache < 100.f) {
                if (self->m_seeking.load())
                    self->m_bufferingStarted = true;
            } else if (self->m_seeking.load() && self->m_bufferingStarted.load()) {
                self->m_seeking = false;
                self->m_anchorReadyNs = monotonicNs();
                self->m_anchorReady = true;
            }
            break;
        default:
            break;
        }
    } catch (...) {
    }
}

unsigned VlcSource::onFormat(void **opaque, char *chroma, unsigned *width, unsigned *height,
                             unsigned *pitches, unsigned *lines) noexcept
{
    auto *self = static_cast<VlcSource *>(*opaque);
    try {
        // VLC 3 passes the decoder's padded size (640x386 for 640x360) and would scale into it: ask for the
        // picture's own size, so VLC only copies.
        unsigned w = *width, h = *height;
        unsigned vw = 0, vh = 0;
        if (self->m_player && libvlc_video_get_size(self->m_player, 0, &vw, &vh) == 0 && vw > 0 && vh > 0) {
            w = vw;
            h = vh;
        }
        w &= ~1u; // I420: even sizes
        h &= ~1u;
        if (w == 0 || h == 0)
            return 0;
        QString codec;
        const std::int64_t us = self->m_player ? frameDurationUs(self->m_player, &codec) : 0;
        if (us > 0)
            self->m_frameUs = us;
        std::memcpy(chroma, "I420", 4);
        *width = w;
        *height = h;
        // Lines and pitches are those of the QVideoFrame each picture is copied into (lock), so VLC copies
        // once, straight into the frame the sink will show.
        const QSize alloc = paddedFrameSize(QSize(int(w), int(h)));
        QVideoFrame probe(QVideoFrameFormat(alloc, QVideoFrameFormat::Format_YUV420P));
        if (!probe.isValid() || !probe.map(QVideoFrame::WriteOnly))
            return 0;
        for (int i = 0; i < 3; ++i) {
            pitches[i] = unsigned(probe.bytesPerLine(i));
            self->m_pitches[i] = pitches[i];
        }
        probe.unmap();
        lines[0] = unsigned(alloc.height());
        lines[1] = lines[2] = unsigned(alloc.height() / 2);
        self->m_width = int(w);
        self->m_height = int(h);
        self->m_allocSize = alloc;
        self->m_settleNs = std::max(self->m_settleNs.load(), monotonicNs() + kSettleNs);
        {
            std::lock_guard lock(self->m_infoMutex);
            self->m_info.width = int(w);
            self->m_info.height = int(h);
            if (!codec.isEmpty())
                self->m_info.codec = codec;
        }
        return 1;
    } catch (...) {
        return 0;
    }
}

void VlcSource::onCleanup(void *opaque) noexcept
{
    auto *self = static_cast<VlcSource *>(opaque);
    if (self->m_pendingMapped) {
        self->m_pending.unmap();
        self->m_pendingMapped = false;
    }
    self->m_pending = QVideoFrame();
}

void *VlcSource::onLock(void *opaque, void **planes) noexcept
{
    auto *self = static_cast<VlcSource *>(opaque);
    try {
        QVideoFrameFormat format(self->m_allocSize, QVideoFrameFormat::Format_YUV420P);
        if (self->m_allocSize != QSize(self->m_width, self->m_height))
            format.setViewport(QRect(0, 0, self->m_width, self->m_height));
        format.setColorRange(QVideoFrameFormat::ColorRange_Video);
        // libVLC 3 does not tell the matrix; the live engine reads an unspecified one as BT.601, so the same
        // camera looks the same live and recorded (left undefined, Qt's shader shifted reds to orange).
        format.setColorSpace(QVideoFrameFormat::ColorSpace_BT601);
        QVideoFrame frame(format);
        if (frame.isValid() && frame.map(QVideoFrame::WriteOnly) &&
            unsigned(frame.bytesPerLine(0)) == self->m_pitches[0] &&
            unsigned(frame.bytesPerLine(1)) == self->m_pitches[1] &&
            unsigned(frame.bytesPerLine(2)) == self->m_pitches[2]) {
            for (int i = 0; i < 3; ++i)
                planes[i] = frame.bits(i);
            self->m_pending = std::move(frame);
            self->m_pendingMapped = true;
            return self;
        }
    } catch (...) {
    }
    // Cannot happen with Qt's memory buffers (same format, same pitches); VLC still needs somewhere to write.
    static thread_local std::vector<uchar> s_scratch;
    s_scratch.resize(size_t(self->m_pitches[0]) * size_t(self->m_allocSize.height()) * 2 + 64);
    planes[0] = planes[1] = planes[2] = s_scratch.data();
    self->m_pending = QVideoFrame();
    self->m_pendingMapped = false;
    return nullptr;
}

void VlcSource::onUnlock(void *opaque, void * /*picture*/, void *const * /*planes*/) noexcept
{
    auto *self = static_cast<VlcSource *>(opaque);
    if (!self->m_pendingMapped)
        return;
    // Fill the padding rows with the last real row (as frame_convert does): a renderer that ignores the
    // viewport shows no band.
    const int h = self->m_height, ph = self->m_allocSize.height();
    for (int plane = 0; plane < 3 && ph > h; ++plane) {
        const int rows = plane == 0 ? h : h / 2;
        const int padded = plane == 0 ? ph : ph / 2;
        const int bpl = self->m_pending.bytesPerLine(plane);
        uchar *bits = self->m_pending.bits(plane);
        for (int y = rows; y < padded && rows > 0; ++y)
            std::memcpy(bits + qsizetype(y) * bpl, bits + qsizetype(rows - 1) * bpl, size_t(bpl));
    }
    // A fingerprint of the picture: VLC 3 shows the same picture again (every ~70 ms while paused, at slow
    // rates, twice after a resume), and a repeat is not a new frame.
    std::uint64_t hash = 1469598103934665603ull;
    const int bpl0 = self->m_pending.bytesPerLine(0);
    const uchar *y0 = self->m_pending.bits(0);
    const int words = self->m_width / 8;
    for (int y = 0; y < h; ++y) {
        const uchar *row = y0 + qsizetype(y) * bpl0;
        for (int i = 0; i < words; ++i) {
            std::uint64_t v;
            std::memcpy(&v, row + i * 8, 8);
            hash = (hash ^ v) * 1099511628211ull;
        }
    }
    self->m_pendingHash = hash;
    self->m_pending.unmap();
    self->m_pendingMapped = false;
}

void VlcSource::onDisplay(void *opaque, void *picture) noexcept
{
    auto *self = static_cast<VlcSource *>(opaque);
    if (!picture || !self->m_pending.isValid())
        return;
    try {
        const std::int64_t now = monotonicNs();
        const std::int64_t frameUs = self->m_frameUs.load();
        bool seekDone = false;
        if (self->m_firstDisplayNs.load() == 0) {
            self->m_firstDisplayNs = now;
            self->m_settleNs = std::max(self->m_settleNs.load(), now + kSettleNs);
        }
        // A picture VLC shows again has the same fingerprint as the last one (held-back ones included).
        const bool repeat = self->m_pendingHash == self->m_lastHash && self->m_lastHashValid;
        self->m_lastHash = self->m_pendingHash;
        self->m_lastHashValid = true;
        if (self->m_startPending.load()) {
            // Opening at startMs: the file's first frame, or one before the start seek landed, is not shown.
            if (!self->m_startSeekIssued.load()) {
                self->m_anchorReady = false;
                if (!self->m_needStartSeek.exchange(true)) {
                    std::lock_guard lock(self->m_cmdMutex);
                    self->m_cmdCv.notify_all();
                }
                return;
            }
            if (!self->m_anchorReady.load() || repeat)
                return;
            self->m_startPending = false; // this frame is the start seek's anchor
        }
        // A seek whose buffering end VLC did not report (it always does, but never hang on it): after 2 s
        // of frames, take the next one as the anchor.
        if (self->m_seeking.load() && now - self->m_seekStartNs.load() > 2'000'000'000) {
            self->m_seeking = false;
            self->m_anchorReadyNs = now;
            self->m_anchorReady = true;
        }
        // The same picture again (VLC re-renders its last one every ~70 ms while it has nothing new, during
        // a seek's buffering too): already in the slot, not a frame. Unless a seek that landed on the very
        // picture on screen has had nothing else to show for 300 ms.
        if (repeat) {
            const std::int64_t target = self->m_seekTargetMs.load();
            const bool landedOnSame = self->m_anchorReady.load() &&
                                      now - self->m_anchorReadyNs.load() > kSettleNs &&
                                      std::abs(target - self->m_positionMs.load()) * 1000 <= frameUs;
            if (!landedOnSame)
                return;
        }
        if (self->m_anchorReady.exchange(false)) {
            const std::int64_t targetUs = self->m_seekTargetMs.load() * 1000;
            // The first frame at or after the target, on the frame grid; from MP4, VLC 3.0 first shows the
            // frame before it (measured, see the class comment), which the count then carries.
            std::int64_t index = (targetUs + frameUs - 1000) / frameUs;
            self->m_targetAfterEarly = -1;
            if (self->m_landsEarly && index > 0) {
                self->m_targetAfterEarly = index * frameUs / 1000; // the next new frame is the target
                --index;
            }
            self->m_anchorMs = index * frameUs / 1000;
            self->m_framesSinceAnchor = 0;
            seekDone = self->m_reportSeekDone.exchange(false);
        } else if (self->m_targetAfterEarly >= 0 && !self->m_seeking.load()) {
            self->m_anchorMs = std::exchange(self->m_targetAfterEarly, -1);
            self->m_framesSinceAnchor = 0;
        } else if (const std::int64_t resync = self->m_resyncMs.exchange(-1); resync >= 0) {
            // VLC's time then, moved on by the media time played since.
            const double since = double(now - self->m_resyncAtNs.load()) / 1e3 * self->m_resyncRate.load();
            const std::int64_t us = resync * 1000 + std::int64_t(since);
            self->m_anchorMs = (us + frameUs / 2) / frameUs * frameUs / 1000;
            self->m_framesSinceAnchor = 0;
        } else if (!self->m_seeking.load()) {
            ++self->m_framesSinceAnchor;
        }
        // (While seeking, a frame shown before VLC flushed is the old position's: it keeps the old time.)
        if (!self->m_seeking.load())
            self->m_positionMs = self->m_anchorMs + self->m_framesSinceAnchor * frameUs / 1000;
        const bool first = !self->m_firstShown.exchange(true);
        {
            std::lock_guard lock(self->m_infoMutex);
            ++self->m_info.framesDecoded;
            if (first)
                self->m_info.firstFrameMs = double(now - self->m_startNs) / 1e6;
        }
        self->m_slot.put(std::exchange(self->m_pending, QVideoFrame()), now);
        if (first)
            self->emitEvent({SourceEvent::FirstFrame, 0, self->info().codec});
        if (seekDone)
            self->emitEvent({SourceEvent::SeekDone, 0, {}});
    } catch (...) {
    }
}

} // namespace vigil::video
