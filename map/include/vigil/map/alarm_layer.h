#pragma once
// AlarmLayer: open alarms at their place on the map. A new (unacknowledged) alarm blinks — a red disc with a
// halo, bright and dim in turn every blinkIntervalMs; an acknowledged one is drawn steady (amber); handled
// and false alarms are not drawn. The place is the alarm's own lon/lat, else its camera's position (from
// cameraModel). Feed it the alarm store by role name — alarmId, alarmState ("new", "acknowledged", ...),
// hasPosition, lat, lon, cameraId, priority (components/alarms' AlarmStore has them) — and a camera model
// with cameraId, hasPosition, latitude, longitude; or setAlarms()/setCameraPositions() from C++.
// The blink is a UI animation: a QTimer of the layer, running only while a new alarm is drawn and the layer
// is visible. markers() is the layer's data (which alarm where, blinking or steady), tested in C++.
// Thread: GUI only (see MapLayer).
#include "vigil/map/map_layer.h"

#include <QtCore/QAbstractItemModel>
#include <QtCore/QHash>
#include <QtCore/QTimer>

namespace vigil::map {

struct MapAlarm
{
    qint64 id = 0;
    QString state; // "new", "acknowledged", "handled", "false-alarm"
    int priority = 3;
    QString cameraId;
    bool hasPosition = false; // its own lon/lat
    GeoPoint position;
};

struct AlarmMarker
{
    qint64 id = 0;
    GeoPoint position;     // WGS-84
    bool blinking = false; // new: blinks; acknowledged: steady
    int priority = 3;
};

// Which alarms are drawn where: open alarms with a place (own position first, else the camera's), newest
// (first given) on top of older ones at the same spot. Pure.
QList<AlarmMarker> alarmMarkers(const QList<MapAlarm> &alarms,
                                const QHash<QString, GeoPoint> &cameraPositions);

class AlarmLayer : public vigil::map::MapLayer // qualified: qmltyperegistrar matches base names literally
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QAbstractItemModel *model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(
        QAbstractItemModel *cameraModel READ cameraModel WRITE setCameraModel NOTIFY cameraModelChanged)
    Q_PROPERTY(
        double selectedAlarmId READ selectedAlarmId WRITE setSelectedAlarmId NOTIFY selectedAlarmIdChanged)
    Q_PROPERTY(
        int blinkIntervalMs READ blinkIntervalMs WRITE setBlinkIntervalMs NOTIFY blinkIntervalMsChanged)
    // The phase of the blink: true = new alarms bright.
    Q_PROPERTY(bool blinkOn READ blinkOn NOTIFY blinkOnChanged)
    // Whether the blink timer runs (a new alarm is drawn and the layer is visible).
    Q_PROPERTY(bool blinking READ blinking NOTIFY blinkingChanged)
    Q_PROPERTY(int markerCount READ markerCount NOTIFY markersChanged)

public:
    explicit AlarmLayer(QQuickItem *parent = nullptr);
    ~AlarmLayer() override;

    QAbstractItemModel *model() const { return m_model; }
    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *cameraModel() const { return m_cameraModel; }
    void setCameraModel(QAbstractItemModel *model);
    double selectedAlarmId() const { return double(m_selected); }
    void setSelectedAlarmId(double id);
    int blinkIntervalMs() const { return m_blinkTimer.interval(); }
    void setBlinkIntervalMs(int ms);
    bool blinkOn() const { return m_blinkOn; }
    bool blinking() const { return m_blinkTimer.isActive(); }
    int markerCount() const { return int(m_markers.size()); }

    // When not fed by models.
    void setAlarms(QList<MapAlarm> alarms);
    void setCameraPositions(QHash<QString, GeoPoint> positions);
    const QList<AlarmMarker> &markers() const { return m_markers; }

    // Id of the alarm drawn under the item point (the newest when several), -1 for none.
    Q_INVOKABLE double alarmAt(qreal x, qreal y) const;
    // The markers for QML and tests: [{ alarmId, latitude, longitude, blinking, priority }].
    Q_INVOKABLE QVariantList drawnAlarms() const;

signals:
    void modelChanged();
    void cameraModelChanged();
    void selectedAlarmIdChanged();
    void blinkIntervalMsChanged();
    void blinkOnChanged();
    void blinkingChanged();
    void markersChanged();

protected:
    void buildVertices(const BuildContext &ctx, Geometry &out) override;
    void updatePolish() override;
    void itemChange(ItemChange change, const ItemChangeData &value) override;

private:
    void reloadAlarms();
    void reloadCameras();
    void rebuildMarkers();
    void updateBlinkTimer();
    QList<QMetaObject::Connection> watch(QAbstractItemModel *model, bool *dirty);

    QPointer<QAbstractItemModel> m_model;
    QPointer<QAbstractItemModel> m_cameraModel;
    QList<QMetaObject::Connection> m_modelConnections;
    QList<QMetaObject::Connection> m_cameraConnections;
    bool m_alarmsDirty = false;
    bool m_camerasDirty = false;
    QList<MapAlarm> m_alarms;
    QHash<QString, GeoPoint> m_cameraPositions;
    QList<AlarmMarker> m_markers;
    qint64 m_selected = -1;
    QTimer m_blinkTimer;
    bool m_blinkOn = true;
};

} // namespace vigil::map
