#include "vigil/core/atomic_file.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil::core;

namespace {
QString jsonValidator(const QByteArray &data)
{
    QJsonParseError e;
    QJsonDocument::fromJson(data, &e);
    return e.error == QJsonParseError::NoError ? QString() : e.errorString();
}
QByteArray readFile(const QString &p)
{
    QFile f(p);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
void writeRaw(const QString &p, const QByteArray &d)
{
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(d);
}
} // namespace

class TstAtomicFile : public QObject
{
    Q_OBJECT
private slots:
    void writesAndKeepsBackup()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("sub/wall.json"));
        QString err;
        QVERIFY2(writeFileAtomically(p, "{\"v\":1}", &err), qPrintable(err));
        QCOMPARE(readFile(p), QByteArray("{\"v\":1}"));
        QVERIFY(!QFile::exists(p + ".bak"));
        QVERIFY(writeFileAtomically(p, "{\"v\":2}", &err));
        QCOMPARE(readFile(p), QByteArray("{\"v\":2}"));
        QCOMPARE(readFile(p + ".bak"), QByteArray("{\"v\":1}"));
        // No temp files left behind.
        QCOMPARE(QDir(dir.filePath("sub")).entryList(QDir::Files).size(), 2);
    }
    void failsCleanlyInReadOnlyDir()
    {
        if (geteuid() == 0)
            QSKIP("running as root: directory permissions do not stop writes");
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("a.json"));
        QVERIFY(writeFileAtomically(p, "old"));
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner);
        QString err;
        QVERIFY(!writeFileAtomically(p, "new", &err));
        QVERIFY(!err.isEmpty());
        QCOMPARE(readFile(p), QByteArray("old"));
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    void corruptMainFallsBackToBackupAndKeepsTheDamagedFile()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("cameras.json"));
        QVERIFY(writeFileAtomically(p, "{\"good\":1}"));
        QVERIFY(writeFileAtomically(p, "{\"good\":2}"));
        writeRaw(p, "{\"good\":3, trunc"); // a bad edit or a power cut mid-write by another tool
        const LoadedFile f = readFileWithBackup(p, &jsonValidator);
        QVERIFY(f.exists);
        QVERIFY(f.fromBackup);
        QVERIFY(!f.error.isEmpty());
        QCOMPARE(f.data, QByteArray("{\"good\":1}"));
        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("cameras.json.corrupt-*")});
        QCOMPARE(kept.size(), 1);
        QCOMPARE(f.keptAs, dir.filePath(kept.first()));
        QCOMPARE(readFile(f.keptAs), QByteArray("{\"good\":3, trunc"));
        // The damaged file was moved aside, so the next save cannot back it up over the good .bak.
        QVERIFY(!QFile::exists(p));
        QVERIFY(writeFileAtomically(p, "{\"good\":4}"));
        QCOMPARE(readFile(p + ".bak"), QByteArray("{\"good\":1}"));
        // A second rejection in the same second keeps both damaged files.
        writeRaw(p, "garbage");
        const LoadedFile again = readFileWithBackup(p, &jsonValidator);
        QVERIFY(again.fromBackup);
        QCOMPARE(again.data, QByteArray("{\"good\":1}"));
        QVERIFY(again.keptAs != f.keptAs);
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("cameras.json.corrupt-*")}).size(), 2);
    }
    void backupKeepsPermissions()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("credentials.json"));
        QVERIFY(writeFileAtomically(p, "{}"));
        QVERIFY(QFile::setPermissions(p, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(writeFileAtomically(p, "{\"a\":1}"));
        QCOMPARE(QFile::permissions(p + ".bak") & 0x0777, QFile::permissions(p) & 0x0777);
        QCOMPARE(QFile::permissions(p + ".bak") & (QFile::ReadGroup | QFile::ReadOther),
                 QFileDevice::Permissions());
    }
    void missingBothIsNotAnError()
    {
        QTemporaryDir dir;
        const LoadedFile f = readFileWithBackup(dir.filePath(QStringLiteral("none.json")), &jsonValidator);
        QVERIFY(!f.exists);
        QVERIFY(f.error.isEmpty());
        QVERIFY(f.data.isEmpty());
    }
    void goodMainIsUsed()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("x.json"));
        QVERIFY(writeFileAtomically(p, "[1]"));
        const LoadedFile f = readFileWithBackup(p, &jsonValidator);
        QVERIFY(f.exists && !f.fromBackup && f.error.isEmpty());
        QCOMPARE(f.data, QByteArray("[1]"));
    }
};

QTEST_GUILESS_MAIN(TstAtomicFile)
#include "tst_atomic_file.moc"
