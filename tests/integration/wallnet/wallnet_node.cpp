// wallnet_node: a second Vigil PC for the two-process tests — one WallStore shared through a WallNet, driven
// on stdin, reporting on stdout (one line each, flushed):
//   out: "SYNCED <state json>" once the first sync with the broker is done, "STATE <state json>" on every
//   change in:  "assign <tile> <camera>", "layout <id>", "quit"
// Usage: wallnet_node --port P --node NAME [--screen KEY] [--wall W]; the config folder is VIGIL_CONFIG_DIR.
#include "vigil/wall/wall_store.h"
#include "vigil/wallnet/wall_net.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QSocketNotifier>

#include <cstdio>

using namespace vigil;

namespace {
void say(const char *what, const wall::WallState &state)
{
    std::printf("%s %s\n", what,
                QJsonDocument(wall::toJson(state)).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("broker port"), QStringLiteral("n"));
    const QCommandLineOption node(QStringLiteral("node"), QStringLiteral("node name"),
                                  QStringLiteral("name"));
    const QCommandLineOption screen(QStringLiteral("screen"), QStringLiteral("screen key"),
                                    QStringLiteral("key"), QStringLiteral("screen-1"));
    const QCommandLineOption wallName(QStringLiteral("wall"), QStringLiteral("wall name"),
                                      QStringLiteral("name"), QStringLiteral("test-wall"));
    p.addOptions({port, node, screen, wallName});
    p.process(app);

    wall::WallStore store(nullptr);
    store.load();
    wallnet::WallNetConfig c;
    c.broker.port = p.value(port).toInt();
    c.broker.reconnectMinMs = 100;
    c.broker.reconnectMaxMs = 500;
    c.wallName = p.value(wallName);
    c.nodeName = p.value(node);
    c.role = QStringLiteral("node");
    wallnet::WallNet net(c);
    wallnet::WallLink *link = net.addScreen(&store, p.value(screen));
    bool synced = false;
    QObject::connect(link, &wallnet::WallLink::syncedChanged, &app, [&] {
        if (link->synced() && !synced) {
            synced = true;
            say("SYNCED", store.state());
        }
    });
    QObject::connect(&store, &wall::WallStore::stateChanged, &app, [&] { say("STATE", store.state()); });
    net.start();

    QFile in;
    in.open(stdin, QIODevice::ReadOnly);
    QSocketNotifier notifier(0, QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        const QByteArray line = in.readLine().trimmed();
        if (line.isEmpty() && in.atEnd()) {
            notifier.setEnabled(false);
            return;
        }
        const QList<QByteArray> words = line.split(' ');
        if (words.value(0) == "assign" && words.size() == 3)
            store.assignCamera(words.at(1).toInt(), QString::fromUtf8(words.at(2)));
        else if (words.value(0) == "layout" && words.size() == 2)
            store.setLayout(QString::fromUtf8(words.at(1)));
        else if (words.value(0) == "quit")
            QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}
