// MqttClient against a real Mosquitto on 127.0.0.1: connect, retained publish, resubscription after a lost
// connection, the last will, and the sentences of each failure (unreachable, refused password, bad CA file).
#include "mosquitto_broker.h"

#include "vigil/mqtt/mqtt_client.h"

#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil::mqtt;
using vigil::testing::MosquittoBroker;

namespace {
MqttOptions local(int port)
{
    MqttOptions o;
    o.port = port;
    o.reconnectMinMs = 100;
    o.reconnectMaxMs = 500;
    return o;
}
} // namespace

class TstMqttClient : public QObject
{
    Q_OBJECT

private slots:
    void parseBrokerUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("tls");
        QTest::newRow("mqtt") << "mqtt://broker.local:1884" << true << "broker.local" << 1884 << false;
        QTest::newRow("mqtt default port") << "mqtt://10.0.0.2" << true << "10.0.0.2" << 1883 << false;
        QTest::newRow("mqtts default port") << "mqtts://broker" << true << "broker" << 8883 << true;
        QTest::newRow("bare host") << "broker:1999" << true << "broker" << 1999 << false;
        QTest::newRow("user info refused") << "mqtt://u:secret@broker" << false << "" << 0 << false;
        QTest::newRow("http refused") << "http://broker" << false << "" << 0 << false;
        QTest::newRow("empty") << "" << false << "" << 0 << false;
        QTest::newRow("path refused") << "mqtt://broker/x" << false << "" << 0 << false;
    }
    void parseBrokerUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        MqttOptions o;
        QString error;
        QCOMPARE(vigil::mqtt::parseBrokerUrl(url, &o, &error), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            QVERIFY2(!error.contains(QLatin1String("secret")), qPrintable(error));
            return;
        }
        QTEST(o.host, "host");
        QTEST(o.port, "port");
        QTEST(o.tls, "tls");
    }

    void retainedPublishAndSubscribe()
    {
        MosquittoBroker broker;
        QString why;
        QVERIFY2(broker.start(&why), qPrintable(why));
        MqttClient publisher(local(broker.port()));
        publisher.start();
        QTRY_VERIFY_WITH_TIMEOUT(publisher.isConnected(), 10000);
        QCOMPARE(publisher.statusText(),
                 QStringLiteral("Connected to the MQTT broker at mqtt://127.0.0.1:%1.").arg(broker.port()));
        // The publish is asynchronous: the broker has taken (and retained) it once it comes back to the
        // publisher's own subscription. Without this wait a subscriber could subscribe first and get it live.
        QSignalSpy own(&publisher, &MqttClient::messageReceived);
        publisher.subscribe(QStringLiteral("t/state"));
        QVERIFY(publisher.publish(QStringLiteral("t/state"), "kept", 1, true));
        QTRY_COMPARE_WITH_TIMEOUT(own.size(), 1, 10000);

        MqttClient subscriber(local(broker.port()));
        QSignalSpy messages(&subscriber, &MqttClient::messageReceived);
        subscriber.subscribe(QStringLiteral("t/#"));
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 10000);
        QCOMPARE(messages.at(0).at(0).toString(), QStringLiteral("t/state"));
        QCOMPARE(messages.at(0).at(1).toByteArray(), QByteArray("kept"));
        QCOMPARE(messages.at(0).at(2).toBool(), true); // retained

        QVERIFY(publisher.publish(QStringLiteral("t/live"), "now", 1, false));
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 2, 5000);
        QCOMPARE(messages.at(1).at(1).toByteArray(), QByteArray("now"));
        QCOMPARE(messages.at(1).at(2).toBool(), false);

        // A lost connection: the client reconnects and subscribes again by itself.
        QSignalSpy connects(&subscriber, &MqttClient::connected);
        subscriber.dropConnection();
        QTRY_COMPARE_WITH_TIMEOUT(connects.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 3, 5000); // the retained one again
        QVERIFY(publisher.publish(QStringLiteral("t/live"), "again", 1, false));
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 4, 5000);
        QCOMPARE(messages.at(3).at(1).toByteArray(), QByteArray("again"));
    }

    // The broker publishes the will of a client that vanishes without a DISCONNECT, and not of one that
    // leaves cleanly.
    void lastWill()
    {
        MosquittoBroker broker;
        QString why;
        QVERIFY2(broker.start(&why), qPrintable(why));
        MqttClient watcher(local(broker.port()));
        QSignalSpy messages(&watcher, &MqttClient::messageReceived);
        watcher.subscribe(QStringLiteral("will/#"));
        watcher.start();
        QTRY_VERIFY_WITH_TIMEOUT(watcher.isConnected(), 10000);

        MqttOptions o = local(broker.port());
        o.willTopic = QStringLiteral("will/dying");
        o.willPayload = "gone";
        o.willRetain = false;
        {
            MqttClient clean(o);
            clean.start();
            QTRY_VERIFY_WITH_TIMEOUT(clean.isConnected(), 10000);
        } // clean DISCONNECT: no will
        auto dying = std::make_unique<MqttClient>(o);
        dying->start();
        QTRY_VERIFY_WITH_TIMEOUT(dying->isConnected(), 10000);
        dying->dropConnection();
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 10000);
        QCOMPARE(messages.at(0).at(1).toByteArray(), QByteArray("gone"));
    }

    // (d) A refused password gives the clear sentence, without the password in it.
    void authFailure()
    {
        MosquittoBroker broker({true, QStringLiteral("wall"), QStringLiteral("right-pass")});
        QString why;
        QVERIFY2(broker.start(&why), qPrintable(why));

        MqttOptions o = local(broker.port());
        o.username = QStringLiteral("wall");
        o.password = QStringLiteral("wrong-pass");
        MqttClient wrong(o);
        wrong.start();
        QTRY_COMPARE_WITH_TIMEOUT(wrong.status(), MqttClient::Status::AuthFailed, 10000);
        QVERIFY2(
            wrong.statusText().startsWith(
                QStringLiteral("The MQTT broker at mqtt://127.0.0.1:%1 refused Vigil's user name or password")
                    .arg(broker.port())),
            qPrintable(wrong.statusText()));
        QVERIFY(!wrong.statusText().contains(QLatin1String("wrong-pass")));

        MqttOptions anon = local(broker.port());
        MqttClient anonymous(anon);
        anonymous.start();
        QTRY_COMPARE_WITH_TIMEOUT(anonymous.status(), MqttClient::Status::AuthFailed, 10000);

        o.password = QStringLiteral("right-pass");
        MqttClient right(o);
        right.start();
        QTRY_VERIFY_WITH_TIMEOUT(right.isConnected(), 10000);
        // Still refused after its retries (the status does not flicker back to "connecting").
        QSignalSpy changes(&wrong, &MqttClient::statusChanged);
        QVERIFY(!changes.wait(1000));
        QCOMPARE(wrong.status(), MqttClient::Status::AuthFailed);
    }

    void unreachableBroker()
    {
        int port = 0;
        {
            QTcpServer s; // a port nobody listens on once it is closed
            QVERIFY(s.listen(QHostAddress::LocalHost, 0));
            port = s.serverPort();
        }
        MqttClient c(local(port));
        c.start();
        QTRY_COMPARE_WITH_TIMEOUT(c.status(), MqttClient::Status::Unreachable, 10000);
        QVERIFY2(c.statusText().startsWith(
                     QStringLiteral("Vigil cannot reach the MQTT broker at mqtt://127.0.0.1:%1").arg(port)),
                 qPrintable(c.statusText()));
        QVERIFY(!c.publish(QStringLiteral("x"), "y"));
    }

    // A broker that accepts TCP but never answers: the GUI thread is not held, the attempt times out, and
    // the client says so; destroying it does not wait for the broker.
    void hangingBroker()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        MqttOptions o = local(silent.serverPort());
        o.connectTimeoutMs = 1000;
        auto c = std::make_unique<MqttClient>(o);
        c->start();
        QTRY_COMPARE_WITH_TIMEOUT(c->status(), MqttClient::Status::Unreachable, 10000);
        QVERIFY2(c->statusText().contains(QLatin1String("did not answer within 1 s")),
                 qPrintable(c->statusText()));
        QElapsedTimer t;
        t.start();
        c.reset();
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    }

    // mqtts:// to a real TLS listener: the right CA connects (and messages flow); a certificate signed by
    // another CA fails with the TLS sentence.
    void tls()
    {
        MosquittoBroker::Options bo;
        bo.tls = true;
        MosquittoBroker broker(bo);
        QString why;
        QVERIFY2(broker.start(&why), qPrintable(why));

        MqttOptions o = local(broker.port());
        o.host = QStringLiteral("localhost");
        o.tls = true;
        o.caFile = broker.caFile();
        MqttClient good(o);
        QSignalSpy messages(&good, &MqttClient::messageReceived);
        good.subscribe(QStringLiteral("tls/#"));
        good.start();
        QTRY_VERIFY_WITH_TIMEOUT(good.isConnected(), 10000);
        QCOMPARE(good.brokerText(), QStringLiteral("mqtts://localhost:%1").arg(broker.port()));
        QVERIFY(good.publish(QStringLiteral("tls/x"), "secret payload"));
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 5000);

        MosquittoBroker::Options otherOptions;
        otherOptions.tls = true;
        MosquittoBroker other(otherOptions); // started only to make another CA
        QVERIFY2(other.start(&why), qPrintable(why));
        MqttOptions wrongCa = o;
        wrongCa.caFile = other.caFile();
        MqttClient untrusted(wrongCa);
        untrusted.start();
        QTRY_COMPARE_WITH_TIMEOUT(untrusted.status(), MqttClient::Status::TlsFailed, 10000);
        QVERIFY2(untrusted.statusText().startsWith(
                     QStringLiteral("The TLS connection to the MQTT broker at mqtts://localhost:%1 failed")
                         .arg(broker.port())),
                 qPrintable(untrusted.statusText()));
    }

    void unreadableCaFile()
    {
        MqttOptions o = local(1);
        o.tls = true;
        o.caFile = QStringLiteral("/nonexistent/ca.pem");
        MqttClient c(o);
        c.start();
        QCOMPARE(c.status(), MqttClient::Status::TlsFailed);
        QVERIFY2(
            c.statusText().startsWith(QStringLiteral("Vigil cannot use the CA file /nonexistent/ca.pem")),
            qPrintable(c.statusText()));
    }
};

QTEST_GUILESS_MAIN(TstMqttClient)
#include "tst_mqtt_client.moc"
