// Demo camera metadata: unique ids, names in both languages, colours far apart (pixel tests tell cameras
// apart by colour), positions inside the demo county, sane directions, and the reference region's geometry.
#include "vigil/demo/demo_site.h"

#include <QtCore/QSet>
#include <QtCore/QtMath>
#include <QtTest/QTest>

#include <cmath>

using vigil::demo::DemoCamera;
using vigil::demo::DemoSite;

namespace {

double rgbDistance(const QColor &a, const QColor &b)
{
    const double dr = a.red() - b.red(), dg = a.green() - b.green(), db = a.blue() - b.blue();
    return std::sqrt(dr * dr + dg * dg + db * db);
}

double metresBetween(const DemoCamera &a, const DemoCamera &b)
{
    constexpr double kEarthRadius = 6371000.0;
    const double p1 = qDegreesToRadians(a.latitude), p2 = qDegreesToRadians(b.latitude);
    const double dp = p2 - p1, dl = qDegreesToRadians(b.longitude - a.longitude);
    const double h = std::sin(dp / 2) * std::sin(dp / 2) +
                     std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * kEarthRadius * std::asin(std::sqrt(h));
}

} // namespace

class TestDemoCameras : public QObject
{
    Q_OBJECT

private slots:
    void countIsClamped_data()
    {
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("expected");
        QTest::newRow("none") << 0 << 0;
        QTest::newRow("negative") << -3 << 0;
        QTest::newRow("default") << 9 << 9;
        QTest::newRow("max") << DemoSite::kMaxCameras << DemoSite::kMaxCameras;
        QTest::newRow("too many") << 100 << DemoSite::kMaxCameras;
    }
    void countIsClamped()
    {
        QFETCH(int, asked);
        QFETCH(int, expected);
        QCOMPARE(DemoSite::cameras(asked).size(), expected);
        QCOMPARE(DemoSite::cameras().size(), 9);
    }

    void idsAreUniqueAndOrdered()
    {
        const auto cams = DemoSite::cameras(DemoSite::kMaxCameras);
        QSet<QString> ids;
        for (int i = 0; i < cams.size(); ++i) {
            QCOMPARE(cams[i].id, QStringLiteral("cam%1").arg(i + 1, 2, 10, QLatin1Char('0')));
            ids.insert(cams[i].id);
        }
        QCOMPARE(ids.size(), cams.size());
        // A smaller site is a prefix of the full one: the same id always means the same camera.
        QCOMPARE(DemoSite::cameras(4).last().name, cams[3].name);
    }

    void namesInBothLanguages()
    {
        QSet<QString> names;
        for (const DemoCamera &c : DemoSite::cameras(DemoSite::kMaxCameras)) {
            QVERIFY2(!c.name.isEmpty() && !c.group.isEmpty() && !c.groupZh.isEmpty(), qPrintable(c.id));
            QVERIFY2(c.nameZh.size() >= 2 && c.nameZh.front().unicode() >= 0x4E00, qPrintable(c.id));
            names.insert(c.name);
        }
        QCOMPARE(names.size(), DemoSite::kMaxCameras);
    }

    void coloursAreFarApart_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("minDistance");
        QTest::newRow("first nine") << 9 << 100.0;
        QTest::newRow("all") << DemoSite::kMaxCameras << 70.0;
    }
    void coloursAreFarApart()
    {
        QFETCH(int, count);
        QFETCH(double, minDistance);
        const auto cams = DemoSite::cameras(count);
        const QColor background(0x1c, 0x24, 0x30), black(Qt::black), white(Qt::white);
        for (int i = 0; i < cams.size(); ++i) {
            const QColor c = cams[i].colour;
            QVERIFY2(c.isValid() && c.alpha() == 255, qPrintable(cams[i].id));
            QVERIFY2(c.hsvSaturationF() >= 0.5f && c.valueF() >= 0.6f, qPrintable(cams[i].id));
            QVERIFY(rgbDistance(c, background) >= 120);
            QVERIFY(rgbDistance(c, black) >= 150);
            QVERIFY(rgbDistance(c, white) >= 150);
            for (int j = i + 1; j < cams.size(); ++j) {
                const double dist = rgbDistance(c, cams[j].colour);
                QVERIFY2(dist >= minDistance,
                         qPrintable(QStringLiteral("%1 vs %2: %3").arg(cams[i].id, cams[j].id).arg(dist)));
            }
        }
    }

    void positionsInsideTheCounty()
    {
        const auto area = DemoSite::area();
        QVERIFY(area.south < area.north && area.west < area.east);
        QVERIFY(!area.name.isEmpty() && !area.nameZh.isEmpty());
        const auto cams = DemoSite::cameras(DemoSite::kMaxCameras);
        double widest = 0;
        for (int i = 0; i < cams.size(); ++i) {
            const DemoCamera &c = cams[i];
            QVERIFY2(c.latitude > area.south && c.latitude < area.north, qPrintable(c.id));
            QVERIFY2(c.longitude > area.west && c.longitude < area.east, qPrintable(c.id));
            QVERIFY2(c.directionDeg >= 0 && c.directionDeg < 360, qPrintable(c.id));
            QVERIFY2(c.fovDeg > 10 && c.fovDeg < 180, qPrintable(c.id));
            for (int j = 0; j < i; ++j) {
                const double m = metresBetween(c, cams[j]);
                QVERIFY2(m > 100, qPrintable(c.id + QStringLiteral(" sits on ") + cams[j].id));
                widest = std::max(widest, m);
            }
        }
        // "Spread over about 10 km": not a single street, not another city.
        QVERIFY2(widest > 5000 && widest < 15000, qPrintable(QString::number(widest)));
    }

    void referenceRegionMapsToEvenPixels_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("main") << DemoSite::kMainSize;
        QTest::newRow("sub") << DemoSite::kSubSize;
    }
    void referenceRegionMapsToEvenPixels()
    {
        QFETCH(QSize, size);
        const QRectF r = DemoSite::referenceRegion();
        QVERIFY(QRectF(0, 0, 1, 1).contains(r));
        const QRectF px(r.x() * size.width(), r.y() * size.height(), r.width() * size.width(),
                        r.height() * size.height());
        for (const double v : {px.x(), px.y(), px.width(), px.height()}) {
            QCOMPARE(v, std::round(v));
            QCOMPARE(int(v) % 2, 0); // chroma is subsampled 2x2: odd edges would blur the fill
        }
        QVERIFY(px.width() >= 100 && px.height() >= 60);
    }

    void streamUrlsNeverCarryCredentials()
    {
        vigil::demo::DemoSiteOptions options;
        options.port = 8554;
        options.user = QStringLiteral("admin");
        options.password = QStringLiteral("secret");
        DemoSite site(options);
        const QUrl url = site.streamUrl(QStringLiteral("cam03"), false);
        QCOMPARE(url.toString(), QStringLiteral("rtsp://127.0.0.1:8554/cam03/sub"));
        QVERIFY(url.userInfo().isEmpty());
        QCOMPARE(site.streamUrl(QStringLiteral("cam01"), true).path(), QStringLiteral("/cam01/main"));
    }
};

QTEST_GUILESS_MAIN(TestDemoCameras)
#include "tst_demo_cameras.moc"
