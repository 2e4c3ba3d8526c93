// parseWebhookAlarm(): the webhook's JSON body (docs/api/webhook.md) as a table of accepted and refused
// bodies, each refusal with the sentence the sender gets; constantTimeEquals() and parseListenAddress().
#include "vigil/webhook/webhook_alarm.h"
#include "vigil/webhook/webhook_server.h"

#include <QtTest/QTest>

using namespace vigil::webhook;

class TestWebhookAlarm : public QObject
{
    Q_OBJECT

    const QDateTime m_now{QDate(2026, 12, 6), QTime(22, 30), Qt::UTC};

private slots:
    void accepted()
    {
        const auto full =
            parseWebhookAlarm(R"({"source":"alarm-host-3","type":"intrusion","camera_id":"cam-a",
            "zone":"east","time":"2026-12-06T22:29:00+08:00","priority":5,"text":"Door 3","extra":[1,2]})",
                              m_now);
        QVERIFY2(full.ok(), qPrintable(full.error));
        QCOMPARE(full.alarm->source, QStringLiteral("alarm-host-3"));
        QCOMPARE(full.alarm->type, QStringLiteral("intrusion"));
        QCOMPARE(full.alarm->cameraId, QStringLiteral("cam-a"));
        QCOMPARE(full.alarm->zone, QStringLiteral("east"));
        QCOMPARE(full.alarm->priority, 5);
        QCOMPARE(full.alarm->text, QStringLiteral("Door 3"));
        QCOMPARE(full.alarm->time, QDateTime(QDate(2026, 12, 6), QTime(14, 29), Qt::UTC));
        QVERIFY(!full.alarm->hasPosition());

        const auto minimal =
            parseWebhookAlarm(R"({"source":"110","type":"panic","lon":119.96,"lat":30.54})", m_now);
        QVERIFY2(minimal.ok(), qPrintable(minimal.error));
        QCOMPARE(minimal.alarm->time, m_now); // no time: the time of receipt
        QCOMPARE(minimal.alarm->priority, 3);
        QVERIFY(minimal.alarm->hasPosition());
        QCOMPARE(*minimal.alarm->lon, 119.96);
        QCOMPARE(*minimal.alarm->lat, 30.54);

        const auto zulu = parseWebhookAlarm(
            R"({"source":"s","type":"t","camera_id":"c","time":"2026-12-06T01:02:03.456Z","priority":1})",
            m_now);
        QVERIFY2(zulu.ok(), qPrintable(zulu.error));
        QCOMPARE(zulu.alarm->time, QDateTime(QDate(2026, 12, 6), QTime(1, 2, 3, 456), Qt::UTC));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray() << "not valid JSON";
        QTest::newRow("truncated") << QByteArray(R"({"source":"s")") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1]") << "JSON object";
        QTest::newRow("no source") << QByteArray(R"({"type":"t","camera_id":"c"})")
                                   << "\"source\" is missing";
        QTest::newRow("blank source")
            << QByteArray(R"({"source":"  ","type":"t","camera_id":"c"})") << "\"source\" is missing";
        QTest::newRow("no type") << QByteArray(R"({"source":"s","camera_id":"c"})") << "\"type\" is missing";
        QTest::newRow("source not a string")
            << QByteArray(R"({"source":5,"type":"t","camera_id":"c"})") << "\"source\" must be a string";
        QTest::newRow("no place") << QByteArray(R"({"source":"s","type":"t"})") << "place is missing";
        QTest::newRow("lon alone") << QByteArray(R"({"source":"s","type":"t","lon":1})") << "both";
        QTest::newRow("lat out of range")
            << QByteArray(R"({"source":"s","type":"t","lon":1,"lat":91})") << "\"lat\" must be";
        QTest::newRow("lon a string")
            << QByteArray(R"({"source":"s","type":"t","lon":"1","lat":1})") << "\"lon\" must be";
        QTest::newRow("priority 0") << QByteArray(R"({"source":"s","type":"t","camera_id":"c","priority":0})")
                                    << "\"priority\"";
        QTest::newRow("priority 6") << QByteArray(R"({"source":"s","type":"t","camera_id":"c","priority":6})")
                                    << "\"priority\"";
        QTest::newRow("priority 2.5")
            << QByteArray(R"({"source":"s","type":"t","camera_id":"c","priority":2.5})") << "\"priority\"";
        QTest::newRow("priority a string")
            << QByteArray(R"({"source":"s","type":"t","camera_id":"c","priority":"5"})") << "\"priority\"";
        QTest::newRow("time not ISO")
            << QByteArray(R"({"source":"s","type":"t","camera_id":"c","time":"yesterday"})") << "\"time\"";
        QTest::newRow("time without offset")
            << QByteArray(R"({"source":"s","type":"t","camera_id":"c","time":"2026-12-06T22:29:00"})")
            << "offset";
        QTest::newRow("time a number")
            << QByteArray(R"({"source":"s","type":"t","camera_id":"c","time":1})") << "\"time\"";
        QTest::newRow("source too long")
            << QByteArray("{\"source\":\"" + QByteArray(129, 'a') + "\",\"type\":\"t\",\"camera_id\":\"c\"}")
            << "longer than 128";
        QTest::newRow("too large") << QByteArray(kMaxBodyBytes + 1, ' ') << "larger than";
    }

    void refused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        const auto r = parseWebhookAlarm(body, m_now);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
    }

    void tokens()
    {
        QVERIFY(constantTimeEquals("secret-token", "secret-token"));
        QVERIFY(!constantTimeEquals("secret-token", "secret-tokeN"));
        QVERIFY(!constantTimeEquals("secret-token", "secret-token2"));
        QVERIFY(!constantTimeEquals("secret-token", ""));
        QVERIFY(!constantTimeEquals("", "x"));
        QVERIFY(constantTimeEquals("", ""));
    }

    void listenAddress_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << "127.0.0.1:8089" << true << "127.0.0.1" << 8089;
        QTest::newRow("port only") << "8089" << true << "127.0.0.1" << 8089;
        QTest::newRow("ipv6") << "[::1]:9000" << true << "::1" << 9000;
        QTest::newRow("any port") << "127.0.0.1:0" << true << "127.0.0.1" << 0;
        QTest::newRow("host name") << "localhost:8089" << false << "" << 0;
        QTest::newRow("port too big") << "127.0.0.1:70000" << false << "" << 0;
        QTest::newRow("no port") << "127.0.0.1:" << false << "" << 0;
    }

    void listenAddress()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, address);
        QFETCH(int, port);
        QString gotAddress, error;
        quint16 gotPort = 0;
        QCOMPARE(parseListenAddress(text, &gotAddress, &gotPort, &error), ok);
        if (ok) {
            QCOMPARE(gotAddress, address);
            QCOMPARE(int(gotPort), port);
        } else {
            QVERIFY(!error.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestWebhookAlarm)
#include "tst_webhook_alarm.moc"
