// DemoBackend in-process with a province of generated cameras: the last page of 400,000 is served without
// building the others, is what the parsers accept, and is the same from two servers (deterministic); every
// camera sits in a village of the region tree; generated cameras have live URLs.
#include "vigil/backend/ours_client.h"
#include "vigil/backend/ours_parsers.h"
#include "vigil/backend/ours_push.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/network/http_client.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QSet>
#include <QtTest/QtTest>

using namespace vigil;

namespace {

QByteArray fetch(const demo::DemoBackend &server, const QString &pathAndQuery, const QString &token)
{
    network::HttpRequest req;
    req.method = "GET";
    req.url = QUrl(server.baseUrl().toString() + pathAndQuery);
    req.headers.append({QByteArray("Authorization"), "Bearer " + token.toUtf8()});
    const auto r = network::HttpClient::instance().sendSync(req);
    return r.status == 200 ? r.body : QByteArray();
}

} // namespace

class TstDemoBackend : public QObject
{
    Q_OBJECT

private slots:
    void provinceScale()
    {
        demo::DemoBackendOptions o;
        o.cameraCount = 400000;
        o.unitCount = 0;
        o.rtspBase = QUrl(QStringLiteral("rtsp://127.0.0.1:8554"));
        demo::DemoBackend a(o), b(o);
        QString error;
        QElapsedTimer t;
        t.start();
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
        QVERIFY2(t.elapsed() < 2000, "400,000 cameras must not be built up front");

        backend::OursClient client({a.baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")});
        const auto regions = client.regions();
        QVERIFY2(regions.ok(), qPrintable(regions.error.message));
        QCOMPARE(regions.value.size(), 1 + 400 + 400 * 20); // county, townships, villages
        QSet<QString> villages;
        for (const backend::Region &r : regions.value)
            if (r.id.contains(QLatin1Char('v')))
                villages.insert(r.id);
        QCOMPARE(villages.size(), 8000);

        const QString tokenA = client.accessToken();
        backend::OursClient clientB({b.baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")});
        QVERIFY(clientB.login().ok());
        const QString last = QStringLiteral("/api/v1/cameras?page=80&pageSize=5000");
        const QByteArray bodyA = fetch(a, last, tokenA);
        QVERIFY(!bodyA.isEmpty());
        QCOMPARE(fetch(b, last, clientB.accessToken()), bodyA); // deterministic

        const auto page = backend::parseCameraPage(bodyA);
        QVERIFY2(page.ok(), qPrintable(page.error.message));
        QCOMPARE(page.value.total, 400000);
        QCOMPARE(page.value.nextPage, 0);
        QCOMPARE(page.value.items.size(), 5000);
        QCOMPARE(page.value.items.last().id, QStringLiteral("c0400000"));
        QSet<QString> ids;
        int withoutStreams = 0;
        for (const backend::BackendCamera &c : page.value.items) {
            ids.insert(c.id);
            QVERIFY2(villages.contains(c.regionId), qPrintable(c.id + QStringLiteral(" in ") + c.regionId));
            QVERIFY(c.hasPosition());
            withoutStreams += c.hasStreams() ? 0 : 1;
        }
        QCOMPARE(ids.size(), 5000);
        QCOMPARE(withoutStreams, 1250); // every fourth generated camera: the live call only

        const auto live = client.liveUrl(QStringLiteral("c0400000"), true);
        QVERIFY2(live.ok(), qPrintable(live.error.message));
        QVERIFY(live.value.url.toString().startsWith(QStringLiteral("rtsp://127.0.0.1:8554/cam0")));
        QVERIFY(live.value.url.toString().endsWith(QStringLiteral("/sub")));
        QCOMPARE(int(client.liveUrl(QStringLiteral("c0400001")).error.code),
                 int(backend::ErrorCode::NotFound));

        a.stop();
        QVERIFY(!a.isRunning());
    }

    void refreshTokensAreSingleUse()
    {
        demo::DemoBackendOptions o;
        o.unitCount = 0;
        demo::DemoBackend server(o);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        auto post = [&server](const QString &path, const QByteArray &body) {
            network::HttpRequest req;
            req.url = QUrl(server.baseUrl().toString() + path);
            req.body = body;
            req.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
            return network::HttpClient::instance().sendSync(req);
        };
        const auto login = post(QStringLiteral("/api/v1/login"), "{\"user\":\"demo\",\"password\":\"demo\"}");
        QCOMPARE(login.status, 200);
        const auto tokens = backend::parseTokens(login.body);
        QVERIFY2(tokens.ok(), qPrintable(tokens.error.message));
        QCOMPARE(tokens.value.expiresInSeconds, 3600);
        const QByteArray refreshBody = "{\"refreshToken\":\"" + tokens.value.refreshToken.toUtf8() + "\"}";
        const auto refreshed = post(QStringLiteral("/api/v1/token/refresh"), refreshBody);
        QCOMPARE(refreshed.status, 200);
        const auto next = backend::parseTokens(refreshed.body);
        QVERIFY2(next.ok(), qPrintable(next.error.message));
        QVERIFY(next.value.accessToken != tokens.value.accessToken);
        QVERIFY(!fetch(server, QStringLiteral("/api/v1/regions"), next.value.accessToken).isEmpty());
        // The same refresh token a second time: refused, in the one error shape.
        const auto again = post(QStringLiteral("/api/v1/token/refresh"), refreshBody);
        QCOMPARE(again.status, 401);
        QString code, message;
        QVERIFY(backend::parseErrorBody(again.body, &code, &message));
        QCOMPARE(code, QStringLiteral("invalid_refresh_token"));
        QCOMPARE(server.logins(), 1);
        QCOMPARE(server.refreshes(), 1);
    }

    void answerOverTheSizeLimit()
    {
        // HttpClient refuses a body over the request's limit with TooLarge (the client's guard against a
        // platform answering hundreds of MB).
        demo::DemoBackendOptions o;
        o.unitCount = 0;
        o.cameraCount = 2000;
        demo::DemoBackend server(o);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        backend::OursClient client({server.baseUrl(), QStringLiteral("demo"), QStringLiteral("demo")});
        QVERIFY(client.login().ok());
        network::HttpRequest req;
        req.method = "GET";
        req.url = QUrl(server.baseUrl().toString() + QStringLiteral("/api/v1/cameras?page=1&pageSize=2000"));
        req.headers.append({QByteArray("Authorization"), "Bearer " + client.accessToken().toUtf8()});
        req.maxBodyBytes = 64 * 1024;
        const auto r = network::HttpClient::instance().sendSync(req);
        QVERIFY2(r.error == network::HttpError::TooLarge,
                 qPrintable(QStringLiteral("status %1, %2 bytes: %3")
                                .arg(r.status)
                                .arg(r.body.size())
                                .arg(QString::fromUtf8(r.body.left(200)))));
        QVERIFY2(r.errorText.contains(QStringLiteral("longer than")), qPrintable(r.errorText));
        req.maxBodyBytes = 16 * 1024 * 1024;
        const auto whole = network::HttpClient::instance().sendSync(req);
        QCOMPARE(whole.status, 200);
        // A 304 has no body, whatever the limit.
        req.headers.append({QByteArray("If-None-Match"), whole.header("ETag")});
        req.maxBodyBytes = 1;
        const auto notModified = network::HttpClient::instance().sendSync(req);
        QVERIFY2(notModified.ok(), qPrintable(notModified.errorText));
        QCOMPARE(notModified.status, 304);
    }

    // Demo alarms: one every alarmIntervalMs, pushed on "alarms", each at a demo camera or a place in the
    // county with a kind, a priority and Chinese and English text; acknowledged over REST (repeats are
    // harmless, an unknown id is a 404 the client turns into a sentence).
    void alarmsPushedAtTheIntervalAndAcknowledged()
    {
        demo::DemoBackendOptions o;
        o.unitCount = 0;
        o.alarmIntervalMs = 100;
        demo::DemoBackend server(o);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const auto cams = backend::OursClient({server.baseUrl(), o.user, o.password}).cameras();
        QVERIFY2(cams.ok(), qPrintable(cams.error.message));
        QHash<QString, backend::BackendCamera> cameras;
        double minLon = 180, maxLon = -180, minLat = 90, maxLat = -90;
        for (const backend::BackendCamera &c : cams.value.cameras) {
            cameras.insert(c.id, c);
            minLon = std::min(minLon, c.longitude);
            maxLon = std::max(maxLon, c.longitude);
            minLat = std::min(minLat, c.latitude);
            maxLat = std::max(maxLat, c.latitude);
        }

        backend::OursPush push({server.baseUrl(), o.user, o.password}, {QStringLiteral("alarms")});
        QSignalSpy alarms(&push, &backend::OursPush::alarmReceived);
        push.start();
        QVERIFY2(alarms.wait(10000), qPrintable(push.lastError()));

        // The interval: five more alarms take at least four intervals (and not much more).
        const int before = server.alarmsRaised();
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(server.alarmsRaised() >= before + 5, 10000);
        const qint64 fiveMs = clock.elapsed();
        qInfo("demo alarms: 5 raised in %lld ms at a 100 ms interval", fiveMs);
        QVERIFY2(fiveMs >= 400, qPrintable(QString::number(fiveMs)));
        QTRY_VERIFY_WITH_TIMEOUT(alarms.size() >= 6, 5000);

        QSet<QString> ids;
        int atCamera = 0, atPlace = 0;
        for (const QList<QVariant> &args : std::as_const(alarms)) {
            const auto m = args.first().value<backend::PushMessage>();
            QCOMPARE(m.type, backend::PushMessage::Type::Alarm);
            QVERIFY2(m.alarmId.startsWith(QLatin1String("demo-")), qPrintable(m.alarmId));
            QVERIFY2(!ids.contains(m.alarmId), qPrintable(m.alarmId));
            ids.insert(m.alarmId);
            QVERIFY(!m.alarmKind.isEmpty());
            QVERIFY(m.alarmPriority >= 1 && m.alarmPriority <= 5);
            QVERIFY(!m.alarmMessage.isEmpty());
            QVERIFY(!m.alarmMessageEn.isEmpty());
            QVERIFY(m.alarmMessage != m.alarmMessageEn);
            QVERIFY(m.alarmTime.isValid());
            QVERIFY(qAbs(m.alarmTime.secsTo(QDateTime::currentDateTimeUtc())) < 60);
            if (!m.alarmCameraId.isEmpty()) {
                ++atCamera;
                QVERIFY2(cameras.contains(m.alarmCameraId), qPrintable(m.alarmCameraId));
                QVERIFY2(m.alarmMessage.contains(cameras.value(m.alarmCameraId).name),
                         qPrintable(m.alarmMessage));
            } else {
                ++atPlace;
                // Inside the county: around the demo cameras (they are spread over it).
                QVERIFY2(m.alarmLongitude > minLon - 0.3 && m.alarmLongitude < maxLon + 0.3,
                         qPrintable(QString::number(m.alarmLongitude)));
                QVERIFY2(m.alarmLatitude > minLat - 0.3 && m.alarmLatitude < maxLat + 0.3,
                         qPrintable(QString::number(m.alarmLatitude)));
            }
        }
        qInfo("demo alarms: %d at a camera, %d at a place", atCamera, atPlace);

        const QString id = alarms.first().first().value<backend::PushMessage>().alarmId;
        QVERIFY(!server.isAlarmAcknowledged(id));
        QStringList answers;
        push.acknowledgeAlarm(id, QStringLiteral("seen"),
                              [&answers](const QString &e, bool) { answers << e; });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 1, 10000);
        QCOMPARE(answers.first(), QString());
        QVERIFY(server.isAlarmAcknowledged(id));
        QCOMPARE(server.alarmsAcknowledged(), 1);
        push.acknowledgeAlarm(id, {}, [&answers](const QString &e, bool) { answers << e; });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 10000);
        QCOMPARE(answers.last(), QString());
        QCOMPARE(server.alarmsAcknowledged(), 1); // the same alarm
        QCOMPARE(server.ackRequests(), 2);

        bool permanent = false;
        push.acknowledgeAlarm(QStringLiteral("no-such-alarm"), {}, [&](const QString &e, bool p) {
            answers << e;
            permanent = p;
        });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, 10000);
        QVERIFY2(answers.last().contains(QLatin1String("does not know alarm no-such-alarm")),
                 qPrintable(answers.last()));
        QVERIFY(permanent);
        QCOMPARE(server.alarmsAcknowledged(), 1);
    }

    void portInUse()
    {
        demo::DemoBackendOptions o;
        o.unitCount = 0;
        demo::DemoBackend first(o);
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        o.port = first.port();
        demo::DemoBackend second(o);
        QVERIFY(!second.start(&error));
        QVERIFY2(error.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(first.port())),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstDemoBackend)
#include "tst_demo_backend.moc"
