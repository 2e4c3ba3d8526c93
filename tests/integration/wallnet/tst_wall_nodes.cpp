// Issue 12: which PCs of the wall are up (retained presence + last will) and the wall shared between two
// PROCESSES (this test and wallnet_node), against a real Mosquitto on 127.0.0.1.
#include "mosquitto_broker.h"
#include "wall_peer.h"

#include "vigil/mqtt/mqtt_client.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QProcess>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil;
using vigil::testing::MosquittoBroker;
using vigil::testing::WallPeer;

namespace {

bool online(const wallnet::WallNodesModel *m, const QString &name)
{
    const auto *n = m->node(name);
    return n && n->online;
}

// The other PC: wallnet_node in its own process, with its own config folder.
class NodeProcess
{
public:
    NodeProcess(int port, const QString &name)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VIGIL_CONFIG_DIR"), m_dir.path()); // a fresh, empty folder
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(WALLNET_NODE_PATH),
                        {QStringLiteral("--port"), QString::number(port), QStringLiteral("--node"), name});
        if (!m_process.waitForStarted(5000))
            qWarning() << "wallnet_node did not start:" << m_process.errorString();
    }
    ~NodeProcess() { kill(); }
    // The JSON of the next line starting with `tag` ("SYNCED", "STATE"); empty after 10 s or an exit.
    QByteArray waitFor(const QByteArray &tag, const std::function<bool(const wall::WallState &)> &until = {})
    {
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine().trimmed();
                if (!line.startsWith(tag + ' '))
                    continue;
                const QByteArray json = line.mid(tag.size() + 1);
                if (!until || until(*wall::fromJson(json)))
                    return json;
            }
            if (m_process.state() != QProcess::Running)
                return {};
            m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        }
        return {};
    }
    void send(const QByteArray &line) { m_process.write(line + '\n'); }
    void kill()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill(); // SIGKILL: no goodbye, the broker publishes the last will
            m_process.waitForFinished(5000);
        }
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};

} // namespace

class TstWallNodes : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MosquittoBroker> m_broker;

private slots:
    void init()
    {
        m_broker = std::make_unique<MosquittoBroker>();
        QString why;
        QVERIFY2(m_broker->start(&why), qPrintable(why));
    }
    void cleanup() { m_broker.reset(); }

    void modelFollowsPresence()
    {
        wallnet::WallNodesModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&m, &wallnet::WallNodesModel::nodeChanged);
        QVERIFY(
            m.applyPresence(QStringLiteral("a"), R"({"online":true,"role":"node","screens":["s1"]})", false));
        QVERIFY(
            m.applyPresence(QStringLiteral("me"), R"({"online":true,"role":"console","screens":[]})", true));
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.onlineCount(), 2);
        QVERIFY(m.applyPresence(QStringLiteral("a"), R"({"online":false,"role":"node"})", false)); // a will
        QCOMPARE(m.onlineCount(), 1);
        QCOMPARE(m.node(QStringLiteral("a"))->screens, QStringList{QStringLiteral("s1")}); // kept
        QCOMPARE(m.data(m.index(0), wallnet::WallNodesModel::OnlineRole).toBool(), false);
        QCOMPARE(m.data(m.index(1), wallnet::WallNodesModel::SelfRole).toBool(), true);
        QCOMPARE(changed.size(), 3);
        QVERIFY(!m.applyPresence(QStringLiteral("a"), "garbage", false));
        QVERIFY(m.applyPresence(QStringLiteral("a"), {}, false)); // retained presence cleared: row removed
        QCOMPARE(m.rowCount(), 1);
    }

    // (e) In one process: a PC whose connection dies (no DISCONNECT) turns offline for the others through its
    // last will, comes back online when it reconnects, and says goodbye when it closes cleanly.
    void presenceAndLastWill()
    {
        WallPeer console(m_broker->port(), QStringLiteral("console"), QStringLiteral("screen-1"),
                         QStringLiteral("console"));
        auto node = std::make_unique<WallPeer>(m_broker->port(), QStringLiteral("pc-node"));
        wallnet::WallNodesModel *nodes = console.net->nodes();
        QAbstractItemModelTester tester(nodes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(
            online(nodes, QStringLiteral("pc-node")) && online(nodes, QStringLiteral("console")), 10000);
        QCOMPARE(nodes->node(QStringLiteral("pc-node"))->role, QStringLiteral("node"));
        QCOMPARE(nodes->node(QStringLiteral("pc-node"))->screens, QStringList{QStringLiteral("screen-1")});
        QCOMPARE(nodes->node(QStringLiteral("console"))->role, QStringLiteral("console"));
        QVERIFY(nodes->node(QStringLiteral("console"))->self);
        QVERIFY(!nodes->node(QStringLiteral("pc-node"))->self);

        QSignalSpy changes(nodes, &wallnet::WallNodesModel::nodeChanged);
        node->net->client()->dropConnection(); // as a pulled cable
        QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty(), 10000);
        QCOMPARE(changes.at(0).at(0).toString(), QStringLiteral("pc-node"));
        QCOMPARE(changes.at(0).at(1).toBool(), false);                             // the will
        QTRY_VERIFY_WITH_TIMEOUT(online(nodes, QStringLiteral("pc-node")), 10000); // reconnected

        node.reset(); // a clean exit says goodbye
        QTRY_VERIFY_WITH_TIMEOUT(!online(nodes, QStringLiteral("pc-node")), 10000);
        QCOMPARE(nodes->onlineCount(), 1);
    }

    // Two processes: a change on either shows on the other; a killed node turns offline (last will) and,
    // started again from an empty folder, comes back showing exactly what it showed.
    void twoProcesses()
    {
        WallPeer console(m_broker->port(), QStringLiteral("console"), QStringLiteral("screen-1"),
                         QStringLiteral("console"));
        QTRY_VERIFY_WITH_TIMEOUT(console.synced(), 10000);
        console.store->setLayout(QStringLiteral("9"));
        console.store->assignCamera(0, QStringLiteral("cam-console"));

        auto node = std::make_unique<NodeProcess>(m_broker->port(), QStringLiteral("pc-2"));
        QByteArray json = node->waitFor("SYNCED");
        QVERIFY2(!json.isEmpty(), "wallnet_node did not sync with the broker");
        QCOMPARE(*wall::fromJson(json), console.store->state());
        wallnet::WallNodesModel *nodes = console.net->nodes();
        QTRY_VERIFY_WITH_TIMEOUT(online(nodes, QStringLiteral("pc-2")), 10000);
        QCOMPARE(nodes->node(QStringLiteral("pc-2"))->role, QStringLiteral("node"));

        // console -> node
        console.store->assignCamera(5, QStringLiteral("cam-5"));
        json = node->waitFor("STATE", [](const wall::WallState &s) { return s.cameraAt(5) == u"cam-5"; });
        QVERIFY2(!json.isEmpty(), "the node did not show the console's change");
        // node -> console
        node->send("assign 8 cam-from-node");
        QTRY_COMPARE_WITH_TIMEOUT(console.store->state().cameraAt(8), QStringLiteral("cam-from-node"), 5000);
        const wall::WallState shown = console.store->state();

        node->kill();
        QTRY_VERIFY_WITH_TIMEOUT(!online(nodes, QStringLiteral("pc-2")), 10000); // its last will

        node = std::make_unique<NodeProcess>(m_broker->port(), QStringLiteral("pc-2"));
        json = node->waitFor("SYNCED");
        QVERIFY(!json.isEmpty());
        QCOMPARE(*wall::fromJson(json), shown);
        QTRY_VERIFY_WITH_TIMEOUT(online(nodes, QStringLiteral("pc-2")), 10000);
        QCOMPARE(console.store->state(), shown); // and the console was not disturbed
    }
};

QTEST_GUILESS_MAIN(TstWallNodes)
#include "tst_wall_nodes.moc"
