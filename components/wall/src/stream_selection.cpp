#include "vigil/wall/stream_selection.h"

namespace vigil::wall {

namespace {
constexpr QStringView kMain = u"main";
constexpr QStringView kSub = u"sub";

bool smallerThan(QSizeF tile, QSize threshold, double factor)
{
    return tile.width() < threshold.width() * factor || tile.height() < threshold.height() * factor;
}
} // namespace

QString chooseStreamRole(QSizeF tilePixels, int visibleTiles, bool maximized, const StreamPolicy &p,
                         QStringView currentRole)
{
    if (p.subOnly)
        return kSub.toString();
    if (maximized)
        return kMain.toString();
    if (visibleTiles > p.subAboveTiles)
        return kSub.toString();
    double factor = 1.0;
    if (currentRole == kMain)
        factor = 1.0 - p.hysteresis; // stay on main until clearly small
    else if (currentRole == kSub)
        factor = 1.0 + p.hysteresis; // stay on sub until clearly big
    return (smallerThan(tilePixels, p.subBelow, factor) ? kSub : kMain).toString();
}

StreamSelector::StreamSelector(QObject *parent)
    : QObject(parent)
{}

void StreamSelector::setTileSize(QSizeF size)
{
    if (m_tileSize == size)
        return;
    m_tileSize = size;
    emit tileSizeChanged();
    update();
}

void StreamSelector::setVisibleTiles(int n)
{
    if (m_visibleTiles == n)
        return;
    m_visibleTiles = n;
    emit visibleTilesChanged();
    update();
}

void StreamSelector::setMaximized(bool maximized)
{
    if (m_maximized == maximized)
        return;
    m_maximized = maximized;
    emit maximizedChanged();
    update();
}

void StreamSelector::setSubBelow(QSize size)
{
    if (m_policy.subBelow == size)
        return;
    m_policy.subBelow = size;
    emit policyChanged();
    update();
}

void StreamSelector::setSubAboveTiles(int n)
{
    if (m_policy.subAboveTiles == n)
        return;
    m_policy.subAboveTiles = n;
    emit policyChanged();
    update();
}

void StreamSelector::setSubOnly(bool on)
{
    if (m_policy.subOnly == on)
        return;
    m_policy.subOnly = on;
    emit policyChanged();
    update();
}

void StreamSelector::update()
{
    const bool decidedWithoutSize =
        m_policy.subOnly || m_maximized || m_visibleTiles > m_policy.subAboveTiles;
    if (m_tileSize.isEmpty() && !decidedWithoutSize)
        return;
    const QString next = chooseStreamRole(m_tileSize, m_visibleTiles, m_maximized, m_policy, m_role);
    if (next == m_role)
        return;
    m_role = next;
    emit roleChanged();
}

} // namespace vigil::wall
