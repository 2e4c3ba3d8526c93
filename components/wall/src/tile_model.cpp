#include "vigil/wall/tile_model.h"

namespace vigil::wall {

TileModel::TileModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int TileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

QVariant TileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Tile &t = m_tiles.at(index.row());
    switch (role) {
    case TileIndexRole:
        return index.row();
    case XRole:
        return t.rect.x;
    case YRole:
        return t.rect.y;
    case WidthRole:
        return t.rect.w;
    case HeightRole:
        return t.rect.h;
    case CameraIdRole:
        return t.cameraId;
    case Qt::DisplayRole:
    case CameraNameRole:
        return t.cameraName;
    default:
        return {};
    }
}

QHash<int, QByteArray> TileModel::roleNames() const
{
    return {
        {TileIndexRole, "tileIndex"},   {XRole, "cellX"},      {YRole, "cellY"},
        {WidthRole, "cellW"},           {HeightRole, "cellH"}, {CameraIdRole, "cameraId"},
        {CameraNameRole, "cameraName"},
    };
}

void TileModel::setTiles(const QList<Tile> &tiles)
{
    bool sameGeometry = tiles.size() == m_tiles.size();
    for (qsizetype i = 0; sameGeometry && i < tiles.size(); ++i)
        sameGeometry = tiles.at(i).rect == m_tiles.at(i).rect;
    if (!sameGeometry) {
        beginResetModel();
        m_tiles = tiles;
        endResetModel();
        return;
    }
    for (int i = 0; i < tiles.size(); ++i) {
        QList<int> roles;
        if (tiles.at(i).cameraId != m_tiles.at(i).cameraId)
            roles.append(CameraIdRole);
        if (tiles.at(i).cameraName != m_tiles.at(i).cameraName)
            roles.append({CameraNameRole, Qt::DisplayRole});
        if (roles.isEmpty())
            continue;
        m_tiles[i] = tiles.at(i);
        const QModelIndex idx = index(i);
        emit dataChanged(idx, idx, roles);
    }
}

} // namespace vigil::wall
