#pragma once
// Wall layout geometry: pure data, no Qt Quick. A layout is a grid of `columns` x `rows` cells covered
// exactly once by its tiles; merged layouts ("6" = 1+5, "8" = 1+7, "10" = 2+8, "13" = 1+12) put their big
// tiles first, so tile 0 is always the biggest (the natural home for the most important camera). Thread: any
// (immutable after first use).
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringView>

namespace vigil::wall {

// A tile's rectangle in grid cells (not pixels).
struct TileRect
{
    int x = 0;
    int y = 0;
    int w = 1;
    int h = 1;

    friend bool operator==(const TileRect &, const TileRect &) = default;
};

struct LayoutDef
{
    QString id; // "1", "4", "6", "8", "9", "10", "13", "16", "25", "36", "64"
    int columns = 1;
    int rows = 1;
    QList<TileRect> tiles; // tile index = position in this list

    int tileCount() const { return int(tiles.size()); }
};

inline constexpr int kMaxTiles = 64;

// All layouts, in menu order (ascending tile count).
const QList<LayoutDef> &layouts();
// The layout with this id, or nullptr.
const LayoutDef *findLayout(QStringView id);

} // namespace vigil::wall
