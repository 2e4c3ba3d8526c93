// CameraLayer reads each camera's health from the model's "health" role by name (the words of
// vigil/core/health_role.h) and colours the camera's dot by it: a dataChanged of that role alone recolours
// the camera at once, without reloading the model; a model without the role, or a word it does not know,
// leaves the camera unknown. Pixels of the drawn dots are checked in
// tests/integration/map/tst_map_screenshot. The spatial grid draws what a scan of every camera draws, and a
// province-sized model is read in slices and indexed on a worker.
#include "vigil/core/health_role.h"
#include "vigil/map/camera_layer.h"

#include <QtCore/QRandomGenerator>
#include <QtGui/QStandardItemModel>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using vigil::map::CameraLayer;
using vigil::map::MapCamera;

namespace {

enum Role
{
    IdRole = Qt::UserRole + 1,
    NameRole,
    HasPositionRole,
    LatitudeRole,
    LongitudeRole,
    HealthRole,
};

const QColor kLive(0x2e, 0xcc, 0x71);
const QColor kOffline(0x95, 0x9c, 0xa6);
const QColor kAlarm(0xe7, 0x3c, 0x3c);
const QColor kUnknown(0x2c, 0x3e, 0x50);

void addCamera(QStandardItemModel &model, const QString &id, bool hasPosition, const QString &health)
{
    auto *item = new QStandardItem;
    item->setData(id, IdRole);
    item->setData(QStringLiteral("Camera ") + id, NameRole);
    item->setData(hasPosition, HasPositionRole);
    item->setData(30.54 + 0.001 * model.rowCount(), LatitudeRole);
    item->setData(119.96, LongitudeRole);
    item->setData(health, HealthRole);
    model.appendRow(item);
}

// A camera model as the app gives the layer (directory roles plus "health").
void fill(QStandardItemModel &model, bool withHealthRole = true)
{
    QHash<int, QByteArray> names{{IdRole, "cameraId"},
                                 {NameRole, "name"},
                                 {HasPositionRole, "hasPosition"},
                                 {LatitudeRole, "latitude"},
                                 {LongitudeRole, "longitude"}};
    if (withHealthRole)
        names.insert(HealthRole, vigil::core::health::kRoleName);
    model.setItemRoleNames(names);
    addCamera(model, QStringLiteral("a"), true, QStringLiteral("live"));
    addCamera(model, QStringLiteral("b"), true, QStringLiteral("unknown"));
    addCamera(model, QStringLiteral("hidden"), false, QStringLiteral("alarm")); // no position: not on the map
    addCamera(model, QStringLiteral("c"), true, QStringLiteral("offline"));
}

// Builds what CameraLayer would draw for a view, without a window (buildVertices is protected).
class ProbeLayer : public CameraLayer
{
public:
    // Sorted vertices (x, y rounded to 0.01 px, colour) and the label vertex count: order-free for comparing.
    QList<std::array<qint64, 3>> draw(double zoom, QPointF centre0, QSizeF size0, int *labels)
    {
        BuildContext ctx;
        ctx.zoom = zoom;
        ctx.scale = std::exp2(zoom);
        ctx.anchor0 = centre0;
        ctx.region0 = QRectF(centre0 - QPointF(size0.width() / 2, size0.height() / 2), size0);
        Geometry g;
        buildVertices(ctx, g);
        QList<std::array<qint64, 3>> out;
        for (const Vertex &v : g.blended)
            out.append({std::llround(v.x * 100), std::llround(v.y * 100),
                        qint64(v.r) << 24 | qint64(v.g) << 16 | qint64(v.b) << 8 | v.a});
        std::sort(out.begin(), out.end());
        *labels = int(g.labels.size());
        return out;
    }
};

QList<MapCamera> randomCameras(int n)
{
    QRandomGenerator rng(5);
    QList<MapCamera> cams;
    for (int i = 0; i < n; ++i) {
        const vigil::map::GeoPoint p =
            i % 2
                ? vigil::map::GeoPoint{30.5 + rng.generateDouble() * 0.1, 119.9 + rng.generateDouble() * 0.1}
                : vigil::map::GeoPoint{29 + rng.generateDouble() * 2, 119 + rng.generateDouble() * 2};
        cams.append({QStringLiteral("cam-%1").arg(i), QString(), p, rng.generateDouble() * 360, 60,
                     i % 5 ? QStringLiteral("live") : QStringLiteral("offline")});
    }
    return cams;
}

} // namespace

class TestCameraLayer : public QObject
{
    Q_OBJECT

private slots:
    void healthFromTheRole()
    {
        QStandardItemModel model;
        fill(model);
        CameraLayer layer;
        layer.setModel(&model);
        QCOMPARE(layer.cameraCount(), 3);
        QCOMPARE(layer.cameraHealth(QStringLiteral("a")), QStringLiteral("live"));
        QCOMPARE(layer.cameraColour(QStringLiteral("a")), kLive);
        QCOMPARE(layer.cameraHealth(QStringLiteral("b")), QStringLiteral("unknown"));
        QCOMPARE(layer.cameraColour(QStringLiteral("b")), kUnknown);
        QCOMPARE(layer.cameraHealth(QStringLiteral("c")), QStringLiteral("offline"));
        QCOMPARE(layer.cameraColour(QStringLiteral("c")), kOffline);
        QCOMPARE(layer.cameraHealth(QStringLiteral("hidden")), QStringLiteral("unknown"));
        QCOMPARE(layer.cameraHealth(QStringLiteral("nobody")), QStringLiteral("unknown"));
        QCOMPARE(layer.cameraColour(QStringLiteral("nobody")), kUnknown);
    }

    void healthChangeRecoloursInPlace()
    {
        QStandardItemModel model;
        fill(model);
        CameraLayer layer;
        layer.setModel(&model);
        QSignalSpy reloads(&layer, &CameraLayer::camerasChanged);
        QSignalSpy modelChanges(&model, &QAbstractItemModel::dataChanged);

        // b's health changes: dataChanged with the health role only, and the dot turns red at once.
        QVERIFY(model.setData(model.index(1, 0), QStringLiteral("alarm"), HealthRole));
        QCOMPARE(modelChanges.size(), 1);
        QCOMPARE(modelChanges.at(0).at(2).value<QList<int>>(), QList<int>{HealthRole});
        QCOMPARE(layer.cameraHealth(QStringLiteral("b")), QStringLiteral("alarm"));
        QCOMPARE(layer.cameraColour(QStringLiteral("b")), kAlarm);
        QVERIFY(model.setData(model.index(0, 0), QStringLiteral("offline"), HealthRole));
        QCOMPARE(layer.cameraColour(QStringLiteral("a")), kOffline);
        QVERIFY(model.setData(model.index(1, 0), QStringLiteral("live"), HealthRole));
        QCOMPARE(layer.cameraColour(QStringLiteral("b")), kLive);
        // A camera with no position has no dot; its change is ignored.
        QVERIFY(model.setData(model.index(2, 0), QStringLiteral("live"), HealthRole));
        QCOMPARE(layer.cameraCount(), 3);
        // No reload of the whole model for a colour.
        QCOMPARE(reloads.size(), 0);
    }

    void unknownWords_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("empty") << QString();
        QTest::newRow("other") << QStringLiteral("fine");
        QTest::newRow("case") << QStringLiteral("Live"); // the words are exact
    }
    void unknownWords()
    {
        QFETCH(QString, word);
        QStandardItemModel model;
        fill(model);
        CameraLayer layer;
        layer.setModel(&model);
        QVERIFY(model.setData(model.index(0, 0), word, HealthRole));
        QCOMPARE(layer.cameraHealth(QStringLiteral("a")), QStringLiteral("unknown"));
        QCOMPARE(layer.cameraColour(QStringLiteral("a")), kUnknown);
    }

    void noHealthRoleIsUnknown()
    {
        QStandardItemModel model;
        fill(model, false);
        CameraLayer layer;
        layer.setModel(&model);
        QCOMPARE(layer.cameraCount(), 3);
        QCOMPARE(layer.cameraHealth(QStringLiteral("a")), QStringLiteral("unknown"));
        QCOMPARE(layer.cameraColour(QStringLiteral("c")), kUnknown);
    }

    void healthFromCpp()
    {
        CameraLayer layer;
        MapCamera x{QStringLiteral("x"), QStringLiteral("X"), {30.5, 120.0}, 0, 0, QString()};
        x.health = vigil::core::health::kAlarm;
        MapCamera y{QStringLiteral("y"), QStringLiteral("Y"), {30.6, 120.0}, 0, 0, QString()};
        layer.setCameras({x, y});
        QCOMPARE(layer.cameraHealth(QStringLiteral("x")), QStringLiteral("alarm"));
        QCOMPARE(layer.cameraColour(QStringLiteral("x")), kAlarm);
        QCOMPARE(layer.cameraHealth(QStringLiteral("y")), QStringLiteral("unknown"));
    }

    // The grid draws exactly what the scan of every camera draws: the same cluster discs, counts and labels
    // at cluster zooms (for a region holding every camera: at the region's edge the grid counts a cell whole,
    // so a cluster's count never depends on how far the map was panned), the same dots and cones at street
    // zoom.
    void gridDrawsWhatTheScanDraws_data()
    {
        QTest::addColumn<double>("zoom");
        QTest::addColumn<double>("viewWorld0"); // the region's width in world-0 units
        QTest::newRow("province, clusters") << 7.0 << 256.0;
        QTest::newRow("county, clusters") << 11.4 << 256.0;
        QTest::newRow("street, cones") << 15.0 << 0.02;
        QTest::newRow("street, a small view") << 17.0 << 0.004;
    }
    void gridDrawsWhatTheScanDraws()
    {
        QFETCH(double, zoom);
        QFETCH(double, viewWorld0);
        ProbeLayer layer;
        layer.setCameras(randomCameras(3000));
        layer.setSelectedCameraId(QStringLiteral("cam-7"));
        const QPointF centre = vigil::map::geoToWorld({30.55, 119.95}, 0);
        const QSizeF size(viewWorld0, viewWorld0 * 0.625);
        int gridLabels = 0, scanLabels = 0;
        const auto grid = layer.draw(zoom, centre, size, &gridLabels);
        const int gridClusters = layer.lastClusterCount();
        layer.setSpatialIndexEnabled(false);
        const auto scan = layer.draw(zoom, centre, size, &scanLabels);
        QVERIFY(!scan.isEmpty());
        QCOMPARE(gridClusters, layer.lastClusterCount());
        QCOMPARE(gridLabels, scanLabels);
        QCOMPARE(grid.size(), scan.size());
        QCOMPARE(grid, scan);
    }

    // A province's model is read in slices between event-loop turns and indexed on a worker: setModel returns
    // before the rows are read (the previous cameras stay), `loading` says so, and then every camera is
    // there.
    void largeModelReadInSlices()
    {
        QStandardItemModel model;
        fill(model);
        for (int i = 0; i < 40000; ++i)
            addCamera(model, QStringLiteral("p%1").arg(i), true, QStringLiteral("live"));
        ProbeLayer layer;
        layer.setAsyncThreshold(1000);
        layer.setCameras(randomCameras(10));
        QSignalSpy loading(&layer, &CameraLayer::loadingChanged);
        layer.setModel(&model);
        QVERIFY(layer.loading());
        QCOMPARE(layer.cameraCount(), 10); // the previous cameras until the model is read
        // Health changes while the set loads are not lost: one row read already, one not yet.
        QVERIFY(model.setData(model.index(0, 0), QStringLiteral("alarm"), HealthRole));
        QVERIFY(model.setData(model.index(40003, 0), QStringLiteral("offline"), HealthRole));
        QTRY_VERIFY_WITH_TIMEOUT(!layer.loading(), 30000);
        QCOMPARE(layer.cameraCount(), 40003); // "hidden" has no position
        QCOMPARE(layer.cameraHealth(QStringLiteral("c")), QStringLiteral("offline"));
        QCOMPARE(layer.cameraHealth(QStringLiteral("p39998")), QStringLiteral("live"));
        QCOMPARE(layer.cameraHealth(QStringLiteral("a")), QStringLiteral("alarm"));
        QCOMPARE(layer.cameraHealth(QStringLiteral("p39999")), QStringLiteral("offline"));
        QCOMPARE(loading.size(), 2); // on once (reading, then indexing), off once
        // Indexed: a county view draws its cameras from the worker's grid.
        int labels = 0;
        const QPointF centre = vigil::map::geoToWorld({30.56, 119.96}, 0);
        QVERIFY(!layer.draw(10, centre, QSizeF(1, 1), &labels).isEmpty());
        QVERIFY(layer.lastClusterCount() > 0);
    }

    void camerasNearAPoint()
    {
        // 0.001 degree of latitude is about 111 m.
        CameraLayer layer;
        layer.setCameras({{QStringLiteral("far"), QStringLiteral("Far"), {30.010, 120.0}, 0, 0, QString()},
                          {QStringLiteral("b"), QStringLiteral("B"), {30.002, 120.0}, 0, 0, QString()},
                          {QStringLiteral("a"), QStringLiteral("A"), {30.001, 120.0}, 0, 0, QString()},
                          {QStringLiteral("c"), QStringLiteral("C"), {29.997, 120.0}, 0, 0, QString()}});
        const QVariantList near = layer.camerasNear(30.0, 120.0, 500, 16);
        QStringList ids;
        for (const QVariant &v : near)
            ids << v.toMap().value(QStringLiteral("cameraId")).toString();
        QCOMPARE(ids, QStringList({"a", "b", "c"})); // nearest first; "far" (1.1 km) is outside
        QVERIFY(std::abs(near.first().toMap().value(QStringLiteral("distance")).toDouble() - 111.2) < 1);
        QCOMPARE(layer.camerasNear(30.0, 120.0, 500, 2).size(), 2);
        QVERIFY(layer.camerasNear(31.0, 121.0, 500, 16).isEmpty());
    }
};

QTEST_MAIN(TestCameraLayer)
#include "tst_camera_layer.moc"
