#include "vigil/ptz/capability_cache.h"

#include "vigil/core/gui_post.h"
#include "vigil/core/logging.h"
#include "vigil/core/redact.h"
#include "vigil/core/worker_threads.h"
#include "vigil/onvif/client.h"

#include <chrono>

namespace vigil::ptz {

namespace {
qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
} // namespace

PtzCapabilityCache::PtzCapabilityCache(Check check, Clock clock, QObject *parent)
    : QObject(parent)
    , m_check(check ? std::move(check) : Check(&PtzCapabilityCache::checkOverOnvif))
    , m_clock(clock ? std::move(clock) : Clock(&steadyMs))
{}

PtzCapabilityCache::~PtzCapabilityCache() = default;

PtzCapabilityCache *PtzCapabilityCache::shared()
{
    static auto *cache = new PtzCapabilityCache; // never destroyed: a late answer at exit finds it alive
    return cache;
}

PtzCapabilityCache::Status PtzCapabilityCache::ask(const Device &device, QObject *receiver,
                                                   std::function<void(bool)> onAnswer)
{
    const QString key = device.deviceUrl.toString();
    if (const auto it = m_answers.constFind(key); it != m_answers.constEnd())
        return *it ? Status::HasPtz : Status::NoPtz;
    if (const auto it = m_failedAt.constFind(key); it != m_failedAt.constEnd()) {
        if (m_clock() - *it < kRetryMs)
            return Status::FailedRecently;
        m_failedAt.erase(it);
    }
    const bool running = m_checking.contains(key);
    m_checking[key].append({QPointer<QObject>(receiver), std::move(onAnswer)});
    if (running)
        return Status::Checking;
    ++m_checksStarted;
    qCDebug(vigilPtz) << "asking" << core::redactUrl(key) << "whether it has PTZ";
    m_check(device, [self = QPointer<PtzCapabilityCache>(this), key](Answer answer) {
        if (self)
            self->answered(key, answer);
    });
    return Status::Checking;
}

void PtzCapabilityCache::answered(const QString &key, Answer answer)
{
    if (answer == Answer::NoAnswer)
        m_failedAt.insert(key, m_clock());
    else
        m_answers.insert(key, answer == Answer::HasPtz);
    qCDebug(vigilPtz) << core::redactUrl(key)
                      << (answer == Answer::HasPtz  ? "has PTZ"
                          : answer == Answer::NoPtz ? "has no PTZ"
                                                    : "did not answer the PTZ check");
    const QList<Waiter> waiting = m_checking.take(key);
    for (const Waiter &w : waiting)
        if (w.receiver)
            w.onAnswer(answer == Answer::HasPtz);
}

void PtzCapabilityCache::checkOverOnvif(const Device &device, std::function<void(Answer)> reply)
{
    core::WorkerThreads::start(QStringLiteral("ptz-check"), [device, reply = std::move(reply)]() mutable {
        onvif::OnvifClient client(device.deviceUrl, device.user, device.password);
        Answer answer = Answer::NoAnswer;
        if (const auto services = client.discoverServices(); services.ok()) {
            answer = Answer::NoPtz;
            if (!services.value.ptz.isEmpty()) {
                const auto profiles = client.profiles();
                answer = !profiles.ok()                           ? Answer::NoAnswer
                         : onvif::profilesHavePtz(profiles.value) ? Answer::HasPtz
                                                                  : Answer::NoPtz;
            }
        }
        core::postToApp([reply = std::move(reply), answer] { reply(answer); });
    });
}

} // namespace vigil::ptz
