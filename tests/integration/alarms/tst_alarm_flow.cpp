// The alarm flow end to end on 127.0.0.1: POST /api/v1/alarms (QNetworkAccessManager) -> 201 with the id ->
// the alarm in the store and in the SQLite file -> the rule fires and the injected scene recall gets the
// rule's scene (and show-cameras its cameras) -> acknowledged -> the state read back after reopening the
// file. Bad bodies, wrong or missing tokens, oversized bodies, other paths and methods -> 4xx and no row
// (proved by the count after a good POST that follows). A client that connects and says nothing holds up no
// one, and is dropped at the read deadline.
#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/alarm_database.h"
#include "vigil/webhook/webhook_server.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <algorithm>
#include <memory>

using namespace vigil;
using namespace vigil::alarms;

namespace {

constexpr char kToken[] = "loopback-test-token-1";

const char kRules[] = R"({"version":1,"rules":[
  {"name":"Gate intrusion","type":"intrusion","cameras":["cam-gate"],"minPriority":3,
   "actions":[{"do":"recall-scene","scene":"Gate"},
              {"do":"show-cameras","cameras":["cam-gate","cam-yard"],"screen":"screen-2","startTile":2}]},
  {"name":"Fire anywhere","type":"fire","actions":[{"do":"recall-scene","scene":"Fire"}]}
]})";

struct Answer
{
    int status = 0;
    QByteArray body;
    QString error;
};

qint64 rowsInFile(const QString &path)
{
    AlarmDatabase db;
    return db.open(path) ? db.count() : -1;
}

} // namespace

class TestAlarmFlow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<AlarmCenter> m_center;
    QStringList m_recalled;
    QList<QStringList> m_shown;
    QNetworkAccessManager m_net;

    QString dbPath() const { return m_dir.filePath(QStringLiteral("alarms.db")); }

    QUrl url(const QString &path = QStringLiteral("/api/v1/alarms")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_center->webhookServer()->port()).arg(path));
    }

    Answer send(const QByteArray &method, const QByteArray &body, const QByteArray &authorization,
                const QUrl &target = {})
    {
        QNetworkRequest request(target.isEmpty() ? url() : target);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        QNetworkReply *reply = m_net.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer a;
        if (!finished.wait(10000)) {
            a.error = QStringLiteral("no answer in 10 s");
            reply->abort();
        }
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        if (a.error.isEmpty() && a.status == 0)
            a.error = reply->errorString();
        reply->deleteLater();
        return a;
    }

    Answer post(const QByteArray &body, const QByteArray &token = kToken)
    {
        return send("POST", body, token.isEmpty() ? QByteArray() : "Bearer " + token);
    }

    // A good POST; returns the id it was given.
    qint64 postGood(const QByteArray &type = "fire")
    {
        const Answer a =
            post(R"({"source":"alarm-host-3","type":")" + type + R"(","camera_id":"cam-gate","priority":4})");
        if (a.status != 201) {
            qWarning() << "good POST answered" << a.status << a.body << a.error;
            return 0;
        }
        return QJsonDocument::fromJson(a.body).object().value(QLatin1String("id")).toString().toLongLong();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile rules(m_dir.filePath(QStringLiteral("alarm_rules.json")));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write(kRules);
        rules.close();
        m_center = std::make_unique<AlarmCenter>(dbPath(), rules.fileName());
        QCOMPARE(m_center->ruleCount(), 2);
        QVERIFY2(m_center->rulesError().isEmpty(), qPrintable(m_center->rulesError()));
        m_center->executor()->setHooks({[this](const QString &scene) {
                                            m_recalled.append(scene);
                                            return true;
                                        },
                                        [this](const QString &screen, int tile, const QStringList &cams) {
                                            m_shown.append(QStringList{screen, QString::number(tile)} + cams);
                                            return int(cams.size());
                                        }});
        webhook::WebhookConfig config;
        config.token = kToken;
        config.readTimeoutMs = 1500;
        QString error;
        QVERIFY2(m_center->startWebhook(config, &error), qPrintable(error));
        QVERIFY(m_center->webhookUrl().startsWith(QLatin1String("http://127.0.0.1:")));
        QTRY_VERIFY_WITH_TIMEOUT(m_center->store()->ready(), 5000);
    }

    void postFiresRuleAndPersists()
    {
        QSignalSpy raised(m_center.get(), &AlarmCenter::alarmRaised);
        const Answer a = post(R"({"source":"alarm-host-3","type":"intrusion","camera_id":"cam-gate",
                                  "time":"2026-12-06T22:29:00+08:00","priority":4,"text":"Door 3 opened"})");
        QCOMPARE(a.status, 201);
        const qint64 id =
            QJsonDocument::fromJson(a.body).object().value(QLatin1String("id")).toString().toLongLong();
        QVERIFY2(id > 0, a.body.constData());
        // 201 is sent once the row is stored: the store and the file have it already.
        const auto stored = m_center->store()->alarm(id);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->source, QStringLiteral("alarm-host-3"));
        QCOMPARE(stored->type, QStringLiteral("intrusion"));
        QCOMPARE(stored->priority, 4);
        QCOMPARE(stored->state, Alarm::State::New);
        QCOMPARE(rowsInFile(dbPath()), 1);
        // The rule "Gate intrusion" fired: the scene, and the cameras on screen 2 from tile 2 (index 1).
        QCOMPARE(m_recalled, QStringList{QStringLiteral("Gate")});
        QCOMPARE(m_shown.size(), 1);
        QCOMPARE(m_shown.first(), (QStringList{"screen-2", "1", "cam-gate", "cam-yard"}));
        QCOMPARE(raised.count(), 1);
        QCOMPARE(raised.first().at(0).toLongLong(), id);

        // The operator acknowledges it; the state is in the file when it is opened again.
        QSignalSpy changed(m_center->store(), &AlarmStore::alarmChanged);
        QVERIFY(m_center->acknowledge(id, QStringLiteral("guard sent")));
        QVERIFY(changed.wait(5000));
        AlarmDatabase reopened;
        QVERIFY(reopened.open(dbPath()));
        const auto back = reopened.find(id);
        QVERIFY(back.has_value());
        QCOMPARE(back->state, Alarm::State::Acknowledged);
        QVERIFY(back->acknowledgedAt.isValid());
        QVERIFY(back->notes.contains(QLatin1String("guard sent")));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QByteArray good = R"({"source":"s","type":"intrusion","camera_id":"cam-gate"})";
        const QByteArray bearer = QByteArray("Bearer ") + kToken;
        const QString path = QStringLiteral("/api/v1/alarms");
        QTest::newRow("wrong token") << QByteArray("POST") << path << QByteArray("Bearer nope-nope-nope")
                                     << good << 401;
        QTest::newRow("token one char off")
            << QByteArray("POST") << path << QByteArray("Bearer loopback-test-token-2") << good << 401;
        QTest::newRow("no token") << QByteArray("POST") << path << QByteArray() << good << 401;
        QTest::newRow("basic auth") << QByteArray("POST") << path << QByteArray("Basic dXNlcjpwYXNz") << good
                                    << 401;
        QTest::newRow("bad json") << QByteArray("POST") << path << bearer << QByteArray("{\"source\":")
                                  << 400;
        QTest::newRow("missing type")
            << QByteArray("POST") << path << bearer << QByteArray(R"({"source":"s","camera_id":"c"})") << 400;
        QTest::newRow("no place") << QByteArray("POST") << path << bearer
                                  << QByteArray(R"({"source":"s","type":"t"})") << 400;
        QTest::newRow("priority 9") << QByteArray("POST") << path << bearer
                                    << QByteArray(R"({"source":"s","type":"t","camera_id":"c","priority":9})")
                                    << 400;
        QTest::newRow("oversized") << QByteArray("POST") << path << bearer
                                   << QByteArray(webhook::kMaxBodyBytes + 1, ' ') << 413;
        QTest::newRow("oversized, no token") << QByteArray("POST") << path << QByteArray()
                                             << QByteArray(webhook::kMaxBodyBytes + 1, ' ') << 401;
        QTest::newRow("GET") << QByteArray("GET") << path << bearer << QByteArray() << 405;
        QTest::newRow("PUT") << QByteArray("PUT") << path << bearer << good << 405;
        QTest::newRow("other path") << QByteArray("POST") << QStringLiteral("/api/v1/alarm") << bearer << good
                                    << 404;
        QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/") << bearer << QByteArray() << 404;
    }

    void refused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, authorization);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const qint64 before = rowsInFile(dbPath());
        const int rowsBefore = m_center->store()->count();
        const QStringList recalledBefore = m_recalled;
        const Answer a = send(method, body, authorization, url(path));
        QCOMPARE(a.status, status);
        const QJsonObject error =
            QJsonDocument::fromJson(a.body).object().value(QLatin1String("error")).toObject();
        QVERIFY2(!error.value(QLatin1String("message")).toString().isEmpty(), a.body.left(200).constData());
        // A good POST after it is stored as the one next row: the refused one stored nothing.
        const qint64 id = postGood();
        QVERIFY(id > 0);
        QCOMPARE(rowsInFile(dbPath()), before + 1);
        QCOMPARE(m_center->store()->count(), rowsBefore + 1);
        QCOMPARE(m_recalled,
                 recalledBefore + QStringList{QStringLiteral("Fire")}); // only the good one's rule
    }

    void silentClientBlocksNoOne()
    {
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, m_center->webhookServer()->port());
        QVERIFY(silent.waitForConnected(5000));
        QTcpSocket halfway; // sends half a request line and stops
        halfway.connectToHost(QHostAddress::LocalHost, m_center->webhookServer()->port());
        QVERIFY(halfway.waitForConnected(5000));
        halfway.write("POST /api/v1/alarms HTTP/1.1\r\nHost: 127");
        QVERIFY(halfway.waitForBytesWritten(5000));

        QElapsedTimer clock;
        clock.start();
        QVERIFY(postGood() > 0); // answered while both sit there
        const qint64 goodMs = clock.elapsed();
        QCOMPARE(silent.state(), QAbstractSocket::ConnectedState);
        QVERIFY2(goodMs < 1000, qPrintable(QString::number(goodMs)));
        qInfo("a POST beside two silent clients took %lld ms", goodMs);

        // Both are dropped at the read deadline (1.5 s here).
        QSignalSpy gone(&silent, &QTcpSocket::disconnected);
        QSignalSpy gone2(&halfway, &QTcpSocket::disconnected);
        QVERIFY(gone.wait(5000));
        QVERIFY(gone2.count() > 0 || gone2.wait(5000));
        QVERIFY2(clock.elapsed() >= 1000, "dropped before the read deadline");
    }

    void keepAliveServesSeveral()
    {
        // QNetworkAccessManager reuses the connection: POSTs in a row, each stored once.
        // Also the figure for the report: POST -> stored in SQLite (worker) -> rules -> 201, on loopback.
        const qint64 before = rowsInFile(dbPath());
        constexpr int kPosts = 50;
        QList<double> ms;
        QElapsedTimer clock;
        for (int i = 0; i < kPosts; ++i) {
            clock.start();
            QVERIFY(postGood() > 0);
            ms.append(double(clock.nsecsElapsed()) / 1e6);
        }
        QCOMPARE(rowsInFile(dbPath()), before + kPosts);
        std::sort(ms.begin(), ms.end());
        qInfo("POST to 201 (stored, rules applied), %d requests: median %.2f ms, p95 %.2f ms, max %.2f ms",
              kPosts, ms.at(kPosts / 2), ms.at(kPosts * 95 / 100), ms.last());
    }

    void cleanupTestCase() { m_center.reset(); }
};

QTEST_GUILESS_MAIN(TestAlarmFlow)
#include "tst_alarm_flow.moc"
