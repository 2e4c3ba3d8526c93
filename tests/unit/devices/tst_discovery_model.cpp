// OnvifDiscoveryModel (the Add-devices dialog's discovered list) against a loopback WS-Discovery responder
// (unicast to 127.0.0.1 only; tests never multicast): rows appear as answers arrive, a second answer from the
// same device updates its row in place, the model passes QAbstractItemModelTester, bad targets are refused.
#include "vigil/devices/discovery_model.h"

#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace vigil::devices;

namespace {
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

private:
    QUdpSocket m_socket;
    QList<QByteArray> m_answers;
};
} // namespace

class TstDiscoveryModel : public QObject
{
    Q_OBJECT

private slots:
    void modelPassesTesterAndUpdates()
    {
        const QByteArray answer =
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:d=\"http://schemas.xmlsoap.org/ws/"
            "2005/04/discovery\" "
            "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Body><d:ProbeMatches>"
            "<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:1</a:Address></"
            "a:EndpointReference><d:Types>"
            "dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/Gate%20cam "
            "onvif://www.onvif.org/hardware/X1 "
            "</d:Scopes><d:XAddrs>http://127.0.0.1:8080/onvif/device_service "
            "</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>";
        QByteArray second = answer;
        second.replace("</d:XAddrs>", " http://127.0.0.2/onvif/device_service</d:XAddrs>");
        Responder r({answer, second});
        OnvifDiscoveryModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&m, &OnvifDiscoveryModel::dataChanged);
        vigil::onvif::DiscoveryOptions o;
        o.multicast = false;
        o.timeoutMs = 800;
        o.unicast = {{QHostAddress::LocalHost, r.port()}};
        QVERIFY(m.startWith(o));
        QVERIFY(m.running());
        QTRY_COMPARE_WITH_TIMEOUT(m.count(), 1, 1000);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 1000);
        QCOMPARE(m.data(m.index(0), OnvifDiscoveryModel::NameRole).toString(), QStringLiteral("Gate cam"));
        QCOMPARE(m.data(m.index(0), OnvifDiscoveryModel::HardwareRole).toString(), QStringLiteral("X1"));
        QCOMPARE(m.data(m.index(0), OnvifDiscoveryModel::AddressRole).toString(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(m.data(m.index(0), OnvifDiscoveryModel::EndpointRole).toString(),
                 QStringLiteral("urn:uuid:1"));
        QCOMPARE(m.device(0).xaddrs.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!m.running(), 2000);
        QVERIFY(!m.start(QStringLiteral("not-an-address")));
        QVERIFY(m.lastError().contains(QLatin1String("not an IPv4 address")));
    }
};

QTEST_GUILESS_MAIN(TstDiscoveryModel)
#include "tst_discovery_model.moc"
