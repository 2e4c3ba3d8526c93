#include "vigil/video/video_player.h"

#include "frame_pacer.h"
#include "live_session.h"
#include "reconnect_policy.h"
#include "vigil/core/logging.h"
#include "vigil/video/stream_error.h"

#include <QtCore/QCoreApplication>
#include <QtGui/QImage>

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
};

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
    if (m_source == source)
        return;
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
    // The engine only posts to the GUI thread (never after requestStop() has returned, so nothing is posted
    // for a retired source). Events carry the source's id so late ones are recognised.
    auto created = d->factory(options, [this](FrameSource *s, const SourceEvent &e) {
        const quint64 id = s->id();
        QMetaObject::invokeMethod(
            this, [this, id, e] { onSourceEvent(id, int(e.kind), e.detail, e.averror); },
            Qt::QueuedConnection);
    });
    if (created && m_keyFramesOnly)
        created->setKeyFramesOnly(true);
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
        m_source.url.host() +
        (m_source.url.port() > 0 ? QLatin1Char(':') + QString::number(m_source.url.port()) : QString());
    switch (SourceEvent::Kind(event)) {
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
    const std::int64_t last = m_session->slot().lastPutNs();
    const std::int64_t ageMs = (monotonicNs() - last) / 1000000;
    if (last == 0 || ageMs < m_stallTimeoutMs)
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
    return LiveSession::waitForAllStopped(timeoutMs);
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
