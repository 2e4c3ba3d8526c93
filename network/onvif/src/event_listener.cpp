#include "vigil/onvif/event_listener.h"

#include "vigil/core/backoff.h"
#include "vigil/network/logging.h"
#include "vigil/onvif/client.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QPointer>

#include <condition_variable>
#include <mutex>

namespace vigil::onvif {

struct EventListener::Shared
{
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;

    bool stopped()
    {
        std::lock_guard lock(mutex);
        return stop;
    }
    // Sleeps up to `ms`; returns true when asked to stop.
    bool sleepFor(std::chrono::milliseconds ms)
    {
        std::unique_lock lock(mutex);
        return wake.wait_for(lock, ms, [this] { return stop; });
    }
};

EventListener::EventListener(QUrl deviceUrl, QString user, QString password, QString cameraId,
                             QObject *parent)
    : QObject(parent)
    , m_deviceUrl(std::move(deviceUrl))
    , m_user(std::move(user))
    , m_password(std::move(password))
    , m_cameraId(std::move(cameraId))
{}

EventListener::~EventListener()
{
    stop();
}

void EventListener::setStatus(Status s, const QString &error)
{
    if (m_lastError != error) {
        m_lastError = error;
        emit lastErrorChanged(error);
    }
    if (m_status != s) {
        m_status = s;
        emit statusChanged(s);
    }
}

void EventListener::stop()
{
    if (!m_shared)
        return;
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->stop = true;
    }
    m_shared->wake.notify_all();
    m_shared.reset();
    setStatus(Status::Idle, {});
}

void EventListener::start()
{
    stop();
    m_shared = std::make_shared<Shared>();
    setStatus(Status::Subscribing, {});
    QPointer<EventListener> self(this);
    auto post = [self](auto fn) {
        core::postToApp([self, fn = std::move(fn)] {
            if (self)
                fn(self.data());
        });
    };
    ClientOptions co;
    co.timeoutMs = m_timeoutMs;
    core::WorkerThreads::start(QStringLiteral("onvif-events"), [shared = m_shared, post, url = m_deviceUrl,
                                                                user = m_user, password = m_password,
                                                                cameraId = m_cameraId,
                                                                pullSeconds = m_pullTimeoutSeconds, co] {
        OnvifClient client(url, user, password, co);
        core::Backoff backoff(std::chrono::milliseconds(1000), std::chrono::milliseconds(30000));
        while (!shared->stopped()) {
            auto sub = client.createPullPointSubscription(60);
            if (!sub.ok()) {
                const Error e = sub.error;
                const bool fatal =
                    e.category() == ErrorCategory::Auth || e.category() == ErrorCategory::Unsupported;
                post([shared, e, fatal](EventListener *l) {
                    if (!shared->stopped())
                        l->setStatus(fatal ? Status::Failed : Status::Retrying, e.message);
                });
                if (fatal || shared->sleepFor(backoff.next()))
                    return;
                continue;
            }
            post([shared](EventListener *l) {
                if (!shared->stopped())
                    l->setStatus(Status::Listening, {});
            });
            QDateTime termination = sub.value.terminationTime;
            const QDateTime localStart = QDateTime::currentDateTimeUtc();
            const qint64 deviceSkew =
                sub.value.currentTime.isValid() ? localStart.msecsTo(sub.value.currentTime) : 0;
            bool resubscribe = false;
            while (!shared->stopped() && !resubscribe) {
                auto events = client.pullMessages(sub.value, pullSeconds);
                if (shared->stopped())
                    break;
                if (!events.ok()) {
                    const Error e = events.error;
                    post([shared, e](EventListener *l) {
                        if (!shared->stopped())
                            l->setStatus(Status::Retrying, e.message);
                    });
                    resubscribe = true;
                    shared->sleepFor(backoff.next());
                    break;
                }
                backoff.reset();
                for (AlarmEvent ev : events.value) {
                    ev.cameraId = cameraId;
                    post([shared, ev](EventListener *l) {
                        if (!shared->stopped())
                            emit l->alarmEvent(ev);
                    });
                }
                // Renew 15 s before the device's termination time (on the device's clock).
                const QDateTime deviceNow = QDateTime::currentDateTimeUtc().addMSecs(deviceSkew);
                if (termination.isValid() && deviceNow.secsTo(termination) < 15) {
                    const auto renewed = client.renew(sub.value, 60);
                    if (renewed.ok() && renewed.value.isValid())
                        termination = renewed.value;
                    else if (!renewed.ok())
                        resubscribe = true;
                    else
                        termination = deviceNow.addSecs(60);
                }
            }
            if (shared->stopped()) {
                client.unsubscribe(sub.value); // best effort: the device frees the pull point early
                return;
            }
        }
    });
}

bool EventListener::waitForWorkers(int timeoutMs)
{
    return core::WorkerThreads::wait(timeoutMs, u"onvif-events");
}

} // namespace vigil::onvif
