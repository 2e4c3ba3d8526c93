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
