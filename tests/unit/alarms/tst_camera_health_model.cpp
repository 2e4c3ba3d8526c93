// CameraHealthModel: a camera list model plus CameraHealth's status as the "health" role. The role is named
// "health" and numbered after the source's roles, carries the words of vigil/core/health_role.h, and a status
// change emits dataChanged for that camera's row with that role only — also after the source's rows moved.
// The map's camera layer reading it is tests/unit/map/tst_camera_layer.cpp (and tests/qml/tst_imports.qml
// with the real directory).
#include "vigil/alarms/camera_health_model.h"
#include "vigil/core/health_role.h"

#include <QtGui/QStandardItemModel>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using vigil::alarms::CameraHealth;
using vigil::alarms::CameraHealthModel;
using Feed = CameraHealth::FeedState;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kNameRole = Qt::UserRole + 2;

QStandardItem *cameraItem(const QString &id)
{
    auto *item = new QStandardItem;
    item->setData(id, kIdRole);
    item->setData(QStringLiteral("Camera ") + id, kNameRole);
    return item;
}

// A stand-in for the directory: rows with cameraId and name.
void fill(QStandardItemModel &source, const QStringList &ids)
{
    source.setItemRoleNames({{kIdRole, "cameraId"}, {kNameRole, "name"}});
    for (const QString &id : ids)
        source.appendRow(cameraItem(id));
}

QString healthAt(const CameraHealthModel &model, int row)
{
    return model.data(model.index(row, 0), model.healthRole()).toString();
}

} // namespace

class TestCameraHealthModel : public QObject
{
    Q_OBJECT

private slots:
    void healthRoleBesideTheSourceRoles()
    {
        QStandardItemModel source;
        fill(source, {QStringLiteral("a"), QStringLiteral("b")});
        CameraHealth board(nullptr);
        CameraHealthModel model;
        model.setHealth(&board);
        model.setSourceModel(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(model.healthRole(), kNameRole + 1);
        const QHash<int, QByteArray> names = model.roleNames();
        QCOMPARE(names.value(model.healthRole()), QByteArray("health"));
        QCOMPARE(names.value(kIdRole), QByteArray("cameraId")); // the source's roles stay
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(1, 0), kNameRole).toString(), QStringLiteral("Camera b"));
        QCOMPARE(healthAt(model, 0), QStringLiteral("unknown"));
    }

    void statusChangeIsDataChangedOfThatRow()
    {
        QStandardItemModel source;
        fill(source, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        CameraHealth board(nullptr);
        CameraHealthModel model;
        model.setHealth(&board);
        model.setSourceModel(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);

        int feed = 0;
        board.report(&feed, QStringLiteral("b"), Feed::Playing);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toModelIndex(), model.index(1, 0));
        QCOMPARE(spy.at(0).at(1).toModelIndex(), model.index(1, 0));
        QCOMPARE(spy.at(0).at(2).value<QList<int>>(), QList<int>{model.healthRole()});
        QCOMPARE(healthAt(model, 1), QStringLiteral("live"));

        board.setAlarm(QStringLiteral("b"), true);
        QCOMPARE(healthAt(model, 1), QStringLiteral("alarm"));
        board.setAlarm(QStringLiteral("b"), false);
        board.report(&feed, QStringLiteral("b"), Feed::Failing);
        QCOMPARE(healthAt(model, 1), QStringLiteral("offline"));
        board.forget(&feed);
        QCOMPARE(healthAt(model, 1), QStringLiteral("unknown"));
        QCOMPARE(spy.size(), 5);

        // A camera the model does not list: nothing to tell.
        spy.clear();
        board.setAlarm(QStringLiteral("elsewhere"), true);
        QCOMPARE(spy.size(), 0);
    }

    void rowsFollowTheSource()
    {
        QStandardItemModel source;
        fill(source, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        CameraHealth board(nullptr);
        CameraHealthModel model;
        model.setHealth(&board);
        model.setSourceModel(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);

        board.setAlarm(QStringLiteral("c"), true); // builds the id -> row lookup
        QCOMPARE(spy.takeFirst().at(0).toModelIndex().row(), 2);
        source.removeRow(0); // c moves up to row 1
        source.insertRow(0, cameraItem(QStringLiteral("d")));
        source.insertRow(0, cameraItem(QStringLiteral("e"))); // e d b c
        board.setAlarm(QStringLiteral("c"), false);
        QCOMPARE(spy.takeFirst().at(0).toModelIndex().row(), 3);
        board.setAlarm(QStringLiteral("d"), true);
        QCOMPARE(spy.takeFirst().at(0).toModelIndex().row(), 1);
        QCOMPARE(healthAt(model, 1), QStringLiteral("alarm"));
        // A row whose camera id changes is found under its new id.
        source.setData(source.index(1, 0), QStringLiteral("f"), kIdRole);
        QCOMPARE(healthAt(model, 1), QStringLiteral("unknown"));
        spy.clear();
        board.setAlarm(QStringLiteral("f"), true);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.takeFirst().at(0).toModelIndex().row(), 1);
    }

    void anotherBoardChangesEveryRow()
    {
        QStandardItemModel source;
        fill(source, {QStringLiteral("a"), QStringLiteral("b")});
        CameraHealth first(nullptr);
        CameraHealth second(nullptr);
        second.setAlarm(QStringLiteral("a"), true);
        CameraHealthModel model;
        model.setHealth(&first);
        model.setSourceModel(&source);
        QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(healthAt(model, 0), QStringLiteral("unknown"));
        model.setHealth(&second);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(spy.at(0).at(1).toModelIndex().row(), 1);
        QCOMPARE(healthAt(model, 0), QStringLiteral("alarm"));
        // Only the board in use is heard.
        spy.clear();
        first.setAlarm(QStringLiteral("b"), true);
        QCOMPARE(spy.size(), 0);
    }

    void wordsAreTheSharedOnes_data()
    {
        QTest::addColumn<CameraHealth::Status>("status");
        QTest::addColumn<QString>("word");
        namespace h = vigil::core::health;
        QTest::newRow("unknown") << CameraHealth::Unknown << QString(h::kUnknown);
        QTest::newRow("live") << CameraHealth::Live << QString(h::kLive);
        QTest::newRow("offline") << CameraHealth::Offline << QString(h::kOffline);
        QTest::newRow("alarm") << CameraHealth::Alarm << QString(h::kAlarm);
    }
    void wordsAreTheSharedOnes()
    {
        QFETCH(CameraHealth::Status, status);
        QFETCH(QString, word);
        QCOMPARE(QString(CameraHealthModel::healthWord(status)), word);
    }

    void noSourceNoRole()
    {
        CameraHealthModel model;
        QCOMPARE(model.healthRole(), -1);
        QVERIFY(!model.roleNames().values().contains("health"));
        QCOMPARE(model.health(), CameraHealth::instance()); // the process's board unless told otherwise
    }
};

QTEST_GUILESS_MAIN(TestCameraHealthModel)
#include "tst_camera_health_model.moc"
