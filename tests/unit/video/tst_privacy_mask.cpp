// Privacy masks painted into the frame (privacy_mask.h): inside a polygon every pixel is black (Y at the
// range's black, chroma neutral), outside nothing changes; the picture's viewport (padded frames) is what
// 0..1 refers to; YUV420P and NV12; a frame that cannot be masked is refused, and FrameSlot drops it rather
// than let it through bare.
#include "vigil/video/frame_slot.h"
#include "vigil/video/privacy_mask.h"

#include <QtMultimedia/QVideoFrameFormat>
#include <QtTest/QtTest>

using namespace vigil::video;

namespace {
constexpr int kY = 200, kU = 60, kV = 190;

QVideoFrame makeFrame(QVideoFrameFormat::PixelFormat pf, QSize size, QRect viewport = {},
                      QVideoFrameFormat::ColorRange range = QVideoFrameFormat::ColorRange_Video)
{
    QVideoFrameFormat format(size, pf);
    if (viewport.isValid())
        format.setViewport(viewport);
    format.setColorRange(range);
    QVideoFrame f(format);
    if (!f.map(QVideoFrame::WriteOnly))
        return {};
    std::memset(f.bits(0), kY, size_t(f.mappedBytes(0)));
    if (pf == QVideoFrameFormat::Format_YUV420P) {
        std::memset(f.bits(1), kU, size_t(f.mappedBytes(1)));
        std::memset(f.bits(2), kV, size_t(f.mappedBytes(2)));
    } else if (pf == QVideoFrameFormat::Format_NV12) {
        for (int i = 0; i + 1 < f.mappedBytes(1); i += 2) {
            f.bits(1)[i] = kU;
            f.bits(1)[i + 1] = kV;
        }
    }
    f.unmap();
    return f;
}

struct Pixel
{
    int y, u, v;
};
Pixel at(QVideoFrame f, int x, int y)
{
    f.map(QVideoFrame::ReadOnly);
    Pixel p{f.bits(0)[y * f.bytesPerLine(0) + x], 0, 0};
    if (f.pixelFormat() == QVideoFrameFormat::Format_YUV420P) {
        p.u = f.bits(1)[(y / 2) * f.bytesPerLine(1) + x / 2];
        p.v = f.bits(2)[(y / 2) * f.bytesPerLine(2) + x / 2];
    } else {
        p.u = f.bits(1)[(y / 2) * f.bytesPerLine(1) + (x / 2) * 2];
        p.v = f.bits(1)[(y / 2) * f.bytesPerLine(1) + (x / 2) * 2 + 1];
    }
    f.unmap();
    return p;
}

// The middle half of the picture.
const QPolygonF kCentre{QPointF(0.25, 0.25), QPointF(0.75, 0.25), QPointF(0.75, 0.75), QPointF(0.25, 0.75)};
} // namespace

class TstPrivacyMask : public QObject
{
    Q_OBJECT
private slots:
    void insideBlackOutsideUntouched_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("YUV420P") << int(QVideoFrameFormat::Format_YUV420P);
        QTest::newRow("NV12") << int(QVideoFrameFormat::Format_NV12);
    }
    void insideBlackOutsideUntouched()
    {
        QFETCH(int, format);
        QVideoFrame f = makeFrame(QVideoFrameFormat::PixelFormat(format), QSize(64, 48));
        QVERIFY(f.isValid());
        PrivacyMasker m;
        m.setMasks({kCentre});
        QVERIFY(m.apply(f));
        int masked = 0;
        for (int y = 0; y < 48; ++y) {
            for (int x = 0; x < 64; ++x) {
                const Pixel p = at(f, x, y);
                const bool inside = x >= 17 && x < 47 && y >= 13 && y < 35; // clear of the edges' rounding
                const bool outside = x < 15 || x >= 49 || y < 11 || y >= 37;
                if (inside) {
                    QVERIFY2(p.y == 16 && p.u == 128 && p.v == 128,
                             qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
                } else if (outside) {
                    QVERIFY2(p.y == kY && p.u == kU && p.v == kV,
                             qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
                }
                masked += p.y == 16;
            }
        }
        // Half the width by half the height: a quarter of the picture.
        QVERIFY2(std::abs(masked - 64 * 48 / 4) <= 64, qPrintable(QString::number(masked)));
        // Every frame of the size is masked the same (the runs are kept).
        QVideoFrame g = makeFrame(QVideoFrameFormat::PixelFormat(format), QSize(64, 48));
        QVERIFY(m.apply(g));
        QCOMPARE(at(g, 32, 24).y, 16);
        QCOMPARE(at(g, 2, 2).y, kY);
    }

    void viewportIsThePicture()
    {
        // A padded frame (frame_convert pads to 16): 0..1 is the 40x30 picture, not the 48x32 buffer.
        QVideoFrame f = makeFrame(QVideoFrameFormat::Format_YUV420P, QSize(48, 32), QRect(0, 0, 40, 30));
        PrivacyMasker m;
        m.setMasks({QPolygonF{QPointF(0.5, 0), QPointF(1, 0), QPointF(1, 1), QPointF(0.5, 1)}}); // right half
        QVERIFY(m.apply(f));
        QCOMPARE(at(f, 21, 10).y, 16);
        QCOMPARE(at(f, 39, 29).y, 16);
        QCOMPARE(at(f, 18, 10).y, kY);
        QCOMPARE(at(f, 44, 10).y, kY); // padding, outside the picture
    }

    void fullRangeBlackIsZero()
    {
        QVideoFrame f = makeFrame(QVideoFrameFormat::Format_YUV420P, QSize(32, 32), {},
                                  QVideoFrameFormat::ColorRange_Full);
        PrivacyMasker m;
        m.setMasks({kCentre});
        QVERIFY(m.apply(f));
        QCOMPARE(at(f, 16, 16).y, 0);
    }

    void noMasksNoChange()
    {
        QVideoFrame f = makeFrame(QVideoFrameFormat::Format_YUV420P, QSize(32, 32));
        PrivacyMasker m;
        QVERIFY(m.apply(f));
        QCOMPARE(at(f, 16, 16).y, kY);
    }

    void slotMasksAndRefusesWhatItCannotMask()
    {
        FrameSlot slot;
        slot.setPrivacyMasks({kCentre});
        slot.put(makeFrame(QVideoFrameFormat::Format_YUV420P, QSize(64, 48)), monotonicNs());
        auto entry = slot.take();
        QVERIFY(entry);
        QCOMPARE(at(entry->frame, 32, 24).y, 16);
        QCOMPARE(at(entry->frame, 1, 1).y, kY);

        // An RGB frame cannot be masked here: dropped, never shown bare.
        QVideoFrame rgb(QVideoFrameFormat(QSize(32, 32), QVideoFrameFormat::Format_RGBA8888));
        slot.put(rgb, monotonicNs());
        QVERIFY(!slot.take());
        QCOMPARE(slot.framesDropped(), 1);

        // Without masks the slot passes every frame as it is.
        FrameSlot plain;
        plain.put(QVideoFrame(QVideoFrameFormat(QSize(32, 32), QVideoFrameFormat::Format_RGBA8888)),
                  monotonicNs());
        QVERIFY(plain.take());
    }
};

QTEST_GUILESS_MAIN(TstPrivacyMask)
#include "tst_privacy_mask.moc"
