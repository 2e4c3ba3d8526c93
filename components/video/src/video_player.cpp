#include "vigil/video/video_player.h"

#include "frame_pacer.h"
#include "live_session.h"
#include "reconnect_policy.h"
#include "vigil/core/logging.h"
#include "vigil/core/worker_threads.h"
#include "vigil/video/stream_error.h"
#include "vlc_source.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtGui/QImage>

#include <algorithm>
#include <cmath>

namespace vigil::video {

struct VideoPlayer::Private
{
    ReconnectPolicy policy;
    FrameSourceFactory factory = liveFrameSourceFactory();
    std::int64_t lastShownNs = 0;
    qint64 shownTotal = 0;
    qint64 decodedBase = 0; // frames of sessions already closed
    qint64 droppedBase = 0;
    QList<float> latencySamples;
    double latencySumMs = 0;
    int latencyCount = 0;
    std::int64_t statsLastNs = 0;
    qint64 statsLastDecoded = 0;
    qint64 statsLastShown = 0;
    std::int64_t statsLastBytes = 0;

    // Recordings (openRecording()); all at their defaults for live streams.
    bool recorded = false;
    QList<QPolygonF> recordingMasks; // setRecordingMasks()
    FrameSourceFactory recordedFactory = recordedFrameSourceFactory();
    FrameSourceFactory replayFactory = replayFrameSourceFactory(); // recordings served over RTSP
    std::int64_t replayClockStartMs = -1; // an ONVIF replay URI's recording start (openRecording())
    int caps = 0;
    double positionMs = -1;
    double durationMs = -1;
    bool paused = false;
    double rate = 1;
    bool atEnd = false;
    std::int64_t startMs = 0; // where the next session opens (the start, then the last position)
    double seekTargetMs = -1; // a seek under way: shown as the position until the engine lands
    std::int64_t seekNs = 0;
    std::int64_t lastPositionNs = 0;
    std::int64_t watchdogBaseNs = 0; // the last transport action: no frames since then is not a stall
};

namespace {
constexpr std::int64_t kPositionRefreshNs = 100'000'000; // positionChanged at most ~10x/s
constexpr std::int64_t kSeekShownNs = 3'000'000'000;     // the asked position is shown at most this long
} // namespace

namespace {
QList<VideoPlayer *> &players()
{
    static QList<VideoPlayer *> list;
    return list;
}
} // namespace

const QList<VideoPlayer *> &VideoPlayer::all()
{
    return players();
}

VideoPlayer::VideoPlayer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    players().append(this);
    m_watchdog.setInterval(250);
    connect(&m_watchdog, &QTimer::timeout, this, &VideoPlayer::onWatchdog);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] {
        if (m_desired == DesiredState::Playing)
            startSession(false);
    });
    m_statsTimer.setInterval(1000);
    connect(&m_statsTimer, &QTimer::timeout, this, &VideoPlayer::updateStats);
}

VideoPlayer::~VideoPlayer()
{
    players().removeOne(this);
    FramePacer::instance().remove(this);
    if (m_session)
        m_session->requestStop();
    if (m_incoming)
        m_incoming->requestStop();
    if (m_preload)
        m_preload->requestStop();
}

void VideoPlayer::setVideoSink(QVideoSink *sink)
{
    if (m_sink == sink)
        return;
    m_sink = sink;
    if (m_sink && m_currentFrame.isValid())
        m_sink->setVideoFrame(m_currentFrame);
    emit videoSinkChanged();
}

void VideoPlayer::setStallTimeoutMs(int ms)
{
    ms = std::max(500, ms);
    if (m_stallTimeoutMs == ms)
        return;
    m_stallTimeoutMs = ms;
    emit stallTimeoutMsChanged();
}

void VideoPlayer::setSource(const MediaSource &source, SwitchMode mode)
{
    setSourceFor(source, mode, false, 0);
}

void VideoPlayer::setSourceFor(const MediaSource &source, SwitchMode mode, bool recorded,
                               std::int64_t startMs)
{
    if (m_source == source && d->recorded == recorded)
        return;
    if (d->recorded || recorded) {
        d->recorded = recorded;
        resetTransport();
        d->startMs = recorded ? std::max<std::int64_t>(0, startMs) : 0;
    }
    m_previousSource = m_source;
    m_source = source;
    emit sourceChanged();
    if (m_desired != DesiredState::Playing)
        return;
    if (mode == SwitchMode::Clean) {
        clearPicture();
        startSession(false);
        return;
    }
    // Seamless: keep showing the current picture until the new stream's first frame; only then retire the
    // old session. No black flash.
    startSession(m_session && m_hasFrame && m_status == Status::Playing);
}

void VideoPlayer::clearPicture()
{
    m_currentFrame = QVideoFrame();
    if (m_sink)
        m_sink->setVideoFrame(QVideoFrame());
    if (m_hasFrame) {
        m_hasFrame = false;
        emit hasFrameChanged();
    }
    d->lastShownNs = 0;
    if (!m_lastFrameTime.isNull()) {
        m_lastFrameTime = QDateTime();
        emit lastFrameTimeChanged();
    }
}

bool VideoPlayer::openUrl(const QString &text, const QString &user, const QString &password)
{
    QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const bool known = scheme == QLatin1String("rtsp") || scheme == QLatin1String("rtsps") ||
                       scheme == QLatin1String("http") || scheme == QLatin1String("https");
    if (!url.isValid() || !known || url.host().isEmpty()) {
        stop();
        setError(
            ErrorCategory::Fatal,
            tr("This is not a stream address. Type it like rtsp://192.168.1.64:554/Streaming/Channels/101."));
        return false;
    }
    MediaSource source;
    source.user = user.isEmpty() ? url.userName() : user;
    source.password = password.isEmpty() ? url.password() : password;
    url.setUserInfo({});
    source.url = url;
    setSource(source);
    play();
    return true;
}

bool VideoPlayer::openRecording(const QString &urlOrPath, double startMs)
{
    const QString text = urlOrPath.trimmed();
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    // A path (absolute, relative, or with a Windows drive letter's one-letter "scheme") is a local file.
    if (!text.isEmpty() && (scheme.isEmpty() || scheme.size() == 1))
        url = QUrl::fromLocalFile(QFileInfo(text).absoluteFilePath());
    const QString kind = url.scheme().toLower();
    const bool file = kind == QLatin1String("file") && !url.toLocalFile().isEmpty();
    const bool http =
        (kind == QLatin1String("http") || kind == QLatin1String("https")) && !url.host().isEmpty();
    const bool rtsp =
        (kind == QLatin1String("rtsp") || kind == QLatin1String("rtsps")) && !url.host().isEmpty();
    if (!url.isValid() || !(file || http || rtsp)) {
        stop();
        setError(
            ErrorCategory::Fatal,
            tr("This is not a recording. Give a video file or an http(s) or rtsp address of a recording."));
        return false;
    }
    // An ONVIF replay URI: the fragment says when its recording starts (the engine sends Range: clock=).
    std::int64_t clockStartMs = -1;
    if (rtsp && url.fragment().startsWith(QLatin1String("onvif-start="))) {
        const QDateTime start = QDateTime::fromString(url.fragment().mid(12), Qt::ISODateWithMs);
        if (start.isValid())
            clockStartMs = start.toMSecsSinceEpoch();
        url.setFragment({});
    }
    MediaSource source;
    source.user = url.userName();
    source.password = url.password();
    url.setUserInfo({});
    source.url = url;
    source.privacyMasks = d->recordingMasks;
    // Every recording has a timeline: files and HTTP go to libVLC, RTSP playback URLs to the FFmpeg replay
    // engine (openSource() picks by scheme).
    const bool recorded = true;
    if (recorded && m_source == source && d->recorded && m_session) {
        seek(startMs); // the recording already open: go to the asked position
        play();
        return true;
    }
    d->replayClockStartMs = clockStartMs;
    setSourceFor(source, SwitchMode::Clean, recorded, std::int64_t(startMs));
    play();
    return true;
}

void VideoPlayer::setRecordingMasks(const QList<QPolygonF> &masks)
{
    d->recordingMasks = masks;
}

void VideoPlayer::play()
{
    if (m_desired != DesiredState::Playing) {
        m_desired = DesiredState::Playing;
        emit desiredStateChanged();
    }
    if (m_source.isNull()) {
        setStatus(Status::Idle);
        setError(ErrorCategory::Fatal, tr("No stream is selected for this tile."));
        return;
    }
    if (!m_session && !m_incoming) {
        d->policy.reset();
        startSession(false);
    }
}

void VideoPlayer::retryNow()
{
    if (m_desired != DesiredState::Playing || m_source.isNull() || m_session)
        return; // stopped, nothing to play, or an attempt is under way / the stream plays
    qCInfo(vigilVideo).noquote() << "retrying" << m_source.displayUrl() << "now (operator)";
    d->policy.reset();
    startSession(false);
}

void VideoPlayer::setFrameSourceFactory(FrameSourceFactory factory)
{
    d->factory = factory ? std::move(factory) : liveFrameSourceFactory();
}

int VideoPlayer::pendingRetryMs() const
{
    return m_reconnect.isActive() ? m_reconnect.interval() : -1;
}

void VideoPlayer::stop()
{
    if (m_desired != DesiredState::Stopped) {
        m_desired = DesiredState::Stopped;
        emit desiredStateChanged();
    }
    for (auto *s : {&m_session, &m_incoming}) {
        if (*s) {
            (*s)->requestStop();
            s->reset();
        }
    }
    cancelPreload();
    m_watchdog.stop();
    m_reconnect.stop();
    m_statsTimer.stop();
    FramePacer::instance().remove(this);
    refreshCapabilities();
    setAtEnd(false);
    clearPicture();
    setError(ErrorCategory::None, {});
    setStatus(Status::Idle);
}

void VideoPlayer::startSession(bool seamless)
{
    m_reconnect.stop();
    if (m_incoming) {
        m_incoming->requestStop();
        m_incoming.reset();
    }
    auto session = openSource(m_source);
    if (d->recorded) {
        d->watchdogBaseNs = monotonicNs();
        setAtEnd(false);
    }

    if (seamless) {
        m_incoming = session;
    } else {
        if (m_session) {
            const auto info = m_session->info();
            d->decodedBase += info.framesDecoded;
            d->droppedBase += m_session->slot().framesDropped();
            m_session->requestStop();
        }
        m_session = session;
        setStatus(m_hasFrame ? Status::Reconnecting : Status::Connecting);
        refreshCapabilities();
    }
    FramePacer::instance().add(this);
    m_watchdog.start();
    if (!m_statsTimer.isActive())
        m_statsTimer.start();
    qCInfo(vigilVideo).noquote() << "opening" << m_source.displayUrl()
                                 << (seamless ? "(seamless switch)" : "");
}

std::shared_ptr<FrameSource> VideoPlayer::openSource(const MediaSource &source)
{
    FrameSource::Options options;
    options.source = source;
    options.readTimeoutMs = std::max(m_stallTimeoutMs + 1000, 3000);
    if (d->recorded) {
        options.startMs = d->startMs;
        options.replayClockStartMs = d->replayClockStartMs;
    }
    // The engine only posts to the GUI thread (never after requestStop() has returned, so nothing is posted
    // for a retired source). Events carry the source's id so late ones are recognised.
    const bool rtspReplay = d->recorded && source.url.scheme().startsWith(QLatin1String("rtsp"));
    const FrameSourceFactory &factory =
        !d->recorded ? d->factory : (rtspReplay ? d->replayFactory : d->recordedFactory);
    auto created = factory(options, [this](FrameSource *s, const SourceEvent &e) {
        const quint64 id = s->id();
        QMetaObject::invokeMethod(
            this, [this, id, e] { onSourceEvent(id, int(e.kind), e.detail, e.averror); },
            Qt::QueuedConnection);
    });
    if (created && m_keyFramesOnly)
        created->setKeyFramesOnly(true);
    if (created && d->recorded) {
        // A reopened recording keeps the operator's speed and pause.
        if (d->rate != 1 && (created->capabilities() & FrameSource::CanChangeRate))
            created->setRate(d->rate);
        if (d->paused && (created->capabilities() & FrameSource::CanPause))
            created->setPaused(true);
    }
    return created;
}

void VideoPlayer::setKeyFramesOnly(bool on)
{
    if (m_keyFramesOnly == on)
        return;
    m_keyFramesOnly = on;
    for (const auto &s : {m_session, m_incoming, m_preload}) {
        if (s)
            s->setKeyFramesOnly(on);
    }
    emit keyFramesOnlyChanged();
}

void VideoPlayer::preload(const MediaSource &source)
{
    cancelPreload();
    if (source.isNull())
        return;
    m_preloadSource = source;
    m_preload = openSource(source);
    qCInfo(vigilVideo).noquote() << "pre-connecting" << source.displayUrl();
}

void VideoPlayer::cancelPreload()
{
    if (m_preload) {
        m_preload->requestStop();
        m_preload.reset();
    }
    m_preloadSource = {};
    m_preloadHasFrame = false;
}

bool VideoPlayer::commitPreload()
{
    if (!isPreloadReady())
        return false;
    if (m_incoming) {
        m_incoming->requestStop();
        m_incoming.reset();
    }
    if (m_session) {
        d->decodedBase += m_session->info().framesDecoded;
        d->droppedBase += m_session->slot().framesDropped();
        m_session->requestStop();
    }
    m_session = std::exchange(m_preload, nullptr);
    m_preloadHasFrame = false;
    refreshCapabilities();
    m_previousSource = m_source;
    m_source = std::exchange(m_preloadSource, {});
    m_reconnect.stop();
    d->policy.reset();
    if (m_desired != DesiredState::Playing) {
        m_desired = DesiredState::Playing;
        emit desiredStateChanged();
    }
    emit sourceChanged();
    FramePacer::instance().add(this);
    m_watchdog.start();
    if (!m_statsTimer.isActive())
        m_statsTimer.start();
    setError(ErrorCategory::None, {});
    setStatus(Status::Playing);
    qCInfo(vigilVideo).noquote() << "switched to pre-connected" << m_source.displayUrl();
    return true;
}

void VideoPlayer::onSourceEvent(quint64 sessionId, int event, const QString &detail, int code)
{
    if (m_preload && sessionId == m_preload->id()) {
        onPreloadEvent(event, detail, code);
        return;
    }
    const bool isIncoming = m_incoming && sessionId == m_incoming->id();
    const bool isCurrent = m_session && sessionId == m_session->id();
    if (!isIncoming && !isCurrent)
        return; // a retired session's late event

    const QString where =
        m_source.url.isLocalFile()
            ? QFileInfo(m_source.url.toLocalFile()).fileName()
            : m_source.url.host() + (m_source.url.port() > 0
                                         ? QLatin1Char(':') + QString::number(m_source.url.port())
                                         : QString());
    switch (SourceEvent::Kind(event)) {
    case SourceEvent::EndOfMedia:
        if (isCurrent) {
            qCInfo(vigilVideo).noquote() << "recording" << m_source.displayUrl() << "ended";
            refreshPosition(true);
            setAtEnd(true);
        }
        break;
    case SourceEvent::SeekDone:
        if (isCurrent) {
            d->seekTargetMs = -1;
            d->watchdogBaseNs = monotonicNs();
            refreshPosition(true);
        }
        break;
    case SourceEvent::Opened:
        if (isCurrent && m_status == Status::Connecting)
            setStatus(Status::Buffering);
        break;
    case SourceEvent::FirstFrame:
        if (isIncoming) {
            const auto info = m_session ? m_session->info() : SourceInfo{};
            d->decodedBase += info.framesDecoded;
            if (m_session) {
                d->droppedBase += m_session->slot().framesDropped();
                m_session->requestStop();
            }
            m_session = std::move(m_incoming);
            refreshCapabilities();
        }
        d->policy.reset();
        setError(ErrorCategory::None, {});
        setStatus(Status::Playing);
        qCInfo(vigilVideo).noquote() << "playing" << m_source.displayUrl() << detail << "first frame after"
                                     << m_session->info().firstFrameMs << "ms";
        break;
    case SourceEvent::Error: {
        const StreamError err = describeStreamError(code, where, detail);
        qCWarning(vigilVideo).noquote()
            << "stream" << m_source.displayUrl() << "failed:" << err.code << detail;
        if (isIncoming) {
            m_incoming->requestStop();
            m_incoming.reset();
            if (m_session) {
                // The current stream still plays: stay on it rather than trade a picture for an error.
                qCWarning(vigilVideo).noquote() << "staying on" << m_previousSource.displayUrl();
                m_source = m_previousSource;
                emit sourceChanged();
                emit switchFailed(err.text);
                break;
            }
        }
        if (m_session) {
            d->decodedBase += m_session->info().framesDecoded;
            d->droppedBase += m_session->slot().framesDropped();
            m_session->requestStop();
            m_session.reset();
        }
        setError(err.category, err.text);
        if (err.category == ErrorCategory::Transient) {
            // A stream that was live and broke is Stalled (last picture kept, dimmed); before that it is
            // still trying to connect.
            const bool wasLive = m_status == Status::Playing || m_status == Status::Stalled;
            if (wasLive)
                refreshLastFrameTime();
            setStatus(wasLive ? Status::Stalled : Status::Reconnecting);
        } else {
            setStatus(Status::Failed);
        }
        scheduleReconnect(err.code);
        break;
    }
    }
}

void VideoPlayer::onPreloadEvent(int event, const QString &detail, int code)
{
    switch (SourceEvent::Kind(event)) {
    case SourceEvent::Opened:
    case SourceEvent::EndOfMedia:
    case SourceEvent::SeekDone:
        break;
    case SourceEvent::FirstFrame:
        if (!m_preloadHasFrame) {
            m_preloadHasFrame = true;
            qCInfo(vigilVideo).noquote() << "pre-connected" << m_preloadSource.displayUrl() << "after"
                                         << m_preload->info().firstFrameMs << "ms";
            emit preloadReady();
        }
        break;
    case SourceEvent::Error: {
        const QUrl &url = m_preloadSource.url;
        const QString where =
            url.host() + (url.port() > 0 ? QLatin1Char(':') + QString::number(url.port()) : QString());
        const StreamError err = describeStreamError(code, where, detail);
        qCWarning(vigilVideo).noquote()
            << "pre-connecting" << m_preloadSource.displayUrl() << "failed:" << err.code << detail;
        cancelPreload();
        emit preloadFailed(err.text);
        break;
    }
    }
}

void VideoPlayer::onWatchdog()
{
    if (m_desired != DesiredState::Playing || !m_session)
        return;
    if (m_status != Status::Playing)
        return;
    // A paused recording, or one that has shown its last frame, delivers no frames by design.
    if (d->recorded && (d->paused || d->atEnd))
        return;
    std::int64_t last = m_session->slot().lastPutNs();
    int stallMs = m_stallTimeoutMs;
    if (d->recorded) {
        if (last != 0)
            last = std::max(last, d->watchdogBaseNs); // since the last resume, seek or speed change
        if (d->rate < 1)
            stallMs = int(stallMs / d->rate); // 1/16x of a 1 fps recording: a frame every 16 s
    }
    const std::int64_t ageMs = (monotonicNs() - last) / 1000000;
    if (last == 0 || ageMs < stallMs)
        return;
    qCWarning(vigilVideo).noquote() << "no frame from" << m_source.displayUrl() << "for" << ageMs
                                    << "ms: stalled";
    d->decodedBase += m_session->info().framesDecoded;
    d->droppedBase += m_session->slot().framesDropped();
    m_session->requestStop();
    m_session.reset();
    refreshLastFrameTime(); // for the "last frame at" label
    setError(
        ErrorCategory::Transient,
        tr("No picture for %1 s. The last frame is shown; reconnecting.").arg(m_stallTimeoutMs / 1000.0));
    setStatus(Status::Stalled);
    scheduleReconnect(QStringLiteral("stalled"));
}

bool VideoPlayer::s_unattended = false;

void VideoPlayer::setUnattended(bool on)
{
    s_unattended = on;
}

void VideoPlayer::scheduleReconnect(const QString &errorCode)
{
    const auto delay = d->policy.next(ReconnectPolicy::classify(errorCode), s_unattended);
    if (!delay) {
        // Wrong password, unsupported codec: retrying by itself would not help (and may lock the account).
        qCInfo(vigilVideo).noquote() << "not retrying" << m_source.displayUrl() << "(" << errorCode
                                     << "): waiting for the operator";
        return;
    }
    qCInfo(vigilVideo).noquote() << "reconnecting" << m_source.displayUrl() << "in" << delay->count()
                                 << "ms (" << errorCode << ")";
    m_reconnect.start(int(delay->count()));
}

void VideoPlayer::pushPendingFrame()
{
    if (!m_session)
        return;
    if (d->recorded)
        refreshPosition(false);
    auto entry = m_session->slot().take();
    if (!entry)
        return;
    const std::int64_t now = monotonicNs();
    if (m_sink)
        m_sink->setVideoFrame(entry->frame);
    m_currentFrame = std::move(entry->frame);
    const float latencyMs = float(now - entry->receivedNs) / 1e6f;
    d->latencySumMs += latencyMs;
    ++d->latencyCount;
    if (d->latencySamples.size() < 100000)
        d->latencySamples.append(latencyMs);
    d->lastShownNs = now;
    ++d->shownTotal;
    if (!m_hasFrame) {
        m_hasFrame = true;
        emit hasFrameChanged();
    }
    emit frameShown();
}

bool VideoPlayer::waitForWorkers(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    const bool live = LiveSession::waitForAllStopped(timeoutMs) &&
                      core::WorkerThreads::wait(std::max(0, timeoutMs - int(t.elapsed())), u"video-replay");
    return VlcSource::waitForAllStopped(std::max(0, timeoutMs - int(t.elapsed()))) && live;
}

void VideoPlayer::seek(double ms)
{
    if (!m_session || !(d->caps & FrameSource::CanSeek) || !std::isfinite(ms))
        return;
    ms = std::max(0.0, ms);
    if (d->durationMs > 0)
        ms = std::min(ms, d->durationMs);
    m_session->seek(std::int64_t(ms));
    d->seekTargetMs = ms;
    d->seekNs = monotonicNs();
    d->watchdogBaseNs = d->seekNs;
    d->startMs = std::int64_t(ms);
    setAtEnd(false);
    if (d->positionMs != ms) {
        d->positionMs = ms;
        emit positionChanged();
    }
}

void VideoPlayer::setPaused(bool paused)
{
    if (d->paused == paused)
        return;
    if (!d->recorded || !(d->caps & FrameSource::CanPause))
        return;
    d->paused = paused;
    if (m_session)
        m_session->setPaused(paused);
    d->watchdogBaseNs = monotonicNs();
    emit pausedChanged();
}

void VideoPlayer::setRate(double rate)
{
    if (!std::isfinite(rate))
        return;
    rate = std::clamp(rate, VlcSource::kMinRate, VlcSource::kMaxRate);
    if (d->rate == rate || !d->recorded || !(d->caps & FrameSource::CanChangeRate))
        return;
    d->rate = rate;
    if (m_session)
        m_session->setRate(rate);
    d->watchdogBaseNs = monotonicNs();
    emit rateChanged();
}

void VideoPlayer::stepFrame()
{
    if (!m_session || !(d->caps & FrameSource::CanStepFrame))
        return;
    m_session->stepFrame();
    d->watchdogBaseNs = monotonicNs();
    if (!d->paused) {
        d->paused = true;
        emit pausedChanged();
    }
}

double VideoPlayer::livePositionMs() const
{
    return m_session ? double(m_session->positionMs()) : -1;
}

double VideoPlayer::positionMs() const
{
    return d->positionMs;
}

double VideoPlayer::durationMs() const
{
    return d->durationMs;
}

bool VideoPlayer::paused() const
{
    return d->paused;
}

double VideoPlayer::rate() const
{
    return d->rate;
}

bool VideoPlayer::canSeek() const
{
    return (d->caps & FrameSource::CanSeek) != 0;
}

bool VideoPlayer::canStep() const
{
    return (d->caps & FrameSource::CanStepFrame) != 0;
}

bool VideoPlayer::atEnd() const
{
    return d->atEnd;
}

bool VideoPlayer::isRecording() const
{
    return d->recorded;
}

void VideoPlayer::resetTransport()
{
    d->startMs = 0;
    d->seekTargetMs = -1;
    d->watchdogBaseNs = 0;
    if (d->positionMs != -1) {
        d->positionMs = -1;
        emit positionChanged();
    }
    if (d->durationMs != -1) {
        d->durationMs = -1;
        emit durationChanged();
    }
    if (d->paused) {
        d->paused = false;
        emit pausedChanged();
    }
    if (d->rate != 1) {
        d->rate = 1;
        emit rateChanged();
    }
    setAtEnd(false);
}

void VideoPlayer::refreshCapabilities()
{
    const int caps = m_session ? m_session->capabilities() : 0;
    if (caps == d->caps)
        return;
    d->caps = caps;
    emit capabilitiesChanged();
}

void VideoPlayer::setAtEnd(bool atEnd)
{
    if (d->atEnd == atEnd)
        return;
    d->atEnd = atEnd;
    emit atEndChanged();
}

void VideoPlayer::refreshPosition(bool force)
{
    const std::int64_t now = monotonicNs();
    if (!force && now - d->lastPositionNs < kPositionRefreshNs)
        return;
    d->lastPositionNs = now;
    if (!m_session)
        return;
    const double duration = double(m_session->durationMs());
    if (duration != d->durationMs && duration > 0) {
        d->durationMs = duration;
        emit durationChanged();
    }
    double position = double(m_session->positionMs());
    if (d->seekTargetMs >= 0) {
        if (now - d->seekNs < kSeekShownNs)
            position = d->seekTargetMs; // the engine has not landed yet: show where it is going
        else
            d->seekTargetMs = -1;
    }
    if (position < 0 || position == d->positionMs)
        return;
    d->positionMs = position;
    d->startMs = std::int64_t(position); // a reopened recording goes on from here
    emit positionChanged();
}

QList<float> VideoPlayer::takeLatencySamples()
{
    return std::exchange(d->latencySamples, {});
}

qint64 VideoPlayer::framesShownTotal() const
{
    return d->shownTotal;
}

qint64 VideoPlayer::framesDecodedTotal() const
{
    return d->decodedBase + (m_session ? m_session->info().framesDecoded : 0);
}

qint64 VideoPlayer::framesDroppedTotal() const
{
    return d->droppedBase + (m_session ? m_session->slot().framesDropped() : 0);
}

QImage VideoPlayer::snapshotImage() const
{
    if (!m_currentFrame.isValid())
        return {};
    QVideoFrame frame = m_currentFrame;
    QImage image = frame.toImage();
    const QRect viewport = frame.surfaceFormat().viewport();
    if (!viewport.isEmpty() && viewport != image.rect())
        image = image.copy(viewport);
    return image;
}

bool VideoPlayer::saveSnapshot(const QString &filePath) const
{
    const QImage image = snapshotImage();
    return !image.isNull() && image.save(filePath, "PNG");
}

void VideoPlayer::setStatus(Status s)
{
    if (m_status == s)
        return;
    m_status = s;
    emit statusChanged();
}

void VideoPlayer::setError(ErrorCategory c, const QString &text)
{
    if (m_errorCategory == c && m_lastError == text)
        return;
    m_errorCategory = c;
    m_lastError = text;
    emit lastErrorChanged();
}

void VideoPlayer::updateStats()
{
    const std::int64_t now = monotonicNs();
    StreamStats s = m_stats;
    const SourceInfo info = m_session ? m_session->info() : SourceInfo{};
    const qint64 decoded = framesDecodedTotal();
    const double dt = d->statsLastNs ? double(now - d->statsLastNs) / 1e9 : 0;
    if (dt > 0.2) {
        s.fpsReceived = double(decoded - d->statsLastDecoded) / dt;
        s.fpsShown = double(d->shownTotal - d->statsLastShown) / dt;
        s.bitrateKbps = m_session ? double(info.bytesReceived - d->statsLastBytes) * 8.0 / 1000.0 / dt : 0;
    }
    d->statsLastNs = now;
    d->statsLastDecoded = decoded;
    d->statsLastShown = d->shownTotal;
    d->statsLastBytes = info.bytesReceived;
    s.framesDecoded = decoded;
    s.framesShown = d->shownTotal;
    s.framesDropped = framesDroppedTotal();
    if (m_session) {
        s.width = info.width;
        s.height = info.height;
        s.codec = info.codec;
        s.firstFrameMs = info.firstFrameMs;
    }
    s.latencyMs = d->latencyCount ? d->latencySumMs / d->latencyCount : 0;
    d->latencySumMs = 0;
    d->latencyCount = 0;
    if (!(s == m_stats)) {
        m_stats = s;
        emit statsChanged();
    }
    refreshLastFrameTime();
}

void VideoPlayer::refreshLastFrameTime()
{
    if (!d->lastShownNs)
        return;
    const QDateTime t = QDateTime::currentDateTime().addMSecs(-(monotonicNs() - d->lastShownNs) / 1000000);
    // Once a second is enough for a label; always exact when the stream has just stalled.
    if (m_lastFrameTime.isNull() || qAbs(t.msecsTo(m_lastFrameTime)) >= 1000 || m_status != Status::Playing) {
        m_lastFrameTime = t;
        emit lastFrameTimeChanged();
    }
}

} // namespace vigil::video
