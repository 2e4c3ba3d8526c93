#pragma once
// EventListener: keeps a PullPoint subscription to one device and turns its notifications into AlarmEvents
// (motion, tamper, digital input, other). Creates the subscription, long-polls PullMessages, renews before
// it expires, re-subscribes with capped backoff after transient errors, unsubscribes on stop.
//
// Thread: the object lives on the GUI (application) thread; the poll loop runs on a worker thread it
// starts, which talks to the device through OnvifClient and posts results back through the application
// object (dropped if the listener is gone).
// stop() and the destructor never wait for the worker: it finishes its current poll, unsubscribes and exits
// by itself.
#include "vigil/onvif/types.h"

#include <QtCore/QObject>
#include <QtCore/QUrl>

#include <memory>

namespace vigil::onvif {

class EventListener : public QObject
{
    Q_OBJECT
public:
    enum class Status
    {
        Idle,
        Subscribing,
        Listening,
        Retrying,
        Failed
    };
    Q_ENUM(Status)

    EventListener(QUrl deviceUrl, QString user, QString password, QString cameraId,
                  QObject *parent = nullptr);
    ~EventListener() override;

    void setPullTimeoutSeconds(int s) { m_pullTimeoutSeconds = s; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void start();
    void stop();
    Status status() const { return m_status; }
    QString lastError() const { return m_lastError; }

    // Blocks until every listener's worker thread has ended (after stop(), or by itself after a failure that
    // is not retried), at most `timeoutMs`; false on timeout. For tests (a worker that ended retries nothing)
    // and for main() at exit (the Unsubscribes go out).
    static bool waitForWorkers(int timeoutMs);

    struct Shared;

signals:
    void alarmEvent(const vigil::onvif::AlarmEvent &event);
    void statusChanged(vigil::onvif::EventListener::Status status);
    void lastErrorChanged(const QString &error);

private:
    void setStatus(Status s, const QString &error);

    QUrl m_deviceUrl;
    QString m_user;
    QString m_password;
    QString m_cameraId;
    int m_pullTimeoutSeconds = 5;
    int m_timeoutMs = 10000;
    Status m_status = Status::Idle;
    QString m_lastError;
    std::shared_ptr<Shared> m_shared;
};

} // namespace vigil::onvif
