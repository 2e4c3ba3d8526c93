#pragma once
// The demo county's offline basemap: our own small rasteriser (QPainter) draws the GeoJSON features into
// 256 px PNG tiles and writes them to an MBTiles file, so a newcomer's first map is the offline path.
// DemoBasemap (QML singleton) makes the file once per machine under core::cacheDir()/map and reports when it
// is ready. Thread: renderTile()/writeBasemap() any thread (QPainter on QImage; needs a QGuiApplication for
// fonts); DemoBasemap GUI only, the rendering runs on a worker thread.
#include "vigil/map/geo.h"
#include "vigil/map/map_features.h"

#include <QtCore/QFutureWatcher>
#include <QtCore/QObject>
#include <QtGui/QImage>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace vigil::map {

// One tile of the feature set in our light "operator" style.
QImage renderTile(const FeatureSet &features, TileId t);

struct BasemapOptions
{
    int minZoom = 10;
    int maxZoom = 16;
    int marginTiles = 1; // extra tiles around the bbox at each zoom
};

// Renders every tile over the bbox for the zoom range into `path` (atomically replaced). Returns false with a
// user-facing `error`. progress(done, total) is called on the calling thread.
bool writeBasemap(const QString &path, const FeatureSet &features, const BasemapOptions &options,
                  QString *error, const std::function<void(int, int)> &progress = {});
// Number of tiles writeBasemap() will produce.
int basemapTileCount(const FeatureSet &features, const BasemapOptions &options);

class DemoBasemap : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // Path of the demo county MBTiles (exists once `ready`); give it to MapView.source.
    Q_PROPERTY(QString path READ path CONSTANT)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(qreal progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // The demo area (WGS-84), for MapView.fitToBounds().
    Q_PROPERTY(double south READ south CONSTANT)
    Q_PROPERTY(double west READ west CONSTANT)
    Q_PROPERTY(double north READ north CONSTANT)
    Q_PROPERTY(double east READ east CONSTANT)

public:
    explicit DemoBasemap(QObject *parent = nullptr);
    ~DemoBasemap() override;

    QString path() const { return m_path; }
    bool ready() const { return m_ready; }
    bool busy() const { return m_busy; }
    qreal progress() const { return m_progress; }
    QString lastError() const { return m_lastError; }
    double south() const { return demoCounty().south; }
    double west() const { return demoCounty().west; }
    double north() const { return demoCounty().north; }
    double east() const { return demoCounty().east; }

    // Makes the file on a worker thread unless it already exists (a few seconds, once). Idempotent.
    Q_INVOKABLE void ensure();
    // The versioned file name; bump the version when the style or the data changes.
    static QString defaultPath();

signals:
    void readyChanged();
    void busyChanged();
    void progressChanged();
    void lastErrorChanged();

private:
    QString m_path;
    bool m_ready = false;
    bool m_busy = false;
    qreal m_progress = 0;
    QString m_lastError;
    QFutureWatcher<QString> m_watcher;
};

} // namespace vigil::map
