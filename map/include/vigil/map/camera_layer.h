#pragma once
// CameraLayer: every camera with a position as a health-coloured dot, its field-of-view cone when direction
// and angle are known (from zoom 14), and grid clustering below `clusterBelowZoom` so 100,000 cameras stay
// readable and fast. Feed it a camera model by role name — cameraId, name, hasPosition, latitude, longitude,
// and optionally directionDeg, fovDeg and health (the app gives it the directory through components/alarms'
// CameraHealthModel, which adds health) — or setCameras() from C++.
//
// Health is a word of vigil/core/health_role.h: "live" green, "offline" grey, "alarm" red; "unknown", any
// other word or no health role dark slate (not known, rather than assumed fine). A dataChanged of the health
// role alone recolours the cameras in place; any other change reloads the model on the next polish.
// Thread: GUI only (see MapLayer).
#include "vigil/map/map_layer.h"

#include <QtCore/QAbstractItemModel>
#include <QtCore/QHash>
#include <QtGui/QColor>

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

signals:
    void modelChanged();
    void selectedCameraIdChanged();
    void clusterBelowZoomChanged();
    void camerasChanged();

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
    // dataChanged of the health role only: recolour those rows' cameras without a reload.
    void recolour(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void reproject(vigil::map::Datum datum);
    QList<Cluster> clusterAtZoom(double zoom, const QRectF &region0) const;
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
    double m_lastClusterScale = 1;
    int m_lastClusterCount = 0;
};

} // namespace vigil::map
