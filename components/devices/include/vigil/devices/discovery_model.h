#pragma once
// OnvifDiscoveryModel: discovered devices (onvif::Discovery) as a list model for the Add-devices dialog. Rows
// are appended as answers arrive and updated in place (dataChanged) when a device answers again with more
// addresses.
//
// Each row also carries what the dialog does with it: whether the operator ticked it for "Add N selected"
// (SelectedRole, also as Qt::CheckStateRole), and — when a bulk adder is set — that device's result of the
// last bulk add (AddStateRole, and ReasonRole: why it failed, shown on the row). Rows are keyed for the bulk
// adder by their device URL (DeviceUrlRole as a string), which is what selectedDeviceUrls() hands it.
//
// Thread: GUI only.
#include "vigil/devices/bulk_adder.h"
#include "vigil/onvif/discovery.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QPointer>
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
    // Rows ticked for "Add N selected".
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectedCountChanged)
    // Whose per-device results the rows show (AddStateRole, ReasonRole); none by default.
    Q_PROPERTY(
        vigil::devices::OnvifBulkAdder *bulkAdder READ bulkAdder WRITE setBulkAdder NOTIFY bulkAdderChanged)

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        HardwareRole,
        LocationRole,
        AddressRole,   // host of the first device-service address
        DeviceUrlRole, // first http device-service address
        EndpointRole,
        SelectedRole, // bool, writable ("selected")
        AddStateRole, // OnvifBulkAdder::ItemState as int ("addState"; "state" is taken by every QML Item)
        ReasonRole,   // why the bulk add failed for this device, "" unless it did ("reason")
    };
    Q_ENUM(Role)

    explicit OnvifDiscoveryModel(QObject *parent = nullptr);
    ~OnvifDiscoveryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // SelectedRole (bool) or Qt::CheckStateRole; other roles are read-only.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Ticks or unticks one row; false for a row that does not exist.
    Q_INVOKABLE bool setSelected(int row, bool selected);
    Q_INVOKABLE void selectAll();
    Q_INVOKABLE void selectNone();
    // The ticked rows' device URLs and names (NameRole), in row order, index for index: what
    // OnvifBulkAdder::start() takes.
    Q_INVOKABLE QStringList selectedDeviceUrls() const;
    Q_INVOKABLE QStringList selectedNames() const;

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
    int selectedCount() const { return m_selectedCount; }
    OnvifBulkAdder *bulkAdder() const { return m_bulkAdder; }
    void setBulkAdder(OnvifBulkAdder *adder);
    onvif::ProbeMatch device(int row) const { return m_rows.value(row).match; }

signals:
    void runningChanged();
    void countChanged();
    void lastErrorChanged();
    void timeoutMsChanged();
    void multicastChanged();
    void selectedCountChanged();
    void bulkAdderChanged();

private:
    struct Row
    {
        onvif::ProbeMatch match;
        bool selected = false;
        OnvifBulkAdder::ItemState addState = OnvifBulkAdder::ItemState::None;
        QString reason;
    };

    static QString deviceKey(const onvif::ProbeMatch &m);
    static QString name(const onvif::ProbeMatch &m);
    void setLastError(const QString &e);
    void setSelection(bool selected); // every row
    void recountSelected();
    // Copies the bulk adder's result for this row's device into it; true when it changed.
    bool takeAddResult(Row &row) const;
    void refreshAddResults();

    onvif::Discovery m_discovery;
    QList<Row> m_rows;
    int m_selectedCount = 0;
    QPointer<OnvifBulkAdder> m_bulkAdder;
    QMetaObject::Connection m_bulkConnection;
    QString m_lastError;
    int m_timeoutMs = 3000;
    bool m_multicast = true;
};

} // namespace vigil::devices
