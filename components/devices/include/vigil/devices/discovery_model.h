#pragma once
// OnvifDiscoveryModel: discovered devices (onvif::Discovery) as a list model for the Add-devices dialog. Rows
// are appended as answers arrive and updated in place (dataChanged) when a device answers again with more
// addresses.
//
// Thread: GUI only.
#include "vigil/onvif/discovery.h"

#include <QtCore/QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace vigil::devices {

class OnvifDiscoveryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(int timeoutMs READ timeoutMs WRITE setTimeoutMs NOTIFY timeoutMsChanged)
    // false: start() probes only the typed targets (tests on loopback never multicast).
    Q_PROPERTY(bool multicast READ multicast WRITE setMulticast NOTIFY multicastChanged)

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        HardwareRole,
        LocationRole,
        AddressRole,   // host of the first device-service address
        DeviceUrlRole, // first http device-service address
        EndpointRole,
    };
    Q_ENUM(Role)

    explicit OnvifDiscoveryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Clears the list and probes: multicast on every interface, plus `unicastTargets` ("10.1.2.3",
    // "10.1.2.10-20", comma separated; may be empty). Returns false with lastError set on a bad target list.
    Q_INVOKABLE bool start(const QString &unicastTargets = {});
    // For tests: no multicast, only the given targets.
    bool startWith(const onvif::DiscoveryOptions &options);
    Q_INVOKABLE void stop();

    bool running() const { return m_discovery.isRunning(); }
    int count() const { return int(m_rows.size()); }
    QString lastError() const { return m_lastError; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms);
    bool multicast() const { return m_multicast; }
    void setMulticast(bool on);
    onvif::ProbeMatch device(int row) const { return m_rows.value(row); }

signals:
    void runningChanged();
    void countChanged();
    void lastErrorChanged();
    void timeoutMsChanged();
    void multicastChanged();

private:
    void setLastError(const QString &e);

    onvif::Discovery m_discovery;
    QList<onvif::ProbeMatch> m_rows;
    QString m_lastError;
    int m_timeoutMs = 3000;
    bool m_multicast = true;
};

} // namespace vigil::devices
