// AlarmLayer's data: which alarms are drawn where (own position first, else the camera's; handled and false
// alarms and alarms with no known place left out), new ones blinking and acknowledged ones steady, as a
// table over the pure alarmMarkers(); then the layer fed by models as the app feeds it (the alarm store's
// role names, a camera model's), following state changes row by row: acknowledged -> steady, handled ->
// gone, a camera that gets a position -> drawn; the blink timer runs only while a new alarm is drawn and the
// layer is visible; a click on the marker picks the newest alarm there. Pixels are the screenshot's.
#include "vigil/map/alarm_layer.h"
#include "vigil/map/map_view.h"

#include <QtGui/QStandardItemModel>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace vigil::map;

namespace {

enum AlarmRole
{
    IdRole = Qt::UserRole + 1,
    StateRole,
    PriorityRole,
    CameraRole,
    HasPositionRole,
    LatRole,
    LonRole,
    HealthRole,
};

enum CameraRoleId
{
    CamIdRole = Qt::UserRole + 1,
    CamHasRole,
    CamLatRole,
    CamLonRole,
    CamHealthRole,
};

MapAlarm alarm(qint64 id, const char *state, const char *camera, std::optional<GeoPoint> own = {})
{
    MapAlarm a;
    a.id = id;
    a.state = QString::fromLatin1(state);
    a.cameraId = QString::fromLatin1(camera);
    a.hasPosition = own.has_value();
    a.position = own.value_or(GeoPoint{});
    return a;
}

void addAlarm(QStandardItemModel &m, qint64 id, const char *state, const char *camera,
              std::optional<GeoPoint> own)
{
    auto *item = new QStandardItem;
    item->setData(double(id), IdRole);
    item->setData(QString::fromLatin1(state), StateRole);
    item->setData(3, PriorityRole);
    item->setData(QString::fromLatin1(camera), CameraRole);
    item->setData(own.has_value(), HasPositionRole);
    item->setData(own ? own->lat : qQNaN(), LatRole);
    item->setData(own ? own->lon : qQNaN(), LonRole);
    m.insertRow(0, item); // newest first, as the store
}

void addCamera(QStandardItemModel &m, const char *id, std::optional<GeoPoint> p)
{
    auto *item = new QStandardItem;
    item->setData(QString::fromLatin1(id), CamIdRole);
    item->setData(p.has_value(), CamHasRole);
    item->setData(p ? p->lat : qQNaN(), CamLatRole);
    item->setData(p ? p->lon : qQNaN(), CamLonRole);
    item->setData(QStringLiteral("live"), CamHealthRole);
    m.appendRow(item);
}

int rowOf(const QStandardItemModel &m, qint64 id)
{
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, 0).data(IdRole).toLongLong() == id)
            return r;
    return -1;
}

const GeoPoint kCamA{30.54, 119.96};
const GeoPoint kOwn{30.55, 119.97};

} // namespace

Q_DECLARE_METATYPE(MapAlarm)

class TestAlarmLayer : public QObject
{
    Q_OBJECT

private slots:
    void markers_data()
    {
        QTest::addColumn<QList<MapAlarm>>("alarms");
        QTest::addColumn<QList<qint64>>("ids");
        QTest::addColumn<QList<GeoPoint>>("places");
        QTest::addColumn<QList<bool>>("blinking");

        QTest::newRow("new at its camera") << QList<MapAlarm>{alarm(1, "new", "cam-a")} << QList<qint64>{1}
                                           << QList<GeoPoint>{kCamA} << QList<bool>{true};
        QTest::newRow("acknowledged: steady")
            << QList<MapAlarm>{alarm(2, "acknowledged", "cam-a")} << QList<qint64>{2}
            << QList<GeoPoint>{kCamA} << QList<bool>{false};
        QTest::newRow("own position wins over the camera")
            << QList<MapAlarm>{alarm(3, "new", "cam-a", kOwn)} << QList<qint64>{3} << QList<GeoPoint>{kOwn}
            << QList<bool>{true};
        QTest::newRow("handled and false alarms: gone")
            << QList<MapAlarm>{alarm(4, "handled", "cam-a"), alarm(5, "false-alarm", "", kOwn)}
            << QList<qint64>{} << QList<GeoPoint>{} << QList<bool>{};
        QTest::newRow("no place known")
            << QList<MapAlarm>{alarm(6, "new", "cam-unplaced"), alarm(7, "new", "")} << QList<qint64>{}
            << QList<GeoPoint>{} << QList<bool>{};
        QTest::newRow("several, in the given order")
            << QList<MapAlarm>{alarm(9, "new", "", kOwn), alarm(8, "acknowledged", "cam-a"),
                               alarm(7, "handled", "cam-a")}
            << QList<qint64>{9, 8} << QList<GeoPoint>{kOwn, kCamA} << QList<bool>{true, false};
    }

    void markers()
    {
        QFETCH(QList<MapAlarm>, alarms);
        QFETCH(QList<qint64>, ids);
        QFETCH(QList<GeoPoint>, places);
        QFETCH(QList<bool>, blinking);
        const QList<AlarmMarker> got = alarmMarkers(alarms, {{QStringLiteral("cam-a"), kCamA}});
        QCOMPARE(got.size(), ids.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].id, ids[i]);
            QCOMPARE(got[i].position, places[i]);
            QCOMPARE(got[i].blinking, blinking[i]);
        }
    }

    void followsTheModels()
    {
        QStandardItemModel alarms;
        alarms.setItemRoleNames({{IdRole, "alarmId"},
                                 {StateRole, "alarmState"},
                                 {PriorityRole, "priority"},
                                 {CameraRole, "cameraId"},
                                 {HasPositionRole, "hasPosition"},
                                 {LatRole, "lat"},
                                 {LonRole, "lon"}});
        QStandardItemModel cameras;
        cameras.setItemRoleNames({{CamIdRole, "cameraId"},
                                  {CamHasRole, "hasPosition"},
                                  {CamLatRole, "latitude"},
                                  {CamLonRole, "longitude"},
                                  {CamHealthRole, "health"}});
        addCamera(cameras, "cam-a", kCamA);
        addCamera(cameras, "cam-b", std::nullopt);
        addAlarm(alarms, 1, "new", "cam-a", std::nullopt);
        addAlarm(alarms, 2, "new", "cam-b", std::nullopt); // its camera has no position yet
        addAlarm(alarms, 3, "acknowledged", "", kOwn);

        AlarmLayer layer;
        QSignalSpy changed(&layer, &AlarmLayer::markersChanged);
        layer.setCameraModel(&cameras);
        layer.setModel(&alarms);
        QCOMPARE(layer.markerCount(), 2);
        QVariantList drawn = layer.drawnAlarms();
        QCOMPARE(drawn[0].toMap().value(QStringLiteral("alarmId")).toDouble(), 3.0);
        QCOMPARE(drawn[0].toMap().value(QStringLiteral("blinking")).toBool(), false);
        QCOMPARE(drawn[1].toMap().value(QStringLiteral("alarmId")).toDouble(), 1.0);
        QCOMPARE(drawn[1].toMap().value(QStringLiteral("latitude")).toDouble(), kCamA.lat);
        QCOMPARE(drawn[1].toMap().value(QStringLiteral("blinking")).toBool(), true);
        QVERIFY(layer.blinking());

        // The blink: the phase turns while a new alarm is drawn.
        layer.setBlinkIntervalMs(100);
        QSignalSpy phase(&layer, &AlarmLayer::blinkOnChanged);
        QVERIFY(phase.wait(2000));
        QVERIFY(phase.wait(2000));

        // A camera's health changes often: no reload for that.
        changed.clear();
        cameras.setData(cameras.index(0, 0), QStringLiteral("offline"), CamHealthRole);
        QCOMPARE(changed.count(), 0);
        // cam-b gets a position: alarm 2 appears there.
        cameras.setData(cameras.index(1, 0), 30.6, CamLatRole);
        cameras.setData(cameras.index(1, 0), 120.0, CamLonRole);
        cameras.setData(cameras.index(1, 0), true, CamHasRole);
        QCOMPARE(layer.markerCount(), 3);

        auto markerOf = [&layer](qint64 id) {
            for (const AlarmMarker &m : layer.markers())
                if (m.id == id)
                    return m;
            return AlarmMarker{};
        };
        QCOMPARE(markerOf(2).position, (GeoPoint{30.6, 120.0}));
        QCOMPARE(markerOf(2).blinking, true);
        // Acknowledged: steady. Both new ones acknowledged: the blink stops, bright.
        alarms.setData(alarms.index(rowOf(alarms, 1), 0), QStringLiteral("acknowledged"), StateRole);
        QCOMPARE(markerOf(1).id, qint64(1));
        QCOMPARE(markerOf(1).blinking, false);
        QVERIFY(layer.blinking());
        alarms.setData(alarms.index(rowOf(alarms, 2), 0), QStringLiteral("acknowledged"), StateRole);
        QVERIFY(!layer.blinking());
        QVERIFY(layer.blinkOn());
        // Handled / false alarm: off the map.
        alarms.setData(alarms.index(rowOf(alarms, 1), 0), QStringLiteral("handled"), StateRole);
        alarms.setData(alarms.index(rowOf(alarms, 3), 0), QStringLiteral("false-alarm"), StateRole);
        QCOMPARE(layer.markerCount(), 1);
        QCOMPARE(layer.markers().first().id, qint64(2));
        // A new alarm arrives: blinking again; hidden layer: no timer.
        addAlarm(alarms, 4, "new", "", kOwn);
        QCOMPARE(layer.markerCount(), 2);
        QVERIFY(layer.blinking());
        layer.setVisible(false);
        QVERIFY(!layer.blinking());
        layer.setVisible(true);
        QVERIFY(layer.blinking());
    }

    void picksTheNewestUnderTheClick()
    {
        MapView view;
        view.setSize(QSizeF(800, 600));
        view.setZoomLevel(16);
        view.setCenter(QGeoCoordinate(kCamA.lat, kCamA.lon));
        AlarmLayer layer;
        layer.setParentItem(&view);
        QCOMPARE(layer.map(), &view);
        layer.setCameraPositions({{QStringLiteral("cam-a"), kCamA}});
        layer.setAlarms(
            {alarm(7, "new", "cam-a"), alarm(5, "acknowledged", "cam-a"), alarm(6, "new", "", kOwn)});
        const QPointF a = view.fromCoordinate(QGeoCoordinate(kCamA.lat, kCamA.lon));
        QCOMPARE(layer.alarmAt(a.x(), a.y()), 7.0);
        QCOMPARE(layer.alarmAt(a.x() + 8, a.y() - 5), 7.0);
        QCOMPARE(layer.alarmAt(a.x() + 60, a.y()), -1.0);
        const QPointF own = view.fromCoordinate(QGeoCoordinate(kOwn.lat, kOwn.lon));
        if (QRectF(0, 0, 800, 600).contains(own))
            QCOMPARE(layer.alarmAt(own.x(), own.y()), 6.0);
        layer.setSelectedAlarmId(7);
        QCOMPARE(layer.selectedAlarmId(), 7.0);
    }
};

QTEST_MAIN(TestAlarmLayer)
#include "tst_alarm_layer.moc"
