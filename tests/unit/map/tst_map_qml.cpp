// QtQuickTest runner for the MapView QML tests in ./qml (pan, zoom, visible tiles, layers, picking), with a
// real CameraDirectory (the Cameras singleton) holding the demo site's cameras, positions and directions.
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_site.h"

#include <QtCore/QTemporaryDir>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest/quicktest.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)
Q_IMPORT_QML_PLUGIN(Vigil_CamerasPlugin)

using namespace vigil;

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        // HTTP tile caches go to a throw-away folder.
        qputenv("VIGIL_CACHE_DIR", m_cache.path().toUtf8());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        m_directory = std::make_unique<cameras::CameraDirectory>(nullptr);
        cameras::CameraDirectory::setInstance(m_directory.get());
        QList<cameras::Camera> list;
        for (const demo::DemoCamera &d : demo::DemoSite::cameras(9)) {
            cameras::Camera c;
            c.id = d.id;
            c.name = d.name;
            c.position = cameras::CameraPosition{d.latitude, d.longitude, d.directionDeg, d.fovDeg};
            c.streams = {cameras::StreamInfo{
                QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:9/x")), {}, 0, {}}};
            list.append(c);
        }
        m_directory->setDemoCameras(list);
    }
    void cleanupTestCase()
    {
        cameras::CameraDirectory::setInstance(nullptr);
        m_directory.reset();
    }
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }

private:
    QTemporaryDir m_cache;
    QTemporaryDir m_config;
    std::unique_ptr<cameras::CameraDirectory> m_directory;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_map_qml, Setup)
#include "tst_map_qml.moc"
