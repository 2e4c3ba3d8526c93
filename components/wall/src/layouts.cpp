#include "vigil/wall/layouts.h"

namespace vigil::wall {

namespace {
LayoutDef grid(int n)
{
    LayoutDef d{QString::number(n * n), n, n, {}};
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x)
            d.tiles.append({x, y, 1, 1});
    }
    return d;
}

// `n` x `n` grid with `big` tiles placed first; every cell not covered by a big tile becomes a 1x1 tile, in
// reading order.
LayoutDef merged(const QString &id, int n, const QList<TileRect> &big)
{
    LayoutDef d{id, n, n, big};
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            bool covered = false;
            for (const TileRect &b : big)
                covered = covered || (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
            if (!covered)
                d.tiles.append({x, y, 1, 1});
        }
    }
    return d;
}

QList<LayoutDef> makeLayouts()
{
    return {
        grid(1),
        grid(2),
        merged(QStringLiteral("6"), 3, {{0, 0, 2, 2}}), // 1 big + 5
        merged(QStringLiteral("8"), 4, {{0, 0, 3, 3}}), // 1 big + 7
        grid(3),
        merged(QStringLiteral("10"), 4, {{0, 0, 2, 2}, {2, 0, 2, 2}}), // 2 big on top + 8
        merged(QStringLiteral("13"), 4, {{1, 1, 2, 2}}),               // 1 big in the centre + 12 around it
        grid(4),
        grid(5),
        grid(6),
        grid(8),
    };
}
} // namespace

const QList<LayoutDef> &layouts()
{
    static const QList<LayoutDef> all = makeLayouts();
    return all;
}

const LayoutDef *findLayout(QStringView id)
{
    for (const LayoutDef &d : layouts()) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

} // namespace vigil::wall
