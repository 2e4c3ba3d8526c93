// SiteManager against real platforms: the demo backend (our API, Beast, in-process on 127.0.0.1) started
// as several sites. What the operator sees is checked: the sites' cameras merged into the one directory
// beside the hand-added ones, each site's state (online, user name or password refused, unreachable), a
// platform that comes back online again within 5 s, sites.json without a password, and a damaged sites.json.
// An https platform with a self-signed certificate (tests/support/http over TLS): certificate not trusted,
// with its fingerprint, until the operator trusts it.
#include "test_http_server.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/sites/site_manager.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil;
using sites::SiteManager;

namespace {

std::unique_ptr<demo::DemoBackend> startBackend(int cameras, quint16 port = 0,
                                                const QString &password = QStringLiteral("demo"))
{
    demo::DemoBackendOptions o;
    o.port = port;
    o.cameraCount = cameras;
    o.unitCount = 0;
    o.password = password;
    o.rtspBase = QUrl(QStringLiteral("rtsp://127.0.0.1:8554"));
    auto b = std::make_unique<demo::DemoBackend>(o);
    QString error;
    if (!b->start(&error)) {
        qWarning() << "demo backend:" << error;
        return nullptr;
    }
    return b;
}

// A port nothing listens on (taken and released).
quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost))
        return 0;
    return s.serverPort();
}

// Waits for the next siteSynced of `id` and returns its state's name ("Online", ...; "timeout").
QString nextSync(QSignalSpy &spy, const QString &id, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        for (qsizetype i = 0; i < spy.size(); ++i) { // other sites' signals stay for their own wait
            if (spy.at(i).at(0).toString() != id)
                continue;
            const QList<QVariant> args = spy.takeAt(i);
            return QString::fromLatin1(QMetaEnum::fromType<SiteManager::State>().valueToKey(
                int(args.at(2).value<SiteManager::State>())));
        }
        const int left = timeoutMs - int(t.elapsed());
        if (left <= 0 || !spy.wait(left))
            return QStringLiteral("timeout");
    }
}

} // namespace

class TstSiteManager : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;

    std::unique_ptr<cameras::CameraDirectory> newDirectory()
    {
        auto d =
            std::make_unique<cameras::CameraDirectory>(std::make_unique<cameras::MemoryCredentialStore>());
        d->load();
        return d;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config.path().toUtf8());
        qRegisterMetaType<SiteManager::State>();
    }

    void init()
    {
        for (const QString &name : QDir(m_config.path()).entryList({QStringLiteral("sites.json*")}))
            QVERIFY(QFile::remove(m_config.filePath(name)));
    }

    void twoSitesMergeIntoOneDirectory()
    {
        auto county = startBackend(9);
        auto town = startBackend(4);
        QVERIFY(county && town);
        auto dir = newDirectory();
        // A camera added by hand stays first and untouched.
        QVERIFY(!dir->addRtspCamera(QStringLiteral("Gate"), QString(), QStringLiteral("rtsp://10.0.0.5/ch1"),
                                    QString(), QString(), QString())
                     .isEmpty());
        SiteManager sites(dir.get());
        sites.setChinese(false);
        sites.load();
        sites.start();
        QSignalSpy synced(&sites, &SiteManager::siteSynced);

        const QString a =
            sites.addSite(QStringLiteral("County"), QStringLiteral("ours"), county->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        QVERIFY2(!a.isEmpty(), qPrintable(sites.lastError()));
        const QString b =
            sites.addSite(QStringLiteral("Town"), QStringLiteral("ours"), town->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        QVERIFY(!b.isEmpty());
        QCOMPARE(nextSync(synced, a), QStringLiteral("Online"));
        QCOMPARE(nextSync(synced, b), QStringLiteral("Online"));

        QCOMPARE(dir->count(), 1 + 9 + 4);
        QCOMPARE(dir->originCount(QStringLiteral("site:") + a), 9);
        QCOMPARE(dir->originCount(QStringLiteral("site:") + b), 4);
        QCOMPARE(dir->cameras().first().name, QStringLiteral("Gate"));
        // Same platform ids on both sites, never the same directory id; groups under each site's name.
        QVERIFY(dir->camera(a + QStringLiteral(":cam01")).has_value());
        QVERIFY(dir->camera(b + QStringLiteral(":cam01")).has_value());
        QVERIFY(dir->camera(a + QStringLiteral(":cam01"))->group.startsWith(QStringLiteral("County")));
        QVERIFY(dir->camera(b + QStringLiteral(":cam01"))->group.startsWith(QStringLiteral("Town")));
        QCOMPARE(SiteManager::splitCameraId(b + QStringLiteral(":cam01")),
                 std::make_pair(b, QStringLiteral("cam01")));
        const auto stream = dir->resolve(a + QStringLiteral(":cam01"), QStringLiteral("main"));
        QVERIFY(stream.has_value());
        QCOMPARE(stream->url.port(), 8554);

        // The model says so too.
        const QModelIndex row = sites.index(0);
        QCOMPARE(row.data(SiteManager::StateNameRole).toString(), QStringLiteral("online"));
        QCOMPARE(row.data(SiteManager::CameraCountRole).toInt(), 9);
        QVERIFY(row.data(SiteManager::StatusTextRole).toString().contains(QLatin1String("9")));

        // sites.json holds both sites and no password; the store holds the password.
        QFile f(sites.configPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray json = f.readAll();
        QVERIFY(json.contains(a.toUtf8()) && json.contains(b.toUtf8()));
        QVERIFY(!json.contains("\"password\""));
        QCOMPARE(dir->secret(QStringLiteral("site:") + a), std::optional<QString>(QStringLiteral("demo")));

        // A second manager (a restart) reads the file and reconnects with the stored password.
        auto dir2 = newDirectory();
        QVERIFY(dir2->setSecret(QStringLiteral("site:") + a, QStringLiteral("demo")));
        QVERIFY(dir2->setSecret(QStringLiteral("site:") + b, QStringLiteral("demo")));
        SiteManager again(dir2.get());
        QSignalSpy synced2(&again, &SiteManager::siteSynced);
        QVERIFY(again.load());
        QCOMPARE(again.count(), 2);
        again.start();
        QCOMPARE(nextSync(synced2, a), QStringLiteral("Online"));
        QCOMPARE(nextSync(synced2, b), QStringLiteral("Online"));
        QCOMPARE(dir2->count(), 9 + 4 + 1); // the hand-added camera is in cameras.json

        // Removing a site takes its cameras and its password away, nothing else.
        QVERIFY(sites.removeSite(a));
        QCOMPARE(dir->count(), 1 + 4);
        QVERIFY(!dir->secret(QStringLiteral("site:") + a).has_value());
        QCOMPARE(sites.count(), 1);
    }

    void wrongPasswordIsNotRetried()
    {
        auto platform = startBackend(3, 0, QStringLiteral("right"));
        QVERIFY(platform);
        auto dir = newDirectory();
        SiteManager sites(dir.get());
        sites.setRetryDelays(20, 40); // a retry, if there were one, would come at once
        sites.load();
        sites.start();
        QSignalSpy synced(&sites, &SiteManager::siteSynced);
        const QString wrong =
            sites.addSite(QStringLiteral("Wrong"), QStringLiteral("ours"), platform->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("not-it"));
        QCOMPARE(nextSync(synced, wrong), QStringLiteral("AuthFailed"));
        const QString text = sites.statusText(wrong);
        QVERIFY(!text.contains(QLatin1String("not-it")));
        QVERIFY2(text.contains(QLatin1String("edit the site")), qPrintable(text));

        // Marker: a second site read after the refusal; the refused site must not have been read again.
        const QString right =
            sites.addSite(QStringLiteral("Right"), QStringLiteral("ours"), platform->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("right"));
        QCOMPARE(nextSync(synced, right), QStringLiteral("Online"));
        QVERIFY(sites.state(wrong) == SiteManager::State::AuthFailed);
        QVERIFY(synced.isEmpty());

        // The operator corrects the password: online.
        QVERIFY(sites.updateSite(wrong, QStringLiteral("Wrong"), QStringLiteral("ours"),
                                 platform->baseUrl().toString(), QStringLiteral("demo"),
                                 QStringLiteral("right")));
        QCOMPARE(nextSync(synced, wrong), QStringLiteral("Online"));
        QCOMPARE(dir->originCount(QStringLiteral("site:") + wrong), 3);
    }

    void platformThatComesBackIsOnlineWithinFiveSeconds()
    {
        const quint16 port = freePort();
        QVERIFY(port != 0);
        auto dir = newDirectory();
        SiteManager sites(dir.get()); // the production backoff: 1 s doubling to 5 s
        sites.load();
        sites.start();
        QSignalSpy synced(&sites, &SiteManager::siteSynced);
        const QString id = sites.addSite(QStringLiteral("Down"), QStringLiteral("ours"),
                                         QStringLiteral("http://127.0.0.1:%1").arg(port),
                                         QStringLiteral("demo"), QStringLiteral("demo"));
        QCOMPARE(nextSync(synced, id), QStringLiteral("Unreachable"));
        QVERIFY(sites.statusText(id).contains(QLatin1String("Retrying")));
        // Let the backoff grow to its ceiling (1, 2, 4, 5 s) before the platform comes back.
        QCOMPARE(nextSync(synced, id), QStringLiteral("Unreachable"));
        QCOMPARE(nextSync(synced, id), QStringLiteral("Unreachable"));

        auto platform = startBackend(5, port);
        QVERIFY(platform);
        QElapsedTimer back;
        back.start();
        QString s;
        do {
            s = nextSync(synced, id, 8000);
        } while (s == QStringLiteral("Unreachable"));
        QCOMPARE(s, QStringLiteral("Online"));
        qInfo("platform back -> site online in %lld ms", qint64(back.elapsed()));
        QVERIFY(back.elapsed() <= 5000 + 1000); // the 5 s ceiling plus the read itself (loaded machine)
        QCOMPARE(dir->originCount(QStringLiteral("site:") + id), 5);
        const QString someCamera = id + QStringLiteral(":cam01");
        QVERIFY(dir->isAvailable(someCamera));

        // It goes away again: the site says so and its cameras stay listed, greyed (not available).
        platform->stop();
        sites.refresh(id);
        QCOMPARE(nextSync(synced, id), QStringLiteral("Unreachable"));
        QCOMPARE(dir->originCount(QStringLiteral("site:") + id), 5);
        QVERIFY(sites.statusText(id).contains(QLatin1String("stays")));
        QVERIFY(!dir->isAvailable(someCamera));
        const int row = [&] {
            for (int i = 0; i < dir->rowCount(); ++i)
                if (dir->index(i).data(cameras::CameraDirectory::IdRole).toString() == someCamera)
                    return i;
            return -1;
        }();
        QVERIFY(row >= 0);
        QCOMPARE(dir->index(row).data(cameras::CameraDirectory::AvailableRole).toBool(), false);
    }

    // A camera listed without streams (the demo platform leaves them out of every fourth generated camera)
    // gets them when a view wants to play it: the platform's live call, answered into the directory.
    void streamsAreAskedForWhenPlayed()
    {
        auto platform = startBackend(20);
        QVERIFY(platform);
        auto dir = newDirectory();
        SiteManager sites(dir.get());
        sites.load();
        sites.start();
        QSignalSpy synced(&sites, &SiteManager::siteSynced);
        const QString id =
            sites.addSite(QStringLiteral("County"), QStringLiteral("ours"), platform->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        QCOMPARE(nextSync(synced, id), QStringLiteral("Online"));
        QString bare;
        for (const cameras::Camera &c : dir->cameras()) {
            if (c.origin == QStringLiteral("site:") + id && c.streams.isEmpty())
                bare = c.id;
        }
        QVERIFY2(!bare.isEmpty(), "the demo platform lists a camera without streams");
        QVERIFY(!dir->resolve(bare, QStringLiteral("sub")).has_value());

        QSignalSpy changed(dir.get(), &QAbstractItemModel::dataChanged);
        dir->requestStreams(bare);
        QTRY_VERIFY_WITH_TIMEOUT(!dir->camera(bare)->streams.isEmpty(), 10000);
        QVERIFY(!changed.isEmpty());
        const auto stream = dir->resolve(bare, QStringLiteral("sub"));
        QVERIFY(stream.has_value());
        QCOMPARE(stream->url.scheme(), QStringLiteral("rtsp"));
        QCOMPARE(stream->url.port(), 8554);
        QCOMPARE(stream->role, QStringLiteral("sub"));
    }

    // Playback of a site camera: the platform's recordings, each with a URL the recorded engine opens; a
    // platform that keeps none says so.
    void recordingsComeFromThePlatform()
    {
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
        demo::DemoBackendOptions o;
        o.cameraCount = 3;
        o.unitCount = 0;
        o.recordingRoot = m_config.path();
        o.recordings = [t0](const QString &camera, qint64 from, qint64 to) {
            QList<demo::DemoRecording> out;
            for (int i = 0; i < 4; ++i) {
                const qint64 start = t0 + i * 600000;
                if (start + 600000 > from && start < to && camera == QLatin1String("cam02"))
                    out.append({start, start + 600000, QStringLiteral("seg%1.mp4").arg(i), 1000});
            }
            return out;
        };
        demo::DemoBackend platform(o);
        QString error;
        QVERIFY2(platform.start(&error), qPrintable(error));
        auto bare = startBackend(3); // keeps no recordings
        QVERIFY(bare);

        auto dir = newDirectory();
        SiteManager sites(dir.get());
        sites.load();
        const QString a =
            sites.addSite(QStringLiteral("A"), QStringLiteral("ours"), platform.baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        const QString b =
            sites.addSite(QStringLiteral("B"), QStringLiteral("ours"), bare->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        QVERIFY(sites.isSiteCamera(a + QStringLiteral(":cam02")));
        QVERIFY(!sites.isSiteCamera(QStringLiteral("cam02")));
        QVERIFY(!sites.isSiteCamera(QStringLiteral("s-gone:cam02")));

        QList<backend::RecordingSegment> got;
        QString gotError = QStringLiteral("not called");
        sites.recordings(a + QStringLiteral(":cam02"), QDateTime::fromMSecsSinceEpoch(t0 + 300000, Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(t0 + 1500000, Qt::UTC),
                         [&](const QList<backend::RecordingSegment> &s, const QString &e) {
                             got = s;
                             gotError = e;
                         });
        QTRY_VERIFY_WITH_TIMEOUT(gotError != QLatin1String("not called"), 10000);
        QVERIFY2(gotError.isEmpty(), qPrintable(gotError));
        QCOMPARE(got.size(), 3); // segments 0, 1, 2 overlap [t0+5 min, t0+25 min]
        QCOMPARE(got.first().start.toMSecsSinceEpoch(), t0);
        QVERIFY(got.first().url.toString().contains(QLatin1String("seg0.mp4")));
        QCOMPARE(got.first().url.port(), platform.port());

        gotError = QStringLiteral("not called");
        sites.recordings(b + QStringLiteral(":cam02"), QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(t0 + 600000, Qt::UTC),
                         [&](const QList<backend::RecordingSegment> &s, const QString &e) {
                             got = s;
                             gotError = e;
                         });
        QTRY_VERIFY_WITH_TIMEOUT(gotError != QLatin1String("not called"), 10000);
        QVERIFY(got.isEmpty());
        QVERIFY2(gotError.contains(QLatin1String("recordings")), qPrintable(gotError));
    }

    void badInputIsRefusedClearly()
    {
        auto dir = newDirectory();
        SiteManager sites(dir.get());
        sites.load();
        QVERIFY(sites
                    .addSite(QStringLiteral("X"), QStringLiteral("nosuch"), QStringLiteral("http://h:1"),
                             QString(), QString())
                    .isEmpty());
        QVERIFY(!sites.lastError().isEmpty());
        QVERIFY(sites
                    .addSite(QStringLiteral("X"), QStringLiteral("ours"), QStringLiteral("ftp://h"),
                             QString(), QString())
                    .isEmpty());
        QVERIFY(sites
                    .addSite(QStringLiteral("X"), QStringLiteral("ours"),
                             QStringLiteral("http://u:secret@h:1"), QString(), QString())
                    .isEmpty());
        QVERIFY(!sites.lastError().contains(QLatin1String("secret")));
        QCOMPARE(sites.count(), 0);

        // A damaged sites.json: nothing crashes, the reason is said, the file is kept aside.
        QFile f(sites.configPath());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"version\": 1, \"sites\": [ {\"id\": ");
        f.close();
        SiteManager damaged(dir.get());
        QVERIFY(!damaged.load());
        QVERIFY(!damaged.loadError().isEmpty());
        QCOMPARE(damaged.count(), 0);
    }

    // An https platform with a self-signed certificate: refused with its fingerprint (the one openssl
    // reports), trusted by the operator -> online; the pin is kept in sites.json and survives a restart; a
    // new address forgets it.
    void certificateNotTrustedThenTrusted()
    {
        test::TestCertificate cert;
        QString error;
        if (!test::TestCertificate::make(QStringLiteral("127.0.0.1"), &cert, &error)) {
            if (test::TestCertificate::opensslMissingIsFatal())
                QFAIL(qPrintable(QStringLiteral("no test certificate: ") + error));
            QSKIP(
                qPrintable(QStringLiteral("the openssl command is needed for a test certificate: ") + error));
        }
        test::TestHttpServer server; // a ZLMediaKit relay over HTTPS (answers shaped as in tst_zlm_client)
        QVERIFY(server.startTls(cert));
        server.route(
            "GET", QStringLiteral("/index/api/getServerConfig"), [](const test::HttpRequestRecord &) {
                return test::HttpReply::json(R"({"code":0,"data":[{"rtsp.port":"554","http.port":"80"}]})");
            });
        server.route("GET", QStringLiteral("/index/api/getMediaList"), [](const test::HttpRequestRecord &) {
            return test::HttpReply::json(R"({"code":0,"data":[
 {"app":"live","stream":"gate1","schema":"rtsp","vhost":"__defaultVhost__","originType":4,"tracks":[]},
 {"app":"live","stream":"gate2","schema":"rtsp","vhost":"__defaultVhost__","originType":4,"tracks":[]}]})");
        });

        auto dir = newDirectory();
        QString id;
        {
            SiteManager sites(dir.get());
            sites.setChinese(false);
            sites.load();
            sites.start();
            QSignalSpy synced(&sites, &SiteManager::siteSynced);
            id = sites.addSite(QStringLiteral("Relay"), QStringLiteral("zlm"), server.url().toString(),
                               QString(), QStringLiteral("zlm-secret"));
            QVERIFY2(!id.isEmpty(), qPrintable(sites.lastError()));
            QCOMPARE(nextSync(synced, id), QStringLiteral("CertificateNotTrusted"));
            QCOMPARE(sites.presentedCertificate(id), cert.sha256);
            const QModelIndex row = sites.index(0);
            QCOMPARE(sites.data(row, SiteManager::StateNameRole).toString(),
                     QStringLiteral("certificate-not-trusted"));
            QCOMPARE(sites.data(row, SiteManager::PresentedCertTextRole).toString(),
                     cert.opensslText.toUpper());
            const QString status = sites.data(row, SiteManager::StatusTextRole).toString();
            QVERIFY2(status.contains(cert.opensslText.toUpper()) &&
                         !status.contains(QLatin1String("zlm-secret")),
                     qPrintable(status));
            QCOMPARE(server.requestCount(), 0);

            QVERIFY(!sites.trustCertificate(id, QStringLiteral("not a fingerprint")));
            QVERIFY(!sites.lastError().isEmpty());
            QVERIFY(sites.trustCertificate(id, sites.data(row, SiteManager::PresentedCertRole).toString()));
            synced.clear(); // the reconnect's answer is posted later than this
            QCOMPARE(nextSync(synced, id), QStringLiteral("Online"));
            QCOMPARE(dir->originCount(QStringLiteral("site:") + id), 2);
            QVERIFY(sites.presentedCertificate(id).isEmpty());
            QCOMPARE(sites.data(row, SiteManager::TrustedCertTextRole).toString(),
                     cert.opensslText.toUpper());
            QCOMPARE(sites.sites().first().trustedCertSha256, cert.sha256);
        }
        QFile f(m_config.filePath(QStringLiteral("sites.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray json = f.readAll();
        QVERIFY2(json.contains(cert.sha256.toLatin1()) && !json.contains("zlm-secret"), json.constData());

        // A restart: trusted from the start.
        SiteManager again(dir.get());
        again.setChinese(false);
        QSignalSpy synced(&again, &SiteManager::siteSynced);
        again.load();
        again.start();
        QCOMPARE(nextSync(synced, id), QStringLiteral("Online"));

        // Another address (the same server by name): the trust given to the old one is gone.
        QUrl moved = server.url();
        moved.setHost(QStringLiteral("localhost"));
        QVERIFY(again.updateSite(id, QStringLiteral("Relay"), QStringLiteral("zlm"), moved.toString(),
                                 QString(), QString()));
        QVERIFY(again.sites().first().trustedCertSha256.isEmpty());
        synced.clear();
        QCOMPARE(nextSync(synced, id), QStringLiteral("CertificateNotTrusted"));
        QCOMPARE(again.presentedCertificate(id), cert.sha256);
    }
};

QTEST_GUILESS_MAIN(TstSiteManager)
#include "tst_site_manager.moc"
