#pragma once
// WallScreenSet: the wall's screens (the console's own wall and one WallStore per wall screen) and the scenes
// (预案) that snapshot and restore them all at once. QML sees it as the `WallScreens` singleton.
//
// The app adds a screen per wall window it opens (app/core WallWindows); a screen whose monitor was
// unplugged stays in the set with connected = false, keeps its wall, and shows it again when the monitor
// comes back. Scenes are kept in configDir()/scenes.json (atomic, with a backup; a damaged file is kept
// aside and `scenesError` says so). Thread: GUI only.
#include "vigil/wall/wall_screens.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtCore/QVariantList>
#include <QtQml/qqmlregistration.h>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QJSEngine;
QT_END_NAMESPACE

namespace vigil::wall {

class WallStore;

class WallScreenSet : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(WallScreens)
    QML_SINGLETON
    // Wall screens (not the console): [{ key, title, number, connected, store }], in screen order.
    Q_PROPERTY(QVariantList screens READ screens NOTIFY screensChanged)
    Q_PROPERTY(int count READ count NOTIFY screensChanged)
    // Scene names in the operator's order (the first nine: Alt+1..9).
    Q_PROPERTY(QStringList sceneNames READ sceneNames NOTIFY scenesChanged)
    // The scene recalled last, "" once the wall was changed after it (or none was recalled).
    Q_PROPERTY(QString currentScene READ currentScene NOTIFY currentSceneChanged)
    // Translated sentence when scenes.json was damaged at load or could not be saved; else "".
    Q_PROPERTY(QString scenesError READ scenesError NOTIFY scenesErrorChanged)
    // Undo / redo across the whole wall: the operator's last step on whichever screen it was (a scene recall
    // is one step on every screen it changed).
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoChanged)
    // A scene tour (whole-wall patrol): every scene in turn, each shown for sceneTourDwell seconds, until
    // stopped, a scene is recalled or the operator changes the wall by hand (an undoable step).
    Q_PROPERTY(bool sceneTourActive READ sceneTourActive NOTIFY sceneTourChanged)
    Q_PROPERTY(int sceneTourDwell READ sceneTourDwell NOTIFY sceneTourChanged)

public:
    // `console` is the console window's own wall (saved in scenes under kConsoleKey); may be null in tests.
    explicit WallScreenSet(WallStore *console, QObject *parent = nullptr);
    ~WallScreenSet() override;

    static WallScreenSet *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(WallScreenSet *instance);
    static WallScreenSet *instance();

    // A wall screen: `number` is the 1-based screen number shown to the operator ("Screen 2"); `title`, when
    // given, is shown instead (another PC's screen: "node-2 · Screen 1").
    void addScreen(const QString &key, int number, WallStore *store, const QString &title = {});
    void setConnected(const QString &key, bool connected);
    WallStore *store(const QString &key) const; // kConsoleKey gives the console's
    QStringList keys() const;                   // wall screens' keys, in order

    QVariantList screens() const;
    int count() const { return int(m_screens.size()); }
    QStringList sceneNames() const;
    QString currentScene() const { return m_currentScene; }
    QString scenesError() const { return m_scenesError; }
    bool canUndo() const { return !m_undoLog.isEmpty(); }
    bool canRedo() const { return !m_redoLog.isEmpty(); }
    const SceneBook &book() const { return m_book; }

    // Reads scenes.json. Returns false when it was damaged (scenesError says what was done).
    bool load();
    QString filePath() const { return m_path; }

    // Every screen's wall now (the console's under kConsoleKey).
    QMap<QString, WallState> snapshot() const;

    // Saves the whole wall (every screen and the console) as scene `name`, replacing one of that name.
    Q_INVOKABLE bool saveScene(const QString &name);
    // Puts every screen the scene knows back as it was (screens it does not know keep what they show).
    // Returns false for an unknown name.
    Q_INVOKABLE bool recallScene(const QString &name);
    Q_INVOKABLE bool recallSceneAt(int index);
    Q_INVOKABLE void deleteScene(const QString &name);
    Q_INVOKABLE bool renameScene(const QString &from, const QString &to);
    Q_INVOKABLE bool hasScene(const QString &name) const { return m_book.indexOf(name) >= 0; }
    // Every wall window shows its screen's name for a few seconds ("which monitor is Screen 3?").
    Q_INVOKABLE void identifyScreens() { emit identifyRequested(); }
    Q_INVOKABLE bool undo();
    Q_INVOKABLE bool redo();
    // Starts touring the scenes (at least two are needed): the scene after the current one (else the first)
    // at once, then the next every `dwellSeconds` (clamped as a tile tour's dwell), in the operator's order,
    // round and round. The tour's switches are not undo steps and not audited one by one (its start and end
    // are). Returns false with fewer than two scenes.
    Q_INVOKABLE bool startSceneTour(int dwellSeconds);
    Q_INVOKABLE void stopSceneTour();
    bool sceneTourActive() const { return m_sceneTour.isActive(); }
    int sceneTourDwell() const { return m_sceneTourDwell; }
    // The tour's next switch now, as its timer does (tests).
    void advanceSceneTour();

signals:
    void screensChanged();
    void scenesChanged();
    void currentSceneChanged();
    void scenesErrorChanged();
    // After recallScene() applied a scene (benchmarks time scene switches from it).
    void sceneRecalled(const QString &name);
    void identifyRequested();
    void undoChanged();
    void sceneTourChanged();

private:
    struct Screen
    {
        QString key;
        int number = 0;
        QString title; // "" = "Screen <number>"
        bool connected = true;
        QPointer<WallStore> store;
    };
    void setBook(const SceneBook &book);
    void setScenesError(const QString &text);
    void setCurrentScene(const QString &name);
    void watch(WallStore *store, const QString &key);
    // Undo and redo: the last step of `from` is undone/redone (`move`) on each of its screens and goes to
    // `to`.
    bool moveStep(QList<QStringList> &from, QList<QStringList> &to, bool (WallStore::*move)());
    // Applies a scene to every screen it knows; `operatorStep`: one undo step, audited.
    bool applyScene(const QString &name, bool operatorStep);
    void endSceneTour(const QString &why);

    static WallScreenSet *s_instance;
    QPointer<WallStore> m_console;
    QList<Screen> m_screens;
    SceneBook m_book;
    QString m_path;
    QString m_currentScene;
    QString m_scenesError;
    bool m_recalling = false;
    // Screen keys of each undo step, oldest first; a step may span screens (a scene).
    QList<QStringList> m_undoLog;
    QList<QStringList> m_redoLog;
    QStringList m_recallStep;
    QTimer m_sceneTour;
    int m_sceneTourDwell = 0;
};

} // namespace vigil::wall
