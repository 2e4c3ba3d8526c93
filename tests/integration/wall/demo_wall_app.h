#pragma once
// The real application under Xvfb for the wall's integration tests: a fresh config folder, the directory,
// wall store, session and alarms as main() wires them, Main.qml loaded and shown, the demo site started with
// 4 cameras (or as many as asked). Thread: GUI (the test's).
#include "vigil/alarms/camera_alarms.h"
#include "vigil/app/camera_drag.h"
#include "vigil/app/camera_feed.h"
#include "vigil/app/session.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QTemporaryDir>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtTest/QtTest>

namespace vigil::test {

// Every CameraFeed under `root` (tiles are Repeater delegates: visual children, not QObject children).
inline QList<app::CameraFeed *> feedsIn(QQuickItem *root)
{
    QList<app::CameraFeed *> feeds;
    QList<QQuickItem *> stack{root};
    while (!stack.isEmpty()) {
        QQuickItem *item = stack.takeLast();
        feeds += item->findChildren<app::CameraFeed *>(Qt::FindDirectChildrenOnly);
        stack += item->childItems();
    }
    return feeds;
}

// Manhattan distance of a pixel from a colour (the demo cameras' colours are far apart).
inline int colourDistance(QRgb a, const QColor &b)
{
    return std::abs(qRed(a) - b.red()) + std::abs(qGreen(a) - b.green()) + std::abs(qBlue(a) - b.blue());
}

// For a screenshot: waits until `window` has drawn a frame after now, so the pictures its tiles were last
// given are on screen (the signal that proves it, not a pause). False when nothing was drawn within the
// timeout.
inline bool waitForFrameDrawn(QQuickWindow *window, int timeoutMs = 5000)
{
    QSignalSpy swapped(window, &QQuickWindow::frameSwapped);
    window->requestUpdate();
    return swapped.wait(timeoutMs);
}

class DemoWallApp
{
public:
    DemoWallApp()
        : m_configSet((qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8()), true))
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        cameras::CameraDirectory::setInstance(&directory);
        directory.load();
        wall::WallStore::setInstance(&wallStore);
        wall::WallScreenSet::setInstance(&screens);
        app::Session::setInstance(&session);
        alarms::CameraAlarms::setInstance(&alarms);
        app::CameraDrag::setInstance(&cameraDrag);
    }
    ~DemoWallApp() { close(); }

    // Loads Main.qml into a shown window of `size` and starts the demo site with `cameraCount` cameras; the
    // test fails (check QTest::currentTestFailed()) when either does not happen.
    void start(QSize size, int cameraCount = 4)
    {
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Vigil/Views/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QVERIFY(window);
        window->resize(size);
        QVERIFY(QTest::qWaitForWindowExposed(window));

        QSignalSpy ready(&session, &app::Session::demoReady);
        session.startDemo(&directory, &wallStore, false, cameraCount);
        QVERIFY2(ready.wait(120000), qPrintable(session.startupError()));
    }

    // Closes the window (its tiles stop their players) and unregisters the services.
    void close()
    {
        delete window;
        window = nullptr;
        app::CameraDrag::setInstance(nullptr);
        alarms::CameraAlarms::setInstance(nullptr);
        app::Session::setInstance(nullptr);
        wall::WallScreenSet::setInstance(nullptr);
        wall::WallStore::setInstance(nullptr);
        cameras::CameraDirectory::setInstance(nullptr);
    }

private:
    QTemporaryDir m_config;
    bool m_configSet; // VIGIL_CONFIG_DIR points at m_config before the directory reads it

public:
    cameras::CameraDirectory directory{nullptr};
    wall::WallStore wallStore{&directory};
    wall::WallScreenSet screens{&wallStore};
    app::Session session{true, nullptr};
    alarms::CameraAlarms alarms{&directory};
    app::CameraDrag cameraDrag{nullptr};
    QQmlApplicationEngine engine;
    QQuickWindow *window = nullptr;
};

} // namespace vigil::test
