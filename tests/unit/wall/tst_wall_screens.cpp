// Wall screens and scenes: stable screen keys (never the index), --wall-screens parsing, the scene book's
// pure operations and scenes.json (table-driven), and WallScreenSet saving and recalling a scene across the
// console's wall and two screens' walls, with a damaged scenes.json kept aside.
#include "vigil/wall/wall_screen_set.h"
#include "vigil/wall/wall_screens.h"
#include "vigil/wall/wall_store.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace vigil::wall;

namespace {
WallState wallOf(const QString &layout, const QStringList &cameras)
{
    WallState w;
    w.layoutId = layout;
    w.tileCameras = cameras;
    return w;
}
} // namespace

class TestWallScreens : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qputenv("VIGIL_CONFIG_DIR", QFile::encodeName(m_dir->path()));
    }

    void screenKeys_data()
    {
        QTest::addColumn<QList<ScreenInfo>>("screens");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("edid words and position")
            << QList<ScreenInfo>{{"HDMI-1", "Dell", "U2720Q", "ABC123", QRect(0, 0, 3840, 2160)},
                                 {"DP-2", "Dell", "U2720Q", "ABC124", QRect(3840, 0, 3840, 2160)}}
            << QStringList{"Dell-U2720Q-ABC123@0,0", "Dell-U2720Q-ABC124@3840,0"};
        // The same monitors swapped between connectors keep their keys: the connector is not in the key.
        QTest::newRow("cables swapped")
            << QList<ScreenInfo>{{"DP-2", "Dell", "U2720Q", "ABC123", QRect(0, 0, 3840, 2160)},
                                 {"HDMI-1", "Dell", "U2720Q", "ABC124", QRect(3840, 0, 3840, 2160)}}
            << QStringList{"Dell-U2720Q-ABC123@0,0", "Dell-U2720Q-ABC124@3840,0"};
        QTest::newRow("no edid: connector name")
            << QList<ScreenInfo>{{"HDMI 1", "", " ", "", QRect(0, 0, 1920, 1080)}}
            << QStringList{"HDMI-1@0,0"};
        // Two X screens of one Xvfb: same name, same position; numbered in order.
        QTest::newRow("identical screens")
            << QList<ScreenInfo>{{"screen", "", "", "", QRect(0, 0, 1280, 720)},
                                 {"screen", "", "", "", QRect(0, 0, 1280, 720)},
                                 {"screen", "", "", "", QRect(0, 0, 1280, 720)}}
            << QStringList{"screen@0,0", "screen@0,0#2", "screen@0,0#3"};
        QTest::newRow("unsafe characters, never the console's key")
            << QList<ScreenInfo>{{"console", "", "", "", QRect(0, 0, 10, 10)},
                                 {"x", "A/B", "C+D", "", QRect(-1920, 0, 10, 10)}}
            << QStringList{"_console@0,0", "A-B-C-D@-1920,0"};
    }
    void screenKeys()
    {
        QFETCH(QList<ScreenInfo>, screens);
        QFETCH(QStringList, keys);
        const QStringList got = vigil::wall::screenKeys(screens);
        QCOMPARE(got, keys);
        static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._@,#-]+$"));
        for (const QString &k : got) {
            QVERIFY2(safe.match(k).hasMatch(), qPrintable(k));
            QVERIFY(wallFileName(k).startsWith(QLatin1String("wall-")));
            QVERIFY(!wallFileName(k).contains(QLatin1Char('#')));
        }
        QCOMPARE(wallFileName(kConsoleKey.toString()), QStringLiteral("wall.json"));
    }

    void screenSelection_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QList<int>>("indices");
        QTest::newRow("all") << "all" << 3 << true << QList<int>{0, 1, 2};
        QTest::newRow("ALL, spaces") << " All " << 2 << true << QList<int>{0, 1};
        QTest::newRow("none") << "none" << 2 << true << QList<int>{};
        QTest::newRow("empty") << "" << 2 << true << QList<int>{};
        QTest::newRow("list, sorted, no repeats") << "3,2,3" << 3 << true << QList<int>{1, 2};
        QTest::newRow("beyond the screens") << "2,4" << 3 << false << QList<int>{};
        QTest::newRow("zero") << "0" << 3 << false << QList<int>{};
        QTest::newRow("word") << "left" << 3 << false << QList<int>{};
    }
    void screenSelection()
    {
        QFETCH(QString, text);
        QFETCH(int, count);
        QFETCH(bool, ok);
        QFETCH(QList<int>, indices);
        QString error;
        const auto got = parseScreenSelection(text, count, &error);
        QCOMPARE(got.has_value(), ok);
        if (ok) {
            QCOMPARE(*got, indices);
        } else {
            QVERIFY(!error.isEmpty());
            QVERIFY2(error.contains(QLatin1String("screen")), qPrintable(error));
        }
    }

    void sceneBookOperations()
    {
        const QMap<QString, WallState> a{{"console", wallOf("4", {"c1"})}};
        const QMap<QString, WallState> b{{"console", wallOf("9", {"c2"})}};
        SceneBook book;
        book = putScene(book, QStringLiteral("  Night   patrol "), a);
        QCOMPARE(book.scenes.size(), 1);
        QCOMPARE(book.scenes.at(0).name, QStringLiteral("Night patrol"));
        QCOMPARE(putScene(book, QStringLiteral("  "), b), book); // no name: no-op
        book = putScene(book, QStringLiteral("Fire"), a);
        book = putScene(book, QStringLiteral("Night patrol"), b); // replaced in place
        QCOMPARE(book.scenes.size(), 2);
        QCOMPARE(book.indexOf(QStringLiteral("Night patrol")), 0);
        QCOMPARE(book.scenes.at(0).walls.value("console").layoutId, QStringLiteral("9"));
        QCOMPARE(renameScene(book, "Fire", "Night patrol"), book); // taken
        book = renameScene(book, "Fire", "Market fire");
        QCOMPARE(book.indexOf(QStringLiteral("Market fire")), 1);
        book = removeScene(book, QStringLiteral("Night patrol"));
        QCOMPARE(book.scenes.size(), 1);
        // Skip marks are a runtime fact, not part of a scene.
        WallState touring = wallOf("4", {"c1"});
        touring.tours.insert(0, Tour{{"c1", "c2"}, 10, 0, false, {"c2"}});
        book = putScene(book, QStringLiteral("Tour"), {{"console", touring}});
        QVERIFY(book.scenes.last().walls.value("console").tours.value(0).skipped.isEmpty());
    }

    void scenesJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("scenes");
        QTest::newRow("empty book") << QByteArray(R"({"version":1,"scenes":[]})") << true << 0;
        QTest::newRow("two scenes, a nameless and a repeated one dropped")
            << QByteArray(
                   R"({"version":1,"scenes":[{"name":"A","walls":{"console":{"version":1,"layout":"4",)"
                   R"("tiles":["c1"]}}},{"name":"","walls":{}},{"name":"A","walls":{}},{"name":"B"}]})")
            << true << 2;
        QTest::newRow("not json") << QByteArray("{oops") << false << 0;
        QTest::newRow("not an object") << QByteArray("[]") << false << 0;
        QTest::newRow("newer version") << QByteArray(R"({"version":7,"scenes":[]})") << false << 0;
        QTest::newRow("scenes not a list") << QByteArray(R"({"version":1,"scenes":{}})") << false << 0;
    }
    void scenesJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(int, scenes);
        QString error;
        const auto book = sceneBookFromJson(json, &error);
        QCOMPARE(book.has_value(), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QCOMPARE(book->scenes.size(), scenes);
        QCOMPARE(sceneBookFromJson(toJsonBytes(*book)), book); // round trip
    }

    // Save on a wall of three (console + two screens), change everything, recall: every screen is back.
    void saveAndRecallAcrossScreens()
    {
        WallStore console(nullptr);
        WallStore left(nullptr, nullptr, wallFileName(QStringLiteral("screen@0,0")));
        WallStore right(nullptr, nullptr, wallFileName(QStringLiteral("screen@0,0#2")));
        WallScreenSet set(&console);
        QVERIFY(set.load());
        set.addScreen(QStringLiteral("screen@0,0"), 1, &left);
        set.addScreen(QStringLiteral("screen@0,0#2"), 2, &right);
        QCOMPARE(set.count(), 2);
        QCOMPARE(set.keys(), QStringList({"screen@0,0", "screen@0,0#2"}));
        QCOMPARE(set.screens().at(1).toMap().value("number").toInt(), 2);

        console.setLayout(QStringLiteral("1"));
        console.assignCamera(0, QStringLiteral("c1"));
        left.setLayout(QStringLiteral("9"));
        left.assignCamera(8, QStringLiteral("c2"));
        QVERIFY(right.startTour(0, {"c3", "c4"}, 5));
        QVERIFY(set.saveScene(QStringLiteral("Normal")));
        QCOMPARE(set.currentScene(), QStringLiteral("Normal"));
        QCOMPARE(set.sceneNames(), QStringList{"Normal"});

        console.setLayout(QStringLiteral("4")); // any change: the wall no longer shows the scene
        QCOMPARE(set.currentScene(), QString());
        left.clearTile(8);
        right.stopTour(0);
        right.setLayout(QStringLiteral("16"));

        QSignalSpy recalled(&set, &WallScreenSet::sceneRecalled);
        QVERIFY(!set.recallScene(QStringLiteral("No such scene")));
        QVERIFY(set.recallScene(QStringLiteral("Normal")));
        QCOMPARE(recalled.count(), 1);
        QCOMPARE(set.currentScene(), QStringLiteral("Normal"));
        QCOMPARE(console.layoutId(), QStringLiteral("1"));
        QCOMPARE(console.state().cameraAt(0), QStringLiteral("c1"));
        QCOMPARE(left.layoutId(), QStringLiteral("9"));
        QCOMPARE(left.state().cameraAt(8), QStringLiteral("c2"));
        QCOMPARE(right.layoutId(), QStringLiteral("4"));
        QVERIFY(right.state().tourAt(0));
        QCOMPARE(right.state().tourAt(0)->cameras, QStringList({"c3", "c4"}));

        // Kept across a restart, and a screen the scene does not know keeps what it shows.
        WallStore console2(nullptr);
        WallStore other(nullptr, nullptr, wallFileName(QStringLiteral("other@0,0")));
        other.setLayout(QStringLiteral("25"));
        WallScreenSet again(&console2);
        QVERIFY(again.load());
        again.addScreen(QStringLiteral("other@0,0"), 1, &other);
        QCOMPARE(again.sceneNames(), QStringList{"Normal"});
        QVERIFY(again.recallSceneAt(0));
        QCOMPARE(console2.layoutId(), QStringLiteral("1"));
        QCOMPARE(other.layoutId(), QStringLiteral("25"));
        QVERIFY(!again.recallSceneAt(1));

        again.deleteScene(QStringLiteral("Normal"));
        QVERIFY(again.sceneNames().isEmpty());
        QCOMPARE(again.currentScene(), QString());
    }

    // One undo order across the console and the screens; a recalled scene is one step on every screen.
    void undoAcrossScreens()
    {
        WallStore console(nullptr);
        WallStore screen(nullptr, nullptr, wallFileName(QStringLiteral("s@0,0")));
        WallScreenSet set(&console);
        set.addScreen(QStringLiteral("s@0,0"), 1, &screen);
        QVERIFY(!set.canUndo());
        console.setLayout(QStringLiteral("1"));
        screen.setLayout(QStringLiteral("9"));
        QVERIFY(set.saveScene(QStringLiteral("A")));
        console.setLayout(QStringLiteral("16"));
        screen.setLayout(QStringLiteral("25"));
        QVERIFY(set.recallScene(QStringLiteral("A")));
        QCOMPARE(console.layoutId(), QStringLiteral("1"));
        QCOMPARE(screen.layoutId(), QStringLiteral("9"));

        QVERIFY(set.undo()); // the recall, on both screens at once
        QCOMPARE(console.layoutId(), QStringLiteral("16"));
        QCOMPARE(screen.layoutId(), QStringLiteral("25"));
        QCOMPARE(set.currentScene(), QString());
        QVERIFY(set.undo()); // the screen's last step
        QCOMPARE(screen.layoutId(), QStringLiteral("9"));
        QCOMPARE(console.layoutId(), QStringLiteral("16"));
        QVERIFY(set.undo()); // then the console's
        QCOMPARE(console.layoutId(), QStringLiteral("1"));
        QVERIFY(set.redo());
        QCOMPARE(console.layoutId(), QStringLiteral("16"));
        QVERIFY(set.canRedo());
        screen.setLayout(QStringLiteral("4")); // a new step: redo gone
        QVERIFY(!set.canRedo());
        QVERIFY(!set.redo());
    }

    // A scene tour: the scenes in the operator's order, round and round, every screen switched at each step;
    // no undo steps, a tile's own tour does not end it, a hand change or a recall does.
    void sceneTour()
    {
        WallStore console(nullptr);
        WallStore screen(nullptr, nullptr, wallFileName(QStringLiteral("s@0,0")));
        WallScreenSet set(&console);
        set.addScreen(QStringLiteral("s@0,0"), 1, &screen);
        console.setLayout(QStringLiteral("1"));
        screen.setLayout(QStringLiteral("4"));
        QVERIFY(set.saveScene(QStringLiteral("A")));
        QVERIFY(!set.startSceneTour(3)); // one scene is no tour
        QVERIFY(!set.sceneTourActive());
        console.setLayout(QStringLiteral("9"));
        screen.setLayout(QStringLiteral("16"));
        QVERIFY(set.saveScene(QStringLiteral("B")));
        // C: a tile of the screen tours two cameras by itself.
        screen.setLayout(QStringLiteral("1"));
        QVERIFY(screen.startTour(0, {QStringLiteral("cam-1"), QStringLiteral("cam-2")}, 3));
        QVERIFY(set.saveScene(QStringLiteral("C")));
        QVERIFY(set.recallScene(QStringLiteral("A")));
        const int undoBefore = int(set.canUndo());

        QSignalSpy changed(&set, &WallScreenSet::sceneTourChanged);
        QSignalSpy recalled(&set, &WallScreenSet::sceneRecalled);
        QVERIFY(set.startSceneTour(1)); // clamped to the shortest dwell
        QVERIFY(set.sceneTourActive());
        QCOMPARE(set.sceneTourDwell(), kMinTourDwellSeconds);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(set.currentScene(), QStringLiteral("B")); // the one after the current, at once
        QCOMPARE(console.layoutId(), QStringLiteral("9"));
        QCOMPARE(screen.layoutId(), QStringLiteral("16"));
        set.advanceSceneTour();
        QCOMPARE(set.currentScene(), QStringLiteral("C"));
        QVERIFY(screen.state().tours.contains(0));
        set.advanceSceneTour();
        QCOMPARE(set.currentScene(), QStringLiteral("A")); // round again
        QCOMPARE(screen.layoutId(), QStringLiteral("4"));
        QVERIFY(set.sceneTourActive());
        QCOMPARE(int(set.canUndo()), undoBefore); // the tour's switches are not the operator's steps
        // The timer itself: the next scene after the dwell.
        QVERIFY(recalled.wait((kMinTourDwellSeconds + 2) * 1000));
        QCOMPARE(recalled.last().first().toString(), QStringLiteral("B"));

        console.assignCamera(0, QStringLiteral("cam-9")); // the operator takes over
        QVERIFY(!set.sceneTourActive());
        QCOMPARE(changed.size(), 2);
        QVERIFY(set.startSceneTour(5));
        QVERIFY(set.recallScene(QStringLiteral("A"))); // a scene by hand ends the tour too
        QVERIFY(!set.sceneTourActive());
        QCOMPARE(set.currentScene(), QStringLiteral("A"));
        QVERIFY(set.startSceneTour(5));
        set.stopSceneTour();
        QVERIFY(!set.sceneTourActive());
    }

    void damagedScenesFileIsKeptAside()
    {
        {
            WallStore console(nullptr);
            WallScreenSet set(&console);
            QVERIFY(set.saveScene(QStringLiteral("One")));
            QVERIFY(set.saveScene(QStringLiteral("Two"))); // the backup now holds "One"
        }
        const QString path = QDir(m_dir->path()).filePath(QStringLiteral("scenes.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("{\"version\": 1, \"scenes\": [trunc");
        }
        WallStore console(nullptr);
        WallScreenSet set(&console);
        QVERIFY(!set.load());
        QCOMPARE(set.sceneNames(), QStringList{"One"}); // from the backup
        QVERIFY(set.scenesError().contains(QLatin1String("backup")));
        QVERIFY(!QDir(m_dir->path()).entryList({"scenes.json.corrupt-*"}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWallScreens)
#include "tst_wall_screens.moc"
