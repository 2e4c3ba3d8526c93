// Frame conversion, including the regression guard for Qt 6.4.2's YUV420P chroma stride bug at heights with
// height % 4 == 2 (362, 386, 270 lines): colours must not shear in the lower part of the picture.
#include "frame_convert.h"

#include <QtGui/QImage>
#include <QtTest/QtTest>

using namespace vigil::video;

namespace {
// Fills a YUV420P frame: top half one colour, bottom half another (BT.601 limited range values).
ff::FramePtr makeFrame(int w, int h, AVPixelFormat fmt = AV_PIX_FMT_YUV420P)
{
    ff::FramePtr f(av_frame_alloc());
    f->format = fmt;
    f->width = w;
    f->height = h;
    f->colorspace = AVCOL_SPC_BT470BG;
    f->color_range = AVCOL_RANGE_MPEG;
    if (av_frame_get_buffer(f.get(), 0) < 0)
        return {};
    // Red (Y=81,U=90,V=240) on top, blue (Y=41,U=240,V=110) below.
    for (int y = 0; y < h; ++y)
        memset(f->data[0] + y * f->linesize[0], y < h / 2 ? 81 : 41, size_t(w));
    const int ch = (h + 1) / 2, cw = (w + 1) / 2;
    for (int y = 0; y < ch; ++y) {
        const bool top = y * 2 < h / 2;
        memset(f->data[1] + y * f->linesize[1], top ? 90 : 240, size_t(cw));
        memset(f->data[2] + y * f->linesize[2], top ? 240 : 110, size_t(cw));
    }
    return f;
}
bool isRed(QRgb c)
{
    return qRed(c) > 200 && qGreen(c) < 60 && qBlue(c) < 60;
}
bool isBlue(QRgb c)
{
    return qBlue(c) > 200 && qRed(c) < 60 && qGreen(c) < 60;
}
QString describe(QRgb c)
{
    return QStringLiteral("rgb(%1,%2,%3)").arg(qRed(c)).arg(qGreen(c)).arg(qBlue(c));
}
} // namespace

class TstFrameConvert : public QObject
{
    Q_OBJECT
private slots:
    void padding_data()
    {
        QTest::addColumn<QSize>("in");
        QTest::addColumn<QSize>("out");
        QTest::newRow("360p") << QSize(640, 360) << QSize(640, 360);
        QTest::newRow("362") << QSize(640, 362) << QSize(640, 364);
        QTest::newRow("386") << QSize(704, 386) << QSize(704, 388);
        QTest::newRow("270") << QSize(480, 270) << QSize(480, 272);
        QTest::newRow("1080") << QSize(1920, 1080) << QSize(1920, 1080);
        QTest::newRow("odd") << QSize(353, 241) << QSize(354, 244);
    }
    void padding()
    {
        QFETCH(QSize, in);
        QFETCH(QSize, out);
        QCOMPARE(paddedFrameSize(in), out);
    }

    void coloursSurvive_data()
    {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::newRow("640x360") << 640 << 360;
        QTest::newRow("640x362 (Qt 6.4 stride bug)") << 640 << 362;
        QTest::newRow("704x386 (Qt 6.4 stride bug)") << 704 << 386;
        QTest::newRow("480x270 (Qt 6.4 stride bug)") << 480 << 270;
        QTest::newRow("1280x720") << 1280 << 720;
    }
    void coloursSurvive()
    {
        QFETCH(int, w);
        QFETCH(int, h);
        auto f = makeFrame(w, h);
        QVERIFY(f);
        FrameConverter conv;
        QVideoFrame vf = conv.convert(f.get());
        QVERIFY(vf.isValid());
        QCOMPARE(vf.pixelFormat(), QVideoFrameFormat::Format_YUV420P);
        QCOMPARE(conv.width(), w);
        QCOMPARE(conv.height(), h);
        QCOMPARE(vf.surfaceFormat().viewport().size(), QSize(w, h));
        const QImage img = vf.toImage();
        QVERIFY(!img.isNull());
        // Sample the whole height: a wrong chroma stride shears the chroma plane, so the lower rows go wrong.
        for (int y : {2, h / 4, h / 2 - 4}) {
            for (int x : {2, w / 2, w - 3})
                QVERIFY2(
                    isRed(img.pixel(x, y)),
                    qPrintable(QStringLiteral("(%1,%2) %3").arg(x).arg(y).arg(describe(img.pixel(x, y)))));
        }
        for (int y : {h / 2 + 4, 3 * h / 4, h - 3}) {
            for (int x : {2, w / 2, w - 3})
                QVERIFY2(
                    isBlue(img.pixel(x, y)),
                    qPrintable(QStringLiteral("(%1,%2) %3").arg(x).arg(y).arg(describe(img.pixel(x, y)))));
        }
    }

    void unusualFormatsAreConverted()
    {
        // 4:2:2 (some encoders' main streams) goes through swscale to YUV420P.
        ff::FramePtr f(av_frame_alloc());
        f->format = AV_PIX_FMT_YUV422P;
        f->width = 320;
        f->height = 240;
        QVERIFY(av_frame_get_buffer(f.get(), 0) >= 0);
        for (int y = 0; y < 240; ++y) {
            memset(f->data[0] + y * f->linesize[0], 81, 320);
            memset(f->data[1] + y * f->linesize[1], 90, 160);
            memset(f->data[2] + y * f->linesize[2], 240, 160);
        }
        FrameConverter conv;
        QVideoFrame vf = conv.convert(f.get());
        QVERIFY(vf.isValid());
        QCOMPARE(vf.pixelFormat(), QVideoFrameFormat::Format_YUV420P);
        QVERIFY(isRed(vf.toImage().pixel(160, 120)));
    }

    void rejectsEmpty()
    {
        FrameConverter conv;
        QVERIFY(!conv.convert(nullptr).isValid());
        ff::FramePtr f(av_frame_alloc());
        QVERIFY(!conv.convert(f.get()).isValid());
    }
};

QTEST_MAIN(TstFrameConvert)
#include "tst_frame_convert.moc"
