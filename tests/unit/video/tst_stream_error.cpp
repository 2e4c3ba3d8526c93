#include "vigil/video/stream_error.h"

#include <QtTest/QtTest>

extern "C" {
#include <libavutil/error.h>
}

using namespace vigil::video;
using C = VideoPlayer::ErrorCategory;

class TstStreamError : public QObject
{
    Q_OBJECT
private slots:
    void mapping_data()
    {
        QTest::addColumn<int>("err");
        QTest::addColumn<C>("category");
        QTest::addColumn<QString>("code");
        QTest::newRow("401") << AVERROR_HTTP_UNAUTHORIZED << C::Auth << "auth";
        QTest::newRow("403") << AVERROR_HTTP_FORBIDDEN << C::Auth << "forbidden";
        QTest::newRow("404") << AVERROR_HTTP_NOT_FOUND << C::Fatal << "not-found";
        QTest::newRow("refused") << AVERROR(ECONNREFUSED) << C::Transient << "refused";
        QTest::newRow("timeout") << AVERROR(ETIMEDOUT) << C::Transient << "timeout";
        QTest::newRow("unreachable") << AVERROR(EHOSTUNREACH) << C::Transient << "unreachable";
        QTest::newRow("eof") << AVERROR_EOF << C::Transient << "ended";
        QTest::newRow("codec") << AVERROR_DECODER_NOT_FOUND << C::Unsupported << "unsupported-codec";
        QTest::newRow("no video") << AVERROR_STREAM_NOT_FOUND << C::Fatal << "no-video";
        QTest::newRow("other") << AVERROR(EIO) << C::Transient << "io";
    }
    void mapping()
    {
        QFETCH(int, err);
        QFETCH(C, category);
        QFETCH(QString, code);
        const StreamError e =
            describeStreamError(err, QStringLiteral("10.0.0.5:554"), QStringLiteral("mjpeg"));
        QCOMPARE(e.category, category);
        QCOMPARE(e.code, code);
        QVERIFY(!e.text.isEmpty());
        QVERIFY2(e.text.endsWith(QLatin1Char('.')), qPrintable(e.text)); // a sentence, for the UI
        if (code != QLatin1String("unsupported-codec"))
            QVERIFY2(e.text.contains(QStringLiteral("10.0.0.5:554")),
                     qPrintable(e.text)); // says which device
    }
};

QTEST_GUILESS_MAIN(TstStreamError)
#include "tst_stream_error.moc"
