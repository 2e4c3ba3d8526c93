// CameraDirectory: cameras.json round trip and recovery, credentials kept out of it (0600 store),
// addRtspCamera validation, resolve() fallback, and model behaviour (fine-grained signals,
// QAbstractItemModelTester).
#include "vigil/cameras/camera_directory.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtQml/QJSEngine>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <sys/stat.h>

#include <memory>

using namespace vigil::cameras;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

unsigned modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 0777;
}

Camera demoCamera(const QString &id, const QString &name)
{
    Camera c;
    c.id = id;
    c.name = name;
    c.group = QStringLiteral("Demo county");
    c.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://127.0.0.1:8554/%1/main").arg(id)),
                  QSize(1280, 720), 25, QStringLiteral("h264")},
                 {QStringLiteral("sub"), QUrl(QStringLiteral("rtsp://127.0.0.1:8554/%1/sub").arg(id)),
                  QSize(640, 360), 25, QStringLiteral("h264")}};
    c.position = CameraPosition{51.5, -0.12, 45, 60};
    return c;
}
} // namespace

class TestCameraDirectory : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &leaf) const { return QDir(m_dir->path()).filePath(leaf); }
    QStringList corruptCopies(const QString &leaf) const
    {
        return QDir(m_dir->path()).entryList({leaf + QStringLiteral(".corrupt-*")}, QDir::Files);
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qputenv("VIGIL_CONFIG_DIR", QFile::encodeName(m_dir->path()));
    }

    void emptyStart()
    {
        CameraDirectory dir;
        QAbstractItemModelTester tester(&dir, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(dir.load());
        QCOMPARE(dir.count(), 0);
        QVERIFY(dir.loadError().isEmpty());
        QCOMPARE(dir.configPath(), path(QStringLiteral("cameras.json")));
    }

    void addRtspCamera_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mainUrl");
        QTest::addColumn<QString>("subUrl");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("expectUser");
        QTest::addColumn<QString>("expectPassword");
        QTest::addColumn<QString>("expectMain");

        QTest::newRow("plain") << "Gate"
                               << "rtsp://10.0.0.5:554/ch1"
                               << ""
                               << ""
                               << "" << true << ""
                               << ""
                               << "rtsp://10.0.0.5:554/ch1";
        QTest::newRow("fields") << "Gate"
                                << "rtsp://10.0.0.5/ch1"
                                << "rtsp://10.0.0.5/ch2"
                                << "op"
                                << "pw" << true << "op"
                                << "pw"
                                << "rtsp://10.0.0.5/ch1";
        QTest::newRow("credentials in url moved out") << "Gate"
                                                      << "rtsp://admin:s3cret@10.0.0.5:554/ch1"
                                                      << ""
                                                      << ""
                                                      << "" << true << "admin"
                                                      << "s3cret"
                                                      << "rtsp://10.0.0.5:554/ch1";
        QTest::newRow("percent-encoded password") << "Gate"
                                                  << "rtsp://admin:p%40ss%3Aw@cam.local/live"
                                                  << ""
                                                  << ""
                                                  << "" << true << "admin"
                                                  << "p@ss:w"
                                                  << "rtsp://cam.local/live";
        QTest::newRow("credentials only in sub url") << "Gate"
                                                     << "rtsp://10.0.0.5/ch1"
                                                     << "rtsp://u:pw-sub@10.0.0.5/ch2"
                                                     << ""
                                                     << "" << true << "u"
                                                     << "pw-sub"
                                                     << "rtsp://10.0.0.5/ch1";
        QTest::newRow("explicit fields win") << "Gate"
                                             << "rtsp://admin:urlpw@10.0.0.5/ch1"
                                             << ""
                                             << "op"
                                             << "pw" << true << "op"
                                             << "pw"
                                             << "rtsp://10.0.0.5/ch1";
        QTest::newRow("rtsps, upper-case scheme, padded") << "  Gate  "
                                                          << "  RTSPS://10.0.0.5:322/ch1 "
                                                          << ""
                                                          << ""
                                                          << "" << true << ""
                                                          << ""
                                                          << "rtsps://10.0.0.5:322/ch1";
        QTest::newRow("empty name") << "   "
                                    << "rtsp://10.0.0.5/ch1"
                                    << ""
                                    << ""
                                    << "" << false << ""
                                    << ""
                                    << "";
        QTest::newRow("http scheme") << "Gate"
                                     << "http://10.0.0.5/ch1"
                                     << ""
                                     << ""
                                     << "" << false << ""
                                     << ""
                                     << "";
        QTest::newRow("no scheme") << "Gate"
                                   << "10.0.0.5/ch1"
                                   << ""
                                   << ""
                                   << "" << false << ""
                                   << ""
                                   << "";
        QTest::newRow("no host") << "Gate"
                                 << "rtsp:///ch1"
                                 << ""
                                 << ""
                                 << "" << false << ""
                                 << ""
                                 << "";
        QTest::newRow("empty main") << "Gate"
                                    << ""
                                    << "rtsp://10.0.0.5/ch2"
                                    << ""
                                    << "" << false << ""
                                    << ""
                                    << "";
        QTest::newRow("bad sub") << "Gate"
                                 << "rtsp://10.0.0.5/ch1"
                                 << "ftp://10.0.0.5/ch2"
                                 << ""
                                 << "" << false << ""
                                 << ""
                                 << "";
    }

    void addRtspCamera()
    {
        QFETCH(QString, name);
        QFETCH(QString, mainUrl);
        QFETCH(QString, subUrl);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(bool, ok);
        QFETCH(QString, expectUser);
        QFETCH(QString, expectPassword);
        QFETCH(QString, expectMain);

        CameraDirectory dir;
        QAbstractItemModelTester tester(&dir, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(dir.load());
        QSignalSpy inserted(&dir, &QAbstractItemModel::rowsInserted);
        QSignalSpy countSpy(&dir, &CameraDirectory::countChanged);
        const QString id = dir.addRtspCamera(name, QStringLiteral("Depot"), mainUrl, subUrl, user, password);
        if (!ok) {
            QVERIFY(id.isEmpty());
            QVERIFY2(!dir.lastError().isEmpty(), "a rejected camera must say why");
            QCOMPARE(dir.count(), 0);
            QCOMPARE(inserted.count(), 0);
            return;
        }
        QVERIFY2(!id.isEmpty(), qPrintable(dir.lastError()));
        QVERIFY(dir.lastError().isEmpty());
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(countSpy.count(), 1);
        QCOMPARE(dir.nameOf(id), name.trimmed());
        const auto cam = dir.camera(id);
        QVERIFY(cam);
        QCOMPARE(cam->user, expectUser);
        QCOMPARE(cam->streams.first().url.toString(), expectMain);
        QVERIFY(cam->streams.first().url.userInfo().isEmpty());
        QCOMPARE(cam->streams.size(), subUrl.isEmpty() ? 1 : 2);
        const auto main = dir.resolve(id, QStringLiteral("main"));
        QVERIFY(main);
        QCOMPARE(main->user, expectUser);
        QCOMPARE(main->password, expectPassword);
        QCOMPARE(main->url.toString(), expectMain);

        const QByteArray json = readAll(dir.configPath());
        QVERIFY(json.contains(id.toUtf8()));
        if (!expectPassword.isEmpty()) {
            QVERIFY2(!json.contains(expectPassword.toUtf8()), "a password leaked into cameras.json");
            QVERIFY(!json.contains("urlpw"));
        }
    }

    void passwordsStayOutOfCamerasJson()
    {
        const QString secret = QStringLiteral("Tr0ub4dor&3");
        {
            CameraDirectory dir;
            QVERIFY(dir.load());
            QVERIFY(!dir.addRtspCamera(QStringLiteral("A"), {}, QStringLiteral("rtsp://10.0.0.1/a"), {},
                                       QStringLiteral("admin"), secret)
                         .isEmpty());
            // A second change makes writeFileAtomically produce .bak files too.
            QVERIFY(!dir.addRtspCamera(QStringLiteral("B"), {},
                                       QStringLiteral("rtsp://admin:%1@10.0.0.2/b").arg(secret), {}, {}, {})
                         .isEmpty());
        }
        for (const QString &leaf : QDir(m_dir->path()).entryList(QDir::Files)) {
            if (leaf.startsWith(QStringLiteral("cameras.json")))
                QVERIFY2(!readAll(path(leaf)).contains(secret.toUtf8()), qPrintable(leaf));
        }
        const QString creds = path(QStringLiteral("credentials.json"));
        QVERIFY(readAll(creds).contains(secret.toUtf8()));
        QCOMPARE(modeOf(creds), 0600u);
        QVERIFY(QFile::exists(creds + QStringLiteral(".bak")));
        QCOMPARE(modeOf(creds + QStringLiteral(".bak")), 0600u);

        // A restart reads the secret back from the store.
        CameraDirectory again;
        QVERIFY(again.load());
        QCOMPARE(again.count(), 2);
        const auto resolved = again.resolve(again.cameras().at(1).id, QStringLiteral("main"));
        QVERIFY(resolved);
        QCOMPARE(resolved->user, QStringLiteral("admin"));
        QCOMPARE(resolved->password, secret);
    }

    void roundTrip()
    {
        Camera full = demoCamera(QStringLiteral("cam-full"), QStringLiteral("Full"));
        full.origin = QStringLiteral("config");
        full.user = QStringLiteral("viewer");
        full.credentialRef = QStringLiteral("cam-full");
        Camera bare;
        bare.id = QStringLiteral("cam-bare");
        bare.name = QStringLiteral("Bare");
        bare.streams = {{QStringLiteral("main"), QUrl(QStringLiteral("rtsp://10.1.1.1/x")), {}, 0, {}}};
        {
            CameraDirectory dir;
            QVERIFY(dir.load());
            dir.setDemoCameras({demoCamera(QStringLiteral("demo-1"), QStringLiteral("Demo 1"))});
            QVERIFY(dir.addCamera(full));
            QVERIFY(dir.addCamera(bare));
            QCOMPARE(dir.count(), 3);
            // Config cameras come first, demo cameras after them.
            QCOMPARE(dir.data(dir.index(2), CameraDirectory::OriginRole).toString(), QStringLiteral("demo"));
        }
        const QJsonObject root =
            QJsonDocument::fromJson(readAll(path(QStringLiteral("cameras.json")))).object();
        QCOMPARE(root.value(u"version").toInt(), 1);
        QCOMPARE(root.value(u"cameras").toArray().size(), 2); // the demo camera is not saved

        CameraDirectory dir;
        QVERIFY(dir.load());
        QVERIFY(dir.loadError().isEmpty());
        QCOMPARE(dir.cameras(), (QList<Camera>{full, bare}));
        QCOMPARE(dir.groups(), QStringList{QStringLiteral("Demo county")});
    }

    void corruptFileUsesBackup()
    {
        {
            CameraDirectory dir;
            QVERIFY(dir.load());
            QVERIFY(
                !dir.addRtspCamera(QStringLiteral("A"), {}, QStringLiteral("rtsp://10.0.0.1/a"), {}, {}, {})
                     .isEmpty());
            QVERIFY(
                !dir.addRtspCamera(QStringLiteral("B"), {}, QStringLiteral("rtsp://10.0.0.2/b"), {}, {}, {})
                     .isEmpty());
        }
        const QString file = path(QStringLiteral("cameras.json"));
        const QByteArray garbage = "{\"version\": 1, \"cameras\": [ {\"id\": \"x\", \"na";
        writeAll(file, garbage);

        CameraDirectory dir;
        QAbstractItemModelTester tester(&dir, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loadErrorSpy(&dir, &CameraDirectory::loadErrorChanged);
        QVERIFY(!dir.load());
        QCOMPARE(loadErrorSpy.count(), 1);
        QCOMPARE(dir.count(), 1); // the backup holds the list as it was before B was added
        QCOMPARE(dir.cameras().first().name, QStringLiteral("A"));
        const QStringList kept = corruptCopies(QStringLiteral("cameras.json"));
        QCOMPARE(kept.size(), 1);
        QCOMPARE(readAll(path(kept.first())), garbage);
        QVERIFY2(dir.loadError().contains(kept.first()), qPrintable(dir.loadError()));
        QVERIFY(dir.loadError().contains(QStringLiteral("backup")));

        // Saving again must not push the damaged bytes into the backup.
        QVERIFY(!dir.addRtspCamera(QStringLiteral("C"), {}, QStringLiteral("rtsp://10.0.0.3/c"), {}, {}, {})
                     .isEmpty());
        QVERIFY(QJsonDocument::fromJson(readAll(file + QStringLiteral(".bak"))).isObject());
        CameraDirectory after;
        QVERIFY(after.load());
        QCOMPARE(after.count(), 2);
    }

    void corruptFileWithoutBackup_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("\x00\x01garbage", 9);
        QTest::newRow("no version") << QByteArray("{\"cameras\": []}");
        QTest::newRow("newer version") << QByteArray("{\"version\": 99, \"cameras\": []}");
        QTest::newRow("camera without id")
            << QByteArray("{\"version\": 1, \"cameras\": [{\"name\": \"x\", \"streams\": []}]}");
        QTest::newRow("duplicate ids")
            << QByteArray("{\"version\": 1, \"cameras\": [{\"id\": \"a\", \"name\": \"x\", \"streams\": []}, "
                          "{\"id\": \"a\", \"name\": \"y\", \"streams\": []}]}");
        QTest::newRow("stream without url")
            << QByteArray("{\"version\": 1, \"cameras\": [{\"id\": \"a\", \"name\": \"x\", \"streams\": "
                          "[{\"role\": \"main\"}]}]}");
    }

    void corruptFileWithoutBackup()
    {
        QFETCH(QByteArray, content);
        writeAll(path(QStringLiteral("cameras.json")), content);
        CameraDirectory dir;
        QVERIFY(!dir.load());
        QCOMPARE(dir.count(), 0);
        QVERIFY(!dir.loadError().isEmpty());
        const QStringList kept = corruptCopies(QStringLiteral("cameras.json"));
        QCOMPARE(kept.size(), 1);
        QCOMPARE(readAll(path(kept.first())), content);
        QVERIFY(dir.loadError().contains(kept.first()));
    }

    void handEditedPasswordIsMigrated()
    {
        writeAll(path(QStringLiteral("cameras.json")),
                 "{\"version\": 1, \"cameras\": [{\"id\": \"c1\", \"name\": \"Hand\", \"streams\": [ "
                 "{\"role\": \"main\", \"url\": \"rtsp://admin:hunter2@10.0.0.9/main\"}]}]}");
        CameraDirectory dir;
        QVERIFY(dir.load());
        const auto r = dir.resolve(QStringLiteral("c1"), QStringLiteral("main"));
        QVERIFY(r);
        QCOMPARE(r->user, QStringLiteral("admin"));
        QCOMPARE(r->password, QStringLiteral("hunter2"));
        QCOMPARE(r->url, QUrl(QStringLiteral("rtsp://10.0.0.9/main")));
        QVERIFY(!readAll(path(QStringLiteral("cameras.json"))).contains("hunter2"));
        QCOMPARE(modeOf(path(QStringLiteral("credentials.json"))), 0600u);
    }

    void resolveFallback_data()
    {
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<QString>("asked");
        QTest::addColumn<QString>("expected");
        QTest::newRow("main exact") << QStringList{"main", "sub"} << "main"
                                    << "main";
        QTest::newRow("sub exact") << QStringList{"main", "sub"} << "sub"
                                   << "sub";
        QTest::newRow("sub missing -> main") << QStringList{"main"} << "sub"
                                             << "main";
        QTest::newRow("main missing -> sub") << QStringList{"sub"} << "main"
                                             << "sub";
        QTest::newRow("other role exact") << QStringList{"main", "third"} << "third"
                                          << "third";
        QTest::newRow("unknown role -> main") << QStringList{"sub", "main"} << "mobile"
                                              << "main";
        QTest::newRow("only odd role") << QStringList{"third"} << "main"
                                       << "third";
    }

    void resolveFallback()
    {
        QFETCH(QStringList, roles);
        QFETCH(QString, asked);
        QFETCH(QString, expected);
        Camera c;
        c.id = QStringLiteral("c");
        c.name = QStringLiteral("C");
        for (const QString &role : roles)
            c.streams.append({role, QUrl(QStringLiteral("rtsp://h/") + role), QSize(10, 10), 0, {}});
        CameraDirectory dir(std::make_unique<MemoryCredentialStore>());
        dir.setDemoCameras({c});
        const auto r = dir.resolve(QStringLiteral("c"), asked);
        QVERIFY(r);
        QCOMPARE(r->role, expected);
        QCOMPARE(r->url, QUrl(QStringLiteral("rtsp://h/") + expected));
        QVERIFY(!dir.resolve(QStringLiteral("nope"), asked));
    }

    void removeCamera()
    {
        CameraDirectory dir;
        QAbstractItemModelTester tester(&dir, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(dir.load());
        dir.setDemoCameras({demoCamera(QStringLiteral("demo-1"), QStringLiteral("D1"))});
        const QString a = dir.addRtspCamera(QStringLiteral("A"), QStringLiteral("North"),
                                            QStringLiteral("rtsp://10.0.0.1/a"), {}, QStringLiteral("u"),
                                            QStringLiteral("pw-a"));
        const QString b = dir.addRtspCamera(QStringLiteral("B"), QStringLiteral("South"),
                                            QStringLiteral("rtsp://10.0.0.2/b"), {}, {}, {});
        QCOMPARE(dir.groups(), (QStringList{"Demo county", "North", "South"}));

        QSignalSpy removed(&dir, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&dir, &QAbstractItemModel::modelReset);
        QSignalSpy cameraRemoved(&dir, &CameraDirectory::cameraRemoved);
        QSignalSpy groupsSpy(&dir, &CameraDirectory::groupsChanged);
        QVERIFY(dir.removeCamera(a));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(cameraRemoved.count(), 1);
        QCOMPARE(cameraRemoved.first().first().toString(), a);
        QCOMPARE(groupsSpy.count(), 1);
        QVERIFY(!dir.camera(a));
        QVERIFY(!dir.credentials()->password(a));
        QVERIFY(!readAll(path(QStringLiteral("credentials.json"))).contains("pw-a"));
        QVERIFY(!readAll(dir.configPath()).contains(a.toUtf8()));

        QVERIFY(!dir.removeCamera(QStringLiteral("no-such-camera")));
        QVERIFY(!dir.lastError().isEmpty());
        QVERIFY(dir.removeCamera(QStringLiteral("demo-1")));
        QVERIFY(dir.lastError().isEmpty());
        QCOMPARE(dir.count(), 1);
        QCOMPARE(dir.nameOf(b), QStringLiteral("B"));
        QCOMPARE(dir.nameOf(QStringLiteral("demo-1")), QString());
        QCOMPARE(reset.count(), 0);
    }

    void modelRolesAndDemoReplacement()
    {
        CameraDirectory dir(std::make_unique<MemoryCredentialStore>());
        QAbstractItemModelTester tester(&dir, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&dir, &QAbstractItemModel::modelReset);
        Camera noPos = demoCamera(QStringLiteral("d2"), QStringLiteral("D2"));
        noPos.position.reset();
        dir.setDemoCameras({demoCamera(QStringLiteral("d1"), QStringLiteral("D1")), noPos});
        QCOMPARE(dir.rowCount(), 2);
        const QHash<int, QByteArray> names = dir.roleNames();
        for (const char *role :
             {"cameraId", "name", "group", "streamCount", "hasPosition", "latitude", "longitude", "origin"})
            QVERIFY2(names.values().contains(role), role);
        const QModelIndex i0 = dir.index(0);
        QCOMPARE(i0.data(CameraDirectory::IdRole).toString(), QStringLiteral("d1"));
        QCOMPARE(i0.data(CameraDirectory::NameRole).toString(), QStringLiteral("D1"));
        QCOMPARE(i0.data(CameraDirectory::StreamCountRole).toInt(), 2);
        QCOMPARE(i0.data(CameraDirectory::HasPositionRole).toBool(), true);
        QCOMPARE(i0.data(CameraDirectory::LatitudeRole).toDouble(), 51.5);
        QCOMPARE(i0.data(CameraDirectory::OriginRole).toString(), QStringLiteral("demo"));
        QCOMPARE(dir.index(1).data(CameraDirectory::HasPositionRole).toBool(), false);
        QVERIFY(qIsNaN(dir.index(1).data(CameraDirectory::LongitudeRole).toDouble()));

        // Demo credentials in URLs are stripped too.
        Camera leaky = demoCamera(QStringLiteral("d3"), QStringLiteral("D3"));
        leaky.streams[0].url = QUrl(QStringLiteral("rtsp://a:b@127.0.0.1/x"));
        dir.setDemoCameras({leaky});
        QCOMPARE(dir.rowCount(), 1);
        QVERIFY(dir.camera(QStringLiteral("d3"))->streams[0].url.userInfo().isEmpty());
        QCOMPARE(reset.count(), 0);
        QVERIFY(dir.save());
        QCOMPARE(
            QJsonDocument::fromJson(readAll(dir.configPath())).object().value(u"cameras").toArray().size(),
            0);
    }

    void qmlSingleton()
    {
        QVERIFY(!CameraDirectory::instance());
        CameraDirectory dir(std::make_unique<MemoryCredentialStore>());
        CameraDirectory::setInstance(&dir);
        QJSEngine engine;
        QCOMPARE(CameraDirectory::create(nullptr, &engine), &dir);
        QCOMPARE(QJSEngine::objectOwnership(&dir), QJSEngine::CppOwnership);
        CameraDirectory::setInstance(nullptr);
        QVERIFY(!CameraDirectory::instance());
    }
};

QTEST_GUILESS_MAIN(TestCameraDirectory)
#include "tst_camera_directory.moc"
