// Kiosk mode (issue 13, open days), end to end: the real Main.qml under Xvfb with the demo site's RTSP
// cameras, in kiosk mode as main() sets it (Session.kiosk before QML loads, app::enterKioskMode, the kiosk
// tours). Every Shortcut the window declares is found by walking the object tree (not listed by hand: a
// shortcut added to Main.qml later is sent too) and sent with Esc, Alt+F4, a window close, a right-click, a
// double-click and a hover on a tile; nothing may escape (the window stays visible and full screen, the wall
// unchanged, still touring) and nothing may open (no popup, menu or dialog visible). The tour moves the
// tiles on by itself. The PIN pad opens by the key chord and by holding the hidden corner; a wrong PIN is
// refused with a message, the right one closes the window. The screenshot is kept for people to look at
// (VIGIL_SCREENSHOT_DIR/kiosk.png).
#include "demo_wall_app.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/kiosk.h"
#include "vigil/app/kiosk_pin.h"
#include "vigil/video/video_player.h"

#include <QtGui/QKeySequence>
#include <QtQuick/QQuickItem>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
// Every QObject under the window: items (Repeater delegates have no QObject parent, only a parent item) and
// the non-visual objects they own (Shortcut, Popup, Timer...).
QList<QObject *> everyObject(QQuickWindow *window)
{
    QList<QObject *> out;
    QSet<QObject *> seen;
    QList<QObject *> stack{window->contentItem()};
    while (!stack.isEmpty()) {
        QObject *o = stack.takeLast();
        if (!o || seen.contains(o))
            continue;
        seen.insert(o);
        out.append(o);
        stack += o->children();
        if (auto *item = qobject_cast<QQuickItem *>(o)) {
            const auto kids = item->childItems();
            for (QQuickItem *k : kids)
                stack.append(k);
        }
    }
    return out;
}

QList<QKeySequence> sequencesOf(QObject *shortcut)
{
    QList<QKeySequence> out;
    const QVariant one = shortcut->property("sequence");
    if (one.typeId() == QMetaType::Int)
        out += QKeySequence::keyBindings(QKeySequence::StandardKey(one.toInt()));
    else if (!one.toString().isEmpty())
        out.append(QKeySequence(one.toString()));
    for (const QVariant &v : shortcut->property("sequences").toList()) {
        if (v.typeId() == QMetaType::Int)
            out += QKeySequence::keyBindings(QKeySequence::StandardKey(v.toInt())); // StandardKey.Undo...
        else if (!v.toString().isEmpty())
            out.append(QKeySequence(v.toString()));
    }
    return out;
}

// Names of the popups (menus, dialogs, the PIN pad) that are open.
QStringList openPopups(QQuickWindow *window)
{
    QStringList out;
    for (QObject *o : everyObject(window)) {
        if (o->inherits("QQuickPopup") && o->property("visible").toBool())
            out.append(o->objectName().isEmpty() ? QString::fromLatin1(o->metaObject()->className())
                                                 : o->objectName());
    }
    return out;
}

template<class T> QList<T *> findIn(QQuickWindow *window)
{
    QList<T *> out;
    for (QObject *o : everyObject(window)) {
        if (auto *t = qobject_cast<T *>(o))
            out.append(t);
    }
    return out;
}

QQuickItem *itemNamed(QQuickWindow *window, const QString &name)
{
    for (QObject *o : everyObject(window)) {
        if (o->objectName() == name)
            return qobject_cast<QQuickItem *>(o);
    }
    return nullptr;
}
} // namespace

class TstKiosk : public QObject
{
    Q_OBJECT
private slots:
    void nothingEscapesAndThePinExits()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real X display (run through tests/support/with-xvfb.sh)");
        test::DemoWallApp app;
        // As main() does for --kiosk --kiosk-title "Open day": before QML loads.
        QString why;
        const QString stored = app::hashKioskPin(QStringLiteral("2468"), 1000, &why);
        QVERIFY2(!stored.isEmpty(), qPrintable(why));
        QVERIFY(app.session.setKioskPinHash(stored));
        app.session.setKiosk(true);
        app.session.setKioskTitle(QStringLiteral("Open day"));
        app.start(QSize(1024, 576), 6); // smaller than the 1280x720 screen: kiosk mode must fill it
        if (QTest::currentTestFailed())
            return;
        QQuickWindow *window = app.window;
        app::enterKioskMode(&app.session, window);
        QTRY_COMPARE_WITH_TIMEOUT(window->visibility(), QWindow::FullScreen, 5000);
        QVERIFY(window->flags() & Qt::FramelessWindowHint);
        QTRY_COMPARE_WITH_TIMEOUT(window->geometry(), window->screen()->geometry(), 5000);
        const QRect fullGeometry = window->geometry();
        QCOMPARE(fullGeometry.size(), QSize(1280, 720));

        // The kiosk tour: 6 cameras on 4 tiles, every tile touring.
        app.wallStore.setLayout(QStringLiteral("4"));
        app::startKioskTours(&app.wallStore, &app.screens, app.directory);
        QCOMPARE(app.wallStore.state().tours.size(), 4);
        const QStringList firstPage = app.wallStore.state().tileCameras;

        // The wall fills the window: no toolbar, status bar or camera list.
        QQuickItem *tile0 = itemNamed(window, QStringLiteral("tile0"));
        QQuickItem *tile3 = itemNamed(window, QStringLiteral("tile3"));
        QVERIFY(tile0 && tile3);
        auto sceneRect = [](QQuickItem *item) {
            return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        };
        // (Once the new size is laid out.)
        QTRY_VERIFY2_WITH_TIMEOUT(sceneRect(tile3).bottom() > window->height() - 8 &&
                                      sceneRect(tile3).right() > window->width() - 8,
                                  "the bottom-right tile should touch the window's corner", 5000);
        const QRectF r0 = sceneRect(tile0);
        const QRectF r3 = sceneRect(tile3);
        QVERIFY2(r0.top() < 8 && r0.left() < 8, "the top-left tile should touch the window's corner");
        QVERIFY(itemNamed(window, QStringLiteral("kioskTitle")));
        QCOMPARE(itemNamed(window, QStringLiteral("kioskTitle"))->property("text").toString(),
                 QStringLiteral("Open day"));
        QVERIFY(itemNamed(window, QStringLiteral("kioskTitle"))->isVisible());
        QQuickItem *clock = itemNamed(window, QStringLiteral("kioskClock"));
        QVERIFY(clock && clock->isVisible());
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d$"))
                     .match(clock->property("text").toString())
                     .hasMatch(),
                 qPrintable(clock->property("text").toString()));

        // Every shortcut of the window, found, not listed.
        QList<QKeySequence> appKeys;
        QKeySequence pinChord;
        int shortcuts = 0;
        for (QObject *o : everyObject(window)) {
            if (!o->inherits("QQuickShortcut"))
                continue;
            ++shortcuts;
            if (o->objectName() == QLatin1String("kioskPinShortcut")) {
                pinChord = sequencesOf(o).value(0);
                continue;
            }
            QVERIFY2(!o->property("enabled").toBool(),
                     qPrintable(QStringLiteral("shortcut %1 is enabled in kiosk mode")
                                    .arg(sequencesOf(o).value(0).toString())));
            appKeys += sequencesOf(o);
        }
        // 11 layouts, 9 scenes, F11, Esc, F1, Ctrl+B, Ctrl+M, Ctrl+N, Ctrl+Shift+N: if the walk finds fewer,
        // it is broken and the test would prove nothing.
        QVERIFY2(appKeys.size() >= 27, qPrintable(QString::number(appKeys.size())));
        QCOMPARE(pinChord, QKeySequence(QStringLiteral("Ctrl+Alt+Shift+K")));
        qInfo("shortcuts found: %d (%lld of the console sent)", shortcuts, qlonglong(appKeys.size()));
        appKeys.append(QKeySequence(Qt::Key_Escape));
        appKeys.append(QKeySequence(Qt::AltModifier | Qt::Key_F4));
        appKeys.append(QKeySequence(Qt::ControlModifier | Qt::Key_Q));
        appKeys.append(QKeySequence(Qt::ControlModifier | Qt::Key_W));

        const QString layout = app.wallStore.layoutId();
        auto nothingEscaped = [&](const QString &after) {
            QCoreApplication::processEvents();
            QVERIFY2(window->isVisible(), qPrintable(after + ": the window is gone"));
            QVERIFY2(window->visibility() == QWindow::FullScreen, qPrintable(after + ": not full screen"));
            QCOMPARE(window->geometry(), fullGeometry);
            QVERIFY2(openPopups(window).isEmpty(),
                     qPrintable(after + ": open: " + openPopups(window).join(u',')));
            QCOMPARE(app.wallStore.layoutId(), layout);
            QCOMPARE(app.wallStore.maximizedTile(), -1);
            QCOMPARE(window->property("view").toString(), QStringLiteral("wall"));
            QCOMPARE(app.wallStore.state().tours.size(), 4);
        };
        for (const QKeySequence &keys : std::as_const(appKeys)) {
            QTest::keySequence(window, keys);
            nothingEscaped(keys.toString());
            if (QTest::currentTestFailed())
                return;
        }

        // Closing the window (what Alt+F4 asks of a window manager) is refused.
        QVERIFY(!window->close());
        nothingEscaped(QStringLiteral("close()"));

        // The mouse on a tile: no menu, no maximize, no tile buttons, no drag.
        const QPoint onTile = r0.center().toPoint();
        QTest::mouseMove(window, onTile);
        QTest::mouseClick(window, Qt::RightButton, {}, onTile);
        nothingEscaped(QStringLiteral("right-click"));
        QTest::mouseDClick(window, Qt::LeftButton, {}, onTile);
        nothingEscaped(QStringLiteral("double-click"));
        QTest::mousePress(window, Qt::LeftButton, {}, onTile);
        QTest::mouseMove(window, r3.center().toPoint());
        QTest::mouseRelease(window, Qt::LeftButton, {}, r3.center().toPoint());
        nothingEscaped(QStringLiteral("drag"));
        QCOMPARE(app.wallStore.state().tours.size(), 4);
        for (const QString &button : {QStringLiteral("tileMenuButton"), QStringLiteral("tilePtzButton")}) {
            for (QObject *o : everyObject(window)) {
                if (o->objectName() == button)
                    QVERIFY2(!o->property("visible").toBool(), qPrintable(button + " shows in kiosk mode"));
            }
        }

        // The tour runs by itself: the first tile moves to the next page's camera.
        QTRY_VERIFY_WITH_TIMEOUT(app.wallStore.state().tileCameras.value(0) != firstPage.value(0), 25000);
        nothingEscaped(QStringLiteral("tour"));

        // Look at it as the public would: every tile playing.
        const auto feeds = findIn<app::CameraFeed>(window);
        QVERIFY(feeds.size() >= 4);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(feeds.begin(), feeds.end(),
                                             [](app::CameraFeed *f) {
                                                 return f->cameraId().isEmpty() || f->player()->hasFrame();
                                             }),
                                 20000);
        QVERIFY(test::waitForFrameDrawn(window)); // the latest pictures are on screen
        const QImage shot = window->grabWindow();
        const QString out =
            qEnvironmentVariable("VIGIL_SCREENSHOT_DIR", QDir::tempPath()) + QStringLiteral("/kiosk.png");
        QVERIFY(shot.save(out));
        qInfo("screenshot: %s", qPrintable(out));

        // The PIN pad: the chord opens it, Esc closes it (and nothing else).
        QObject *pad = nullptr;
        for (QObject *o : everyObject(window)) {
            if (o->objectName() == QLatin1String("kioskPinPad"))
                pad = o;
        }
        QVERIFY(pad);
        QTest::keySequence(window, pinChord);
        QTRY_VERIFY_WITH_TIMEOUT(pad->property("opened").toBool(), 3000);
        QTest::keyClick(window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!pad->property("visible").toBool(), 3000);
        nothingEscaped(QStringLiteral("PIN pad closed"));

        // The hidden corner, held two seconds, opens it too; a short tap does not.
        QTest::mouseClick(window, Qt::LeftButton, {}, QPoint(10, 10));
        QCoreApplication::processEvents();
        QVERIFY(!pad->property("visible").toBool());
        QTest::mousePress(window, Qt::LeftButton, {}, QPoint(10, 10));
        QTRY_VERIFY_WITH_TIMEOUT(pad->property("opened").toBool(), 4000);
        QTest::mouseRelease(window, Qt::LeftButton, {}, QPoint(10, 10));

        // A wrong PIN typed on the keyboard: refused, said, still in kiosk mode.
        app::KioskLock *lock = app.session.kioskLock();
        QSignalSpy rejected(lock, &app::KioskLock::rejected);
        QSignalSpy unlocked(lock, &app::KioskLock::unlocked);
        for (const char digit : {'1', '1', '1', '1'})
            QTest::keyClick(window, digit);
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(rejected.count(), 1, 5000); // checked on a worker, maybe already back
        QQuickItem *message = itemNamed(window, QStringLiteral("kioskPinMessage"));
        QVERIFY(message);
        QTRY_COMPARE_WITH_TIMEOUT(message->property("text").toString(),
                                  QStringLiteral("Wrong PIN. Try again."), 2000);
        QVERIFY(window->isVisible());
        QCOMPARE(unlocked.count(), 0);

        // The right PIN on the pad's buttons: the window closes (main() quits with it).
        QSignalSpy visible(window, &QWindow::visibleChanged);
        for (const QString &key :
             {QStringLiteral("2"), QStringLiteral("4"), QStringLiteral("6"), QStringLiteral("8")}) {
            QQuickItem *button = itemNamed(window, QStringLiteral("kioskPinKey_") + key);
            QVERIFY(button);
            QTest::mouseClick(
                window, Qt::LeftButton, {},
                button->mapToScene(QPointF(button->width() / 2, button->height() / 2)).toPoint());
        }
        QQuickItem *ok = itemNamed(window, QStringLiteral("kioskPinOk"));
        QVERIFY(ok);
        QTRY_VERIFY_WITH_TIMEOUT(ok->isEnabled(), 2000);
        QTest::mouseClick(window, Qt::LeftButton, {},
                          ok->mapToScene(QPointF(ok->width() / 2, ok->height() / 2)).toPoint());
        QTRY_COMPARE_WITH_TIMEOUT(unlocked.count(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 5000);
        QCOMPARE(rejected.count(), 1);
        video::VideoPlayer::setUnattended(false);
    }
};

QTEST_MAIN(TstKiosk)
#include "tst_kiosk.moc"
