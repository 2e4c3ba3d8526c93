// WallNet's command line: --broker, --broker-user, --broker-ca, --wall-name, --wall-node, and the password
// from the environment only.
#include "vigil/wallnet/wall_net.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QTemporaryFile>
#include <QtTest/QTest>

using vigil::wallnet::WallNet;

class TstWallNetCli : public QObject
{
    Q_OBJECT

    static std::optional<vigil::wallnet::WallNetConfig> parse(QStringList args, QString *error,
                                                              const QString &password = {})
    {
        QCommandLineParser p;
        p.addOptions(WallNet::commandLineOptions());
        args.prepend(QStringLiteral("vigil"));
        if (!p.parse(args)) {
            *error = p.errorText();
            return std::nullopt;
        }
        return WallNet::configFromCommandLine(p, error, password);
    }

private slots:
    void withoutBrokerNothing()
    {
        QString error;
        QVERIFY(!parse({}, &error));
        QVERIFY(error.isEmpty());
        QVERIFY(!parse({QStringLiteral("--wall-node"), QStringLiteral("x")}, &error));
        QVERIFY(error.contains(QLatin1String("need --broker")));
    }

    void console()
    {
        QString error;
        const auto c = parse({QStringLiteral("--broker"), QStringLiteral("mqtt://10.0.0.5:1884"),
                              QStringLiteral("--broker-user"), QStringLiteral("vigil")},
                             &error, QStringLiteral("s3cret"));
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->broker.host, QStringLiteral("10.0.0.5"));
        QCOMPARE(c->broker.port, 1884);
        QCOMPARE(c->broker.tls, false);
        QCOMPARE(c->broker.username, QStringLiteral("vigil"));
        QCOMPARE(c->broker.password, QStringLiteral("s3cret"));
        QCOMPARE(c->wallName, QStringLiteral("wall"));
        QCOMPARE(c->role, QStringLiteral("console"));
        QVERIFY(c->nodeName.isEmpty()); // WallNet names it console-<host>
    }

    void wallNode()
    {
        QTemporaryFile ca;
        QVERIFY(ca.open());
        QString error;
        const auto c =
            parse({QStringLiteral("--broker"), QStringLiteral("mqtts://broker.example"),
                   QStringLiteral("--wall-node"), QStringLiteral("left-pc"), QStringLiteral("--wall-name"),
                   QStringLiteral("hall-2"), QStringLiteral("--broker-ca"), ca.fileName()},
                  &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->broker.tls, true);
        QCOMPARE(c->broker.port, 8883);
        QCOMPARE(c->broker.caFile, ca.fileName());
        QCOMPARE(c->nodeName, QStringLiteral("left-pc"));
        QCOMPARE(c->role, QStringLiteral("node"));
        QCOMPARE(c->wallName, QStringLiteral("hall-2"));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("password in url")
            << QStringList{QStringLiteral("--broker"), QStringLiteral("mqtt://a:b@h")}
            << QStringLiteral("Do not put a user or password");
        QTest::newRow("bad scheme") << QStringList{QStringLiteral("--broker"), QStringLiteral("http://h")}
                                    << QStringLiteral("Unknown broker scheme");
        QTest::newRow("missing ca") << QStringList{QStringLiteral("--broker"), QStringLiteral("mqtts://h"),
                                                   QStringLiteral("--broker-ca"),
                                                   QStringLiteral("/nonexistent.pem")}
                                    << QStringLiteral("cannot be read");
        QTest::newRow("empty node") << QStringList{QStringLiteral("--broker"), QStringLiteral("h"),
                                                   QStringLiteral("--wall-node"), QStringLiteral(" ")}
                                    << QStringLiteral("--wall-node needs a name");
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parse(args, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void disabledWallNet()
    {
        WallNet off(std::nullopt);
        QVERIFY(!off.enabled());
        QCOMPARE(off.status(), WallNet::Status::Off);
        QCOMPARE(off.addScreen(nullptr, QStringLiteral("main")), nullptr);
        QCOMPARE(off.nodes()->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstWallNetCli)
#include "tst_wall_net_cli.moc"
