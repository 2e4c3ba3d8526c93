// Privacy masks end to end (issue 13): the real Main.qml under Xvfb, the demo site's RTSP cameras, the real
// FFmpeg engine. A mask over the demo's reference region (the flat fill of the camera's colour) is set on the
// camera of tile 1 through the camera directory, as a config edit would; the tile reopens the camera masked.
// Checked three ways, each beside the unmasked camera of tile 2 at the same place of its picture (so the
// place is known to show colour): the frames the tile's sink receives (YUV), the window's pixels (the
// screenshot, kept as VIGIL_SCREENSHOT_DIR/privacy-mask.png for people to look at) and the snapshot PNG.
#include "demo_wall_app.h"
#include "vigil/app/camera_feed.h"
#include "vigil/demo/demo_site.h"
#include "vigil/video/video_player.h"

#include <QtCore/QTemporaryDir>
#include <QtQuick/QQuickItem>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
app::CameraFeed *feedOfTile(QQuickWindow *window, int tile)
{
    auto *item = window->contentItem()->findChild<QQuickItem *>(QStringLiteral("tile%1").arg(tile));
    if (!item) {
        // Delegates may have no QObject parent: walk the items.
        QList<QQuickItem *> stack{window->contentItem()};
        while (!stack.isEmpty() && !item) {
            QQuickItem *i = stack.takeLast();
            if (i->objectName() == QStringLiteral("tile%1").arg(tile))
                item = i;
            stack += i->childItems();
        }
    }
    return item ? item->findChild<app::CameraFeed *>() : nullptr;
}

QQuickItem *videoOutputOf(app::CameraFeed *feed)
{
    auto *tile = qobject_cast<QQuickItem *>(feed->parent());
    if (!tile)
        return nullptr;
    for (QQuickItem *child : tile->childItems()) {
        if (child->inherits("QQuickVideoOutput"))
            return child;
    }
    return nullptr;
}

// Mean Y of a small square around (fx, fy) (fractions of the picture) of the sink's current frame.
int lumaAt(QVideoFrame frame, double fx, double fy)
{
    if (!frame.isValid() || !frame.map(QVideoFrame::ReadOnly))
        return -1;
    const QRect vp = frame.surfaceFormat().viewport().isValid() ? frame.surfaceFormat().viewport()
                                                                : QRect(QPoint(0, 0), frame.size());
    const int cx = vp.x() + int(fx * vp.width()), cy = vp.y() + int(fy * vp.height());
    int sum = 0, n = 0;
    for (int y = cy - 2; y <= cy + 2; ++y) {
        for (int x = cx - 2; x <= cx + 2; ++x) {
            sum += frame.bits(0)[y * frame.bytesPerLine(0) + x];
            ++n;
        }
    }
    frame.unmap();
    return sum / n;
}

bool nearBlack(QRgb c)
{
    return qRed(c) < 40 && qGreen(c) < 40 && qBlue(c) < 40;
}
bool colourful(QRgb c)
{
    return std::max({qRed(c), qGreen(c), qBlue(c)}) - std::min({qRed(c), qGreen(c), qBlue(c)}) > 60;
}
} // namespace

class TstPrivacyMasks : public QObject
{
    Q_OBJECT
private slots:
    void maskedInTheFrameOnScreenAndInTheSnapshot()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        QTemporaryDir pictures;
        qputenv("VIGIL_PICTURES_DIR", pictures.path().toUtf8());
        test::DemoWallApp app;
        app.start(QSize(1280, 720));
        if (QTest::currentTestFailed())
            return;
        QQuickWindow *window = app.window;
        app.wallStore.setLayout(QStringLiteral("4"));
        app::CameraFeed *masked = feedOfTile(window, 0);
        app::CameraFeed *plain = feedOfTile(window, 1);
        QVERIFY(masked && plain);
        QTRY_VERIFY_WITH_TIMEOUT(masked->player()->hasFrame() && plain->player()->hasFrame(), 15000);

        const QRectF ref = demo::DemoSite::referenceRegion();
        const QPointF probe = ref.center();
        // Before: both show their colour there.
        QTRY_VERIFY_WITH_TIMEOUT(lumaAt(masked->videoSink()->videoFrame(), probe.x(), probe.y()) > 40, 5000);

        // The mask, as cameras.json's "privacyMasks" would give it: the reference region, a little larger.
        const QRectF m = ref.adjusted(-0.02, -0.02, 0.02, 0.02);
        QVERIFY(app.directory.setPrivacyMasks(masked->cameraId(), {QPolygonF(m)}));
        QCOMPARE(app.directory.camera(masked->cameraId())->privacyMasks.size(), 1);

        // 1. The frames the tile's sink is given: black (limited-range Y 16) inside, the colour beside it.
        QTRY_VERIFY_WITH_TIMEOUT(lumaAt(masked->videoSink()->videoFrame(), probe.x(), probe.y()) <= 20,
                                 15000);
        for (int i = 0; i < 10; ++i) { // it holds frame after frame, not once
            QSignalSpy next(masked->videoSink(), &QVideoSink::videoFrameChanged);
            QVERIFY(next.wait(3000));
            QVERIFY(lumaAt(masked->videoSink()->videoFrame(), probe.x(), probe.y()) <= 20);
        }
        QVERIFY(lumaAt(plain->videoSink()->videoFrame(), probe.x(), probe.y()) > 40);

        // 2. The window's pixels, through the VideoOutput's picture rectangle.
        QVERIFY(test::waitForFrameDrawn(window)); // the latest pictures are on screen
        const QImage shot = window->grabWindow();
        const QString out = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) +
                            QStringLiteral("/privacy-mask.png");
        QVERIFY(shot.save(out));
        qInfo("screenshot: %s", qPrintable(out));
        auto onScreen = [&](app::CameraFeed *feed, QPointF at) {
            QQuickItem *output = videoOutputOf(feed);
            const QRectF content = output ? output->property("contentRect").toRectF() : QRectF();
            const QPointF p = output->mapToScene(
                QPointF(content.x() + at.x() * content.width(), content.y() + at.y() * content.height()));
            const qreal dpr = shot.devicePixelRatio();
            return shot.pixel(int(p.x() * dpr), int(p.y() * dpr));
        };
        QVERIFY(videoOutputOf(masked));
        for (const QPointF &at :
             {probe, ref.topLeft() + QPointF(0.01, 0.01), ref.bottomRight() - QPointF(0.01, 0.01)}) {
            QVERIFY2(nearBlack(onScreen(masked, at)),
                     qPrintable(QStringLiteral("masked tile at %1,%2 shows %3")
                                    .arg(at.x())
                                    .arg(at.y())
                                    .arg(QColor(onScreen(masked, at)).name())));
            QVERIFY2(colourful(onScreen(plain, at)), qPrintable(QColor(onScreen(plain, at)).name()));
        }

        // 3. The snapshot PNG of each tile.
        auto snapshot = [](app::CameraFeed *feed) {
            QSignalSpy saved(feed, &app::CameraFeed::snapshotSaved);
            const QString path = feed->saveSnapshot();
            if (path.isEmpty() || !saved.wait(10000) || !saved.first().at(1).toBool())
                return QImage();
            return QImage(path);
        };
        const QImage maskedPng = snapshot(masked);
        const QImage plainPng = snapshot(plain);
        QVERIFY(!maskedPng.isNull() && !plainPng.isNull());
        auto pngAt = [](const QImage &img, QPointF at) {
            return img.pixel(int(at.x() * img.width()), int(at.y() * img.height()));
        };
        QVERIFY2(nearBlack(pngAt(maskedPng, probe)), qPrintable(QColor(pngAt(maskedPng, probe)).name()));
        QVERIFY2(colourful(pngAt(plainPng, probe)), qPrintable(QColor(pngAt(plainPng, probe)).name()));
        // Outside the mask the snapshot still shows the picture (the mask is where it should be, not all
        // over).
        int colourfulOutside = 0;
        for (int y = 0; y < maskedPng.height(); y += 8) {
            for (int x = 0; x < maskedPng.width(); x += 8) {
                const QPointF f(double(x) / maskedPng.width(), double(y) / maskedPng.height());
                if (!m.contains(f) && colourful(maskedPng.pixel(x, y)))
                    ++colourfulOutside;
            }
        }
        QVERIFY2(colourfulOutside > 20, qPrintable(QString::number(colourfulOutside)));

        // Taking the mask off shows the colour again.
        QVERIFY(app.directory.setPrivacyMasks(masked->cameraId(), {}));
        QTRY_VERIFY_WITH_TIMEOUT(lumaAt(masked->videoSink()->videoFrame(), probe.x(), probe.y()) > 40, 15000);
    }
};

QTEST_MAIN(TstPrivacyMasks)
#include "tst_privacy_masks.moc"
