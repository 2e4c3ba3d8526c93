#pragma once
// CameraListModel: the side panel's list — the directory's cameras by group, filtered by a search text, as
// one flat list of group headers and camera rows that a ListView shows lazily (only the visible rows get a
// delegate, so it holds at a province's 400,000 cameras; the QML it replaces walked every camera in JS on
// every change and made a delegate per camera per group).
//
// Rows: for each group with a match, a header row (isGroup, group, groupCount = matches in the group,
// collapsed), then — unless collapsed — its matching cameras in directory order. Camera rows carry the
// directory's own roles (cameraId, name, group, origin …). Groups come in the directory's order (groups()),
// ungrouped cameras last. A camera matches when the search text (trimmed, case-insensitive) is in its name or
// its group, or in the pinyin initials or full pinyin of a Chinese name or group ("xxl", "xinxiang" find
// 新乡路; see pinyin.h); an empty text matches all.
//
// Filters narrow the search further, each on its own: online only (OnlineRole: its platform is reachable and
// does not report it offline), PTZ only (PtzRole), favourites only (the operator's stars) and in view only
// (a position inside viewBounds, the map's visible area; a camera without a position is never in view).
//
// Rebuilt (model reset) when the directory's rows, names or groups change, the filter changes or a group is
// folded, and when what a filter on looks at changes (a star, a platform gone, the map moved: that one at
// most every 150 ms, so a pan does not rebuild 400,000 rows per frame); other data changes of the directory
// are forwarded as dataChanged of the camera's row. Thread: GUI only.
#include "vigil/cameras/camera_directory.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QPointer>
#include <QtCore/QRectF>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace vigil::cameras {

class CameraListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        vigil::cameras::CameraDirectory *directory READ directory WRITE setDirectory NOTIFY directoryChanged)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    // Cameras that match the filter (in all groups, folded or not).
    Q_PROPERTY(int matchCount READ matchCount NOTIFY matchCountChanged)
    Q_PROPERTY(bool onlineOnly READ onlineOnly WRITE setOnlineOnly NOTIFY filtersChanged)
    Q_PROPERTY(bool ptzOnly READ ptzOnly WRITE setPtzOnly NOTIFY filtersChanged)
    Q_PROPERTY(bool favouritesOnly READ favouritesOnly WRITE setFavouritesOnly NOTIFY filtersChanged)
    Q_PROPERTY(bool inViewOnly READ inViewOnly WRITE setInViewOnly NOTIFY filtersChanged)
    // The area "in view" means, in WGS-84 degrees: x = west longitude, y = south latitude, width and height
    // the spans (MapView.visibleBounds). Empty = no map: nothing is in view.
    Q_PROPERTY(QRectF viewBounds READ viewBounds WRITE setViewBounds NOTIFY viewBoundsChanged)
    // Any of the four filters is on.
    Q_PROPERTY(bool filtered READ filtered NOTIFY filtersChanged)

public:
    enum Role
    {
        IsGroupRole = CameraDirectory::OriginRole + 100, // "isGroup"
        GroupCountRole,                                  // "groupCount": matches in the row's group
        CollapsedRole,                                   // "collapsed": the row's group is folded
    };
    Q_ENUM(Role)

    explicit CameraListModel(QObject *parent = nullptr);

    CameraDirectory *directory() const { return m_directory; }
    void setDirectory(CameraDirectory *directory);
    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    int matchCount() const { return m_matchCount; }
    bool onlineOnly() const { return m_onlineOnly; }
    void setOnlineOnly(bool on) { setFilter(&m_onlineOnly, on); }
    bool ptzOnly() const { return m_ptzOnly; }
    void setPtzOnly(bool on) { setFilter(&m_ptzOnly, on); }
    bool favouritesOnly() const { return m_favouritesOnly; }
    void setFavouritesOnly(bool on) { setFilter(&m_favouritesOnly, on); }
    bool inViewOnly() const { return m_inViewOnly; }
    void setInViewOnly(bool on) { setFilter(&m_inViewOnly, on); }
    QRectF viewBounds() const { return m_viewBounds; }
    void setViewBounds(const QRectF &bounds);
    bool filtered() const { return m_onlineOnly || m_ptzOnly || m_favouritesOnly || m_inViewOnly; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Folds or unfolds a group ("" = the ungrouped cameras).
    Q_INVOKABLE void toggleGroup(const QString &group);
    Q_INVOKABLE bool isCollapsed(const QString &group) const { return m_collapsed.contains(group); }

signals:
    void directoryChanged();
    void filterTextChanged();
    void matchCountChanged();
    void filtersChanged();
    void viewBoundsChanged();

private:
    struct Row
    {
        int groupIndex; // into m_groups
        int source;     // directory row, -1 for a group header
    };
    void rebuild();
    void setFilter(bool *filter, bool on);
    bool passesFilters(const Camera &camera) const;
    void invalidateKeys() { m_keys.clear(); }
    // The text case-folded, then its pinyin initials and full pinyin when it has Hanzi, separated by U+001F.
    static QString searchKey(const QString &text);
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                             const QList<int> &roles);

    QPointer<CameraDirectory> m_directory;
    QString m_filterText;
    QString m_needle; // trimmed, case-folded filter
    QSet<QString> m_collapsed;
    QStringList m_groups;         // groups in display order ("" last)
    std::vector<int> m_groupHits; // matches per group
    std::vector<Row> m_rows;
    std::vector<int> m_rowOfSource; // directory row -> our row, -1 when not shown
    // Search keys (searchKey()), made once so a keystroke in the search box is a plain substring search;
    // cleared when rows, names or groups change. Per directory row: its name's key and its distinct group;
    // per distinct group (a province's 400,000 cameras have a few thousand): the group and its key.
    std::vector<QString> m_keys;
    std::vector<int> m_keyGroupOf;
    QStringList m_keyGroups;
    std::vector<QString> m_keyGroupKeys;
    int m_matchCount = 0;
    bool m_onlineOnly = false;
    bool m_ptzOnly = false;
    bool m_favouritesOnly = false;
    bool m_inViewOnly = false;
    QRectF m_viewBounds;
    QTimer m_viewRebuild; // the map moved while "in view" is on: one rebuild after the move settles a little
    QList<QMetaObject::Connection> m_connections;
};

} // namespace vigil::cameras
