#pragma once
// OnvifBulkAdder: "Add N selected" of the Add-devices dialog. Probes several devices in turn with one user
// and password (one OnvifDeviceProbe at a time, each off the GUI thread) and adds each one that answers to
// the camera directory; a device that fails is reported and skipped, never stops the others.
//
// Progress (done of total) and a per-device result (state + sentence) are properties, keyed by the address
// the caller passed, so the dialog can show them on its discovered rows.
//
// Thread: GUI only. Nothing here blocks: the probe's worker posts its result back.
#include "vigil/devices/device_probe.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QStringList>
#include <QtCore/QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace vigil::cameras {
class CameraDirectory;
}

namespace vigil::devices {

class OnvifBulkAdder : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(int total READ total NOTIFY progressChanged)
    Q_PROPERTY(int done READ done NOTIFY progressChanged)
    Q_PROPERTY(int added READ added NOTIFY progressChanged)
    Q_PROPERTY(int failed READ failed NOTIFY progressChanged)
    // The address being probed now, "" when idle.
    Q_PROPERTY(QString current READ current NOTIFY progressChanged)
    // address -> ItemState (int), for every address of the last start().
    Q_PROPERTY(QVariantMap states READ states NOTIFY progressChanged)
    // address -> sentence: the camera's name when added, else what went wrong and what to do.
    Q_PROPERTY(QVariantMap messages READ messages NOTIFY progressChanged)
    // Camera ids added by the last start(), in order.
    Q_PROPERTY(QStringList addedIds READ addedIds NOTIFY progressChanged)

public:
    enum class ItemState
    {
        None,
        Queued,
        Probing,
        Added,
        Failed,
        Skipped // cancelled before its turn
    };
    Q_ENUM(ItemState)

    explicit OnvifBulkAdder(QObject *parent = nullptr);
    ~OnvifBulkAdder() override;

    // Adds these devices ("10.0.0.5", "10.0.0.5:8080" or device-service URLs) with one credential, in order.
    // `names[i]` names device i (a discovered name); an empty or missing name falls back to the device's
    // model, then its address. Returns false (and does nothing) when already running or `addresses` is empty.
    Q_INVOKABLE bool start(const QStringList &addresses, const QStringList &names, const QString &user,
                           const QString &password, const QString &group);
    // Stops after dropping the device being probed; the ones not yet probed become Skipped.
    Q_INVOKABLE void cancel();

    // The directory cameras are added to; default: the app's instance. For tests.
    void setDirectory(cameras::CameraDirectory *directory);

    bool running() const { return m_running; }
    int total() const { return int(m_items.size()); }
    int done() const { return m_done; }
    int added() const { return int(m_addedIds.size()); }
    int failed() const { return m_failed; }
    QString current() const;
    QVariantMap states() const;
    QVariantMap messages() const;
    QStringList addedIds() const { return m_addedIds; }
    ItemState state(const QString &address) const;
    // The sentence for one address of the last start() (see `messages`), "" for an address it did not have.
    QString message(const QString &address) const;

signals:
    void runningChanged();
    void progressChanged();
    // One device finished: `ok` with its camera id, or not with the error sentence.
    void deviceFinished(const QString &address, bool ok, const QString &cameraIdOrError);
    void finished();

private:
    struct Item
    {
        QString address;
        QString name;
        ItemState state = ItemState::Queued;
        QString message;
    };

    void next();
    void onProbeStatus();
    void finishItem(bool ok, const QString &cameraIdOrError, const QString &message);
    void setRunning(bool running);

    OnvifDeviceProbe m_probe;
    QPointer<cameras::CameraDirectory> m_directory;
    const Item *item(const QString &address) const;

    QList<Item> m_items;
    QHash<QString, qsizetype> m_indexOf; // address -> its first item: rows look their result up per change
    int m_index = -1;
    quint64 m_generation = 0; // a cancelled run's queued step is dropped
    int m_done = 0;
    int m_failed = 0;
    QStringList m_addedIds;
    QString m_user;
    QString m_password;
    QString m_group;
    bool m_running = false;
};

} // namespace vigil::devices
