// The Chinese translation is complete and current, and it reaches the user at run time.
//  - upToDate: lupdate re-scans all sources (QML and C++) into a temporary copy of each .ts; any message
//    that is new (unfinished), empty, or no longer in the sources (vanished/obsolete) fails the test, so an
//    untranslated string cannot reach CI unnoticed.
//  - placeholders: %1..%9 of each translation match its source.
//  - embedded: the build embeds :/i18n/vigil_zh_CN.qm (what app/main.cpp loads).
//  - runtime: messages made by the C++ components come out in Chinese (the tr() context lupdate saw is the
//    one used at run time).
// Thread: GUI only.
#include "vigil/cameras/camera_directory.h"
#include "vigil/video/video_player.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTranslator>
#include <QtCore/QXmlStreamReader>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil;

namespace {

struct Message
{
    QString context;
    QString source;
    QString translation;
    QString type; // "", "unfinished", "vanished", "obsolete"
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QList<Message> out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name")
            context = xml.readElementText();
        else if (xml.name() == u"message")
            m = Message{context, {}, {}, {}};
        else if (xml.name() == u"source")
            m.source = xml.readElementText();
        else if (xml.name() == u"translation") {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            out.append(m);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QStringList readList(const char *path)
{
    QFile f(QString::fromUtf8(path));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList tsFiles()
{
    return QString::fromUtf8(VIGIL_TS_FILES).split(QLatin1Char(';'), Qt::SkipEmptyParts);
}

QStringList placeholders(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("%[1-9]"));
    QStringList out;
    for (auto it = re.globalMatch(s); it.hasNext();)
        out.append(it.next().captured());
    out.sort();
    out.removeDuplicates();
    return out;
}

bool hasChinese(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void upToDate_data();
    void upToDate();
    void placeholders_data();
    void placeholders();
    void embedded();
    void runtime();

private:
    QTranslator m_translator;
};

void TestTranslations::upToDate_data()
{
    QTest::addColumn<QString>("ts");
    for (const QString &ts : tsFiles())
        QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts;
}

void TestTranslations::upToDate()
{
    QFETCH(QString, ts);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QFileInfo(ts).fileName());
    QVERIFY(QFile::copy(ts, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    const QStringList sources = readList(VIGIL_I18N_SOURCE_LIST);
    QVERIFY2(sources.size() > 10, "the list of scanned sources is missing");
    QStringList args{QStringLiteral("-locations"), QStringLiteral("none")};
    for (const QString &inc : readList(VIGIL_I18N_INCLUDE_LIST))
        args << QStringLiteral("-I") << inc;
    args << sources << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(VIGIL_LUPDATE), args);
    QVERIFY2(lupdate.waitForFinished(60000), "lupdate did not finish");
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

    QString error;
    const QList<Message> messages = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!messages.isEmpty());
    QStringList problems;
    for (const Message &m : messages) {
        if (m.type == u"unfinished" || m.translation.trimmed().isEmpty())
            problems << QStringLiteral("untranslated  [%1] %2").arg(m.context, m.source);
        else if (m.type == u"vanished" || m.type == u"obsolete")
            problems << QStringLiteral("stale (gone from the sources)  [%1] %2").arg(m.context, m.source);
    }
    if (!problems.isEmpty()) {
        QFAIL(
            qPrintable(QStringLiteral("%1 is not complete. Run `ninja update_translations`, translate these "
                                      "messages in it and commit it:\n  %2")
                           .arg(ts, problems.join(QStringLiteral("\n  ")))));
    }
}

void TestTranslations::placeholders_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("translation");
    for (const QString &ts : tsFiles()) {
        QString error;
        const QList<Message> messages = readTs(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        int i = 0;
        for (const Message &m : messages) {
            if (!m.translation.isEmpty())
                QTest::addRow("%s#%d", qPrintable(QFileInfo(ts).baseName()), i++)
                    << m.context << m.source << m.translation;
        }
    }
}

void TestTranslations::placeholders()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, translation);
    QVERIFY2(::placeholders(source) == ::placeholders(translation),
             qPrintable(QStringLiteral("[%1] %2 -> %3").arg(context, source, translation)));
}

void TestTranslations::embedded()
{
    QVERIFY2(m_translator.load(QStringLiteral(":/i18n/vigil_zh_CN.qm")),
             "vigil_zh_CN.qm is not embedded (link vigil_translations)");
    QCOMPARE(m_translator.translate("Main", "Add camera"), QStringLiteral("添加摄像机"));
    QCOMPARE(m_translator.translate("TileMenu", "Snapshot"), QStringLiteral("抓图"));
}

void TestTranslations::runtime()
{
    QVERIFY(m_translator.load(QStringLiteral(":/i18n/vigil_zh_CN.qm")));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    QTemporaryDir config;
    QVERIFY(config.isValid());
    qputenv("VIGIL_CONFIG_DIR", config.path().toUtf8());

    cameras::CameraDirectory directory(nullptr);
    QCOMPARE(directory.addRtspCamera(QString(), QString(), QStringLiteral("rtsp://10.0.0.1/x"), QString(),
                                     QString(), QString()),
             QString());
    QVERIFY2(hasChinese(directory.lastError()), qPrintable(directory.lastError()));

    video::VideoPlayer player;
    player.openUrl(QStringLiteral("not a url"));
    QVERIFY2(hasChinese(player.lastError()), qPrintable(player.lastError()));

    // A refused connection (port 9 is closed on loopback): the text comes from the stream error table.
    video::VideoPlayer refusedPlayer;
    refusedPlayer.openUrl(QStringLiteral("rtsp://127.0.0.1:9/none"));
    QTRY_VERIFY_WITH_TIMEOUT(!refusedPlayer.lastError().isEmpty(), 10000);
    const QString refused = refusedPlayer.lastError();
    refusedPlayer.stop();
    // The stream error table (components/video/src/stream_error.cpp) is translated at run time under the
    // context lupdate files it under: a Chinese operator reads why a camera failed in Chinese.
    QVERIFY2(hasChinese(refused), qPrintable(refused));

    QCoreApplication::removeTranslator(&m_translator);
    QVERIFY(video::VideoPlayer::waitForWorkers(3000));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
