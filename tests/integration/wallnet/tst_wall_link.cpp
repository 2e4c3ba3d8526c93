// Issue 12, one wall across PCs: WallLink against a real Mosquitto on 127.0.0.1. Two PCs in one process (two
// WallStores, two WallNets, two MQTT clients, different node names, the same screen key).
#include "mosquitto_broker.h"
#include "wall_peer.h"

#include "vigil/mqtt/mqtt_client.h"
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_screens.h"
#include "vigil/wallnet/remote_screens.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil;
using vigil::testing::MosquittoBroker;
using vigil::testing::WallPeer;

class TstWallLink : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MosquittoBroker> m_broker;

    void startBroker(MosquittoBroker::Options options = {})
    {
        m_broker = std::make_unique<MosquittoBroker>(options);
        QString why;
        QVERIFY2(m_broker->start(&why), qPrintable(why));
    }

private slots:
    void init() { startBroker(); }
    void cleanup() { m_broker.reset(); }

    void messageRoundTrip()
    {
        wall::WallState s = wall::reduce({}, wall::SetLayout{QStringLiteral("9")});
        s = wall::reduce(s, wall::AssignCamera{2, QStringLiteral("cam-2")});
        const QByteArray bytes =
            wallnet::WallLink::encode({QStringLiteral("pc-1"), QStringLiteral("abc"), 42, 7, true, s});
        QString why;
        const auto m = wallnet::WallLink::decode(bytes, &why);
        QVERIFY2(m, qPrintable(why));
        QCOMPARE(m->origin, QStringLiteral("pc-1"));
        QCOMPARE(m->instance, QStringLiteral("abc"));
        QCOMPARE(m->seq, qint64(42));
        QCOMPARE(m->gen, qint64(7));
        QCOMPARE(m->restore, true);
        QCOMPARE(m->state, s);
        QVERIFY(!wallnet::WallLink::decode("{\"version\": 99, \"instance\": \"x\", \"state\": {}}"));
        QVERIFY(!wallnet::WallLink::decode("not json"));
        QCOMPARE(wallnet::topicLevel(QStringLiteral(" a/b+c#d ")), QStringLiteral("a_b_c_d"));
    }

    // (a) A change on one PC shows on the other, both ways; each change is published once, applied once.
    void changeShowsOnTheOther()
    {
        WallPeer a(m_broker->port(), QStringLiteral("pc-a"));
        WallPeer b(m_broker->port(), QStringLiteral("pc-b"));
        QTRY_VERIFY_WITH_TIMEOUT(a.synced() && b.synced(), 10000);
        a.store->setLayout(QStringLiteral("9"));
        QTRY_COMPARE_WITH_TIMEOUT(b.store->layoutId(), QStringLiteral("9"), 5000);
        const int aPublished = a.link->publishedCount(), bPublished = b.link->publishedCount();
        const int aApplied = a.link->appliedCount(), bApplied = b.link->appliedCount();

        a.store->assignCamera(4, QStringLiteral("cam-4"));
        QTRY_COMPARE_WITH_TIMEOUT(b.store->state().cameraAt(4), QStringLiteral("cam-4"), 5000);
        b.store->swapTiles(4, 0);
        QTRY_COMPARE_WITH_TIMEOUT(a.store->state().cameraAt(0), QStringLiteral("cam-4"), 5000);
        QCOMPARE(a.store->state(), b.store->state());
        // The remote change was applied, not echoed back.
        QCOMPARE(a.link->publishedCount() - aPublished, 1);
        QCOMPARE(b.link->publishedCount() - bPublished, 1);
        QCOMPARE(a.link->appliedCount() - aApplied, 1);
        QCOMPARE(b.link->appliedCount() - bApplied, 1);
    }

    // Two PCs changing the same screen at the same moment end on the same state (the broker's last), and
    // nothing bounces afterwards.
    void simultaneousChangesConverge()
    {
        WallPeer a(m_broker->port(), QStringLiteral("pc-a"));
        WallPeer b(m_broker->port(), QStringLiteral("pc-b"));
        QTRY_VERIFY_WITH_TIMEOUT(a.synced() && b.synced(), 10000);
        b.store->assignCamera(2, QStringLiteral("first")); // a barrier: the syncs' publishes are through
        QTRY_COMPARE_WITH_TIMEOUT(a.store->state().cameraAt(2), QStringLiteral("first"), 5000);
        const int aBefore = a.link->publishedCount();
        const int bBefore = b.link->publishedCount();

        for (int round = 0; round < 20; ++round) {
            a.store->assignCamera(0, QStringLiteral("cam-a-%1").arg(round));
            b.store->assignCamera(0, QStringLiteral("cam-b-%1").arg(round));
            QTRY_VERIFY_WITH_TIMEOUT(a.store->state() == b.store->state(), 5000);
        }
        // A barrier: one more change from A, seen by B, proves every earlier message has been delivered.
        a.store->assignCamera(1, QStringLiteral("barrier"));
        QTRY_COMPARE_WITH_TIMEOUT(b.store->state().cameraAt(1), QStringLiteral("barrier"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(a.store->state(), b.store->state(), 5000);
        // Exactly one publish per operator change: no ping-pong.
        QCOMPARE(a.link->publishedCount() - aBefore, 21);
        QCOMPARE(b.link->publishedCount() - bBefore, 20);
    }

    // (b) A PC destroyed and recreated from an empty config folder comes back showing exactly what it showed.
    void restartedNodeComesBackToTheSameState()
    {
        WallPeer console(m_broker->port(), QStringLiteral("console"), QStringLiteral("screen-1"),
                         QStringLiteral("console"));
        auto node = std::make_unique<WallPeer>(m_broker->port(), QStringLiteral("pc-node"));
        QTRY_VERIFY_WITH_TIMEOUT(console.synced() && node->synced(), 10000);
        console.store->setLayout(QStringLiteral("16"));
        for (int i = 0; i < 16; i += 3)
            console.store->assignCamera(i, QStringLiteral("cam-%1").arg(i));
        console.store->toggleMaximize(3);
        QTRY_COMPARE_WITH_TIMEOUT(node->store->state(), console.store->state(), 5000);
        const wall::WallState shown = node->store->state();

        node.reset(); // its wall.json and folder are gone with it
        node = std::make_unique<WallPeer>(m_broker->port(), QStringLiteral("pc-node"));
        QCOMPARE(node->store->state(), wall::WallState{}); // an empty config folder: the default wall
        QTRY_VERIFY_WITH_TIMEOUT(node->synced(), 10000);
        QCOMPARE(node->store->state(), shown);
        QCOMPARE(node->link->publishedCount(), 0); // it took the broker's state, it did not overwrite it
    }

    // (c) The broker stops and comes back: the PCs reconnect, later changes still propagate, and nothing is
    // lost — also when the broker lost its retained messages (killed: its database was never saved).
    void brokerRestartLosesNothing_data()
    {
        QTest::addColumn<bool>("crash");
        QTest::newRow("restart (database saved)") << false;
        QTest::newRow("killed (retained state lost)") << true;
    }
    void brokerRestartLosesNothing()
    {
        QFETCH(bool, crash);
        WallPeer a(m_broker->port(), QStringLiteral("pc-a"));
        WallPeer b(m_broker->port(), QStringLiteral("pc-b"));
        QTRY_VERIFY_WITH_TIMEOUT(a.synced() && b.synced(), 10000);
        a.store->setLayout(QStringLiteral("6"));
        a.store->assignCamera(0, QStringLiteral("cam-0"));
        QTRY_COMPARE_WITH_TIMEOUT(b.store->state(), a.store->state(), 5000);
        const int aSyncs = a.link->syncCount();
        const int bSyncs = b.link->syncCount();

        m_broker->stop(crash);
        QTRY_COMPARE_WITH_TIMEOUT(a.net->status(), wallnet::WallNet::Status::Unreachable, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(b.net->status(), wallnet::WallNet::Status::Unreachable, 10000);
        QVERIFY2(a.net->statusText().contains(QLatin1String("lost")) ||
                     a.net->statusText().contains(QLatin1String("cannot reach")),
                 qPrintable(a.net->statusText()));
        // An operator change while the broker is away: kept, and published when it is back.
        a.store->assignCamera(1, QStringLiteral("offline-change"));

        QString why;
        QVERIFY2(m_broker->start(&why), qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(a.link->syncCount() > aSyncs && b.link->syncCount() > bSyncs, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(b.store->state().cameraAt(1), QStringLiteral("offline-change"), 5000);
        QCOMPARE(b.store->state().cameraAt(0), QStringLiteral("cam-0"));
        QCOMPARE(b.store->layoutId(), QStringLiteral("6"));

        b.store->assignCamera(2, QStringLiteral("after-restart"));
        QTRY_COMPARE_WITH_TIMEOUT(a.store->state().cameraAt(2), QStringLiteral("after-restart"), 5000);

        // Nothing lost on the broker either: a PC that arrives now, with an empty folder, gets it all.
        WallPeer c(m_broker->port(), QStringLiteral("pc-new"));
        QTRY_VERIFY_WITH_TIMEOUT(c.synced(), 10000);
        QCOMPARE(c.store->state(), a.store->state());
    }

    // A state this Vigil cannot read (a newer Vigil's) is left alone, not overwritten with ours.
    void unreadableRetainedStateIsNotOverwritten()
    {
        mqtt::MqttOptions o;
        o.port = m_broker->port();
        mqtt::MqttClient newer(o);
        newer.start();
        QTRY_VERIFY_WITH_TIMEOUT(newer.isConnected(), 10000);
        const QByteArray future = R"({"version": 99, "instance": "x", "state": {"version": 99}})";
        QVERIFY(newer.publish(QStringLiteral("vigil/test-wall/screens/screen-1/state"), future, 1, true));
        QSignalSpy echo(&newer, &mqtt::MqttClient::messageReceived);
        newer.subscribe(QStringLiteral("vigil/test-wall/screens/screen-1/state"));
        QTRY_COMPARE_WITH_TIMEOUT(echo.size(), 1, 5000); // it is on the broker

        WallPeer a(m_broker->port(), QStringLiteral("pc-a"));
        QTRY_VERIFY_WITH_TIMEOUT(a.synced(), 10000);
        QCOMPARE(a.link->publishedCount(), 0);
        QCOMPARE(a.store->state(), wall::WallState{});
    }

    // WallNet::shareScreens: the console's wall and every wall screen of a WallScreenSet, also one added
    // later, each under its key; two PCs with a screen of the same key show the same.
    void shareScreensOfAScreenSet()
    {
        struct Pc
        {
            Pc(int port, const QString &node)
            {
                qputenv("VIGIL_CONFIG_DIR", dir.path().toUtf8());
                console = std::make_unique<wall::WallStore>(nullptr);
                left = std::make_unique<wall::WallStore>(nullptr, nullptr, QStringLiteral("wall-left.json"));
                right =
                    std::make_unique<wall::WallStore>(nullptr, nullptr, QStringLiteral("wall-right.json"));
                set = std::make_unique<wall::WallScreenSet>(console.get());
                set->addScreen(QStringLiteral("left@0,0"), 2, left.get());
                wallnet::WallNetConfig c;
                c.broker.port = port;
                c.wallName = QStringLiteral("test-wall");
                c.nodeName = node;
                net = std::make_unique<wallnet::WallNet>(c);
                net->shareScreens(set.get());
                net->start();
            }
            ~Pc() { net.reset(); }
            bool synced() const
            {
                const auto links = net->links();
                return std::all_of(links.begin(), links.end(), [](auto *l) { return l->synced(); });
            }
            QTemporaryDir dir;
            std::unique_ptr<wall::WallStore> console, left, right;
            std::unique_ptr<wall::WallScreenSet> set;
            std::unique_ptr<wallnet::WallNet> net;
        };
        Pc one(m_broker->port(), QStringLiteral("pc-1"));
        Pc two(m_broker->port(), QStringLiteral("pc-2"));
        QCOMPARE(one.net->links().size(), 2); // console + left
        QTRY_VERIFY_WITH_TIMEOUT(one.synced() && two.synced(), 10000);

        one.left->assignCamera(1, QStringLiteral("left-cam"));
        one.console->assignCamera(0, QStringLiteral("console-cam"));
        QTRY_COMPARE_WITH_TIMEOUT(two.left->state().cameraAt(1), QStringLiteral("left-cam"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(two.console->state().cameraAt(0), QStringLiteral("console-cam"), 5000);
        QCOMPARE(two.left->state().cameraAt(0), QString());

        // A screen plugged in later on both PCs: linked, and it follows too.
        one.set->addScreen(QStringLiteral("right@1920,0"), 3, one.right.get());
        two.set->addScreen(QStringLiteral("right@1920,0"), 3, two.right.get());
        QCOMPARE(one.net->links().size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(one.synced() && two.synced(), 10000);
        two.right->setLayout(QStringLiteral("16"));
        QTRY_COMPARE_WITH_TIMEOUT(one.right->layoutId(), QStringLiteral("16"), 5000);
        QCOMPARE(one.left->layoutId(), QStringLiteral("4"));
    }

    // The console's miniature of the whole wall: a wall node's screen (another PC's) joins the console's
    // screen set under its key, titled by its node; a change on either side shows on the other; a node that
    // goes away stays in the set, disconnected, and comes back (from an empty config folder) showing what
    // the console changed meanwhile. Another console's presence and the shared console wall are not mirrored.
    void consoleMirrorsTheNodesScreens()
    {
        const QString key = QStringLiteral("node1-screen@0,0");
        auto node = std::make_unique<WallPeer>(m_broker->port(), QStringLiteral("node-1"), key);
        QTRY_VERIFY_WITH_TIMEOUT(node->synced(), 10000);
        node->store->setLayout(QStringLiteral("4"));
        node->store->assignCamera(1, QStringLiteral("cam-7"));
        WallPeer otherConsole(m_broker->port(), QStringLiteral("console-2"), QStringLiteral("c2-screen"),
                              QStringLiteral("console"));

        QTemporaryDir consoleDir;
        qputenv("VIGIL_CONFIG_DIR", consoleDir.path().toUtf8());
        wall::WallStore consoleWall(nullptr);
        wall::WallScreenSet set(&consoleWall);
        wallnet::WallNetConfig c;
        c.broker.port = m_broker->port();
        c.wallName = QStringLiteral("test-wall");
        c.nodeName = QStringLiteral("console-1");
        c.role = QStringLiteral("console");
        wallnet::WallNet net(c);
        net.shareScreens(&set);
        wallnet::RemoteScreens remote(&net, &set, nullptr);
        QSignalSpy added(&remote, &wallnet::RemoteScreens::screenAdded);
        net.start();
        QTRY_COMPARE_WITH_TIMEOUT(remote.keys(), QStringList{key}, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(otherConsole.net->nodes()->node(QStringLiteral("console-1")) &&
                                     net.nodes()->node(QStringLiteral("console-2")),
                                 10000);
        QCOMPARE(set.keys(), QStringList{key}); // not console-2's screen, not the console wall
        const auto screen = [&set] {
            return set.screens().value(0).toMap();
        };
        QCOMPARE(screen().value(QStringLiteral("title")).toString(), QStringLiteral("node-1 · Screen 1"));
        QVERIFY(screen().value(QStringLiteral("connected")).toBool());
        wall::WallStore *mirror = set.store(key);
        QVERIFY(mirror);
        QTRY_COMPARE_WITH_TIMEOUT(mirror->state().cameraAt(1), QStringLiteral("cam-7"), 10000);
        QCOMPARE(mirror->layoutId(), QStringLiteral("4"));

        mirror->assignCamera(2, QStringLiteral("cam-9")); // the operator drops a camera on the miniature
        QTRY_COMPARE_WITH_TIMEOUT(node->store->state().cameraAt(2), QStringLiteral("cam-9"), 10000);

        node.reset(); // goodbye: offline
        QTRY_VERIFY_WITH_TIMEOUT(!screen().value(QStringLiteral("connected")).toBool(), 10000);
        mirror->assignCamera(3, QStringLiteral("cam-3")); // while it is away
        node = std::make_unique<WallPeer>(m_broker->port(), QStringLiteral("node-1"), key);
        QTRY_VERIFY_WITH_TIMEOUT(screen().value(QStringLiteral("connected")).toBool(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(node->store->state().cameraAt(3), QStringLiteral("cam-3"), 10000);
        QCOMPARE(node->store->state().cameraAt(2), QStringLiteral("cam-9"));
        QCOMPARE(added.size(), 1); // the same screen, not a second one
        QCOMPARE(set.keys(), QStringList{key});
    }

    // A screen never touches another screen's state.
    void screensAreIndependent()
    {
        WallPeer a(m_broker->port(), QStringLiteral("pc-a"), QStringLiteral("left"));
        WallPeer b(m_broker->port(), QStringLiteral("pc-b"), QStringLiteral("right"));
        WallPeer a2(m_broker->port(), QStringLiteral("pc-c"), QStringLiteral("left"));
        QTRY_VERIFY_WITH_TIMEOUT(a.synced() && b.synced() && a2.synced(), 10000);
        a.store->assignCamera(0, QStringLiteral("left-cam"));
        QTRY_COMPARE_WITH_TIMEOUT(a2.store->state().cameraAt(0), QStringLiteral("left-cam"), 5000);
        QCOMPARE(b.store->state().cameraAt(0), QString());
        QCOMPARE(b.link->appliedCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstWallLink)
#include "tst_wall_link.moc"
