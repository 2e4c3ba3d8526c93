#include "vigil/app/kiosk_lock.h"

#include "vigil/app/kiosk_pin.h"
#include "vigil/core/gui_post.h"
#include "vigil/core/logging.h"
#include "vigil/core/worker_threads.h"

#include <QtCore/QPointer>

namespace vigil::app {

KioskLock::KioskLock(QObject *parent)
    : QObject(parent)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &KioskLock::updateWait);
}

void KioskLock::submit(const QString &pin)
{
    if (m_busy || m_unlocked)
        return;
    updateWait();
    if (m_waitSeconds > 0) {
        setMessage(tr("Too many wrong PINs. Try again in %n second(s).", nullptr, m_waitSeconds));
        return;
    }
    m_busy = true;
    emit busyChanged();
    setMessage(tr("Checking…"));
    QPointer<KioskLock> self(this);
    const QString stored = m_stored;
    core::WorkerThreads::start(QStringLiteral("kiosk-pin"), [self, pin, stored] {
        const bool ok = verifyKioskPin(pin, stored);
        core::postToApp([self, ok] {
            if (self)
                self->finish(ok);
        });
    });
}

void KioskLock::finish(bool ok)
{
    m_busy = false;
    emit busyChanged();
    if (ok) {
        qCInfo(vigilApp) << "kiosk unlocked with the PIN";
        m_unlocked = true;
        setMessage(tr("PIN accepted. Leaving kiosk mode…"));
        emit unlocked();
        return;
    }
    const int delay = m_throttle.failed();
    emit failuresChanged();
    qCWarning(vigilApp) << "kiosk: wrong PIN, failures in a row:" << m_throttle.failures();
    if (delay > 0) {
        m_tick.start();
        updateWait();
        setMessage(
            tr("Wrong PIN. Too many wrong PINs: wait %n second(s) before the next try.", nullptr, delay));
    } else {
        setMessage(tr("Wrong PIN. Try again."));
    }
    emit rejected();
}

void KioskLock::clearMessage()
{
    if (!m_busy)
        setMessage({});
}

void KioskLock::setMessage(const QString &text)
{
    if (m_message == text)
        return;
    m_message = text;
    emit messageChanged();
}

void KioskLock::updateWait()
{
    const int seconds = m_throttle.waitSeconds();
    if (seconds == 0)
        m_tick.stop();
    if (m_waitSeconds == seconds)
        return;
    const bool waitOver = m_waitSeconds > 0 && seconds == 0;
    m_waitSeconds = seconds;
    emit waitSecondsChanged();
    if (waitOver && !m_busy)
        setMessage(tr("You can try again."));
}

} // namespace vigil::app
