// HttpClient: keep-alive reuse, timeouts, truncated answers, nothing listening, results delivered on the
// receiver's thread and dropped when the receiver is gone. The loopback ONVIF device is the HTTP server.
#include "loopback_device.h"
#include "tls_server.h"
#include "vigil/network/http_client.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>
#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

using namespace vigil::network;
namespace t = vigil::onvif::test;

namespace {
HttpRequest soap(const QUrl &url, const char *op = "GetSystemDateAndTime")
{
    HttpRequest r;
    r.url = url;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/soap+xml")));
    r.body = QByteArray("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><") + op +
             " xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>";
    return r;
}
} // namespace

class TstHttpClient : public QObject
{
    Q_OBJECT

private slots:
    void keepAliveReusesTheConnection()
    {
        t::DeviceOptions o;
        o.auth = t::AuthMode::None;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        auto &c = HttpClient::instance();
        const auto a = c.sendSync(soap(d.deviceUrl()));
        QVERIFY2(a.ok(), qPrintable(a.errorText));
        QCOMPARE(a.status, 200);
        QVERIFY(a.body.contains("GetSystemDateAndTimeResponse"));
        const auto b = c.sendSync(soap(d.deviceUrl(), "GetDeviceInformation"));
        QVERIFY(b.ok());
        QVERIFY(b.reusedConnection);
        QCOMPARE(d.connections(), 1);
    }

    void timeoutIsReported()
    {
        t::DeviceOptions o;
        o.auth = t::AuthMode::None;
        o.misbehaviour = t::Misbehaviour::Slow;
        o.misbehaveOn = QStringLiteral("GetSystemDateAndTime");
        o.slowMs = 2000;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        HttpRequest r = soap(d.deviceUrl());
        r.timeoutMs = 300;
        QElapsedTimer t;
        t.start();
        const auto a = HttpClient::instance().sendSync(r);
        QCOMPARE(int(a.error), int(HttpError::Timeout));
        QVERIFY(t.elapsed() < 1500);
        QVERIFY(a.errorText.contains(QLatin1String("300 ms")));
    }

    void truncatedAnswer()
    {
        t::DeviceOptions o;
        o.auth = t::AuthMode::None;
        o.misbehaviour = t::Misbehaviour::Truncated;
        o.misbehaveOn = QStringLiteral("GetSystemDateAndTime");
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        const auto a = HttpClient::instance().sendSync(soap(d.deviceUrl()));
        QCOMPARE(int(a.error), int(HttpError::Truncated));
    }

    void nothingListeningAndBadUrls()
    {
        quint16 port = 0;
        {
            QTcpServer s;
            QVERIFY(s.listen(QHostAddress::LocalHost));
            port = s.serverPort();
        }
        const auto a =
            HttpClient::instance().sendSync(soap(QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port))));
        QCOMPARE(int(a.error), int(HttpError::Unreachable));
        const auto b =
            HttpClient::instance().sendSync(soap(QUrl(QStringLiteral("ftp://user:pw@127.0.0.1/"))));
        QCOMPARE(int(b.error), int(HttpError::InvalidUrl));
        QVERIFY(!b.errorText.contains(QLatin1String("pw")));
    }

    void redirectsOnlyOnTheSameHost_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<bool>("followed");
        QTest::newRow("same host, other path") << "http://127.0.0.1:{port}/onvif/device_service2" << true;
        QTest::newRow("relative") << "/onvif/device_service2" << true;
        QTest::newRow("other host") << "http://127.0.0.2:{port}/onvif/device_service2" << false;
        QTest::newRow("other port") << "http://127.0.0.1:1/onvif/device_service2" << false;
        QTest::newRow("https") << "https://127.0.0.1:{port}/onvif/device_service2" << false;
    }
    void redirectsOnlyOnTheSameHost()
    {
        QFETCH(QString, location);
        QFETCH(bool, followed);
        t::DeviceOptions o;
        o.auth = t::AuthMode::None;
        o.redirectTo = location;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        const auto a = HttpClient::instance().sendSync(soap(d.deviceUrl()));
        if (followed) {
            QVERIFY2(a.ok(), qPrintable(a.errorText));
            QCOMPARE(a.status, 200);
            QCOMPARE(d.requests().size(), 1); // answered at the new path
            QCOMPARE(d.requests().first().path, QStringLiteral("/onvif/device_service2"));
        } else {
            QCOMPARE(int(a.error), int(HttpError::RedirectRefused));
            QVERIFY2(a.errorText.contains(QLatin1String("same host")), qPrintable(a.errorText));
            QCOMPARE(d.requests().size(), 0);
        }
    }

    void httpsWithSelfSignedCertificate()
    {
        vigil::network::test::TlsServer server;
        QVERIFY(server.start());
        const QUrl url(QStringLiteral("https://127.0.0.1:%1/onvif/device_service").arg(server.port()));
        const auto a = HttpClient::instance().sendSync(soap(url));
        QVERIFY2(a.ok(), qPrintable(a.errorText));
        QCOMPARE(a.body, QByteArray("<ok>secure</ok>"));
        const auto b = HttpClient::instance().sendSync(soap(url));
        QVERIFY(b.ok());
        QVERIFY(b.reusedConnection); // keep-alive over TLS too
        QCOMPARE(server.connections(), 1);
        // Asked to verify, the self-signed certificate is refused with a clear error.
        HttpRequest strict = soap(url);
        strict.tlsVerifyPeer = true;
        const auto c = HttpClient::instance().sendSync(strict);
        QCOMPARE(int(c.error), int(HttpError::Tls));
        QVERIFY2(c.errorText.contains(QLatin1String("HTTPS")), qPrintable(c.errorText));
        // Plain HTTP spoken to a TLS port is not an answer.
        QUrl plain = url;
        plain.setScheme(QStringLiteral("http"));
        HttpRequest p = soap(plain);
        p.timeoutMs = 1000;
        QVERIFY(!HttpClient::instance().sendSync(p).ok());
    }

    void deliveredOnReceiverThreadOrDropped()
    {
        t::DeviceOptions o;
        o.auth = t::AuthMode::None;
        o.misbehaviour = t::Misbehaviour::Slow;
        o.misbehaveOn = QStringLiteral("GetDeviceInformation");
        o.slowMs = 200;
        t::LoopbackDevice d(o);
        QVERIFY(d.start());
        QObject receiver;
        bool got = false;
        QThread *thread = nullptr;
        HttpClient::instance().send(soap(d.deviceUrl()), &receiver, [&](HttpResponse r) {
            got = r.ok();
            thread = QThread::currentThread();
        });
        QTRY_VERIFY_WITH_TIMEOUT(got, 3000);
        QCOMPARE(thread, QThread::currentThread());

        // The first answer's connection is kept alive: idle now, taken by the next request, idle again once
        // that request's answer has been read. HttpClient returns it to the pool before it calls back, on its
        // one network thread.
        const int idle = HttpClient::instance().idleConnections();
        int calls = 0;
        auto *gone = new QObject;
        HttpClient::instance().send(soap(d.deviceUrl(), "GetDeviceInformation"), gone,
                                    [&](HttpResponse) { ++calls; });
        delete gone;
        QTRY_COMPARE_WITH_TIMEOUT(int(d.requests().size()), 2, 3000); // it took the connection...
        QTRY_COMPARE_WITH_TIMEOUT(HttpClient::instance().idleConnections(), idle,
                                  3000); // ...and gave it back
        // The marker: a request sent now starts on the network thread after the slow answer's callback has
        // run there, so its answer is queued to this thread after anything that callback could have queued.
        bool marker = false;
        HttpClient::instance().send(soap(d.deviceUrl()), &receiver, [&](HttpResponse r) { marker = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(marker, 3000);
        QCOMPARE(calls, 0); // the slow answer for the receiver that is gone was dropped
    }
};

QTEST_GUILESS_MAIN(TstHttpClient)
#include "tst_http_client.moc"
