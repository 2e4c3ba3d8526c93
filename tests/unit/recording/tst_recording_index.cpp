// RecordingIndex without FFmpeg: names <-> UTC times, scanning a directory with a fake duration probe (a
// stand-in for reading Matroska headers, which the integration tests do for real), range filtering, time ->
// segment + offset, and the open segment (no duration: ends at its last write). Plus enforceQuota()'s
// oldest-first order on files named like segments.
#include "vigil/recording/recorder.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil::recording;

namespace {
QDateTime utc(int h, int m, int s, int ms = 0)
{
    return QDateTime(QDate(2026, 12, 6), QTime(h, m, s, ms), Qt::UTC);
}
RecordingIndex::FileFacts facts(const QDateTime &start, qint64 durationMs, const QDateTime &modified = {})
{
    RecordingIndex::FileFacts f;
    f.path = QStringLiteral("/rec/cam01/") + segmentFileName(start);
    f.bytes = 1000;
    f.durationMs = durationMs;
    f.modified = modified;
    return f;
}
} // namespace

class TstRecordingIndex : public QObject
{
    Q_OBJECT

private slots:
    void nameRoundTrip_data()
    {
        QTest::addColumn<QDateTime>("t");
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << utc(22, 30, 12, 345) << QStringLiteral("20261206T223012.345.mkv");
        QTest::newRow("midnight") << utc(0, 0, 0) << QStringLiteral("20261206T000000.000.mkv");
        // A local time is written in UTC (Beijing 06:30 = 22:30 UTC the day before).
        QTest::newRow("from +08:00") << QDateTime(QDate(2026, 12, 7), QTime(6, 30, 0), QTimeZone(8 * 3600))
                                     << QStringLiteral("20261206T223000.000.mkv");
    }
    void nameRoundTrip()
    {
        QFETCH(QDateTime, t);
        QFETCH(QString, name);
        QCOMPARE(segmentFileName(t), name);
        const auto back = parseSegmentFileName(name);
        QVERIFY(back.has_value());
        QCOMPARE(*back, t);
        QCOMPARE(back->timeSpec(), Qt::UTC);
        QCOMPARE(parseSegmentFileName(QStringLiteral("/a/b/cam01/") + name), back);
    }

    void foreignNamesAreRejected_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("no millis") << QStringLiteral("20261206T223012.mkv");
        QTest::newRow("mp4") << QStringLiteral("20261206T223012.345.mp4");
        QTest::newRow("part") << QStringLiteral("20261206T223012.345.mkv.part");
        QTest::newRow("month 13") << QStringLiteral("20261306T223012.345.mkv");
        QTest::newRow("hour 25") << QStringLiteral("20261206T253012.345.mkv");
        QTest::newRow("prefix") << QStringLiteral("x20261206T223012.345.mkv");
        QTest::newRow("empty") << QString();
    }
    void foreignNamesAreRejected()
    {
        QFETCH(QString, name);
        QVERIFY(!parseSegmentFileName(name).has_value());
    }

    void cameraDirNamesStayInsideTheRoot_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("dir");
        QTest::newRow("plain") << QStringLiteral("cam01") << QStringLiteral("cam01");
        QTest::newRow("GB28181") << QStringLiteral("34020000001320000001")
                                 << QStringLiteral("34020000001320000001");
        QTest::newRow("chinese") << QStringLiteral("东门-1") << QStringLiteral("东门-1");
        QTest::newRow("slash") << QStringLiteral("../etc/x") << QStringLiteral("_.._etc_x");
        QTest::newRow("dot") << QStringLiteral(".hidden") << QStringLiteral("_.hidden");
        QTest::newRow("colon backslash") << QStringLiteral("a:b\\c") << QStringLiteral("a_b_c");
        QTest::newRow("empty") << QString() << QStringLiteral("_");
    }
    void cameraDirNamesStayInsideTheRoot()
    {
        QFETCH(QString, id);
        QFETCH(QString, dir);
        QCOMPARE(cameraDirName(id), dir);
    }

    void fromFilesSortsAndEnds()
    {
        const QDateTime t0 = utc(10, 0, 0);
        // Given out of order, one foreign file among them; the last one is open (no duration).
        QList<RecordingIndex::FileFacts> files{facts(t0.addSecs(60), 60000),
                                               facts(t0, 59960),
                                               facts(t0.addSecs(120), -1, t0.addSecs(150)),
                                               {QStringLiteral("/rec/cam01/notes.txt"), 5, {}, 10}};
        const QList<Segment> s = RecordingIndex::fromFiles(QStringLiteral("cam01"), files);
        QCOMPARE(s.size(), 3);
        QCOMPARE(s[0].start, t0);
        QCOMPARE(s[0].end, t0.addMSecs(59960));
        QVERIFY(!s[0].open);
        QCOMPARE(s[1].start, t0.addSecs(60));
        QCOMPARE(s[1].durationMs(), 60000);
        QCOMPARE(s[2].cameraId, QStringLiteral("cam01"));
        QVERIFY(s[2].open);
        QCOMPARE(s[2].end, t0.addSecs(150)); // the open segment ends at its last write
        // An open segment whose clock says it was written before it started (clock set back) is empty, not
        // negative.
        const auto odd = RecordingIndex::fromFiles({}, {facts(t0, -1, t0.addSecs(-5))});
        QCOMPARE(odd.first().durationMs(), 0);
    }

    void filterKeepsOverlaps()
    {
        const QDateTime t0 = utc(10, 0, 0);
        const auto s = RecordingIndex::fromFiles(
            QStringLiteral("cam01"),
            {facts(t0, 60000), facts(t0.addSecs(60), 60000), facts(t0.addSecs(300), 60000)});
        QCOMPARE(RecordingIndex::filter(s, {}, {}).size(), 3);
        QCOMPARE(RecordingIndex::filter(s, t0.addSecs(30), t0.addSecs(90)).size(), 2);
        QCOMPARE(RecordingIndex::filter(s, t0.addSecs(130), t0.addSecs(290)).size(), 0); // in the gap
        const auto tail = RecordingIndex::filter(s, t0.addSecs(200), {});
        QCOMPARE(tail.size(), 1);
        QCOMPARE(tail.first().start, t0.addSecs(300));
        QCOMPARE(RecordingIndex::filter(s, {}, t0.addSecs(10)).size(), 1);
    }

    void locateGivesSegmentAndOffset()
    {
        const QDateTime t0 = utc(10, 0, 0);
        const auto s = RecordingIndex::fromFiles(
            QStringLiteral("cam01"),
            {facts(t0, 60000), facts(t0.addSecs(60), 60000), facts(t0.addSecs(300), -1, t0.addSecs(330))});
        auto p = RecordingIndex::locate(s, t0.addMSecs(12345));
        QVERIFY(p);
        QCOMPARE(p->segment.start, t0);
        QCOMPARE(p->offsetMs, 12345);
        p = RecordingIndex::locate(s, t0.addSecs(60)); // a boundary belongs to the later segment
        QVERIFY(p);
        QCOMPARE(p->segment.start, t0.addSecs(60));
        QCOMPARE(p->offsetMs, 0);
        p = RecordingIndex::locate(s, t0.addSecs(200)); // gap: the next recording, from its start
        QVERIFY(p);
        QCOMPARE(p->segment.start, t0.addSecs(300));
        QCOMPARE(p->offsetMs, 0);
        p = RecordingIndex::locate(s, t0.addSecs(-10)); // before everything: the first one
        QVERIFY(p);
        QCOMPARE(p->segment.start, t0);
        p = RecordingIndex::locate(s, t0.addSecs(320)); // inside the open segment
        QVERIFY(p);
        QVERIFY(p->segment.open);
        QCOMPARE(p->offsetMs, 20000);
        QVERIFY(RecordingIndex::locate(s, t0.addSecs(331)) == std::nullopt); // after its last write
        QVERIFY(RecordingIndex::locate({}, t0) == std::nullopt);
    }

    void scanReadsTheDirectory()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QDir cam(root.filePath(QStringLiteral("cam07")));
        QVERIFY(cam.mkpath(QStringLiteral(".")));
        const QDateTime t0 = utc(8, 0, 0);
        for (int i = 0; i < 3; ++i) {
            QFile f(cam.filePath(segmentFileName(t0.addSecs(i * 10))));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(100 * (i + 1), 'x'));
        }
        QFile junk(cam.filePath(QStringLiteral("readme.txt")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.close();
        QStringList probed;
        const auto probe = [&](const QString &path) -> qint64 {
            probed.append(path);
            return path.endsWith(segmentFileName(t0.addSecs(20))) ? -1 : 10000; // the newest is open
        };
        const auto s = RecordingIndex::scan(root.path(), QStringLiteral("cam07"), probe);
        QCOMPARE(s.size(), 3);
        QCOMPARE(probed.size(), 3); // the foreign file is not even probed
        QCOMPARE(s[1].bytes, 200);
        QCOMPARE(s[1].end, t0.addSecs(20));
        QVERIFY(s[2].open);
        QVERIFY(s[2].end >= s[2].start);
        QCOMPARE(RecordingIndex::cameras(root.path()), QStringList{QStringLiteral("cam07")});
        QVERIFY(RecordingIndex::scan(root.path(), QStringLiteral("nope")).isEmpty());
    }

    void quotaDeletesOldestFirstAcrossCameras()
    {
        QTemporaryDir root;
        const QDateTime t0 = utc(8, 0, 0);
        // cam01 at 0,20,40 s; cam02 at 10,30 s; 100 bytes each = 500 bytes.
        const auto make = [&](const QString &camera, int s) {
            const QDir d(root.filePath(camera));
            d.mkpath(QStringLiteral("."));
            QFile f(d.filePath(segmentFileName(t0.addSecs(s))));
            f.open(QIODevice::WriteOnly);
            f.write(QByteArray(100, 'x'));
            return f.fileName();
        };
        const QString a0 = make(QStringLiteral("cam01"), 0), b10 = make(QStringLiteral("cam02"), 10),
                      a20 = make(QStringLiteral("cam01"), 20), b30 = make(QStringLiteral("cam02"), 30),
                      a40 = make(QStringLiteral("cam01"), 40);
        QuotaResult r = enforceQuota(root.path(), 1000);
        QCOMPARE(r.bytesBefore, 500);
        QVERIFY(r.deleted.isEmpty());
        r = enforceQuota(root.path(), 250);
        QCOMPARE(r.deleted, (QStringList{a0, b10, a20})); // oldest first, across cameras
        QCOMPARE(r.bytesAfter, 200);
        QVERIFY(QFile::exists(b30) && QFile::exists(a40));
        // The newest of each camera is never deleted, even over budget (it may be open in a recorder).
        r = enforceQuota(root.path(), 1);
        QVERIFY(r.deleted.isEmpty());
        QCOMPARE(r.bytesAfter, 200);
    }
};

QTEST_GUILESS_MAIN(TstRecordingIndex)
#include "tst_recording_index.moc"
