#pragma once
// RemoteScreens: on an operator console, the screens that the wall nodes (other PCs, `vigil --wall-node`)
// show, as screens of the console's WallScreenSet — so the console's miniature of the wall (ScreensView)
// shows and changes them too, and scenes and undo span the whole wall across PCs.
//
// For each screen key a node announces in its presence ({"screens": [...]}) that this PC has no screen for:
// a WallStore kept in configDir()/wall-<key>.json like a local screen's (a restarted console shows the last
// state it knew at once, then the broker's), added to the set with the title "<node> · Screen N"; WallNet
// (shareScreens follows the set) links it under that key, which is what makes it the node's screen. A node
// that goes offline keeps its screens in the set, connected = false: what the console changes meanwhile is
// retained by the broker and shown by the node when it is back. Consoles' presences are not followed (a
// console lists the screens it mirrors), nor the shared console wall (wall::kConsoleKey).
//
// Thread: GUI only.
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QStringList>

#include <memory>
#include <vector>

namespace vigil::cameras {
class CameraDirectory;
}
namespace vigil::wall {
class WallScreenSet;
class WallStore;
} // namespace vigil::wall

namespace vigil::wallnet {

class WallNet;

class RemoteScreens : public QObject
{
    Q_OBJECT

public:
    // `directory` may be null (tests); the set and the net must outlive this object.
    RemoteScreens(WallNet *net, wall::WallScreenSet *screens, cameras::CameraDirectory *directory,
                  QObject *parent = nullptr);
    ~RemoteScreens() override;

    // Keys of the screens mirrored so far, in the order they appeared.
    QStringList keys() const;

signals:
    // A node's screen joined the set.
    void screenAdded(const QString &key, const QString &node);

private:
    void sync();

    struct Remote
    {
        QString key;
        std::unique_ptr<wall::WallStore> store;
    };
    QPointer<WallNet> m_net;
    QPointer<wall::WallScreenSet> m_screens;
    cameras::CameraDirectory *m_directory;
    std::vector<Remote> m_remotes;
};

} // namespace vigil::wallnet
