#pragma once
// One PC of a test wall inside the test process: its own config folder, WallStore and WallNet (so its own
// MQTT client and node name) sharing one screen. Thread: the test's.
#include "vigil/wall/wall_store.h"
#include "vigil/wallnet/wall_net.h"

#include <QtCore/QTemporaryDir>

#include <memory>

namespace vigil::testing {

struct WallPeer
{
    WallPeer(int brokerPort, const QString &node, const QString &screenKey = QStringLiteral("screen-1"),
             const QString &role = QStringLiteral("node"))
    {
        qputenv("VIGIL_CONFIG_DIR", dir.path().toUtf8()); // read by the store's constructor only
        store = std::make_unique<wall::WallStore>(nullptr);
        store->load();
        wallnet::WallNetConfig c;
        c.broker.host = QStringLiteral("127.0.0.1");
        c.broker.port = brokerPort;
        c.broker.reconnectMinMs = 100;
        c.broker.reconnectMaxMs = 500; // tests restart brokers: come back quickly
        c.wallName = QStringLiteral("test-wall");
        c.nodeName = node;
        c.role = role;
        net = std::make_unique<wallnet::WallNet>(c);
        link = net->addScreen(store.get(), screenKey);
        net->start();
    }
    ~WallPeer()
    {
        net.reset(); // before the store it links
        store.reset();
    }
    bool synced() const { return link && link->synced() && net->client()->isConnected(); }

    QTemporaryDir dir;
    std::unique_ptr<wall::WallStore> store;
    std::unique_ptr<wallnet::WallNet> net;
    wallnet::WallLink *link = nullptr;
};

} // namespace vigil::testing
