#pragma once
// PtzCapabilityCache: what devices answered this session to "can you pan/tilt/zoom?" (the PTZ service and a
// media profile with a PTZ configuration: onvif::profilesHavePtz), keyed by device address. For cameras saved
// without the PTZ flag (a fixed camera, or one added before Vigil recorded the flag):
//  - each device is asked once: a wall or a tour that shows the same camera again does not ask again;
//  - while a check runs, every tile showing that device waits for its answer instead of starting its own;
//  - a device that did not answer (unreachable, wrong password) is asked again only after kRetryMs, not on
//    every showing.
// The check and the clock are injected (the defaults: OnvifClient on a "ptz-check" worker thread, a
// monotonic clock), so the rules are unit-tested without a device and without waiting three minutes.
//
// Thread: GUI only. The default check runs on a worker thread and answers on the GUI thread (dropped when the
// cache is gone).
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <functional>

namespace vigil::ptz {

class PtzCapabilityCache : public QObject
{
    Q_OBJECT

public:
    // A device to ask. Contains the password: never log it.
    struct Device
    {
        QUrl deviceUrl;
        QString user;
        QString password;
    };
    enum class Answer
    {
        HasPtz,
        NoPtz,
        NoAnswer, // unreachable, wrong password, not ONVIF...: asked again after kRetryMs
    };
    // Starts one check of `device`; `reply` must be called exactly once, later (not from within this call),
    // on the GUI thread.
    using Check = std::function<void(const Device &device, std::function<void(Answer)> reply)>;
    // Milliseconds of a monotonic clock.
    using Clock = std::function<qint64()>;

    static constexpr qint64 kRetryMs = 3 * 60 * 1000;

    // Empty `check`/`clock`: the ONVIF check on a worker thread, the steady clock.
    explicit PtzCapabilityCache(Check check = {}, Clock clock = {}, QObject *parent = nullptr);
    ~PtzCapabilityCache() override;

    // The process's cache, which every tile's controller shares (GUI thread; never destroyed).
    static PtzCapabilityCache *shared();

    enum class Status
    {
        HasPtz,         // answered before: it has PTZ
        NoPtz,          // answered before: it has none
        Checking,       // a check runs (started now, or already): `onAnswer` will be called
        FailedRecently, // did not answer less than kRetryMs ago: not asked, `onAnswer` is not called
    };
    // What is known about `device`. Starts a check when nothing is known (or the last failure is older than
    // kRetryMs), or joins the one running; then `onAnswer(hasPtz)` is called once with its answer (false when
    // the device did not answer), unless `receiver` is gone by then.
    Status ask(const Device &device, QObject *receiver, std::function<void(bool hasPtz)> onAnswer);

    // Checks started since construction (tests).
    int checksStarted() const { return m_checksStarted; }

    // The ONVIF check: GetServices (a PTZ service?), then GetProfiles (one with a PTZ configuration?).
    // Runs on a worker thread; `reply` runs on the GUI thread. The default Check.
    static void checkOverOnvif(const Device &device, std::function<void(Answer)> reply);

private:
    struct Waiter
    {
        QPointer<QObject> receiver;
        std::function<void(bool)> onAnswer;
    };
    void answered(const QString &key, Answer answer);

    Check m_check;
    Clock m_clock;
    QHash<QString, bool> m_answers;           // device address -> has PTZ
    QHash<QString, qint64> m_failedAt;        // device address -> when it did not answer
    QHash<QString, QList<Waiter>> m_checking; // device address -> who waits for the running check
    int m_checksStarted = 0;
};

} // namespace vigil::ptz
