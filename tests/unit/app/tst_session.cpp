// Session's settings (configDir()/settings.json): the PTZ speed of the pad starts at the default, is clamped,
// announced, saved once after a burst of changes (a slider drag) or at the latest when the Session goes away,
// and read back by the next start; a damaged file is moved aside and the backup (else the default) is used.
#include "vigil/app/session.h"
#include "vigil/ptz/input_rules.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil;

namespace {
QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}
bool writeText(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}
} // namespace

class TstSession : public QObject
{
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_config;

private slots:
    void init()
    {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        qputenv("VIGIL_CONFIG_DIR", m_config->path().toUtf8());
    }

    void ptzSpeedIsASavedSetting()
    {
        QString path;
        {
            app::Session s(false, nullptr);
            path = s.settingsPath();
            QCOMPARE(path, QDir(m_config->path()).filePath(QStringLiteral("settings.json")));
            QCOMPARE(s.ptzSpeed(), ptz::PtzInputRules::kDefaultSpeed);
            QVERIFY(!QFile::exists(path)); // nothing changed: nothing written
            QSignalSpy changed(&s, &app::Session::ptzSpeedChanged);
            // A slider drag: many changes, one write when it settles.
            for (const double v : {0.55, 0.6, 0.65, 0.7, 0.75})
                s.setPtzSpeed(v);
            QCOMPARE(changed.count(), 5);
            s.setPtzSpeed(0.75); // unchanged: no signal
            QCOMPARE(changed.count(), 5);
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 5000);
            QCOMPARE(readJson(path).value(QLatin1String("ptzSpeed")).toDouble(), 0.75);
            QCOMPARE(readJson(path).value(QLatin1String("version")).toInt(), 1);
            // Clamped to what the controller accepts.
            s.setPtzSpeed(7);
            QCOMPARE(s.ptzSpeed(), ptz::PtzInputRules::kMaxSpeed);
            s.setPtzSpeed(0.3);
        } // destroyed before the delayed save: saved now
        QCOMPARE(readJson(path).value(QLatin1String("ptzSpeed")).toDouble(), 0.3);
        app::Session next(false, nullptr);
        QCOMPARE(next.ptzSpeed(), 0.3);
    }

    void kioskSettingsSurviveOtherChanges()
    {
        // The kiosk setting, title and PIN hash are read, and written back when another setting changes.
        const QString path = QDir(m_config->path()).filePath(QStringLiteral("settings.json"));
        const QByteArray hash = "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0$" + QByteArray(32, 'k').toBase64();
        QVERIFY(writeText(path, R"({ "version": 1, "kiosk": true, "kioskTitle": "Open day", "kioskPin": ")" +
                                    hash + R"(" })"));
        {
            app::Session s(false, nullptr);
            QVERIFY(s.kioskSetting());
            QVERIFY(!s.kiosk()); // main() decides, before QML loads
            QCOMPARE(s.kioskTitle(), QStringLiteral("Open day"));
            QCOMPARE(s.kioskPinHash(), QString::fromLatin1(hash));
            s.setKioskTitle(QStringLiteral("From the command line")); // shown, not saved
            QCOMPARE(s.kioskTitle(), QStringLiteral("From the command line"));
            s.setPtzSpeed(0.9);
            QVERIFY(s.saveSettings());
        }
        const QJsonObject saved = readJson(path);
        QCOMPARE(saved.value(QLatin1String("kiosk")).toBool(), true);
        QCOMPARE(saved.value(QLatin1String("kioskTitle")).toString(), QStringLiteral("Open day"));
        QCOMPARE(saved.value(QLatin1String("kioskPin")).toString(), QString::fromLatin1(hash));
        // No title anywhere: "Vigil".
        QVERIFY(writeText(path, R"({ "version": 1 })"));
        app::Session plain(false, nullptr);
        QCOMPARE(plain.kioskTitle(), QStringLiteral("Vigil"));
        QVERIFY(!plain.kioskSetting());
        QVERIFY(plain.kioskPinHash().isEmpty());
    }

    // "wallScreens" is read for main() (when --wall-screens is not given) and written back as it was.
    void wallScreensSettingIsKept()
    {
        const QString path = QDir(m_config->path()).filePath(QStringLiteral("settings.json"));
        QVERIFY(writeText(path, R"({ "version": 1, "wallScreens": " 2,3 " })"));
        {
            app::Session s(false, nullptr);
            QCOMPARE(s.wallScreensSetting(), QStringLiteral("2,3"));
            s.setPtzSpeed(0.7);
            QVERIFY(s.saveSettings());
        }
        QCOMPARE(readJson(path).value(QLatin1String("wallScreens")).toString(), QStringLiteral("2,3"));
        QVERIFY(writeText(path, R"({ "version": 1 })"));
        app::Session plain(false, nullptr);
        QVERIFY(plain.wallScreensSetting().isEmpty());
        QVERIFY(plain.saveSettings());
        QVERIFY(!readJson(path).contains(QLatin1String("wallScreens")));
    }

    // Village mode's settings ("mode", "language", "villageRecordBudgetGb") are read for main() and written
    // back as they were when another setting is saved; absent ones stay absent.
    void villageSettingsAreKept()
    {
        const QString path = QDir(m_config->path()).filePath(QStringLiteral("settings.json"));
        QVERIFY(writeText(path, R"({ "version": 1, "mode": "village", "language": "en",
                                     "villageRecordBudgetGb": 12.5 })"));
        {
            app::Session s(false, nullptr);
            QVERIFY(s.villageSetting());
            QVERIFY(!s.village()); // main() decides, with the command line
            QCOMPARE(s.languageSetting(), QStringLiteral("en"));
            QCOMPARE(s.villageRecordBudgetGbSetting(), 12.5);
            s.setPtzSpeed(0.7);
            QVERIFY(s.saveSettings());
        }
        const QJsonObject saved = readJson(path);
        QCOMPARE(saved.value(QLatin1String("mode")).toString(), QStringLiteral("village"));
        QCOMPARE(saved.value(QLatin1String("language")).toString(), QStringLiteral("en"));
        QCOMPARE(saved.value(QLatin1String("villageRecordBudgetGb")).toDouble(), 12.5);

        QVERIFY(writeText(path, R"({ "version": 1, "mode": "console", "villageRecordBudgetGb": -3 })"));
        app::Session plain(false, nullptr);
        QVERIFY(!plain.villageSetting());
        QVERIFY(plain.languageSetting().isEmpty());
        QCOMPARE(plain.villageRecordBudgetGbSetting(), -1.0); // a negative budget reads as not set
        QVERIFY(plain.saveSettings());
        QVERIFY(!readJson(path).contains(QLatin1String("language")));
        QVERIFY(!readJson(path).contains(QLatin1String("villageRecordBudgetGb")));
    }

    void outOfRangeInTheFileIsClamped()
    {
        const QString path = QDir(m_config->path()).filePath(QStringLiteral("settings.json"));
        QVERIFY(writeText(path, R"({ "version": 1, "ptzSpeed": 0 })"));
        app::Session s(false, nullptr);
        QCOMPARE(s.ptzSpeed(), ptz::PtzInputRules::kMinSpeed);
    }

    void aDamagedFileFallsBackToTheBackupElseTheDefault()
    {
        QString path;
        {
            app::Session s(false, nullptr);
            path = s.settingsPath();
            s.setPtzSpeed(0.9);
            QVERIFY(s.saveSettings());
            s.setPtzSpeed(0.8);
            QVERIFY(s.saveSettings()); // 0.9 is now the backup
        }
        QVERIFY(writeText(path, "{ \"version\": 1, \"ptzSp")); // a power cut mid-write (by hand)
        {
            app::Session s(false, nullptr);
            QCOMPARE(s.ptzSpeed(), 0.9);
        }
        const QStringList aside =
            QDir(m_config->path()).entryList({QStringLiteral("settings.json.corrupt-*")});
        QCOMPARE(aside.size(), 1); // kept for a look, not deleted
        QVERIFY(QFile::remove(path + QStringLiteral(".bak")));
        QVERIFY(writeText(path, "not json"));
        app::Session s(false, nullptr);
        QCOMPARE(s.ptzSpeed(), ptz::PtzInputRules::kDefaultSpeed);
    }
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
