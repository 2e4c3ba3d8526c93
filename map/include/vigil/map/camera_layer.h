#pragma once
// CameraLayer: every camera with a position as a health-coloured dot, its field-of-view cone when direction
// and angle are known (from zoom 14), and grid clustering below `clusterBelowZoom` so a province's 400,000
// cameras stay readable and fast: a CameraGrid (Morton-sorted, built on a worker thread for large sets)
// answers "the cells and cameras in this region" in time that depends on the view, not on the number of
// cameras, for drawing, clustering and picking; a cluster is a whole cell (its count and place never depend
// on how far the view reaches into it). A large model is read in slices between frames (`loading`), so the
// GUI never stops for it: the previous cameras are drawn until its rows are read and indexed on a worker.
// Feed it a camera model by role name — cameraId, name, hasPosition, latitude, longitude, and optionally
// directionDeg, fovDeg and health (the app gives it the directory through components/alarms'
// CameraHealthModel, which adds health) — or setCameras() from C++.
//
// Health is a word of vigil/core/health_role.h: "live" green, "offline" grey, "alarm" red; "unknown", any
// other word or no health role dark slate (not known, rather than assumed fine). A dataChanged of the health
// role alone recolours the cameras in place; any other change reloads the model on the next polish.
// Thread: GUI only (see MapLayer).
#include "vigil/map/camera_grid.h"
#include "vigil/map/map_layer.h"

#include <QtCore/QAbstractItemModel>
#include <QtCore/QHash>
#include <QtCore/QTimer>
#include <QtGui/QColor>

#include <memory>

namespace vigil::map {

struct MapCamera
{
    QString id;
    QString name;
    GeoPoint position; // WGS-84
    double directionDeg = 0;
    double fovDeg = 0; // 0 = unknown, no cone
    QString health;    // a word of vigil/core/health_role.h; "" = unknown
};

class CameraLayer : public vigil::map::MapLayer // qualified: qmltyperegistrar matches base names literally
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QAbstractItemModel *model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(QString selectedCameraId READ selectedCameraId WRITE setSelectedCameraId NOTIFY
                   selectedCameraIdChanged)
    // Below this zoom, cameras closer than ~56 px merge into one cluster disc.
    Q_PROPERTY(
        qreal clusterBelowZoom READ clusterBelowZoom WRITE setClusterBelowZoom NOTIFY clusterBelowZoomChanged)
    Q_PROPERTY(int cameraCount READ cameraCount NOTIFY camerasChanged)
    // True while a large model is read in slices or its grid is built (the previous cameras are drawn).
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    explicit CameraLayer(QQuickItem *parent = nullptr);
    ~CameraLayer() override;

    QAbstractItemModel *model() const { return m_model; }
    void setModel(QAbstractItemModel *model);
    QString selectedCameraId() const { return m_selected; }
    void setSelectedCameraId(const QString &id);
    qreal clusterBelowZoom() const { return m_clusterBelowZoom; }
    void setClusterBelowZoom(qreal zoom);
    int cameraCount() const { return int(m_cameras.size()); }
    bool loading() const { return m_loading; }

    // Replaces the cameras (when not fed by a model).
    void setCameras(QList<MapCamera> cameras);
    // The camera's health as the layer draws it: "live", "offline", "alarm" or "unknown" (also for an id the
    // layer does not show).
    Q_INVOKABLE QString cameraHealth(const QString &id) const;
    // The colour of the camera's dot (for a legend or a list that matches the map); the unknown colour for an
    // id the layer does not show.
    Q_INVOKABLE QColor cameraColour(const QString &id) const;
    // Id of the camera drawn under the item point (within its dot), "" for none or a cluster.
    Q_INVOKABLE QString cameraAt(qreal x, qreal y) const;
    // The camera's name as the layer knows it ("" for an unknown id).
    Q_INVOKABLE QString cameraName(const QString &id) const;
    // Cameras within radiusM metres of a WGS-84 point, nearest first, at most `max`:
    // [{cameraId, name, distance}] ("trace back from here" opens their recordings).
    Q_INVOKABLE QVariantList camerasNear(double latitude, double longitude, double radiusM, int max) const;
    // Number of cameras in the cluster under the point (0 = none, 1 = a single camera).
    Q_INVOKABLE int clusterSizeAt(qreal x, qreal y) const;
    // Cluster discs drawn by the last build (tests, benchmarks).
    int lastClusterCount() const { return m_lastClusterCount; }
    // Off: every build and pick scans all cameras, as before the grid (the baseline of benchmarks and the
    // oracle of tests). On by default.
    void setSpatialIndexEnabled(bool on);
    // From this many cameras up, the model is read in slices and the grid built on a worker (tests lower it).
    void setAsyncThreshold(int cameras) { m_asyncThreshold = cameras; }

signals:
    void modelChanged();
    void selectedCameraIdChanged();
    void clusterBelowZoomChanged();
    void camerasChanged();
    void loadingChanged();

protected:
    void buildVertices(const BuildContext &ctx, Geometry &out) override;
    void updatePolish() override;

private:
    enum class Health : quint8
    {
        Unknown,
        Live,
        Offline,
        Alarm,
    };
    static Health parseHealth(const QString &word);
    static QRgb healthColour(Health health);
    struct Entry
    {
        MapCamera camera;
        QPointF world0; // display datum
        Health health = Health::Unknown;
    };
    struct Cluster
    {
        QPointF world0;
        int count = 0;
        int first = -1; // index of a member (the camera when count == 1)
    };
    void reloadFromModel();
    void readSlice(); // the next slice of a large model's rows
    // A large set's entries, id index, projection and grid, made on a worker.
    struct Loaded
    {
        QList<Entry> cameras;
        QHash<QString, int> rows;
        std::shared_ptr<const CameraGrid> grid;
    };
    static Loaded load(QList<MapCamera> cameras, vigil::map::Datum datum);
    void adopt(Loaded loaded, vigil::map::Datum datum);
    void setLoading(bool on);
    bool loadingSet() const { return m_sliceTimer.isActive() || m_loadGeneration != 0; }
    // Projects every camera into `datum` and builds the grid: at once for a small set, else on a worker (the
    // current ones stay drawn until it is ready).
    void rebuildIndex(vigil::map::Datum datum);
    void drawCamera(const BuildContext &ctx, Geometry &out, const Entry &e) const;
    // dataChanged of the health role only: recolour those rows' cameras without a reload.
    void recolour(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void reproject(vigil::map::Datum datum);
    QList<Cluster> clusterAtZoom(double zoom, const QRectF &region0) const;   // scan (baseline)
    QList<Cluster> clusterFromGrid(double zoom, const QRectF &region0) const; // grid
    template<typename Visit>
    void forEachCameraIn(const QRectF &region0, double zoom, Visit &&visit) const; // grid or scan
    bool clustering() const;

    QPointer<QAbstractItemModel> m_model;
    QList<QMetaObject::Connection> m_modelConnections;
    bool m_modelDirty = false;
    int m_idRole = -1; // the model's roles by name, read on every reload
    int m_healthRole = -1;
    QList<Entry> m_cameras;
    QHash<QString, int> m_rows;
    int m_projectedDatum = -1;
    QString m_selected;
    qreal m_clusterBelowZoom = 14;
    QList<Cluster> m_lastClusters; // from the last build, for picking (written while the GUI thread waits)
    std::shared_ptr<const CameraGrid> m_grid; // over m_cameras[i].world0, in m_projectedDatum
    bool m_useGrid = true;
    int m_asyncThreshold = 20000;
    quint64 m_generation = 0;     // of m_cameras: a worker's result for an older set is dropped
    quint64 m_loadGeneration = 0; // a worker loads this set (0: none)
    bool m_indexing = false;      // a worker reprojects m_cameras and builds their grid
    int m_indexingDatum = -1;
    // Reading a large model in slices.
    QTimer m_sliceTimer;
    int m_sliceRow = 0;
    QList<MapCamera> m_incoming;
    struct Roles
    {
        int id = -1, name = -1, has = -1, lat = -1, lon = -1, dir = -1, fov = -1, health = -1;
    } m_readRoles;
    bool m_loading = false;
    QHash<QString, QString> m_pendingHealth; // id -> health changed while a large set loads
    double m_lastClusterScale = 1;
    int m_lastClusterCount = 0;
};

} // namespace vigil::map
