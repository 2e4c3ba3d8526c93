// Draws converted frames through a real QML VideoOutput (GPU colour conversion, Mesa llvmpipe under Xvfb) and
// reads the pixels back. Guards Qt 6.4.2's YUV420P chroma-stride bug at height % 4 == 2, which only shows on
// this path (QVideoFrame::toImage() is not affected), and proves tiles are not black.
#include "frame_convert.h"

#include <QtMultimedia/QVideoSink>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickView>
#include <QtTest/QtTest>

using namespace vigil::video;

namespace {
ff::FramePtr makeFrame(int w, int h)
{
    ff::FramePtr f(av_frame_alloc());
    f->format = AV_PIX_FMT_YUV420P;
    f->width = w;
    f->height = h;
    f->color_range = AVCOL_RANGE_MPEG;
    f->colorspace = AVCOL_SPC_BT470BG;
    if (av_frame_get_buffer(f.get(), 0) < 0)
        return {};
    for (int y = 0; y < h; ++y)
        memset(f->data[0] + y * f->linesize[0], y < h / 2 ? 81 : 41, size_t(w)); // red over blue
    for (int y = 0; y < (h + 1) / 2; ++y) {
        const bool top = y * 2 < h / 2;
        memset(f->data[1] + y * f->linesize[1], top ? 90 : 240, size_t((w + 1) / 2));
        memset(f->data[2] + y * f->linesize[2], top ? 240 : 110, size_t((w + 1) / 2));
    }
    return f;
}
QString rgb(QRgb c)
{
    return QStringLiteral("rgb(%1,%2,%3)").arg(qRed(c)).arg(qGreen(c)).arg(qBlue(c));
}
} // namespace

class TstRenderYuv : public QObject
{
    Q_OBJECT
private slots:
    void rendersWithoutShear_data()
    {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::newRow("640x360") << 640 << 360;
        QTest::newRow("640x362") << 640 << 362;
        QTest::newRow("704x386") << 704 << 386;
        QTest::newRow("480x270") << 480 << 270;
    }
    void rendersWithoutShear()
    {
        QFETCH(int, w);
        QFETCH(int, h);
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        QQuickView view;
        view.setResizeMode(QQuickView::SizeRootObjectToView);
        view.setSource(QUrl(QStringLiteral("qrc:/render/VideoBox.qml")));
        QCOMPARE(view.status(), QQuickView::Ready);
        view.resize(w, h);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *vo = view.rootObject()->findChild<QObject *>(QStringLiteral("video"));
        QVERIFY(vo);
        auto *sink = vo->property("videoSink").value<QVideoSink *>();
        QVERIFY(sink);
        FrameConverter conv;
        auto f = makeFrame(w, h);
        sink->setVideoFrame(conv.convert(f.get()));
        QImage img;
        auto isRed = [](QRgb c) {
            return qRed(c) > 190 && qGreen(c) < 70 && qBlue(c) < 70;
        };
        auto isBlue = [](QRgb c) {
            return qBlue(c) > 190 && qRed(c) < 70 && qGreen(c) < 70;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            (img = view.grabWindow(), isRed(img.pixel(img.width() / 2, img.height() / 8))), 5000);
        img = img.scaled(w, h); // grab is in device pixels
        for (int y : {4, h / 4, h / 2 - 6})
            for (int x : {4, w / 2, w - 5})
                QVERIFY2(isRed(img.pixel(x, y)),
                         qPrintable(QStringLiteral("(%1,%2) %3").arg(x).arg(y).arg(rgb(img.pixel(x, y)))));
        for (int y : {h / 2 + 6, 3 * h / 4, h - 5})
            for (int x : {4, w / 2, w - 5})
                QVERIFY2(isBlue(img.pixel(x, y)),
                         qPrintable(QStringLiteral("(%1,%2) %3").arg(x).arg(y).arg(rgb(img.pixel(x, y)))));
    }
};

QTEST_MAIN(TstRenderYuv)
#include "tst_render_yuv.moc"
