// WallState reducer, table-driven: each row is a start state, one action, and the expected state. Plus JSON.
#include "vigil/wall/wall_state.h"

#include <QtCore/QJsonDocument>
#include <QtTest/QTest>

using namespace vigil::wall;

Q_DECLARE_METATYPE(vigil::wall::WallState)
Q_DECLARE_METATYPE(vigil::wall::Action)

namespace {
WallState make(const QString &layout, const QStringList &tiles, int maximized = -1)
{
    WallState s;
    s.layoutId = layout;
    s.tileCameras = tiles;
    s.maximizedTile = maximized;
    return s;
}
} // namespace

namespace QTest {
template<> char *toString(const WallState &s)
{
    return qstrdup(QStringLiteral("{layout %1, tiles [%2], max %3}")
                       .arg(s.layoutId, s.tileCameras.join(u','))
                       .arg(s.maximizedTile)
                       .toUtf8()
                       .constData());
}
} // namespace QTest

class TestWallState : public QObject
{
    Q_OBJECT

private slots:
    void defaults()
    {
        const WallState s;
        QCOMPARE(s.layoutId, QStringLiteral("4"));
        QVERIFY(s.tileCameras.isEmpty());
        QCOMPARE(s.maximizedTile, -1);
        QCOMPARE(s.tileCount(), 4);
    }

    void reduce_data()
    {
        QTest::addColumn<WallState>("before");
        QTest::addColumn<Action>("action");
        QTest::addColumn<WallState>("after");

        const WallState four = make("4", {"a", "b", "", "d"});

        // SetLayout
        QTest::newRow("layout 4->16 keeps tiles")
            << four << Action(SetLayout{"16"}) << make("16", {"a", "b", "", "d"});
        QTest::newRow("layout 16->4 keeps hidden slots")
            << make("16", {"a", "", "", "", "", "f"}) << Action(SetLayout{"4"})
            << make("4", {"a", "", "", "", "", "f"});
        QTest::newRow("layout change restores maximize")
            << make("4", {"a"}, 0) << Action(SetLayout{"9"}) << make("9", {"a"});
        QTest::newRow("unknown layout ignored") << four << Action(SetLayout{"7"}) << four;
        QTest::newRow("same layout no-op")
            << make("4", {"a"}, 0) << Action(SetLayout{"4"}) << make("4", {"a"}, 0);

        // AssignCamera
        QTest::newRow("assign empty tile")
            << four << Action(AssignCamera{2, "c"}) << make("4", {"a", "b", "c", "d"});
        QTest::newRow("assign replaces")
            << four << Action(AssignCamera{0, "z"}) << make("4", {"z", "b", "", "d"});
        QTest::newRow("assign pads slots")
            << WallState{} << Action(AssignCamera{3, "x"}) << make("4", {"", "", "", "x"});
        QTest::newRow("same camera twice allowed")
            << four << Action(AssignCamera{2, "a"}) << make("4", {"a", "b", "a", "d"});
        QTest::newRow("assign beyond layout ignored") << four << Action(AssignCamera{4, "x"}) << four;
        QTest::newRow("assign negative ignored") << four << Action(AssignCamera{-1, "x"}) << four;
        QTest::newRow("assign empty id clears")
            << make("4", {"a", "b"}, 1) << Action(AssignCamera{1, ""}) << make("4", {"a"});

        // SwapTiles
        QTest::newRow("swap") << four << Action(SwapTiles{0, 3}) << make("4", {"d", "b", "", "a"});
        QTest::newRow("swap with empty") << four << Action(SwapTiles{1, 2}) << make("4", {"a", "", "b", "d"});
        QTest::newRow("swap trims trailing")
            << make("4", {"a", "", "", "d"}) << Action(SwapTiles{3, 1}) << make("4", {"a", "d"});
        QTest::newRow("swap same tile no-op") << four << Action(SwapTiles{1, 1}) << four;
        QTest::newRow("swap out of range no-op") << four << Action(SwapTiles{0, 4}) << four;
        QTest::newRow("swap keeps maximize on slot")
            << make("4", {"a", "b"}, 0) << Action(SwapTiles{0, 1}) << make("4", {"b", "a"}, 0);

        // ClearTile
        QTest::newRow("clear") << four << Action(ClearTile{1}) << make("4", {"a", "", "", "d"});
        QTest::newRow("clear last trims") << four << Action(ClearTile{3}) << make("4", {"a", "b"});
        QTest::newRow("clear maximized restores")
            << make("4", {"a", "b"}, 1) << Action(ClearTile{1}) << make("4", {"a"});
        QTest::newRow("clear other keeps maximize")
            << make("4", {"a", "b"}, 1) << Action(ClearTile{0}) << make("4", {"", "b"}, 1);
        QTest::newRow("clear empty no-op") << four << Action(ClearTile{2}) << four;
        QTest::newRow("clear out of range no-op") << four << Action(ClearTile{9}) << four;

        // ToggleMaximize
        QTest::newRow("maximize") << four << Action(ToggleMaximize{1}) << make("4", {"a", "b", "", "d"}, 1);
        QTest::newRow("restore") << make("4", {"a"}, 0) << Action(ToggleMaximize{0}) << make("4", {"a"});
        QTest::newRow("maximize other")
            << make("4", {"a", "b"}, 0) << Action(ToggleMaximize{1}) << make("4", {"a", "b"}, 1);
        QTest::newRow("maximize out of range no-op") << four << Action(ToggleMaximize{4}) << four;
        QTest::newRow("maximize -1 no-op")
            << make("4", {"a"}, 0) << Action(ToggleMaximize{-1}) << make("4", {"a"}, 0);

        // RemoveCamera
        QTest::newRow("remove camera everywhere incl. hidden slots")
            << make("4", {"a", "b", "a", "", "", "a"}) << Action(RemoveCamera{"a"}) << make("4", {"", "b"});
        QTest::newRow("remove maximized camera restores")
            << make("4", {"a", "b"}, 0) << Action(RemoveCamera{"a"}) << make("4", {"", "b"});
        QTest::newRow("remove unknown no-op") << four << Action(RemoveCamera{"zz"}) << four;
        QTest::newRow("remove empty id no-op") << four << Action(RemoveCamera{""}) << four;
    }

    void reduce()
    {
        QFETCH(WallState, before);
        QFETCH(Action, action);
        QFETCH(WallState, after);
        QCOMPARE(vigil::wall::reduce(before, action), after);
    }

    void placeCamera_data()
    {
        QTest::addColumn<WallState>("state");
        QTest::addColumn<bool>("replace");
        QTest::addColumn<int>("tile");
        QTest::addColumn<int>("how");
        const QString c = QStringLiteral("cam");
        QTest::newRow("empty wall: first tile") << make("4", {}) << true << 0 << int(Placement::Empty);
        QTest::newRow("first empty tile") << make("4", {"a", "", "b"}) << false << 1 << int(Placement::Empty);
        QTest::newRow("already shown: that tile, nothing else")
            << make("4", {"a", "", c}) << true << 2 << int(Placement::AlreadyShown);
        QTest::newRow("shown twice, one maximized: the maximized one")
            << make("4", {c, "", c}, 2) << true << 2 << int(Placement::AlreadyShown);
        QTest::newRow("hidden by the layout is not shown")
            << make("4", {"a", "b", "c", "d", c}) << true << 3 << int(Placement::Replaced);
        QTest::newRow("full, replace: the last tile")
            << make("4", {"a", "b", "c", "d"}) << true << 3 << int(Placement::Replaced);
        QTest::newRow("full, no replace: none")
            << make("4", {"a", "b", "c", "d"}) << false << -1 << int(Placement::None);
        QTest::newRow("merged layout full: its last (smallest) tile")
            << make("6", {"a", "b", "c", "d", "e", "f"}) << true << 5 << int(Placement::Replaced);
    }
    void placeCamera()
    {
        QFETCH(WallState, state);
        QFETCH(bool, replace);
        QFETCH(int, tile);
        QFETCH(int, how);
        const Placement p = vigil::wall::placeCamera(state, QStringLiteral("cam"), replace);
        QCOMPARE(p.tile, tile);
        QCOMPARE(int(p.how), how);
        QCOMPARE(vigil::wall::placeCamera(state, QString(), replace).how, Placement::None);
    }

    void switching16To4To16Restores()
    {
        WallState s = make("16", {});
        for (int i = 0; i < 16; ++i)
            s = vigil::wall::reduce(s, AssignCamera{i, QStringLiteral("cam-%1").arg(i)});
        const WallState full = s;
        s = vigil::wall::reduce(s, SetLayout{"4"});
        QCOMPARE(s.tileCount(), 4);
        s = vigil::wall::reduce(s, SwapTiles{0, 1});
        s = vigil::wall::reduce(s, SwapTiles{0, 1});
        s = vigil::wall::reduce(s, SetLayout{"16"});
        QCOMPARE(s, full);
    }

    void json_data()
    {
        QTest::addColumn<WallState>("state");
        QTest::newRow("default") << WallState{};
        QTest::newRow("maximized 13") << make("13", {"a", "", "c"}, 2);
        QTest::newRow("hidden slots") << make("1", {"a", "b", "", "d"});
    }

    void json()
    {
        QFETCH(WallState, state);
        const QByteArray bytes = toJsonBytes(state);
        QCOMPARE(QJsonDocument::fromJson(bytes).object().value(u"version").toInt(), kWallJsonVersion);
        QString error;
        const auto back = fromJson(bytes, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, state);
    }

    void jsonRejects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("garbage") << QByteArray("nope");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("no version") << QByteArray("{\"layout\":\"4\",\"tiles\":[]}");
        QTest::newRow("newer version") << QByteArray("{\"version\":2,\"layout\":\"4\",\"tiles\":[]}");
        QTest::newRow("no tiles") << QByteArray("{\"version\":1,\"layout\":\"4\"}");
        QTest::newRow("layout not a string") << QByteArray("{\"version\":1,\"layout\":4,\"tiles\":[]}");
    }

    void jsonRejects()
    {
        QFETCH(QByteArray, bytes);
        QString error;
        QVERIFY(!fromJson(bytes, &error));
        QVERIFY(!error.isEmpty());
    }

    void jsonLenientContent()
    {
        const auto s = fromJson(QByteArray(
            "{\"version\":1,\"layout\":\"7\",\"tiles\":[\"a\",3,null,\"d\",\"\"],\"maximizedTile\":12}"));
        QVERIFY(s);
        QCOMPARE(*s, make("4", {"a", "", "", "d"})); // unknown layout -> default, bad maximize -> -1
    }
};

QTEST_GUILESS_MAIN(TestWallState)
#include "tst_wall_state.moc"
