// CameraLayer reads each camera's health from the model's "health" role by name (the words of
// vigil/core/health_role.h) and colours the camera's dot by it: a dataChanged of that role alone recolours
// the camera at once, without reloading the model; a model without the role, or a word it does not know,
// leaves the camera unknown. Pixels of the drawn dots are checked in
// tests/integration/map/tst_map_screenshot.
#include "vigil/core/health_role.h"
#include "vigil/map/camera_layer.h"

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
