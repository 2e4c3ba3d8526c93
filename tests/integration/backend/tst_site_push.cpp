// The push channels of configured sites (SiteManager -> SitePush -> OursPush) against real platforms: the
// demo backend (our API, Beast, in-process on 127.0.0.1, its alarms raised on demand or every 150 ms as
// VIGIL_DEMO_ALARM_INTERVAL_MS does for the process). Checked as the operator sees it: a configured site's
// patrol units reach the map's units model and its alarm the alarm flow (a real SQLite alarms.db), the
// acknowledgement reaches that platform; turning the site off stops its push and takes its units off the map;
// two sites' units never collide; a ZLMediaKit site says it has no push. Pending acknowledgements: a loopback
// server (tests/support/http) that refuses the acknowledgement (503), then accepts it — the acknowledgement
// is kept in alarms.db across a restart and sent once the platform takes it. A wss server whose certificate
// is refused: the failure carries the certificate's SHA-256, as https does.
#include "test_http_server.h"
#include "vigil/alarms/alarm_center.h"
#include "vigil/alarms/alarm_database.h"
#include "vigil/alarms/platform_alarms.h"
#include "vigil/backend/ours_push.h"
#include "vigil/cameras/camera_directory.h"
#include "vigil/demo/demo_backend.h"
#include "vigil/map/units_model.h"
#include "vigil/network/http_client.h"
#include "vigil/network/websocket_client.h"
#include "vigil/sites/site_manager.h"
#include "vigil/sites/site_push.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

#include <atomic>

using namespace vigil;
using sites::SiteManager;

namespace {

std::unique_ptr<demo::DemoBackend> startBackend(int units, int alarmIntervalMs = 0)
{
    demo::DemoBackendOptions o;
    o.cameraCount = 4;
    o.unitCount = units;
    o.unitIntervalMs = 200;
    o.alarmIntervalMs = alarmIntervalMs;
    o.rtspBase = QUrl(QStringLiteral("rtsp://127.0.0.1:8554"));
    auto b = std::make_unique<demo::DemoBackend>(o);
    QString error;
    if (!b->start(&error)) {
        qWarning() << "demo backend:" << error;
        return nullptr;
    }
    return b;
}

QVariant role(const SiteManager &sites, const QString &id, SiteManager::Role r)
{
    for (int row = 0; row < sites.rowCount(); ++row) {
        const QModelIndex i = sites.index(row);
        if (sites.data(i, SiteManager::IdRole).toString() == id)
            return sites.data(i, r);
    }
    return {};
}

QStringList unitIds(const map::UnitsModel &units)
{
    QStringList out;
    for (const map::PatrolUnit &u : units.units())
        out << u.id;
    return out;
}

bool makeCertificate(test::TestCertificate *cert)
{
    QString error;
    if (test::TestCertificate::make(QStringLiteral("127.0.0.1"), cert, &error))
        return true;
    if (test::TestCertificate::opensslMissingIsFatal())
        qFatal("no test certificate: %s", qPrintable(error));
    qWarning("the openssl command is needed for a test certificate: %s", qPrintable(error));
    return false;
}

} // namespace

class TstSitePush : public QObject
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
    }

    void init()
    {
        for (const QString &name : QDir(m_config.path()).entryList({QStringLiteral("sites.json*")}))
            QVERIFY(QFile::remove(m_config.filePath(name)));
    }

    // A configured site's units and alarms through its push; the acknowledgement reaches that platform;
    // turned off, its push stops and its units leave the map.
    void siteUnitsAndAlarmsThroughPush()
    {
        auto platform = startBackend(3);
        QVERIFY(platform);
        QTemporaryDir dir;
        alarms::AlarmCenter center(dir.filePath(QStringLiteral("alarms.db")),
                                   dir.filePath(QStringLiteral("alarm_rules.json")));
        QTRY_VERIFY_WITH_TIMEOUT(center.store()->ready(), 5000);
        map::UnitsModel units;
        auto directory = newDirectory();
        SiteManager sites(directory.get());
        sites.setPushTargets(&units, &center);
        sites.load();
        sites.start();
        const QString id =
            sites.addSite(QStringLiteral("County"), QStringLiteral("ours"), platform->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        QVERIFY2(!id.isEmpty(), qPrintable(sites.lastError()));
        QTRY_COMPARE_WITH_TIMEOUT(sites.pushState(id), QStringLiteral("live"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(units.count(), 3, 10000);
        for (const QString &u : unitIds(units))
            QVERIFY2(u.startsWith(id + QLatin1Char(':')), qPrintable(u));
        QTRY_COMPARE_WITH_TIMEOUT(role(sites, id, SiteManager::UnitCountRole).toInt(), 3, 5000);
        QVERIFY2(role(sites, id, SiteManager::PushTextRole).toString().contains(QLatin1String("connected")),
                 qPrintable(role(sites, id, SiteManager::PushTextRole).toString()));
        QCOMPARE(role(sites, id, SiteManager::PushStateRole).toString(), QStringLiteral("live"));
        QCOMPARE(platform->pushClients(), 1);

        // An alarm on the platform: into the flow as this site's, its camera in this site's namespace.
        const QString alarmId = platform->raiseAlarm();
        QTRY_COMPARE_WITH_TIMEOUT(center.store()->count(), 1, 10000);
        const alarms::Alarm a = center.store()->alarms().first();
        QCOMPARE(a.externalId, alarmId);
        QCOMPARE(a.source, QStringLiteral("platform:") + id);
        if (!a.cameraId.isEmpty()) {
            QVERIFY2(a.cameraId.startsWith(id + QLatin1Char(':')), qPrintable(a.cameraId));
            QVERIFY2(directory->camera(a.cameraId).has_value(), qPrintable(a.cameraId));
        }
        // The acknowledgement goes back to this platform.
        QVERIFY(center.acknowledge(a.id, QStringLiteral("on my way")));
        QTRY_VERIFY_WITH_TIMEOUT(platform->isAlarmAcknowledged(alarmId), 10000);
        QCOMPARE(platform->ackRequests(), 1);

        // Turned off: the push stops (the platform sees its client go) and the units leave the map.
        QVERIFY(sites.setEnabled(id, false));
        QVERIFY(sites.push(id) == nullptr);
        QCOMPARE(sites.pushState(id), QStringLiteral("off"));
        QCOMPARE(units.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(platform->pushClients(), 0, 5000);
        // On again: back once online.
        QVERIFY(sites.setEnabled(id, true));
        QTRY_COMPARE_WITH_TIMEOUT(sites.pushState(id), QStringLiteral("live"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(units.count(), 3, 10000);
        // Removed: the same.
        QVERIFY(sites.removeSite(id));
        QCOMPARE(units.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(platform->pushClients(), 0, 5000);
    }

    // Two platforms with the same unit ids ("unit-01"...): two sets of units on the map, each under its
    // site; removing one site leaves the other's. Alarms raised every 150 ms on both arrive as two sources.
    void twoSitesUnitsDoNotCollide()
    {
        auto county = startBackend(3, 150);
        auto town = startBackend(2, 150);
        QVERIFY(county && town);
        QTemporaryDir dir;
        alarms::AlarmCenter center(dir.filePath(QStringLiteral("alarms.db")),
                                   dir.filePath(QStringLiteral("alarm_rules.json")));
        QTRY_VERIFY_WITH_TIMEOUT(center.store()->ready(), 5000);
        map::UnitsModel units;
        auto directory = newDirectory();
        SiteManager sites(directory.get());
        sites.setPushTargets(&units, &center);
        sites.load();
        sites.start();
        const QString a =
            sites.addSite(QStringLiteral("County"), QStringLiteral("ours"), county->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        const QString b =
            sites.addSite(QStringLiteral("Town"), QStringLiteral("ours"), town->baseUrl().toString(),
                          QStringLiteral("demo"), QStringLiteral("demo"));
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(units.count(), 5, 10000);
        QStringList ofA, ofB;
        for (const QString &u : unitIds(units)) {
            if (u.startsWith(a + QLatin1Char(':')))
                ofA << u.mid(a.size() + 1);
            else if (u.startsWith(b + QLatin1Char(':')))
                ofB << u.mid(b.size() + 1);
            else
                QFAIL(qPrintable(QStringLiteral("a unit of no site: ") + u));
        }
        QCOMPARE(ofA.size(), 3);
        QCOMPARE(ofB.size(), 2);
        // The same platform ids on both: the prefix is what keeps them apart.
        QVERIFY2(ofA.contains(ofB.first()),
                 qPrintable(ofA.join(u',') + QStringLiteral(" / ") + ofB.join(u',')));

        QSet<QString> sources;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const alarms::Alarm &x : center.store()->alarms())
                    sources.insert(x.source);
                return sources.size() == 2;
            }(),
            10000);
        QVERIFY(sources.contains(QStringLiteral("platform:") + a));
        QVERIFY(sources.contains(QStringLiteral("platform:") + b));

        QVERIFY(sites.removeSite(b));
        QCOMPARE(units.count(), 3);
        for (const QString &u : unitIds(units))
            QVERIFY(u.startsWith(a + QLatin1Char(':')));
    }

    // Kinds without a push say so in their row; no push object is made.
    void otherKindsSayNoPush()
    {
        map::UnitsModel units;
        auto directory = newDirectory();
        SiteManager sites(directory.get());
        sites.setPushTargets(&units, nullptr);
        sites.load();
        const QString id =
            sites.addSite(QStringLiteral("Relay"), QStringLiteral("zlm"),
                          QStringLiteral("http://127.0.0.1:9"), QString(), QStringLiteral("secret"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(sites.pushState(id), QStringLiteral("none"));
        QVERIFY(sites.push(id) == nullptr);
        const QString text = role(sites, id, SiteManager::PushTextRole).toString();
        QVERIFY2(text.contains(QLatin1String("no live positions or alarms")), qPrintable(text));
    }

    // An acknowledgement made while the platform refuses it (503, as a platform that is restarting) is kept
    // in alarms.db, survives a restart of Vigil, and is sent once the platform accepts it; then the file no
    // longer holds it.
    void pendingAckKeptAndSentWhenPlatformAccepts()
    {
        test::TestHttpServer server;
        QVERIFY(server.start());
        std::atomic_bool refuse{true};
        server.route("POST", QStringLiteral("/api/v1/login"), [](const test::HttpRequestRecord &) {
            return test::HttpReply::json(R"({"accessToken":"t0k3n","expiresIn":3600})");
        });
        server.route("POST", QStringLiteral("/api/v1/alarms/*"), [&refuse](const test::HttpRequestRecord &) {
            if (refuse)
                return test::HttpReply::json(R"({"error":{"code":"unavailable","message":"restarting"}})",
                                             503);
            test::HttpReply r;
            r.status = 204;
            return r;
        });
        const backend::SiteConnection site{server.url(), QStringLiteral("demo"), QStringLiteral("demo")};
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("alarms.db"));
        const QString rules = dir.filePath(QStringLiteral("alarm_rules.json"));
        alarms::PlatformAlarmOptions options;
        options.source = QStringLiteral("platform:s-1");
        {
            alarms::AlarmCenter center(dbPath, rules);
            QTRY_VERIFY_WITH_TIMEOUT(center.store()->ready(), 5000);
            backend::OursPush push(site); // not started: the acknowledgements use REST only
            alarms::PlatformAlarms glue(&center, &push, options);
            glue.setRetryDelayMs(200);
            backend::PushMessage m;
            m.type = backend::PushMessage::Type::Alarm;
            m.alarmId = QStringLiteral("A-17");
            m.alarmKind = QStringLiteral("intrusion");
            m.alarmMessageEn = QStringLiteral("Fence");
            emit push.alarmReceived(m);
            QTRY_COMPARE_WITH_TIMEOUT(center.store()->count(), 1, 5000);
            QSignalSpy failed(&glue, &alarms::PlatformAlarms::ackFailed);
            QVERIFY(center.acknowledge(center.store()->alarms().first().id, QStringLiteral("seen")));
            QVERIFY(failed.wait(10000));
            QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("503")),
                     qPrintable(failed.first().at(1).toString()));
            QCOMPARE(glue.pendingAcks(), 1);
            // Retried while refused (the backoff timer), still pending.
            QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 2, 5000);
            QCOMPARE(glue.pendingAcks(), 1);
        } // Vigil closes with the acknowledgement undelivered
        {
            alarms::AlarmDatabase db;
            QVERIFY(db.open(dbPath));
            const QList<alarms::PendingAck> kept = db.pendingAcks(options.source);
            QCOMPARE(kept.size(), 1);
            QCOMPARE(kept.first().externalId, QStringLiteral("A-17"));
            QVERIFY2(kept.first().note.contains(QLatin1String("acknowledged")),
                     qPrintable(kept.first().note));
            QVERIFY(db.pendingAcks(QStringLiteral("platform:other")).isEmpty());
        }
        const qsizetype refusedRequests = server.requestCount();
        refuse = false; // the platform takes acknowledgements again
        {
            alarms::AlarmCenter center(dbPath, rules);
            backend::OursPush push(site);
            alarms::PlatformAlarms glue(&center, &push, options);
            QSignalSpy sent(&glue, &alarms::PlatformAlarms::ackSent);
            QVERIFY(sent.wait(10000));
            QCOMPARE(sent.first().first().toString(), QStringLiteral("A-17"));
            QCOMPARE(glue.pendingAcks(), 0);
            QCOMPARE(glue.acknowledged(), 1);
            // The ack request carried the operator's note.
            bool found = false;
            const QList<test::HttpRequestRecord> requests = server.requests();
            for (qsizetype i = refusedRequests; i < requests.size(); ++i) {
                if (requests[i].path == QLatin1String("/api/v1/alarms/A-17/ack")) {
                    found = true;
                    QVERIFY2(requests[i].body.contains("acknowledged"), requests[i].body.constData());
                    QCOMPARE(requests[i].header("Authorization"), QByteArray("Bearer t0k3n"));
                }
            }
            QVERIFY(found);
            // The file no longer holds it (read through the store: after the removal queued before it).
            bool read = false;
            QList<alarms::PendingAck> left{{}};
            center.store()->pendingAcks(options.source, [&](const QList<alarms::PendingAck> &acks) {
                left = acks;
                read = true;
            });
            QTRY_VERIFY_WITH_TIMEOUT(read, 5000);
            QVERIFY(left.isEmpty());
        }
    }

    // wss with a certificate the client refuses: the failure names the certificate's SHA-256 (the one
    // openssl reports), in its text and its field, as an https refusal does; with a pin that is not it, the
    // text says which one was trusted.
    void wssRefusedCertificateHasFingerprint()
    {
        test::TestCertificate cert;
        if (!makeCertificate(&cert))
            QSKIP("no openssl command");
        test::TestHttpServer server;
        QVERIFY(server.startTls(cert));
        const QString other = QString(64, QLatin1Char('a'));
        for (const QString &pin : {QString(), other}) {
            network::WebSocketClient client;
            QSignalSpy failed(&client, &network::WebSocketClient::failed);
            network::WebSocketOptions o;
            o.url = QUrl(QStringLiteral("wss://127.0.0.1:%1/api/v1/push").arg(server.port()));
            o.tlsVerifyPeer = true;
            o.trustedCertSha256 = pin;
            client.open(o);
            QVERIFY(failed.wait(10000));
            const auto f = failed.first().first().value<network::WebSocketFailure>();
            QCOMPARE(network::toString(f.error), QStringLiteral("tls"));
            QCOMPARE(f.peerCertSha256, cert.sha256);
            QVERIFY2(f.text.contains(network::formatFingerprint(cert.sha256)), qPrintable(f.text));
            if (!pin.isEmpty())
                QVERIFY2(f.text.contains(network::formatFingerprint(other)), qPrintable(f.text));
            qInfo("refused wss: %s", qPrintable(f.text));
        }

        // The push of an https site with that certificate: failed (not retried), with the certificate for the
        // site's "Trust this certificate".
        backend::SiteConnection site{server.url(), QStringLiteral("demo"), QStringLiteral("demo")};
        backend::OursPush push(site);
        push.start();
        QTRY_COMPARE_WITH_TIMEOUT(push.status(), backend::OursPush::Status::Failed, 10000);
        QCOMPARE(push.presentedCertSha256(), cert.sha256);
        QVERIFY2(push.lastError().contains(network::formatFingerprint(cert.sha256)),
                 qPrintable(push.lastError()));
    }
};

QTEST_GUILESS_MAIN(TstSitePush)
#include "tst_site_push.moc"
