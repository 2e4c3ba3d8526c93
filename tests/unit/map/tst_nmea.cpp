// NMEA-0183 parser and reader: GGA/RMC from several talkers, checksum verification, garbage rejection.
#include "vigil/map/nmea.h"

#include <QtCore/QBuffer>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace vigil::map;

namespace {

// Builds "$body*hh" with a correct checksum.
QByteArray sentence(const QByteArray &body)
{
    unsigned char sum = 0;
    for (char c : body)
        sum ^= static_cast<unsigned char>(c);
    return '$' + body + '*' + QByteArray::number(sum, 16).toUpper().rightJustified(2, '0');
}

} // namespace

class TstNmea : public QObject
{
    Q_OBJECT
private slots:
    void publishedExample()
    {
        // The textbook GGA example (NMEA reference, as reproduced on Wikipedia and gpsd's docs).
        const auto fix =
            parseNmeaSentence("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n");
        QVERIFY(fix);
        QCOMPARE(fix->kind, NmeaFix::Kind::Gga);
        QCOMPARE(fix->talker, QByteArray("GP"));
        QVERIFY(std::abs(fix->position.lat - (48 + 7.038 / 60)) < 1e-12);
        QVERIFY(std::abs(fix->position.lon - (11 + 31.0 / 60)) < 1e-12);
        QCOMPARE(fix->utcTime, QTime(12, 35, 19));
        QCOMPARE(fix->satellites, 8);
        QCOMPARE(fix->altitudeM, 545.4);
        QVERIFY(qIsNaN(fix->speedMps));
    }
    void rmcWithSpeedCourseDate()
    {
        const auto fix =
            parseNmeaSentence("$GNRMC,092751.000,A,3032.6580,N,11958.3150,E,21.6,45.3,231126,,,A*70");
        QVERIFY(fix);
        QCOMPARE(fix->kind, NmeaFix::Kind::Rmc);
        QCOMPARE(fix->talker, QByteArray("GN"));
        QVERIFY(std::abs(fix->position.lat - (30 + 32.658 / 60)) < 1e-12);
        QVERIFY(std::abs(fix->position.lon - (119 + 58.315 / 60)) < 1e-12);
        QVERIFY(std::abs(fix->speedMps - 21.6 * 1852 / 3600) < 1e-9);
        QCOMPARE(fix->courseDeg, 45.3);
        QCOMPARE(fix->utcDate, QDate(2026, 11, 23));
        QCOMPARE(fix->utcTime, QTime(9, 27, 51));
    }
    void southWestAndBeidou()
    {
        const auto sw =
            parseNmeaSentence(sentence("GPGGA,123519,4807.038,S,01131.000,W,1,08,0.9,545.4,M,46.9,M,,"));
        QVERIFY(sw);
        QVERIFY(sw->position.lat < 0 && sw->position.lon < 0);
        const auto bd =
            parseNmeaSentence(sentence("BDGGA,092750.50,3032.6520,N,11958.3080,E,2,12,0.8,9.0,M,,M,,"));
        QVERIFY(bd);
        QCOMPARE(bd->talker, QByteArray("BD"));
        QCOMPARE(bd->quality, 2);
        QCOMPARE(bd->utcTime, QTime(9, 27, 50, 500));
    }
    void rejected_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("bad checksum")
            << QByteArray("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*48");
        QTest::newRow("flipped byte")
            << QByteArray("$GPGGA,123519,4807.038,N,01131.001,E,1,08,0.9,545.4,M,46.9,M,,*47");
        QTest::newRow("no checksum") << QByteArray(
            "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        QTest::newRow("garbage") << QByteArray("\x01\xff garbage \x7f");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray("$GPGGA,1235");
        QTest::newRow("bad hex") << QByteArray("$GPGGA,123519*G1");
        QTest::newRow("no fix GGA") << sentence("BDGGA,092750.000,3032.6520,N,11958.3080,E,0,0,,,M,,M,,");
        QTest::newRow("void RMC") << sentence(
            "GPRMC,092751.000,V,3032.6580,N,11958.3150,E,0.0,0.0,231126,,,N");
        QTest::newRow("other sentence")
            << sentence("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00");
        QTest::newRow("bad hemisphere")
            << sentence("GPGGA,123519,4807.038,X,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        QTest::newRow("minutes >= 60")
            << sentence("GPGGA,123519,4867.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        QTest::newRow("too few fields") << sentence("GPRMC,092751.000,A,3032.6580,N");
        QTest::newRow("non-ascii inside") << QByteArray("$GPGGA,12\x80"
                                                        "519*00");
    }
    void rejected()
    {
        QFETCH(QByteArray, line);
        QString why;
        QVERIFY(!parseNmeaSentence(line, &why));
        QVERIFY(!why.isEmpty());
    }
    void readerSplitsStreamAndCounts()
    {
        QByteArray stream;
        stream += sentence("GPGGA,100000,3032.000,N,11958.000,E,1,08,0.9,5.0,M,,M,,") + "\r\n";
        stream += "garbage line without dollar\r\n";
        stream += "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*00\r\n"; // bad checksum
        stream += "\r\n";
        stream += sentence("GNRMC,100001,A,3032.100,N,11958.100,E,10.0,90.0,231126,,,A") + "\n";
        stream += QByteArray(400, 'x') + "\n";                                         // runaway line
        stream += sentence("GPGGA,100002,3032.200,N,11958.200,E,1,08,0.9,5.0,M,,M,,"); // no newline yet
        QBuffer buffer(&stream);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        NmeaReader reader;
        QSignalSpy fixes(&reader, &NmeaReader::fixReceived);
        QSignalSpy rejects(&reader, &NmeaReader::lineRejected);
        reader.setDevice(&buffer);
        QCOMPARE(fixes.size(), 2);
        QCOMPARE(rejects.size(), 3);
        reader.feed("\r\n"); // completes the last sentence
        QCOMPARE(fixes.size(), 3);
        QCOMPARE(reader.acceptedCount(), 3);
        QCOMPARE(reader.rejectedCount(), 3);
        const auto last = fixes.last().at(0).value<NmeaFix>();
        QVERIFY(std::abs(last.position.lat - (30 + 32.2 / 60)) < 1e-12);
    }
    void byteByByte()
    {
        NmeaReader reader;
        QSignalSpy fixes(&reader, &NmeaReader::fixReceived);
        const QByteArray s = sentence("GPGGA,100000,3032.000,N,11958.000,E,1,08,0.9,5.0,M,,M,,") + "\r\n";
        for (char c : s)
            reader.feed(QByteArrayView(&c, 1));
        QCOMPARE(fixes.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstNmea)
#include "tst_nmea.moc"
