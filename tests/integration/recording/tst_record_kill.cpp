// kill -9 in the middle of a recording leaves every closed segment playable: `vigilctl record` runs as a
// child process against the real demo RTSP server (in this process), 2 s segments; once at least two segments
// are closed (a segment is closed when the next one exists) the child gets SIGKILL. Every closed segment must
// pass ffprobe (H.264 video, duration > 0) and decode fully with `ffmpeg -v error -f null` printing nothing.
// The interrupted (open) segment is reported, not judged: losing it is allowed.
#include "media_check.h"
#include "vigil/demo/demo_site.h"
#include "vigil/recording/recording_index.h"

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace vigil;

class TstRecordKill : public QObject
{
    Q_OBJECT
    std::unique_ptr<demo::DemoSite> m_site;

private slots:
    void initTestCase()
    {
        demo::DemoSiteOptions o;
        o.cameraCount = 1;
        o.clipSeconds = 4;
        o.user = QStringLiteral("rec");
        o.password = QStringLiteral("k1ll-9");
        o.cacheDir = qEnvironmentVariable("VIGIL_RECORDING_TEST_CACHE",
                                          QDir::temp().filePath(QStringLiteral("vigil-recording-test")));
        m_site = std::make_unique<demo::DemoSite>(o);
        QString error;
        QVERIFY2(m_site->prepare(&error), qPrintable(error));
        QVERIFY2(m_site->start(&error), qPrintable(error));
    }
    void cleanupTestCase() { m_site.reset(); }

    void closedSegmentsSurviveKill9_data()
    {
        QTest::addColumn<bool>("mainStream");
        QTest::newRow("sub 640x360") << false;
        QTest::newRow("main 1280x720") << true;
    }
    void closedSegmentsSurviveKill9()
    {
        QFETCH(bool, mainStream);
        const QString vigilctl = qEnvironmentVariable("VIGILCTL");
        QVERIFY2(QFileInfo::exists(vigilctl), "VIGILCTL must name the vigilctl binary");
        QTemporaryDir root;
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(vigilctl,
                    {QStringLiteral("record"),
                     m_site->streamUrl(QStringLiteral("cam01"), mainStream).toString(),
                     QStringLiteral("cam01"), QStringLiteral("--root"), root.path(),
                     QStringLiteral("--seconds"), QStringLiteral("120"), QStringLiteral("--segment-seconds"),
                     QStringLiteral("2"), QStringLiteral("--user"), QStringLiteral("rec"),
                     QStringLiteral("--password"), QStringLiteral("k1ll-9")});
        QVERIFY(child.waitForStarted(5000));
        const QDir dir(root.filePath(QStringLiteral("cam01")));
        const auto files = [&] {
            return dir.entryList({QStringLiteral("*.mkv")}, QDir::Files, QDir::Name);
        };
        // Two closed segments = three files; the third one has its first 1 s cluster on disk (more than the
        // header's few hundred bytes), so the kill lands in the middle of a segment.
        QTRY_VERIFY_WITH_TIMEOUT(files().size() >= 3 && QFileInfo(dir.filePath(files().last())).size() > 4096,
                                 20000);
        QCOMPARE(child.state(), QProcess::Running);
        child.kill(); // SIGKILL: no trailer, no clean-up
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        const QStringList all = files();
        QVERIFY(all.size() >= 3);
        for (int i = 0; i + 1 < all.size(); ++i) {
            const QString f = dir.filePath(all[i]);
            const test::Probe p = test::ffprobe(f);
            QVERIFY2(p.ok, qPrintable(f + QLatin1Char(' ') + p.error));
            QCOMPARE(p.videoCodec, QStringLiteral("h264"));
            QVERIFY2(p.duration > 0, qPrintable(f));
            QString errors;
            QVERIFY2(test::decodesCleanly(f, &errors), qPrintable(f + QLatin1Char(' ') + errors));
        }
        const QString open = dir.filePath(all.last());
        const test::Probe p = test::ffprobe(open);
        QString errors;
        const bool decodes = test::decodesCleanly(open, &errors);
        qInfo().noquote() << QStringLiteral(
                                 "%1 closed segments played; the interrupted one (%2 bytes): ffprobe %3, "
                                 "decodes %4")
                                 .arg(all.size() - 1)
                                 .arg(QFileInfo(open).size())
                                 .arg(p.ok ? QStringLiteral("ok") : p.error)
                                 .arg(decodes ? QStringLiteral("cleanly") : errors.left(200));
        // The index sees the interrupted segment as open and the others as closed.
        const auto segs = recording::RecordingIndex::scan(root.path(), QStringLiteral("cam01"));
        QCOMPARE(segs.size(), all.size());
        for (int i = 0; i + 1 < segs.size(); ++i)
            QVERIFY(!segs[i].open);
        QVERIFY(segs.last().open);
    }
};

QTEST_GUILESS_MAIN(TstRecordKill)
#include "tst_record_kill.moc"
