#pragma once
// CameraLayer: every camera with a position as a status-coloured dot, its field-of-view cone when direction
// and angle are known (from zoom 14), and grid clustering below `clusterBelowZoom` so 100,000 cameras stay
// readable and fast. Feed it the camera directory (`model: Cameras`: roles cameraId, name, hasPosition,
// latitude, longitude; directions come from the directory's C++ API) or any model with those roles (plus
// optional directionDeg/fovDeg), or setCameras() from C++. Thread: GUI only (see MapLayer).
#include "vigil/map/map_layer.h"

#include <QtCore/QAbstractItemModel>
#include <QtCore/QHash>

namespace vigil::map {

struct MapCamera
{
    QString id;
    QString name;
    GeoPoint position; // WGS-84
    double directionDeg = 0;
    double fovDeg = 0; // 0 = unknown, no cone
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

public:
    enum Status
    {
        Unknown,
        Live,
        Offline,
        Alarm,
    };
    Q_ENUM(Status)

    explicit CameraLayer(QQuickItem *parent = nullptr);
    ~CameraLayer() override;

    QAbstractItemModel *model() const { return m_model; }
    void setModel(QAbstractItemModel *model);
    QString selectedCameraId() const { return m_selected; }
    void setSelectedCameraId(const QString &id);
    qreal clusterBelowZoom() const { return m_clusterBelowZoom; }
    void setClusterBelowZoom(qreal zoom);
    int cameraCount() const { return int(m_cameras.size()); }

    // Replaces the cameras (when not fed by a model).
    void setCameras(QList<MapCamera> cameras);
    Q_INVOKABLE void setCameraStatus(const QString &id, vigil::map::CameraLayer::Status status);
    Q_INVOKABLE vigil::map::CameraLayer::Status cameraStatus(const QString &id) const
    {
        return m_status.value(id, Unknown);
    }
    // Id of the camera drawn under the item point (within its dot), "" for none or a cluster.
    Q_INVOKABLE QString cameraAt(qreal x, qreal y) const;
    // The camera's name as the layer knows it ("" for an unknown id).
    Q_INVOKABLE QString cameraName(const QString &id) const;
    // Number of cameras in the cluster under the point (0 = none, 1 = a single camera).
    Q_INVOKABLE int clusterSizeAt(qreal x, qreal y) const;
    // Cluster discs drawn by the last build (tests, benchmarks).
    int lastClusterCount() const { return m_lastClusterCount; }

signals:
    void modelChanged();
    void selectedCameraIdChanged();
    void clusterBelowZoomChanged();
    void camerasChanged();

protected:
    void buildVertices(const BuildContext &ctx, Geometry &out) override;
    void updatePolish() override;

private:
    struct Entry
    {
        MapCamera camera;
        QPointF world0; // display datum
        Status status = Unknown;
    };
    struct Cluster
    {
        QPointF world0;
        int count = 0;
        int first = -1; // index of a member (the camera when count == 1)
    };
    void reloadFromModel();
    void reproject(vigil::map::Datum datum);
    QList<Cluster> clusterAtZoom(double zoom, const QRectF &region0) const;
    bool clustering() const;

    QPointer<QAbstractItemModel> m_model;
    QList<QMetaObject::Connection> m_modelConnections;
    bool m_modelDirty = false;
    QList<Entry> m_cameras;
    QHash<QString, int> m_rows;
    QHash<QString, Status> m_status; // kept across reloads
    int m_projectedDatum = -1;
    QString m_selected;
    qreal m_clusterBelowZoom = 14;
    QList<Cluster> m_lastClusters; // from the last build, for picking (written while the GUI thread waits)
    double m_lastClusterScale = 1;
    int m_lastClusterCount = 0;
};

} // namespace vigil::map
