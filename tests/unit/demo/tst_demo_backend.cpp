// DemoBackend in-process with a province of generated cameras: the last page of 400,000 is served without
// building the others, is what the parsers accept, and is the same from two servers (deterministic); every
// camera sits in a village of the region tree; generated cameras have live URLs.
#include "vigil/backend/ours_client.h"
#include "vigil/backend/ours_parsers.h"
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
        QCOMPARE(server.logins(), 2);
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
