#include "vigil/core/redact.h"

#include <QtTest/QtTest>

using vigil::core::redactUrl;

class TstRedact : public QObject
{
    Q_OBJECT
private slots:
    void redacts_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("user+pass") << "rtsp://admin:secret@10.0.0.5:554/ch1"
                                   << "rtsp://***@10.0.0.5:554/ch1";
        QTest::newRow("user only") << "rtsp://admin@cam/live"
                                   << "rtsp://***@cam/live";
        QTest::newRow("no creds") << "rtsp://10.0.0.5/ch1"
                                  << "rtsp://10.0.0.5/ch1";
        QTest::newRow("token query") << "http://h/x?a=1&token=abc&b=2"
                                     << "http://h/x?a=1&token=***&b=2";
        QTest::newRow("password query") << "http://h/onvif?user=u&password=p#f"
                                        << "http://h/onvif?user=u&password=***#f";
        QTest::newRow("tianditu tk") << "http://t0.tianditu.gov.cn/img_w/wmts?tk=KEY123"
                                     << "http://t0.tianditu.gov.cn/img_w/wmts?tk=***";
        QTest::newRow("log line") << "failed to open rtsp://u:p@h/a and http://x:y@z/b now"
                                  << "failed to open rtsp://***@h/a and http://***@z/b now";
        QTest::newRow("at in password") << "rtsp://admin:p%40ss@h/a"
                                        << "rtsp://***@h/a";
        QTest::newRow("email in path is kept") << "see /home/a@b"
                                               << "see /home/a@b";
        QTest::newRow("plain text") << "hello"
                                    << "hello";
        QTest::newRow("secret query") << "http://h/api?appKey=k1&secret=s3cr3t&x=1"
                                      << "http://h/api?appKey=***&secret=***&x=1";
        QTest::newRow("access_token") << "wss://h:8443/api/v1/push?access_token=eyJhbGc.x.y"
                                      << "wss://h:8443/api/v1/push?access_token=***";
        QTest::newRow("refresh_token") << "http://h/a?refresh_token=r1;token=t1"
                                       << "http://h/a?refresh_token=***;token=***";
        QTest::newRow("client_secret") << "https://h/oauth?client_id=vigil&client_secret=abc"
                                       << "https://h/oauth?client_id=vigil&client_secret=***";
        QTest::newRow("password upper") << "http://h/login?PASSWORD=Hunter2&user=a"
                                        << "http://h/login?PASSWORD=***&user=a";
        QTest::newRow("password in log line") << "GET /x?password=p1 failed; retry /x?user=a&password=p2"
                                              << "GET /x?password=*** failed; retry /x?user=a&password=***";
        QTest::newRow("fragment token") << "https://h/cb#access_token=abc&expires_in=60"
                                        << "https://h/cb#access_token=***&expires_in=60";
        QTest::newRow("harmless query kept") << "http://h/x?channel=1&stream=main"
                                             << "http://h/x?channel=1&stream=main";
        QTest::newRow("empty secret") << "http://h/x?secret=&a=1"
                                      << "http://h/x?secret=***&a=1";
        QTest::newRow("user and secret") << "rtsp://u:p@h/a?token=t"
                                         << "rtsp://***@h/a?token=***";
    }
    void redacts()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(redactUrl(in), out);
        QCOMPARE(QString::fromStdString(redactUrl(in.toStdString())), out);
    }
    void neverLeaksPassword()
    {
        const QString secret = QStringLiteral("Sup3r:S3cret");
        const QUrl u = vigil::core::withCredentials(QUrl(QStringLiteral("rtsp://10.1.1.1/Streaming/101")),
                                                    QStringLiteral("admin"), secret);
        QVERIFY(u.toString().contains(QStringLiteral("admin")));
        QVERIFY(!redactUrl(u.toString()).contains(QStringLiteral("S3cret")));
        QVERIFY(!redactUrl(u.toString(QUrl::FullyEncoded)).contains(QStringLiteral("S3cret")));
    }
};

QTEST_GUILESS_MAIN(TstRedact)
#include "tst_redact.moc"
