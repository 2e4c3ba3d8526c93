// OnvifDiscoveryModel (the Add-devices dialog's discovered list) against a loopback WS-Discovery responder
// (unicast to 127.0.0.1 only; tests never multicast): rows appear as answers arrive, a second answer from the
// same device updates its row in place, bad targets are refused; the rows' selection ("selected", also as a
// check state) with its count, select all/none and what "Add N selected" is handed; and each row's result of
// a bulk add (addState, reason) from a real OnvifBulkAdder against loopback ONVIF devices — a wrong password
// fails with its reason on that row only. The model passes QAbstractItemModelTester throughout.
#include "loopback_device.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/cameras/credential_store.h"
#include "vigil/devices/bulk_adder.h"
#include "vigil/devices/discovery_model.h"

#include <QtCore/QTemporaryDir>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace vigil;
using namespace vigil::devices;
using R = OnvifDiscoveryModel::Role;
using St = OnvifBulkAdder::ItemState;

namespace {
// One WS-Discovery ProbeMatch.
QByteArray probeMatch(int n, const QString &name, const QString &xaddrs)
{
    return QStringLiteral(
               "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
               "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
               "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Body><d:ProbeMatches>"
               "<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:%1</a:Address></a:EndpointReference>"
               "<d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/%2 "
               "onvif://www.onvif.org/hardware/X1</d:Scopes><d:XAddrs>%3</d:XAddrs></d:ProbeMatch>"
               "</d:ProbeMatches></s:Body></s:Envelope>")
        .arg(n)
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(name)), xaddrs)
        .toUtf8();
}

// Answers each Probe with the given datagrams.
class Responder : public QObject
{
public:
    explicit Responder(QList<QByteArray> answers)
        : m_answers(std::move(answers))
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram d = m_socket.receiveDatagram();
                for (const QByteArray &a : m_answers)
                    m_socket.writeDatagram(a, d.senderAddress(), d.senderPort());
            }
        });
    }
    quint16 port() const { return m_socket.localPort(); }
    onvif::DiscoveryOptions options(int timeoutMs = 800) const
    {
        onvif::DiscoveryOptions o;
        o.multicast = false;
        o.timeoutMs = timeoutMs;
        o.unicast = {{QHostAddress::LocalHost, port()}};
        return o;
    }

private:
    QUdpSocket m_socket;
    QList<QByteArray> m_answers;
};

QVariant role(const OnvifDiscoveryModel &m, int row, int role)
{
    return m.data(m.index(row), role);
}
} // namespace

class TstDiscoveryModel : public QObject
{
    Q_OBJECT

private slots:
    void modelPassesTesterAndUpdates()
    {
        const QByteArray answer = probeMatch(1, QStringLiteral("Gate cam"),
                                             QStringLiteral("http://127.0.0.1:8080/onvif/device_service"));
        QByteArray second = answer;
        second.replace("</d:XAddrs>", " http://127.0.0.2/onvif/device_service</d:XAddrs>");
        Responder r({answer, second});
        OnvifDiscoveryModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&m, &OnvifDiscoveryModel::dataChanged);
        QVERIFY(m.startWith(r.options()));
        QVERIFY(m.running());
        QTRY_COMPARE_WITH_TIMEOUT(m.count(), 1, 1000);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 1000);
        QCOMPARE(role(m, 0, R::NameRole).toString(), QStringLiteral("Gate cam"));
        QCOMPARE(role(m, 0, R::HardwareRole).toString(), QStringLiteral("X1"));
        QCOMPARE(role(m, 0, R::AddressRole).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(role(m, 0, R::EndpointRole).toString(), QStringLiteral("urn:uuid:1"));
        QCOMPARE(m.device(0).xaddrs.size(), 2);
        // Nothing ticked, no bulk result.
        QCOMPARE(role(m, 0, R::SelectedRole).toBool(), false);
        QCOMPARE(role(m, 0, R::AddStateRole).toInt(), int(St::None));
        QCOMPARE(role(m, 0, R::ReasonRole).toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!m.running(), 2000);
        QVERIFY(!m.start(QStringLiteral("not-an-address")));
        QVERIFY(m.lastError().contains(QLatin1String("not an IPv4 address")));
    }

    void roleNames()
    {
        OnvifDiscoveryModel m;
        const auto names = m.roleNames();
        QCOMPARE(names.value(R::SelectedRole), QByteArray("selected"));
        QCOMPARE(names.value(R::AddStateRole), QByteArray("addState"));
        QCOMPARE(names.value(R::ReasonRole), QByteArray("reason"));
        QCOMPARE(names.value(R::DeviceUrlRole), QByteArray("deviceUrl"));
    }

    // Ticking rows: one at a time (as the row's check box does), through setData (a generic view's check
    // box), all and none; the count follows and says so; "Add N selected" gets the ticked rows' URLs and
    // names in row order. A new search starts with nothing ticked.
    void selection()
    {
        Responder r({probeMatch(1, QStringLiteral("Gate"), QStringLiteral("http://127.0.0.1:8001/onvif/a")),
                     probeMatch(2, QStringLiteral("Yard"), QStringLiteral("http://127.0.0.1:8002/onvif/b")),
                     probeMatch(3, {}, QStringLiteral("http://127.0.0.3/onvif/device_service"))});
        OnvifDiscoveryModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m.startWith(r.options()));
        QTRY_COMPARE_WITH_TIMEOUT(m.count(), 3, 2000);
        QCOMPARE(m.selectedCount(), 0);
        QVERIFY(m.selectedDeviceUrls().isEmpty());
        QVERIFY(m.flags(m.index(0)).testFlag(Qt::ItemIsUserCheckable));
        QCOMPARE(role(m, 0, Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);

        QSignalSpy count(&m, &OnvifDiscoveryModel::selectedCountChanged);
        QSignalSpy changed(&m, &OnvifDiscoveryModel::dataChanged);
        QVERIFY(m.setSelected(2, true));
        QCOMPARE(m.selectedCount(), 1);
        QCOMPARE(count.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(R::SelectedRole));
        QCOMPARE(role(m, 2, R::SelectedRole).toBool(), true);
        QCOMPARE(role(m, 2, Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        QVERIFY(m.setSelected(2, true)); // no change: no signal
        QCOMPARE(count.count(), 1);
        QCOMPARE(changed.count(), 1);
        QVERIFY(m.setData(m.index(0), true, R::SelectedRole));
        QCOMPARE(m.selectedCount(), 2);
        // Row order, not the order of ticking; a device without a name goes by its host.
        QCOMPARE(m.selectedDeviceUrls(),
                 (QStringList{QStringLiteral("http://127.0.0.1:8001/onvif/a"),
                              QStringLiteral("http://127.0.0.3/onvif/device_service")}));
        QCOMPARE(m.selectedNames(), (QStringList{QStringLiteral("Gate"), QStringLiteral("127.0.0.3")}));
        QVERIFY(m.setData(m.index(0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(m.selectedCount(), 1);
        QVERIFY(!m.setData(m.index(0), QStringLiteral("x"), R::NameRole)); // read-only
        QVERIFY(!m.setSelected(3, true));
        QVERIFY(!m.setSelected(-1, true));
        QCOMPARE(m.selectedCount(), 1);

        m.selectAll();
        QCOMPARE(m.selectedCount(), 3);
        QCOMPARE(m.selectedNames(),
                 (QStringList{QStringLiteral("Gate"), QStringLiteral("Yard"), QStringLiteral("127.0.0.3")}));
        m.selectNone();
        QCOMPARE(m.selectedCount(), 0);
        QVERIFY(m.selectedNames().isEmpty());
        count.clear();
        m.selectNone(); // nothing to change
        QCOMPARE(count.count(), 0);

        m.setSelected(1, true);
        QTRY_VERIFY_WITH_TIMEOUT(!m.running(), 2000);
        QVERIFY(m.startWith(r.options()));
        QCOMPARE(m.selectedCount(), 0); // the ticked rows went with the old list
        QTRY_COMPARE_WITH_TIMEOUT(m.count(), 3, 2000);
        QCOMPARE(m.selectedCount(), 0);
        QCOMPARE(role(m, 1, R::SelectedRole).toBool(), false);
    }

    // "Add selected" over two discovered loopback devices, one of which refuses the password: each row
    // shows its own device's state as it goes; the failed one says why on the row, the added one has no
    // reason; a row whose device was not in the run stays without a result.
    void bulkAddResultsOnTheRows()
    {
        QTemporaryDir config;
        QVERIFY(config.isValid());
        qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
        onvif::test::DeviceOptions good;
        onvif::test::DeviceOptions other = good;
        other.serial = QStringLiteral("LOOP0002");
        other.password = QStringLiteral("different");
        onvif::test::LoopbackDevice gate(good), yard(other);
        QVERIFY(gate.start() && yard.start());
        Responder r(
            {probeMatch(1, QStringLiteral("Gate"), gate.deviceUrl().toString()),
             probeMatch(2, QStringLiteral("Yard"), yard.deviceUrl().toString()),
             probeMatch(3, QStringLiteral("Left out"), QStringLiteral("http://127.0.0.1:9/onvif/x"))});

        cameras::CameraDirectory dir(std::make_unique<cameras::MemoryCredentialStore>());
        OnvifBulkAdder adder;
        adder.setDirectory(&dir);
        OnvifDiscoveryModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy adderChanged(&m, &OnvifDiscoveryModel::bulkAdderChanged);
        m.setBulkAdder(&adder);
        QCOMPARE(m.bulkAdder(), &adder);
        QCOMPARE(adderChanged.count(), 1);
        QVERIFY(m.startWith(r.options()));
        QTRY_COMPARE_WITH_TIMEOUT(m.count(), 3, 2000);
        // Rows in the order the answers came: find each by name.
        auto rowOf = [&m](const QString &name) {
            for (int i = 0; i < m.count(); ++i)
                if (role(m, i, R::NameRole).toString() == name)
                    return i;
            return -1;
        };
        const int gateRow = rowOf(QStringLiteral("Gate")), yardRow = rowOf(QStringLiteral("Yard")),
                  leftOut = rowOf(QStringLiteral("Left out"));
        QVERIFY(gateRow >= 0 && yardRow >= 0 && leftOut >= 0);
        m.setSelected(gateRow, true);
        m.setSelected(yardRow, true);

        QSignalSpy finished(&adder, &OnvifBulkAdder::finished);
        QSignalSpy changed(&m, &OnvifDiscoveryModel::dataChanged);
        QVERIFY(adder.start(m.selectedDeviceUrls(), m.selectedNames(), good.user, good.password, {}));
        // At once: the first is being tested, the second waits.
        const int first = gateRow < yardRow ? gateRow : yardRow,
                  second = gateRow < yardRow ? yardRow : gateRow;
        QCOMPARE(role(m, first, R::AddStateRole).toInt(), int(St::Probing));
        QCOMPARE(role(m, second, R::AddStateRole).toInt(), int(St::Queued));
        QCOMPARE(role(m, leftOut, R::AddStateRole).toInt(), int(St::None));
        QVERIFY(finished.wait(20000));

        QCOMPARE(role(m, gateRow, R::AddStateRole).toInt(), int(St::Added));
        QCOMPARE(role(m, gateRow, R::ReasonRole).toString(), QString()); // added: nothing to explain
        QCOMPARE(role(m, yardRow, R::AddStateRole).toInt(), int(St::Failed));
        const QString reason = role(m, yardRow, R::ReasonRole).toString();
        QVERIFY2(reason.contains(QLatin1String("password")), qPrintable(reason));
        QCOMPARE(reason, adder.message(yard.deviceUrl().toString()));
        QCOMPARE(role(m, leftOut, R::AddStateRole).toInt(), int(St::None));
        QCOMPARE(role(m, leftOut, R::ReasonRole).toString(), QString());
        // Only the rows whose result changed were told, and only about their result.
        for (const QList<QVariant> &args : std::as_const(changed)) {
            QVERIFY(args.at(0).toModelIndex().row() != leftOut);
            QCOMPARE(args.at(2).value<QList<int>>(), (QList<int>{R::AddStateRole, R::ReasonRole}));
        }
        QCOMPARE(dir.count(), 1);

        // Without the adder, no results.
        m.setBulkAdder(nullptr);
        QCOMPARE(role(m, yardRow, R::AddStateRole).toInt(), int(St::None));
        QCOMPARE(role(m, yardRow, R::ReasonRole).toString(), QString());
        // Set again (or a new search after a run): the rows take the last run's results.
        m.setBulkAdder(&adder);
        QCOMPARE(role(m, yardRow, R::AddStateRole).toInt(), int(St::Failed));
        QCOMPARE(role(m, yardRow, R::ReasonRole).toString(), reason);
    }
};

QTEST_GUILESS_MAIN(TstDiscoveryModel)
#include "tst_discovery_model.moc"
