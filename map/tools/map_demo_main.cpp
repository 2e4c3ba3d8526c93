// vigil-map-demo: the map on its own (demo basemap, demo cameras, simulated patrol cars), for trying the
// offline path by hand. --screenshot FILE grabs the window after --seconds and quits.
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_site.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickWindow>

#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_CamerasPlugin)

using namespace vigil;

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("screenshot"), QStringLiteral("Save a screenshot and quit."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds before the screenshot."),
                      QStringLiteral("s"), QStringLiteral("4")});
    parser.process(app);

    // The demo cameras live in memory only; the config folder is a throw-away one so nothing of the user's
    // is read or written.
    QTemporaryDir config;
    qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());
    auto directory = std::make_unique<cameras::CameraDirectory>(nullptr);
    cameras::CameraDirectory::setInstance(directory.get());
    QList<cameras::Camera> demoCameras;
    for (const demo::DemoCamera &d : demo::DemoSite::cameras(demo::DemoSite::kMaxCameras)) {
        cameras::Camera c;
        c.id = d.id;
        c.name = d.name;
        c.group = d.group;
        c.position = cameras::CameraPosition{d.latitude, d.longitude, d.directionDeg, d.fovDeg};
        c.streams = {cameras::StreamInfo{
            QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/") + d.id), {}, 0, {}}};
        demoCameras.append(c);
    }
    directory->setDemoCameras(demoCameras);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.load(QUrl(QStringLiteral("qrc:/map-demo/MapDemo.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    if (parser.isSet(QStringLiteral("screenshot"))) {
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QTimer::singleShot(int(parser.value(QStringLiteral("seconds")).toDouble() * 1000), &app, [&] {
            window->grabWindow().save(parser.value(QStringLiteral("screenshot")));
            app.quit();
        });
    }
    const int rc = app.exec();
    cameras::CameraDirectory::setInstance(nullptr);
    return rc;
}
