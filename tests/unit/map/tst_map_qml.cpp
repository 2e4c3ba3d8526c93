// QtQuickTest runner for the MapView QML tests in ./qml (pan, zoom, visible tiles, layers, picking).
#include <QtCore/QTemporaryDir>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Vigil_MapPlugin)

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        // HTTP tile caches go to a throw-away folder.
        qputenv("VIGIL_CACHE_DIR", m_cache.path().toUtf8());
    }
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }

private:
    QTemporaryDir m_cache;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_map_qml, Setup)
#include "tst_map_qml.moc"
