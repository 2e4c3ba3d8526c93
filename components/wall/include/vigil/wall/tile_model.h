#pragma once
// TileModel: the tiles of the current wall layout, one row per tile, for a QML Repeater/GridLayout.
// Owned and fed by WallStore (Wall.tiles); QML reads it, never writes it.
//
// Role names avoid QML clashes: "cellX"/"cellY" (a delegate's own x/y are FINAL Item properties) and
// "cellW"/"cellH" are the tile's rectangle in grid cells of Wall.columns x Wall.rows.
// Signals: assignments and name changes are dataChanged on the affected rows only (a playing tile's row is
// never rebuilt); a change of layout geometry resets the model. Thread: GUI only.
#include "vigil/wall/layouts.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QList>
#include <QtQml/qqmlregistration.h>

namespace vigil::wall {

class TileModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TileModel is provided by the Wall singleton as Wall.tiles")

public:
    enum Role
    {
        TileIndexRole = Qt::UserRole + 1, // "tileIndex": int, the index Wall.assignCamera() etc. take
        XRole,                            // "cellX": int, column of the top-left cell
        YRole,                            // "cellY": int, row of the top-left cell
        WidthRole,                        // "cellW": int, columns spanned
        HeightRole,                       // "cellH": int, rows spanned
        CameraIdRole,                     // "cameraId": string, "" when the tile is empty
        CameraNameRole,                   // "cameraName": string, "" when empty or the camera is unknown
    };
    Q_ENUM(Role)

    struct Tile
    {
        TileRect rect;
        QString cameraId;
        QString cameraName;
        friend bool operator==(const Tile &, const Tile &) = default;
    };

    explicit TileModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<Tile> &tiles() const { return m_tiles; }
    // Replaces the rows: fine-grained dataChanged when the geometry is unchanged, a reset otherwise.
    void setTiles(const QList<Tile> &tiles);

private:
    QList<Tile> m_tiles;
};

} // namespace vigil::wall
