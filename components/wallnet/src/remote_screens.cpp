#include "vigil/wallnet/remote_screens.h"

#include "vigil/core/logging.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_screens.h"
#include "vigil/wall/wall_store.h"
#include "vigil/wallnet/wall_net.h"
#include "vigil/wallnet/wall_nodes_model.h"

namespace vigil::wallnet {

RemoteScreens::RemoteScreens(WallNet *net, wall::WallScreenSet *screens, cameras::CameraDirectory *directory,
                             QObject *parent)
    : QObject(parent)
    , m_net(net)
    , m_screens(screens)
    , m_directory(directory)
{
    if (!net || !screens || !net->nodes())
        return;
    WallNodesModel *nodes = net->nodes();
    connect(nodes, &QAbstractItemModel::rowsInserted, this, &RemoteScreens::sync);
    connect(nodes, &QAbstractItemModel::dataChanged, this, &RemoteScreens::sync);
    connect(nodes, &QAbstractItemModel::modelReset, this, &RemoteScreens::sync);
    sync();
}

RemoteScreens::~RemoteScreens() = default; // the set holds QPointers: it forgets the stores with them

QStringList RemoteScreens::keys() const
{
    QStringList out;
    for (const Remote &r : m_remotes)
        out.append(r.key);
    return out;
}

void RemoteScreens::sync()
{
    if (!m_net || !m_screens)
        return;
    const WallNodesModel *nodes = m_net->nodes();
    for (int row = 0; row < nodes->rowCount(); ++row) {
        const QString name = nodes->data(nodes->index(row), WallNodesModel::NameRole).toString();
        const WallNodesModel::Node *node = nodes->node(name);
        if (!node || node->self || node->role != QLatin1String("node"))
            continue;
        int number = 0;
        for (const QString &key : node->screens) {
            if (key == wall::kConsoleKey)
                continue;
            ++number;
            const auto mine = std::find_if(m_remotes.cbegin(), m_remotes.cend(),
                                           [&](const Remote &r) { return r.key == key; });
            if (mine != m_remotes.cend()) {
                m_screens->setConnected(key, node->online);
                continue;
            }
            if (m_screens->store(key))
                continue; // this PC shows that screen itself (the same key is the same screen)
            Remote r{key, std::make_unique<wall::WallStore>(m_directory, nullptr, wall::wallFileName(key))};
            r.store->load();
            wall::WallStore *store = r.store.get();
            m_remotes.push_back(std::move(r));
            m_screens->addScreen(key, number, store, tr("%1 · Screen %2").arg(node->name).arg(number));
            m_screens->setConnected(key, node->online);
            qCInfo(vigilWall).noquote()
                << "wall: screen" << key << "of node" << node->name << "joins this console's wall";
            emit screenAdded(key, node->name);
        }
    }
}

} // namespace vigil::wallnet
