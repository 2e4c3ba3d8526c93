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
Tour tour(const QStringList &cameras, int current = 0, int dwell = 10, bool paused = false,
          const QStringList &skipped = {})
{
    Tour t;
    t.cameras = cameras;
    t.current = current;
    t.dwellSeconds = dwell;
    t.paused = paused;
    t.skipped = skipped;
    return t;
}
WallState withTours(WallState s, const QMap<int, Tour> &tours)
{
    s.tours = tours;
    return s;
}
} // namespace

namespace QTest {
template<> char *toString(const WallState &s)
{
    QString tours;
    for (auto it = s.tours.cbegin(); it != s.tours.cend(); ++it)
        tours += QStringLiteral(" tour@%1[%2] cur %3 dwell %4%5 skipped[%6]")
                     .arg(it.key())
                     .arg(it->cameras.join(u','))
                     .arg(it->current)
                     .arg(it->dwellSeconds)
                     .arg(it->paused ? QStringLiteral(" paused") : QString())
                     .arg(it->skipped.join(u','));
    return qstrdup(QStringLiteral("{layout %1, tiles [%2], max %3%4}")
                       .arg(s.layoutId, s.tileCameras.join(u','))
                       .arg(s.maximizedTile)
                       .arg(tours)
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

        // Tours
        const WallState touring = withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"})}});
        QTest::newRow("start tour: first camera on the tile")
            << make("4", {"a"}) << Action(StartTour{1, {"x", "y", "z"}, 10}) << touring;
        QTest::newRow("start tour drops empty ids and repeats")
            << make("4", {"a"}) << Action(StartTour{1, {"", "x", "y", "x", "z", "y"}, 10}) << touring;
        QTest::newRow("start tour clamps dwell up to 3 s")
            << make("4", {}) << Action(StartTour{0, {"x", "y"}, 1})
            << withTours(make("4", {"x"}), {{0, tour({"x", "y"}, 0, 3)}});
        QTest::newRow("start tour clamps dwell down to 1 h")
            << make("4", {}) << Action(StartTour{0, {"x"}, 99999})
            << withTours(make("4", {"x"}), {{0, tour({"x"}, 0, 3600)}});
        QTest::newRow("start tour with no camera no-op")
            << four << Action(StartTour{0, {"", ""}, 10}) << four;
        QTest::newRow("start tour out of range no-op") << four << Action(StartTour{4, {"x"}, 10}) << four;
        QTest::newRow("start tour replaces a running one")
            << touring << Action(StartTour{1, {"q", "r"}, 5})
            << withTours(make("4", {"a", "q"}), {{1, tour({"q", "r"}, 0, 5)}});
        QTest::newRow("stop tour keeps the current camera")
            << withTours(make("4", {"a", "y"}), {{1, tour({"x", "y", "z"}, 1)}}) << Action(StopTour{1})
            << make("4", {"a", "y"});
        QTest::newRow("stop tour where none no-op") << touring << Action(StopTour{0}) << touring;
        QTest::newRow("advance: next camera")
            << touring << Action(AdvanceTour{1})
            << withTours(make("4", {"a", "y"}), {{1, tour({"x", "y", "z"}, 1)}});
        QTest::newRow("advance wraps") << withTours(make("4", {"a", "z"}), {{1, tour({"x", "y", "z"}, 2)}})
                                       << Action(AdvanceTour{1}) << touring;
        QTest::newRow("advance to an index, clears its skip mark")
            << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 10, false, {"y", "z"})}})
            << Action(AdvanceTour{1, 2})
            << withTours(make("4", {"a", "z"}), {{1, tour({"x", "y", "z"}, 2, 10, false, {"y"})}});
        QTest::newRow("advance to a bad index no-op") << touring << Action(AdvanceTour{1, 3}) << touring;
        QTest::newRow("advance without tour no-op") << touring << Action(AdvanceTour{0}) << touring;
        QTest::newRow("advance single-camera tour no-op")
            << withTours(make("4", {"x"}), {{0, tour({"x"})}}) << Action(AdvanceTour{0})
            << withTours(make("4", {"x"}), {{0, tour({"x"})}});
        QTest::newRow("pause") << touring << Action(SetTourPaused{1, true})
                               << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 10, true)}});
        QTest::newRow("resume") << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 10, true)}})
                                << Action(SetTourPaused{1, false}) << touring;
        QTest::newRow("pause without tour no-op") << four << Action(SetTourPaused{0, true}) << four;
        QTest::newRow("dwell") << touring << Action(SetTourDwell{1, 30})
                               << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 30)}});
        QTest::newRow("dwell clamped low")
            << touring << Action(SetTourDwell{1, 1})
            << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 3)}});
        QTest::newRow("dwell clamped high")
            << touring << Action(SetTourDwell{1, 99999})
            << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 3600)}});
        QTest::newRow("dwell without tour no-op") << four << Action(SetTourDwell{0, 30}) << four;
        QTest::newRow("mark skipped")
            << touring << Action(MarkTourSkipped{1, "y"})
            << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 10, false, {"y"})}});
        QTest::newRow("mark skipped twice is once")
            << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 10, false, {"y"})}})
            << Action(MarkTourSkipped{1, "y"})
            << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y", "z"}, 0, 10, false, {"y"})}});
        QTest::newRow("mark a camera not in the tour no-op")
            << touring << Action(MarkTourSkipped{1, "q"}) << touring;
        QTest::newRow("assign camera stops the tour")
            << touring << Action(AssignCamera{1, "q"}) << make("4", {"a", "q"});
        QTest::newRow("clear tile stops the tour") << touring << Action(ClearTile{1}) << make("4", {"a"});
        QTest::newRow("swap moves the tour with its tile")
            << touring << Action(SwapTiles{1, 3})
            << withTours(make("4", {"a", "", "", "x"}), {{3, tour({"x", "y", "z"})}});
        QTest::newRow("layout change keeps hidden tours")
            << touring << Action(SetLayout{"1"})
            << withTours(make("1", {"a", "x"}), {{1, tour({"x", "y", "z"})}});
        QTest::newRow("remove the current camera: tile moves on")
            << touring << Action(RemoveCamera{"x"})
            << withTours(make("4", {"a", "y"}), {{1, tour({"y", "z"})}});
        QTest::newRow("remove an earlier camera keeps the current one")
            << withTours(make("4", {"a", "z"}), {{1, tour({"x", "y", "z"}, 2, 10, false, {"x"})}})
            << Action(RemoveCamera{"x"}) << withTours(make("4", {"a", "z"}), {{1, tour({"y", "z"}, 1)}});
        QTest::newRow("remove the last current camera wraps")
            << withTours(make("4", {"a", "z"}), {{1, tour({"x", "y", "z"}, 2)}}) << Action(RemoveCamera{"z"})
            << withTours(make("4", {"a", "x"}), {{1, tour({"x", "y"}, 0)}});
        QTest::newRow("remove the only camera stops the tour")
            << withTours(make("4", {"a", "x"}), {{1, tour({"x"})}}) << Action(RemoveCamera{"x"})
            << make("4", {"a"});
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
        QTest::newRow("tours, paused, hidden")
            << withTours(make("1", {"a", "y", "", "q"}),
                         {{1, tour({"x", "y", "z"}, 1, 7, true)}, {3, tour({"q", "r"}, 0, 3)}});
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

    void jsonSkipMarksAreNotSaved()
    {
        const WallState s = withTours(make("4", {"x"}), {{0, tour({"x", "y"}, 0, 10, false, {"y"})}});
        const auto back = fromJson(toJsonBytes(s));
        QVERIFY(back);
        QCOMPARE(*back, withTours(make("4", {"x"}), {{0, tour({"x", "y"})}}));
    }

    void jsonWithoutToursStillLoads()
    {
        // A wall.json written before tours existed.
        const auto s = fromJson(QByteArray("{\"version\":1,\"layout\":\"4\",\"tiles\":[\"a\",\"b\"],"
                                           "\"maximizedTile\":-1}"));
        QVERIFY(s);
        QCOMPARE(*s, make("4", {"a", "b"}));
    }

    void jsonToursLenient()
    {
        // Bad entries dropped, dwell clamped, bad current -> 0, the tile shows the tour's current camera.
        const auto s =
            fromJson(QByteArray("{\"version\":1,\"layout\":\"4\",\"tiles\":[\"a\",\"stale\"],\"tours\":["
                                "{\"tile\":1,\"cameras\":[\"x\",\"\",\"y\",\"x\"],\"dwell\":1,\"current\":9},"
                                "{\"tile\":1,\"cameras\":[\"dup\"]},"
                                "{\"tile\":2,\"cameras\":[]},"
                                "{\"tile\":99,\"cameras\":[\"far\"]},"
                                "\"junk\"]}"));
        QVERIFY(s);
        QCOMPARE(*s, withTours(make("4", {"a", "x"}), {{1, tour({"x", "y"}, 0, 3)}}));
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
