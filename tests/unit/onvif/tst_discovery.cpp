// WS-Discovery against a loopback responder (unicast to 127.0.0.1 only; tests never multicast): answers
// stream in, duplicates merge, vendor ProbeMatches quirks parse, finished() comes on time, bad targets are
// refused.
#include "loopback_device.h"
#include "vigil/onvif/discovery.h"
#include "vigil/onvif/soap.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QtTest>

using namespace vigil::onvif;

namespace {
QByteArray readCapture(const QString &rel)
{
    QFile f(QDir(test::capturesDir()).filePath(rel));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Answers each Probe with the given datagrams and remembers what it got.
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
                probes << d.data();
                for (const QByteArray &a : m_answers)
                    m_socket.writeDatagram(a, d.senderAddress(), d.senderPort());
            }
        });
    }
    quint16 port() const { return m_socket.localPort(); }
    QList<QByteArray> probes;

private:
    QUdpSocket m_socket;
    QList<QByteArray> m_answers;
};
} // namespace

class TstDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void probeIsWellFormed()
    {
        const QByteArray p = buildProbe(QStringLiteral("uuid:1234"));
        const auto doc = parseXml(p);
        QVERIFY(doc);
        QVERIFY(doc->is(ns::kSoap12, u"Envelope"));
        const XmlElement *probe = doc->find(u"Probe");
        QVERIFY(probe && probe->ns == ns::kDiscovery);
        QCOMPARE(probe->childText(u"Types"), QStringLiteral("dn:NetworkVideoTransmitter"));
        QCOMPARE(doc->find(u"MessageID")->trimmedText(), QStringLiteral("uuid:1234"));
    }

    void targets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("ok");
        QTest::newRow("one") << "10.1.2.3" << 1 << true;
        QTest::newRow("port") << "10.1.2.3:3703" << 1 << true;
        QTest::newRow("range") << "10.1.2.10-20" << 11 << true;
        QTest::newRow("list") << "10.1.2.3, 10.1.2.4 10.1.2.5" << 3 << true;
        QTest::newRow("bad") << "camera.local" << 0 << false;
        QTest::newRow("bad range") << "10.1.2.30-20" << 0 << false;
    }
    void targets()
    {
        QFETCH(QString, text);
        QFETCH(int, count);
        QFETCH(bool, ok);
        QString error;
        const auto t = parseProbeTargets(text, &error);
        QCOMPARE(int(t.size()), count);
        QCOMPARE(error.isEmpty(), ok);
    }

    void unicastProbeStreamsAndMerges()
    {
        VIGIL_REQUIRE_ONVIF_CAPTURES();
        const QByteArray axis = readCapture(QStringLiteral("axis/ProbeMatches.xml"));
        const QByteArray dvc = readCapture(QStringLiteral("dvc/ProbeMatches.xml"));
        Responder r(
            {axis, axis, dvc, "not xml at all", readCapture(QStringLiteral("ezviz/ProbeMatches.xml"))});
        Discovery d;
        QSignalSpy found(&d, &Discovery::deviceFound);
        QSignalSpy finished(&d, &Discovery::finished);
        DiscoveryOptions o;
        o.multicast = false;
        o.timeoutMs = 1000;
        o.unicast = {{QHostAddress::LocalHost, r.port()}};
        QElapsedTimer t;
        t.start();
        QString error;
        QVERIFY2(d.start(o, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(found.count(), 3, 1000);
        QVERIFY(finished.wait(2000));
        QVERIFY(t.elapsed() < 3000);
        QCOMPARE(r.probes.size(), 1);
        QVERIFY(r.probes.first().contains("NetworkVideoTransmitter"));
        QCOMPARE(d.devices().size(), 3);
        const ProbeMatch &a = d.devices().first();
        QCOMPARE(a.name, QStringLiteral("AXIS M2025-LE"));
        QCOMPARE(a.fromAddress, QStringLiteral("127.0.0.1"));
    }
};

QTEST_GUILESS_MAIN(TstDiscovery)
#include "tst_discovery.moc"
