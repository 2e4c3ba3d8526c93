#pragma once
// Main/sub stream selection by tile size. A camera's main stream (e.g. 1080p) is wasted on a small tile and
// costs decode time; its sub stream (e.g. 360p) looks bad on a big one. The rule:
//   0. subOnly (village mode: a modest PC)     -> "sub", whatever the tile
//   1. maximized tile                          -> "main"
//   2. more than subAboveTiles tiles visible   -> "sub"
//   3. tile "small"                            -> "sub", else "main"
// "Small" means width < subBelow.width() OR height < subBelow.height(), in device pixels (multiply QML sizes
// by Screen.devicePixelRatio): the picture is fitted into the tile, so whichever side is short bounds the
// shown resolution. A 1000x300 tile shows a 16:9 picture at 533x300 -> sub. Hysteresis: a stream switch costs
// a reconnect, so a tile near the threshold must not flap. Given the role in use, "main" drops to "sub" only
// below (1 - hysteresis) x threshold, and "sub" climbs to "main" only at or above (1 + hysteresis) x
// threshold on both sides. Without a current role the plain threshold applies. Thread: chooseStreamRole is
// pure (any thread); StreamSelector is GUI only.
#include <QtCore/QObject>
#include <QtCore/QSize>
#include <QtCore/QSizeF>
#include <QtCore/QString>
#include <QtCore/QStringView>
#include <QtQml/qqmlregistration.h>

namespace vigil::wall {

struct StreamPolicy
{
    QSize subBelow{640, 360}; // device pixels
    int subAboveTiles = 16;   // more visible tiles than this -> sub, whatever the size
    double hysteresis = 0.10; // fraction of subBelow, see above
    bool subOnly = false;     // every tile plays the sub stream (village mode), maximized ones too
};

// Returns "main" or "sub". `currentRole` is the role the tile plays now ("" = none yet) and enables
// hysteresis.
QString chooseStreamRole(QSizeF tilePixels, int visibleTiles, bool maximized, const StreamPolicy &p = {},
                         QStringView currentRole = {});

// Declarative wrapper for one tile: bind tileSize/visibleTiles/maximized, read `role`. It remembers its last
// answer, which gives the hysteresis. While tileSize is empty (not laid out yet) and neither `maximized` nor
// `visibleTiles` decides, `role` keeps its previous value ("" at first) so a tile never connects to a stream
// it would drop a frame later.
//
//   StreamSelector {
//       id: selector
//       tileSize: Qt.size(tile.width * Screen.devicePixelRatio, tile.height * Screen.devicePixelRatio)
//       visibleTiles: Wall.maximizedTile >= 0 ? 1 : Wall.tileCount
//       maximized: Wall.maximizedTile === tile.tileIndex
//   }
class StreamSelector : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QSizeF tileSize READ tileSize WRITE setTileSize NOTIFY tileSizeChanged)
    Q_PROPERTY(int visibleTiles READ visibleTiles WRITE setVisibleTiles NOTIFY visibleTilesChanged)
    Q_PROPERTY(bool maximized READ maximized WRITE setMaximized NOTIFY maximizedChanged)
    Q_PROPERTY(QSize subBelow READ subBelow WRITE setSubBelow NOTIFY policyChanged)
    Q_PROPERTY(int subAboveTiles READ subAboveTiles WRITE setSubAboveTiles NOTIFY policyChanged)
    // Every tile plays the sub stream, whatever its size (village mode: bind to Session.village).
    Q_PROPERTY(bool subOnly READ subOnly WRITE setSubOnly NOTIFY policyChanged)
    // "main", "sub", or "" before the first decision.
    Q_PROPERTY(QString role READ role NOTIFY roleChanged)

public:
    explicit StreamSelector(QObject *parent = nullptr);

    QSizeF tileSize() const { return m_tileSize; }
    void setTileSize(QSizeF size);
    int visibleTiles() const { return m_visibleTiles; }
    void setVisibleTiles(int n);
    bool maximized() const { return m_maximized; }
    void setMaximized(bool maximized);
    QSize subBelow() const { return m_policy.subBelow; }
    void setSubBelow(QSize size);
    int subAboveTiles() const { return m_policy.subAboveTiles; }
    void setSubAboveTiles(int n);
    bool subOnly() const { return m_policy.subOnly; }
    void setSubOnly(bool on);
    QString role() const { return m_role; }

signals:
    void tileSizeChanged();
    void visibleTilesChanged();
    void maximizedChanged();
    void policyChanged();
    void roleChanged();

private:
    void update();

    QSizeF m_tileSize;
    int m_visibleTiles = 1;
    bool m_maximized = false;
    StreamPolicy m_policy;
    QString m_role;
};

} // namespace vigil::wall
