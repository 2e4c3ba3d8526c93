#pragma once
// UnitLayer: patrol units from a UnitsModel as heading arrows coloured by status, with fading trails of
// their last fixes, a ring on the selected unit, and follow mode (the map keeps the followed unit centred).
// All arrows and trails are one batched geometry (see MapLayer). Thread: GUI only.
#include "vigil/map/map_layer.h"
#include "vigil/map/units_model.h"

#include <QtCore/QElapsedTimer>

#include <atomic>

namespace vigil::map {

class UnitLayer : public vigil::map::MapLayer // qualified: qmltyperegistrar matches base names literally
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(vigil::map::UnitsModel *model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(
        QString selectedUnitId READ selectedUnitId WRITE setSelectedUnitId NOTIFY selectedUnitIdChanged)
    // Keep this unit in the centre of the map ("" = off).
    Q_PROPERTY(QString followUnitId READ followUnitId WRITE setFollowUnitId NOTIFY followUnitIdChanged)
    Q_PROPERTY(bool showTrails READ showTrails WRITE setShowTrails NOTIFY showTrailsChanged)
    // Glide from the previous fix to the new one over this many ms (0 = jump). Skipped above 3,000 units in
    // view, where redrawing every frame would cost more than it shows.
    Q_PROPERTY(
        int interpolationMs READ interpolationMs WRITE setInterpolationMs NOTIFY interpolationMsChanged)

public:
    explicit UnitLayer(QQuickItem *parent = nullptr);
    ~UnitLayer() override;

    UnitsModel *model() const { return m_model; }
    void setModel(UnitsModel *model);
    QString selectedUnitId() const { return m_selected; }
    void setSelectedUnitId(const QString &id);
    QString followUnitId() const { return m_follow; }
    void setFollowUnitId(const QString &id);
    bool showTrails() const { return m_showTrails; }
    void setShowTrails(bool show);
    int interpolationMs() const { return m_interpolationMs; }
    void setInterpolationMs(int ms);

    // Id of the unit under the item point, "" for none.
    Q_INVOKABLE QString unitAt(qreal x, qreal y) const;

signals:
    void modelChanged();
    void selectedUnitIdChanged();
    void followUnitIdChanged();
    void showTrailsChanged();
    void interpolationMsChanged();

protected:
    void buildVertices(const BuildContext &ctx, Geometry &out) override;
    void updatePolish() override;

private:
    struct Entry
    {
        QString id;
        GeoPoint position;
        float headingDeg;
        PatrolUnit::Status status;
        QList<GeoPoint> trail; // shared with the model's copy until it changes
        GeoPoint from;         // where the glide to `position` starts
        qint64 fixMs = 0;      // m_clock time the new position was seen
    };
    void itemChange(ItemChange change, const ItemChangeData &value) override;
    void snapshot();
    void followStep();

    QPointer<UnitsModel> m_model;
    bool m_modelDirty = true;
    QList<Entry> m_units;
    QString m_selected;
    QString m_follow;
    bool m_showTrails = true;
    int m_interpolationMs = 1000;
    QElapsedTimer m_clock;
    std::atomic<bool> m_animating{false}; // set by the build (render thread), read on frameSwapped (GUI)
    bool m_wasAnimating = false;          // render thread
    QMetaObject::Connection m_frameConnection;
};

} // namespace vigil::map
