#pragma once
// KioskLock: the PIN pad's rules in kiosk mode. A PIN typed on the pad is checked against the stored hash
// (kiosk_pin.h) on a worker thread — PBKDF2 takes about half a second, and the GUI thread never waits —
// and the answer comes back as `message` and, for the right PIN, unlocked(). After three wrong PINs in a
// row, each further wrong PIN makes the pad refuse tries for longer (core::SecretThrottle): `waitSeconds`
// counts down, and submit() during the wait is refused without checking anything. The PIN itself is never
// kept, logged or shown. Thread: GUI only.
#include "vigil/core/retry_delay.h"

#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtQml/qqmlregistration.h>

namespace vigil::app {

class KioskLock : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Session.kioskLock is the one lock of the kiosk")
    // A PIN is being checked.
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    // Seconds before the pad accepts another try (0: now).
    Q_PROPERTY(int waitSeconds READ waitSeconds NOTIFY waitSecondsChanged)
    // What the pad says after a try ("" before any).
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(int failures READ failures NOTIFY failuresChanged)
    Q_PROPERTY(bool isUnlocked READ isUnlocked NOTIFY unlocked)

public:
    explicit KioskLock(QObject *parent = nullptr);

    // The stored hash the PINs are checked against (settings.json's kioskPin).
    void setStoredHash(const QString &stored) { m_stored = stored; }

    bool busy() const { return m_busy; }
    int waitSeconds() const { return m_waitSeconds; }
    QString message() const { return m_message; }
    int failures() const { return m_throttle.failures(); }
    bool isUnlocked() const { return m_unlocked; }

    // Checks `pin`. Refused (message says why) while busy or during the wait after failures.
    Q_INVOKABLE void submit(const QString &pin);
    // The pad was closed: its message is forgotten (the failure count and the wait are not).
    Q_INVOKABLE void clearMessage();

signals:
    void busyChanged();
    void waitSecondsChanged();
    void messageChanged();
    void failuresChanged();
    void unlocked();
    void rejected();

private:
    void finish(bool ok);
    void setMessage(const QString &text);
    void updateWait();

    QString m_stored;
    bool m_busy = false;
    bool m_unlocked = false;
    core::SecretThrottle m_throttle;
    int m_waitSeconds = 0;
    QString m_message;
    QTimer m_tick; // counts waitSeconds down once a second while a wait runs
};

} // namespace vigil::app
